"""Replay a reorder policy over a window of the shop's own past, day by day, knowing each day only what was known
then: how much demand it would have served, how often it would have run out, and how much stock it would have held.

Each review day the policy re-plans from the sales up to the day before: the forecast is refit every
`refit_every_days` from the history rebuilt from the sales before that day (so stock-out and spike flags, which
look at later days, are worked out again from the past alone), and the levels come from `plan_item` as in the plan.
An order arrives after its lead time; each day's demand is served from the shelf and what the shelf cannot serve
is lost (a customer who finds the shelf empty buys elsewhere).

Choices, and why:
- Demand is the recorded sales (nothing before a product's first sale). On days the real shop was out of stock the
  records understate demand; inventing the missing demand would favour whichever model invented it, so they are
  replayed as recorded and every policy sees the same demand.
- Each policy starts with its own order-up-to level on the shelf on the first day and nothing on order: a policy
  that means to hold more starts with more, and none begins with a stock-out it did not cause.
- Within a day: orders are placed in the morning, deliveries are received, then the day's sales. An order placed
  on day t with a lead time of L days is on the shelf for day t + L's sales.
- A product's review period runs from one of its review days to the day before the next; the cycle service level
  counts the complete periods with demand, and a period is served when none of its demand was lost.
- Stock value is the shelf at the end of each day x unit cost, averaged over the window's days.
- Prices are known up to the day before a review and carried forward; events and promotions are planned ahead, so
  the forecast sees them over its horizon, as the plan does.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from core.demand.classes import classify
from core.demand.drivers import Drivers, cut, load_drivers
from core.demand.history import DemandHistory, build_history, load_history
from core.errors import UserError
from core.i18n import _
from core.forecasting.run import ForecastResult, ForecastSettings, forecast_history
from core.jobs import JobContext, null_context
from core.policy.demand import LeadTime, cumulative_demand, ordinary_week_rate
from core.policy.formulas import eoq, normal_reorder_point, round_order
from core.policy.levels import HISTORY_DAYS, MINMAX_WEEKS, Item, most_sold, plan_item
from core.policy.order_days import average_review
from core.policy.plan import RECENT_DAYS, any_day_review, estimate_costs
from core.policy.settings import load_policy_settings
from core.store.db import ShopDb

POLICIES = ("shelfwise", "optimal", "minmax", "normal")
FORECAST_POLICIES = ("shelfwise", "optimal", "normal")
PRODUCT_COLUMNS = ["sku", "policy", "demand", "served", "lost", "fill_rate", "cycle_service_level",
                   "periods_with_demand", "periods_served", "stockout_days", "avg_stock_value", "orders",
                   "units_ordered", "pattern"]


@dataclass
class ReplayProducts:
    """What the replay needs of each product besides its sales, one entry per row of the history."""
    lead_days: np.ndarray          # whole days from order to delivery
    review_days: np.ndarray        # days from one review (order day) to the next
    service: np.ndarray            # target chance of not running out before the next delivery
    unit_cost: np.ndarray
    pack: np.ndarray
    moq: np.ndarray
    order_cost: np.ndarray         # the cost of one order line (this line's share of an order)
    shelf_life_days: np.ndarray    # NaN: keeps

    @classmethod
    def uniform(cls, n: int, *, lead_days=7, review_days=7, service=0.95, unit_cost=1.0, pack=1.0, moq=0.0,
                order_cost=0.5, shelf_life_days=np.nan) -> ReplayProducts:
        """The same terms for every product; any of them may also be given per product."""
        def each(value, dtype=float):
            return np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).copy()

        return cls(each(lead_days, int), each(review_days, int), each(service), each(unit_cost), each(pack),
                   each(moq), each(order_cost), each(shelf_life_days))


@dataclass
class ReplaySettings:
    holding_rate: float = 0.25     # holding cost per year as a share of the unit cost
    refit_every_days: int = 7      # the forecast is made again after this many days
    forecast: ForecastSettings = field(
        default_factory=lambda: ForecastSettings(neural=False, statistical_max_products=0))


@dataclass
class ReplayResult:
    """One policy's replay: per product figures, every order line, and the shelf and lost sales of each day."""
    policy: str
    days: pd.DatetimeIndex         # the window
    products: pd.DataFrame         # PRODUCT_COLUMNS, one row per product in history order
    orders: pd.DataFrame           # sku, date, qty, arrives
    stock: np.ndarray              # (n, days) on hand at the end of each day
    lost: np.ndarray               # (n, days) demand the shelf could not serve
    plan_seconds: float = 0.0      # time this policy spent working out levels and orders
    forecast_seconds: float = 0.0  # time the forecasts took (shared by the policies of one replay)
    rows: np.ndarray | None = None  # the history rows `products` covers (None: all, in history order)
    period: str = "day"            # 'week' or 'month': a replay of period totals (core.simulation.periods); `days`
                                   # are then the periods' first days and `stockout_days` counts periods
    valued: bool = True            # False: no product has a cost, and avg_stock_value is in units

    def totals(self, rows: np.ndarray | None = None) -> dict[str, float]:
        return summarise(self.products if rows is None else self.products[rows])


