"""Files that cannot be imported, or rows that cannot be used (core/importing, core/cli.py).

A refused import raises a UserError whose message says which file (and sheet) is wrong, leaves the shop exactly
as it was, and makes the command line exit with 1 and a message on stderr. A file with some bad rows imports the
good rows and lists each bad one with the row and column the owner sees in their spreadsheet program.
"""
from __future__ import annotations

import datetime as dt
import random

import openpyxl
import pytest

from core.errors import UserError
from core.importing import run_import
from core.store import open_shop

TODAY = dt.date(2025, 1, 1)
FUTURE = "2099-06-01"  # in the future for the CLI too, which uses the real today


@pytest.fixture
def stocked_shop(shop_path):
    """A shop that already holds a few sales, so that 'nothing changed' is not trivially true."""
    first = shop_path.parent / "first.csv"
    first.write_text("SKU,Date,Qty\nA1,2024-01-05,2\nA2,2024-01-05,3\nA1,2024-01-06,1\n")
    with open_shop(shop_path) as shop:
        run_import(shop, first, "sales", today=TODAY)
    return shop_path


def _workbook(path, rows, title="Sales", extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for name, sheet_rows in extra_sheets:
        other = wb.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    wb.save(path)
    return path


def _random_bytes(n: int) -> bytes:
    return random.Random(1).randbytes(n)


# ------------------------------------------------------------------ whole files refused

def _truncated_workbook(path):
    full = _workbook(path.with_name("full.xlsx"), [["SKU", "Date", "Qty"]] + [
        [f"A{i}", dt.datetime(2024, 1, 1), i] for i in range(1, 300)])
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# case -> (file name, kind, writes the file at a path, words the refusal must contain besides the file name)
REFUSALS = {
    "random bytes named .xlsx": ("noise.xlsx", "sales", lambda p: p.write_bytes(_random_bytes(5000)), []),
    "a PNG picture named .csv": ("photo.csv", "sales",
                                 lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(500)),
                                 ["not a spreadsheet"]),
    "a truncated workbook": ("cut.xlsx", "sales", _truncated_workbook, ["damaged"]),
    "an empty csv": ("nothing.csv", "sales", lambda p: p.write_bytes(b""), ["empty"]),
    "an empty xlsx": ("nothing.xlsx", "sales", lambda p: p.write_bytes(b""), ["empty"]),
    "a csv of blank lines": ("blank.csv", "sales", lambda p: p.write_text("\n \n\n"), ["empty"]),
    "a workbook whose only sheet is empty": ("blank.xlsx", "sales", lambda p: _workbook(p, [], title="Week 1"),
                                             ["Week 1", "empty"]),
    "a header without rows": ("header.xlsx", "sales", lambda p: _workbook(p, [["SKU", "Date", "Qty"]]),
                              ["Sales", "no rows"]),
    "a missing quantity column": ("noqty.csv", "sales",
                                  lambda p: p.write_text("SKU,Date,Colour\nA1,2024-01-05,red\n"),
                                  ["Quantity", "SKU, Date, Colour"]),
    "a missing product code column (workbook)": ("nosku.xlsx", "sales",
                                                 lambda p: _workbook(p, [["Date", "Qty"], [dt.datetime(2024, 1, 5), 1]]),
                                                 ["Sales", "Product code"]),
    "text in every quantity": ("words.csv", "sales",
                               lambda p: p.write_text("SKU,Date,Qty\nA1,2024-01-05,two\nA2,2024-01-05,lots\n"),
                               ["row 2", "'Qty'", "not a number"]),
    "no date can be read": ("dates.csv", "sales",
                            lambda p: p.write_text("SKU,Date,Qty\nA1,last tuesday,2\nA2,32/13/2024,1\n"),
                            ["row 2", "'Date'", "cannot read this as a date"]),
    "every code blank": ("blanks.csv", "sales",
                         lambda p: p.write_text("SKU,Date,Qty\n,2024-01-05,2\n  ,2024-01-06,1\n"),
                         ["row 2", "'SKU'", "blank product code"]),
    "only negative stock counts": ("count.csv", "stock",
                                   lambda p: p.write_text("SKU,Date,On hand\nA1,2024-01-05,-3\nA2,2024-01-05,-1\n"),
                                   ["row 2", "'On hand'", "negative stock"]),
    "only dates in the future": ("later.csv", "sales",
                                 lambda p: p.write_text(f"SKU,Date,Qty\nA1,{FUTURE},2\n"),
                                 ["row 2", "'Date'", "future"]),
    "a row with more cells than the header": ("ragged.csv", "sales",
                                              lambda p: p.write_text("SKU,Description,Date,Qty\nA1,Tea,2024-01-05,2\n"
                                                                     "A2,Tea, green,2024-01-05,3\n"),
                                              ["cannot be read as a table", "5 columns where the header has 4"]),
    "a garbage .xls (OLE header, random body)": ("old.xls", "sales",
                                                 lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                                                                         + _random_bytes(4000)),
                                                 ["cannot be opened"]),
    # a web page named .xls is read as the table it holds (docs/importing.md): this one has a header and no date
    "a web page named .xls with a header only": ("report.xls", "sales",
                                                 lambda p: p.write_text("<html><table><tr><td>SKU</td></tr></table>"
                                                                        "</html>"),
                                                 ["no column gives the Date"]),
    "a text file named .xls": ("notes.xls", "sales", lambda p: p.write_text("just some notes, no table\n"),
                               ["not a readable .xls"]),
}


