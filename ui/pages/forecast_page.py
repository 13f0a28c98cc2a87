"""The Forecast page: make a forecast of every product (in the background, with Cancel), see how each product
is forecast and how well that worked, and put in the owner's own figure for days they know better."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from core.services.changes import PRODUCTS, SALES, SETTINGS
from core.services import forecast as forecast_service
from ui.widgets.forecast_chart import ForecastChart
from ui.i18n import day_text
from ui.jobs import JobRunner, ProgressPanel
from core.services.forecast import ForecastData, ForecastRow, ProductForecast
from ui.dialogs.override_dialog import OverrideDialog
from ui.models.forecast_rows import (  # noqa: F401 - the window and the tests read these from the page too
    ForecastFilter, ForecastModel, abc_words, device_words, forecast_columns, model_sentence, model_short,
    pattern_words, run_header, versus_last_week, xyz_words)
from ui.table_models import ROW_ROLE, number
from ui.pages.shop_page import ShopPage
from ui.widgets import empty_note, row_table, select_sku, selected_data, shop_writable, splitter

SELECT_DELAY_MS = 150     # a product is read once the selection rests (arrowing down the table reads one)


class ForecastPage(ShopPage, QWidget):
    """The latest forecast run, read whenever the shop changes; a new one made on request."""

    # What it shows; a new run or an override made on this page it shows itself.
    WATCHES = frozenset({SALES, PRODUCTS, SETTINGS})

    device_seen = Signal(str)     # where a run's neural model ran ('cuda', 'cpu'...), after a run with it

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.data: ForecastData | None = None
        self.product: ProductForecast | None = None
        self.override_dialog: OverrideDialog | None = None
        self.model = ForecastModel(self)
        self.period = "day"                 # the unit of the run shown: day, week or month
        self.proxy = ForecastFilter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self.tr("Forecast"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.neural = QCheckBox(self.tr("Use the neural model"), self)
        self.neural.setChecked(True)
        self.neural.setToolTip(self.tr(
            "The neural model learns from all your products at once how weekdays, holidays, promotions and prices "
            "move sales. It is slower: a few minutes for a few hundred products without a graphics card."))
        self.forecast_button = QPushButton(self.tr("Forecast"), self)
        self.forecast_button.setToolTip(self.tr("Forecast every product's sales for the next four weeks"))
        self.forecast_button.clicked.connect(self.start_forecast)
        self.forecast_button.setEnabled(False)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.progress = ProgressPanel(self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by product code or description"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = row_table(self, self.proxy, {0: 100, 2: 180, 3: 90, 4: 44, 5: 44, 6: 90, 7: 150},
                               sort_column=0, single=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._select_timer = QTimer(self)
        self._select_timer.setSingleShot(True)
        self._select_timer.setInterval(SELECT_DELAY_MS)
        self._select_timer.timeout.connect(self._load_product)

        self.empty = empty_note(self)
        self.product_title = QLabel(self)
        self.product_title.setStyleSheet("font-weight: bold;")
        self.override_button = QPushButton(self.tr("Override…"), self)
        self.override_button.setToolTip(self.tr("Put in your own quantity a day for days you know better"))
        self.override_button.clicked.connect(self.open_override_dialog)
        self.chart = ForecastChart(self)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.accuracy = QLabel(self)       # core's sentence, as it is
        self.accuracy.setWordWrap(True)
        self.overrides_label = QLabel(self.tr("Your overrides"), self)
        self.overrides = QListWidget(self)
        self.overrides.setMaximumHeight(72)
        self.overrides.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_override)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.neural)
        top.addWidget(self.forecast_button)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.search)
        table_layout.addWidget(self.table, 1)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.product_title, 1)
        title_row.addWidget(self.chart.controls)
        title_row.addSpacing(12)
        title_row.addWidget(self.override_button)
        detail_layout.addLayout(title_row)
        detail_layout.addWidget(self.chart, 1)
        below = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.facts)
        words.addWidget(self.accuracy)
        words.addStretch(1)
        below.addLayout(words, 3)
        changes = QVBoxLayout()
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.overrides_label, 1)
        remove_row.addWidget(self.remove_button)
        changes.addLayout(remove_row)
        changes.addWidget(self.overrides)
        below.addLayout(changes, 2)
        detail_layout.addLayout(below)
        self.splitter = splitter(self, Qt.Orientation.Vertical, [table_box, detail], [210, 520], [2, 5])
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        self._show_product(None)
        self._show_empty(self.tr("No shop is open."))

    # ---- loading the latest run
    def set_shop(self, shop_path: Path | None) -> None:
        if shop_path != self.shop_path:
            self.runner.cancel("forecast-run", supersede=True)    # a forecast of the shop no longer shown
            self.model.set_rows([])
            self._show_product(None)
        self.shop_path = shop_path
        self.refresh()

    def refresh(self) -> None:
        self._update_buttons()
        if self.shop_path is None:
            self.data = None
            self.model.set_rows([])
            self.header.clear()
            self._show_empty(self.tr("No shop is open."))
            return
        self.runner.start("forecast-load", partial(forecast_service.load_forecast, self.shop_path),
                          success=partial(self._loaded, self.shop_path))

    def _loaded(self, shop_path: Path, data: ForecastData) -> None:
        if shop_path != self.shop_path:
            return
        selected = self.selected_sku()
        self.data = data
        period = (data.run or {}).get("period") or "day"
        if period != self.period:
            self.period = period
            self.model.set_columns(forecast_columns(period))
        self.model.set_rows(data.rows)
        if data.run is None:
            self.header.clear()
            self._show_empty(self.tr(
                "No forecast yet.\n\nPress Forecast to forecast every product's sales for the next four weeks "
                "from its sales history.") if data.last_sale else self.tr(
                "This shop has no sales yet.\n\nUse File ▸ Import… to bring in your sales history; then press "
                "Forecast."))
            self._show_product(None)
        else:
            self.header.setText(run_header(data.run, data.last_sale))
            self.stack.setCurrentWidget(self.splitter)
            self.heading.setText(self.tr("Forecast: {n} products").format(n=f"{len(data.rows):,}"))
            if not self.select_sku(selected) and self.proxy.rowCount():
                self.table.selectRow(0)
        self._update_buttons()

    def _note_shown(self) -> None:
        self.heading.setText(self.tr("Forecast"))

    def _filter(self, text: str) -> None:
        self.proxy.set_search(text)

    # ---- making a forecast
    def start_forecast(self) -> None:
        if self.shop_path is None or self.runner.is_running("forecast-run"):
            return
        neural = self.neural.isChecked()
        self.forecast_button.setEnabled(False)
        self.runner.start("forecast-run", partial(forecast_service.run_forecast, self.shop_path, neural=neural),
                          success=partial(self._forecast_done, self.shop_path, neural),
                          finished=self._update_buttons, progress=self.progress)
        self.progress.label.setText(self.tr("Reading the sales history…"))

    def _forecast_done(self, shop_path: Path, neural: bool, data: ForecastData) -> None:
        self._loaded(shop_path, data)
        if shop_path == self.shop_path and neural and data.run is not None:
            self.device_seen.emit(data.run.get("device") or "")

    def _update_buttons(self) -> None:
        running = self.runner.is_running("forecast-run")
        writable = shop_writable()
        self.forecast_button.setEnabled(self.shop_path is not None and not running and writable)
        has_product = self.product is not None
        self.override_button.setEnabled(has_product and len(self.product.view.forecast) > 0 and writable)
        self.remove_button.setEnabled(has_product and self.overrides.currentRow() >= 0 and writable)

    # ---- one product
    def selected_row(self) -> ForecastRow | None:
        return selected_data(self.table, ROW_ROLE)

    def selected_sku(self) -> str | None:
        row = self.selected_row()
        return row.sku if row is not None else None

    def select_sku(self, sku: str | None) -> bool:
        """Select a product by its code (True if it is listed)."""
        return select_sku(self.table, ROW_ROLE, sku, centre=True)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.product_title.setText(f"{row.sku} — {row.name}" if row.name else row.sku)
        self._select_timer.start()

    def _load_product(self) -> None:
        sku = self.selected_sku()
        if sku is None or self.shop_path is None:
            return
        self.runner.start("forecast-product", partial(forecast_service.load_product_forecast, self.shop_path, sku=sku),
                          success=self._show_product)

    def _show_product(self, product: ProductForecast | None) -> None:
        self.product = product
        self.overrides.clear()
        if product is None:
            self.product_title.setText(self.tr("No product chosen"))
            self.chart.show_message(self.tr("Choose a product to see its forecast."))
            self.facts.clear()
            self.accuracy.clear()
            self._update_buttons()
            return
        view = product.view
        self.product_title.setText(f"{view.sku} — {view.name}" if view.name else view.sku)
        self.chart.show_view(view)
        pattern, meaning = pattern_words(view.period).get(view.pattern, (view.pattern, ""))
        lines = [self.tr("<b>Model:</b> {sentence}").format(sentence=model_sentence(view.model, view.period))]
        demand = self.tr("<b>Demand:</b> {pattern}").format(pattern=pattern)
        if meaning:
            demand += self.tr(" — it {meaning}.").format(meaning=meaning)
        if view.abc or view.xyz:
            demand += " " + self.tr("Class {abc}; {xyz}.").format(abc=abc_words(view.abc), xyz=xyz_words(view.xyz, view.period))
        lines.append(demand)
        self.facts.setText("<br>".join(lines))
        self.accuracy.setText(view.accuracy_text)
        for override in product.overrides:
            item = QListWidgetItem(self.tr("{start} to {end}: {qty} a day — {note}").format(
                start=day_text(override.start), end=day_text(override.end), qty=number(round(override.qty_per_day, 1)),
                note=override.note), self.overrides)
            item.setData(Qt.ItemDataRole.UserRole, override.id)
            item.setToolTip(self.tr("Added {when}").format(when=override.created_at.replace("T", " ")[:16]))
        self._update_buttons()

    # ---- overrides
    def open_override_dialog(self) -> OverrideDialog | None:
        if self.product is None or not len(self.product.view.forecast):
            return None
        view = self.product.view
        days = view.forecast.index
        first, last = days[0].date(), days[-1].date()
        suggested = float(view.forecast["mean"].iloc[:7].mean())
        if self.override_dialog is not None:
            self.override_dialog.deleteLater()
        self.override_dialog = OverrideDialog(view.sku, view.name, first, last, suggested, self)
        self.override_dialog.accepted.connect(partial(self._override_accepted, self.override_dialog, view.sku))
        self.override_dialog.open()
        return self.override_dialog

    def _override_accepted(self, dialog: OverrideDialog, sku: str) -> None:
        start, end, qty, note = dialog.values()
        self.runner.start("forecast-override", partial(forecast_service.add_forecast_override, self.shop_path, sku=sku, start=start,
                                                       end=end, qty_per_day=qty, note=note),
                          success=self._override_changed, progress=self.progress)

    def remove_override(self) -> None:
        item = self.overrides.currentItem()
        if item is None or self.product is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove override"),
            self.tr("Remove this override?\n\n{what}\n\nThe forecast is used again for those days.").format(
                what=item.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.runner.start("forecast-override",
                          partial(forecast_service.remove_forecast_override, self.shop_path, sku=self.product.view.sku,
                                  override_id=item.data(Qt.ItemDataRole.UserRole)),
                          success=self._override_changed, progress=self.progress)

    def _override_changed(self, product: ProductForecast) -> None:
        if product.view.sku == self.selected_sku():
            self._show_product(product)
