"""The replay report the window shows: each policy's totals over a window of the shop's past, beside what the
shop really did, on the same products."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.jobs import JobContext, null_context
from core.simulation.replay import replay_shop, summarise
from core.store.db import ShopDb

REPORT_COLUMNS = ["policy", "cycle_service_level", "fill_rate", "stockout_days", "avg_stock_value", "orders",
                  "lost"]


@dataclass
class Comparison:
    table: pd.DataFrame          # REPORT_COLUMNS, one row per policy (and 'actual' where the records allow)
    products: int                # how many products every row covers
    all_products: int
    start: dt.date
    end: dt.date


def history_span(shop: ShopDb) -> tuple[dt.date, dt.date] | None:
    """The first and last day with sales, for the window the window offers by default."""
    first, last = shop.conn.execute("SELECT min(date), max(date) FROM sales").fetchone()
    return (dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])) if first else None


def compare_policies(shop: ShopDb, start: dt.date, end: dt.date, policies: tuple[str, ...], *,
                     service_level: float = 0.95, ctx: JobContext | None = None) -> Comparison:
    """Replay the policies and set them beside the shop's own record. Where the stock counts cover only some
    products, every row is worked out over those products, so the comparison is like for like."""
    ctx = ctx or null_context()
    results = replay_shop(shop, start, end, policies, service_level=service_level, ctx=ctx)
    actual = results.get("actual")
    everyone = len(results[policies[0]].products)
    rows = []
    for name, result in results.items():
        products = result.products
        if actual is not None and name != "actual":
            products = products.iloc[actual.rows]
        total = summarise(products)
        rows.append({"policy": name, **{k: total[k] for k in REPORT_COLUMNS[1:]}})
    covered = len(actual.products) if actual is not None else everyone
    return Comparison(pd.DataFrame(rows, columns=REPORT_COLUMNS), covered, everyone, start, end)
