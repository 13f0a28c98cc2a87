"""One product's reorder levels and today's order, under the policy the owner chose, with the reasons.

- shelfwise: the reorder point is the demand over the protection interval (wait for the order day + lead time +
  review period) that is covered with the product's service level, from the forecast's own distribution; the
  order-up-to level adds what the economic order quantity asks beyond a review period's sales.
- optimal: the exact (s, S) of Zheng-Federgruen for the same demand, with holding cost from the holding rate,
  the order cost, and the stock-out cost at which the service level is worth it (p = h x level / (1 - level)).
- minmax: the shop's rule of thumb: reorder at 2 weeks of average sales, order up to 4 weeks.

Pure functions on plain data: the plan, the replay and the tests call them alike.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from core.i18n import _, sentences
from core.policy.demand import DemandDistribution, LeadTime, SumCalibration, cumulative_demand, protection_demand
from core.policy.fill import FillCurve, fill_curve, shortage_value
from core.policy.formulas import eoq, round_order
from core.policy.optimal import negbin_pmf, optimal_sS, renewal_density

MINMAX_WEEKS = (2.0, 4.0)
# A daily product's reorder point is held to this many times the most it sold in any span as long as its
# protection interval (the wait for the order day + the lead time + the review) over the last HISTORY_DAYS of its
# sales, or twice the forecast's expected demand over that span if that is more. A spread read from a few backtest
# weeks can be far wider than anything the product ever did: a gift shop's first two months (a Christmas closure in
# its one backtest window) gave a product that sold 25-50 units on 9 of 56 days a reorder point of 7,400 for an
# expected 80 over its 14 days, and 59% of its 2,946 products reorder points above 5 times their expected demand.
HISTORY_BOUND = 1.5
HISTORY_DAYS = 365


@dataclass
class Item:
    sku: str
    daily_mean: np.ndarray            # forecast, from tomorrow on
    dispersion: float                 # negative binomial variance / mean of one day
    lead: LeadTime
    review_days: int                  # from the order day to the following one
    service: float                    # chance of not running out before the next order arrives
    unit_cost: float = 1.0
    pack: float = 1.0
    moq: float = 0.0
    shelf_life_days: float | None = None
    on_hand: float = 0.0
    on_order: float = 0.0
    wait_days: int = 0                # days until the supplier's next order day (0: today)
    recent_rate: float = 0.0          # average daily sales over the last 8 weeks (the min/max rule's base)
    order_cost: float = 0.0           # this line's share of the cost of an order
    pattern: str | None = None        # demand pattern: the forecast's spread of sums is calibrated per pattern
    period: str = "day"               # 'week' or 'month': sales kept as such totals; the explanation speaks in them
    # the value of a unit short, set for the shop's products together (core.policy.fill): the reorder point is then
    # the one of least stock value + this x units short, so that the products together serve the service level's
    # share of their units (a fill rate); None: the service level is the product's own chance of not running empty
    shortage_value: float | None = None
    # a part that looks as if it stopped selling (core.forecasting.periods.stopped_selling) and keeps only the small
    # rate its silence allows: with a shortage value it may get no stock at all (reorder point 0) where a unit of
    # stock serves less there than anywhere else
    dormant: bool = False
    # units a day of this part's demand that its own rate does not plan for (a part taken as stopped: what such parts
    # went on to sell in this shop beyond their small rate): counted as short in the fill rate shared over the shop
    unplanned: float = 0.0
    # the most it sold in any span of wait + lead time + review days over the last HISTORY_DAYS of its daily sales
    # (most_sold); None: not known (no sale in that time)
    most_sold: float | None = None
    # the daily rate carried on beyond the forecast's horizon (core.policy.demand.ordinary_week_rate); None: its last
    # week's average
    tail_rate: float | None = None

    @property
    def position(self) -> float:
        return self.on_hand + self.on_order


@dataclass
class Levels:
    policy: str
    demand_over_lead_time: float      # expected demand from now until the order after this one arrives
    demand_lead_only: float           # ... until this order arrives
    spread: float                     # standard deviation of the former
    safety_stock: float
    reorder_point: float              # order when the stock position is below this
    order_up_to: float
    eoq: float
    raw_qty: float                    # order-up-to minus stock position, before packs and minimums
    order_qty: float
    shelf_life_cap: float | None
    distribution: DemandDistribution = field(repr=False)
    explanation: str = ""                   # the steps in one paragraph (the command line's --out column)
    steps: list[str] = field(default_factory=list)
    fill: FillCurve | None = field(repr=False, default=None)   # where the reorder point came from a shortage value
    history_bound: float | None = None      # where the reorder point was held to what the history shows (HISTORY_BOUND)
    asked: float | None = None              # ... the reorder point the spread alone asked for


@dataclass(frozen=True)
class _Terms:
    """What every policy of plan_item reads: demand over the protection interval and until this order arrives,
    the EOQ, the shelf-life cap; and for shelfwise what the order-up-to adds above the reorder point and the
    demand of a review period."""
    dist: DemandDistribution
    lead_only: float
    order_size: float
    cap: float | None
    extra: float
    period_pmf: np.ndarray


def _terms(item: Item, holding_rate: float, calibration: SumCalibration) -> _Terms:
    protect = item.wait_days + item.review_days
    tail = item.tail_rate
    dist = protection_demand(item.daily_mean, item.dispersion, _shift(item.lead.days, item.wait_days),
                             item.review_days, calibration, item.pattern, tail)
    lead_only = sum(w * cumulative_demand(item.daily_mean, item.wait_days + d, tail) for d, w in item.lead.days.items())
    annual = cumulative_demand(item.daily_mean, 365, tail)
    order_size = eoq(annual, item.order_cost, holding_rate * max(item.unit_cost, 0.0))
    cap = None
    if item.shelf_life_days:   # no more than sells before it spoils
        cap = cumulative_demand(item.daily_mean, int(item.wait_days + item.lead.mean + item.shelf_life_days), tail)
    review_sales = cumulative_demand(item.daily_mean, protect, tail) - cumulative_demand(item.daily_mean, item.wait_days,
                                                                                      tail)
    extra = max(0.0, order_size - review_sales) if math.isfinite(order_size) else 0.0
    if cap is not None:    # the cycle's positions must stay under the cap for the service to hold
        extra = min(extra, max(cap - dist.quantile(item.service), 0.0))
    period = negbin_pmf(review_sales, item.dispersion * calibration.factor(item.review_days, item.pattern))
    return _Terms(dist, lead_only, order_size, cap, extra, period)


def plan_item(item: Item, policy: str = "shelfwise", *, holding_rate: float = 0.25,
              calibration: SumCalibration = SumCalibration()) -> Levels:
    terms = _terms(item, holding_rate, calibration)
    dist, cap, curve = terms.dist, terms.cap, None
    if policy == "shelfwise":
        if item.shortage_value is not None:
            curve = _fill_curve(item, terms, calibration)
            s = float(curve.point(item.shortage_value))
            if item.dormant and s == 0:     # left unstocked: nothing to order up to
                terms = dataclasses.replace(terms, extra=0.0)
        else:
            s = float(service_point(dist, item.service, terms.extra, terms.period_pmf,
                                    _lead_demand(item, calibration).pmf))
        S = s + terms.extra
    elif policy == "optimal" and item.unit_cost > 0:
        s, S = _optimal(item, dist, holding_rate, calibration)
    elif policy == "optimal":       # without a cost there is no holding cost to balance: the service level decides
        s = S = float(dist.quantile(item.service))
    elif policy == "minmax":
        low, high = MINMAX_WEEKS
        s, S = item.recent_rate * 7 * low, item.recent_rate * 7 * high
    else:
        raise ValueError(f"unknown policy {policy}")
    bound = _history_bound(item, dist) if policy in ("shelfwise", "optimal") else None
    asked = s
    if bound is not None and s > bound:
        S, s = bound + (S - s), bound
    else:
        bound = None
    if cap is not None and S > cap:
        S, s = cap, min(s, cap)
    raw = S - item.position if item.position < s else 0.0
    qty = round_order(raw, item.pack, item.moq)
    levels = Levels(policy, dist.mean, terms.lead_only, dist.std, s - dist.mean, s, S, terms.order_size, raw, qty,
                    cap if cap is not None and S >= cap else None, dist, fill=curve, history_bound=bound,
                    asked=asked if bound is not None else None)
    levels.steps = explain_steps(item, levels)
    levels.explanation = sentences(levels.steps)
    return levels


def _history_bound(item: Item, dist: DemandDistribution) -> float | None:
    """The highest reorder point a daily product's own history supports (HISTORY_BOUND); None where it has no
    say (weekly and monthly totals, or too little history)."""
    if item.period != "day" or item.most_sold is None or not math.isfinite(item.most_sold):
        return None
    return float(math.ceil(max(HISTORY_BOUND * item.most_sold, 2.0 * dist.mean, 1.0)))


def most_sold(sales: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """For each row of daily sales (n x T: the days up to the plan, unknown days NaN), the most sold in any
    `spans[i]` consecutive days (all of its T days where the span is longer); NaN where the row never sold."""
    x = np.clip(np.nan_to_num(np.asarray(sales, dtype=float), nan=0.0), 0.0, None)
    n, T = x.shape
    out = np.full(n, np.nan)
    if not n or not T:
        return out
    total = np.zeros((n, T + 1))
    np.cumsum(x, axis=1, out=total[:, 1:])
    sold = (x > 0).any(axis=1)
    spans = np.minimum(np.maximum(np.round(np.asarray(spans, dtype=float)), 1).astype(int), T)
    for span in np.unique(spans):
        rows = np.flatnonzero((spans == span) & sold)
        if len(rows):
            out[rows] = (total[rows, span:] - total[rows, :T + 1 - span]).max(axis=1)
    return out


def protection_days(item: Item) -> int:
    """The span whose demand the reorder point covers: the wait for the order day + the lead time + the review."""
    return int(round(item.wait_days + item.lead.mean + item.review_days))


def fill_terms(item: Item, *, holding_rate: float = 0.25,
               calibration: SumCalibration = SumCalibration()) -> FillCurve:
    """The product's stock and shortage for each reorder point (core.policy.fill), as plan_item's shelfwise policy
    sees them: what core.policy.fill.shortage_value weighs across the shop's products."""
    return _fill_curve(item, _terms(item, holding_rate, calibration), calibration)


