"""The supplier-order optimisation: the suggestion when nothing is in the way, the right lines cut by a budget,
minimums topped up, and constraints no order can meet explained with their amounts."""
from __future__ import annotations

import numpy as np
import pytest

from core.ordering import OrderLine, SupplierRule, optimise_orders
from core.policy.demand import DemandDistribution


def _sure(demand: int) -> DemandDistribution:
    """Demand of exactly `demand` units: every unit short is a lost sale for certain."""
    pmf = np.zeros(demand + 1)
    pmf[demand] = 1.0
    return DemandDistribution(pmf)


def _line(key, supplier="S", cost=1.0, margin=1.0, demand=10, wanted=10, pack=1, moq=0, most=None, fixed=False,
          holding=0.01):
    return OrderLine(key, supplier, cost, pack, moq, wanted, margin, 0.0, _sure(demand).shortage,
                     most if most is not None else wanted, holding, fixed)


def test_no_constraint_in_the_way_gives_the_suggestion():
    lines = [_line("A", wanted=10, pack=2), _line("B", wanted=7), _line("C", wanted=0, most=0)]
    solution = optimise_orders(lines, {"S": SupplierRule("S")})
    assert solution.qty == {"A": 10, "B": 7, "C": 0}
    assert solution.lost_margin_total == 0
    assert solution.notes == []


def test_a_supplier_of_parts_without_costs_says_how_many_units_not_nothing_to_order():
    """A sheet of monthly totals without costs: every line's value is 0, but the units are an order."""
    lines = [_line("A", "S", cost=0.0, wanted=107), _line("B", "S", cost=0.0, wanted=14), _line("C", "T", cost=0.0,
                                                                                              wanted=0, most=0)]
    solution = optimise_orders(lines, {})
    assert solution.qty == {"A": 107, "B": 14, "C": 0}
    assert solution.supplier_notes["S"] == "Order of 121 units (their value is not known: no unit costs were imported)."
    assert solution.supplier_notes["T"] == "Nothing to order."


def test_budget_cuts_the_lines_where_money_avoids_least_lost_margin():
    lines = [_line("HIGH", margin=10.0), _line("LOW", margin=2.0), _line("MID", margin=5.0)]
    solution = optimise_orders(lines, {"S": SupplierRule("S")}, budget=15.0)
    assert solution.qty == {"HIGH": 10, "MID": 5, "LOW": 0}
    # LOW's 10 units and 5 of MID's are lost sales now: 2 x 10 + 5 x 5
    assert solution.lost_margin == {"LOW": pytest.approx(20.0), "MID": pytest.approx(25.0)}
    assert solution.total == pytest.approx(15.0)
    assert "Cut by 15.00 to fit the budget" in solution.supplier_notes["S"]


def test_budget_keeps_whole_packs_and_minimum_quantities():
    lines = [_line("PACKED", margin=10.0, wanted=12, demand=12, pack=6),
             _line("MOQ", margin=8.0, wanted=10, demand=10, moq=8)]
    solution = optimise_orders(lines, {"S": SupplierRule("S")}, budget=13.0)
    # PACKED's 12 (10 a unit) first, then MOQ cannot take its 8 within 1 left: whole packs, no partial minimum
    assert solution.qty == {"PACKED": 12, "MOQ": 0}
    solution = optimise_orders(lines, {"S": SupplierRule("S")}, budget=20.0)
    assert solution.qty == {"PACKED": 12, "MOQ": 8}


def test_supplier_minimum_is_topped_up_with_the_cheapest_packs_to_hold():
    lines = [_line("NEED", wanted=60, demand=60, cost=1.0),
             _line("SLOW", wanted=0, demand=0, most=100, holding=0.5),
             _line("FAST", wanted=0, demand=0, most=100, holding=0.05)]
    solution = optimise_orders(lines, {"S": SupplierRule("S", min_order_value=100.0)})
    assert solution.qty["NEED"] == 60 and solution.qty["SLOW"] == 0
    assert solution.qty["FAST"] == 40
    assert "Topped up by 40.00" in solution.supplier_notes["S"]


