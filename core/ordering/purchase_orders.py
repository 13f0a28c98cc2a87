"""Purchase orders: made from today's plan (one per supplier), edited while a draft, sent, received (all or part,
which puts the goods on the shelf and, once a supplier has three received orders, teaches its lead time), or
cancelled.

Lifecycle: draft -> sent -> part-received -> received, and draft / sent / part-received -> cancelled. Only a draft
can be edited; a sent order can only be received or cancelled. Every change is one transaction with one line in
the audit log. A line keeps the supplier's code, the description, the pack and the unit cost it was made with,
so a sent order never changes when the product does.
"""
from __future__ import annotations

import datetime as dt
import math
import numbers
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

import pandas as pd

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb, atomic, audit, now_iso

STATUSES = ("draft", "sent", "part-received", "received", "cancelled")
OPEN_STATUSES = ("draft", "sent", "part-received")        # counted as on order by the plan
OVER_DELIVERY = 1.5          # the most that may be received against a line: what is still to come x 1.5
NUMBER_PREFIX = "PO-"
NUMBER_DIGITS = 6            # PO-000001 in a new shop; a shop's own numbers keep their width (PO-1704)
EPSILON = 1e-9


@dataclass
class PurchaseOrderLine:
    product_id: int
    sku: str                          # our code
    supplier_sku: str                 # the supplier's own code ("" where the product has none)
    description: str
    qty: float                        # units ordered (whole packs of `pack` units where the plan made it)
    unit_cost: float
    pack: float = 1.0
    received_qty: float = 0.0
    id: int | None = None

    @property
    def code(self) -> str:
        """The code the supplier knows the item by: theirs, else ours."""
        return self.supplier_sku or self.sku

    @property
    def line_total(self) -> float:
        return round(self.qty * self.unit_cost, 2)

    @property
    def outstanding(self) -> float:
        return max(self.qty - self.received_qty, 0.0)


@dataclass
class PurchaseOrder:
    supplier_id: int
    supplier: str
    order_date: dt.date
    expected_date: dt.date | None
    lines: list[PurchaseOrderLine] = field(default_factory=list)
    currency: str = ""
    notes: str = ""
    number: str = ""                  # "" until stored: a suggestion
    status: str = "draft"
    id: int | None = None
    sent_date: dt.date | None = None
    received_date: dt.date | None = None
    created_date: dt.date | None = None     # the day it was made (the plan's day): on order from then

    @property
    def total(self) -> float:
        """The sum of the rounded line totals, so that a document always adds up."""
        return round(sum(line.line_total for line in self.lines), 2)

    @property
    def stored(self) -> bool:
        return self.id is not None

    @property
    def editable(self) -> bool:
        return self.status == "draft"

    def line(self, product: str | int) -> PurchaseOrderLine:
        """The line of a product, by its code (or its id)."""
        for line in self.lines:
            if line.sku == product or (isinstance(product, numbers.Integral) and line.product_id == product):
                return line
        raise UserError(_("{product} is not on {label}.").format(product=product, label=self.label))

    @property
    def label(self) -> str:
        return self.number or f"the suggested order to {self.supplier}"


@dataclass
class DraftsMade:
    """What `create_orders_from_plan` did: the drafts it stored, the drafts it added to (a second create the same
    day), a sentence per supplier it left alone (everything already on order), and the products the plan would
    order that have no supplier to order them from (never dropped without a word)."""
    created: list[PurchaseOrder]
    skipped: list[str]
    unassigned: list[str] = field(default_factory=list)
    extended: list[PurchaseOrder] = field(default_factory=list)


def unassigned_to_order(plan) -> list[str]:
    """The codes of the products the plan would order that have no supplier (they cannot go on a purchase order)."""
    lines = plan.lines
    return [str(sku) for sku in lines.loc[(lines["order_qty"] > 0) & lines["supplier_id"].isna(), "sku"]]


def nothing_to_order(shop: ShopDb, plan, supplier: str | None = None) -> UserError:
    """Why a plan gives no purchase order: products to order without a supplier (and how to give them one), or
    nothing to order at all (from `supplier`)."""
    unassigned = [] if supplier else unassigned_to_order(plan)
    if unassigned:
        return UserError(_("None of the {count} products to order has a supplier, so there is no purchase order "
                           "to make. Give them a supplier (Products page: select them, Change selected… ▸ "
                           "Supplier), then create the orders again.").format(count=f"{len(unassigned):,}"),
                         hint=_("A products sheet with a supplier column gives every product its supplier at once "
                                "(import it as products)."))
    if supplier:
        return UserError(_("There is nothing to order from {supplier} in the plan for {plan_date}.").format(
            supplier=find_supplier(shop, supplier)["name"], plan_date=plan.plan_date))
    return UserError(_("There is nothing to order in the plan for {plan_date}.").format(plan_date=plan.plan_date))


