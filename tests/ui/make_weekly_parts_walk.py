"""A weekly parts business walked from an empty new shop to a purchase order, in the real window (a script, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_weekly_parts_walk.py

The manufacturing workbook of ../shared/data/spare-parts (3,451 parts x 150 weeks, cost, lead time and minimum order
beside the weeks) imported into a new shop, a forecast without the neural model, one supplier given the 40 parts that
sold most, counted, planned for today; the Orders page (orders-weekly-parts.png), then *Create purchase orders*.
Prints the plan's lines with their weekly averages, so that the numbers can be checked against the history.
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
SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-weekly-walk-"))
os.environ["XDG_CONFIG_HOME"] = str(SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(SANDBOX / "data")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.jobs import null_context  # noqa: E402
from core.services import edits as edits_service  # noqa: E402
from core.services import forecast as forecast_service  # noqa: E402
from core.services import imports as imports_service  # noqa: E402
from core.services import plan as plan_service  # noqa: E402
from core.services import shop as shop_service  # noqa: E402
from core.services import stock as stock_service  # noqa: E402
from core.services import suppliers as suppliers_service  # noqa: E402
from core.store import open_shop  # noqa: E402
from tests.support import wait_until  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pages.orders_page import CREATE_JOB  # noqa: E402

OUT = REPO / "docs" / "screenshots"
WEEKLY = REPO.parent / "shared" / "data" / "spare-parts" / "manufacturing_3451_items_150_weeks.xlsx"


def idle(window: MainWindow) -> bool:
    return not any(window.runner.is_running(k) for k in ("open", "products", "dashboard", "orders-plan", "summary"))


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    shop = SANDBOX / "parts-counter.db"
    shop_service.create_shop(shop, name="Valley Machine Parts")
    report = imports_service.import_file(shop, file_path=WEEKLY, kind="sales").value
    print("\n".join(report.summary_lines()[:8]))
    forecast_service.run_forecast(shop, neural=False, ctx=null_context())
    with open_shop(shop, create=False) as opened:
        top = [r[0] for r in opened.query(
            "SELECT p.sku FROM sales s JOIN products p ON p.id = s.product_id GROUP BY p.sku "
            "ORDER BY count(*) DESC LIMIT 40")]
        weekly = dict(opened.query("SELECT p.sku, sum(s.qty) / 150.0 FROM sales s JOIN products p "
                                   "ON p.id = s.product_id GROUP BY p.sku"))
    suppliers_service.save_supplier(shop, values=suppliers_service.SupplierFields(
        name="Rhine Fasteners", email="orders@rhine.example", lead_time_days=49))
    edits_service.edit_products(shop, skus=top, values={"supplier": "Rhine Fasteners"})
    stock_service.store_counts(shop, counts={sku: 0 for sku in top}, day=dt.date.today())
    plan_service.set_old_history(shop, choice="today")
    from core.documents.shop_details import ShopDetails

    shop_service.complete_shop_details(shop, details=ShopDetails(      # what the first Create would ask for
        name="Valley Machine Parts", address="Unit 4, Mill Lane\nHebden Bridge", email="buying@valleyparts.example"))

    window = MainWindow(QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop and idle(window), 300)
    window.show_page(window.orders_page)
    window.orders_page.start_plan()
    wait_until(lambda: window.orders_page.data is not None and window.orders_page.data.plan_date == dt.date.today()
               and idle(window), 300)
    data = window.orders_page.data
    ordering = [row for row in data.lines if row.order_qty > 0]
    if ordering:
        window.orders_page.select_sku(ordering[0].sku)
    wait_until(lambda: True)
    window.grab().save(str(OUT / "orders-weekly-parts.png"))
    print(f"wrote docs/screenshots/orders-weekly-parts.png: {len(ordering)} lines to order, {data.total:,.2f} in all")
    for row in ordering[:15]:
        print(f"  {row.sku:6s} sells {weekly.get(row.sku, 0):7.1f}/week  lead {row.lead_time_days:4.0f} d  "
              f"demand over cycle {row.demand_over_lead_time:8.1f}  reorder point {row.reorder_point:8.0f}  "
              f"order {row.order_qty:8.0f} (min {row.moq:g})")
    if ordering:
        print(f"why {ordering[0].sku}:\n  " + "\n  ".join(ordering[0].steps))
    window.orders_page.create_button.click()
    wait_until(lambda: not window.runner.is_running(CREATE_JOB) and not window.orders_page.runner.is_running(CREATE_JOB),
               120)
    wait_until(lambda: window.stack.currentWidget() is window.purchase_orders_page, 60)
    wait_until(lambda: window.purchase_orders_page.order is not None, 60)
    order = window.purchase_orders_page.order
    print(f"purchase order {order.number} to {order.supplier}: {len(order.lines)} lines, {order.total:,.2f}")
    window.grab().save(str(OUT / "purchase-order-weekly-parts.png"))
    window.close()
    shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
