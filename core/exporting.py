"""What the shop file holds, back out as a sheet (CSV or XLSX)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb

EXPORT_KINDS = ("sales", "stock", "products", "suppliers")

_QUERIES = {
    "sales": "",  # one row per product and day with sales: the net quantity (see _daily_sales)
    # each count as taken, with its location where it was counted by location (the column left out otherwise)
    "stock": """SELECT p.sku, s.date, s.location, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id
                ORDER BY p.sku, s.date, s.location""",
    "products": """SELECT p.sku, p.name, p.category, su.name AS supplier, p.supplier_sku, p.unit_cost, p.sell_price,
                          p.pack_size, p.min_order_qty, p.lead_time_days, p.shelf_life_days, p.active
                   FROM products p LEFT JOIN suppliers su ON su.id = p.supplier_id ORDER BY p.sku""",
    "suppliers": """SELECT name AS supplier, email, phone, address, lead_time_days, order_days, min_order_value,
                           currency FROM suppliers ORDER BY name""",
}


def export_frame(shop: ShopDb, kind: str) -> pd.DataFrame:
    if kind not in _QUERIES:
        raise UserError(_("Cannot export '{kind}'.").format(kind=kind), hint=_("Choose one of: {kinds}.").format(
                                                             kinds=', '.join(EXPORT_KINDS)))
    if kind == "sales":
        return _daily_sales(shop)
    frame = pd.read_sql_query(_QUERIES[kind], shop.conn)
    if "location" in frame and not (frame["location"] != "").any():
        frame = frame.drop(columns="location")
    if "sku" in frame:
        frame["sku"] = frame["sku"].astype(str)
    return frame


def _daily_sales(shop: ShopDb) -> pd.DataFrame:
    """Net quantity per product and day with sales lines, summed in pandas (SQLite would sort 500k lines)."""
    lines = pd.read_sql_query("SELECT product_id, date, qty FROM sales", shop.conn)
    skus = pd.read_sql_query("SELECT id, sku FROM products", shop.conn, dtype={"sku": str}).set_index("id")["sku"]
    daily = lines.groupby(["product_id", "date"], sort=False, as_index=False)["qty"].sum()
    daily.insert(0, "sku", daily.pop("product_id").map(skus))
    return daily.sort_values(["sku", "date"], kind="stable").reset_index(drop=True)


def export(shop: ShopDb, kind: str, out: str | Path) -> int:
    """Write the sheet; returns the number of rows written."""
    out = Path(out)
    frame = export_frame(shop, kind)
    suffix = out.suffix.lower()
    try:
        if suffix == ".csv":
            frame.to_csv(out, index=False)
        elif suffix == ".xlsx":
            with pd.ExcelWriter(out, engine="openpyxl") as writer:
                frame.to_excel(writer, sheet_name=kind.capitalize(), index=False)
                sheet = writer.sheets[kind.capitalize()]
                for cell in sheet["A"][1:]:
                    cell.number_format = "@"  # codes stay text: 00123 keeps its zeros
        else:
            raise UserError(_("Cannot write {name}: the file name must end in .csv or .xlsx.").format(name=out.name))
    except PermissionError:
        raise UserError(_("Cannot write {out}: it is open in another program or the folder is read-only.").format(
                            out=out),
                        hint=_("Close the file there, or choose another name.")) from None
    return len(frame)
