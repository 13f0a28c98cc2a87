"""Forecast accuracy and speed on real data: the M5 subset TX_3 / FOODS_3 (823 items), 28 days ahead.

Baselines from statsforecast (the project's `bench` extra): AutoETS(season_length=7), CrostonSBA(),
TSB(alpha_d=0.2, alpha_p=0.2) (the values statsforecast's own examples use), ADIDA(), and their median per
item-day. Each series is trimmed to start at its first sale (the M5 convention for items stocked part-way).
Scored with the M5 level-12 WRMSSE (bench/m5_data.py) on d_1914 .. d_1941, trained on d_1 .. d_1913.

Then ShelfWise itself, as a shop owner would run it: the prepared files (a wide daily sales sheet, weekly
prices, events) are imported into a fresh shop file through the app's ordinary import path, and the shop's
forecast is timed and scored the same way. Until `core.forecasting` lands that part prints
'ShelfWise forecaster not available yet' (the imports are still run and checked).

Run:  .venv/bin/python bench/forecast_m5.py                    # everything (~12 min on 2 busy cores: AutoETS
                                                               #   takes ~5 min for each n_jobs value)
      .venv/bin/python bench/forecast_m5.py --jobs 1           # no n_jobs=2 timings (~7 min)
      .venv/bin/python bench/forecast_m5.py --reuse-baselines  # ShelfWise again, baselines from the last run
      .venv/bin/python bench/forecast_m5.py --series 50 --skip-shelfwise   # a quick look at 50 items
Scratch output (shop file, forecasts, results JSON) goes to bench/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

import m5_data  # noqa: E402  (bench/ is not a package)

OUT = ROOT / "bench" / "out"
LEVEL = 90          # the interval compared: statsforecast level=[90], ShelfWise p05 .. p95
# What ShelfWise is asked for. `None`: the shop's own history end (here d_1913 = 2016-04-24, the last day of the
# imported sales sheet). Set it if forecast_shop reads as_of differently (e.g. as the first forecast day).
SHELFWISE_AS_OF: dt.date | None = None


# ------------------------------------------------------------------------------------------------ setup


def long_frame(train: pd.DataFrame) -> pd.DataFrame:
    """statsforecast's long layout (unique_id, ds, y), each series from its first sale on."""
    values = train.to_numpy(dtype=float)
    dates = train.columns.to_numpy()
    first = np.where((values > 0).any(axis=1), (values > 0).argmax(axis=1), values.shape[1] - 1)
    lengths = values.shape[1] - first
    ids = np.repeat(train.index.to_numpy(dtype=object), lengths)
    take = np.concatenate([np.arange(f, values.shape[1]) for f in first])
    rows = np.repeat(np.arange(len(values)), lengths)
    return pd.DataFrame({"unique_id": ids, "ds": dates[take], "y": values[rows, take]})


def to_matrix(frame: pd.DataFrame, column: str, items: pd.Index, dates: pd.Index,
              id_col: str = "unique_id", date_col: str = "ds") -> np.ndarray:
    """A long forecast frame's column as items x dates, in the given orders; NaN where missing."""
    table = frame.pivot(index=id_col, columns=date_col, values=column)
    table.columns = pd.DatetimeIndex(table.columns)
    return table.reindex(index=items, columns=dates).to_numpy(dtype=float)


# ------------------------------------------------------------------------------------------ statsforecast


