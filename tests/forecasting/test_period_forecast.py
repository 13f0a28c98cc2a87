"""A shop of weekly or monthly totals is forecast on its period series (core/forecasting/periods.py): each row of
the run is a period (its first day, its total), the horizon counts periods, the CSV says which period, and the
plan reads the run back as days. A daily shop is forecast by the day, as before."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.forecasting import forecast_shop
from core.forecasting.periods import ADIDA, load_period_history, shop_period
from core.importing import run_import
from core.services.forecast import forecast_to_file, load_forecast, load_product_forecast
from core.store import open_shop

TODAY = dt.date(2025, 1, 15)


def _monthly_sheet(path: Path, months: int = 24, seed: int = 4) -> dict[str, np.ndarray]:
    """Parts by month, Jan 2023 on: a steady one (about 10 a month), a slow one (a few a year), one that stopped
    selling a year ago, and 17 others; the totals per part as written."""
    rng = np.random.default_rng(seed)
    starts = pd.date_range("2023-01-01", periods=months, freq="MS")
    parts = {"STEADY": rng.poisson(10, months), "SLOW": (rng.random(months) < 0.2).astype(int),
             "DEAD": np.r_[rng.poisson(4, months - 12), np.zeros(12, dtype=int)]}
    for k in range(17):
        parts[f"P{k:02d}"] = rng.poisson(rng.uniform(0.3, 6), months)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Part No", "Description", *[d.strftime("%b %Y") for d in starts]])
        for sku, totals in parts.items():
            writer.writerow([sku, f"Part {sku}", *totals.tolist()])
    return parts


@pytest.fixture
def monthly_shop(tmp_path) -> tuple[Path, dict[str, np.ndarray]]:
    parts = _monthly_sheet(tmp_path / "parts.csv")
    path = tmp_path / "monthly.db"
    with open_shop(path) as shop:
        report = run_import(shop, tmp_path / "parts.csv", "sales", today=TODAY)
    assert report.period == "month"
    return path, parts


def test_a_monthly_shop_is_forecast_month_by_month_from_its_totals(monthly_shop):
    path, parts = monthly_shop
    with open_shop(path, create=False) as shop:
        assert shop_period(shop) == "month"
        history = load_period_history(shop, "month")
        row = {sku: i for i, sku in enumerate(history.skus)}
        assert len(history.starts) == 24 and history.starts[0] == pd.Timestamp("2023-01-01")
        for sku, totals in parts.items():                 # the totals as the sheet wrote them, empty months as 0
            assert history.demand[row[sku]].tolist() == totals.astype(float).tolist()
        result = forecast_shop(shop)
        run = dict(shop.conn.execute("SELECT * FROM forecast_runs").fetchone())
    assert run["period"] == "month" and run["horizon"] == 6            # half a year of months by default
    assert list(result.days) == list(pd.date_range("2025-01-01", periods=6, freq="MS"))
    mean = dict(zip(result.skus, result.mean[:, 0]))
    assert 7 <= mean["STEADY"] <= 13                       # about 10 a month, not 10 a day nor a third of one
    assert mean["SLOW"] < 0.6 and mean["DEAD"] < 1.5       # a part that stopped a year ago fades
    assert mean["DEAD"] < parts["DEAD"][:12].mean() / 2
    q = result.quantiles
    assert (q[0.05] <= result.mean + 1e-9).all() and (q[0.95] >= q[0.5]).all()


def test_the_forecast_file_has_one_row_per_period_with_the_period_said(monthly_shop, tmp_path):
    path, parts = monthly_shop
    done = forecast_to_file(path, horizon=3, out=tmp_path / "forecast.csv").value
    assert done.period == "month" and done.horizon == 3 and done.first_day == dt.date(2025, 1, 1)
    table = pd.read_csv(tmp_path / "forecast.csv", dtype={"sku": str})
    assert list(table.columns[:4]) == ["sku", "date", "period", "mean"]
    assert len(table) == 3 * len(parts) and set(table["period"]) == {"month"}
    assert sorted(set(table["date"])) == ["2025-01-01", "2025-02-01", "2025-03-01"]


def test_the_backtests_median_error_is_over_the_parts_that_sold_not_the_parts_list(monthly_shop, tmp_path):
    """A parts list is mostly parts that sold nothing: their error of 0 made the median RMSSE 0.000 on the real
    weekly parts (as if the forecast were perfect)."""
    path, parts = monthly_shop
    listed = tmp_path / "parts list.csv"
    listed.write_text("Part No,Description\n" + "".join(f"N{k:02d},Never sold {k}\n" for k in range(40)),
                      encoding="utf-8")
    with open_shop(path, create=False) as shop:
        run_import(shop, listed, "products", today=TODAY)
        assert shop.scalar("SELECT count(*) FROM products WHERE active = 1") == 60
    done = forecast_to_file(path).value
    assert done.products == 60 and 15 <= done.scored <= 20
    assert 0.3 < done.median_rmsse < 3


def test_the_forecast_page_data_and_the_plan_read_the_run_in_months(monthly_shop):
    path, _parts = monthly_shop
    forecast_to_file(path)
    data = load_forecast(path)
    steady = next(r for r in data.rows if r.sku == "STEADY")
    assert data.run["period"] == "month"
    assert 7 <= steady.next_7_days <= 13                  # the next month's total, not a week of days
    assert steady.next_horizon == pytest.approx(6 * steady.next_7_days, rel=1e-6)
    view = load_product_forecast(path, sku="STEADY").view
    assert view.period == "month" and len(view.forecast) == 6
    assert (view.history.index.day == 1).all() and len(view.history) == 24    # one point per month
    assert view.accuracy_text.startswith("Tested on the last months before the forecast")
    from core.policy.plan import _forecast_means

    with open_shop(path, create=False) as shop:
        run_id = shop.scalar("SELECT max(id) FROM forecast_runs")
        pid = shop.scalar("SELECT id FROM products WHERE sku = 'STEADY'")
        daily = _forecast_means(shop, run_id, np.array([pid]))[pid]
    assert len(daily) == 31 + 28 + 31 + 30 + 31 + 30              # January .. June 2025 as days
    assert daily[:31].sum() == pytest.approx(steady.next_7_days)   # January's days add up to January


def test_a_weekly_shop_is_forecast_week_by_week_and_a_setting_can_make_it_daily(tmp_path):
    starts = pd.date_range("2023-01-02", periods=80, freq="7D")              # Mondays
    rng = np.random.default_rng(2)
    with (tmp_path / "weekly.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["SKU", *[f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in starts]])
        for k in range(8):
            writer.writerow([f"W{k}", *rng.poisson(3 + k, len(starts)).tolist()])
    path = tmp_path / "weekly.db"
    with open_shop(path) as shop:
        report = run_import(shop, tmp_path / "weekly.csv", "sales", today=TODAY)
        assert report.period == "week" and shop_period(shop) == "week"
        result = forecast_shop(shop)
        assert result.period == "week" and result.mean.shape == (8, 13)
        assert all(day.weekday() == 0 for day in result.days) and result.days[0] == starts[-1] + pd.Timedelta(days=7)
        from core.policy.settings import load_policy_settings, save_policy_settings

        settings = load_policy_settings(shop)
        settings.sales_period = "day"
        save_policy_settings(shop, settings)
        assert shop_period(shop) == "day"
        daily = forecast_shop(shop, horizon=14)
        assert daily.period == "day" and daily.mean.shape == (8, 14)


def test_adida_spreads_the_level_of_its_buckets_over_their_periods():
    Y = np.array([[0, 0, 6, 0, 0, 6, 0, 0, 6, 0, 0, 6], [0] * 12], dtype=float)
    f = ADIDA(0.1).forecast_batch(Y, 3)
    assert f.shape == (2, 3) and f[0] == pytest.approx([2.0] * 3) and (f[1] == 0).all()


def test_a_monthly_parts_shop_goes_from_its_sheet_to_a_purchase_order_planned_in_months(tmp_path):
    """Import (months, with supplier, lead time and cost beside them) -> stock count -> forecast -> plan -> the
    supplier's draft order; the plan explains itself in months and orders what a month's delivery and a month's
    review need, not a day-model's lumps."""
    from core.services.plan import make_plan
    from core.services.purchase_orders import create_purchase_orders, load_purchase_order
    from core.jobs import null_context

    parts = _monthly_sheet(tmp_path / "plain.csv")
    months = pd.read_csv(tmp_path / "plain.csv").columns[2:]
    with (tmp_path / "parts.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Part No", "Description", "Supplier", "Lead time (weeks)", "Unit cost", *months])
        for sku, totals in parts.items():
            writer.writerow([sku, f"Part {sku}", "Acme Parts", 4, "12.50", *totals.tolist()])
    (tmp_path / "count.csv").write_text("Date,SKU,Quantity\n" + "".join(
        f"2024-12-31,{sku},{1 if sku == 'STEADY' else 0}\n" for sku in parts), encoding="utf-8")
    path = tmp_path / "parts.db"
    with open_shop(path) as shop:
        run_import(shop, tmp_path / "parts.csv", "sales", today=TODAY)
        run_import(shop, tmp_path / "count.csv", "stock", today=TODAY)
    forecast_to_file(path)
    plan = make_plan(path, ctx=null_context())
    lines = {line.sku: line for line in plan.lines}
    steady, slow = lines["STEADY"], lines["SLOW"]
    dead = lines["DEAD"]                            # stopped a year ago: not restocked, and said why
    assert dead.order_qty == 0 and dead.reorder_point == 0
    assert dead.explanation.startswith("No sale in the last 12 months, far longer than it used to go without one")
    # four weeks' lead time and a month's review, said in months
    assert "Expected demand over the next 1.9 months (delivery in 0.9 months (the product's lead time) + 1 month " \
           "until the order after)" in steady.explanation
    assert 15 <= steady.order_qty <= 60            # ~10 a month over a month's delivery and a month's review, 1 on hand
    assert steady.period == "month"                # the Orders page says its lead time in months too
    assert slow.reorder_point <= 4                 # a part that sells a couple a year
    made = create_purchase_orders(path, plan=plan.plan).value
    assert len(made.created) == 1
    order = load_purchase_order(path, order_id=made.created[0].id)
    assert order.supplier == "Acme Parts"
    ordered = {line.sku: line.qty for line in order.lines}
    assert ordered["STEADY"] == steady.order_qty and "DEAD" not in ordered


