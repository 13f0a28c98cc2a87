"""What the shop really did over a replay window, where its stock records allow: the yardstick beside the
replayed policies.

The shelf of each day is rebuilt from the stock counts: the last count, minus what sold since, plus what
deliveries brought since (received purchase orders on their received day, and deliveries received in
ShelfWise). A product is compared only when it was counted on or before the window's first day and again
within the window. Demand the shelf could not serve was never recorded, so the fill rate stays unknown; a
review period counts as not served when the shelf was empty at the end of a day of it that had demand or a
stock-out (a count of 0, or an inferred one).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.simulation.replay import PRODUCT_COLUMNS, ReplayResult, ShopInputs, stock_value, window_indices
from core.store.db import ShopDb


def actual_result(shop: ShopDb, inputs: ShopInputs, start: dt.date, end: dt.date) -> ReplayResult | None:
    """The shop's own record over start .. end as a ReplayResult ('actual'), for the products whose stock
    history allows it; None when none does."""
    history = inputs.history
    first, last = window_indices(history, start, end)
    days = history.days[first:last + 1]
    n, D = len(history.skus), len(days)
    counts = inputs.counts.assign(date=pd.to_datetime(inputs.counts["date"]))
    row_of = pd.Series(np.arange(n), index=history.product_ids)
    counts = counts[counts["product_id"].isin(row_of.index)]
    before = counts[counts["date"] <= days[0]].sort_values("date").groupby("product_id").tail(1)
    within = counts[(counts["date"] > days[0]) & (counts["date"] <= days[-1])]
    known = np.zeros(n, dtype=bool)
    known[row_of[np.intersect1d(before["product_id"], within["product_id"])].to_numpy()] = True
    if not known.any():
        return None
    # walk each product's shelf from its last count before the window: the count resets it, sales take from
    # it, deliveries add to it; the window's days are kept
    lo = int(history.days.get_loc(before["date"].min()))
    walk = history.days[lo:last + 1]
    sales = np.nan_to_num(history.sales[:, lo:last + 1])
    arrivals = _deliveries(shop, row_of, walk, days)
    reset = np.full((n, len(walk)), np.nan)
    counted = counts[(counts["date"] >= walk[0]) & (counts["date"] <= walk[-1])]
    reset[row_of[counted["product_id"]].to_numpy(), (counted["date"] - walk[0]).dt.days.to_numpy()] = counted["qty"]
    level = np.full(n, np.nan)
    shelf = np.empty((n, len(walk)))
    for t in range(len(walk)):
        level = np.maximum(level + arrivals["daily"][:, t] - sales[:, t], 0.0)
        level = np.where(np.isnan(reset[:, t]), level, reset[:, t])
        shelf[:, t] = level
    stock = shelf[:, first - lo:]
    sales = sales[:, first - lo:]
    empty = (stock <= 1e-9) | history.stockout[:, first:last + 1]
    demand = sales
    review = inputs.products.review_days
    with_demand, served = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    for i in np.flatnonzero(known):
        R = max(int(review[i]), 1)
        for p0 in range(0, D - R + 1, R):
            had = demand[i, p0:p0 + R].sum() > 0 or empty[i, p0:p0 + R].any()
            with_demand[i] += had
            served[i] += had and not empty[i, p0:p0 + R].any()
    value, valued = stock_value(stock, inputs.products.unit_cost)
    orders = arrivals["orders"]
    frame = pd.DataFrame({
        "sku": history.skus, "policy": "actual", "demand": demand.sum(axis=1), "served": np.nan, "lost": np.nan,
        "fill_rate": np.nan,
        "cycle_service_level": np.where(with_demand > 0, served / np.maximum(with_demand, 1), np.nan),
        "periods_with_demand": with_demand, "periods_served": served,
        "stockout_days": empty.sum(axis=1), "avg_stock_value": value,
        "orders": orders, "units_ordered": arrivals["daily"][:, first - lo:].sum(axis=1), "pattern": ""})
    keep = np.flatnonzero(known)
    return ReplayResult("actual", days, frame.iloc[keep][PRODUCT_COLUMNS].reset_index(drop=True),
                        pd.DataFrame(columns=["sku", "date", "qty", "arrives"]), stock[keep],
                        np.zeros((len(keep), D)), rows=keep, valued=valued)


def _deliveries(shop: ShopDb, row_of: pd.Series, walk: pd.DatetimeIndex, days: pd.DatetimeIndex) -> dict:
    """Units delivered per product and day of the walk (received orders on their received day, deliveries
    received in ShelfWise on theirs), and the order lines placed within the window's days."""
    received = pd.read_sql_query(
        """SELECT l.product_id, o.received_date AS date, l.received_qty AS qty, o.order_date
           FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
           WHERE o.status IN ('received', 'part-received') AND o.received_date IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM stock_receipts r WHERE r.order_line_id = l.id)
           UNION ALL
           SELECT r.product_id, r.date, r.qty, NULL FROM stock_receipts r""", shop.conn)
    received = received[received["product_id"].isin(row_of.index)]
    received = received.assign(row=row_of[received["product_id"]].to_numpy(), date=pd.to_datetime(received["date"]))
    daily = np.zeros((len(row_of), len(walk)))
    inside = received[(received["date"] >= walk[0]) & (received["date"] <= walk[-1])]
    np.add.at(daily, (inside["row"].to_numpy(), (inside["date"] - walk[0]).dt.days.to_numpy()), inside["qty"])
    orders = np.zeros(len(row_of), dtype=int)
    placed = received[received["order_date"].notna()]
    placed = placed[(pd.to_datetime(placed["order_date"]) >= days[0]) & (pd.to_datetime(placed["order_date"]) <= days[-1])]
    np.add.at(orders, placed["row"].to_numpy(), 1)
    return {"daily": daily, "orders": orders}
