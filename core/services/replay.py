"""Replays of reorder policies over the shop's own past, beside what the shop really did."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from core.jobs import JobContext, null_context
from core.services.shop import require_shop
from core.services.tables import check_table_path, write_table
from core.store.db import open_shop

# the columns of the command line's --out file, one row per product
SIMULATE_COLUMNS = ["sku", "policy", "demand", "served", "lost", "fill_rate", "cycle_service_level", "stockout_days",
                    "avg_stock_value", "orders", "pattern"]


def replay_policies(shop_path: Path, *, start: dt.date, end: dt.date, policies: tuple[str, ...], service_level: float,
                    ctx: JobContext):
    """The replay report (core.simulation's Comparison): the policies over start .. end beside what the shop
    really did."""
    from core.simulation.compare import compare_policies

    with open_shop(shop_path, create=False) as shop:
        return compare_policies(shop, start, end, policies, service_level=service_level, ctx=ctx)


def history_span(shop_path: Path, *, ctx: JobContext | None = None):
    from core.simulation.compare import history_span as span

    with open_shop(shop_path, create=False) as shop:
        return span(shop)


@dataclass(frozen=True)
class ReplaySummary:
    """One policy replayed from the command line, and what the shop really did on the products it counted."""
    policy: str
    days: int
    seconds: float
    totals: dict                       # core's totals of the policy over every product
    actual: dict | None                # the shop's own totals, from its stock counts (None: never counted)
    policy_on_counted: dict | None     # the policy's totals on the same counted products
    counted_products: int
    rows_written: int | None
    period: str = "day"                # 'week' or 'month': `days` counts those periods (core.simulation.periods)


def simulate_to_file(shop_path: Path, *, start: dt.date, end: dt.date, policy: str = "shelfwise",
                     service_level: float = 0.95, out: Path | None = None,
                     ctx: JobContext | None = None) -> ReplaySummary:
    from core.simulation.replay import replay_shop, summarise

    if out is not None:
        check_table_path(out)
    started = time.perf_counter()
    with open_shop(require_shop(shop_path), create=False) as shop:
        results = replay_shop(shop, start, end, (policy,), service_level=service_level, ctx=ctx or null_context())
    result = results[policy]
    actual = results.get("actual")
    seconds = time.perf_counter() - started
    written = write_table(result.products[SIMULATE_COLUMNS], out) if out is not None else None
    return ReplaySummary(policy, len(result.days), seconds, result.totals(),
                         actual.totals() if actual is not None else None,
                         summarise(result.products.iloc[actual.rows]) if actual is not None else None,
                         len(actual.products) if actual is not None else 0, written, result.period)
