"""One order per supplier, optimised together: whole packs, each product's minimum quantity, each supplier's
minimum order value, capacity where given, and one budget over all of them.

The model (a mixed-integer program solved by HiGHS through scipy.optimize.milp):
- per line, n = packs ordered (integer), z = ordered at all (binary); per supplier, y = an order is placed;
- the value of the units of a line is concave: each unit up to the suggestion avoids expected lost margin
  (margin x the drop in expected units short over the protection interval, from the product's own demand
  distribution), units beyond it only cost holding; a chain of segments of falling slope carries it;
- pack x n >= minimum quantity x z; n <= most x z; z <= y; order value >= supplier minimum x y; units <= capacity;
  total value <= budget;
- maximise the value. Without a budget or a supplier minimum in the way, that is exactly the suggestion; with a
  budget, the money goes where each unit of it avoids the most expected lost margin; below a supplier's minimum,
  the order is topped up with the packs that cost least to hold, or dropped where that is worth more.

The owner's own quantities are kept as they are. Where they cannot all hold (over the budget, below a minimum,
over capacity) the solution says which constraint and by how much.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from core.i18n import _, sentences

SUGGESTED_SEGMENTS = 8
EXTRA_SEGMENTS = 3
EPSILON = 1e-6
MARGIN_IF_UNKNOWN = 0.3      # a lost sale of a product without a shelf price: 30% of its cost
MIP_OPTIONS = {"time_limit": 30.0}


@dataclass
class OrderLine:
    key: str
    supplier: str
    unit_cost: float
    pack: float
    moq: float
    wanted: float                                 # the suggestion (or the owner's own quantity)
    margin: float = 0.0                           # margin lost per unit not in stock
    position: float = 0.0
    shortage: Callable[[np.ndarray], np.ndarray] | None = None   # E[units short | stock position y]
    most: float = 0.0                             # the most that may be ordered (cover, shelf life)
    holding_per_unit: float = 0.0                 # cost of holding one unit more than needed
    fixed: bool = False                           # the owner's own quantity: kept


@dataclass
class SupplierRule:
    name: str
    min_order_value: float = 0.0
    capacity_units: float | None = None


@dataclass
class OrderSolution:
    qty: dict[str, float]
    lost_margin: dict[str, float]                  # expected lost margin added by cutting the line
    supplier_value: dict[str, float]
    supplier_notes: dict[str, str]
    total: float
    budget: float | None
    notes: list[str] = field(default_factory=list)  # problems no order can solve, with the amounts
    seconds: float = 0.0

    @property
    def lost_margin_total(self) -> float:
        return float(sum(self.lost_margin.values()))


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _segments(line: OrderLine) -> list[tuple[float, float]]:
    """(length in units, value per unit) of each segment, slopes falling."""
    pack = line.pack if line.pack > 0 else 1.0
    wanted_packs = round(line.wanted / pack)
    most_packs = max(math.floor(line.most / pack + 1e-9), wanted_packs)
    out = []
    if wanted_packs:
        edges = np.unique(np.round(np.linspace(0, wanted_packs, min(SUGGESTED_SEGMENTS, wanted_packs) + 1)))
        units = edges * pack
        if line.shortage is not None:
            short = line.shortage(line.position + units)
        else:
            short = np.maximum(line.wanted - units, 0.0)
        for a, b, sa, sb in zip(units[:-1], units[1:], short[:-1], short[1:]):
            out.append((b - a, line.margin * (sa - sb) / (b - a) + EPSILON * (1 + line.unit_cost)))
    if most_packs > wanted_packs:
        edges = np.unique(np.round(np.linspace(wanted_packs, most_packs,
                                               min(EXTRA_SEGMENTS, most_packs - wanted_packs) + 1)))
        for k, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
            out.append(((b - a) * pack, -line.holding_per_unit * (1 + k) - EPSILON))
    return out


def optimise_orders(lines: list[OrderLine], suppliers: dict[str, SupplierRule], budget: float | None = None) -> OrderSolution:
    started = time.perf_counter()
    notes: list[str] = []
    fixed = [l for l in lines if l.fixed]
    free = [l for l in lines if not l.fixed and (l.wanted > 0 or l.most > 0)]
    fixed_value = {s: 0.0 for s in suppliers}
    fixed_units = {s: 0.0 for s in suppliers}
    for l in fixed:
        fixed_value[l.supplier] = fixed_value.get(l.supplier, 0.0) + l.wanted * l.unit_cost
        fixed_units[l.supplier] = fixed_units.get(l.supplier, 0.0) + l.wanted
    room = None
    if budget is not None:
        spent = sum(fixed_value.values())
        if spent > budget + 1e-9:
            notes.append(f"Your own quantities come to {_money(spent)}, over the budget of {_money(budget)} by "
                         f"{_money(spent - budget)}: nothing else can be ordered.")
        room = max(budget - spent, 0.0)

    names = sorted({l.supplier for l in lines} | set(suppliers))
    qty = {l.key: 0.0 for l in lines}
    qty.update({l.key: l.wanted for l in fixed})
    rules = [suppliers.get(l.supplier, SupplierRule(l.supplier)) for l in free]
    if any(l.moq > 0 for l in free) or any((r.min_order_value or 0.0) > 0 or r.capacity_units is not None
                                           for r in rules):
        qty.update(_solve_milp(free, suppliers, names, fixed_value, fixed_units, room, notes))
    else:      # no on/off choice anywhere: the money simply goes where each unit of it is worth most
        qty.update(_fill_budget(free, room))
    lost = {}
    for l in free:
        if qty[l.key] < l.wanted - 1e-9 and l.shortage is not None:
            before, after = l.shortage(np.array([l.position + l.wanted, l.position + qty[l.key]]))
            lost[l.key] = float(l.margin * (after - before))
    value = {s: 0.0 for s in names}
    wanted_value = {s: 0.0 for s in names}
    units = {s: 0.0 for s in names}
    for l in lines:
        value[l.supplier] += qty.get(l.key, 0.0) * l.unit_cost
        wanted_value[l.supplier] += l.wanted * l.unit_cost
        units[l.supplier] += qty.get(l.key, 0.0)
    supplier_notes = _supplier_notes(names, suppliers, value, wanted_value, free, qty, lost, room, budget, units)
    return OrderSolution(qty, lost, value, supplier_notes, float(sum(value.values())), budget, notes,
                         time.perf_counter() - started)


def _solve_milp(free: list[OrderLine], suppliers: dict[str, SupplierRule], names: list[str],
                fixed_value: dict[str, float], fixed_units: dict[str, float], room: float | None,
                notes: list[str]) -> dict[str, float]:
    """The mixed-integer program of the module's docstring: units per free line."""
    # variables: per free line n, z, then its segments; per supplier y
    columns: list[tuple[str, int]] = []          # kind, line
    c, lo, hi, integral = [], [], [], []
    rows, cols, vals, r_lo, r_hi = [], [], [], [], []
    row = [0]

    def add_var(cost, lower, upper, is_int, kind, line):
        columns.append((kind, line))
        c.append(cost); lo.append(lower); hi.append(upper); integral.append(is_int)
        return len(columns) - 1

    def add_row(entries, lower, upper):
        for col, val in entries:
            rows.append(row[0]); cols.append(col); vals.append(val)
        r_lo.append(lower); r_hi.append(upper)
        row[0] += 1

    # the on/off choices exist only where they change something: a supplier's order (y) only where it has a
    # minimum order value, a line's (z) only where it has a minimum quantity or its supplier's order is a choice
    with_minimum = {s for s in names if (suppliers.get(s, SupplierRule(s)).min_order_value or 0.0) > 0}
    y_col = {s: add_var(0.0, 0.0, 1.0, 1, "y", -1) for s in sorted(with_minimum)}
    value_entries = {s: [] for s in names}
    unit_entries = {s: [] for s in names}
    budget_entries = []
    n_col = {}
    for i, l in enumerate(free):
        pack = l.pack if l.pack > 0 else 1.0
        segments = _segments(l)
        most_packs = sum(length for length, _ in segments) / pack
        n = add_var(0.0, 0.0, most_packs, 1, "n", i)
        n_col[i] = n
        seg_cols = [add_var(-slope, 0.0, length, 0, "u", i) for length, slope in segments]
        add_row([(u, 1.0) for u in seg_cols] + [(n, -pack)], 0.0, 0.0)
        if l.moq > 0 or l.supplier in y_col:
            z = add_var(0.0, 0.0, 1.0, 1, "z", i)
            if l.moq > 0:
                add_row([(n, pack), (z, -l.moq)], 0.0, np.inf)
            add_row([(n, 1.0), (z, -max(most_packs, 1.0))], -np.inf, 0.0)
            if l.supplier in y_col:
                add_row([(z, 1.0), (y_col[l.supplier], -1.0)], -np.inf, 0.0)
        value_entries[l.supplier].append((n, l.unit_cost * pack))
        unit_entries[l.supplier].append((n, pack))
        budget_entries.append((n, l.unit_cost * pack))
    for s in names:
        rule = suppliers.get(s, SupplierRule(s))
        if fixed_value.get(s, 0.0) > 0 and s in y_col:       # the owner's own lines place this order
            lo[y_col[s]] = 1.0
        minimum = rule.min_order_value or 0.0
        if s in y_col and value_entries[s] is not None:
            reachable = fixed_value.get(s, 0.0) + sum(v * hi[col] for col, v in value_entries[s])
            if fixed_value.get(s, 0.0) > 0 and reachable < minimum - 1e-9:
                notes.append(_("{supplier}: even with every useful pack added the order reaches {reachable}, below "
                               "the supplier's minimum of {minimum} by {short}.").format(
                    supplier=s, reachable=_money(reachable), minimum=_money(minimum),
                    short=_money(minimum - reachable)))
            else:
                add_row(value_entries[s] + [(y_col[s], -(minimum - fixed_value.get(s, 0.0)))], 0.0, np.inf)
        if rule.capacity_units is not None:
            left = rule.capacity_units - fixed_units.get(s, 0.0)
            if left < 0:
                notes.append(_("{supplier}: your own quantities come to {units:,.0f} units, over the capacity of "
                               "{capacity:,.0f} by {over:,.0f}.").format(
                    supplier=s, units=fixed_units[s], capacity=rule.capacity_units, over=-left))
            if unit_entries[s]:
                add_row(unit_entries[s], -np.inf, max(left, 0.0))
    if room is not None and budget_entries:
        add_row(budget_entries, -np.inf, room)

    qty = {}
    if columns:
        constraints = []
        if row[0]:
            A = coo_array((vals, (rows, cols)), shape=(row[0], len(columns))).tocsr()
            constraints = [LinearConstraint(A, r_lo, r_hi)]
        result = milp(np.array(c), constraints=constraints, integrality=np.array(integral),
                      bounds=Bounds(np.array(lo), np.array(hi)), options=dict(MIP_OPTIONS))
        x = result.x if result.x is not None else np.zeros(len(columns))
        if result.x is None:
            notes.append(_("The optimiser found no order that meets every rule ({reason}).").format(
                reason=result.message))
        for i, l in enumerate(free):
            qty[l.key] = float(round(x[n_col[i]]) * (l.pack if l.pack > 0 else 1.0))
    return qty


