"""A monthly parts counter walked in the real window (a script, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_monthly_parts_walk.py

The automotive workbook of ../shared/data/spare-parts (3,000 parts x 24 months, its columns undated: its newest
month taken as June 2024, as the wizard asks) imported into a new shop and forecast without the neural model; the
Products page in months (products-monthly-parts.png), the Forecast page (forecast-monthly-parts.png) and the last
year replayed month by month (replay-monthly-parts.png). Prints a few parts' sales beside what the pages show, so
that the numbers can be checked against the sheet.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-monthly-walk-"))
os.environ["XDG_CONFIG_HOME"] = str(SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(SANDBOX / "data")

from PySide6.QtCore import QDate, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.jobs import null_context  # noqa: E402
from core.services import forecast as forecast_service  # noqa: E402
from core.services import imports as imports_service  # noqa: E402
from core.services import shop as shop_service  # noqa: E402
from core.store import open_shop  # noqa: E402
from tests.support import wait_until  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.dialogs.replay_dialog import ReplayDialog  # noqa: E402

OUT = REPO / "docs" / "screenshots"
MONTHLY = REPO.parent / "shared" / "data" / "spare-parts" / "automotive_3000_items_24_months.xls"


def idle(window: MainWindow) -> bool:
    return not any(window.runner.is_running(k) for k in ("open", "products", "dashboard", "forecast-load", "summary"))


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    shop = SANDBOX / "parts-counter.db"
    shop_service.create_shop(shop, name="Moor Lane Motor Factors")
    report = imports_service.import_file(shop, file_path=MONTHLY, kind="sales", latest_period="2024-06").value
    print("\n".join(report.summary_lines()[:6]))
    forecast_service.run_forecast(shop, neural=False, ctx=null_context())
    with open_shop(shop, create=False) as opened:
        sample = opened.query(
            "SELECT p.sku, sum(CASE WHEN s.date = '2024-06-01' THEN s.qty ELSE 0 END), "
            "sum(CASE WHEN s.date >= '2024-04-01' THEN s.qty ELSE 0 END), sum(s.qty) FROM sales s "
            "JOIN products p ON p.id = s.product_id GROUP BY p.sku ORDER BY sum(s.qty) DESC LIMIT 5")
    window = MainWindow(QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop and idle(window) and window.products_page.model.rowCount() > 0, 300)
    window.show_page(window.products_page)
    window.products_page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    wait_until(lambda: True)
    window.grab().save(str(OUT / "products-monthly-parts.png"))
    print(f"products page: {window.products_page.heading.text()}")
    for sku, june, quarter, total in sample:
        print(f"  {sku}: June 2024 {june:g}, Apr-Jun {quarter:g}, 24 months {total:g}")
    window.show_page(window.forecast_page)
    wait_until(lambda: window.forecast_page.model.rowCount() > 0 and idle(window), 120)
    page = window.forecast_page
    page.select_sku(sample[0][0])
    wait_until(lambda: page.product is not None and page.product.view.sku == sample[0][0]
               and not page.runner.is_running("forecast-product"), 60)
    window.grab().save(str(OUT / "forecast-monthly-parts.png"))
    print(f"forecast page: {window.forecast_page.header.text()[:200]}")
    dialog = ReplayDialog(shop, window)
    dialog.show()
    wait_until(lambda: dialog.end.date() > dialog.start.date(), 60)
    dialog.start.setDate(QDate(2023, 7, 1))
    dialog.run()
    wait_until(lambda: dialog.comparison is not None, 600)
    wait_until(lambda: True)
    dialog.grab().save(str(OUT / "replay-monthly-parts.png"))
    print(dialog.comparison.table.to_string())
    print(dialog.summary.text())
    dialog.close()
    window.close()
    shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
