"""A purchase order as an Excel workbook (openpyxl): the same order as the PDF, with real numbers and dates
(money and quantity formats, not text), the line table under a frozen header, and a total row whose value is
the sum of the line totals as they are shown (values, not formulas: every reader sees the figures, even one
that does not calculate)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core.documents.purchase_order import CURRENCY_SYMBOLS, PurchaseOrderDocument
from core.errors import UserError
from core.i18n import _

ACCENT = "2F4858"
LIGHT = "EEF2F5"
MUTED = "5B6770"
COLUMNS = (("#", 5), ("Supplier code", 15), ("Description", 40), ("Our code", 11), ("Qty", 9), ("Pack", 8),
           ("Unit cost", 12), ("Line total", 14))
DATE_FORMAT = "d mmm yyyy"


def money_format(currency: str) -> str:
    code = (currency or "").strip().upper()
    if code in CURRENCY_SYMBOLS:
        return f'"{CURRENCY_SYMBOLS[code]}"#,##0.00;-"{CURRENCY_SYMBOLS[code]}"#,##0.00'
    return f'#,##0.00 "{code}"' if code else "#,##0.00"


def qty_format(value: float) -> str:
    return "#,##0" if abs(value - round(value)) < 1e-9 else "#,##0.0##"


def workbook(doc: PurchaseOrderDocument) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = (doc.number or "Purchase order")[:31]
    money = money_format(doc.currency)
    bold = Font(bold=True)
    muted = Font(color=MUTED)
    label = Font(bold=True, color=MUTED, size=9)

    sheet["A1"] = "PURCHASE ORDER"
    sheet["A1"].font = Font(bold=True, size=16, color=ACCENT)
    row = 2
    sheet.cell(row, 1, doc.shop.name or None).font = Font(bold=True, size=12)
    for text in [*doc.shop.address.splitlines(), " · ".join(x for x in (doc.shop.phone, doc.shop.email) if x)]:
        if text.strip():
            row += 1
            sheet.cell(row, 1, text.strip()).font = muted

    facts = [("Number", doc.number or "not yet numbered", None), ("Order date", doc.order_date, DATE_FORMAT),
             ("Expected delivery", doc.expected_date, DATE_FORMAT), ("Currency", doc.currency.upper() or None, None)]
    for k, (name, value, number_format) in enumerate(facts, start=1):
        sheet.cell(k, 7, name).font = muted
        sheet.cell(k, 7).alignment = Alignment(horizontal="right")
        cell = sheet.cell(k, 8, value)
        cell.alignment = Alignment(horizontal="right")
        if number_format:
            cell.number_format = number_format
        if name == "Number":
            cell.font = bold

    row = max(row, len(facts)) + 2
    sheet.cell(row, 1, "SUPPLIER").font = label
    sheet.cell(row, 4, "DELIVER TO").font = label
    supplier = [doc.supplier.name, *doc.supplier.address.splitlines(), doc.supplier.email, doc.supplier.phone]
    deliver = [doc.shop.name, *doc.shop.address.splitlines()]
    supplier, deliver = [x.strip() for x in supplier if x.strip()], [x.strip() for x in deliver if x.strip()]
    for k in range(max(len(supplier), len(deliver))):
        row += 1
        if k < len(supplier):
            sheet.cell(row, 1, supplier[k]).font = bold if k == 0 else Font()
        if k < len(deliver):
            sheet.cell(row, 4, deliver[k]).font = bold if k == 0 else Font()
    if doc.notes.strip():
        row += 2
        sheet.cell(row, 1, "NOTES").font = label
        for text in doc.notes.strip().splitlines():
            row += 1
            sheet.cell(row, 1, text)

    row += 2
    header_row = row
    fill = PatternFill("solid", fgColor=ACCENT)
    for column, (name, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row, column, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(horizontal="left" if column in (2, 3, 4) else "right")
        sheet.column_dimensions[get_column_letter(column)].width = width
    shade = PatternFill("solid", fgColor=LIGHT)
    for k, line in enumerate(doc.lines):
        row += 1
        values = (line.position, line.code, line.description, line.our_code, line.qty, line.pack, line.unit_cost,
                  line.line_total)
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            if k % 2:
                cell.fill = shade
        sheet.cell(row, 2).number_format = "@"           # codes stay text: '00216', never 216
        sheet.cell(row, 4).number_format = "@"
        sheet.cell(row, 4).font = muted
        sheet.cell(row, 5).number_format = qty_format(line.qty)
        sheet.cell(row, 6).number_format = qty_format(line.pack)
        sheet.cell(row, 7).number_format = money
        sheet.cell(row, 8).number_format = money
    row += 1
    rule = Border(top=Side(style="medium", color=ACCENT))
    for column in range(1, len(COLUMNS) + 1):
        sheet.cell(row, column).border = rule
    count = f"{len(doc.lines)} line{'s' if len(doc.lines) != 1 else ''}"
    sheet.cell(row, 1, count).font = muted
    sheet.cell(row, 5, doc.units).number_format = qty_format(doc.units)
    sheet.cell(row, 5).font = muted
    sheet.cell(row, 7, "Total").font = bold
    sheet.cell(row, 7).alignment = Alignment(horizontal="right")
    total = sheet.cell(row, 8, doc.total)
    total.font = bold
    total.number_format = money
    if doc.number:
        row += 2
        sheet.cell(row, 1, f"Please quote {doc.number} on your delivery note and invoice.")
    if doc.shop.terms.strip():
        row += 2
        sheet.cell(row, 1, "TERMS").font = label
        for text in doc.shop.terms.strip().splitlines():
            row += 1
            sheet.cell(row, 1, text).font = Font(size=9, color=MUTED)

    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.left.text = doc.title
    sheet.oddFooter.right.text = "Page &P of &N"
    book.properties.title = doc.title
    book.properties.creator = "ShelfWise"
    sheet.sheet_view.showGridLines = False
    return book


def write_xlsx(doc: PurchaseOrderDocument, path: str | Path) -> Path:
    """Write the order as an .xlsx at `path` (whole or not at all)."""
    path = Path(path)
    book = workbook(doc)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".shelfwise-", suffix=".xlsx", dir=path.parent or Path("."))
        os.close(handle)
    except OSError as err:
        raise UserError(_("Cannot write {path}: {reason}.").format(path=path, reason=err.strerror or err),
                        hint=_("Choose a folder you can write to.")) from None
    try:
        book.save(temp_name)
        os.replace(temp_name, path)
    except PermissionError:
        raise UserError(_("Cannot write {path}: it is open in another program or the folder is read-only.").format(
                            path=path),
                        hint=_("Close the file and try again.")) from None
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return path
