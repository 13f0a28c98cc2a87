"""From sales lines to a demand matrix (products x days) that models can trust.

Three things in raw sales are not demand, and each is set apart here rather than deleted:
- days before a product's first sale are not history (NaN), so a new product is not "zero for two years";
- days out of stock are unknown demand (NaN), not zero demand: from stock counts of 0, and from a run of zero
  days that a steady seller's own rate makes wildly unlikely;
- one-off spikes (a bulk order, a typing error) are flagged as anomalies and limited for modelling.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.store.db import ShopDb

# A run of zero days is a stock-out when a seller this steady would see it less than once in this many runs.
STOCKOUT_RUN_PROBABILITY = 1e-4
STOCKOUT_MIN_RUN = 5
ANOMALY_IQR_FACTOR = 6.0


@dataclass
class DemandHistory:
    product_ids: np.ndarray        # (n,)
    skus: np.ndarray               # (n,) object
    days: pd.DatetimeIndex         # (T,) consecutive days up to and including as_of
    sales: np.ndarray              # (n, T) net units sold (negative days clipped to 0); NaN before the first sale
    demand: np.ndarray             # (n, T) for modelling: NaN on stock-out days, anomalies limited
    stockout: np.ndarray           # (n, T) bool: demand unknown because the shelf was empty
    anomaly: np.ndarray            # (n, T) bool: a spike limited for modelling
    first_sale: np.ndarray         # (n,) index into days of the first sale (T if never sold)
    revenue: np.ndarray            # (n,) sales value over the history
    as_of: dt.date = field(default_factory=dt.date.today)

    def row(self, sku: str) -> int:
        return int(np.flatnonzero(self.skus == sku)[0])

    def series(self, sku: str) -> pd.DataFrame:
        """One product's days: sales, demand for modelling, and the flags, for charts and explanations."""
        i = self.row(sku)
        return pd.DataFrame({"sales": self.sales[i], "demand": self.demand[i], "stockout": self.stockout[i],
                             "anomaly": self.anomaly[i]}, index=self.days)


def load_history(shop: ShopDb, *, as_of: dt.date | None = None, active_only: bool = True) -> DemandHistory:
    """Everything known on `as_of` (default: the last day with sales): nothing dated later is read."""
    last = shop.scalar("SELECT max(date) FROM sales")
    if as_of is None:
        as_of = dt.date.fromisoformat(last) if last else dt.date.today()
    cutoff = as_of.isoformat()
    products = pd.read_sql_query(
        "SELECT id, sku FROM products" + (" WHERE active = 1" if active_only else "") + " ORDER BY sku",
        shop.conn, dtype={"sku": str})
    sales = pd.read_sql_query(
        "SELECT product_id, date, sum(qty) AS qty, sum(coalesce(revenue, 0)) AS revenue FROM sales "
        "WHERE date <= ? GROUP BY product_id, date", shop.conn, params=(cutoff,))
    counts = pd.read_sql_query(
        "SELECT product_id, date, qty FROM stock_snapshots WHERE date <= ?", shop.conn, params=(cutoff,))
    return build_history(products["id"].to_numpy(), products["sku"].to_numpy(dtype=object), sales, counts, as_of)


