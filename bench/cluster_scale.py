"""The forecast of a chain's size on a dask.distributed LocalCluster: per-chunk costs, memory per worker, what crosses
the network, and the projection written in docs/scaling.md.

1. A synthetic shop of `--products` series x `--days` days is generated in memory by bench/forecast_scale.py's
   generator (the same mix: smooth, intermittent, lumpy, new; holidays, closed days, promotions, price changes,
   stock-outs as unknown days) and handed to `forecast_history` as its DemandHistory and Drivers: the shop file's
   reading (SQLite, single-writer, ~30 s for 20,000 x 3 years) is left out on purpose, since a chain's nightly run
   would read its own warehouse; it is measured in bench/forecast_scale.py.
2. A LocalCluster of `--workers` worker processes (one thread each, a memory limit each) runs the per-product
   chunks (core/forecasting/chunks.py, the LightGBM trees' prediction in core/forecasting/boosted.py,
   core/forecasting/selection.py's coverage counts and quantiles); the global models (LightGBM, neural) train in
   this process meanwhile, as in the app. Before the run, one training of the global models at a fifth of the series
   and at all of them shows how the caller's part grows.
3. Printed: wall time by phase, the chunks' CPU seconds (summed over chunks, per 1,000 series), the bytes each chunk
   sends and gets back, the peak memory of this process and of each worker, and the cluster size a 30-minute
   nightly run of 1,000,000 series would need from these figures.

Run:  .venv/bin/python bench/cluster_scale.py                               # 100,000 x 730, 2 workers
      .venv/bin/python bench/cluster_scale.py --products 20000 --days 365   # a quick look
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


def build(n: int, T: int, seed: int, horizon: int):
    """DemandHistory and Drivers of the generated shop, as load_history / load_drivers would give them."""
    from core.demand.drivers import Drivers
    from core.demand.history import DemandHistory
    from forecast_scale import generate

    data = generate(n, T, seed)
    units = data["units"].astype(float)
    del data["units"]
    sold = units > 0
    first = np.where(sold.any(axis=1), sold.argmax(axis=1), T)
    demand = units.copy()
    demand[np.arange(T)[None, :] < first[:, None]] = np.nan
    stockout = np.zeros((n, T), dtype=bool)
    for row, col, qty in [(r, c, q) for (r, c), q in data["counts"]]:
        if qty == 0:                               # a count of 0: unknown until the next sale
            end = col + 1
            while end < T and units[row, end] == 0:
                end += 1
            stockout[row, col:end] = True
    demand[stockout] = np.nan
    days = pd.date_range(data["days"][0], periods=T, freq="D")
    sales = units.copy()
    sales[np.arange(T)[None, :] < first[:, None]] = np.nan
    history = DemandHistory(np.arange(n), np.array([f"S{i:06d}" for i in range(n)], dtype=object), days,
                            sales, demand, stockout,
                            np.zeros((n, T), dtype=bool), first, np.nansum(units, axis=1) * data["price0"],
                            days[-1].date())
    all_days = pd.date_range(days[0], periods=T + horizon, freq="D")
    kinds = ["holiday"]
    events = np.zeros((T + horizon, 1), dtype=bool)
    index = {d.date(): k for k, d in enumerate(all_days)}
    for day, _name in data["holidays"]:
        if day in index:
            events[index[day], 0] = True
    promotion = np.zeros((n, T + horizon), dtype=bool)
    for row, start, end in data["promotions"]:
        promotion[row, start:end + 1] = True
    price = np.repeat(data["price0"][:, None], T + horizon, axis=1)
    for row, day, factor in zip(data["changed"], data["change_day"], data["change_factor"]):
        price[row, day:] *= factor
    return history, Drivers(all_days, kinds, events, promotion, price)


def _tree_memory_class():
    from forecast_scale import RssSampler, _descendants, _rss

    class TreeMemory(RssSampler):
        """forecast_scale's sampler of the process tree's RSS, with each process's own peak and command line."""

        def __init__(self, interval: float = 0.5):
            self.peaks: dict[int, int] = {}
            self.names: dict[int, str] = {}
            super().__init__(interval)

        def note(self) -> None:
            import os

            total = 0
            for pid in [os.getpid(), *_descendants(os.getpid())]:
                rss = _rss(pid)
                total += rss
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
                if pid not in self.names:
                    try:
                        self.names[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    except OSError:
                        self.names[pid] = "?"
            self.samples.append((time.perf_counter(), total))

    return TreeMemory


def training_seconds(history, drivers, m: int, horizon: int, neural: bool) -> float:
    """One training of each global model on the first m series (their history before the first backtest
    origin), in this process with the workers idle: how the caller's training grows with the series."""
    from core.demand.drivers import Drivers, cut
    from core.forecasting.boosted import GlobalBoosted
    from core.forecasting.neural import GlobalNeural

    T = history.demand.shape[1]
    end = T - 3 * horizon
    part = cut(Drivers(drivers.days, drivers.event_kinds, drivers.events, drivers.promotion[:m],
                       drivers.price[:m]), 0, end + horizon)
    started = time.perf_counter()
    GlobalBoosted().train(history.demand[:m, :end], horizon, part)
    if neural:
        GlobalNeural().train(history.demand[:m, :end], horizon, part)
    return time.perf_counter() - started


def gib(value: float) -> str:
    return f"{value / 1024 ** 3:.2f} GiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="6GiB", help="each worker's memory limit (dask)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--neural", choices=("on", "off"), default="on")
    args = parser.parse_args()

    import os

    from distributed import LocalCluster

    from core.compute.executors import DaskCluster
    from core.forecasting.chunks import row_chunks
    from core.forecasting.run import ForecastSettings, forecast_history
    from core.jobs import JobContext

    print(f"cluster scale bench, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")
    horizon = 28
    started = time.perf_counter()
    history, drivers = build(args.products, args.days, args.seed, horizon)
    n, T = history.demand.shape
    print(f"shop: {n:,} series x {T:,} days generated in memory in {time.perf_counter() - started:.1f} s "
          f"(demand {gib(history.demand.nbytes)}, prices {gib(drivers.price.nbytes)})")

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           memory_limit=args.memory_limit, silence_logs=40)
    executor = DaskCluster(cluster.scheduler_address)
    executor.client
    print(f"LocalCluster: {args.workers} worker processes x 1 thread, memory limit {args.memory_limit} each, "
          f"started in {time.perf_counter() - started:.1f} s")
    # the global models' training at a fifth of the series and at all of them: their examples are capped, so it
    # grows only with the inputs read at each example's origin; the projection extends the line through both
    small = max(args.products // 5, 1)
    trained_small = training_seconds(history, drivers, small, horizon, args.neural == "on")
    trained_all = training_seconds(history, drivers, args.products, horizon, args.neural == "on")
    print(f"one training of the global models (workers idle): {trained_small:.1f} s at {small:,} series, "
          f"{trained_all:.1f} s at {args.products:,}")
    memory = _tree_memory_class()()
    memory.start()
    marks: list[tuple[float, str, float]] = []     # (when, what, this process's CPU seconds so far)

    def progress(_fraction: float, text: str) -> None:
        if not marks or marks[-1][1].split(":")[0] != text.split(":")[0]:
            times = os.times()
            marks.append((time.perf_counter(), text, times.user + times.system))

    settings = ForecastSettings(horizon=horizon, neural=args.neural == "on")
    from forecast_scale import _tree_cpu

    t0 = time.perf_counter()
    cpu0 = os.times()
    workers_cpu0 = _tree_cpu()
    result = forecast_history(history, drivers, settings, JobContext(progress, min_interval=0.0), executor)
    wall = time.perf_counter() - t0
    cpu1 = os.times()
    workers_cpu = _tree_cpu() - workers_cpu0
    memory.stop()
    workers = executor.client.run(lambda: __import__("os").getpid())
    executor.close()
    cluster.close()

    caller_cpu = (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system)
    print(f"\nforecast_history on the cluster: wall {wall:.1f} s; this process's CPU {caller_cpu:.1f} s, the "
          f"workers' CPU {workers_cpu:.1f} s")
    for k, (t, text, _cpu) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else t0 + wall
        print(f"  {t - t0:7.1f} s  {end - t:7.1f} s  {text.split(':')[0]}")
    # trained in this process: the neural model, the LightGBM trees (two trainings, their examples capped); the
    # rest, LightGBM's prediction included ("lightgbm (chunks)"), ran in the workers' chunks
    in_caller = ("neural", "lightgbm")
    training = sum(result.timings.get(name, 0.0) for name in in_caller)
    chunk_cpu = sum(seconds for name, seconds in result.timings.items() if name not in in_caller)
    print(f"  per-product models, CPU summed over their chunks: {chunk_cpu:.1f} s = "
          f"{chunk_cpu / n * 1000:.2f} s per 1,000 series; trained in this process: neural "
          f"{result.timings.get('neural', 0.0):.1f} s, lightgbm {result.timings.get('lightgbm', 0.0):.1f} s")
    for name, seconds in result.timings.items():
        print(f"    {name:<16} {seconds:8.1f} s")
    chunks = row_chunks(n, args.workers)
    rows = chunks[0].stop - chunks[0].start
    sent = rows * (T * 8 + drivers.promotion.shape[1] * (1 + 8))
    models = [m for m in result.timings if m not in ("neural", "lightgbm", "ets", "arima")]
    back = rows * len(models) * (settings.origins + 1) * horizon * 8
    print(f"  chunks: {len(chunks)} of {rows:,} series; each sends {sent / 1024 ** 2:.1f} MiB (history, promotion "
          f"days, prices) and gets back {back / 1024 ** 2:.1f} MiB ({len(models)} models x "
          f"{settings.origins + 1} forecasts x {horizon} days, float64): {(sent + back) / rows / 1024:.1f} KiB a "
          f"series")
    print(f"  memory: peak of the whole tree {gib(memory.peak())}")
    worker_pids = set(workers.values())
    for pid, peak in sorted(memory.peaks.items(), key=lambda kv: -kv[1])[:6]:
        role = "worker" if pid in worker_pids else ("this process" if pid == os.getpid() else "other")
        print(f"    {role:<13} pid {pid:<7} peak {gib(peak)}  {memory.names.get(pid, '')[:60]}")
    print(f"  result: coverage90 {result.choice.coverage90:.4f}, median RMSSE {np.nanmedian(result.choice.rmsse):.4f}, "
          f"sum of means {result.mean.sum():,.0f}")

    # projection: 1,000,000 series, the same history length, a 30-minute window; the workers' parts grow with the
    # series; the caller's training along the line through the two trainings measured above (its examples are
    # capped: LightGBM 250,000 (500,000 in the run of 2026-12-05 recorded in docs/scaling.md), neural 600,000)
    target_series, window = 1_000_000, 1800.0
    scale = target_series / n
    slope = max(trained_all - trained_small, 0.0) / max(n - small, 1)
    growth = (trained_all + slope * (target_series - n)) / max(trained_all, 1e-9)
    neural = training * growth
    models_cpu = chunk_cpu * scale
    # the calibration's and quantiles' chunks: the workers' time over the phase from "Choosing" to the end (the
    # workers' CPU read from /proc undercounts it: 124 s against 116 s of that phase on 2 busy workers)
    choosing = next((t for t, text, _cpu in marks if text.startswith("Choosing")), t0 + wall)
    calibration_cpu = (t0 + wall - choosing) * args.workers * scale
    # the caller's CPU beside its training (LightGBM trains on 2 threads): from the first chunk's return to the end
    trained_cpu = next((cpu for _t, text, cpu in marks if text.startswith("Backtesting the models on")),
                       cpu0.user + cpu0.system) - (cpu0.user + cpu0.system)
    caller_rest = max(caller_cpu - trained_cpu, 0.0) * scale

    def nightly(cores: int) -> float:
        return max(neural, models_cpu / cores) + calibration_cpu / cores + caller_rest

    print(f"\nprojection for {target_series:,} series x {T} days in {window / 60:.0f} minutes, at this machine's speed "
          f"per core (each part x {scale:.0f}):")
    print(f"  in the workers: the models {models_cpu / 3600:.2f} core-hours, the calibration and quantiles "
          f"{calibration_cpu / 3600:.2f} core-hours; in the caller: the global models' training {neural / 60:.1f} "
          f"minutes (x {growth:.2f}, beside the models' chunks), the rest {caller_rest / 60:.1f} minutes")
    fits = [cores for cores in range(1, 1025) if nightly(cores) <= window]
    if fits:
        print(f"  worker cores needed: {fits[0]} (one thread each): {nightly(fits[0]) / 60:.1f} minutes; with "
              f"{2 * fits[0]}: {nightly(2 * fits[0]) / 60:.1f} minutes")
    else:
        print("  no number of workers fits the window: the caller's own part is longer than it")
    print(f"  the caller's memory grows with the series too: {gib(memory.peaks.get(os.getpid(), 0) * scale)} at "
          f"{target_series:,} series (it holds every model's backtests)")
    data_in = target_series * (T * 8 + drivers.promotion.shape[1] * 9)
    data_out = target_series * len(models) * (settings.origins + 1) * horizon * 8
    print(f"  over the network: {data_in / 1e9:.1f} GB to the workers, {data_out / 1e9:.1f} GB back "
          f"({(data_in + data_out) * 8 / 1e9 / 60:.1f} minutes on 1 Gbit/s)")


if __name__ == "__main__":
    main()
