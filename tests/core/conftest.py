"""Shared helpers for the import tests: a shop file per test, a fingerprint of everything it stores, the CLI."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from core.store import open_shop

REPO_ROOT = Path(__file__).resolve().parents[2]


def _shop_state(db_path: Path) -> dict:
    """Row counts of every table, and checksums of the sales and products tables: equal states mean that
    nothing the owner could see has changed."""
    with open_shop(db_path, create=False) as shop:
        tables = [r[0] for r in shop.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        state: dict = {f"count:{t}": shop.scalar(f"SELECT count(*) FROM {t}") for t in tables}
        for table, order in (("sales", "line_key"), ("products", "id")):
            digest = hashlib.sha256()
            for row in shop.query(f"SELECT * FROM {table} ORDER BY {order}"):
                digest.update(repr(tuple(row)).encode())
            state[f"checksum:{table}"] = digest.hexdigest()
        state["sales_sum"] = shop.scalar("SELECT coalesce(sum(qty), 0) FROM sales")
    return state


@pytest.fixture
def shop_state():
    """A function: shop file path -> table counts and checksums."""
    return _shop_state


@pytest.fixture
def shop_path(tmp_path) -> Path:
    """A fresh, empty shop file (schema created) in the test's own folder."""
    path = tmp_path / "shop.db"
    open_shop(path).close()
    return path


@pytest.fixture
def shop(shop_path):
    with open_shop(shop_path) as opened:
        yield opened


def _run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def run_cli():
    """A function: CLI arguments -> the finished process (returncode, stdout, stderr), run from the repo root."""
    return _run_cli
