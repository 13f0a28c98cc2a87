"""The exact (s, S) of Zheng-Federgruen: their worked example, brute force over every (s, S) in a box, value
iteration over all policies, a simulation with a real order pipeline, and the base-stock limit K = 0."""
from __future__ import annotations

from collections import deque

import numpy as np
import pytest

from core.policy.optimal import (average_cost, negbin_pmf, one_period_cost, optimal_sS, poisson_pmf,
                                 renewal_density)

CASES = {
    "zf-example": (poisson_pmf(6), 1.0, 4.0, 5.0, None),
    "poisson-3": (poisson_pmf(3), 1.0, 9.0, 20.0, None),
    "negbin-2": (negbin_pmf(2, 3), 1.0, 9.0, 10.0, None),
    "lead-1": (poisson_pmf(4), 1.0, 9.0, 30.0, poisson_pmf(8)),
    "slow-seller": (negbin_pmf(0.3, 4), 1.0, 19.0, 15.0, None),     # p0 about 0.84
}


def test_zheng_federgruen_example():
    policy = optimal_sS(poisson_pmf(6), holding=1.0, shortage=4.0, order_cost=5.0)
    assert (policy.s, policy.S) == (4, 10)
    assert round(policy.cost, 3) == 8.034
    assert policy.cost == pytest.approx(average_cost(4, 10, poisson_pmf(6), 1.0, 4.0, 5.0))


@pytest.mark.parametrize("name", CASES)
def test_matches_brute_force_over_every_policy_in_a_box(name):
    period, h, p, K, lead = CASES[name]
    costs = {(s, S): average_cost(s, S, period, h, p, K, lead)
             for s in range(-10, 30) for S in range(s + 1, 45)}
    (s, S), cost = min(costs.items(), key=lambda item: item[1])
    assert -10 < s < 29 and S < 44, "the box must hold the optimum inside, not on its edge"
    policy = optimal_sS(period, h, p, K, lead)
    assert policy.cost == pytest.approx(cost, rel=1e-12)
    assert (policy.s, policy.S) == (s, S)


def _value_iteration(period, h, p, K, lead, low=-40, high=60, sweeps=3000) -> tuple[float, int, int]:
    """Relative value iteration over every ordering rule, not only (s, S): state = position before ordering,
    order up to any y >= x. Returns the average cost and the (s, S) the values point to."""
    positions = np.arange(low, high + 1)
    G = one_period_cost(positions, lead if lead is not None else period, h, p)
    after = np.clip(positions[:, None] - np.arange(len(period))[None, :], low, high) - low   # y - D
    v = np.zeros(len(positions))
    for _ in range(sweeps):
        stay = G + v[after] @ period                           # cost of being at y after ordering
        best_above = np.minimum.accumulate(stay[::-1])[::-1]   # cheapest y >= x
        new = np.minimum(stay, K + best_above)
        gain, v = new[0 - low], new - new[0 - low]
    orders = K + best_above < stay
    return float(gain), int(positions[orders].max()), int(positions[np.argmin(stay)])


@pytest.mark.parametrize("name", ["zf-example", "lead-1", "slow-seller"])
def test_matches_value_iteration_over_all_policies(name):
    period, h, p, K, lead = CASES[name]
    gain, s, S = _value_iteration(period, h, p, K, lead)
    policy = optimal_sS(period, h, p, K, lead)
    assert policy.cost == pytest.approx(gain, rel=1e-3)
    assert (policy.s, policy.S) == (s, S)


def test_lead_pmf_is_demand_over_lead_time_plus_one_period():
    """A simulation with the lead time as a real pipeline (orders arrive after 2 periods, costs on the net stock
    at each period's end) costs what c(s, S) says with lead_pmf = demand over 3 periods."""
    mean, lead_periods, s, S, h, p, K = 4.0, 2, 12, 22, 1.0, 9.0, 30.0
    demand = np.random.default_rng(7).poisson(mean, 200_000)
    net, pipeline, total = S, deque([0] * lead_periods), 0.0
    for d in demand:
        position = net + sum(pipeline)
        order = S - position if position <= s else 0
        total += K if order else 0.0
        pipeline.append(order)
        net += pipeline.popleft() - d
        total += h * max(net, 0) + p * max(-net, 0)
    expected = average_cost(s, S, poisson_pmf(mean), h, p, K, lead_pmf=poisson_pmf(mean * (lead_periods + 1)))
    assert total / len(demand) == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize("name", CASES)
