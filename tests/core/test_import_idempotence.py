"""Importing again, overlapping files, and undo (core/importing/commit.py): the first import of a sale wins, a
repeat adds nothing, and an undo takes back exactly one import."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import UserError
from core.importing import run_import, undo_import
from core.store import open_shop

TODAY = dt.date(2025, 1, 1)
HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n"


def _line(i: int) -> str:
    """Till line number i: a distinct sale (its own invoice), spread over 7 products and 28 days."""
    return (f"{500000 + i},P{i % 7},Product {i % 7},{i % 5 + 1},2024-01-{i % 28 + 1:02d} 10:{i % 60:02d}:00,"
            f"1.50,{17000 + i % 3}\n")


def _till_file(path, first: int, last: int):
    path.write_text(HEADER + "".join(_line(i) for i in range(first, last + 1)))
    return path


def _qty_of(first: int, last: int) -> float:
    return float(sum(i % 5 + 1 for i in range(first, last + 1)))


def _sales_totals(shop) -> tuple[int, float]:
    return shop.scalar("SELECT count(*) FROM sales"), shop.scalar("SELECT coalesce(sum(qty), 0) FROM sales")


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path, shop, shop_path, shop_state):
    path = _till_file(tmp_path / "january.csv", 1, 100)
    first = run_import(shop, path, "sales", today=TODAY)
    assert first.imported == 100
    after_first = shop_state(shop_path)

    second = run_import(shop, path, "sales", today=TODAY)
    assert second.imported == 0
    assert second.counts.get("already_in_shop") == 100
    assert "100  already in the shop from an earlier import" in "\n".join(second.summary_lines())
    after_second = shop_state(shop_path)
    changed = {key for key in after_first if after_second[key] != after_first[key]}
    # only the record of it (and of the rows it also carried, should the first import be undone)
    assert changed <= {"count:import_runs", "count:import_problems", "count:audit_log", "count:import_claims"}
    assert _sales_totals(shop) == (100, _qty_of(1, 100))


def test_importing_the_same_daily_totals_twice_adds_nothing(tmp_path, shop):
    path = tmp_path / "daily.csv"
    path.write_text("SKU,Date,Qty\nA1,2024-01-05,2\nA1,2024-01-06,3\nA2,2024-01-05,7\n")
    run_import(shop, path, "sales", today=TODAY)
    again = run_import(shop, path, "sales", today=TODAY)
    assert again.imported == 0 and again.counts.get("already_in_shop") == 3
    assert _sales_totals(shop) == (3, 12.0)


def test_the_same_sales_in_a_workbook_and_a_csv_are_not_counted_twice(tmp_path, shop):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"])
    ws.append([536365, "85123A", 6, dt.datetime(2010, 12, 1, 8, 26), 2.55, 17850])
    ws.append([536365, 71053, 6, dt.datetime(2010, 12, 1, 8, 26), 3.39, 17850])
    ws.append(["C536379", "D", -1, dt.datetime(2010, 12, 1, 9, 41), 27.5, 14527])
    wb.save(tmp_path / "till.xlsx")
    (tmp_path / "till.csv").write_text(  # the same lines as the CSV export writes them
        "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
        "536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0\n"
        "536365,71053,6,2010-12-01 08:26:00,3.39,17850.0\n"
        "536366,22633,6,2010-12-01 08:28:00,1.85,17850.0\n")
    run_import(shop, tmp_path / "till.xlsx", "sales", today=TODAY)
    report = run_import(shop, tmp_path / "till.csv", "sales", today=TODAY)
    assert report.imported == 1 and report.counts.get("already_in_shop") == 2
    assert _sales_totals(shop) == (3, 18.0)


def test_an_overlapping_file_ends_with_exactly_the_union_of_both(tmp_path, shop):
    run_import(shop, _till_file(tmp_path / "a.csv", 1, 100), "sales", today=TODAY)
    report = run_import(shop, _till_file(tmp_path / "b.csv", 50, 150), "sales", today=TODAY)
    assert report.imported == 50
    assert report.counts.get("already_in_shop") == 51
    assert _sales_totals(shop) == (150, _qty_of(1, 150))


def test_undo_removes_exactly_one_import_and_keeps_products_a_later_import_uses(tmp_path, shop):
    a = tmp_path / "a.csv"
    a.write_text(HEADER + "".join(_line(i) for i in range(1, 8))          # P0..P6
                 + "600001,ONLY_A,Only in A,4,2024-02-01 09:00:00,2.00,17000\n")
    b = _till_file(tmp_path / "b.csv", 201, 260)                          # P0..P6 again, other sales
    first = run_import(shop, a, "sales", today=TODAY)
    second = run_import(shop, b, "sales", today=TODAY)
    assert first.counts["new_products"] == 8 and "new_products" not in second.counts

    summary = undo_import(shop, first.import_id)
    assert "removed 8 sales" in summary
    assert _sales_totals(shop) == (60, _qty_of(201, 260))
    assert {r[0] for r in shop.query("SELECT DISTINCT import_id FROM sales")} == {second.import_id}
    # the products B's sales use stay; the one only A used goes with it
    assert {r[0] for r in shop.query("SELECT sku FROM products")} == {f"P{i}" for i in range(7)}


def test_undoing_an_earlier_overlapping_import_keeps_every_sale_of_the_later_file(tmp_path, shop):
    first = run_import(shop, _till_file(tmp_path / "a.csv", 1, 100), "sales", today=TODAY)
    run_import(shop, _till_file(tmp_path / "b.csv", 50, 150), "sales", today=TODAY)
    undo_import(shop, first.import_id)
    assert _sales_totals(shop) == (101, _qty_of(50, 150))


def test_undo_twice_is_refused_and_changes_nothing(tmp_path, shop, shop_path, shop_state):
    first = run_import(shop, _till_file(tmp_path / "a.csv", 1, 30), "sales", today=TODAY)
    run_import(shop, _till_file(tmp_path / "b.csv", 31, 60), "sales", today=TODAY)
    undo_import(shop, first.import_id)
    before = shop_state(shop_path)
    with pytest.raises(UserError, match=r"Import \d+ \(a.csv\) was already undone"):
        undo_import(shop, first.import_id)
    assert shop_state(shop_path) == before
    with pytest.raises(UserError, match="There is no import number 99"):
        undo_import(shop, 99)


def test_undo_twice_on_the_command_line_exits_with_1(tmp_path, shop_path, run_cli):
    path = _till_file(tmp_path / "a.csv", 1, 10)
    assert run_cli("import", path, "--db", shop_path, "--kind", "sales").returncode == 0
    first = run_cli("undo", "1", "--db", shop_path)
    assert first.returncode == 0 and "removed 10 sales" in first.stdout
    second = run_cli("undo", "1", "--db", shop_path)
    assert second.returncode == 1 and "already undone" in second.stderr
    with open_shop(shop_path) as shop:
        assert _sales_totals(shop) == (0, 0)


def test_undo_of_a_products_import_puts_back_the_earlier_product_values(tmp_path, shop):
    (tmp_path / "v1.csv").write_text(
        "SKU,Name,Pack size,Supplier,Unit cost\n00123,Tea 80 bags,6,Twinings,1.20\n85123A,Heart holder,12,,2.00\n")
    (tmp_path / "v2.csv").write_text(
        "SKU,Name,Pack size,Unit cost\n00123,Tea 80 bags (new look),12,\nNEW1,Brand new,1,0.50\n")
    run_import(shop, tmp_path / "v1.csv", "products", today=TODAY)
    products = "SELECT p.sku, p.name, p.pack_size, p.unit_cost, s.name AS supplier FROM products p " \
               "LEFT JOIN suppliers s ON s.id = p.supplier_id ORDER BY p.sku"
    original = [tuple(r) for r in shop.query(products)]

    second = run_import(shop, tmp_path / "v2.csv", "products", today=TODAY)
    assert second.counts == {"updated": 1, "new_products": 1}
    changed = {r[0]: tuple(r) for r in shop.query(products)}
    assert changed["00123"] == ("00123", "Tea 80 bags (new look)", 12.0, 1.20, "Twinings")  # blanks never erase

    undo_import(shop, second.import_id)
    assert [tuple(r) for r in shop.query(products)] == original


def test_a_sales_import_creates_the_products_it_names_and_says_so(tmp_path, shop):
    (tmp_path / "products.csv").write_text("SKU,Name\nA1,Known tea\n")
    run_import(shop, tmp_path / "products.csv", "products", today=TODAY)
    (tmp_path / "sales.csv").write_text(
        "SKU,Description,Date,Qty\nA1,Tea,2024-01-05,1\nB2,Biscuits,2024-01-05,2\nC3,,2024-01-06,3\nB2,,2024-01-06,1\n")
    report = run_import(shop, tmp_path / "sales.csv", "sales", today=TODAY)
    assert report.counts["new_products"] == 2
    assert "2  products new to the shop (created)" in "\n".join(report.summary_lines())
    names = {r["sku"]: r["name"] for r in shop.query("SELECT sku, name FROM products")}
    assert names == {"A1": "Known tea", "B2": "Biscuits", "C3": None}  # a sales file never renames a product
