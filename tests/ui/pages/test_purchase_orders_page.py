"""ui/pages/purchase_orders_page.py (and the Orders page's Create purchase orders, the Settings' Shop details tab and
language): drafts made from the plan, checked and changed, printed, saved as PDF and Excel, handed to the mail
program, sent, received in parts (the goods reach the shelf) and cancelled; every step through core."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from core.documents import build_document, load_shop_details, to_html
from core.jobs import null_context
from core.ordering.purchase_orders import OPEN_STATUSES, get_order, list_orders, product_history
from core.policy.plan import plan_shop
from core.store.db import open_shop
from core.services import documents as documents_service
from core.services import plan as plan_service
from core.services import purchase_orders as purchase_orders_service
from ui.jobs import JobRunner
from ui.pages.orders_page import CREATE_JOB, PLAN_JOB
from ui.pages.purchase_orders_page import (CHANGE_JOB, DETAIL_JOB, DOCUMENT_JOB, L_QTY, LEAD_TIME, LATE, LIST_JOB,
                                     PurchaseOrderLinesModel, OrdersModel, ProductHistoryModel, PurchaseOrdersPage,
                                     lateness_text)
from ui.pages.purchase_orders_page import OPEN_STATUSES as PAGE_OPEN_STATUSES

TODAY = dt.date(2025, 6, 1)      # as in conftest: the demo's data ends the day before, so today's plan is for it


# ---- helpers


def wait_jobs(qtbot, runner: JobRunner, *kinds: str, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not any(runner.is_running(kind) for kind in kinds), timeout=timeout)


def wait_page(qtbot, page: PurchaseOrdersPage) -> None:
    """Until the page has read its list and the chosen order (and no change or document is under way)."""
    qtbot.waitUntil(lambda: not any(page.runner.is_running(k) for k in (LIST_JOB, DETAIL_JOB, CHANGE_JOB,
                                                                        DOCUMENT_JOB)), timeout=60_000)
    row = page.selected_row()
    if row is not None:
        qtbot.waitUntil(lambda: page.order is not None and page.order.id == page.selected_row().id, timeout=20_000)


def core_order(path: Path, number: str):
    with open_shop(path, create=False) as shop:
        return get_order(shop, number)


def core_orders(path: Path, **filters):
    with open_shop(path, create=False) as shop:
        return list_orders(shop, **filters)


def supplier_email(path: Path, name: str) -> str:
    with open_shop(path, create=False) as shop:
        return shop.scalar("SELECT email FROM suppliers WHERE name = ?", (name,))


def on_hand(path: Path) -> dict[str, float]:
    """Each product's stock on hand in today's plan, as core works it out."""
    with open_shop(path, create=False) as shop:
        return plan_shop(shop).lines.set_index("sku")["on_hand"].to_dict()


def choose(page: PurchaseOrdersPage, number: str) -> None:
    order_id = next(row.id for row in page.orders_model.rows() if row.number == number)
    assert page.select_order(order_id)


@pytest.fixture
def files(monkeypatch, tmp_path):
    """The save dialog answers with the path put in `files.answer`; the mail opener records the URLs it is given
    (and says whether it opened them, as `files.opens` says)."""

    class Files:
        answer = ""
        asked: list[str] = []
        opened: list[str] = []
        opens = True

    def save_name(parent, title, start, file_filter="", *args, **kwargs):
        Files.asked.append(start)
        return Files.answer, file_filter

    def open_url(url: QUrl) -> bool:
        Files.opened.append(url.toString())
        return Files.opens

    Files.asked, Files.opened = [], []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return Files


@pytest.fixture
def drafts_shop(forecast_demo) -> Path:
    """The demo shop with a forecast and today's orders made into drafts (one per supplier), through core."""
    data = plan_service.make_plan(forecast_demo, ctx=null_context())
    purchase_orders_service.create_purchase_orders(forecast_demo, plan=data.plan)
    return forecast_demo


@pytest.fixture
def page(qtbot, drafts_shop, tmp_path) -> PurchaseOrdersPage:
    orders = PurchaseOrdersPage(JobRunner())
    qtbot.addWidget(orders)
    orders.resize(1100, 760)
    orders.show()
    orders.today = lambda: TODAY
    orders.mail_folder = lambda: tmp_path / "mail"
    orders.set_shop(drafts_shop)
    wait_page(qtbot, orders)
    return orders


# ---- the whole flow, in the window