def test_supplier_minimum_out_of_the_budget_is_explained_with_the_amount():
    lines = [_line("A", supplier="Big", wanted=50, demand=50, most=60),
             _line("B", supplier="Small", wanted=20, demand=20, margin=0.5)]
    rules = {"Big": SupplierRule("Big", min_order_value=150.0), "Small": SupplierRule("Small")}
    solution = optimise_orders(lines, rules, budget=100.0)
    assert solution.qty["A"] == 0 and solution.qty["B"] == 20
    note = solution.supplier_notes["Big"]
    # even every useful pack (60 units at 1.00) cannot reach 150: 90 short
    assert "Not ordered" in note and "150.00" in note and "90.00" in note


def test_owner_quantities_over_budget_are_kept_and_reported():
    lines = [_line("MINE", wanted=80, fixed=True), _line("OTHER", wanted=10)]
    solution = optimise_orders(lines, {"S": SupplierRule("S")}, budget=50.0)
    assert solution.qty == {"MINE": 80, "OTHER": 0}
    assert any("over the budget of 50.00 by 30.00" in note for note in solution.notes)


def test_capacity_limits_units():
    lines = [_line("A", margin=3.0, wanted=30, demand=30), _line("B", margin=1.0, wanted=30, demand=30)]
    solution = optimise_orders(lines, {"S": SupplierRule("S", capacity_units=40)})
    assert solution.qty == {"A": 30, "B": 10}


def test_three_hundred_lines_with_budget_and_minimums_solve():
    rng = np.random.default_rng(3)
    lines = []
    for k in range(300):
        demand = int(rng.integers(1, 80))
        lines.append(OrderLine(f"P{k}", f"S{k % 8}", float(rng.uniform(0.5, 20)), float(rng.choice([1, 6, 12])),
                               0.0, float(demand), float(rng.uniform(0.2, 5)), 0.0, _sure(demand).shortage,
                               float(demand * 2), 0.01))
    rules = {f"S{k}": SupplierRule(f"S{k}", min_order_value=300.0) for k in range(8)}
    wanted = sum(l.wanted * l.unit_cost for l in lines)
    solution = optimise_orders(lines, rules, budget=wanted / 2)
    assert solution.total <= wanted / 2 + 1e-6
    for l in lines:
        assert solution.qty[l.key] % l.pack == 0
    for s, value in solution.supplier_value.items():
        assert value == 0 or value >= 300.0 - 1e-6


def _random_lines(seed: int, n: int, suppliers: int = 5) -> list[OrderLine]:
    rng = np.random.default_rng(seed)
    lines = []
    for k in range(n):
        demand = int(rng.integers(1, 60))
        pack = float(rng.choice([1, 1, 6, 12]))
        wanted = float(np.ceil(demand / pack) * pack)
        pmf = rng.dirichlet(np.ones(demand + 1))          # uncertain demand: a concave value of units
        lines.append(OrderLine(f"P{k}", f"S{k % suppliers}", float(rng.uniform(0.5, 20)), pack, 0.0, wanted,
                               float(rng.uniform(0.2, 5)), 0.0, DemandDistribution(pmf).shortage,
                               wanted * 2, 0.01))
    return lines


def _value(lines: list[OrderLine], qty: dict[str, float]) -> float:
    """Expected lost margin avoided by the chosen units (what the optimiser maximises, holding aside)."""
    return sum(l.margin * float(np.diff(l.shortage(np.array([l.position + qty[l.key], l.position])))[0])
               for l in lines)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_without_minimums_the_budget_is_filled_by_value_per_money_as_well_as_the_milp_does(seed):
    """No minimum quantity, order value or capacity: the fast fill (value per money, whole packs) stands in for
    the milp. Its orders keep whole packs and the budget, and avoid as much lost margin as the milp's, less at
    most one pack of one line."""
    from core.ordering.optimise import _solve_milp

    lines = _random_lines(seed, 120)
    rules = {f"S{k}": SupplierRule(f"S{k}") for k in range(5)}
    wanted = sum(l.wanted * l.unit_cost for l in lines)
    for budget in (wanted / 10, wanted / 2, wanted * 0.9):
        fast = optimise_orders(lines, rules, budget=budget)
        assert fast.total <= budget + 1e-6
        assert all(fast.qty[l.key] % l.pack == 0 and 0 <= fast.qty[l.key] <= l.wanted for l in lines)
        exact = _solve_milp(lines, rules, sorted(rules), {}, {}, budget, [])
        one_pack = max(l.margin * l.pack for l in lines)
        assert _value(lines, fast.qty) >= _value(lines, exact) - one_pack
    assert optimise_orders(lines, rules).qty == {l.key: l.wanted for l in lines}     # no budget: the suggestion

