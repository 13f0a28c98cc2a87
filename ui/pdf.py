"""Documents on paper and in PDF: one HTML layout (core/documents) drawn by Qt's rich-text engine onto A4 pages
with a footer (the document's name and 'page 2 of 3'), for the printer, the print preview and PDF files.

`ensure_app()` gives the command line the Qt application these need, offscreen where there is no display.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from core.errors import UserError

PAGE_MARGINS_MM = QMarginsF(16, 14, 16, 14)   # left, top, right, bottom
PDF_RESOLUTION = 300                          # dots per inch the layout is worked out at
FOOTER_POINTS = 7.5


def ensure_app() -> QApplication:
    """The running Qt application, or a new one (offscreen on Linux without a display, as on a server)."""
    app = QApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1] or ["shelfwise"])


def _layout(device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter))


def paint_document(html: str, device: QPagedPaintDevice, *, footer: str = "") -> int:
    """Lay the HTML out on the device's pages and draw it, with the footer and page numbers at the foot of
    each page. Returns the number of pages."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setHtml(html)
    document.setDocumentMargin(0)
    dpi = device.logicalDpiY()
    page = device.pageLayout().paintRectPixels(device.resolution() if hasattr(device, "resolution") else dpi)
    footer_height = FOOTER_POINTS / 72 * dpi * 2.6
    body = QSizeF(page.width(), page.height() - footer_height)
    document.setPageSize(body)
    pages = document.pageCount()
    font = QFont(document.defaultFont())
    font.setPointSizeF(FOOTER_POINTS)
    painter = QPainter()
    if not painter.begin(device):
        raise UserError("Cannot draw the document: the printer or file could not be opened.")
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, -number * body.height())
            document.drawContents(painter, QRectF(0, number * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(font)
            painter.setPen(QColor("#5b6770"))
            foot = QRectF(0, page.height() - footer_height * 0.6, page.width(), footer_height * 0.6)
            painter.drawLine(foot.topLeft(), foot.topRight())
            painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, footer)
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             f"Page {number + 1} of {pages}")
    finally:
        painter.end()
    return pages


def html_to_pdf(html: str, path: str | Path, *, footer: str = "", title: str = "") -> Path:
    """Write the HTML as an A4 PDF at `path` (whole or not at all: a half-written file never replaces a good one)."""
    ensure_app()
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".shelfwise-", suffix=".pdf", dir=folder)
    except OSError as err:
        raise UserError(f"Cannot write {path}: {err.strerror or err}.",
                        hint="Choose a folder you can write to.") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setCreator("ShelfWise")
        if title:
            writer.setTitle(title)
        _layout(writer)
        paint_document(html, writer, footer=footer)
        del writer                                 # closes the file
        if temp.stat().st_size == 0:
            raise UserError(f"Cannot write {path}: the PDF came out empty.")
        try:
            os.replace(temp, path)
        except PermissionError:
            raise UserError(f"Cannot write {path}: it is open in another program or the folder is read-only.",
                            hint="Close the file and try again.") from None
    finally:
        temp.unlink(missing_ok=True)
    return path


def pdf_bytes(html: str, *, footer: str = "", title: str = "") -> bytes:
    """The PDF of the HTML as bytes (for an e-mail attachment)."""
    with tempfile.TemporaryDirectory(prefix="shelfwise-") as folder:
        return html_to_pdf(html, Path(folder) / "document.pdf", footer=footer, title=title).read_bytes()


def preview_dialog(html: str, parent: QWidget | None = None, *, footer: str = "", title: str = ""):
    """Qt's print preview of the document, with its Print button (the printer's own dialog behind it)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _layout(printer)
    if title:
        printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title or "Print preview")
    dialog.paintRequested.connect(lambda device: paint_document(html, device, footer=footer))
    dialog._printer = printer                      # kept alive with the dialog
    return dialog


def print_document(html: str, parent: QWidget | None = None, *, footer: str = "", title: str = "") -> bool:
    """Show the print preview; True when the owner printed."""
    dialog = preview_dialog(html, parent, footer=footer, title=title)
    return bool(dialog.exec())
