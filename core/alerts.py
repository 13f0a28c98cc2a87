"""What needs the owner's attention today, from the plan and the shop's own records.

Six kinds, most urgent first: products that will run out before the next possible delivery (with the date),
products below their reorder point, overdue purchase orders, unusual recent sales, overstock (more than N days
of cover) and dead stock (stock but no sale in N days).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.i18n import _
from core.store.db import ShopDb

KINDS = {
    "runs_out": "Runs out before the next delivery",
    "below_reorder_point": "Below reorder point",
    "overdue_order": "Overdue purchase order",
    "anomaly": "Unusual recent sales",
    "overstock": "Overstock",
    "dead_stock": "Dead stock",
    "never_counted": "Never counted",
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
    count_first = getattr(settings, "uncounted", "count-first") == "count-first"
    for r in lines.itertuples(index=False):
        position = r.on_hand + r.on_order
        if count_first and not r.counted:
            # what is on the shelf is not known: one alert to count it, none that pretends it is empty
            alerts.append(Alert("never_counted", "medium", r.sku, r.name, r.supplier, None,
                                _("Never counted: count it so that the plan can order it (it sells about {rate} a "
                                  "day).").format(rate=f"{r.recent_daily_sales:.2g}")))
            continue
        if r.stockout_date and r.stockout_date < r.next_delivery:
            alerts.append(Alert("runs_out", "high", r.sku, r.name, r.supplier, r.stockout_date,
                                _("Expected to run out on {date}; the earliest delivery from {supplier} is "
                                  "{delivery}.").format(date=r.stockout_date, supplier=r.supplier,
                                                        delivery=r.next_delivery)))
        if position < r.reorder_point:
            alerts.append(Alert("below_reorder_point", "medium", r.sku, r.name, r.supplier, None,
                                _("Stock position {position:g} is below the reorder point {reorder_point:g}: "
                                  "order {qty:g}.").format(position=position, reorder_point=r.reorder_point,
                                                           qty=r.order_qty)))
        if r.days_of_cover > settings.overstock_days and r.on_hand > 0 and np.isfinite(r.days_of_cover):
            alerts.append(Alert("overstock", "low", r.sku, r.name, r.supplier, None,
                                _("{days:,.0f} days of cover (more than {limit}): {value:,.2f} of stock tied "
                                  "up.").format(days=r.days_of_cover, limit=settings.overstock_days,
                                                value=r.on_hand * r.unit_cost)))
    alerts += _dead_stock(shop, lines, plan.as_of, settings.dead_stock_days)
    alerts += _overdue_orders(shop, plan.plan_date)
    alerts += _anomalies(shop, lines, plan.as_of, history, getattr(plan, "forecast_run_id", None))
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
            text = (_("No sale since {day} (over {days} days) with {on_hand:g} on the shelf ({value:,.2f} of "
                      "stock).") if sold else
                    _("No sale ever (over {days} days) with {on_hand:g} on the shelf ({value:,.2f} of stock)."))
            out.append(Alert("dead_stock", "low", r.sku, r.name, r.supplier, sold,
                             text.format(day=sold, days=days, on_hand=r.on_hand, value=r.on_hand * r.unit_cost)))
    return out


def _overdue_orders(shop: ShopDb, plan_date: dt.date) -> list[Alert]:
    rows = shop.query(
        "SELECT o.number, o.expected_date, o.order_date, s.name FROM purchase_orders o "
        "JOIN suppliers s ON s.id = o.supplier_id WHERE o.status IN ('sent', 'part-received') "
        "AND o.expected_date IS NOT NULL AND o.expected_date < ? ORDER BY o.expected_date", (plan_date.isoformat(),))
    return [Alert("overdue_order", "high", "", r["number"], r["name"], r["expected_date"],
                  _("Purchase order {number} to {supplier} was expected on {date} ({days} days late).").format(
                      number=r["number"], supplier=r["name"], date=r["expected_date"],
                      days=(plan_date - dt.date.fromisoformat(r["expected_date"])).days))
            for r in rows]


def recent_anomalies(history) -> list[list]:
    """The unusual sales of the last ANOMALY_DAYS of a DemandHistory, as plain data: [sku, day (ISO), sold, the
    usual amount on a selling day before it]. Kept with the forecast run (core.forecasting.run), so that the alerts
    of a plan from it need not read every product's history again (11 s at 20,000 products x 3 years)."""
    T = len(history.days)
    recent = history.anomaly[:, max(T - ANOMALY_DAYS, 0):]
    out = []
    for row, col in zip(*np.nonzero(recent)):
        day = T - recent.shape[1] + col
        before = history.sales[row, :day]
        usual = float(np.nanmedian(np.where(before > 0, before, np.nan))) if (before > 0).any() else 0.0
        out.append([str(history.skus[row]), history.days[day].date().isoformat(), float(history.sales[row, day]),
                    usual])
    return out


def _anomalies(shop: ShopDb, lines: pd.DataFrame, as_of: dt.date, history, run_id: int | None = None) -> list[Alert]:
    found = None
    if history is None and run_id is not None:      # as the forecast run found them, where it kept them
        row = shop.conn.execute("SELECT as_of, settings FROM forecast_runs WHERE id = ?", (run_id,)).fetchone()
        if row is not None and row[0] == as_of.isoformat():
            found = json.loads(row[1] or "{}").get("anomalies")
    if found is None:
        if history is None:
            from core.demand.history import load_history
            from core.forecasting.periods import shop_period

            if shop_period(shop) != "day":      # weekly or monthly totals: no day's sale to find unusual
                return []
            history = load_history(shop, as_of=as_of)
        found = recent_anomalies(history)
    names = dict(zip(lines["sku"], lines["name"]))
    suppliers = dict(zip(lines["sku"], lines["supplier"]))
    return [Alert("anomaly", "medium", sku, names.get(sku, ""), suppliers.get(sku, ""), day,
                  _("Sold {sold:g} on {day}, against a usual {usual:g} on a selling day: the forecast "
                    "limits it; check for a bulk order or a typing error.").format(sold=sold, day=day, usual=usual))
            for sku, day, sold, usual in found]
