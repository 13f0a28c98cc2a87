"""The background operations the window runs: plain functions of a shop file's path (never a connection)
and, last, a JobContext, so each opens its own ShopDb on the worker thread. No Qt here.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from core.demo import build_demo_shop
from core.importing import (ImportReport, Mapping, RawSheet, Validated, apply_overrides, commit, guess_mapping,
                            list_sheets, non_product_codes, read_sheet, undo_import, validate_for_shop)
from core.importing.report import MAX_STORED_PROBLEMS, Problem
from core.jobs import JobContext
from core.store.db import open_shop
from core.store.queries import (ImportRunRow, ProductsOverview, category_names, import_problems, list_imports,
                                products_overview, shop_summary, supplier_names)


def open_and_summarise(shop_path: Path, ctx: JobContext | None = None, *, create: bool = True) -> dict:
    """Open (creating or migrating as needed) and say what the shop holds."""
    with open_shop(shop_path, create=create) as shop:
        return shop_summary(shop)


def create_shop(shop_path: Path, ctx: JobContext | None = None, *, name: str | None = None) -> dict:
    """A new, empty shop file."""
    with open_shop(shop_path, create=True) as shop:
        if name:
            shop.set_setting("shop_name", name)
        return shop_summary(shop)


def build_demo(shop_path: Path, ctx: JobContext) -> Path:
    """The demo shop, written on first run (refuses to overwrite a file)."""
    return build_demo_shop(shop_path, ctx=ctx)


@dataclass(frozen=True)
class ProductsData:
    overview: ProductsOverview
    suppliers: list[str]
    categories: list[str]


def load_products(shop_path: Path, ctx: JobContext) -> ProductsData:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, "Reading products and sales")
        overview = products_overview(shop)
        ctx.check_cancelled()
        return ProductsData(overview, supplier_names(shop), category_names(shop))


def load_imports(shop_path: Path, ctx: JobContext | None = None) -> list[ImportRunRow]:
    with open_shop(shop_path, create=False) as shop:
        return list_imports(shop)


def load_problems(shop_path: Path, import_id: int, ctx: JobContext | None = None) -> list[Problem]:
    """Every problem the import stored (core keeps up to MAX_STORED_PROBLEMS of them)."""
    with open_shop(shop_path, create=False) as shop:
        return import_problems(shop, import_id, limit=MAX_STORED_PROBLEMS)


def undo(shop_path: Path, import_id: int, ctx: JobContext) -> str:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, f"Undoing import {import_id}")
        return undo_import(shop, import_id)


def sheets_of(file_path: Path, ctx: JobContext | None = None) -> list[str]:
    return list_sheets(file_path)


def read(file_path: Path, sheet: str | None, ctx: JobContext) -> RawSheet:
    ctx.progress(0.0, f"Reading {Path(file_path).name}")
    raw = read_sheet(file_path, sheet)
    ctx.check_cancelled()
    return raw


def mapping_for(raw: RawSheet, kind: str, choices: dict[str, str] | None = None) -> Mapping:
    """The guessed mapping with the owner's choices applied (a fresh object each time)."""
    mapping = guess_mapping(raw, kind)
    if choices:
        mapping = apply_overrides(mapping, choices, raw, kind)
    return mapping


def validate(shop_path: Path, raw: RawSheet, kind: str, mapping: Mapping, ctx: JobContext) -> Validated:
    with open_shop(shop_path, create=False) as shop:
        return validate_for_shop(shop, raw, kind, mapping, ctx=ctx)


def commit_import(shop_path: Path, validated: Validated, ctx: JobContext) -> ImportReport:
    """Store a checked import, all or nothing.

    `commit` adds its counts to the report it is given, even when it is cancelled and rolled back, so it works
    on a copy: a cancelled import can be started again from the same checked file and reports the same.
    """
    validated = dataclasses.replace(validated, report=copy.deepcopy(validated.report))
    with open_shop(shop_path, create=False) as shop:
        return commit(shop, validated, ctx)


