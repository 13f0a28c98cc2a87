"""The Orders page: today's plan (made in the background, with Cancel) supplier by supplier, each line's numbers
explained, the owner's own quantities (with a reason), and this week's budget."""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QListView, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from core.services.changes import FORECAST, ORDERS, PRODUCTS, SALES, SETTINGS, STOCK, SUPPLIERS
from core.services import plan as plan_service
from ui.dialogs.shop_details_dialog import ShopDetailsDialog
from ui.i18n import day_text
from ui.jobs import JobRunner, ProgressPanel
from core.services.plan import OrderLineRow, PlanData
from ui.table_models import ROW_ROLE
from ui.dialogs.adjust_dialog import AdjustDialog
from ui.models.order_lines import (  # noqa: F401 - the tests and other pages read these from the page too
    NO_SUPPLIER, SUPPLIER_ROLE, ORDER_ROLE, CODE, NAME, ON_HAND, ON_ORDER, REORDER_POINT, ORDER_UP_TO, SUGGESTED,
    ORDER, VALUE, RUNS_OUT, LOST_MARGIN, NOTE, WARNING_STYLE, CUT_COLOUR, _tr, money, lost_money, units, short_day,
    lines_from_suppliers, line_note, note_tooltip, order_tooltip, order_columns, PlanLinesModel, PlanLinesFilter,
    LEFT, RIGHT, WRAPPED, SupplierDelegate)
from ui.pages.shop_page import ShopPage
from ui.widgets import content_or_note, page_layout, row_table, select_sku, selected_data, shop_writable, splitter
from ui.widgets.line_detail import LineDetail
from ui.pages.order_plan_actions import CREATE_JOB, PLAN_JOB, OrderPlanActions  # noqa: F401 - the tests read them here