@pytest.mark.slow
def test_from_the_plan_to_the_shelf_through_the_window(qtbot, window, open_in_window, forecast_demo, files,
                                                       tmp_path):
    open_in_window(forecast_demo)
    orders_page, po_page = window.orders_page, window.purchase_orders_page
    assert [window.nav.item(i).text() for i in range(window.nav.count())][4:6] == ["Orders", "Purchase orders"]
    po_page.today = lambda: TODAY
    po_page.mail_folder = lambda: tmp_path / "mail"
    qtbot.waitUntil(lambda: orders_page.data is not None, timeout=60_000)
    plan = orders_page.data
    ordering = sorted(s.name for s in plan.suppliers if s.lines)
    assert len(ordering) >= 3
    before_on_hand = on_hand(forecast_demo)

    # one supplier's draft (the supplier chosen on the Orders page), then everyone else's
    window.show_page(orders_page)
    first = ordering[0]
    assert orders_page.select_supplier(first)
    assert orders_page.create_button.isEnabled() and first in orders_page.create_button.toolTip()
    orders_page.create_button.click()
    wait_jobs(qtbot, window.runner, CREATE_JOB)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is po_page, timeout=10_000)
    wait_page(qtbot, po_page)
    drafts = core_orders(forecast_demo, statuses=["draft"])
    assert list(drafts["supplier"]) == [first]
    assert po_page.order.number == drafts["number"][0] and po_page.order.status == "draft"
    assert f"Made draft {drafts['number'][0]}." in po_page.notice_label.text()

    wait_jobs(qtbot, window.runner, "dashboard", PLAN_JOB)            # the plan made again around the draft
    window.show_page(orders_page)
    orders_page.select_supplier(None)
    orders_page.create_button.click()
    wait_jobs(qtbot, window.runner, CREATE_JOB)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is po_page, timeout=10_000)
    wait_page(qtbot, po_page)
    drafts = core_orders(forecast_demo, statuses=["draft"])
    assert sorted(drafts["supplier"]) == ordering                     # one draft per supplier, no second for the first
    assert set(drafts["number"]) <= set(po_page.listed_numbers())
    assert "drafts:" in po_page.notice_label.text()

    # a draft with a few lines: its quantity changed in the table
    number = next(r.number for r in drafts.itertuples() if r.lines >= 2)
    choose(po_page, number)
    wait_page(qtbot, po_page)
    order = po_page.order
    assert order.number == number and po_page.status_badge.text() == "Draft"
    model = po_page.lines_table.model()
    index = model.index(0, L_QTY)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    line = order.lines[0]
    new_qty = line.qty + 2 * max(line.pack, 1)
    model.setData(index, new_qty, Qt.ItemDataRole.EditRole)
    wait_page(qtbot, po_page)
    stored = core_order(forecast_demo, number)
    assert stored.line(line.sku).qty == new_qty
    assert po_page.order.line(line.sku).qty == new_qty
    assert f"{stored.total:,.2f}" in po_page.total.text()

    # Save PDF… (the name typed without its suffix gets it)
    files.answer = str(tmp_path / "order")
    po_page.pdf_button.click()
    wait_page(qtbot, po_page)
    pdf = tmp_path / "order.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert files.asked[-1].endswith(f"{number} {order.supplier}.pdf")
    assert f"Mark {number} as sent?" in po_page.notice_label.text() and po_page.notice_sent_button.isVisible()
    po_page.notice_later_button.click()
    assert not po_page.notice.isVisible()
    assert core_order(forecast_demo, number).status == "draft"

    # Save Excel…: the workbook's total is the order's
    files.answer = str(tmp_path / "order.xlsx")
    po_page.xlsx_button.click()
    wait_page(qtbot, po_page)
    sheet = openpyxl.load_workbook(tmp_path / "order.xlsx").active
    total_row = next(row for row in sheet.iter_rows() if row[6].value == "Total")
    assert total_row[7].value == pytest.approx(stored.total)

    # E-mail…: an .eml draft to the supplier with the PDF, opened by the mail program; then marked sent
    po_page.email_button.click()
    wait_page(qtbot, po_page)
    eml = po_page.last_email.path
    assert eml.parent == tmp_path / "mail" and eml.suffix == ".eml"
    assert files.opened == [QUrl.fromLocalFile(str(eml)).toString()]
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == supplier_email(forecast_demo, order.supplier)
    assert message["X-Unsent"] == "1" and number in message["Subject"]
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert "open in your mail program" in po_page.notice_label.text()
    assert f"Mark {number} as sent?" in po_page.notice_label.text()
    po_page.notice_sent_button.click()
    wait_page(qtbot, po_page)
    sent = core_order(forecast_demo, number)
    assert sent.status == "sent" and sent.sent_date == TODAY
    assert po_page.order.status == "sent" and po_page.status_badge.text() == "Sent"
    assert f"{number} marked as sent" in po_page.notice_label.text()
    assert not po_page.sent_button.isEnabled() and po_page.receive_button.isEnabled()

    # a sent order cannot be changed: not in the table, and core says so when asked
    assert not model.flags(model.index(0, L_QTY)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, L_QTY), 99, Qt.ItemDataRole.EditRole) is False
    po_page.change_quantity(line.sku, 99)
    wait_page(qtbot, po_page)
    assert po_page.error.isVisible()
    assert "a sent order cannot be changed, only received or cancelled" in po_page.error.text()
    assert core_order(forecast_demo, number).line(line.sku).qty == new_qty

    # Receive…: the first line not yet, the rest in full: part-received
    dialog = po_page.ask_receive()
    assert [l.sku for l in dialog.lines] == [l.sku for l in sent.lines]
    assert all(dialog.boxes[l.sku].value() == l.qty for l in sent.lines)     # prefilled with what is to come
    dialog.set_quantity(line.sku, 0)
    dialog.ok_button.click()
    wait_page(qtbot, po_page)
    part = core_order(forecast_demo, number)
    assert part.status == "part-received" and po_page.status_badge.text() == "Part-received"
    assert part.line(line.sku).received_qty == 0
    assert "1 line is still to come" in po_page.notice_label.text()

    # ... then the rest, with Receive all
    dialog = po_page.ask_receive()
    assert [l.sku for l in dialog.lines] == [line.sku]
    dialog.set_quantity(line.sku, 1)
    dialog.all_button.click()
    assert dialog.boxes[line.sku].value() == new_qty
    dialog.ok_button.click()
    wait_page(qtbot, po_page)
    received = core_order(forecast_demo, number)
    assert received.status == "received" and received.received_date == TODAY
    assert all(l.received_qty == l.qty for l in received.lines)
    assert po_page.status_badge.text() == "Received" and not po_page.receive_button.isEnabled()

    # the goods are on the shelf: today's plan has them on hand
    after_on_hand = on_hand(forecast_demo)
    for l in received.lines:
        assert after_on_hand[l.sku] == pytest.approx(before_on_hand[l.sku] + l.qty), l.sku

    # the supplier's history: its orders with the lead time and how late they came
    po_page.set_supplier_filter(order.supplier)
    wait_page(qtbot, po_page)
    rows = po_page.orders_model.rows()
    assert {r.supplier for r in rows} == {order.supplier}
    assert [r.number for r in rows] == list(core_orders(forecast_demo, supplier=order.supplier)["number"])
    r = [row.number for row in rows].index(number)
    assert rows[r].lead_time_days == 0 and po_page.orders_model.index(r, LEAD_TIME).data() == "0 days"
    assert rows[r].days_late == (received.received_date - received.expected_date).days
    assert po_page.orders_model.index(r, LATE).data() == lateness_text(rows[r].days_late)

    # Cancel order… on another draft, with a reason
    po_page.set_supplier_filter(None)
    wait_page(qtbot, po_page)
    other = next(n for n in drafts["number"] if n != number)
    choose(po_page, other)
    wait_page(qtbot, po_page)
    dialog = po_page.ask_cancel()
    dialog.reason.setText("The supplier is closed for the holidays")
    dialog.ok_button.click()
    wait_page(qtbot, po_page)
    cancelled = core_order(forecast_demo, other)
    assert cancelled.status == "cancelled" and "Cancelled: The supplier is closed for the holidays" in cancelled.notes
    assert po_page.status_badge.text() == "Cancelled" and not po_page.cancel_button.isEnabled()
    assert f"{other} is cancelled." in po_page.notice_label.text()