def build_history(product_ids: np.ndarray, skus: np.ndarray, sales: pd.DataFrame, counts: pd.DataFrame,
                  as_of: dt.date) -> DemandHistory:
    """The matrix from plain frames (sales: product_id, date, qty[, revenue]; counts: product_id, date, qty)."""
    n = len(product_ids)
    start = pd.Timestamp(sales["date"].min()) if len(sales) else pd.Timestamp(as_of)
    days = pd.date_range(start, pd.Timestamp(as_of), freq="D")
    T = len(days)
    row_of = pd.Series(np.arange(n), index=product_ids)
    matrix = np.zeros((n, T))
    revenue = np.zeros(n)
    if len(sales):
        rows = row_of.reindex(sales["product_id"]).to_numpy()
        cols = (pd.to_datetime(sales["date"]) - start).dt.days.to_numpy()
        keep = ~np.isnan(rows) & (cols >= 0) & (cols < T)
        np.add.at(matrix, (rows[keep].astype(int), cols[keep]), sales["qty"].to_numpy()[keep])
        if "revenue" in sales:
            np.add.at(revenue, rows[keep].astype(int), sales["revenue"].to_numpy()[keep])
    matrix = np.clip(matrix, 0, None)  # a day of net returns is a day without demand, not negative demand
    sold = matrix > 0
    first_sale = np.where(sold.any(axis=1), sold.argmax(axis=1), T)
    before_first = np.arange(T)[None, :] < first_sale[:, None]
    sales_matrix = np.where(before_first, np.nan, matrix)

    stockout = _stockouts_from_counts(counts, row_of, start, n, T, matrix)
    stockout |= _stockouts_inferred(sales_matrix)
    stockout &= ~before_first & (matrix == 0)
    demand = np.where(stockout, np.nan, sales_matrix)
    demand, anomaly = limit_anomalies(demand)
    return DemandHistory(np.asarray(product_ids), np.asarray(skus, dtype=object), days, sales_matrix, demand,
                         stockout, anomaly, first_sale, revenue, as_of)


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


def _stockouts_inferred(sales: np.ndarray) -> np.ndarray:
    """Runs of zero days that the product's own selling rhythm makes wildly unlikely: a product that sells on
    nine days in ten and then sells nothing for a week was out of stock, not unwanted.

    Days the whole shop sold nothing (closed: Sundays, holidays) are left out of the runs, and so is a run that
    is still going on at the end (only a stock count can tell a stock-out from a product that stopped selling). A run is a stock-out
    when p0 ** length < STOCKOUT_RUN_PROBABILITY, p0 being the share of open days without a sale over the
    56 open days before the run.
    """
    n, T = sales.shape
    out = np.zeros((n, T), dtype=bool)
    filled = np.nan_to_num(sales, nan=0.0)
    valid = ~np.isnan(sales)
    open_days = np.flatnonzero(filled.sum(axis=0) > 0)
    window = 56
    for i in range(n):
        days = open_days[valid[i, open_days]]
        if len(days) < STOCKOUT_MIN_RUN:
            continue
        zero = filled[i, days] == 0
        if not zero.any() or zero.all():
            continue
        edges = np.diff(np.concatenate(([0], zero.astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        zeros_before = np.concatenate(([0], np.cumsum(zero)))
        for s, e in zip(starts, ends):
            length = e - s
            if length < STOCKOUT_MIN_RUN or e == len(days):
                continue  # a run still going on today may be a product that stopped selling: left as zeros
            lo = max(0, s - window)
            seen = s - lo
            if seen < 14:
                continue
            p0 = (zeros_before[s] - zeros_before[lo] + 1) / (seen + 2)
            if p0 ** length < STOCKOUT_RUN_PROBABILITY:
                out[i, days[s:e]] = True
    return out


def limit_anomalies(demand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flag days far above the product's usual selling days (beyond Q3 + 6 IQR of its days with sales, for a
    product with at least 10 such days) and limit them to that ceiling; the raw sales stay as they were."""
    limited = demand.copy()
    flags = np.zeros(demand.shape, dtype=bool)
    positive = np.where(demand > 0, demand, np.nan)
    count = np.sum(demand > 0, axis=1)
    q1 = np.full(len(demand), np.nan)
    q3 = np.full(len(demand), np.nan)
    some = count > 0
    if some.any():
        q1[some] = np.nanpercentile(positive[some], 25, axis=1)
        q3[some] = np.nanpercentile(positive[some], 75, axis=1)
    ceiling = q3 + ANOMALY_IQR_FACTOR * np.maximum(q3 - q1, 1.0)
    ok = count >= 10
    with np.errstate(invalid="ignore"):
        flags[ok] = demand[ok] > ceiling[ok, None]
    rows, cols = np.nonzero(flags)
    limited[rows, cols] = ceiling[rows]
    return limited, flags
