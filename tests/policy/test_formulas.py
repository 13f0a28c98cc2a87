"""The textbook pieces against answers worked by hand, and the lead-time demand distribution."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from core.policy.demand import (DemandDistribution, LeadTime, ordinary_week_rate, protection_demand,
                                 sum_calibration)
from core.policy.formulas import critical_ratio, eoq, newsvendor, normal_reorder_point, round_order
from core.policy.levels import Item, plan_item


def test_eoq_by_hand():
    # sqrt(2 x 1200 x 50 / 3) = sqrt(40000) = 200
    assert eoq(1200, 50, 3) == pytest.approx(200.0)
    assert eoq(0, 50, 3) == 0.0


def test_newsvendor_on_a_hand_made_distribution():
    # demand 0..9 equally likely; underage 4, overage 1: cover 80% -> the smallest k with P(D <= k) >= 0.8 is 7
    uniform = DemandDistribution(np.full(10, 0.1))
    assert critical_ratio(4, 1) == pytest.approx(0.8)
    assert newsvendor(uniform, 4, 1) == 7
    # Poisson(10), 75%: scipy's own quantile
    poisson = DemandDistribution(stats.poisson(10).pmf(np.arange(60)) / stats.poisson(10).pmf(np.arange(60)).sum())
    assert newsvendor(poisson, 3, 1) == int(stats.poisson(10).ppf(0.75))


def test_normal_reorder_point():
    # 10 a day, sd 3, 4 days, 95%: 40 + 1.6449 x 3 x 2 = 49.87
    assert normal_reorder_point(10, 3, 4, 0.95) == pytest.approx(40 + stats.norm.ppf(0.95) * 6)
    # with a lead time that varies by 1 day: sigma = sqrt(4 x 9 + 10^2 x 1) = sqrt(136)
    assert normal_reorder_point(10, 3, 4, 0.95, lead_std_days=1) == pytest.approx(
        40 + stats.norm.ppf(0.95) * math.sqrt(136))


@pytest.mark.parametrize("qty, pack, moq, expected", [
    (13, 6, 0, 18), (12, 6, 0, 12), (5, 6, 20, 24), (0, 6, 20, 0), (25, 1, 0, 25), (0.4, 1, 0, 1), (7, 1, 10, 10)])
def test_pack_and_minimum_rounding(qty, pack, moq, expected):
    assert round_order(qty, pack, moq) == expected


def test_distribution_quantile_and_shortage_by_hand():
    d = DemandDistribution(np.array([0.5, 0.3, 0.2]))
    assert d.mean == pytest.approx(0.7)
    assert d.quantile(0.5) == 0 and d.quantile(0.8) == 1 and d.quantile(0.81) == 2
    # E[(D - 1)^+] = 0.2 x 1
    assert d.shortage(1)[0] == pytest.approx(0.2)
    assert d.shortage(0)[0] == pytest.approx(0.7)


def test_protection_demand_adds_the_forecast_days_and_mixes_lead_times():
    daily = np.full(28, 2.0)
    one = protection_demand(daily, 1.0, {5: 1.0}, 7)
    assert one.mean == pytest.approx(24.0, rel=1e-6)          # (5 + 7) days x 2
    mixed = protection_demand(daily, 1.0, {3: 0.5, 7: 0.5}, 7)
    assert mixed.mean == pytest.approx(0.5 * 20 + 0.5 * 28, rel=1e-6)
    assert mixed.std > one.std                                 # a varying lead time widens the spread
    beyond = protection_demand(daily, 1.0, {30: 1.0}, 7)       # past the horizon the last week's rate carries on
    assert beyond.mean == pytest.approx(74.0, rel=1e-6)


def test_learned_lead_time():
    lead = LeadTime.learned([5, 5, 7, 7.2])
    assert lead.days == {5: 0.5, 7: 0.5}
    assert lead.mean == pytest.approx(6.0)
    assert "4 received orders" in lead.source


def test_where_a_wider_spread_holds_no_better_the_smaller_factor_is_taken():
    """The gift shop's 14-day sums: the quantiles held 0.894 / 0.956 / 0.988 with the daily spread x3 and 0.898 /
    0.956 / 0.989 with x10, a hair closer to 90 / 95 / 98%: x3 is taken, not three times the stock for nothing."""
    from core.policy.demand import _FACTORS, _best_factor

    held = {3.0: (0.894, 0.956, 0.988), 10.0: (0.898, 0.956, 0.989), 1.0: (0.84, 0.89, 0.94), 20.0: (0.87, 0.94, 0.98)}
    total = 10_000
    counts = np.array([[round(total * share) for share in held.get(float(f), (0.5, 0.6, 0.7))] for f in _FACTORS])
    assert _best_factor(counts, total, (0.90, 0.95, 0.98)) == 3.0
    # one clearly closer is still the one taken
    counts[list(_FACTORS).index(13.0)] = [9000, 9500, 9800]
    assert _best_factor(counts, total, (0.90, 0.95, 0.98)) == 13.0


def test_sum_calibration_sees_errors_that_persist_over_days():
    rng = np.random.default_rng(1)
    n, h = 3000, 28
    forecast = np.full((n, h), 5.0)
    honest = rng.poisson(5.0, size=(n, h)).astype(float)
    level = rng.gamma(4.0, 1 / 4.0, size=(n, 1))               # each product's true level is off by ~50%
    drifting = rng.poisson(5.0 * level, size=(n, h)).astype(float)
    assert sum_calibration([forecast], [honest], np.ones(n)).factor(14) <= 1.25
    assert sum_calibration([forecast], [drifting], np.ones(n)).factor(14) >= 3.0


def test_sum_calibration_per_group_is_each_groups_own_calibration():
    """Each sum's cdf is computed once and counted for all products and for its group: every factor is the one the
    group's sums alone pick (the textbook loop below, one cdf per group), and a group with too few sums takes the
    shop's."""
    from core.policy.demand import _FACTORS, FACTOR_TOLERANCE, _window_sums

    def alone(mean, actual, dispersion, levels=(0.90, 0.95, 0.98)):
        gaps = []
        for factor in _FACTORS:
            spread = np.maximum(dispersion * factor, 1.0 + 1e-6)
            below = stats.nbinom.cdf(actual - 1, mean / (spread - 1.0), 1.0 / spread)
            gaps.append(sum(abs(np.mean(below < level) - level) for level in levels))
        # the smallest factor that holds within the tolerance of the closest
        return float(next(f for f, gap in zip(_FACTORS, gaps) if gap <= min(gaps) + FACTOR_TOLERANCE))

    rng = np.random.default_rng(5)
    n, h = 1500, 28
    groups = np.array(["smooth", "lumpy", "intermittent", "rare"], dtype=object)[
        rng.choice(4, size=n, p=[0.47, 0.3, 0.21, 0.02])]
    level = rng.gamma(0.8, 2.0, size=n)
    drift = np.where(groups == "lumpy", 3.0, 1.0)
    forecasts = [np.repeat(level[:, None], h, axis=1) for _ in range(3)]
    actuals = [rng.poisson(level[:, None] * rng.gamma(drift, 1 / drift)[:, None], size=(n, h)).astype(float)
               for _ in range(3)]
    actuals[1][rng.random((n, h)) < 0.01] = np.nan
    dispersion = rng.uniform(1.0, 3.0, size=n)
    got = sum_calibration(forecasts, actuals, dispersion, groups)
    for j, k in enumerate(got.days):
        mean, actual, d, g = _window_sums(forecasts, actuals, dispersion, groups, k)
        assert got.factors[j] == alone(mean, actual, d)
        for name in ("smooth", "lumpy", "intermittent", "rare"):
            mine = g == name
            assert got.by_group[name][j] == (alone(mean[mine], actual[mine], d[mine]) if mine.sum() >= 200
                                             else got.factors[j])
    assert got.by_group["rare"] == got.factors and got.by_group["lumpy"] != got.by_group["smooth"]