def stock_value(stock: np.ndarray, unit_cost: np.ndarray) -> tuple[np.ndarray, bool]:
    """Each product's average stock at cost, or in units where no product has a cost (a sheet of quantities only:
    a value of 0.00 for every policy would say nothing); and whether it is a value."""
    valued = bool((np.nan_to_num(unit_cost) > 0).any())
    return stock.mean(axis=1) * (unit_cost if valued else 1.0), valued


def summarise(products: pd.DataFrame) -> dict[str, float]:
    """Totals over the given product rows: the ratios from the summed units and periods, not averaged ratios."""
    total = {k: float(products[k].sum(min_count=1)) for k in ("demand", "served", "lost", "periods_with_demand",
                                                   "periods_served", "stockout_days", "avg_stock_value", "orders",
                                                   "units_ordered")}
    total["products"] = len(products)
    known = products["served"].notna().any()        # the shop's own record never knew its lost sales
    total["fill_rate"] = total["served"] / total["demand"] if total["demand"] and known else np.nan
    total["cycle_service_level"] = (total["periods_served"] / total["periods_with_demand"]
                                    if total["periods_with_demand"] else np.nan)
    return total


# ------------------------------------------------------------------------------------------- what was known


class _Past:
    """The sales as known on each day: the history rebuilt from the sales lines before it, and recent rates."""

    def __init__(self, history: DemandHistory, counts: pd.DataFrame | None):
        self.history = history
        self.sales = history.sales
        rows, cols = np.nonzero(np.nan_to_num(history.sales) > 0)
        # a line of 0 units on the first day keeps every rebuilt history starting on the same day as the drivers
        self.lines = pd.DataFrame({"product_id": np.append(history.product_ids[rows], history.product_ids[:1]),
                                   "date": np.append(history.days[cols], history.days[:1]),
                                   "qty": np.append(history.sales[rows, cols], 0.0)})
        counts = counts if counts is not None else pd.DataFrame(columns=["product_id", "date", "qty"])
        self.counts = counts.assign(date=pd.to_datetime(counts["date"]))
        self._cached: tuple[int, DemandHistory] | None = None

    def until(self, t: int) -> DemandHistory:
        """The history as load_history would have read it on day t - 1."""
        if self._cached is None or self._cached[0] != t:
            day = self.history.days[t]
            self._cached = t, build_history(self.history.product_ids, self.history.skus,
                                            self.lines[self.lines["date"] < day],
                                            self.counts[self.counts["date"] < day],
                                            (day - pd.Timedelta(days=1)).date(), self.history.declared)
        return self._cached[1]

    def recent_rate(self, t: int) -> np.ndarray:
        """Average daily sales over the RECENT_DAYS before day t (the min/max rule's base, as in the plan)."""
        return np.nansum(self.sales[:, max(t - RECENT_DAYS, 0):t], axis=1) / RECENT_DAYS

    def recent_spread(self, t: int) -> np.ndarray:
        """Standard deviation of daily sales over the RECENT_DAYS before day t (the days since the first sale)."""
        window = self.sales[:, max(t - RECENT_DAYS, 0):t]
        known = ~np.isnan(window)
        count = np.maximum(known.sum(axis=1), 1)
        values = np.where(known, window, 0.0)
        mean = values.sum(axis=1) / count
        return np.sqrt(np.where(known, (values - mean[:, None]) ** 2, 0.0).sum(axis=1) / count)


