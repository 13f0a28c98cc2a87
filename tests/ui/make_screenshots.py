"""Screenshots of the real window, offscreen, for docs/screenshots/ (a script, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_screenshots.py [--quick] [--only NAME,NAME]

Builds the demo shop in a temporary folder (products.png), forecasts it through the Forecast page and shows
one product chosen from its data, with an override added through the dialog (forecast.png; --quick leaves the
neural model out, which on a CPU takes a few minutes), plans its orders within a budget with one quantity of the
owner's own and explains a line that the budget cut (orders.png), shows the alerts of that plan (dashboard.png)
and the Ordering tab of the Settings dialog (settings-ordering.png), makes that plan's draft purchase orders
and shows one (purchase-orders.png), fills in the shop's details with a logo (settings-shop.png), then imports
the UCI Online Retail CSV from ../shared/data/ into a new shop through the wizard (wizard-mapping.png,
wizard-report.png) and shows the Imports page (imports.png). Also prints the longest GUI-thread pause during that
import. `--only purchase-orders.png,settings-shop.png` writes only those files (the steps before them still run).
`--chinese` makes the main pages again with the window in Chinese (dashboard-zh.png, ...; see chinese_main).
"""
from __future__ import annotations

import datetime as dt
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

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PySide6.QtCore import QDate  # noqa: E402

from core.demand.history import load_history  # noqa: E402
from core.demo import build_demo_shop  # noqa: E402
from core.jobs import null_context  # noqa: E402
from core.store.db import open_shop  # noqa: E402
from core.services import imports as imports_service  # noqa: E402
from core.services import shop as shop_service  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.garbage import GarbageCollector  # noqa: E402
from ui.wizard.import_wizard import ImportWizard  # noqa: E402
from ui.jobs import shutdown_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from tests.support import draw_logo, wait_until  # noqa: E402

OUT = REPO / "docs" / "screenshots"
DATA = REPO.parent / "shared" / "data" / "online-retail"
UCI_CSV = DATA / "online_retail_2010-12_2011-12.csv"
UCI_XLSX = DATA / "Online Retail (first 70051 rows).xlsx"
SIZE = (1280, 800)
ONLY = set(sys.argv[sys.argv.index("--only") + 1].split(",")) if "--only" in sys.argv else None
UCI_SHOTS = {"wizard-mapping.png", "wizard-report.png", "imports.png"}


LANGUAGE_SUFFIX = ""   # "-zh" while the Chinese screenshots are taken (chinese_main)


def save(widget, name: str) -> None:
    if ONLY is not None and name not in ONLY:
        return
    if LANGUAGE_SUFFIX:
        if name not in CHINESE_SHOTS:
            return
        name = name.removesuffix(".png") + LANGUAGE_SUFFIX + ".png"
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


def pick_forecast_product(shop_path: Path) -> str:
    """The product forecast.png shows, chosen from its data: one that sells on most days (a 'smooth' pattern),
    with days out of stock in the last year (holidays are always in view), much preferably its own promotion in
    view and an unusual sale too, and among those the clearest weekly rhythm on enough sales to see it. (The
    demo's data moves with the day it is built, so it is chosen afresh each time.)"""
    from core.forecasting.views import forecast_table, latest_run, product_view

    with open_shop(shop_path, create=False) as shop:
        run = latest_run(shop)
        smooth = set(forecast_table(shop).query("pattern == 'smooth'")["sku"])
        as_of = dt.date.fromisoformat(run["as_of"])
        history = load_history(shop, as_of=as_of)
        promoted = set(pd.read_sql_query(
            "SELECT p.sku FROM events e JOIN products p ON p.id = e.product_id WHERE e.date BETWEEN ? AND ?",
            shop.conn, params=((as_of - dt.timedelta(days=330)).isoformat(),
                               (as_of + dt.timedelta(days=run["horizon"])).isoformat()))["sku"])
        best, best_score = None, -1.0
        for i, sku in enumerate(history.skus):
            sold = pd.Series(history.sales[i, -365:], index=history.days[-365:]).dropna()
            if sku not in smooth or history.stockout[i, -365:].sum() < 3 or len(sold) < 200:
                continue
            by_weekday = sold.groupby(sold.index.dayofweek).mean()
            rhythm = by_weekday.std() / max(by_weekday.mean(), 1e-9)
            score = (rhythm * np.sqrt(sold.mean()) * (4.0 if sku in promoted else 1.0)
                     * (1.5 if history.anomaly[i, -365:].any() else 1.0))
            if score > best_score:
                best, best_score = sku, score
        view = product_view(shop, best)
    assert view.history["stockout"].any() and len(view.events)
    return best