def test_a_part_is_taken_as_stopped_when_its_silence_is_unlikely_at_the_rate_it_sold():
    from core.forecasting.periods import stopped_selling

    T = 135
    rows = np.zeros((5, T))
    rows[0, 21] = 49_980                     # one bulk sale in week 22, silent for the 113 weeks since
    rows[1, 100] = 40                        # one sale in week 101: the wait for it says 1 in 101 weeks, 34 quiet
    rows[2, ::5] = 3                         # every fifth week, still selling
    rows[3, :60:3] = 2                       # every third week until week 58, then 76 weeks of nothing
    rows[4, [10, 70]] = 1                    # twice, 60 weeks apart: 64 quiet weeks are not unusual
    stopped, cap = stopped_selling(rows)
    assert stopped.tolist() == [True, False, False, True, False]
    assert cap[0] < 49_980 / 100 and cap[3] < 2 / 50              # what the silence itself allows, small
    # its old rate times the chance it still sells after such a silence: a part that sold every third week and
    # then not in 76 is almost surely gone ((2/3)^76 ~ 4e-14), far below the even-bet rate of its silence
    assert cap[3] == pytest.approx((2 / 3) ** 76 / ((2 / 3) ** 76 + 1) * (1 / 3) * 2)
    assert cap[3] < (1 - 0.5 ** (1 / 76)) * 2 / 1e6


