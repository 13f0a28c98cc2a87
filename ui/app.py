"""Starting the window: the application object, which shop to show first, and the crash handler."""
from __future__ import annotations

import logging
import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSocketNotifier, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from ui.errors import install_excepthook
from ui.garbage import GarbageCollector
from ui.i18n import install_translators, uninstall_translators
from ui.jobs import shutdown_all
from ui.main_window import QUIT_WAIT_MS, MainWindow, recent_shops

ORGANIZATION = "ShelfWise"
APPLICATION = "ShelfWise"
DEMO_FILE = "demo-shop.db"
DEVICE_CHECK_DELAY_MS = 1500   # the window and its first shop come first; then torch may load (in the background)


def configure_application(app: QApplication) -> None:
    """Names that QSettings and QStandardPaths use."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)


def demo_shop_path() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / DEMO_FILE


def first_shop(db: str | Path | None, settings: QSettings) -> tuple[Path, str]:
    """The shop to show at start and how to get it: ('open', 'create' or 'build-demo').

    `--db` first (created when missing), then the last shop opened if it still exists, else the demo shop
    (built on first run).
    """
    if db:
        path = Path(db).expanduser()
        return path, "open" if path.exists() and path.stat().st_size > 0 else "create"
    recent = recent_shops(settings)
    if recent:
        return Path(recent[0]), "open"
    demo = demo_shop_path()
    return demo, "open" if demo.exists() else "build-demo"


def start_window(db: str | Path | None = None, settings: QSettings | None = None) -> MainWindow:
    """The main window, shown, with its first shop opening (or the demo shop being built) in the background.

    Where the neural model would run is found out a moment later, also in the background (it imports torch).
    """
    window = MainWindow(settings)
    window.show()
    QTimer.singleShot(DEVICE_CHECK_DELAY_MS, window, window.detect_neural_device)
    path, how = first_shop(db, window.settings)
    if how == "build-demo":
        window.build_demo(path)
    else:
        window.open_shop(path, create=how == "create")
    return window


class QuitOnSignals(QObject):
    """Ctrl+C in the terminal (SIGINT) or a polite kill (SIGTERM, as at log-out) closes the windows the way their
    close button does, so running jobs are cancelled and waited for, and the process exits 0.

    Python runs a signal handler only when the interpreter next gets control, which in Qt's event loop may be never;
    the handler is woken at once through a socket pair that a QSocketNotifier watches (`signal.set_wakeup_fd`)."""

    SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old_handlers = {number: signal.signal(number, self._handle) for number in self.SIGNALS}

    def _drain(self, *_args) -> None:   # the handler itself has run by now: this slot gave Python control
        try:
            self._reader.recv(64)
        except OSError:
            pass

    def _handle(self, number: int, _frame) -> None:
        if self.received is not None:
            return
        self.received = number
        logging.getLogger(__name__).info("signal %s: closing", signal.Signals(number).name)
        self.app.setProperty("closing", True)       # no new background work from here (MainWindow.closing)
        QTimer.singleShot(0, self.app, self.close_all)

    def close_all(self) -> None:
        for widget in self.app.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        self.app.quit()

    def uninstall(self) -> None:
        for number, handler in self._old_handlers.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def quit_jobs() -> None:
    """On quit: cancel what runs and wait a little; a job that cannot stop (the import of torch) is left to its daemon
    thread, which ends with the process."""
    if not shutdown_all(timeout_ms=QUIT_WAIT_MS):
        logging.getLogger(__name__).info("a background job did not stop in time; leaving it")


def run_gui(db: str | Path | None = None) -> int:
    """`main.py` without a sub-command: the window, until it is closed. Returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    language = install_translators(app, QSettings())   # before any window text is made
    logging.getLogger(__name__).info("language: %s", language)
    install_excepthook()
    collector = GarbageCollector(app)
    app.aboutToQuit.connect(quit_jobs)
    app.aboutToQuit.connect(collector.uninstall)
    signals = QuitOnSignals(app)
    window = start_window(db)  # noqa: F841 - kept alive until exec() returns
    try:
        return app.exec()
    finally:
        signals.uninstall()
        uninstall_translators(app)   # English again for whatever runs after (tests run this in-process)