# ---- the page on its own


def test_the_pages_models_pass_qts_model_checks(qtmodeltester, drafts_shop):
    data = purchase_orders_service.load_purchase_orders(drafts_shop)
    for model, rows in ((OrdersModel(), data.orders),
                        (PurchaseOrderLinesModel(), purchase_orders_service.load_purchase_order(
                            drafts_shop, order_id=data.orders[0].id).lines)):
        qtmodeltester.check(model)
        model.set_rows(rows)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        model.set_rows([])
    sku = purchase_orders_service.load_purchase_order(drafts_shop, order_id=data.orders[0].id).lines[0].sku
    model = ProductHistoryModel()
    qtmodeltester.check(model)
    model.set_rows(purchase_orders_service.load_purchase_orders(drafts_shop, product=sku).history)


def test_the_pages_open_statuses_are_cores():
    assert PAGE_OPEN_STATUSES == tuple(OPEN_STATUSES)


def test_the_list_filters_by_status_and_supplier_as_core_does(qtbot, page, drafts_shop):
    assert page.listed_numbers() == list(core_orders(drafts_shop)["number"])          # newest first
    page.set_status_filter("draft")
    wait_page(qtbot, page)
    drafts = list(core_orders(drafts_shop, statuses=["draft"])["number"])
    assert page.listed_numbers() == drafts and page.order.status == "draft"
    page.set_status_filter("open")
    wait_page(qtbot, page)
    assert page.listed_numbers() == list(core_orders(drafts_shop, statuses=OPEN_STATUSES)["number"])
    page.set_status_filter("received")
    wait_page(qtbot, page)
    received = core_orders(drafts_shop, statuses=["received"])
    assert page.listed_numbers() == list(received["number"]) and len(received)
    supplier = received["supplier"].iloc[0]
    page.set_supplier_filter(supplier)
    wait_page(qtbot, page)
    history = core_orders(drafts_shop, supplier=supplier, statuses=["received"])
    assert page.listed_numbers() == list(history["number"])
    assert page.list_heading.text().startswith(f"{supplier} — Received:")
    lead_times = [page.orders_model.index(r, LEAD_TIME).data() for r in range(page.orders_model.rowCount())]
    assert lead_times == [f"{days:g} days" if days != 1 else "1 day" for days in history["lead_time_days"]]