@dataclass
class _Forecast:
    made_on: int
    result: ForecastResult

    def mean_from(self, t: int, row: int) -> np.ndarray:
        return self.result.mean[row, t - self.made_on:]


class _Forecasts:
    """The forecast in force on each day: refit from the past every `refit_every_days` (and whenever the last
    one's horizon would run out)."""

    def __init__(self, past: _Past, drivers: Drivers, settings: ReplaySettings):
        if not drivers.days[0] == past.history.days[0]:
            raise ValueError("the drivers must start on the history's first day")
        self.past, self.drivers, self.settings = past, drivers, settings
        self.current: _Forecast | None = None
        self.seconds = 0.0

    def at(self, t: int) -> _Forecast:
        every = min(self.settings.refit_every_days, self.settings.forecast.horizon)
        if self.current is None or t - self.current.made_on >= every:
            started = time.perf_counter()
            history = self.past.until(t)
            drivers = _known_on(self.drivers, t, self.settings.forecast.horizon)
            self.current = _Forecast(t, forecast_history(history, drivers, self.settings.forecast))
            self.seconds += time.perf_counter() - started
        return self.current


def _known_on(drivers: Drivers, t: int, horizon: int) -> Drivers:
    """The drivers of the days before t and of the horizon from t, prices carried forward from day t - 1."""
    window = cut(drivers, 0, t + horizon)
    price = window.price.copy()
    price[:, t:] = price[:, t - 1:t]
    return replace(window, price=price)


# ------------------------------------------------------------------------------------------------ planners


class _ItemPlanner:
    """shelfwise and optimal: plan_item for each product due for review, as the plan does."""

    def __init__(self, policy: str, products: ReplayProducts, forecasts: _Forecasts, past: _Past,
                 holding_rate: float):
        self.policy, self.name = policy, policy
        self.products, self.forecasts, self.past = products, forecasts, past
        self.holding_rate = holding_rate

    def plan(self, t: int, rows: np.ndarray, on_hand: np.ndarray, on_order: np.ndarray):
        forecast = self.forecasts.at(t)
        result, p = forecast.result, self.products
        rate = self.past.recent_rate(t)
        up_to, qty = np.zeros(len(rows)), np.zeros(len(rows))
        patterns = result.classes["pattern"].to_numpy()
        # the most each sold over its protection interval in the year before t, as the plan holds it to
        spans = np.round(self.products.lead_days[rows] + self.products.review_days[rows])
        most = most_sold(self.past.sales[rows, max(t - HISTORY_DAYS, 0):t], spans)
        # as the plan: a closure by date in the forecast's last week is not the rate carried on beyond it
        closed = result.closed or {}
        closures = [days[:2] for days in list(closed.get("dates") or ()) + list(closed.get("declared") or ())]
        for k, i in enumerate(rows):
            shelf_life = p.shelf_life_days[i]
            item = Item(str(result.skus[i]), forecast.mean_from(t, i), float(result.choice.dispersion[i]),
                        LeadTime.fixed(p.lead_days[i], "the product's lead time"), int(p.review_days[i]),
                        float(p.service[i]), float(p.unit_cost[i]), float(p.pack[i]), float(p.moq[i]),
                        None if np.isnan(shelf_life) else float(shelf_life), float(on_hand[k]), float(on_order[k]),
                        0, float(rate[i]), float(p.order_cost[i]), patterns[i])
            item.most_sold = None if np.isnan(most[k]) else float(most[k])
            if closures:
                item.tail_rate = ordinary_week_rate(item.daily_mean, self.past.history.days[t].date(), closures)
            levels = plan_item(item, self.policy, holding_rate=self.holding_rate,
                               calibration=result.sum_calibration)
            up_to[k], qty[k] = levels.order_up_to, levels.order_qty
        return up_to, qty


