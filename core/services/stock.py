"""A stocktake that fits a small shop: the count sheet (every product, or one supplier's or one category's, with
what the shop expects on the shelf and a blank column to write the count in), saved as xlsx or csv to print or fill
in, and counts typed into the app. Each count is stored as the product's stock on the day; the difference from what
was expected is shown and kept in the edit (so Edit ▸ Undo takes a stocktake back whole)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from core.edits import recording
from core.errors import UserError
from core.i18n import _
from core.jobs import JobContext
from core.services.changes import STOCK, Changed, changed
from core.store.db import ShopDb, open_shop

COUNT_SHEET_COLUMNS = ("Product code", "Description", "Supplier", "Category", "Expected", "Count date", "Counted")


@dataclass(frozen=True)
class CountLine:
    sku: str
    name: str
    supplier: str
    category: str
    expected: float | None        # last count - sold since + received since; None: never counted
    last_count_date: str | None


@dataclass(frozen=True)
class CountsStored:
    counted: int                  # products counted
    differences: dict[str, float]     # sku -> counted - expected, where something was expected and it differs
    never_counted_before: int
    day: str

    @property
    def summary(self) -> str:
        text = _("{n} counts stored for {day}.").format(n=f"{self.counted:,}", day=self.day)
        if self.differences:
            net = sum(self.differences.values())
            text += " " + _("{n} differed from what was expected (net {net:+g}).").format(
                n=f"{len(self.differences):,}", net=net)
        if self.never_counted_before:
            text += " " + _("{n} were counted for the first time.").format(n=f"{self.never_counted_before:,}")
        return text


def _count_lines(shop: ShopDb, supplier: str | None, category: str | None) -> list[CountLine]:
    rows = shop.query(
        """
        WITH latest AS (
            SELECT s.product_id, s.qty, s.date FROM stock_counts s
            JOIN (SELECT product_id, max(date) AS date FROM stock_snapshots GROUP BY product_id) m
              ON m.product_id = s.product_id AND m.date = s.date),
        sold AS (SELECT sa.product_id, sum(sa.qty) AS qty FROM sales sa JOIN latest l ON l.product_id = sa.product_id
                 WHERE sa.date > l.date GROUP BY sa.product_id),
        received AS (SELECT r.product_id, sum(r.qty) AS qty FROM stock_receipts r
                     JOIN latest l ON l.product_id = r.product_id WHERE r.date > l.date GROUP BY r.product_id)
        SELECT p.sku, coalesce(p.name, '') AS name, coalesce(su.name, '') AS supplier,
               coalesce(p.category, '') AS category, l.date AS counted_on,
               CASE WHEN l.qty IS NULL THEN NULL
                    ELSE max(l.qty - coalesce(so.qty, 0) + coalesce(re.qty, 0), 0) END AS expected
        FROM products p
        LEFT JOIN suppliers su ON su.id = p.supplier_id
        LEFT JOIN latest l ON l.product_id = p.id
        LEFT JOIN sold so ON so.product_id = p.id
        LEFT JOIN received re ON re.product_id = p.id
        WHERE p.active = 1 AND (:supplier IS NULL OR su.name = :supplier COLLATE NOCASE)
          AND (:category IS NULL OR p.category = :category COLLATE NOCASE)
        ORDER BY su.name COLLATE NOCASE, p.category COLLATE NOCASE, p.sku
        """, {"supplier": supplier, "category": category})
    return [CountLine(r["sku"], r["name"], r["supplier"], r["category"], r["expected"], r["counted_on"])
            for r in rows]


def count_sheet(shop_path: Path, *, ctx: JobContext | None = None, supplier: str | None = None,
                category: str | None = None) -> list[CountLine]:
    """The products to count (active ones; one supplier's or one category's where given), in shelf-walk order:
    by supplier, category and code."""
    with open_shop(shop_path, create=False) as shop:
        return _count_lines(shop, supplier, category)


def write_count_sheet(shop_path: Path, *, out: Path, ctx: JobContext | None = None, supplier: str | None = None,
                      category: str | None = None, day: dt.date | None = None) -> Path:
    """The count sheet as .xlsx (codes as text, a blank 'Counted' column, ready to print) or .csv. Filled in, it
    imports back as a stock count (File ▸ Import…, stock counts)."""
    import pandas as pd

    out = Path(out)
    lines = count_sheet(shop_path, supplier=supplier, category=category)
    if not lines:
        raise UserError(_("There are no products to count here."))
    day = (day or dt.date.today()).isoformat()
    frame = pd.DataFrame([(x.sku, x.name, x.supplier, x.category, x.expected, day, None) for x in lines],
                         columns=list(COUNT_SHEET_COLUMNS))
    try:
        if out.suffix.lower() == ".csv":
            frame.to_csv(out, index=False)
        elif out.suffix.lower() == ".xlsx":
            with pd.ExcelWriter(out, engine="openpyxl") as writer:
                frame.to_excel(writer, sheet_name="Count", index=False)
                sheet = writer.sheets["Count"]
                for cell in sheet["A"][1:]:
                    cell.number_format = "@"
                for column, width in zip("ABCDEFG", (14, 40, 24, 18, 10, 12, 10)):
                    sheet.column_dimensions[column].width = width
                sheet.freeze_panes = "A2"
                sheet.print_title_rows = "1:1"
        else:
            raise UserError(_("Cannot write {file}: the file name must end in .csv or .xlsx.").format(file=out.name))
    except PermissionError:
        raise UserError(_("Cannot write {file}: it is open in another program or the folder is read-only.")
                        .format(file=out)) from None
    return out


def store_counts(shop_path: Path, *, counts: dict[str, float], day: dt.date,
                 ctx: JobContext | None = None) -> Changed[CountsStored]:
    """Store what was counted on `day` (a recount on the same day replaces the earlier one), as one undoable edit."""
    if not counts:
        raise UserError(_("Type at least one count first."))
    for sku, qty in counts.items():
        if qty is None or qty < 0:
            raise UserError(_("The count of {sku} cannot be negative.").format(sku=sku))
    with open_shop(shop_path, create=False) as shop:
        expected = {line.sku: line for line in _count_lines(shop, None, None)}
        ids = {r["sku"]: int(r["id"]) for r in shop.query("SELECT id, sku FROM products")}
        unknown = sorted(set(counts) - set(ids))
        if unknown:
            raise UserError(_("Product {sku} is not in the shop.").format(sku=unknown[0]))
        label = _("Stocktake of {day}: {n} products").format(day=day.isoformat(), n=f"{len(counts):,}")
        with recording(shop, label) as edit:
            for sku, qty in counts.items():
                # a count of the whole shop (location ''): on its day it is what the shop held, whatever was
                # counted by location then
                existing = shop.scalar("SELECT id FROM stock_snapshots WHERE product_id = ? AND date = ? "
                                       "AND location = ''", (ids[sku], day.isoformat()))
                if existing is not None:
                    edit.touch("stock_snapshots", existing)
                    shop.db["stock_snapshots"].update(existing, {"qty": float(qty), "import_id": None})
                else:
                    row_id = shop.db["stock_snapshots"].insert(
                        {"product_id": ids[sku], "date": day.isoformat(), "qty": float(qty)}).last_pk
                    edit.created("stock_snapshots", row_id)
        differences = {sku: float(qty) - expected[sku].expected for sku, qty in counts.items()
                       if sku in expected and expected[sku].expected is not None
                       and abs(float(qty) - expected[sku].expected) > 1e-9}
        first = sum(1 for sku in counts if sku not in expected or expected[sku].expected is None)
    return changed(CountsStored(len(counts), differences, first, day.isoformat()), STOCK)
