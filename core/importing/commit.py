"""Storing a validated import in the shop file, all or nothing, and undoing one import exactly.

One transaction per import: a crash, a kill or Cancel at any point leaves the shop as it was. Rows an import
adds carry its id; rows it changes have their earlier state in the audit log; undo uses both.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from core.errors import UserError
from core.i18n import _, sentences
from core.importing.report import ImportReport, Problem
from core.importing.validate import Validated
from core.jobs import JobContext, null_context
from core.store.db import ShopDb, atomic, audit, now_iso

CHUNK = 20_000
PRODUCT_COLUMNS = ["name", "category", "supplier_id", "supplier_sku", "unit_cost", "sell_price", "pack_size",
                   "min_order_qty", "lead_time_days", "shelf_life_days", "active"]
SUPPLIER_COLUMNS = ["email", "phone", "address", "lead_time_days", "order_days", "min_order_value", "currency"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _none(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def commit(shop: ShopDb, validated: Validated, ctx: JobContext | None = None) -> ImportReport:
    """Store the import; returns a new report with the final counts and `import_id` set. The validated
    import is left as it was, so a cancelled commit can simply be tried again."""
    ctx = ctx or null_context()
    # the report's counts and lists are what commit changes (problems are added, never changed): copies of those,
    # not a deep copy of every problem (19,374 on the UCI file: 110 ms holding the window's GIL)
    original = validated.report
    validated = dataclasses.replace(validated, report=dataclasses.replace(
        original, counts=dict(original.counts), problems=list(original.problems), notes=list(original.notes)))
    report = validated.report
    sha = file_sha256(validated.sheet.path)
    with atomic(shop) as conn:
        cursor = conn.execute(
            "INSERT INTO import_runs(started_at, file_name, file_sha256, sheet, kind, layout, period, mapping) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (now_iso(), validated.sheet.path.name, sha, validated.sheet.sheet, validated.kind,
             validated.mapping.layout, report.period, json.dumps(validated.mapping.as_dict(), ensure_ascii=False)))
        import_id = cursor.lastrowid
        ctx.progress(0.02, _("Storing"))
        store = {"sales": _store_sales, "stock": _store_stock, "products": _store_products,
                 "suppliers": _store_suppliers, "prices": _store_prices, "events": _store_events,
                 "orders": _store_orders}[validated.kind]
        store(shop, validated, import_id, ctx)
        ctx.check_cancelled()
        _store_report(shop, report, import_id)
        audit(shop, f"import {validated.kind}", table="import_runs", row_id=import_id, import_id=import_id,
              detail=f"{validated.sheet.where}: {report.imported:,} imported, {report.rejected:,} rejected")
        ctx.check_cancelled()
    report.import_id = import_id
    report.committed = True
    ctx.progress(1.0, _("Imported"))
    return report


def _store_report(shop: ShopDb, report: ImportReport, import_id: int) -> None:
    shop.conn.execute(
        "UPDATE import_runs SET rows_read=?, imported=?, warnings=?, rejected=?, counts=? WHERE id=?",
        (report.rows_read, report.imported, report.warnings, report.rejected,
         json.dumps({**report.counts, "notes": report.notes}, ensure_ascii=False), import_id))
    shop.conn.executemany(
        "INSERT INTO import_problems(import_id, row, column_name, severity, message, value) VALUES (?,?,?,?,?,?)",
        ((import_id, p.row, p.column, p.severity, p.message, p.value) for p in report.problems))


# ------------------------------------------------------------------ products and suppliers


def _supplier_ids(shop: ShopDb, names, import_id: int, report: ImportReport) -> dict[str, int]:
    """Ids for supplier names (matched without regard to case), creating the ones the shop lacks."""
    known = {row["name"].lower(): row["id"] for row in shop.query("SELECT id, name FROM suppliers")}
    for name in {n for n in names if n}:
        if name.lower() not in known:
            cursor = shop.conn.execute("INSERT INTO suppliers(name, import_id) VALUES (?, ?)", (name, import_id))
            known[name.lower()] = cursor.lastrowid
            report.count("new_suppliers")
    return known


def product_ids(shop: ShopDb, validated: Validated, import_id: int, *, create: bool = True) -> dict[str, int]:
    """sku -> product id for every product the import names, creating unknown ones (and saying so)."""
    report = validated.report
    ids = {row["sku"]: row["id"] for row in shop.query("SELECT id, sku FROM products")}
    facts = validated.products
    new = facts[~facts["sku"].isin(ids.keys())] if len(facts) else facts
    if create and len(new):
        suppliers = _supplier_ids(shop, new["supplier"].dropna().tolist(), import_id, report)
        shop.conn.executemany(
            "INSERT INTO products(sku, name, category, supplier_id, unit_cost, lead_time_days, min_order_qty, "
            "import_id) VALUES (?,?,?,?,?,?,coalesce(?, 0),?)",
            ((r.sku, _none(r.name), _none(r.category), suppliers.get((r.supplier or "").lower()),
              _none(getattr(r, "unit_cost", None)), _none(getattr(r, "lead_time_days", None)),
              _none(getattr(r, "min_order_qty", None)), import_id)
             for r in new.itertuples(index=False)))
        given = [label for name, label in (("unit_cost", _("costs")), ("lead_time_days", _("lead times")),
                                           ("min_order_qty", _("minimum orders")))
                 if name in new and new[name].notna().any()]
        if given:
            report.notes.append(_("The new products' {what} were taken from the columns beside the sales.").format(
                what=", ".join(given)))
        report.count("new_products", len(new))
        ids = {row["sku"]: row["id"] for row in shop.query("SELECT id, sku FROM products")}
    if create and len(facts) > len(new):
        _fill_known_products(shop, facts[facts["sku"].isin(ids.keys()) & ~facts["sku"].isin(set(new["sku"]))],
                             import_id, report)
    return ids


def _fill_known_products(shop: ShopDb, facts, import_id: int, report: ImportReport) -> None:
    """Facts beside the sales of products the shop already has fill only what the shop does not know yet (a blank
    cost, no supplier, a minimum order of 0); what the owner set is never overwritten, and a disagreement is said.
    Each product changed is logged, so undoing the import puts it back."""
    # a product's facts a sales sheet may carry beside its sales (wide sheets: cost, lead time, minimum order...)
    known = (("name", "name", _("names")), ("category", "category", _("categories")),
             ("unit_cost", "unit_cost", _("costs")), ("lead_time_days", "lead_time_days", _("lead times")),
             ("min_order_qty", "min_order_qty", _("minimum orders")), ("supplier", "supplier_id", _("suppliers")))
    given = [(column, field, label) for column, field, label in known if column in facts and facts[column].notna().any()]
    if not given or not len(facts):
        return
    suppliers = _supplier_ids(shop, facts["supplier"].dropna().tolist(), import_id, report) \
        if "supplier" in facts else {}
    filled: dict[str, int] = {}
    differs: dict[str, int] = {}
    for record in facts.to_dict("records"):
        row = shop.conn.execute("SELECT * FROM products WHERE sku = ?", (record["sku"],)).fetchone()
        if row is None:
            continue
        values = {}
        for column, field, label in given:
            value = _none(record.get(column))
            if value is None:
                continue
            if field == "supplier_id":
                value = suppliers.get(str(value).lower())
            current = row[field]
            if current is None or current == "" or (field == "min_order_qty" and not current):
                values[field] = value
                filled[label] = filled.get(label, 0) + 1
            elif field in ("unit_cost", "lead_time_days", "min_order_qty") and abs(float(current) - float(value)) \
                    > 1e-9 * max(1.0, abs(float(value))):
                differs[label] = differs.get(label, 0) + 1
        if values:
            _upsert(shop, "products", "sku", record["sku"], values, import_id)
            report.count("products_filled")
    if filled:
        report.notes.append(_("Products the shop already had were given the {what} from the columns beside the sales "
                              "where they had none.").format(
            what=", ".join(f"{label} ({filled[label]:,})" for _c, _f, label in given if label in filled)))
    if differs:
        report.notes.append(_("Where a product already had them, the shop's own {what} were kept: the sheet says "
                              "otherwise for some ({list}).").format(
            what=", ".join(differs), list=", ".join(f"{label}: {n:,}" for label, n in differs.items())))


def _upsert(shop: ShopDb, table: str, key_column: str, key: str, values: dict, import_id: int) -> str:
    """Insert a row, or update the columns the file fills (blanks never erase), keeping the old row in the
    audit log so undo can put it back. Returns 'new', 'updated' or 'same'. Product codes match exactly
    ('85123A' and '85123a' are two products); supplier names match without regard to case (the column's
    collation)."""
    row = shop.conn.execute(f"SELECT * FROM {table} WHERE {key_column} = ?", (key,)).fetchone()
    values = {k: _none(v) for k, v in values.items() if _none(v) is not None}
    # plain SQL, not sqlite-utils' insert()/update(): a product list is stored a row at a time, and insert() costs
    # about 40 µs a row here against 3.5 µs (20,000 products: 0.79 s vs 0.07 s; AMD EPYC 2-core VM, 2026-12-05)
    if row is None:
        columns = [key_column, *values, "import_id"]
        shop.conn.execute(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                          (key, *values.values(), import_id))
        return "new"
    changed = {k: v for k, v in values.items() if row[k] != v}
    if not changed:
        return "same"
    audit(shop, "import update", table=table, row_id=row["id"], before=dict(row), import_id=import_id,
          detail=", ".join(changed))
    shop.conn.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in changed)} WHERE id = ?",
                      (*changed.values(), row["id"]))
    return "updated"


def _store_products(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    report = validated.report
    records = validated.records
    suppliers = _supplier_ids(shop, records["supplier"].dropna().tolist() if "supplier" in records else [],
                              import_id, report)
    for i, record in enumerate(records.to_dict("records")):
        values = {k: record.get(k) for k in PRODUCT_COLUMNS if k in record and k != "supplier_id"}
        if record.get("supplier"):
            values["supplier_id"] = suppliers[record["supplier"].lower()]
        outcome = _upsert(shop, "products", "sku", record["sku"], values, import_id)
        report.count({"new": "new_products", "updated": "updated", "same": "unchanged"}[outcome])
        if i % 500 == 0:
            ctx.check_cancelled()
            ctx.progress(0.1 + 0.8 * i / max(len(records), 1), _("Storing products"))


def _store_suppliers(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    report = validated.report
    for record in validated.records.to_dict("records"):
        values = {k: record.get(k) for k in SUPPLIER_COLUMNS if k in record}
        outcome = _upsert(shop, "suppliers", "name", record["supplier"], values, import_id)
        report.count({"new": "new_suppliers", "updated": "updated", "same": "unchanged"}[outcome])


# ------------------------------------------------------------------ sales and stock


def _insert_chunks(shop: ShopDb, sql: str, rows: list[tuple], ctx: JobContext, label: str,
                   start: float = 0.1, end: float = 0.95) -> int:
    """executemany in chunks with progress and Cancel; returns how many rows were really inserted."""
    inserted = 0
    for first in range(0, len(rows), CHUNK):
        ctx.check_cancelled()
        before = shop.conn.total_changes
        shop.conn.executemany(sql, rows[first:first + CHUNK])
        inserted += shop.conn.total_changes - before
        ctx.progress(start + (end - start) * min(1.0, (first + CHUNK) / max(len(rows), 1)),
                     _("{label}: {done:,} of {total:,}").format(label=label, done=min(first + CHUNK, len(rows)),
                                                               total=len(rows)))
    return inserted


def _account_skipped(report: ImportReport, skipped: int) -> None:
    if skipped:
        report.count("already_in_shop", skipped)
        report.imported -= skipped


def _claim_existing(shop: ShopDb, table: str, match: str, keys: list[tuple], import_id: int) -> None:
    """Record that this import also carried rows an earlier import stored (see import_claims). `keys` are
    (a, b) pairs that `match` joins to the table's columns."""
    conn = shop.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (a, b)")
    conn.execute("DELETE FROM incoming")
    conn.executemany("INSERT INTO incoming VALUES (?, ?)", keys)
    conn.execute(f"INSERT OR IGNORE INTO import_claims(table_name, row_id, import_id) "
                 f"SELECT '{table}', t.rowid, ? FROM incoming i JOIN {table} t ON {match} WHERE t.import_id != ?",
                 (import_id, import_id))
    conn.execute("DELETE FROM incoming")