def share_shortage_values(items: list[Item], *, holding_rate: float = 0.25,
                          calibration: SumCalibration = SumCalibration()) -> dict[float, float]:
    """Sets every item's shortage_value so that the items asking for the same service level serve that share of
    their units together at the least stock value (core.policy.fill); returns the value per service level."""
    values = {}
    for service in sorted({item.service for item in items}):
        group = [item for item in items if item.service == service]
        curves = [fill_terms(item, holding_rate=holding_rate, calibration=calibration) for item in group]
        unplanned = sum(item.unplanned * item.review_days for item in group)     # units a review period
        values[service] = shortage_value(curves, service, unplanned=unplanned)
        for item in group:
            item.shortage_value = values[service]
    return values


def _fill_curve(item: Item, terms: _Terms, calibration: SumCalibration) -> FillCurve:
    return fill_curve(terms.dist.pmf, _lead_demand(item, calibration).pmf, terms.extra, terms.period_pmf,
                      item.unit_cost, least=0 if item.dormant else 1)


def _lead_demand(item: Item, calibration: SumCalibration) -> DemandDistribution:
    """Demand until an order placed now arrives (the wait for the order day + the lead time)."""
    return protection_demand(item.daily_mean, item.dispersion, _shift(item.lead.days, item.wait_days), 0,
                             calibration, item.pattern, item.tail_rate)


