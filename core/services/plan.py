"""The plan: what to order from whom and why, the owner's own quantities, the budget, and the alerts."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.i18n import _
from core.jobs import JobContext, null_context
from core.policy.settings import PolicySettings, load_policy_settings, save_policy_settings
from core.services.changes import PLAN, SETTINGS, Changed, changed
from core.services.shop import require_shop
from core.services.tables import check_table_path, write_table
from core.services.values import day, finite, text
from core.store.db import open_shop

log = logging.getLogger(__name__)

# core.policy.plan brings in scipy (and core.forecasting, when a forecast must be made first): imported inside the
# functions that plan, on the worker thread, the first time a plan is made.


@dataclass(frozen=True)
class OrderLineRow:
    """One product of a plan, as the Orders page lists it (None where core had no number)."""
    sku: str
    name: str
    supplier: str
    on_hand: float
    on_order: float
    lead_time_days: float
    review_days: int
    service_level: float
    demand_over_lead_time: float
    safety_stock: float
    reorder_point: float
    order_up_to: float
    suggested_qty: float          # the policy's figure
    order_qty: float              # the final one: after packs, minimums, the budget and the owner's own quantity
    order_value: float
    lost_margin: float            # expected lost margin from a budget cut (0 where nothing was cut)
    unit_cost: float
    pack: float
    moq: float
    abc: str
    order_date: str | None
    next_delivery: str | None
    stockout_date: str | None
    days_of_cover: float | None
    adjusted: bool                # the owner's own quantity
    reason: str
    steps: tuple[str, ...]        # how the quantity was worked out, one step of the reasoning each
    period: str = "day"           # 'week' or 'month': a product planned from weekly or monthly totals

    @property
    def explanation(self) -> str:
        from core.i18n import sentences

        return sentences(list(self.steps))

    @property
    def to_order(self) -> bool:
        return self.order_qty > 0

    @property
    def cut(self) -> bool:
        """Less than the policy suggested, without the owner saying so (a budget cut)."""
        return not self.adjusted and self.order_qty < self.suggested_qty

    @property
    def raised(self) -> bool:
        """More than the policy suggested, without the owner saying so (a supplier minimum)."""
        return not self.adjusted and self.order_qty > self.suggested_qty


_FLOATS = ("on_hand", "on_order", "lead_time_days", "service_level", "demand_over_lead_time", "safety_stock",
           "reorder_point", "order_up_to", "suggested_qty", "order_qty", "order_value", "lost_margin", "unit_cost",
           "pack", "moq")


def order_line(r) -> OrderLineRow:
    """One row of core's plan lines (a namedtuple of its columns) as plain values, by column name."""
    values = {name: float(getattr(r, name)) for name in _FLOATS}
    return OrderLineRow(
        sku=str(r.sku), name=text(r.name), supplier=text(r.supplier), review_days=int(r.review_days),
        abc=text(r.abc), order_date=day(r.order_date), next_delivery=day(r.next_delivery),
        stockout_date=day(r.stockout_date), days_of_cover=finite(r.days_of_cover), adjusted=bool(r.adjusted),
        reason=text(r.reason), steps=tuple(getattr(r, "steps", ()) or ()),
        period=text(getattr(r, "period", "day")) or "day", **values)


@dataclass(frozen=True)
class SupplierOrder:
    """One supplier of a plan: its next order day, the order's value and core's sentence on it."""
    name: str
    order_date: str | None
    value: float
    lines: int                    # lines with something to order
    note: str
    cut: bool                     # some of its lines were cut (or the whole order dropped) for the budget


@dataclass(frozen=True)
class PlanData:
    """A plan as the Orders page and the dashboard show it. `plan` is core's Plan, kept only to work out the
    alerts and purchase orders from (on a worker thread); the window reads the rows."""
    shop_path: Path
    started: float                # time.monotonic() when the job began: a later plan replaces an earlier one
    plan_date: dt.date
    as_of: dt.date
    settings: PolicySettings
    lines: list[OrderLineRow]
    suppliers: list[SupplierOrder]
    total: float
    budget: float | None
    lost_margin_total: float
    notes: list[str]              # problems no order can solve (an owner's quantity over the budget...)
    plan: object = field(repr=False, compare=False, default=None)


@dataclass(frozen=True)
class AlertRow:
    kind: str
    severity: str
    sku: str
    name: str
    supplier: str
    date: str | None
    message: str


@dataclass(frozen=True)
class AlertsData:
    shop_path: Path
    started: float
    plan: PlanData | None         # None: no forecast yet, so nothing to plan from
    alerts: list[AlertRow]


