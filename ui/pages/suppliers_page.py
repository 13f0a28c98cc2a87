"""The Suppliers page: every supplier with its products, open orders and the lead time its deliveries really took;
add, edit (double-click), retire and bring back. Each change is one undoable edit (Edit ▸ Undo)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.errors import UserError
from core.services import suppliers as suppliers_service
from core.services.changes import ORDERS, PRODUCTS, SUPPLIERS
from core.services.suppliers import SupplierRow
from ui.dialogs.supplier_dialog import SupplierDialog
from ui.messages import show_error
from ui.i18n import order_days_text
from ui.jobs import JobRunner, ProgressPanel
from ui.table_models import ROW_ROLE, Column, RowFilterProxy, RowsModel, number, number_key
from ui.pages.shop_page import ShopPage
from ui.widgets import content_or_note, row_table, shop_writable

JOB = "suppliers"
SAVE_JOB = "suppliers-save"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SuppliersPage", text)


def _days(value: float | None) -> str:
    return "" if value is None else _tr("{days} days").format(days=number(value))


def supplier_columns() -> list[Column[SupplierRow]]:
    retired = (lambda s: not s.active)
    return [
        Column(_tr("Supplier"), lambda s: s.name, muted=retired, tooltip=lambda s: s.notes),
        Column(_tr("E-mail"), lambda s: s.email, muted=retired),
        Column(_tr("Phone"), lambda s: s.phone, muted=retired),
        Column(_tr("Lead time"), lambda s: _days(s.lead_time_days), lambda s: number_key(s.lead_time_days),
               numeric=True, muted=retired),
        Column(_tr("Deliveries took"), lambda s: _days(s.learned_lead_days), lambda s: number_key(s.learned_lead_days),
               numeric=True, muted=retired,
               tooltip=lambda s: _tr("The median of its received orders") if s.learned_lead_days is not None else ""),
        Column(_tr("Order days"), lambda s: order_days_text(s.order_days) or _tr("any day"), muted=retired),
        Column(_tr("Minimum order"), lambda s: number(s.min_order_value), lambda s: number_key(s.min_order_value),
               numeric=True, muted=retired),
        Column(_tr("Products"), lambda s: number(s.products), lambda s: s.products, numeric=True, muted=retired),
        Column(_tr("Open orders"), lambda s: number(s.open_orders), lambda s: s.open_orders, numeric=True,
               muted=retired),
        Column(_tr("Status"), lambda s: _tr("in use") if s.active else _tr("retired"), lambda s: int(s.active),
               muted=retired),
    ]


class SuppliersPage(ShopPage, QWidget):
    """Reads the suppliers in the background whenever suppliers, products or orders changed."""

    LOAD_JOB = JOB
    WATCHES = frozenset({SUPPLIERS, PRODUCTS, ORDERS})
    saved = Signal(object)        # the SupplierRow just stored
    products_wanted = Signal(str)     # a supplier's name: the owner wants to see its products

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.dialog: SupplierDialog | None = None
        self.model: RowsModel[SupplierRow] = RowsModel(supplier_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.heading = QLabel(self.tr("Suppliers"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.add_button = QPushButton(self.tr("Add supplier…"), self)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(lambda: self.open_editor(self.selected()))
        self.retire_button = QPushButton(self.tr("Retire"), self)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.products_button = QPushButton(self.tr("Its products"), self)
        self.products_button.setToolTip(self.tr("The Products page with this supplier's products"))
        self.products_button.clicked.connect(
            lambda: self.products_wanted.emit(self.selected().name) if self.selected() is not None else None)
        self.show_retired = QCheckBox(self.tr("Show retired"), self)
        self.show_retired.toggled.connect(lambda _on: self._filter())
        self.table = row_table(self, self.proxy, {0: 180, 1: 200, 2: 110, 3: 80, 4: 110, 5: 100, 6: 115, 7: 75, 8: 95},
                               stretch=1, sort_column=0, single=True)
        self.table.doubleClicked.connect(lambda _index: self.open_editor(self.selected()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.stack, self.empty = content_or_note(self, self.table)
        self.progress = ProgressPanel(self)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.retire_button, self.products_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_retired)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        self._filter()
        self._show_empty(self.tr("No shop is open."))

    # ---- loading
    def _load(self, shop_path: Path, *, ctx) -> list[SupplierRow]:
        return suppliers_service.list_suppliers(shop_path, ctx=ctx)

    def _clear(self) -> None:
        self.model.set_rows([])

    def _loaded(self, rows: list[SupplierRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if rows:
            self.stack.setCurrentWidget(self.table)
        else:
            self._show_empty(self.tr("No suppliers yet.\n\nAdd the firms you buy from (Add supplier…), then give "
                                     "your products their supplier on the Products page, so that the plan can "
                                     "order from them."))
        in_use = sum(1 for r in rows if r.active)
        self.heading.setText(self.tr("Suppliers — {count} in use").format(count=in_use) if rows else
                             self.tr("Suppliers"))
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def _note_shown(self) -> None:
        self._update_buttons()

    def _filter(self) -> None:
        self.proxy.set_filter(None if self.show_retired.isChecked() else (lambda s: s.active))

    # ---- selection
    def selected(self) -> SupplierRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, supplier_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == supplier_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected()
        writable = shop_writable()
        self.add_button.setEnabled(self.shop_path is not None and writable)
        self.edit_button.setEnabled(row is not None and writable)
        self.retire_button.setEnabled(row is not None and writable)
        self.products_button.setEnabled(row is not None and row.products > 0)
        self.retire_button.setText(self.tr("Bring back") if row is not None and not row.active else
                                   self.tr("Retire"))

    # ---- changes
    def open_editor(self, supplier: SupplierRow | None) -> SupplierDialog | None:
        if self.shop_path is None:
            return None
        self.dialog = SupplierDialog(supplier, self)
        self.dialog.buttons.accepted.connect(partial(self._save, self.dialog))
        self.dialog.show()
        return self.dialog

    def _save(self, dialog: SupplierDialog) -> None:
        dialog.buttons.setEnabled(False)
        supplier_id = dialog.supplier.id if dialog.supplier is not None else None
        self.runner.start(SAVE_JOB, partial(suppliers_service.save_supplier, self.shop_path, values=dialog.values(),
                                            supplier_id=supplier_id),
                          success=partial(self._saved, dialog), failure=lambda error: dialog.refused(str(error)))

    def _saved(self, dialog: SupplierDialog, row: SupplierRow) -> None:
        dialog.accept()
        self.saved.emit(row)

    def toggle_retired(self) -> None:
        row = self.selected()
        if row is None or self.shop_path is None:
            return
        self.runner.start(SAVE_JOB, partial(suppliers_service.set_supplier_active, self.shop_path, supplier_id=row.id,
                                            active=not row.active),
                          failure=partial(self._refused, self.tr("Suppliers")))

    def _refused(self, title: str, error: UserError) -> None:
        show_error(self, error, title)