def _fill_budget(free: list[OrderLine], room: float | None) -> dict[str, float]:
    """Units per free line where no line has a minimum quantity and no supplier a minimum order or a capacity: the
    whole packs that avoid the most expected lost margin per unit of money, until the budget is spent.

    Each line's value is concave (its segments' slopes fall), so taking segments by value per money, a line's in
    its own order, is the linear programme's optimum; the one segment the budget cuts is taken in whole packs only,
    and the money left over still buys whole packs of the next best segments. Exact to within one pack of one line
    of the integer optimum — in milliseconds where HiGHS takes seconds on a few thousand lines. Without a budget it
    is the suggestion itself (every segment of positive value: the units up to the suggestion)."""
    qty: dict[str, float] = {}
    candidates = []
    for i, l in enumerate(free):
        qty[l.key] = 0.0
        for k, (length, slope) in enumerate(_segments(l)):
            if slope <= 0:
                break                          # slopes fall: what follows costs more than it avoids
            ratio = slope / l.unit_cost if l.unit_cost > 0 else np.inf
            candidates.append((-ratio, i, k, length))
    candidates.sort()
    left = np.inf if room is None else room
    blocked: set[int] = set()                  # a line whose segment was cut: nothing after it
    for _ratio, i, _k, length in candidates:
        if i in blocked:
            continue
        l = free[i]
        pack = l.pack if l.pack > 0 else 1.0
        cost = length * l.unit_cost
        if cost <= left + 1e-9:
            qty[l.key] += length
            left -= cost
            continue
        packs = math.floor(left / (pack * l.unit_cost) + 1e-9) if l.unit_cost > 0 else 0
        if packs > 0:
            qty[l.key] += packs * pack
            left -= packs * pack * l.unit_cost
        blocked.add(i)
    return qty


