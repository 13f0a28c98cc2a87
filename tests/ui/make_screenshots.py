"""Screenshots of the real window, offscreen, for docs/screenshots/ (a script, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_screenshots.py

Builds the demo shop in a temporary folder (products.png), then imports the UCI Online Retail CSV from
../shared/data/ into a new shop through the wizard (wizard-mapping.png, wizard-report.png) and shows the
Imports page (imports.png). Also prints the longest GUI-thread pause during that import.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-screens-"))
os.environ["XDG_CONFIG_HOME"] = str(SANDBOX / "config")   # never touch the real settings
os.environ["XDG_DATA_HOME"] = str(SANDBOX / "data")

from PySide6.QtCore import QCoreApplication, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.demo import build_demo_shop  # noqa: E402
from core.jobs import null_context  # noqa: E402
from ui import operations  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.garbage import GarbageCollector  # noqa: E402
from ui.import_wizard import ImportWizard  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = REPO / "docs" / "screenshots"
DATA = REPO.parent / "shared" / "data" / "online-retail"
UCI_CSV = DATA / "online_retail_2010-12_2011-12.csv"
UCI_XLSX = DATA / "Online Retail (first 70051 rows).xlsx"
SIZE = (1280, 800)


def wait_until(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):                       # let layouts and paints settle
        QCoreApplication.processEvents()


def save(widget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO)}")


class GapMeter:
    """The longest wait between 10 ms ticks on the GUI thread."""

    def __init__(self):
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now


def import_through_wizard(window: MainWindow, file_path: Path, *, screenshots: bool) -> ImportWizard:
    wizard = window.open_import_wizard(file_path)
    wizard.next()
    wait_until(lambda: wizard.currentId() == ImportWizard.MAPPING and wizard.mapping_page.raw is not None)
    if screenshots:
        save(wizard, "wizard-mapping.png")
    wizard.next()
    wait_until(lambda: wizard.report_page.validated is not None)
    if screenshots:
        save(wizard, "wizard-report.png")
    wizard.next()
    wait_until(lambda: wizard.currentId() == ImportWizard.DONE)
    return wizard


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    GarbageCollector(app)          # as run_gui does
    OUT.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()

    demo = build_demo_shop(SANDBOX / "demo-shop.db")
    window.open_shop(demo)
    wait_until(lambda: window.products_page.model.rowCount() > 0 and not window.runner.is_running("summary"))
    save(window, "products.png")

    if not UCI_CSV.exists():
        print(f"{UCI_CSV} is missing: skipped the wizard and imports screenshots")
        return 0
    shop = SANDBOX / "online-gift-shop.db"
    operations.create_shop(shop, name="Online gift shop")
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop and not window.runner.is_running("imports"))
    if UCI_XLSX.exists():   # an earlier, partial import that the owner undid: the Imports page shows both
        first = import_through_wizard(window, UCI_XLSX, screenshots=False)
        first.accept()
        wait_until(lambda: window.imports_page.model.rowCount() == 1)
        operations.undo(shop, first.report.import_id, null_context())
        window.refresh()
        wait_until(lambda: not window.runner.is_running("imports"))

    meter = GapMeter()
    started = time.perf_counter()
    wizard = import_through_wizard(window, UCI_CSV, screenshots=True)
    wait_until(lambda: window.products_page.model.rowCount() > 3000 and not window.runner.is_running("imports"))
    meter.timer.stop()
    print(f"UCI import of {wizard.report.rows_read:,} rows through the wizard: {time.perf_counter() - started:.1f} s "
          f"(screenshots included); longest GUI-thread pause {meter.worst * 1000:.0f} ms")
    wizard.accept()

    window.nav.setCurrentRow(1)
    wait_until(lambda: window.imports_page.problems.model.rowCount() > 0)
    save(window, "imports.png")
    window.close()
    shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
