"""One way to tell the owner: a refusal (core's UserError), a warning or a note, as a message box or as the text of
a label, always the translated full message (where it happened, what is wrong, what to do) and, in rich text,
escaped (a file name with < or & in it is shown as written, not read as markup)."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import UserError
from ui import style

_open_boxes: list[QMessageBox] = []   # keeps non-modal boxes alive while they are shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def error_text(error: UserError) -> str:
    """The refusal as plain text: core's translated full message (place: message, then the hint on its own line)."""
    return error.full_message()


def error_html(error: UserError, advice: str = "") -> str:
    """The refusal as rich text for a label, in the error colour, escaped; `advice` (already rich text, the
    window's own words) follows as a paragraph of its own."""
    lines = "<br>".join(html.escape(line) for line in error_text(error).splitlines())
    return f"<p style='color:{style.ERROR}'>{lines}</p>" + (f"<p>{advice}</p>" if advice else "")


def show_error(parent: QWidget | None, error: UserError, title: str = "") -> QMessageBox:
    """The refusal in a warning box that does not block the window: the message, and below it what to do."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("ShelfWise"), error.headline(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if error.hint:
        box.setInformativeText(error.hint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, box=box: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning the owner must acknowledge before going on (the window's own, translated words)."""
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A note the owner acknowledges (why an action cannot start yet)."""
    QMessageBox.information(parent, title, text)