@pytest.mark.parametrize("case", list(REFUSALS), ids=list(REFUSALS))
def test_a_refused_file_changes_nothing_and_says_which_file(tmp_path, stocked_shop, shop_state, run_cli, case):
    name, kind, make, words = REFUSALS[case]
    path = tmp_path / name
    make(path)
    before = shop_state(stocked_shop)

    with open_shop(stocked_shop) as shop, pytest.raises(UserError) as refused:
        run_import(shop, path, kind, today=TODAY)
    message = str(refused.value)
    assert name in message
    for word in words:
        assert word in message
    assert shop_state(stocked_shop) == before

    result = run_cli("import", path, "--db", stocked_shop, "--kind", kind)
    assert result.returncode == 1, result.stderr
    assert name in result.stderr and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert shop_state(stocked_shop) == before


def test_a_sheet_that_is_empty_is_refused_by_its_name(tmp_path, stocked_shop, shop_state, run_cli):
    path = _workbook(tmp_path / "book.xlsx", [], title="Notes",
                     extra_sheets=[("Sales", [["SKU", "Date", "Qty"], ["A9", dt.datetime(2024, 1, 5), 1]])])
    before = shop_state(stocked_shop)
    with open_shop(stocked_shop) as shop, pytest.raises(UserError, match="book.xlsx, sheet 'Notes' is empty"):
        run_import(shop, path, "sales", sheet="Notes", today=TODAY)
    result = run_cli("import", path, "--db", stocked_shop, "--kind", "sales", "--sheet", "Notes")
    assert result.returncode == 1 and "sheet 'Notes' is empty" in result.stderr
    assert shop_state(stocked_shop) == before


def test_a_sheet_name_that_does_not_exist_is_refused_with_the_sheets_there_are(tmp_path, stocked_shop, shop_state):
    path = _workbook(tmp_path / "book.xlsx", [["SKU", "Date", "Qty"], ["A9", dt.datetime(2024, 1, 5), 1]],
                     title="Sales", extra_sheets=[("Stock", [["SKU", "On hand"], ["A9", 4]])])
    before = shop_state(stocked_shop)
    with open_shop(stocked_shop) as shop, pytest.raises(UserError) as refused:
        run_import(shop, path, "sales", sheet="Sheet1", today=TODAY)
    assert "book.xlsx has no sheet named 'Sheet1'" in str(refused.value)
    assert "Sales, Stock" in str(refused.value)
    assert shop_state(stocked_shop) == before


def test_a_file_that_does_not_exist_is_refused(tmp_path, stocked_shop, shop_state, run_cli):
    before = shop_state(stocked_shop)
    with open_shop(stocked_shop) as shop, pytest.raises(UserError, match="There is no file at"):
        run_import(shop, tmp_path / "gone.csv", "sales", today=TODAY)
    result = run_cli("import", tmp_path / "gone.csv", "--db", stocked_shop, "--kind", "sales")
    assert result.returncode == 1 and "gone.csv" in result.stderr
    assert shop_state(stocked_shop) == before


