"""A product code means one product in every kind of import: sales, stock and products files agree on which
product '85123A' is (core/importing/commit.py). Codes are kept exactly as written (store/migrations.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.importing import run_import

TODAY = dt.date(2025, 1, 1)


def _products(shop) -> dict[str, tuple]:
    return {r["sku"]: (r["name"], r["pack_size"]) for r in shop.query("SELECT sku, name, pack_size FROM products")}


def test_codes_that_differ_only_in_case_are_two_products_in_sales(tmp_path, shop):
    (tmp_path / "sales.csv").write_text("SKU,Date,Qty\n85123A,2024-01-05,2\n85123a,2024-01-05,3\n")
    report = run_import(shop, tmp_path / "sales.csv", "sales", today=TODAY)
    assert report.counts["new_products"] == 2
    assert set(_products(shop)) == {"85123A", "85123a"}


def test_a_products_file_updates_the_product_with_exactly_its_code(tmp_path, shop):
    (tmp_path / "sales.csv").write_text("SKU,Date,Qty\n00123,2024-01-05,2\n123,2024-01-05,3\n")
    run_import(shop, tmp_path / "sales.csv", "sales", today=TODAY)
    (tmp_path / "products.csv").write_text("SKU,Name,Pack size\n00123,Tea,6\n123,Biscuits,12\n")
    run_import(shop, tmp_path / "products.csv", "products", today=TODAY)
    assert _products(shop) == {"00123": ("Tea", 6.0), "123": ("Biscuits", 12.0)}


def test_a_products_file_does_not_mix_up_codes_that_differ_only_in_case(tmp_path, shop):
    (tmp_path / "sales.csv").write_text("SKU,Date,Qty\n85123A,2024-01-05,2\n85123a,2024-01-05,3\n")
    run_import(shop, tmp_path / "sales.csv", "sales", today=TODAY)
    (tmp_path / "products.csv").write_text("SKU,Name,Pack size\n85123A,Heart holder white,6\n"
                                           "85123a,Heart holder cream,12\n")
    run_import(shop, tmp_path / "products.csv", "products", today=TODAY)
    assert _products(shop) == {"85123A": ("Heart holder white", 6.0), "85123a": ("Heart holder cream", 12.0)}