def test_no_order_cost_gives_base_stock_at_the_newsvendor_quantile(name):
    period, h, p, _, lead = CASES[name]
    demand = lead if lead is not None else period
    quantile = int(np.searchsorted(np.cumsum(demand), p / (p + h)))
    policy = optimal_sS(period, h, p, 0.0, lead)
    assert (policy.s, policy.S) == (quantile - 1, quantile)
    assert policy.cost == pytest.approx(float(one_period_cost(np.array([quantile]), demand, h, p)[0]))


def test_periods_without_demand_count_in_the_cycle():
    """Demand 0 or 1 with equal odds, (s, S) = (0, 1): the position waits 2 periods on average at 1, so
    c = (K + 2 G(1)) / 2 with G(1) = h / 2."""
    pmf = np.array([0.5, 0.5])
    assert renewal_density(pmf, 3) == pytest.approx([2.0, 2.0, 2.0])
    assert average_cost(0, 1, pmf, holding=1.0, shortage=3.0, order_cost=5.0) == pytest.approx((5.0 + 2 * 0.5) / 2)


def test_one_period_cost_covers_backorders_and_stock_beyond_the_demand():
    pmf = np.array([0.2, 0.5, 0.3])                            # mean 1.1
    y = np.array([-3, 0, 1, 2, 7])
    expected = [4 * (1.1 + 3), 4 * 1.1, 1 * 0.2 + 4 * 0.3, 1 * (0.4 + 0.5), 1 * (7 - 1.1)]
    assert one_period_cost(y, pmf, holding=1.0, shortage=4.0) == pytest.approx(expected)


def test_small_rounding_is_renormalised():
    pmf = poisson_pmf(6)
    assert optimal_sS(pmf * (1 + 1e-9), 1.0, 4.0, 5.0) == optimal_sS(pmf, 1.0, 4.0, 5.0)


@pytest.mark.parametrize("pmf", [[1.0], [1.0, 0.0, 0.0], [0.6, -0.1, 0.5], [0.5, 0.4], [0.5, np.nan, 0.5], []])
def test_refuses_what_is_no_demand_pmf(pmf):
    with pytest.raises(ValueError):
        optimal_sS(np.array(pmf), 1.0, 4.0, 5.0)


@pytest.mark.parametrize("costs", [(0.0, 4.0, 5.0), (1.0, 0.0, 5.0), (1.0, 4.0, -1.0), (np.inf, 4.0, 5.0)])
def test_refuses_costs_without_an_optimum(costs):
    with pytest.raises(ValueError):
        optimal_sS(poisson_pmf(6), *costs)


def test_demand_helpers_have_the_asked_moments():
    for pmf, mean, variance in [(poisson_pmf(30), 30, 30), (negbin_pmf(30, 4), 30, 120),
                                (negbin_pmf(30, 0.5), 30, 30)]:
        k = np.arange(len(pmf))
        assert pmf.sum() == pytest.approx(1.0)
        assert k @ pmf == pytest.approx(mean, rel=1e-9)
        assert (k - mean) ** 2 @ pmf == pytest.approx(variance, rel=1e-6)
    assert np.array_equal(negbin_pmf(5, 1.0), poisson_pmf(5))
    assert np.array_equal(poisson_pmf(0), [1.0])


@pytest.mark.parametrize("mean", [1e-6, 0.03, 0.7, 4.2, 37.0, 850.0, 49_980.0])
@pytest.mark.parametrize("dispersion", [1.0, 1.0001, 1.6, 6.0, 40.0])
def test_demand_pmfs_match_scipy_to_the_tail_cut(mean, dispersion):
    """The pmfs are computed from their logs (thousands a plan, without a frozen scipy distribution each): the same
    values as scipy's, cut at the same tail (within a few far-tail points whose probability is below 1e-12)."""
    from scipy import stats

    dist = stats.poisson(mean) if dispersion <= 1 else stats.nbinom(mean / (dispersion - 1), 1 / dispersion)
    expected = dist.pmf(np.arange(int(dist.isf(1e-12)) + 1))
    expected /= expected.sum()
    got = negbin_pmf(mean, dispersion)
    assert abs(len(got) - len(expected)) <= 5
    common = min(len(got), len(expected))
    assert np.abs(got[:common] - expected[:common]).max() < 1e-11
    assert got.sum() == pytest.approx(1.0, abs=1e-12)