def test_shelf_life_caps_the_order():
    item = Item("MILK", np.full(28, 10.0), 1.0, LeadTime.fixed(2, "the supplier's lead time"), 7, 0.95,
                unit_cost=1.0, shelf_life_days=3, order_cost=50.0)
    levels = plan_item(item)
    # an order can sell for at most 2 days' delivery + 3 days of shelf life: 50 units
    assert levels.order_up_to == pytest.approx(50.0)
    assert levels.order_qty == 50.0
    assert "shelf life" in levels.explanation


def test_a_shutdown_at_the_end_of_the_forecast_is_not_the_rate_carried_on_beyond_it():
    """A 28-day forecast (from Monday 8 December) of 6 a day on weekdays, 3 on Sundays, nothing on Saturdays (the
    day off), whose days from 24 December to 3 January are a holiday shutdown: beyond the horizon the rate of an
    ordinary week carries on, not the shutdown's, so the year's demand and the order size are those of the open
    weeks; without a shutdown in its last week the last week's average carries on as before."""
    import datetime as dt

    first = dt.date(2025, 12, 8)
    days = [first + dt.timedelta(days=k) for k in range(28)]
    week = np.array([6.0 if d.weekday() < 5 else 0.0 if d.weekday() == 5 else 3.0 for d in days])
    shut = np.array([dt.date(2025, 12, 24) <= d <= dt.date(2026, 1, 3) for d in days])
    mean = np.where(shut, 0.0, week)
    closures = [["2025-12-24", "2026-01-03"]]
    assert ordinary_week_rate(mean, first, closures) == pytest.approx(33.0 / 7)
    assert ordinary_week_rate(week, first, [["2025-12-10", "2025-12-12"]]) is None      # not in its last week
    item = Item("MUG", mean, 1.2, LeadTime.fixed(7, "the supplier's lead time"), 7, 0.95, unit_cost=2.0,
                order_cost=5.0)
    open_weeks = plan_item(Item("MUG", week, 1.2, LeadTime.fixed(7, "the supplier's lead time"), 7, 0.95,
                                unit_cost=2.0, order_cost=5.0))
    carried = plan_item(item)                              # the shutdown's zeros carried on: a far smaller year
    item.tail_rate = ordinary_week_rate(mean, first, closures)
    ordinary = plan_item(item)
    # the year: the forecast's 28 days (the shutdown in them) and then ordinary weeks
    assert ordinary.eoq == pytest.approx(eoq(mean.sum() + 33.0 / 7 * (365 - 28), 5.0, 0.25 * 2.0))
    assert ordinary.eoq > 0.95 * open_weeks.eoq
    assert carried.eoq < 0.75 * open_weeks.eoq
    # the first 14 days (before the shutdown) are the same: so is the reorder point, within the unit the order
    # size's few percent move it
    assert abs(ordinary.reorder_point - open_weeks.reorder_point) <= 1
    assert carried.reorder_point >= ordinary.reorder_point + 10      # smaller orders held a deeper reorder point


