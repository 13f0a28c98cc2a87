"""Today's plan for the whole shop: every product's levels and order, from the latest forecast and what is on
the shelf and on order, then the supplier-level optimisation (packs, minimums, budget).

The plan is for the day after the data ends ('plan date'): an order can go to a supplier on its next order day.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.errors import UserError
from core.i18n import _, sentences, weekday_words
from core.jobs import JobContext, null_context
from core.policy.demand import LeadTime, SumCalibration, ordinary_week_rate
from core.policy.levels import (HISTORY_DAYS, Item, Levels, most_sold, plan_item, protection_days,
                                share_shortage_values)
from core.policy.order_days import calendar as order_days_calendar
from core.policy.order_days import parse as parse_order_days
from core.policy.settings import PolicySettings, load_policy_settings
from core.store.db import ShopDb, atomic, audit, now_iso

if TYPE_CHECKING:
    from core.compute.settings import ComputeSettings

DEFAULT_REVIEW_DAYS = 7          # a supplier without order days is reviewed once a week
LEARN_LEAD_TIME_FROM = 3         # received orders needed before their lead times replace the stated one
RECENT_DAYS = 56
FORECAST_ERROR_SPAN = {"week": 52, "month": 12}   # periods before a span whose average forecasts it (dispersion_over)
COST_SHARE_OF_PRICE = 0.7        # a product without a unit cost is costed at this share of its shelf price

PLAN_COLUMNS = ["sku", "supplier", "on_hand", "on_order", "lead_time_days", "review_days", "service_level",
                "demand_over_lead_time", "safety_stock", "reorder_point", "order_up_to", "order_qty", "explanation"]



def _count_unplanned(prepared: list) -> None:
    """A part taken as stopped selling is planned on the small rate its silence allows; what such parts went on to
    sell in this shop (core.forecasting.periods.revival_share, over all its period products) beyond that is demand
    the fill rate shared over the shop must make room for elsewhere: set as each such item's `unplanned`."""
    from core.forecasting.periods import rate_before_silence, revival_share

    spreads = [spread for _p, _item, spread, _stopped in prepared if spread is not None and len(spread.totals)]
    if not any(stopped for *_rest, stopped in prepared) or not spreads:
        return
    width = max(len(spread.totals) for spread in spreads)
    totals = np.zeros((len(spreads), width))      # aligned at the newest period
    for k, spread in enumerate(spreads):
        totals[k, width - len(spread.totals):] = spread.totals
    share = revival_share(totals, spreads[0].period)
    for _p, item, spread, stopped in prepared:
        if stopped and spread is not None and len(spread.totals):
            old = float(rate_before_silence(np.asarray(spread.totals, dtype=float)[None, :])[0])
            item.unplanned = max(share * old - spread.rate, 0.0) / spread.days


@dataclass
class Plan:
    plan_date: dt.date
    as_of: dt.date
    forecast_run_id: int
    settings: PolicySettings
    lines: pd.DataFrame               # one row per product: PLAN_COLUMNS and more (see _lines)
    levels: dict[str, Levels] = field(repr=False, default_factory=dict)
    items: dict[str, Item] = field(repr=False, default_factory=dict)
    solution: "object | None" = None  # core.ordering.OrderSolution once optimised
    # the lines as the policy made them, before the owner's quantities and the supplier optimisation: what a budget
    # change or an owner's quantity starts again from (replan), without working out the levels again
    suggested: pd.DataFrame | None = field(repr=False, default=None)

    def table(self) -> pd.DataFrame:
        """The command line's columns, for the products with something to order first."""
        return self.lines[PLAN_COLUMNS]


def delivery_day(plan_date: dt.date, item: Item) -> dt.date:
    """When an order placed on the item's next order day arrives: that day + its mean lead time."""
    return plan_date + dt.timedelta(days=item.wait_days + round(item.lead.mean))


def open_day(day: dt.date, closures: list, weekdays=()) -> dt.date:
    """The first day from `day` on that the shop is open: not within a closure ([first, last] ISO dates, the
    forecast run's closures by date and the owner's), nor on a weekday it keeps closed (0 = Monday)."""
    spans = [(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) for first, last in closures]
    shut = {int(d) for d in weekdays}
    for _step in range(400):
        inside = next((last for first, last in spans if first <= day <= last), None)
        if inside is not None:
            day = inside + dt.timedelta(days=1)
        elif day.weekday() in shut and len(shut) < 7:
            day += dt.timedelta(days=1)
        else:
            return day
    return day


def closure_steps(closed: dict, first_day: dt.date, days: float) -> list[str]:
    """The explanation's sentence for each closure ahead the forecast run stored (core.forecasting.run
    ForecastResult.closed: the runs of days closed by date, [first, last] ISO, and the owner's closures,
    [first, last, name]) that falls within the `days` from `first_day`."""
    end = first_day + dt.timedelta(days=math.ceil(days))

    def within(first: str, last: str) -> bool:
        return dt.date.fromisoformat(first) < end and dt.date.fromisoformat(last) >= first_day

    return [_("The shop is closed from {first} to {last}, as it was on those dates a year before: nothing is "
              "expected on those days.").format(first=first, last=last)
            for first, last in closed.get("dates") or () if within(first, last)] + \
        [_("The shop is closed from {first} to {last} ({name}), as you said: nothing is expected on those "
           "days.").format(first=first, last=last, name=name)
         for first, last, name in closed.get("declared") or () if within(first, last)]


def stock_day_for(settings: PolicySettings, history_ends: dt.date, today: dt.date | None = None) -> dt.date:
    """The day whose stock, orders and deliveries the plan starts from: the day the sales history ends, or, where
    the shop said to plan for today although its history ends long before (an old export), yesterday — so that the
    counts, orders and deliveries recorded today are on the plan's calendar."""
    yesterday = (today or dt.date.today()) - dt.timedelta(days=1)
    if settings.old_history == "today" and yesterday > history_ends:
        return yesterday
    return history_ends


