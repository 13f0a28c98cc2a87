"""ui/pages/forecast_page.py and ui/widgets/forecast_chart.py: a forecast made in the background (progress, Cancel), the
products it covers, one product's chart and its explanations, and the owner's overrides."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from core.demand.history import load_history

from core.forecasting.views import latest_run, overrides, product_view
from core.importing import run_import
from core.store.db import open_shop
from core.services import forecast as forecast_service
from ui.widgets.chart_parts import DayAxis, day_seconds, runs_of
from ui.pages.forecast_page import ForecastModel, ForecastPage, run_header, versus_last_week
from ui.jobs import JobRunner
from ui.main_window import LOADING_KINDS

TODAY = dt.date(2025, 6, 1)          # as in conftest: the shops' sales end the day before
REPO = Path(__file__).resolve().parents[3]
MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
PRODUCT_CODE, DESCRIPTION, MODEL, PATTERN, ABC, XYZ, NEXT_7, VERSUS = range(8)


def forecast_runs(path: Path) -> int:
    with open_shop(path, create=False) as shop:
        return shop.scalar("SELECT count(*) FROM forecast_runs")


@pytest.fixture
def forecasted_shop(tmp_path, forecast_demo_template) -> Path:
    """The demo shop with one forecast already stored: the session's quick one (tests/ui/conftest.py)."""
    path = tmp_path / "forecasted.db"
    shutil.copy(forecast_demo_template, path)
    return path