def test_a_dormant_part_is_left_unstocked_but_weighed_in_the_shared_fill_rate():
    """The plan of a weekly or monthly shop keeps a part taken as stopped in the fill rate shared over the shop at
    the small rate its silence leaves it; a costly one is left unstocked (reorder point 0) and says why."""
    from core.simulation.periods import levels_from_rates
    from core.simulation.replay import ReplayProducts

    rng = np.random.default_rng(2)
    known = rng.poisson(3.0, (6, 30)).astype(float)
    known[5, 18:] = 0                                   # sold ~3 a month, silent for 12 months
    rate = known[:, -12:].mean(axis=1)
    rate[5] = 0.01
    dormant = np.array([False] * 5 + [True])
    products = ReplayProducts.uniform(6, lead_days=30, review_days=30, service=0.95, unit_cost=10.0, moq=0.0,
                                      order_cost=0.0)
    s, S = levels_from_rates(rate, known, "month", products, np.ones(6, dtype=int), dormant=dormant)
    assert s[5] == 0 and S[5] == 0 and (s[:5] >= 1).all()
    # without the shared fill rate (each item's own service) a dormant part is not restocked either
    s, S = levels_from_rates(rate, known, "month", products, np.ones(6, dtype=int), fill=False, dormant=dormant)
    assert s[5] == 0 and S[5] == 0


