"""The textbook pieces, each with a known answer in tests/policy: EOQ, the newsvendor, the normal-curve
reorder point (kept as the reference that misses on slow movers), and rounding to packs and minimums."""
from __future__ import annotations

import math

from scipy import stats

from core.policy.demand import DemandDistribution


def eoq(annual_demand: float, order_cost: float, holding_cost_per_unit_year: float) -> float:
    """Economic order quantity sqrt(2 D K / h): the order size at which ordering and holding cost balance."""
    if annual_demand <= 0 or order_cost <= 0:
        return 0.0
    if holding_cost_per_unit_year <= 0:
        return math.inf
    return math.sqrt(2.0 * annual_demand * order_cost / holding_cost_per_unit_year)


def critical_ratio(underage: float, overage: float) -> float:
    """The newsvendor's target: the chance of covering demand at which one more unit's expected gain
    (underage cost x P(it sells)) equals its expected loss (overage cost x P(it doesn't))."""
    return underage / (underage + overage)


def newsvendor(demand: DemandDistribution, underage: float, overage: float) -> int:
    """The stock that maximises expected profit for one selling period."""
    return demand.quantile(critical_ratio(underage, overage))


def normal_reorder_point(daily_mean: float, daily_std: float, lead_days: float, service: float,
                         lead_std_days: float = 0.0) -> float:
    """Mean lead-time demand plus z x its standard deviation, with lead-time variability when known:
    sqrt(L sigma^2 + mu^2 sigma_L^2). Right for fast, steady sellers; on slow movers it misses its target."""
    z = stats.norm.ppf(service)
    sigma = math.sqrt(lead_days * daily_std ** 2 + (daily_mean * lead_std_days) ** 2)
    return daily_mean * lead_days + z * sigma


def round_order(qty: float, pack: float = 1.0, moq: float = 0.0) -> float:
    """Whole packs, at least the minimum order quantity (itself in whole packs); nothing stays nothing."""
    if qty <= 1e-9:
        return 0.0
    pack = pack if pack and pack > 0 else 1.0
    packs = math.ceil(qty / pack - 1e-9)
    packs = max(packs, math.ceil((moq or 0.0) / pack - 1e-9), 1)
    return packs * pack