def write_daily_csv(path: Path, *, products: int = 10, days: int = 420, seed: int = 3) -> Path:
    """A till's daily totals: ten products with a weekly rhythm (busy Saturdays, quiet Sundays)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(TODAY - dt.timedelta(days=days), TODAY - dt.timedelta(days=1))
    weekly = np.array([0.8, 0.9, 1.0, 1.0, 1.2, 1.6, 0.5])
    rows = []
    for k in range(products):
        quantities = rng.poisson(rng.uniform(1, 12) * weekly[dates.dayofweek])
        rows += [(day.strftime("%Y-%m-%d"), f"T{k:03d}", f"Tiny product {k}", int(q))
                 for day, q in zip(dates, quantities) if q > 0]
    pd.DataFrame(rows, columns=["Date", "Product code", "Description", "Quantity"]).to_csv(path, index=False)
    return path


@pytest.fixture
def tiny_shop(tmp_path) -> Path:
    """Ten products, imported from a small generated daily CSV through the real importer."""
    path = tmp_path / "tiny.db"
    with open_shop(path) as shop:
        report = run_import(shop, write_daily_csv(tmp_path / "daily.csv"), "sales", today=TODAY)
    assert report.imported > 3000
    return path


def open_forecast_page(qtbot, window, open_in_window, path: Path) -> ForecastPage:
    open_in_window(path)
    page = window.forecast_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    qtbot.waitUntil(lambda: not window.runner.is_running("forecast-load"), timeout=20_000)
    return page


def wait_for_product(qtbot, page: ForecastPage, sku: str) -> None:
    qtbot.waitUntil(lambda: page.product is not None and page.product.view.sku == sku
                    and not page.runner.is_running("forecast-product"), timeout=20_000)


def interesting_products(path: Path) -> dict[str, str]:
    """From the view data: a product with stock-outs, unusual sales and its own promotion in the last year, and
    one without stock-outs."""
    with open_shop(path, create=False) as shop:
        as_of = dt.date.fromisoformat(latest_run(shop)["as_of"])
        history = load_history(shop, as_of=as_of)
        promoted = set(pd.read_sql_query(
            "SELECT p.sku FROM events e JOIN products p ON p.id = e.product_id WHERE e.date > ?", shop.conn,
            params=((as_of - dt.timedelta(days=330)).isoformat(),))["sku"])
    stockouts = history.stockout[:, -365:].sum(axis=1)
    anomalies = history.anomaly[:, -365:].sum(axis=1)
    sold = np.nansum(history.sales[:, -365:], axis=1)
    rich = [sku for i, sku in enumerate(history.skus) if stockouts[i] and anomalies[i] and sku in promoted]
    plain = [sku for i, sku in enumerate(history.skus) if not stockouts[i] and not anomalies[i] and sold[i] > 300]
    return {"rich": rich[0], "plain": plain[0]}


# ---- the table


def test_the_forecast_model_passes_qts_model_checks(qtmodeltester, forecasted_shop):
    rows = forecast_service.load_forecast(forecasted_shop).rows
    assert len(rows) == 300
    model = ForecastModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    model.sort(NEXT_7, Qt.SortOrder.DescendingOrder)
    model.sort(VERSUS, Qt.SortOrder.AscendingOrder)
    model.sort(PATTERN, Qt.SortOrder.AscendingOrder)
    model.set_rows(rows[:12])
    model.set_rows([])


def test_the_table_speaks_plainly_and_sorts_numbers_as_numbers(qtbot, qtmodeltester, window, open_in_window,
                                                               forecasted_shop):
    page = open_forecast_page(qtbot, window, open_in_window, forecasted_shop)
    qtmodeltester.check(page.proxy)
    assert page.model.rowCount() == 300
    assert page.heading.text() == "Forecast: 300 products"
    patterns = {page.model.index(r, PATTERN).data() for r in range(300)}
    assert patterns <= {"smooth", "erratic", "intermittent", "lumpy", "no sales"} and "smooth" in patterns
    assert {page.model.index(r, ABC).data() for r in range(300)} <= {"A", "B", "C"}
    row = page.model.row_at(0)
    versus = page.model.index(0, VERSUS).data()
    assert versus == versus_last_week(row) and ("better" in versus or "worse" in versus or "same" in versus)
    assert "_" not in page.model.index(0, MODEL).data()          # 'moving_average' is shown as '4-week average'
    assert page.model.index(0, MODEL).data(Qt.ItemDataRole.ToolTipRole)
    page.table.sortByColumn(NEXT_7, Qt.SortOrder.DescendingOrder)
    values = [page.model.row_at(r).next_7_days for r in range(300)]
    assert values == sorted(values, key=lambda v: -1 if v is None else v, reverse=True)
    page.search.setText(page.model.row_at(5).name[:12].upper())
    assert 0 < page.proxy.rowCount() < 300
    page.search.clear()
    assert page.proxy.rowCount() == 300


def test_the_header_says_when_where_how_long_and_how_honest_the_range_was():
    run = {"created_at": "2025-06-01T09:05:33", "as_of": "2025-05-24", "device": "cuda", "seconds": 74.4,
           "coverage90": 0.912, "settings": json.dumps({"neural": True})}
    text = run_header(run, last_sale="2025-05-31")
    assert text.startswith("Made 1 Jun 2025 at 09:05 from sales up to 24 May 2025, with the neural model on the "
                           "GPU (CUDA), in 1 min 14 s.")
    assert "91% of days fell inside the likely range (aim: 90%)" in text
    assert "Sales up to 31 May 2025 have come in since" in text
    run.update(device="cpu", seconds=8.2, settings=json.dumps({"neural": False}))
    assert "without the neural model, on the CPU, in 8 seconds." in run_header(run, last_sale="2025-05-24")
    assert "come in since" not in run_header(run, last_sale="2025-05-24")
    run.update(seconds=0.6)
    assert "on the CPU, in 1 second." in run_header(run, last_sale="2025-05-24")
    # a shop of monthly totals is forecast by the statistical and intermittent models: the neural model is not
    # said to have run, whatever the setting
    run.update(period="month", settings=json.dumps({"neural": True}))
    text = run_header(run, last_sale="2025-05-24")
    assert "with the neural model" not in text and "Made 1 Jun 2025 at 09:05 from sales up to 24 May 2025, in 1 " \
        "second. Your sales are monthly totals: forecast month by month. The neural model learns from daily " \
        "sales, so it was not used." in text


def test_a_shop_without_a_forecast_says_how_to_make_one(qtbot, window, open_in_window, demo_shop):
    page = open_forecast_page(qtbot, window, open_in_window, demo_shop)
    assert page.stack.currentWidget() is page.empty
    assert "No forecast yet" in page.empty.text() and "Press Forecast" in page.empty.text()
    assert page.forecast_button.isEnabled()
    assert page.neural.isChecked()                         # the neural model is used unless unticked


# ---- making a forecast


@pytest.mark.slow
def test_a_forecast_runs_in_the_background_with_progress_and_shows_its_result(qtbot, window, open_in_window,
                                                                              demo_shop):
    page = open_forecast_page(qtbot, window, open_in_window, demo_shop)
    page.neural.setChecked(False)
    texts = []
    page.forecast_button.click()
    job = window.runner.job("forecast-run")
    assert job is not None and job.running
    job.progressed.connect(lambda fraction, text: texts.append((fraction, text)))
    assert page.progress.isVisible() and page.progress.cancel_button.isVisible()
    assert not page.forecast_button.isEnabled()            # one forecast at a time
    qtbot.waitUntil(lambda: any(text.startswith("Backtesting") for _, text in texts), timeout=60_000)
    qtbot.waitUntil(lambda: not job.running, timeout=180_000)
    assert job.outcome == "done"
    assert not page.progress.isVisible()
    assert forecast_runs(demo_shop) == 1
    assert page.model.rowCount() == 300
    assert page.stack.currentWidget() is page.splitter
    header = page.header.text()
    assert "without the neural model, on the CPU" in header
    assert "fell inside the likely range" in header
    assert page.forecast_button.isEnabled()
    qtbot.waitUntil(lambda: page.product is not None, timeout=20_000)   # the first product is shown at once
    assert page.chart.mean_curve is not None


def test_cancel_right_after_start_stores_no_forecast(qtbot, window, open_in_window, demo_shop):
    page = open_forecast_page(qtbot, window, open_in_window, demo_shop)
    page.neural.setChecked(False)
    page.forecast_button.click()
    job = window.runner.job("forecast-run")
    page.progress.cancel_button.click()
    assert page.progress.label.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert job.outcome == "cancelled"
    assert forecast_runs(demo_shop) == 0
    assert page.progress.label.text() == "Cancelled — nothing was changed"
    assert page.stack.currentWidget() is page.empty and page.model.rowCount() == 0
    assert page.forecast_button.isEnabled()


@pytest.mark.slow
def test_the_neural_model_forecasts_a_small_imported_shop(qtbot, window, open_in_window, tiny_shop):
    page = open_forecast_page(qtbot, window, open_in_window, tiny_shop)
    assert page.neural.isChecked()
    texts = []
    page.forecast_button.click()
    job = window.runner.job("forecast-run")
    job.progressed.connect(lambda fraction, text: texts.append(text))
    qtbot.waitUntil(lambda: not job.running, timeout=300_000)
    assert job.outcome == "done"
    assert any(text.startswith("Neural model on ") for text in texts)     # the network was trained
    with open_shop(tiny_shop, create=False) as shop:
        run = latest_run(shop)
    assert json.loads(run["settings"])["neural"] is True
    device = {"cuda": "GPU (CUDA)", "mps": "GPU (Apple)", "cpu": "CPU"}[run["device"]]
    assert f"with the neural model on the {device}" in page.header.text()
    assert window.neural_label.text() == f"Neural model: {device}"      # the status bar learns it from the run
    assert page.model.rowCount() == 10
    assert any("Neural" in page.model.index(r, MODEL).data() for r in range(10))
    qtbot.waitUntil(lambda: page.product is not None, timeout=20_000)
    assert len(page.chart.mean_curve.getData()[0]) == 28


# ---- one product


def test_a_product_is_drawn_with_its_forecast_and_what_explains_its_past(qtbot, window, open_in_window,
                                                                         forecasted_shop):
    skus = interesting_products(forecasted_shop)
    page = open_forecast_page(qtbot, window, open_in_window, forecasted_shop)
    assert page.select_sku(skus["rich"])
    wait_for_product(qtbot, page, skus["rich"])
    with open_shop(forecasted_shop, create=False) as shop:
        view = product_view(shop, skus["rich"])
    chart = page.chart
    items = chart.plot.items
    assert chart.band in items and chart.mean_curve in items and chart.p80_curve in items
    x, mean = chart.mean_curve.getData()
    assert len(x) == 28 and np.allclose(mean, view.forecast["mean"])
    assert list(x) == list(day_seconds(view.forecast.index).astype(float))
    assert len(chart.sales_curve.getData()[0]) == len(view.history) == 365
    assert len(chart.stockout_regions) == len(runs_of(view.history["stockout"].to_numpy()))
    assert all(region in items for region in chart.stockout_regions)
    assert len(chart.anomaly_points.data) == int(view.history["anomaly"].sum())
    assert np.allclose(chart.anomaly_points.data["y"], view.history.loc[view.history["anomaly"], "demand"])
    colours = {line.pen.color().name() for line in chart.event_lines}
    assert len(colours) == 2                         # holidays and this product's promotion tell apart
    assert len(chart.event_lines) >= 5
    legend = [label.text for _, label in chart.legend.items]
    for entry in ("Sold each day", "Forecast (average a day)", "Likely range (9 days in 10)", "Out of stock",
                  "Unusual sale, counted as this", "Promotion of this product", "Holiday or event"):
        assert entry in legend
    assert page.accuracy.text() == view.accuracy_text and view.accuracy_text.startswith("Over the last")
    facts = page.facts.text()
    assert "<b>Model:</b>" in facts and "<b>Demand:</b>" in facts and f"Class {view.abc}:" in facts
    assert page.override_button.isEnabled()
    first = view.forecast.index[0]
    assert chart.describe(first.date()).startswith(first.strftime("%a ") + str(first.day))
    assert "forecast " in chart.describe(first.date())

    page.select_sku(skus["plain"])
    wait_for_product(qtbot, page, skus["plain"])
    assert chart.stockout_regions == [] and chart.anomaly_points is None
    assert "Out of stock" not in [label.text for _, label in chart.legend.items]


def test_the_view_buttons_show_a_year_or_the_last_three_months(qtbot, window, open_in_window, forecasted_shop):
    page = open_forecast_page(qtbot, window, open_in_window, forecasted_shop)
    qtbot.waitUntil(lambda: page.product is not None, timeout=20_000)
    chart = page.chart
    (left, right), _ = chart.plot.getViewBox().viewRange()
    assert 390 <= (right - left) / 86_400 <= 396
    chart.span_buttons.button(91).click()
    (left, right), _ = chart.plot.getViewBox().viewRange()
    assert 118 <= (right - left) / 86_400 <= 122
    axis = chart.axis
    assert isinstance(axis, DayAxis)
    spacing, ticks = axis.tickValues(left, right, 1200)[0]          # room for every week: Mondays, '3 Mar'
    assert spacing == 7 * 86_400 and all(pd.Timestamp(t, unit="s").dayofweek == 0 for t in ticks)
    day, month = axis.tickStrings(ticks[:1], 1, spacing)[0].split()
    assert 1 <= int(day) <= 31 and month in MONTHS
    spacing, ticks = axis.tickValues(left, right, 800)[0]           # less room: every other Monday
    assert spacing == 14 * 86_400 and len(ticks) in (8, 9)
    spacing, ticks = axis.tickValues(left - 300 * 86_400, right, 600)[0]     # a year: months, none crowded
    assert all(pd.Timestamp(t, unit="s").day == 1 for t in ticks)
    assert all(label.split()[0] in MONTHS for label in axis.tickStrings(ticks, 1, spacing))


@pytest.mark.slow
def test_an_override_added_through_the_dialog_is_stored_and_drawn_then_removed(qtbot, window, open_in_window,
                                                                               forecasted_shop, monkeypatch):
    page = open_forecast_page(qtbot, window, open_in_window, forecasted_shop)
    qtbot.waitUntil(lambda: page.product is not None, timeout=20_000)
    sku = page.product.view.sku
    first_day = page.product.view.forecast.index[0].date()
    page.override_button.click()
    dialog = page.override_dialog
    assert dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "note" in dialog.problem.text()          # a note is required
    dialog.start.setDate(QDate(first_day + dt.timedelta(days=2)))
    dialog.end.setDate(QDate(first_day))
    dialog.note.setText("Summer fair on the green")
    assert not ok.isEnabled() and "before" in dialog.problem.text()
    dialog.end.setDate(QDate(first_day + dt.timedelta(days=4)))
    dialog.quantity.setValue(42)
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: page.overrides.count() == 1, timeout=20_000)
    with open_shop(forecasted_shop, create=False) as shop:
        stored = overrides(shop, sku)
    assert [(o.start, o.end, o.qty_per_day, o.note) for o in stored] == [
        ((first_day + dt.timedelta(days=2)).isoformat(), (first_day + dt.timedelta(days=4)).isoformat(), 42.0,
         "Summer fair on the green")]
    x, y = page.chart.override_points.getData()
    assert len(x) == 3 and list(y) == [42.0] * 3
    assert page.chart.override_points in page.chart.plot.items
    assert page.overrides.item(0).text().endswith(": 42 a day — Summer fair on the green")

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    page.overrides.setCurrentRow(0)
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    qtbot.waitUntil(lambda: page.overrides.count() == 0, timeout=20_000)
    assert page.chart.override_points is None
    with open_shop(forecasted_shop, create=False) as shop:
        assert overrides(shop, sku) == []


def test_a_quick_run_down_the_table_reads_only_the_product_it_stops_on(qtbot, forecasted_shop):
    page = ForecastPage(JobRunner())
    qtbot.addWidget(page)
    page.show()
    page.set_shop(forecasted_shop)
    qtbot.waitUntil(lambda: page.product is not None, timeout=20_000)
    started = []
    original = page.runner.start

    def counting_start(kind, fn, **kwargs):
        started.append(kind)
        return original(kind, fn, **kwargs)

    page.runner.start = counting_start
    for row in range(1, 8):
        page.table.selectRow(row)
    sku = page.selected_sku()
    wait_for_product(qtbot, page, sku)
    assert started.count("forecast-product") == 1


# ---- the neural model's device and torch


@pytest.mark.slow
def test_the_window_opens_without_importing_torch_then_finds_the_device_in_the_background(tmp_path,
                                                                                          shop_with_sales):
    """In a fresh interpreter (this one may have torch already): torch is not loaded when the window is up and has
    read its shop (its Forecast page included); a moment later the status bar learns where the neural model runs.
    The check is put off a few seconds here, so that a slow machine cannot start it before the first look."""
    script = textwrap.dedent(f"""
        import sys, time
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        import ui.app
        from ui.app import configure_application, start_window
        ui.app.DEVICE_CHECK_DELAY_MS = 5000
        configure_application(app)
        settings = QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)
        window = start_window({str(shop_with_sales)!r}, settings)
        deadline = time.monotonic() + 60
        def pump(condition):
            while not condition():
                assert time.monotonic() < deadline, "timed out"
                QCoreApplication.processEvents()
                time.sleep(0.01)
        pump(lambda: window.shop_path is not None and not window.runner.is_running("forecast-load")
             and not window.runner.is_running("products") and window.forecast_page.data is not None)
        print("torch after the window opened:", "torch" in sys.modules, "device check started:",
              window.runner.job("device") is not None)
        deadline = time.monotonic() + 60
        pump(lambda: window.neural_label.isVisible())
        print("status bar:", window.neural_label.text())
        print("torch after the device check:", "torch" in sys.modules)
        print("lightgbm or dask loaded:", any(m in sys.modules for m in ("lightgbm", "dask")))
        window.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "torch after the window opened: False device check started: False" in lines
    assert any(line in ("status bar: Neural model: CPU", "status bar: Neural model: GPU (CUDA)",
                        "status bar: Neural model: GPU (Apple)") for line in lines), lines
    assert "torch after the device check: False" in lines       # read from how torch was built, not imported
    assert "lightgbm or dask loaded: False" in lines        # the boosted model's library loads with a forecast only


