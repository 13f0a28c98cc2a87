"""Replay reorder policies over a shop of weekly or monthly totals, period by period (core.simulation.replay replays
days; a month's total is not a sale on its first day).

At the start of each period of the window every policy plans again from the totals of the periods before it, orders
what it asks for, receives the orders placed one lead time earlier (the lead time in whole periods, at least one),
and the period's real total is served from the shelf; what the shelf cannot serve is lost. As in the daily replay
each policy starts with its own order-up-to level on the shelf and nothing on order, and every product's recorded
demand is replayed as recorded.

Policies, one review a period:
- `shelfwise` and `optimal`: what the plan does for a period product (core.policy.plan): the rate of the period
  forecast (core.forecasting.periods, a model chosen per product; a part taken as stopped selling is stocked only
  where the shared fill rate is worth a unit there), the spread of the totals summed over lead time and review (core.policy.plan.spread_from_totals), put through
  the plan's own levels (core.policy.levels.plan_item) at the service level asked, or at the lowest cost.
- `minmax`: the rule of thumb in periods: reorder when the stock is below the last 12 periods' average sales over
  the lead time and review, up to twice that.

Figures per product as in the daily replay (core.simulation.replay.PRODUCT_COLUMNS); `stockout_days` there counts
the periods in which some demand was lost, and the result's `period` says which. bench/replay_periods.py runs the
same planners on the real spare-parts sets against statsforecast's methods.
"""
from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd

from core.errors import UserError
from core.forecasting.periods import (PERIOD_DAYS, STOPPED, PeriodHistory, forecast_periods, load_period_history,
                                      period_start, rate_before_silence, revival_share)
from core.i18n import _
from core.jobs import JobContext, null_context
from core.policy.demand import LeadTime
from core.policy.formulas import round_order
from core.policy.levels import Item, plan_item, share_shortage_values
from core.policy.plan import pool_dispersions, spread_from_totals
from core.simulation.replay import PRODUCT_COLUMNS, ReplayProducts, ReplayResult, stock_value
from core.store.db import ShopDb

PERIOD_POLICIES = ("shelfwise", "optimal", "minmax")
MIN_PERIODS = {"week": 13, "month": 6}     # periods of history before the window a forecast needs
MINMAX_SPAN = 12                           # the min/max rule's average: the last 12 periods


def lead_periods(lead_days: np.ndarray, period: str) -> np.ndarray:
    """Lead times in whole periods, at least one: an order placed at a period's start is on the shelf at the start
    of the period after its lead time (a 30-day lead time on monthly totals is one month; 10 days on weekly ones,
    one week)."""
    return np.maximum(1, np.round(np.asarray(lead_days, dtype=float) / PERIOD_DAYS[period])).astype(int)


