"""The Forecast page: make a forecast of every product (in the background, with Cancel), see how each product
is forecast and how well that worked, and put in the owner's own figure for days they know better."""
from __future__ import annotations

import datetime as dt
import json
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from core.services.changes import PRODUCTS, SALES, SETTINGS
from core.services import forecast as forecast_service
from ui.forecast_chart import ForecastChart
from ui.i18n import day_format, day_text  # noqa: F401 - the pages import day_text from here too
from ui.jobs import JobRunner, ProgressPanel
from core.services.forecast import ForecastData, ForecastRow, ProductForecast
from ui.table_models import ROW_ROLE, Column, RowFilterProxy, RowsModel, number, number_key
from ui.widgets import empty_note, row_table, shop_writable

SELECT_DELAY_MS = 150     # a product is read once the selection rests (arrowing down the table reads one)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ForecastPage", text)


# ---- the owner's words for what core reports


def device_words(device: str | None) -> str:
    return {"cuda": _tr("GPU (CUDA)"), "mps": _tr("GPU (Apple)"), "cpu": _tr("CPU")}.get(device or "", device or "")


def model_names(period: str = "day") -> dict[str, tuple[str, str]]:
    """alias -> (short name for the table, what it does in plain words), in the run's period (a monthly shop's
    'naive' repeats last month, its average is of the last three months: core.forecasting.periods)."""
    names = {
        "naive": (_tr("Last day"), _tr("repeating the last day's sales")),
        "seasonal_naive": (_tr("Last week"), _tr("repeating the same weekday of last week")),
        "moving_average": (_tr("4-week average"), _tr("the average of the last four weeks")),
        "croston": (_tr("Croston"), _tr("Croston's method, for products that sell now and then")),
        "sba": (_tr("SBA"), _tr("Croston's method with its bias corrected (SBA), for products that sell now and "
                                "then")),
        "tsb": (_tr("TSB"), _tr("the TSB method, for products that sell now and then and may be fading")),
        "adida": (_tr("ADIDA"), _tr("ADIDA, which forecasts the sales of several periods added up, for products "
                                    "that sell now and then")),
        "regression": (_tr("Calendar"), _tr("a calendar model of weekdays, holidays, promotions and prices")),
        "ets": (_tr("Smoothing"), _tr("exponential smoothing (ETS)")),
        "arima": (_tr("ARIMA"), _tr("an ARIMA time-series model")),
        "neural": (_tr("Neural"), _tr("the neural model, which learns from all your products at once")),
    }
    if period == "month":
        names.update({
            "naive": (_tr("Last month"), _tr("repeating last month's sales")),
            "seasonal_naive": (_tr("Last year"), _tr("repeating the same month of last year")),
            "moving_average": (_tr("3-month average"), _tr("the average of the last three months"))})
    elif period == "week":
        names.update({
            "naive": (_tr("Last week"), _tr("repeating last week's sales")),
            "seasonal_naive": (_tr("Last year"), _tr("repeating the same week of last year")),
            "moving_average": (_tr("8-week average"), _tr("the average of the last eight weeks"))})
    return names


def model_parts(label: str) -> list[tuple[str, str]]:
    """'neural 55% + sba 45%' -> [('neural', '55%'), ('sba', '45%')]; 'naive' -> [('naive', '')]."""
    parts = []
    for part in (label or "").split(" + "):
        name, _, weight = part.strip().partition(" ")
        if name:
            parts.append((name, weight.strip()))
    return parts


def model_short(label: str, period: str = "day") -> str:
    names = model_names(period)
    return " + ".join(names.get(name, (name.replace("_", " "), ""))[0] for name, _ in model_parts(label))


def model_sentence(label: str, period: str = "day") -> str:
    names = model_names(period)
    parts = model_parts(label)
    if not parts:
        return ""
    described = [names.get(name, ("", name.replace("_", " ")))[1] for name, _ in parts]
    if len(parts) == 1:
        return _tr("Forecast with {model}.").format(model=described[0])
    blend = [_tr("{model} ({weight})").format(model=text, weight=weight) if weight else text
             for text, (_, weight) in zip(described, parts)]
    return _tr("A blend of {models}: together they did best on this product's past.").format(
        models=_tr(" and ").join([", ".join(blend[:-1]), blend[-1]]))


def pattern_words(period: str = "day") -> dict[str, tuple[str, str]]:
    words = {
        "smooth": (_tr("smooth"), _tr("sells on most days, in steady amounts")),
        "erratic": (_tr("erratic"), _tr("sells on most days, in amounts that vary a lot")),
        "intermittent": (_tr("intermittent"), _tr("sells now and then, in steady amounts")),
        "lumpy": (_tr("lumpy"), _tr("sells now and then, in amounts that vary a lot")),
        "no sales": (_tr("no sales"), _tr("has not sold yet")),
        "stopped": (_tr("stopped selling"), _tr("no sale for far longer than it used to go without one: not reordered")),
    }
    if period == "month":
        words["smooth"] = (_tr("smooth"), _tr("sells in most months, in steady amounts"))
        words["erratic"] = (_tr("erratic"), _tr("sells in most months, in amounts that vary a lot"))
    elif period == "week":
        words["smooth"] = (_tr("smooth"), _tr("sells in most weeks, in steady amounts"))
        words["erratic"] = (_tr("erratic"), _tr("sells in most weeks, in amounts that vary a lot"))
    return words