def _supplier_notes(names, suppliers, value, wanted_value, free, qty, lost, room, budget,
                    units: dict[str, float] | None = None) -> dict[str, str]:
    """Each supplier's one-line note. `units`: the units ordered from each; a shop whose sheets carry no unit costs
    orders units of no known value, and its note says how many rather than "Nothing to order"."""
    units = units or {}
    out = {}
    lost_by_supplier: dict[str, float] = {}
    for l in free:
        if l.key in lost:
            lost_by_supplier[l.supplier] = lost_by_supplier.get(l.supplier, 0.0) + lost[l.key]
    for s in names:
        minimum = suppliers.get(s, SupplierRule(s)).min_order_value or 0.0
        wanted, got = wanted_value[s], value[s]
        lost_here = lost_by_supplier.get(s, 0.0)
        if wanted <= 1e-9 and got <= 1e-9 and units.get(s, 0.0) > 1e-9:
            out[s] = _("Order of {units:,.0f} units (their value is not known: no unit costs were imported).").format(
                units=units[s])
        elif wanted <= 1e-9 and got <= 1e-9:
            out[s] = _("Nothing to order.")
        elif got <= 1e-9:
            reachable = sum(l.most * l.unit_cost for l in free if l.supplier == s)
            if minimum and reachable < minimum - 1e-9:
                out[s] = _("Not ordered: even every useful pack comes to {reachable}, below the supplier's minimum "
                           "order of {minimum} by {short}.").format(
                    reachable=_money(reachable), minimum=_money(minimum), short=_money(minimum - reachable))
            elif budget is not None and minimum > (room or 0.0):
                out[s] = _("Not ordered: the supplier's minimum order of {minimum} is {over} more than the budget "
                           "allows; expected lost margin {lost}.").format(
                    minimum=_money(minimum), over=_money(minimum - (room or 0.0)), lost=_money(lost_here))
            else:
                out[s] = _("Not ordered within the budget; expected lost margin {lost}.").format(lost=_money(lost_here))
        elif got > wanted + 1e-9:
            out[s] = _("Topped up by {added} to reach the supplier's minimum order of {minimum}.").format(
                added=_money(got - wanted), minimum=_money(minimum))
        elif got < wanted - 1e-9:
            out[s] = _("Cut by {cut} to fit the budget; expected lost margin {lost}.").format(
                cut=_money(wanted - got), lost=_money(lost_here))
        else:
            out[s] = (_("Order of {value} (minimum {minimum} met).") if minimum else _("Order of {value}.")).format(
                value=_money(got), minimum=_money(minimum))
    return out


