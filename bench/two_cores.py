"""How much faster this machine does two pieces of work at once than one after the other: the ceiling of any
speed-up on its cores, whatever the code (issue 15's "1.7x on 2 cores" is measured against it).

Three kinds of work the forecast does, each run alone in one process and then as two processes at once (each
pinned to its own core), in turn, `--repeat` times:
- `python`: a pure-Python loop (the caller's bookkeeping, statsmodels' Python parts),
- `numpy`: arithmetic streaming over arrays far larger than the caches (the history's matrices, the models'
  backtests): bound by memory bandwidth, which the two cores share,
- `lightgbm`: a one-thread LightGBM training on 200,000 examples (the trees' chunks and training).

Printed per kind: the median seconds alone and in a pair (the slower of the two), and the pair's speed-up
2 x alone / pair: what two cores give over one for that kind of work (2.0 would be two independent cores).

Run:  .venv/bin/python bench/two_cores.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line  # noqa: E402  (bench/ is not a package)


def work(kind: str) -> float:
    """Seconds one piece of `kind` takes in this process."""
    if kind == "python":
        started = time.perf_counter()
        total = 0
        for i in range(25_000_000):
            total += i
        return time.perf_counter() - started
    import numpy as np

    if kind == "numpy":
        a = np.random.default_rng(1).random(40_000_000)
        b = np.empty_like(a)
        started = time.perf_counter()
        for _ in range(12):
            np.multiply(a, 1.0001, out=b)
            np.add(b, 0.5, out=a)
        return time.perf_counter() - started
    if kind == "lightgbm":
        import lightgbm

        rng = np.random.default_rng(2)
        X = rng.random((200_000, 30))
        y = rng.poisson(np.exp(X[:, 0] + X[:, 1] - X[:, 2]))
        params = {"objective": "tweedie", "num_leaves": 63, "learning_rate": 0.05, "verbose": -1, "num_threads": 1,
                  "deterministic": True, "force_row_wise": True, "seed": 1}
        data = lightgbm.Dataset(X, y)
        started = time.perf_counter()
        lightgbm.train(params, data, num_boost_round=150)
        return time.perf_counter() - started
    raise ValueError(kind)


def run(kind: str, cores: list[int]) -> list[float]:
    """The seconds of one piece of `kind` in each of len(cores) processes started together, each on its core."""
    children = [subprocess.Popen([sys.executable, __file__, "--child", kind], stdout=subprocess.PIPE, text=True,
                                 preexec_fn=(lambda c=core: os.sched_setaffinity(0, {c}))) for core in cores]
    return [float(child.communicate()[0].strip().splitlines()[-1]) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kinds", default="python,numpy,lightgbm")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(work(args.child))
        return
    cores = sorted(os.sched_getaffinity(0))
    print(f"two cores at once, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    if len(cores) < 2:
        print("this process may use one core only: nothing to compare")
        return
    pair = cores[:2]
    print(f"{'work':<10} {'alone':>8} {'in a pair':>10} {'two cores give':>15}")
    for kind in args.kinds.split(","):
        alone, together = [], []
        for _ in range(args.repeat):
            alone.append(run(kind, pair[:1])[0])
            together.append(max(run(kind, pair)))
        a, t = statistics.median(alone), statistics.median(together)
        print(f"{kind:<10} {a:7.2f}s {t:9.2f}s {2 * a / t:14.2f}x   (alone {min(alone):.2f}-{max(alone):.2f} s, "
              f"pair {min(together):.2f}-{max(together):.2f} s)")


if __name__ == "__main__":
    main()