def period_rates(known: np.ndarray, starts: pd.DatetimeIndex, period: str,
                 unit_cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each product's expected demand in the next period from the totals known (n x t): the period forecast, its
    model chosen per product (core.forecasting.periods); and which parts look dormant (taken as stopped selling:
    their rate is the small one their silence allows, and levels_from_rates stocks them only where the fill rate
    shared over the shop is worth a unit there)."""
    n, t = known.shape
    history = PeriodHistory(np.arange(n), np.arange(n).astype(str).astype(object), period, starts[:t], known,
                            known.sum(axis=1) * unit_cost, starts[t - 1].date())
    result = forecast_periods(history, 1)
    rate = np.maximum(result.mean[:, 0], 0.0)
    return rate, (result.classes["pattern"] == STOPPED).to_numpy()


def levels_from_rates(rate: np.ndarray, known: np.ndarray, period: str, products: ReplayProducts, lead: np.ndarray,
                      policy: str = "shelfwise", *, holding_rate: float = 0.25,
                      fill: bool = True, dormant: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Reorder point and order-up-to level of every product as the plan works them out for a period product: the
    expected demand per period `rate`, the spread of the totals known summed over lead time + one period of review
    (core.policy.plan.spread_from_totals), through core.policy.levels.plan_item by `policy`. A `dormant` part (see
    period_rates) is weighed in the fill rate shared over the products and may get no stock; without that sharing
    it is not restocked, as the plan does."""
    n = len(rate)
    sharing = policy == "shelfwise" and fill
    dormant = np.zeros(n, dtype=bool) if dormant is None else np.asarray(dormant, dtype=bool)
    s, S = np.zeros(n), np.zeros(n)
    days = PERIOD_DAYS[period]
    review = int(round(days))
    items = {}
    unplanned = np.zeros(n)
    if sharing and dormant.any():
        # what parts taken as stopped went on to sell in this shop, beyond their small rate: short, for the others
        # to make room for in the fill rate
        old = rate_before_silence(known[dormant])
        unplanned[dormant] = np.maximum(revival_share(known, period) * old - rate[dormant], 0.0) / days
    spreads = {i: spread_from_totals(known[i], period) for i in np.flatnonzero((rate > 0) & (sharing | ~dormant))}
    spreads = {i: spread for i, spread in spreads.items() if spread is not None}
    planned = np.fromiter(spreads, dtype=int, count=len(spreads))
    # each spread over the lead time and review, steadied by the shop's as the plan does (pool_dispersions)
    spread_over = dict(zip(planned, pool_dispersions(
        np.array([spreads[i].dispersion_over((lead[i] + 1) * days) for i in planned]), rate[planned],
        np.array([spreads[i].periods for i in planned]))))
    for i in planned:
        span = int(days * (lead[i] + 2)) + 5
        items[i] = Item(str(i), np.full(span, rate[i] / days), float(spread_over[i]),
                        LeadTime.fixed(lead[i] * days, "the product's lead time"), review, float(products.service[i]),
                        unit_cost=float(products.unit_cost[i]), pack=float(products.pack[i]),
                        moq=float(products.moq[i]), order_cost=float(products.order_cost[i]), period=period,
                        dormant=bool(dormant[i]), unplanned=float(unplanned[i]))
    if sharing:
        share_shortage_values(list(items.values()), holding_rate=holding_rate)
    for i, item in items.items():
        levels = plan_item(item, policy, holding_rate=holding_rate)
        s[i], S[i] = levels.reorder_point, levels.order_up_to
    return s, S


def minmax_levels(known: np.ndarray, lead: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """The rule of thumb in periods: reorder below the last 12 periods' average over lead time + review, up to
    twice that (both scaled by `scale`)."""
    mean = known[:, -MINMAX_SPAN:].mean(axis=1)
    cover = lead + 1
    return scale * cover * mean, 2 * scale * cover * mean


def period_levels(known: np.ndarray, starts: pd.DatetimeIndex, period: str, products: ReplayProducts,
                  lead: np.ndarray, policy: str, *, holding_rate: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """Reorder point and order-up-to level of every product from the totals known (n x t), by `policy`."""
    if policy == "minmax":
        return minmax_levels(known, lead)
    rate, dormant = period_rates(known, starts, period, products.unit_cost)
    return levels_from_rates(rate, known, period, products, lead, policy, holding_rate=holding_rate, dormant=dormant)


def window_periods(history: PeriodHistory, start: dt.date, end: dt.date) -> tuple[int, int]:
    """The first and last period of the history replayed: those starting from start's period to end."""
    starts = history.starts
    first = int(starts.searchsorted(pd.Timestamp(period_start(start, history.period))))
    last = int(starts.searchsorted(pd.Timestamp(end), side="right")) - 1
    unit = _("months") if history.period == "month" else _("weeks")
    if last - first + 1 < 2:
        raise UserError(_("Your sales are {unit} totals: choose a window of at least two {unit} within the sales "
                          "({first} to {last}).").format(unit=unit, first=starts[0].date(),
                                                         last=starts[-1].date()))
    needed = MIN_PERIODS[history.period]
    if first < needed:
        earliest = starts[min(needed, len(starts) - 1)].date()
        raise UserError(_("A forecast needs {n} {unit} of sales before the replay starts: start on {day} or "
                          "later.").format(n=needed, unit=unit, day=earliest))
    return first, last


def replay_periods(history: PeriodHistory, products: ReplayProducts, first: int, last: int,
                   policies: tuple[str, ...], *, holding_rate: float = 0.25,
                   ctx: JobContext | None = None) -> dict[str, ReplayResult]:
    """Each policy over the periods first .. last of the history (see the module's text)."""
    unknown = [p for p in policies if p not in PERIOD_POLICIES]
    if unknown:
        raise UserError(_("A shop of weekly or monthly totals is replayed with ShelfWise, Optimal (s, S) and the "
                          "min/max rule."))
    ctx = ctx or null_context()
    Y, period = history.demand, history.period
    n = len(Y)
    lead = lead_periods(products.lead_days, period)
    periods = last - first + 1
    window = history.starts[first:last + 1]
    results = {}
    for p_index, policy in enumerate(policies):
        started = time.perf_counter()
        pipeline = np.zeros((n, periods + int(lead.max()) + 1))
        on_hand = None
        stock, lost = np.zeros((n, periods)), np.zeros((n, periods))
        placed = []
        for k in range(periods):
            ctx.check_cancelled()
            ctx.progress((p_index + k / periods) / len(policies),
                         _("Replaying {policy}: {unit} {k} of {n}").format(
                             policy=policy, unit=_("month") if period == "month" else _("week"), k=k + 1, n=periods))
            s, S = period_levels(Y[:, :first + k], history.starts, period, products, lead, policy,
                                 holding_rate=holding_rate)
            if on_hand is None:
                on_hand = np.ceil(S)
            on_hand = on_hand + pipeline[:, k]
            position = on_hand + pipeline[:, k + 1:].sum(axis=1)
            qty = np.zeros(n)
            for i in np.flatnonzero(position < s):
                qty[i] = round_order(S[i] - position[i], products.pack[i], products.moq[i])
            pipeline[np.arange(n), k + lead] += qty
            if (qty > 0).any():
                placed.append((k, np.flatnonzero(qty > 0), qty[qty > 0]))
            demand = Y[:, first + k]
            sold = np.minimum(on_hand, demand)
            start_stock = on_hand.copy()
            on_hand = on_hand - sold
            stock[:, k] = (start_stock + on_hand) / 2
            lost[:, k] = demand - sold
        results[policy] = _result(policy, history, window, Y[:, first:last + 1], stock, lost, placed, products,
                                  lead, time.perf_counter() - started)
    return results


def _result(policy: str, history: PeriodHistory, window: pd.DatetimeIndex, demand: np.ndarray, stock: np.ndarray,
            lost: np.ndarray, placed: list, products: ReplayProducts, lead: np.ndarray,
            seconds: float) -> ReplayResult:
    total, missed = demand.sum(axis=1), lost.sum(axis=1)
    value, valued = stock_value(stock, products.unit_cost)
    with_demand = (demand > 0).sum(axis=1)
    served_periods = ((demand > 0) & (lost <= 1e-9)).sum(axis=1)
    row = np.concatenate([rows for _, rows, _ in placed] or [np.zeros(0, dtype=int)])
    at = np.concatenate([np.full(len(rows), k) for k, rows, _ in placed] or [np.zeros(0, dtype=int)])
    qty = np.concatenate([q for _, _, q in placed] or [np.zeros(0)])
    n = len(demand)
    with np.errstate(invalid="ignore", divide="ignore"):
        frame = pd.DataFrame({
            "sku": history.skus, "policy": policy, "demand": total, "served": total - missed, "lost": missed,
            "fill_rate": np.where(total > 0, (total - missed) / total, np.nan),
            "cycle_service_level": np.where(with_demand > 0, served_periods / with_demand, np.nan),
            "periods_with_demand": with_demand, "periods_served": served_periods,
            "stockout_days": (lost > 1e-9).sum(axis=1),          # periods with lost sales (the result's period)
            "avg_stock_value": value,
            "orders": np.bincount(row, minlength=n), "units_ordered": np.bincount(row, weights=qty, minlength=n),
            "pattern": ""})
    starts = list(history.starts) + [history.starts[-1] + (pd.offsets.MonthBegin(k) if history.period == "month"
                                                           else pd.Timedelta(weeks=k))
                                     for k in range(1, int(lead.max()) + 2)]
    offset = int(history.starts.searchsorted(window[0]))
    log = pd.DataFrame({"sku": history.skus[row], "date": window[at], "qty": qty,
                        "arrives": [starts[offset + k + lead[i]] for k, i in zip(at, row)]})
    return ReplayResult(policy, window, frame[PRODUCT_COLUMNS], log, stock, lost, plan_seconds=seconds,
                        period=history.period, valued=valued)


def replay_shop_periods(shop: ShopDb, start: dt.date, end: dt.date, period: str, policies: tuple[str, ...], *,
                        service_level: float = 0.95, holding_rate: float = 0.25,
                        ctx: JobContext | None = None) -> dict[str, ReplayResult]:
    """The shop's totals in its `period` replayed over start .. end (see the module's text)."""
    from core.simulation.replay import product_terms

    history = load_period_history(shop, period)
    if not len(history.starts):
        raise UserError(_("There are no sales to replay: import a sales file first."))
    first, last = window_periods(history, start, end)
    products = product_terms(shop, history.product_ids, history.starts[first].date(), service_level=service_level)
    return replay_periods(history, products, first, last, policies, holding_rate=holding_rate, ctx=ctx)
