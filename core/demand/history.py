"""From sales lines to a demand matrix (products x days) that models can trust.

Three things in raw sales are not demand, and each is set apart here rather than deleted:
- days before a product's first sale are not history (NaN), so a new product is not "zero for two years";
- days out of stock are unknown demand (NaN), not zero demand: from stock counts of 0, and from a run of zero
  days that a steady seller's own rate makes wildly unlikely;
- days the whole shop was closed (a weekly day off, Christmas) are unknown demand (NaN), not days without
  demand: a busy shop where no product sold at all was shut, and its customers came on the days around it;
- one-off spikes (a bulk order, a typing error) are flagged as anomalies and limited for modelling.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import itertools
import math
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.store.db import ShopDb, read_together

# A run of zero days is a stock-out when a seller this steady would see it less than once in this many runs.
STOCKOUT_RUN_PROBABILITY = 1e-4
STOCKOUT_MIN_RUN = 5
ANOMALY_IQR_FACTOR = 6.0
# A day without a single sale is the shop closed when, on a day it is open, so many products sell that a day with
# none would happen less often than STOCKOUT_RUN_PROBABILITY (Poisson: exp(-median products a day) below it, from
# about 9.2 products selling on a median open day). A smaller shop's quiet day cannot be told from a closed one.
CLOSED_MIN_PRODUCTS = -math.log(STOCKOUT_RUN_PROBABILITY)
# A weekday is a day the shop keeps closed (forecast 0) when it was closed on this share of its last CLOSED_WEEKS.
CLOSED_WEEKS = 8
CLOSED_WEEKDAY_SHARE = 0.75
# A day is expected closed by its date when the shop was closed on that date a year before and either on the same
# date the year before that too (a fixed holiday: Christmas Day, New Year's Day), or, where the history does not
# reach back two years, in a closure of at least YEARLY_CLOSURE_DAYS days in a row (a holiday shutdown over
# Christmas). A shorter closure seen once is not projected: Easter and the bank holidays move from year to year.
YEARLY_CLOSURE_DAYS = 7
# Shop-wide events of these kinds (an events sheet's kind, or Settings ▸ Closures) are days the owner says the whole
# shop is closed: past ones are closed days whatever the sales show (a small shop's closures cannot be told from its
# quiet days), and ones ahead are forecast as nothing (Easter, a holiday, a refit: dates no rule can foresee).
CLOSED_EVENT_KINDS = ("closed", "shop closed", "closure", "休息", "休息日", "停业", "歇业", "关门", "闭店", "店休")


@dataclass
class DemandHistory:
    product_ids: np.ndarray        # (n,)
    skus: np.ndarray               # (n,) object
    days: pd.DatetimeIndex         # (T,) consecutive days up to and including as_of
    sales: np.ndarray              # (n, T) net units sold (negative days clipped to 0); NaN before the first sale
    demand: np.ndarray             # (n, T) for modelling: NaN on stock-out and closed days, anomalies limited
    stockout: np.ndarray           # (n, T) bool: demand unknown because the shelf was empty
    anomaly: np.ndarray            # (n, T) bool: a spike limited for modelling
    first_sale: np.ndarray         # (n,) index into days of the first sale (T if never sold)
    revenue: np.ndarray            # (n,) sales value over the history
    as_of: dt.date = field(default_factory=dt.date.today)
    closed: np.ndarray | None = None   # (T,) bool: the whole shop was closed (no product sold on a busy shop's day,
                                       # or a day the owner said it was closed)
    # the closures the owner gave (CLOSED_EVENT_KINDS), past and ahead: (first, last, name), ISO dates
    declared: tuple = ()
    # the last day's sales were imported on that very day (a till's export taken before closing): the day so far,
    # not a whole day's demand, so its demand is unknown (NaN) for modelling; `sales` keeps what was sold
    part_day: bool = False

    def closed_weekdays(self) -> tuple[int, ...]:
        """The weekdays (Monday 0) the shop keeps closed: closed on at least CLOSED_WEEKDAY_SHARE of the last
        CLOSED_WEEKS weeks in which it opened at all (at least four of them). A closure of a week or two (a holiday)
        is not a day off, and weeks shut throughout (a refit, a winter break) say nothing about which days it opens:
        a shop that has just reopened keeps the days off it had before."""
        if self.closed is None or not self.closed.any():
            return ()
        weeks = len(self.days) // 7          # weeks of 7 days ending on the last day
        tail = len(self.days) - 7 * weeks
        block = self.closed[tail:].reshape(weeks, 7)
        opened = block[~block.all(axis=1)][-CLOSED_WEEKS:]
        if len(opened) < 4:
            return ()
        weekday = np.asarray(self.days[tail:tail + 7].dayofweek)
        return tuple(sorted(int(weekday[j]) for j in np.flatnonzero(opened.mean(axis=0) >= CLOSED_WEEKDAY_SHARE)))

    def closed_ahead(self, days: pd.DatetimeIndex) -> np.ndarray:
        """(len(days),) bool: the days ahead that fall on a weekday the shop keeps closed, on a date it is closed
        every year (closed_by_date) or in a closure the owner gave (declared_mask)."""
        return np.isin(np.asarray(days.dayofweek), self.closed_weekdays()) | self.closed_by_date(days) | \
            declared_mask(days, self.declared)

    def closed_by_date(self, days: pd.DatetimeIndex) -> np.ndarray:
        """(len(days),) bool: the days ahead on whose date the shop is closed every year (see YEARLY_CLOSURE_DAYS):
        closed on that date a year before, and on it two years before too, or, where the history does not reach
        that far back, within a closure of at least YEARLY_CLOSURE_DAYS days in a row. A day closed only as the
        shop's weekly day off is not a closure of its date (the weekday moves with the year); 29 February is never
        projected."""
        out = np.zeros(len(days), dtype=bool)
        if self.closed is None or not self.closed.any() or not len(days):
            return out
        special = self.closed & ~np.isin(np.asarray(self.days.dayofweek), self.closed_weekdays())
        shutdown = _shutdowns(self.closed, special, YEARLY_CLOSURE_DAYS)
        start = self.days[0]

        def index(day: pd.Timestamp, years: int) -> int | None:
            k = (day.replace(year=day.year - years) - start).days
            return k if 0 <= k < len(self.days) else None

        for j, day in enumerate(days):
            if day.month == 2 and day.day == 29:
                continue
            last, before = index(day, 1), index(day, 2)
            if last is None:
                continue
            out[j] = bool(special[last] and special[before]) if before is not None else bool(shutdown[last])
        return out

    def shop_days(self) -> dict:
        """What one product's history needs of the whole shop's, as plain data (stored with a forecast run, read
        back by load_product_history): the first day, the last, the runs of days the shop was closed and of days
        no product sold."""
        closed = self.closed if self.closed is not None else np.zeros(len(self.days), dtype=bool)
        selling = (np.nan_to_num(self.sales, nan=0.0) > 0).any(axis=0)
        return {"start": self.days[0].date().isoformat(), "as_of": self.days[-1].date().isoformat(),
                "closed": date_runs(self.days, closed), "silent": date_runs(self.days, ~selling),
                **({"part_day": True} if self.part_day else {})}

    def row(self, sku: str) -> int:
        return int(np.flatnonzero(self.skus == sku)[0])

    def series(self, sku: str) -> pd.DataFrame:
        """One product's days: sales, demand for modelling, and the flags (the shop closed), for charts and
        explanations."""
        i = self.row(sku)
        closed = self.closed if self.closed is not None else np.zeros(len(self.days), dtype=bool)
        return pd.DataFrame({"sales": self.sales[i], "demand": self.demand[i], "stockout": self.stockout[i],
                             "anomaly": self.anomaly[i], "closed": closed}, index=self.days)


@dataclass(frozen=True)
class SalesUnits:
    """Where a shop's sales came from, by the unit of the imports that brought them: days (a till, a daily sheet,
    sales typed in) and sheets of weekly or monthly totals."""
    period: str | None = None                 # 'week' or 'month' where some sales are period totals (month if both)
    period_imports: tuple[int, ...] = ()      # the imports of period totals that hold sales
    period_first: dt.date | None = None       # the first and last dates of those totals
    period_last: dt.date | None = None
    daily_first: dt.date | None = None        # the first and last day of the daily sales
    daily_last: dt.date | None = None

    @property
    def mixed(self) -> bool:
        """Period totals and then days: a shop that kept a monthly sheet before its till (the totals end before
        the days start, or within their first week). Totals that run on beside the days are another channel (parts
        sold from a sheet beside a till): each product is then read as its own sales are, by day or by period
        (core.policy.plan.period_spreads)."""
        return bool(self.period_imports) and self.daily_first is not None and self.period_last is not None and \
            self.period_last < self.daily_first + dt.timedelta(days=7)

    @property
    def daily_days(self) -> int:
        return (self.daily_last - self.daily_first).days + 1 if self.daily_first and self.daily_last else 0


def sales_units(shop: ShopDb) -> SalesUnits:
    """The shop's SalesUnits. A shop with no import of period totals costs one small query."""
    periods = dict(shop.conn.execute(
        "SELECT id, period FROM import_runs WHERE period IN ('week', 'month') AND undone_at IS NULL").fetchall())
    if not periods:
        return SalesUnits()
    spans = shop.conn.execute("SELECT import_id, min(date), max(date) FROM sales GROUP BY import_id").fetchall()
    held = [(i, first, last) for i, first, last in spans if i in periods]
    if not held:
        return SalesUnits()
    daily = [(first, last) for i, first, last in spans if i not in periods]
    day = dt.date.fromisoformat
    return SalesUnits(
        "month" if any(periods[i] == "month" for i, _f, _l in held) else "week",
        tuple(sorted(i for i, _f, _l in held)),
        day(min(f for _i, f, _l in held)), day(max(last for _i, _f, last in held)),
        day(min(f for f, _l in daily)) if daily else None, day(max(last for _f, last in daily)) if daily else None)


