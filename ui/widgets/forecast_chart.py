"""One product's chart: what it sold over the last year and what is expected next, with how sure that is, and
what explains the past (days out of stock, unusual sales set aside, events and promotions, the owner's
overrides). Drawn with pyqtgraph from a ProductForecastView that a background job read; nothing here reads
the shop.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ui.i18n import weekday_day_text
from ui.widgets.chart_parts import (ANOMALY, AXIS_LINE, AXIS_TEXT, CLOSED, DAY, EVENT, FORECAST, OVERRIDE,
                                    PROMOTION, SALES, STOCKOUT, DayAxis, LineSwatch, Swatch, amount, day_seconds, runs_of,
                                    with_alpha)

EVENT_GROUP_DAYS = 7             # events this close together share one label (Christmas Eve, Day, Boxing Day)
LABEL_CHARS = 32                 # an event's label is cut to this length (its full name is in the read-out)
HEADROOM = 1.3                   # space above the data for the events' labels
SPANS = (365, 91)                # the history the two view buttons show (the forecast always shows)
LEGEND_COLUMNS = 5
LEGEND_ORDER = ("sales", "mean", "range", "p80", "override", "stockout", "closed", "anomaly", "promotion", "event")
LEGEND_ROW_HEIGHT = 22


class ForecastChart(QWidget):
    """The legend over the plot (never on the data), the plot, and a read-out line for the day under the mouse."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.axis = DayAxis()
        self.canvas = pg.GraphicsLayoutWidget(self)
        self.canvas.setBackground("w")
        self.canvas.ci.setContentsMargins(2, 2, 8, 2)
        self.canvas.ci.setSpacing(0)
        self.legend = pg.LegendItem(colCount=LEGEND_COLUMNS, labelTextSize="9pt", labelTextColor=AXIS_TEXT,
                                    horSpacing=18, verSpacing=-4)
        self.canvas.ci.addItem(self.legend, row=0, col=0)
        self.plot = self.canvas.ci.addPlot(row=1, col=0, axisItems={"bottom": self.axis})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=False, y=True, alpha=0.12)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0))
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_LINE))
            axis.setTextPen(pg.mkPen(AXIS_TEXT))
            axis.setTickFont(font)
        self.plot.getAxis("left").setLabel(self.tr("Units a day"), color=AXIS_TEXT.name())
        self.plot.getAxis("left").setWidth(54)
        self.readout = QLabel(self)
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setStyleSheet("color: #444;")
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.placeholder)
        # the view buttons, for the page to place (beside the product's name)
        self.controls = QWidget(self)
        spans = QHBoxLayout(self.controls)
        spans.setContentsMargins(0, 0, 0, 0)
        spans.setSpacing(0)
        self.span_buttons = QButtonGroup(self)
        for days, text in zip(SPANS, (self.tr("Last 12 months"), self.tr("Last 3 months"))):
            button = QPushButton(text, self.controls)
            button.setCheckable(True)
            button.setChecked(days == SPANS[0])
            button.setFlat(False)
            self.span_buttons.addButton(button, days)
            spans.addWidget(button)
        self.span_buttons.idClicked.connect(self.set_span)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)
        self.view = None
        self._reset_items()
        self.show_message(self.tr("Choose a product to see its forecast."))

    def _reset_items(self) -> None:
        self.sales_curve: pg.PlotDataItem | None = None
        self.mean_curve: pg.PlotDataItem | None = None
        self.p80_curve: pg.PlotDataItem | None = None
        self.band: pg.FillBetweenItem | None = None
        self.stockout_regions: list[pg.LinearRegionItem] = []
        self.closed_regions: list[pg.LinearRegionItem] = []
        self.promotion_regions: list[pg.LinearRegionItem] = []
        self.anomaly_points: pg.ScatterPlotItem | None = None
        self.event_lines: list[pg.InfiniteLine] = []
        self.override_points: pg.ScatterPlotItem | None = None
        self.forecast_start: pg.InfiniteLine | None = None
        self._days: dict[pd.Timestamp, str] = {}
        self._legend_entries: dict[str, tuple[Any, str]] = {}
        self._x = np.array([])
        self._top = np.array([])           # the highest thing drawn on each of those days

    # ---- drawing
    def clear(self) -> None:
        self.plot.clear()
        self.legend.clear()
        self._reset_items()
        self.view = None
        self.readout.setText(self.tr("Point at a day to read its figures."))

    def show_message(self, text: str) -> None:
        self.clear()
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def show_view(self, view) -> None:
        """Draw a core ProductForecastView."""
        self.clear()
        self.view = view
        history, forecast = view.history, view.forecast
        if not len(history) and not len(forecast):
            self.show_message(self.tr("There is nothing to draw for this product yet."))
            return
        self.stack.setCurrentWidget(self.canvas)
        plot = self.plot
        words = self._words()
        plot.getAxis("left").setLabel(words["axis"], color=AXIS_TEXT.name())
        self.readout.setText(words["hint"])
        hx = day_seconds(history.index).astype(float)
        fx = day_seconds(forecast.index).astype(float)
        sales = history["sales"].to_numpy(dtype=float) if len(history) else np.array([])

        # what explains the past, drawn first (underneath)
        self._draw_stockouts(hx, history)
        self._draw_closed(hx, history, fx, forecast)
        self._draw_events(view.events, view.name)

        # the history
        if len(history):
            self.sales_curve = pg.PlotDataItem(
                hx, sales, pen=pg.mkPen(SALES, width=1.3), fillLevel=0, fillBrush=with_alpha(SALES, 50),
                connect="finite", antialias=True)
            plot.addItem(self.sales_curve)
            self._entry("sales", self.sales_curve, self._words()["sales"])

        # the forecast: the likely range, the 80% line and the average
        if len(forecast):
            edge = pg.mkPen(with_alpha(FORECAST, 110), width=0.8)     # a curve without a pen has no path to fill
            lower = pg.PlotDataItem(fx, forecast["p05"].to_numpy(dtype=float), pen=edge)
            upper = pg.PlotDataItem(fx, forecast["p95"].to_numpy(dtype=float), pen=edge)
            plot.addItem(lower)
            plot.addItem(upper)
            self.band = pg.FillBetweenItem(lower, upper, brush=with_alpha(FORECAST, 70))
            plot.addItem(self.band)
            band_sample = Swatch(brush=with_alpha(FORECAST, 70))
            band_sample.members = [self.band, lower, upper]
            self._entry("range", band_sample, self._words()["range"])
            self.p80_curve = pg.PlotDataItem(
                fx, forecast["p80"].to_numpy(dtype=float), antialias=True,
                pen=pg.mkPen(FORECAST, width=1.3, style=Qt.PenStyle.DashLine),
            )
            plot.addItem(self.p80_curve)
            self._entry("p80", self.p80_curve, self._words()["p80"])
            self.mean_curve = pg.PlotDataItem(fx, forecast["mean"].to_numpy(dtype=float), antialias=True,
                                              pen=pg.mkPen(FORECAST, width=2.6))
            plot.addItem(self.mean_curve)
            self._entry("mean", self.mean_curve, self._words()["mean"])
            overridden = forecast["overridden"].to_numpy(dtype=bool)
            if overridden.any():
                self.override_points = pg.ScatterPlotItem(
                    fx[overridden], forecast["mean"].to_numpy(dtype=float)[overridden], symbol="s", size=7,
                    brush=pg.mkBrush(OVERRIDE), pen=pg.mkPen("w", width=0.8))
                plot.addItem(self.override_points)
                self._entry("override", self.override_points, self.tr("Your override"))

        # unusual sales set aside, at the level the forecast counted them
        if len(history):
            anomaly = history["anomaly"].to_numpy(dtype=bool)
            if anomaly.any():
                self.anomaly_points = pg.ScatterPlotItem(
                    hx[anomaly], history["demand"].to_numpy(dtype=float)[anomaly], symbol="d", size=10,
                    brush=pg.mkBrush(ANOMALY), pen=pg.mkPen("w", width=0.8))
                plot.addItem(self.anomaly_points)
                self._entry("anomaly", self.anomaly_points, self.tr("Unusual sale, counted as this"))

            self.forecast_start = pg.InfiniteLine(
                pos=float(fx[0] - DAY / 2), angle=90, pen=pg.mkPen(FORECAST.darker(120), width=1), movable=False,
                label=self.tr("Forecast"), labelOpts={"position": 0.985, "anchors": [(0, 0), (0, 0)],
                                                      "color": FORECAST.darker(140)})
            self.forecast_start.label.setFont(self._small_font(bold=True))
            plot.addItem(self.forecast_start)

        self._describe_days(history, forecast, view.events)
        for key in LEGEND_ORDER:
            if key in self._legend_entries:
                self.legend.addItem(*self._legend_entries[key])
        rows = -(-len(self.legend.items) // LEGEND_COLUMNS)
        self.canvas.ci.layout.setRowFixedHeight(0, rows * LEGEND_ROW_HEIGHT + 4)
        tops = [sales]
        if len(forecast):
            tops = [np.concatenate([sales, forecast[["mean", "p95"]].to_numpy(dtype=float).max(axis=1)])]
        self._x = np.concatenate([hx, fx])
        self._top = np.nan_to_num(tops[0], nan=0.0)
        self.set_span(self.span_buttons.checkedId())

    def _draw_stockouts(self, hx: np.ndarray, history: pd.DataFrame) -> None:
        self._draw_days(hx, history, "stockout", STOCKOUT, -20, self.stockout_regions, self.tr("Out of stock"))

    def _draw_closed(self, hx: np.ndarray, history: pd.DataFrame, fx: np.ndarray, forecast: pd.DataFrame) -> None:
        """The days the whole shop was closed (no product sold): grey, as their demand is unknown, not zero; and the
        days ahead it will be closed (its day off, a date it closes every year), which the forecast sells nothing
        on."""
        days = pd.DataFrame({"closed": np.concatenate([
            history["closed"].to_numpy(dtype=bool) if "closed" in history else np.zeros(len(history), dtype=bool),
            forecast["closed"].to_numpy(dtype=bool) if "closed" in forecast else np.zeros(len(forecast), dtype=bool)])})
        self._draw_days(np.concatenate([hx, fx]), days, "closed", CLOSED, -21, self.closed_regions,
                        self.tr("Shop closed"))

    def _draw_days(self, hx: np.ndarray, history: pd.DataFrame, column: str, colour, z: int, regions: list,
                   label: str) -> None:
        """Shade the runs of days where the history's `column` is true, with one legend entry for them all."""
        if not len(history) or column not in history:
            return
        flagged = history[column].to_numpy(dtype=bool)
        if not flagged.any():
            return
        sample = Swatch(brush=colour)
        for first, last in runs_of(flagged):
            region = pg.LinearRegionItem((hx[first] - DAY / 2, hx[last] + DAY / 2), movable=False,
                                         brush=pg.mkBrush(colour), pen=pg.mkPen(None))
            region.setZValue(z)
            self.plot.addItem(region)
            regions.append(region)
        sample.members = list(regions)
        self._entry(column, sample, label)

    def _draw_events(self, events: pd.DataFrame, product_name: str = "") -> None:
        """A line for each event (its name along it); the product's own promotions in green, shaded over their
        days where the end is known. Events a few days apart share one line and one label."""
        if events is None or not len(events):
            return
        samples: dict[bool, LineSwatch] = {}
        groups: list[tuple[pd.Timestamp, bool, list[str]]] = []
        for row in events.sort_values("date").itertuples(index=False):
            day, promotion = pd.Timestamp(row.date), bool(row.promotion)
            name = str(row.name)
            if promotion and product_name and product_name in name:    # '23% off <the product>' -> '23% off'
                name = name.replace(product_name, "").strip(" -–—:,") or self.tr("Promotion")
            if groups and groups[-1][1] == promotion and (day - groups[-1][0]).days < EVENT_GROUP_DAYS:
                groups[-1][2].append(name)
            else:
                groups.append((day, promotion, [name]))
            end = getattr(row, "end_date", None)
            if promotion and end is not None and not pd.isna(end) and pd.Timestamp(end) > day:
                x0, x1 = day_seconds([day])[0], day_seconds([pd.Timestamp(end)])[0]
                region = pg.LinearRegionItem((x0 - DAY / 2, x1 + DAY / 2), movable=False,
                                             brush=pg.mkBrush(with_alpha(PROMOTION, 35)), pen=pg.mkPen(None))
                region.setZValue(-25)
                self.plot.addItem(region)
                self.promotion_regions.append(region)
        for day, promotion, names in groups:
            color = PROMOTION if promotion else EVENT
            pen = pg.mkPen(color, width=1.6 if promotion else 1.0,
                           style=Qt.PenStyle.SolidLine if promotion else Qt.PenStyle.DashLine)
            names = list(dict.fromkeys(names))
            text = names[0] if len(names) == 1 else self.tr("{first} to {last}").format(first=names[0],
                                                                                      last=names[-1])
            line = pg.InfiniteLine(pos=float(day_seconds([day])[0]), angle=90, pen=pen, movable=False,
                                   label=text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…",
                                   labelOpts={"position": 0.985, "rotateAxis": (1, 0), "anchors": [(1, 0), (1, 0)],
                                              "color": color.darker(130), "fill": pg.mkBrush(255, 255, 255, 190)})
            line.label.setFont(self._small_font())
            line.setZValue(-10)
            self.plot.addItem(line)
            self.event_lines.append(line)
            sample = samples.get(promotion)
            if sample is None:
                sample = samples[promotion] = LineSwatch(pen)
                self._entry("promotion" if promotion else "event", sample,
                            self.tr("Promotion of this product") if promotion else self.tr("Holiday or event"))
            sample.members.append(line)
        if True in samples:
            samples[True].members.extend(self.promotion_regions)

    def _entry(self, key: str, item: Any, label: str) -> None:
        """A legend entry, added once everything is drawn, in LEGEND_ORDER."""
        self._legend_entries[key] = (item, label)

    def _small_font(self, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(8.0)
        font.setBold(bold)
        return font

    def set_span(self, days: int) -> None:
        """Show the last `days` of history and the whole forecast; the height fits what is in view."""
        button = self.span_buttons.button(days)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        if not len(self._x):
            return
        right = self._x.max() + DAY
        last_history = self._x.max() if self.view is None or not len(self.view.forecast) else \
            float(day_seconds(self.view.forecast.index[:1])[0]) - DAY
        left = max(self._x.min(), last_history - (days - 1) * DAY) - DAY
        view_box = self.plot.getViewBox()
        view_box.setLimits(xMin=self._x.min() - DAY, xMax=right, minXRange=14 * DAY)
        self.plot.setXRange(left, right, padding=0)
        shown = self._top[(self._x >= left) & (self._x <= right)]
        top = max(float(shown.max()) if len(shown) else 0.0, 1.0) * HEADROOM
        view_box.setLimits(yMin=0, yMax=top)
        self.plot.setYRange(0, top, padding=0)

    # ---- the read-out under the chart
    def _describe_days(self, history: pd.DataFrame, forecast: pd.DataFrame, events: pd.DataFrame) -> None:
        """One line per day, written once: the mouse only looks it up."""
        names: dict[pd.Timestamp, list[str]] = {}
        if events is not None:
            for row in events.itertuples(index=False):
                names.setdefault(pd.Timestamp(row.date).normalize(), []).append(str(row.name))
        days: dict[pd.Timestamp, str] = {}
        closed_days = history["closed"] if "closed" in history else np.zeros(len(history), dtype=bool)
        for day, sold, demand, stockout, anomaly, closed in zip(history.index, history["sales"], history["demand"],
                                                                 history["stockout"], history["anomaly"], closed_days):
            if sold != sold:
                text = self.tr("not sold yet")
            else:
                text = self.tr("sold {n}").format(n=amount(sold))
            if closed:
                text += self.tr(" — the shop was closed (not counted as a day without demand)")
            if stockout:
                text += self.tr(" — out of stock")
            if anomaly:
                text += self.tr(" — unusual, counted as {n}").format(n=amount(demand))
            days[day.normalize()] = text
        shut = forecast["closed"] if "closed" in forecast else np.zeros(len(forecast), dtype=bool)
        for day, mean, low, high, p80, overridden, closed in zip(forecast.index, forecast["mean"], forecast["p05"],
                                                                 forecast["p95"], forecast["p80"],
                                                                 forecast["overridden"], shut):
            text = self._words()["point"].format(
                mean=amount(mean), low=amount(low), high=amount(high), p80=amount(p80))
            if overridden:
                text += self.tr(" — your override")
            if closed:
                text += self.tr(" — the shop will be closed")
            days[day.normalize()] = text
        for day, labels in names.items():
            if day in days:
                days[day] += " — " + ", ".join(labels)
        self._days = days

    def _words(self) -> dict[str, str]:
        """The legend and read-out in the unit of the points: days, or the weeks or months a shop keeps totals of."""
        period = self.view.period if self.view is not None else "day"
        if period == "month":
            return {"axis": self.tr("Units a month"), "hint": self.tr("Point at a month to read its figures."),
                    "sales": self.tr("Sold each month"), "range": self.tr("Likely range (9 months in 10)"),
                    "p80": self.tr("4 months in 5 sell less"), "mean": self.tr("Forecast (average a month)"),
                    "point": self.tr("forecast {mean} (likely {low} to {high}; 4 months in 5 below {p80})")}
        if period == "week":
            return {"axis": self.tr("Units a week"), "hint": self.tr("Point at a week to read its figures."),
                    "sales": self.tr("Sold each week"), "range": self.tr("Likely range (9 weeks in 10)"),
                    "p80": self.tr("4 weeks in 5 sell less"), "mean": self.tr("Forecast (average a week)"),
                    "point": self.tr("forecast {mean} (likely {low} to {high}; 4 weeks in 5 below {p80})")}
        return {"axis": self.tr("Units a day"), "hint": self.tr("Point at a day to read its figures."),
                "sales": self.tr("Sold each day"), "range": self.tr("Likely range (9 days in 10)"),
                "p80": self.tr("4 days in 5 sell less"), "mean": self.tr("Forecast (average a day)"),
                "point": self.tr("forecast {mean} (likely {low} to {high}; 4 days in 5 below {p80})")}

    def describe(self, day: dt.date) -> str:
        key = pd.Timestamp(day).normalize()
        period = self.view.period if self.view is not None else "day"
        if period != "day":             # a point per week or month: the period that holds the day
            start = key.date().replace(day=1) if period == "month" else key.date() - dt.timedelta(days=key.weekday())
            text = self._days.get(pd.Timestamp(start))
            if text is None:
                return ""
            end = (pd.Timestamp(start) + (pd.offsets.MonthBegin(1) if period == "month" else pd.Timedelta(days=7))
                   - pd.Timedelta(days=1)).date()
            return f"{weekday_day_text(start)} – {weekday_day_text(end)}: {text}"
        text = self._days.get(key)
        if text is None:
            return ""
        return f"{weekday_day_text(key.date())}: {text}"

    def _mouse_moved(self, position: QPointF) -> None:
        view_box = self.plot.getViewBox()
        if self.view is None or not view_box.sceneBoundingRect().contains(position):
            return
        x = view_box.mapSceneToView(position).x()
        day = (pd.Timestamp(0) + pd.Timedelta(seconds=round(x / DAY) * DAY)).date()
        self.readout.setText(self.describe(day))