def forecast_screenshot(window: MainWindow, demo: Path, *, neural: bool) -> None:
    page = window.forecast_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    page.neural.setChecked(neural)
    meter = GapMeter()
    started = time.perf_counter()
    page.forecast_button.click()
    wait_until(lambda: not window.runner.is_running("forecast-run"), timeout=1200)
    meter.timer.stop()
    print(f"Forecast of the demo shop through the page ({'with' if neural else 'without'} the neural model): "
          f"{time.perf_counter() - started:.1f} s; longest GUI-thread pause {meter.worst * 1000:.0f} ms")
    sku = pick_forecast_product(demo)
    page.select_sku(sku)
    wait_until(lambda: page.product is not None and page.product.view.sku == sku)
    forecast = page.product.view.forecast
    first = forecast.index[0].date() + dt.timedelta(days=12)
    dialog = page.open_override_dialog()
    dialog.start.setDate(QDate(first))
    dialog.end.setDate(QDate(first + dt.timedelta(days=2)))
    dialog.quantity.setValue(round(float(forecast["mean"].mean()) * 3))
    dialog.note.setText("Stall at the farmers' market")
    dialog.accept()
    wait_until(lambda: page.overrides.count() == 1 and not window.runner.is_running("forecast-override"))
    page.chart.readout.setText(page.chart.describe(forecast.index[5].date()))   # as if pointing at a day
    window.detect_neural_device()                                               # as start_window does
    wait_until(lambda: window.neural_label.isVisible())
    print(f"forecast.png shows {sku}: {page.product.view.name}")
    save(window, "forecast.png")


def orders_screenshots(window: MainWindow) -> None:
    """The plan the dashboard made after the forecast, then within a budget of about two thirds of it, with one
    quantity of the owner's own at the supplier whose cuts lose the most margin; the line shown is its cut line that
    loses the most."""
    page = window.orders_page
    wait_until(lambda: page.data is not None and not window.runner.is_running("dashboard"))
    window.show_page(page)
    started = time.perf_counter()
    page.plan_button.click()
    wait_until(lambda: not window.runner.is_running("orders-plan"))
    print(f"Plan of the demo shop through the Orders page: {time.perf_counter() - started:.1f} s")
    page.budget_check.setChecked(True)
    page.budget.setValue(round(page.data.total * 0.65, -2))
    page.budget_button.click()
    wait_until(lambda: not window.runner.is_running("orders-plan"))
    cut = [s for s in page.data.suppliers if s.cut]
    supplier = max(cut, key=lambda s: sum(r.lost_margin for r in page.data.lines if r.supplier == s.name))
    page.select_supplier(supplier.name)
    own = max((r for r in page.data.lines if r.supplier == supplier.name and r.to_order), key=lambda r: r.order_value)
    page.select_sku(own.sku)
    dialog = page.ask_quantity(own, own.suggested_qty + max(own.pack, 1))
    dialog.reason.setText("Christmas market stall")
    dialog.accept()
    wait_until(lambda: not window.runner.is_running("orders-plan"))
    worst = max((r for r in page.data.lines if r.supplier == supplier.name and r.cut), key=lambda r: r.lost_margin)
    page.select_sku(worst.sku)
    wait_until(lambda: not window.runner.is_running("dashboard"))
    print(f"orders.png shows {supplier.name}, {worst.sku}: {worst.name} (cut from {worst.suggested_qty:g} to "
          f"{worst.order_qty:g})")
    save(window, "orders.png")

    window.show_page(window.dashboard_page)
    wait_until(lambda: window.dashboard_page.data is not None and window.dashboard_page.data.plan is page.data)
    save(window, "dashboard.png")

    dialog = window.open_settings()
    wait_until(lambda: dialog.save_button.isEnabled())
    dialog.tabs.setCurrentWidget(dialog.ordering)
    save(dialog, "settings-ordering.png")
    dialog.reject()


