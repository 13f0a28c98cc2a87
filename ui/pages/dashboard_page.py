"""The dashboard: what needs the owner's attention today, worked out in the background from the plan whenever the
shop changes: a tile per kind of alert with its count (a click shows only those) over the list of alerts."""
from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStackedWidget,
                               QToolButton, QVBoxLayout, QWidget)

from core.services.changes import FORECAST, ORDERS, PRODUCTS, SALES, SETTINGS, STOCK, SUPPLIERS
from core.alerts import KINDS
from core.services import plan as plan_service
from core.services import shop as shop_service
from ui.i18n import day_text
from ui.jobs import JobRunner, ProgressPanel
from core.services.plan import AlertRow, AlertsData, PlanData
from ui.table_models import ROW_ROLE, Column, RowFilterProxy, RowsModel
from ui.pages.shop_page import ShopPage
from ui.widgets import empty_note, page_layout, row_table
from ui import style

JOB = "dashboard"
ALL = ""                        # the tile that shows every alert
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#d98200", "low": "#5f7d8c"}
TITLE, PRODUCT, SUPPLIER, DATE, MESSAGE = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)


def kind_words() -> dict[str, tuple[str, str]]:
    """kind -> (the tile's short name, the table's title)."""
    return {
        "runs_out": (_tr("Runs out"), _tr("Runs out before the next delivery")),
        "below_reorder_point": (_tr("Below reorder point"), _tr("Below reorder point")),
        "overdue_order": (_tr("Overdue orders"), _tr("Overdue purchase order")),
        "anomaly": (_tr("Unusual sales"), _tr("Unusual recent sales")),
        "overstock": (_tr("Overstock"), _tr("Overstock")),
        "dead_stock": (_tr("Dead stock"), _tr("Dead stock")),
        "never_counted": (_tr("Never counted"), _tr("Never counted: count it so the plan can order it")),
    }


def kind_name(kind: str) -> str:
    return kind_words().get(kind, (KINDS.get(kind, kind), ""))[0]


def kind_title(kind: str) -> str:
    return kind_words().get(kind, ("", KINDS.get(kind, kind)))[1]


def severity_words(severity: str) -> str:
    return {"high": _tr("Urgent"), "medium": _tr("Soon"), "low": _tr("When you have time")}.get(severity, severity)


def product_text(alert: AlertRow) -> str:
    if alert.sku:
        return f"{alert.sku} — {alert.name}" if alert.name else alert.sku
    return alert.name          # an overdue purchase order: its number


def alert_columns() -> list[Column[AlertRow]]:
    order = list(KINDS)
    return [
        Column(_tr("Alert"), lambda a: kind_name(a.kind),
               lambda a: (order.index(a.kind) if a.kind in order else len(order), a.date or ""),
               tooltip=lambda a: f"{kind_title(a.kind)} ({severity_words(a.severity)})"),
        Column(_tr("Product"), product_text, tooltip=product_text),
        Column(_tr("Supplier"), lambda a: a.supplier),
        Column(_tr("Date"), lambda a: day_text(a.date) if a.date else "", lambda a: a.date or ""),
        Column(_tr("What it means"), lambda a: a.message, tooltip=lambda a: a.message),
    ]


class AlertsModel(RowsModel[AlertRow]):
    def __init__(self, parent=None):
        super().__init__(alert_columns(), parent)