def test_shelfwise_levels_and_explanation_agree():
    item = Item("TEA", np.full(28, 4.0), 1.5, LeadTime.fixed(7, "the supplier's lead time"), 7, 0.95,
                unit_cost=2.0, pack=6, on_hand=10, on_order=6, order_cost=0.5)
    lv = plan_item(item)
    dist = lv.distribution
    # EOQ 54 > a week's 28: orders come every other week or so, so the risk is spread below the quantile
    assert lv.order_up_to - lv.reorder_point == pytest.approx(eoq(4 * 365, 0.5, 0.5) - 28)
    assert lv.reorder_point < dist.quantile(0.95)
    assert lv.demand_over_lead_time == pytest.approx(56.0, rel=1e-3)
    assert lv.order_qty % 6 == 0 and lv.order_qty >= lv.order_up_to - 16
    assert f"reorder point {lv.reorder_point:.0f}" in lv.explanation
    assert "packs of 6" in lv.explanation


def _simulated_service(mean, dispersion, extra, service, periods=60_000, seed=0):
    """Weekly reviews, an order arrives one week later, lost sales: the share of weeks with sales in which some
    were lost, for the (s, s + extra) policy that service_point chooses."""
    from core.policy.levels import service_point
    from core.policy.optimal import negbin_pmf

    s = service_point(DemandDistribution(negbin_pmf(2 * mean, dispersion)), service, extra,
                      negbin_pmf(mean, dispersion), negbin_pmf(mean, dispersion))
    S = s + extra
    rng = np.random.default_rng(seed)
    demand = (rng.negative_binomial(mean / (dispersion - 1), 1 / dispersion, periods) if dispersion > 1
              else rng.poisson(mean, periods))
    on_hand, coming, short, selling = S, 0, 0, 0
    for d in demand:
        order = S - (on_hand + coming) if on_hand + coming < s else 0
        on_hand, coming = on_hand + coming, order
        selling += d > 0
        short += d > on_hand
        on_hand = max(on_hand - d, 0)
    return 1 - short / selling


@pytest.mark.parametrize("mean, dispersion, extra, low, high", [
    (28, 1.5, 0, 0.95, 0.975),       # base stock, a steady seller
    (28, 1.5, 26, 0.94, 0.965),      # an order every other week: the risk spread over the cycle
    (100, 3, 300, 0.94, 0.965),      # big orders, erratic demand
    (2, 2, 10, 0.95, 0.98),          # slow: whole units overshoot a little, never fall short
    (0.3, 3, 0, 0.94, 0.972),        # a few lumps a year: its weeks without sales are no service to it
    (0.1, 6, 2, 0.94, 0.97),
])
def test_service_point_gives_the_service_asked_for(mean, dispersion, extra, low, high):
    assert low <= _simulated_service(mean, dispersion, extra, 0.95) <= high


def test_minmax_rule():
    item = Item("X", np.full(28, 1.0), 1.0, LeadTime.fixed(7, "x"), 7, 0.95, recent_rate=3.0, on_hand=10)
    lv = plan_item(item, "minmax")
    assert (lv.reorder_point, lv.order_up_to, lv.order_qty) == (42.0, 84.0, 74.0)