def service_point(dist: DemandDistribution, service: float, extra: float, period_pmf: np.ndarray,
                  lead_pmf: np.ndarray) -> int:
    """The lowest reorder point s at which the share of review periods with sales in which the shelf runs empty
    is at most 1 - service, for the (s, S = s + extra) policy.

    After an order the stock position is S; at each later review it is lower by that period's sales, until it
    falls below s and the next order goes out. In the period after a review with position y, a customer finds
    the shelf empty where the period has sales and D > y, D the demand until the next order could arrive: P(D > y)
    less P(no sale in the period) P(D_lead > y), D_lead the demand until this order arrives (`lead_pmf`; the shelf
    that went empty before a period without sales turns nobody away). Over the long run the share of reviews
    at S - j is m(j) / sum m, m the renewal density of a period's sales (Zheng-Federgruen's quantity), so the
    risk is spread over S, S - 1, ..., s rather than all carried at s; and it counts against the periods with
    sales only (a slow seller sells in few of its periods). With nothing beyond a period's sales to add
    (extra 0) and a product that sells every period, s is the plain `service` quantile of D.
    A product that sells keeps a reorder point of at least 1: an empty shelf is always reordered."""
    gap = int(round(extra))
    selling = 1.0 - period_pmf[0]
    if selling <= 1e-12:
        return 0
    weights = renewal_density(period_pmf, gap + 1)
    weights = weights / weights.sum()
    tail = 1.0 - np.cumsum(dist.pmf)                          # P(D > y), y = 0 .. len - 1
    lead_tail = 1.0 - np.cumsum(lead_pmf)[:len(tail)]
    lead_tail = np.concatenate([lead_tail, np.zeros(len(tail) - len(lead_tail))])
    # counted against the periods with sales only: a slow seller's shelf that went empty in a period without sales
    # was held against the service asked, and the part held far deeper than the service needs (a part that sells a
    # few a year in a few lumps)
    tail = np.maximum(tail - period_pmf[0] * lead_tail, 0.0)
    padded = np.concatenate([tail, np.zeros(gap + 1)])
    # risk(s) = sum_j w_j P(D > s + gap - j): a correlation of the tail with the weights
    risk = np.correlate(padded, weights[::-1], mode="valid")[:len(tail) + 1]
    s = int(np.argmax(risk <= (1.0 - service) * selling + 1e-12))
    return max(s, 1) if dist.mean > 1e-9 else s