def test_a_file_that_is_not_a_shop_is_refused_as_the_shop_file(tmp_path, run_cli):
    not_a_shop = tmp_path / "notes.db"
    not_a_shop.write_text("shopping list: milk, eggs\n")
    sales = tmp_path / "sales.csv"
    sales.write_text("SKU,Date,Qty\nA1,2024-01-05,2\n")
    result = run_cli("import", sales, "--db", not_a_shop, "--kind", "sales")
    assert result.returncode == 1
    assert "notes.db is not a ShelfWise shop file" in result.stderr
    assert not_a_shop.read_text() == "shopping list: milk, eggs\n"


def test_a_refused_import_into_a_new_shop_path_leaves_no_shop_file_behind(tmp_path, run_cli):
    photo = tmp_path / "photo.csv"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(200))
    new_shop = tmp_path / "new-shop.db"
    result = run_cli("import", photo, "--db", new_shop, "--kind", "sales")
    assert result.returncode == 1
    assert not new_shop.exists()


@pytest.mark.parametrize("above, bad_row", [("", 3), ("Corner Shop sales\n\n", 5)], ids=["no title", "title rows"])
def test_a_row_with_more_cells_than_the_header_is_named_by_its_row(tmp_path, above, bad_row):
    path = tmp_path / "ragged.csv"
    path.write_text(above + "SKU,Description,Date,Qty\nA1,Tea,2024-01-05,2\nA2,Tea, green,2024-01-05,3\n"
                    "A3,Milk,2024-01-05,1\n")
    with open_shop(tmp_path / "shop.db") as shop, pytest.raises(UserError) as refused:
        run_import(shop, path, "sales", today=TODAY)
    assert f"row {bad_row} has 5 columns" in str(refused.value)


# ------------------------------------------------------------------ wrong arguments


@pytest.mark.parametrize("arguments", [
    ["import", "{file}", "--db", "{db}", "--kind", "receipts"],
    ["import", "{file}", "--kind", "sales"],
    ["import", "--db", "{db}", "--kind", "sales"],
    ["export", "--db", "{db}", "--kind", "orders", "--out", "{out}"],
], ids=["unknown kind", "no --db", "no file", "export of an unknown kind"])
def test_wrong_arguments_exit_with_2_and_change_nothing(tmp_path, stocked_shop, shop_state, run_cli, arguments):
    sales = tmp_path / "sales.csv"
    sales.write_text("SKU,Date,Qty\nA7,2024-01-05,2\n")
    before = shop_state(stocked_shop)
    result = run_cli(*[a.format(file=sales, db=stocked_shop, out=tmp_path / "out.csv") for a in arguments])
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert shop_state(stocked_shop) == before
    assert not (tmp_path / "out.csv").exists()


def test_a_map_argument_without_equals_sign_is_refused(tmp_path, stocked_shop, shop_state, run_cli):
    sales = tmp_path / "sales.csv"
    sales.write_text("Item,Day,Sold\nA7,2024-01-05,2\n")
    before = shop_state(stocked_shop)
    result = run_cli("import", sales, "--db", stocked_shop, "--kind", "sales", "--map", "Item")
    assert result.returncode == 1 and "SOURCE_COLUMN=FIELD" in result.stderr
    result = run_cli("import", sales, "--db", stocked_shop, "--kind", "sales", "--map", "Colour=sku")
    assert result.returncode == 1 and "no column 'Colour'" in result.stderr
    assert shop_state(stocked_shop) == before


# ------------------------------------------------------------------ some bad rows among good ones


MIXED_CSV = (
    "SKU,Date,Qty\n"
    "G1,2024-01-05,2\n"        # row 2: good
    "G2,2024-01-05,two\n"      # row 3: text in the quantity
    "G3,sometime soon,1\n"     # row 4: unreadable date
    ",2024-01-05,4\n"          # row 5: blank code
    f"G5,{FUTURE},1\n"         # row 6: in the future
    "G6,2024-01-06,3\n"        # row 7: good
    "G7,2024-01-07,\n"         # row 8: no quantity
)
MIXED_PROBLEMS = {
    (3, "Qty", "not a number"), (4, "Date", "cannot read this as a date"), (5, "SKU", "blank product code"),
    (6, "Date", "the date is in the future"), (8, "Qty", "no quantity"),
}


