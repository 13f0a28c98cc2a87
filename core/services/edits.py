"""The owner's edits of products (one or many at once: a supplier, a cost, a pack ...), and Edit ▸ Undo / Redo of
every such edit (core/edits.py). Each edit is one transaction with what it replaced kept for the undo."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.edits import EditSteps, edit_steps, recording, redo_next, undo_last
from core.errors import UserError
from core.i18n import _
from core.jobs import JobContext
from core.services.changes import PRODUCTS, STOCK, SUPPLIERS, Changed, changed
from core.store.db import ShopDb, open_shop

# what an edited table changes, for the pages that show it
TABLE_CHANGES = {"suppliers": SUPPLIERS, "products": PRODUCTS, "stock_snapshots": STOCK}


def field_label(name: str) -> str:
    return {
        "supplier": _("Supplier"), "supplier_sku": _("Supplier's code"), "unit_cost": _("Cost"),
        "sell_price": _("Price"), "pack_size": _("Pack size"), "min_order_qty": _("Minimum order"),
        "lead_time_days": _("Lead time (days)"), "shelf_life_days": _("Shelf life (days)"), "active": _("Active"),
        "name": _("Name"), "category": _("Category"),
    }[name]


PRODUCT_FIELDS = ("supplier", "supplier_sku", "unit_cost", "sell_price", "pack_size", "min_order_qty",
                  "lead_time_days", "shelf_life_days", "active", "name", "category")


def _number(name: str, value: Any, *, low: float, high: float | None = None, above: bool = False,
            optional: bool = True) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise UserError(_("{field} needs a number.").format(field=field_label(name)))
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except ValueError:
        raise UserError(_("{field}: “{value}” is not a number.").format(field=field_label(name), value=value)) from None
    if (number <= low if above else number < low) or (high is not None and number > high):
        rule = (_("more than {low:g}") if above else _("at least {low:g}")).format(low=low)
        if high is not None:
            rule += _(" and at most {high:g}").format(high=high)
        raise UserError(_("{field} must be {rule}, not {value:g}.").format(field=field_label(name), rule=rule,
                                                                             value=number))
    return number


def checked_values(shop: ShopDb, values: dict[str, Any]) -> dict[str, Any]:
    """The product columns to set, each checked; the supplier given by name ('' clears it)."""
    unknown = set(values) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"not product fields: {sorted(unknown)}")
    columns: dict[str, Any] = {}
    for name, value in values.items():
        if name == "supplier":
            text = (value or "").strip()
            if not text:
                columns["supplier_id"] = None
                continue
            row = shop.conn.execute("SELECT id, active FROM suppliers WHERE name = ? COLLATE NOCASE",
                                    (text,)).fetchone()
            if row is None:
                raise UserError(_("There is no supplier called “{name}”: add it on the Suppliers page first.")
                                .format(name=text))
            if not row["active"]:
                raise UserError(_("{name} is retired: bring it back on the Suppliers page first.").format(name=text))
            columns["supplier_id"] = int(row["id"])
        elif name in ("unit_cost", "sell_price"):
            columns[name] = _number(name, value, low=0)
        elif name == "pack_size":
            columns[name] = _number(name, value, low=0, above=True, optional=False)
        elif name == "min_order_qty":
            columns[name] = _number(name, value if value not in (None, "") else 0, low=0, optional=False)
        elif name == "lead_time_days":
            columns[name] = _number(name, value, low=0, high=365)
        elif name == "shelf_life_days":
            columns[name] = _number(name, value, low=0, above=True)
        elif name == "active":
            columns[name] = int(bool(value))
        else:
            columns[name] = (str(value).strip() or None) if value is not None else None
    return columns


@dataclass(frozen=True)
class ProductsEdited:
    label: str
    count: int            # products whose row really changed


def edit_products(shop_path: Path, *, skus: list[str], values: dict[str, Any],
                  ctx: JobContext | None = None) -> Changed[ProductsEdited]:
    """Set the same values on one or many products (the Products page's editor and 'Set for selected')."""
    if not skus:
        raise UserError(_("Select the products to change first."))
    if not values:
        raise UserError(_("Choose what to change."))
    with open_shop(shop_path, create=False) as shop:
        columns = checked_values(shop, values)
        ids = []
        for start in range(0, len(skus), 500):
            chunk = list(skus[start:start + 500])
            found = shop.query(f"SELECT id, sku FROM products WHERE sku IN ({', '.join('?' * len(chunk))})", chunk)
            ids += [int(r["id"]) for r in found]
            missing = set(chunk) - {r["sku"] for r in found}
            if missing:
                raise UserError(_("Product {sku} is no longer in the shop.").format(sku=sorted(missing)[0]))
        what = ", ".join(field_label(name) for name in values)
        label = (_("{fields} of {sku} changed").format(fields=what, sku=skus[0]) if len(skus) == 1 else
                 _("{fields} set for {count} products").format(fields=what, count=f"{len(skus):,}"))
        with recording(shop, label) as edit:
            for product_id in ids:
                edit.touch("products", product_id)
            assignments = ", ".join(f"{c} = ?" for c in columns)
            shop.conn.executemany(f"UPDATE products SET {assignments} WHERE id = ?",
                                  [(*columns.values(), product_id) for product_id in ids])
            count = len(edit.rows())
        return changed(ProductsEdited(label, count), PRODUCTS)


def steps(shop_path: Path, *, ctx: JobContext | None = None) -> EditSteps:
    """What Edit ▸ Undo and Redo would take back or do again now."""
    with open_shop(shop_path, create=False) as shop:
        return edit_steps(shop)


def undo(shop_path: Path, *, ctx: JobContext | None = None) -> Changed[str]:
    with open_shop(shop_path, create=False) as shop:
        label, tables = undo_last(shop)
    return changed(label, *(TABLE_CHANGES[t] for t in tables))


def redo(shop_path: Path, *, ctx: JobContext | None = None) -> Changed[str]:
    with open_shop(shop_path, create=False) as shop:
        label, tables = redo_next(shop)
    return changed(label, *(TABLE_CHANGES[t] for t in tables))
