"""A purchase order as data (what the supplier reads: the shop, the supplier, the lines and the total) and as
HTML: one layout, drawn once, used for printing, the PDF and the e-mail attachment.

The HTML keeps to what Qt's rich-text engine (QTextDocument) draws: tables with cellpadding and width
attributes, inline styles, a <thead> that repeats on every page; no flexbox, no floats, no CSS classes.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from core.documents.shop_details import ShopDetails, load_shop_details
from core.ordering.purchase_orders import PurchaseOrder
from core.store.db import ShopDb

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "JPY": "¥",
                    "CNY": "¥", "INR": "₹", "HKD": "HK$", "SGD": "S$"}
LOGO_HEIGHT = 64                  # pixels of the document (about 17 mm on A4)
LOGO_MAX_WIDTH = 220
ACCENT = "#2f4858"                # the header band and rules
LIGHT = "#eef2f5"                 # every other line
MUTED = "#5b6770"
NOWRAP = 'style="white-space: nowrap;"'


@dataclass
class SupplierDetails:
    name: str
    address: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class DocumentLine:
    position: int
    code: str                     # the supplier's own code (ours where the product has none)
    our_code: str
    description: str
    qty: float
    pack: float
    unit_cost: float
    line_total: float

    @property
    def packs(self) -> float | None:
        """Whole packs, where the quantity is a whole number of packs bigger than one unit."""
        if self.pack > 1 and abs(self.qty / self.pack - round(self.qty / self.pack)) < 1e-9:
            return round(self.qty / self.pack)
        return None


@dataclass
class PurchaseOrderDocument:
    shop: ShopDetails
    supplier: SupplierDetails
    number: str                   # "" for a suggestion not stored yet
    status: str
    order_date: dt.date | None
    expected_date: dt.date | None
    currency: str
    lines: list[DocumentLine] = field(default_factory=list)
    notes: str = ""

    @property
    def total(self) -> float:
        return round(sum(line.line_total for line in self.lines), 2)

    @property
    def units(self) -> float:
        return sum(line.qty for line in self.lines)

    @property
    def title(self) -> str:
        return f"Purchase order {self.number}" if self.number else "Purchase order (suggestion, not yet numbered)"

    @property
    def footer(self) -> str:
        """The line at the foot of every page (with 'Page 1 of 2' beside it)."""
        return f"{self.title} · {self.shop.name}" if self.shop.name else self.title

    @property
    def file_stem(self) -> str:
        """A file name without its suffix: 'PO-001704 Meadowvale Dairy'."""
        return safe_file_name(f"{self.number or 'Suggested order'} {self.supplier.name}")

    def money(self, value: float) -> str:
        return format_money(value, self.currency)


def build_document(shop: ShopDb, order: PurchaseOrder) -> PurchaseOrderDocument:
    """The document of a stored order or of a suggestion, with the shop's and the supplier's details."""
    row = shop.conn.execute("SELECT name, address, email, phone FROM suppliers WHERE id = ?",
                            (order.supplier_id,)).fetchone()
    supplier = SupplierDetails(order.supplier, *(str(row[k] or "") for k in ("address", "email", "phone"))) \
        if row is not None else SupplierDetails(order.supplier)
    lines = [DocumentLine(k, line.code, line.sku, line.description, line.qty, line.pack, line.unit_cost,
                          line.line_total) for k, line in enumerate(order.lines, start=1)]
    return PurchaseOrderDocument(load_shop_details(shop), supplier, order.number, order.status, order.order_date,
                                 order.expected_date, order.currency, lines, order.notes)


# ------------------------------------------------------------------ formatting


def format_money(value: float, currency: str = "") -> str:
    code = (currency or "").strip().upper()
    amount = f"{abs(value):,.2f}"
    sign = "-" if value < -0.004 else ""
    if code in CURRENCY_SYMBOLS:
        return f"{sign}{CURRENCY_SYMBOLS[code]}{amount}"
    return f"{sign}{amount} {code}".rstrip()


def format_qty(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "–"


def safe_file_name(text: str) -> str:
    """Letters, digits, spaces, dots and dashes: a name every file system and mail program takes."""
    cleaned = re.sub(r"[^\w .&()+-]", "", text.replace("/", "-"), flags=re.UNICODE).strip(" .")
    return re.sub(r"\s+", " ", cleaned) or "purchase-order"


# ------------------------------------------------------------------ the one layout


def _text(value: str) -> str:
    return html.escape(value or "")


def _lines(value: str) -> str:
    return "<br>".join(_text(part.strip()) for part in (value or "").replace("\r", "").split("\n") if part.strip())


def _logo(doc: PurchaseOrderDocument) -> str:
    size = doc.shop.logo_size()
    if not size:
        return ""
    width, height = size
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return (f'<img src="{doc.shop.logo_data_uri()}" width="{max(round(width * scale), 1)}" '
            f'height="{max(round(height * scale), 1)}">')


def to_html(doc: PurchaseOrderDocument) -> str:
    """The purchase order as one HTML page (Qt rich text), for print, PDF and the e-mail attachment."""
    shop, supplier = doc.shop, doc.supplier
    contact = " · ".join(_text(x) for x in (shop.phone, shop.email) if x)
    logo = _logo(doc)
    shop_block = (f'<span style="font-size: 15pt; font-weight: bold; color: {ACCENT};">{_text(shop.name) or "&nbsp;"}'
                  f'</span><br><span style="color: {MUTED};">{_lines(shop.address)}'
                  f'{"<br>" if shop.address and contact else ""}{contact}</span>')
    head_left = (f'<table cellspacing="0" cellpadding="0"><tr><td style="padding-right: 12px;" valign="top">{logo}</td>'
                 f'<td valign="top">{shop_block}</td></tr></table>') if logo else shop_block
    facts = [("Number", f"<b>{_text(doc.number)}</b>" if doc.number else "<i>not yet numbered</i>"),
             ("Order date", format_date(doc.order_date)),
             ("Expected delivery", format_date(doc.expected_date))]
    if doc.currency:
        facts.append(("Currency", _text(doc.currency.upper())))
    if doc.status and doc.status not in ("draft", "sent"):
        facts.append(("Status", _text(doc.status)))
    facts_rows = "".join(f'<tr><td style="color: {MUTED};" align="right">{name}</td><td>&nbsp;&nbsp;</td>'
                         f'<td align="right">{value}</td></tr>' for name, value in facts)
    head_right = (f'<p align="right" style="margin: 0;"><span style="font-size: 17pt; font-weight: bold; '
                  f'color: {ACCENT};">PURCHASE ORDER</span></p>'
                  f'<table align="right" cellspacing="0" cellpadding="1">{facts_rows}</table>')

    supplier_lines = [_lines(supplier.address)] + [_text(x) for x in (supplier.email, supplier.phone) if x]
    supplier_block = (f'<b>{_text(supplier.name)}</b><br>'
                      + "<br>".join(x for x in supplier_lines if x))
    deliver_block = f'<b>{_text(shop.name)}</b><br>{_lines(shop.address)}'
    label = f'style="font-size: 8pt; font-weight: bold; color: {MUTED};"'

    th = f'style="background-color: {ACCENT}; color: #ffffff; font-weight: bold; white-space: nowrap;"'
    header = "".join(f'<th {th} align="{align}" width="{width}">{name}</th>' for name, align, width in (
        ("#", "right", "4%"), ("Supplier code", "left", "13%"), ("Description", "left", "33%"),
        ("Our code", "left", "9%"), ("Qty", "right", "7%"), ("Pack", "right", "9%"),
        ("Unit cost", "right", "11%"), ("Line total", "right", "14%")))
    rows = []
    for k, line in enumerate(doc.lines):
        shade = f' style="background-color: {LIGHT};"' if k % 2 else ""
        packs = line.packs
        pack = f"{packs} × {format_qty(line.pack)}" if packs else format_qty(line.pack)
        rows.append(
            f"<tr{shade}><td align=\"right\" style=\"color: {MUTED};\">{line.position}</td>"
            f"<td>{_text(line.code)}</td><td>{_text(line.description)}</td>"
            f"<td style=\"color: {MUTED};\">{_text(line.our_code)}</td>"
            f"<td align=\"right\" {NOWRAP}>{format_qty(line.qty)}</td><td align=\"right\" {NOWRAP}>{pack}</td>"
            f"<td align=\"right\" {NOWRAP}>{doc.money(line.unit_cost)}</td>"
            f"<td align=\"right\" {NOWRAP}>{doc.money(line.line_total)}</td>"
            "</tr>")
    count = f"{len(doc.lines)} line{'s' if len(doc.lines) != 1 else ''}, {format_qty(doc.units)} units"
    total_row = (f'<tr><td colspan="6" style="border-top: 1.5px solid {ACCENT}; color: {MUTED};">{count}</td>'
                 f'<td align="right" style="border-top: 1.5px solid {ACCENT};"><b>Total</b></td>'
                 f'<td align="right" style="border-top: 1.5px solid {ACCENT}; white-space: nowrap;">'
                 f'<b>{doc.money(doc.total)}</b></td></tr>')
    notes = (f'<tr><td colspan="2" valign="top"><span {label}>NOTES</span><br>{_lines(doc.notes)}</td></tr>'
             if doc.notes.strip() else "")
    terms = (f'<p style="margin-top: 14px; font-size: 8pt; color: {MUTED};"><span {label}>TERMS</span><br>'
             f'{_lines(shop.terms)}</p>' if shop.terms.strip() else "")
    quote = (f'<p style="margin-top: 10px;">Please quote <b>{_text(doc.number)}</b> on your delivery note and '
             f'invoice.</p>' if doc.number else "")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{_text(doc.title)}</title></head>
<body style="font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 9pt; color: #1b1f23;">
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="top" width="60%">{head_left}</td>
<td valign="top" width="40%" align="right">{head_right}</td>
</tr></table>
<p style="margin: 0;">&nbsp;</p>
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="top" width="50%" style="padding-bottom: 8px;"><span {label}>SUPPLIER</span><br>{supplier_block}</td>
<td valign="top" width="50%" style="padding-bottom: 8px;"><span {label}>DELIVER TO</span><br>{deliver_block}</td>
</tr>{notes}</table>
<p style="margin: 0;">&nbsp;</p>
<table width="100%" cellspacing="0" cellpadding="3">
<thead><tr>{header}</tr></thead>
<tbody>
{"".join(rows)}
{total_row}
</tbody></table>
{quote}{terms}
</body></html>
"""
