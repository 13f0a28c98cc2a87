"""Showing bugs: anything that is not a UserError, in the crash dialog with a report the owner can send (a UserError
is told by ui/messages.py)."""
from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import traceback
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from core.errors import UserError
from ui.messages import show_error

log = logging.getLogger("shelfwise.ui")
_open_dialogs: list[QWidget] = []   # keeps non-modal dialogs alive while they are shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _keep(dialog: QWidget) -> None:
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result, dialog=dialog: _open_dialogs.remove(dialog)
                            if dialog in _open_dialogs else None)


def crash_log_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)) / "crash logs"


def write_crash_log(details: str) -> Path | None:
    """A bug's report as a file in the app's data folder: when, the versions, the platform, the last things the
    window did (its jobs) and the traceback. None where it cannot be written (the dialog still shows it all)."""
    from ui.jobs import recent_jobs

    try:
        import importlib.metadata as metadata

        version = metadata.version("shelfwise")
    except Exception:  # noqa: BLE001 - a report is written whatever the install looks like
        version = "unknown"
    now = dt.datetime.now()
    text = "\n".join([
        f"ShelfWise {version} crash report, {now:%Y-%m-%d %H:%M:%S}",
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, {platform.platform()}",
        "Last actions (background jobs, oldest first):",
        *[f"  {line}" for line in recent_jobs()],
        "",
        details,
    ])
    folder = crash_log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash {now:%Y-%m-%d %H%M%S}.log"
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


class CrashDialog(QDialog):
    """A bug: says that nothing was half-written, shows the traceback to copy into a report, and where the report
    was written (Open log)."""

    def __init__(self, details: str, parent: QWidget | None = None, log_path: Path | None = None):
        super().__init__(parent)
        self.log_path = log_path
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
        self.open_log_button = QPushButton(self.tr("Open log"), self)
        self.open_log_button.setToolTip(str(log_path) if log_path else "")
        self.open_log_button.setVisible(log_path is not None)
        self.open_log_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path))) if log_path else None)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)


def show_crash_dialog(details: str, parent: QWidget | None = None) -> CrashDialog | None:
    """Show a bug's traceback (non-modal, so it never blocks a running job). Logs it too."""
    if QApplication.instance() is None:
        return None
    dialog = CrashDialog(details, parent, write_crash_log(details))
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
        show_error(QApplication.activeWindow(), exc)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unhandled exception:\n%s", details)
    show_crash_dialog(details, QApplication.activeWindow())


def install_excepthook() -> None:
    sys.excepthook = excepthook
