"""A new shop owner's whole first journey in the window, on a real file: an empty new shop, the UCI Online Retail
workbook imported through the wizard, a forecast, two suppliers added on the Suppliers page, products given to them by
multi-select with costs and packs, a few shelves counted in the stocktake, a plan, purchase orders made (the shop's
details asked for once), and the PDF and the e-mail draft of one order checked as the supplier would get them."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from core.ordering.purchase_orders import list_orders
from core.store import open_shop
from tests.ui.wizard.test_import_wizard import check, start_wizard
from tests.ui.pages.test_orders_page import plan
from tests.ui.pages.test_purchase_orders_page import files, wait_jobs, wait_page  # noqa: F401 - files is a fixture
from ui.wizard.import_wizard import ImportWizard
from ui.pages.orders_page import CREATE_JOB

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "online-retail"
UCI_XLSX = DATA / "Online Retail (first 70051 rows).xlsx"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not UCI_XLSX.exists(), reason=f"no real data at {DATA}")]


def select_rows(table, proxy, rows) -> None:
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(proxy.index(row, 0), flags)


def set_for_selected(qtbot, products, field: str, value: str) -> None:
    dialog = products.open_editor(field=field)
    if field == "supplier":
        dialog.supplier.setCurrentIndex(dialog.supplier.findData(value))
    else:
        dialog.text.setText(value)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)


def add_supplier(qtbot, page, name: str, email_address: str, lead_days: int) -> None:
    dialog = page.open_editor(None)
    dialog.name.setText(name)
    dialog.email.setText(email_address)
    dialog.lead_time.setValue(lead_days)
    with qtbot.waitSignal(page.saved, timeout=20_000):
        dialog.buttons.accepted.emit()


def test_from_an_empty_new_shop_and_the_uci_workbook_to_purchase_orders(qtbot, window, tmp_path, files):  # noqa: F811
    shop = tmp_path / "my-gift-shop.db"
    window.open_shop(shop, create=True)                         # File ▸ New shop, after its file dialog
    qtbot.waitUntil(lambda: window.shop_path == shop, timeout=20_000)

    # the owner's own sales workbook, through the wizard
    wizard = start_wizard(qtbot, window, UCI_XLSX)
    check(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=120_000)
    wizard.close()
    products = window.products_page
    qtbot.waitUntil(lambda: products.model.rowCount() > 2500, timeout=60_000)

    # a forecast (without the neural model: minutes on a CPU)
    forecast = window.forecast_page
    window.show_page(forecast)
    forecast.neural.setChecked(False)
    qtbot.waitUntil(lambda: forecast.forecast_button.isEnabled(), timeout=20_000)
    forecast.forecast_button.click()
    wait_jobs(qtbot, window.runner, "forecast-run", timeout=300_000)
    qtbot.waitUntil(lambda: forecast.model.rowCount() > 2500, timeout=60_000)

    # two suppliers, each given products by multi-select, with a cost and a pack size
    suppliers = window.suppliers_page
    window.show_page(suppliers)
    add_supplier(qtbot, suppliers, "Hearth & Home Imports", "orders@hearthhome.example", 10)
    add_supplier(qtbot, suppliers, "Paper Lantern Co", "sales@paperlantern.example", 5)
    qtbot.waitUntil(lambda: suppliers.model.rowCount() == 2, timeout=20_000)
    window.show_page(products)
    qtbot.waitUntil(lambda: products.suppliers == ["Hearth & Home Imports", "Paper Lantern Co"], timeout=20_000)
    chosen = {}
    for search, supplier, cost, pack in (("HEART", "Hearth & Home Imports", "1.85", "6"),
                                         ("LANTERN", "Paper Lantern Co", "2.40", "4")):
        products.search.setText(search)
        qtbot.waitUntil(lambda: products.proxy.rowCount() >= 8, timeout=20_000)
        rows = range(min(products.proxy.rowCount(), 12))
        select_rows(products.table, products.proxy, rows)
        chosen[supplier] = products.selected_skus()
        set_for_selected(qtbot, products, "supplier", supplier)
        select_rows(products.table, products.proxy, rows)
        set_for_selected(qtbot, products, "unit_cost", cost)
        select_rows(products.table, products.proxy, rows)
        set_for_selected(qtbot, products, "pack_size", pack)
    products.search.setText("")
    with open_shop(shop, create=False) as db:
        stored = {r["sku"]: (r["name"], r["unit_cost"], r["pack_size"]) for r in db.query(
            "SELECT p.sku, s.name, p.unit_cost, p.pack_size FROM products p JOIN suppliers s ON s.id = p.supplier_id")}
    assert {sku for sku, (name, *_rest) in stored.items() if name == "Hearth & Home Imports"} == \
        set(chosen["Hearth & Home Imports"])
    assert all(stored[sku][1:] == (2.40, 4) for sku in chosen["Paper Lantern Co"])

    # a few shelves counted: empty ones, so that the plan orders them
    counted = chosen["Hearth & Home Imports"][:4] + chosen["Paper Lantern Co"][:4]
    stocktake = products.open_stocktake()
    qtbot.waitUntil(lambda: len(stocktake.lines) > 2500, timeout=20_000)
    for sku in counted:
        stocktake.table.item(stocktake.row_of(sku), 4).setText("0")
    day = stocktake.counted_day()
    with qtbot.waitSignal(stocktake.stored, timeout=20_000) as done:
        stocktake.buttons.accepted.emit()
    assert done.args[0].counted == len(counted)

    # the sales end in January 2011: the Orders page asks, and the owner plans for today (the file is just old)
    orders = window.orders_page
    window.show_page(orders)
    qtbot.waitUntil(lambda: orders.plan_button.isEnabled(), timeout=60_000)
    plan(qtbot, orders)
    assert orders.data.plan_date == dt.date(2011, 1, 26)
    assert orders.old_history.isVisible() and "Your sales end on" in orders.old_history_text.text()
    assert not any(row.order_qty > 0 for row in orders.data.lines)      # nothing counted by then: nothing to order
    orders.today_button.click()
    qtbot.waitUntil(lambda: orders.data.plan_date == day, timeout=120_000)      # today: the counts of today count
    assert not orders.old_history.isVisible()

    # the plan orders what was counted, and only that (the rest waits for a count)
    to_order = {row.sku: row for row in orders.data.lines if row.order_qty > 0}
    assert to_order and set(to_order) <= set(counted)
    assert all(row.order_qty % (6 if row.supplier == "Hearth & Home Imports" else 4) == 0
               for row in to_order.values())

    # purchase orders: the shop's details asked for once, then one draft per supplier
    orders.select_supplier(None)
    orders.create_button.click()
    qtbot.waitUntil(lambda: orders.details_dialog is not None and orders.details_dialog.isVisible(), timeout=20_000)
    details = orders.details_dialog
    details.name.setText("Hebden Gift House")
    details.address.setPlainText("3 Bridge Gate\nHebden Bridge HX7 8EX")
    details.email.setText("owner@hebdengifts.example")
    details.buttons.accepted.emit()
    po_page = window.purchase_orders_page
    po_page.mail_folder = lambda: tmp_path / "mail"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is po_page, timeout=30_000)
    wait_jobs(qtbot, window.runner, CREATE_JOB)
    wait_page(qtbot, po_page)
    with open_shop(shop, create=False) as db:
        drafts = list_orders(db, statuses=["draft"])
    by_supplier = {supplier: to_order_lines for supplier, to_order_lines in
                   ((s, {sku: row for sku, row in to_order.items() if row.supplier == s})
                    for s in {row.supplier for row in to_order.values()})}
    assert sorted(drafts["supplier"]) == sorted(by_supplier)
    order = po_page.order
    assert order is not None and order.supplier in by_supplier
    assert {line.sku: line.qty for line in order.lines} == {sku: row.order_qty
                                                            for sku, row in by_supplier[order.supplier].items()}
    assert order.total == pytest.approx(sum(line.qty * line.unit_cost for line in order.lines))

    # the PDF carries the shop's name and address and every line; the e-mail goes to the supplier
    files.answer = str(tmp_path / "order.pdf")
    po_page.pdf_button.click()
    wait_page(qtbot, po_page)
    pdf = tmp_path / "order.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Hebden Gift House" in text and "3 Bridge Gate" in text and order.number in text
        assert all(line.sku in text for line in order.lines)
        assert f"{order.total:,.2f}" in text
    po_page.email_button.click()
    wait_page(qtbot, po_page)
    message = email.message_from_bytes(po_page.last_email.path.read_bytes(), policy=email.policy.default)
    expected = {"Hearth & Home Imports": "orders@hearthhome.example",
                "Paper Lantern Co": "sales@paperlantern.example"}[order.supplier]
    assert message["To"].addresses[0].addr_spec == expected
    assert "owner@hebdengifts.example" in str(message["From"]) or "Hebden Gift House" in message.get_body(
        preferencelist=("plain",)).get_content()