def _store_sales(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    records = validated.records
    ids = product_ids(shop, validated, import_id)
    records = records.assign(product_id=records["sku"].map(ids).to_numpy(dtype=np.int64))
    # In key order the table's b-tree fills from one end: half the cost of random order (bench/RESULTS.md).
    records = records.iloc[np.argsort(records["line_key"].to_numpy())]
    revenue = records["revenue"].astype(float)
    keys = records["line_key"].tolist()
    rows = _Rows([records["product_id"].tolist(), records["date"].tolist(), records["qty"].astype(float).tolist(),
                  revenue.where(revenue.notna(), None).tolist(), keys, [import_id] * len(records)])
    inserted = _insert_chunks(
        shop, "INSERT OR IGNORE INTO sales(product_id, date, qty, revenue, line_key, import_id) VALUES (?,?,?,?,?,?)",
        rows, ctx, _("Storing sales"))
    completed = 0
    if inserted < len(rows):
        completed = _complete_part_days(shop, validated, records, import_id)
        # a line carried again with another quantity is not this import's to keep: undoing the earlier import
        # removes it, and this file imported again then stores its own figure
        _claim_existing(shop, "sales", "t.line_key = i.a AND abs(t.qty - i.b) <= 1e-9",
                        list(zip(keys, records["qty"].astype(float).tolist())), import_id)
        _say_other_figures(shop, validated, records, import_id)
    _account_skipped(validated.report, len(rows) - inserted - completed)


def _complete_part_days(shop: ShopDb, validated: Validated, records: pd.DataFrame, import_id: int) -> int:
    """A day's totals imported on that very day (a till's daily export taken at lunchtime) are the day so far. Where
    this file holds that day and a later one (it was made after the day ended), its figures for the day are the whole
    day's: they replace the stored part-day figures, each kept in the audit log so undoing this import puts it
    back (and undoing the earlier import hands the line to this one, as for any line both carried). Lines of a
    day that was over when it was imported keep their stored figures (_say_other_figures). Returns how many lines
    were completed."""
    if records.empty or validated.report.period != "day":
        return 0
    dates = records["date"].astype(str)
    earlier = (dates < dates.max()).to_numpy()        # days the file runs past: over when it was made
    if not earlier.any():
        return 0
    conn = shop.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_day "
                 "(line_key INTEGER PRIMARY KEY, qty REAL, revenue REAL, sku TEXT)")
    conn.execute("DELETE FROM incoming_day")
    part = records[earlier]
    revenue = part["revenue"].astype(float)
    lines = _Rows([part["line_key"].tolist(), part["qty"].astype(float).tolist(),
                   revenue.where(revenue.notna(), None).tolist(), part["sku"].tolist()])
    for first in range(0, len(lines), CHUNK):
        conn.executemany("INSERT OR REPLACE INTO incoming_day VALUES (?, ?, ?, ?)", lines[first:first + CHUNK])
    found = conn.execute(
        "SELECT t.line_key, t.date, t.qty, t.revenue, i.qty AS new_qty, i.revenue AS new_revenue, i.sku "
        "FROM incoming_day i JOIN sales t ON t.line_key = i.line_key JOIN import_runs r ON r.id = t.import_id "
        "WHERE t.import_id != ? AND abs(t.qty - i.qty) > 1e-9 AND substr(t.date, 1, 10) >= substr(r.started_at, 1, 10) "
        "ORDER BY t.date, i.sku", (import_id,)).fetchall()
    conn.execute("DELETE FROM incoming_day")
    for line in found:
        audit(shop, "import update", table="sales", row_id=line["line_key"],
              before={"qty": line["qty"], "revenue": line["revenue"]}, import_id=import_id, detail="qty, revenue")
    conn.executemany("UPDATE sales SET qty = ?, revenue = ? WHERE line_key = ?",
                     [(line["new_qty"], line["new_revenue"], line["line_key"]) for line in found])
    if found:
        validated.report.count("day_completed", len(found))
        days = sorted({str(line["date"])[:10] for line in found})
        validated.report.notes.append(_(
            "Sales of {days} were imported before the day ended (the day so far): {n} of those lines now hold this "
            "file's figures for the whole day (the first: {sku}).").format(
            n=f"{len(found):,}", days=", ".join(days[:3]) + (", …" if len(days) > 3 else ""), sku=found[0]["sku"]))
    return len(found)