# ------------------------------------------------------------------ from the plan


def suggested_orders(shop: ShopDb, plan, *, supplier: str | None = None) -> list[PurchaseOrder]:
    """Today's suggested orders, one per supplier with something to order (or only `supplier`'s), not stored.

    A product without a supplier cannot be ordered and is left out. The order date is the supplier's next order
    day in the plan; the expected delivery is the latest of its lines' next deliveries (order date + lead time).
    """
    lines = plan.lines
    lines = lines[(lines["order_qty"] > 0) & lines["supplier_id"].notna()]
    supplier_rows = {int(r["id"]): r for r in shop.query("SELECT * FROM suppliers ORDER BY name")}
    if supplier is not None:
        wanted = find_supplier(shop, supplier)
        lines = lines[lines["supplier_id"] == wanted["id"]]
    if not len(lines):
        return []
    products = {int(r["id"]): r for r in shop.query(
        f"SELECT id, supplier_sku, name, pack_size FROM products WHERE id IN "
        f"({','.join(str(int(p)) for p in lines['product_id'])})")}
    orders = []
    for supplier_id, group in lines.groupby("supplier_id", sort=False):
        row = supplier_rows[int(supplier_id)]
        order_lines = []
        for r in group.itertuples(index=False):
            product = products[int(r.product_id)]
            order_lines.append(PurchaseOrderLine(
                int(r.product_id), str(r.sku), product["supplier_sku"] or "", product["name"] or str(r.sku),
                float(r.order_qty), _money(r.unit_cost), float(product["pack_size"] or r.pack or 1)))
        order_date = dt.date.fromisoformat(min(group["order_date"]))
        expected = dt.date.fromisoformat(max(group["next_delivery"]))
        orders.append(PurchaseOrder(int(supplier_id), row["name"], order_date, expected, order_lines,
                                    row["currency"] or "", created_date=plan.plan_date))
    orders.sort(key=lambda o: (o.order_date, o.supplier.casefold()))
    return orders


def create_orders_from_plan(shop: ShopDb, plan, *, supplier: str | None = None) -> DraftsMade:
    """Store today's suggested orders as draft purchase orders, one per supplier, all in one transaction.

    Only what is not already on order is ordered: what was put on an order after the plan was made (a first
    create, a draft made by hand) is taken off each line (rounded up to whole packs), so pressing *Create* twice,
    or again after a change, never orders the same units twice. Where the supplier already has a draft for the
    same order day, what is left is added to that draft (a line's quantity raised, or a new line), not made into
    a second one. A supplier whose lines are all on order already is said in `skipped`. Refused when there is
    nothing to order, or when everything to order is on order already.
    """
    orders = suggested_orders(shop, plan, supplier=supplier)
    unassigned = [] if supplier else unassigned_to_order(plan)
    if not orders:
        raise nothing_to_order(shop, plan, supplier)
    since = ordered_since_plan(shop, plan)
    created, extended, skipped = [], [], []
    with atomic(shop):
        for order in orders:
            existing = draft_for(shop, order.supplier_id, order.order_date)
            lines = [line for line in (_less_ordered(line, since.get(line.product_id, 0.0)) for line in order.lines)
                     if line is not None]
            if not lines:
                where = f" ({existing.number})" if existing is not None else ""
                skipped.append(_("Everything to order from {supplier} is on order already{where}.").format(
                    supplier=order.supplier, where=where))
                continue
            if existing is None:
                created.append(create_order(shop, PurchaseOrder(
                    order.supplier_id, order.supplier, order.order_date, order.expected_date, lines,
                    order.currency, created_date=order.created_date)))
                continue
            for line in lines:
                on_it = next((mine for mine in existing.lines if mine.product_id == line.product_id), None)
                if on_it is None:
                    add_line(shop, existing.id, line.sku, line.qty)
                else:
                    set_line_qty(shop, existing.id, line.sku, on_it.qty + line.qty)
            extended.append(get_order(shop, existing.id))
    if not created and not extended:
        raise UserError(" ".join(skipped))
    return DraftsMade(created, skipped, unassigned, extended)


