"""A shop that kept monthly totals for two years and then got a till (core/forecasting/mixed.py): forecast by the
day where there are days, the monthly years giving the yearly shape and what slow parts sold before; too few days
yet and it is forecast by the month with the days added up. The app says which."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.demand.history import load_history, sales_units
from core.forecasting import forecast_shop
from core.forecasting.periods import shop_period
from core.forecasting.run import ForecastSettings
from core.importing import run_import
from core.policy.plan import plan_shop
from core.store import open_shop

QUICK = ForecastSettings(neural=False, statistical_max_products=0)
SHAPE = np.array([0.8, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.6, 2.9])   # Jan .. Dec: a Christmas peak


def _monthly(path: Path, rng) -> None:
    """Jan 2023 .. Dec 2024: XMAS and ten gifts follow SHAPE, STEADY is flat, SLOW sells one now and then, GONE
    sold two a day (and will not sell in the till's days)."""
    starts = pd.date_range("2023-01-01", periods=24, freq="MS")
    shape = SHAPE[starts.month - 1]
    parts = {"XMAS": rng.poisson(40 * shape), "STEADY": rng.poisson(np.full(24, 60.0)),
             "SLOW": (rng.random(24) < 0.4).astype(int), "GONE": rng.poisson(np.full(24, 60.0))}
    for k in range(10):
        parts[f"GIFT{k}"] = rng.poisson(rng.uniform(10, 40) * shape)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["SKU", *[d.strftime("%b %Y") for d in starts]])
        for sku, totals in parts.items():
            writer.writerow([sku, *totals.tolist()])


def _daily(path: Path, first: str, days: int, rng) -> None:
    """The till's days: the same products at their monthly rates (in their months), SLOW and GONE not at all."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date", "SKU", "Quantity"])
        for day in pd.date_range(first, periods=days, freq="D"):
            shape = SHAPE[day.month - 1]
            rates = {"XMAS": 40 * shape / 30.4, "STEADY": 2.0, **{f"GIFT{k}": 0.8 * shape for k in range(10)}}
            for sku, rate in rates.items():
                qty = int(rng.poisson(rate))
                if qty:
                    writer.writerow([day.date().isoformat(), sku, qty])


def _shop(tmp_path: Path, days: int) -> Path:
    rng = np.random.default_rng(11)
    _monthly(tmp_path / "months.csv", rng)
    _daily(tmp_path / "till.csv", "2025-08-01", days, rng)
    path = tmp_path / "mixed.db"
    today = dt.date(2025, 8, 1) + dt.timedelta(days=days)
    with open_shop(path) as shop:
        assert run_import(shop, tmp_path / "months.csv", "sales", today=today).period == "month"
        assert run_import(shop, tmp_path / "till.csv", "sales", today=today).period == "day"
    return path


def test_a_shop_with_monthly_years_and_then_days_is_forecast_by_the_day_with_the_years_shape(tmp_path):
    path = _shop(tmp_path, 100)                    # 1 Aug .. 8 Nov 2025
    with open_shop(path, create=False) as shop:
        units = sales_units(shop)
        assert units.mixed and units.period == "month" and units.daily_days == 100
        assert shop_period(shop) == "day"
        history = load_history(shop)               # the days only: no monthly lump on the 1st of a month
        assert history.days[0] == pd.Timestamp("2025-08-01") and history.as_of == dt.date(2025, 11, 8)
        result = forecast_shop(shop, horizon=42, settings=QUICK)   # 9 Nov .. 20 Dec
        run = dict(shop.conn.execute("SELECT * FROM forecast_runs").fetchone())
    assert run["period"] == "day"
    mean = pd.DataFrame(result.mean, index=result.skus, columns=result.days)
    november = mean.loc[:, mean.columns.month == 11].mean(axis=1)
    december = mean.loc[:, mean.columns.month == 12].mean(axis=1)
    # the days alone saw no December: the monthly years say it sells 2.9 / 1.6 times a November day
    assert december["XMAS"] / november["XMAS"] == pytest.approx(2.9 / 1.6, rel=0.2)
    assert december["XMAS"] == pytest.approx(40 * 2.9 / 30.4, rel=0.35)
    gifts = [f"GIFT{k}" for k in range(10)]
    assert (december[gifts] / november[gifts]).median() == pytest.approx(2.9 / 1.6, rel=0.15)
    assert december["STEADY"] / november["STEADY"] == pytest.approx(1.0, abs=0.2)   # flat stays flat
    # a slow part not sold in 100 days of till keeps most of its old rate; one that sold 60 a month stopped
    slow_rate = 0.4 / 30.4
    assert 0.4 * slow_rate < mean.loc["SLOW"].mean() < 2 * slow_rate
    assert mean.loc["GONE"].mean() < 0.1 * 60 / 30.4
    import json

    basis = json.loads(run["settings"])["basis"]
    assert basis["shape"] and basis["period"] == "month" and basis["daily_from"] == "2025-08-01"
    assert basis["periods"] == 24 and basis["from_totals"] >= 1
    from ui.pages.forecast_page import run_header

    text = run_header(run, None)
    assert "Forecast day by day from your daily sales since" in text
    assert "The 24 monthly totals before them give each product's yearly shape" in text
    with open_shop(path, create=False) as shop:
        plan = plan_shop(shop)
    lines = plan.lines.set_index("sku")
    # two weeks of exposure (the default lead time and a weekly review): a fraction of a unit, not weeks of old sales
    assert lines.loc["GONE", "demand_over_lead_time"] < 0.5 and lines.loc["SLOW", "demand_over_lead_time"] < 0.3
    assert lines.loc["SLOW", "reorder_point"] <= 2 and lines.loc["GONE", "reorder_point"] <= 3
    assert lines.loc["STEADY", "demand_over_lead_time"] == pytest.approx(14 * 2.0, rel=0.25)


def test_too_few_days_yet_and_the_days_are_added_up_into_the_months(tmp_path):
    path = _shop(tmp_path, 40)                     # 1 Aug .. 9 Sep 2025: September is not over
    with open_shop(path, create=False) as shop:
        assert shop_period(shop) == "month"
        result = forecast_shop(shop, settings=QUICK)
        run = dict(shop.conn.execute("SELECT * FROM forecast_runs").fetchone())
        plan = plan_shop(shop)
    assert run["period"] == "month" and run["as_of"] == "2025-08-31"     # the last whole month
    assert result.days[0] == pd.Timestamp("2025-09-01")
    mean = dict(zip(result.skus, result.mean[:, 0]))
    assert 40 <= mean["STEADY"] <= 80              # about 60 a month, with August's days counted as August
    from ui.pages.forecast_page import run_header

    assert "are added up into months with your monthly totals" in run_header(run, None)
    lines = plan.lines.set_index("sku")
    assert lines.loc["SLOW", "reorder_point"] <= 2
