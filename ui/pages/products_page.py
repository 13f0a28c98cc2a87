"""The Products page: every product with its stock and recent sales, searchable and filterable."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.services.changes import PRODUCTS, SALES, SETTINGS, STOCK, SUPPLIERS
from core.store.queries import ProductRow
from core.services import edits as edits_service
from core.services import shop as shop_service
from ui.dialogs.product_edit_dialog import ProductEditDialog
from ui.dialogs.stocktake_dialog import StocktakeDialog
from ui.i18n import day_text, month_text
from ui.jobs import JobRunner, ProgressPanel
from ui.table_models import ROW_ROLE, Column, RowFilterProxy, RowsModel, number, number_key
from ui.pages.shop_page import ShopPage
from ui.widgets import content_or_note, row_table, shop_writable


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProductsPage", text)


def sold_titles(period: str) -> tuple[str, str]:
    """The two "sold" columns' titles in the shop's sales period (core.store.queries.SOLD_WINDOWS)."""
    if period == "month":
        return _tr("Sold, last month"), _tr("Sold, last 3 months")
    if period == "week":
        return _tr("Sold, last 4 weeks"), _tr("Sold, last 13 weeks")
    return _tr("Sold, 30 days"), _tr("Sold, 90 days")


def product_columns(period: str = "day") -> list[Column[ProductRow]]:
    inactive = (lambda p: not p.active)
    short, long = sold_titles(period)
    return [
        Column(_tr("Product code"), lambda p: p.sku, lambda p: p.sku.casefold(), muted=inactive),
        Column(_tr("Description"), lambda p: p.name, muted=inactive, tooltip=lambda p: p.name),
        Column(_tr("Category"), lambda p: p.category, muted=inactive),
        Column(_tr("Supplier"), lambda p: p.supplier, muted=inactive),
        Column(_tr("On hand"), lambda p: number(p.on_hand), lambda p: number_key(p.on_hand), numeric=True,
               tooltip=lambda p: _tr("Counted on {date}").format(date=p.on_hand_date) if p.on_hand_date else
               _tr("Never counted")),
        Column(short, lambda p: number(p.sold_short), lambda p: float(p.sold_short), numeric=True),
        Column(long, lambda p: number(p.sold_long), lambda p: float(p.sold_long), numeric=True),
        # a monthly total is dated on its month's first day: the month, not a day, is what is known
        Column(_tr("Last sale"), (lambda p: month_text(p.last_sale) if p.last_sale else "") if period == "month"
               else (lambda p: p.last_sale or ""), lambda p: p.last_sale or ""),
        Column(_tr("Active"), lambda p: _tr("yes") if p.active else _tr("no"), lambda p: int(p.active)),
    ]


class ProductsModel(RowsModel[ProductRow]):
    """The cached ProductRow list of one overview."""

    def __init__(self, parent=None):
        super().__init__(product_columns(), parent)


class ProductsFilter(RowFilterProxy):
    """Search text (product code or description, any case), one supplier, one category."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""
        self.supplier: str | None = None
        self.category: str | None = None

    def update(self, *, search: str | None = None, supplier: str | None | bool = False,
               category: str | None | bool = False) -> None:
        if search is not None:
            self.search = search.strip().casefold()
        if supplier is not False:
            self.supplier = supplier
        if category is not False:
            self.category = category
        active = self.search or self.supplier is not None or self.category is not None
        self.set_filter(self._accepts_product if active else None)

    def _accepts_product(self, p: ProductRow) -> bool:
        if self.supplier is not None and p.supplier != self.supplier:
            return False
        if self.category is not None and p.category != self.category:
            return False
        return not self.search or self.search in p.sku.casefold() or self.search in p.name.casefold()


