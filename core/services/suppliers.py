"""Suppliers kept in the app: the list (with each one's products, open orders and the lead time its deliveries really
took), add, edit, retire and bring back. Every change is one undoable edit (core/edits.py)."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, fields
from pathlib import Path

from core.edits import recording
from core.errors import UserError
from core.i18n import _
from core.jobs import JobContext
from core.policy.order_days import normalise as normalise_order_days_text
from core.services.changes import SUPPLIERS, Changed, changed
from core.store.db import ShopDb, open_shop

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$")
OPEN_STATUSES = ("draft", "sent", "part-received")


@dataclass(frozen=True)
class SupplierFields:
    """What the owner types for a supplier (empty text and None mean 'not given')."""
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    lead_time_days: float | None = None
    order_days: str = ""          # 'Mon,Thu'; empty: any day
    min_order_value: float | None = None
    currency: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SupplierRow:
    id: int
    name: str
    email: str
    phone: str
    address: str
    lead_time_days: float | None
    order_days: str
    min_order_value: float | None
    currency: str
    notes: str
    active: bool
    products: int                 # active products that it supplies
    open_orders: int              # purchase orders drafted, sent or part-received
    learned_lead_days: float | None   # median days its received orders took, where there is one

    def fields(self) -> SupplierFields:
        return SupplierFields(**{f.name: getattr(self, f.name) for f in fields(SupplierFields)})


def normalise_order_days(text: str) -> str:
    """'mon, thursday' -> 'Mon,Thu'; '1, 15th' -> '1st,15th'; a word that is no order day is refused with the word
    (core.policy.order_days)."""
    return normalise_order_days_text(text)


def checked(values: SupplierFields) -> SupplierFields:
    """The fields as they will be stored, or a UserError naming the field that is wrong."""
    name = " ".join(values.name.split())
    if not name:
        raise UserError(_("A supplier needs a name."))
    email = values.email.strip()
    if email and not EMAIL.match(email):
        raise UserError(_("“{email}” is not an e-mail address (like orders@supplier.com).").format(email=email))
    lead = values.lead_time_days
    if lead is not None and not 0 <= lead <= 365:
        raise UserError(_("A lead time is between 0 and 365 days, not {days:g}.").format(days=lead))
    minimum = values.min_order_value
    if minimum is not None and minimum < 0:
        raise UserError(_("A minimum order value cannot be negative."))
    return SupplierFields(name=name, email=email, phone=values.phone.strip(), address=values.address.strip(),
                          lead_time_days=lead, order_days=normalise_order_days(values.order_days),
                          min_order_value=minimum or None, currency=values.currency.strip().upper(),
                          notes=values.notes.strip())


def _rows(shop: ShopDb, where: str = "", params: tuple = ()) -> list[SupplierRow]:
    learned: dict[int, list[float]] = {}
    for r in shop.query("SELECT supplier_id, julianday(received_date) - julianday(order_date) AS days "
                        "FROM purchase_orders WHERE status = 'received' AND received_date IS NOT NULL "
                        "AND order_date IS NOT NULL"):
        if r["days"] is not None and r["days"] >= 0:
            learned.setdefault(r["supplier_id"], []).append(r["days"])
    rows = shop.query(
        "SELECT s.*, (SELECT count(*) FROM products p WHERE p.supplier_id = s.id AND p.active = 1) AS n_products, "
        "(SELECT count(*) FROM purchase_orders o WHERE o.supplier_id = s.id AND o.status IN (?, ?, ?)) AS n_open "
        f"FROM suppliers s {where} ORDER BY s.name COLLATE NOCASE", (*OPEN_STATUSES, *params))
    return [SupplierRow(
        id=int(r["id"]), name=r["name"], email=r["email"] or "", phone=r["phone"] or "", address=r["address"] or "",
        lead_time_days=r["lead_time_days"], order_days=r["order_days"] or "", min_order_value=r["min_order_value"],
        currency=r["currency"] or "", notes=r["notes"] or "", active=bool(r["active"]), products=int(r["n_products"]),
        open_orders=int(r["n_open"]),
        learned_lead_days=statistics.median(learned[r["id"]]) if r["id"] in learned else None) for r in rows]


def list_suppliers(shop_path: Path, *, ctx: JobContext | None = None,
                   include_retired: bool = True) -> list[SupplierRow]:
    with open_shop(shop_path, create=False) as shop:
        return _rows(shop, "" if include_retired else "WHERE s.active = 1")


def _one(shop: ShopDb, supplier_id: int) -> SupplierRow:
    rows = _rows(shop, "WHERE s.id = ?", (supplier_id,))
    if not rows:
        raise UserError(_("That supplier is no longer in the shop."))
    return rows[0]


def save_supplier(shop_path: Path, *, values: SupplierFields, ctx: JobContext | None = None,
                  supplier_id: int | None = None) -> Changed[SupplierRow]:
    """Add a supplier (supplier_id None) or change one; a name another supplier has is refused."""
    values = checked(values)
    with open_shop(shop_path, create=False) as shop:
        clash = shop.scalar("SELECT id FROM suppliers WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
                            (values.name, supplier_id))
        if clash is not None:
            raise UserError(_("There is already a supplier called “{name}”.").format(name=values.name))
        stored = {f.name: (getattr(values, f.name) if getattr(values, f.name) != "" else None)
                  for f in fields(SupplierFields)}
        if supplier_id is None:
            label = _("Supplier {name} added").format(name=values.name)
        else:
            _one(shop, supplier_id)
            label = _("Supplier {name} changed").format(name=values.name)
        with recording(shop, label) as edit:
            if supplier_id is None:
                supplier_id = shop.db["suppliers"].insert(stored).last_pk
                edit.created("suppliers", supplier_id)
            else:
                edit.touch("suppliers", supplier_id)
                shop.db["suppliers"].update(supplier_id, stored)
        return changed(_one(shop, supplier_id), SUPPLIERS)


def set_supplier_active(shop_path: Path, *, supplier_id: int, active: bool,
                        ctx: JobContext | None = None) -> Changed[SupplierRow]:
    """Retire a supplier (kept with its orders, hidden from choices) or bring one back. A supplier that still
    supplies products is not retired: its products need another supplier first, or they could not be ordered."""
    with open_shop(shop_path, create=False) as shop:
        row = _one(shop, supplier_id)
        if not active and row.products:
            raise UserError(_("{name} still supplies {count} products: give them another supplier first (Products "
                              "page: select them, Change selected… ▸ Supplier).").format(name=row.name,
                                                                                    count=row.products))
        label = (_("Supplier {name} retired") if not active else _("Supplier {name} back in use")).format(name=row.name)
        with recording(shop, label) as edit:
            edit.touch("suppliers", supplier_id)
            shop.conn.execute("UPDATE suppliers SET active = ? WHERE id = ?", (int(active), supplier_id))
        return changed(_one(shop, supplier_id), SUPPLIERS)
