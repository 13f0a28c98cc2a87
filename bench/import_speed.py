"""Import speed on the real UCI Online Retail data, through the same path as the window.

Prints rows per second for the 541,909-row CSV and for an xlsx of the same rows (written here with
openpyxl's write-only mode), and in the same run the bare parse each is compared with: pandas `read_csv` for the
CSV and python-calamine for the xlsx. Run:  .venv/bin/python bench/import_speed.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "online-retail"
CSV = DATA / "online_retail_2010-12_2011-12.csv"


def best_of(repeat: int, fn):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def write_xlsx(path: Path) -> None:

    import pandas as pd
    from openpyxl import Workbook

    frame = pd.read_csv(CSV, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Float64"})
    frame["InvoiceDate"] = pd.to_datetime(frame["InvoiceDate"])
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Online Retail")
    sheet.append(list(frame.columns))
    for invoice, code, text, qty, when, price, customer, country in frame.itertuples(index=False):
        # As in the real workbook: numeric-looking codes are number cells, the rest text.
        sheet.append([int(invoice) if invoice.isdigit() else invoice, int(code) if code.isdigit() else code,
                      text if isinstance(text, str) else None, qty, when.to_pydatetime(), price,
                      None if pd.isna(customer) else float(customer), country])
    book.save(path)


def import_once(path: Path, workdir: Path) -> tuple[int, int]:
    from core.importing import run_import
    from core.store import open_shop

    db = workdir / f"bench-{time.perf_counter_ns()}.db"
    with open_shop(db) as shop:
        report = run_import(shop, path, "sales")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return report.rows_read, report.imported


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CSV.exists():
        sys.exit(f"missing {CSV}")
    import pandas as pd
    from python_calamine import CalamineWorkbook

    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pandas {pd.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        bare_csv, frame = best_of(args.repeat, lambda: pd.read_csv(CSV))
        ours_csv, (rows, imported) = best_of(args.repeat, lambda: import_once(CSV, workdir))
        print(f"CSV  {rows:,} rows: bare pandas.read_csv {bare_csv:.2f} s; ShelfWise import {ours_csv:.2f} s "
              f"({rows / ours_csv:,.0f} rows/s, {imported:,} stored) = {ours_csv / bare_csv:.1f}x the bare parse")
        xlsx = workdir / "online_retail.xlsx"
        started = time.perf_counter()
        write_xlsx(xlsx)
        print(f"(wrote {xlsx.stat().st_size / 1e6:.0f} MB xlsx in {time.perf_counter() - started:.0f} s)")

        def calamine_read():
            return CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Online Retail").to_python()

        bare_xlsx, _ = best_of(args.repeat, calamine_read)
        ours_xlsx, (rows, imported) = best_of(args.repeat, lambda: import_once(xlsx, workdir))
        print(f"XLSX {rows:,} rows: bare python-calamine {bare_xlsx:.2f} s; ShelfWise import {ours_xlsx:.2f} s "
              f"({rows / ours_xlsx:,.0f} rows/s, {imported:,} stored) = {ours_xlsx / bare_xlsx:.1f}x the bare read")


if __name__ == "__main__":
    main()