def abc_words(abc: str) -> str:
    return {"A": _tr("A: among the products that bring in 80% of the sales value"),
            "B": _tr("B: among those that bring in the next 15%"),
            "C": _tr("C: among those that bring in the last 5%")}.get(abc, abc)


def xyz_words(xyz: str, period: str = "day") -> str:
    if period == "month":
        return {"X": _tr("X: steady from month to month"), "Y": _tr("Y: varies from month to month"),
                "Z": _tr("Z: very irregular from month to month")}.get(xyz, xyz)
    return {"X": _tr("X: steady from week to week"), "Y": _tr("Y: varies from week to week"),
            "Z": _tr("Z: very irregular from week to week")}.get(xyz, xyz)


def improvement(row: ForecastRow) -> float | None:
    """How much smaller the forecast's error was than repeating last week's sales (0.3 = 30% smaller)."""
    if row.mae is None or not row.mae_baseline:
        return None
    return 1.0 - row.mae / row.mae_baseline


def versus_last_week(row: ForecastRow) -> str:
    gain = improvement(row)
    if gain is None:
        return ""
    if abs(gain) < 0.02:
        return _tr("about the same")
    if gain > 0:
        return _tr("{p}% better").format(p=round(gain * 100))
    return _tr("{p}% worse").format(p=round(-gain * 100))


def quantity(value: float | None) -> str:
    """A forecast quantity: 168, 2.6, 0.4 (one decimal below 100)."""
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def _next_column(period: str) -> Column[ForecastRow]:
    """The next period's demand: the next 7 days of a daily run, the next week or month of a run in periods."""
    if period == "month":
        title, tip = _tr("Next month"), _tr("{n} expected over the forecast's months")
    elif period == "week":
        title, tip = _tr("Next week"), _tr("{n} expected over the forecast's weeks")
    else:
        title, tip = _tr("Next 7 days"), _tr("{n} expected over the next 4 weeks")
    return Column(title, lambda r: quantity(r.next_7_days), lambda r: number_key(r.next_7_days), numeric=True,
                  tooltip=lambda r: tip.format(n=quantity(r.next_horizon)) if r.next_horizon is not None else "")


def forecast_columns(period: str = "day") -> list[Column[ForecastRow]]:
    """The forecast table's columns; a run in weeks or months (a shop of weekly or monthly totals) says so."""
    patterns = pattern_words(period)
    if period == "day":
        versus = Column(
            _tr("vs. last week's sales"), versus_last_week, lambda r: number_key(improvement(r)), numeric=True,
            tooltip=lambda r: _tr("Off by {mae} a day on average; repeating last week's sales: {base}").format(
                mae=quantity(r.mae), base=quantity(r.mae_baseline)) if improvement(r) is not None else "")
    else:
        versus = Column(
            _tr("Off by, a month") if period == "month" else _tr("Off by, a week"), lambda r: quantity(r.mae),
            lambda r: number_key(r.mae), numeric=True,
            tooltip=lambda r: _tr("Tested on the last periods before the forecast: off by {mae} units a period on "
                                  "average").format(mae=quantity(r.mae)) if r.mae is not None else "")
    return [
        Column(_tr("Product code"), lambda r: r.sku, lambda r: r.sku.casefold()),
        Column(_tr("Description"), lambda r: r.name, tooltip=lambda r: r.name),
        Column(_tr("Model"), lambda r: model_short(r.model, period),
               tooltip=lambda r: model_sentence(r.model, period)),
        Column(_tr("Pattern"), lambda r: patterns.get(r.pattern, (r.pattern, ""))[0],
               tooltip=lambda r: patterns.get(r.pattern, ("", ""))[1]),
        Column(_tr("ABC"), lambda r: r.abc, tooltip=lambda r: abc_words(r.abc)),
        Column(_tr("XYZ"), lambda r: r.xyz, tooltip=lambda r: xyz_words(r.xyz, period)),
        _next_column(period),
        versus,
    ]


class ForecastModel(RowsModel[ForecastRow]):
    """The cached products of one forecast run."""

    def __init__(self, parent=None):
        super().__init__(forecast_columns(), parent)