def plan_data(shop_path: Path, started: float, plan) -> PlanData:
    solution = plan.solution
    lines = [order_line(r) for r in plan.lines.itertuples(index=False)]
    by_supplier: dict[str, list[OrderLineRow]] = {}
    for line in lines:
        by_supplier.setdefault(line.supplier, []).append(line)
    suppliers = []
    for name, rows in by_supplier.items():
        value = float(solution.supplier_value.get(name, 0.0)) if solution else sum(r.order_value for r in rows)
        ordering = [r for r in rows if r.to_order]
        if not ordering and not any(r.suggested_qty > 0 for r in rows):
            continue                 # nothing wanted from this supplier today
        suppliers.append(SupplierOrder(name, min((r.order_date for r in rows if r.order_date), default=None), value,
                                       len(ordering), solution.supplier_notes.get(name, "") if solution else "",
                                       any(r.cut for r in rows)))
    suppliers.sort(key=lambda s: (s.order_date or "9999", s.name.casefold()))
    return PlanData(Path(shop_path), started, plan.plan_date, plan.as_of, plan.settings, lines, suppliers,
                    float(solution.total) if solution else sum(r.order_value for r in lines),
                    solution.budget if solution else plan.settings.budget,
                    float(solution.lost_margin_total) if solution else 0.0,
                    list(solution.notes) if solution else [], plan)


def make_plan(shop_path: Path, *, ctx: JobContext) -> PlanData:
    """Today's plan from the latest forecast (making one first where there is none: minutes, not seconds)."""
    from core.policy.plan import plan_shop

    started = time.monotonic()
    with open_shop(shop_path, create=False) as shop:
        return plan_data(shop_path, started, plan_shop(shop, ctx=ctx))


def _plan_again(shop_path: Path, plan: PlanData | None, ctx: JobContext) -> PlanData:
    """The plan the window shows, made again after a change that leaves the products' levels as they are (the
    budget, an owner's quantity): only the supplier optimisation runs (replan). Without one: a whole plan."""
    from core.policy.plan import replan

    if (plan is None or plan.plan is None or plan.plan.suggested is None or not plan.plan.levels
            or Path(plan.shop_path) != Path(shop_path)):
        return make_plan(shop_path, ctx=ctx)
    started = time.monotonic()
    with open_shop(shop_path, create=False) as shop:
        settings = load_policy_settings(shop)
        if dataclasses.replace(settings, budget=None) != dataclasses.replace(plan.plan.settings, budget=None):
            return plan_data(shop_path, started, _whole_plan(shop, ctx))       # another rule: the levels change
        ctx.progress(0.3, _("Fitting the orders to packs, minimums and the budget"))
        return plan_data(shop_path, started, replan(shop, plan.plan, settings=settings))


def _whole_plan(shop, ctx: JobContext):
    from core.policy.plan import plan_shop

    return plan_shop(shop, ctx=ctx)


def adjust_and_plan(shop_path: Path, *, plan_date: dt.date, sku: str, qty: float, reason: str,
                    plan: PlanData | None = None, ctx: JobContext) -> Changed[PlanData]:
    """Store the owner's own quantity for one line (the reason is required), then plan again so the supplier
    totals and notes take it in (only the supplier optimisation, where the plan shown is given)."""
    from core.policy.plan import adjust_order

    with open_shop(shop_path, create=False) as shop:
        adjust_order(shop, plan_date, sku, qty, reason)
    return changed(_plan_again(shop_path, plan, ctx), PLAN)


def reset_and_plan(shop_path: Path, *, plan_date: dt.date, sku: str, plan: PlanData | None = None,
                   ctx: JobContext) -> Changed[PlanData]:
    """Forget the owner's own quantity for one line (back to the suggestion), then plan again."""
    from core.policy.plan import clear_adjustment

    with open_shop(shop_path, create=False) as shop:
        clear_adjustment(shop, plan_date, sku)
    return changed(_plan_again(shop_path, plan, ctx), PLAN)


def budget_and_plan(shop_path: Path, *, budget: float | None, plan: PlanData | None = None,
                    ctx: JobContext) -> Changed[PlanData]:
    """Store this week's budget (None: no budget) with the ordering settings, then plan within it: only the supplier
    optimisation runs again where the plan shown is given (under a second for thousands of lines)."""
    with open_shop(shop_path, create=False) as shop:
        save_policy_settings(shop, dataclasses.replace(load_policy_settings(shop), budget=budget))
    return changed(_plan_again(shop_path, plan, ctx), PLAN)


def _alert_rows(alerts) -> list[AlertRow]:
    return [AlertRow(a.kind, a.severity, a.sku or "", a.name or "", a.supplier or "", a.date or None, a.message)
            for a in alerts]


PLAN_CACHE = "dashboard plan"


