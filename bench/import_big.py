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


UCI = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail_2010-12_2011-12.csv"


def _uci_times_three(path: Path, rows: int) -> Path:
    """The real UCI export (541,909 lines, descriptions, customers, countries) written three times over, a year
    apart with invoice numbers moved on, cut at `rows`: a big till's export as a till writes it."""
    import pandas as pd

    base = pd.read_csv(UCI, dtype=str, keep_default_na=False, encoding="utf-8", encoding_errors="replace")
    parts = []
    for k in range(3):
        part = base.copy()
        stamps = pd.to_datetime(part["InvoiceDate"], errors="coerce") + pd.DateOffset(years=k)
        part["InvoiceDate"] = stamps.dt.strftime("%Y-%m-%d %H:%M:%S")
        digits = part["InvoiceNo"].str.extract(r"^([A-Za-z]?)(\d+)$")
        part["InvoiceNo"] = digits[0].fillna("") + (digits[1].astype(float) + k * 1_000_000).astype("Int64").astype(str)
        parts.append(part)
    pd.concat(parts).head(rows).to_csv(path, index=False)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--synthetic", action="store_true", help="3,000 products and short lines instead of the "
                        "UCI export repeated (descriptions, customers, countries, 4,000 products)")
    args = parser.parse_args()
    from core.importing import commit, guess_mapping, read_sheet
    from core.importing.validate import validate
    from core.store import open_shop
    from tests.core.test_killed_import import _till_csv

    work = Path(tempfile.mkdtemp(prefix="shelfwise-big-"))
    started = time.perf_counter()
    csv = _uci_times_three(work / "till.csv", args.rows) if UCI.exists() and not args.synthetic else \
        _till_csv(work / "till.csv", args.rows)
    print(machine_line())
    print(f"wrote {args.rows:,} lines ({csv.stat().st_size / 2**20:.0f} MiB, "
          f"{'the UCI export three times over' if UCI.exists() and not args.synthetic else 'synthetic'}) in "
          f"{time.perf_counter() - started:.1f} s")
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
