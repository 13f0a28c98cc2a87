"""ui/pages/orders_page.py: today's plan made in the background (progress, Cancel), supplier by supplier; each line's
numbers explained; the owner's own quantities with their reason; this week's budget."""
from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt

from core.errors import UserError
from core.jobs import null_context
from core.policy.plan import plan_shop
from core.policy.settings import load_policy_settings
from core.store.db import open_shop
from core.services import plan as plan_service
from ui.jobs import JobRunner
from ui.table_models import ROW_ROLE
from ui.pages.orders_page import (CODE, LOST_MARGIN, NOTE, ORDER, ORDER_ROLE, PLAN_JOB, SUPPLIER_ROLE, PlanLinesModel,
                            OrdersPage, money, units)


def core_plan(path):
    """The plan as core makes it, read in the test (no window involved)."""
    with open_shop(path, create=False) as shop:
        return plan_shop(shop)


@pytest.fixture
def page(qtbot, forecast_demo) -> OrdersPage:
    """The Orders page on its own, on the demo shop with a forecast, with one plan made through its button."""
    orders = OrdersPage(JobRunner())
    qtbot.addWidget(orders)
    orders.resize(1100, 700)
    orders.show()
    orders.set_shop(forecast_demo)
    plan(qtbot, orders)
    return orders


def plan(qtbot, orders: OrdersPage, button=None) -> None:
    (button or orders.plan_button).click()
    job = orders.runner.job(PLAN_JOB)
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert job.outcome == "done"


def supplier_items(orders: OrdersPage) -> dict:
    return {orders.suppliers.item(i).data(SUPPLIER_ROLE): orders.suppliers.item(i).data(ORDER_ROLE)
            for i in range(orders.suppliers.count())}


def shown_lines(orders: OrdersPage) -> list:
    return [orders.proxy.index(r, 0).data(ROW_ROLE) for r in range(orders.proxy.rowCount())]


def test_the_lines_model_passes_qts_model_checks(qtmodeltester, forecast_demo):
    data = plan_service.make_plan(forecast_demo, ctx=null_context())
    model = PlanLinesModel()
    qtmodeltester.check(model)
    model.set_rows(data.lines)
    model.sort(ORDER, Qt.SortOrder.DescendingOrder)
    model.sort(NOTE, Qt.SortOrder.AscendingOrder)
    model.set_rows(data.lines[:10])
    model.set_rows([])


def test_a_plan_lists_the_suppliers_to_order_from_and_their_lines(qtbot, page, forecast_demo):
    expected = core_plan(forecast_demo)
    solution, lines = expected.solution, expected.lines
    items = supplier_items(page)
    assert page.suppliers.item(0).data(SUPPLIER_ROLE) is None          # 'All suppliers' on top
    ordering = set(lines.loc[lines["order_qty"] > 0, "supplier"])
    assert set(items) - {None} == ordering
    for name in ordering:
        order = items[name]
        assert order.value == pytest.approx(solution.supplier_value[name])
        assert order.note == solution.supplier_notes[name]
        assert order.order_date == min(lines.loc[lines["supplier"] == name, "order_date"])
        assert order.lines == int(((lines["supplier"] == name) & (lines["order_qty"] > 0)).sum())
    assert page.data.total == pytest.approx(solution.total)
    assert money(solution.total) in page.summary.text()

    to_order = int((lines["order_qty"] > 0).sum())
    assert page.proxy.rowCount() == to_order                           # lines to order only, at first
    assert all(row.order_qty > 0 for row in shown_lines(page))
    assert page.lines_heading.text() == f"All suppliers — {to_order} lines to order"
    supplier = sorted(ordering)[0]
    page.select_supplier(supplier)
    assert {row.supplier for row in shown_lines(page)} == {supplier}
    assert page.proxy.rowCount() == items[supplier].lines
    page.select_supplier(None)
    page.show_all.setChecked(True)                                    # every product, those to order first
    rows = shown_lines(page)
    assert len(rows) == len(lines)
    first_idle = next(i for i, row in enumerate(rows) if not row.to_order)
    assert first_idle == to_order and not any(row.to_order for row in rows[first_idle:])
    page.table.sortByColumn(ORDER, Qt.SortOrder.DescendingOrder)      # and sortable
    quantities = [row.order_qty for row in shown_lines(page)]
    assert quantities == sorted(quantities, reverse=True)


