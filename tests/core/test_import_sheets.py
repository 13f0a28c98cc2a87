"""core.services.imports.check_sheets / commit_sheets: a workbook imported sheet by sheet, each an import of its own."""
from __future__ import annotations

import openpyxl

from core.jobs import JobContext
from core.services.imports import check_sheets, commit_sheets
from core.store import open_shop


def _book(path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Jan 2024"
    for row in (["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 14]):
        book.active.append(row)
    for title, rows in (("Feb 2024", [["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 9]]),
                        ("Notes", [["These are our monthly sales"]]),
                        ("Mar 2024", [["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 4]])):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_each_sheet_is_checked_then_stored_as_an_import_of_its_own_and_cancel_keeps_the_ones_stored(tmp_path):
    path, shop_path = tmp_path / "book.xlsx", tmp_path / "shop.db"
    _book(path)
    open_shop(shop_path).close()
    checks = check_sheets(shop_path, file_path=path, kind="sales", sheets=["Jan 2024", "Feb 2024", "Notes", "Mar 2024"],
                          ctx=JobContext())
    assert [c.sheet for c in checks] == ["Jan 2024", "Feb 2024", "Notes", "Mar 2024"]
    assert [c.validated is not None for c in checks] == [True, True, False, True]
    assert "no column gives the" in checks[2].error
    with open_shop(shop_path) as shop:
        assert shop.scalar("SELECT count(*) FROM sales") == 0            # checking stores nothing

    said: list[str] = []
    ctx = JobContext(lambda fraction, text: said.append(text), min_interval=0.0)

    def cancel_at_february(fraction, text):
        said.append(text)
        if text.startswith("Storing sheet 'Feb 2024'"):
            ctx.cancel()

    ctx._on_progress = cancel_at_february
    result = commit_sheets(shop_path, checks=checks, ctx=ctx).value
    assert [r.sheet for r in result.reports] == ["Jan 2024"] and result.cancelled_at == "Feb 2024"
    with open_shop(shop_path) as shop:
        assert [tuple(r) for r in shop.query("SELECT date, qty FROM sales")] == [("2024-01-01", 14.0)]
        assert shop.scalar("SELECT count(*) FROM import_runs") == 1

    again = commit_sheets(shop_path, checks=checks, ctx=JobContext()).value      # the rest, started again
    assert [r.sheet for r in again.reports] == ["Jan 2024", "Feb 2024", "Mar 2024"] and again.cancelled_at is None
    assert again.reports[0].imported == 0                                     # January already in the shop
    with open_shop(shop_path) as shop:
        assert sorted(tuple(r) for r in shop.query("SELECT date, qty FROM sales")) == [
            ("2024-01-01", 14.0), ("2024-02-01", 9.0), ("2024-03-01", 4.0)]


def test_the_command_line_all_sheets_uses_the_same_steps_and_leaves_no_empty_shop_when_nothing_is_used(tmp_path,
                                                                                                     capsys):
    from cli.main import main

    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Notes only"])
    book.create_sheet("More notes").append(["Nothing to import"])
    path = tmp_path / "notes.xlsx"
    book.save(path)
    shop = tmp_path / "new.db"
    assert main(["import", "--db", str(shop), "--kind", "sales", "--all-sheets", str(path)]) == 1
    said = capsys.readouterr().out
    assert "-- sheet 'Read me'\nrefused:" in said and "0 of 2 sheets imported" in said
    assert not shop.exists()
    _book(path)
    assert main(["import", "--db", str(shop), "--kind", "sales", "--all-sheets", str(path)]) == 0
    said = capsys.readouterr().out
    assert "-- sheet 'Mar 2024': import 3" in said and "3 of 4 sheets imported" in said


def test_a_stock_workbook_of_a_sheet_per_location_adds_the_sheets_up(tmp_path):
    """Counts kept in a sheet per location (Floor, Stockroom), neither with a location column: imported every sheet,
    each sheet is its location's count and the shop's stock their sum (before, the second sheet's counts on the same
    day were set aside as 'already in the shop')."""
    import datetime as dt

    path, shop_path = tmp_path / "stocktake.xlsx", tmp_path / "shop.db"
    book = openpyxl.Workbook()
    book.active.title = "Floor"
    for row in (["SKU", "Count date", "On hand"], ["A1", "2025-05-05", 5], ["B1", "2025-05-05", 2]):
        book.active.append(row)
    stockroom = book.create_sheet("Stockroom")
    for row in (["SKU", "Count date", "On hand"], ["A1", "2025-05-05", 20]):
        stockroom.append(row)
    book.save(path)
    open_shop(shop_path).close()
    checks = check_sheets(shop_path, file_path=path, kind="stock", sheets=["Floor", "Stockroom"], ctx=JobContext())
    assert checks[1].validated.report.notes[0].startswith("Sheet 'Stockroom' is taken as the counts of location")
    result = commit_sheets(shop_path, checks=checks, ctx=JobContext()).value
    assert [r.imported for r in result.reports] == [2, 1]
    with open_shop(shop_path) as shop:
        assert dict(shop.query("SELECT p.sku, s.qty FROM stock_counts s JOIN products p ON p.id = s.product_id")) == \
            {"A1": 25.0, "B1": 2.0}
    # sheets named by their days are counts of two days, not two locations
    book = openpyxl.Workbook()
    book.active.title = "2025-05-01"
    for row in (["SKU", "On hand"], ["A1", 5]):
        book.active.append(row)
    later = book.create_sheet("2025-05-08")
    for row in (["SKU", "On hand"], ["A1", 3]):
        later.append(row)
    book.save(path)
    checks = check_sheets(shop_path, file_path=path, kind="stock", sheets=["2025-05-01", "2025-05-08"],
                          ctx=JobContext())
    assert all("location" not in c.validated.records for c in checks)
    assert dt.date(2025, 5, 8).isoformat() in set(checks[1].validated.records["date"])