def ordered_since_plan(shop: ShopDb, plan) -> dict[int, float]:
    """Units per product on open orders now beyond what the plan counted as on order (put on an order after the
    plan was made): the part of the plan's quantities that is ordered already."""
    open_now = dict(shop.query(
        "SELECT l.product_id, sum(max(l.qty - coalesce(l.received_qty, 0), 0)) FROM purchase_order_lines l "
        "JOIN purchase_orders o ON o.id = l.order_id WHERE o.status IN ('draft', 'sent', 'part-received') "
        "GROUP BY l.product_id"))
    counted = plan.lines.set_index("product_id")["on_order"]
    since = {}
    for product_id, qty in open_now.items():
        extra = float(qty or 0) - float(counted.get(product_id, 0.0) or 0.0)
        if extra > EPSILON:
            since[int(product_id)] = extra
    return since


def _less_ordered(line: PurchaseOrderLine, ordered: float) -> PurchaseOrderLine | None:
    """The line less what is on order already, rounded up to whole packs; None when nothing is left."""
    qty = line.qty - ordered
    if qty <= EPSILON:
        return None
    if line.pack > 1:
        qty = math.ceil(qty / line.pack - EPSILON) * line.pack
        qty = min(qty, line.qty)
    return line if qty == line.qty else replace(line, qty=float(qty))


def create_order(shop: ShopDb, order: PurchaseOrder) -> PurchaseOrder:
    """Store an order (a suggestion, or one put together by hand) as a new numbered draft. It counts as on order
    in plans from its `created_date` (default: its order date)."""
    if order.stored:
        raise UserError(_("{number} is already stored.").format(number=order.number))
    if not order.lines:
        raise UserError(_("The order to {supplier} has no lines.").format(supplier=order.supplier))
    for line in order.lines:
        _check_qty(line.sku, line.qty)
    with atomic(shop):
        existing = draft_for(shop, order.supplier_id, order.order_date)
        if existing is not None:
            raise UserError(_("{supplier} already has draft {number} for {order_date}: edit that one "
                              "instead of making a second.").format(
                                supplier=order.supplier, number=existing.number, order_date=order.order_date))
        number = next_number(shop)
        order_id = shop.db["purchase_orders"].insert(
            {"number": number, "supplier_id": order.supplier_id, "status": "draft",
             "order_date": order.order_date.isoformat(), "expected_date": _iso(order.expected_date),
             "notes": order.notes or None, "currency": order.currency or None,
             "created_date": _iso(order.created_date or order.order_date)}).last_pk
        for line in order.lines:
            _insert_line(shop, order_id, line)
        stored = get_order(shop, order_id)
        audit(shop, "purchase order created", table="purchase_orders", row_id=order_id,
              detail=f"{number} to {stored.supplier}: {len(stored.lines)} lines, {stored.total:,.2f} "
                     f"{stored.currency}".rstrip())
    return stored


def draft_for(shop: ShopDb, supplier_id: int, order_date: dt.date) -> PurchaseOrder | None:
    """The supplier's draft for that order day, if there is one."""
    order_id = shop.scalar("SELECT id FROM purchase_orders WHERE supplier_id = ? AND order_date = ? AND "
                           "status = 'draft' ORDER BY id LIMIT 1", (supplier_id, order_date.isoformat()))
    return None if order_id is None else get_order(shop, order_id)


def next_number(shop: ShopDb) -> str:
    """The next number of the shop's PO-nnnnnn sequence (numbers of other shapes, from imports, are left out)."""
    highest, width = 0, NUMBER_DIGITS
    for (number,) in shop.conn.execute("SELECT number FROM purchase_orders WHERE number LIKE ?",
                                       (NUMBER_PREFIX + "%",)):
        digits = number[len(NUMBER_PREFIX):]
        if digits.isdigit():
            highest = max(highest, int(digits))
            width = len(digits) if highest == int(digits) else width
    number = highest + 1
    while True:
        text = f"{NUMBER_PREFIX}{number:0{width}d}"
        if shop.scalar("SELECT 1 FROM purchase_orders WHERE number = ?", (text,)) is None:
            return text
        number += 1


# ------------------------------------------------------------------ reading