def _say_other_figures(shop: ShopDb, validated: Validated, records: pd.DataFrame, import_id: int) -> None:
    """Lines already in the shop that this file gives other quantities for (a corrected report, a day or period
    re-exported): the shop keeps what it holds, and the report says so, with the first of them and how to take
    this file's figures instead."""
    conn = shop.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_qty (line_key INTEGER PRIMARY KEY, qty REAL, sku TEXT)")
    conn.execute("DELETE FROM incoming_qty")
    lines = _Rows([records["line_key"].tolist(), records["qty"].astype(float).tolist(), records["sku"].tolist()])
    for first in range(0, len(lines), CHUNK):        # a chunk at a time, as the sales went in (the window's GIL)
        conn.executemany("INSERT OR REPLACE INTO incoming_qty VALUES (?, ?, ?)", lines[first:first + CHUNK])
    differ = conn.execute(
        "SELECT count(*), min(t.date), (SELECT i2.sku FROM incoming_qty i2 JOIN sales t2 ON t2.line_key = i2.line_key "
        " WHERE t2.import_id != ? AND abs(t2.qty - i2.qty) > 1e-9 ORDER BY t2.date, i2.sku LIMIT 1) "
        "FROM incoming_qty i JOIN sales t ON t.line_key = i.line_key WHERE t.import_id != ? AND abs(t.qty - i.qty) > 1e-9",
        (import_id, import_id)).fetchone()
    conn.execute("DELETE FROM incoming_qty")
    if differ and differ[0]:
        validated.report.notes.append(_(
            "{n} of the lines already in the shop have other quantities in this file (the first: {sku} on {day}): "
            "the shop keeps the figures it holds. To take this file's instead, undo the earlier import (Imports "
            "page, or `undo`), then import this file again.").format(n=f"{differ[0]:,}", sku=differ[2], day=differ[1]))