def test_optimal_policy_through_plan_item_matches_the_exact_solver():
    from core.policy.optimal import negbin_pmf, optimal_sS

    item = Item("Y", np.full(28, 1.0), 1.0, LeadTime.fixed(0, "x"), 1, 0.8, unit_cost=365.0, order_cost=5.0)
    lv = plan_item(item, "optimal", holding_rate=1.0)
    # period of one day, h = 1 a day, p = h x 0.8 / 0.2 = 4, K = 5, Poisson(1)
    best = optimal_sS(negbin_pmf(1.0, 1.0), 1.0, 4.0, 5.0, lead_pmf=negbin_pmf(1.0, 1.0))
    assert (lv.reorder_point, lv.order_up_to) == (max(best.s + 1, 1), best.S)


def test_most_sold_is_the_largest_sum_over_the_span_of_each_row():
    from core.policy.levels import most_sold

    rng = np.random.default_rng(5)
    sales = rng.poisson(0.7, (40, 90)).astype(float)
    sales[3] = 0.0                                           # never sold
    sales[5, :80] = np.nan                                   # first known 10 days before the plan
    sales[7, 12] = np.nan                                    # an unknown day counts as none sold
    spans = rng.integers(1, 30, 40)
    spans[5] = 14
    got = most_sold(sales, spans)
    x = np.nan_to_num(sales)
    for i in range(40):
        if i == 3:
            assert np.isnan(got[i])
            continue
        assert got[i] == max(x[i, a:a + spans[i]].sum() for a in range(0, 90 - spans[i] + 1))
    assert most_sold(sales[:1], [500])[0] == x[0].sum()      # a span longer than the history: all of it


def _lumpy_item(most, *, dispersion=800.0, period="day", service=0.95):
    return Item("GIFTWRAP", np.full(28, 80 / 14), dispersion, LeadTime.fixed(7, "the default lead time"), 7,
                service, unit_cost=0.3, period=period, most_sold=most)


def test_a_reorder_point_is_held_to_what_the_products_own_sales_ever_needed():
    """A spread read from a few backtest weeks (a gift shop's first two months, a Christmas closure in its one
    backtest window) asked for a reorder point of thousands for a product that sells 80 a fortnight in lumps of
    25-50: it is held to 1.5 times the most it ever sold in 14 days, and the explanation says why."""
    wild = plan_item(_lumpy_item(None))
    assert wild.reorder_point > 800 and wild.history_bound is None
    held = plan_item(_lumpy_item(225.0))
    assert held.reorder_point == math.ceil(1.5 * 225) == held.history_bound
    assert held.order_up_to - held.reorder_point == pytest.approx(wild.order_up_to - wild.reorder_point)
    assert held.asked == wild.reorder_point
    assert "more than its sales have ever called for: it is held to 338, the larger of 1.5 times the most it sold " \
           "in any 14 days of the last year (225) and twice its expected demand" in held.explanation
    assert "held to 338 (" in plan_item(_lumpy_item(225.0), "optimal").explanation
    # the forecast's own expected demand is never cut: twice it is the floor of the bound
    assert plan_item(_lumpy_item(10.0)).reorder_point == math.ceil(2 * 80)
    # a product whose spread asks for less than its history shows is not touched
    calm = plan_item(_lumpy_item(225.0, dispersion=1.5))
    assert calm.history_bound is None and calm.reorder_point < 338
    assert calm.reorder_point == plan_item(_lumpy_item(None, dispersion=1.5)).reorder_point
    # the optimal policy is held alike; min/max and weekly or monthly totals are not
    assert plan_item(_lumpy_item(225.0), "optimal").reorder_point <= 338
    assert plan_item(_lumpy_item(225.0, period="month")).history_bound is None


@pytest.mark.slow
def test_the_plan_holds_each_daily_product_to_the_most_it_sold_over_its_protection_interval(demo):
    """plan_shop reads every daily product's sales of the last year and gives each item the most it sold in any
    span of its wait + lead time + review: the same as worked out from the shop file directly."""
    import pandas as pd

    from core.policy.levels import protection_days
    from core.policy.plan import plan_shop

    plan = plan_shop(demo)
    as_of = plan.as_of
    sales = pd.read_sql_query("SELECT p.sku, s.date, sum(s.qty) AS qty FROM sales s JOIN products p "
                              "ON p.id = s.product_id WHERE s.date > date(?, '-365 days') AND s.date <= ? "
                              "GROUP BY p.sku, s.date", demo.conn, params=(as_of.isoformat(), as_of.isoformat()))
    days = pd.date_range(as_of - pd.Timedelta(days=364), as_of)
    checked = 0
    for sku, item in list(plan.items.items())[:25]:
        series = sales[sales["sku"] == sku].set_index(pd.to_datetime(sales.loc[sales["sku"] == sku, "date"]))["qty"]
        daily = series.reindex(days, fill_value=0.0).to_numpy()
        span = protection_days(item)
        expected = max(daily[a:a + span].sum() for a in range(0, len(daily) - span + 1))
        assert item.most_sold == pytest.approx(expected)
        checked += 1
    assert checked == 25
