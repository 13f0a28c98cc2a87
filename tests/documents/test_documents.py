"""One purchase order, four ways out: the PDF (drawn by Qt from the one HTML layout), the xlsx, the .eml draft with
the PDF attached, and the mailto: link; each says the same number, supplier, lines and total."""
from __future__ import annotations

import dataclasses
import email
import email.policy
import shutil
import subprocess
from urllib.parse import parse_qs, unquote, urlsplit

import openpyxl
import pytest

from core.documents import build_document, mailto_url, purchase_order_email, to_html, write_eml, write_xlsx
from core.documents.email import MAILTO_LIMIT
from core.documents.purchase_order import DocumentLine, format_money
from core.documents.shop_details import (ShopDetails, image_size, load_shop_details, read_logo,
                                         save_shop_details)
from core.errors import UserError
from core.store import open_shop
from tests.documents.conftest import png_bytes

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _pdf(document, path):
    from ui.pdf import html_to_pdf

    return html_to_pdf(to_html(document), path, footer=document.title, title=document.title)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@needs_pdftotext
def test_the_pdf_shows_the_number_the_supplier_every_line_and_the_total(qapp, document, tmp_path):
    path = _pdf(document, tmp_path / "po.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Subtype /Image" in data                        # the logo
    text = _pdf_text(path)
    for expected in ("PURCHASE ORDER", "PO-000042", "Müller & Söhne Großhandel", "Café Zoë Delikatessen",
                     "bestellung@mueller-soehne.example", "Bitte an den Hintereingang.", "Payment 30 days",
                     "Page 1 of 1", "2 Mar 2026", "9 Mar 2026"):
        assert expected in text
    for line in document.lines:
        assert line.code in text and line.our_code in text and document.money(line.line_total) in text
    assert "Räucherlachs <Scheiben> & Dill" in text          # escaped in the HTML, shown as written
    assert "2 × 12" in text and "2.5" in text                 # packs, and a weighed quantity
    assert f"Total {format_money(document.total, 'EUR')}" in " ".join(text.split())
    assert document.money(document.total) == "€132.34"


@needs_pdftotext
def test_a_long_order_runs_over_pages_with_the_header_on_each(qapp, document, tmp_path):
    many = dataclasses.replace(document, lines=[
        DocumentLine(k, f"MS-{k:04d}", f"{k:05d}", f"Artikel {k}", k, 1, 1.0, float(k)) for k in range(1, 91)])
    text = _pdf_text(_pdf(many, tmp_path / "long.pdf"))
    pages = text.split("\f")
    assert "Page 3 of 3" in text and all("Supplier code" in page for page in pages if page.strip())
    assert format_money(many.total, "EUR") in text and "MS-0090" in text


def test_the_xlsx_has_real_numbers_and_a_total_equal_to_the_sum(document, tmp_path):
    path = write_xlsx(document, tmp_path / "po.xlsx")
    sheet = openpyxl.load_workbook(path).active
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "#")
    assert [sheet.cell(header, c).value for c in range(1, 9)] == ["#", "Supplier code", "Description", "Our code",
                                                                  "Qty", "Pack", "Unit cost", "Line total"]
    rows = list(sheet.iter_rows(min_row=header + 1, max_row=header + len(document.lines), values_only=True))
    assert [r[1] for r in rows] == [l.code for l in document.lines]
    assert [r[3] for r in rows] == ["00216", "04711", "10815"]                # codes stay text
    assert [r[4] for r in rows] == [24, 6, 2.5] and all(isinstance(r[6], float) for r in rows)
    total_row = header + len(document.lines) + 1
    assert sheet.cell(total_row, 7).value == "Total"
    total = sheet.cell(total_row, 8).value
    assert total == pytest.approx(sum(r[7] for r in rows)) == pytest.approx(document.total)
    assert "€" in sheet.cell(total_row, 8).number_format and "0.00" in sheet.cell(header + 1, 7).number_format
    assert sheet.cell(header + 1, 5).number_format == "#,##0" and sheet.cell(header + 3, 5).number_format != "#,##0"
    assert sheet.cell(2, 8).value.date().isoformat() == "2026-03-02"          # a real date
    assert sheet.cell(1, 8).value == "PO-000042"
    assert sheet.freeze_panes == f"A{header + 1}" and sheet.column_dimensions["C"].width >= 30


@needs_pdftotext
def test_the_xlsx_total_is_the_pdfs_total(qapp, document, tmp_path):
    text = " ".join(_pdf_text(_pdf(document, tmp_path / "po.pdf")).split())
    sheet = openpyxl.load_workbook(write_xlsx(document, tmp_path / "po.xlsx")).active
    total = next(sheet.cell(r, 8).value for r in range(1, sheet.max_row + 1) if sheet.cell(r, 7).value == "Total")
    assert f"Total {format_money(total, 'EUR')}" in text