class _Rows:
    """Rows as columns, zipped into tuples a chunk at a time: zipping 531,203 sales at once held the GIL for 65 ms
    in one C call (list(zip(...))), a pause in the window (the UCI file through the wizard: 114 ms while storing)."""

    def __init__(self, columns: list[list]):
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, part: slice) -> list[tuple]:
        return list(zip(*(column[part] for column in self.columns)))


def _store_stock(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    """Each count as counted: by location where the file names them ('' for the whole shop); readers take the
    shop's stock from the stock_counts view (the locations' latest counts added up)."""
    records = validated.records
    ids = product_ids(shop, validated, import_id)
    places = records["location"].astype(str).tolist() if "location" in records else [""] * len(records)
    rows = list(zip(records["sku"].map(ids).astype(int).tolist(), records["date"].tolist(),
                    records["qty"].astype(float).tolist(), [import_id] * len(records), places))
    inserted = _insert_chunks(
        shop, "INSERT OR IGNORE INTO stock_snapshots(product_id, date, qty, import_id, location) VALUES (?,?,?,?,?)",
        rows, ctx, _("Storing stock counts"))
    if inserted < len(rows):
        _claim_existing(shop, "stock_snapshots", "t.product_id = i.a AND t.date || char(31) || t.location = i.b",
                        [(r[0], f"{r[1]}\x1f{r[4]}") for r in rows], import_id)
    _account_skipped(validated.report, len(rows) - inserted)


# ------------------------------------------------------------------ prices, events, open orders


def _known_products(shop: ShopDb, validated: Validated, import_id: int) -> tuple[pd.DataFrame, dict[str, int]]:
    """Records whose product the shop knows; the others are rejected with their row."""
    ids = product_ids(shop, validated, import_id, create=False)
    records = validated.records
    if "sku" not in records:
        return records, ids
    unknown = records["sku"].notna() & ~records["sku"].isin(ids.keys())
    report = validated.report
    for row, sku in zip(records.loc[unknown, "row"], records.loc[unknown, "sku"]):
        report.add(Problem(int(row), validated.mapping.source_of("sku"), "rejected",
                           _("this product code is not in the shop: import products or sales first"), sku))
    report.rejected += int(unknown.sum())
    report.imported -= int(unknown.sum())
    return records[~unknown], ids


def _store_prices(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    records, ids = _known_products(shop, validated, import_id)
    rows = [(ids[r["sku"]], r["date"], _none(r.get("sell_price")), _none(r.get("unit_cost")), import_id)
            for r in records.to_dict("records")]
    inserted = _insert_chunks(
        shop, "INSERT OR IGNORE INTO prices(product_id, date, sell_price, unit_cost, import_id) VALUES (?,?,?,?,?)",
        rows, ctx, _("Storing prices"))
    if inserted < len(rows):
        _claim_existing(shop, "prices", "t.product_id = i.a AND t.date = i.b", [(r[0], r[1]) for r in rows],
                        import_id)
    _account_skipped(validated.report, len(rows) - inserted)


def _store_events(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    records, ids = _known_products(shop, validated, import_id)
    skipped = 0
    for r in records.to_dict("records"):
        product = ids.get(r["sku"]) if r.get("sku") else None
        existing = shop.scalar("SELECT id FROM events WHERE date = ? AND name = ? AND product_id IS ?",
                               (r["date"], r["name"], product))
        if existing is not None:
            skipped += 1
            shop.conn.execute("INSERT OR IGNORE INTO import_claims VALUES ('events', ?, ?)", (existing, import_id))
            continue
        shop.conn.execute("INSERT INTO events(date, end_date, name, kind, product_id, import_id) VALUES (?,?,?,?,?,?)",
                          (r["date"], _none(r.get("end_date")), r["name"], _none(r.get("kind")), product, import_id))
    _account_skipped(validated.report, skipped)


def _store_orders(shop: ShopDb, validated: Validated, import_id: int, ctx: JobContext) -> None:
    report = validated.report
    records, ids = _known_products(shop, validated, import_id)
    suppliers = _supplier_ids(shop, records["supplier"].dropna().tolist() if "supplier" in records else [],
                              import_id, report)
    skipped = 0
    for number, lines in records.groupby("number", sort=False):
        first = lines.iloc[0].to_dict()
        order = shop.conn.execute("SELECT id FROM purchase_orders WHERE number = ?", (number,)).fetchone()
        if order is None:
            supplier = first.get("supplier")
            supplier_id = suppliers.get(supplier.lower()) if supplier else shop.scalar(
                "SELECT supplier_id FROM products WHERE id = ?", (ids[first["sku"]],))
            if supplier_id is None:
                for row in lines["row"]:
                    report.add(Problem(int(row), validated.mapping.source_of("supplier"), "rejected",
                                       _("no supplier for this order, and its product has none"), number))
                report.rejected += len(lines)
                report.imported -= len(lines)
                continue
            order_id = shop.conn.execute(
                "INSERT INTO purchase_orders(number, supplier_id, status, order_date, expected_date, import_id) "
                "VALUES (?,?,?,?,?,?)", (number, supplier_id, "sent", _none(first.get("date")),
                                         _none(first.get("expected_date")), import_id)).lastrowid
        else:
            order_id = order["id"]
        for r in lines.to_dict("records"):
            cursor = shop.conn.execute(
                "INSERT OR IGNORE INTO purchase_order_lines(order_id, product_id, qty, unit_cost, import_id) "
                "VALUES (?,?,?,?,?)", (order_id, ids[r["sku"]], float(r["qty"]), _none(r.get("unit_cost")), import_id))
            if cursor.rowcount == 0:
                skipped += 1
                shop.conn.execute(
                    "INSERT OR IGNORE INTO import_claims SELECT 'purchase_order_lines', id, ? FROM "
                    "purchase_order_lines WHERE order_id = ? AND product_id = ? AND import_id != ?",
                    (import_id, order_id, ids[r["sku"]], import_id))
    _account_skipped(report, skipped)


# ------------------------------------------------------------------ undo


def undo_import(shop: ShopDb, import_id: int) -> str:
    """Remove exactly what one import added and put back what it changed. Returns a summary."""
    run = shop.conn.execute("SELECT * FROM import_runs WHERE id = ?", (import_id,)).fetchone()
    if run is None:
        raise UserError(_("There is no import number {id} in this shop.").format(id=import_id))
    if run["undone_at"]:
        raise UserError(_("Import {id} ({file}) was already undone on {day}.").format(
            id=import_id, file=run["file_name"], day=run["undone_at"]))
    removed: dict[str, int] = {}
    handed_over = 0
    with atomic(shop) as conn:
        conn.execute("DELETE FROM import_claims WHERE import_id = ?", (import_id,))
        for table in ("sales", "stock_snapshots", "prices", "events", "purchase_order_lines"):
            # rows a later, standing import also carried pass to it (the earliest such) rather than vanish
            claimed = f"FROM import_claims c WHERE c.table_name = '{table}' AND c.row_id = {table}.rowid"
            handed_over += conn.execute(
                f"UPDATE {table} SET import_id = (SELECT min(c.import_id) {claimed}) "
                f"WHERE import_id = ? AND EXISTS (SELECT 1 {claimed})", (import_id,)).rowcount
            conn.execute(f"DELETE FROM import_claims WHERE table_name = '{table}' AND EXISTS (SELECT 1 FROM "
                         f"{table} t WHERE t.rowid = import_claims.row_id AND t.import_id = import_claims.import_id)")
            removed[table] = conn.execute(f"DELETE FROM {table} WHERE import_id = ?", (import_id,)).rowcount
        conn.execute("DELETE FROM purchase_orders WHERE import_id = ? AND NOT EXISTS "
                     "(SELECT 1 FROM purchase_order_lines l WHERE l.order_id = purchase_orders.id)", (import_id,))
        conn.execute("UPDATE purchase_orders SET import_id = NULL WHERE import_id = ?", (import_id,))
        for entry in conn.execute("SELECT table_name, row_id, before FROM audit_log WHERE import_id = ? AND "
                                  "action = 'import update' ORDER BY id DESC", (import_id,)).fetchall():
            before = json.loads(entry["before"])
            columns = [c for c in before if c != "id"]
            conn.execute(f"UPDATE {entry['table_name']} SET {', '.join(f'{c} = ?' for c in columns)} WHERE rowid = ?",
                         (*[before[c] for c in columns], entry["row_id"]))
        kept = 0
        for table, refs in (("products", ("sales", "stock_snapshots", "prices", "events", "purchase_order_lines",
                                          "stock_receipts")),
                            ("suppliers", ("products", "purchase_orders"))):
            in_use = " OR ".join(f"EXISTS (SELECT 1 FROM {ref} r WHERE r.{'product_id' if table == 'products' else 'supplier_id'} = {table}.id)"
                                 for ref in refs)
            removed[table] = conn.execute(f"DELETE FROM {table} WHERE import_id = ? AND NOT ({in_use})",
                                          (import_id,)).rowcount
            kept += conn.execute(f"UPDATE {table} SET import_id = NULL WHERE import_id = ?", (import_id,)).rowcount
        conn.execute("UPDATE import_runs SET undone_at = ? WHERE id = ?", (now_iso(), import_id))
        audit(shop, "undo import", table="import_runs", row_id=import_id, import_id=import_id,
              detail=json.dumps(removed))
    things = {"sales": _("sales"), "stock_snapshots": _("stock snapshots"), "prices": _("prices"),
              "events": _("events"), "purchase_order_lines": _("purchase order lines"), "products": _("products"),
              "suppliers": _("suppliers")}
    parts = [_("{count:,} {things}").format(count=n, things=things.get(t, t.replace("_", " ")))
             for t, n in removed.items() if n]
    summary = [_("Undid import {id} ({file}): removed {removed}.").format(
        id=import_id, file=run["file_name"], removed=_(", ").join(parts) or _("nothing"))]
    if handed_over:
        summary.append(_("{rows:,} rows that later imports also carried stay, now theirs.").format(rows=handed_over))
    if kept:
        summary.append(_("{kept} product(s) or supplier(s) it created are kept because later data uses them.").format(
            kept=kept))
    return sentences(summary)
