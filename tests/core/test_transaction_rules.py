"""The shop's rules for till and invoice lines (core/importing/validate.py, rules.py): what counts as demand,
checked on a small hand-written file against the daily sales the owner exports."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.importing import run_import

TODAY = dt.date(2025, 1, 1)

TILL = """InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
536366,85123A,WHITE HANGING HEART,4,2010-12-02 09:00:00,2.55,13047,United Kingdom
C536400,85123A,WHITE HANGING HEART,-2,2010-12-03 11:00:00,2.55,17850,United Kingdom
536401,71053,damaged,-3,2010-12-03 12:00:00,0,,United Kingdom
536402,71053,,5,2010-12-03 12:05:00,0,,United Kingdom
A563185,B,Adjust bad debt,1,2010-12-03 14:00:00,11062.06,,United Kingdom
A563186,22423,Adjust stock,1,2010-12-03 14:10:00,5.00,,United Kingdom
536403,POST,POSTAGE,1,2010-12-03 15:00:00,18.00,12583,France
536404,BANK CHARGES,Bank Charges,1,2010-12-03 15:10:00,15.00,,United Kingdom
536405,gift_0001_10,Dotcomgiftshop Gift Voucher,1,2010-12-03 15:20:00,8.51,,United Kingdom
536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
536406,00123,TEA TOWEL,10,2010-12-03 16:00:00,1.00,17850,United Kingdom
C536407,POST,POSTAGE,-1,2010-12-03 16:30:00,18.00,12583,France
536408,post,postage (typed in lower case),1,2010-12-03 16:40:00,18.00,12583,France
536409,00123,TEA TOWEL,2,2010-12-04 10:00:00,1.00,17850,United Kingdom
536410,00123,TEA TOWEL,2,2010-12-04 10:00:00,1.00,17850,United Kingdom
"""
# Worked out by hand from the lines above:
#   85123A: 6 on the 1st, 4 on the 2nd, and its cancellation C536400 (-2) on the 3rd
#   71053: 6 on the 1st; the repeated 536365 line is counted once; -3 at price 0 and +5 at price 0 are not demand
#   00123: 10 on the 3rd; on the 4th two different invoices (536409, 536410) sell 2 each
#   22423 (invoice A563186) is an adjustment; B, POST, post, BANK CHARGES, gift_0001_10 are not products
EXPECTED_DAILY_SALES = {
    ("00123", "2010-12-03"): 10.0,
    ("00123", "2010-12-04"): 4.0,
    ("71053", "2010-12-01"): 6.0,
    ("85123A", "2010-12-01"): 6.0,
    ("85123A", "2010-12-02"): 4.0,
    ("85123A", "2010-12-03"): -2.0,
}
EXPECTED_COUNTS = {"cancellations": 1, "write_offs": 3, "non_product": 6, "duplicates": 1, "new_products": 3}


@pytest.fixture
def imported(tmp_path, shop, shop_path):
    path = tmp_path / "till.csv"
    path.write_text(TILL)
    return run_import(shop, path, "sales", today=TODAY), shop_path


def test_exported_daily_sales_follow_the_shop_rules(imported, run_cli, tmp_path):
    _, shop_path = imported
    out = tmp_path / "daily.csv"
    result = run_cli("export", "--db", shop_path, "--kind", "sales", "--out", out)
    assert result.returncode == 0, result.stderr
    exported = pd.read_csv(out, dtype={"sku": str, "date": str})
    assert list(exported.columns) == ["sku", "date", "qty"]
    assert {(r.sku, r.date): r.qty for r in exported.itertuples()} == EXPECTED_DAILY_SALES
    assert not exported.duplicated(["sku", "date"]).any()  # one row per product and day


def test_the_report_counts_each_kind_of_line_exactly(imported):
    report, _ = imported
    assert report.rows_read == 17
    assert report.counts == EXPECTED_COUNTS
    assert report.rejected == 0
    assert report.imported == 7  # 6 sales lines + 1 cancellation
    assert report.set_aside == 3 + 6 + 1


def test_the_report_lists_each_set_aside_line_by_row(imported):
    report, _ = imported
    by_row = {p.row: p.message for p in report.problems}
    assert by_row[5].startswith("a cancellation")          # C536400
    assert by_row[6].startswith("a write-off")             # negative, no C invoice
    assert by_row[7].startswith("a write-off")             # price 0
    assert by_row[8].startswith("not a product")           # B (adjust bad debt)
    assert by_row[9].startswith("a write-off")             # A invoice
    assert by_row[13].startswith("repeats an earlier row")
    assert {row for row, message in by_row.items() if message.startswith("not a product")} == {8, 10, 11, 12, 15, 16}


def test_the_shop_product_list_has_no_postage_or_fees(imported):
    _, shop_path = imported
    from core.store import open_shop

    with open_shop(shop_path) as shop:
        assert {r[0] for r in shop.query("SELECT sku FROM products")} == {"85123A", "71053", "00123"}


def test_a_shop_can_add_its_own_codes_that_are_not_products(tmp_path, shop):
    from core.importing.rules import DEFAULT_NON_PRODUCT_CODES

    shop.set_setting("non_product_codes", [*DEFAULT_NON_PRODUCT_CODES, "BAG-*"])
    path = tmp_path / "till.csv"
    path.write_text("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n"
                    "1,TEA,2,2024-01-05 10:00,1.5\n2,bag-small,1,2024-01-05 10:01,0.1\n")
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.counts["non_product"] == 1
    assert {r[0] for r in shop.query("SELECT sku FROM products")} == {"TEA"}


def test_daily_totals_without_invoices_add_up_rows_of_the_same_product_and_day(tmp_path, shop):
    path = tmp_path / "daily.csv"
    path.write_text("SKU,Date,Qty,Price\n"
                    "A1,2024-01-05,3,1.00\n"
                    "A1,2024-01-05,3,1.00\n"     # same again: a second till, added (daily totals have no identity)
                    "A1,2024-01-06,-1,1.00\n"    # a net return that day
                    "A2,2024-01-05,4,0\n"        # given away at price 0: not demand
                    "A2,2024-01-06,2,2.00\n")
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.counts.get("write_offs") == 1
    assert "duplicates" not in report.counts
    sales = {(r[0], r[1]): r[2] for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}
    assert sales == {("A1", "2024-01-05"): 6.0, ("A1", "2024-01-06"): -1.0, ("A2", "2024-01-06"): 2.0}
