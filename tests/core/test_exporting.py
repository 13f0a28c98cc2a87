"""Writing what the shop holds back out as a sheet (core/exporting.py, `main.py export`)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from core.errors import UserError
from core.exporting import export
from core.importing import run_import

TODAY = dt.date(2025, 1, 1)


@pytest.fixture
def filled_shop(tmp_path, shop, shop_path):
    (tmp_path / "products.csv").write_text("SKU,Name,Supplier,Pack size\n00123,Tea,Twinings,6\n85123A,Heart,,12\n")
    (tmp_path / "sales.csv").write_text("SKU,Date,Qty\n00123,2024-01-05,2\n00123,2024-01-05,1\n85123A,2024-01-06,4\n")
    run_import(shop, tmp_path / "products.csv", "products", today=TODAY)
    run_import(shop, tmp_path / "sales.csv", "sales", today=TODAY)
    return shop_path


def test_sales_export_to_xlsx_keeps_leading_zeros_as_text(filled_shop, run_cli, tmp_path):
    out = tmp_path / "sales.xlsx"
    result = run_cli("export", "--db", filled_shop, "--kind", "sales", "--out", out)
    assert result.returncode == 0, result.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [("sku", "date", "qty"), ("00123", "2024-01-05", 3), ("85123A", "2024-01-06", 4)]


def test_products_export_lists_each_product_with_its_supplier(filled_shop, run_cli, tmp_path):
    out = tmp_path / "products.csv"
    assert run_cli("export", "--db", filled_shop, "--kind", "products", "--out", out).returncode == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("sku,name,category,supplier,")
    assert lines[1].startswith("00123,Tea,,Twinings,") and lines[2].startswith("85123A,Heart,,,")


def test_suppliers_export_lists_the_suppliers(filled_shop, run_cli, tmp_path):
    out = tmp_path / "suppliers.csv"
    result = run_cli("export", "--db", filled_shop, "--kind", "suppliers", "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text().splitlines()[1].startswith("Twinings,")


def test_export_to_an_unknown_file_type_is_refused(shop, tmp_path):
    with pytest.raises(UserError, match="must end in .csv or .xlsx"):
        export(shop, "sales", tmp_path / "sales.pdf")
    assert not (tmp_path / "sales.pdf").exists()


def test_export_from_a_shop_file_that_does_not_exist_is_refused(run_cli, tmp_path):
    result = run_cli("export", "--db", tmp_path / "nowhere.db", "--kind", "sales", "--out", tmp_path / "s.csv")
    assert result.returncode == 1 and "There is no shop file" in result.stderr
    assert not (tmp_path / "nowhere.db").exists()