def test_a_selected_line_shows_its_explanation_and_the_numbers_of_its_plan_row(qtbot, page, forecast_demo):
    lines = core_plan(forecast_demo).lines
    row = lines[(lines["order_qty"] > 0) & (lines["on_hand"] > 0)].iloc[0]
    assert page.select_sku(row["sku"])
    assert page.selected_line().sku == row["sku"]
    assert page.line_title.text().startswith(f"{row['sku']} — {row['name']}")
    text = page.explanation.text()
    for sentence in row["steps"]:   # each step of core's reasoning, as core wrote it
        assert html.escape(sentence) in text
    assert f"reorder point {units(row['reorder_point'])}" in row["explanation"]   # core's words, with the number
    numbers = page.numbers.text()
    for name, value in (("On hand", row["on_hand"]), ("Reorder point", row["reorder_point"]),
                        ("Order up to", row["order_up_to"]), ("Safety stock", row["safety_stock"]),
                        ("Suggested", row["suggested_qty"])):
        assert f"{name}</td><td align='right'>{units(value)}</td>" in numbers
    assert f"<b>{units(row['order_qty'])}</b>" in numbers
    assert money(row["order_value"]) in numbers
    assert f"{row['service_level']:.0%}" in numbers


@pytest.mark.slow
def test_an_own_quantity_needs_a_reason_then_is_kept_marked_and_can_be_reset(qtbot, page, forecast_demo):
    line = shown_lines(page)[0]
    new_qty = line.order_qty + 2 * max(line.pack, 1)
    # editing the Order cell asks for the reason (the cell itself changes nothing)
    index = page.proxy.index(0, ORDER)
    assert page.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.proxy.flags(page.proxy.index(0, CODE)) & Qt.ItemFlag.ItemIsEditable
    assert page.proxy.setData(index, new_qty, Qt.ItemDataRole.EditRole) is False
    dialog = page.adjust_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.quantity.value() == new_qty
    assert not dialog.ok_button.isEnabled() and "A reason is needed" in dialog.problem.text()
    dialog.accept()                                                    # Enter with no reason: refused
    assert dialog.isVisible() and "#b00020" in dialog.problem.styleSheet()
    dialog.reason.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setText("Christmas market stall")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    job = page.runner.job(PLAN_JOB)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert job.outcome == "done"

    stored = core_plan(forecast_demo).lines.set_index("sku").loc[line.sku]
    assert bool(stored["adjusted"]) and stored["order_qty"] == new_qty and stored["reason"] == "Christmas market stall"
    assert page.selected_line().sku == line.sku                       # still the line in view
    row = page.selected_line()
    assert row.adjusted and row.order_qty == new_qty
    r = page.table.selectionModel().selectedRows()[0].row()
    order_cell = page.proxy.index(r, ORDER)
    assert order_cell.data(Qt.ItemDataRole.FontRole).bold()
    assert "Christmas market stall" in order_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert page.proxy.index(r, NOTE).data() == "Yours: Christmas market stall"
    assert "Your own quantity" in page.explanation.text()
    assert "One quantity is your own (in bold)." in page.summary.text()
    supplier = next(s for s in page.data.suppliers if s.name == line.supplier)
    assert supplier.value == pytest.approx(core_plan(forecast_demo).solution.supplier_value[line.supplier])

    assert page.reset_button.isEnabled()
    page.reset_button.click()
    job = page.runner.job(PLAN_JOB)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    stored = core_plan(forecast_demo).lines.set_index("sku").loc[line.sku]
    assert not bool(stored["adjusted"]) and stored["order_qty"] == line.order_qty
    assert not page.selected_line().adjusted and not page.reset_button.isEnabled()


def test_core_refuses_an_empty_reason_whatever_the_window_does(forecast_demo):
    data = plan_service.make_plan(forecast_demo, ctx=null_context())
    with pytest.raises(UserError, match="Say why"):
        plan_service.adjust_and_plan(forecast_demo, plan_date=data.plan_date, sku=data.lines[0].sku, qty=5, reason="  ",
                                     ctx=null_context())
    assert not core_plan(forecast_demo).lines["adjusted"].any()


