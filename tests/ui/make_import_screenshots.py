"""Screenshots of the import wizard on the files real shops have (a script, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_import_screenshots.py

1. A Shopify orders export (written by tests/core/test_sources.py's generator: 300 orders of every kind): the
   mapping page that says it was recognised and lists its rules (import-shopify.png), and the check's report
   (import-shopify-report.png).
2. The real manufacturing workbook of ../shared/data/spare-parts (a header of four rows, 150 weeks, cost, lead time
   and minimum order beside them): the mapping page (import-weekly-parts.png).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-import-shots-"))
os.environ["XDG_CONFIG_HOME"] = str(SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(SANDBOX / "data")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.services import shop as shop_service  # noqa: E402
from tests.core.test_sources import _shopify  # noqa: E402
from tests.support import wait_until  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.import_wizard import ImportWizard  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = REPO / "docs" / "screenshots"
WEEKLY = REPO.parent / "shared" / "data" / "spare-parts" / "manufacturing_3451_items_150_weeks.xlsx"


def shoot(wizard: ImportWizard, name: str) -> None:
    QApplication.processEvents()
    wizard.grab().save(str(OUT / name))
    print(f"wrote docs/screenshots/{name}")


def to_mapping(window: MainWindow, path: Path) -> ImportWizard:
    wizard = window.open_import_wizard(path)
    wizard.resize(1100, 760)
    wizard.show()
    wizard.next()
    wait_until(lambda: wizard.currentId() in (ImportWizard.MAPPING, ImportWizard.SHEET), 30)
    if wizard.currentId() == ImportWizard.SHEET:
        wizard.next()
    wait_until(lambda: wizard.mapping_page.raw is not None, 60)
    return wizard


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    shop = SANDBOX / "corner-shop.db"
    shop_service.create_shop(shop, name="The Corner Shop")
    window = MainWindow(QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop, 30)

    export = SANDBOX / "orders_export_1.csv"
    _shopify(export)
    wizard = to_mapping(window, export)
    shoot(wizard, "import-shopify.png")
    wizard.next()
    wait_until(lambda: "Rows read" in wizard.report_page.counts.text(), 60)
    shoot(wizard, "import-shopify-report.png")
    wizard.close()

    if WEEKLY.exists():
        wizard = to_mapping(window, WEEKLY)
        shoot(wizard, "import-weekly-parts.png")
        wizard.close()
    window.close()
    shutdown_all(5000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