class ForecastFilter(RowFilterProxy):
    """Search text in the product code or the description, any case."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""

    def set_search(self, text: str) -> None:
        self.search = text.strip().casefold()
        self.set_filter(self._accepts_row if self.search else None)

    def _accepts_row(self, row: ForecastRow) -> bool:
        return self.search in row.sku.casefold() or self.search in row.name.casefold()


def duration_text(seconds: float) -> str:
    seconds = round(seconds or 0)
    if seconds < 60:
        return _tr("{s} seconds").format(s=max(seconds, 1))
    return _tr("{m} min {s} s").format(m=seconds // 60, s=seconds % 60)


def run_header(run: dict, last_sale: str | None) -> str:
    """The run in a sentence or two: when, from what, where, how long, and how honest its range was."""
    settings = json.loads(run.get("settings") or "{}")
    made = run.get("created_at") or ""
    when = day_text(made) + (_tr(" at {time}").format(time=made[11:16]) if len(made) >= 16 else "")
    text = _tr("Made {when} from sales up to {as_of}").format(when=when, as_of=day_text(run["as_of"]))
    if settings.get("neural"):
        text += _tr(", with the neural model on the {device}").format(device=device_words(run.get("device")))
    else:
        text += _tr(", without the neural model, on the {device}").format(device=device_words(run.get("device")))
    text += _tr(", in {duration}.").format(duration=duration_text(run.get("seconds") or 0))
    period = run.get("period") or "day"
    if period != "day":
        text += _tr(" Your sales are monthly totals: forecast month by month.") if period == "month" else \
            _tr(" Your sales are weekly totals: forecast week by week.")
    text += _basis_text(settings.get("basis") or {})
    if run.get("coverage90") is not None and period == "day":
        text += _tr(" Tested on past weeks, {p}% of days fell inside the likely range (aim: 90%).").format(
            p=round(run["coverage90"] * 100))
    elif run.get("coverage90") is not None:
        text += (_tr(" Tested on past months, {p}% of them fell inside the likely range (aim: 90%).")
                 if period == "month" else
                 _tr(" Tested on past weeks, {p}% of them fell inside the likely range (aim: 90%).")).format(
            p=round(run["coverage90"] * 100))
    if last_sale and last_sale > run["as_of"]:
        text += _tr(" Sales up to {day} have come in since: press Forecast to bring it up to date.").format(
            day=day_text(last_sale))
    return text


def _basis_text(basis: dict) -> str:
    """What a shop with weekly or monthly totals before its daily sales was forecast from (core.forecasting.mixed)."""
    if not basis:
        return ""
    monthly = basis.get("period") == "month"
    since = day_text(basis.get("daily_from") or "")
    if basis.get("summed"):
        return (_tr(" Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): "
                    "they are added up into months with your monthly totals.") if monthly else
                _tr(" Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): "
                    "they are added up into weeks with your weekly totals.")).format(day=since,
                                                                                    n=basis.get("daily_days", 0))
    text = _tr(" Forecast day by day from your daily sales since {day}.").format(day=since)
    if basis.get("shape"):
        text += (_tr(" The {n} monthly totals before them give each product's yearly shape.") if monthly else
                 _tr(" The {n} weekly totals before them give each product's yearly shape.")).format(
            n=basis.get("periods", 0))
    if basis.get("from_totals"):
        text += _tr(" {k} products that have sold too little since then to tell are forecast mostly from what they "
                    "sold before.").format(k=basis["from_totals"])
    return text


class OverrideDialog(QDialog):
    """The owner's own quantity a day for some days (a planned promotion, a known order), with a note."""

    def __init__(self, sku: str, name: str, first_day: dt.date, last_day: dt.date, suggested: float,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override the forecast"))
        intro = QLabel(self.tr("For these days the forecast of {product} is replaced by your own figure. Use it for "
                               "what the history cannot know: a planned promotion, a market stall, a big order "
                               "already promised.").format(product=f"{sku} — {name}" if name else sku), self)
        intro.setWordWrap(True)
        self.start = QDateEdit(QDate(first_day), self)
        self.end = QDateEdit(QDate(min(first_day + dt.timedelta(days=6), last_day)), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(day_format())
            edit.dateChanged.connect(self._check)
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(1)
        self.quantity.setValue(round(suggested, 1))
        self.quantity.setSuffix(self.tr(" a day"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Why? For example: summer fair on the green"))
        self.note.textChanged.connect(self._check)
        self.problem = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Override"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._check()

    def _check(self) -> None:
        problem, colour = "", "#b00020"
        if self.end.date() < self.start.date():
            problem = self.tr("The last day comes before the first.")
        elif not self.note.text().strip():
            problem, colour = self.tr("A note is needed: it is kept with the override."), "#666666"
        self.problem.setText(problem)
        self.problem.setStyleSheet(f"color: {colour};")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def values(self) -> tuple[dt.date, dt.date, float, str]:
        return (self.start.date().toPython(), self.end.date().toPython(), self.quantity.value(),
                self.note.text().strip())


class ForecastPage(QWidget):
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
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([210, 520])
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

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
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
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def selected_sku(self) -> str | None:
        row = self.selected_row()
        return row.sku if row is not None else None

    def select_sku(self, sku: str | None) -> bool:
        """Select a product by its code (True if it is listed)."""
        if sku is None:
            return False
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).sku == sku:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
                return True
        return False

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