def load_history(shop: ShopDb, *, as_of: dt.date | None = None, active_only: bool = True) -> DemandHistory:
    """Everything known on `as_of` (default: the last day with sales): nothing dated later is read.

    In a shop with both days and sheets of weekly or monthly totals (SalesUnits.mixed) the days are its days: the
    totals are not (a month's total is not a sale on the 1st), and the history starts with the first daily sale.
    core.forecasting.mixed reads the totals for the yearly shape and for what products sold before the days."""
    units = sales_units(shop)
    exclude = units.period_imports if units.mixed else ()
    if as_of is None:
        last = shop.scalar("SELECT max(date) FROM sales" + _not_in(exclude)) if exclude else shop.sales_dates()[1]
        as_of = dt.date.fromisoformat(last) if last else dt.date.today()
    cutoff = as_of.isoformat()
    products = pd.read_sql_query(
        "SELECT id, sku FROM products" + (" WHERE active = 1" if active_only else "") + " ORDER BY sku",
        shop.conn, dtype={"sku": str})
    sales = _read_sales(shop, cutoff, exclude)
    counts = pd.read_sql_query(
        "SELECT product_id, date, qty FROM stock_counts WHERE date <= ?", shop.conn, params=(cutoff,))
    return _build(products["id"].to_numpy(), products["sku"].to_numpy(dtype=object), sales, counts, as_of,
                  declared_closures(shop), part_day=part_day_imported(shop, as_of, exclude))