def test_a_product_code_shows_every_order_of_that_product(qtbot, page, drafts_shop):
    sku = page.order.lines[0].sku
    page.search.setText(sku)
    page.search.returnPressed.emit()
    wait_page(qtbot, page)
    with open_shop(drafts_shop, create=False) as shop:
        expected = product_history(shop, sku)
    assert page.list_stack.currentWidget() is page.history_table
    assert page.listed_numbers() == list(expected["number"])
    assert page.list_heading.text().startswith(f"Orders of {sku}")
    assert any(line.sku == sku for line in page.order.lines)        # the order of the chosen line, in full
    page.search.setText("NO-SUCH-CODE")
    page.search.returnPressed.emit()
    wait_page(qtbot, page)
    assert page.error.isVisible() and page.error.text() == "There is no product with the code NO-SUCH-CODE."
    page.search.clear()
    wait_page(qtbot, page)
    assert page.list_stack.currentWidget() is page.orders_table and page.status_filter.isEnabled()


def test_a_supplier_without_an_email_address_is_refused_and_nothing_is_written(qtbot, page, drafts_shop, files,
                                                                              tmp_path):
    supplier = page.order.supplier
    with open_shop(drafts_shop, create=False) as shop:
        shop.conn.execute("UPDATE suppliers SET email = NULL WHERE name = ?", (supplier,))
    page.email_button.click()
    wait_page(qtbot, page)
    assert page.error.isVisible()
    assert page.error.text().startswith(f"{supplier} has no e-mail address, so the order cannot be e-mailed.")
    assert "print the order or save it as a PDF instead" in page.error.text()
    assert files.opened == [] and not (tmp_path / "mail").exists()
    assert not page.notice.isVisible()


def test_where_no_program_takes_the_eml_the_mailto_link_is_opened(qtbot, page, drafts_shop, monkeypatch):
    opened = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return url.scheme() == "mailto"

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    page.email_button.click()
    wait_page(qtbot, page)
    assert [url.scheme() for url in opened] == ["file", "mailto"]
    address = supplier_email(drafts_shop, page.order.supplier)
    assert opened[1].toString(QUrl.ComponentFormattingOption.FullyEncoded).startswith(f"mailto:{address}?subject=")
    assert "a link cannot carry the PDF" in page.notice_label.text()