def test_the_revival_of_parts_taken_as_stopped_is_read_from_the_shops_own_history():
    """revival_share: what the parts stopped_selling took as stopped at past points went on to sell, as a share of
    their rate before the silence; 0 where they all stayed quiet or the history is too short."""
    from core.forecasting.periods import rate_before_silence, revival_share

    T = 120
    dead = np.zeros((20, T))
    dead[:, :40] = 2.0                                     # sold 2 a week for 40 weeks, then never again
    assert revival_share(dead, "week") == 0.0
    assert revival_share(dead[:, :60], "week") == 0.0      # too short to look back half a year twice over
    assert rate_before_silence(dead[:1])[0] == pytest.approx(2.0)
    back = dead.copy()
    back[:10, 100:] = 2.0                                  # half of them sell again at their old rate from week 100
    share = revival_share(back, "week")
    # at the origin 26 weeks from the end, the 10 that came back sold over 20 of the 26 weeks after it
    assert share == pytest.approx(10 * 20 * 2.0 / (20 * 2.0 * 26 + 20 * 2.0 * 26), rel=0.01)


def test_a_years_average_is_a_candidate_and_steadies_the_rate_of_slow_lumpy_parts(monkeypatch):
    """Slow parts that sell in lumps (a few units now and then, at a rate that does not change): the short averages
    jump with every lump, Croston's estimates too. The period forecast weighs a year's average among its candidates,
    and with it the rates it plans on come closer to the parts' real rates (bench/replay_periods.py: the monthly
    spare parts served 94.1% of units on 0.86x the min/max rule's stock for that, 93.8% on 0.89x without). The
    pooled rate, the other long view, is left out with it here."""
    import core.forecasting.periods as periods
    from core.forecasting.periods import PeriodHistory, forecast_periods

    rng = np.random.default_rng(11)
    n, T = 400, 24
    rate = rng.uniform(0.3, 3.0, n)                       # units a month, steady
    lumps = rng.poisson(rate[:, None] / 2.5, (n, T))      # sales a month: lumps of 1-4 units
    Y = np.array([[rng.integers(1, 5, k).sum() for k in row] for row in lumps], dtype=float)
    truth = rate                                          # lumps a month (rate / 2.5) x mean lump size (2.5)
    history = PeriodHistory(np.arange(n), np.arange(n).astype(str).astype(object), "month",
                            pd.date_range("2023-01-01", periods=T, freq="MS"), Y, Y.sum(axis=1), dt.date(2024, 12, 31))
    result = forecast_periods(history, 1)
    assert "long_average" in result.backtest.forecasts
    with_year = np.abs(result.mean[:, 0] - truth).mean()
    candidates = periods._candidates
    # the pooled rate (every known period, pooled with the shop's) is the other long view: both left out
    monkeypatch.setattr(periods, "_candidates", lambda period, T: [m for m in candidates(period, T)
                                                                  if m.alias not in ("long_average", "pooled_rate")])
    without = np.abs(forecast_periods(history, 1).mean[:, 0] - truth).mean()
    assert with_year < 0.95 * without