def part_day_imported(shop: ShopDb, day: dt.date, exclude: tuple[int, ...] = ()) -> bool:
    """Whether `day`'s sales are the day so far: it has daily sales lines and every one of them came from an import
    made on that day (a till's export taken at lunchtime, or before closing). A later export that runs past the day
    completes its lines (core.importing.commit) and hands them to an import made after it: then the day is whole.
    Read through the index of sales by product and date, product by product (the lines of that day only; CROSS JOIN
    keeps SQLite from scanning every line instead: 0.05 s against 0.7-1.6 s at 20,000 products x 3 years)."""
    first, following = day.isoformat(), (day + dt.timedelta(days=1)).isoformat()
    lines, latest, other = shop.conn.execute(
        "SELECT count(*), max(substr(r.started_at, 1, 10)), sum(coalesce(r.period, 'day') != 'day') "
        "FROM products p CROSS JOIN sales s ON s.product_id = p.id AND s.date >= ? AND s.date < ? "
        "CROSS JOIN import_runs r ON r.id = s.import_id" + _not_in(exclude, " WHERE").replace("import_id", "s.import_id"),
        (first, following)).fetchone()
    return bool(lines) and not other and latest is not None and latest <= first


@dataclass
class _Sales:
    """Sales lines as plain arrays: product id, day offset from `start`, units and sales value of each."""
    product_id: np.ndarray
    day: np.ndarray
    qty: np.ndarray
    revenue: np.ndarray | None
    start: pd.Timestamp | None      # the earliest sales day (None: no sales)


def _not_in(imports: tuple[int, ...], prefix: str = " WHERE") -> str:
    """An SQL condition leaving out the sales of these imports (ids are integers: written into the text)."""
    return f"{prefix} import_id NOT IN ({','.join(str(int(i)) for i in imports)})" if imports else ""


# SQLite's julianday() of a date at midnight is its Julian day number - 0.5; + 0.5, cut to an integer, is a whole day
# number (a time of day on a line does not move it to the next day), and this much more than the date's ordinal
JULIAN_ORDINAL = 1721425
# A line's product and day cross from SQLite as one number, product id x KEY_SHIFT + the Julian day number: every
# Julian day up to 9999-12-31 is below 2 ** 23, and the key is a whole number a float holds exactly while the
# product ids are below 2 ** 30 (otherwise they cross as two columns)
KEY_BITS = 23
KEY_SHIFT = 2 ** KEY_BITS
KEY_PRODUCTS = 2 ** 30


def _read_sales(shop: ShopDb, cutoff: str, exclude: tuple[int, ...] = (), product_id: int | None = None) -> _Sales:
    """Every sales line up to `cutoff` as plain arrays. Each line crosses into Python as three numbers written
    straight into one array (np.fromiter): its product and day as one key (SQLite turns the date into a day
    number: no date text reaches Python), its units and its value; lines of the same product and day are added up
    by _build, not by an SQL GROUP BY. Nothing else is made per line: no tuple kept, no list of millions of rows.
    At 20,000 products x 3 years (8.7 M lines) this read took 7.9 s where four columns fetched as lists of tuples
    took 11.1 s (medians of four in turn), and 16.3 s with the GROUP BY and the date texts (bench/RESULTS.md);
    the numbers as one flat array and the key taken apart as an integer: load_history 8.4-8.5 s against 10.4 s."""
    low, high = shop.conn.execute(
        "SELECT (SELECT min(product_id) FROM sales), (SELECT max(product_id) FROM sales)").fetchone()
    keyed = low is not None and 0 <= low and high < KEY_PRODUCTS
    day = "CAST(julianday(date) + 0.5 AS INTEGER)"
    together = _lines_together(shop, cutoff, exclude) if keyed and product_id is None else None
    if together is not None:
        return _lines(*together)
    cursor = shop.conn.cursor()
    cursor.row_factory = None
    one = " AND product_id = ?" if product_id is not None else ""
    cursor.execute(
        f"SELECT {f'product_id * {KEY_SHIFT} + {day}' if keyed else f'product_id, {day}'}, qty, "
        "coalesce(revenue, 0) FROM sales WHERE date <= ?" + one + _not_in(exclude, " AND"),
        (cutoff,) + ((int(product_id),) if product_id is not None else ()))
    # the lines' numbers one after another into one flat array (a NULL is NaN), then seen as rows: 0.3-0.5 s less
    # than a structured array filled a line at a time (8.7 M lines)
    if keyed:
        lines = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.float64).reshape(-1, 3)
        cursor.close()
        known = ~np.isnan(lines[:, 0])      # a date SQLite cannot read (imports store ISO dates): no day
        if not known.all():
            lines = lines[known]
        key = lines[:, 0].astype(np.int64)
        product, julian = key >> KEY_BITS, key & (KEY_SHIFT - 1)
    else:       # ids beyond a float's whole numbers cross as integers
        rows = np.fromiter(cursor, dtype=[("product", "i8"), ("julian", "f8"), ("qty", "f8"), ("revenue", "f8")])
        cursor.close()
        known = ~np.isnan(rows["julian"])
        rows = rows[known]
        product, julian = rows["product"], rows["julian"].astype(np.int64)
        lines = np.column_stack([rows["qty"], rows["revenue"]])
    return _lines(product, julian, lines[:, -2], lines[:, -1])


