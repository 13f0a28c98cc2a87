"""ui/pages/dashboard_page.py: what needs the owner's attention, worked out in the background whenever the shop changes
(never by making a forecast), a count per kind that filters the list, and the way to a product's order."""
from __future__ import annotations

from collections import Counter

import pytest

from core.alerts import KINDS, shop_alerts
from core.policy.plan import plan_shop
from core.services.changes import FORECAST
from core.store.db import open_shop
from ui.pages.dashboard_page import ALL, JOB, AlertsModel
from ui.jobs import shop_events
from ui.pages.orders_page import PLAN_JOB
from ui.table_models import ROW_ROLE


def core_alerts(path):
    with open_shop(path, create=False) as shop:
        return shop_alerts(shop, plan_shop(shop))


def open_dashboard(qtbot, window, open_in_window, path):
    open_in_window(path)
    page = window.dashboard_page
    qtbot.waitUntil(lambda: page.data is not None and not window.runner.is_running(JOB), timeout=60_000)
    return page


def listed(page) -> list:
    return [page.proxy.index(r, 0).data(ROW_ROLE) for r in range(page.proxy.rowCount())]


def test_the_alerts_model_passes_qts_model_checks(qtmodeltester, forecast_demo):
    from core.jobs import null_context
    from core.services import plan as plan_service

    data = plan_service.load_alerts(forecast_demo, ctx=null_context())
    model = AlertsModel()
    qtmodeltester.check(model)
    model.set_rows(data.alerts)
    model.set_rows([])


def test_the_dashboard_comes_first_counts_the_alerts_core_raises_and_filters_by_kind(qtbot, window, open_in_window,
                                                                                   forecast_demo):
    assert window.nav.item(0).text() == "Dashboard" and window.stack.currentWidget() is window.dashboard_page
    page = open_dashboard(qtbot, window, open_in_window, forecast_demo)
    expected = core_alerts(forecast_demo)
    counts = Counter(alert.kind for alert in expected)
    assert page.counts() == {kind: counts.get(kind, 0) for kind in KINDS}
    assert page.tiles[ALL].count.text() == f"{len(expected):,}"
    for kind in KINDS:
        assert page.tiles[kind].count.text() == f"{counts.get(kind, 0):,}"
    assert [(a.kind, a.sku, a.date, a.message) for a in listed(page)] == [
        (a.kind, a.sku, a.date, a.message) for a in expected]
    assert f"{len(expected):,} alerts" in page.header.text()
    first = page.proxy.index(0, 1).data()
    assert first == f"{expected[0].sku} — {expected[0].name}"
    assert page.stack.currentWidget() is page.body

    kind = max(counts, key=counts.get)                 # a click on a tile shows only its kind
    page.tiles[kind].click()
    assert page.tiles[kind].isChecked() and not page.tiles[ALL].isChecked()
    assert {alert.kind for alert in listed(page)} == {kind}
    assert page.proxy.rowCount() == counts[kind]
    assert page.list_heading.text().endswith(f": {counts[kind]:,}")
    empty = next((k for k in KINDS if counts[k] == 0), None)
    if empty is not None:
        page.tiles[empty].click()
        assert page.proxy.rowCount() == 0
    page.tiles[ALL].click()
    assert page.proxy.rowCount() == len(expected)


def test_a_shop_without_a_forecast_says_what_to_do_and_forecasts_nothing(qtbot, window, open_in_window, demo_shop):
    page = open_dashboard(qtbot, window, open_in_window, demo_shop)
    assert page.data.plan is None
    assert page.stack.currentWidget() is page.empty and "No forecast yet" in page.empty.text()
    assert page.tiles[ALL].count.text() == "–"
    with open_shop(demo_shop, create=False) as shop:
        assert shop.scalar("SELECT count(*) FROM forecast_runs") == 0
    assert window.orders_page.data is None


def test_a_double_click_on_a_product_alert_opens_its_order(qtbot, window, open_in_window, forecast_demo):
    page = open_dashboard(qtbot, window, open_in_window, forecast_demo)
    qtbot.waitUntil(lambda: window.orders_page.data is not None, timeout=10_000)
    page.show_kind("overstock")                        # a product with nothing to order: shown all the same
    assert page.proxy.rowCount()
    alert = listed(page)[0]
    page.table.doubleClicked.emit(page.proxy.index(0, 0))
    orders = window.orders_page
    assert window.stack.currentWidget() is orders
    assert orders.selected_line().sku == alert.sku
    assert alert.sku in orders.line_title.text()


@pytest.mark.slow
def test_the_alerts_follow_a_plan_made_on_the_orders_page_and_a_new_forecast(qtbot, window, open_in_window,
                                                                             forecast_demo):
    page = open_dashboard(qtbot, window, open_in_window, forecast_demo)
    orders = window.orders_page
    qtbot.waitUntil(lambda: orders.data is not None, timeout=10_000)
    before = page.data
    orders.plan_button.click()
    qtbot.waitUntil(lambda: not window.runner.is_running(PLAN_JOB), timeout=60_000)
    qtbot.waitUntil(lambda: page.data is not before and not window.runner.is_running(JOB), timeout=60_000)
    assert page.data.plan is orders.data                 # the alerts of the Orders page's own plan
    expected = Counter(alert.kind for alert in core_alerts(forecast_demo))
    assert page.counts() == {kind: expected.get(kind, 0) for kind in KINDS}

    before = page.data
    shop_events().changed.emit(frozenset({FORECAST}))     # a new forecast run, or an override, was stored
    assert window.runner.is_running(JOB)
    qtbot.waitUntil(lambda: page.data is not before and not window.runner.is_running(JOB), timeout=60_000)
    assert page.data.plan is not None and orders.data is page.data.plan