class _MinMaxPlanner:
    """The shop's rule of thumb (levels.MINMAX_WEEKS of recent average sales), both levels scaled by `scale`:
    plan_item's min/max at scale 1, without its shelf-life cap (the rule as shops apply it needs no forecast)."""

    def __init__(self, products: ReplayProducts, past: _Past, scale: float = 1.0, name: str = "minmax"):
        self.name, self.products, self.past, self.scale = name, products, past, scale

    def plan(self, t: int, rows: np.ndarray, on_hand: np.ndarray, on_order: np.ndarray):
        rate = self.past.recent_rate(t)[rows] * 7 * self.scale
        low, high = rate * MINMAX_WEEKS[0], rate * MINMAX_WEEKS[1]
        return high, _orders(low, high, on_hand + on_order, self.products, rows)


class _NormalPlanner:
    """The textbook reference: reorder point = forecast mean over lead time + review period plus z x the normal
    curve's spread from the recent daily sales; order up to it plus what the EOQ asks beyond a review's sales
    (as shelfwise does), so that only the shape of the demand distribution differs."""
    name = "normal"

    def __init__(self, products: ReplayProducts, forecasts: _Forecasts, past: _Past, holding_rate: float):
        self.products, self.forecasts, self.past, self.holding_rate = products, forecasts, past, holding_rate

    def plan(self, t: int, rows: np.ndarray, on_hand: np.ndarray, on_order: np.ndarray):
        forecast, p = self.forecasts.at(t), self.products
        spread = self.past.recent_spread(t)
        low, high = np.zeros(len(rows)), np.zeros(len(rows))
        for k, i in enumerate(rows):
            days = int(p.lead_days[i] + p.review_days[i])
            mean = forecast.mean_from(t, i)
            daily = cumulative_demand(mean, days) / days
            low[k] = normal_reorder_point(daily, float(spread[i]), days, float(p.service[i]))
            size = eoq(cumulative_demand(mean, 365), p.order_cost[i], self.holding_rate * p.unit_cost[i])
            high[k] = low[k] + (max(0.0, size - daily * p.review_days[i]) if np.isfinite(size) else 0.0)
        return high, _orders(low, high, on_hand + on_order, p, rows)


def _orders(reorder_point: np.ndarray, order_up_to: np.ndarray, position: np.ndarray, products: ReplayProducts,
            rows: np.ndarray) -> np.ndarray:
    """Order up to the order-up-to level when the position is below the reorder point, in packs and minimums."""
    raw = np.where(position < reorder_point, order_up_to - position, 0.0)
    qty = np.zeros(len(rows))
    for k in np.flatnonzero(raw > 0):
        qty[k] = round_order(raw[k], products.pack[rows[k]], products.moq[rows[k]])
    return qty


# ----------------------------------------------------------------------------------------------- the replay


def replay_policies(history: DemandHistory, drivers: Drivers, products: ReplayProducts, start: dt.date,
                    end: dt.date, policies: tuple[str, ...] = ("shelfwise",), settings: ReplaySettings | None = None,
                    counts: pd.DataFrame | None = None, ctx: JobContext | None = None) -> dict[str, ReplayResult]:
    """Each policy over the days start .. end (both included), sharing one forecast per refit.

    `history` covers the whole period (the replay reads each day only what came before it); `drivers` its days
    and the forecast horizon after them (load_drivers); `counts` the stock counts (product_id, date, qty), if any."""
    unknown = [p for p in policies if p not in POLICIES]
    if unknown:
        raise ValueError(f"unknown policies {unknown}: choose from {POLICIES}")
    settings = settings or ReplaySettings()
    first, last = window_indices(history, start, end)
    past = _Past(history, counts)
    forecasts = _Forecasts(past, drivers, settings)
    planners = []
    for name in policies:
        if name == "minmax":
            planners.append(_MinMaxPlanner(products, past))
        elif name == "normal":
            planners.append(_NormalPlanner(products, forecasts, past, settings.holding_rate))
        else:
            planners.append(_ItemPlanner(name, products, forecasts, past, settings.holding_rate))
    needs_forecast = bool(set(policies) & set(FORECAST_POLICIES))
    return _run(past, products, first, last, planners, forecasts if needs_forecast else None, ctx or null_context())


