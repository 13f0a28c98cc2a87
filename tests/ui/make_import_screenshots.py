"""Screenshots of the import wizard on the files real shops have (a script, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_import_screenshots.py

1. A Shopify orders export (written by tests/core/test_sources.py's generator: 300 orders of every kind): the
   mapping page that says it was recognised and lists its rules (import-shopify.png), and the check's report
   (import-shopify-report.png).
2. The real manufacturing workbook of ../shared/data/spare-parts (a header of four rows, 150 weeks, cost, lead time
   and minimum order beside them): the mapping page (import-weekly-parts.png).
3. A monthly parts sheet written here (40 parts x 24 months, with description, supplier, lead time in weeks, unit
   cost and minimum order beside the months, and a yearly total column): the mapping page (import-monthly-parts.png).
4. An accounting package's "sales by product/service detail" report (products as headings, 'Total for' rows;
   written by tests/core/test_sources_tills.py's generator): the check's report (import-grouped-report.png).
"""
from __future__ import annotations

import csv
import os
import random
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
from tests.core.test_sources_tills import _grouped_report  # noqa: E402
from tests.support import wait_until  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.wizard.import_wizard import ImportWizard  # noqa: E402
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


def _monthly_parts(path: Path) -> None:
    rng = random.Random(12)
    months = [f"{m} {y}" for y in (2023, 2024) for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                                          "Sep", "Oct", "Nov", "Dec")]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Part No", "Description", "Supplier", "Lead time (weeks)", "Unit cost", "Min. order",
                         *months, "2024 total"])
        for k in range(40):
            sales = [rng.choice([0, 0, 0, 1, 1, 2, 3]) for _ in months]
            writer.writerow([f"BP-{100 + k}", f"Part {k + 1}", rng.choice(["Acme Parts", "Borg Ltd"]),
                             rng.choice([1, 2, 4]), f"{rng.uniform(1, 40):.2f}", rng.choice([1, 5, 10]), *sales,
                             sum(sales[12:])])


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
    monthly = SANDBOX / "parts-monthly.csv"
    _monthly_parts(monthly)
    wizard = to_mapping(window, monthly)
    shoot(wizard, "import-monthly-parts.png")
    wizard.close()

    report = SANDBOX / "SalesByProductServiceDetail.csv"
    rows, _expected, _counts = _grouped_report(random.Random(8))
    with report.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    wizard = to_mapping(window, report)
    wizard.next()
    wait_until(lambda: "Rows read" in wizard.report_page.counts.text(), 60)
    shoot(wizard, "import-grouped-report.png")
    wizard.close()
    window.close()
    shutdown_all(5000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
