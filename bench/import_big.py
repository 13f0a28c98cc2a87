"""A till export of 1.5 million lines imported into a new shop: the time of each stage and the peak memory.

The file is written here (tests/core/test_killed_import.py's layout: UCI-like columns, 3,000 products, one line a
minute with an invoice every four lines). Stages: reading (sniffing and pandas), mapping and checking every row,
storing (one transaction). Aim (issue 12): 25 s and 1.5 GiB peak on 2 cores.

    .venv/bin/python bench/import_big.py [--rows 1500000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_500_000)
    args = parser.parse_args()
    from core.importing import commit, guess_mapping, read_sheet
    from core.importing.validate import validate
    from core.store import open_shop
    from tests.core.test_killed_import import _till_csv

    work = Path(tempfile.mkdtemp(prefix="shelfwise-big-"))
    started = time.perf_counter()
    csv = _till_csv(work / "till.csv", args.rows)
    print(machine_line())
    print(f"wrote {args.rows:,} lines ({csv.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s")
    times = {}
    started = time.perf_counter()
    raw = read_sheet(csv, kind="sales")
    times["read"] = time.perf_counter() - started
    with open_shop(work / "shop.db") as shop:
        started = time.perf_counter()
        mapping = guess_mapping(raw, "sales")
        validated = validate(raw, "sales", mapping, today=dt.date(2030, 1, 1))
        times["check"] = time.perf_counter() - started
        started = time.perf_counter()
        report = commit(shop, validated)
        times["store"] = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20      # KiB on Linux -> GiB
    total = sum(times.values())
    print(f"imported {report.imported:,} of {report.rows_read:,} lines: "
          + ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
          + f"; total {total:.1f} s (aim 25 s); peak memory {peak:.2f} GiB (aim 1.5 GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