class ProductsPage(ShopPage, QWidget):
    """Loads the overview in the background whenever the shop changes."""

    LOAD_JOB = "products"
    # What it shows: it reads the shop again when one of these changed.
    WATCHES = frozenset({SALES, STOCK, PRODUCTS, SUPPLIERS, SETTINGS})

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.as_of = None
        self.overview = None
        self.period = "day"
        self.suppliers: list[str] = []
        self.dialog: ProductEditDialog | None = None
        self.model = ProductsModel(self)
        self.proxy = ProductsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by product code or description"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(search=text))
        self.supplier = QComboBox(self)
        self.category = QComboBox(self)
        for combo, key in ((self.supplier, "supplier"), (self.category, "category")):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(partial(self._combo_changed, combo, key))
        self._fill_combo(self.supplier, self.tr("All suppliers"), [])
        self._fill_combo(self.category, self.tr("All categories"), [])

        self.table = row_table(self, self.proxy, {0: 110, 2: 130, 3: 170, 4: 80, 5: 100, 6: 100, 7: 95, 8: 60},
                               sort_column=0)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _index: self.open_editor())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_edit_button())
        self.edit_button = QPushButton(self.tr("Change selected…"), self)
        self.edit_button.setToolTip(self.tr("Set a supplier, a cost, a pack size ... for every selected product"))
        self.edit_button.clicked.connect(lambda: self.open_editor())
        self.edit_button.setEnabled(False)
        self.stocktake_button = QPushButton(self.tr("Stocktake…"), self)
        self.stocktake_button.setToolTip(self.tr("Count what is on the shelves: type or scan the counts, or save a "
                                                 "count sheet to print"))
        self.stocktake_button.clicked.connect(lambda: self.open_stocktake())
        self.stocktake_dialog: StocktakeDialog | None = None

        self.stack, self.empty = content_or_note(self, self.table)
        self.progress = ProgressPanel(self)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.supplier)
        filters.addWidget(self.category)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.stocktake_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        self._show_empty(self.tr("No shop is open."))

    # ---- loading
    def _load(self, shop_path: Path, *, ctx) -> shop_service.ProductsData:
        return shop_service.load_products(shop_path, ctx=ctx)

    def _clear(self) -> None:
        self.model.set_rows([])

    def _loaded(self, data: shop_service.ProductsData) -> None:
        self.as_of = data.overview.as_of
        self.overview = data.overview
        if data.overview.period != self.period:
            self.period = data.overview.period
            self.model.set_columns(product_columns(self.period))
            metrics = self.table.horizontalHeader().fontMetrics()
            for column in (5, 6):       # "Sold, last 3 months" whole
                title = self.model.headerData(column, Qt.Orientation.Horizontal)
                self.table.setColumnWidth(column, max(self.table.columnWidth(column),
                                                      metrics.horizontalAdvance(title) + 24))
        self.model.set_rows(data.overview.rows)
        self.suppliers = list(data.suppliers)
        self._fill_combo(self.supplier, self.tr("All suppliers"), data.suppliers)
        self._fill_combo(self.category, self.tr("All categories"), data.categories)
        if data.overview.rows:
            self.stack.setCurrentWidget(self.table)
        else:
            self._show_empty(self.tr("This shop has no products yet.\n\nUse File ▸ Import… (or drop a spreadsheet "
                                     "on this window) to bring in your sales or your product list."))
        self._update_heading()

    def _note_shown(self) -> None:
        self.heading.setText(self.tr("Products"))

    # ---- filtering
    def _fill_combo(self, combo: QComboBox, all_label: str, names: list[str]) -> None:
        """New choices, keeping the chosen one where it still exists (filtering again only if it does not)."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, None)
        for name in names:
            combo.addItem(name, name)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        combo.setEnabled(bool(names))
        if combo.currentData() != current:
            self._filter(**{"supplier" if combo is self.supplier else "category": combo.currentData()})

    def _combo_changed(self, combo: QComboBox, key: str, _index: int) -> None:
        self._filter(**{key: combo.currentData()})

    def _filter(self, **change) -> None:
        self.proxy.update(**change)
        self._update_heading()

    def _update_heading(self) -> None:
        total = self.model.rowCount()
        if self.as_of is None or not total:
            return
        shown = self.proxy.rowCount()
        count = (self.tr("{n} products").format(n=f"{total:,}") if shown == total else
                 self.tr("{shown} of {n} products").format(shown=f"{shown:,}", n=f"{total:,}"))
        overview = self.overview
        if overview is not None and overview.period == "month":
            upto = self.tr("sales up to the end of {month}").format(month=month_text(overview.through))
        elif overview is not None and overview.period == "week":
            upto = self.tr("sales up to the week of {day}").format(day=day_text(self.as_of))
        else:
            upto = self.tr("sales up to {day}").format(day=day_text(self.as_of))
        self.heading.setText(self.tr("{count} — {sales_up_to}").format(count=count, sales_up_to=upto))

    # ---- editing
    def selected_skus(self) -> list[str]:
        return [index.data(ROW_ROLE).sku for index in self.table.selectionModel().selectedRows()]

    def _update_edit_button(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count > 0 and shop_writable())
        self.edit_button.setText(self.tr("Change {count} selected…").format(count=f"{count:,}") if count > 1 else
                                 self.tr("Change selected…"))

    def open_editor(self, field: str = "supplier") -> ProductEditDialog | None:
        skus = self.selected_skus()
        if not skus or self.shop_path is None:
            return None
        self.dialog = ProductEditDialog(skus, self.suppliers, self, field=field)
        self.dialog.buttons.accepted.connect(partial(self._save, self.dialog))
        self.dialog.show()
        return self.dialog

    def _save(self, dialog: ProductEditDialog) -> None:
        dialog.buttons.setEnabled(False)
        self.runner.start("products-edit", partial(edits_service.edit_products, self.shop_path, skus=dialog.skus,
                                                   values=dialog.values()),
                          success=lambda done: (dialog.accept(), self.runner.message.emit(done.label)),
                          failure=lambda error: dialog.refused(str(error)))

    def open_stocktake(self) -> StocktakeDialog | None:
        if self.shop_path is None:
            return None
        self.stocktake_dialog = StocktakeDialog(self.shop_path, self.suppliers, self.runner, self)
        self.stocktake_dialog.stored.connect(lambda done: self.runner.message.emit(done.summary))
        self.stocktake_dialog.show()
        return self.stocktake_dialog

    def show_supplier(self, name: str) -> None:
        """Only this supplier's products (the Suppliers page's Its products)."""
        index = self.supplier.findData(name)
        if index >= 0:
            self.supplier.setCurrentIndex(index)
