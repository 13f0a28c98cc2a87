"""Safety stock shared across products for the fill rate (core.policy.fill): the curves against a simulation, the
shared value against the target, and less stock than each product's own service for the same units served."""
from __future__ import annotations

import numpy as np
import pytest

from core.policy.demand import LeadTime
from core.policy.fill import fill_curve, shortage_value
from core.policy.levels import Item, fill_terms, plan_item, share_shortage_values
from core.policy.optimal import negbin_pmf


def _simulate_base_stock(mean: float, dispersion: float, lead: int, level: int, periods: int = 200_000,
                         seed: int = 0) -> tuple[float, float]:
    """Order up to `level` every period, arriving `lead` periods later; backorders. (units short a period, average
    stock on hand over a period)."""
    rng = np.random.default_rng(seed)
    if dispersion > 1:
        n = mean / (dispersion - 1.0)
        demand = rng.negative_binomial(n, 1.0 / dispersion, periods)
    else:
        demand = rng.poisson(mean, periods)
    # with base stock the net stock at the end of period t is level - demand over periods t - lead .. t
    window = np.convolve(demand, np.ones(lead + 1), mode="valid")
    before = np.convolve(demand, np.ones(lead), mode="valid")[:len(window)] if lead else np.zeros(len(window))
    end = level - window
    start = level - before
    short = np.maximum(-end, 0) - np.maximum(-start, 0)
    hold = (np.maximum(end, 0) + np.maximum(start, 0)) / 2
    return float(short.mean()), float(hold.mean())


@pytest.mark.parametrize("mean, dispersion, lead", [(0.4, 1.0, 1), (3.0, 2.5, 2), (12.0, 4.0, 3)])
def test_the_curve_matches_a_simulated_shelf(mean, dispersion, lead):
    protect = negbin_pmf(mean * (lead + 1), dispersion)
    lead_pmf = negbin_pmf(mean * lead, dispersion)
    curve = fill_curve(protect, lead_pmf, 0.0, negbin_pmf(mean, dispersion), 1.0)
    for level in (1, max(int(mean * (lead + 1)), 2), int(mean * (lead + 1) * 1.5) + 3):
        short, hold = _simulate_base_stock(mean, dispersion, lead, level)
        got_hold, got_short, _risk = curve.at(level)
        assert got_short == pytest.approx(short, abs=0.01 * mean + 0.002)
        assert got_hold == pytest.approx(hold, rel=0.03, abs=0.01)


def _simulate_risk(mean: float, dispersion: float, lead: int, level: int, periods: int = 400_000,
                   seed: int = 1) -> float:
    """Base stock `level` as above: the share of the periods with sales in which some of them are short."""
    rng = np.random.default_rng(seed)
    n = mean / (dispersion - 1.0)
    demand = rng.negative_binomial(n, 1.0 / dispersion, periods)
    window = np.convolve(demand, np.ones(lead + 1), mode="valid")
    end = level - window
    sold = demand[lead:] > 0
    return float(((end < 0) & sold).sum() / sold.sum())


@pytest.mark.parametrize("mean, dispersion, lead", [(0.05, 6.0, 7), (0.3, 3.0, 1), (4.0, 2.0, 2)])
def test_the_chance_of_running_short_counts_the_periods_with_sales_only(mean, dispersion, lead):
    """A slow lumpy part is short in a period with sales only where that period's sales find the shelf too low;
    the shelf that went empty in a period without sales turns no customer away (the weekly part that sold 10 once
    in three years, held at 6, was said to run short in about 100% of its periods with sales)."""
    protect = negbin_pmf(mean * (lead + 1), dispersion)
    curve = fill_curve(protect, negbin_pmf(mean * lead, dispersion), 0.0, negbin_pmf(mean, dispersion), 1.0)
    for level in (1, 3, max(int(mean * (lead + 1) * 2), 4)):
        _hold, _short, risk = curve.at(level)
        assert risk == pytest.approx(_simulate_risk(mean, dispersion, lead, level), abs=0.03)


def _shop(seed: int = 3) -> list[Item]:
    """Forty monthly parts: a few fast cheap ones, many slow costly ones."""
    rng = np.random.default_rng(seed)
    items = []
    for k in range(40):
        fast = k < 8
        rate = rng.uniform(20, 60) if fast else rng.uniform(0.1, 1.5)
        cost = rng.uniform(1, 5) if fast else rng.uniform(50, 400)
        items.append(Item(f"P{k}", np.full(95, rate / 30.4), 2.0 if fast else 1.5, LeadTime.fixed(30, "stated"), 30,
                          0.95, unit_cost=cost, period="month"))
    return items


def _totals(items: list[Item], levels) -> tuple[float, float, float]:
    """(units short a period, units sold a period, stock value) over the shop."""
    short = sold = value = 0.0
    for item, lv in zip(items, levels):
        curve = fill_terms(item)
        hold, units_short, _risk = curve.at(int(lv.reorder_point))
        short, sold, value = short + units_short, sold + curve.period_sales, value + hold * item.unit_cost
    return short, sold, value


