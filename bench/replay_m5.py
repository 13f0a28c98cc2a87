"""Reorder policies replayed on M5 TX_3/FOODS_3 (823 items): how much each would have served, and held.

Each item is bought from one supplier with a 7-day lead time, reviewed weekly, at a 95% cycle service target,
costed at 70% of its shelf price; the last `--weeks` weeks of the shop's sales are replayed day by day, each
policy re-planning every week from the data up to that day (core/simulation/replay.py). Lost sales: what the
shelf cannot serve is gone.

Printed: for ShelfWise, the exact (s, S), the min/max rule (2 and 4 weeks of sales) and the textbook normal
formula, the achieved cycle service level (over review periods with demand), fill rate, average stock value and
orders; the min/max rule's curve of fill rate against stock as both its levels are scaled; the stock the rule
needs for ShelfWise's fill rate and how much less ShelfWise holds (aim: 20% less or better); the same for the
intermittent and lumpy items (aim: a cycle service level within 2 points of 95%).

Run:  .venv/bin/python bench/replay_m5.py --db /tmp/m5.db       # an M5 shop file imported already
      .venv/bin/python bench/replay_m5.py                        # builds bench/out/replay/m5_shop.db from
                                                                 #   ../shared/data first (sales to d_1941)
      .venv/bin/python bench/replay_m5.py --db /tmp/m5.db --weeks 4 --policies shelfwise,minmax   # a quick look
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

import m5_data  # noqa: E402

OUT = ROOT / "bench" / "out" / "replay"
LAST_DAY = "d_1941"             # the last day of the M5 evaluation data
LEAD_DAYS, REVIEW_DAYS, SERVICE = 7, 7, 0.95
SCALES = tuple(np.arange(0.5, 4.01, 0.25).round(2))      # x (2, 4) weeks: from 1 and 2 weeks to 8 and 16
SLOW_PATTERNS = ("intermittent", "lumpy")
STOCK_AIM, SERVICE_AIM = 0.20, 0.02


def build_shop(out: Path) -> Path:
    """The M5 shop through the app's ordinary import path, sales up to LAST_DAY (bench/m5_data.py's files)."""
    from forecast_m5 import import_files

    path = out / "m5_shop.db"
    if path.exists():
        print(f"shop: reusing {path} (delete it to import again)")
        return path
    print(f"shop: importing the M5 files into {path}")
    paths = m5_data.prepare_shop_files(out, LAST_DAY)
    import_files(path, paths, m5_data.train_matrix(LAST_DAY))
    return path


def policy_rows(results: dict, rows: np.ndarray | None = None) -> pd.DataFrame:
    table = []
    for name, result in results.items():
        total = result.totals(rows)
        table.append({"policy": name, "cycle service": total["cycle_service_level"], "fill rate": total["fill_rate"],
                      "avg stock value": total["avg_stock_value"], "orders": total["orders"],
                      "units ordered": total["units_ordered"], "stock-out days": total["stockout_days"],
                      "lost units": total["lost"]})
    return pd.DataFrame(table)


def curve_rows(curve: dict, rows: np.ndarray | None = None) -> pd.DataFrame:
    table = []
    for scale, result in curve.items():
        total = result.totals(rows)
        table.append({"scale": scale, "weeks (min, max)": f"{2 * scale:g}, {4 * scale:g}",
                      "fill rate": total["fill_rate"], "cycle service": total["cycle_service_level"],
                      "avg stock value": total["avg_stock_value"]})
    return pd.DataFrame(table)


def show(frame: pd.DataFrame) -> None:
    formats = {"cycle service": "{:.1%}", "fill rate": "{:.2%}", "avg stock value": "{:,.0f}", "orders": "{:,.0f}",
               "units ordered": "{:,.0f}", "stock-out days": "{:,.0f}", "lost units": "{:,.0f}", "scale": "{:g}"}
    print(frame.to_string(index=False, formatters={k: v.format for k, v in formats.items() if k in frame}))


def compare_with_curve(shelfwise, curve: pd.DataFrame, label: str) -> None:
    """The min/max stock at ShelfWise's fill rate, interpolated along the curve, and ShelfWise's saving on it."""
    fill, stock = shelfwise["fill_rate"], shelfwise["avg_stock_value"]
    fills = np.maximum.accumulate(curve["fill rate"].to_numpy())
    if not fills[0] <= fill <= fills[-1]:
        print(f"  {label}: ShelfWise's fill rate {fill:.2%} lies outside the min/max curve "
              f"({fills[0]:.2%} .. {fills[-1]:.2%}): no comparison at equal fill rate")
        return
    needed = float(np.interp(fill, fills, curve["avg stock value"].to_numpy()))
    saving = 1 - stock / needed
    verdict = "met" if saving >= STOCK_AIM else "NOT met"
    print(f"  {label}: min/max needs {needed:,.0f} of stock for ShelfWise's fill rate {fill:.2%}; ShelfWise holds "
          f"{stock:,.0f}: {saving:.1%} less (aim >= {STOCK_AIM:.0%}: {verdict})")


def by_pattern(results: dict) -> None:
    products = next(iter(results.values())).products
    patterns = [p for p in ("smooth", "erratic", "intermittent", "lumpy") if (products["pattern"] == p).any()]
    print(f"  {'policy':<10}" + "".join(f"{p + ' (' + str(int((products['pattern'] == p).sum())) + ')':>32}"
                                       for p in patterns))
    print(f"  {'':<10}" + "".join(f"{'CSL  fill  stock value':>32}" for _ in patterns))
    for name, result in results.items():
        totals = [result.totals((products["pattern"] == p).to_numpy()) for p in patterns]
        cells = [f"{t['cycle_service_level']:.1%} {t['fill_rate']:.1%} {t['avg_stock_value']:>10,.0f}" for t in totals]
        print(f"  {name:<10}" + "".join(f"{c:>32}" for c in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an M5 shop file imported already (default: build one from "
                        "../shared/data in bench/out/replay)")
    parser.add_argument("--weeks", type=int, default=26, help="weeks replayed at the end of the history (26)")
    parser.add_argument("--policies", default="shelfwise,optimal,minmax,normal")
    parser.add_argument("--neural", action="store_true", help="let the forecast use the neural model (slower)")
    args = parser.parse_args()
    started = time.perf_counter()
    from core.simulation import ReplaySettings, replay_minmax_curve, replay_policies, shop_inputs
    from core.store import open_shop

    print(f"ShelfWise replay benchmark on M5 TX_3/FOODS_3, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")
    db = args.db or build_shop(OUT)
    policies = tuple(p.strip() for p in args.policies.split(",") if p.strip())

    with open_shop(db, create=False) as shop:
        last = pd.Timestamp(shop.scalar("SELECT max(date) FROM sales")).date()
        start = last - dt.timedelta(days=7 * args.weeks - 1)
        settings = ReplaySettings()
        settings.forecast.neural = args.neural
        inputs = shop_inputs(shop, start, service_level=SERVICE, settings=settings)
    products = inputs.products
    products.lead_days[:] = LEAD_DAYS       # the M5 setting, whatever the shop file says
    products.review_days[:] = REVIEW_DAYS
    history = inputs.history
    print(f"shop: {db} ({len(history.skus)} products, sales {history.days[0].date()} .. {history.days[-1].date()}); "
          f"replay {start} .. {last} ({args.weeks} weeks), lead time {LEAD_DAYS} days, review every {REVIEW_DAYS} "
          f"days, {SERVICE:.0%} cycle service target, unit cost 70% of the shelf price (median "
          f"{np.median(products.unit_cost):.2f}), order cost per line {np.median(products.order_cost):.3f}, holding "
          f"{settings.holding_rate:.0%} a year; forecast refit every {settings.refit_every_days} days, neural "
          f"{'on' if args.neural else 'off'}, statistical models off")

    results = replay_policies(history, inputs.drivers, products, start, last, policies, settings, inputs.counts)
    any_result = next(iter(results.values()))
    print(f"\nforecasts: {any_result.forecast_seconds:.1f} s; working out levels and orders: "
          + ", ".join(f"{name} {r.plan_seconds:.1f} s" for name, r in results.items()))
    curve_started = time.perf_counter()
    curve = replay_minmax_curve(history, products, start, last, SCALES, inputs.counts)
    print(f"min/max curve ({len(SCALES)} scales in one pass): {time.perf_counter() - curve_started:.1f} s")

    pattern = any_result.products["pattern"].to_numpy()
    slow = np.isin(pattern, SLOW_PATTERNS)
    for label, rows in (("All items", None), ("Intermittent + lumpy items", slow)):
        count = len(pattern) if rows is None else int(rows.sum())
        print(f"\n{label} ({count})")
        show(policy_rows(results, rows))
        print("min/max with both levels scaled:")
        points = curve_rows(curve, rows)
        show(points)
        if "shelfwise" in results:
            compare_with_curve(results["shelfwise"].totals(rows), points, label.lower())
            achieved = results["shelfwise"].totals(rows)["cycle_service_level"]
            print(f"  ShelfWise's cycle service {achieved:.1%} vs the {SERVICE:.0%} target: "
                  f"{100 * (achieved - SERVICE):+.1f} points (aim within {100 * SERVICE_AIM:.0f}: "
                  f"{'met' if abs(achieved - SERVICE) <= SERVICE_AIM else 'NOT met'})")
        if "normal" in results:
            achieved = results["normal"].totals(rows)["cycle_service_level"]
            print(f"  the textbook normal formula: {achieved:.1%}, {100 * (achieved - SERVICE):+.1f} points off")
    print("\nBy demand pattern (classes from the sales before the replay):")
    by_pattern(results)
    OUT.mkdir(parents=True, exist_ok=True)
    frames = [r.products for r in results.values()] + [r.products for r in curve.values()]
    pd.concat(frames).to_csv(OUT / "replay_m5_products.csv", index=False)
    print(f"per product: {OUT / 'replay_m5_products.csv'}")
    print(f"\nelapsed: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
