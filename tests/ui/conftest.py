"""Fixtures for the window's tests: offscreen Qt, settings and app data in temporary folders, small shop
files built with the real importer, and no background job left running after a test."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings and QStandardPaths must never read or write the tester's own ShelfWise files.
_SANDBOX = Path(tempfile.mkdtemp(prefix="shelfwise-ui-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402

from core.demo import build_demo_shop  # noqa: E402
from core.importing import run_import  # noqa: E402
from core.store.db import open_shop  # noqa: E402
from ui import jobs  # noqa: E402

HERE = Path(__file__).parent
TODAY = dt.date(2025, 6, 1)
# The offscreen platform says this once per top-level window; it is not a problem of the app.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(config, items):
    """Qt warnings fail the window's tests (whatever the project's ini says), except offscreen noise."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def app_names(qapp):
    from ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def garbage_as_in_the_app(request):
    """Python's cyclic garbage collection as the running app has it (ui.garbage, installed by ui.app.run_gui): on
    the GUI thread, between jobs, never inside a paint or a job. Left automatic, a collection starts at whatever
    allocation crosses the threshold: seen once in the whole suite, a segfault when one started on the GUI thread
    inside pyqtgraph's paint while two jobs read the shop (the forecast page's override test, 2026-12-07), which
    the app itself cannot meet. Tests that set the collector up themselves say so (own_garbage_collector)."""
    if request.node.get_closest_marker("own_garbage_collector"):
        yield None
        return
    from ui.garbage import GarbageCollector

    collector = GarbageCollector()
    yield collector
    collector.uninstall()


@pytest.fixture(autouse=True)
def no_job_left_running():
    """Every test ends with its background threads finished (a running QThread must never be destroyed), and with
    the widgets it closed deleted now rather than in the next test's event loop (where freeing a window's cached
    plans and rows would upset what that test measures, such as the garbage collector's counts)."""
    yield
    assert jobs.shutdown_all(timeout_ms=60_000), "a background job did not stop"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


SALES_HEADER = "Invoice,Item,Description,Qty,When,Price,Country\n"
SALES_ROWS = [
    ("1001", "85123A", "WHITE HANGING HEART", "6", "2025-05-02", "2.55", "United Kingdom"),
    ("1001", "71053", "WHITE METAL LANTERN", "6", "2025-05-02", "3.39", "United Kingdom"),
    ("1002", "84406B", "CREAM CUPID HEARTS COAT HANGER", "8", "2025-05-03", "2.75", "France"),
    ("1003", "85123A", "WHITE HANGING HEART", "2", "2025-05-10", "2.55", "United Kingdom"),
    ("1004", "22752", "SET 7 BABUSHKA NESTING BOXES", "two", "2025-05-11", "7.65", "United Kingdom"),
    ("1005", "POST", "POSTAGE", "1", "2025-05-12", "18.00", "Germany"),
    ("C1006", "71053", "WHITE METAL LANTERN", "-1", "2025-05-13", "3.39", "United Kingdom"),
]


def write_sales_csv(path: Path, rows=SALES_ROWS, header: str = SALES_HEADER) -> Path:
    """A small till export whose date column ('When') ShelfWise cannot guess from its name."""
    path.write_text(header + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def make_sales_csv():
    return write_sales_csv


@pytest.fixture
def sales_csv(tmp_path) -> Path:
    return write_sales_csv(tmp_path / "till-export.csv")


@pytest.fixture
def empty_shop(tmp_path) -> Path:
    path = tmp_path / "shop.db"
    open_shop(path).close()
    return path


@pytest.fixture
def shop_with_sales(tmp_path, sales_csv) -> Path:
    """A shop with one sales import already in it (through the real importer)."""
    path = tmp_path / "shop.db"
    with open_shop(path) as shop:
        run_import(shop, sales_csv, "sales", overrides={"When": "date"}, today=TODAY)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return build_demo_shop(tmp_path_factory.mktemp("demo") / "demo.db", seed=7, today=TODAY)


@pytest.fixture
def demo_shop(tmp_path, demo_template) -> Path:
    """A private copy of the demo shop (300 products, two years of sales)."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture(scope="session")
def forecast_demo_template(tmp_path_factory, demo_template) -> Path:
    """The demo shop with one quick forecast stored (no neural model, no ETS/ARIMA: a few seconds), made once for
    the session: enough to plan orders and raise alerts from."""
    from core.forecasting import ForecastSettings, forecast_shop

    path = tmp_path_factory.mktemp("planned") / "forecast-demo.db"
    shutil.copy(demo_template, path)
    with open_shop(path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0, seed=7))
    return path


@pytest.fixture
def forecast_demo(tmp_path, forecast_demo_template) -> Path:
    """A private copy of the demo shop with its forecast (to plan orders from)."""
    path = tmp_path / "forecast-demo.db"
    shutil.copy(forecast_demo_template, path)
    return path


@pytest.fixture
def window(qtbot, settings):
    from ui.main_window import MainWindow

    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


@pytest.fixture
def open_in_window(qtbot, window):
    """Open a shop in the window and wait until its pages have read it."""

    def open_and_wait(path: Path):
        window.open_shop(path)
        qtbot.waitUntil(lambda: window.shop_path == path, timeout=10_000)
        qtbot.waitUntil(lambda: not any(window.runner.is_running(k) for k in ("products", "imports", "open")),
                        timeout=20_000)
        return window

    return open_and_wait
