"""How long planning takes once the forecast is there, and the supplier optimisation on its own.

1. The M5 shop (TX_3 FOODS_3, 823 items, imported through the app's import path by bench/forecast_m5.py or
   bench/replay_m5.py; pass --db): one forecast without the neural model (not timed here: bench/forecast_m5.py
   times forecasts), then `plan_shop` three times: levels for every product from its lead-time demand
   distribution, then the supplier milp. Aim: within 10 s.
2. The demo shop's 300 products from 8 suppliers with their minimum order values, under a budget of half the
   suggested spend: the HiGHS milp alone. Aim: within 2 s. Also the exact (s, S) policy for every product.
3. The UCI Online Retail shop (the whole CSV, ~3,900 products, no suppliers, costs or counts) imported into a new
   shop and forecast without the neural model: a full plan (every product planned as if none were on the shelf, the
   worst case) and with the default rule (never counted: left out); then the budget changed, which re-solves only
   the supplier milp over the plan's lines. Aims: plan ≤ 10 s, budget re-solve ≤ 1 s.

Run:  .venv/bin/python bench/plan_speed.py --db /tmp/m5.db
"""
from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

from core.demo import build_demo_shop  # noqa: E402
from core.forecasting import ForecastSettings, forecast_shop  # noqa: E402
from core.ordering import optimise_plan  # noqa: E402
from core.policy.plan import plan_shop, replan  # noqa: E402
from core.policy.settings import PolicySettings  # noqa: E402
from core.store import open_shop  # noqa: E402


def timed(fn, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, times


def m5_plan(db: Path, work: Path) -> None:
    copy = work / "m5_plan.db"
    shutil.copy(db, copy)
    with open_shop(copy, create=False) as shop:
        if shop.scalar("SELECT count(*) FROM forecast_runs WHERE sum_calibration IS NOT NULL") == 0:
            started = time.perf_counter()
            forecast_shop(shop, settings=ForecastSettings(neural=False))
            print(f"  (forecast without the neural model first: {time.perf_counter() - started:.1f} s)")
        plan, times = timed(lambda: plan_shop(shop))
        ordering = int((plan.lines["order_qty"] > 0).sum())
        print(f"M5 plan, {len(plan.lines)} products ({ordering} to order): "
              f"median {statistics.median(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)} (aim 10 s)")
        for policy in ("optimal", "minmax"):
            _, times = timed(lambda: plan_shop(shop, settings=PolicySettings(policy=policy)), repeat=1)
            print(f"  with the {policy} policy: {times[0]:.2f} s")


def supplier_optimisation(work: Path) -> None:
    path = work / "demo.db"
    build_demo_shop(path)
    with open_shop(path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0))
        plan = plan_shop(shop, optimise=False)
        suggested = float((plan.lines["order_qty"] * plan.lines["unit_cost"]).sum())
        plan.settings.budget = round(suggested / 2, 2)
        base = plan.lines.copy()
        solutions, times = [], []
        for _ in range(5):
            plan.lines = base.copy()
            started = time.perf_counter()
            solutions.append(optimise_plan(shop, plan))
            times.append(time.perf_counter() - started)
        solution = solutions[-1]
        print(f"supplier milp, {len(base)} lines, 8 suppliers with minimum order values, budget "
              f"{plan.settings.budget:,.2f} of {suggested:,.2f} suggested: median {statistics.median(times):.3f} s "
              f"(solver {solution.seconds:.3f} s), runs {', '.join(f'{t:.3f}' for t in times)} (aim 2 s)")
        print(f"  ordered {solution.total:,.2f}; expected lost margin from the cut {solution.lost_margin_total:,.2f}")


UCI_CSV = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail_2010-12_2011-12.csv"


def uci_plan(work: Path) -> None:
    from core.importing import run_import
    from core.policy.settings import load_policy_settings

    if not UCI_CSV.exists():
        print(f"(no {UCI_CSV}: UCI figures skipped)")
        return
    path = work / "uci.db"
    with open_shop(path) as shop:
        started = time.perf_counter()
        run_import(shop, UCI_CSV, "sales")
        imported = time.perf_counter() - started
        started = time.perf_counter()
        forecast_shop(shop, settings=ForecastSettings(neural=False))
        print(f"UCI shop: import {imported:.1f} s, forecast without the neural model "
              f"{time.perf_counter() - started:.1f} s")
        for rule in ("assume-none", "count-first"):
            settings = load_policy_settings(shop)
            settings.uncounted = rule
            plan, times = timed(lambda: plan_shop(shop, settings=settings))
            ordering = plan.lines[plan.lines["order_qty"] > 0]
            value = float((ordering["order_qty"] * ordering["unit_cost"]).sum())
            print(f"  plan ({rule}), {len(plan.lines):,} products, {len(ordering):,} to order worth {value:,.0f}: "
                  f"median {statistics.median(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)} (aim 10 s)")
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"
        plan = plan_shop(shop, settings=settings, optimise=False)
        suggested = float((plan.lines["order_qty"] * plan.lines["unit_cost"]).sum())
        plan.settings.budget = 5000.0
        base = plan.lines.copy()
        times = []
        for _ in range(3):
            plan.lines = base.copy()
            started = time.perf_counter()
            solution = optimise_plan(shop, plan)
            times.append(time.perf_counter() - started)
        print(f"  budget 5,000 of {suggested:,.0f} suggested, the supplier optimisation alone over {len(base):,} "
              f"lines: median {statistics.median(times):.2f} s (solver {solution.seconds:.2f} s), runs "
              f"{', '.join(f'{t:.2f}' for t in times)} (aim 1 s); ordered {solution.total:,.2f}, expected lost "
              f"margin {solution.lost_margin_total:,.2f}")
        # what the window's Apply on the budget runs: the plan shown, its owner's quantities read again, re-optimised
        shown = plan_shop(shop, settings=settings)
        budgeted = dataclasses.replace(settings, budget=5000.0)
        again, times = timed(lambda: replan(shop, shown, settings=budgeted))
        print(f"  the budget changed in the window (replan of the plan shown, {len(again.lines):,} lines): median "
              f"{statistics.median(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)} (aim 1 s); "
              f"ordered {again.solution.total:,.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an M5 shop file (bench/forecast_m5.py makes one)")
    args = parser.parse_args()
    print(machine_line())
    print(versions())
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            m5_plan(args.db, Path(tmp))
        supplier_optimisation(Path(tmp))
        uci_plan(Path(tmp))


if __name__ == "__main__":
    main()
