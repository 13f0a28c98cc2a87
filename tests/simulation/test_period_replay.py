"""core/simulation/periods.py: a shop of monthly or weekly totals is replayed month by month (or week by week),
not as days with a month's sales on the 1st."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from core.errors import UserError
from core.jobs import null_context
from core.forecasting.periods import PeriodHistory
from core.services.replay import replay_policies, simulate_to_file
from core.simulation.periods import lead_periods, replay_periods
from core.simulation.replay import ReplayProducts
from tests.forecasting.test_period_forecast import monthly_shop  # noqa: F401  (a fixture)


def test_lead_times_in_whole_periods_at_least_one():
    assert lead_periods(np.array([1, 14, 30, 45, 61]), "month").tolist() == [1, 1, 1, 1, 2]
    assert lead_periods(np.array([1, 7, 10, 11, 28]), "week").tolist() == [1, 1, 1, 2, 4]


def _history(Y: np.ndarray) -> PeriodHistory:
    starts = pd.date_range("2022-01-01", periods=Y.shape[1], freq="MS")
    n = len(Y)
    return PeriodHistory(np.arange(n), np.array([f"P{i}" for i in range(n)], dtype=object), "month", starts, Y,
                         Y.sum(axis=1), starts[-1].date())


def test_a_replay_of_months_orders_a_lead_time_ahead_and_loses_what_the_shelf_cannot_serve():
    rng = np.random.default_rng(3)
    Y = np.vstack([rng.poisson(8, 36), rng.poisson(0.4, 36), rng.poisson(3, 36)]).astype(float)
    products = ReplayProducts.uniform(3, lead_days=30, review_days=30, unit_cost=[2.0, 10.0, 1.0])
    results = replay_periods(_history(Y), products, 24, 35, ("shelfwise", "minmax"))
    mine, rule = results["shelfwise"], results["minmax"]
    assert mine.period == "month" and len(mine.days) == 12 and mine.days[0] == pd.Timestamp("2024-01-01")
    frame = mine.products.set_index("sku")
    assert frame["demand"].tolist() == Y[:, 24:].sum(axis=1).tolist()          # every month's real total
    assert (frame["served"] + frame["lost"] == frame["demand"]).all()
    # the stock is what the orders brought less what was sold: nothing appears from nowhere
    assert mine.lost.sum() == pytest.approx(frame["lost"].sum())
    assert (mine.orders["arrives"] - mine.orders["date"]).dt.days.between(28, 31).all()   # a month after
    total = mine.totals()
    assert total["fill_rate"] >= 0.9 and total["cycle_service_level"] >= 0.8
    assert mine.stock[0].mean() < 3 * Y[0].mean()                   # not a year's stock of the steady part


def test_simulate_and_the_replay_report_work_month_by_month_on_a_monthly_shop(monthly_shop):  # noqa: F811
    path, parts = monthly_shop
    done = simulate_to_file(path, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert done.period == "month" and done.days == 12
    real = sum(float(totals[12:].sum()) for totals in parts.values())
    assert done.totals["demand"] == real                             # the months' totals, not days
    assert 0.9 <= done.totals["fill_rate"] <= 1.0
    assert done.totals["periods_with_demand"] == sum(int((totals[12:] > 0).sum()) for totals in parts.values())
    report = replay_policies(path, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                             policies=("shelfwise", "optimal", "minmax"), service_level=0.95,
                             ctx=null_context())
    assert report.period == "month" and list(report.table["policy"]) == ["shelfwise", "optimal", "minmax"]
    mine = report.table.set_index("policy")
    assert mine.loc["shelfwise", "cycle_service_level"] >= mine.loc["minmax", "cycle_service_level"]
    with pytest.raises(UserError, match="needs 6 months of sales before the replay starts: start on 2023-07-01"):
        simulate_to_file(path, start=dt.date(2023, 3, 1), end=dt.date(2024, 12, 31))
    with pytest.raises(UserError, match="at least two months"):
        simulate_to_file(path, start=dt.date(2024, 12, 1), end=dt.date(2024, 12, 31))


def test_plan_as_of_a_past_month_reads_only_the_months_known_then(monthly_shop):  # noqa: F811
    from core.forecasting.run import forecast_shop
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings
    from core.store.db import open_shop

    path, parts = monthly_shop
    as_of = dt.date(2024, 6, 30)
    with open_shop(path) as shop:
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"                     # nothing counted: planned as if the shelves were empty
        forecast_shop(shop, as_of=as_of)
        plan = plan_shop(shop, as_of=as_of, settings=settings)
        run = dict(shop.conn.execute("SELECT as_of, period FROM forecast_runs").fetchone())
    assert run == {"as_of": "2024-06-30", "period": "month"} and plan.plan_date == dt.date(2024, 7, 1)
    lines = plan.lines.set_index("sku")
    assert "Sales are monthly totals (18 of them" in plan.levels["STEADY"].explanation     # Jan 2023 .. Jun 2024
    # the steady part (about 10 a month) is ordered for the month's lead time and review, not for a year
    steady = parts["STEADY"][:18].mean()
    assert steady <= lines.at["STEADY", "order_qty"] <= 4 * steady
    assert lines.at["DEAD", "order_qty"] == 0                # stopped selling by then (its last sale: Dec 2023)
