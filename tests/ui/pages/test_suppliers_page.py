"""ui/pages/suppliers_page.py, the product editor, the stocktake and Edit ▸ Undo / Redo in the window: a supplier
added through its form (a wrong e-mail is said in the form, which stays open), products given that supplier by
multi-select, retiring refused while it supplies products, counts typed and scanned, and the last edit undone and
redone from the Edit menu."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from core.services import suppliers as suppliers_service
from core.store import open_shop


def suppliers_of(path) -> dict[str, str | None]:
    with open_shop(path, create=False) as shop:
        return {r["sku"]: r["name"] for r in shop.query(
            "SELECT p.sku, s.name FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id")}


@pytest.fixture
def shop_window(qtbot, open_in_window, shop_with_sales):
    window = open_in_window(shop_with_sales)
    page = window.suppliers_page
    qtbot.waitUntil(lambda: not window.runner.is_running("suppliers"), timeout=10_000)
    return window


def add_supplier(qtbot, window, name: str, email: str):
    page = window.suppliers_page
    dialog = page.open_editor(None)
    dialog.name.setText(name)
    dialog.email.setText(email)
    dialog.lead_time.setValue(4)
    dialog.order_days.setText("tue, fri")
    dialog.buttons.accepted.emit()
    return dialog


def test_a_supplier_is_added_through_its_form_and_a_wrong_email_is_said_in_the_form(qtbot, shop_window):
    window = shop_window
    page = window.suppliers_page
    assert page.stack.currentWidget() is page.empty and "No suppliers yet" in page.empty.text()
    dialog = add_supplier(qtbot, window, "Acme Gifts", "orders at acme")
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "not an e-mail address" in dialog.problem.text() and dialog.isVisible()
    dialog.email.setText("orders@acme.example")
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        dialog.buttons.accepted.emit()
    assert saved.args[0].order_days == "Tue,Fri" and not dialog.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    row = page.model.row_at(0)
    assert (row.name, row.email, row.lead_time_days) == ("Acme Gifts", "orders@acme.example", 4)
    assert page.stack.currentWidget() is page.table
    qtbot.waitUntil(lambda: window.undo_action.isEnabled(), timeout=10_000)
    assert window.undo_action.text() == "&Undo Supplier Acme Gifts added"


def test_products_get_a_supplier_by_multi_select_and_edit_undo_takes_it_back(qtbot, shop_window, shop_with_sales):
    window = shop_window
    suppliers_service.save_supplier(shop_with_sales, values=suppliers_service.SupplierFields(name="Acme Gifts"))
    window.refresh()
    products = window.products_page
    qtbot.waitUntil(lambda: products.suppliers == ["Acme Gifts"] and products.model.rowCount() > 2, timeout=10_000)
    table = products.table
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    chosen = []
    for row in (0, 1):
        table.selectionModel().select(products.proxy.index(row, 0), flags)
        chosen.append(products.proxy.index(row, 0).data())
    assert products.edit_button.isEnabled() and products.edit_button.text() == "Change 2 selected…"
    dialog = products.open_editor()
    assert dialog.chosen_field() == "supplier"
    dialog.supplier.setCurrentIndex(dialog.supplier.findData("Acme Gifts"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    stored = suppliers_of(shop_with_sales)
    assert {sku for sku, name in stored.items() if name == "Acme Gifts"} == set(chosen)
    qtbot.waitUntil(lambda: sum(p.supplier == "Acme Gifts" for p in products.model.rows()) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Supplier set for 2 products", timeout=10_000)

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: all(name is None for name in suppliers_of(shop_with_sales).values()), timeout=10_000)
    qtbot.waitUntil(lambda: not any(p.supplier == "Acme Gifts" for p in products.model.rows()), timeout=10_000)
    qtbot.waitUntil(lambda: window.redo_action.isEnabled(), timeout=10_000)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: sum(name == "Acme Gifts" for name in suppliers_of(shop_with_sales).values()) == 2,
                    timeout=10_000)


def test_a_wrong_value_for_many_products_is_said_in_the_editor_and_nothing_changes(qtbot, shop_window,
                                                                                  shop_with_sales):
    products = shop_window.products_page
    qtbot.waitUntil(lambda: products.model.rowCount() > 1, timeout=10_000)
    products.table.selectAll()
    dialog = products.open_editor(field="pack_size")
    dialog.text.setText("0")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "Pack size must be more than 0" in dialog.problem.text()
    with open_shop(shop_with_sales, create=False) as shop:
        assert shop.scalar("SELECT count(*) FROM products WHERE pack_size != 1") == 0
    dialog.reject()


def test_retiring_a_supplier_that_still_supplies_products_is_refused_with_why(qtbot, shop_window, shop_with_sales):
    window = shop_window
    suppliers_service.save_supplier(shop_with_sales, values=suppliers_service.SupplierFields(name="Acme Gifts"))
    from core.services import edits as edits_service
    edits_service.edit_products(shop_with_sales, skus=["85123A"], values={"supplier": "Acme Gifts"})
    page = window.suppliers_page
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    assert page.retire_button.text() == "Retire"
    page.toggle_retired()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=10_000)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "still supplies 1 products" in box.text()
    box.close()
    assert suppliers_service.list_suppliers(shop_with_sales)[0].active


def test_a_stocktake_typed_and_scanned_in_the_window_is_stored_with_its_differences(qtbot, shop_window,
                                                                                    shop_with_sales, tmp_path):
    import datetime as dt

    window = shop_window
    products = window.products_page
    qtbot.waitUntil(lambda: products.model.rowCount() > 2, timeout=10_000)
    dialog = products.open_stocktake()
    qtbot.waitUntil(lambda: len(dialog.lines) == products.model.rowCount(), timeout=10_000)
    assert all(line.expected is None for line in dialog.lines)        # this shop was never counted
    first, second = dialog.lines[0].sku, dialog.lines[1].sku
    for _ in range(3):                                                 # a scanner types the code and Enter
        qtbot.keyClicks(dialog.scan, first)
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.counts() == {first: 3}       # Enter counts, it never saves
    dialog.table.item(dialog.row_of(second), 4).setText("7")
    dialog.day.setDate(QDate(2025, 6, 1))
    sheet = tmp_path / "count.xlsx"
    dialog.save_sheet(str(sheet))
    qtbot.waitUntil(lambda: sheet.exists(), timeout=10_000)
    with qtbot.waitSignal(dialog.stored, timeout=10_000) as stored:
        dialog.buttons.accepted.emit()
    assert stored.args[0].counted == 2 and stored.args[0].never_counted_before == 2
    with open_shop(shop_with_sales, create=False) as shop:
        counts = dict(shop.query("SELECT p.sku, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id "
                                 "WHERE s.date = '2025-06-01'"))
    assert counts == {first: 3, second: 7}
    qtbot.waitUntil(lambda: window.undo_action.text().startswith("&Undo Stocktake of 2025-06-01"), timeout=10_000)


def test_the_dashboard_says_what_a_new_shop_lacks_and_each_fix_is_one_click(qtbot, shop_window):
    window = shop_window
    dashboard = window.dashboard_page
    qtbot.waitUntil(lambda: dashboard.getting_started is not None, timeout=10_000)
    window.show_page(dashboard)
    assert dashboard.start_panel.isVisible()
    text = dashboard.start_text.text()
    assert "3 products" in text and "3 without a supplier" in text and "3 never counted" in text
    assert dashboard.fix_buttons["suppliers"].text() == "Add suppliers"
    dashboard.fix_buttons["suppliers"].click()
    assert window.stack.currentWidget() is window.suppliers_page
    dialog = window.suppliers_page.dialog
    assert dialog is not None and dialog.isVisible() and dialog.supplier is None
    dialog.reject()
    window.show_page(dashboard)
    dashboard.fix_buttons["counts"].click()
    assert window.stack.currentWidget() is window.products_page
    stocktake = window.products_page.stocktake_dialog
    assert stocktake is not None and stocktake.isVisible()
    stocktake.reject()


def test_backups_from_the_file_menu_a_copy_now_and_a_restore_that_puts_the_shop_back(qtbot, shop_window,
                                                                                     shop_with_sales, tmp_path):
    from core.store import backups
    from tests.core.test_edits import records

    window = shop_window
    qtbot.waitUntil(lambda: [b.reason for b in backups.list_backups(shop_with_sales)] == ["daily"], timeout=10_000)
    as_opened = records(shop_with_sales)
    stick = tmp_path / "usb-stick.db"
    window.back_up_now(str(stick))
    qtbot.waitUntil(lambda: stick.exists(), timeout=10_000)
    assert records(stick) == as_opened
    suppliers_service.save_supplier(shop_with_sales, values=suppliers_service.SupplierFields(name="Acme Gifts"))
    window.refresh()
    qtbot.waitUntil(lambda: window.suppliers_page.model.rowCount() == 1, timeout=10_000)

    window.restore_action.trigger()
    qtbot.waitUntil(lambda: window.restore_dialog is not None and window.restore_dialog.isVisible(), timeout=10_000)
    dialog = window.restore_dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "daily"
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(), timeout=10_000)
    dialog.question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: records(shop_with_sales) == as_opened, timeout=10_000)
    qtbot.waitUntil(lambda: window.suppliers_page.model.rowCount() == 0, timeout=10_000)   # the pages read it again
    assert [b.reason for b in backups.list_backups(shop_with_sales)] == ["before restore", "daily"]


def test_a_suppliers_products_are_one_click_away(qtbot, shop_window, shop_with_sales):
    from core.services import edits as edits_service

    window = shop_window
    suppliers_service.save_supplier(shop_with_sales, values=suppliers_service.SupplierFields(name="Acme Gifts"))
    edits_service.edit_products(shop_with_sales, skus=["85123A", "71053"], values={"supplier": "Acme Gifts"})
    window.refresh()
    page = window.suppliers_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).products == 2, timeout=10_000)
    page.table.selectRow(0)
    assert page.products_button.isEnabled()
    products = window.products_page
    qtbot.waitUntil(lambda: products.suppliers == ["Acme Gifts"], timeout=10_000)
    page.products_button.click()
    assert window.stack.currentWidget() is products
    assert products.supplier.currentData() == "Acme Gifts" and products.proxy.rowCount() == 2


def test_order_days_of_the_week_and_of_the_month_read_as_words(qapp):
    from ui.i18n import order_days_text

    assert order_days_text("Mon,Thu") == "Mon, Thu"
    assert order_days_text("Fri,1st,15th,last") == "Fri, day 1 of the month, day 15 of the month, last day of the month"
    assert order_days_text("") == ""
