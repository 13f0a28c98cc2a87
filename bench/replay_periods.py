"""Reorder policies replayed in the data's own period on the real weekly and monthly spare-parts sets.

The two workbooks of ../shared/data/spare-parts (SOURCE.md there) are imported through ShelfWise's normal path
into shop files (the monthly one's newest month taken as --latest-period, 2024-06 by default: the file has no
dates). Their last 12 periods are replayed period by period: at the start of each period every policy re-plans
from what was known then (the totals of the periods before it), orders what it asks for, the order arrives after
the lead time (the weekly set: each item's own lead time in weeks and minimum order; the monthly set: one month,
no minimum), and the period's real demand is served from the shelf; what the shelf cannot serve is lost.

Policies, all at a 95% service target, one period of review:
- ShelfWise: the plan's own reading of a period product, as `simulate` replays it (core.simulation.periods): the
  rate of the period forecast (core.forecasting.periods; a part taken as stopped selling is stocked only where the
  shared fill rate is worth a unit there) and the
  spread of the totals summed over the lead time and review, forecast error included
  (core.policy.plan.spread_from_totals, dispersion_over), put through the plan's own levels
  (core.policy.levels.plan_item) with the safety stock shared over the items for the fill rate asked
  (core.policy.fill); and, from the same forecast, "each item's service": every item at its own 95% chance of not
  running empty in a period with sales (the levels before the sharing).
- statsforecast's CrostonSBA and TSB (alpha 0.1 / 0.1) forecasts fed into the same levels with the same spread
  (only the rate differs), where statsforecast is installed (`pip install statsforecast`; not a dependency).
- the min/max rule: reorder at k x (lead + review) periods of the last 12 periods' average demand, up to twice
  that; its curve over k, and the stock it needs for ShelfWise's fill rate (interpolated on the curve).

Counted: the items whose first sale came a lead time and a review before the counted periods (an item first
sold later cannot be on the shelf in time under any policy: nothing knows it before it sells, and what is ordered
then arrives a lead time later); ShelfWise over every item sold before the counted periods is printed as well.

Printed per set: cycle service over periods with demand (the share of (item, period) with demand in which the
shelf did not run empty), fill rate, average stock value (at cost; units where there is no cost), orders, lost
units, and the seconds the 12 plans took.

Run:  .venv/bin/python bench/replay_periods.py            # both sets
      .venv/bin/python bench/replay_periods.py --sets monthly --periods 6
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

from core.importing import run_import  # noqa: E402
from core.simulation.periods import levels_from_rates, minmax_levels, period_rates  # noqa: E402
from core.simulation.replay import ReplayProducts  # noqa: E402
from core.store import open_shop  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "spare-parts"
OUT = ROOT / "bench" / "out" / "periods"
SETS = {"weekly": ("manufacturing_3451_items_150_weeks.xlsx", "week"),
        "monthly": ("automotive_3000_items_24_months.xls", "month")}
SERVICE = 0.95
SCALES = tuple(np.round(np.arange(0.25, 4.01, 0.25), 2))


def load(name: str, latest: str) -> dict:
    """The set imported through the normal path; its totals as an items x periods matrix (empty periods 0)."""
    file, period = SETS[name]
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"{name}.db"
    if not db.exists():
        started = time.perf_counter()
        with open_shop(db) as shop:
            run_import(shop, DATA / file, "sales", latest_period=latest if period == "month" else None,
                       today=dt.date(2025, 1, 1))
        print(f"imported {file} in {time.perf_counter() - started:.1f} s")
    with open_shop(db, create=False) as shop:
        products = pd.read_sql_query("SELECT id, sku, unit_cost, lead_time_days, min_order_qty FROM products "
                                     "ORDER BY id", shop.conn)
        sales = pd.read_sql_query("SELECT product_id, date, sum(qty) AS qty FROM sales GROUP BY product_id, date",
                                  shop.conn)
        first, last = shop.conn.execute("SELECT min(date), max(date) FROM sales").fetchone()
    freq = "7D" if period == "week" else "MS"
    starts = pd.date_range(first, last, freq=freq)
    column = {d: k for k, d in enumerate(starts.strftime("%Y-%m-%d"))}
    row = {pid: k for k, pid in enumerate(products["id"])}
    totals = np.zeros((len(products), len(starts)))
    np.add.at(totals, (sales["product_id"].map(row).to_numpy(), sales["date"].map(column).to_numpy()),
              sales["qty"].to_numpy(dtype=float))
    # an incomplete last period (the export taken in its middle) is left out: one where under a third as many items
    # sold as in the median of the 12 before it (the weekly set's last week, 2014-11-03: 65 items against ~300)
    selling = (totals > 0).sum(axis=0)
    if len(starts) > 13 and selling[-1] < np.median(selling[-13:-1]) / 3:
        print(f"{name}: the last {period} ({starts[-1].date()}) is left out as incomplete: {selling[-1]} items sold "
              f"in it against a median of {np.median(selling[-13:-1]):.0f} in the 12 before")
        totals, starts = totals[:, :-1], starts[:-1]
    days = 7.0 if period == "week" else 365.25 / 12
    lead_periods = np.maximum(1, np.round(products["lead_time_days"].fillna(days).to_numpy() / days)).astype(int) \
        if period == "week" else np.ones(len(products), dtype=int)
    cost = pd.to_numeric(products["unit_cost"], errors="coerce").fillna(0).to_numpy(dtype=float)
    valued = bool((cost > 0).any())
    cost = cost if valued else np.ones(len(products))
    moq = products["min_order_qty"].fillna(0).to_numpy(dtype=float)
    # the terms the planners read: one period of review, no order cost (the order-up-to is the reorder point)
    terms = ReplayProducts.uniform(len(products), lead_days=lead_periods * days, review_days=round(days),
                                   service=SERVICE, unit_cost=cost, moq=moq, order_cost=0.0)
    return {"name": name, "period": period, "days": days, "totals": totals, "starts": starts,
            "lead": lead_periods, "moq": moq, "cost": cost, "valued": valued, "products": terms}


def shelfwise_plan(known: np.ndarray, data: dict) -> tuple[tuple, tuple]:
    """As the plan (and `simulate`) does for a shop of period totals (core.simulation.periods.period_levels): the
    levels with the safety stock shared for the fill rate, and (for comparison) with each item's own service."""
    started = time.perf_counter()
    rate, dormant = period_rates(known, data["starts"], data["period"], data["cost"])
    shared = levels_from_rates(rate, known, data["period"], data["products"], data["lead"], dormant=dormant)
    data["plan_seconds"] = data.get("plan_seconds", 0.0) + time.perf_counter() - started
    data.setdefault("rates", []).append(np.where(dormant, 0.0, rate))
    data.setdefault("unstocked", []).append(shared[0] <= 0)
    own = levels_from_rates(rate, known, data["period"], data["products"], data["lead"], fill=False, dormant=dormant)
    return shared, own