def optimise_plan(shop, plan) -> OrderSolution:
    """Fit a plan's lines to its suppliers' rules and the budget; writes the final quantities back into
    plan.lines (order_qty; suggested_qty keeps the policy's figure) with what changed and why."""
    lines = plan.lines
    settings = plan.settings
    rules = {r["name"]: SupplierRule(r["name"], r["min_order_value"] or 0.0)
             for r in shop.query("SELECT name, min_order_value FROM suppliers")}
    full_minimum: dict[str, float] = {}     # the supplier's own figure, for the words
    # A draft not yet sent goes with what is added to it (a second *Create* adds to the day's draft), so its
    # value counts toward the supplier's minimum: the rest is never topped up as if it were an order of its own.
    for name, drafted in shop.query(
            "SELECT s.name, sum(l.qty * coalesce(l.unit_cost, 0)) FROM purchase_orders o "
            "JOIN purchase_order_lines l ON l.order_id = o.id JOIN suppliers s ON s.id = o.supplier_id "
            "WHERE o.status = 'draft' AND o.order_date >= ? GROUP BY s.name", (plan.plan_date.isoformat(),)):
        full_minimum.setdefault(name, rules[name].min_order_value if name in rules else 0.0)
        if name in rules and rules[name].min_order_value and drafted:
            rules[name] = replace(rules[name], min_order_value=max(rules[name].min_order_value - float(drafted), 0.0))
    order_lines = []
    for row in lines.itertuples(index=False):
        item, lv = plan.items[row.sku], plan.levels[row.sku]
        price = row.sell_price if row.sell_price == row.sell_price else None
        margin = (price - row.unit_cost) if price and price > row.unit_cost else MARGIN_IF_UNKNOWN * row.unit_cost
        rate = item.daily_mean.mean() if len(item.daily_mean) else 0.0
        most = max(rate * settings.overstock_days - item.position, 0.0)
        if lv.shelf_life_cap is not None or item.shelf_life_days:
            most = min(most, max(lv.order_up_to - item.position, 0.0))
        if settings.uncounted == "count-first" and not row.counted:
            most = 0.0                  # never counted: nothing to top up with until it is (the owner may still type one)
        most = max(most, row.order_qty)
        holding = row.unit_cost * settings.holding_rate * max(item.position / rate if rate > 0 else 30.0, 7.0) / 365
        order_lines.append(OrderLine(row.sku, row.supplier, row.unit_cost, row.pack, row.moq, float(row.order_qty),
                                     margin, item.position, lv.distribution.shortage, most, holding,
                                     fixed=bool(row.adjusted)))
    solution = optimise_orders(order_lines, rules, settings.budget)
    final = lines["sku"].map(solution.qty).fillna(lines["order_qty"])
    lines["lost_margin"] = lines["sku"].map(solution.lost_margin).fillna(0.0)
    changed = (final - lines["order_qty"]).abs() > 1e-9
    for k in np.flatnonzero(changed.to_numpy()):
        before, after = lines["order_qty"].iat[k], final.iat[k]
        supplier = lines["supplier"].iat[k]
        if after > before:
            why = _("to reach {supplier}'s minimum order of {minimum}.").format(
                supplier=supplier, minimum=_money(full_minimum.get(supplier, rules[supplier].min_order_value)))
        elif after > 0 or settings.budget is not None:
            # this line's own reason, never the supplier-wide sentence ("Cut by 1,660,718.23 ...") pasted in
            why = _("to fit the budget (expected lost margin on this line {lost}).").format(
                lost=_money(lines["lost_margin"].iat[k]))
        else:
            why = _("because nothing is ordered from {supplier} this time: its minimum order of {minimum} is not "
                    "reached.").format(supplier=supplier,
                                       minimum=_money(full_minimum.get(supplier, rules[supplier].min_order_value))) \
                if supplier in rules and rules[supplier].min_order_value else \
                _("because nothing is ordered from {supplier} this time.").format(supplier=supplier)
        then = _("Then raised from {before:g} to {after:g} {why}") if after > before else \
            _("Then cut from {before:g} to {after:g} {why}")
        step = then.format(before=before, after=after, why=why)
        column = lines.columns.get_loc("explanation")
        lines.iat[k, column] = sentences([lines.iat[k, column], step])
        if "steps" in lines.columns:
            column = lines.columns.get_loc("steps")
            lines.iat[k, column] = (*lines.iat[k, column], step)
    lines["order_qty"] = final
    lines["order_value"] = lines["order_qty"] * lines["unit_cost"]
    plan.solution = solution
    return solution