def test_the_eml_is_a_draft_to_the_supplier_with_the_pdf_attached(qapp, document, tmp_path):
    pdf = _pdf(document, tmp_path / "po.pdf").read_bytes()
    path = write_eml(document, pdf, tmp_path / "po.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "bestellung@mueller-soehne.example"
    assert message["To"].addresses[0].display_name == "Müller & Söhne Großhandel"
    assert message["From"].addresses[0].addr_spec == "hello@cafezoe.example"
    assert str(message["Subject"]) == "Purchase order PO-000042 from Café Zoë Delikatessen"
    assert b"Caf\xc3\xa9" not in path.read_bytes().split(b"\r\n\r\n")[0]    # headers are encoded (RFC 2047)
    body = message.get_body(("plain",)).get_content()
    assert "Dear Müller & Söhne Großhandel" in body and "PO-000042" in body and "€132.34" in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_filename() == "PO-000042.pdf"
    assert attachments[0].get_content() == pdf


def test_a_supplier_without_an_email_address_is_refused(document):
    nobody = dataclasses.replace(document, supplier=dataclasses.replace(document.supplier, email=""))
    with pytest.raises(UserError, match="Müller & Söhne Großhandel has no e-mail address"):
        purchase_order_email(nobody, b"%PDF-1.4")
    with pytest.raises(UserError, match="no e-mail address"):
        mailto_url(nobody)
    wrong = dataclasses.replace(document, supplier=dataclasses.replace(document.supplier, email="orders at x"))
    with pytest.raises(UserError, match="is not an e-mail address"):
        purchase_order_email(wrong, b"%PDF-1.4")


def test_the_mailto_link_carries_the_subject_and_as_many_lines_as_fit(document):
    url = mailto_url(document)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "bestellung@mueller-soehne.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Purchase order PO-000042 from Café Zoë Delikatessen"]
    assert all(line.code in query["body"][0] for line in document.lines)
    long = dataclasses.replace(document, lines=[
        DocumentLine(k, f"MS-{k:04d}", f"{k:05d}", f"Artikel Nummer {k}", 1, 1, 1.0, 1.0) for k in range(1, 200)])
    url = mailto_url(long)
    assert len(url) <= MAILTO_LIMIT and "more lines (the full order is in the PDF)" in unquote(url)


def test_shop_details_are_kept_with_the_logo_and_a_non_image_is_refused(logo_file, tmp_path):
    with open_shop(None) as shop:
        assert load_shop_details(shop) == ShopDetails()
        shop.set_setting("shop_name", "Corner Shop")
        assert load_shop_details(shop).name == "Corner Shop"            # the shop's name until one is set here
        details = ShopDetails(name="Café Zoë", address="1 High St", email="a@b.example", terms="Net 30").with_logo(
            logo_file)
        save_shop_details(shop, details)
        loaded = load_shop_details(shop)
        assert loaded == details and loaded.logo == logo_file.read_bytes() and loaded.logo_size() == (120, 60)
        assert shop.scalar("SELECT count(*) FROM audit_log WHERE detail = 'shop_details'") == 1
        with pytest.raises(UserError, match="not an e-mail address"):
            save_shop_details(shop, dataclasses.replace(details, email="not an address"))
    text = tmp_path / "logo.png.txt"
    text.write_text("hello")
    with pytest.raises(UserError, match="(?s)is not a picture .*PNG or JPEG"):
        read_logo(text)
    big = tmp_path / "big.png"
    big.write_bytes(png_bytes() + b"\0" * 1_100_000)
    with pytest.raises(UserError, match="a logo must be 1 MB or less"):
        read_logo(big)
    with pytest.raises(UserError, match="There is no file"):
        read_logo(tmp_path / "missing.png")
    assert image_size(b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08\x00\x20\x00\x40") == (64, 32)  # a JPEG frame


def test_the_html_is_one_page_of_qt_rich_text(document):
    html = to_html(document)
    assert 'src="data:image/png;base64,' in html and 'width="120" height="60"' not in html   # scaled to fit
    assert "Räucherlachs &lt;Scheiben&gt; &amp; Dill" in html
    assert "<thead>" in html and "display: flex" not in html and "class=" not in html
    bare = dataclasses.replace(document, shop=ShopDetails(name="Corner Shop"), number="", notes="")
    html = to_html(bare)
    assert "not yet numbered" in html and "<img" not in html and "NOTES" not in html


def test_build_document_from_a_stored_order(tmp_path):
    from core.ordering.purchase_orders import PurchaseOrder, PurchaseOrderLine, create_order
    import datetime as dt

    with open_shop(tmp_path / "shop.db") as shop:
        shop.conn.execute("INSERT INTO suppliers(name, email, address, currency) VALUES "
                          "('Müller', 'm@x.example', 'Hafen 3', 'EUR')")
        shop.conn.execute("INSERT INTO products(sku, name, supplier_id, supplier_sku, unit_cost, pack_size) VALUES "
                          "('00216', 'Bergkäse', 1, 'MS-1', 2.35, 12)")
        order = create_order(shop, PurchaseOrder(1, "Müller", dt.date(2026, 3, 2), dt.date(2026, 3, 9), [
            PurchaseOrderLine(1, "00216", "MS-1", "Bergkäse", 24, 2.35, 12)], currency="EUR"))
        doc = build_document(shop, order)
    assert (doc.number, doc.supplier.email, doc.currency, doc.total) == ("PO-000001", "m@x.example", "EUR", 56.4)
    assert doc.lines[0].code == "MS-1" and doc.lines[0].packs == 2


def test_the_print_preview_is_built(qtbot, document):
    from ui.pdf import preview_dialog

    dialog = preview_dialog(to_html(document), title=document.title)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Purchase order PO-000042"
