"""A purchase order as documents: HTML for the print preview, an A4 PDF, an xlsx workbook, an e-mail draft.

The PDF is drawn by a renderer the caller passes in (both faces pass ui/pdf.py, Qt's rich-text engine on a
QPdfWriter, which Qt allows off the GUI thread), so core stays free of Qt; everything else is written here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core.documents import build_document, mailto_url, to_html, write_eml, write_xlsx
from core.documents.email import supplier_addresses
from core.documents.purchase_order import PurchaseOrderDocument
from core.jobs import JobContext
from core.ordering.purchase_orders import get_order
from core.store.db import open_shop

KINDS = ("pdf", "xlsx", "eml")


class PdfRenderer(Protocol):
    """Draws one document's HTML as an A4 PDF (ui/pdf.py is one: pass the module)."""

    def html_to_pdf(self, html: str, path: str | Path, *, footer: str = "", title: str = "") -> Path: ...

    def pdf_bytes(self, html: str, *, footer: str = "", title: str = "") -> bytes: ...


@dataclass(frozen=True)
class OrderDocument:
    """A purchase order's document as the print preview needs it (the HTML is drawn on the GUI thread)."""
    html: str
    footer: str
    title: str
    file_stem: str


@dataclass(frozen=True)
class EmailDraft:
    """An .eml draft written for the mail program, and the mailto: link to use where it cannot be opened."""
    number: str
    path: Path
    mailto: str


def check_can_email(doc: PurchaseOrderDocument) -> None:
    """Refuse a supplier without a (good) e-mail address, before anything is written."""
    supplier_addresses(doc)


def write_order_files(doc: PurchaseOrderDocument, paths: dict[str, Path], pdf: PdfRenderer | None) -> list[Path]:
    """The order as each of the files asked for ({'pdf' | 'xlsx' | 'eml': path}); the e-mail draft carries the PDF
    (the one just written, if a PDF was asked for too). Each file is whole or not written at all."""
    unknown = set(paths) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown document kind {sorted(unknown)}")
    if "eml" in paths:
        check_can_email(doc)
    html = to_html(doc) if "pdf" in paths or "eml" in paths else ""
    written = []
    if "pdf" in paths:
        written.append(pdf.html_to_pdf(html, paths["pdf"], footer=doc.footer, title=doc.title))
    if "xlsx" in paths:
        written.append(write_xlsx(doc, paths["xlsx"]))
    if "eml" in paths:
        attachment = Path(paths["pdf"]).read_bytes() if "pdf" in paths else \
            pdf.pdf_bytes(html, footer=doc.footer, title=doc.title)
        written.append(write_eml(doc, attachment, paths["eml"]))
    return [Path(p) for p in written]


def _order_document(shop_path: Path, order_id: int) -> PurchaseOrderDocument:
    with open_shop(shop_path, create=False) as shop:
        return build_document(shop, get_order(shop, order_id))


def purchase_order_document(shop_path: Path, *, order_id: int, ctx: JobContext | None = None) -> OrderDocument:
    """The order's HTML, for the print preview."""
    doc = _order_document(shop_path, order_id)
    return OrderDocument(to_html(doc), doc.footer, doc.title, doc.file_stem)


def save_purchase_order_pdf(shop_path: Path, *, order_id: int, path: Path, pdf: PdfRenderer,
                            ctx: JobContext | None = None) -> Path:
    """The order as an A4 PDF at `path` (whole or not at all)."""
    return write_order_files(_order_document(shop_path, order_id), {"pdf": Path(path)}, pdf)[0]


def save_purchase_order_xlsx(shop_path: Path, *, order_id: int, path: Path, ctx: JobContext | None = None) -> Path:
    return write_order_files(_order_document(shop_path, order_id), {"xlsx": Path(path)}, None)[0]


def email_purchase_order(shop_path: Path, *, order_id: int, folder: Path, pdf: PdfRenderer,
                         ctx: JobContext | None = None) -> EmailDraft:
    """The order as an .eml draft to the supplier with the PDF attached, written into `folder`. A supplier without
    an e-mail address is refused before anything is written."""
    doc = _order_document(shop_path, order_id)
    mailto = mailto_url(doc)                   # refuses a supplier without a (good) address: nothing written
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = write_order_files(doc, {"eml": folder / f"{doc.file_stem}.eml"}, pdf)[0]
    return EmailDraft(doc.number, path, mailto)