def test_the_shared_value_serves_the_target_share_of_units_at_less_stock_than_each_products_own_service():
    items = _shop()
    values = share_shortage_values(items)
    assert set(values) == {0.95} and 0 < values[0.95] < float("inf")
    shared = [plan_item(item) for item in items]
    short, sold, value = _totals(items, shared)
    assert 1 - short / sold == pytest.approx(0.95, abs=0.01)
    # each product at its own 95%: at least as many units served, but far more stock value
    own_items = [Item(**{**item.__dict__, "shortage_value": None}) for item in items]
    own = [plan_item(item) for item in own_items]
    own_short, _sold, own_value = _totals(own_items, own)
    assert own_short <= short * 1.5
    assert value < 0.8 * own_value
    # the cheap fast parts are held deeper than their own 95% would, the costly slow ones thinner (never below 1)
    assert all(a.reorder_point >= b.reorder_point for a, b in zip(shared[:8], own[:8]))
    assert all(a.reorder_point <= b.reorder_point for a, b in zip(shared[8:], own[8:]))
    assert min(lv.reorder_point for lv in shared) >= 1


def test_products_asking_different_service_levels_are_shared_apart():
    items = _shop()
    for item in items[::2]:
        item.service = 0.8
    values = share_shortage_values(items)
    assert set(values) == {0.8, 0.95} and values[0.8] < values[0.95]
    for service in (0.8, 0.95):
        group = [item for item in items if item.service == service]
        short, sold, _value = _totals(group, [plan_item(item) for item in group])
        assert 1 - short / sold == pytest.approx(service, abs=0.02)


def test_shortage_value_edges():
    assert shortage_value([], 0.95) == 0.0
    curve = fill_curve(negbin_pmf(2.0, 1.0), negbin_pmf(1.0, 1.0), 0.0, negbin_pmf(1.0, 1.0), 10.0)
    # a lax target already met by the lowest reorder point needs no value on a unit short
    assert shortage_value([curve], 0.2) == 0.0
    value = shortage_value([curve], 0.99)
    s = curve.point(value)
    assert curve.fill(s) >= 0.99 and curve.fill(s - 1) < 0.99


def test_a_dormant_part_may_go_unstocked_but_is_stocked_where_a_unit_there_is_worth_it():
    """A part taken as stopped selling keeps the small rate its silence allows (core.forecasting.periods): the
    shared fill rate may leave it at reorder point 0 (no stock), which a selling part never gets; a cheap one whose
    unit serves as much as one elsewhere is still kept at 1."""
    def dormant(cost: float) -> Item:
        return Item("D", np.full(95, 0.05 / 30.4), 1.2, LeadTime.fixed(30, "stated"), 30, 0.95, unit_cost=cost,
                    period="month", dormant=True)

    costly = dormant(300.0)
    assert fill_terms(costly).first == 0
    live = Item(**{**costly.__dict__, "dormant": False})
    assert fill_terms(live).first == 1
    for item in (costly, live):
        item.shortage_value = 50.0            # a unit short is worth far less than the part's cost
    lv = plan_item(costly)
    assert lv.reorder_point == 0 and lv.order_up_to == 0 and lv.order_qty == 0
    assert plan_item(live).reorder_point == 1     # a live part: an empty shelf is always reordered
    cheap = dormant(1.0)
    cheap.shortage_value = 50.0
    assert plan_item(cheap).reorder_point >= 1
    # weighed with live parts, the value set for the target counts its small sales too
    items = _shop() + [dormant(300.0), dormant(0.5)]
    share_shortage_values(items)
    levels = [plan_item(item) for item in items]
    assert levels[-2].reorder_point == 0 and levels[-1].reorder_point >= 1
    assert all(lv.reorder_point >= 1 for lv in levels[:-2])


def test_demand_the_plan_leaves_unstocked_is_made_up_for_by_the_others():
    """What parts taken as stopped still sell (Item.unplanned) is short, so the other parts are held deeper for the
    shop to serve the share of all units asked; it takes at most half of the shortfall allowed."""
    items = _shop()
    sold = sum(fill_terms(item).period_sales for item in items)
    base = share_shortage_values(items)[0.95]
    base_levels = [plan_item(item) for item in items]
    extra = 0.02 * sold                                   # 2% of the units, in no curve
    items[-1].unplanned = extra / items[-1].review_days   # units a day, as the plan sets it
    deeper = share_shortage_values(items)[0.95]
    assert deeper > base
    levels = [plan_item(item) for item in items]
    short, sold_now, _value = _totals(items, levels)
    assert sold_now == pytest.approx(sold)
    # the planned parts serve about 97%, so that with the 2% left unstocked the shop serves about 95%
    assert 1 - (short + extra) / (sold + extra) == pytest.approx(0.95, abs=0.01)
    assert all(a.reorder_point >= b.reorder_point for a, b in zip(levels, base_levels))
    # unplanned beyond the whole shortfall: capped at half of it, not every part at its deepest point
    curves = [fill_terms(item) for item in items]
    capped = shortage_value(curves, 0.95, unplanned=sold)
    assert capped < float("inf")
    allowed_half = 0.05 * (2 * sold) / 2
    assert sum(c.at(c.point(capped))[1] for c in curves) == pytest.approx(allowed_half, rel=0.15)


def test_where_no_value_serves_the_target_each_product_gets_its_highest_service_not_its_lowest():
    """shortage_value answers infinity where even the highest points fall short of the target; each product then
    gets the point of least shortage on its curve (an infinite value times the shortage had sent every product to
    its lowest point: no stock)."""
    protect = negbin_pmf(3.0 * 4, 2.5)
    curve = fill_curve(protect, negbin_pmf(3.0 * 3, 2.5), 0.0, negbin_pmf(3.0, 2.5), 1.0)
    cut = type(curve)(curve.first, curve.hold[:15], curve.short[:15], curve.risk[:15], curve.period_sales, 1.0)
    assert shortage_value([cut], 0.999) == float("inf")
    assert cut.point(float("inf")) == cut.first + 14 == cut.point(1e9)
    assert curve.point(float("inf")) >= curve.point(1e6) > curve.point(1.0)
