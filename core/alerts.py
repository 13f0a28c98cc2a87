"""What needs the owner's attention today, from the plan and the shop's own records.

Six kinds, most urgent first: products that will run out before the next possible delivery (with the date),
products below their reorder point, overdue purchase orders, unusual recent sales, overstock (more than N days
of cover) and dead stock (stock but no sale in N days).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.store.db import ShopDb

KINDS = {
    "runs_out": "Runs out before the next delivery",
    "below_reorder_point": "Below reorder point",
    "overdue_order": "Overdue purchase order",
    "anomaly": "Unusual recent sales",
    "overstock": "Overstock",
    "dead_stock": "Dead stock",
}
ANOMALY_DAYS = 14


@dataclass
class Alert:
    kind: str             # a key of KINDS
    severity: str         # high, medium, low
    sku: str              # '' for an order
    name: str
    supplier: str
    date: str | None      # the stock-out day, the unusual day, the expected delivery
    message: str

    @property
    def title(self) -> str:
        return KINDS[self.kind]


def shop_alerts(shop: ShopDb, plan, history=None) -> list[Alert]:
    """Every alert for the plan's day. `history` (a DemandHistory up to the plan's data) is read when absent."""
    lines = plan.lines
    settings = plan.settings
    alerts: list[Alert] = []
    for r in lines.itertuples(index=False):
        position = r.on_hand + r.on_order
        if r.stockout_date and r.stockout_date < r.next_delivery:
            alerts.append(Alert("runs_out", "high", r.sku, r.name, r.supplier, r.stockout_date,
                                f"Expected to run out on {r.stockout_date}; the earliest delivery from "
                                f"{r.supplier} is {r.next_delivery}."))
        if position < r.reorder_point:
            alerts.append(Alert("below_reorder_point", "medium", r.sku, r.name, r.supplier, None,
                                f"Stock position {position:g} is below the reorder point {r.reorder_point:g}: "
                                f"order {r.order_qty:g}."))
        if r.days_of_cover > settings.overstock_days and r.on_hand > 0 and np.isfinite(r.days_of_cover):
            alerts.append(Alert("overstock", "low", r.sku, r.name, r.supplier, None,
                                f"{r.days_of_cover:,.0f} days of cover (more than {settings.overstock_days}): "
                                f"{r.on_hand * r.unit_cost:,.2f} of stock tied up."))
    alerts += _dead_stock(shop, lines, plan.as_of, settings.dead_stock_days)
    alerts += _overdue_orders(shop, plan.plan_date)
    alerts += _anomalies(shop, lines, plan.as_of, history)
    order = list(KINDS)
    alerts.sort(key=lambda a: (order.index(a.kind), a.date or "", a.sku))
    return alerts


def alerts_frame(alerts: list[Alert]) -> pd.DataFrame:
    return pd.DataFrame([{"kind": a.kind, "title": a.title, "severity": a.severity, "sku": a.sku, "name": a.name,
                          "supplier": a.supplier, "date": a.date, "message": a.message} for a in alerts],
                        columns=["kind", "title", "severity", "sku", "name", "supplier", "date", "message"])


def _dead_stock(shop: ShopDb, lines: pd.DataFrame, as_of: dt.date, days: int) -> list[Alert]:
    last = dict(shop.query("SELECT product_id, max(date) FROM sales WHERE qty > 0 AND date <= ? GROUP BY product_id",
                           (as_of.isoformat(),)))
    limit = (as_of - dt.timedelta(days=days)).isoformat()
    out = []
    for r in lines[lines["on_hand"] > 0].itertuples(index=False):
        sold = last.get(r.product_id)
        if sold is None or sold <= limit:
            when = f"since {sold}" if sold else "ever"
            out.append(Alert("dead_stock", "low", r.sku, r.name, r.supplier, sold,
                             f"No sale {when} (over {days} days) with {r.on_hand:g} on the shelf "
                             f"({r.on_hand * r.unit_cost:,.2f} of stock)."))
    return out


def _overdue_orders(shop: ShopDb, plan_date: dt.date) -> list[Alert]:
    rows = shop.query(
        "SELECT o.number, o.expected_date, o.order_date, s.name FROM purchase_orders o "
        "JOIN suppliers s ON s.id = o.supplier_id WHERE o.status IN ('sent', 'part-received') "
        "AND o.expected_date IS NOT NULL AND o.expected_date < ? ORDER BY o.expected_date", (plan_date.isoformat(),))
    return [Alert("overdue_order", "high", "", r["number"], r["name"], r["expected_date"],
                  f"Purchase order {r['number']} to {r['name']} was expected on {r['expected_date']} "
                  f"({(plan_date - dt.date.fromisoformat(r['expected_date'])).days} days late).")
            for r in rows]


def _anomalies(shop: ShopDb, lines: pd.DataFrame, as_of: dt.date, history) -> list[Alert]:
    if history is None:
        from core.demand.history import load_history

        history = load_history(shop, as_of=as_of)
    T = len(history.days)
    recent = history.anomaly[:, max(T - ANOMALY_DAYS, 0):]
    names = dict(zip(lines["sku"], lines["name"]))
    suppliers = dict(zip(lines["sku"], lines["supplier"]))
    out = []
    for row, col in zip(*np.nonzero(recent)):
        day = T - recent.shape[1] + col
        sku = history.skus[row]
        sold = history.sales[row, day]
        usual = np.nanmedian(np.where(history.sales[row, :day] > 0, history.sales[row, :day], np.nan)) \
            if (history.sales[row, :day] > 0).any() else 0.0
        out.append(Alert("anomaly", "medium", sku, names.get(sku, ""), suppliers.get(sku, ""),
                         history.days[day].date().isoformat(),
                         f"Sold {sold:g} on {history.days[day].date()}, against a usual {usual:g} on a selling day: "
                         f"the forecast limits it; check for a bulk order or a typing error."))
    return out
