"""Forecast scale: a synthetic 20,000 products x 3 years of daily sales, forecast 28 days ahead on the CPU.

The target (from the issue): the whole shop-wide forecast finishes within 10 minutes with memory under 4 GiB.

1. A seeded shop file is written (once; reused while its parameters match): 20,000 products x 1,095 days.
   About 30% smooth Poisson sellers with a weekly pattern and a yearly wave, 50% intermittent slow sellers,
   15% lumpy ones (rare, big orders), 5% new products that start late in the history. Shop-wide holidays
   (more demand) and closed days (Christmas, New Year: no sales anywhere), a few promotions and price changes,
   and stock-outs: most recorded as a stock count of 0 (stock_snapshots) with a restock count after the run,
   some left unrecorded (a run of zero days the history has to infer). Written the fast way: open_shop, then
   one import_runs row and bulk executemany into products, sales (line_key = row number), stock_snapshots,
   prices and events, all in one atomic transaction.
2. The headline: `forecast_shop(shop, horizon=28)` with the default settings (neural model on, CPU, the result
   stored), timed end to end in a fresh process, with its peak memory: ru_maxrss, and a thread sampling
   /proc/self/status VmRSS every 0.2 s. Stage times come from timing wrappers around the stages that
   forecast_shop calls (load_history, load_drivers, forecast_history, store_result, and inside
   forecast_history choose / classify / quantiles) plus result.timings (each model's backtest + forecast).
3. The same with ForecastSettings(neural=False) (still stored).

Run:  .venv/bin/python bench/forecast_scale.py                  # build (if needed) + neural on + neural off
      .venv/bin/python bench/forecast_scale.py --runs on        # only the headline run
      .venv/bin/python bench/forecast_scale.py --products 2000  # a quick, smaller shop
      .venv/bin/python bench/forecast_scale.py --profile on     # + a cProfile of the run (bench/out/*.prof)
      .venv/bin/python bench/forecast_scale.py --executors 1,2,dask2   # one process, two, a Dask LocalCluster
      .venv/bin/python bench/forecast_scale.py --shop m5 --runs on --executors 1,2,dask2
      .venv/bin/python bench/forecast_scale.py --runs on --executors 1core,1,2   # + one process on one core only
      .venv/bin/python bench/forecast_scale.py --runs on --executors 1core,2 --repeat 3   # in turn, the median
Scratch output (the shop file, profiles, a JSON of the figures) goes to bench/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

OUT = ROOT / "bench" / "out"
TARGET_SECONDS = 600
TARGET_BYTES = 4 * 1024 ** 3
START = dt.date(2022, 1, 3)          # a Monday; 1,095 days end on 2025-01-01
GENERATOR_VERSION = 1                # bump when the data below changes, so an old shop file is rebuilt


# ----------------------------------------------------------------------------------------- the machine


# ------------------------------------------------------------------------------------------ the data


def generate(n: int, T: int, seed: int) -> dict:
    """Daily units sold (n, T) and everything written beside them, from one seeded generator."""
    rng = np.random.default_rng(seed)
    days = np.array([START + dt.timedelta(days=d) for d in range(T)])
    weekday = np.array([d.weekday() for d in days])
    doy = np.array([d.timetuple().tm_yday for d in days])
    kind = rng.choice(4, size=n, p=[0.30, 0.50, 0.15, 0.05])     # smooth, intermittent, lumpy, new

    # shop-wide days: holidays lift demand; closed days sell nothing anywhere
    holidays, closed = [], []
    for year in sorted({d.year for d in days}):
        for month, day, name in ((2, 14, "Valentine's Day"), (5, 1, "May Day"), (10, 31, "Halloween"),
                                 (12, 23, "Christmas shopping"), (12, 24, "Christmas Eve"),
                                 (12, 31, "New Year's Eve")):
            holidays.append((dt.date(year, month, day), name))
        closed += [dt.date(year, 12, 25), dt.date(year, 1, 1)]
    index_of = {d: i for i, d in enumerate(days)}
    holiday_cols = np.array([index_of[d] for d, _ in holidays if d in index_of], dtype=int)
    closed_cols = np.array([index_of[d] for d in closed if d in index_of], dtype=int)

    # expected demand a day, per product
    rate = np.zeros((n, T))
    week_shape = np.array([0.90, 0.85, 0.90, 1.00, 1.20, 1.40, 0.75])
    weekly = week_shape[None, :] * rng.uniform(0.85, 1.15, size=(n, 7))
    weekly /= weekly.mean(axis=1, keepdims=True)
    amplitude = rng.uniform(0.0, 0.4, size=n)
    phase = rng.uniform(0, 365.25, size=n)
    wave = 1 + amplitude[:, None] * np.sin(2 * np.pi * (doy[None, :] - phase[:, None]) / 365.25)
    trend = 1 + rng.normal(0, 0.15, size=n)[:, None] * np.linspace(-0.5, 0.5, T)[None, :]
    shape = weekly[:, weekday] * wave * np.clip(trend, 0.3, None)
    level = np.where(kind == 0, rng.lognormal(np.log(4.0), 0.8, size=n),
                     np.where(kind == 1, rng.uniform(0.02, 0.4, size=n),
                              np.where(kind == 2, rng.uniform(0.02, 0.12, size=n),
                                       rng.lognormal(np.log(1.5), 0.8, size=n))))
    rate[:] = level[:, None] * shape
    rate[:, holiday_cols] *= rng.uniform(1.2, 2.0, size=(n, 1))

    # promotions (5% of products, two 7-day ones, x1.8) and price changes (10%: one, with a small elasticity)
    price0 = np.round(rng.lognormal(np.log(3.0), 0.7, size=n), 2) + 0.09
    promoted = np.flatnonzero(rng.random(n) < 0.05)
    promotions = []
    for i in promoted:
        for start in rng.choice(np.arange(60, T - 60), size=2, replace=False):
            promotions.append((i, int(start), int(start) + 6))
            rate[i, start:start + 7] *= 1.8
    changed = np.flatnonzero(rng.random(n) < 0.10)
    change_day = rng.integers(200, T - 100, size=len(changed))
    change_factor = rng.choice([0.85, 0.9, 1.1, 1.15, 1.2], size=len(changed))
    for i, day, factor in zip(changed, change_day, change_factor):
        rate[i, day:] *= factor ** -1.5

    # the draws: Poisson for smooth and new sellers; intermittent: a sale now and then of 1 + Poisson(0.3);
    # lumpy: a rare order of a negative-binomial size (mean 5..20, very uneven)
    units = np.zeros((n, T), dtype=np.int32)
    smooth = (kind == 0) | (kind == 3)
    units[smooth] = rng.poisson(rate[smooth])
    inter = kind == 1
    occurs = rng.random((inter.sum(), T)) < rate[inter]
    units[inter] = occurs * (1 + rng.poisson(0.3, size=occurs.shape))
    lumpy = kind == 2
    occurs = rng.random((lumpy.sum(), T)) < rate[lumpy]
    size_mean = rng.uniform(5, 20, size=(lumpy.sum(), 1))
    sizes = rng.negative_binomial(1.2, 1.2 / (1.2 + size_mean), size=occurs.shape) + 1
    units[lumpy] = occurs * sizes
    del rate, shape, wave, trend, occurs, sizes

    # new products: nothing before a launch day in the second half of the history
    new = np.flatnonzero(kind == 3)
    launch = rng.integers(T // 2, T - 90, size=len(new))
    for i, day in zip(new, launch):
        units[i, :day] = 0
    units[:, closed_cols] = 0

    # stock-outs: 12% of the sellers get 1..3 runs of 4..21 empty days, recorded as a count of 0 on the first
    # day and a restock count the day after; 4% of the smooth ones get one unrecorded run of 7..14 days
    counts = []   # (row, col, qty)
    established = np.flatnonzero((kind == 0) | (kind == 1))
    for i in established[rng.random(len(established)) < 0.12]:
        for _ in range(rng.integers(1, 4)):
            start, length = int(rng.integers(30, T - 30)), int(rng.integers(4, 22))
            units[i, start:start + length] = 0
            counts.append((i, start, 0.0))
            if start + length < T:
                counts.append((i, start + length, float(rng.integers(10, 60))))
    quiet = np.flatnonzero(kind == 0)
    for i in quiet[rng.random(len(quiet)) < 0.04]:
        start = int(rng.integers(100, T - 30))
        units[i, start:start + int(rng.integers(7, 15))] = 0
    counts = sorted({(r, c): q for r, c, q in counts}.items())   # one count per product-day: the last
    return {"units": units, "days": days, "kind": kind, "price0": price0, "changed": changed,
            "change_day": change_day, "change_factor": change_factor, "promotions": promotions,
            "holidays": [(d, name) for d, name in holidays if d in index_of], "counts": counts}


def write_shop(path: Path, data: dict, meta: dict) -> dict:
    """The shop file, in one atomic transaction; returns the row counts."""
    from core.store import atomic, open_shop

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    units, days = data["units"], data["days"]
    n, T = units.shape
    iso = np.array([d.isoformat() for d in days], dtype=object)
    skus = [f"S{i:06d}" for i in range(n)]
    price0 = data["price0"]
    change_day = np.full(n, T)
    new_price = price0.copy()
    rows_written = {}
    with open_shop(path) as shop:
        with atomic(shop) as conn:
            run = conn.execute(
                "INSERT INTO import_runs(started_at, file_name, kind, layout, period, counts) "
                "VALUES (?, ?, 'sales', 'long', 'day', ?)",
                (dt.datetime.now().isoformat(timespec="seconds"), "forecast_scale (synthetic)",
                 json.dumps(meta))).lastrowid
            conn.executemany(
                "INSERT INTO products(id, sku, name, category, unit_cost, sell_price, active, import_id) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                [(i + 1, skus[i], f"Product {i}", ["smooth", "intermittent", "lumpy", "new"][data["kind"][i]],
                  round(float(price0[i]) * 0.6, 2), float(price0[i]), run) for i in range(n)])
            rows_written["products"] = n
            # prices: the first day for all, one change for some (in force for the rest of the history)
            price_rows = [(i + 1, iso[0], float(price0[i]), run) for i in range(n)]
            for i, day, factor in zip(data["changed"], data["change_day"], data["change_factor"]):
                change_day[i], new_price[i] = day, round(float(price0[i]) * float(factor), 2)
                price_rows.append((int(i) + 1, iso[day], float(new_price[i]), run))
            conn.executemany("INSERT INTO prices(product_id, date, sell_price, import_id) VALUES (?, ?, ?, ?)",
                             price_rows)
            rows_written["prices"] = len(price_rows)
            events = [(d.isoformat(), None, name, "holiday", None, run) for d, name in data["holidays"]]
            events += [(iso[s], iso[min(e, T - 1)], f"Promotion {skus[i]}", "promotion", int(i) + 1, run)
                       for i, s, e in data["promotions"]]
            conn.executemany("INSERT INTO events(date, end_date, name, kind, product_id, import_id) "
                             "VALUES (?, ?, ?, ?, ?, ?)", events)
            rows_written["events"] = len(events)
            conn.executemany("INSERT INTO stock_snapshots(product_id, date, qty, import_id) VALUES (?, ?, ?, ?)",
                             [(int(r) + 1, iso[c], q, run) for (r, c), q in data["counts"]])
            rows_written["stock_snapshots"] = len(data["counts"])
            # sales: one line per product-day with a sale, keyed by its row number, in key order
            total = 0
            block = 1000
            for lo in range(0, n, block):
                part = units[lo:lo + block]
                r, c = np.nonzero(part)
                qty = part[r, c].astype(float)
                unit_price = np.where(c >= change_day[lo + r], new_price[lo + r], price0[lo + r])
                revenue = np.round(qty * unit_price, 2)
                keys = np.arange(total + 1, total + len(r) + 1)
                conn.executemany(
                    "INSERT INTO sales(line_key, product_id, date, qty, revenue, import_id) VALUES (?,?,?,?,?,?)",
                    zip(keys.tolist(), (lo + r + 1).tolist(), iso[c].tolist(), qty.tolist(), revenue.tolist(),
                        [run] * len(r)))
                total += len(r)
            rows_written["sales"] = total
            conn.execute("UPDATE import_runs SET rows_read = ?, imported = ? WHERE id = ?", (total, total, run))
        shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return rows_written


def ensure_shop(path: Path, n: int, T: int, seed: int, rebuild: bool) -> None:
    meta = {"generator": GENERATOR_VERSION, "products": n, "days": T, "seed": seed}
    if path.exists() and not rebuild:
        import sqlite3

        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            stored = con.execute("SELECT counts FROM import_runs WHERE file_name = 'forecast_scale (synthetic)'"
                                 ).fetchone()
            con.close()
            if stored and json.loads(stored[0]) == meta:
                print(f"shop file: reusing {path} ({path.stat().st_size / 1024 ** 2:.0f} MiB)")
                return
        except Exception:  # noqa: BLE001 - anything odd: build a fresh one
            pass
    started = time.perf_counter()
    data = generate(n, T, seed)
    generated = time.perf_counter() - started
    kinds = np.bincount(data["kind"], minlength=4)
    written = write_shop(path, data, meta)
    total = time.perf_counter() - started
    units = data["units"]
    print(f"shop file: {path} ({path.stat().st_size / 1024 ** 2:.0f} MiB), generated in {generated:.1f} s, "
          f"written in {total - generated:.1f} s")
    print(f"  {n:,} products x {T:,} days ({data['days'][0]} .. {data['days'][-1]}): {kinds[0]:,} smooth, "
          f"{kinds[1]:,} intermittent, {kinds[2]:,} lumpy, {kinds[3]:,} new; "
          f"{(units > 0).mean():.1%} of product-days with a sale")
    print("  rows: " + ", ".join(f"{table} {count:,}" for table, count in written.items()))


def ensure_m5_shop(path: Path) -> None:
    """The M5 shop (823 items to d_1913) imported through run_import, as bench/forecast_m5.py builds it."""
    if path.exists():
        print(f"shop file: reusing {path}")
        return
    import forecast_m5
    import m5_data

    files = m5_data.prepare_shop_files(OUT / "m5_files")
    started = time.perf_counter()
    forecast_m5.import_files(path, files, m5_data.train_matrix())
    print(f"shop file: {path}, imported in {time.perf_counter() - started:.1f} s")


# ------------------------------------------------------------------------------------- one measured run


def _rss(pid: int) -> int:
    """VmRSS less the shared-memory pages in it (RssShmem: the blocks core.compute.shared hands the workers, which
    every process that maps them would count again); RssShared sums those blocks once."""
    rss = shmem = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("RssShmem:"):
                    shmem = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss - shmem


def _shared_blocks() -> int:
    """Bytes of the shared-memory blocks in /dev/shm (Python's psm_ names): counted once, whoever maps them."""
    total = 0
    try:
        for entry in os.scandir("/dev/shm"):
            if entry.name.startswith("psm_"):
                try:
                    total += entry.stat().st_blocks * 512
                except OSError:
                    continue
    except OSError:
        pass
    return total


def _descendants(root: int) -> list[int]:
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parent[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = [], [root]
    while frontier:
        children = [pid for pid, ppid in parent.items() if ppid in frontier]
        out += children
        frontier = children
    return out


def _tree_cpu() -> float:
    """CPU seconds (user + system) so far of the processes under this one: the executor's workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


class RssSampler(threading.Thread):
    """Reads VmRSS every `interval` s into a timeline; `peak(t0, t1)` is the highest seen in a window."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, int]] = [(time.perf_counter(), self.read())]
        self._halt = threading.Event()

    @staticmethod
    def read() -> int:
        """VmRSS of this process and every process under it (the executor's worker processes), the shared-memory
        blocks they hand each other counted once."""
        return sum(_rss(pid) for pid in [os.getpid(), *_descendants(os.getpid())]) + _shared_blocks()

    def note(self) -> None:
        """One sample now (stage boundaries), besides the regular ones."""
        self.samples.append((time.perf_counter(), self.read()))

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            self.note()

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.note()

    def peak(self, t0: float = -np.inf, t1: float = np.inf) -> int:
        inside = [rss for t, rss in self.samples if t0 <= t <= t1]
        return max(inside) if inside else 0


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def make_executor(name: str):
    """'1': this process; 'N': N local processes; 'daskN': a dask.distributed LocalCluster of N worker processes
    (one thread each), started here before the clock; returns (executor, the cluster or None, its start seconds)."""
    from core.compute.executors import DaskCluster, InProcess, LocalProcesses

    if name.startswith("dask"):
        from distributed import LocalCluster

        started = time.perf_counter()
        cluster = LocalCluster(n_workers=int(name[4:] or 2), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        executor = DaskCluster(cluster.scheduler_address)
        executor.client  # connected before the clock
        return executor, cluster, time.perf_counter() - started
    if name == "1core":         # this process, started on one core (main(): its CPU affinity)
        return InProcess(), None, 0.0
    return (InProcess() if int(name) <= 1 else LocalProcesses(int(name))), None, 0.0


def measured_run(path: Path, neural: bool, profile: Path | None, executor_name: str = "default") -> dict:
    """One forecast_shop run in this (fresh) process; the figures as a dict."""
    import core.forecasting.run as run
    from core.forecasting.run import ForecastSettings, forecast_shop
    from core.jobs import JobContext
    from core.store import open_shop

    sampler = RssSampler()
    sampler.start()
    windows: dict[str, list[float]] = {}     # stage -> [start, end, seconds]

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            sampler.note()
            try:
                return fn(*args, **kwargs)
            finally:
                sampler.note()
                t1 = time.perf_counter()
                window = windows.setdefault(name, [t0, t1, 0.0])
                window[1], window[2] = t1, window[2] + t1 - t0
        return wrapper

    for name in ("load_history", "load_drivers", "forecast_history", "store_result", "choose", "classify",
                 "quantiles_for"):
        setattr(run, name, timed(name, getattr(run, name)))

    # the progress texts say which model is being backtested: they time-stamp each model's window
    progress: list[tuple[float, str]] = []

    def on_progress(fraction: float, text: str) -> None:
        if not progress or progress[-1][1] != text:
            sampler.note()
            progress.append((time.perf_counter(), text))

    # torch is not imported before the clock: the window no longer loads it before Forecast is pressed (it reads
    # where the neural model would run without it, core.forecasting.neural.probe_device), and what loads first
    # decides how LightGBM's OpenMP threads wait (core.forecasting.boosted.quiet_openmp)

    executor, cluster, cluster_seconds = (None, None, 0.0) if executor_name == "default" else \
        make_executor(executor_name)
    before = sampler.read()
    shop = open_shop(path)
    settings = None if neural else ForecastSettings(neural=False)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    cpu0 = os.times()
    workers_cpu0 = _tree_cpu()
    result = forecast_shop(shop, horizon=28, settings=settings, ctx=JobContext(on_progress, min_interval=0.0),
                           executor=executor)
    wall = time.perf_counter() - started
    cpu1 = os.times()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    sampler.stop()
    workers_cpu = _tree_cpu() - workers_cpu0
    if cluster is not None:
        executor.close()
        cluster.close()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # KiB on Linux
    import hashlib

    digest = hashlib.sha256()
    for array in (result.mean, *(result.quantiles[level] for level in sorted(result.quantiles)),
                  result.choice.weights):
        digest.update(np.ascontiguousarray(array).tobytes())
    # leave the shop file as it was: the stored run is removed again (not timed)
    run_id = shop.scalar("SELECT max(id) FROM forecast_runs")
    stored_days = shop.scalar("SELECT count(*) FROM forecast_daily WHERE run_id = ?", (run_id,))
    shop.conn.execute("DELETE FROM forecast_runs WHERE id = ?", (run_id,))
    shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shop.close()
    # each model's window: from its "Backtesting <model>" progress text to the next text
    model_peak = {}
    fh_end = windows.get("forecast_history", [0, np.inf])[1]
    for k, (t0, text) in enumerate(progress):
        if text.startswith("Backtesting "):
            t1 = next((t for t, later in progress[k + 1:] if later.startswith(("Backtesting ", "Choosing"))),
                      fh_end)
            model_peak[text[len("Backtesting "):]] = sampler.peak(t0, t1)
    labels = [result.choice.label(i) for i in range(len(result.skus))]
    top_labels: dict[str, int] = {}
    for label in labels:
        top_labels[label] = top_labels.get(label, 0) + 1
    return {
        "neural": neural, "wall_s": round(wall, 2), "executor": executor_name,
        "executor_described": (executor.describe() if executor is not None else "the shop's setting") +
                              (f" on {len(os.sched_getaffinity(0))} core(s) allowed" if hasattr(os, "sched_getaffinity")
                               else ""),
        "cluster_start_s": round(cluster_seconds, 2), "digest": digest.hexdigest()[:16],
        "workers_cpu_s": round(workers_cpu, 2),
        "cpu_s": round((cpu1.user + cpu1.system) - (cpu0.user + cpu0.system), 2),
        "peak_rss_sampled_bytes": sampler.peak(), "ru_maxrss_bytes": maxrss, "rss_before_bytes": before,
        "stages_s": {k: round(v[2], 2) for k, v in windows.items()},
        "stage_peak_rss_bytes": {k: sampler.peak(v[0], v[1]) for k, v in windows.items()},
        "models_s": {name: round(seconds, 2) for name, seconds in result.timings.items()},
        "model_peak_rss_bytes": model_peak, "device": result.device,
        "products": int(len(result.skus)), "horizon": int(result.mean.shape[1]), "stored_daily_rows": stored_days,
        "forecast_seconds": round(result.seconds, 2), "coverage90": result.choice.coverage90,
        "mean_total": float(result.mean.sum()), "median_rmsse": float(np.nanmedian(result.choice.rmsse)),
        "patterns": result.classes["pattern"].value_counts().to_dict(),
        "chosen": dict(sorted(top_labels.items(), key=lambda kv: -kv[1])[:6]),
        "torch_threads": _torch_threads(), "load_at_end": os.getloadavg(),
    }


def gib(value: int) -> str:
    return f"{value / 1024 ** 3:.2f} GiB"


def report(figures: dict) -> None:
    name = "neural ON (default settings)" if figures["neural"] else "neural OFF"
    peak = max(figures["peak_rss_sampled_bytes"], figures["ru_maxrss_bytes"])
    ok = figures["wall_s"] <= TARGET_SECONDS and peak <= TARGET_BYTES
    print(f"\n== forecast_shop(shop, horizon=28), {name}, on {figures['executor_described']}: "
          f"{figures['products']:,} products, device {figures['device']}, torch threads {figures['torch_threads']}")
    print(f"  forecast digest {figures['digest']} (sha256 of the means, quantiles and weights)"
          + (f"; the LocalCluster started in {figures['cluster_start_s']:.1f} s before the clock"
             if figures["cluster_start_s"] else ""))
    print(f"  wall {figures['wall_s']:.1f} s (process CPU {figures['cpu_s']:.1f} s, its local worker processes "
          f"{figures['workers_cpu_s']:.1f} s); peak RSS sampled (with its workers) "
          f"{gib(figures['peak_rss_sampled_bytes'])}, ru_maxrss {gib(figures['ru_maxrss_bytes'])} "
          f"(before the run {gib(figures['rss_before_bytes'])})  -> target {TARGET_SECONDS} s / 4 GiB: "
          f"{'MET' if ok else 'NOT MET'}")
    stages, stage_peak = figures["stages_s"], figures["stage_peak_rss_bytes"]
    inner = sum(stages.get(k, 0.0) for k in ("choose", "classify", "quantiles_for"))
    models_total = sum(figures["models_s"].values())
    elsewhere = figures["executor"] not in ("1", "default") or figures["workers_cpu_s"] > 0
    print(f"  {'stage':<22} {'seconds':>8}   peak RSS in the stage"
          + ("  (the models' seconds: summed over their chunks, in the workers)" if elsewhere else ""))
    for key in ("load_history", "load_drivers", "forecast_history", "store_result"):
        print(f"    {key:<20} {stages.get(key, 0.0):8.2f}   {gib(stage_peak.get(key, 0))}")
        if key == "forecast_history":
            for model, seconds in figures["models_s"].items():
                peak_model = figures["model_peak_rss_bytes"].get(model)
                print(f"      {model:<18} {seconds:8.2f}   {gib(peak_model) if peak_model else ''}")
            for sub in ("choose", "classify", "quantiles_for"):
                print(f"      {sub:<18} {stages.get(sub, 0.0):8.2f}   {gib(stage_peak.get(sub, 0))}")
            if not elsewhere:
                print(f"      {'(rest)':<18} {stages.get(key, 0.0) - models_total - inner:8.2f}")
    rest = figures["wall_s"] - sum(stages.get(k, 0.0) for k in ("load_history", "load_drivers",
                                                                  "forecast_history", "store_result"))
    print(f"    {'(rest)':<20} {rest:8.2f}")
    print(f"  result: {figures['stored_daily_rows']:,} daily rows stored; coverage90 {figures['coverage90']:.4f}; "
          f"median RMSSE {figures['median_rmsse']:.4f}; sum of means {figures['mean_total']:.1f}; "
          f"patterns {figures['patterns']}")
    print(f"  most chosen: {figures['chosen']}")
    print("  load average at the end: %.1f %.1f %.1f" % tuple(figures["load_at_end"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=1_095)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--db", type=Path, default=None, help="the shop file (default bench/out/scale_<n>.db)")
    parser.add_argument("--rebuild", action="store_true", help="write the shop file again even if it matches")
    parser.add_argument("--runs", choices=("both", "on", "off", "none"), default="both",
                        help="which forecasts to run: neural on, off, both (default), or none (build only)")
    parser.add_argument("--profile", choices=("on", "off"), default=None, help="cProfile this run")
    parser.add_argument("--executors", default="default",
                        help="where the per-product models run, one run each, comma-separated: 1 (this process), "
                             "2 (two local processes), dask2 (a LocalCluster of 2 worker processes), 1core (this "
                             "process, allowed one core only: the one-core baseline), default (the shop's setting); "
                             "e.g. --executors 1core,1,2,dask2")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the executors' list this many times, one after another in turn (the speed-up of "
                             "each round and their median: the one-core run moves by seconds between runs)")
    parser.add_argument("--shop", choices=("synthetic", "m5"), default="synthetic",
                        help="the synthetic shop (default) or the M5 shop imported from ../shared/data")
    parser.add_argument("--child", choices=("on", "off"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="default", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = args.db or (OUT / "m5_shop.db" if args.shop == "m5" else OUT / f"scale_{args.products}.db")

    if args.child:  # one measured run in a fresh process: print its figures as the last line
        figures = measured_run(path, args.child == "on", args.profile_to, args.executor)
        print("FIGURES " + json.dumps(figures))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"forecast scale bench, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "core"], capture_output=True,
                               text=True).stdout.strip()
        print(f"code: {head}{' + uncommitted changes in core/' if dirty else ''}")
    except OSError:
        pass
    OUT.mkdir(parents=True, exist_ok=True)
    if args.shop == "m5":
        ensure_m5_shop(path)
    else:
        ensure_shop(path, args.products, args.days, args.seed, args.rebuild)
    runs = {"both": ["on", "off"], "on": ["on"], "off": ["off"], "none": []}[args.runs]
    all_figures = []
    for round_, which, executor in [(r, w, e) for r in range(max(args.repeat, 1)) for w in runs
                                    for e in args.executors.split(",")]:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", which, "--db", str(path),
                   "--products", str(args.products), "--days", str(args.days), "--executor", executor]
        if args.profile == which:
            prof = OUT / f"scale_{args.products}_neural_{which}.prof"
            command += ["--profile-to", str(prof)]
        one_core = None
        if executor == "1core":     # the whole child on one core (its CPU affinity, before it imports anything)
            cpu = min(os.sched_getaffinity(0))
            one_core = lambda: os.sched_setaffinity(0, {cpu})  # noqa: E731
        child = subprocess.run(command, capture_output=True, text=True, preexec_fn=one_core)
        lines = child.stdout.splitlines()
        figures_line = next((line for line in reversed(lines) if line.startswith("FIGURES ")), None)
        if child.returncode != 0 or figures_line is None:
            print(f"\n== neural {which}: the run failed (exit {child.returncode})")
            print("\n".join(lines[-20:]))
            print(child.stderr[-4000:])
            continue
        figures = json.loads(figures_line[len("FIGURES "):])
        figures["round"] = round_
        report(figures)
        if args.profile == which:
            print(f"  profile: {prof}")
        all_figures.append(figures)
    for neural in (True, False):
        same = {f["digest"] for f in all_figures if f["neural"] == neural}
        if len([f for f in all_figures if f["neural"] == neural]) > 1:
            print(f"\nneural {'on' if neural else 'off'}: the forecasts of every executor are "
                  f"{'IDENTICAL' if len(same) == 1 else 'DIFFERENT: ' + ', '.join(sorted(same))}")
            walls: dict[str, dict[int, float]] = {}
            for f in all_figures:
                if f["neural"] == neural:
                    walls.setdefault(f["executor"], {})[f.get("round", 0)] = f["wall_s"]
            for base, label in (("1", "one process"), ("1core", "one process on one core")):
                if base not in walls:
                    continue
                parts = []
                for name, seconds in walls.items():
                    if name == base:
                        continue
                    ratios = [walls[base][r] / seconds[r] for r in sorted(seconds) if r in walls[base]]
                    if ratios:
                        parts.append(f"{name} {float(np.median(ratios)):.2f}x" + (
                            f" (median of {len(ratios)} rounds: {', '.join(f'{x:.2f}x' for x in ratios)})"
                            if len(ratios) > 1 else ""))
                print(f"  speed-up over {label}: " + ", ".join(parts))
    if all_figures:
        out = OUT / f"forecast_scale_{args.shop if args.shop == 'm5' else args.products}.json"
        out.write_text(json.dumps({"when": dt.datetime.now().isoformat(timespec="seconds"),
                                   "machine": machine_line(), "versions": versions(), "runs": all_figures},
                                  indent=1))
        print(f"\nfigures saved to {out}")


if __name__ == "__main__":
    main()
