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
    """Each product's stock on its last count, as every reader takes it (the stock_counts view)."""
    return {r[0]: r[1] for r in shop.query(
        "SELECT p.sku, s.qty FROM stock_counts s JOIN products p ON p.id = s.product_id "
        "JOIN (SELECT product_id, max(date) AS date FROM stock_snapshots GROUP BY product_id) m "
        "ON m.product_id = s.product_id AND m.date = s.date")}


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


def test_locations_counted_in_separate_files_add_up_and_a_whole_shop_count_starts_again(tmp_path):
    """The floor counted on Monday and the stockroom on Tuesday, each in a file of its own (or the same day): the
    second no longer replaces the first (20 in the stockroom stored as the shop's stock, the floor's 5 lost, or the
    stockroom's count kept out as 'already in the shop'); the shop holds 25. A count of the whole shop (no location)
    later is what the shop held then; undoing a file takes only its location's count back."""
    from core.importing.commit import undo_import

    floor, stockroom, same_day, whole = (tmp_path / f"{n}.csv" for n in ("floor", "stockroom", "same_day", "whole"))
    _write(floor, ["SKU", "Location", "Date", "On hand"], [["A1", "Floor", "2025-05-05", "5"],
                                                           ["B1", "Floor", "2025-05-05", "2"]])
    _write(stockroom, ["SKU", "Location", "Date", "On hand"], [["A1", "Stockroom", "2025-05-06", "20"]])
    _write(same_day, ["SKU", "Location", "Date", "On hand"], [["B1", "Stockroom", "2025-05-05", "12"]])
    _write(whole, ["SKU", "Date", "On hand"], [["A1", "2025-05-20", "9"]])
    with open_shop(tmp_path / "shop.db") as shop:
        first = run_import(shop, floor, "stock", today=dt.date(2025, 6, 1))
        assert "Counts at location Floor: added to the latest counts of the shop's other locations (imported apart) " \
               "for each product's stock." in first.notes
        assert _counts(shop) == {"A1": 5, "B1": 2}
        second = run_import(shop, stockroom, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop) == {"A1": 25, "B1": 2} and second.imported == 1
        third = run_import(shop, same_day, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop) == {"A1": 25, "B1": 14} and third.counts.get("already_in_shop", 0) == 0
        # the day each count was taken: Monday's floor alone for A1, then Tuesday's sum
        assert [tuple(r) for r in shop.query(
            "SELECT date, qty FROM stock_counts WHERE product_id = (SELECT id FROM products WHERE sku = 'A1') "
            "ORDER BY date")] == [("2025-05-05", 5.0), ("2025-05-06", 25.0)]
        run_import(shop, whole, "stock", today=dt.date(2025, 6, 1))
        assert _counts(shop)["A1"] == 9
        undo_import(shop, second.import_id)
        assert [tuple(r) for r in shop.query(
            "SELECT date, qty FROM stock_counts WHERE product_id = (SELECT id FROM products WHERE sku = 'A1') "
            "ORDER BY date")] == [("2025-05-05", 5.0), ("2025-05-20", 9.0)]
        undo_import(shop, third.import_id)
        assert _counts(shop)["B1"] == 2


def test_the_plan_and_the_products_page_take_the_locations_sum(tmp_path):
    from core.policy.plan import plan_shop
    from core.store.queries import products_overview

    sales = tmp_path / "sales.csv"
    _write(sales, ["Date", "SKU", "Qty"], [[(dt.date(2025, 3, 1) + dt.timedelta(days=k)).isoformat(), "A1", 2]
                                           for k in range(61)])     # up to 30 April
    floor, stockroom = tmp_path / "floor.csv", tmp_path / "stockroom.csv"
    _write(floor, ["SKU", "Location", "Date", "On hand"], [["A1", "Floor", "2025-04-28", "6"]])
    _write(stockroom, ["SKU", "Location", "Date", "On hand"], [["A1", "Stockroom", "2025-04-29", "40"]])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, sales, "sales", today=dt.date(2025, 5, 1))
        run_import(shop, floor, "stock", today=dt.date(2025, 5, 1))
        run_import(shop, stockroom, "stock", today=dt.date(2025, 5, 1))
        plan = plan_shop(shop)
        row = plan.lines.set_index("sku").loc["A1"] if "sku" in plan.lines else None
        on_hand = {r.sku: r.on_hand for r in products_overview(shop).rows}
    assert on_hand["A1"] == 46
    assert row is not None and row["on_hand"] == 46 - 2           # the sales of 30 April, after the last count


def test_counts_by_location_are_exported_with_their_location_and_import_back_the_same(tmp_path):
    from core.exporting import export, export_frame

    path = tmp_path / "counts.csv"
    _write(path, ["SKU", "Location", "Date", "On hand"], [["A1", "Floor", "2025-05-05", "5"],
                                                         ["A1", "Stockroom", "2025-05-05", "20"]])
    plain = tmp_path / "plain.csv"
    _write(plain, ["SKU", "Date", "On hand"], [["B1", "2025-05-01", "4"]])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, plain, "stock", today=dt.date(2025, 6, 1))
        assert list(export_frame(shop, "stock").columns) == ["sku", "date", "qty"]     # no location: as before
        run_import(shop, path, "stock", today=dt.date(2025, 6, 1))
        frame = export_frame(shop, "stock")
        assert [tuple(r) for r in frame.itertuples(index=False)] == [
            ("A1", "2025-05-05", "Floor", 5.0), ("A1", "2025-05-05", "Stockroom", 20.0), ("B1", "2025-05-01", "", 4.0)]
        export(shop, "stock", tmp_path / "out.csv")
    with open_shop(tmp_path / "again.db") as again:
        run_import(again, tmp_path / "out.csv", "stock", today=dt.date(2025, 6, 1))
        assert _counts(again) == {"A1": 25, "B1": 4}