def purchase_orders_screenshots(window: MainWindow) -> None:
    """The plan's orders made into drafts from the Orders page, one of them shown on the Purchase orders page (the
    draft with the most lines that still fit without scrolling), then the shop's details in Settings."""
    orders = window.orders_page
    window.show_page(orders)
    orders.select_supplier(None)
    orders.create_button.click()
    po = window.purchase_orders_page
    wait_until(lambda: not window.runner.is_running("orders-create-purchase-orders")
               and window.stack.currentWidget() is po and po.order is not None
               and not any(window.runner.is_running(k) for k in ("purchase-orders-list", "purchase-orders-detail")))
    drafts = [row for row in po.orders_model.rows() if row.status == "draft"]
    shown = max((row for row in drafts if row.lines <= 9), key=lambda row: row.lines, default=drafts[0])
    po.select_order(shown.id)
    wait_until(lambda: po.order is not None and po.order.id == shown.id)
    print(f"purchase-orders.png shows {shown.number} to {shown.supplier} ({shown.lines} lines)")
    save(window, "purchase-orders.png")

    dialog = window.open_settings()
    wait_until(lambda: dialog.save_button.isEnabled())
    dialog.tabs.setCurrentWidget(dialog.shop)
    shop = dialog.shop
    shop.address.setPlainText("7 Market Place\nLudlow SY8 1AA")
    shop.email.setText("orders@demogift.example")
    shop.phone.setText("01584 872000")
    shop.terms.setPlainText("Payment 30 days from the end of the month of invoice. Deliveries Monday to Saturday, "
                            "7:30 to 11:00, at the yard gate.\nPlease tell us at once if any line cannot be "
                            "supplied in full or on time.")
    draw_logo(SANDBOX / "logo.png")
    shop.choose_logo(SANDBOX / "logo.png")
    wait_until(lambda: shop.remove_logo_button.isEnabled())
    save(dialog, "settings-shop.png")
    dialog.save_button.click()
    wait_until(lambda: window.settings_dialog is None)


