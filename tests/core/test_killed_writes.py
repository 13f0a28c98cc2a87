"""A process killed (SIGKILL: a power cut, the task manager) at random moments while it writes the shop — the plan
kept for the next start, the owner's quantities, purchase orders, backups — leaves the shop file whole
(`integrity_check` ok) and each change either wholly made or not made at all. Imports: test_killed_import.py.

Each writer is a child forked from the test (so it starts in milliseconds) that repeats its change, one transaction
at a time, until it is killed at a random moment; 51 kills in all, the moments drawn from a fixed seed."""
from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from core.store import backups, open_shop
from core.store.db import atomic

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL") or "fork" not in multiprocessing.get_all_start_methods(),
                                 reason="needs SIGKILL and fork")]
KILLS_PER_WRITER = 17
LINES = 40
PLAN_DAY = dt.date(2026, 3, 2)


def _shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    with open_shop(path) as shop, atomic(shop) as conn:
        conn.execute("INSERT INTO suppliers(name) VALUES ('Acme')")
        conn.executemany("INSERT INTO products(sku, name, supplier_id, unit_cost) VALUES (?, ?, 1, 1.5)",
                         [(f"P{k:03d}", f"Product {k}") for k in range(LINES)])
    return path


# ---- the writers: each repeats one change, one transaction a time, until killed

def _plan_writer(path: str, ready) -> None:
    from core.policy.plan import adjust_order
    from core.store import cache

    with open_shop(path, create=False) as shop:
        ready.set()
        k = 0
        while True:
            k += 1
            with atomic(shop):            # the owner's quantities for every line, all with this round's number
                for line in range(LINES):
                    adjust_order(shop, PLAN_DAY, f"P{line:03d}", float(k), f"round {k}")
            cache.write(shop, "dashboard plan", f"round {k}", {"round": k, "rows": list(range(20_000 + k))})


def _orders_writer(path: str, ready) -> None:
    from core.ordering.purchase_orders import PurchaseOrder, PurchaseOrderLine, cancel, create_order, mark_sent

    with open_shop(path, create=False) as shop:
        ready.set()
        k = shop.scalar("SELECT coalesce(max(id), 0) FROM purchase_orders")     # a new order day each time
        while True:
            k += 1
            order = create_order(shop, PurchaseOrder(1, "Acme", PLAN_DAY + dt.timedelta(days=k), None, [
                PurchaseOrderLine(line + 1, f"P{line:03d}", "", f"Product {line}", float(k), 1.5)
                for line in range(LINES)]))
            mark_sent(shop, order.id, on=PLAN_DAY + dt.timedelta(days=k))
            if k % 2:
                cancel(shop, order.id, reason="test")


def _backup_writer(path: str, ready) -> None:
    ready.set()
    k = 0
    while True:
        k += 1
        backups.back_up(path, "by hand", now=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=k))


def _kill_at_random(writer, path: Path, rng: random.Random) -> None:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    child = context.Process(target=writer, args=(str(path), ready), daemon=True)
    child.start()
    assert ready.wait(30), "the writer did not start"
    time.sleep(rng.uniform(0.0, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    assert child.exitcode == -signal.SIGKILL


def _integrity(path: Path) -> str:
    # closed before the next fork: an SQLite connection must never be carried into a forked child
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("seed", [1])
def test_killed_while_keeping_the_plan_and_the_owners_quantities(tmp_path, seed):
    from core.store import cache

    path, rng = _shop(tmp_path), random.Random(seed)
    for _ in range(KILLS_PER_WRITER):
        _kill_at_random(_plan_writer, path, rng)
        assert _integrity(path) == "ok"
        with open_shop(path, create=False) as shop:
            rows = shop.query("SELECT qty, reason FROM order_adjustments WHERE plan_date = ?", (PLAN_DAY.isoformat(),))
            rounds = {(r["qty"], r["reason"]) for r in rows}
            assert len(rows) in (0, LINES) and len(rounds) <= 1          # one whole round, never half of one
            fingerprint = shop.scalar("SELECT fingerprint FROM cache WHERE key = 'dashboard plan'")
            if fingerprint is not None:
                kept = cache.read(shop, "dashboard plan", fingerprint)
                assert kept is not None and f"round {kept['round']}" == fingerprint
                assert kept["rows"] == list(range(20_000 + kept["round"]))


def test_killed_while_saving_purchase_orders(tmp_path):
    path, rng = _shop(tmp_path), random.Random(2)
    for _ in range(KILLS_PER_WRITER):
        _kill_at_random(_orders_writer, path, rng)
        assert _integrity(path) == "ok"
        with open_shop(path, create=False) as shop:
            sizes = shop.query("SELECT o.status, count(l.id) AS lines, total(l.qty) AS units FROM purchase_orders o "
                               "LEFT JOIN purchase_order_lines l ON l.order_id = o.id GROUP BY o.id")
            assert all(r["lines"] == LINES for r in sizes)                # every order whole
            numbers = shop.query("SELECT number FROM purchase_orders")
            assert len({r["number"] for r in numbers}) == len(numbers)   # no number given twice


def test_killed_while_backing_up(tmp_path):
    path, rng = _shop(tmp_path), random.Random(3)
    before = _integrity(path)
    for _ in range(KILLS_PER_WRITER):
        _kill_at_random(_backup_writer, path, rng)
        assert _integrity(path) == before == "ok"
        for backup in backups.list_backups(path):                         # a backup is listed only when whole
            assert _integrity(backup.path) == "ok" and backup.products == LINES
    assert backups.list_backups(path)
