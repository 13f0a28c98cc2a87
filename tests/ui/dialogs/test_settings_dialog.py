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
