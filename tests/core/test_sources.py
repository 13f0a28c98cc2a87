"""Till and web-shop exports recognised by their columns and read by their own rules (core/importing/sources.py):
Shopify's orders export, WooCommerce's per-item orders export, Square's item sales export.

Each file is written here from the column layout the system documents (no real customer data), with orders of every
kind (paid, cancelled, voided, failed, unpaid, test, refunded in full or in part, refund lines, custom amounts, gift
cards, lines without a SKU, time-zone offsets across a summer-time change). The sales each product should end with
are worked out here independently, order by order, from the same generated orders."""
from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

import pytest

from core.importing import guess_mapping, read_sheet, run_import
from core.importing.sources import recognise
from core.store import open_shop

SKUS = ["MUG-BLU", "MUG-GRN", "TOWEL-1", "CARD-01", "CANDLE-9"]
NAMES = {"MUG-BLU": "Blue Mug", "MUG-GRN": "Green Mug", "TOWEL-1": "Tea Towel", "CARD-01": "Birthday Card",
         "CANDLE-9": "Fig Candle"}


def _stored(path: Path) -> dict[tuple[str, str], float]:
    with open_shop(path, create=False) as shop:
        rows = shop.query("SELECT p.sku, s.date, sum(s.qty) FROM sales s JOIN products p ON p.id = s.product_id "
                          "GROUP BY p.sku, s.date")
    return {(r[0], r[1]): r[2] for r in rows if r[2]}


def _totals(expected: dict) -> dict:
    return {k: v for k, v in expected.items() if v}


# ---- Shopify

SHOPIFY_HEADER = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
                  "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
                  "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
                  "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
                  "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Cancelled at", "Payment Method",
                  "Refunded Amount", "Vendor", "Id"]


def _shopify(path: Path, orders: int = 300, seed: int = 5):
    """Orders over March 2024 (British summer time starts on the 31st), each with 1-3 lines; the expected sales
    per product and day, and how many lines each rule should take."""
    rng = random.Random(seed)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    taken = defaultdict(int)
    rows = []
    for k in range(orders):
        day = 1 + k % 31
        offset = "+0100" if day == 31 else "+0000"
        created = f"2024-03-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 {offset}"
        status = rng.choice(["paid"] * 8 + ["voided", "refunded", "partially_refunded", "pending"])
        cancelled = rng.random() < 0.06
        payment = "bogus" if rng.random() < 0.04 else "Shopify Payments"
        lines = rng.sample(SKUS, rng.randint(1, 3))
        for j, sku in enumerate(lines):
            qty = rng.randint(1, 4)
            no_sku = sku == "CANDLE-9" and rng.random() < 0.5        # some lines lost their SKU
            first = j == 0
            rows.append([f"#{1001 + k}", f"c{k}@example.com" if first else "", status if first else "", "",
                         "fulfilled" if first else "", "", "no" if first else "", "GBP" if first else "", "", "", "",
                         "", "", "", "", created, qty, NAMES[sku], "10.00", "", "" if no_sku else sku, "true",
                         "true", "", "", created if cancelled and first else "", payment if first else "", "",
                         "Acme", str(k) if first else ""])
            if cancelled:
                taken["cancelled"] += 1
            elif status == "voided":
                taken["voided"] += 1
            elif status == "refunded":
                taken["refunded"] += 1
            elif payment == "bogus":
                taken["test"] += 1
            else:
                expected[("Fig Candle" if no_sku else sku, f"2024-03-{day:02d}")] += qty
                taken["no_sku"] += no_sku
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(SHOPIFY_HEADER)
        writer.writerows(rows)
    return _totals(expected), taken, len(rows)


