"""The replay of a reorder policy over past sales (core/simulation/replay.py): hand-checkable shelves and orders,
no peeking at the days after a decision, and the `simulate` command on the demo shop."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cli.main import main
from core.demand.drivers import Drivers
from core.demand.history import build_history
from core.demo import build_demo_shop
from core.policy.demand import LeadTime
from core.policy.levels import Item, plan_item
from core.simulation import ReplayProducts, replay_policies

START = dt.date(2024, 1, 1)
HISTORY_DAYS = 140
FIRST = 84                      # the replay's first day (index): 12 weeks of sales before it
HORIZON = 28


def _day(index: int) -> dt.date:
    return START + dt.timedelta(days=index)


def _history(daily: dict[int, np.ndarray]):
    """Products 1.. with the given daily sales from START."""
    rows = [(pid, _day(d).isoformat(), q) for pid, series in daily.items() for d, q in enumerate(series) if q]
    sales = pd.DataFrame(rows, columns=["product_id", "date", "qty"])
    ids = np.array(sorted(daily))
    last = _day(max(len(s) for s in daily.values()) - 1)
    return build_history(ids, np.array([f"P{i}" for i in ids], dtype=object), sales,
                         pd.DataFrame(columns=["product_id", "date", "qty"]), last)


def _drivers(history) -> Drivers:
    """No events, promotions or prices: the history's days and the horizon after them."""
    days = pd.date_range(history.days[0], periods=len(history.days) + HORIZON, freq="D")
    n = len(history.skus)
    return Drivers(days, [], np.zeros((len(days), 0), dtype=bool), np.zeros((n, len(days)), dtype=bool),
                   np.full((n, len(days)), np.nan))


def _replay(history, policy: str, days: int, **terms):
    products = ReplayProducts.uniform(len(history.skus), **terms)
    window = _day(FIRST), _day(FIRST + days - 1)
    return replay_policies(history, _drivers(history), products, *window, (policy,))[policy]


def _steady(rate: float = 2.0) -> np.ndarray:
    return np.full(HISTORY_DAYS, rate)


@pytest.mark.parametrize("policy", ["shelfwise", "minmax"])
def test_steady_demand_with_a_three_day_lead_time_is_never_lost(policy):
    result = _replay(_history({1: _steady()}), policy, 28, lead_days=3, review_days=7, order_cost=0.0)
    assert result.products.loc[0, "lost"] == 0
    assert result.products.loc[0, "demand"] == 56 and result.products.loc[0, "fill_rate"] == 1.0
    assert result.products.loc[0, "cycle_service_level"] == 1.0 and result.products.loc[0, "periods_with_demand"] == 4
    if policy == "shelfwise":
        # with no order cost it orders up to its reorder point: each review after the first replaces a week's sales
        assert result.orders["qty"].tolist() == [14.0, 14.0, 14.0]
        assert result.orders["date"].dt.date.tolist() == [_day(FIRST + 7), _day(FIRST + 14), _day(FIRST + 21)]
    else:
        # min 2 weeks (28), max 4 weeks (56) of 2 a day: from 56, the position is 42, 28, then 14 < 28 on day 21
        assert result.orders["qty"].tolist() == [42.0]
        assert result.orders["date"].dt.date.tolist() == [_day(FIRST + 21)]
        assert result.stock[0, -1] == 56 - 2 * 28 + 42


def test_without_another_review_the_start_stock_runs_out_and_the_rest_is_lost():
    result = _replay(_history({1: _steady()}), "minmax", 40, lead_days=3, review_days=100)
    assert result.orders.empty
    assert result.stock[0, 27] == 0 and result.stock[0, 26] == 2        # 56 units last exactly 28 days
    np.testing.assert_array_equal(result.lost[0, :28], 0.0)
    np.testing.assert_array_equal(result.lost[0, 28:], 2.0)
    row = result.products.loc[0]
    assert (row["served"], row["lost"], row["stockout_days"]) == (56, 24, 12)


@pytest.mark.parametrize("lead", [0, 3, 5])
def test_an_order_is_on_the_shelf_for_the_sales_of_the_day_its_lead_time_ends(lead):
    result = _replay(_history({1: _steady()}), "minmax", 35, lead_days=lead, review_days=7)
    order = result.orders.iloc[0]
    placed = (order["date"].date() - _day(FIRST)).days
    assert placed == 21 and order["arrives"].date() == _day(FIRST + placed + lead)
    stock = result.stock[0]
    before = np.diff(stock[:placed + lead])
    np.testing.assert_array_equal(before, -2.0)                          # nothing arrives earlier
    assert stock[placed + lead] == stock[placed + lead - 1] + order["qty"] - 2


