"""Screenshots of a new shop set up from its own file (a script, not a test):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_own_shop_screenshots.py

A new shop, the UCI Online Retail workbook (../shared/data) imported, a forecast without the neural model: the
dashboard's getting-started panel (getting-started.png). Then, as an owner would set it up (through the same services
the window calls): two suppliers, 24 products given to them with costs and packs, those counted, planned for today;
the Orders page of that shop (orders-uci.png). Prints the plan's figures.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-own-shop-"))
os.environ["XDG_CONFIG_HOME"] = str(SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(SANDBOX / "data")

import datetime as dt  # noqa: E402

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.services import edits as edits_service  # noqa: E402
from core.services import forecast as forecast_service  # noqa: E402
from core.services import imports as imports_service  # noqa: E402
from core.services import plan as plan_service  # noqa: E402
from core.services import shop as shop_service  # noqa: E402
from core.services import stock as stock_service  # noqa: E402
from core.services import suppliers as suppliers_service  # noqa: E402
from core.jobs import null_context  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from tests.support import wait_until  # noqa: E402

OUT = REPO / "docs" / "screenshots"
UCI_XLSX = REPO.parent / "shared" / "data" / "online-retail" / "Online Retail (first 70051 rows).xlsx"


def idle(window: MainWindow) -> bool:
    return not any(window.runner.is_running(k) for k in ("open", "products", "dashboard", "orders-plan", "summary",
                                                        "dashboard-getting-started"))


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    shop = SANDBOX / "my-gift-shop.db"
    shop_service.create_shop(shop, name="Hebden Gift House")
    imports_service.import_file(shop, file_path=UCI_XLSX, kind="sales")
    forecast_service.run_forecast(shop, neural=False, ctx=null_context())
    window = MainWindow(QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop and window.dashboard_page.getting_started is not None
               and window.dashboard_page.data is not None and idle(window))
    window.show_page(window.dashboard_page)
    wait_until(lambda: True)
    window.grab().save(str(OUT / "getting-started.png"))
    print(f"wrote docs/screenshots/getting-started.png: {window.dashboard_page.start_text.text()}")

    lines = stock_service.count_sheet(shop)
    hearts = [x.sku for x in lines if "HEART" in x.name][:12]
    lanterns = [x.sku for x in lines if "LANTERN" in x.name][:12]
    for name, email, skus, cost, pack in (("Hearth & Home Imports", "orders@hearthhome.example", hearts, 1.85, 6),
                                         ("Paper Lantern Co", "sales@paperlantern.example", lanterns, 2.40, 4)):
        suppliers_service.save_supplier(shop, values=suppliers_service.SupplierFields(name=name, email=email,
                                                                               lead_time_days=7))
        edits_service.edit_products(shop, skus=skus, values={"supplier": name, "unit_cost": cost, "pack_size": pack})
    stock_service.store_counts(shop, counts={sku: (0 if i % 3 == 0 else 6 * (i % 4)) for i, sku in
                                      enumerate(hearts + lanterns)}, day=dt.date.today())
    plan_service.set_old_history(shop, choice="today")
    window.refresh()
    window.show_page(window.orders_page)
    wait_until(lambda: window.orders_page.data is not None and window.orders_page.data.plan_date == dt.date.today()
               and idle(window))
    data = window.orders_page.data
    ordering = [row for row in data.lines if row.order_qty > 0]
    window.orders_page.select_supplier(None)
    if ordering:
        window.orders_page.select_sku(ordering[0].sku)
    wait_until(lambda: True)
    window.grab().save(str(OUT / "orders-uci.png"))
    print(f"wrote docs/screenshots/orders-uci.png: plan for {data.plan_date}, {len(ordering)} lines to order, "
          f"{data.total:,.2f} in all")
    for row in ordering:
        print(f"  {row.sku:8s} {row.supplier:24s} on hand {row.on_hand:5.0f}  demand over cycle "
              f"{row.demand_over_lead_time:7.1f}  reorder point {row.reorder_point:6.0f}  order {row.order_qty:5.0f}")
    window.close()
    shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
