"""ui/settings_dialog.py: File ▸ Settings… edits the shop's list of codes that are not products."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QMessageBox

from core.importing import non_product_codes, run_import
from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from core.store.db import open_shop
from ui.settings_dialog import codes_from_text

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
