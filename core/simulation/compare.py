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
    period: str = "day"          # 'week' or 'month': replayed in periods, stockout_days counts periods
    valued: bool = True          # False: no product has a cost, avg_stock_value is in units


@dataclass(frozen=True)
class HistorySpan:
    """The days a replay can cover, and the window the replay dialog offers first."""
    first: dt.date
    last: dt.date                # the last day with sales; a shop of period totals: its last period's last day
    period: str                  # the shop's sales period (core.forecasting.periods.shop_period)
    default_start: dt.date       # the last 12 weeks (weekly or daily sales) or 12 months, after enough history


def history_span(shop: ShopDb) -> HistorySpan | None:
    """The first and last day with sales, for the window the window offers by default."""
    from core.forecasting.periods import period_end, shop_period
    from core.simulation.periods import MIN_PERIODS

    first, last = shop.sales_dates()
    if not first:
        return None
    first, last = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    period = shop_period(shop)
    if period == "day":
        start = max(first + dt.timedelta(days=56), last - dt.timedelta(weeks=12) + dt.timedelta(days=1))
        return HistorySpan(first, last, period, min(start, last))
    last = period_end(last, period)
    back = (pd.Timestamp(last) - pd.DateOffset(months=12) if period == "month" else
            pd.Timestamp(last) - pd.Timedelta(weeks=12)) + pd.Timedelta(days=1)
    earliest = pd.Timestamp(first) + (pd.DateOffset(months=MIN_PERIODS["month"]) if period == "month" else
                                      pd.Timedelta(weeks=MIN_PERIODS["week"]))
    return HistorySpan(first, last, period, min(max(back, earliest).date(), last))


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
    return Comparison(pd.DataFrame(rows, columns=REPORT_COLUMNS), covered, everyone, start, end,
                      results[policies[0]].period, results[policies[0]].valued)