def statsforecast_plans(known: np.ndarray, data: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    from statsforecast import StatsForecast
    from statsforecast.models import TSB, CrostonSBA

    n, t = known.shape
    frame = pd.DataFrame({"unique_id": np.repeat(np.arange(n), t), "ds": np.tile(np.arange(1, t + 1), n),
                          "y": known.ravel()})
    sold = known.sum(axis=1) > 0
    frame = frame[np.repeat(sold, t)]
    fc = StatsForecast(models=[CrostonSBA(), TSB(alpha_d=0.1, alpha_p=0.1)], freq=1, n_jobs=1).forecast(
        df=frame, h=1)
    fc = fc.set_index("unique_id") if "unique_id" in fc.columns else fc
    out = {}
    for model, name in (("CrostonSBA", "CrostonSBA (statsforecast)"), ("TSB", "TSB (statsforecast)")):
        rate = np.zeros(n)
        rate[fc.index.to_numpy(dtype=int)] = np.maximum(fc[model].to_numpy(dtype=float), 0.0)
        # the same spread and levels as ShelfWise's: only the rate differs
        out[name] = levels_from_rates(rate, known, data["period"], data["products"], data["lead"])
    return out


def minmax_plan(known: np.ndarray, data: dict, k: float) -> tuple[np.ndarray, np.ndarray]:
    return minmax_levels(known, data["lead"], k)


def replay(data: dict, plans: list[tuple[np.ndarray, np.ndarray]], first: int, warm: int = 0,
           counted: np.ndarray | None = None) -> dict:
    """Period by period from `first`: arrivals, a review against that period's plan (s, S), the demand served from
    the shelf, the rest lost. The shelf starts at the first plan's order-up-to; the first `warm` periods are played
    but not counted (so that what is counted was ordered by the policy, not the starting shelf)."""
    totals, lead, moq, cost = data["totals"], data["lead"], data["moq"], data["cost"]
    n, periods = len(totals), len(plans)
    pipeline = np.zeros((n, periods + int(lead.max()) + 1))
    on_hand = np.ceil(plans[0][1])
    served = lost = demand = stock_value = 0.0
    cycles = stocked_cycles = orders = 0
    for k, (s, S) in enumerate(plans):
        on_hand += pipeline[:, k]
        position = on_hand + pipeline[:, k + 1:].sum(axis=1)
        need = np.where(position < s, np.ceil(S - position), 0.0)
        need = np.where(need > 0, np.maximum(need, moq), 0.0)
        pipeline[np.arange(n), k + lead] += need
        orders += int((need > 0).sum())
        d = totals[:, first + k]
        sold = np.minimum(on_hand, d)
        start = on_hand.copy()
        on_hand = on_hand - sold
        if k < warm:
            continue
        if counted is not None:
            d, sold, start, now = d[counted], sold[counted], start[counted], on_hand[counted]
            item_cost = cost[counted]
        else:
            now, item_cost = on_hand, cost
        stock_value += float(((start + now) / 2 * item_cost).sum())
        served += float(sold.sum())
        demand += float(d.sum())
        lost += float((d - sold).sum())
        cycles += int((d > 0).sum())
        stocked_cycles += int(((d > 0) & (sold >= d)).sum())
    return {"cycle_service": stocked_cycles / max(cycles, 1), "fill_rate": served / max(demand, 1e-9),
            "avg_stock": stock_value / (periods - warm), "orders": orders, "lost": lost, "demand": demand}


def run_set(name: str, periods: int, latest: str) -> None:
    data = load(name, latest)
    totals = data["totals"]
    n, total_periods = totals.shape
    # played from one longest lead time before the counted periods (at most 26), so that the counted periods are
    # served by what the policy ordered, not by the shelf it started with
    warm = int(min(data["lead"].max(), 26, total_periods - periods - 6))
    counted = periods
    periods += warm
    first = total_periods - periods
    unit = data["period"]
    print(f"\n== {name}: {n:,} items x {total_periods} {unit}s; the last {counted} {unit}s counted "
          f"({data['starts'][first + warm].date()} .. {data['starts'][-1].date()}), played from "
          f"{data['starts'][first].date()} ({warm} {unit}s before); lead times "
          f"{'per item (median ' + str(int(np.median(data['lead']))) + ' weeks)' if unit == 'week' else '1 month'}; "
          f"stock valued {'at cost' if data['valued'] else 'in units (no costs in the file)'}")
    # counted: the items whose first sale came at least a lead time and a review before the counted periods (no
    # policy knows an item before its first sale, and what it orders then arrives a lead time later: the periods
    # before cannot be served by any policy); the rest are played but not counted. Printed too: the figures over
    # every item that had sold before the counted periods (the definition of the 2026-12-03 run)
    sold = totals > 0
    first_sale = np.where(sold.any(axis=1), sold.argmax(axis=1), total_periods)
    known = first_sale <= first + warm - data["lead"] - 1
    before = first_sale < first + warm
    later = totals[~known, first + warm:].sum()
    print(f"counted: {int(known.sum()):,} items first sold a lead time + a review before "
          f"{data['starts'][first + warm].date()}; {int((~known).sum()):,} items first sold later "
          f"({later:,.0f} units in the counted {unit}s, {int((before & ~known).sum()):,} of them before the counted "
          f"{unit}s) are left out")
    results = {}
    started = time.perf_counter()
    both = [shelfwise_plan(totals[:, :first + k], data) for k in range(periods)]
    seconds = time.perf_counter() - started
    plans = [shared for shared, _own in both]
    results["ShelfWise"] = replay(data, plans, first, warm, known)
    results["ShelfWise, each item's service"] = replay(data, [own for _shared, own in both], first, warm, known)
    every = replay(data, plans, first, warm, before)
    print(f"ShelfWise over every item sold before the counted {unit}s ({int(before.sum()):,}): cycle service "
          f"{every['cycle_service']:.1%}, fill rate {every['fill_rate']:.2%}")
    # the units that no plan could serve in time: parts the forecast had at rate 0 (taken as stopped selling) when
    # their order had to go out, one lead time before the period
    rates, lead = data["rates"], data["lead"]
    unplanned = sum(totals[known, first + k][np.array([rates[max(k - lead[i], 0)][i] for i in
                                                       np.flatnonzero(known)]) == 0].sum()
                    for k in range(warm, periods))
    unstocked = data["unstocked"]
    left = sum(totals[known, first + k][np.array([unstocked[max(k - lead[i], 0)][i] for i in
                                                  np.flatnonzero(known)])].sum()
               for k in range(warm, periods))
    counted_units = totals[known, first + warm:first + periods].sum()
    print(f"units of parts the forecast had taken as stopped when their order had to go out: {unplanned:,.0f} of "
          f"{counted_units:,.0f} counted ({unplanned / max(counted_units, 1):.1%}); of parts the plan left unstocked "
          f"(reorder point 0) then: {left:,.0f} ({left / max(counted_units, 1):.1%})")
    s_first = plans[-1][0][totals[:, :first].sum(axis=1) > 0]
    print(f"ShelfWise: {periods} plans of {n:,} items in {data['plan_seconds']:.1f} s "
          f"({data['plan_seconds'] / periods:.1f} s a plan; {seconds:.1f} s with each item's service beside them); "
          f"reorder points (items that sold, last plan): "
          f"median {np.median(s_first):.0f}, quartiles {np.percentile(s_first, 25):.0f}-"
          f"{np.percentile(s_first, 75):.0f}, highest {s_first.max():.0f}")
    try:
        started = time.perf_counter()
        peer_plans = [statsforecast_plans(totals[:, :first + k], data) for k in range(periods)]
        print(f"statsforecast peers: {periods} plans in {time.perf_counter() - started:.1f} s")
        for model in peer_plans[0]:
            results[model] = replay(data, [p[model] for p in peer_plans], first, warm, known)
    except ImportError:
        print("statsforecast is not installed: its CrostonSBA and TSB are left out (pip install statsforecast)")
    curve = []
    for k in SCALES:
        result = replay(data, [minmax_plan(totals[:, :first + j], data, k) for j in range(periods)], first, warm,
                        known)
        curve.append((k, result))
        if k == 1.0:
            results["min/max (k = 1)"] = result
    print(f"{'policy':28s} {'cycle service':>13s} {'fill rate':>10s} {'avg stock':>12s} {'orders':>8s} "
          f"{'lost units':>11s}")
    for policy, r in results.items():
        print(f"{policy:28s} {r['cycle_service']:13.1%} {r['fill_rate']:10.2%} {r['avg_stock']:12,.0f} "
              f"{r['orders']:8,d} {r['lost']:11,.0f}")
    fills = np.array([r["fill_rate"] for _k, r in curve])
    stocks = np.array([r["avg_stock"] for _k, r in curve])
    target = results["ShelfWise"]["fill_rate"]
    order = np.argsort(fills)
    if fills.min() <= target <= fills.max():
        needed = float(np.interp(target, fills[order], stocks[order]))
        print(f"min/max curve: for ShelfWise's fill rate {target:.2%} the min/max rule holds {needed:,.0f}; "
              f"ShelfWise holds {results['ShelfWise']['avg_stock'] / needed:.2f}x that")
    else:
        print(f"min/max curve: fill rates {fills.min():.2%}..{fills.max():.2%} do not reach ShelfWise's {target:.2%}")
    print("min/max curve (k: fill rate, avg stock): " + "; ".join(
        f"{k:g}: {r['fill_rate']:.1%}, {r['avg_stock']:,.0f}" for k, r in curve))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="monthly,weekly")
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--latest-period", default="2024-06", help="the monthly file's newest month (no dates in it)")
    args = parser.parse_args()
    print(machine_line())
    print(versions())
    for name in args.sets.split(","):
        run_set(name.strip(), args.periods, args.latest_period)
    return 0


if __name__ == "__main__":
    sys.exit(main())
