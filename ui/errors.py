"""Showing trouble: a UserError as a plain warning, anything else as a bug in the crash dialog."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from core.errors import UserError

log = logging.getLogger("shelfwise.ui")
_open_dialogs: list[QWidget] = []   # keeps non-modal dialogs alive while they are shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _keep(dialog: QWidget) -> None:
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result, dialog=dialog: _open_dialogs.remove(dialog)
                            if dialog in _open_dialogs else None)


def show_user_error(parent: QWidget | None, error: UserError, title: str = "") -> QMessageBox:
    """The owner's message as it is: what is wrong, where, and (below) what to do."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("ShelfWise"),
                      f"{error.where}: {error.message}" if error.where else error.message,
                      QMessageBox.StandardButton.Ok, parent)
    if error.hint:
        box.setInformativeText(error.hint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(box)
    box.open()
    return box


class CrashDialog(QDialog):
    """A bug: says that nothing was half-written, and shows the traceback to copy into a report."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("ShelfWise ran into a bug"))
        self.resize(720, 460)
        intro = QLabel(self.tr(
            "Something went wrong inside ShelfWise. This is a bug, not something you did.\n"
            "Your shop file was not half-written: the step that failed was undone as a whole.\n"
            "Please copy the details below and send them with a line on what you were doing."), self)
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)


def show_crash_dialog(details: str, parent: QWidget | None = None) -> CrashDialog | None:
    """Show a bug's traceback (non-modal, so it never blocks a running job). Logs it too."""
    if QApplication.instance() is None:
        return None
    dialog = CrashDialog(details, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep(dialog)
    dialog.show()
    return dialog


def excepthook(exc_type, exc, tb) -> None:
    """sys.excepthook for the window: a KeyboardInterrupt quits, a UserError warns, anything else is a bug."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if issubclass(exc_type, UserError):
        show_user_error(QApplication.activeWindow(), exc)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unhandled exception:\n%s", details)
    show_crash_dialog(details, QApplication.activeWindow())


def install_excepthook() -> None:
    sys.excepthook = excepthook