class AlertsFilter(RowFilterProxy):
    """One kind of alert, or all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = ALL

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.set_filter((lambda alert: alert.kind == kind) if kind else None)


class KindTile(QToolButton):
    """A count in large type over the name of its kind; checkable (one tile at a time is the filter)."""

    def __init__(self, kind: str, name: str, tooltip: str, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.colour = colour
        self.setCheckable(True)
        self.setToolTip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(112, 66)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.count = QLabel("–", self)
        self.count.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {colour}; background: transparent;")
        self.name = QLabel(name, self)
        self.name.setStyleSheet("background: transparent;")
        self.name.setWordWrap(True)
        for label in (self.count, self.name):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.count)
        layout.addWidget(self.name)
        self.setStyleSheet(
            f"QToolButton {{ border: 1px solid #c8ccd0; border-left: 4px solid {colour}; border-radius: 5px; "
            f"background: palette(base); }} "
            f"QToolButton:hover {{ background: #f2f6fb; }} "
            f"QToolButton:checked {{ border: 2px solid #3b6fb6; border-left: 4px solid {colour}; "
            f"background: #e6eef9; }}")

    def set_count(self, count: int | None) -> None:
        self.count.setText("–" if count is None else f"{count:,}")
        self.count.setStyleSheet(f"font-size: 22px; font-weight: bold; background: transparent; "
                                 f"color: {self.colour if count else '#9aa3ab'};")


class DashboardPage(ShopPage, QWidget):
    """Alerts from the latest plan: its own (made whenever the shop changes, never making a forecast) or the
    Orders page's."""

    # What it shows, so what makes it plan again (the plan goes on to the Orders page); a plan the owner changed
    # on the Orders page comes from there.
    WATCHES = frozenset({SALES, STOCK, PRODUCTS, SUPPLIERS, ORDERS, FORECAST, SETTINGS})

    plan_made = Signal(object)        # PlanData: a plan this page made itself (the Orders page shows it too)
    product_chosen = Signal(str)      # a product's code: the owner wants to see its order
    fix_chosen = Signal(str)          # 'suppliers', 'costs' or 'counts': a getting-started fix the owner chose

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.data: AlertsData | None = None
        self._loading_since = 0.0
        self.model = AlertsModel(self)
        self.proxy = AlertsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self.tr("Dashboard"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.refresh_button = QPushButton(self.tr("Check again"), self)
        self.refresh_button.setToolTip(self.tr("Plan from the latest forecast and look again for what needs your "
                                               "attention"))
        self.refresh_button.clicked.connect(self.refresh)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.progress = ProgressPanel(self)

        self.tiles: dict[str, KindTile] = {}
        self.tile_group = QButtonGroup(self)
        self.tile_group.setExclusive(True)
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        words = kind_words()
        all_tile = KindTile(ALL, self.tr("All alerts"), self.tr("Show every alert"), "#33475b", self)
        for tile in [all_tile] + [KindTile(kind, words.get(kind, (title, title))[0], words.get(kind, (title, title))[1],
                                           SEVERITY_COLOURS.get(_severity(kind), "#5f7d8c"), self)
                                  for kind, title in KINDS.items()]:
            self.tiles[tile.kind] = tile
            self.tile_group.addButton(tile)
            tiles.addWidget(tile)
        all_tile.setChecked(True)
        self.tile_group.buttonToggled.connect(self._tile_toggled)

        self.list_heading = QLabel(self)
        self.list_heading.setStyleSheet("font-weight: bold;")
        self.table = row_table(self, self.proxy, {TITLE: 150, PRODUCT: 240, SUPPLIER: 165, DATE: 90}, stretch=MESSAGE)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)   # core's order: urgent first
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._double_clicked)
        hint = QLabel(self.tr("Double-click a product to see its order."), self)
        hint.setStyleSheet(style.text_css(style.NOTE))

        self.empty = empty_note(self)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(tiles)
        body_layout.addSpacing(6)
        list_row = QHBoxLayout()
        list_row.addWidget(self.list_heading, 1)
        list_row.addWidget(hint)
        body_layout.addLayout(list_row)
        body_layout.addWidget(self.table, 1)
        self.body = body
        self.stack = QStackedWidget(self)
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)

        # getting started: what a new shop still lacks, each with one click to its fix
        self.start_panel = QFrame(self)
        self.start_panel.setStyleSheet("QFrame { background: #eef4fb; border: 1px solid #b8cde4; border-radius: 4px; }"
                                       " QLabel { border: none; }")
        self.start_text = QLabel(self.start_panel)
        self.start_text.setWordWrap(True)
        self.fix_buttons = {}
        start_row = QHBoxLayout(self.start_panel)
        start_row.addWidget(self.start_text, 1)
        for key, text in (("suppliers", self.tr("Give products a supplier")), ("costs", self.tr("Set costs")),
                          ("counts", self.tr("Count stock"))):
            button = QPushButton(text, self.start_panel)
            button.clicked.connect(partial(self.fix_chosen.emit, key))
            self.fix_buttons[key] = button
            start_row.addWidget(button)
        self.start_panel.setVisible(False)
        self.getting_started = None

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        page_layout(self, top, self.start_panel, self.header, self.progress, self.stack)
        self._show_empty(self.tr("No shop is open."))
        self.refresh_button.setEnabled(False)

    # ---- loading
    def set_shop(self, shop_path: Path | None) -> None:
        if shop_path != self.shop_path:
            self.runner.cancel(JOB, supersede=True)
            self.data = None
            self.model.set_rows([])
            self.header.clear()
            self._show_empty(self.tr("Looking for what needs your attention…"))
        self.shop_path = shop_path
        self.refresh()

    def refresh(self) -> None:
        """Plan from the latest forecast (in the background) and find the alerts; nothing is forecast here."""
        self.refresh_button.setEnabled(self.shop_path is not None)
        if self.shop_path is None:
            self._show_empty(self.tr("No shop is open."))
            return
        self._loading_since = time.monotonic()
        self.runner.start(JOB, partial(plan_service.load_alerts, self.shop_path),
                          success=partial(self._loaded, self.shop_path, True), progress=self.progress)
        self.runner.start("dashboard-getting-started", partial(shop_service.getting_started, self.shop_path),
                          success=partial(self._show_getting_started, self.shop_path))

    def _show_getting_started(self, shop_path: Path, state) -> None:
        """'2,946 products: 2,946 without a supplier, ...' while any of it is so; hidden once the shop is set up."""
        if shop_path != self.shop_path:
            return
        self.getting_started = state
        self.start_panel.setVisible(state.needed)
        if not state.needed:
            return
        parts = []
        if state.without_supplier:
            parts.append(self.tr("{n} without a supplier").format(n=f"{state.without_supplier:,}"))
        if state.without_cost:
            parts.append(self.tr("{n} without a cost").format(n=f"{state.without_cost:,}"))
        if state.never_counted:
            parts.append(self.tr("{n} never counted (left out of orders until counted)").format(
                n=f"{state.never_counted:,}"))
        self.start_text.setText(self.tr("<b>Getting started — {products} products:</b> {parts}.").format(
            products=f"{state.products:,}", parts=", ".join(parts)))
        self.fix_buttons["suppliers"].setVisible(bool(state.without_supplier))
        self.fix_buttons["suppliers"].setText(self.tr("Add suppliers") if not state.suppliers else
                                              self.tr("Give products a supplier"))
        self.fix_buttons["costs"].setVisible(bool(state.without_cost))
        self.fix_buttons["counts"].setVisible(bool(state.never_counted))

    def show_plan(self, plan: PlanData) -> None:
        """The alerts of a plan made on the Orders page (unless a newer one of this page's own is on its way)."""
        if plan.shop_path != self.shop_path:
            return
        if self.runner.is_running(JOB) and plan.started < self._loading_since:
            return
        self.runner.start(JOB, partial(plan_service.alerts_for, plan),
                          success=partial(self._loaded, self.shop_path, False), progress=self.progress)

    def _loaded(self, shop_path: Path, own: bool, data: AlertsData) -> None:
        if shop_path != self.shop_path:
            return
        if self.data is not None and self.data.plan is not None and data.started < self.data.started:
            return
        self.data = data
        if data.plan is None:
            self.model.set_rows([])
            self.header.clear()
            self._show_empty(self.tr(
                "No forecast yet, so nothing to plan from.\n\nImport your sales and stock counts (File ▸ Import…), "
                "then make a forecast on the Forecast page or press Plan orders on the Orders page. What needs "
                "your attention shows here after that."))
            self._update_counts()
            return
        self.model.set_rows(data.alerts)
        plan = data.plan
        self.heading.setText(self.tr("Dashboard — {day}").format(day=day_text(plan.plan_date)))
        text = self.tr("{n} alerts from today's plan (sales up to {as_of}). Its orders come to {total}").format(
            n=f"{len(data.alerts):,}", as_of=day_text(plan.as_of), total=f"{plan.total:,.2f}")
        if plan.budget is not None:
            text += self.tr(", within this week's budget of {budget}").format(budget=f"{plan.budget:,.2f}")
        self.header.setText(text + self.tr(": see the Orders page."))
        self.stack.setCurrentWidget(self.body)
        self._update_counts()
        if own:
            self.plan_made.emit(plan)

    def _note_shown(self) -> None:
        self.heading.setText(self.tr("Dashboard"))

    # ---- tiles and the list
    def counts(self) -> dict[str, int]:
        """Alerts per kind (every kind, 0 where there is none)."""
        out = dict.fromkeys(KINDS, 0)
        for alert in self.model.rows():
            out[alert.kind] = out.get(alert.kind, 0) + 1
        return out

    def _update_counts(self) -> None:
        known = self.data is not None and self.data.plan is not None
        counts = self.counts()
        self.tiles[ALL].set_count(sum(counts.values()) if known else None)
        for kind, tile in self.tiles.items():
            if kind != ALL:
                tile.set_count(counts.get(kind, 0) if known else None)
        self._update_list_heading()

    def show_kind(self, kind: str) -> None:
        """Only one kind of alert in the list (ALL: every one), as a click on its tile does."""
        self.tiles.get(kind, self.tiles[ALL]).setChecked(True)

    def _tile_toggled(self, tile: KindTile, checked: bool) -> None:
        if checked:
            self.proxy.set_kind(tile.kind)
            self._update_list_heading()

    def _update_list_heading(self) -> None:
        kind = self.proxy.kind
        shown = self.proxy.rowCount()
        name = kind_title(kind) if kind else self.tr("Every alert")
        self.list_heading.setText(self.tr("{name}: {n}").format(name=name, n=f"{shown:,}"))

    def _double_clicked(self, index: QModelIndex) -> None:
        alert = index.data(ROW_ROLE)
        if alert is not None and alert.sku:
            self.product_chosen.emit(alert.sku)


def _severity(kind: str) -> str:
    """The severity core gives each kind (see core.alerts), for the tile's colour."""
    return {"runs_out": "high", "overdue_order": "high", "below_reorder_point": "medium", "anomaly": "medium",
            "overstock": "low", "dead_stock": "low", "never_counted": "medium"}.get(kind, "low")
