"""An import killed part-way (power cut, task manager) leaves the shop file whole and as it was: one transaction
per import (core/importing/commit.py), SQLite in WAL mode (core/store/db.py)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.importing import run_import
from core.store import open_shop

REPO_ROOT = Path(__file__).resolve().parents[2]
BIG_ROWS = 300_000

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _till_csv(path: Path, rows: int, first_invoice: int = 600_000) -> Path:
    """`rows` distinct till lines over 3,000 products, one a minute from 2023-01-01."""
    i = np.arange(rows)
    pd.DataFrame({
        "InvoiceNo": first_invoice + i // 4,
        "StockCode": np.char.add("K", (i % 3000).astype(str)),
        "Quantity": i % 19 + 1,
        "InvoiceDate": (pd.Timestamp("2023-01-01") + pd.to_timedelta(i, unit="min")).strftime("%Y-%m-%d %H:%M:%S"),
        "UnitPrice": 1.25,
        "CustomerID": 17000 + i % 500,
    }).to_csv(path, index=False)
    return path


def _state(db: Path) -> dict:
    with open_shop(db, create=False) as shop:
        integrity = shop.scalar("PRAGMA integrity_check")
        counts = {t: shop.scalar(f"SELECT count(*) FROM {t}") for t in (
            "sales", "products", "import_runs", "import_problems", "audit_log")}
        total = shop.scalar("SELECT coalesce(sum(qty), 0) FROM sales")
    return {"integrity": integrity, **counts, "sales_sum": total}


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    return {BIG_ROWS: _till_csv(folder / "big.csv", BIG_ROWS),
            "first": _till_csv(folder / "first.csv", 500, first_invoice=100_000)}


def _shop_with_a_first_import(folder: Path, first_csv: Path) -> Path:
    db = folder / "shop.db"
    with open_shop(db) as shop:
        run_import(shop, first_csv, "sales")
    return db


def _import_and_kill(csv: Path, db: Path, when: str) -> bool:
    """Start `main.py import` in a child and SIGKILL it: 'writing' = as soon as the WAL grows by more than 256 KiB
    (the transaction is being written), 'reading' = 0.8 s after the start. True if it was killed before it ended."""
    wal = Path(f"{db}-wal")
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "main.py", "import", str(csv), "--db", str(db), "--kind", "sales"],
                             cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    baseline = None
    try:
        while child.poll() is None:
            elapsed = time.monotonic() - started
            try:                    # (the WAL may go between a check and a stat: the child ended and removed it)
                size = wal.stat().st_size
            except FileNotFoundError:
                size = None
            if baseline is None and size is not None:
                baseline = size
            growing = size is not None and baseline is not None and size - baseline > 256 * 1024
            if (when == "writing" and growing) or (when == "reading" and elapsed >= 0.8) or elapsed > 60:
                os.kill(child.pid, signal.SIGKILL)
                break
            time.sleep(0.001)
    finally:
        child.wait(timeout=30)
    return child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("when", ["reading", "writing"])
def test_a_killed_import_leaves_the_shop_whole_and_as_it_was(tmp_path, big_files, when):
    db = _shop_with_a_first_import(tmp_path, big_files["first"])
    before = _state(db)
    assert before["sales"] == 500 and before["integrity"] == "ok"

    csv, rows = big_files[BIG_ROWS], BIG_ROWS
    killed = _import_and_kill(csv, db, when)
    if not killed:  # the machine was quicker than the kill: once more, in a new shop, with a file twice as big
        (tmp_path / "again").mkdir()
        db = _shop_with_a_first_import(tmp_path / "again", big_files["first"])
        before = _state(db)
        csv, rows = _till_csv(tmp_path / "again" / "bigger.csv", 2 * BIG_ROWS), 2 * BIG_ROWS
        _import_and_kill(csv, db, when)

    after = _state(db)
    assert after["integrity"] == "ok"
    added = after["sales"] - before["sales"]
    assert added in (0, rows), f"a partial import: {added:,} of {rows:,} rows"
    if added == 0:
        assert after == before  # no half-written import: no products, report or audit lines left behind
    else:  # the kill came just after the commit: then all of it
        assert after["import_runs"] == before["import_runs"] + 1


def test_after_a_killed_import_the_same_file_imports_completely(tmp_path, big_files):
    db = _shop_with_a_first_import(tmp_path, big_files["first"])
    before = _state(db)
    _import_and_kill(big_files[BIG_ROWS], db, "reading")
    with open_shop(db) as shop:
        report = run_import(shop, big_files[BIG_ROWS], "sales")
    after = _state(db)
    assert after["integrity"] == "ok"
    assert after["sales"] == before["sales"] + BIG_ROWS
    assert report.imported + report.counts.get("already_in_shop", 0) == BIG_ROWS