def test_a_budget_cuts_lines_to_fit_it_and_shows_the_expected_lost_margin(qtbot, page, forecast_demo):
    before = page.data.total
    budget = round(before * 0.4, 2)
    page.budget_check.setChecked(True)
    page.budget.setValue(budget)
    plan(qtbot, page, page.budget_button)
    with open_shop(forecast_demo, create=False) as shop:
        assert load_policy_settings(shop).budget == budget            # kept for the next plan
    data = page.data
    assert data.budget == budget and data.total <= budget + 1e-6
    cut = [row for row in data.lines if row.cut]
    assert cut and data.lost_margin_total > 0
    dropped = sum(1 for row in cut if row.order_qty <= 0)
    assert f"{len(cut)} lines cut to fit it, {dropped} of them to nothing" in page.summary.text()
    for row in cut:          # each cut line says its own reason, never the supplier-wide "Cut by ... to fit"
        assert "Cut by" not in row.explanation and "to fit the budget (expected lost margin on this line" in \
            row.explanation
    assert money(data.lost_margin_total) in page.summary.text()
    assert any("to fit the budget" in s.note for s in data.suppliers)
    assert any(s.cut for s in data.suppliers)
    page.show_all.setChecked(True)
    worst = max(cut, key=lambda row: row.lost_margin)
    assert page.select_sku(worst.sku)
    r = page.table.selectionModel().selectedRows()[0].row()
    assert page.proxy.index(r, CODE).data(Qt.ItemDataRole.BackgroundRole) is not None      # highlighted
    assert page.proxy.index(r, NOTE).data() == f"Cut from {units(worst.suggested_qty)}"
    assert page.proxy.index(r, LOST_MARGIN).data() == money(worst.lost_margin)
    assert (f"expected lost margin {money(worst.lost_margin)}"
            in page.proxy.index(r, NOTE).data(Qt.ItemDataRole.ToolTipRole))
    assert "Expected lost margin" in page.numbers.text() and money(worst.lost_margin) in page.numbers.text()
    idle = next(row for row in data.lines if not row.cut)
    page.select_sku(idle.sku)
    r = page.table.selectionModel().selectedRows()[0].row()
    assert page.proxy.index(r, CODE).data(Qt.ItemDataRole.BackgroundRole) is None

    page.budget_check.setChecked(False)                               # no budget again
    plan(qtbot, page, page.budget_button)
    assert page.data.budget is None and page.data.total == pytest.approx(before)
    assert not any(row.cut for row in page.data.lines)


def test_what_no_order_can_solve_shows_in_a_warning(qtbot, page, forecast_demo):
    line = shown_lines(page)[0]
    page.budget_check.setChecked(True)
    page.budget.setValue(10)
    plan(qtbot, page, page.budget_button)
    assert not page.warning.isVisible()
    page.show_all.setChecked(True)
    assert page.select_sku(line.sku)
    dialog = page.ask_quantity(page.selected_line(), 1000)
    dialog.reason.setText("Wedding order")
    dialog.accept()
    job = page.runner.job(PLAN_JOB)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert page.data.notes and page.warning.isVisible()
    assert "over the budget of 10.00" in page.warning.text()
    assert page.warning.text().startswith("No order can solve this:")


def test_cancel_leaves_the_page_as_it_was_and_usable(qtbot, page):
    shown = page.data
    page.plan_button.click()
    job = page.runner.job(PLAN_JOB)
    assert page.progress.isVisible() and not page.plan_button.isEnabled()
    page.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert job.outcome == "cancelled"
    assert page.progress.label.text() == "Cancelled — nothing was changed"
    assert page.data is shown and page.proxy.rowCount() > 0
    assert page.plan_button.isEnabled() and page.budget_button.isEnabled() and page.change_button.isEnabled()
    plan(qtbot, page)
    assert page.data is not shown


def test_the_window_shows_the_dashboards_plan_on_the_orders_page_without_a_click(qtbot, window, open_in_window,
                                                                                 forecast_demo):
    open_in_window(forecast_demo)
    page = window.orders_page
    assert window.nav.item(window.stack.indexOf(page)).text() == "Orders"
    qtbot.waitUntil(lambda: page.data is not None, timeout=60_000)
    assert not window.runner.is_running(PLAN_JOB)                     # planned once, by the dashboard
    assert page.data is window.dashboard_page.data.plan
    assert page.stack.currentWidget() is page.splitter and page.proxy.rowCount() > 0


def test_sales_that_end_long_ago_are_asked_about_and_planning_for_today_moves_the_plan(qtbot, window, open_in_window,
                                                                                   forecast_demo):
    import datetime as dt

    open_in_window(forecast_demo)
    orders = window.orders_page
    window.show_page(orders)
    qtbot.waitUntil(lambda: orders.data is not None, timeout=60_000)
    assert orders.data.plan_date == dt.date(2025, 6, 1)          # the day after the demo's sales end
    assert orders.old_history.isVisible()
    assert "Your sales end on" in orders.old_history_text.text()
    orders.today_button.click()
    today = dt.date.today()
    qtbot.waitUntil(lambda: orders.data.plan_date == today, timeout=60_000)
    assert not orders.old_history.isVisible()
    with open_shop(forecast_demo, create=False) as shop:
        assert load_policy_settings(shop).old_history == "today"


def test_the_lead_time_beside_a_line_is_said_in_the_period_its_product_is_planned_in():
    """A weekly parts line read 'Lead time 112 days' beside an explanation in weeks ('delivery in 16 weeks')."""
    from ui.widgets.line_detail import lead_time_words

    assert lead_time_words(112, "week") == "16 weeks (112 days)"
    assert lead_time_words(30, "month") == "1 month (30 days)" and lead_time_words(7, "week") == "1 week (7 days)"
    assert lead_time_words(61, "month") == "2 months (61 days)"
    assert lead_time_words(5) == "5 days" and lead_time_words(3, "week") == "3 days"
