"""The shop-wide forecast: stored, reproducible, and blind to anything after its as-of day."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.forecasting import ForecastSettings, forecast_shop
from core.importing import run_import
from core.store import open_shop

REPO = Path(__file__).resolve().parents[2]
START = dt.date(2024, 1, 1)
DAYS = 240
AS_OF = START + dt.timedelta(days=DAYS - 1)


def _write_sales(path: Path, days: int = DAYS, seed: int = 5, start: dt.date = START) -> Path:
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(12):
        rate = [0.2, 1.0, 4.0, 12.0][p % 4]
        weekly = 1 + 0.5 * (np.arange(days) % 7 >= 5)
        qty = rng.poisson(rate * weekly)
        for d in np.flatnonzero(qty):
            rows.append((f"SKU{p:02d}", (start + dt.timedelta(days=int(d))).isoformat(), int(qty[d])))
    pd.DataFrame(rows, columns=["sku", "date", "qty"]).to_csv(path, index=False)
    return path


@pytest.fixture
def small_shop(tmp_path):
    db = tmp_path / "small.db"
    with open_shop(db) as shop:
        run_import(shop, _write_sales(tmp_path / "sales.csv"), "sales", today=dt.date(2030, 1, 1))
    return db


QUICK = dict(statistical_max_products=3, seed=11)


def test_forecast_covers_every_product_and_day_with_ordered_quantiles(small_shop):
    with open_shop(small_shop) as shop:
        result = forecast_shop(shop, horizon=14, settings=ForecastSettings(neural=False, **QUICK))
        stored = shop.scalar("SELECT count(*) FROM forecast_daily")
        products = shop.scalar("SELECT count(*) FROM forecast_products")
    daily = result.daily()
    assert list(daily.columns) == ["sku", "date", "mean", "p05", "p50", "p80", "p90", "p95", "p99", "model"]
    assert len(daily) == 12 * 14 == stored and products == 12
    assert daily["date"].min() == (AS_OF + dt.timedelta(days=1)).isoformat()
    levels = daily[["p05", "p50", "p80", "p90", "p95", "p99"]].to_numpy()
    assert np.all(np.diff(levels, axis=1) >= 0)
    busy = daily[daily["sku"] == "SKU03"]["mean"].mean()
    slow = daily[daily["sku"] == "SKU00"]["mean"].mean()
    assert 8 < busy < 20 and slow < 1  # the fast seller ~12 a day (more at weekends), the slow one ~0.2


def test_the_same_seed_gives_the_same_forecast_with_the_neural_model(small_shop):
    with open_shop(small_shop) as shop:
        first = forecast_shop(shop, horizon=14, settings=ForecastSettings(neural=True, **QUICK), store=False)
        second = forecast_shop(shop, horizon=14, settings=ForecastSettings(neural=True, **QUICK), store=False)
    assert "neural" in first.choice.models
    np.testing.assert_array_equal(first.mean, second.mean)


def test_nothing_after_the_as_of_day_leaks_into_the_forecast(tmp_path, small_shop):
    as_of = AS_OF - dt.timedelta(days=40)
    with open_shop(small_shop) as shop:
        before = forecast_shop(shop, horizon=14, as_of=as_of, settings=ForecastSettings(neural=True, **QUICK),
                               store=False)
    # The same shop, plus wild sales, stock counts and prices dated after the as-of day.
    later = tmp_path / "later.csv"
    rows = [(f"SKU{p:02d}", (as_of + dt.timedelta(days=d)).isoformat(), 500) for p in range(12) for d in range(1, 30)]
    pd.DataFrame(rows, columns=["sku", "date", "qty"]).to_csv(later, index=False)
    stock = tmp_path / "stock.csv"
    pd.DataFrame([(f"SKU{p:02d}", (as_of + dt.timedelta(days=3)).isoformat(), 0) for p in range(12)],
                 columns=["sku", "date", "on hand"]).to_csv(stock, index=False)
    prices = tmp_path / "prices.csv"
    pd.DataFrame([(f"SKU{p:02d}", (as_of + dt.timedelta(days=2)).isoformat(), 0.01) for p in range(12)],
                 columns=["sku", "date", "price"]).to_csv(prices, index=False)
    with open_shop(small_shop) as shop:
        for path, kind in ((later, "sales"), (stock, "stock"), (prices, "prices")):
            run_import(shop, path, kind, today=dt.date(2030, 1, 1))
        after = forecast_shop(shop, horizon=14, as_of=as_of, settings=ForecastSettings(neural=True, **QUICK),
                              store=False)
        latest = forecast_shop(shop, horizon=14, settings=ForecastSettings(neural=False, **QUICK), store=False)
    np.testing.assert_array_equal(before.mean, after.mean)
    assert str(before.days[0].date()) == (as_of + dt.timedelta(days=1)).isoformat()
    assert latest.mean.mean() > 2 * after.mean.mean()  # the later sales do count when the as-of day allows


def test_the_forecast_command_writes_the_documented_columns(tmp_path, small_shop):
    out = tmp_path / "forecasts.csv"
    closing = (AS_OF + dt.timedelta(days=3)).isoformat(), (AS_OF + dt.timedelta(days=4)).isoformat()
    events = tmp_path / "events.csv"
    pd.DataFrame([(*closing, "Stocktake", "Closed")], columns=["Date", "End date", "Event", "Type"]).to_csv(events,
                                                                                                          index=False)
    with open_shop(small_shop, create=False) as shop:
        run_import(shop, events, "events", today=dt.date(2030, 1, 1))
    done = subprocess.run([sys.executable, "main.py", "forecast", "--db", str(small_shop), "--horizon", "7",
                           "--out", str(out), "--no-neural"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(out, dtype={"sku": str})
    assert list(frame.columns) == ["sku", "date", "mean", "p05", "p50", "p80", "p90", "p95", "p99", "model"]
    assert len(frame) == 12 * 7
    assert "90% intervals held" in done.stdout
    shut = frame["date"].between(*closing)
    assert shut.sum() == 12 * 2 and (frame.loc[shut, "mean"] == 0).all() and (frame.loc[~shut, "mean"] > 0).any()
    assert f"closed: {closing[0]}..{closing[1]} (Stocktake, as the shop says): forecast as nothing" in done.stdout


def test_the_forecast_command_refuses_a_shop_without_sales(tmp_path):
    empty = tmp_path / "empty.db"
    open_shop(empty).close()
    done = subprocess.run([sys.executable, "main.py", "forecast", "--db", str(empty)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no sales" in done.stderr.lower()


def test_the_device_is_read_without_importing_torch_and_agrees_with_torch(tmp_path, monkeypatch):
    """probe_device (the window's status bar) says what torch will say (device_name), without the import that
    takes seconds; a GPU build of torch counts only with a device the driver sees; no torch at all: ''."""
    import importlib.util
    from types import SimpleNamespace

    import core.forecasting.neural as neural

    code = ("import sys; from core.forecasting.neural import probe_device; d = probe_device(); "
            "print(d, 'torch' in sys.modules); from core.forecasting.neural import device_name; print(device_name())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2]).stdout.split()
    assert out == [out[2], "False", out[2]] and out[2] in ("cpu", "cuda", "mps")
    # a CUDA build of torch, with and without a device the driver sees
    fake = tmp_path / "torch"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "version.py").write_text("from typing import Optional\ncuda: Optional[str] = '12.4'\nhip = None\n")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: SimpleNamespace(origin=str(fake / "__init__.py")))
    monkeypatch.setattr(neural, "_cuda_devices", lambda: 1)
    assert neural.probe_device() == "cuda"
    monkeypatch.setattr(neural, "_cuda_devices", lambda: 0)
    assert neural.probe_device() in ("cpu", "mps")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert neural.probe_device() == ""


def test_the_history_size_is_known_before_the_history_is_read(small_shop):
    """The executor is chosen (and its workers started) before the history is read, from its size: the products
    and days load_history then reads, on any as-of day."""
    from core.demand.history import load_history, sales_units
    from core.forecasting.run import history_size

    with open_shop(small_shop) as shop:
        units = sales_units(shop)
        for as_of in (None, AS_OF - dt.timedelta(days=40)):
            products, days, read_as_of = history_size(shop, as_of, units)
            history = load_history(shop, as_of=as_of)
            assert (products, days) == history.demand.shape and read_as_of == history.as_of
        assert read_as_of == AS_OF - dt.timedelta(days=40) and days == DAYS - 40
