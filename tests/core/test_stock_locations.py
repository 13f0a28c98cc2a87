"""A stock export of a shop with a floor and a stockroom, or two branches (a web shop's inventory export: one row per
product and location): the product's stock is the sum over its locations, not the last row's."""
from __future__ import annotations

import csv
import datetime as dt

from core.importing import guess_mapping, read_sheet, run_import
from core.store import open_shop

# a web shop's inventory export, one row per variant and location
HEADER = ["Handle", "Title", "Option1 Name", "Option1 Value", "SKU", "HS Code", "COO", "Location", "Bin name",
          "Incoming (not editable)", "Unavailable (not editable)", "Committed (not editable)",
          "Available (not editable)", "On hand (current)", "On hand (new)"]
ROWS = [["blue-mug", "Blue Mug", "Size", "Large", "MUG-BLU-L", "", "", "Shop", "", "0", "0", "1", "5", "6", ""],
        ["blue-mug", "Blue Mug", "Size", "Large", "MUG-BLU-L", "", "", "Warehouse", "", "10", "0", "0", "20", "20", ""],
        ["blue-mug", "Blue Mug", "Size", "Small", "MUG-BLU-S", "", "", "Shop", "", "0", "0", "0", "3", "3", ""],
        ["blue-mug", "Blue Mug", "Size", "Small", "MUG-BLU-S", "", "", "Warehouse", "", "0", "1", "0", "0", "1", ""],
        ["tea-towel", "Tea Towel", "Title", "Default", "TOWEL-1", "", "", "Shop", "", "0", "0", "0", "7", "7", ""]]


def _counts(shop) -> dict[str, float]:
    return {r[0]: r[1] for r in shop.query(
        "SELECT p.sku, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id")}


def _write(path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])


def test_counts_at_several_locations_are_added_up(tmp_path):
    path = tmp_path / "inventory_export_1.csv"
    _write(path, HEADER, ROWS)
    mapping = guess_mapping(read_sheet(path, kind="stock"), "stock")
    assert mapping.columns["Location"] == "location" and mapping.columns["SKU"] == "sku"
    # what can be sold: on hand less what is promised to orders (already counted as sales) and the unavailable
    assert mapping.columns["Available (not editable)"] == "qty"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop) == {"MUG-BLU-L": 25, "MUG-BLU-S": 3, "TOWEL-1": 7}     # it was 20, 0 and 7
        assert report.rejected == 0 and report.imported == 5
        assert "Counts at 2 locations (Shop, Warehouse) are added up: each product's stock is its total over them." \
            in report.notes


def test_the_same_location_again_takes_the_later_count_and_a_sheet_without_locations_is_as_before(tmp_path):
    path = tmp_path / "counts.csv"
    _write(path, ["SKU", "Store", "Date", "On hand"],
           [["A1", "High St", "2025-05-01", "4"], ["A1", "Station Rd", "2025-05-01", "2"],
            ["A1", "High St", "2025-05-01", "5"]])                 # High St counted again: 5, not 4 + 5
    plain = tmp_path / "plain.csv"
    _write(plain, ["SKU", "Date", "On hand"], [["B1", "2025-05-01", "4"], ["B1", "2025-05-01", "6"]])
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop) == {"A1": 7} and report.counts["duplicates"] == 1
        report = run_import(shop, plain, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop)["B1"] == 6 and report.counts["duplicates"] == 1


SQUARE = ["Token", "Item Name", "Variation Name", "SKU", "Description", "Category", "Price",
          "Current Quantity Main Street", "Current Quantity Warehouse", "New Quantity Main Street",
          "New Quantity Warehouse", "Stock Alert Enabled Main Street", "Stock Alert Count Main Street"]


def test_a_till_item_library_with_a_quantity_column_per_location_is_read_as_their_sum(tmp_path):
    """Square's item library export: 'Stock Alert Enabled Main Street' (Y/N) was taken for the quantity (its first
    word 'Stock') and every row refused ('not a number'); the locations' 'Current Quantity' columns are now added up
    into an 'On hand' column the import reads (blank at one location counts 0 there, blank at all is no count)."""
    path = tmp_path / "square_catalog.csv"
    _write(path, SQUARE, [["T1", "Blue Mug", "Large", "MUG-BLU-L", "", "Kitchen", "8.50", "5", "20", "", "", "Y", "2"],
                          ["T2", "Blue Mug", "Small", "MUG-BLU-S", "", "Kitchen", "7.50", "3", "", "", "", "Y", "2"],
                          ["T3", "Tea Towel", "Regular", "TOWEL-1", "", "Linen", "4.00", "", "", "", "", "N", ""]])
    sheet = read_sheet(path, kind="stock")
    assert "On hand" in sheet.columns and guess_mapping(sheet, "stock").columns["On hand"] == "qty"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop) == {"MUG-BLU-L": 25, "MUG-BLU-S": 3}
        assert report.rejected == 1                          # the towel: no quantity at any location
        assert any("holds a quantity for each of 2 locations (Main Street, Warehouse): their sum is each product's "
                   "stock, in a column 'On hand'" in note for note in report.notes)
    assert "On hand" not in read_sheet(path, kind="sales").columns        # a sales import reads the file as it is


def test_variants_of_one_product_are_told_apart_by_name(tmp_path):
    """'Blue Mug' in Large and Small (an item library's Item Name | Variation Name): two products named 'Blue Mug' on
    every page and purchase order; now 'Blue Mug (Large)' and 'Blue Mug (Small)'. A 'Default Title' or 'Regular'
    variant, or one the name already holds, adds nothing."""
    path = tmp_path / "items.csv"
    _write(path, ["SKU", "Item Name", "Variation Name", "On hand"],
           [["MUG-L", "Blue Mug", "Large", "4"], ["MUG-S", "Blue Mug", "Small", "2"], ["TOWEL", "Tea Towel", "Regular", "7"],
            ["CARD", "Card - Birthday", "Birthday", "9"]])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "stock", today=dt.date(2025, 6, 1))
        names = dict(shop.query("SELECT sku, name FROM products"))
    assert names == {"MUG-L": "Blue Mug (Large)", "MUG-S": "Blue Mug (Small)", "TOWEL": "Tea Towel",
                     "CARD": "Card - Birthday"}


def test_a_till_item_library_as_a_products_sheet_reads_the_item_name_not_its_description(tmp_path):
    """'Description' (a shop's long text about the item) was the product's name beside 'Item Name'; the vendor's
    code is not the supplier."""
    path = tmp_path / "item_library.csv"
    _write(path, ["Token", "Item Name", "Variation Name", "SKU", "Description", "Reporting Category", "Categories",
                  "Price", "Default Unit Cost", "Default Vendor Name", "Default Vendor Code"],
           [["T1", "Blue Mug", "Large", "MUG-BLU-L", "A lovely hand-thrown mug in deep blue", "Kitchen",
             "Kitchen, Gifts", "8.50", "3.10", "Acme Pottery", "AP-17"]])
    mapping = guess_mapping(read_sheet(path, kind="products"), "products")
    assert {c: f for c, f in mapping.columns.items() if f} == {
        "Item Name": "name", "Variation Name": "variant", "SKU": "sku", "Reporting Category": "category",
        "Price": "sell_price", "Default Unit Cost": "unit_cost", "Default Vendor Name": "supplier",
        "Default Vendor Code": "supplier_sku"}
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "products")
        assert [tuple(r) for r in shop.query("SELECT sku, name, category, unit_cost FROM products")] == [
            ("MUG-BLU-L", "Blue Mug (Large)", "Kitchen", 3.10)]