def test_a_shopify_orders_export_is_recognised_and_read_by_its_rules(tmp_path):
    path = tmp_path / "orders_export_1.csv"
    expected, taken, lines = _shopify(path)
    raw = read_sheet(path)
    assert recognise(list(raw.columns), "sales").label == "Shopify orders export"
    mapping = guess_mapping(raw, "sales")
    assert mapping.source == "shopify-orders" and mapping.source_of("sku") == "Lineitem sku"
    assert mapping.source_of("date") == "Created at" and mapping.source_of("qty") == "Lineitem quantity"
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales")
    assert _stored(shop) == expected
    assert report.rows_read == lines and report.rejected == 0
    assert report.counts["not_sales"] == taken["cancelled"] + taken["voided"] + taken["refunded"] + taken["test"]
    assert report.counts["named_by_name"] == taken["no_sku"]
    text = "\n".join(report.summary_lines())
    assert "Recognised as a Shopify orders export" in text
    assert "a cancelled order: not a sale" in text and "a voided order: not a sale" in text
    assert "a test order (paid through the test gateway): not a sale" in text
    assert "an order refunded in full: the sale was taken back" in text
    assert "no SKU: the product name (Lineitem name) is used as the product code" in text
    assert "Orders refunded in part are kept as sold" in text
    assert f"{lines:,} times in 'Created at' carry a time-zone offset (+0000, +0100)" in text
    # the summer-time offset does not move a sale to another day: 31 March's orders stay on the 31st
    assert any(day == "2024-03-31" for _sku, day in expected) and any(day == "2024-03-31" for _s, day in _stored(shop))
    with open_shop(shop) as opened:                  # importing the same export again adds nothing
        again = run_import(opened, path, "sales")
    assert _stored(shop) == expected and again.counts.get("already_in_shop")