def test_the_device_check_waits_for_the_shop_to_load_then_shows_in_the_status_bar(qtbot, window, demo_shop):
    window.open_shop(demo_shop)
    window.detect_neural_device()
    assert window.runner.job("device") is None            # put off while the shop's pages load
    qtbot.waitUntil(lambda: window.neural_label.isVisible(), timeout=60_000)
    assert window.shop_path == demo_shop
    assert window.neural_label.text() in ("Neural model: CPU", "Neural model: GPU (CUDA)", "Neural model: GPU (Apple)")


def test_no_device_check_starts_once_the_app_is_asked_to_quit(qtbot, window, demo_shop):
    """A quit signal (or the window closing) while the pages still load: the device check, put off until they
    have, must not start then (it imports torch, which cannot be cancelled, and held a quit up for 3 s)."""
    app = QApplication.instance()
    window.open_shop(demo_shop)
    window.detect_neural_device()                         # put off: retried every half second
    app.setProperty("closing", True)                      # as ui.app's signal handler does
    try:
        qtbot.waitUntil(lambda: not any(window.runner.is_running(kind) for kind in LOADING_KINDS), timeout=60_000)
        qtbot.wait(700)                                   # the retry has come and gone
        assert window.runner.job("device") is None and window.neural_device is None
    finally:
        app.setProperty("closing", False)
    window.detect_neural_device()
    assert window.runner.job("device") is not None        # without a quit asked it starts
    window.runner.job("device").wait()


