"""core/services/stock.py: the count sheet (what the shop expects on each shelf, a blank column to count into),
saved to print or fill in and importing back as a stock count; counts typed into the app stored as the day's stock,
with the differences from what was expected said, and undone whole by Edit ▸ Undo."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from core.errors import UserError
from core.importing import run_import
from core.services import edits as edits_service
from core.services import stock as stock_service
from core.store import open_shop
from tests.core.test_edits import SALES, records

DAY = dt.date(2025, 6, 1)


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.db"
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    counts = tmp_path / "counts.csv"
    counts.write_text("Item,Date,On hand\n85123A,2025-05-01,20\n71053,2025-05-01,3\n", encoding="utf-8")
    with open_shop(path) as opened:
        run_import(opened, sales, "sales")
        run_import(opened, counts, "stock")
    return path


def test_the_count_sheet_lists_what_each_shelf_should_hold(shop):
    lines = {line.sku: line for line in stock_service.count_sheet(shop)}
    assert set(lines) == {"85123A", "71053", "84406B", "22752"}
    assert lines["85123A"].expected == 20 - 6              # counted 20 on 1 May, 6 sold after
    assert lines["71053"].expected == 0                     # 3 counted, 6 sold: never below 0
    assert lines["84406B"].expected is None                 # never counted


def test_the_count_sheet_is_a_real_workbook_that_imports_back_as_a_stock_count(shop, tmp_path):
    out = stock_service.write_count_sheet(shop, out=tmp_path / "count.xlsx", day=DAY)
    book = openpyxl.load_workbook(out)
    sheet = book["Count"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(stock_service.COUNT_SHEET_COLUMNS)
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["85123A"][4] == 14 and rows["85123A"][6] is None
    for row in sheet.iter_rows(min_row=2):
        row[6].value = {"85123A": 11, "71053": 4, "84406B": 0, "22752": 2}[row[0].value]
    book.save(out)
    with open_shop(shop, create=False) as opened:
        report = run_import(opened, out, "stock")
        assert report.imported == 4 and report.rejected == 0
        stored = dict(opened.query("SELECT p.sku, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id "
                                   "WHERE s.date = ?", (DAY.isoformat(),)))
    assert stored == {"85123A": 11, "71053": 4, "84406B": 0, "22752": 2}


def test_typed_counts_are_stored_with_their_differences_and_undone_whole(shop):
    before = records(shop)
    done = stock_service.store_counts(shop, counts={"85123A": 10, "71053": 0, "84406B": 5}, day=DAY).value
    assert done.counted == 3 and done.never_counted_before == 1
    assert done.differences == {"85123A": -4}               # expected 14; 71053 expected 0 and counted 0
    assert "3 counts stored for 2025-06-01" in done.summary and "net -4" in done.summary
    lines = {line.sku: line for line in stock_service.count_sheet(shop)}
    assert lines["84406B"].expected == 5 and lines["85123A"].expected == 10
    again = stock_service.store_counts(shop, counts={"85123A": 9}, day=DAY).value       # a recount the same day replaces it
    assert again.differences == {"85123A": -1}
    edits_service.undo(shop)
    edits_service.undo(shop)
    assert records(shop) == before


def test_wrong_counts_are_refused_and_nothing_is_stored(shop):
    before = records(shop)
    with pytest.raises(UserError, match="cannot be negative"):
        stock_service.store_counts(shop, counts={"85123A": -1}, day=DAY)
    with pytest.raises(UserError, match="NOPE is not in the shop"):
        stock_service.store_counts(shop, counts={"85123A": 1, "NOPE": 2}, day=DAY)
    with pytest.raises(UserError, match="at least one count"):
        stock_service.store_counts(shop, counts={}, day=DAY)
    assert records(shop) == before