def test_an_order_status_only_on_the_first_line_is_carried_down_its_lines(tmp_path):
    path = tmp_path / "orders.csv"
    rows = [SHOPIFY_HEADER,
            ["#1", "a@x.com", "voided", *[""] * 12, "2024-03-04 10:00:00 +0000", "2", "Blue Mug", "10", "",
             "MUG-BLU", "true", "true", "", "", "", "Shopify Payments", "", "Acme", "1"],
            ["#1", *[""] * 14, "2024-03-04 10:00:00 +0000", "5", "Tea Towel", "4", "", "TOWEL-1", "true", "true",
             "", "", "", "", "", "Acme", ""],
            ["#2", "b@x.com", "paid", *[""] * 12, "2024-03-04 11:00:00 +0000", "1", "Tea Towel", "4", "",
             "TOWEL-1", "true", "true", "", "", "", "Shopify Payments", "", "Acme", "2"]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales")
    assert _stored(shop) == {("TOWEL-1", "2024-03-04"): 1.0}         # both lines of the voided order #1 left out
    assert report.counts["not_sales"] == 2


# ---- WooCommerce

WOO_HEADER = ["order_id", "order_number", "order_date", "status", "shipping_total", "order_total", "customer_id",
              "item_id", "item_name", "item_sku", "item_quantity", "item_subtotal", "item_total"]


def test_a_woocommerce_orders_export_leaves_out_orders_that_are_not_sales(tmp_path):
    rng = random.Random(9)
    path = tmp_path / "orders-2024-03.csv"
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, left_out = [], 0
    for k in range(200):
        status = rng.choice(["completed", "processing", "on-hold", "wc-completed", "cancelled", "failed", "pending",
                             "refunded", "wc-cancelled"])
        day = f"2024-03-{1 + k % 30:02d}"
        for sku in rng.sample(SKUS, rng.randint(1, 2)):
            qty = rng.randint(1, 3)
            rows.append([str(500 + k), str(500 + k), f"{day} 1{k % 10}:00:00", status, "3.50", "20.00",
                         str(k % 40), str(9000 + len(rows)), NAMES[sku], sku, str(qty), f"{qty * 5}.00",
                         f"{qty * 5}.00"])
            if status.removeprefix("wc-") in ("completed", "processing", "on-hold"):
                expected[(sku, day)] += qty
            else:
                left_out += 1
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([WOO_HEADER, *rows])
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales")
    assert report.counts["not_sales"] == left_out and report.rejected == 0
    assert _stored(shop) == _totals(expected)
    assert "Recognised as a WooCommerce orders export (one row per item)" in "\n".join(report.summary_lines())


# ---- Square

SQUARE_HEADER = ["Date", "Time", "Time Zone", "Category", "Item", "Qty", "Price Point Name", "SKU",
                 "Modifiers Applied", "Gross Sales", "Discounts", "Net Sales", "Tax", "Transaction ID", "Payment ID",
                 "Device Name", "Notes", "Details", "Event Type", "Location", "Dining Option", "Customer ID",
                 "Customer Name", "Customer Reference ID", "Unit", "Count", "Itemization Type"]


def test_a_square_item_sales_export_counts_refunds_against_their_day_and_leaves_out_non_items(tmp_path):
    rng = random.Random(11)
    path = tmp_path / "items-2024-03-01-2024-04-01.csv"
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, non_items, refunds = [], 0, 0
    for k in range(250):
        day = f"2024-03-{1 + k % 28:02d}"
        transaction = "".join(rng.choice("ACDEFGHJKLMNPQRSTUVWXYZabcdefghjk0123456789") for _ in range(12))
        kind = rng.random()
        if kind < 0.1:
            rows.append([day, "12:00:00", "Europe/London", "", rng.choice(["Custom Amount", "Gift Card"]), "1", "",
                         "", "", "£5.00", "£0.00", "£5.00", "£0.00", transaction, f"P{k}", "iPad", "", "",
                         "Payment", "Shop", "", "", "", "", "", "", rng.choice(["Custom Amount", "Gift Card"])])
            non_items += 1
            continue
        sku = rng.choice(SKUS)
        qty = rng.randint(1, 3)
        refund = kind > 0.9
        rows.append([day, f"{9 + k % 8:02d}:{k % 60:02d}:00", "Europe/London", "Gifts", NAMES[sku],
                     str(-qty if refund else qty), "Regular", sku, "", f"£{qty * 4}.00", "£0.00", f"£{qty * 4}.00",
                     "£0.00", transaction, f"P{k}", "iPad", "", "", "Refund" if refund else "Payment", "Shop", "", "",
                     "", "", "", "", "Physical Item"])
        expected[(sku, day)] += -qty if refund else qty
        refunds += refund
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([SQUARE_HEADER, *rows])
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales")
    assert _stored(shop) == _totals(expected)
    assert report.counts["non_product"] == non_items and report.counts["refunds"] == refunds
    assert report.counts.get("write_offs", 0) == 0       # transaction ids starting with A or C are no till's codes
    assert "Recognised as a Square item sales export" in "\n".join(report.summary_lines())


def test_a_square_item_without_a_sku_is_named_by_its_item_and_price_point(tmp_path):
    """A café's Latte in Regular and Large (Square's price points), no SKUs: two products, 'Latte' and 'Latte
    (Large)' (a 'Regular' price point adds nothing), each with its own sales."""
    path = tmp_path / "items.csv"
    rows = []
    for k, (point, qty) in enumerate([("Regular", 2), ("Large", 1), ("Large", 3), ("Regular", 1)]):
        row = dict.fromkeys(SQUARE_HEADER, "")
        row.update({"Date": "2024-03-01", "Time": f"09:0{k}:00", "Item": "Latte", "Qty": str(qty),
                    "Price Point Name": point, "Net Sales": f"£{qty * 3}.00", "Transaction ID": f"TX{k}",
                    "Event Type": "Payment", "Itemization Type": "Physical Item"})
        rows.append([row[c] for c in SQUARE_HEADER])
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([SQUARE_HEADER, *rows])
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        run_import(opened, path, "sales")
    assert _stored(shop) == {("Latte", "2024-03-01"): 3, ("Latte (Large)", "2024-03-01"): 4}


def test_a_sheet_of_the_shops_own_is_not_taken_for_a_known_export(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Date,SKU,Qty,Status\n2024-03-01,A1,2,done\n", encoding="utf-8")
    raw = read_sheet(path)
    assert recognise(list(raw.columns), "sales") is None and guess_mapping(raw, "sales").source is None


@pytest.mark.parametrize("text", ["2024-03-31 01:30:00 +0100", "2024-03-31T01:30:00+01:00", "2024-03-31 01:30:00Z"])
def test_a_time_with_its_offset_keeps_the_day_as_written(text):
    import pandas as pd

    from core.importing.values import parse_date

    parsed = parse_date(pd.Series([text, "2024-03-30 23:59:00 +0000"]), day_first=None)[0]
    assert not parsed.bad.any()
    assert str(parsed.values[0])[:10] == "2024-03-31" and str(parsed.values[1])[:10] == "2024-03-30"