def test_a_decision_does_not_change_when_the_sales_after_it_do():
    rng = np.random.default_rng(3)
    sales = {p: rng.poisson(rate, HISTORY_DAYS).astype(float) for p, rate in ((1, 0.4), (2, 3.0), (3, 9.0))}
    decision_day = FIRST + 7
    later = {p: np.concatenate([s[:decision_day], s[decision_day:] * 10 + 5]) for p, s in sales.items()}
    terms = dict(lead_days=3, review_days=7, service=0.95)
    before = _replay(_history(sales), "shelfwise", 21, **terms)
    after = _replay(_history(later), "shelfwise", 21, **terms)
    on = _day(decision_day)
    decided = [r.orders[r.orders["date"].dt.date <= on].reset_index(drop=True) for r in (before, after)]
    assert len(decided[0]) > 0
    pd.testing.assert_frame_equal(decided[0], decided[1])
    np.testing.assert_array_equal(before.stock[:, 0], after.stock[:, 0])
    # the next week's decisions see the new sales: the comparison above could have failed
    week_after = [r.orders[r.orders["date"].dt.date == _day(decision_day + 7)]["qty"].sum() for r in (before, after)]
    assert week_after[1] > week_after[0]


def test_the_replayed_rule_of_thumb_orders_what_the_plan_would():
    sales = np.concatenate([np.full(FIRST + 5, 1.0), np.full(HISTORY_DAYS - FIRST - 5, 3.0)])
    result = _replay(_history({1: sales}), "minmax", 42, lead_days=2, review_days=7, pack=6.0, moq=30.0)
    assert len(result.orders) >= 2
    for order in result.orders.itertuples():
        t = (order.date.date() - START).days
        item = Item("P1", np.zeros(28), 1.0, LeadTime.fixed(2, "test"), 7, 0.95, pack=6.0, moq=30.0,
                    on_hand=result.stock[0, t - FIRST - 1], recent_rate=sales[t - 56:t].mean())
        assert order.qty == plan_item(item, "minmax").order_qty


# ------------------------------------------------------------------------------------------ the command line

DEMO_TODAY = dt.date(2025, 3, 1)        # the demo's history ends the day before


@pytest.fixture(scope="module")
def demo_shop(tmp_path_factory):
    return str(build_demo_shop(tmp_path_factory.mktemp("demo") / "demo.db", today=DEMO_TODAY))


def test_simulate_writes_one_row_per_product_with_the_report_columns(demo_shop, tmp_path, capsys):
    out = tmp_path / "report.csv"
    code = main(["simulate", "--db", demo_shop, "--start", "2025-02-15", "--end", "2025-02-28",
                 "--policy", "shelfwise", "--out", str(out)])
    assert code == 0
    report = pd.read_csv(out, dtype={"sku": str})
    assert list(report.columns) == ["sku", "policy", "demand", "served", "lost", "fill_rate", "cycle_service_level",
                                    "stockout_days", "avg_stock_value", "orders", "pattern"]
    assert len(report) == 300 and set(report["policy"]) == {"shelfwise"}
    assert (report["served"] + report["lost"] == report["demand"]).all()
    assert set(report["pattern"]) <= {"smooth", "erratic", "intermittent", "lumpy", "no sales"}
    printed = capsys.readouterr().out
    assert "fill rate" in printed and "cycle service" in printed
    assert "what the shop really did, from its stock counts (300 products" in printed


@pytest.mark.parametrize("start, end", [
    ("2022-01-01", "2025-02-28"),       # before the history
    ("2025-02-01", "2025-03-10"),       # after it
    ("2025-02-20", "2025-02-01"),       # ends before it starts
    ("2025-02-20", "2025-02-28"),       # shorter than two weekly reviews
])
def test_simulate_refuses_dates_it_cannot_replay(demo_shop, start, end, capsys):
    assert main(["simulate", "--db", demo_shop, "--start", start, "--end", end, "--policy", "minmax"]) == 1
    assert "refused" in capsys.readouterr().err


def test_simulate_refuses_a_date_it_cannot_read(demo_shop):
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", "--db", demo_shop, "--start", "1st of May", "--end", "2025-02-28"])
    assert exit_.value.code == 2