def test_a_parts_rate_pooled_with_the_shops_leans_on_the_shop_where_the_part_is_little_known():
    """The pooled rate (an empirical Bayes gamma-Poisson estimate): (units + a) / (periods known + b), its prior
    mean a / b the shop's rate. A part known for a few periods leans on the shop, one known for years keeps its
    own; over parts of every age its rates are closer to the truth than each part's own average."""
    from core.forecasting.periods import PooledRate

    rng = np.random.default_rng(21)
    n, T = 600, 24
    truth = rng.gamma(2.0, 0.25, n)                       # units a month: 0.5 on average
    Y = rng.poisson(truth[:, None], (n, T)).astype(float)
    known_from = rng.integers(0, T - 3, n)                # each part known for 3 to 24 months
    Y[np.arange(T)[None, :] < known_from[:, None]] = np.nan
    Y[0] = np.nan                                         # never known: no rate, no warning
    with np.errstate(all="raise"):
        pooled = PooledRate().forecast_batch(Y, 2)
    assert pooled.shape == (n, 2) and np.all(pooled[:, 0] == pooled[:, 1]) and pooled[0, 0] == 0.0
    own = np.nansum(Y[1:], axis=1) / (~np.isnan(Y[1:])).sum(axis=1)
    assert np.abs(pooled[1:, 0] - truth[1:]).mean() < 0.9 * np.abs(own - truth[1:]).mean()
    young = np.flatnonzero(T - known_from[1:] <= 5) + 1
    old = np.flatnonzero(known_from[1:] == 0) + 1
    shop = np.nansum(Y) / (~np.isnan(Y)).sum()
    moved = np.abs(pooled[:, 0] - np.nansum(Y, axis=1) / np.maximum((~np.isnan(Y)).sum(axis=1), 1))
    assert moved[young].mean() > 2 * moved[old].mean()                  # the young move, the old hardly
    between = (np.minimum(own, shop) - 1e-12 <= pooled[1:, 0]) & (pooled[1:, 0] <= np.maximum(own, shop) + 1e-12)
    assert between.mean() > 0.95            # pulled towards the shop's rate (a and b from a weighted mean)


def test_the_shop_wide_blend_is_the_one_that_errs_least_where_the_units_are():
    """Forty slow parts that sold about one a period and then hardly at all in the backtests, where forecasting
    nothing is closest, and five fast ones that carry most units: the shop-wide blend a part with little evidence
    leans on is the one with the least error weighted by the units sold. (Averaging each model's error relative to
    the best one part by part chose 'nothing', the worst where the units are.)"""
    from types import SimpleNamespace

    from core.forecasting.periods import _shrink_to_shop
    from core.forecasting.selection import Backtest

    rng = np.random.default_rng(5)
    T, h = 36, 3
    slow = rng.poisson(1.0, (40, T)).astype(float)
    slow[:, T - 2 * h:] = 0.0
    slow[:, T - 2 * h] = 1.0                      # one sale in the backtests
    fast = rng.poisson(20, (5, T)).astype(float)
    Y = np.vstack([slow, fast])
    backtest = Backtest([T - 2 * h, T - h])
    level = np.nanmean(Y[:, :T - 2 * h], axis=1)
    backtest.forecasts = {"nothing": [np.zeros((len(Y), h)) for _ in backtest.origins],
                          "half": [np.repeat(level[:, None] / 2, h, axis=1) for _ in backtest.origins],
                          "mean": [np.repeat(level[:, None], h, axis=1) for _ in backtest.origins]}
    choice = SimpleNamespace(models=list(backtest.forecasts), weights=np.zeros((len(Y), 3)))
    _shrink_to_shop(choice, Y, backtest, h)
    shop = choice.weights[0] / choice.weights[0].sum()      # a slow part's own weights were 0: the shop's blend
    assert shop.argmax() == 2 and shop[0] < 0.1
