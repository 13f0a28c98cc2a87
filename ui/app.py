"""Starting the window: the application object, which shop to show first, and the crash handler."""
from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from ui.errors import install_excepthook
from ui.garbage import GarbageCollector
from ui.i18n import install_translators, uninstall_translators
from ui.jobs import shutdown_all
from ui.main_window import MainWindow, recent_shops

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


def run_gui(db: str | Path | None = None) -> int:
    """`main.py` without a sub-command: the window, until it is closed. Returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    language = install_translators(app, QSettings())   # before any window text is made
    logging.getLogger(__name__).info("language: %s", language)
    install_excepthook()
    collector = GarbageCollector(app)
    app.aboutToQuit.connect(shutdown_all)
    app.aboutToQuit.connect(collector.uninstall)
    signal.signal(signal.SIGINT, lambda *_: app.quit())   # Ctrl+C in the terminal closes the window cleanly
    window = start_window(db)  # noqa: F841 - kept alive until exec() returns
    try:
        return app.exec()
    finally:
        uninstall_translators(app)   # English again for whatever runs after (tests run this in-process)
