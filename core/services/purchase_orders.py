"""Purchase orders: made from the plan (as stored drafts, or as files only), listed, edited while a draft, sent,
received, cancelled."""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from core.documents import build_document
from core.documents.purchase_order import safe_file_name
from core.errors import UserError
from core.i18n import _
from core.jobs import JobContext, null_context
from core.ordering.purchase_orders import (DraftsMade, PurchaseOrder, cancel, create_order, create_orders_from_plan,
                                           draft_for, find_supplier, get_order, list_orders, mark_sent,
                                           nothing_to_order, product_history, receive, set_line_qty,
                                           suggested_orders)
from core.services.changes import ORDERS, STOCK, Changed, changed
from core.services.documents import KINDS, PdfRenderer, check_can_email, write_order_files
from core.services.shop import require_shop
from core.services.values import day, number, text
from core.store.db import atomic, open_shop
from core.store.queries import supplier_names


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
    history: list[ProductOrderRow] = field(default_factory=list)


def load_purchase_orders(shop_path: Path, *, supplier: str | None = None, statuses: tuple[str, ...] | None = None,
                         product: str | None = None, ctx: JobContext | None = None) -> PurchaseOrdersData:
    """The orders (newest first) of one supplier or all, in some statuses or all; with a product code, also every
    order line of that product."""
    with open_shop(shop_path, create=False) as shop:
        frame = list_orders(shop, supplier=supplier, statuses=statuses)
        orders = [PurchaseOrderRow(
            int(r.id), text(r.number), text(r.supplier), text(r.status), day(r.order_date), day(r.expected_date),
            day(r.sent_date), day(r.received_date), int(r.lines), float(r.units), float(r.received_units),
            float(r.value), text(r.currency), text(r.notes), number(r.lead_time_days), number(r.days_late))
            for r in frame.itertuples(index=False)]
        history, name = [], ""
        if product:
            product = product.strip()
            lines = product_history(shop, product)
            name = text(shop.scalar("SELECT name FROM products WHERE sku = ?", (product,)))
            history = [ProductOrderRow(
                int(r.id), text(r.number), text(r.supplier), text(r.status), day(r.order_date),
                day(r.expected_date), day(r.received_date), float(r.qty), float(r.received_qty), float(r.unit_cost),
                float(r.line_total)) for r in lines.itertuples(index=False)]
        return PurchaseOrdersData(Path(shop_path), supplier, tuple(statuses) if statuses else None, orders,
                                  supplier_names(shop), product or None, name, history)


def load_purchase_order(shop_path: Path, *, order_id: int, ctx: JobContext | None = None) -> PurchaseOrder:
    """One stored order with its lines."""
    with open_shop(shop_path, create=False) as shop:
        return get_order(shop, order_id)


def create_purchase_orders(shop_path: Path, *, plan, supplier: str | None = None,
                           ctx: JobContext | None = None) -> Changed[DraftsMade]:
    """Today's suggested orders stored as drafts, one per supplier (or only `supplier`'s)."""
    with open_shop(shop_path, create=False) as shop:
        return changed(create_orders_from_plan(shop, plan, supplier=supplier), ORDERS)


def set_purchase_order_qty(shop_path: Path, *, order_id: int, sku: str, qty: float,
                           ctx: JobContext | None = None) -> Changed[PurchaseOrder]:
    with open_shop(shop_path, create=False) as shop:
        return changed(set_line_qty(shop, order_id, sku, qty), ORDERS)


def mark_purchase_order_sent(shop_path: Path, *, order_id: int, on: dt.date | None = None,
                             ctx: JobContext | None = None) -> Changed[PurchaseOrder]:
    with open_shop(shop_path, create=False) as shop:
        return changed(mark_sent(shop, order_id, on=on), ORDERS)


