"""Wide sheets kept by hand: one row per product, one column per day, week or month (core/importing/mapping.py
detects them, validate.py reads each cell as one product-period)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from core.importing import guess_mapping, read_sheet, run_import

TODAY = dt.date(2025, 1, 1)
DAYS = [dt.date(2024, 1, d) for d in range(1, 11)]
# Tea: 1..10 with a blank on the 4th and a 0 on the 6th; Lantern: mostly 0, 'n/a' on the 3rd, 4 on the 4th, 1 on the 10th
TEA = [1, 2, 3, None, 5, 0, 7, 8, 9, 10]
LANTERN = [0, 0, "n/a", 4, 0, 0, 0, 0, 0, 1]
EXPECTED = {("00123", d.isoformat()): float(q) for d, q in zip(DAYS, TEA) if q} | {
    ("71053", "2024-01-04"): 4.0, ("71053", "2024-01-10"): 1.0}


def _sales(shop) -> dict[tuple[str, str], float]:
    return {(r[0], r[1]): r[2] for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}


def _xlsx_grid(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Grid"
    ws.append(["SKU", "Description", *[dt.datetime.combine(d, dt.time()) for d in DAYS]])  # date cells
    ws.append(["00123", "Tea", *TEA])
    ws.append([71053, "Lantern", *LANTERN])
    wb.save(path)
    return path


def _csv_grid(path):
    cell = lambda v: "" if v is None else str(v)  # noqa: E731
    path.write_text("SKU,Description," + ",".join(d.isoformat() for d in DAYS) + "\n"
                    + "00123,Tea," + ",".join(map(cell, TEA)) + "\n"
                    + "71053,Lantern," + ",".join(map(cell, LANTERN)) + "\n")
    return path


@pytest.mark.parametrize("make", [_xlsx_grid, _csv_grid], ids=["xlsx with date cells", "csv with date text"])
def test_a_daily_grid_puts_each_value_on_its_product_and_day(tmp_path, shop, make):
    path = make(tmp_path / ("grid.xlsx" if make is _xlsx_grid else "grid.csv"))
    mapping = guess_mapping(read_sheet(path), "sales")
    assert (mapping.layout, mapping.period) == ("wide", "day")
    assert sorted(mapping.period_columns.values()) == DAYS

    report = run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == EXPECTED
    assert report.counts["zero_qty"] == 8  # zeros are read, but there is nothing to store
    assert report.imported == len(EXPECTED)
    assert {r["sku"]: r["name"] for r in shop.query("SELECT sku, name FROM products")} == {
        "00123": "Tea", "71053": "Lantern"}


@pytest.mark.parametrize("make", [_xlsx_grid, _csv_grid], ids=["xlsx", "csv"])
def test_text_in_a_grid_cell_is_rejected_with_its_row_and_date_column(tmp_path, shop, make):
    path = make(tmp_path / ("grid.xlsx" if make is _xlsx_grid else "grid.csv"))
    report = run_import(shop, path, "sales", today=TODAY)
    assert [(p.row, p.column, p.message, p.value) for p in report.problems if p.severity == "rejected"] == [
        (3, "2024-01-03", "not a number", "n/a")]
    assert report.rejected == 1


def test_weekly_columns_are_read_as_weeks_starting_on_monday(tmp_path, shop):
    path = tmp_path / "weeks.csv"
    path.write_text("SKU,2024-W01,2024-W02,2024-W03,2024-W04\nA1,10,20,30,40\nB2,1,,3,4\n")
    mapping = guess_mapping(read_sheet(path), "sales")
    assert (mapping.layout, mapping.period) == ("wide", "week")
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.period == "week"
    assert _sales(shop) == {
        ("A1", "2024-01-01"): 10, ("A1", "2024-01-08"): 20, ("A1", "2024-01-15"): 30, ("A1", "2024-01-22"): 40,
        ("B2", "2024-01-01"): 1, ("B2", "2024-01-15"): 3, ("B2", "2024-01-22"): 4}


@pytest.mark.parametrize("headers", [["Jan 2024", "Feb 2024", "Mar 2024"], ["2024-01", "2024-02", "2024-03"],
                                     ["January 2024", "February 2024", "March 2024"]])
def test_monthly_columns_are_read_as_months(tmp_path, shop, headers):
    path = tmp_path / "months.csv"
    path.write_text("SKU," + ",".join(headers) + "\nA1,100,200,300\nB2,5,0,7\n")
    mapping = guess_mapping(read_sheet(path), "sales")
    assert (mapping.layout, mapping.period) == ("wide", "month")
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.period == "month"
    assert _sales(shop) == {("A1", "2024-01-01"): 100, ("A1", "2024-02-01"): 200, ("A1", "2024-03-01"): 300,
                            ("B2", "2024-01-01"): 5, ("B2", "2024-03-01"): 7}


def test_monthly_date_cells_in_a_workbook_are_read_as_months(tmp_path, shop):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SKU", *[dt.datetime(2024, m, 1) for m in (1, 2, 3, 4)]])
    ws.append(["A1", 10, 20, 30, 40])
    wb.save(tmp_path / "months.xlsx")
    mapping = guess_mapping(read_sheet(tmp_path / "months.xlsx"), "sales")
    assert (mapping.layout, mapping.period) == ("wide", "month")
    run_import(shop, tmp_path / "months.xlsx", "sales", today=TODAY)
    assert _sales(shop) == {("A1", f"2024-0{m}-01"): 10.0 * m for m in (1, 2, 3, 4)}


def test_day_first_text_headers_are_read_as_day_first(tmp_path, shop):
    headers = [f"{d:02d}/01/2024" for d in range(1, 15)]  # 01/01/2024 .. 14/01/2024
    path = tmp_path / "uk grid.csv"
    path.write_text("SKU," + ",".join(headers) + "\nA1," + ",".join(str(d) for d in range(1, 15)) + "\n")
    mapping = guess_mapping(read_sheet(path), "sales")
    assert sorted(mapping.period_columns.values()) == [dt.date(2024, 1, d) for d in range(1, 15)]
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", f"2024-01-{d:02d}"): float(d) for d in range(1, 15)}


@pytest.mark.filterwarnings("ignore:Parsing dates in %m/%d/%Y format:UserWarning")
def test_month_first_text_headers_are_read_as_month_first(tmp_path, shop):
    headers = [f"01/{d:02d}/2024" for d in range(1, 15)]  # a US shop: 01/01/2024 .. 01/14/2024
    path = tmp_path / "us grid.csv"
    path.write_text("SKU," + ",".join(headers) + "\nA1," + ",".join(str(d) for d in range(1, 15)) + "\n")
    mapping = guess_mapping(read_sheet(path), "sales")
    assert sorted(mapping.period_columns.values()) == [dt.date(2024, 1, d) for d in range(1, 15)]
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", f"2024-01-{d:02d}"): float(d) for d in range(1, 15)}


def test_importing_the_same_grid_twice_adds_nothing(tmp_path, shop):
    path = _csv_grid(tmp_path / "grid.csv")
    run_import(shop, path, "sales", today=TODAY)
    again = run_import(shop, path, "sales", today=TODAY)
    assert again.imported == 0 and again.counts["already_in_shop"] == len(EXPECTED)
    assert _sales(shop) == EXPECTED


def test_a_stock_grid_rejects_negative_counts_by_cell(tmp_path, shop):
    path = tmp_path / "counts.csv"
    path.write_text("SKU,2024-01-01,2024-01-08,2024-01-15\nA1,5,-2,7\n")
    report = run_import(shop, path, "stock", today=TODAY)
    assert [(p.row, p.column) for p in report.problems if p.severity == "rejected"] == [(2, "2024-01-08")]
    assert {(r[0], r[1]) for r in shop.query("SELECT date, qty FROM stock_snapshots")} == {
        ("2024-01-01", 5.0), ("2024-01-15", 7.0)}