def replay_minmax_curve(history: DemandHistory, products: ReplayProducts, start: dt.date, end: dt.date,
                        scales: tuple[float, ...], counts: pd.DataFrame | None = None,
                        ctx: JobContext | None = None) -> dict[float, ReplayResult]:
    """The min/max rule with both of its levels (2 and 4 weeks of sales) multiplied by each scale: the stock the
    rule of thumb needs for each fill rate. All scales in one pass; no forecast."""
    first, last = window_indices(history, start, end)
    past = _Past(history, counts)
    planners = [_MinMaxPlanner(products, past, s, f"minmax x{s:g}") for s in scales]
    results = _run(past, products, first, last, planners, None, ctx or null_context())
    return dict(zip(scales, results.values()))


def window_indices(history: DemandHistory, start: dt.date, end: dt.date, min_days: int = 1) -> tuple[int, int]:
    """The history's day indices of start and end, refusing a window outside the history or shorter than min_days."""
    first_day, last_day = history.days[0].date(), history.days[-1].date()
    if start > end:
        raise UserError(_("The replay would start on {start} after it ends on {end}.").format(start=start, end=end))
    if start <= first_day or end > last_day:
        raise UserError(_("The replay must lie within the sales history, after its first day: {first_day} "
                          ".. {last_day}; {start} .. {end} does not.").format(
                            first_day=first_day, last_day=last_day, start=start, end=end))
    if (end - start).days + 1 < min_days:
        raise UserError(_("{start} .. {end} is {days} days: the replay needs at least {min_days} (two "
                          "review periods) to say anything.").format(
                            start=start, end=end, days=(end - start).days + 1, min_days=min_days))
    return int(history.days.get_loc(pd.Timestamp(start))), int(history.days.get_loc(pd.Timestamp(end)))


def _run(past: _Past, products: ReplayProducts, first: int, last: int, planners: list, forecasts: _Forecasts | None,
         ctx: JobContext) -> dict[str, ReplayResult]:
    """The day loop, every policy at once: arrays of (policy, product) for the shelf, the pipeline and the tallies.
    The forecast in force is made before the policies plan, so that their timings count only their own work."""
    demand = np.nan_to_num(past.sales[:, first:last + 1])
    n, D = demand.shape
    P = len(planners)
    lead, review = products.lead_days.astype(int), np.maximum(products.review_days.astype(int), 1)
    arriving = np.zeros((P, n, D + int(lead.max(initial=0)) + 1))
    on_hand = np.zeros((P, n))
    stock, lost = np.zeros((P, n, D)), np.zeros((P, n, D))
    tally = _Periods(P, n)
    orders: list[list[tuple[int, np.ndarray, np.ndarray]]] = [[] for _ in planners]
    seconds = np.zeros(P)
    for d in range(D):
        ctx.check_cancelled()
        ctx.progress(d / D, f"Replaying {past.history.days[first + d].date()}")
        due = np.flatnonzero(d % review == 0)
        if d:
            tally.close(due)
        if len(due) and forecasts is not None:
            forecasts.at(first + d)
        for p, planner in enumerate(planners if len(due) else ()):
            on_order = arriving[p, due, d:].sum(axis=1)
            started = time.perf_counter()
            up_to, qty = planner.plan(first + d, due, on_hand[p, due], on_order)
            seconds[p] += time.perf_counter() - started
            if d == 0:      # each policy starts with its own order-up-to level on the shelf
                on_hand[p, due] = np.ceil(up_to)
                continue
            placed = qty > 0
            arriving[p, due[placed], d + lead[due[placed]]] += qty[placed]
            orders[p].append((d, due[placed], qty[placed]))
        on_hand += arriving[:, :, d]
        served = np.minimum(on_hand, demand[:, d])
        on_hand -= served
        stock[:, :, d], lost[:, :, d] = on_hand, demand[:, d] - served
        tally.add(demand[:, d], lost[:, :, d])
    tally.close(np.flatnonzero(D % review == 0))   # the last period counts when it is complete
    ctx.progress(1.0, "Replay done")
    pattern = classify(past.until(first).demand, np.zeros(n), past.history.skus)["pattern"].to_numpy()
    days = past.history.days[first:last + 1]
    results = {}
    for p, planner in enumerate(planners):
        result = _result(planner.name, past.history.skus, days, demand, stock[p], lost[p], tally, p, orders[p],
                         products, lead, pattern)
        result.plan_seconds, result.forecast_seconds = seconds[p], forecasts.seconds if forecasts else 0.0
        results[planner.name] = result
    return results