_LINE_SQL = """
    SELECT l.id, l.product_id, p.sku, coalesce(l.supplier_sku, p.supplier_sku, '') AS supplier_sku,
           coalesce(l.description, p.name, p.sku) AS description, l.qty, l.received_qty,
           coalesce(l.unit_cost, p.unit_cost, 0) AS unit_cost, coalesce(l.pack, p.pack_size, 1) AS pack
    FROM purchase_order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.id"""


def get_order(shop: ShopDb, order: int | str) -> PurchaseOrder:
    """A stored order by its id or its number."""
    if isinstance(order, numbers.Integral):           # numpy integers too (ids from a list_orders frame)
        column, order = "o.id", int(order)
    else:
        column, order = "o.number", str(order)
    row = shop.conn.execute(
        "SELECT o.*, s.name AS supplier, coalesce(o.currency, s.currency, '') AS currency_now "
        f"FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE {column} = ?", (order,)).fetchone()
    if row is None:
        raise UserError(_("There is no purchase order {order} in this shop.").format(order=order))
    lines = [PurchaseOrderLine(r["product_id"], r["sku"], r["supplier_sku"], r["description"], float(r["qty"]),
                               float(r["unit_cost"]), float(r["pack"]), float(r["received_qty"]), r["id"])
             for r in shop.query(_LINE_SQL, (row["id"],))]
    return PurchaseOrder(row["supplier_id"], row["supplier"], _date(row["order_date"]), _date(row["expected_date"]),
                         lines, row["currency_now"], row["notes"] or "", row["number"], row["status"], row["id"],
                         _date(row["sent_date"]), _date(row["received_date"]), _date(row["created_date"]))


_LIST_SQL = """
    SELECT o.id, o.number, s.name AS supplier, o.supplier_id, o.status, o.order_date, o.expected_date, o.sent_date,
           o.received_date, count(l.id) AS lines, coalesce(sum(l.qty), 0) AS units,
           coalesce(sum(l.received_qty), 0) AS received_units,
           round(coalesce(sum(round(l.qty * coalesce(l.unit_cost, p.unit_cost, 0), 2)), 0), 2) AS value,
           coalesce(o.currency, s.currency, '') AS currency, coalesce(o.notes, '') AS notes,
           julianday(o.received_date) - julianday(o.order_date) AS lead_time_days,
           julianday(o.received_date) - julianday(o.expected_date) AS days_late
    FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id
    LEFT JOIN purchase_order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
    {where} GROUP BY o.id ORDER BY coalesce(o.order_date, '') DESC, o.id DESC"""


def list_orders(shop: ShopDb, *, supplier: str | int | None = None,
                statuses: Iterable[str] | None = None) -> pd.DataFrame:
    """Purchase orders, newest first: number, supplier, status, dates, lines, units, value, currency, notes, and
    for received ones the lead time they showed and how many days late they came."""
    where, params = [], []
    if supplier is not None:
        where.append("o.supplier_id = ?")
        params.append(find_supplier(shop, supplier)["id"])
    if statuses is not None:
        statuses = list(statuses)
        unknown = sorted(set(statuses) - set(STATUSES))
        if unknown:
            raise UserError(_("Unknown status {unknown}: use {statuses}.").format(
                                unknown=', '.join(unknown), statuses=', '.join(STATUSES)))
        where.append(f"o.status IN ({','.join('?' * len(statuses))})")
        params += statuses
    sql = _LIST_SQL.format(where=("WHERE " + " AND ".join(where)) if where else "")
    orders = pd.read_sql_query(sql, shop.conn, params=params)
    if len(orders):     # each order's value as its documents add it up (PurchaseOrder.total): SQLite's round()
        # rounds some half cents the other way than Python's, and a list that says .66 beside a PDF that says .63
        # is a list nobody trusts
        lines = pd.read_sql_query(
            f"SELECT l.order_id, l.qty, coalesce(l.unit_cost, p.unit_cost, 0) AS unit_cost FROM purchase_order_lines l "
            f"LEFT JOIN products p ON p.id = l.product_id WHERE l.order_id IN ({','.join('?' * len(orders))})",
            shop.conn, params=[int(i) for i in orders["id"]])
        lines["total"] = [round(float(q) * float(c), 2) for q, c in zip(lines["qty"], lines["unit_cost"])]
        value = lines.groupby("order_id")["total"].sum().round(2)
        orders["value"] = orders["id"].map(value).fillna(0.0)
    return orders