def test_a_shop_of_monthly_totals_is_shown_month_by_month(qtbot, window, open_in_window, tmp_path):
    from tests.forecasting.test_period_forecast import _monthly_sheet

    _monthly_sheet(tmp_path / "parts.csv")
    path = tmp_path / "monthly.db"
    with open_shop(path) as shop:
        run_import(shop, tmp_path / "parts.csv", "sales", today=dt.date(2025, 1, 15))
    forecast_service.forecast_to_file(path)
    page = open_forecast_page(qtbot, window, open_in_window, path)
    qtbot.waitUntil(lambda: page.model.rowCount() == 20, timeout=20_000)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers[NEXT_7] == "Next month" and headers[VERSUS] == "Off by, a month"
    assert "Your sales are monthly totals: forecast month by month." in page.header.text()
    assert page.select_sku("STEADY")
    wait_for_product(qtbot, page, "STEADY")
    chart = page.chart
    x, mean = chart.mean_curve.getData()
    assert len(x) == 6 and 7 <= mean[0] <= 13                      # six months, each its month's total
    assert len(chart.sales_curve.getData()[0]) == 24                # one point per month of history
    legend = [label.text for _, label in chart.legend.items]
    assert "Sold each month" in legend and "Forecast (average a month)" in legend
    assert chart.describe(dt.date(2025, 2, 14)).startswith("Sat 1 Feb")       # the month that holds the day
    assert chart.plot.getAxis("left").labelText == "Units a month"
    # the models in months: 'naive' repeats last month, the average is of three months, not of days and weeks
    from ui.pages.forecast_page import model_sentence, model_short

    assert model_short("naive 60% + moving_average 40%", "month") == "Last month + 3-month average"
    assert "last month's sales (60%)" in model_sentence("naive 60% + moving_average 40%", "month")
    assert "day" not in page.facts.text() and "week" not in page.facts.text()
    assert page.accuracy.text().startswith("Tested on the last months before the forecast")