# ---- forecasting
# core.forecasting brings in scipy.stats (about a second): it is imported here, on the worker thread, the first
# time a forecast is read or made, so the window opens without it. torch is imported only by the neural model.


@dataclass(frozen=True)
class ForecastRow:
    """One product of a forecast run, as the Forecast page lists it (None where core had no number)."""
    sku: str
    name: str
    model: str
    pattern: str
    abc: str
    xyz: str
    rmsse: float | None
    mae: float | None
    mae_baseline: float | None
    bias: float | None
    next_7_days: float | None
    next_horizon: float | None


@dataclass(frozen=True)
class ForecastData:
    run: dict | None              # the latest forecast_runs row (None: no forecast yet)
    rows: list[ForecastRow]
    last_sale: str | None         # the newest sale in the shop: newer than run['as_of'] means the run is stale


@dataclass(frozen=True)
class ProductForecast:
    view: object                  # core.forecasting.views.ProductForecastView
    overrides: list               # core.forecasting.views.Override, this product's


def _number(value) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if value != value else value    # NaN -> None


def _forecast_data(shop) -> ForecastData:
    from core.forecasting.views import forecast_table, latest_run

    table = forecast_table(shop)
    rows = [ForecastRow(str(r.sku), str(r.name or ""), str(r.model or ""), str(r.pattern or ""), str(r.abc or ""),
                        str(r.xyz or ""), _number(r.rmsse), _number(r.mae), _number(r.mae_baseline), _number(r.bias),
                        _number(r.next_7_days), _number(r.next_horizon))
            for r in table.itertuples(index=False)]
    return ForecastData(latest_run(shop), rows, shop.scalar("SELECT max(date) FROM sales"))


def load_forecast(shop_path: Path, ctx: JobContext | None = None) -> ForecastData:
    """The latest forecast run and its products (an empty list when there is none yet)."""
    with open_shop(shop_path, create=False) as shop:
        return _forecast_data(shop)


def run_forecast(shop_path: Path, neural: bool, ctx: JobContext) -> ForecastData:
    """Forecast every product (stored as a new run), then read it back as the page shows it."""
    from core.forecasting import ForecastSettings, forecast_shop

    with open_shop(shop_path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=neural, seed=7), ctx=ctx)
        return _forecast_data(shop)


def load_product_forecast(shop_path: Path, sku: str, ctx: JobContext | None = None) -> ProductForecast:
    from core.forecasting.views import overrides, product_view

    with open_shop(shop_path, create=False) as shop:
        return ProductForecast(product_view(shop, sku), overrides(shop, sku))


def add_forecast_override(shop_path: Path, sku: str, start: dt.date, end: dt.date, qty_per_day: float, note: str,
                          ctx: JobContext | None = None) -> ProductForecast:
    """Store the owner's figure for some days, then read the product back with it applied."""
    from core.forecasting.views import add_override

    with open_shop(shop_path, create=False) as shop:
        add_override(shop, sku, start, end, qty_per_day, note)
    return load_product_forecast(shop_path, sku)


def remove_forecast_override(shop_path: Path, sku: str, override_id: int,
                             ctx: JobContext | None = None) -> ProductForecast:
    from core.forecasting.views import remove_override

    with open_shop(shop_path, create=False) as shop:
        remove_override(shop, override_id)
    return load_product_forecast(shop_path, sku)


def neural_device(ctx: JobContext | None = None) -> str:
    """'cuda', 'mps' or 'cpu': where the neural model would run (imports torch: a second or two); '' where torch
    is not installed (the status bar then says nothing about it)."""
    from core.forecasting.neural import device_name

    try:
        return device_name()
    except ImportError:
        return ""


# ---- shop settings


def load_non_product_codes(shop_path: Path, ctx: JobContext | None = None) -> list[str]:
    with open_shop(shop_path, create=False) as shop:
        return list(non_product_codes(shop))