def supplier_history(shop: ShopDb, supplier: str | int) -> pd.DataFrame:
    """Every purchase order to one supplier, newest first (see `list_orders`)."""
    return list_orders(shop, supplier=supplier)


def product_history(shop: ShopDb, sku: str) -> pd.DataFrame:
    """Every purchase-order line of one product, newest first: number, supplier, status, dates, qty ordered and
    received, unit cost, line total."""
    product_id = shop.scalar("SELECT id FROM products WHERE sku = ?", (sku,))
    if product_id is None:
        raise UserError(_("There is no product with the code {sku}.").format(sku=sku))
    return pd.read_sql_query(
        """SELECT o.id, o.number, s.name AS supplier, o.status, o.order_date, o.expected_date, o.received_date,
                  l.qty, l.received_qty, coalesce(l.unit_cost, p.unit_cost, 0) AS unit_cost,
                  round(l.qty * coalesce(l.unit_cost, p.unit_cost, 0), 2) AS line_total
           FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
           JOIN suppliers s ON s.id = o.supplier_id JOIN products p ON p.id = l.product_id
           WHERE l.product_id = ? ORDER BY coalesce(o.order_date, '') DESC, o.id DESC""",
        shop.conn, params=(product_id,))


def find_supplier(shop: ShopDb, supplier: str | int):
    """A supplier row by id or by name (any case); refused with the list of suppliers when there is none."""
    if isinstance(supplier, numbers.Integral):
        row = shop.conn.execute("SELECT * FROM suppliers WHERE id = ?", (int(supplier),)).fetchone()
    else:
        row = shop.conn.execute("SELECT * FROM suppliers WHERE name = ? COLLATE NOCASE",
                                (str(supplier).strip(),)).fetchone()
    if row is None:
        names = [r["name"] for r in shop.query("SELECT name FROM suppliers ORDER BY name COLLATE NOCASE")]
        raise UserError(_("There is no supplier called {supplier}; the suppliers are {suppliers}.").format(
                            supplier=supplier, suppliers=', '.join(names) if names else _("(none yet)")))
    return row


# ------------------------------------------------------------------ editing a draft


def set_line_qty(shop: ShopDb, order: int | str, sku: str, qty: float) -> PurchaseOrder:
    """Change the quantity of one line of a draft (units; any quantity above 0: the owner's word stands)."""
    _check_qty(sku, qty)
    with atomic(shop) as conn:
        current = _editable(shop, order)
        line = current.line(sku)
        before = _row(conn, "purchase_order_lines", line.id)
        conn.execute("UPDATE purchase_order_lines SET qty = ? WHERE id = ?", (float(qty), line.id))
        audit(shop, "purchase order line changed", table="purchase_order_lines", row_id=line.id, before=before,
              detail=f"{current.number} {sku}: {line.qty:g} -> {qty:g}")
    return get_order(shop, current.id)


def add_line(shop: ShopDb, order: int | str, sku: str, qty: float) -> PurchaseOrder:
    """Add a product to a draft at its current cost (a product already on it: change its quantity instead)."""
    _check_qty(sku, qty)
    with atomic(shop) as conn:
        current = _editable(shop, order)
        if any(line.sku == sku for line in current.lines):
            raise UserError(_("{sku} is already on {number}: change its quantity instead.").format(
                                sku=sku, number=current.number))
        product = conn.execute("SELECT * FROM products WHERE sku = ?", (sku,)).fetchone()
        if product is None:
            raise UserError(_("There is no product with the code {sku}.").format(sku=sku))
        line = PurchaseOrderLine(product["id"], sku, product["supplier_sku"] or "", product["name"] or sku,
                                 float(qty), _money(product["unit_cost"]), float(product["pack_size"] or 1))
        line_id = _insert_line(shop, current.id, line)
        audit(shop, "purchase order line added", table="purchase_order_lines", row_id=line_id,
              detail=f"{current.number} {sku}: {qty:g}")
    return get_order(shop, current.id)


def remove_line(shop: ShopDb, order: int | str, sku: str) -> PurchaseOrder:
    """Take one line off a draft."""
    with atomic(shop) as conn:
        current = _editable(shop, order)
        line = current.line(sku)
        before = _row(conn, "purchase_order_lines", line.id)
        conn.execute("DELETE FROM purchase_order_lines WHERE id = ?", (line.id,))
        audit(shop, "purchase order line removed", table="purchase_order_lines", row_id=line.id, before=before,
              detail=f"{current.number} {sku}: {line.qty:g}")
    return get_order(shop, current.id)


