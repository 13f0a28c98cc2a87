"""The pieces the forecast chart is drawn with: its palette, the day axis (seconds since 1970 at midnight UTC, labelled
by month or by week), runs of flagged days, the read-out's amounts, and legend samples for groups of items."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtGui import QColor

from ui.i18n import day_month_text, month_text

DAY = 86_400                     # the x axis is in seconds since 1970 (UTC midnight of each day)

SALES = QColor("#4a78a8")
FORECAST = QColor("#e07b00")
STOCKOUT = QColor(220, 60, 60, 55)
CLOSED = QColor(120, 120, 120, 45)
ANOMALY = QColor("#b3261e")
EVENT = QColor("#707070")
PROMOTION = QColor("#2e8b3a")
OVERRIDE = QColor("#7b3fa0")
AXIS_TEXT = QColor("#333333")
AXIS_LINE = QColor("#9a9a9a")


def with_alpha(color: QColor, alpha: int) -> QColor:
    color = QColor(color)
    color.setAlpha(alpha)
    return color


def day_seconds(days: pd.DatetimeIndex | pd.Series) -> np.ndarray:
    """Each day as seconds since 1970 at midnight UTC: what DateAxisItem(utcOffset=0) labels as that day."""
    index = pd.DatetimeIndex(days)
    return (index.normalize().tz_localize(None) - pd.Timestamp(0)) // pd.Timedelta(seconds=1)


def runs_of(flags: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) positions of each run of True."""
    edges = np.diff(np.concatenate(([0], np.asarray(flags, dtype=np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), (np.flatnonzero(edges == -1) - 1).tolist()))


def amount(value: float) -> str:
    """A daily quantity for the read-out: 12, 3.4, 0.25."""
    if value != value:
        return "–"
    if abs(value) >= 10 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"


class DayAxis(pg.DateAxisItem):
    """Dates under the chart, one level of ticks that never crowd: months over a long span ('Jan 2025' where the
    year turns), weeks starting on Monday over a short one ('3 Mar')."""

    MIN_GAP_PX = 64

    def __init__(self):
        super().__init__(orientation="bottom", utcOffset=0)

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 - pyqtgraph's name
        if size <= 0 or maxVal <= minVal:
            return []
        first = pd.Timestamp(int(minVal), unit="s").normalize()
        last = pd.Timestamp(int(maxVal), unit="s").normalize()
        px_per_day = size / ((maxVal - minVal) / DAY)
        if px_per_day * 7 >= self.MIN_GAP_PX / 1.4:        # weeks fit: Mondays, every week or every other
            step = 7 if px_per_day * 7 >= self.MIN_GAP_PX else 14
            days = pd.date_range(first, last, freq="W-MON")[:: step // 7]
            spacing = step * DAY
        else:                                               # months, every one that fits
            every = next((m for m in (1, 2, 3, 6, 12) if px_per_day * 30 * m >= self.MIN_GAP_PX), 12)
            days = pd.date_range(first, last, freq="MS")
            days = days[(days.month - 1) % every == 0]
            spacing = every * 30 * DAY
        values = [float(v) for v in day_seconds(days) if minVal <= v <= maxVal]
        return [(spacing, values)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for value in values:
            day = pd.Timestamp(int(value), unit="s")
            if spacing < 28 * DAY:
                out.append(day_month_text(day.date()))
            else:
                out.append(month_text(day.date(), year=day.month == 1 or value == values[0]))
        return out


class Swatch(pg.BarGraphItem):
    """A legend sample for what the legend cannot draw by itself (shaded days, a group of lines). It is never
    drawn in the plot; clicking it in the legend shows or hides its whole group, as for any other entry."""

    def __init__(self, brush: Any = None, pen: Any = None):
        super().__init__(x=[0], height=[0], width=1, brush=brush, pen=pen)
        self.members: list[pg.GraphicsObject] = []

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        super().setVisible(visible)
        for item in self.members:
            item.setVisible(visible)


class LineSwatch(pg.PlotDataItem):
    """A line as a legend sample for a group of vertical lines (events, promotions)."""

    def __init__(self, pen: Any):
        super().__init__([], [], pen=pen)
        self.members: list[pg.GraphicsObject] = []

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        super().setVisible(visible)
        for item in self.members:
            item.setVisible(visible)
