"""What the forecast pages show: one product's history and forecast with everything that explains it, and the
owner's overrides (a planned promotion, a known big order), kept with a note and applied over the forecast."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.demand.history import load_history, load_product_history
from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb, atomic, audit, now_iso


@dataclass
class ProductForecastView:
    sku: str
    name: str
    history: pd.DataFrame        # index: day; columns sales, demand, stockout, anomaly, closed (the whole shop)
    forecast: pd.DataFrame       # index: day; columns mean, p05, p50, p80, p90, p95, p99, overridden, closed (the
                                 # shop's day off or a date it is closed every year: forecast as nothing)
    events: pd.DataFrame         # date, end_date, name, kind, promotion (bool: this product's own)
    model: str
    pattern: str
    abc: str
    xyz: str
    accuracy_text: str           # in plain words, against repeating last week
    run_as_of: str
    device: str
    period: str = "day"          # history and forecast points are days, or weeks or months (their totals)


@dataclass
class Override:
    id: int
    sku: str
    start: str
    end: str
    qty_per_day: float
    note: str
    created_at: str


def latest_run(shop: ShopDb) -> dict | None:
    row = shop.conn.execute("SELECT * FROM forecast_runs ORDER BY id DESC LIMIT 1").fetchone()
    return dict(row) if row else None


def accuracy_sentence(mae: float, mae_baseline: float, weeks: int) -> str:
    """'over the last 12 weeks this forecast was off by 1.2 units a day on average; repeating last week's
    sales would have been off by 1.9'."""
    if mae is None or np.isnan(mae):
        return _("Not enough history to test this forecast yet.")
    if mae_baseline is not None and not np.isnan(mae_baseline):
        return _("Over the last {weeks} weeks this forecast was off by {mae:.1f} units a day on average; repeating "
                 "last week's sales would have been off by {baseline:.1f}.").format(
            weeks=weeks, mae=mae, baseline=mae_baseline)
    return _("Over the last {weeks} weeks this forecast was off by {mae:.1f} units a day on average.").format(
        weeks=weeks, mae=mae)


def period_accuracy_sentence(mae: float | None, mae_baseline: float | None, period: str) -> str:
    """The backtest of a forecast in months or weeks, in those units: 'tested on the last months before the
    forecast, it was off by 1.2 units a month on average; repeating the same month of the year before: 1.9'."""
    if mae is None or np.isnan(mae):
        return _("Not enough history to test this forecast yet.")
    if period == "month":
        text = _("Tested on the last months before the forecast, it was off by {mae:.1f} units a month on "
                 "average.").format(mae=mae)
        base = _(" Repeating the same month of the year before would have been off by {baseline:.1f}.")
    else:
        text = _("Tested on the last weeks before the forecast, it was off by {mae:.1f} units a week on "
                 "average.").format(mae=mae)
        base = _(" Repeating the same week of the year before would have been off by {baseline:.1f}.")
    if mae_baseline is not None and not np.isnan(mae_baseline):
        text += base.format(baseline=mae_baseline)
    return text


def period_lengths(dates: pd.Series, period: str) -> np.ndarray:
    """The days in each row's period (1 for a daily run): an override's quantity a day times these is the period's."""
    if period == "day":
        return np.ones(len(dates))
    starts = pd.to_datetime(dates)
    ends = starts + (pd.offsets.MonthBegin(1) if period == "month" else pd.Timedelta(days=7))
    return (ends - starts).dt.days.to_numpy(dtype=float)


