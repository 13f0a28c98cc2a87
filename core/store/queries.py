"""Read-only questions the pages ask of a shop file, answered as dataclasses."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from core.importing.report import MAX_STORED_PROBLEMS, Problem
from core.store.db import ShopDb


@dataclass(frozen=True)
class ProductRow:
    sku: str
    name: str
    category: str
    supplier: str
    on_hand: float | None      # the latest stock count, None if never counted
    on_hand_date: str | None
    sold_30: float             # net units sold in the 30 days up to the reference day
    sold_90: float
    last_sale: str | None
    active: bool


@dataclass(frozen=True)
class ProductsOverview:
    as_of: dt.date             # the reference day for "last 30/90 days"
    rows: list[ProductRow]


def reference_day(shop: ShopDb, today: dt.date | None = None) -> dt.date:
    """Today, or the last day with sales when the history ends earlier (an old export): "last 30 days"
    then means the last 30 days of the data, not 30 empty days."""
    today = today or dt.date.today()
    last = shop.scalar("SELECT max(date) FROM sales")
    if last is None:
        return today
    return min(today, dt.date.fromisoformat(last))


def products_overview(shop: ShopDb, *, today: dt.date | None = None) -> ProductsOverview:
    as_of = reference_day(shop, today)
    d30 = (as_of - dt.timedelta(days=29)).isoformat()
    d90 = (as_of - dt.timedelta(days=89)).isoformat()
    rows = shop.query(
        """
        WITH recent AS (
            SELECT product_id,
                   sum(CASE WHEN date >= :d30 THEN qty ELSE 0 END) AS sold_30,
                   sum(qty) AS sold_90
            FROM sales WHERE date >= :d90 AND date <= :as_of GROUP BY product_id),
        last_sale AS (SELECT product_id, max(date) AS last_sale FROM sales WHERE qty > 0 GROUP BY product_id),
        latest_count AS (
            SELECT s.product_id, s.qty, s.date FROM stock_snapshots s
            JOIN (SELECT product_id, max(date) AS date FROM stock_snapshots GROUP BY product_id) m
              ON m.product_id = s.product_id AND m.date = s.date)
        SELECT p.sku, coalesce(p.name, '') AS name, coalesce(p.category, '') AS category,
               coalesce(su.name, '') AS supplier, c.qty AS on_hand, c.date AS on_hand_date,
               coalesce(r.sold_30, 0) AS sold_30, coalesce(r.sold_90, 0) AS sold_90, l.last_sale, p.active
        FROM products p
        LEFT JOIN suppliers su ON su.id = p.supplier_id
        LEFT JOIN recent r ON r.product_id = p.id
        LEFT JOIN last_sale l ON l.product_id = p.id
        LEFT JOIN latest_count c ON c.product_id = p.id
        ORDER BY p.sku
        """, {"d30": d30, "d90": d90, "as_of": as_of.isoformat()})
    return ProductsOverview(as_of, [ProductRow(r["sku"], r["name"], r["category"], r["supplier"], r["on_hand"],
                                               r["on_hand_date"], r["sold_30"], r["sold_90"], r["last_sale"],
                                               bool(r["active"])) for r in rows])


@dataclass(frozen=True)
class ImportRunRow:
    id: int
    started_at: str
    file_name: str
    sheet: str | None
    kind: str
    rows_read: int
    imported: int
    warnings: int
    rejected: int
    counts: dict
    undone_at: str | None


def list_imports(shop: ShopDb) -> list[ImportRunRow]:
    rows = shop.query("SELECT * FROM import_runs ORDER BY id DESC")
    return [ImportRunRow(r["id"], r["started_at"], r["file_name"], r["sheet"], r["kind"], r["rows_read"] or 0,
                         r["imported"] or 0, r["warnings"] or 0, r["rejected"] or 0,
                         json.loads(r["counts"] or "{}"), r["undone_at"]) for r in rows]


def import_problems(shop: ShopDb, import_id: int, *, limit: int = MAX_STORED_PROBLEMS) -> list[Problem]:
    rows = shop.query(
        "SELECT row, column_name, severity, message, value FROM import_problems WHERE import_id = ? "
        "ORDER BY CASE severity WHEN 'rejected' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, row LIMIT ?",
        (import_id, limit))
    return [Problem(r["row"], r["column_name"], r["severity"], r["message"], r["value"] or "") for r in rows]


def supplier_names(shop: ShopDb) -> list[str]:
    return [r[0] for r in shop.query("SELECT name FROM suppliers ORDER BY name COLLATE NOCASE")]


def category_names(shop: ShopDb) -> list[str]:
    return [r[0] for r in shop.query(
        "SELECT DISTINCT category FROM products WHERE category IS NOT NULL AND category != '' ORDER BY category")]


def shop_summary(shop: ShopDb) -> dict[str, object]:
    return {
        "products": shop.scalar("SELECT count(*) FROM products"),
        "suppliers": shop.scalar("SELECT count(*) FROM suppliers"),
        "sales_lines": shop.scalar("SELECT count(*) FROM sales"),
        "first_sale": shop.scalar("SELECT min(date) FROM sales"),
        "last_sale": shop.scalar("SELECT max(date) FROM sales"),
        "shop_name": shop.get_setting("shop_name", shop.path.stem if shop.path else "Shop"),
    }
