"""ui/dialogs/settings_dialog.py: File ▸ Settings… edits the shop's list of codes that are not products."""
from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtWidgets import QLabel, QMessageBox

from core.importing import non_product_codes, run_import
from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from core.store.db import open_shop
from ui.dialogs.settings_dialog import codes_from_text

TODAY = dt.date(2025, 6, 1)      # as in conftest


def stored_codes(path) -> list[str]:
    with open_shop(path, create=False) as shop:
        return non_product_codes(shop)


def open_dialog(qtbot, window):
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.codes.isEnabled(), timeout=10_000)     # read in the background
    return dialog


def test_the_codes_are_edited_one_a_line_and_saved_in_the_background(qtbot, window, open_in_window, empty_shop):
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    assert codes_from_text(dialog.codes.toPlainText()) == DEFAULT_NON_PRODUCT_CODES
    assert "ADJUST*" in dialog.codes.toPlainText().splitlines()
    explanation = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "A * stands for any characters" in explanation and "ADJUST*" in explanation
    dialog.codes.setPlainText("POSTAGE\n  gift wrap  \n\npostage\nFEE*\n")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)   # closed once saved
    assert stored_codes(empty_shop) == ["POSTAGE", "gift wrap", "FEE*"]       # blank lines and repeats dropped
    assert "Settings saved: 3 codes are not products" in window.statusBar().currentMessage()


def test_the_saved_list_is_what_the_next_import_uses(qtbot, window, open_in_window, empty_shop, sales_csv):
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    codes = [code for code in codes_from_text(dialog.codes.toPlainText()) if code != "POST"] + ["7105*"]
    dialog.codes.setPlainText("\n".join(codes))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    with open_shop(empty_shop, create=False) as shop:
        run_import(shop, sales_csv, "sales", overrides={"When": "date"}, today=TODAY)
        skus = {row[0] for row in shop.query("SELECT sku FROM products")}
    assert "POST" in skus                      # no longer set aside
    assert "71053" not in skus                 # set aside by '7105*'
    assert "85123A" in skus


def test_the_standard_list_can_be_put_back_and_cancel_keeps_what_was_stored(qtbot, window, open_in_window,
                                                                            empty_shop):
    with open_shop(empty_shop, create=False) as shop:
        shop.set_setting("non_product_codes", ["ONLY THIS"])
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    assert dialog.codes.toPlainText() == "ONLY THIS"
    dialog.defaults_button.click()
    assert codes_from_text(dialog.codes.toPlainText()) == DEFAULT_NON_PRODUCT_CODES
    dialog.reject()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert stored_codes(empty_shop) == ["ONLY THIS"]