def receive_purchase_order(shop_path: Path, *, order_id: int, quantities: dict[str, float] | None,
                           on: dt.date | None = None, ctx: JobContext | None = None) -> Changed[PurchaseOrder]:
    with open_shop(shop_path, create=False) as shop:
        return changed(receive(shop, order_id, quantities, on=on), ORDERS, STOCK)


def cancel_purchase_order(shop_path: Path, *, order_id: int, reason: str = "",
                          ctx: JobContext | None = None) -> Changed[PurchaseOrder]:
    with open_shop(shop_path, create=False) as shop:
        return changed(cancel(shop, order_id, reason=reason), ORDERS)


# ---- the command line's `orders`: today's suggested orders as files, stored as drafts only when asked


@dataclass(frozen=True)
class OrderFiles:
    """One supplier's order and the files written for it."""
    number: str                        # '' for a suggestion not stored
    supplier: str
    lines: int
    total_text: str                    # the total in the order's currency, as its documents write it
    total: float
    order_date: dt.date
    expected_date: dt.date | None
    already_stored: bool               # --save found its draft of today already there
    files: list[Path]


@dataclass(frozen=True)
class OrdersWritten:
    plan_date: dt.date
    orders: list[OrderFiles]
    total: float
    stored: bool
    unplaced: int                      # products to order that have no supplier, so are on no order


def order_file_paths(outputs: dict[str, Path], supplier: str, one_supplier: bool) -> dict[str, Path]:
    """The files of one supplier's order: the names asked for, or with the supplier's name added when there is one
    file per supplier."""
    if one_supplier:
        return dict(outputs)
    tag = safe_file_name(supplier).replace(" ", "-")
    return {kind: out.with_name(f"{out.stem}-{tag}{out.suffix}") for kind, out in outputs.items()}


def suggested_order_files(shop_path: Path, *, outputs: dict[str, Path], supplier: str | None = None,
                          save: bool = False, pdf: PdfRenderer | None = None,
                          ctx: JobContext | None = None) -> Changed[OrdersWritten]:
    """Plan, then write today's suggested order of each supplier (or only `supplier`'s) as the files asked for
    ({'pdf' | 'xlsx' | 'eml': path}); with `save`, also store them as numbered drafts, kept only if every file was
    written."""
    from core.policy.plan import plan_shop

    outputs = {kind: Path(out) for kind, out in outputs.items()}
    for kind, out in outputs.items():
        if kind not in KINDS or out.suffix.lower() != f".{kind}":
            raise UserError(_("Cannot write {file}: the --{kind} file name must end in .{kind}.").format(
                file=out, kind=kind))
    with open_shop(require_shop(shop_path), create=False) as shop:
        supplier = find_supplier(shop, supplier)["name"] if supplier else None    # refuse before planning
        plan = plan_shop(shop, ctx=ctx or null_context())
        orders = suggested_orders(shop, plan, supplier=supplier)
        if not orders:
            raise nothing_to_order(shop, plan, supplier)
        if "eml" in outputs:                  # every supplier must take e-mail before anything is written
            for order in orders:
                check_can_email(build_document(shop, order))
        written = []
        with atomic(shop) if save else contextlib.nullcontext():   # no write lock without --save
            for order in orders:
                existing = draft_for(shop, order.supplier_id, order.order_date) if save else None
                order = existing or (create_order(shop, order) if save else order)
                doc = build_document(shop, order)
                files = write_order_files(doc, order_file_paths(outputs, order.supplier, supplier is not None), pdf)
                written.append(OrderFiles(order.number or "", order.supplier, len(order.lines),
                                          doc.money(order.total), float(order.total), order.order_date,
                                          order.expected_date, existing is not None, files))
    unplaced = int(((plan.lines["order_qty"] > 0) & plan.lines["supplier_id"].isna()).sum()) if not supplier else 0
    result = OrdersWritten(plan.plan_date, written, sum(o.total for o in written), save, unplaced)
    return changed(result, ORDERS) if save else changed(result)
