"""What moves demand besides time: events and holidays, promotions, and the shelf price, laid out on the
same days as the demand matrix and on into the forecast horizon (events and planned prices are known ahead)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.store.db import ShopDb

MIN_EVENT_DAYS = 3  # an event kind seen on fewer days than this carries no signal worth a model input


@dataclass
class Drivers:
    days: pd.DatetimeIndex       # history days followed by the horizon days
    event_kinds: list[str]
    events: np.ndarray           # (D, K) bool: a shop-wide event of each kind on each day
    promotion: np.ndarray        # (n, D) bool: the product is on promotion
    price: np.ndarray            # (n, D) shelf price in force (NaN where never known)

    def price_ratio(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Price relative to the product's usual (median) price on days [start, stop): 0.8 means 20% off.
        A product priced every day (the usual case: prices are carried forward) takes a plain row median, all
        such rows at once; only rows with gaps pay for nanmedian (the same numbers, much faster)."""
        price = self.price
        usual = np.full(len(price), np.nan)
        missing = np.isnan(price)
        complete = ~missing.any(axis=1)
        partial = ~missing.all(axis=1) & ~complete
        if complete.any():
            usual[complete] = np.median(price[complete], axis=1)
        if partial.any():
            usual[partial] = np.nanmedian(price[partial], axis=1)
        ratio = price[:, start:stop] / usual[:, None]
        return np.nan_to_num(ratio, nan=1.0, posinf=1.0, neginf=1.0)


def load_drivers(shop: ShopDb, product_ids: np.ndarray, history_days: pd.DatetimeIndex, horizon: int,
                 as_of: dt.date) -> Drivers:
    """Events up to the end of the horizon (planned ahead, so no peeking); prices known on `as_of` only,
    carried forward over the horizon."""
    end = history_days[-1] + pd.Timedelta(days=horizon)
    days = pd.date_range(history_days[0], end, freq="D")
    D = len(days)
    events = pd.read_sql_query(
        "SELECT date, end_date, coalesce(kind, name) AS kind, product_id FROM events WHERE date <= ?",
        shop.conn, params=(end.date().isoformat(),))
    shop_wide = events[events["product_id"].isna()]
    kinds = [k for k, c in shop_wide["kind"].value_counts().items() if c >= MIN_EVENT_DAYS]
    event_matrix = np.zeros((D, len(kinds)), dtype=bool)
    index_of_kind = {k: j for j, k in enumerate(kinds)}
    for date, end_date, kind in shop_wide[["date", "end_date", "kind"]].itertuples(index=False):
        if kind in index_of_kind:
            event_matrix[_span(days, date, end_date), index_of_kind[kind]] = True
    row_of = {pid: i for i, pid in enumerate(product_ids)}
    promotion = np.zeros((len(product_ids), D), dtype=bool)
    for date, end_date, product in events[events["product_id"].notna()][["date", "end_date", "product_id"]] \
            .itertuples(index=False):
        if int(product) in row_of:
            promotion[row_of[int(product)], _span(days, date, end_date)] = True
    price = _price_matrix(shop, row_of, days, as_of)
    return Drivers(days, kinds, event_matrix, promotion, price)


def _span(days: pd.DatetimeIndex, date: str, end_date: str | None) -> slice:
    start = days.searchsorted(pd.Timestamp(date))
    stop = days.searchsorted(pd.Timestamp(end_date or date), side="right")
    return slice(start, max(stop, start))


def _price_matrix(shop: ShopDb, row_of: dict, days: pd.DatetimeIndex, as_of: dt.date) -> np.ndarray:
    """(n, D) the shelf price in force each day. The prices cross from SQLite as plain numbers into one array
    (product id, the day as a Julian day number, price: np.fromiter), put in date order here: 0.1 s for M5's
    182,000 prices where a frame of the rows ordered by SQLite took 0.5-0.7 s. A price dated before the first
    day is the first day's, the latest such; one dated within a day (a time given) holds from the next day."""
    cursor = shop.conn.cursor()
    cursor.row_factory = None
    cursor.execute("SELECT product_id, julianday(date) + 0.5, sell_price FROM prices WHERE date <= ? "
                   "AND typeof(sell_price) IN ('real', 'integer')", (as_of.isoformat(),))
    # (the product ids as whole numbers, whatever their size; a date SQLite cannot read is NaN)
    prices = np.fromiter(cursor, dtype=[("product", "i8"), ("julian", "f8"), ("price", "f8")])
    cursor.close()
    out = np.full((len(row_of), len(days)), np.nan)
    prices = prices[~np.isnan(prices["julian"])]
    if not len(prices) or not len(days):
        return out
    prices = prices[np.argsort(prices["julian"], kind="stable")]       # by date: a later price overwrites
    rows = pd.Index(list(row_of), dtype=np.int64).get_indexer(prices["product"])
    prices, rows = prices[rows >= 0], rows[rows >= 0]
    # the first day on or after each price's moment (a date at midnight: its own day)
    start = days[0].to_julian_date() + 0.5
    cols = np.clip(np.ceil(prices["julian"] - start), 0, len(days) - 1).astype(np.int64)
    out[rows, cols] = prices["price"]
    return carried(out)


def carried(prices: np.ndarray) -> np.ndarray:
    """(n, D) prices at their days of change, NaN between: each carried forward until the next change (and over
    the horizon), and the first back to the row's first day (as pandas' ffill then bfill along the days would; a
    row without a price stays NaN). In place, a row's segments of days made at once (np.repeat): at 20,000
    products x 1,122 days 0.2 s against 1.2-1.7 s for the frame's ffill and bfill (bench/RESULTS.md)."""
    n, D = prices.shape
    rows, cols = np.nonzero(~np.isnan(prices))          # row by row, each row's days in order
    if not len(rows):
        return prices
    values = prices[rows, cols]
    priced, first = np.unique(rows, return_index=True)
    # each price holds from its day (a row's first from day 0) to the row's next change (its last to day D)
    begin = cols.copy()
    begin[first] = 0
    end = np.empty_like(cols)
    end[:-1] = begin[1:]
    end[np.r_[first[1:], len(rows)] - 1] = D
    prices[priced] = np.repeat(values, end - begin).reshape(len(priced), D)
    return prices


def cut(drivers: Drivers, start: int, stop: int) -> Drivers:
    """The drivers for days [start, stop): a backtest's history plus its horizon."""
    return Drivers(drivers.days[start:stop], drivers.event_kinds, drivers.events[start:stop],
                   drivers.promotion[:, start:stop], drivers.price[:, start:stop])


def calendar_features(drivers: Drivers, yearly: bool) -> np.ndarray:
    """(D, F) day features shared by all products: weekday, yearly waves, event kinds."""
    days = drivers.days
    weekday = np.eye(7)[days.dayofweek.to_numpy()][:, 1:]
    parts = [weekday]
    if yearly:
        angle = 2 * np.pi * days.dayofyear.to_numpy() / 365.25
        parts.append(np.column_stack([np.sin(angle), np.cos(angle), np.sin(2 * angle), np.cos(2 * angle)]))
    if drivers.events.shape[1]:
        parts.append(drivers.events.astype(float))
    return np.column_stack(parts)