def test_settings_need_an_open_shop(qtbot, window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    assert window.open_settings() is None
    assert told == ["Open or create a shop first."]


# ---- the Ordering tab


def stored_policy(path):
    from core.policy.settings import load_policy_settings

    with open_shop(path, create=False) as shop:
        return load_policy_settings(shop)


def test_the_ordering_tab_shows_the_stored_settings_in_percent_and_days(qtbot, window, open_in_window, empty_shop):
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    ordering = dialog.ordering
    assert dialog.tabs.tabText(0) == "Ordering" and ordering.isEnabled()
    assert [ordering.service[abc].value() for abc in "ABC"] == [98.0, 95.0, 90.0]
    assert ordering.holding_rate.value() == 25.0 and ordering.order_cost.value() == 20.0
    assert ordering.line_cost.value() == 0.5
    assert (ordering.overstock_days.value(), ordering.dead_stock_days.value()) == (90, 60)
    assert [ordering.policy.itemData(i) for i in range(ordering.policy.count())] == ["shelfwise", "optimal", "minmax"]
    assert ordering.policy.itemText(1) == "Optimal (s,S)" and ordering.policy.itemText(2) == "Min-max"
    ordering.policy.setCurrentIndex(2)
    assert "2 weeks of average sales" in ordering.policy_text.text()
    assert ordering.sales_period.currentData() == "auto"
    dialog.reject()


def test_the_owner_can_decide_to_forecast_and_plan_month_by_month(qtbot, window, open_in_window, empty_shop):
    from core.forecasting.periods import shop_period

    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    period = dialog.ordering.sales_period
    assert [period.itemData(i) for i in range(period.count())] == ["auto", "day", "week", "month"]
    period.setCurrentIndex(period.findData("month"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert stored_policy(empty_shop).sales_period == "month"
    with open_shop(empty_shop, create=False) as shop:
        assert shop_period(shop) == "month"


@pytest.mark.slow
def test_a_service_level_for_class_a_is_saved_and_the_next_plan_uses_it(qtbot, window, open_in_window,
                                                                         forecast_demo):
    from core.policy.settings import save_policy_settings
    from ui.pages.orders_page import PLAN_JOB

    with open_shop(forecast_demo, create=False) as shop:           # a budget set on the Orders page stays
        save_policy_settings(shop, stored_policy(forecast_demo).__class__(budget=5000.0))
    open_in_window(forecast_demo)
    dialog = open_dialog(qtbot, window)
    dialog.ordering.service["A"].setValue(99.5)
    dialog.ordering.overstock_days.setValue(120)
    dialog.ordering.holding_rate.setValue(30)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    policy = stored_policy(forecast_demo)
    assert policy.service_by_class == {"A": 0.995, "B": 0.95, "C": 0.90}
    assert (policy.overstock_days, policy.holding_rate, policy.budget, policy.policy) == (120, 0.30, 5000.0,
                                                                                          "shelfwise")
    page = window.orders_page
    window.show_page(page)
    page.plan_button.click()
    qtbot.waitUntil(lambda: page.data is not None and not window.runner.is_running(PLAN_JOB), timeout=60_000)
    levels = {(row.abc, row.service_level) for row in page.data.lines}
    assert ("A", 0.995) in levels and not any(abc == "A" and level != 0.995 for abc, level in levels)
    assert ("B", 0.95) in levels
    assert page.data.settings.overstock_days == 120


def test_a_value_core_refuses_is_explained_and_nothing_is_saved(qtbot, window, open_in_window, empty_shop):
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    dialog.ordering.service["A"].setValue(100.0)
    dialog.ordering.policy.setCurrentIndex(1)
    dialog.codes.setPlainText("ONLY THIS")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.findChildren(QMessageBox)), timeout=10_000)
    box = dialog.findChildren(QMessageBox)[0]
    assert box.text() == "A service level of 100.0% cannot be planned for."
    assert box.informativeText() == "Choose a service level from 50% to 99.9%."
    box.close()
    assert dialog.isVisible() and dialog.save_button.isEnabled()          # still open, to put it right
    assert stored_policy(empty_shop).service_by_class["A"] == 0.98 and stored_policy(empty_shop).policy == "shelfwise"
    assert stored_codes(empty_shop) != ["ONLY THIS"]                     # nothing at all was stored
    dialog.ordering.service["A"].setValue(99.0)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert stored_policy(empty_shop).policy == "optimal" and stored_codes(empty_shop) == ["ONLY THIS"]


def test_the_backups_tab_keeps_what_the_owner_sets(qtbot, window, open_in_window, empty_shop):
    from core.services import shop as shop_service
    from core.store.backups import Retention

    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    assert dialog.keep_last.value() == 10 and dialog.keep_months.value() == 12
    assert "backups" in dialog.backups_note.text()
    dialog.keep_last.setValue(25)
    dialog.keep_months.setValue(0)
    assert dialog.keep_months.text() == "none by month"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert shop_service.load_settings(empty_shop).retention == Retention(25, 0)


def test_the_advanced_tab_says_where_the_forecast_runs_and_refuses_an_address_that_is_not_one(
        qtbot, window, open_in_window, empty_shop):
    from core.compute.settings import ComputeSettings
    from core.services import shop as shop_service

    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    assert dialog.advanced.isEnabled()
    assert dialog.advanced.workers.value() == 0 and dialog.advanced.workers.text().startswith("Automatic (")
    assert dialog.advanced.scheduler.text() == ""
    dialog.advanced.scheduler.setText("the cluster upstairs")
    dialog.codes.setPlainText("ONLY THIS")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.findChildren(QMessageBox)), timeout=10_000)
    box = dialog.findChildren(QMessageBox)[0]
    assert box.text() == "'the cluster upstairs' is not a scheduler address."
    assert "tcp://host:8786" in box.informativeText()
    box.close()
    assert stored_codes(empty_shop) != ["ONLY THIS"]                     # nothing at all was stored
    dialog.advanced.scheduler.setText(" tcp://planner.local:8786 ")
    dialog.advanced.workers.setValue(2)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert shop_service.load_settings(empty_shop).compute == ComputeSettings(2, "tcp://planner.local:8786")
    dialog = open_dialog(qtbot, window)                                  # shown again as stored
    assert dialog.advanced.workers.value() == 2 and dialog.advanced.scheduler.text() == "tcp://planner.local:8786"
    dialog.reject()


