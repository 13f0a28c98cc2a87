"""The replay dialog: a window of the demo's past replayed in the background, beside what the shop really did."""
from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QDate

from ui.dialogs.replay_dialog import ReplayDialog


@pytest.mark.slow
def test_replay_shows_the_policies_beside_the_shop_record(qtbot, demo_shop):
    dialog = ReplayDialog(demo_shop)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.end.date() > dialog.start.date(), timeout=10_000)
    last = dialog.end.date().toPython()
    start = last - dt.timedelta(days=20)
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    dialog.policies["optimal"].setChecked(False)
    dialog.run()
    assert not dialog.run_button.isEnabled()              # running in the background
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=180_000)
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert rows == ["ShelfWise", "Min/max rule", "What you actually did"]
    table = dialog.comparison.table.set_index("policy")
    assert dialog.table.item(0, 1).text() == f"{table.at['shelfwise', 'cycle_service_level']:.1%}"
    assert dialog.table.item(2, 2).text() == "—"           # the shop never recorded its lost sales
    assert "stock was counted" in dialog.summary.text()
    qtbot.waitUntil(dialog.run_button.isEnabled, timeout=10_000)


def test_replay_refusal_is_shown(qtbot, demo_shop):
    dialog = ReplayDialog(demo_shop)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.end.date() > dialog.start.date(), timeout=10_000)
    dialog.start.setDate(dialog.end.date().addDays(-3))    # shorter than two review periods
    dialog.run()
    qtbot.waitUntil(lambda: "at least" in dialog.summary.text(), timeout=60_000)
    assert dialog.comparison is None


def test_the_plan_menu_opens_the_replay(qtbot, demo_shop, settings):
    from ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_shop(demo_shop)
    qtbot.waitUntil(lambda: window.shop_path is not None, timeout=10_000)
    window.replay_action.trigger()
    dialog = window.findChild(ReplayDialog)
    assert dialog is not None and dialog.isVisible() and dialog.shop_path == demo_shop
    qtbot.waitUntil(lambda: dialog.end.date() > dialog.start.date(), timeout=10_000)
    dialog.close()


def test_a_monthly_shop_is_replayed_month_by_month(qtbot, tmp_path):
    from core.importing import run_import
    from core.store.db import open_shop
    from tests.forecasting.test_period_forecast import _monthly_sheet

    _monthly_sheet(tmp_path / "parts.csv")                          # Jan 2023 .. Dec 2024
    path = tmp_path / "monthly.db"
    with open_shop(path) as shop:
        run_import(shop, tmp_path / "parts.csv", "sales", today=dt.date(2025, 1, 15))
    dialog = ReplayDialog(path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.end.date() > dialog.start.date(), timeout=10_000)
    # the last day is December's last (a month's total is dated on its 1st); a year of months offered
    assert dialog.end.date().toPython() == dt.date(2024, 12, 31)
    assert dialog.start.date().toPython() == dt.date(2024, 1, 1)
    dialog.run()
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=60_000)
    assert dialog.comparison.period == "month"
    assert dialog.table.horizontalHeaderItem(3).text() == "Months out of stock"
    assert dialog.policies["minmax"].text() == "Min/max rule (lead time + a month of sales, up to twice that)"
    # the sheet has no costs: the stock is in units, not a column of 0.00
    assert dialog.table.horizontalHeaderItem(4).text() == "Average stock (units)"
    assert float(dialog.table.item(0, 4).text().replace(",", "")) > 0
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == [
        "ShelfWise", "Optimal (s, S)", "Min/max rule"]
    assert "Your sales are monthly totals" in dialog.summary.text()
    assert "1 Jan 2024 to 31 Dec 2024, 20 products." in dialog.summary.text()