def forecast_table(shop: ShopDb, run_id: int | None = None) -> pd.DataFrame:
    """Every product of a run (default: the latest) with its model, classes, accuracy and next-week demand (for a
    run in weeks or months: the next period's)."""
    run = latest_run(shop) if run_id is None else dict(shop.conn.execute(
        "SELECT * FROM forecast_runs WHERE id = ?", (run_id,)).fetchone())
    if run is None:
        return pd.DataFrame(columns=["sku", "name", "model", "pattern", "abc", "xyz", "rmsse", "mae",
                                     "mae_baseline", "bias", "next_7_days", "next_horizon"])
    table = pd.read_sql_query(
        """SELECT f.product_id, p.sku, coalesce(p.name, '') AS name, f.model, f.pattern, f.abc, f.xyz, f.rmsse,
                  f.mae, f.mae_baseline, f.bias
           FROM forecast_products f JOIN products p ON p.id = f.product_id WHERE f.run_id = ? ORDER BY p.sku""",
        shop.conn, params=(run["id"],), dtype={"sku": str})
    daily = pd.read_sql_query("SELECT product_id, date, mean FROM forecast_daily WHERE run_id = ?", shop.conn,
                              params=(run["id"],))
    period = run.get("period") or "day"
    length = period_lengths(daily["date"], period)
    for row in shop.query("SELECT product_id, start_date, end_date, qty_per_day FROM forecast_overrides"):
        days = (daily["product_id"] == row["product_id"]) & daily["date"].between(row["start_date"], row["end_date"])
        daily.loc[days, "mean"] = row["qty_per_day"] * length[days]
    totals = daily.groupby("product_id")["mean"].sum()
    if period == "day":
        week_end = (dt.date.fromisoformat(run["as_of"]) + dt.timedelta(days=7)).isoformat()
        week = daily[daily["date"] <= week_end].groupby("product_id")["mean"].sum()
    else:                           # a run in weeks or months: the next period's total
        week = daily[daily["date"] == daily["date"].min()].groupby("product_id")["mean"].sum()
    table["next_7_days"] = table["product_id"].map(week).fillna(0.0)
    table["next_horizon"] = table["product_id"].map(totals).fillna(0.0)
    return table.drop(columns=["product_id"])


def closed_ahead(closed: dict, days: pd.DatetimeIndex) -> np.ndarray:
    """(len(days),) bool: the forecast's days on which the shop is closed, from what the run stored
    (core.forecasting.run.ForecastResult.closed): its weekly days off, the dates it is closed every year and the
    closures the owner gave."""
    out = np.isin(np.asarray(days.dayofweek), closed.get("weekdays") or [])
    for first, last, *_name in list(closed.get("dates") or ()) + list(closed.get("declared") or ()):
        out |= (days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))
    return out


def product_view(shop: ShopDb, sku: str, *, history_days: int = 365) -> ProductForecastView:
    run = latest_run(shop)
    if run is None:
        raise UserError(_("There is no forecast yet."), hint=_("Press Forecast to make one."))
    product = shop.conn.execute("SELECT id, name FROM products WHERE sku = ?", (sku,)).fetchone()
    if product is None:
        raise UserError(_("There is no product with the code {sku}.").format(sku=sku))
    as_of = dt.date.fromisoformat(run["as_of"])
    period = run.get("period") or "day"
    if period == "day":
        # one product's sales with the shop's days as the run found them; the whole shop's where the run did not
        # keep them (made before they were kept) or they no longer fit
        stored = json.loads(run["settings"] or "{}").get("shop_days") or {}
        history = load_product_history(shop, sku, stored) if stored.get("as_of") == run["as_of"] else None
        if history is None:
            history = load_history(shop, as_of=as_of)
        series = history.series(sku).iloc[-history_days:]
    else:                           # one point per week or month: the totals the shop keeps, never split into days
        from core.forecasting.periods import load_period_history

        periods = load_period_history(shop, period, as_of=as_of)
        row = int(np.flatnonzero(periods.skus == sku)[0]) if (periods.skus == sku).any() else None
        sold = periods.demand[row] if row is not None else np.zeros(len(periods.starts))
        series = pd.DataFrame({"sales": sold, "demand": sold, "stockout": False, "anomaly": False, "closed": False},
                              index=periods.starts)
        series = series[series.index >= pd.Timestamp(as_of) - pd.Timedelta(days=history_days * 2)]
    daily = pd.read_sql_query(
        "SELECT date, mean, p05, p50, p80, p90, p95, p99 FROM forecast_daily WHERE run_id = ? AND product_id = ? "
        "ORDER BY date", shop.conn, params=(run["id"], product["id"]), parse_dates=["date"]).set_index("date")
    daily = apply_overrides(shop, product["id"], daily, period=period)
    daily["closed"] = closed_ahead(json.loads(run["settings"] or "{}").get("closed") or {}, daily.index) \
        if period == "day" else False
    facts = shop.conn.execute("SELECT * FROM forecast_products WHERE run_id = ? AND product_id = ?",
                              (run["id"], product["id"])).fetchone()
    start = series.index[0].date().isoformat() if len(series) else run["as_of"]
    end = daily.index[-1].date().isoformat() if len(daily) else run["as_of"]
    events = pd.read_sql_query(
        "SELECT date, coalesce(end_date, date) AS end_date, name, coalesce(kind, '') AS kind, "
        "product_id IS NOT NULL AS promotion FROM events "
        "WHERE date <= ? AND coalesce(end_date, date) >= ? AND (product_id IS NULL OR product_id = ?) ORDER BY date",
        shop.conn, params=(end, start, product["id"]), parse_dates=["date", "end_date"])
    weeks = json.loads(run["settings"] or "{}").get("origins", 3) * run["horizon"] // 7
    accuracy = accuracy_sentence(facts["mae"], facts["mae_baseline"], weeks) if facts else ""
    if facts and period != "day":
        accuracy = period_accuracy_sentence(facts["mae"], facts["mae_baseline"], period)
    return ProductForecastView(
        sku, product["name"] or "", series, daily, events, facts["model"] if facts else "",
        facts["pattern"] if facts else "", facts["abc"] if facts else "", facts["xyz"] if facts else "",
        accuracy, run["as_of"], run["device"], period)