def _closed_shop(tmp_path: Path, dates: pd.DatetimeIndex, shut: np.ndarray, *, today: dt.date, prefix: str,
                 products: int, rate: tuple[float, float], seed: int, horizon: int, sku: str,
                 events: list[tuple[str, str, str, str]] = ()):
    """A till export of `products` products selling Poisson(uniform(*rate)) a day and nothing on the `shut` days,
    imported into a new shop (with an events sheet of (start, end, event, type) where given), forecast with the
    statistical models only and planned: (the view of `sku`, the run, the plan)."""
    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop

    rng = np.random.default_rng(seed)
    rows = []
    for k in range(products):
        quantities = np.where(shut, 0, rng.poisson(rng.uniform(*rate), len(dates)))
        rows += [(day.strftime("%Y-%m-%d"), f"{prefix}{k:03d}", f"Product {k}", int(q))
                 for day, q in zip(dates, quantities) if q > 0]
    csv = tmp_path / "till.csv"
    pd.DataFrame(rows, columns=["Date", "Product code", "Description", "Quantity"]).to_csv(csv, index=False)
    with open_shop(tmp_path / "closed.db") as shop:
        run_import(shop, csv, "sales", today=today)
        if events:
            sheet = tmp_path / "events.csv"
            pd.DataFrame(events, columns=["Start date", "End date", "Event", "Type"]).to_csv(sheet, index=False)
            run_import(shop, sheet, "events", today=today)
        forecast_shop(shop, horizon=horizon, settings=ForecastSettings(neural=False, boosted=False,
                                                                       statistical_max_products=0))
        return product_view(shop, sku), latest_run(shop), plan_shop(shop)