def plan_shop(shop: ShopDb, *, as_of: dt.date | None = None, settings: PolicySettings | None = None,
              ctx: JobContext | None = None, optimise: bool = True, today: dt.date | None = None,
              compute: "ComputeSettings | None" = None) -> Plan:
    """The plan from the latest forecast made on `as_of` (default: the latest forecast), making one first
    where there is none. Without `as_of` the plan is for the day after the history ends, or for today where the
    shop's setting says so (stock_day_for); the forecast's days then start today."""
    ctx = ctx or null_context()
    settings = (settings or load_policy_settings(shop)).check()
    run = _forecast_run(shop, as_of, ctx.sub(0.0, 0.8), compute)
    ctx.progress(0.8, _("Working out reorder levels"))
    explicit = as_of is not None
    as_of = dt.date.fromisoformat(run["as_of"])
    stock_day = as_of if explicit else stock_day_for(settings, as_of, today)
    plan_date = stock_day + dt.timedelta(days=1)
    calibration = SumCalibration.from_dict(json.loads(run["sum_calibration"] or "{}"))
    products = _products(shop, run["id"], as_of, stock_day, counts_on_plan_day=not explicit)
    if not len(products):
        raise UserError(_("The latest forecast has no products to plan."), hint=_("Press Forecast first."))
    means = _forecast_means(shop, run["id"], products["product_id"].to_numpy())
    leads = _lead_times(shop, stock_day)
    sent = last_orders(shop, plan_date)
    periods = period_spreads(shop, as_of, run_period=run["period"] or "day")
    items, levels, rows = {}, {}, []
    prepared = []
    # a holiday shutdown in the forecast's last week is not the rate of the days beyond it (the year's order sizes)
    stored = json.loads(run.get("settings") or "{}").get("closed") or {}
    closures = [days[:2] for days in list(stored.get("dates") or ()) + list(stored.get("declared") or ())]
    for k, p in enumerate(products.itertuples(index=False)):
        if k % 200 == 0:
            ctx.check_cancelled()
            ctx.progress(0.8 + 0.05 * k / len(products), _("Working out reorder levels"))
        item = _item(p, means[p.product_id], leads, settings, plan_date, len(products), products, sent)
        if closures:
            item.tail_rate = ordinary_week_rate(item.daily_mean, as_of + dt.timedelta(days=1), closures)
        spread = periods.get(p.product_id)
        if spread is not None:          # sales kept as weekly or monthly totals: demand and spread from the periods
            item.tail_rate = None
            if not (p.order_days or "").strip():
                # a supplier without order days is reviewed once a period: sales known once a month are reviewed
                # monthly (a month's lead time is then two months of exposure, not a month and a week)
                item.review_days = max(item.review_days, int(round(spread.days)))
            item.dispersion = spread.dispersion_over(item.wait_days + item.lead.mean + item.review_days)
            item.period = spread.period
            if run.get("period") == spread.period and len(item.daily_mean) > 1:
                # the forecast itself is in this period (core.forecasting.periods): its mean, with the model chosen
                # for the product and a part that stopped selling capped, is the demand; the spread as above
                first = item.daily_mean[:max(int(round(spread.days)), 1)]
                spread = dataclasses.replace(spread, rate=float(first.mean() * spread.days), from_forecast=True)
            else:
                item.daily_mean = np.full(len(item.daily_mean), spread.rate / spread.days)
                means[p.product_id] = item.daily_mean
        stopped = spread is not None and getattr(p, "pattern", None) == "stopped"
        if stopped and settings.policy == "shelfwise":
            # a part that looks dead rather than slow keeps the small rate its silence allows and is weighed with the
            # others for the fill rate: stocked (thinly) only where a unit there serves as much as one elsewhere
            item.dormant = True
        elif stopped:                   # other policies: no restocking a part that looks dead rather than slow
            item.daily_mean = np.zeros(len(item.daily_mean))
            means[p.product_id] = item.daily_mean
        prepared.append((p, item, spread, stopped))
    _set_most_sold(shop, [item for _p, item, spread, _stopped in prepared if spread is None],
                   [p.product_id for p, _item, spread, _stopped in prepared if spread is None], as_of)
    own_spread = _pool_period_spreads(prepared)
    # the weekdays the shop keeps closed and the dates it is closed every year (core.demand.history): the forecast
    # expects nothing on them, and each daily product's explanation says so after its expected demand (a closure by
    # date where it falls within the days the product's reorder point covers)
    closed = json.loads(run.get("settings") or "{}").get("closed") or {}
    closed_step = _("The shop is closed every {days}: nothing is expected on those days.").format(
        days=weekday_words(closed["weekdays"])) if closed.get("weekdays") else None
    run_starts = as_of + dt.timedelta(days=1)        # the forecast's first day
    if settings.policy == "shelfwise":
        # weekly and monthly parts: the service level is the share of units served over them all, at the least
        # stock value (core.policy.fill); a product with daily sales keeps its own chance of not running empty
        ctx.check_cancelled()
        _count_unplanned(prepared)
        share_shortage_values([item for _p, item, spread, _stopped in prepared if spread is not None],
                              holding_rate=settings.holding_rate)
    for k, (p, item, spread, stopped) in enumerate(prepared):
        if k % 200 == 0:
            ctx.check_cancelled()
            ctx.progress(0.85 + 0.1 * k / len(products), _("Working out reorder levels"))
        lv = plan_item(item, settings.policy, holding_rate=settings.holding_rate,
                       calibration=SumCalibration() if spread is not None else calibration)
        if spread is not None:
            if p.product_id in own_spread:
                lv.steps.insert(0, _("Its own {n} periods alone put that spread at {own:.1f} times the mean; "
                                     "{used:.1f} is used, drawn towards the spread of the shop's parts that sell "
                                     "about as much, since so few periods leave a spread uncertain.").format(
                    n=spread.periods, own=own_spread[p.product_id], used=item.dispersion))
            lv.steps.insert(0, spread.said(item.dispersion))
            lv.explanation = sentences(lv.steps)
        else:
            steps = ([closed_step] if closed_step else []) + closure_steps(
                closed, run_starts, item.wait_days + item.lead.mean + item.review_days)
            if steps:
                lv.steps[1:1] = steps
                lv.explanation = sentences(lv.steps)
        if stopped and lv.reorder_point >= 1:
            silent = len(spread.totals) - 1 - int(np.flatnonzero(np.asarray(spread.totals) > 0)[-1])
            lv.steps.insert(0, (_("No sale in the last {n} months, far longer than it used to go without one: it may "
                                  "no longer sell, so it is planned on the little its silence still allows, and kept "
                                  "because a unit on its shelf still serves as much as one anywhere else in the "
                                  "shop.") if spread.period == "month" else
                                _("No sale in the last {n} weeks, far longer than it used to go without one: it may "
                                  "no longer sell, so it is planned on the little its silence still allows, and kept "
                                  "because a unit on its shelf still serves as much as one anywhere else in the "
                                  "shop.")).format(n=silent))
            lv.explanation = sentences(lv.steps)
        elif stopped:
            silent = len(spread.totals) - 1 - int(np.flatnonzero(np.asarray(spread.totals) > 0)[-1])
            lv.steps.insert(0, (_("No sale in the last {n} months, far longer than it used to go without one: it is "
                                  "taken as no longer selling and is not reordered (order it by hand if it still "
                                  "sells; it is planned again as soon as it sells).") if spread.period == "month" else
                                _("No sale in the last {n} weeks, far longer than it used to go without one: it is "
                                  "taken as no longer selling and is not reordered (order it by hand if it still "
                                  "sells; it is planned again as soon as it sells).")).format(n=silent))
            lv.explanation = sentences(lv.steps)
        items[p.sku], levels[p.sku] = item, lv
        due = delivery_day(plan_date, item)
        opens = open_day(due, closures, closed.get("weekdays") or ())
        if opens != due:        # a supplier does not deliver to a shut shop: the delivery comes when it opens
            lv.steps.append(_("Its delivery would fall on {due}, while the shop is closed: it is expected on {opens}, "
                              "when the shop opens again.").format(due=due.isoformat(), opens=opens.isoformat()))
            lv.explanation = sentences(lv.steps)
        row = _row(p, item, lv, plan_date, means[p.product_id], shop, count_first=settings.uncounted == "count-first")
        row["next_delivery"] = opens.isoformat()
        rows.append(row)
    suggested = pd.DataFrame(rows)
    lines = _apply_adjustments(shop, suggested.copy(), plan_date)
    plan = Plan(plan_date, as_of, run["id"], settings, lines, levels, items, suggested=suggested)
    if optimise:
        from core.ordering.optimise import optimise_plan

        ctx.progress(0.96, _("Fitting the orders to packs, minimums and the budget"))
        optimise_plan(shop, plan)
    ctx.progress(1.0, _("Plan ready"))
    return plan