class _Periods:
    """Per policy and product: demand and lost demand of the open review period, and the periods closed."""

    def __init__(self, P: int, n: int):
        self.demand, self.lost = np.zeros((P, n)), np.zeros((P, n))
        self.with_demand, self.served = np.zeros((P, n), dtype=int), np.zeros((P, n), dtype=int)

    def add(self, demand: np.ndarray, lost: np.ndarray) -> None:
        self.demand += demand
        self.lost += lost

    def close(self, rows: np.ndarray) -> None:
        had = self.demand[:, rows] > 0
        self.with_demand[:, rows] += had
        self.served[:, rows] += had & (self.lost[:, rows] <= 1e-9)
        self.demand[:, rows] = 0.0
        self.lost[:, rows] = 0.0


def _result(policy: str, skus: np.ndarray, days: pd.DatetimeIndex, demand: np.ndarray, stock: np.ndarray,
            lost: np.ndarray, tally: _Periods, p: int, placed: list, products: ReplayProducts, lead: np.ndarray,
            pattern: np.ndarray) -> ReplayResult:
    total, missed = demand.sum(axis=1), lost.sum(axis=1)
    value, valued = stock_value(stock, products.unit_cost)
    day = np.concatenate([np.full(len(rows), d) for d, rows, _ in placed] or [np.zeros(0, dtype=int)])
    row = np.concatenate([rows for _, rows, _ in placed] or [np.zeros(0, dtype=int)])
    qty = np.concatenate([q for _, _, q in placed] or [np.zeros(0)])
    with np.errstate(invalid="ignore", divide="ignore"):
        frame = pd.DataFrame({
            "sku": skus, "policy": policy, "demand": total, "served": total - missed, "lost": missed,
            "fill_rate": np.where(total > 0, (total - missed) / total, np.nan),
            "cycle_service_level": np.where(tally.with_demand[p] > 0, tally.served[p] / tally.with_demand[p],
                                            np.nan),
            "periods_with_demand": tally.with_demand[p], "periods_served": tally.served[p],
            "stockout_days": (lost > 1e-9).sum(axis=1),
            "avg_stock_value": value,
            "orders": np.bincount(row, minlength=len(skus)),
            "units_ordered": np.bincount(row, weights=qty, minlength=len(skus)),
            "pattern": pattern})
    log = pd.DataFrame({"sku": skus[row], "date": days[day], "qty": qty,
                        "arrives": days[day] + pd.to_timedelta(lead[row], unit="D")})
    return ReplayResult(policy, days, frame[PRODUCT_COLUMNS], log, stock, lost, valued=valued)


# ------------------------------------------------------------------------------------------- from a shop file


@dataclass
class ShopInputs:
    """What a replay of a shop file reads: the whole history, its drivers and stock counts, the products' terms."""
    history: DemandHistory
    drivers: Drivers
    counts: pd.DataFrame
    products: ReplayProducts
    settings: ReplaySettings


def shop_inputs(shop: ShopDb, start: dt.date, *, service_level: float = 0.95,
                settings: ReplaySettings | None = None) -> ShopInputs:
    """The shop's history and each product's terms as the plan reads them (core/policy/plan.py): lead time from
    the product, else its supplier, else the default; a review every 7 / (the supplier's order days a week) days
    (weekly without order days); the order cost shared over the supplier's lines; the unit cost (the product's, else
    the latest price list's), else a share of the shelf price in force on `start` (estimate_costs, as the plan does). Lead times learned from received orders are not
    used: the replay orders with the stated ones."""
    policy = load_policy_settings(shop)
    settings = settings or ReplaySettings(holding_rate=policy.holding_rate)
    history = load_history(shop)
    drivers = load_drivers(shop, history.product_ids, history.days, settings.forecast.horizon, history.as_of)
    counts = pd.read_sql_query("SELECT product_id, date, qty FROM stock_counts", shop.conn)
    products = product_terms(shop, history.product_ids, start, service_level=service_level)
    return ShopInputs(history, drivers, counts, products, settings)