def test_the_days_the_shop_was_closed_are_shaded_named_and_forecast_as_nothing(qtbot, tmp_path):
    """A till export of a shop shut on Sundays and for a Christmas week: the chart shades those days as the shop
    closed (not as days without demand), the read-out says so, and the forecast sells nothing on Sundays."""
    from ui.widgets.forecast_chart import ForecastChart

    dates = pd.date_range(TODAY - dt.timedelta(days=200), TODAY - dt.timedelta(days=1))
    christmas = (dates >= pd.Timestamp(TODAY - dt.timedelta(days=90))) & \
        (dates < pd.Timestamp(TODAY - dt.timedelta(days=83)))
    shut = (dates.dayofweek == 6) | christmas
    view, run, plan = _closed_shop(tmp_path, dates, shut, today=TODAY, prefix="C", products=15, rate=(2, 8), seed=8,
                                   horizon=14, sku="C003")
    explanation = plan.lines.set_index("sku").at["C003", "explanation"]
    assert "The shop is closed every Sunday: nothing is expected on those days." in explanation
    assert explanation.index("Expected demand over the next") < explanation.index("The shop is closed every Sunday")
    shown = shut[dates >= view.history.index[0]]          # the history starts on the first day with a sale
    header = run_header(run, None)
    assert f"Your shop was closed on {int(shown.sum())} days (no product sold)" in header
    assert "It is closed every Sunday: the forecast sells nothing on them." in header
    assert view.history["closed"].to_numpy().tolist() == shown.tolist()
    sundays = view.forecast.index.dayofweek == 6
    assert sundays.sum() == 2 and (view.forecast.loc[sundays, "mean"] == 0).all()
    assert (view.forecast.loc[~sundays, "mean"] > 0).all()
    chart = ForecastChart()
    qtbot.addWidget(chart)
    chart.show_view(view)
    assert len(chart.closed_regions) == len(runs_of(np.concatenate([shown, sundays])))     # and Sundays ahead
    assert all(region in chart.plot.items for region in chart.closed_regions)
    assert "Shop closed" in [label.text for _, label in chart.legend.items]
    sunday = dates[dates.dayofweek == 6][-1].date()
    assert "the shop was closed" in chart.describe(sunday)
    assert "the shop was closed" not in chart.describe(sunday - dt.timedelta(days=1))