def load_alerts(shop_path: Path, *, ctx: JobContext, today: dt.date | None = None) -> AlertsData:
    """What needs the owner's attention, from today's plan; nothing (plan None) while the shop has no forecast,
    which is never made here: that is minutes of work, started only on the owner's word.

    The plan and its alerts are kept in the shop file with a fingerprint of what they were made from (sales,
    counts, products, suppliers, orders, settings, forecasts, the day): opening a shop again shows them at once,
    and plans again only where something changed since (core.store.cache)."""
    from core.alerts import shop_alerts
    from core.forecasting.views import latest_run
    from core.policy.plan import plan_shop
    from core.store import cache

    started = time.monotonic()
    with open_shop(shop_path, create=False) as shop:
        if latest_run(shop) is None:
            return AlertsData(Path(shop_path), started, None, [])
        inputs = cache.fingerprint(shop, (today or dt.date.today()).isoformat(), _program_version())
        kept = cache.read(shop, PLAN_CACHE, inputs)
        if isinstance(kept, AlertsData) and kept.plan is not None:
            plan = dataclasses.replace(kept.plan, shop_path=Path(shop_path), started=started)
            return dataclasses.replace(kept, shop_path=Path(shop_path), started=started, plan=plan)
        plan = plan_shop(shop, ctx=ctx.sub(0.0, 0.6), today=today)
        ctx.progress(0.6, _("Looking for what needs your attention"))
        alerts = shop_alerts(shop, plan)
        data = AlertsData(Path(shop_path), started, plan_data(shop_path, started, plan), _alert_rows(alerts))
        ctx.progress(0.95, _("Looking for what needs your attention"))
        try:       # kept without the products' demand distributions (most of its size): a budget change on a plan
            # read back at the next start plans again in full once (_plan_again), later ones re-optimise only
            slim = dataclasses.replace(data.plan, plan=dataclasses.replace(plan, levels={}))
            cache.write(shop, PLAN_CACHE, inputs, dataclasses.replace(data, plan=slim))
        except Exception as err:  # noqa: BLE001 - a plan not kept is made again next time; the owner loses nothing
            log.warning("the plan was not kept for the next start: %s", err)
    return data


def _program_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("shelfwise")
    except metadata.PackageNotFoundError:
        return "unknown"


def alerts_for(plan: PlanData, *, ctx: JobContext) -> AlertsData:
    """The alerts of a plan already made (on the Orders page)."""
    from core.alerts import shop_alerts

    with open_shop(plan.shop_path, create=False) as shop:
        ctx.progress(0.1, _("Looking for what needs your attention"))
        alerts = shop_alerts(shop, plan.plan)
    return AlertsData(plan.shop_path, plan.started, plan, _alert_rows(alerts))


@dataclass(frozen=True)
class PlanSummary:
    """A plan made from the command line: its size, its suppliers' notes and problems."""
    plan_date: dt.date
    as_of: dt.date
    products: int
    ordering: int                 # products with something to order
    total: float
    seconds: float
    supplier_notes: list[tuple[str, str]]   # (supplier, core's sentence) of the suppliers that matter today
    notes: list[str]
    rows_written: int | None
    never_counted: int = 0        # products left out of the orders until counted (the shop's rule 'count-first')


def plan_to_file(shop_path: Path, *, as_of: dt.date | None = None, service_level: float | None = None,
                 policy: str | None = None, budget: float | None = None, out: Path | None = None,
                 ctx: JobContext | None = None, workers: int | None = None,
                 scheduler: str | None = None) -> PlanSummary:
    """Plan with the shop's settings (some of them replaced for this plan only, nothing stored) and write the plan
    to `out`; a forecast made first (where there is none) runs where `workers` / `scheduler` say."""
    from core.policy.plan import plan_shop
    from core.services.forecast import compute_for_run

    if out is not None:
        check_table_path(out)
    with open_shop(require_shop(shop_path), create=False) as shop:
        settings = load_policy_settings(shop)
        settings.service_level = service_level
        settings.policy = policy or settings.policy
        settings.budget = budget if budget is not None else settings.budget
        started = time.perf_counter()
        plan = plan_shop(shop, as_of=as_of, settings=settings, ctx=ctx or null_context(),
                         compute=compute_for_run(shop, workers, scheduler))
        seconds = time.perf_counter() - started
    table = plan.table()
    written = write_table(table, out) if out is not None else None
    solution = plan.solution
    notes = [(supplier, solution.supplier_notes[supplier]) for supplier, value in solution.supplier_value.items()
             if value > 0 or solution.supplier_notes.get(supplier, "").startswith("Not ordered")]
    waiting = int((~plan.lines["counted"].astype(bool)).sum()) if settings.uncounted == "count-first" and \
        len(plan.lines) else 0
    return PlanSummary(plan.plan_date, plan.as_of, len(table), int((plan.lines["order_qty"] > 0).sum()),
                       float(solution.total), seconds, notes, list(solution.notes), written, waiting)





def set_old_history(shop_path: Path, *, choice: str, ctx: JobContext | None = None) -> Changed[str]:
    """The owner's answer for a history that ends long before today: 'today' (plan for today: the history is just
    old) or 'look-back' (plan as of the day after the sales end)."""
    with open_shop(shop_path, create=False) as shop:
        settings = load_policy_settings(shop)
        settings.old_history = choice
        save_policy_settings(shop, settings.check())
    return changed(choice, SETTINGS)