def test_the_closed_days_tab_adds_and_removes_closures_stored_with_save(qtbot, window, open_in_window, empty_shop,
                                                                        tmp_path):
    """Settings ▸ Closed days: the owner adds Easter and a refit (dates and why), takes a slip away again, and a
    last day before the first is refused with what is wrong; Save stores them as the shop's closures (the events
    the forecast reads), Cancel stores nothing; one from an events sheet is listed but taken away by undoing its
    import."""
    import pandas as pd
    from PySide6.QtCore import QDate

    from core.demand.history import declared_closures
    from core.services.closures import list_closures

    events = tmp_path / "events.csv"
    pd.DataFrame([("2025-12-24", "2025-12-26", "Christmas", "Closed")],
                 columns=["Date", "End date", "Event", "Type"]).to_csv(events, index=False)
    with open_shop(empty_shop, create=False) as shop:
        run_import(shop, events, "events", today=TODAY)
    open_in_window(empty_shop)
    dialog = open_dialog(qtbot, window)
    tab = dialog.closures
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Closed days"
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "Christmas"
    tab.table.selectRow(0)
    assert not tab.remove_button.isEnabled()                   # from an events sheet: undo its import instead
    tab.first.setDate(QDate(2026, 4, 3))
    tab.last.setDate(QDate(2026, 4, 6))
    tab.name.setText("Easter")
    assert tab.add()
    tab.first.setDate(QDate(2026, 8, 10))
    tab.last.setDate(QDate(2026, 8, 1))
    assert not tab.add()                                        # the last day before the first
    assert tab.problem.isVisibleTo(tab) and "before its first" in tab.problem.text()
    tab.last.setDate(QDate(2026, 8, 16))
    tab.name.setText("Refit")
    assert tab.add()
    tab.first.setDate(QDate(2026, 9, 1))
    tab.last.setDate(QDate(2026, 9, 1))
    assert tab.add()                                            # a slip, named "Closed" by default
    assert [tab.table.item(r, 2).text() for r in range(tab.table.rowCount())] == ["Christmas", "Easter", "Refit",
                                                                                  "Closed"]
    tab.table.selectRow(3)
    assert tab.remove_button.isEnabled()
    tab.remove_button.click()
    assert tab.table.rowCount() == 3
    assert declared_closures_count(empty_shop) == 1            # nothing stored before Save
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    with open_shop(empty_shop, create=False) as shop:
        assert declared_closures(shop) == (("2025-12-24", "2025-12-26", "Christmas"),
                                           ("2026-04-03", "2026-04-06", "Easter"),
                                           ("2026-08-10", "2026-08-16", "Refit"))
        easter = next(c for c in list_closures(shop) if c.name == "Easter")
    dialog = open_dialog(qtbot, window)
    assert dialog.closures.table.rowCount() == 3
    row = [dialog.closures.table.item(r, 2).text() for r in range(3)].index("Easter")
    dialog.closures.table.selectRow(row)
    dialog.closures.remove_button.click()
    dialog.reject()                                             # Cancel: Easter stays
    with open_shop(empty_shop, create=False) as shop:
        assert easter.id in [c.id for c in list_closures(shop)]


def declared_closures_count(path) -> int:
    from core.demand.history import declared_closures

    with open_shop(path, create=False) as shop:
        return len(declared_closures(shop))