def test_a_holiday_shutdown_seen_last_year_is_forecast_as_nothing_shaded_ahead_and_explained(qtbot, tmp_path):
    """A till export of a year and more of a shop shut on Sundays, over Easter and from 24 December to 2 January:
    a forecast made mid-December sells nothing on the shutdown's dates this year (and on Sundays), not on Easter's
    (it moves); the header and each product's plan say so, and the chart shades those days ahead."""
    from ui.widgets.forecast_chart import ForecastChart

    today = dt.date(2025, 12, 15)
    dates = pd.date_range("2024-11-04", today - dt.timedelta(days=1))
    shutdown = (dates >= pd.Timestamp("2024-12-24")) & (dates <= pd.Timestamp("2025-01-02"))
    easter = (dates >= pd.Timestamp("2025-04-18")) & (dates <= pd.Timestamp("2025-04-21"))
    shut = (dates.dayofweek == 6) | shutdown | easter
    view, run, plan = _closed_shop(tmp_path, dates, shut, today=today, prefix="G", products=15, rate=(2, 8), seed=9,
                                   horizon=28, sku="G004")
    ahead = view.forecast.index
    closing = (ahead >= pd.Timestamp("2025-12-24")) & (ahead <= pd.Timestamp("2026-01-02"))
    off = closing | (ahead.dayofweek == 6)
    assert (view.forecast.loc[off, "mean"] == 0).all() and (view.forecast.loc[off, "p95"] == 0).all()
    assert (view.forecast.loc[~off, "mean"] > 0).all()
    assert view.forecast["closed"].to_numpy().tolist() == off.tolist()
    assert json.loads(run["settings"])["closed"]["dates"] == [["2025-12-24", "2026-01-02"]]
    header = run_header(run, None)
    assert "It is closed every Sunday: the forecast sells nothing on them." in header
    assert "It will be closed from " in header and "as it was on those dates a year before" in header
    explanation = plan.lines.set_index("sku").at["G004", "explanation"]
    assert ("The shop is closed from 2025-12-24 to 2026-01-02, as it was on those dates a year before: nothing is "
            "expected on those days.") in explanation
    assert explanation.index("Expected demand over the next") < explanation.index("The shop is closed from")
    chart = ForecastChart()
    qtbot.addWidget(chart)
    chart.show_view(view)
    future = [region for region in chart.closed_regions
              if region.getRegion()[0] > float(day_seconds(ahead[:1])[0]) - 86_400]
    assert len(future) == len(runs_of(off))
    assert "the shop will be closed" in chart.describe(dt.date(2025, 12, 29))
    assert "the shop will be closed" not in chart.describe(dt.date(2025, 12, 22))


