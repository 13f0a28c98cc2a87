"""A sales summary without a date column whose file name says the period it covers (a till's item sales summary for
a month, a week's report, a day's Z report): each row is a product's total for that period."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import UserError
from core.importing import guess_mapping, read_sheet, run_import
from core.importing.file_period import period_in_name
from core.store import open_shop

SUMMARY = "Item,Category,SKU,Items Sold,Gross Sales\nBlue Mug,Kitchen,MUG-BLU,{a},63.00\nTea Towel,Linen,TOWEL-1,{b},24.00\n"


@pytest.mark.parametrize("name, expected", [
    ("items-2024-03-01-2024-04-01", ("month", dt.date(2024, 3, 1))),       # the end day after the month (exclusive)
    ("report_01.03.2024-31.03.2024", ("month", dt.date(2024, 3, 1))),
    ("Sales by item March 2024", ("month", dt.date(2024, 3, 1))),
    ("Sales_Mar-2024", ("month", dt.date(2024, 3, 1))),
    ("export 2024-03", ("month", dt.date(2024, 3, 1))),
    ("2024年3月销售", ("month", dt.date(2024, 3, 1))),
    ("sales_2024-W05", ("week", dt.date(2024, 1, 29))),
    ("Week 5 2024 sales", ("week", dt.date(2024, 1, 29))),
    ("Z-report 2024-03-15", ("day", dt.date(2024, 3, 15))),
    ("Sales by product 1 Mar 2024", ("day", dt.date(2024, 3, 1))),
    ("items-2024-03-01-2024-03-10", None),                  # ten days: no one period
    ("Sales by item March 2024 to April 2024", None),       # two months
    ("report 2024", None), ("inventory_export_1", None), ("sales", None),
])
def test_the_period_a_file_name_names(name, expected):
    found = period_in_name(name)
    assert (found[:2] if found else None) == expected


def test_monthly_item_summaries_named_by_their_month_make_a_monthly_shop(tmp_path):
    march, april = tmp_path / "items-2024-03-01-2024-04-01.csv", tmp_path / "items-2024-04-01-2024-05-01.csv"
    march.write_text(SUMMARY.format(a=14, b=6), encoding="utf-8")
    april.write_text(SUMMARY.format(a=9, b=0), encoding="utf-8")
    sheet = read_sheet(march, kind="sales")
    mapping = guess_mapping(sheet, "sales")
    # 'SKU' is the code though 'Item' (also a code's word) stands first; 'Item' is then the product's name
    assert mapping.columns["SKU"] == "sku" and mapping.columns["Item"] == "name"
    assert mapping.columns["Month"] == "date" and sheet.frame["Month"].tolist() == ["2024-03", "2024-03"]
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, march, "sales", today=dt.date(2024, 6, 1))
        run_import(shop, april, "sales", today=dt.date(2024, 6, 1))
        stored = {(r[0], r[1]): r[2] for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}
        assert stored == {("MUG-BLU", "2024-03-01"): 14, ("TOWEL-1", "2024-03-01"): 6, ("MUG-BLU", "2024-04-01"): 9}
        assert {r[0] for r in shop.query("SELECT period FROM import_runs")} == {"month"}
        assert dict(shop.query("SELECT sku, name FROM products")) == {"MUG-BLU": "Blue Mug", "TOWEL-1": "Tea Towel"}
    assert report.period == "month"
    assert "items-2024-03-01-2024-04-01.csv has no date column: its name says it covers the month 2024-03 " \
           "('2024-03-01-2024-04-01'), so each row is a product's total for it (column 'Month')." in report.notes


def test_a_summary_of_the_month_not_over_is_set_aside_and_a_name_without_a_period_is_refused(tmp_path):
    current = tmp_path / "Sales by item March 2024.csv"
    current.write_text(SUMMARY.format(a=3, b=1), encoding="utf-8")
    plain = tmp_path / "sales summary.csv"
    plain.write_text(SUMMARY.format(a=3, b=1), encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        with pytest.raises(UserError, match="no row can be used|not over"):
            run_import(shop, current, "sales", today=dt.date(2024, 3, 20))
        with pytest.raises(UserError, match="no column gives the Date"):
            run_import(shop, plain, "sales", today=dt.date(2024, 3, 20))
        assert shop.scalar("SELECT count(*) FROM sales") == 0


def test_a_days_z_report_named_by_its_day(tmp_path):
    path = tmp_path / "Z-report 2024-03-15.csv"
    path.write_text("PLU,Description,Qty,Value\n101,Latte,42,126.00\n102,Scone,12,30.00\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2024, 3, 16))
        assert {(r[0], r[1]): r[2] for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")} == {
            ("101", "2024-03-15"): 42, ("102", "2024-03-15"): 12}
    assert report.period == "day"


def test_a_summary_whose_title_rows_say_its_month(tmp_path):
    """'Sales by Item / Corner Shop Ltd / 1 March 2024 - 31 March 2024' above the header, a name with no date."""
    path = tmp_path / "sales by item.csv"
    path.write_text("Sales by Item\nCorner Shop Ltd\n1 March 2024 - 31 March 2024\n\nItem,SKU,Items Sold,Net Sales\n"
                    "Blue Mug,MUG-BLU,14,63.00\nTea Towel,TOWEL-1,6,24.00\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2024, 6, 1))
        assert {(r[0], r[1]): r[2] for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")} == {
            ("MUG-BLU", "2024-03-01"): 14, ("TOWEL-1", "2024-03-01"): 6}
    assert "sales by item.csv has no date column: its title says it covers the month 2024-03 ('1 March 2024 - 31 " \
           "March 2024'), so each row is a product's total for it (column 'Month')." in report.notes


def test_a_workbook_sheet_named_by_its_month(tmp_path):
    import openpyxl

    path = tmp_path / "sales summaries.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "March 2024"
    for row in (["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 14]):
        book.active.append(row)
    book.save(path)
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", sheet="March 2024", today=dt.date(2024, 6, 1))
        assert [tuple(r) for r in shop.query("SELECT date, qty FROM sales")] == [("2024-03-01", 14.0)]
    assert any("its sheet's name says it covers the month 2024-03" in note for note in report.notes)


def test_a_stock_count_named_by_its_day_is_dated_that_day_not_today(tmp_path):
    """'stocktake 2024-03-31.csv' (SKU | On hand) imported on 3 April: it was taken as today's count, so the sales of
    1-3 April were never taken off it and the shelf looked fuller than it was. A month's name is its close."""
    day = tmp_path / "stocktake 2024-03-31.csv"
    day.write_text("SKU,On hand\nA1,12\nA2,0\n", encoding="utf-8")
    month = tmp_path / "Stock February 2024.csv"
    month.write_text("SKU,On hand\nA1,20\n", encoding="utf-8")
    plain = tmp_path / "stock.csv"
    plain.write_text("SKU,On hand\nA3,5\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, day, "stock", today=dt.date(2024, 4, 3))
        run_import(shop, month, "stock", today=dt.date(2024, 4, 3))
        run_import(shop, plain, "stock", today=dt.date(2024, 4, 3))
        counts = sorted(tuple(r) for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id"))
    assert counts == [("A1", "2024-02-29", 20.0), ("A1", "2024-03-31", 12.0), ("A2", "2024-03-31", 0.0),
                      ("A3", "2024-04-03", 5.0)]                  # a name with no date: today, as before
    assert "stocktake 2024-03-31.csv has no date column: its name says when the stock was counted ('2024-03-31'): " \
           "2024-03-31 (column 'Count date')." in report.notes


def test_a_workbook_of_monthly_sheets_imports_in_one_command(tmp_path, capsys):
    """`import --all-sheets`: each sheet an import of its own, named by its month; a sheet of notes is said and the
    others go on (twelve passes through the wizard otherwise)."""
    import openpyxl

    from cli.main import main

    path = tmp_path / "monthly sheets.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Jan 2024"
    for row in (["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 14], ["Tea Towel", "TOWEL-1", 3]):
        book.active.append(row)
    for title, rows in (("Feb 2024", [["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 9]]),
                        ("Notes", [["These are our monthly sales"]])):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    shop = tmp_path / "shop.db"
    assert main(["import", "--db", str(shop), "--kind", "sales", "--all-sheets", str(path)]) == 0
    said = capsys.readouterr().out
    assert "-- sheet 'Notes'\nrefused:" in said and "2 of 3 sheets imported" in said
    with open_shop(shop, create=False) as opened:
        assert sorted(tuple(r) for r in opened.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")) == [
            ("MUG-BLU", "2024-01-01", 14.0), ("MUG-BLU", "2024-02-01", 9.0), ("TOWEL-1", "2024-01-01", 3.0)]
        assert opened.scalar("SELECT count(*) FROM import_runs") == 2
    csv = tmp_path / "sales.csv"                  # a text file: the one import, as without the option
    csv.write_text("Date,SKU,Qty\n2024-03-01,A1,2\n", encoding="utf-8")
    assert main(["import", "--db", str(shop), "--kind", "sales", "--all-sheets", str(csv)]) == 0