def test_print_shows_the_preview_and_printing_asks_whether_it_was_sent(qtbot, page):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    page.print_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20_000)
    assert isinstance(page.preview, QPrintPreviewDialog)
    assert page.preview.windowTitle() == f"Purchase order {page.order.number}"
    page.preview.reject()                                 # closed without printing: nothing asked
    assert not page.notice.isVisible()
    page.print_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20_000)
    page.preview.accept()                                 # as its Print button does once printed
    assert f"{page.order.number} went to the printer. Mark {page.order.number} as sent?" in \
        page.notice_label.text()


# ---- Settings: the shop's details and the language


def open_settings(qtbot, window):
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    return dialog


def test_shop_details_saved_in_settings_are_on_the_purchase_orders(qtbot, window, open_in_window, demo_shop,
                                                                   tmp_path):
    open_in_window(demo_shop)
    dialog = open_settings(qtbot, window)
    shop = dialog.shop
    dialog.tabs.setCurrentWidget(shop)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Shop details"
    not_a_picture = tmp_path / "logo.txt"
    not_a_picture.write_text("hello")
    shop.choose_logo(not_a_picture)
    qtbot.waitUntil(lambda: shop.logo_problem.isVisible(), timeout=10_000)
    assert shop.logo_problem.text() == ("logo.txt is not a picture ShelfWise can use as a logo.\n"
                                        "Choose a PNG or JPEG file.")    # the hint on its own line (ui/messages)
    logo = tmp_path / "logo.png"
    picture = QImage(120, 60, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2f4858"))
    assert picture.save(str(logo))
    shop.choose_logo(logo)
    qtbot.waitUntil(lambda: shop.remove_logo_button.isEnabled(), timeout=10_000)
    assert not shop.logo_problem.isVisible() and not shop.logo_preview.pixmap().isNull()
    shop.name.setText("Ludlow Larder")
    shop.address.setPlainText("7 Market Place\nLudlow SY8 1AA")
    shop.email.setText("orders@ludlowlarder.example")
    shop.phone.setText("01584 000111")
    shop.terms.setPlainText("Payment 30 days from the invoice.")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)

    with open_shop(demo_shop, create=False) as db:
        details = load_shop_details(db)
        order = get_order(db, int(list_orders(db)["id"].iloc[0]))
        html = to_html(build_document(db, order))
    assert (details.name, details.email, details.terms) == ("Ludlow Larder", "orders@ludlowlarder.example",
                                                            "Payment 30 days from the invoice.")
    assert details.logo == logo.read_bytes()
    assert "Ludlow Larder" in html and "7 Market Place" in html and "data:image/png;base64," in html
    assert "Ludlow Larder" in documents_service.purchase_order_document(demo_shop, order_id=order.id).html   # what Print… shows

    dialog = open_settings(qtbot, window)                 # read back as saved
    assert dialog.shop.name.text() == "Ludlow Larder" and dialog.shop.remove_logo_button.isEnabled()
    dialog.shop.remove_logo_button.click()
    assert dialog.shop.logo_preview.text() == "No logo"
    dialog.shop.email.setText("not an address")           # core refuses it: nothing at all is stored
    dialog.shop.name.setText("Another name")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.findChildren(QMessageBox)), timeout=10_000)
    box = dialog.findChildren(QMessageBox)[0]
    assert box.text() == "'not an address' is not an e-mail address like orders@myshop.co.uk."
    box.close()
    with open_shop(demo_shop, create=False) as db:
        assert load_shop_details(db) == details
    dialog.reject()


def test_the_language_is_chosen_in_settings_for_the_next_start(qtbot, window, open_in_window, empty_shop):
    from ui.i18n import available_languages, current_language

    open_in_window(empty_shop)
    dialog = open_settings(qtbot, window)
    combo = dialog.language
    assert combo.itemText(0) == "System language" and combo.itemData(0) is None and combo.currentIndex() == 0
    assert [(combo.itemData(i), combo.itemText(i)) for i in range(1, combo.count())] == available_languages()
    assert "Takes effect when ShelfWise starts again." in [label.text() for label in
                                                          dialog.findChildren(QLabel)]
    combo.setCurrentIndex(combo.findData("zh_CN"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert current_language(window.settings) == "zh_CN"
    dialog = open_settings(qtbot, window)
    assert dialog.language.currentData() == "zh_CN"
    dialog.language.setCurrentIndex(0)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.settings_dialog is None, timeout=10_000)
    assert current_language(window.settings) is None
    assert isinstance(window.settings, QSettings)