class OrdersPage(OrderPlanActions, ShopPage, QWidget):
    """Today's plan, made on request (or handed over by the dashboard, which plans whenever the shop changes)."""

    # What its buttons depend on; the new plan itself comes from the dashboard.
    WATCHES = frozenset({SALES, STOCK, PRODUCTS, SUPPLIERS, ORDERS, FORECAST, SETTINGS})

    planned = Signal(object)      # PlanData: a plan this page made (the dashboard works out its alerts)
    orders_created = Signal(object)   # core's DraftsMade: draft purchase orders stored from the plan shown

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.data: PlanData | None = None
        self.adjust_dialog: AdjustDialog | None = None
        self.details_dialog: ShopDetailsDialog | None = None
        self.model = PlanLinesModel(self)
        self.model.edit_requested.connect(lambda row, _column, value: self.ask_quantity(row, float(value)))
        self.proxy = PlanLinesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.update()

        self._build_toolbar()
        self._build_supplier_list()
        self._build_lines_table()
        self._build_line_detail()
        top = self._top_row()
        lines_box = self._lines_box()
        self._build_splitters(lines_box, self.line_detail)
        self._build_old_history()
        page_layout(self, top, self.old_history, self.summary, self.warning, self.progress, self.stack)
        self._show_line(None)
        self._show_empty(self.tr("No shop is open."))
        self._update_buttons()

    # ---- building the page (in the order its widgets are made: the tab order follows it)
    def _build_toolbar(self) -> None:
        """The heading, the budget, Plan and Create, the plan's summary and warning, the progress."""
        self.heading = QLabel(self.tr("Orders"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.budget_check = QCheckBox(self.tr("Budget for these orders"), self)
        self.budget_check.setToolTip(self.tr("Spend at most this much over every supplier: the money goes where it "
                                             "avoids the most lost sales"))
        self.budget = QDoubleSpinBox(self)
        self.budget.setRange(0, 100_000_000)
        self.budget.setDecimals(2)
        self.budget.setSingleStep(50)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setMinimumWidth(110)
        self.budget.setEnabled(False)
        self.budget_check.toggled.connect(self.budget.setEnabled)
        self.budget_button = QPushButton(self.tr("Apply"), self)
        self.budget_button.setToolTip(self.tr("Keep this budget (or none) and plan again"))
        self.budget_button.clicked.connect(self.apply_budget)
        self.plan_button = QPushButton(self.tr("Plan orders"), self)
        self.plan_button.setToolTip(self.tr(
            "Work out what to order from each supplier, from the latest forecast (where there is none yet, every "
            "product is forecast first: that takes a few minutes)"))
        self.plan_button.clicked.connect(self.start_plan)
        self.create_button = QPushButton(self.tr("Create purchase orders"), self)
        self.create_button.clicked.connect(self.create_purchase_orders)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(False)
        self.progress = ProgressPanel(self)

    def _build_supplier_list(self) -> None:
        self.suppliers = QListWidget(self)
        self.suppliers.setItemDelegate(SupplierDelegate(self.suppliers))
        self.suppliers.setResizeMode(QListView.ResizeMode.Adjust)
        self.suppliers.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.suppliers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.suppliers.currentItemChanged.connect(lambda _item, _previous: self._supplier_changed())

    def _build_lines_table(self) -> None:
        """The plan's lines: heading, search, 'show all' and the table."""
        self.lines_heading = QLabel(self)
        self.lines_heading.setStyleSheet("font-weight: bold;")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by code or description"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(search=text))
        self.show_all = QCheckBox(self.tr("Show all products"), self)
        self.show_all.setToolTip(self.tr("Also list the products with nothing to order today"))
        self.show_all.toggled.connect(lambda checked: self._filter(show_all=checked))
        self.table = row_table(self, self.proxy, {CODE: 58, NAME: 175, ON_HAND: 50, ON_ORDER: 52, REORDER_POINT: 60,
                                                  ORDER_UP_TO: 54, SUGGESTED: 60, ORDER: 52, VALUE: 66, RUNS_OUT: 52,
                                                  LOST_MARGIN: 56},
                               stretch=NOTE, single=True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)   # lines to order first
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _build_line_detail(self) -> None:
        """One line's title, its buttons, its numbers and how it was worked out (ui/widgets/line_detail.py)."""
        self.line_detail = LineDetail(self)
        self.line_title, self.numbers, self.explanation = (self.line_detail.title, self.line_detail.numbers,
                                                           self.line_detail.explanation)
        self.change_button, self.reset_button = self.line_detail.change_button, self.line_detail.reset_button
        self.change_button.clicked.connect(lambda: self.ask_quantity(self.selected_line()))
        self.reset_button.clicked.connect(self.reset_line)

    def _top_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.budget_check)
        top.addWidget(self.budget)
        top.addWidget(self.budget_button)
        top.addSpacing(16)
        top.addWidget(self.plan_button)
        top.addWidget(self.create_button)
        return top

    def _lines_box(self) -> QWidget:
        lines_box = QWidget(self)
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.lines_heading, 1)
        filters.addWidget(self.search)
        filters.addWidget(self.show_all)
        lines_layout.addLayout(filters)
        lines_layout.addWidget(self.table, 1)
        return lines_box

    def _build_splitters(self, lines_box: QWidget, detail: QWidget) -> None:
        self.right = splitter(self, Qt.Orientation.Vertical, [lines_box, detail], [350, 300], [3, 2])
        self.splitter = splitter(self, Qt.Orientation.Horizontal, [self.suppliers, self.right], [250, 850], [0, 1])
        self.stack, self.empty = content_or_note(self, self.splitter)

    def _build_old_history(self) -> None:
        """Sales that end long before today (an old export): plan for today, or as of the day they end?"""
        self.old_history = QFrame(self)
        self.old_history.setStyleSheet(WARNING_STYLE)
        self.old_history_text = QLabel(self.old_history)
        self.old_history_text.setWordWrap(True)
        self.today_button = QPushButton(self.tr("Plan for today"), self.old_history)
        self.today_button.setToolTip(self.tr("The usual case: your sales file is just old. Counts, orders and "
                                             "deliveries you record today count in the plan."))
        self.today_button.clicked.connect(lambda: self.choose_old_history("today"))
        self.look_back_button = QPushButton(self.old_history)
        self.look_back_button.clicked.connect(lambda: self.choose_old_history("look-back"))
        old_row = QHBoxLayout(self.old_history)
        old_row.addWidget(self.old_history_text, 1)
        old_row.addWidget(self.today_button)
        old_row.addWidget(self.look_back_button)
        self.old_history.setVisible(False)

    # ---- the shop
    def set_shop(self, shop_path: Path | None) -> None:
        if shop_path != self.shop_path:
            self.runner.cancel(PLAN_JOB, supersede=True)        # a plan of the shop no longer shown
            self.data = None
            self.model.set_rows([])
            self.suppliers.clear()
            self.summary.clear()
            self.warning.setVisible(False)
            self._show_line(None)
        self.shop_path = shop_path
        if shop_path is None:
            self._show_empty(self.tr("No shop is open."))
        elif self.data is None:
            self._show_empty(self.tr(
                "Press Plan orders to work out what to order from each supplier.\n\nThe plan starts from the latest "
                "forecast; where there is none yet, every product is forecast first (a few minutes)."))
        self._update_buttons()

    def refresh(self) -> None:
        """The shop changed (an import, an undo): the plan shown may be out of date until the next one comes (the
        dashboard makes one at once)."""
        self._update_buttons()

    def _note_shown(self) -> None:
        self.heading.setText(self.tr("Orders"))

    # ---- making a plan
    def start_plan(self) -> None:
        if self.shop_path is None:
            return
        self._run(partial(plan_service.make_plan, self.shop_path), self.tr("Reading the forecast…"))

    def apply_budget(self) -> None:
        if self.shop_path is None:
            return
        budget = self.budget.value() if self.budget_check.isChecked() else None
        self._run(partial(plan_service.budget_and_plan, self.shop_path, budget=budget,
                          plan=self.data), self.tr("Planning within the budget…"))

    def _run(self, fn, text: str) -> None:
        self.runner.start(PLAN_JOB, fn, success=partial(self._planned, self.shop_path),
                          finished=self._update_buttons, progress=self.progress)
        self.progress.label.setText(text)
        self._update_buttons()

    def _planned(self, shop_path: Path, data: PlanData) -> None:
        if shop_path != self.shop_path:
            return
        self._show_plan(data)
        self.planned.emit(data)

    def show_plan(self, data: PlanData) -> None:
        """A plan made elsewhere (the dashboard's): shown unless this page's own is on its way or newer."""
        if data.shop_path != self.shop_path or self.runner.is_running(PLAN_JOB):
            return
        if self.data is not None and data.started < self.data.started:
            return
        self._show_plan(data)

    OLD_HISTORY_DAYS = 7        # sales ending more than this long before today: ask how to plan

    def _show_old_history(self, data: PlanData) -> None:
        behind = (self.today() - data.as_of).days
        ask = data.settings.old_history == "" and behind > self.OLD_HISTORY_DAYS
        self.old_history.setVisible(ask)
        if ask:
            self.old_history_text.setText(self.tr(
                "Your sales end on {day}, {days} days before today, so this plan is for {plan_day}. Plan for today "
                "instead (your file is just old), or keep looking back?").format(
                day=day_text(data.as_of), days=f"{behind:,}", plan_day=day_text(data.plan_date)))
            self.look_back_button.setText(self.tr("Plan as of {day}").format(day=day_text(data.as_of)))

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    def choose_old_history(self, choice: str) -> None:
        """Stored in the shop's settings; the plan is made again (by the dashboard, which watches the settings)."""
        if self.shop_path is None:
            return
        self.old_history.setVisible(False)
        self.runner.start("orders-old-history", partial(plan_service.set_old_history, self.shop_path, choice=choice))

    def _show_plan(self, data: PlanData) -> None:
        self._show_old_history(data)
        selected = self.selected_line()
        supplier = self.selected_supplier()
        self.data = data
        self.budget_check.setChecked(data.budget is not None)
        if data.budget is not None:
            self.budget.setValue(data.budget)
        self.model.set_rows(self._first_to_order(data.lines))
        self._fill_suppliers(data, supplier)
        self.summary.setText(self._summary_text(data))
        if data.notes:
            self.warning.setText(self.tr("No order can solve this:") + "\n" + "\n".join(f"• {n}" for n in data.notes))
        self.warning.setVisible(bool(data.notes))
        self.stack.setCurrentWidget(self.splitter)
        self.heading.setText(self.tr("Orders for {day}").format(day=day_text(data.plan_date)))
        if not (selected is not None and self.select_sku(selected.sku)) and self.proxy.rowCount():
            self.table.selectRow(0)
        elif not self.proxy.rowCount():
            self._show_line(None)
        self._update_buttons()

    @staticmethod
    def _first_to_order(lines: list[OrderLineRow]) -> list[OrderLineRow]:
        """Lines to order (and the owner's own) first, soonest to run out first, then the rest by code."""
        return sorted(lines, key=lambda r: (not (r.to_order or r.adjusted), r.stockout_date or "9999", r.supplier,
                                            r.sku))

    def _summary_text(self, data: PlanData) -> str:
        text = self.tr("From the forecast of sales up to {as_of}: <b>{lines}</b>, <b>{total}</b> in all.").format(
            as_of=day_text(data.as_of), lines=lines_from_suppliers(data), total=money(data.total))
        if data.budget is not None:
            cut = [r for r in data.lines if r.cut]
            dropped = sum(1 for r in cut if r.order_qty <= 0)
            text += " " + self.tr("Budget <b>{budget}</b>.").format(budget=money(data.budget))
            if cut:
                text += " " + self.tr(
                    "<span style='color:{colour}'>{n} lines cut to fit it, {dropped} of them to nothing "
                    "(highlighted): expected lost margin <b>{lost}</b>.</span>").format(
                    colour=CUT_COLOUR, n=f"{len(cut):,}", dropped=f"{dropped:,}", lost=money(data.lost_margin_total))
            else:
                text += " " + self.tr("Nothing had to be cut to fit it.")
        adjusted = sum(1 for r in data.lines if r.adjusted)
        if adjusted == 1:
            text += " " + self.tr("One quantity is your own (in bold).")
        elif adjusted:
            text += " " + self.tr("{n} quantities are your own (in bold).").format(n=adjusted)
        return text

    def _fill_suppliers(self, data: PlanData, keep: str | None) -> None:
        self.suppliers.blockSignals(True)
        self.suppliers.clear()
        everything = QListWidgetItem(self.tr("All suppliers"), self.suppliers)
        everything.setData(SUPPLIER_ROLE, None)
        everything.setData(ORDER_ROLE, data)
        current = everything
        for order in data.suppliers:
            item = QListWidgetItem(order.name, self.suppliers)
            item.setData(SUPPLIER_ROLE, order.name)
            item.setData(ORDER_ROLE, order)
            item.setToolTip(order.note)
            if order.name == keep:
                current = item
        self.suppliers.setCurrentItem(current)
        self.suppliers.blockSignals(False)
        self._supplier_changed()

    def _update_buttons(self) -> None:
        running = self.runner.is_running(PLAN_JOB)
        has_shop = self.shop_path is not None
        self.plan_button.setEnabled(has_shop and not running)
        creating = self.runner.is_running(CREATE_JOB) or not shop_writable()
        self.create_button.setEnabled(has_shop and not running and not creating and self.data is not None
                                      and any(s.lines for s in self.data.suppliers))
        supplier = self.selected_supplier()
        self.create_button.setToolTip(
            self.tr("Store this plan's order to {supplier} as a draft purchase order, to check, print, save or "
                    "e-mail on the Purchase orders page").format(supplier=supplier) if supplier else
            self.tr("Store this plan's orders as draft purchase orders, one per supplier, to check, print, save or "
                    "e-mail on the Purchase orders page"))
        writable = shop_writable()
        self.budget_button.setEnabled(has_shop and not running and writable)
        line = self.selected_line()
        self.change_button.setEnabled(line is not None and not running and self.data is not None and writable)
        self.reset_button.setEnabled(line is not None and line.adjusted and not running and writable)

    # ---- suppliers and lines
    def selected_supplier(self) -> str | None:
        item = self.suppliers.currentItem()
        return item.data(SUPPLIER_ROLE) if item is not None else None

    def select_supplier(self, name: str | None) -> bool:
        for row in range(self.suppliers.count()):
            if self.suppliers.item(row).data(SUPPLIER_ROLE) == name:
                self.suppliers.setCurrentRow(row)
                return True
        return False

    def _supplier_changed(self) -> None:
        self._filter(supplier=self.selected_supplier())
        self._update_buttons()

    def _filter(self, **change) -> None:
        selected = self.selected_line()
        self.proxy.update(**change)
        if self.data is None:
            return
        name = self.proxy.supplier
        shown = self.proxy.rowCount()
        self.lines_heading.setText((name or self.tr("All suppliers")) + " — " + (
            self.tr("{n} products").format(n=shown) if self.proxy.show_all else
            self.tr("{n} lines to order").format(n=shown) if shown != 1 else self.tr("1 line to order")))
        if selected is not None and self.select_sku(selected.sku):
            return
        if shown:
            self.table.selectRow(0)
        else:
            self._show_line(None)

    def selected_line(self) -> OrderLineRow | None:
        return selected_data(self.table, ROW_ROLE)

    def select_sku(self, sku: str | None) -> bool:
        """Select a line by its product code (True if it is listed)."""
        return select_sku(self.table, ROW_ROLE, sku)

    def show_product(self, sku: str) -> bool:
        """Show one product's line, whichever supplier and whether or not it is ordered (from the dashboard)."""
        if self.data is None:
            return False
        if not self.select_sku(sku):
            self.select_supplier(None)
            if not self.select_sku(sku):
                self.search.clear()
                self.show_all.setChecked(True)
        return self.select_sku(sku)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_line(self.selected_line())

    def _show_line(self, row: OrderLineRow | None) -> None:
        self._update_buttons()
        self.line_detail.show_line(row)
