"""Results kept in the shop file to show at once (the plan and its alerts when the shop opens): each under a key
with the fingerprint of what it was made from, read back only while the fingerprint still matches. A cache entry
is never the only copy of anything: one that cannot be read is simply made again."""
from __future__ import annotations

import hashlib
import logging
import pickle
import zlib
from typing import Any

from core.store.db import ShopDb, atomic, now_iso

log = logging.getLogger(__name__)

# what the plan and its alerts are made from: small tables whole, the long ones by size, last row and checksums
WHOLE_TABLES = ("settings", "suppliers", "products", "purchase_orders", "purchase_order_lines", "stock_receipts",
                "order_adjustments", "forecast_overrides", "forecast_runs")
LONG_TABLES = {"sales": "qty", "stock_snapshots": "qty", "prices": "coalesce(sell_price, 0) + "
               "coalesce(unit_cost, 0)", "events": "length(name)"}


def fingerprint(shop: ShopDb, *extra: object) -> str:
    """A digest of the shop's planning inputs (and `extra`: today's date, the program's version): any import,
    edit, count, order, setting or forecast changes it. Tens of milliseconds on half a million sales."""
    digest = hashlib.sha256(repr(extra).encode())
    for table in WHOLE_TABLES:
        digest.update(table.encode())
        for row in shop.conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(tuple(row)).encode())
    for table, value in LONG_TABLES.items():
        row = shop.conn.execute(f"SELECT count(*), max(rowid), total({value}), total(({value}) * (rowid % 1009)) "
                                f"FROM {table}").fetchone()
        digest.update(f"{table}{tuple(row)!r}".encode())
    return digest.hexdigest()


def read(shop: ShopDb, key: str, fingerprint_now: str) -> Any | None:
    """The value kept under `key` if it was made from what the shop holds now; None otherwise (or unreadable)."""
    row = shop.conn.execute("SELECT fingerprint, data FROM cache WHERE key = ?", (key,)).fetchone()
    if row is None or row["fingerprint"] != fingerprint_now:
        return None
    try:
        return pickle.loads(zlib.decompress(row["data"]))
    except Exception as err:  # noqa: BLE001 - a cache made by another version of the program: made again
        log.info("cache %s not readable (%s): made again", key, err)
        return None


def write(shop: ShopDb, key: str, fingerprint_then: str, value: Any) -> None:
    """Keep `value` under `key`, made from what `fingerprint_then` describes (taken before it was made)."""
    data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    with atomic(shop) as conn:
        conn.execute("INSERT INTO cache(key, fingerprint, made_at, data) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO "
                     "UPDATE SET fingerprint = excluded.fingerprint, made_at = excluded.made_at, data = excluded.data",
                     (key, fingerprint_then, now_iso(), data))