def _shift(lead_days: dict[int, float], wait: int) -> dict[int, float]:
    return {d + wait: w for d, w in lead_days.items()}


def _optimal(item: Item, dist: DemandDistribution, holding_rate: float,
             calibration: SumCalibration) -> tuple[float, float]:
    R = max(item.review_days, 1)
    period_mean = cumulative_demand(item.daily_mean, item.wait_days + R, item.tail_rate) - \
        cumulative_demand(item.daily_mean, item.wait_days, item.tail_rate)
    if period_mean <= 1e-6 or dist.mean <= 1e-6:
        return 0.0, 0.0
    period_pmf = negbin_pmf(period_mean, item.dispersion * calibration.factor(R))
    h = holding_rate * item.unit_cost * R / 365.0
    p = h * item.service / (1.0 - item.service)
    best = optimal_sS(period_pmf, h, p, item.order_cost, lead_pmf=dist.pmf)
    # (s, S) orders at or below s: below s + 1 here. The model lets unmet demand wait (backorders) and may
    # put s below 0; on a shop shelf unmet demand walks away, so an empty shelf is the latest moment to order.
    return float(max(best.s + 1, 1)), float(max(best.S, 1))


def _units(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 or abs(x) >= 100 else f"{x:,.1f}"


def explain(item: Item, lv: Levels) -> str:
    """Every number of the line in one paragraph, in the order the owner would check them."""
    return sentences(explain_steps(item, lv))


def _span(days: float, period: str) -> str:
    """Days in the unit the shop keeps its sales in: '1 month', '2.5 months', '3 weeks'."""
    n = days / (365.25 / 12 if period == "month" else 7.0)
    n = round(n) if abs(n - round(n)) < 0.05 else round(n, 1)
    if period == "month":
        return _("1 month") if n == 1 else _("{n} months").format(n=_units(n))
    return _("1 week") if n == 1 else _("{n} weeks").format(n=_units(n))


def _period_demand_step(item: Item, lv: Levels) -> str:
    wait = _("{span} until the next order day + ").format(span=_span(item.wait_days, item.period)) \
        if item.wait_days else ""
    return _("Expected demand over the next {span} ({wait}delivery in {lead} ({source}) + {review} until the order "
             "after): {demand} (it varies by about ±{spread}).").format(
        span=_span(item.wait_days + item.lead.mean + item.review_days, item.period), wait=wait,
        lead=_span(item.lead.mean, item.period), source=item.lead.source,
        review=_span(item.review_days, item.period), demand=_units(lv.demand_over_lead_time),
        spread=_units(lv.spread))


def explain_steps(item: Item, lv: Levels) -> list[str]:
    """Every number of the line, one step of the reasoning each, in the order the owner would check them. A product
    whose sales are weekly or monthly totals is explained in weeks or months."""
    if item.period in ("week", "month"):
        parts = [_period_demand_step(item, lv)]
        return parts + explain_steps(Item(**{**item.__dict__, "period": "day"}), lv)[1:]
    lead = item.lead.mean
    if item.wait_days == 1:
        wait = _("1 day until the next order day + ")
    else:
        wait = _("{days} days until the next order day + ").format(days=item.wait_days) if item.wait_days else ""
    parts = [_("Expected demand over the next {days} days ({wait}{lead} days' delivery ({source}) + {review} days "
               "until the order after): {demand} (it varies by about ±{spread}).").format(
        days=_units(item.wait_days + lead + item.review_days), wait=wait, lead=_units(lead), source=item.lead.source,
        review=item.review_days, demand=_units(lv.demand_over_lead_time), spread=_units(lv.spread))]
    if lv.policy == "shelfwise" and lv.fill is not None:
        _hold, _short, risk = lv.fill.at(int(round(lv.reorder_point)))
        parts.append(_("The {service:.0%} service level is the share of units served from the shelf over all the "
                       "products planned in weeks or months together, met at the least stock value: cheap, fast "
                       "sellers are held deeper, costly slow ones thinner. For this one that is safety stock "
                       "{safety}: reorder point {reorder_point}, expected to serve {fill:.0%} of its units and to "
                       "run short in about {risk:.0%} of the order periods with sales.").format(
            service=item.service, safety=_units(lv.safety_stock), reorder_point=_units(lv.reorder_point),
            fill=lv.fill.fill(int(round(lv.reorder_point))), risk=risk))
        if lv.order_up_to > lv.reorder_point:
            parts.append(_("Ordering about {eoq} at a time balances order and holding costs: order up to "
                           "{order_up_to}.").format(eoq=_units(lv.eoq), order_up_to=_units(lv.order_up_to)))
    elif lv.policy == "shelfwise" and lv.history_bound is not None:
        parts.append(_("For a {service:.0%} service level that spread asks for a reorder point of {asked}, more than its "
                       "sales have ever called for: it is held to {bound}, the larger of {factor:g} times the most it "
                       "sold in any {days} days of the last year ({most}) and twice its expected demand; safety stock "
                       "{safety}.").format(
            service=item.service, asked=_units(lv.asked), bound=_units(lv.history_bound), factor=HISTORY_BOUND,
            days=protection_days(item), most=_units(item.most_sold), safety=_units(lv.safety_stock)))
        if lv.order_up_to > lv.reorder_point:
            parts.append(_("Ordering about {eoq} at a time balances order and holding costs: order up to "
                           "{order_up_to}.").format(eoq=_units(lv.eoq), order_up_to=_units(lv.order_up_to)))
    elif lv.policy == "shelfwise":
        parts.append(_("Safety stock {safety} keeps the shelf stocked in {service:.0%} of the order periods with "
                       "sales (a {service:.0%} service level): reorder point {reorder_point}.").format(
            safety=_units(lv.safety_stock), service=item.service, reorder_point=_units(lv.reorder_point)))
        if lv.order_up_to > lv.reorder_point:
            parts.append(_("Ordering about {eoq} at a time balances order and holding costs: order up to "
                           "{order_up_to}.").format(eoq=_units(lv.eoq), order_up_to=_units(lv.order_up_to)))
    elif lv.policy == "optimal":
        parts.append(_("The exact lowest-cost (s, S) policy for this demand at a {service:.0%} service target: "
                       "reorder below {reorder_point}, order up to {order_up_to}.").format(
            service=item.service, reorder_point=_units(lv.reorder_point), order_up_to=_units(lv.order_up_to)))
    else:
        parts.append(_("Min/max rule: reorder below 2 weeks of average sales ({reorder_point}), order up to 4 weeks "
                       "({order_up_to}).").format(reorder_point=_units(lv.reorder_point),
                                                 order_up_to=_units(lv.order_up_to)))
    if lv.history_bound is not None and lv.policy != "shelfwise":
        parts.append(_("The reorder point is held to {bound} ({asked} asked for): the larger of {factor:g} times the "
                       "most it sold in any {days} days of the last year ({most}) and twice its expected demand.").format(
            bound=_units(lv.history_bound), asked=_units(lv.asked), factor=HISTORY_BOUND, days=protection_days(item),
            most=_units(item.most_sold)))
    if lv.shelf_life_cap is not None:
        parts.append(_("Capped at {cap}: no more than sells within its {days}-day shelf life.").format(
            cap=_units(lv.shelf_life_cap), days=_units(item.shelf_life_days)))
    position = _("Stock position {position} (on hand {on_hand} + on order {on_order})").format(
        position=_units(item.position), on_hand=_units(item.on_hand), on_order=_units(item.on_order))
    if lv.raw_qty <= 0:
        parts.append(_("{position} is at or above the reorder point: nothing to order.").format(position=position))
    else:
        text = _("{position} is below the reorder point: order {qty} to reach {order_up_to}").format(
            position=position, qty=_units(lv.raw_qty), order_up_to=_units(lv.order_up_to))
        rounding = []
        if item.pack > 1:
            rounding.append(_("packs of {pack}").format(pack=_units(item.pack)))
        if item.moq > 0 and lv.order_qty <= item.moq + item.pack - 1e-9 and lv.raw_qty < item.moq:
            rounding.append(_("the minimum order of {moq}").format(moq=_units(item.moq)))
        if rounding and abs(lv.order_qty - lv.raw_qty) > 1e-9:
            text += _(", rounded to {rounding}: {qty}").format(
                rounding=_("{first} and {second}").format(first=rounding[0], second=rounding[1])
                if len(rounding) == 2 else rounding[0], qty=_units(lv.order_qty))
        elif abs(lv.order_qty - lv.raw_qty) > 1e-9:
            text += _(", in whole units: {qty}").format(qty=_units(lv.order_qty))
        parts.append(text + _("."))
    return parts
