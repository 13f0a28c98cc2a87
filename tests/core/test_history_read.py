"""The sales read on several connections at once (core.demand.history._lines_together, core.store.db.read_together):
the same lines to the bit as the read line by line, and no mix of two states of a shop changed while it is read."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

import core.demand.history as history
from core.store import open_shop
from core.store.db import read_together


def _shop_with_awkward_lines(path, n=6000, plain_below=None):
    """A shop file whose sales hold every kind of number a till or a sheet can leave: whole units, fractions of a
    unit, returns, values that are no whole number of cents (6 x 2.55 = 15.299999999999999, a third), huge and
    tiny ones, lines with no value, a date SQLite cannot read, lines after the cut-off, lines of a second import.
    `plain_below`: the lines of line keys below it hold whole units and whole cents only (a till's lines)."""
    rng = np.random.default_rng(4)
    shop = open_shop(path)
    with shop.conn:
        shop.conn.execute("INSERT INTO import_runs(id, started_at, kind, file_name) VALUES (1, '2024', 'sales', 'a')")
        shop.conn.execute("INSERT INTO import_runs(id, started_at, kind, file_name) VALUES (2, '2024', 'sales', 'b')")
        shop.conn.executemany("INSERT INTO products(id, sku, name) VALUES (?, ?, ?)",
                              [(i, f"P{i}", f"P{i}") for i in range(1, 40)])
        random_bits = rng.integers(0, 2 ** 63, n, dtype=np.int64).view(np.float64)
        random_bits = np.where(np.isfinite(random_bits), random_bits, 1.0)
        qty = np.select([rng.random(n) < 0.5, rng.random(n) < 0.5, rng.random(n) < 0.5],
                        [rng.integers(-3, 9, n).astype(float), np.round(rng.uniform(0, 5, n), 3), 1 / rng.integers(1, 9, n)],
                        random_bits)
        price = np.round(rng.uniform(0.1, 30, n), 2)
        with np.errstate(over="ignore"):        # a huge number of units at a price: infinite, as SQLite keeps it
            times = qty * price
        revenue = np.select([rng.random(n) < 0.6, rng.random(n) < 0.5, rng.random(n) < 0.5],
                            [times, price, rng.uniform(-1e14, 1e14, n)], np.nan)
        # line keys over the whole 64-bit range, as an import's hashes are
        keys = rng.integers(-2 ** 63, 2 ** 63 - 1, n, dtype=np.int64)
        if plain_below is not None:
            plain = keys < plain_below
            qty[plain] = rng.integers(-1, 6, int(plain.sum()))
            revenue[plain] = rng.integers(-500, 5000, int(plain.sum())) / 100.0
        days = rng.integers(0, 700, n)
        dates = [str(np.datetime64("2023-01-01") + int(d)) for d in days]
        dates[7] = "2023-02-0x"
        rows = [(int(k), int(rng.integers(1, 40)), dates[i], float(qty[i]),
                 None if np.isnan(revenue[i]) else float(revenue[i]), int(rng.integers(1, 3)))
                for i, k in enumerate(keys)]
        shop.conn.executemany(
            "INSERT OR IGNORE INTO sales(line_key, product_id, date, qty, revenue, import_id) VALUES (?,?,?,?,?,?)", rows)
    return shop


def _read(shop, together: bool, cutoff="2024-06-30", exclude=()):
    history.TOGETHER_FROM_BYTES = 0 if together else 2 ** 62
    return history._read_sales(shop, cutoff, exclude)


@pytest.fixture
def restore_threshold(monkeypatch):
    monkeypatch.setattr(history, "TOGETHER_FROM_BYTES", 0)
    monkeypatch.setattr(history, "_cores", lambda: 2)


@pytest.mark.parametrize("exclude", [(), (2,)])
def test_the_lines_read_together_are_the_lines_read_one_by_one_to_the_bit(tmp_path, restore_threshold, exclude):
    with _shop_with_awkward_lines(tmp_path / "shop.db") as shop:
        assert history._lines_together(shop, "2024-06-30", exclude) is not None     # not the way line by line
        together = _read(shop, True, exclude=exclude)
        apart = _read(shop, False, exclude=exclude)
    assert 2000 < len(apart.qty) < 6000         # the lines after the cut-off, of import 2, the unreadable date: out
    assert together.start == apart.start
    for name in ("product_id", "day", "qty", "revenue"):
        mine, theirs = getattr(together, name), np.ascontiguousarray(getattr(apart, name))
        assert mine.dtype == theirs.dtype
        assert np.array_equal(mine.view(np.int64), theirs.view(np.int64)), name


def test_a_shop_with_no_lines_before_the_cut_off_reads_empty_together(tmp_path, restore_threshold):
    with _shop_with_awkward_lines(tmp_path / "shop.db", n=50) as shop:
        empty = _read(shop, True, cutoff="2000-01-01")
    assert len(empty.qty) == 0 and empty.start is None


def test_a_shop_changed_by_another_connection_while_it_is_read_is_not_read_together(tmp_path):
    """The extra connections may have begun on the changed shop: read_together answers None (the caller reads
    again on its own connection), and the shop's own connection is left out of any transaction."""
    with _shop_with_awkward_lines(tmp_path / "shop.db", n=200) as shop:
        def count(conn):
            return conn.execute("SELECT count(*) FROM sales").fetchone()[0]

        def count_and_write(conn):
            writer = sqlite3.connect(tmp_path / "shop.db", isolation_level=None, timeout=10)
            writer.execute("DELETE FROM sales WHERE rowid IN (SELECT rowid FROM sales LIMIT 5)")
            writer.close()
            return count(conn)

        assert read_together(shop, [count, count, count], 2) == [count(shop.conn)] * 3
        assert read_together(shop, [count, count_and_write, count, count], 2) is None
        assert not shop.conn.in_transaction
        assert read_together(shop, [count, count], 1) is None      # one core: nothing to share
    with open_shop(None) as memory:
        assert read_together(memory, [count], 2) is None


@pytest.mark.parametrize("reason", ["held", "media"])
def test_a_shop_open_read_only_is_read_together_the_same(tmp_path, restore_threshold, reason):
    """Another window holds the shop (its extra connections read through SQLite's locks, read-only), or it is on a
    read-only disk (opened as it is, immutable): the same lines as line by line."""
    from core.store.db import stop_viewing_read_only, view_read_only

    path = tmp_path / "shop.db"
    with _shop_with_awkward_lines(path, n=3000) as writer:
        view_read_only(path, reason)
        try:
            with open_shop(path) as shop:
                assert shop.read_only == reason
                assert history._lines_together(shop, "2024-06-30", ()) is not None
                together, apart = _read(shop, True), _read(shop, False)
        finally:
            stop_viewing_read_only(path)
        assert writer.conn.execute("SELECT count(*) FROM sales").fetchone()[0] > 0
    for name in ("product_id", "day", "qty", "revenue"):
        assert np.array_equal(getattr(together, name).view(np.int64),
                              np.ascontiguousarray(getattr(apart, name)).view(np.int64)), name


def test_chunks_of_whole_cents_are_read_the_short_way_and_the_rest_the_long_way_the_same(tmp_path, restore_threshold,
                                                                                         monkeypatch):
    """Where the first lines (in line key order: a hash, so lines from all over the shop) hold whole hundredths
    only, each chunk crosses its lines without the texts of other values (less work for SQLite); from the first
    chunk with any other value on, the long way. Together the same lines to the bit as line by line; and a shop
    whose first lines hold such values goes the long way at once."""
    import core.store.db as db

    statements = []
    connect = db._connect

    def traced(*args):
        conn = connect(*args)
        conn.set_trace_callback(statements.append)
        return conn
    monkeypatch.setattr(db, "_connect", traced)
    monkeypatch.setattr(history, "SAMPLE_LINES", 300)
    with _shop_with_awkward_lines(tmp_path / "shop.db", plain_below=2 ** 62) as shop:
        shop.conn.set_trace_callback(statements.append)
        together = _read(shop, True)
        short = sum("total(NOT" in s and "printf" not in s and "LIMIT" not in s for s in statements)
        long = sum("printf" in s for s in statements)
        apart = _read(shop, False)
        statements.clear()
        monkeypatch.setattr(history, "SAMPLE_LINES", 6000)      # the sample meets the values of other kinds
        again = _read(shop, True)
        assert not any("total(NOT" in s and "LIMIT" not in s for s in statements)
    assert short >= 2 and long >= 1
    for read in (together, again):
        for name in ("product_id", "day", "qty", "revenue"):
            assert np.array_equal(getattr(read, name).view(np.int64),
                                  np.ascontiguousarray(getattr(apart, name)).view(np.int64)), name