def save_non_product_codes(shop_path: Path, codes: list[str], ctx: JobContext | None = None) -> list[str]:
    """Store the shop's list of codes that are not products (blank lines and repeats dropped, order kept)."""
    with open_shop(shop_path, create=False) as shop:
        return _store_non_product_codes(shop, codes)


def _store_non_product_codes(shop, codes: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for code in codes:
        code = code.strip()
        if code and code.casefold() not in seen:
            seen[code.casefold()] = code
    cleaned = list(seen.values())
    shop.set_setting("non_product_codes", cleaned)
    return cleaned


# ---- ordering: the plan, the owner's own quantities, the budget, the ordering settings
# core.policy brings in scipy (through core.forecasting when a forecast must be made first): imported here, on the
# worker thread, the first time a plan is made.


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
    explanation: str

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
    alerts from (on a worker thread); the window reads the rows."""
    shop_path: Path
    started: float                # time.monotonic() when the job began: a later plan replaces an earlier one
    plan_date: dt.date
    as_of: dt.date
    settings: object              # core.policy.settings.PolicySettings
    lines: list[OrderLineRow]
    suppliers: list[SupplierOrder]
    total: float
    budget: float | None
    lost_margin_total: float
    notes: list[str]              # problems no order can solve (an owner's quantity over the budget...)
    plan: object = dataclasses.field(repr=False, compare=False, default=None)


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


def _finite(value) -> float | None:
    value = _number(value)
    return None if value is None or value in (float("inf"), float("-inf")) else value


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _plan_data(shop_path: Path, started: float, plan) -> PlanData:
    solution = plan.solution
    lines = [OrderLineRow(
        str(r.sku), _text(r.name), _text(r.supplier), float(r.on_hand), float(r.on_order), float(r.lead_time_days),
        int(r.review_days), float(r.service_level), float(r.demand_over_lead_time), float(r.safety_stock),
        float(r.reorder_point), float(r.order_up_to), float(r.suggested_qty), float(r.order_qty),
        float(r.order_value), float(r.lost_margin), float(r.unit_cost), float(r.pack), float(r.moq), _text(r.abc),
        _text(r.order_date) or None, _text(r.next_delivery) or None, _text(r.stockout_date) or None,
        _finite(r.days_of_cover), bool(r.adjusted),
        _text(r.reason), _text(r.explanation))
        for r in plan.lines.itertuples(index=False)]
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


def make_plan(shop_path: Path, ctx: JobContext) -> PlanData:
    """Today's plan from the latest forecast (making one first where there is none: minutes, not seconds)."""
    from core.policy.plan import plan_shop

    started = time.monotonic()
    with open_shop(shop_path, create=False) as shop:
        return _plan_data(shop_path, started, plan_shop(shop, ctx=ctx))


def adjust_and_plan(shop_path: Path, plan_date: dt.date, sku: str, qty: float, reason: str,
                    ctx: JobContext) -> PlanData:
    """Store the owner's own quantity for one line (the reason is required), then plan again so the supplier
    totals and notes take it in."""
    from core.policy.plan import adjust_order

    with open_shop(shop_path, create=False) as shop:
        adjust_order(shop, plan_date, sku, qty, reason)
    return make_plan(shop_path, ctx)


def reset_and_plan(shop_path: Path, plan_date: dt.date, sku: str, ctx: JobContext) -> PlanData:
    """Forget the owner's own quantity for one line (back to the suggestion), then plan again."""
    from core.policy.plan import clear_adjustment

    with open_shop(shop_path, create=False) as shop:
        clear_adjustment(shop, plan_date, sku)
    return make_plan(shop_path, ctx)


def budget_and_plan(shop_path: Path, budget: float | None, ctx: JobContext) -> PlanData:
    """Store this week's budget (None: no budget) with the ordering settings, then plan within it."""
    from core.policy.settings import load_policy_settings, save_policy_settings

    with open_shop(shop_path, create=False) as shop:
        save_policy_settings(shop, dataclasses.replace(load_policy_settings(shop), budget=budget))
    return make_plan(shop_path, ctx)


def _alert_rows(alerts) -> list[AlertRow]:
    return [AlertRow(a.kind, a.severity, a.sku or "", a.name or "", a.supplier or "", a.date or None, a.message)
            for a in alerts]


def load_alerts(shop_path: Path, ctx: JobContext) -> AlertsData:
    """What needs the owner's attention, from a fresh plan; nothing (plan None) while the shop has no forecast,
    which is never made here: that is minutes of work, started only on the owner's word."""
    from core.alerts import shop_alerts
    from core.forecasting.views import latest_run
    from core.policy.plan import plan_shop

    started = time.monotonic()
    with open_shop(shop_path, create=False) as shop:
        if latest_run(shop) is None:
            return AlertsData(Path(shop_path), started, None, [])
        plan = plan_shop(shop, ctx=ctx.sub(0.0, 0.6))
        ctx.progress(0.6, "Looking for what needs your attention")
        alerts = shop_alerts(shop, plan)
    return AlertsData(Path(shop_path), started, _plan_data(shop_path, started, plan), _alert_rows(alerts))


def alerts_for(plan: PlanData, ctx: JobContext) -> AlertsData:
    """The alerts of a plan already made (on the Orders page)."""
    from core.alerts import shop_alerts

    with open_shop(plan.shop_path, create=False) as shop:
        ctx.progress(0.1, "Looking for what needs your attention")
        alerts = shop_alerts(shop, plan.plan)
    return AlertsData(plan.shop_path, plan.started, plan, _alert_rows(alerts))


@dataclass(frozen=True)
class SettingsData:
    """What the Settings dialog shows."""
    codes: list[str]              # the codes that are not products
    policy: object                # core.policy.settings.PolicySettings
    shop_details: object          # core.documents.ShopDetails


def load_settings(shop_path: Path, ctx: JobContext | None = None) -> SettingsData:
    """What the Settings dialog shows: the codes that are not products, the ordering settings and the shop's
    details printed on its purchase orders."""
    from core.documents import load_shop_details
    from core.policy.settings import load_policy_settings

    with open_shop(shop_path, create=False) as shop:
        return SettingsData(list(non_product_codes(shop)), load_policy_settings(shop), load_shop_details(shop))


def save_settings(shop_path: Path, codes: list[str], policy_changes: dict, shop_details=None,
                  ctx: JobContext | None = None) -> list[str]:
    """The Settings dialog's Save, all or nothing: the ordering settings are checked first and the shop's details
    by core as they are stored (a bad value stores nothing). Only the fields the dialog shows are changed (the
    budget set on the Orders page is kept)."""
    from core.documents import save_shop_details
    from core.policy.settings import load_policy_settings, save_policy_settings
    from core.store.db import atomic

    with open_shop(shop_path, create=False) as shop:
        policy = dataclasses.replace(load_policy_settings(shop), **policy_changes).check()
        with atomic(shop):
            if shop_details is not None:
                save_shop_details(shop, shop_details)
            cleaned = _store_non_product_codes(shop, codes)
            save_policy_settings(shop, policy)
    return cleaned


# ---- purchase orders: made from the plan, listed, edited while a draft, sent, received, cancelled; their documents
# The PDF is drawn by Qt (ui/documents.py: QTextDocument on a QPdfWriter, which Qt allows off the GUI thread); it is
# imported inside the functions that need it, so this module itself stays free of Qt.


@dataclass(frozen=True)
class PurchaseOrderRow:
    """One purchase order as the Purchase orders page lists it (core's list_orders)."""
    id: int
    number: str
    supplier: str
    status: str
    order_date: str | None
    expected_date: str | None
    sent_date: str | None
    received_date: str | None
    lines: int
    units: float
    received_units: float
    value: float
    currency: str
    notes: str
    lead_time_days: float | None       # received orders: the days from order to delivery
    days_late: float | None            # received orders: days after the expected day (negative: early)


@dataclass(frozen=True)
class ProductOrderRow:
    """One purchase-order line of one product (core's product_history)."""
    id: int                            # the order's id
    number: str
    supplier: str
    status: str
    order_date: str | None
    expected_date: str | None
    received_date: str | None
    qty: float
    received_qty: float
    unit_cost: float
    line_total: float


@dataclass(frozen=True)
class PurchaseOrdersData:
    """What the Purchase orders page lists: the orders (filtered by core), or one product's order lines."""
    shop_path: Path
    supplier: str | None
    statuses: tuple[str, ...] | None
    orders: list[PurchaseOrderRow]
    suppliers: list[str]
    product: str | None = None         # the product code searched for (then `history` holds its lines)
    product_name: str = ""
    history: list[ProductOrderRow] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class OrderDocument:
    """A purchase order's document as the print preview needs it (the HTML is drawn on the GUI thread)."""
    html: str
    footer: str
    title: str
    file_stem: str


@dataclass(frozen=True)
class EmailDraft:
    """An .eml draft written for the mail program, and the mailto: link to use where it cannot be opened."""
    number: str
    path: Path
    mailto: str


def _day(value) -> str | None:
    text = _text(value)
    return text[:10] or None


def load_purchase_orders(shop_path: Path, supplier: str | None = None, statuses: tuple[str, ...] | None = None,
                         product: str | None = None, ctx: JobContext | None = None) -> PurchaseOrdersData:
    """The orders (newest first) of one supplier or all, in some statuses or all; with a product code, also every
    order line of that product."""
    from core.ordering.purchase_orders import list_orders, product_history

    with open_shop(shop_path, create=False) as shop:
        frame = list_orders(shop, supplier=supplier, statuses=statuses)
        orders = [PurchaseOrderRow(
            int(r.id), _text(r.number), _text(r.supplier), _text(r.status), _day(r.order_date), _day(r.expected_date),
            _day(r.sent_date), _day(r.received_date), int(r.lines), float(r.units), float(r.received_units),
            float(r.value), _text(r.currency), _text(r.notes), _number(r.lead_time_days), _number(r.days_late))
            for r in frame.itertuples(index=False)]
        history, name = [], ""
        if product:
            product = product.strip()
            lines = product_history(shop, product)
            name = _text(shop.scalar("SELECT name FROM products WHERE sku = ?", (product,)))
            history = [ProductOrderRow(
                int(r.id), _text(r.number), _text(r.supplier), _text(r.status), _day(r.order_date),
                _day(r.expected_date), _day(r.received_date), float(r.qty), float(r.received_qty), float(r.unit_cost),
                float(r.line_total)) for r in lines.itertuples(index=False)]
        return PurchaseOrdersData(Path(shop_path), supplier, tuple(statuses) if statuses else None, orders,
                                  supplier_names(shop), product or None, name, history)


def load_purchase_order(shop_path: Path, order_id: int, ctx: JobContext | None = None):
    """One stored order with its lines (core's PurchaseOrder)."""
    import core.documents  # noqa: F401 - the page names files the documents' way: loaded here, off the GUI thread
    from core.ordering.purchase_orders import get_order

    with open_shop(shop_path, create=False) as shop:
        return get_order(shop, order_id)


def create_purchase_orders(shop_path: Path, plan, supplier: str | None = None, ctx: JobContext | None = None):
    """Today's suggested orders stored as drafts, one per supplier (or only `supplier`'s): core's DraftsMade."""
    from core.ordering.purchase_orders import create_orders_from_plan

    with open_shop(shop_path, create=False) as shop:
        return create_orders_from_plan(shop, plan, supplier=supplier)


def set_purchase_order_qty(shop_path: Path, order_id: int, sku: str, qty: float, ctx: JobContext | None = None):
    from core.ordering.purchase_orders import set_line_qty

    with open_shop(shop_path, create=False) as shop:
        return set_line_qty(shop, order_id, sku, qty)


def mark_purchase_order_sent(shop_path: Path, order_id: int, on: dt.date | None = None,
                             ctx: JobContext | None = None):
    from core.ordering.purchase_orders import mark_sent

    with open_shop(shop_path, create=False) as shop:
        return mark_sent(shop, order_id, on=on)


def receive_purchase_order(shop_path: Path, order_id: int, quantities: dict[str, float] | None,
                           on: dt.date | None = None, ctx: JobContext | None = None):
    from core.ordering.purchase_orders import receive

    with open_shop(shop_path, create=False) as shop:
        return receive(shop, order_id, quantities, on=on)


def cancel_purchase_order(shop_path: Path, order_id: int, reason: str = "", ctx: JobContext | None = None):
    from core.ordering.purchase_orders import cancel

    with open_shop(shop_path, create=False) as shop:
        return cancel(shop, order_id, reason=reason)


def _order_document(shop_path: Path, order_id: int):
    from core.documents import build_document
    from core.ordering.purchase_orders import get_order

    with open_shop(shop_path, create=False) as shop:
        return build_document(shop, get_order(shop, order_id))


def purchase_order_document(shop_path: Path, order_id: int, ctx: JobContext | None = None) -> OrderDocument:
    """The order's HTML, for the print preview."""
    from core.documents import to_html

    doc = _order_document(shop_path, order_id)
    return OrderDocument(to_html(doc), doc.footer, doc.title, doc.file_stem)


def save_purchase_order_pdf(shop_path: Path, order_id: int, path: Path, ctx: JobContext | None = None) -> Path:
    """The order as an A4 PDF at `path` (whole or not at all)."""
    from core.documents import to_html
    from ui.documents import html_to_pdf

    doc = _order_document(shop_path, order_id)
    return html_to_pdf(to_html(doc), path, footer=doc.footer, title=doc.title)


def save_purchase_order_xlsx(shop_path: Path, order_id: int, path: Path, ctx: JobContext | None = None) -> Path:
    from core.documents import write_xlsx

    return write_xlsx(_order_document(shop_path, order_id), path)


def email_purchase_order(shop_path: Path, order_id: int, folder: Path, ctx: JobContext | None = None) -> EmailDraft:
    """The order as an .eml draft to the supplier with the PDF attached, written into `folder`. A supplier without
    an e-mail address is refused before anything is written."""
    from core.documents import mailto_url, to_html, write_eml
    from ui.documents import pdf_bytes

    doc = _order_document(shop_path, order_id)
    mailto = mailto_url(doc)                   # refuses a supplier without a (good) address: nothing written
    pdf = pdf_bytes(to_html(doc), footer=doc.footer, title=doc.title)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = write_eml(doc, pdf, folder / f"{doc.file_stem}.eml")
    return EmailDraft(doc.number, path, mailto)


# ---- the shop's details (Settings)


def read_logo_file(path: Path, ctx: JobContext | None = None) -> tuple[str, str]:
    """A logo file checked by core: (base64 of its bytes, its type); refused where it is not a PNG or JPEG."""
    from core.documents import ShopDetails

    details = ShopDetails().with_logo(path)
    return details.logo_base64, details.logo_type


def replay_policies(shop_path: Path, start: dt.date, end: dt.date, policies: tuple[str, ...], service_level: float,
                    ctx: JobContext):
    """The replay report: the policies over start .. end beside what the shop really did."""
    from core.simulation import compare_policies

    with open_shop(shop_path, create=False) as shop:
        return compare_policies(shop, start, end, policies, service_level=service_level, ctx=ctx)


def history_span(shop_path: Path, ctx: JobContext | None = None):
    from core.simulation import history_span as span

    with open_shop(shop_path, create=False) as shop:
        return span(shop)