# ------------------------------------------------------------------ overrides


def add_override(shop: ShopDb, sku: str, start: dt.date, end: dt.date, qty_per_day: float, note: str) -> int:
    if end < start:
        raise UserError(_("The override ends before it starts."))
    if qty_per_day < 0:
        raise UserError(_("An override cannot be negative."))
    if not note.strip():
        raise UserError(_("Say why (a planned promotion, a known order): the note is kept with the "
                          "override."))
    product_id = shop.scalar("SELECT id FROM products WHERE sku = ?", (sku,))
    if product_id is None:
        raise UserError(_("There is no product with the code {sku}.").format(sku=sku))
    with atomic(shop):
        override_id = shop.db["forecast_overrides"].insert(
            {"product_id": product_id, "start_date": start.isoformat(), "end_date": end.isoformat(),
             "qty_per_day": float(qty_per_day), "note": note.strip(), "created_at": now_iso()}).last_pk
        audit(shop, "forecast override added", table="forecast_overrides", row_id=override_id,
              detail=f"{sku} {start}..{end}: {qty_per_day:g} a day ({note.strip()})")
    return override_id


def remove_override(shop: ShopDb, override_id: int) -> None:
    with atomic(shop) as conn:
        row = conn.execute("SELECT * FROM forecast_overrides WHERE id = ?", (override_id,)).fetchone()
        if row is None:
            raise UserError(_("There is no override number {override_id}.").format(override_id=override_id))
        conn.execute("DELETE FROM forecast_overrides WHERE id = ?", (override_id,))
        audit(shop, "forecast override removed", table="forecast_overrides", row_id=override_id, before=dict(row))


def overrides(shop: ShopDb, sku: str | None = None) -> list[Override]:
    rows = shop.query(
        "SELECT o.*, p.sku FROM forecast_overrides o JOIN products p ON p.id = o.product_id "
        + ("WHERE p.sku = ? " if sku else "") + "ORDER BY o.start_date", (sku,) if sku else ())
    return [Override(r["id"], r["sku"], r["start_date"], r["end_date"], r["qty_per_day"], r["note"] or "",
                     r["created_at"]) for r in rows]


def apply_overrides(shop: ShopDb, product_id: int, daily: pd.DataFrame, *, period: str = "day") -> pd.DataFrame:
    """The forecast with the owner's overrides in force: on those days the mean is the owner's figure and the
    quantiles move with it (same spread around the new mean). In a run of weeks or months a period that starts
    within the override takes its quantity a day times the period's days."""
    daily = daily.copy()
    daily["overridden"] = False
    length = period_lengths(pd.Series(daily.index), period)
    for row in shop.query("SELECT start_date, end_date, qty_per_day FROM forecast_overrides WHERE product_id = ?",
                          (product_id,)):
        days = (daily.index >= pd.Timestamp(row["start_date"])) & (daily.index <= pd.Timestamp(row["end_date"]))
        if not days.any():
            continue
        shift = row["qty_per_day"] * length[days] - daily.loc[days, "mean"]
        for column in ("p05", "p50", "p80", "p90", "p95", "p99"):
            daily.loc[days, column] = np.clip(daily.loc[days, column] + shift, 0, None)
        daily.loc[days, "mean"] = row["qty_per_day"] * length[days]
        daily.loc[days, "overridden"] = True
    return daily