def save_with_dialog(window, dialog, name: str) -> None:
    """The window with a dialog drawn over its middle, as the owner sees it (a dialog is a window of its own)."""
    from PySide6.QtGui import QPainter

    wait_until(lambda: dialog.isVisible())
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    painter.drawPixmap((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3, shot)
    painter.end()

    class _Picture:                      # save() wants something with grab()
        def grab(self):
            return picture

    save(_Picture(), name)


def suppliers_screenshots(window: MainWindow) -> None:
    """The Suppliers page (suppliers.png), the product editor over six selected products (product-editor.png) and a
    stocktake of one supplier's products, three typed and one scanned (stocktake.png)."""
    from PySide6.QtCore import QItemSelectionModel

    window.show_page(window.suppliers_page)
    page = window.suppliers_page
    wait_until(lambda: page.model.rowCount() > 0 and not window.runner.is_running("suppliers"))
    page.table.selectRow(1)
    save(window, "suppliers.png")
    window.show_page(window.products_page)
    products = window.products_page
    products.search.setText("candle")
    wait_until(lambda: products.proxy.rowCount() > 0)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(min(6, products.proxy.rowCount())):
        products.table.selectionModel().select(products.proxy.index(row, 0), flags)
    dialog = products.open_editor(field="pack_size")
    dialog.text.setText("6")
    save_with_dialog(window, dialog, "product-editor.png")
    dialog.reject()
    products.search.setText("")
    stocktake = products.open_stocktake()
    stocktake.supplier.setCurrentIndex(stocktake.supplier.findData("Wickfield Candle Works"))
    wait_until(lambda: stocktake.lines and stocktake.lines[0].supplier == "Wickfield Candle Works")
    for row, count in enumerate((12, 30, 7)):
        stocktake.table.item(row, 4).setText(str(count))
    stocktake.scan.setText(stocktake.lines[3].sku)
    stocktake.scanned()
    save_with_dialog(window, stocktake, "stocktake.png")
    stocktake.reject()


def demo_pages(settings: QSettings, shop_name: str) -> MainWindow:
    """The window on a fresh demo shop, through the products, forecast, orders and purchase-orders screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    demo = build_demo_shop(SANDBOX / shop_name)
    window.open_shop(demo)
    wait_until(lambda: window.products_page.model.rowCount() > 0 and not window.runner.is_running("summary"))
    window.show_page(window.products_page)
    save(window, "products.png")
    suppliers_screenshots(window)
    forecast_screenshot(window, demo, neural="--quick" not in sys.argv)
    orders_screenshots(window)
    purchase_orders_screenshots(window)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    GarbageCollector(app)          # as run_gui does
    window = demo_pages(QSettings(str(SANDBOX / "settings.ini"), QSettings.Format.IniFormat), "demo-shop.db")
    window.nav.setCurrentRow(window.stack.indexOf(window.products_page))
    if ONLY is not None and not ONLY & UCI_SHOTS:
        window.close()
        shutdown_all()
        return 0

    if not UCI_CSV.exists():
        print(f"{UCI_CSV} is missing: skipped the wizard and imports screenshots")
        return 0
    shop = SANDBOX / "online-gift-shop.db"
    shop_service.create_shop(shop, name="Online gift shop")
    window.open_shop(shop)
    wait_until(lambda: window.shop_path == shop and not window.runner.is_running("imports"))
    if UCI_XLSX.exists():   # an earlier, partial import that the owner undid: the Imports page shows both
        first = import_through_wizard(window, UCI_XLSX, screenshots=False)
        first.accept()
        wait_until(lambda: window.imports_page.model.rowCount() == 1)
        imports_service.undo(shop, import_id=first.report.import_id, ctx=null_context())
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

    window.nav.setCurrentRow(window.stack.indexOf(window.imports_page))
    wait_until(lambda: window.imports_page.problems.model.rowCount() > 0)
    save(window, "imports.png")
    window.close()
    shutdown_all()
    return 0


# ---- the main pages in Chinese: --chinese writes dashboard-zh.png, products-zh.png, forecast-zh.png, orders-zh.png,
# purchase-orders-zh.png and imports-zh.png (with --quick as above).

CHINESE_SHOTS = {"dashboard.png", "products.png", "suppliers.png", "forecast.png", "orders.png", "purchase-orders.png", "imports.png"}


def ensure_chinese_font() -> None:
    """Chinese glyphs need a CJK font: Debian's fonts-noto-cjk, installed here where missing (only these
    screenshots need it, so the test setup does not carry it)."""
    import subprocess

    def have() -> bool:
        return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip())

    if not have():
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "fonts-noto-cjk"], check=False)
    if not have():
        print("warning: no Chinese font (apt-get install fonts-noto-cjk): the Chinese text will show as boxes")


def chinese_main() -> int:
    """The same steps as main() with the window in Chinese, up to the purchase orders; the Imports page shows the
    demo shop's own import (the UCI import's problems are core's texts, still English)."""
    import ui.i18n

    ensure_chinese_font()
    app = QApplication(sys.argv[:1])
    configure_application(app)
    GarbageCollector(app)
    settings = QSettings(str(SANDBOX / "settings-zh.ini"), QSettings.Format.IniFormat)
    ui.i18n.set_language(ui.i18n.CHINESE, settings)
    ui.i18n.install_translators(app, settings)
    global LANGUAGE_SUFFIX
    LANGUAGE_SUFFIX = "-zh"
    window = demo_pages(settings, "demo-shop-zh.db")
    window.show_page(window.imports_page)
    wait_until(lambda: window.imports_page.model.rowCount() > 0 and not window.runner.is_running("imports"))
    save(window, "imports.png")
    window.close()
    shutdown_all()
    return 0


if __name__ == "__main__":
    sys.exit(chinese_main() if "--chinese" in sys.argv else main())