def _lines(product: np.ndarray, julian: np.ndarray, qty: np.ndarray, revenue: np.ndarray) -> _Sales:
    if not len(julian):
        empty = np.zeros(0)
        return _Sales(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), empty, empty, None)
    first = int(julian.min())
    start = pd.Timestamp(dt.date.fromordinal(first - JULIAN_ORDINAL))
    return _Sales(product.astype(np.int64, copy=False), julian - first, qty, revenue, start)


# A shop file this big has its sales read on every core this process may use (_lines_together); below it, one
# connection's rows are read sooner than extra connections are opened
TOGETHER_FROM_BYTES = 32 * 2 ** 20
# The sales lines _lines_together looks at first: values that are no whole hundredths among them, and every
# chunk is read the long way
SAMPLE_LINES = 20_000
# A number whose hundredths do not give it back exactly crosses as text; this stands in its place among the rest
_AS_TEXT = 2 ** 62


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # no affinity (Windows, macOS)
        return os.cpu_count() or 1


def _in_hundredths(column: str) -> tuple[str, str]:
    """SQL for a REAL column's values as whole hundredths where hundredths / 100 gives back the very same double
    (units and money mostly: 3.0, 0.25, 15.3), and the rest (15.299999999999999, 1/3) as text with 21 significant
    digits, which give back the same double (tests/core/test_history_read.py): a list of whole numbers with _AS_TEXT
    in their place, and the list of those texts."""
    exact = f"abs({column}) < 1e13 AND CAST(round({column} * 100) AS INTEGER) / 100.0 = {column}"
    return (f"CASE WHEN {exact} THEN CAST(round({column} * 100) AS INTEGER) ELSE {_AS_TEXT} END",
            f"CASE WHEN {exact} THEN NULL ELSE printf('%!.20e', {column}) END")


class _NotAsRead(Exception):
    """A chunk's lists do not hold as many numbers as its lines (never seen): the sales are read line by line."""