def product_terms(shop: ShopDb, product_ids: np.ndarray, start: dt.date, *,
                  service_level: float = 0.95) -> ReplayProducts:
    """Each product's terms as the plan reads them, row for row with `product_ids` (see shop_inputs)."""
    policy = load_policy_settings(shop)
    terms = pd.read_sql_query(
        """WITH latest AS (
               SELECT pr.product_id, pr.sell_price, pr.unit_cost FROM prices pr
               JOIN (SELECT product_id, max(date) AS date FROM prices WHERE date <= :start GROUP BY product_id) m
                 ON m.product_id = pr.product_id AND m.date = pr.date)
           SELECT p.id AS product_id, p.supplier_id, coalesce(p.unit_cost, lp.unit_cost) AS unit_cost,
                  coalesce(lp.sell_price, p.sell_price) AS sell_price, p.pack_size AS pack, p.min_order_qty AS moq,
                  p.lead_time_days AS product_lead, p.shelf_life_days, s.lead_time_days AS supplier_lead, s.order_days
           FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id LEFT JOIN latest lp ON lp.product_id = p.id""",
        shop.conn, params={"start": start.isoformat()}).set_index("product_id").reindex(product_ids)
    numbers = terms.columns.drop("order_days")
    terms[numbers] = terms[numbers].astype(float)    # a column of NULLs comes back as objects
    lead = terms["product_lead"].fillna(terms["supplier_lead"]).fillna(policy.default_lead_time).round()
    review = [average_review(text, any_day_review(life if life == life else None))
              for text, life in zip(terms["order_days"].where(terms["order_days"].notna(), None),
                                    terms["shelf_life_days"])]
    cost = estimate_costs(terms)["unit_cost"]
    supplier = terms["supplier_id"].fillna(-1)
    lines = np.where(supplier >= 0, supplier.map(supplier.value_counts()), len(terms))
    return ReplayProducts.uniform(
        len(terms), lead_days=lead.to_numpy(), review_days=np.asarray(review), service=service_level,
        unit_cost=cost.to_numpy(), pack=terms["pack"].fillna(1.0).to_numpy(), moq=terms["moq"].fillna(0.0).to_numpy(),
        order_cost=policy.line_cost + policy.order_cost / lines, shelf_life_days=terms["shelf_life_days"].to_numpy())


def replay_shop(shop: ShopDb, start: dt.date, end: dt.date, policies: tuple[str, ...] = ("shelfwise",), *,
                service_level: float = 0.95, settings: ReplaySettings | None = None,
                ctx: JobContext | None = None, actual: bool = True) -> dict[str, ReplayResult]:
    """Replay the policies over start .. end of the shop's own history; refuses a window outside the history,
    shorter than two review periods, or too early for a forecast to be made. With `actual`, the result also
    holds what the shop really did ('actual', core/simulation/actual.py) where its stock counts allow."""
    ctx = ctx or null_context()
    ctx.progress(0.0, "Reading the shop")
    from core.forecasting.periods import shop_period

    period = shop_period(shop)
    if period != "day":             # weekly or monthly totals: replayed in their period, without the shop's record
        from core.simulation.periods import replay_shop_periods

        policy = load_policy_settings(shop)
        return replay_shop_periods(shop, start, end, period, policies, service_level=service_level,
                                   holding_rate=(settings.holding_rate if settings else policy.holding_rate), ctx=ctx)
    inputs = shop_inputs(shop, start, service_level=service_level, settings=settings)
    first, _last = window_indices(inputs.history, start, end, min_days=2 * int(inputs.products.review_days.max()))
    needed = inputs.settings.forecast.horizon + 28
    if set(policies) & set(FORECAST_POLICIES) and first < needed:
        earliest = (inputs.history.days[0] + pd.Timedelta(days=needed)).date()
        raise UserError(_("A forecast needs {needed} days of sales before the replay starts: start on "
                          "{earliest} or later.").format(needed=needed, earliest=earliest))
    results = replay_policies(inputs.history, inputs.drivers, inputs.products, start, end, policies, inputs.settings,
                              inputs.counts, ctx.sub(0.05, 1.0))
    if actual:
        from core.simulation.actual import actual_result

        record = actual_result(shop, inputs, start, end)
        if record is not None:
            results["actual"] = record
    return results