def _set_most_sold(shop: ShopDb, items: list[Item], product_ids: list[int], as_of: dt.date) -> None:
    """Each daily product's most sold in any span of its protection interval over the last HISTORY_DAYS up to
    `as_of` (levels.most_sold: what its reorder point is held to)."""
    if not items:
        return
    start = as_of - dt.timedelta(days=HISTORY_DAYS)
    cursor = shop.conn.cursor()
    cursor.row_factory = None
    cursor.execute("SELECT product_id, CAST(julianday(date) - julianday(?) AS INTEGER), qty FROM sales "
                   "WHERE date > ? AND date <= ?", (start.isoformat(), start.isoformat(), as_of.isoformat()))
    lines = np.fromiter(cursor, dtype=[("product", "i8"), ("day", "f8"), ("qty", "f8")])
    cursor.close()
    row_of = pd.Series(np.arange(len(product_ids)), index=np.asarray(product_ids, dtype=np.int64))
    rows = row_of.reindex(lines["product"]).to_numpy()
    day = lines["day"] - 1
    keep = ~np.isnan(rows) & ~np.isnan(day) & (day >= 0) & (day < HISTORY_DAYS)
    sales = np.zeros((len(items), HISTORY_DAYS))
    np.add.at(sales, (rows[keep].astype(np.int64), day[keep].astype(np.int64)), lines["qty"][keep])
    most = most_sold(sales, np.array([protection_days(item) for item in items]))
    for item, value in zip(items, most):
        item.most_sold = None if np.isnan(value) else float(value)


def _pool_period_spreads(prepared: list) -> dict[int, float]:
    """The period products' spreads steadied by the shop's (pool_dispersions), in place; their own spreads where
    that moved them by more than 5%, for the explanation."""
    period_items = [(p, item, spread) for p, item, spread, _stopped in prepared if spread is not None]
    if not period_items:
        return {}
    own = np.array([item.dispersion for _p, item, _s in period_items])
    rate = np.array([float(np.mean(item.daily_mean[:max(int(round(spread.days)), 1)])) * spread.days
                     if len(item.daily_mean) else 0.0 for _p, item, spread in period_items])
    pooled = pool_dispersions(own, rate, np.array([spread.periods for _p, _i, spread in period_items]))
    moved = {}
    for (p, item, _spread), before, after in zip(period_items, own, pooled):
        item.dispersion = float(after)
        if abs(after - before) > 0.05 * before:
            moved[p.product_id] = float(before)
    return moved


def replan(shop: ShopDb, plan: Plan, *, settings: PolicySettings | None = None) -> Plan:
    """The same plan again after a change that leaves every product's levels as they are — another budget, the
    owner's own quantity for a line, a draft made or changed — in a fraction of a second: the owner's quantities
    are read again and only the supplier optimisation runs (a new forecast, sales, a stock count, a product's
    lead time or a policy setting other than the budget need plan_shop)."""
    from core.ordering.optimise import optimise_plan

    if plan.suggested is None:
        raise ValueError("replan needs a plan made by plan_shop")
    settings = (settings or plan.settings).check()
    lines = _apply_adjustments(shop, plan.suggested.copy(), plan.plan_date)
    again = Plan(plan.plan_date, plan.as_of, plan.forecast_run_id, settings, lines, plan.levels, plan.items,
                 suggested=plan.suggested)
    optimise_plan(shop, again)
    return again