def _rejected(report) -> set[tuple[int, str, str]]:
    found = set()
    for p in report.problems:
        if p.severity == "rejected":
            reason = next((m for *_, m in MIXED_PROBLEMS if p.message.startswith(m)), p.message)
            found.add((p.row, p.column, reason))
    return found


def test_good_rows_are_imported_and_bad_rows_are_reported_with_row_and_column(tmp_path, shop):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED_CSV)
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.committed
    assert report.imported == 2 and report.rejected == 5
    assert _rejected(report) == MIXED_PROBLEMS
    assert {tuple(r) for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")} == {
        ("G1", "2024-01-05", 2.0), ("G6", "2024-01-06", 3.0)}
    assert {r[0] for r in shop.query("SELECT sku FROM products")} == {"G1", "G6"}


def test_the_command_line_imports_the_good_rows_and_lists_the_bad_ones(tmp_path, stocked_shop, shop_state, run_cli):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED_CSV)
    before = shop_state(stocked_shop)
    result = run_cli("import", path, "--db", stocked_shop, "--kind", "sales")
    assert result.returncode == 0, result.stderr
    for row, column, reason in MIXED_PROBLEMS:
        assert f"row {row}, column '{column}': {reason}" in result.stdout
    after = shop_state(stocked_shop)
    assert after["count:sales"] == before["count:sales"] + 2
    assert after["sales_sum"] == before["sales_sum"] + 5
    with open_shop(stocked_shop) as shop:  # the problems are kept with the import, for the owner to look at
        stored = shop.query("SELECT row, column_name FROM import_problems WHERE import_id = "
                            "(SELECT max(id) FROM import_runs) AND severity = 'rejected'")
    assert {(r["row"], r["column_name"]) for r in stored} == {(r, c) for r, c, _ in MIXED_PROBLEMS}


def test_bad_rows_under_title_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path, shop):
    path = _workbook(tmp_path / "titled.xlsx", [
        ["Corner Shop"], ["Sales, week 2"], [],
        ["SKU", "Date", "Qty"],                          # row 4
        ["G1", dt.datetime(2024, 1, 8), 2],              # row 5
        ["G2", dt.datetime(2024, 1, 8), "a few"],        # row 6
        [None, dt.datetime(2024, 1, 9), 1],              # row 7
        ["G4", "the ninth", 1],                          # row 8
    ])
    report = run_import(shop, path, "sales", today=TODAY)
    assert {(p.row, p.column) for p in report.problems if p.severity == "rejected"} == {
        (6, "Qty"), (7, "SKU"), (8, "Date")}
    assert "titled.xlsx, sheet 'Sales'" == report.where


def test_negative_stock_counts_are_rejected_by_row_and_the_others_kept(tmp_path, shop):
    path = tmp_path / "count.csv"
    path.write_text("SKU,Count date,On hand\nA1,2024-01-05,5\nA2,2024-01-05,-3\nA3,2024-01-05,0\n")
    report = run_import(shop, path, "stock", today=TODAY)
    assert [(p.row, p.column, p.message) for p in report.problems if p.severity == "rejected"] == [
        (3, "On hand", "negative stock: a count cannot be below 0")]
    assert {tuple(r) for r in shop.query(
        "SELECT p.sku, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id")} == {
        ("A1", 5.0), ("A3", 0.0)}


def test_stock_counts_dated_in_the_future_are_rejected(tmp_path, shop):
    path = tmp_path / "count.csv"
    path.write_text(f"SKU,Date,On hand\nA1,2024-01-05,5\nA2,{FUTURE},3\n")
    report = run_import(shop, path, "stock", today=TODAY)
    assert [(p.row, p.column) for p in report.problems if p.severity == "rejected"] == [(3, "Date")]
    assert shop.scalar("SELECT count(*) FROM stock_snapshots") == 1

