"""Numbered schema migrations. Never edit one that has shipped: add the next number.

Dates are ISO text ('YYYY-MM-DD'); quantities are REAL so that weighed goods (kg) fit; money is REAL in the
shop's currency. Every row that an import added carries its `import_id`, so an undo removes exactly it.

Why SQL and not sqlite-utils' `table.create()` / `transform()` (issue 22 asked for the library in the migrations;
chosen against, written down): the shipped migrations are the record of what every shop file was built with and
may never change, and they use what `create()` does not express: 28 foreign keys (7 with `ON DELETE` rules),
CHECK constraints, NOCASE collations and compound UNIQUE constraints. `transform()` rebuilds a table by copying
it, where `ALTER TABLE ... ADD COLUMN` changes the file in place in milliseconds even under millions of sales.
"""
from __future__ import annotations

MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE suppliers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT, phone TEXT, address TEXT,
    lead_time_days REAL,
    order_days TEXT,            -- e.g. 'Mon,Thu'; empty means any day
    min_order_value REAL,
    currency TEXT,
    import_id INTEGER REFERENCES import_runs(id)
);
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,   -- kept exactly as written: '00123', '85123A'
    name TEXT, category TEXT,
    supplier_id INTEGER REFERENCES suppliers(id),
    supplier_sku TEXT,
    unit_cost REAL, sell_price REAL,
    pack_size REAL NOT NULL DEFAULT 1,
    min_order_qty REAL NOT NULL DEFAULT 0,
    lead_time_days REAL,
    shelf_life_days REAL,
    active INTEGER NOT NULL DEFAULT 1,
    import_id INTEGER REFERENCES import_runs(id)   -- the import that created it, if one did
);
CREATE INDEX products_supplier ON products(supplier_id);
-- One row per source line (a till line, an invoice line, or one product-day of a daily sheet).
-- line_key identifies "the same sale" across imports (core/importing/rules.py) and is the row's key, so a
-- second import of the same sale is ignored: the first import wins. No other index: every reader scans the
-- whole history anyway (forecasts, overviews), and an index on (product, date) would double the cost of an
-- import (measured: bench/RESULTS.md).
CREATE TABLE sales (
    line_key INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,
    qty REAL NOT NULL,          -- negative for a cancellation or return
    revenue REAL,
    import_id INTEGER NOT NULL REFERENCES import_runs(id)
);
CREATE TABLE stock_snapshots (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,
    qty REAL NOT NULL,
    import_id INTEGER REFERENCES import_runs(id),
    UNIQUE(product_id, date)
);
CREATE INDEX stock_import ON stock_snapshots(import_id);
CREATE TABLE prices (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,          -- in force from this day
    sell_price REAL,
    unit_cost REAL,
    import_id INTEGER REFERENCES import_runs(id),
    UNIQUE(product_id, date)
);
CREATE INDEX prices_import ON prices(import_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    end_date TEXT,
    name TEXT NOT NULL,
    kind TEXT,                   -- holiday, promotion, event, ...
    product_id INTEGER REFERENCES products(id),   -- a promotion of one product; NULL for the whole shop
    import_id INTEGER REFERENCES import_runs(id),
    UNIQUE(date, name, product_id)
);
CREATE INDEX events_import ON events(import_id);
CREATE TABLE purchase_orders (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'sent', 'part-received', 'received', 'cancelled')),
    order_date TEXT,
    expected_date TEXT,
    notes TEXT,
    import_id INTEGER REFERENCES import_runs(id)
);
CREATE TABLE purchase_order_lines (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty REAL NOT NULL,
    received_qty REAL NOT NULL DEFAULT 0,
    unit_cost REAL,
    import_id INTEGER REFERENCES import_runs(id),
    UNIQUE(order_id, product_id)
);
CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT,
    sheet TEXT,
    kind TEXT NOT NULL,
    layout TEXT,                 -- long or wide
    period TEXT,                 -- day, week or month: the data's own unit
    mapping TEXT,                -- JSON: source column -> field
    rows_read INTEGER, imported INTEGER, warnings INTEGER, rejected INTEGER,
    counts TEXT,                 -- JSON: cancellations, write_offs, non_product, duplicates, ...
    undone_at TEXT
);
CREATE TABLE import_problems (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    row INTEGER, column_name TEXT,
    severity TEXT NOT NULL CHECK (severity IN ('warning', 'rejected', 'skipped')),
    message TEXT NOT NULL,
    value TEXT
);
CREATE INDEX import_problems_import ON import_problems(import_id);
-- Rows an import carried but found already stored (an earlier import owns them). Undoing that earlier import
-- hands each such row to the next import that carried it, instead of taking it away from the shop.
CREATE TABLE import_claims (
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    import_id INTEGER NOT NULL REFERENCES import_runs(id),
    PRIMARY KEY (table_name, row_id, import_id)
) WITHOUT ROWID;
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT                   -- JSON
);
-- What changed, with the row as it was before, so an update by an import can be undone.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT,
    row_id INTEGER,
    before TEXT,                 -- JSON of the row before the change, NULL for an insert
    import_id INTEGER REFERENCES import_runs(id),
    detail TEXT
);
CREATE INDEX audit_import ON audit_log(import_id);
""",
}

MIGRATIONS[2] = """
CREATE TABLE forecast_runs (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    as_of TEXT NOT NULL,          -- the forecast used only what was known on this day
    horizon INTEGER NOT NULL,
    period TEXT NOT NULL,
    settings TEXT,
    device TEXT,                  -- where the neural model ran: cuda, mps or cpu
    seconds REAL,
    coverage90 REAL               -- backtest share of days inside the 90% interval
);
CREATE TABLE forecast_products (
    run_id INTEGER NOT NULL REFERENCES forecast_runs(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    model TEXT NOT NULL,          -- the model, or the blend, chosen by the backtest
    weights TEXT,
    pattern TEXT, abc TEXT, xyz TEXT,
    rmsse REAL, mae REAL, mae_baseline REAL, bias REAL, dispersion REAL,
    PRIMARY KEY (run_id, product_id)
);
CREATE TABLE forecast_daily (
    run_id INTEGER NOT NULL REFERENCES forecast_runs(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,
    mean REAL NOT NULL, p05 REAL, p50 REAL, p80 REAL, p90 REAL, p95 REAL, p99 REAL,
    PRIMARY KEY (run_id, product_id, date)
) WITHOUT ROWID;
CREATE TABLE forecast_overrides (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    qty_per_day REAL NOT NULL,    -- replaces the forecast's mean on these days
    note TEXT,
    created_at TEXT NOT NULL
);
"""

MIGRATIONS[3] = """
ALTER TABLE forecast_runs ADD COLUMN sum_calibration TEXT;   -- JSON: days -> factor on the daily spread of sums
ALTER TABLE purchase_orders ADD COLUMN received_date TEXT;   -- the day the last of it arrived: learned lead times
-- The owner's own order quantity for a product in the plan of one day, with the reason (kept, audited).
CREATE TABLE order_adjustments (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    plan_date TEXT NOT NULL,      -- the day the plan is for (the day after its data ends)
    qty REAL NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE(product_id, plan_date)
);
"""

MIGRATIONS[4] = """
-- A purchase order keeps what it said when it was made: the supplier's code, the description and the pack are
-- copied from the product, so a sent order never changes when the product does. NULL on older rows: the
-- product's own values stand in.
ALTER TABLE purchase_order_lines ADD COLUMN supplier_sku TEXT;
ALTER TABLE purchase_order_lines ADD COLUMN description TEXT;
ALTER TABLE purchase_order_lines ADD COLUMN pack REAL;
ALTER TABLE purchase_orders ADD COLUMN sent_date TEXT;        -- the day it went to the supplier
ALTER TABLE purchase_orders ADD COLUMN created_date TEXT;     -- the day it was made in ShelfWise (the plan's day):
                                                              -- on order from then, whatever its order date
ALTER TABLE purchase_orders ADD COLUMN currency TEXT;         -- the supplier's currency when it was made
-- Goods that came in. On hand = the last stock count - sales after it + receipts after it (core/policy/plan.py).
-- A receipt stays when the order line behind it goes (undo of an imported order): the goods did arrive.
CREATE TABLE stock_receipts (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,
    qty REAL NOT NULL,
    order_line_id INTEGER REFERENCES purchase_order_lines(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX stock_receipts_product ON stock_receipts(product_id, date);
CREATE INDEX purchase_orders_supplier ON purchase_orders(supplier_id, order_date);
CREATE INDEX purchase_order_lines_product ON purchase_order_lines(product_id);
"""

MIGRATIONS[5] = """
-- Suppliers kept in the app: one can be retired (hidden from choices, its history kept) and carry notes.
ALTER TABLE suppliers ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE suppliers ADD COLUMN notes TEXT;
-- The owner's own edits (a supplier added, products given a supplier, a cost changed), each undoable and redoable:
-- one row per edit, and per row it touched the row as it was before and as the edit left it (JSON; NULL where the
-- row did not exist). Undo puts `before` back only where the row is still as the edit left it.
CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    label TEXT NOT NULL,          -- what the owner did, in words ("Supplier Acme added")
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE edit_rows (
    id INTEGER PRIMARY KEY,
    edit_id INTEGER NOT NULL REFERENCES edits(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX edit_rows_edit ON edit_rows(edit_id);
"""

MIGRATIONS[6] = """
-- Results kept to show at once what was worked out before (the plan and its alerts when the shop opens), each with
-- a fingerprint of what it was made from: used only while the fingerprint still matches, never the only copy.
CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    made_at TEXT NOT NULL,
    data BLOB NOT NULL
);
"""

MIGRATIONS[7] = """
-- A product's sales by day: the plan's "sold since the last count" reads only the counted products' days after their
-- count. On 20,000 products x 3 years (8.7 M sales, 1,867 products counted) that query takes 0.1 s in the sqlite
-- shell, where without the index it scanned the sales once per counted product (not done in 120 s there); plan_shop
-- on that shop 22.7 -> 20.0 s (bench/RESULTS.md, 2026-12-05). Built once over an existing shop (3.2 s for 8.7 M
-- sales); keeping it costs the UCI import (541,909 lines) 0.65 s: 2.7 -> 3.3 s.
CREATE INDEX sales_product_date ON sales(product_id, date);
"""

MIGRATIONS[8] = """
-- Stock counted at several locations (a shop floor and a stockroom, two branches) in separate files or on different
-- days: each location's count is kept as counted (`location`; '' for a count of the whole shop), where one count per
-- product and day made the later file replace the earlier (the stockroom's 20 lost to the floor's 5). The table is
-- built again: its UNIQUE(product_id, date) becomes UNIQUE(product_id, date, location) (SQLite cannot change a
-- constraint in place; the ids stay, so claims and edits still find their rows).
CREATE TABLE stock_snapshots_new (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    date TEXT NOT NULL,
    qty REAL NOT NULL,
    import_id INTEGER REFERENCES import_runs(id),
    location TEXT NOT NULL DEFAULT '',
    UNIQUE(product_id, date, location)
);
INSERT INTO stock_snapshots_new(id, product_id, date, qty, import_id)
    SELECT id, product_id, date, qty, import_id FROM stock_snapshots;
DROP TABLE stock_snapshots;
ALTER TABLE stock_snapshots_new RENAME TO stock_snapshots;
CREATE INDEX stock_import ON stock_snapshots(import_id);
-- What the shop held on each day something was counted, one row per product and day, as every reader of stock
-- takes it: a count of the whole shop on that day; else the sum over the locations of each one's latest count up
-- to that day, of the locations counted since the last count of the whole shop (which counted them all). A shop
-- that never counts by location reads exactly its counts.
CREATE VIEW stock_counts AS
SELECT d.product_id, d.date,
       coalesce(
           (SELECT w.qty FROM stock_snapshots w
             WHERE w.product_id = d.product_id AND w.date = d.date AND w.location = ''),
           (SELECT sum(l.qty) FROM stock_snapshots l
             WHERE l.product_id = d.product_id AND l.location != '' AND l.date <= d.date
               AND l.date > coalesce((SELECT max(w.date) FROM stock_snapshots w
                                       WHERE w.product_id = d.product_id AND w.location = '' AND w.date < d.date), '')
               AND NOT EXISTS (SELECT 1 FROM stock_snapshots n
                                WHERE n.product_id = l.product_id AND n.location = l.location
                                  AND n.date > l.date AND n.date <= d.date))) AS qty
FROM (SELECT DISTINCT product_id, date FROM stock_snapshots) d;
"""