@dataclass(frozen=True)
class PeriodSpread:
    """A product whose sales are weekly or monthly totals (every sale on the first day of its period): the spread
    of demand read from those totals (variance / mean of a period, at least 1), for sums over any span. A daily
    model sees a month's total as one day's lump followed by 29 days of nothing, and its spread of sums blows up
    (reorder points of 20 and more for parts that sell one a month)."""
    period: str                       # 'week' or 'month'
    periods: int                      # how many periods of history it was read from
    mean: float                       # units per period
    dispersion: float                 # variance / mean of a period's total
    rate: float = 0.0                 # expected units per period now (Croston-SBA on the period totals)
    totals: tuple = ()                # the period totals it was read from (the sheet's first period on)
    from_forecast: bool = False       # the rate is the forecast's, made in this period (else Croston-SBA's)

    @property
    def days(self) -> float:
        return 7.0 if self.period == "week" else 365.25 / 12

    def dispersion_over(self, span_days: float) -> float:
        """The variance / mean of demand summed over `span_days` (the lead time and the review period), read from
        the sums of that many consecutive periods in the history. A span of many periods is more uncertain than
        its periods taken one by one: a part's demand runs high or low for months together (the weekly parts set,
        16-week lead times: planned with the one-week spread, the replay served 88% of weeks instead of 95%).
        And it is planned from a forecast: the spread is at least that of each span's sum around k x the average of
        the (up to FORECAST_ERROR_SPAN) periods before it, so that a level that wanders counts (random-walk weeks:
        the 95% point covered the next 17 weeks in 86.5% of 400 parts, 83% from the sums around the mean alone).
        Never below the one-period spread."""
        k = max(int(round(span_days / self.days)), 1)
        totals = np.asarray(self.totals, dtype=float)
        if k <= 1 or len(totals) < k + 3:
            return self.dispersion
        sums = np.convolve(totals, np.ones(k), mode="valid")
        mean = float(sums.mean())
        if mean <= 0:
            return self.dispersion
        spread = max(float(sums.var(ddof=1)) / mean, self.dispersion)
        # the span's demand is planned from a forecast, not from the mean of the whole history: what matters is how
        # far each span's sum fell from what the periods before it said (k x their average, over up to a year of
        # them), forecast error and all
        before = FORECAST_ERROR_SPAN[self.period]
        cumulative = np.concatenate(([0.0], np.cumsum(totals)))
        # sums with at least half that many periods before them (fewer make a noisy average no forecast would be:
        # from 6 weeks before, a lumpy weekly part's 17-week spread came out at 212 times the mean, not 76), and a
        # sale among those
        t = np.arange(before // 2, len(sums))
        t = t[cumulative[t] > 0]
        if len(t) >= 3:
            frm = np.maximum(t - before, 0)
            expected = k * (cumulative[t] - cumulative[frm]) / (t - frm)
            errors = sums[t] - expected
            if sums[t].mean() > 0:
                spread = max(spread, float(np.mean(errors ** 2)) / float(sums[t].mean()))
        return spread

    def said(self, span_dispersion: float | None = None) -> str:
        """The step the explanation starts with; `span_dispersion`: the spread used over the lead time and review."""
        unit = _("monthly") if self.period == "month" else _("weekly")
        if self.from_forecast:
            text = _("Sales are {unit} totals ({n} of them, {mean:.2f} a period on average): demand is the {unit} "
                     "forecast ({rate:.2f} in the next period) and its spread is read from the totals (variance "
                     "{ratio:.1f} times the mean over the span below), not from days.").format(
                unit=unit, n=self.periods, mean=self.mean, rate=self.rate,
                ratio=span_dispersion if span_dispersion is not None else self.dispersion)
        else:
            text = _("Sales are {unit} totals ({n} of them, {mean:.2f} a period on average): demand is taken from "
                     "those totals ({rate:.2f} a period expected now, by Croston's method with the SBA correction) "
                     "and so is its spread (variance {ratio:.1f} times the mean), not from days.").format(
                unit=unit, n=self.periods, mean=self.mean, rate=self.rate, ratio=self.dispersion)
        lump = self.lump()
        return f"{text} {lump}" if lump else text

    def lump(self) -> str | None:
        """Where one period holds most of what the part ever sold, the explanation says so in plain units: a 'variance
        12,490 times the mean' tells the owner nothing, '240 of its 242 units came in a single week' tells why the
        reorder point is far above what it sells week by week (the weekly parts workbook: a part that sold 240 once
        and 2 since, reorder point 100)."""
        totals = np.clip(np.asarray(self.totals, dtype=float), 0.0, None)
        total = float(totals.sum()) if len(totals) else 0.0
        if total <= 0:
            return None
        biggest = float(totals.max())
        if int((totals > 0).sum()) == 1:
            return (_("Its only sale was {units} units in a single month.") if self.period == "month" else
                    _("Its only sale was {units} units in a single week.")).format(units=f"{biggest:,.4g}")
        if biggest < LUMP_SHARE * total:
            return None
        return (_("Its sales come in lumps: {biggest} of its {total} units in a single month; the spread carries the "
                  "chance of such a lump again.") if self.period == "month" else
                _("Its sales come in lumps: {biggest} of its {total} units in a single week; the spread carries the "
                  "chance of such a lump again.")).format(biggest=f"{biggest:,.4g}", total=f"{total:,.4g}")


LUMP_SHARE = 0.5                # one period holding this share of a period part's units: said as a lump (PeriodSpread.lump)
POOL_MIN_PRODUCTS = 30          # period products needed before their spreads are steadied by the shop's (pool_dispersions)


def pool_dispersions(dispersion: np.ndarray, rate: np.ndarray, periods: np.ndarray) -> np.ndarray:
    """Each period product's spread over its lead time and review (variance / mean, dispersion_over) steadied by
    what the shop's other products say (empirical Bayes, as PooledRate steadies a rate).

    A spread read from 12 to 24 monthly totals is itself uncertain (its logarithm by about 2 / (periods - 2)), and
    the safety stock shared for the fill rate (core.policy.fill) follows every spread: a part whose few months
    happened to scatter is held deep and one whose months happened to be calm is left short. Here the logarithm of
    each spread is drawn towards the shop's line of log spread on log rate, by the share of the spreads' scatter
    around the line that their own sampling noise cannot explain: w = true / (true + noise), true = the scatter
    less the average noise. The line is lifted by the mean of exp(residual), so that the spreads keep their level
    on average (the logarithm's line alone runs below the spreads' mean, and the fill asked would not be served).
    Products with many periods (150 weeks) keep their own spread almost to the unit; fewer than
    POOL_MIN_PRODUCTS products, or a product without a rate, keep theirs.

    Measured on the monthly automotive set (3,000 parts x 24 months, bench/replay_periods.py): 95.05% of units
    served on 47,751 units of stock, 0.82x what a min/max rule needs for that fill (0.85x before); the weekly set
    unchanged (w about 0.99)."""
    dispersion = np.asarray(dispersion, dtype=float)
    rate, periods = np.asarray(rate, dtype=float), np.asarray(periods, dtype=float)
    out = dispersion.copy()
    ok = np.isfinite(dispersion) & (dispersion > 0) & np.isfinite(rate) & (rate > 0) & (periods >= 4)
    if ok.sum() < POOL_MIN_PRODUCTS:
        return out
    x, y = np.log(rate[ok]), np.log(dispersion[ok])
    if np.ptp(x) > 1e-9:
        slope, intercept = np.polyfit(x, y, 1)
    else:
        slope, intercept = 0.0, float(y.mean())
    residual = y - (intercept + slope * x)
    line = intercept + slope * x + float(np.log(np.mean(np.exp(residual))))
    noise = 2.0 / (periods[ok] - 2.0)
    true = max(float(residual.var()) - float(noise.mean()), 0.02)
    weight = true / (true + noise)
    out[ok] = np.maximum(np.exp(weight * y + (1.0 - weight) * line), 1.0)
    return out


def sba_rate(totals: np.ndarray, alpha: float = 0.1) -> float:
    """Croston's method with the Syntetos-Boylan correction on a series of period totals: the expected demand per
    period, for a part that sells now and then in lumps (a daily model would carry a whole period's lump forward
    as one day's demand)."""
    sold = np.flatnonzero(totals > 0)
    if not len(sold):
        return 0.0
    size, interval, last = float(totals[sold[0]]), float(sold[0] + 1), sold[0]
    for k in sold[1:]:
        size += alpha * (totals[k] - size)
        interval += alpha * ((k - last) - interval)
        last = k
    return (1 - alpha / 2) * size / max(interval, 1.0)


def period_spreads(shop: ShopDb, as_of: dt.date, *, min_periods: int = 6,
                   run_period: str | None = None) -> dict[int, PeriodSpread]:
    """The products whose every sale up to `as_of` came from imports of monthly totals, or every one from imports of
    weekly totals (the import's period: a month's total may be dated on its 1st or on its last day, a week's on
    any one weekday), each with its spread of demand per period; each total counted in the month, or the week from
    Monday, that holds its date (as core.forecasting.periods.load_period_history reads them).

    A shop with totals and then days (core.demand.history.SalesUnits.mixed) is planned as its forecast was made
    (`run_period`): by day, its days read as days for every product (the totals gave the forecast their shape and
    old rate: core.forecasting.mixed), so no product is read from totals here; by week or month (too few days yet),
    every product from its totals with the days added up into them."""
    from core.demand.history import sales_units

    if sales_units(shop).mixed:
        if run_period not in ("week", "month"):
            return {}
        from core.forecasting.periods import load_period_history

        history = load_period_history(shop, run_period, as_of=as_of, unknown_gaps=True)
        if history.demand.shape[1] < min_periods:
            return {}
        spreads = {int(pid): spread_from_totals(totals[~np.isnan(totals)], run_period)
                   for pid, totals in zip(history.product_ids, history.demand)}
        return {pid: spread for pid, spread in spreads.items() if spread is not None}
    if shop.scalar("SELECT 1 FROM import_runs WHERE period IN ('week', 'month') LIMIT 1") is None:
        return {}           # no import read weekly or monthly totals: nothing below would find a product (2.7 s of
        #                     reading every sale at 20,000 products x 3 years for nothing)
    # only sales an import read as weekly or monthly totals (a daily product that happens to sell on Mondays or on
    # the 1st is not one); a product with any sales from a daily import keeps the daily reading
    # A product's history starts with the sheet's first period, not its own first sale: a wide sheet stores no
    # zeros, so a part that sold only in its last two weeks has 148 weeks of nothing before them.
    sales = pd.read_sql_query(
        "WITH starts AS (SELECT import_id, min(date) AS first FROM sales GROUP BY import_id) "
        "SELECT s.product_id, s.date, i.period AS unit, sum(s.qty) AS qty, min(st.first) AS history_from "
        "FROM sales s JOIN import_runs i ON i.id = s.import_id JOIN starts st ON st.import_id = s.import_id "
        "WHERE s.date <= ? AND i.period IN ('week', 'month') AND s.product_id NOT IN ("
        "  SELECT d.product_id FROM sales d JOIN import_runs j ON j.id = d.import_id "
        "  WHERE coalesce(j.period, 'day') NOT IN ('week', 'month')) "
        "GROUP BY s.product_id, s.date, i.period", shop.conn, params=(as_of.isoformat(),))
    if sales.empty:
        return {}
    sales["history_from"] = sales.groupby("product_id")["history_from"].transform("min")
    first_days = pd.to_datetime(sales["history_from"]).values.astype("datetime64[D]").astype(np.int64)
    sales["ordinal"] = pd.to_datetime(sales["date"]).values.astype("datetime64[D]").astype(np.int64)  # since 1970
    sales["first"] = first_days
    out = {}
    end = np.datetime64(as_of, "D").astype(np.int64)
    for product_id, group in sales.groupby("product_id", sort=False):
        if group["unit"].nunique() != 1:
            continue                # weekly totals and monthly ones: neither reading holds (one total is enough:
            #                         the import said its period, and its zeros are the sheet's other periods)
        ordinals = group["ordinal"].to_numpy()
        history_from = int(min(group["first"].min(), ordinals.min()))
        if group["unit"].iat[0] == "month":
            stamps = pd.to_datetime(ordinals, unit="D")
            first = pd.Timestamp(history_from, unit="D")
            months = (as_of.year - first.year) * 12 + as_of.month - first.month + 1
            index = np.asarray((stamps.year - first.year) * 12 + stamps.month - first.month)
            period, count = "month", months
        else:                       # the weeks from Monday: 1 January 1970 was a Thursday
            start = history_from - (history_from + 3) % 7
            count = int((end - (end + 3) % 7 - start) // 7) + 1
            index = (ordinals - (ordinals + 3) % 7 - start) // 7
            period = "week"
        if count < min_periods:
            continue
        totals = np.zeros(count)
        np.add.at(totals, np.clip(index, 0, count - 1), group["qty"].to_numpy(dtype=float))
        spread = spread_from_totals(totals, period)
        if spread is not None:
            out[int(product_id)] = spread
    return out


def spread_from_totals(totals: np.ndarray, period: str) -> PeriodSpread | None:
    """A product's demand per period from its period totals (the sheet's first period on, empty ones as 0): the
    expected units per period now (Croston-SBA) and the spread (variance / mean, at least 1). None where it never
    sold. The plan and bench/replay_periods.py read period products through this one function."""
    totals = np.asarray(totals, dtype=float)
    mean = float(totals.mean()) if len(totals) else 0.0
    if mean <= 0:
        return None
    ratio = float(totals.var(ddof=1)) / mean if len(totals) > 1 else 1.0
    return PeriodSpread(period, len(totals), mean, max(ratio, 1.0), sba_rate(totals), tuple(totals.tolist()))


def _forecast_run(shop: ShopDb, as_of: dt.date | None, ctx: JobContext,
                  compute: "ComputeSettings | None" = None) -> dict:
    if as_of is None:
        row = shop.conn.execute("SELECT * FROM forecast_runs ORDER BY id DESC LIMIT 1").fetchone()
    else:
        row = shop.conn.execute("SELECT * FROM forecast_runs WHERE as_of = ? ORDER BY id DESC LIMIT 1",
                                (as_of.isoformat(),)).fetchone()
    if row is None:
        from core.forecasting import forecast_shop

        forecast_shop(shop, as_of=as_of, ctx=ctx, compute=compute)
        row = shop.conn.execute("SELECT * FROM forecast_runs ORDER BY id DESC LIMIT 1").fetchone()
    return dict(row)


def _products(shop: ShopDb, run_id: int, as_of: dt.date, stock_day: dt.date | None = None, *,
              counts_on_plan_day: bool = False) -> pd.DataFrame:
    """Each forecast product with its supplier, prices, pack rules, stock on hand and on order on `stock_day`
    (default `as_of`, the day the sales history ends); recent sales and prices up to `as_of`. With
    `counts_on_plan_day` a stock count taken on the plan day itself counts too (the stocktake of this morning, for
    today's plan); a plan of the past (--as-of, the replay) sees only what was counted by `stock_day`.

    What the owner records in ShelfWise (purchase orders made, goods received) is known on the plan day, the day
    after `stock_day`: an order drafted or a delivery received today counts in today's plan. Orders from files
    and the demo count from their order date up to `stock_day`, as before."""
    stock_day = stock_day or as_of
    cutoff = stock_day.isoformat()
    sales_cutoff = as_of.isoformat()
    known = (stock_day + dt.timedelta(days=1)).isoformat()
    since = (as_of - dt.timedelta(days=RECENT_DAYS - 1)).isoformat()
    frame = pd.read_sql_query(
        """
        WITH counted AS (     -- each product's last count: one row per product (an aggregate: looked up by index)
            SELECT product_id, max(date) AS date, qty FROM stock_counts WHERE date <= :count_cutoff
            GROUP BY product_id),
        sold_since AS (
            SELECT sa.product_id, sum(sa.qty) AS qty FROM sales sa JOIN counted c ON c.product_id = sa.product_id
            WHERE sa.date > c.date AND sa.date <= :cutoff GROUP BY sa.product_id),
        received_since AS (   -- deliveries received in ShelfWise after the count, by the plan day
            SELECT r.product_id, sum(r.qty) AS qty FROM stock_receipts r JOIN counted c ON c.product_id = r.product_id
            WHERE r.date > c.date AND r.date <= :known GROUP BY r.product_id),
        line_receipts AS (    -- what came in against each order line by the plan day (the rest is still to come)
            SELECT order_line_id, sum(CASE WHEN date <= :known THEN qty ELSE 0 END) AS qty FROM stock_receipts
            WHERE order_line_id IS NOT NULL GROUP BY order_line_id),
        recent AS (     -- units sold lately, and the price they really sold at (where the sales carry revenue)
            SELECT product_id, sum(qty) AS qty,
                   sum(CASE WHEN qty > 0 AND revenue > 0 THEN revenue END)
                     / sum(CASE WHEN qty > 0 AND revenue > 0 THEN qty END) AS avg_price
            FROM sales WHERE date >= :since AND date <= :sales_cutoff GROUP BY product_id),
        latest_price AS (     -- the price row of each product's last date (SQLite: the bare columns of max's row)
            SELECT product_id, sell_price, unit_cost, max(date) AS date FROM prices WHERE date <= :cutoff
            GROUP BY product_id),
        open_lines AS (
            SELECT l.product_id,
                   sum(max(l.qty - coalesce(lr.qty, CASE WHEN o.status = 'received' THEN 0 ELSE l.received_qty END),
                           0)) AS qty,
                   min(coalesce(o.expected_date, o.order_date)) AS expected
            FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
            LEFT JOIN line_receipts lr ON lr.order_line_id = l.id
            WHERE CASE WHEN o.created_date IS NOT NULL THEN o.created_date <= :known     -- made in ShelfWise
                       ELSE coalesce(o.order_date, :cutoff) <= :cutoff END
              AND (o.status IN ('draft', 'sent', 'part-received')
                   OR (o.status = 'received' AND o.received_date > :cutoff))   -- still on its way that day
            GROUP BY l.product_id)
        SELECT f.product_id, p.sku, coalesce(p.name, '') AS name, p.supplier_id,
               coalesce(s.name, '(no supplier)') AS supplier, s.order_days, s.lead_time_days AS supplier_lead,
               p.lead_time_days AS product_lead, coalesce(p.unit_cost, lp.unit_cost) AS unit_cost,
               coalesce(lp.sell_price, p.sell_price, r.avg_price,
                        -- not sold lately: the price of its last sale with a value (a gift that sold in July), by
                        -- the index of sales by product and date; only looked up where the others are missing
                        (SELECT x.revenue / x.qty FROM sales x WHERE x.product_id = f.product_id AND x.qty > 0
                         AND x.revenue > 0 AND x.date <= :sales_cutoff ORDER BY x.date DESC LIMIT 1)) AS sell_price,
               coalesce(p.pack_size, 1) AS pack, coalesce(p.min_order_qty, 0) AS moq,
               p.shelf_life_days, f.dispersion, f.abc, f.pattern,
               c.qty IS NOT NULL AS counted, coalesce(c.qty, 0) - coalesce(ss.qty, 0) + coalesce(rs.qty, 0) AS on_hand,
               coalesce(ol.qty, 0) AS on_order, ol.expected, coalesce(r.qty, 0) AS recent_qty
        FROM forecast_products f JOIN products p ON p.id = f.product_id
        LEFT JOIN suppliers s ON s.id = p.supplier_id
        LEFT JOIN counted c ON c.product_id = f.product_id
        LEFT JOIN sold_since ss ON ss.product_id = f.product_id
        LEFT JOIN received_since rs ON rs.product_id = f.product_id
        LEFT JOIN open_lines ol ON ol.product_id = f.product_id
        LEFT JOIN recent r ON r.product_id = f.product_id
        LEFT JOIN latest_price lp ON lp.product_id = f.product_id
        WHERE f.run_id = :run ORDER BY coalesce(s.name, '~'), p.sku""",
        shop.conn, params={"run": run_id, "cutoff": cutoff, "sales_cutoff": sales_cutoff, "since": since,
                           "known": known, "count_cutoff": known if counts_on_plan_day else cutoff},
        dtype={"sku": str})
    return estimate_costs(frame)


def estimate_costs(frame: pd.DataFrame) -> pd.DataFrame:
    """A product without a known unit cost is costed at COST_SHARE_OF_PRICE of its shelf price (or of the price
    it really sold at), so that order values, holding costs and budgets mean something; `cost_estimated` says
    so. Without any price either, the cost stays 0."""
    cost = pd.to_numeric(frame["unit_cost"], errors="coerce")
    price = pd.to_numeric(frame["sell_price"], errors="coerce")
    estimated = ~(cost > 0) & (price > 0)
    frame["unit_cost"] = cost.where(~estimated, COST_SHARE_OF_PRICE * price).fillna(0.0)
    frame["cost_estimated"] = estimated
    return frame


def _forecast_means(shop: ShopDb, run_id: int, product_ids: np.ndarray) -> dict[int, np.ndarray]:
    """Each product's daily forecast mean, with the owner's overrides in force."""
    daily = pd.read_sql_query("SELECT product_id, date, mean FROM forecast_daily WHERE run_id = ? "
                              "ORDER BY product_id, date", shop.conn, params=(run_id,))
    period = shop.scalar("SELECT period FROM forecast_runs WHERE id = ?", (run_id,)) or "day"
    if period != "day":
        daily = _period_rows_as_days(daily, period)
    for row in shop.query("SELECT product_id, start_date, end_date, qty_per_day FROM forecast_overrides"):
        days = (daily["product_id"] == row["product_id"]) & daily["date"].between(row["start_date"], row["end_date"])
        daily.loc[days, "mean"] = row["qty_per_day"]
    groups = {pid: g["mean"].to_numpy() for pid, g in daily.groupby("product_id")}
    return {int(pid): groups.get(pid, np.zeros(1)) for pid in product_ids}


def _period_rows_as_days(rows: pd.DataFrame, period: str) -> pd.DataFrame:
    """A period run's rows (one per week or month, its total) as days, each day of a period getting its share."""
    starts = pd.to_datetime(rows["date"])
    ends = starts + (pd.offsets.MonthBegin(1) if period == "month" else pd.Timedelta(days=7))
    lengths = (ends - starts).dt.days.to_numpy()
    repeat = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    days = starts.to_numpy()[repeat] + offsets.astype("timedelta64[D]")
    return pd.DataFrame({"product_id": rows["product_id"].to_numpy()[repeat],
                         "date": pd.DatetimeIndex(days).strftime("%Y-%m-%d"),
                         "mean": rows["mean"].to_numpy(dtype=float)[repeat] / lengths[repeat]})


def _lead_times(shop: ShopDb, as_of: dt.date) -> dict[int, LeadTime]:
    """Per supplier, the lead times its orders received by `as_of` showed, where there are enough of them."""
    learned: dict[int, list[float]] = {}
    for row in shop.query("SELECT supplier_id, julianday(received_date) - julianday(order_date) AS days "
                          "FROM purchase_orders WHERE status = 'received' AND received_date <= ? "
                          "AND order_date IS NOT NULL", (as_of.isoformat(),)):
        if row["days"] is not None and row["days"] >= 0:
            learned.setdefault(row["supplier_id"], []).append(row["days"])
    return {sid: LeadTime.learned(days) for sid, days in learned.items() if len(days) >= LEARN_LEAD_TIME_FROM}


def order_days_of(text: str | None) -> list[int]:
    """'Mon,Thu' -> [0, 3]: the days of the week only (see core.policy.order_days for days of the month)."""
    return sorted(parse_order_days(text, strict=False).weekdays)


def any_day_review(shelf_life_days: float | None) -> int:
    """How often to reorder from a supplier who takes orders any day: weekly, but a product that keeps only
    days (bread, milk) every half of its shelf life, so a week's order never has to outlast it."""
    if shelf_life_days and shelf_life_days < 2 * DEFAULT_REVIEW_DAYS:
        return max(1, int(shelf_life_days // 2))
    return DEFAULT_REVIEW_DAYS


def order_calendar(order_days: str | None, plan_date: dt.date,
                   shelf_life_days: float | None = None, last_order: dt.date | None = None) -> tuple[int, int]:
    """(days until the next order day, days from it to the one after): days of the week, of the month, or both
    (core.policy.order_days). A supplier who takes orders any day is reviewed weekly, or more often for what keeps
    only days (any_day_review); one every few weeks in the weeks of `last_order` (the last order sent to it)."""
    return order_days_calendar(order_days, plan_date, any_day_review(shelf_life_days), last_order)


def last_orders(shop: ShopDb, as_of: dt.date) -> dict[int, dt.date]:
    """Each supplier's last order sent up to `as_of` (not a draft, not cancelled): the weeks of a supplier who
    takes orders every few weeks."""
    return {int(sid): dt.date.fromisoformat(str(day)[:10]) for sid, day in shop.conn.execute(
        "SELECT supplier_id, max(order_date) FROM purchase_orders WHERE status NOT IN ('draft', 'cancelled') "
        "AND order_date IS NOT NULL AND order_date <= ? GROUP BY supplier_id", (as_of.isoformat(),))
        if sid is not None and day}


def _item(p, mean: np.ndarray, leads: dict[int, LeadTime], settings: PolicySettings, plan_date: dt.date,
          n_products: int, products: pd.DataFrame, sent: dict[int, dt.date] | None = None) -> Item:
    sent = sent or {}
    if p.supplier_id in leads and not pd.notna(p.product_lead):
        lead = leads[p.supplier_id]
    elif pd.notna(p.product_lead):
        lead = LeadTime.fixed(p.product_lead, _("the product's lead time"))
    elif pd.notna(p.supplier_lead):
        lead = LeadTime.fixed(p.supplier_lead, _("the supplier's lead time"))
    else:
        lead = LeadTime.fixed(settings.default_lead_time, _("the default lead time"))
    wait, review = order_calendar(p.order_days, plan_date,
                                  float(p.shelf_life_days) if pd.notna(p.shelf_life_days) else None,
                                  sent.get(int(p.supplier_id)) if pd.notna(p.supplier_id) else None)
    lines_of_supplier = max(int((products["supplier_id"] == p.supplier_id).sum()), 1) if pd.notna(p.supplier_id) \
        else n_products
    # the demand pattern: the spread of its sums is the one the forecast's backtests found for its pattern (as the
    # replay plans it: core.simulation.replay), the shop's where the pattern had too few sums
    return Item(p.sku, mean, float(p.dispersion or 1.0), lead, review, settings.service_for(p.abc),
                float(p.unit_cost), float(p.pack or 1), float(p.moq or 0),
                float(p.shelf_life_days) if pd.notna(p.shelf_life_days) else None,
                max(float(p.on_hand), 0.0), float(p.on_order), wait, float(p.recent_qty) / RECENT_DAYS,
                settings.line_cost + settings.order_cost / lines_of_supplier,
                p.pattern if isinstance(p.pattern, str) else None)


def stockout_date(on_hand: float, daily_mean: np.ndarray, plan_date: dt.date,
                  arrivals: list[tuple[int, float]] = ()) -> dt.date | None:
    """The first day expected demand exceeds what is on the shelf (arrivals added on their day), within the
    forecast; None if it lasts."""
    supply = np.full(len(daily_mean), on_hand)
    for day, qty in arrivals:
        supply[max(day, 0):] += qty
    short = np.flatnonzero(np.cumsum(daily_mean) > supply + 1e-9)
    return plan_date + dt.timedelta(days=int(short[0])) if len(short) else None


def _row(p, item: Item, lv: Levels, plan_date: dt.date, mean: np.ndarray, shop: ShopDb, *,
         count_first: bool = False) -> dict:
    """One line of the plan. A product never counted is, by the shop's rule, either left out of the orders until it
    is counted (count_first: nobody knows what is on its shelf, and planning it from 0 would order a whole shop) or
    planned as if none were on the shelf."""
    arrival = 0
    if p.on_order > 0 and p.expected:
        arrival = max((dt.date.fromisoformat(p.expected[:10]) - plan_date).days, 0)
    waits_for_count = count_first and not p.counted
    out = None if waits_for_count else stockout_date(item.on_hand, mean, plan_date,
                                                     [(arrival, item.on_order)] if item.on_order > 0 else [])
    order_date = plan_date + dt.timedelta(days=item.wait_days)
    notes = []
    if waits_for_count:
        notes.append(_("Never counted: what is on its shelf is not known, so it is left out of the orders until it "
                       "is counted (enter or import a stock count; or, in Settings ▸ Ordering, plan products never "
                       "counted as if none were on the shelf)."))
    elif not p.counted:
        notes.append(_("No stock count yet, so on hand is taken as 0 (import a stock count to plan from the real "
                       "shelf)."))
    if p.cost_estimated:
        notes.append(_("No unit cost known: costed at {share:.0%} of its price {price:,.2f} (import a products "
                       "sheet with costs).").format(share=COST_SHARE_OF_PRICE, price=p.sell_price))
    steps = [*notes, *lv.steps]
    return {
        "product_id": p.product_id, "sku": p.sku, "name": p.name, "supplier_id": p.supplier_id,
        "supplier": p.supplier, "on_hand": item.on_hand, "on_order": item.on_order,
        "lead_time_days": round(item.lead.mean, 2), "lead_time_spread": round(item.lead.spread, 2),
        "review_days": item.review_days, "service_level": item.service,
        "demand_over_lead_time": round(lv.demand_over_lead_time, 2), "safety_stock": round(lv.safety_stock, 2),
        "reorder_point": round(lv.reorder_point, 2), "order_up_to": round(lv.order_up_to, 2),
        "order_qty": 0.0 if waits_for_count else lv.order_qty, "explanation": sentences(steps), "steps": tuple(steps),
        "suggested_qty": 0.0 if waits_for_count else lv.order_qty, "unit_cost": item.unit_cost,
        "sell_price": float(p.sell_price) if pd.notna(p.sell_price) else np.nan, "pack": item.pack, "moq": item.moq,
        "abc": p.abc, "pattern": p.pattern, "counted": bool(p.counted), "order_date": order_date.isoformat(),
        "next_delivery": delivery_day(plan_date, item).isoformat(),
        "stockout_date": out.isoformat() if out else None,
        "days_of_cover": _cover_days(item.on_hand + item.on_order, mean, item.tail_rate),
        "recent_daily_sales": item.recent_rate,
        "adjusted": False, "reason": "", "period": item.period,
    }


def _cover_days(stock: float, mean: np.ndarray, tail_rate: float | None = None) -> float:
    """Days the stock lasts at the forecast's average rate; where the forecast holds a closure by date
    (`tail_rate` set: core.policy.demand.ordinary_week_rate), its days one by one and then the ordinary week's rate,
    so that a shutdown adds its own days to the cover and no more (its zeros in the average would stretch every
    day after it)."""
    if tail_rate is None or not len(mean):
        rate = float(mean.mean()) if len(mean) else 0.0
        return stock / rate if rate > 1e-9 else (np.inf if stock > 0 else 0.0)
    if stock <= 0:
        return 0.0
    sold = np.cumsum(mean)
    if stock <= sold[-1]:
        k = int(np.argmax(sold >= stock))
        return k + 1 - (sold[k] - stock) / mean[k]
    return len(mean) + (stock - sold[-1]) / tail_rate if tail_rate > 1e-9 else np.inf


# ------------------------------------------------------------------ the owner's own quantities


def _apply_adjustments(shop: ShopDb, lines: pd.DataFrame, plan_date: dt.date) -> pd.DataFrame:
    adjustments = pd.read_sql_query("SELECT product_id, qty, reason FROM order_adjustments WHERE plan_date = ?",
                                    shop.conn, params=(plan_date.isoformat(),))
    if not len(adjustments):
        return lines
    by_product = adjustments.set_index("product_id")
    hit = lines["product_id"].isin(by_product.index)
    pids = lines.loc[hit, "product_id"]
    lines.loc[hit, "order_qty"] = pids.map(by_product["qty"]).to_numpy()
    lines.loc[hit, "reason"] = pids.map(by_product["reason"]).to_numpy()
    lines.loc[hit, "adjusted"] = True
    return lines


def adjust_order(shop: ShopDb, plan_date: dt.date, sku: str, qty: float, reason: str) -> None:
    """The owner's own quantity for one product in the plan of `plan_date`, with the reason (required)."""
    if qty < 0:
        raise UserError(_("An order quantity cannot be negative."))
    if not reason.strip():
        raise UserError(_("Say why you change the quantity: the reason is kept with the order."))
    product_id = shop.scalar("SELECT id FROM products WHERE sku = ?", (sku,))
    if product_id is None:
        raise UserError(_("There is no product with the code {sku}.").format(sku=sku))
    with atomic(shop) as conn:
        before = conn.execute("SELECT * FROM order_adjustments WHERE product_id = ? AND plan_date = ?",
                              (product_id, plan_date.isoformat())).fetchone()
        conn.execute(
            "INSERT INTO order_adjustments(product_id, plan_date, qty, reason, created_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(product_id, plan_date) DO UPDATE SET qty = excluded.qty, reason = excluded.reason, "
            "created_at = excluded.created_at", (product_id, plan_date.isoformat(), float(qty), reason.strip(),
                                                 now_iso()))
        audit(shop, "order quantity changed", table="order_adjustments", row_id=product_id,
              before=dict(before) if before else None, detail=f"{sku} on {plan_date}: {qty:g} ({reason.strip()})")


def clear_adjustment(shop: ShopDb, plan_date: dt.date, sku: str) -> None:
    with atomic(shop) as conn:
        row = conn.execute("SELECT a.* FROM order_adjustments a JOIN products p ON p.id = a.product_id "
                           "WHERE p.sku = ? AND a.plan_date = ?", (sku, plan_date.isoformat())).fetchone()
        if row is None:
            return
        conn.execute("DELETE FROM order_adjustments WHERE id = ?", (row["id"],))
        audit(shop, "order quantity reset to the suggestion", table="order_adjustments", row_id=row["product_id"],
              before=dict(row), detail=f"{sku} on {plan_date}")