def test_closures_the_owner_gives_in_an_events_sheet_are_forecast_as_nothing_and_explained(qtbot, tmp_path):
    """A small shop (its quiet days cannot be told from closures) imports an events sheet: closed over Easter
    ahead (a moving holiday no rule foresees) and for a week in the past, and a fair (an event, not a closure).
    The forecast sells nothing over Easter, the past week's demand is unknown (not zero), the header and each
    product's plan say why, and the chart shades Easter ahead."""
    from ui.widgets.forecast_chart import ForecastChart

    today = dt.date(2026, 3, 25)
    dates = pd.date_range("2025-10-01", today - dt.timedelta(days=1))
    away = (dates >= pd.Timestamp("2026-01-12")) & (dates <= pd.Timestamp("2026-01-18"))
    view, run, plan = _closed_shop(tmp_path, dates, away, today=today, prefix="S", products=3, rate=(1.5, 1.5),
                                   seed=10, horizon=28, sku="S001",
                                   events=[("2026-04-03", "2026-04-06", "Easter", "Closed"),
                                           ("2026-01-12", "2026-01-18", "Owner's holiday", "shop closed"),
                                           ("2026-04-10", "2026-04-11", "Town fair", "event")])
    easter = (view.forecast.index >= pd.Timestamp("2026-04-03")) & (view.forecast.index <= pd.Timestamp("2026-04-06"))
    assert (view.forecast.loc[easter, "mean"] == 0).all() and (view.forecast.loc[~easter, "mean"] > 0).all()
    assert view.forecast["closed"].to_numpy().tolist() == easter.tolist()
    week = (view.history.index >= pd.Timestamp("2026-01-12")) & (view.history.index <= pd.Timestamp("2026-01-18"))
    assert view.history.loc[week, "closed"].all() and view.history.loc[week, "demand"].isna().all()
    assert not view.history.loc[~week, "closed"].any()
    assert json.loads(run["settings"])["closed"]["declared"] == [["2026-04-03", "2026-04-06", "Easter"]]
    header = run_header(run, None)
    assert "Your shop was closed on 7 days" in header
    assert "You said it is closed from " in header and "(Easter): the forecast sells nothing on those days." in header
    explanation = plan.lines.set_index("sku").at["S001", "explanation"]
    assert ("The shop is closed from 2026-04-03 to 2026-04-06 (Easter), as you said: nothing is expected on those "
            "days.") in explanation
    chart = ForecastChart()
    qtbot.addWidget(chart)
    chart.show_view(view)
    assert len(chart.closed_regions) == 2                      # the week past, Easter ahead
    assert "the shop will be closed" in chart.describe(dt.date(2026, 4, 5))


def test_a_product_s_chart_reads_its_own_sales_only_and_shows_what_the_whole_shop_s_history_shows(
        forecast_demo_template, tmp_path, monkeypatch):
    """The Forecast page's chart of one product: its history from its own sales lines and stock counts and the
    shop's days the forecast run kept, the same to the last flag as the whole shop's history makes its row (every
    demo product: stock-outs from counts and inferred, spikes, the first sale); without reading every product's
    sales. Sales imported since that start earlier than the run's history: the whole history is read again."""
    import core.forecasting.views as views
    from core.demand.history import load_product_history

    path = tmp_path / "demo.db"
    shutil.copy(forecast_demo_template, path)
    with open_shop(path, create=False) as shop:
        run = latest_run(shop)
        stored = json.loads(run["settings"])["shop_days"]
        history = load_history(shop, as_of=dt.date.fromisoformat(run["as_of"]))
        assert stored == history.shop_days() and history.stockout.any() and history.anomaly.any()
        for sku in history.skus:
            whole, own = history.series(sku), load_product_history(shop, sku, stored).series(sku)
            pd.testing.assert_frame_equal(own, whole, check_freq=False)
        monkeypatch.setattr(views, "load_history", lambda *a, **k: pytest.fail("read every product's sales"))
        view = product_view(shop, history.skus[0])
        pd.testing.assert_frame_equal(view.history, history.series(history.skus[0]).iloc[-365:], check_freq=False)
        monkeypatch.undo()
        older = tmp_path / "older.csv"
        older.write_text(f"Date,Product code,Quantity\n{(history.days[0] - pd.Timedelta(days=30)).date()},"
                         f"{history.skus[0]},2\n", encoding="utf-8")
        run_import(shop, older, "sales", today=TODAY)
        assert load_product_history(shop, history.skus[0], stored) is None        # the run's days no longer fit
        assert product_view(shop, history.skus[0]).history.index[-1] == history.days[-1]