_UNSET = object()


def update_draft(shop: ShopDb, order: int | str, *, notes: str | None = None,
                 order_date: dt.date | None = None, expected_date: dt.date | None | object = _UNSET) -> PurchaseOrder:
    """Change a draft's notes, order date or expected delivery (None for notes/order date: left as it is)."""
    with atomic(shop) as conn:
        current = _editable(shop, order)
        changes: dict[str, object] = {}
        if notes is not None and notes.strip() != current.notes:
            changes["notes"] = notes.strip() or None
        if order_date is not None and order_date != current.order_date:
            changes["order_date"] = order_date.isoformat()
        if expected_date is not _UNSET and expected_date != current.expected_date:
            changes["expected_date"] = _iso(expected_date)
        new_order = order_date or current.order_date
        new_expected = current.expected_date if expected_date is _UNSET else expected_date
        if new_expected is not None and new_expected < new_order:
            raise UserError(_("The expected delivery ({new_expected}) cannot be before the order date "
                              "({new_order}).").format(new_expected=new_expected, new_order=new_order))
        if not changes:
            return current
        before = _row(conn, "purchase_orders", current.id)
        conn.execute(f"UPDATE purchase_orders SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                     (*changes.values(), current.id))
        audit(shop, "purchase order changed", table="purchase_orders", row_id=current.id, before=before,
              detail=f"{current.number}: {', '.join(changes)}")
    return get_order(shop, current.id)


# ------------------------------------------------------------------ sending, receiving, cancelling


def mark_sent(shop: ShopDb, order: int | str, *, on: dt.date | None = None) -> PurchaseOrder:
    """The draft went to the supplier on `on` (default today). That day becomes its order date, and the expected
    delivery moves with it, so the lead time learned when it arrives is the supplier's, not the draft's wait."""
    on = on or dt.date.today()
    with atomic(shop) as conn:
        current = get_order(shop, order)
        if current.status != "draft":
            raise UserError(_("{number} is {status}: only a draft can be sent.").format(
                                number=current.number, status=_status_words(current)))
        if not current.lines:
            raise UserError(_("{number} has no lines: add one, or cancel the order.").format(number=current.number))
        expected = current.expected_date
        if expected is not None and current.order_date is not None:
            expected = on + (expected - current.order_date)
        before = _row(conn, "purchase_orders", current.id)
        conn.execute("UPDATE purchase_orders SET status = 'sent', sent_date = ?, order_date = ?, expected_date = ? "
                     "WHERE id = ?", (on.isoformat(), on.isoformat(), _iso(expected), current.id))
        audit(shop, "purchase order sent", table="purchase_orders", row_id=current.id, before=before,
              detail=f"{current.number} to {current.supplier} on {on}")
    return get_order(shop, current.id)


def receive(shop: ShopDb, order: int | str, quantities: Mapping[str | int, float] | None = None, *,
            on: dt.date | None = None) -> PurchaseOrder:
    """Goods arrived on `on` (default today): `quantities` maps product code (or id) -> units that came (None: all
    that was still to come). Puts them on the shelf (stock receipts), and marks the order part-received, or received
    with its received date once every line is complete.

    Refused: a draft (send it first), a received or cancelled order, a negative quantity, more than what is still
    to come x 1.5 on a line, a product not on the order, a day before the order date, nothing at all.
    """
    on = on or dt.date.today()
    with atomic(shop) as conn:
        current = get_order(shop, order)
        if current.status == "draft":
            raise UserError(_("{number} is still a draft: mark it sent before receiving goods against it.").format(
                                number=current.number))
        if current.status not in OPEN_STATUSES:
            raise UserError(_("{number} is {status}: nothing more can be received against it.").format(
                                number=current.number, status=_status_words(current)))
        if current.order_date is not None and on < current.order_date:
            raise UserError(_("{number} was ordered on {order_date}: goods cannot arrive before that "
                              "({on}).").format(number=current.number, order_date=current.order_date, on=on))
        if quantities is None:
            quantities = {line.sku: line.outstanding for line in current.lines}
        arrived = []
        for key, qty in quantities.items():
            line = current.line(key)
            sku, qty = line.sku, float(qty)
            if qty < 0:
                raise UserError(_("{sku}: a received quantity cannot be negative ({qty:g}).").format(sku=sku, qty=qty))
            limit = line.outstanding * OVER_DELIVERY
            if qty > limit + EPSILON:
                still = (f"only {line.outstanding:g} of the {line.qty:g} ordered are still to come"
                         if line.received_qty else f"{line.qty:g} were ordered")
                raise UserError(_("{sku}: {qty:g} is more than {number} can take: {still}, so at most "
                                  "{limit:g} can be received against it. Check the quantity; extra goods "
                                  "are a new order.").format(
                                    sku=sku, qty=qty, number=current.number, still=still, limit=limit))
            if qty > 0:
                arrived.append((line, qty))
        if not arrived:
            raise UserError(_("Nothing to receive on {number}: every quantity is 0.").format(number=current.number))
        before = _row(conn, "purchase_orders", current.id)
        created = now_iso()
        for line, qty in arrived:
            conn.execute("UPDATE purchase_order_lines SET received_qty = received_qty + ? WHERE id = ?",
                         (qty, line.id))
            shop.db["stock_receipts"].insert({"product_id": line.product_id, "date": on.isoformat(), "qty": qty,
                                              "order_line_id": line.id, "created_at": created})
            line.received_qty += qty
        complete = all(line.received_qty >= line.qty - EPSILON for line in current.lines)
        status = "received" if complete else "part-received"
        conn.execute("UPDATE purchase_orders SET status = ?, received_date = ? WHERE id = ?",
                     (status, on.isoformat() if complete else None, current.id))
        audit(shop, "purchase order received", table="purchase_orders", row_id=current.id, before=before,
              detail=f"{current.number} on {on} ({status}): "
                     + ", ".join(f"{line.sku} {qty:g}" for line, qty in arrived))
    return get_order(shop, current.id)


def cancel(shop: ShopDb, order: int | str, *, reason: str = "") -> PurchaseOrder:
    """Cancel an order that has not fully arrived; what did arrive stays on the shelf, the rest is no longer on
    order."""
    with atomic(shop) as conn:
        current = get_order(shop, order)
        if current.status in ("received", "cancelled"):
            raise UserError(_("{number} is {status}: it cannot be cancelled.").format(
                                number=current.number, status=_status_words(current)))
        before = _row(conn, "purchase_orders", current.id)
        note = current.notes
        if reason.strip():
            note = (note + "\n" if note else "") + f"Cancelled: {reason.strip()}"
        conn.execute("UPDATE purchase_orders SET status = 'cancelled', notes = ? WHERE id = ?",
                     (note or None, current.id))
        audit(shop, "purchase order cancelled", table="purchase_orders", row_id=current.id, before=before,
              detail=f"{current.number}" + (f": {reason.strip()}" if reason.strip() else ""))
    return get_order(shop, current.id)


# ------------------------------------------------------------------ helpers


def _editable(shop: ShopDb, order: int | str) -> PurchaseOrder:
    current = get_order(shop, order)
    if current.status == "draft":
        return current
    if current.status in ("sent", "part-received"):
        raise UserError(_("{number} is {status}: a sent order cannot be changed, only received or "
                          "cancelled.").format(number=current.number, status=_status_words(current)))
    raise UserError(_("{number} is {status}: it cannot be changed.").format(
                        number=current.number, status=_status_words(current)))


def _status_words(order: PurchaseOrder) -> str:
    if order.status == "sent":
        return _("sent (on {day})").format(day=order.sent_date) if order.sent_date else _("sent")
    if order.status == "received":
        return _("received (on {day})").format(day=order.received_date) if order.received_date else _("received")
    if order.status == "draft":
        return _("a draft")
    if order.status == "part-received":
        return _("part-received")
    return order.status


def _insert_line(shop: ShopDb, order_id: int, line: PurchaseOrderLine) -> int:
    return shop.db["purchase_order_lines"].insert(
        {"order_id": order_id, "product_id": line.product_id, "qty": float(line.qty),
         "unit_cost": float(line.unit_cost), "supplier_sku": line.supplier_sku or None,
         "description": line.description, "pack": float(line.pack)}).last_pk


def _check_qty(sku: str, qty: float) -> None:
    if not qty == qty or qty <= 0:      # NaN too
        raise UserError(_("{sku}: an order quantity must be more than 0 ({qty:g}); remove the line instead.").format(
                            sku=sku, qty=qty))


def _row(conn, table: str, row_id: int) -> dict:
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return dict(row) if row is not None else {}


def _money(value) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if value != value else value


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