def baseline_models() -> dict[str, object]:
    from statsforecast.models import ADIDA, TSB, AutoETS, CrostonSBA

    return {
        "AutoETS": lambda: AutoETS(season_length=7),
        "CrostonSBA": lambda: CrostonSBA(),
        "TSB": lambda: TSB(alpha_d=0.2, alpha_p=0.2),
        "ADIDA": lambda: ADIDA(),
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (statsforecast's n_jobs workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_statsforecast(frame: pd.DataFrame, name: str, make, n_jobs: int, horizon: int):
    """One model over all series; returns (forecast frame, wall seconds, CPU seconds). AutoETS also gives its
    90% interval. CPU seconds are the steadier figure on a shared machine."""
    from statsforecast import StatsForecast

    level = [LEVEL] if name == "AutoETS" else None   # the others need conformal intervals (refitting): skipped
    started, cpu = time.perf_counter(), cpu_seconds()
    sf = StatsForecast(models=[make()], freq="D", n_jobs=n_jobs)
    out = sf.forecast(df=frame, h=horizon, level=level)
    return out, time.perf_counter() - started, cpu_seconds() - cpu


# ------------------------------------------------------------------------------------------- the shop


def fresh_shop_path(out_dir: Path) -> Path:
    path = out_dir / "m5_shop.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


# --map overrides per kind. None needed today: the app guesses item_id -> sku, dept_id -> category (cat_id is
# left out), the date headers -> wide daily layout; date/sell_price for prices; date/name/type -> kind for
# events. Kept here so a change in the guessing shows up as a failed check below rather than a silent miss.
IMPORT_OVERRIDES: dict[str, dict[str, str]] = {"sales": {}, "prices": {}, "events": {}}


def import_files(shop_path: Path, paths: dict[str, Path], wide_train: pd.DataFrame) -> dict[str, float]:
    """Import the three files into the shop through `run_import` (the path the window and the command line
    use), print each report's counts and time, and check what was stored against the files."""
    from core.errors import UserError
    from core.importing import run_import
    from core.store import open_shop

    timings: dict[str, float] = {}
    with open_shop(shop_path) as shop:
        for kind in ("sales", "prices", "events"):
            started = time.perf_counter()
            try:
                report = run_import(shop, paths[kind], kind, overrides=IMPORT_OVERRIDES[kind] or None)
            except UserError as err:
                print(f"  {kind:<7} REFUSED: {err.full_message()}")
                raise
            timings[kind] = time.perf_counter() - started
            print(f"  {kind:<7} {paths[kind].name:<20} {timings[kind]:6.2f} s  read {report.rows_read:>9,}  "
                  f"imported {report.imported:>9,}  set aside {report.set_aside:>9,}  rejected {report.rejected:>5,}  "
                  f"({report.layout}, mapping {json.dumps(_mapping_of(shop, report.import_id))})")
            for problem in report.first_problems(5, "rejected"):
                print(f"          [{problem.severity}] {problem.describe()}")
        problems = check_store(shop, paths, wide_train)
    if problems:
        print("  IMPORT CHECK FAILED:")
        for line in problems:
            print(f"    - {line}")
    else:
        print("  checks: stored sales equal the wide file cell by cell (so every daily sum too); every price and "
              "event row stored as written")
    return timings


def _mapping_of(shop, import_id: int) -> dict:
    return json.loads(shop.scalar("SELECT mapping FROM import_runs WHERE id = ?", (import_id,)) or "{}")


def check_store(shop, paths: dict[str, Path], wide_train: pd.DataFrame) -> list[str]:
    """What the shop holds vs the files; returns the differences in words (empty when all is equal)."""
    problems: list[str] = []
    sales = pd.DataFrame([tuple(r) for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")],
        columns=["sku", "date", "qty"])
    dates = wide_train.columns
    stored = sales.pivot_table(index="sku", columns="date", values="qty", aggfunc="sum")
    stored.columns = pd.DatetimeIndex(stored.columns)
    stored = stored.reindex(index=wide_train.index, columns=dates).fillna(0.0)
    daily_file, daily_shop = wide_train.sum(axis=0), stored.sum(axis=0)
    if not np.allclose(daily_file.to_numpy(float), daily_shop.to_numpy(float)):
        bad = np.flatnonzero(~np.isclose(daily_file.to_numpy(float), daily_shop.to_numpy(float)))
        problems.append(f"daily sums differ on {len(bad)} days, first {dates[bad[0]].date()}: file "
                        f"{daily_file.iloc[bad[0]]:g}, shop {daily_shop.iloc[bad[0]]:g}")
    if not np.array_equal(stored.to_numpy(), wide_train.to_numpy(dtype=float)):
        problems.append(f"item-day values differ in {int((stored.to_numpy() != wide_train.to_numpy()).sum()):,} cells")
    extra = set(sales["sku"]) - set(wide_train.index)
    if extra:
        problems.append(f"{len(extra)} products in the shop's sales that the file does not have, e.g. {sorted(extra)[:3]}")
    if len(sales) and (pd.to_datetime(sales["date"]).max() != dates[-1]):
        problems.append(f"the shop's last sales day is {sales['date'].max()}, the file's {dates[-1].date()}")

    prices_file = pd.read_csv(paths["prices"])
    prices_shop = pd.DataFrame([tuple(r) for r in shop.query(
        "SELECT p.sku, x.date, x.sell_price FROM prices x JOIN products p ON p.id = x.product_id")],
        columns=["item_id", "date", "sell_price"])
    merged = prices_file.merge(prices_shop, on=["item_id", "date"], how="outer", indicator=True)
    if (merged["_merge"] != "both").any() or not np.allclose(merged["sell_price_x"], merged["sell_price_y"]):
        problems.append(f"prices: file {len(prices_file):,} rows, shop {len(prices_shop):,}; "
                        f"{int((merged['_merge'] != 'both').sum()):,} unmatched")

    events_file = pd.read_csv(paths["events"])
    events_shop = pd.DataFrame([tuple(r) for r in shop.query("SELECT date, name, kind FROM events")],
                               columns=["date", "name", "type"])
    merged = events_file.merge(events_shop, on=["date", "name", "type"], how="outer", indicator=True)
    if (merged["_merge"] != "both").any():
        problems.append(f"events: file {len(events_file):,} rows, shop {len(events_shop):,}; "
                        f"{int((merged['_merge'] != 'both').sum()):,} unmatched (date, name, type)")
    return problems


def shelfwise_entry():
    """The ShelfWise forecaster, or None (with the reason printed) while core.forecasting has not landed."""
    try:
        import core.forecasting as forecasting
    except ImportError as err:
        print(f"ShelfWise forecaster not available yet ({err})")
        return None
    # >>> ADJUST HERE: the entry point into core. Assumed: forecast_shop(shop, horizon=28, as_of=None, ctx=None)
    # >>> returning a run whose .daily (a DataFrame, or a method returning one) has columns sku, date, mean,
    # >>> p05, p50, p80, p90, p95, p99, model.
    entry = getattr(forecasting, "forecast_shop", None)
    if entry is None:
        public = sorted(n for n in dir(forecasting) if not n.startswith("_"))
        print("ShelfWise forecaster not available yet (core.forecasting has no forecast_shop; "
              f"it has: {', '.join(public) or 'nothing'}"
              + ("; forecast_frame exists: adjust run_shelfwise to call it" if "forecast_frame" in public else "")
              + ")")
        return None
    return entry


def run_shelfwise(shop_path: Path, horizon: int = 28, items: pd.Index | None = None,
                  dates: pd.DatetimeIndex | None = None, entry=None):
    """ShelfWise's forecast of the shop: (mean, p05, p95) as items x horizon arrays in the wide file's item
    order (NaN where ShelfWise gave nothing), and the seconds the forecast call took (opening the shop and
    reshaping the answer are not counted)."""
    from core.store import open_shop

    if entry is None:
        entry = shelfwise_entry()
        if entry is None:
            raise RuntimeError("ShelfWise forecaster not available yet")
    if items is None or dates is None:
        wide = m5_data.load_wide()
        items = wide.index if items is None else items
        dates = m5_data.holdout(wide=wide).columns[:horizon] if dates is None else dates
    with open_shop(shop_path, create=False) as shop:
        started, cpu = time.perf_counter(), cpu_seconds()
        # >>> ADJUST HERE: the call into core.
        run = entry(shop, horizon=horizon, as_of=SHELFWISE_AS_OF, ctx=None)
        seconds = time.perf_counter() - started
        print(f"  forecast_shop: {seconds:.1f} s wall, {cpu_seconds() - cpu:.1f} s CPU (this process and finished "
              f"child processes; threads included)")
    # .daily is a DataFrame (assumed) or a method returning one (core's ForecastResult.daily()).
    daily = (run.daily() if callable(run.daily) else run.daily).copy()
    daily["date"] = pd.to_datetime(daily["date"])
    got = pd.DatetimeIndex(sorted(daily["date"].unique()))
    if not got.equals(pd.DatetimeIndex(dates)):
        print(f"  WARNING: ShelfWise forecast days {got.min().date() if len(got) else '-'} .. "
              f"{got.max().date() if len(got) else '-'} ({len(got)} days); expected {dates[0].date()} .. "
              f"{dates[-1].date()}: check SHELFWISE_AS_OF")
    missing = set(items) - set(daily["sku"])
    if missing:
        print(f"  WARNING: ShelfWise gave no forecast for {len(missing)} of {len(items)} items, e.g. {sorted(missing)[:3]}")
    mats = tuple(to_matrix(daily, col, items, dates, id_col="sku", date_col="date") for col in ("mean", "p05", "p95"))
    if "model" in daily:
        per_item = daily.drop_duplicates("sku")["model"].value_counts()
        print(f"  ShelfWise's choice per item ({per_item.size} different): "
              + ", ".join(f"{k} x{v}" for k, v in per_item.head(8).items()) + (", ..." if per_item.size > 8 else ""))
    return (*mats, seconds)


def fit_baselines(frame: pd.DataFrame, items: pd.Index, dates: pd.DatetimeIndex, jobs: list[int], horizon: int):
    """Fit and forecast each statsforecast model with each n_jobs; returns (point forecasts, AutoETS interval,
    wall seconds, CPU seconds), the forecasts from the n_jobs=1 run (the others are checked to agree)."""
    models = baseline_models()
    # Warm-up (untimed): the first call of each model pays for imports and any JIT compilation.
    warm = frame[frame["unique_id"].isin(items[:2])]
    started = time.perf_counter()
    for name, make in models.items():
        run_statsforecast(warm, name, make, 1, horizon)
    print(f"warm-up on 2 series (untimed in the results): {time.perf_counter() - started:.1f} s")
    forecasts: dict[str, np.ndarray] = {}
    intervals: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    timings: dict[str, dict[int, float]] = {}
    cpu_timings: dict[str, dict[int, float]] = {}
    for name, make in models.items():
        timings[name], cpu_timings[name] = {}, {}
        for n_jobs in jobs:
            out, seconds, cpu = run_statsforecast(frame, name, make, n_jobs, horizon)
            timings[name][n_jobs], cpu_timings[name][n_jobs] = seconds, cpu
            point = to_matrix(out, name, items, dates)
            if n_jobs == 1:
                forecasts[name] = point
                if f"{name}-lo-{LEVEL}" in out:
                    intervals[name] = (to_matrix(out, f"{name}-lo-{LEVEL}", items, dates),
                                       to_matrix(out, f"{name}-hi-{LEVEL}", items, dates))
            elif not np.allclose(point, forecasts[name], equal_nan=True):
                print(f"  note: {name} with n_jobs={n_jobs} differs from n_jobs=1 "
                      f"(max {np.nanmax(np.abs(point - forecasts[name])):.3g})")
            print(f"  fitted {name:<11} n_jobs={n_jobs}: {seconds:7.1f} s wall, {cpu:7.1f} s CPU  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
        if np.isnan(forecasts[name]).any():
            print(f"  WARNING: {name} left {int(np.isnan(forecasts[name]).sum())} item-days without a forecast")
    return forecasts, intervals, timings, cpu_timings


def load_baselines(out_dir: Path, items: pd.Index, dates: pd.DatetimeIndex):
    """The baseline forecasts and timings of an earlier full run (m5_baselines.npz and forecast_m5_results.json
    in out_dir), to score a new ShelfWise forecast without refitting AutoETS."""
    saved = np.load(out_dir / "m5_baselines.npz", allow_pickle=False)
    earlier = json.loads((out_dir / "forecast_m5_results.json").read_text())
    if list(saved["items"]) != list(map(str, items)) or list(saved["dates"]) != list(dates.strftime("%Y-%m-%d")):
        raise SystemExit(f"{out_dir / 'm5_baselines.npz'} was made for other items or days: run without "
                         "--reuse-baselines")
    names = list(baseline_models())
    forecasts = {n: saved[n] for n in names}
    intervals = {n: (saved[f"{n}_lo{LEVEL}"], saved[f"{n}_hi{LEVEL}"]) for n in names if f"{n}_lo{LEVEL}" in saved}
    rows = {r["model"]: r for r in earlier["baselines"]}
    timings = {n: {int(j): s for j, s in rows[n]["seconds"].items()} for n in names}
    cpu_timings = {n: {int(j): s for j, s in rows[n].get("cpu_seconds", {}).items()} for n in names}
    jobs = sorted(timings["AutoETS"])
    print(f"baselines reused from the run of {earlier['when']} ({earlier['machine']}): forecasts and timings "
          "as measured then")
    return forecasts, intervals, timings, cpu_timings, jobs


# ----------------------------------------------------------------------------------------------- main


def score_line(name: str, train, actual, forecast, weights, seconds: str, lo=None, hi=None) -> dict:
    value = m5_data.wrmsse(train, actual, forecast, weights)
    cover = m5_data.coverage(actual, lo, hi) if lo is not None else None
    result = {"model": name, "wrmsse": value, "bias": m5_data.bias(actual, forecast),
              "negative_share": float(np.mean(forecast < 0)), "coverage90": cover}
    print(f"  {name:<20} {value:8.4f}  {result['bias']:+7.1%}  "
          f"{('%.1f%%' % (100 * cover)) if cover is not None else '-':>9}  {result['negative_share']:6.1%}  {seconds}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="scratch folder (default bench/out)")
    parser.add_argument("--last-train", default=m5_data.LAST_TRAIN, help="last training day (default d_1913)")
    parser.add_argument("--horizon", type=int, default=m5_data.HORIZON)
    parser.add_argument("--jobs", default="1,2", help="statsforecast n_jobs values to time, e.g. '1' or '1,2'")
    parser.add_argument("--series", type=int, default=0, help="only the first N items (a quick look; 0 = all)")
    parser.add_argument("--skip-shelfwise", action="store_true", help="baselines only: no import, no ShelfWise")
    parser.add_argument("--reuse-baselines", action="store_true",
                        help="take the baseline forecasts and timings from the last full run's files in --out "
                             "(m5_baselines.npz, forecast_m5_results.json) instead of refitting them")
    parser.add_argument("--no-baselines", action="store_true",
                        help="ShelfWise only (where statsforecast is not installed): its WRMSSE, bias, cover and "
                             "time, without the comparison")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    if 1 not in jobs:
        jobs.insert(0, 1)

    print(f"ShelfWise forecast benchmark on M5 TX_3/FOODS_3, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")

    wide = m5_data.load_wide()
    train = m5_data.train_matrix(args.last_train, wide)
    actual = m5_data.holdout(args.last_train, args.horizon, wide)
    weights = m5_data.m5_weights(args.last_train, wide)
    if args.series:
        keep = wide.index[:args.series]
        train, actual, weights = train.loc[keep], actual.loc[keep], weights.loc[keep] / weights.loc[keep].sum()
        print(f"QUICK LOOK: the first {args.series} items only, weights renormalised: not comparable to the full run")
    items, dates = train.index, actual.columns
    t, a, w = train.to_numpy(float), actual.to_numpy(float), weights.to_numpy()
    frame = long_frame(train)
    print(f"data: {len(items)} items, train {train.columns[0].date()} .. {train.columns[-1].date()} "
          f"({len(frame):,} item-days after trimming each to its first sale), "
          f"hold-out {dates[0].date()} .. {dates[-1].date()}")

    models = [] if args.no_baselines else list(baseline_models())
    if args.no_baselines:
        forecasts, intervals, timings, cpu_timings = {}, {}, {}, {}
    elif args.reuse_baselines:
        forecasts, intervals, timings, cpu_timings, jobs = load_baselines(args.out, items, dates)
    else:
        forecasts, intervals, timings, cpu_timings = fit_baselines(frame, items, dates, jobs, args.horizon)
    if models:
        forecasts["median of 4"] = np.median(np.stack([forecasts[n] for n in models]), axis=0)

    def time_text(name: str) -> str:
        if name == "median of 4":
            return f"{sum(timings[n][1] for n in models):7.1f} s (sum of the four, n_jobs=1)"
        return "  ".join(f"{timings[name][j]:7.1f} s (n_jobs={j})" for j in jobs)

    print(f"\nWRMSSE (M5 level 12) over {dates[0].date()} .. {dates[-1].date()}; bias = total forecast vs total "
          f"actual; cover = share of item-days inside the {LEVEL}% interval; neg = share of negative forecasts")
    print(f"  {'model':<20} {'WRMSSE':>8}  {'bias':>7}  {'cover':>9}  {'neg':>6}  wall time")
    results = [score_line("seasonal naive", t, a, m5_data.seasonal_naive(t, args.horizon), w, "-")]
    for name, forecast in forecasts.items():
        lo, hi = intervals.get(name, (None, None))
        results.append(score_line(name, t, a, forecast, w, time_text(name), lo, hi))
    for row in results:
        row["seconds"] = {str(j): s for j, s in timings.get(row["model"], {}).items()}
        row["cpu_seconds"] = {str(j): s for j, s in cpu_timings.get(row["model"], {}).items()}
    baselines = [r for r in results if r["model"] != "seasonal naive"]
    best = min(baselines, key=lambda r: r["wrmsse"]) if baselines else None
    if best is not None:
        print(f"  best baseline: {best['model']} {best['wrmsse']:.4f}")
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.reuse_baselines and not args.no_baselines:
        np.savez_compressed(args.out / "m5_baselines.npz", items=np.asarray(items, dtype=str),
                            dates=np.asarray(dates.strftime("%Y-%m-%d"), dtype=str), actual=a,
                            **{n.replace(" ", "_"): f for n, f in forecasts.items()},
                            **{f"{n}_lo{LEVEL}": lo for n, (lo, _) in intervals.items()},
                            **{f"{n}_hi{LEVEL}": hi for n, (_, hi) in intervals.items()})

    summary = {"when": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine_line(),
               "versions": versions(), "items": len(items), "baselines": results}
    if args.reuse_baselines:
        earlier = json.loads((args.out / "forecast_m5_results.json").read_text())
        summary.update(when_baselines=earlier.get("when_baselines", earlier["when"]),
                       machine_baselines=earlier.get("machine_baselines", earlier["machine"]))
    results_path = args.out / "forecast_m5_results.json"
    if not args.no_baselines:
        results_path.write_text(json.dumps(summary, indent=2, default=float))   # kept if the ShelfWise part fails
    if not args.skip_shelfwise:
        print(f"\nShelfWise: importing the shop owner's files into a fresh shop ({args.out / 'm5_shop.db'})")
        started = time.perf_counter()
        paths = m5_data.prepare_shop_files(args.out, args.last_train, args.horizon)
        print(f"  wrote {', '.join(p.name for p in paths.values())} in {time.perf_counter() - started:.1f} s")
        shop_path = fresh_shop_path(args.out)
        summary["import_seconds"] = import_files(shop_path, paths, m5_data.train_matrix(args.last_train, wide))
        entry = shelfwise_entry()
        if entry is not None:
            mean, p05, p95, seconds = run_shelfwise(shop_path, args.horizon, wide.index, dates, entry)
            rows = wide.index.get_indexer(items)
            mean, p05, p95 = mean[rows], p05[rows], p95[rows]
            print(f"  {'model':<20} {'WRMSSE':>8}  {'bias':>7}  {'cover':>9}  {'neg':>6}  wall time")
            mine = score_line("ShelfWise", t, a, np.nan_to_num(mean), w, f"{seconds:7.1f} s (forecast_shop)", p05, p95)
            summary["shelfwise"] = {**mine, "seconds": seconds}
            if best is not None:
                gain = (best["wrmsse"] - mine["wrmsse"]) / best["wrmsse"]
                ratio = seconds / timings["AutoETS"][1]
                print(f"  vs best baseline ({best['model']} {best['wrmsse']:.4f}): {gain:+.1%} "
                      f"({'better' if gain > 0 else 'worse'}); time vs AutoETS alone (n_jobs=1, "
                      f"{timings['AutoETS'][1]:.1f} s): {ratio:.2f}x")
                summary["shelfwise"].update(improvement_vs_best=gain, time_ratio_vs_autoets=ratio)
    if args.no_baselines:
        results_path = args.out / "forecast_m5_shelfwise_only.json"
    results_path.write_text(json.dumps(summary, indent=2, default=float))
    print(f"\nresults: {results_path}; forecasts: {args.out / 'm5_baselines.npz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