def _lines_together(shop: ShopDb, cutoff: str, exclude: tuple[int, ...]) -> tuple | None:
    """Every sales line up to `cutoff` as (product id, Julian day, units, value) arrays, in the order of the line keys (the order of
    a scan of the table, as _read_sales reads them line by line: the cells add up the same), read in chunks of line
    keys on several connections at once (core.store.db.read_together). Each chunk is one aggregate statement:
    SQLite makes its lines into comma-separated numbers (group_concat) without Python's GIL, and numpy reads them
    (np.fromstring), so the other core works while one parses: 3.1 s for the 8.7 M lines at 20,000 products x 3
    years on two cores, against 5.5 s line by line (which stays the way on one core: 6.4 s this way). The same
    numbers to the bit, except a -0.0 that comes back as 0.0. Whole hundredths only where the lines allow it (see
    `short` below): 3.9-5.2 s against 5.8-7.0 s, in turn, on this session's VM (2026-12-08; the long way's 3.1 s
    was another VM's). None where the shop is small, in memory, or was
    changed while it was read."""
    threads = _cores() if shop.path is not None else 1
    if threads < 2:
        return None
    threads = min(threads, 4)
    try:
        size = shop.path.stat().st_size
    except OSError:
        return None
    if size < TOGETHER_FROM_BYTES:
        return None
    # each alone: SQLite reads the b-tree's two ends (min and max in one SELECT scan every line: 0.7 s)
    low, high = shop.conn.execute("SELECT (SELECT min(line_key) FROM sales), (SELECT max(line_key) FROM sales)"
                                  ).fetchone()
    if low is None:
        return None
    parts = int(max(4 * threads, min(size // (8 * 2 ** 20), 4096)))
    # the keys' span in equal parts; the first and last chunks open-ended (a line added before the read began)
    edges = [low + (high - low + 1) * i // parts for i in range(parts + 1)]
    day = "CAST(julianday(date) + 0.5 AS INTEGER)"
    key = f"group_concat(coalesce(product_id * {KEY_SHIFT} + {day}, -1))"
    qty, qty_text = _in_hundredths("qty")
    revenue, revenue_text = _in_hundredths("coalesce(revenue, 0)")
    lines = " FROM sales WHERE date <= ?" + _not_in(exclude, " AND")
    # each value as whole hundredths only, with a count of the lines whose value is no whole number of hundredths
    # (or no number): a third less work for SQLite than the long way (6.0 s against 9.2 s on one connection at
    # 8.7 M lines), which reads a chunk with any such line again. Tried on the first lines first: where values
    # like 6 x 2.55 = 15.299999999999999 are common (a sixth of the gift shop's lines) every chunk goes the long
    # way at once, and so do the rest once one chunk had to
    sample = shop.conn.execute(
        f"SELECT total(NOT {_WHOLE_HUNDREDTHS.format('qty')}) + total(NOT {_WHOLE_HUNDREDTHS.format('revenue')}) "
        f"FROM (SELECT qty, coalesce(revenue, 0) AS revenue FROM sales LIMIT {SAMPLE_LINES})").fetchone()[0]
    odd_seen = [bool(sample)]
    short = (f"SELECT count(*), {key}, group_concat({_HUNDREDTHS.format('qty')}), "
             f"group_concat({_HUNDREDTHS.format('coalesce(revenue, 0)')}), "
             f"total(NOT {_WHOLE_HUNDREDTHS.format('qty')}) + "
             f"total(NOT {_WHOLE_HUNDREDTHS.format('coalesce(revenue, 0)')})" + lines)
    long = (f"SELECT count(*), {key}, group_concat({qty}), group_concat({qty_text}), group_concat({revenue}), "
            f"group_concat({revenue_text})" + lines)

    def chunk(i: int):
        where, params = "", [cutoff]
        if i > 0:
            where, params = where + " AND line_key >= ?", params + [edges[i]]
        if i < parts - 1:
            where, params = where + " AND line_key < ?", params + [edges[i + 1]]

        def read(conn) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
            if not odd_seen[0]:
                count, keys, qty, revenue, odd = conn.execute(short + where, params).fetchone()
                if not count:
                    return None
                if not odd:
                    return _chunk_lines(count, keys, [qty, None, revenue, None])
                odd_seen[0] = True
            count, keys, *columns = conn.execute(long + where, params).fetchone()
            return _chunk_lines(count, keys, columns) if count else None
        return read

    try:
        chunks = read_together(shop, [chunk(i) for i in range(parts)], threads)
    except (_NotAsRead, ValueError):
        return None
    if chunks is None:
        return None
    chunks = [c for c in chunks if c is not None]
    if not chunks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
    return tuple(np.concatenate(parts) for parts in zip(*chunks))


# A REAL column's value as whole hundredths (SQLite's round halves away from zero), and whether the value is exactly
# those hundredths / 100 (false for 15.299999999999999, a third, a text, a number too big for an integer)
_HUNDREDTHS = "CAST(round({0} * 100) AS INTEGER)"
_WHOLE_HUNDREDTHS = "coalesce(CAST(round({0} * 100) AS INTEGER) / 100.0 = {0}, 0)"


def _chunk_lines(count: int, keys: str, columns: list) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A chunk's (product id, Julian day, units, value) arrays from its aggregate's texts: the line keys, and per
    column its whole hundredths with, where some value is not one, the texts of those values (_in_hundredths)."""
    key = np.fromstring(keys, dtype=np.int64, sep=",")
    values = []
    for whole, texts in (columns[:2], columns[2:]):
        hundredths = np.fromstring(whole, dtype=np.int64, sep=",")
        value = hundredths / 100.0
        as_text = hundredths == _AS_TEXT
        if texts is not None:
            value[as_text] = np.fromstring(texts, dtype=np.float64, sep=",")
        elif as_text.any():
            raise _NotAsRead()
        if len(value) != count:
            raise _NotAsRead()
        values.append(value)
    if len(key) != count:
        raise _NotAsRead()
    known = key >= 0                    # a date SQLite cannot read: no day
    if not known.all():
        key, values = key[known], [value[known] for value in values]
    return key >> KEY_BITS, key & (KEY_SHIFT - 1), values[0], values[1]


def build_history(product_ids: np.ndarray, skus: np.ndarray, sales: pd.DataFrame, counts: pd.DataFrame,
                  as_of: dt.date, declared: tuple = ()) -> DemandHistory:
    """The matrix from plain frames (sales: product_id, date, qty[, revenue]; counts: product_id, date, qty);
    `declared`: the closures the owner gave (DemandHistory.declared)."""
    if len(sales):
        start = pd.Timestamp(sales["date"].min())
        lines = _Sales(sales["product_id"].to_numpy(), (pd.to_datetime(sales["date"]) - start).dt.days.to_numpy(),
                       sales["qty"].to_numpy(), sales["revenue"].to_numpy() if "revenue" in sales else None, start)
    else:
        lines = _Sales(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), None, None)
    return _build(product_ids, skus, lines, counts, as_of, declared)


def _build(product_ids: np.ndarray, skus: np.ndarray, sales: _Sales, counts: pd.DataFrame,
           as_of: dt.date, declared: tuple = (), closed: np.ndarray | None = None,
           selling: np.ndarray | None = None, part_day: bool = False) -> DemandHistory:
    """`closed` and `selling` ((T,) bool: the shop closed, some product sold) where the lines are some products'
    only (load_product_history): the whole shop's days, as its full history found them. `part_day`: the last day
    is the day so far (part_day_imported), its demand unknown."""
    n = len(product_ids)
    start = sales.start if sales.start is not None else pd.Timestamp(as_of)
    days = pd.date_range(start, pd.Timestamp(as_of), freq="D")
    T = len(days)
    row_of = pd.Series(np.arange(n), index=product_ids)
    matrix = np.zeros((n, T))
    revenue = np.zeros(n)
    totals = None               # the sales values, where added up on a thread of their own
    if len(sales.product_id):
        rows = _rows_of(np.asarray(product_ids), sales.product_id)
        cols = sales.day
        keep = (rows >= 0) & (cols >= 0) & (cols < T)
        qty, values = sales.qty, sales.revenue
        if not keep.all():
            rows, cols, qty = rows[keep], cols[keep], qty[keep]
            values = values[keep] if values is not None else None
        cells = rows * T + cols
        # the products' sales values on a thread of their own while the units are laid out (they share only the
        # lines, which neither changes; numpy's bincount and running sums let go of Python's GIL): 0.6 s of
        # the 2.7 s build at 20,000 products x 3 years done beside the rest where there are two cores
        if values is not None and values.any():
            if _cores() >= 2 and n * T >= BESIDE_FROM_CELLS:
                beside = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="history-values")
                totals = beside.submit(_row_totals, cells, values, n, T)
                beside.shutdown(wait=False)
            else:
                revenue = _row_totals(cells, values, n, T)
        # each cell's lines added up in the order read, as np.add.at would (the same sums to the bit), by one
        # bincount over the cells: 0.31 s against 0.84 s at 20,000 products x 3 years (8.7 M lines)
        matrix = np.bincount(cells, weights=qty, minlength=n * T).reshape(n, T)
    # the matrix is worked on in place, not copied (a fresh array of 20,000 products x 3 years is 175 MB, and the
    # first touch of fresh memory costs more than the arithmetic: 0.3-0.5 s each on the VMs measured)
    np.clip(matrix, 0, None, out=matrix)  # a day of net returns is a day without demand, not negative demand
    sold = matrix > 0
    first_sale = np.where(sold.any(axis=1), sold.argmax(axis=1), T)
    del sold
    before_first = np.arange(T)[None, :] < first_sale[:, None]

    stockout = _stockouts_from_counts(counts, row_of, start, n, T, matrix)
    empty = matrix == 0
    closed = closed_days(matrix) if closed is None else np.array(closed, dtype=bool)
    np.copyto(matrix, np.nan, where=before_first)       # the days before the first sale: unknown
    sales_matrix, matrix = matrix, None
    stockout |= _stockouts_inferred(sales_matrix, selling)
    stockout &= ~before_first & empty
    del empty, before_first
    if declared:                # the owner's closures: the whole shop shut, so no shelf ran empty either
        said = declared_mask(days, declared)
        closed |= said
        stockout &= ~said[None, :]
    demand = np.where(stockout | closed[None, :], np.nan, sales_matrix)
    part_day = bool(part_day and T and days[-1].date() == as_of)
    if part_day:
        demand[:, -1] = np.nan
    demand, anomaly = limit_anomalies(demand, in_place=True)
    if totals is not None:
        revenue = totals.result()
    return DemandHistory(np.asarray(product_ids), np.asarray(skus, dtype=object), days, sales_matrix, demand,
                         stockout, anomaly, first_sale, revenue, as_of, closed, tuple(declared), part_day)


def load_product_history(shop: ShopDb, sku: str, shop_days: dict) -> DemandHistory | None:
    """One product's history as load_history(as_of=shop_days['as_of']) makes its row, from its own sales lines and
    stock counts only and the whole shop's days as `shop_days` (DemandHistory.shop_days) holds them: a product's
    chart without reading every product's sales (1.2 s a click on the 3,921-product gift shop). None where the
    product is not in the shop or the shop's sales no longer start on the day `shop_days` says (a file of older
    sales imported since): then read the whole history."""
    product = shop.conn.execute("SELECT id FROM products WHERE sku = ? AND active = 1", (sku,)).fetchone()
    if product is None or not shop_days:
        return None
    as_of = dt.date.fromisoformat(shop_days["as_of"])
    start = pd.Timestamp(shop_days["start"])
    units = sales_units(shop)
    exclude = units.period_imports if units.mixed else ()
    first = shop.scalar("SELECT min(date) FROM sales WHERE date <= ?" + _not_in(exclude, " AND"),
                        (as_of.isoformat(),)) if exclude else shop.sales_dates()[0]
    if first is None or pd.Timestamp(str(first)[:10]) != start:
        return None
    pid = int(product[0])
    lines = _read_sales(shop, as_of.isoformat(), exclude, product_id=pid)
    if lines.start is not None:
        lines = _Sales(lines.product_id, lines.day + (lines.start - start).days, lines.qty, lines.revenue, start)
    else:
        lines = _Sales(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), None, start)
    counts = pd.read_sql_query("SELECT product_id, date, qty FROM stock_counts WHERE product_id = ? AND date <= ?",
                               shop.conn, params=(pid, as_of.isoformat()))
    days = pd.date_range(start, pd.Timestamp(as_of), freq="D")
    closed = declared_mask(days, [(a, b) for a, b in shop_days["closed"]])
    selling = ~declared_mask(days, [(a, b) for a, b in shop_days["silent"]])
    return _build(np.array([pid]), np.array([sku], dtype=object), lines, counts, as_of, declared_closures(shop),
                  closed=closed, selling=selling, part_day=bool(shop_days.get("part_day")))


def declared_closures(shop: ShopDb) -> tuple[tuple[str, str, str], ...]:
    """The closures the owner gave: shop-wide events of a CLOSED_EVENT_KINDS kind, as (first, last, name)."""
    kinds = ", ".join("?" for _ in CLOSED_EVENT_KINDS)
    rows = shop.conn.execute(
        "SELECT date, coalesce(end_date, date), name FROM events WHERE product_id IS NULL "
        f"AND lower(trim(coalesce(kind, ''))) IN ({kinds}) ORDER BY date", CLOSED_EVENT_KINDS).fetchall()
    return tuple((str(first)[:10], max(str(last)[:10], str(first)[:10]), str(name)) for first, last, name in rows)


def declared_mask(days: pd.DatetimeIndex, declared) -> np.ndarray:
    """(len(days),) bool: the days within the owner's closures ((first, last, ...) ISO dates)."""
    out = np.zeros(len(days), dtype=bool)
    for first, last, *_name in declared or ():      # days in order: each run is a slice
        out[days.searchsorted(pd.Timestamp(first)):days.searchsorted(pd.Timestamp(last), side="right")] = True
    return out


def _shutdowns(closed: np.ndarray, special: np.ndarray, least: int) -> np.ndarray:
    """(T,) bool: the days of each run of closed days from its first to its last `special` day (closed for more
    than the weekly day off), where that span is at least `least` days long."""
    out = np.zeros(len(closed), dtype=bool)
    padded = np.concatenate([[False], np.asarray(closed, dtype=bool), [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    for first, end in zip(edges[::2], edges[1::2]):
        inside = np.flatnonzero(special[first:end])
        if len(inside) and inside[-1] - inside[0] + 1 >= least:
            out[first + inside[0]:first + inside[-1] + 1] = True
    return out


def date_runs(days: pd.DatetimeIndex, flags: np.ndarray) -> list[list[str]]:
    """The runs of flagged days as [first, last] ISO dates."""
    flags = np.asarray(flags, dtype=bool)
    padded = np.concatenate([[False], flags, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [[days[first].date().isoformat(), days[end - 1].date().isoformat()]
            for first, end in zip(edges[::2], edges[1::2])]


def closed_days(matrix: np.ndarray) -> np.ndarray:
    """(T,) bool: the days the shop was closed: no product sold, in a shop where a median open day sees at least
    CLOSED_MIN_PRODUCTS products sell (see there). `matrix`: units sold, products x days, 0 where none."""
    selling = (matrix > 0).sum(axis=0)
    open_days = selling > 0
    if not open_days.any() or np.median(selling[open_days]) < CLOSED_MIN_PRODUCTS:
        return np.zeros(matrix.shape[1], dtype=bool)
    return ~open_days


def _row_totals(cells: np.ndarray, values: np.ndarray, n: int, T: int) -> np.ndarray:
    """Each row's total of `values`, added up as an SQL GROUP BY by (row, day) and then a sum over the days would:
    each day's lines in their order, then the days in order, so a product's sales value is the same to the bit as
    when SQLite added up its days (a float total depends on the order of its terms), whatever order the lines are
    stored in. The days' totals by one bincount over the cells, then each row's running sum (a day without a
    line adds 0, which moves no bit): 0.3 s at 8.7 M lines where a sort of the lines took 1.2 s."""
    days = np.bincount(cells, weights=values, minlength=n * T).reshape(n, T)
    if not T:
        return np.zeros(n)
    return np.cumsum(days, axis=1, out=days)[:, -1].copy()


def _rows_of(product_ids: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Each line's row in the matrix (the position of its product id in `product_ids`), -1 where the product is
    not one of them (an inactive product): a lookup table over the ids, or a search where they are too spread."""
    lines = np.asarray(lines, dtype=np.int64)
    if not len(product_ids):
        return np.full(len(lines), -1, dtype=np.int64)
    low, high = int(product_ids.min()), int(product_ids.max())
    if low >= 0 and high < 8 * (len(product_ids) + len(lines)) + 1024:     # dense ids (SQLite's rowids)
        table = np.full(high + 1, -1, dtype=np.int64)
        table[product_ids] = np.arange(len(product_ids))
        if len(lines) and lines.min() >= 0 and lines.max() <= high:    # every line's product in the table
            return table[lines]
        inside = (lines >= 0) & (lines <= high)
        return np.where(inside, table[np.where(inside, lines, 0)], -1)
    order = np.argsort(product_ids, kind="stable")
    ranked = np.asarray(product_ids, dtype=np.int64)[order]
    at = np.clip(np.searchsorted(ranked, lines), 0, len(ranked) - 1)
    return np.where(ranked[at] == lines, order[at], -1)


def _stockouts_from_counts(counts: pd.DataFrame, row_of: pd.Series, start: pd.Timestamp, n: int, T: int,
                           matrix: np.ndarray) -> np.ndarray:
    """A count of 0 means empty from that day until the next day with a sale or a count above 0."""
    out = np.zeros((n, T), dtype=bool)
    if counts is None or not len(counts):
        return out
    counts = counts.assign(row=row_of.reindex(counts["product_id"]).to_numpy(),
                           col=(pd.to_datetime(counts["date"]) - start).dt.days.to_numpy())
    counts = counts[counts["row"].notna() & (counts["col"] >= 0) & (counts["col"] < T)].sort_values(["row", "col"])
    for row, group in counts.groupby("row"):
        row = int(row)
        cols, qty = group["col"].to_numpy(), group["qty"].to_numpy()
        for k in np.flatnonzero(qty <= 0):
            end = cols[k + 1] if k + 1 < len(cols) else T
            for d in range(cols[k], end):
                if matrix[row, d] > 0:
                    break
                out[row, d] = True
    return out


def _stockouts_inferred(sales: np.ndarray, selling: np.ndarray | None = None) -> np.ndarray:
    """Runs of zero days that the product's own selling rhythm makes wildly unlikely: a product that sells on
    nine days in ten and then sells nothing for a week was out of stock, not unwanted.

    Days the whole shop sold nothing (closed: Sundays, holidays) are left out of the runs, and so is a run that
    is still going on at the end (only a stock count can tell a stock-out from a product that stopped selling). A run is a stock-out
    when p0 ** length < STOCKOUT_RUN_PROBABILITY, p0 being the share of open days without a sale over the
    56 open days before the run.

    All products at once (in blocks of rows): each product's known open days are packed to the front of its
    row, in day order, and its runs found with array operations.
    """
    n, T = sales.shape
    out = np.zeros((n, T), dtype=bool)
    # (units are never below 0 here: a day some product sold, NaN aside)
    open_days = np.flatnonzero((sales > 0).any(axis=0) if selling is None else selling)
    if not n or not len(open_days):
        return out

    def block(lo: int) -> None:
        out[lo:lo + _BLOCK, open_days] = _inferred_runs(sales[lo:lo + _BLOCK][:, open_days])
    _by_blocks(block, n)
    return out


def _by_blocks(work, n: int) -> None:
    """work(lo) for each block of _BLOCK rows from 0 to n, on a thread per core this process may use where there
    are several blocks (numpy's array operations run without Python's GIL: 0.33 s against 0.65 s for the inferred
    stock-outs at 20,000 products on two cores). Each block writes its own rows: the same result as one by one."""
    starts = range(0, n, _BLOCK)
    threads = min(_cores(), 4, len(starts))
    if threads < 2:
        for lo in starts:
            work(lo)
        return
    with concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="history") as pool:
        for done in [pool.submit(work, lo) for lo in starts]:
            done.result()


_BLOCK = 2048
_WINDOW = 56
# A history of this many products x days or more has its sales values added up on a thread of their own (_build;
# at M5's 1.6 M cells the thread costs more than it saves)
BESIDE_FROM_CELLS = 2 ** 23


def _inferred_runs(block: np.ndarray) -> np.ndarray:
    """_stockouts_inferred for a block of rows of open days only."""
    m, O = block.shape
    valid = ~np.isnan(block)
    # each row's known days first, in day order: the days the run rule counts in
    order = np.argsort(~valid, axis=1, kind="stable")
    known = valid.sum(axis=1)
    position = np.arange(O)
    # (a NaN is no 0, and lands beyond the known days: masked either way)
    zero = np.take_along_axis(block == 0, order, axis=1) & (position < known[:, None])
    before = np.zeros_like(zero)
    before[:, 1:] = zero[:, :-1]
    # a run ends (exclusive) on a known day with a sale; one still going on at the row's end has no end here
    row, end = np.nonzero(~zero & before & (position < known[:, None]))
    run_start = np.maximum.accumulate(np.where(zero & ~before, position, -1), axis=1)
    start = run_start[row, end - 1]
    length = end - start
    first = np.maximum(0, start - _WINDOW)
    seen = start - first
    candidate = (length >= STOCKOUT_MIN_RUN) & (seen >= 14)
    row, start, end, length, first, seen = (a[candidate] for a in (row, start, end, length, first, seen))
    zeros_before = np.zeros((m, O + 1), dtype=np.int64)
    np.cumsum(zero, axis=1, out=zeros_before[:, 1:])
    p0 = (zeros_before[row, start] - zeros_before[row, first] + 1) / (seen + 2)
    chance = p0 ** length
    # math.pow is what p0 ** length is for one run (C pow); vector pow may differ in the last bit, so the
    # runs within a hair of the limit are decided with it
    close = np.flatnonzero(np.abs(chance - STOCKOUT_RUN_PROBABILITY) <= 1e-9 * STOCKOUT_RUN_PROBABILITY)
    chance[close] = [math.pow(p, k) for p, k in zip(p0[close].tolist(), length[close].tolist())]
    hit = chance < STOCKOUT_RUN_PROBABILITY
    marks = np.zeros((m, O + 1), dtype=np.int8)
    np.add.at(marks, (row[hit], start[hit]), 1)
    np.add.at(marks, (row[hit], end[hit]), -1)
    packed = np.cumsum(marks[:, :O], axis=1, dtype=np.int8) > 0
    result = np.zeros((m, O), dtype=bool)
    np.put_along_axis(result, order, packed, axis=1)
    return result


def limit_anomalies(demand: np.ndarray, *, in_place: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Flag days far above the product's usual selling days (beyond Q3 + 6 IQR of its days with sales, for a
    product with at least 10 such days) and limit them to that ceiling; the raw sales stay as they were. `in_place`:
    the days are limited in `demand` itself (an array of the caller's own), not in a copy."""
    limited = demand if in_place else demand.copy()
    count = np.sum(demand > 0, axis=1)
    q1 = np.full(len(demand), np.nan)
    q3 = np.full(len(demand), np.nan)
    some = np.flatnonzero(count > 0)

    def block(lo: int) -> None:
        rows = some[lo:lo + _BLOCK]
        values = demand[rows]
        # each row's days with sales in ascending order, then NaN (np.sort puts NaN last)
        ordered = np.sort(np.where(values > 0, values, np.nan), axis=1)
        q1[rows] = _percentile_sorted(ordered, count[rows], 0.25)
        q3[rows] = _percentile_sorted(ordered, count[rows], 0.75)
    _by_blocks(block, len(some))
    ceiling = q3 + ANOMALY_IQR_FACTOR * np.maximum(q3 - q1, 1.0)
    ok = count >= 10
    with np.errstate(invalid="ignore"):     # (the rows compared in place, not copied out first)
        flags = demand > ceiling[:, None]
    flags &= ok[:, None]
    rows, cols = np.nonzero(flags)
    limited[rows, cols] = ceiling[rows]
    return limited, flags


def _percentile_sorted(ordered: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """np.nanpercentile(row, 100 * q) of each row (its first `count` values sorted, the rest NaN), to the bit:
    numpy's default 'linear' method, with its own interpolation (numpy/lib/_function_base_impl.py, _lerp)."""
    virtual = (count - 1) * q
    previous = np.floor(virtual)
    above = virtual >= count - 1                       # one value: numpy takes the last (the only) one
    previous_index = np.where(above, count - 1, previous).astype(np.intp)
    next_index = np.where(above, count - 1, previous + 1).astype(np.intp)
    gamma = virtual - np.where(above, -1.0, previous)
    rows = np.arange(len(ordered))
    a, b = ordered[rows, previous_index], ordered[rows, next_index]
    diff = b - a
    result = a + diff * gamma
    late = gamma >= 0.5
    result[late] = (b - diff * (1 - gamma))[late]
    return result
