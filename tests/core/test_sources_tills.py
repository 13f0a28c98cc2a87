"""More till exports recognised by their columns (core/importing/sources.py): Lightspeed Retail X-Series (Vend)
sales history, Loyverse receipts by item, SumUp's sales report.

Each file is written here in the layout the system documents for the export (no real customer data): receipts of
every kind (closed, voided, parked, cancelled, returns and refunds, receipt and payment lines, tips and custom
amounts). The sales each product should end with are worked out independently, receipt by receipt, from the same
generated receipts."""
from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

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


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])


def _import(tmp_path: Path, path: Path):
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales")
    return shop, report


# ---- Lightspeed Retail X-Series (Vend): one row per receipt, per product line and per payment

VEND_HEADER = ["Date", "Receipt Number", "Line Type", "Customer Code", "Customer Name", "Note", "Quantity",
               "Subtotal", "Sales Tax", "Discount", "Loyalty", "Total", "Paid", "Details", "Register", "User",
               "Status", "Sku", "AccountCodeSale", "AccountCodePurchase"]


def test_a_lightspeed_x_series_sales_history_counts_product_lines_only(tmp_path):
    rng = random.Random(3)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, receipt_lines, set_aside, returns = [], 0, 0, 0
    for k in range(220):
        day = f"2024-05-{1 + k % 31:02d}"
        stamp = f"{day} {9 + k % 9:02d}:{k % 60:02d}:00"
        status = rng.choice(["CLOSED"] * 7 + ["ONACCOUNT_CLOSED", "VOIDED", "SAVED"])
        lines = [(sku, rng.choice([1, 1, 2, 3, -1] if status == "CLOSED" else [1, 2]))
                 for sku in rng.sample(SKUS, rng.randint(1, 3))]
        total_qty = sum(q for _s, q in lines)
        # the receipt's own row comes first and carries the receipt's total quantity: counting it would double
        rows.append([stamp, str(1000 + k), "Sale", "C1", "Walk-in", "", str(total_qty), "", "", "", "", "40.00", "",
                     "", "Main", "sam", status, "", "", ""])
        receipt_lines += 1
        for sku, qty in lines:
            rows.append([stamp, str(1000 + k), "Sale Line", "", "", "", str(qty), f"{qty * 8}.00", "", "", "",
                         f"{qty * 8}.00", "", NAMES[sku], "", "", status, sku, "200", "300"])
            if status in ("VOIDED", "SAVED"):
                set_aside += 1
            else:
                expected[(sku, day)] += qty
                returns += qty < 0
        rows.append([stamp, str(1000 + k), "Payment", "", "", "", "", "", "", "", "", "40.00", "40.00", "Card", "",
                     "", status, "", "", ""])
        receipt_lines += 1
    path = tmp_path / "sales-history.csv"
    _write(path, VEND_HEADER, rows)
    raw = read_sheet(path)
    assert recognise(list(raw.columns), "sales").key == "lightspeed-x-sales"
    mapping = guess_mapping(raw, "sales")
    assert mapping.source_of("sku") == "Sku" and mapping.source_of("qty") == "Quantity"
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {k: v for k, v in expected.items() if v}
    assert report.counts["not_lines"] == receipt_lines
    assert report.counts["not_sales"] == set_aside and report.counts["refunds"] == returns
    assert report.counts.get("write_offs", 0) == 0 and report.rejected == 0
    text = "\n".join(report.summary_lines())
    assert "Recognised as a Lightspeed Retail (X-Series, Vend) sales history export" in text
    assert "a receipt's own line or a payment (Line Type Sale or Payment): not a product line" in text
    assert "a voided or parked receipt: not a sale" in text
    with open_shop(shop) as opened:                  # importing the same export again adds nothing
        run_import(opened, path, "sales")
    assert _stored(shop) == {k: v for k, v in expected.items() if v}


# ---- Loyverse: receipts by item

LOYVERSE_HEADER = ["Date", "Receipt number", "Receipt type", "Category", "SKU", "Item", "Variant",
                   "Modifiers applied", "Quantity", "Gross sales", "Discounts", "Net sales", "Cost of goods",
                   "Gross profit", "Taxes", "Dining option", "POS", "Store", "Cashier name", "Customer name",
                   "Customer contacts", "Comment", "Status"]


def test_a_loyverse_receipts_by_item_export_counts_refunds_and_leaves_out_cancelled_receipts(tmp_path):
    rng = random.Random(4)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, cancelled, refunds = [], 0, 0
    for k in range(200):
        day = f"2024-06-{1 + k % 30:02d}"
        kind = rng.choice(["Sale"] * 8 + ["Refund"])
        status = "Cancelled" if rng.random() < 0.08 else "Closed"
        for sku in rng.sample(SKUS, rng.randint(1, 2)):
            qty = rng.randint(1, 3)
            # Loyverse writes a refund's quantity as a positive number, its type says what it is
            rows.append([f"{day[8:]}/{day[5:7]}/{day[:4]} 1{k % 10}:05", f"1-{1000 + k}", kind, "Gifts", sku,
                         NAMES[sku], "", "", str(qty), f"{qty * 6}.00", "0.00", f"{qty * 6}.00", "", "", "0.00",
                         "", "POS 1", "Shop", "Ann", "", "", "", status])
            if status == "Cancelled":
                cancelled += 1
            else:
                expected[(sku, day)] += -qty if kind == "Refund" else qty
                refunds += kind == "Refund"
    path = tmp_path / "receipts-by-item-2024-06.csv"
    _write(path, LOYVERSE_HEADER, rows)
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {k: v for k, v in expected.items() if v}
    assert report.counts["not_sales"] == cancelled and report.counts["refunds"] == refunds
    assert report.rejected == 0
    assert "Recognised as a Loyverse receipts by item export" in "\n".join(report.summary_lines())


# ---- SumUp: the sales report, products known by their description

SUMUP_HEADER = ["Account", "Date", "Time", "Type", "Transaction ID", "Receipt Number", "Payment Method", "Quantity",
                "Description", "Currency", "Price (Gross)", "Price (Net)", "Tax", "Tax rate",
                "Transaction refunded"]


def test_a_sumup_sales_report_names_products_by_description_and_leaves_out_tips(tmp_path):
    rng = random.Random(6)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, tips, refunds = [], 0, 0
    for k in range(240):
        day = 1 + k % 30
        date = f"{day:02d}.04.24"                      # SumUp writes day.month.two-digit year
        transaction = "T" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(9))
        if rng.random() < 0.08:
            rows.append(["shop@example.com", date, "12:00", "Sales", transaction, f"S2024{k:07d}", "Card", "1",
                         "Tip", "GBP", "1.00", "1.00", "0.0%", "", ""])
            tips += 1
            continue
        sku = rng.choice(SKUS)
        qty = rng.randint(1, 3)
        refund = rng.random() < 0.1
        rows.append(["shop@example.com", date, f"1{k % 10}:{k % 60:02d}", "Refund" if refund else "Sales",
                     transaction, f"S2024{k:07d}", rng.choice(["Card", "Cash"]), str(qty), NAMES[sku], "GBP",
                     f"{qty * 5}.00", f"{qty * 5}.00", "0.0%", "", ""])
        expected[(NAMES[sku], f"2024-04-{day:02d}")] += -qty if refund else qty
        refunds += refund
    path = tmp_path / "sales-report.csv"
    _write(path, SUMUP_HEADER, rows)
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {k: v for k, v in expected.items() if v}
    assert report.counts["non_product"] == tips and report.counts["refunds"] == refunds
    assert report.rejected == 0
    text = "\n".join(report.summary_lines())
    assert "Recognised as a SumUp sales report" in text
    assert "SumUp's sales report has no SKU: each product is known by its description" in text


# ---- an accounting package's "sales by product/service detail" report: products as headings above their rows

def _grouped_report(rng: random.Random):
    """The report's rows (title block, a category heading over its products, 'Total for' rows, a grand total and a
    footer) and the sales worked out from the same transactions."""
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows = [["Sales by Product/Service Detail"], ["Acme Gifts Ltd"], ["January 1 - March 31, 2024"], [],
            ["", "Date", "Transaction Type", "Num", "Customer", "Memo/Description", "Qty", "Sales Price", "Amount",
             "Balance"],
            ["Kitchen"]]
    counts = defaultdict(int)
    grand_qty = 0.0
    for index, sku in enumerate(SKUS):
        name = NAMES[sku]
        if index == 2:
            rows.append(["Total for Kitchen", "", "", "", "", "", "", "", "", ""])
        rows.append([name])
        qty_sum = amount_sum = balance = 0.0
        for k in range(rng.randint(4, 12)):
            day, month = rng.randint(1, 28), rng.randint(1, 3)
            kind = rng.choice(["Invoice"] * 5 + ["Sales Receipt"] * 3 + ["Credit Memo", "Estimate"])
            qty = rng.randint(1, 6) * (-1 if kind == "Credit Memo" else 1)
            amount = qty * 4.5
            balance += amount
            rows.append(["", f"{day:02d}/{month:02d}/2024", kind, f"{kind[0]}-{index}{k:02d}", "Smith", name,
                         f"{qty:.2f}", "4.50", f"{amount:,.2f}", f"{balance:,.2f}"])
            qty_sum += qty
            amount_sum += amount
            if kind == "Estimate":
                counts["estimates"] += 1
            else:
                expected[(name, f"2024-{month:02d}-{day:02d}")] += qty
                counts["refunds"] += kind == "Credit Memo"
        rows.append([f"Total for {name}", "", "", "", "", "", f"{qty_sum:.2f}", "", f"{amount_sum:,.2f}", ""])
        grand_qty += qty_sum
    rows.append(["TOTAL", "", "", "", "", "", f"{grand_qty:.2f}", "", "", ""])
    rows += [[], ["Monday, Apr 01, 2024 10:15:22 AM GMT+01:00 - Accrual Basis"]]
    return rows, {k: v for k, v in expected.items() if v}, counts


def test_a_report_grouped_by_product_is_read_with_each_heading_on_its_rows(tmp_path):
    from openpyxl import Workbook

    rows, expected, counts = _grouped_report(random.Random(8))
    csv_path = tmp_path / "SalesByProductServiceDetail.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    xlsx_path = tmp_path / "SalesByProductServiceDetail.xlsx"
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        raw = read_sheet(path)
        assert raw.columns[0] == "Product" and set(raw.frame["Product"]) == set(NAMES.values())
        assert "The report's totals agree with the rows they add up" in " ".join(raw.notes)
        shop = tmp_path / f"{path.suffix[1:]}.db"
        with open_shop(shop) as opened:
            report = run_import(opened, path, "sales")
        assert _stored(shop) == expected
        assert report.counts["not_sales"] == counts["estimates"] and report.counts["refunds"] == counts["refunds"]
        assert report.rejected == 0
        text = "\n".join(report.summary_lines())
        assert "Recognised as a sales by product detail report (QuickBooks and other accounting packages)" in text
        assert "a credit note or a refund: reduces the sales of its product on its day" in text
        assert "is a report grouped by product: the product of each heading (5 of them) was written" in text


def test_a_grouped_report_whose_total_disagrees_says_which(tmp_path):
    rows, _expected, _counts = _grouped_report(random.Random(2))
    at = next(i for i, r in enumerate(rows) if r and r[0] == "Total for Tea Towel")
    rows[at][6] = "999.00"
    path = tmp_path / "report.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    notes = " ".join(read_sheet(path).notes)
    assert "1 of the report's totals disagree with the rows they add up: Tea Towel (Qty)" in notes


# ---- eBay: the orders report, an order of several items on a row of its own above its items

EBAY_HEADER = ["Sales Record Number", "Order Number", "Buyer Username", "Buyer Name", "Buyer Email", "Buyer Note",
               "Buyer Address 1", "Buyer Address 2", "Buyer City", "Buyer County", "Buyer Postcode", "Buyer Country",
               "Post To Name", "Post To Phone", "Post To Address 1", "Post To Address 2", "Post To City",
               "Post To County", "Post To Postcode", "Post To Country", "Item Number", "Item Title", "Custom Label",
               "Sold Via Promoted Listings", "Quantity", "Sold For", "Postage And Packaging", "Seller Collected Tax",
               "eBay Collected Tax", "Total Price", "Payment Method", "Sale Date", "Paid On Date", "Post By Date",
               "Dispatched On Date", "Feedback Left", "Feedback Received", "My Item Note", "PayPal Transaction ID",
               "Delivery Service", "Tracking Number", "Transaction ID", "Variation Details"]
EBAY_ITEMS = {"MUG-BLU": "394512345678", "MUG-GRN": "394512345679", "TOWEL-1": "394598765432",
              "CARD-01": "394511112222", "CANDLE-9": "394533334444"}


def ebay_report(path: Path, orders: int = 150) -> tuple[dict, int]:
    """An eBay orders report in its layout (a blank first line, the header, orders of one to three items, an order of
    several on a row of its own above its items, footer lines) and the sales each product should end with."""
    rng = random.Random(11)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    column = {name: k for k, name in enumerate(EBAY_HEADER)}
    rows, order_rows = [], 0

    def row(**values):
        out = [""] * len(EBAY_HEADER)
        for name, value in values.items():
            out[column[name.replace("_", " ")]] = value
        return out

    for k in range(orders):
        day = 1 + k % 28
        sale_date = ["Jan", "Feb"][k % 2] + f"-{day:02d}-24"                  # eBay's US dates: Jan-05-24
        record, order = str(1001 + k), f"12-{10000 + k:05d}-{k:05d}"
        items = rng.sample(SKUS, rng.choice([1, 1, 1, 2, 3]))
        quantities = [rng.randint(1, 3) for _ in items]
        if len(items) > 1:
            rows.append(row(Sales_Record_Number=record, Order_Number=order, Buyer_Username=f"buyer{k}",
                            Buyer_Name="A Buyer", Quantity=str(sum(quantities)), Total_Price="£40.00",
                            Payment_Method="eBay Managed Payments", Sale_Date=sale_date))
            order_rows += 1
        for sku, qty in zip(items, quantities):
            labelled = sku != "CARD-01"              # the seller never gave the card a Custom Label
            rows.append(row(Sales_Record_Number=record, Order_Number=order, Buyer_Username=f"buyer{k}",
                            Item_Number=EBAY_ITEMS[sku], Item_Title=NAMES[sku], Custom_Label=sku if labelled else "",
                            Quantity=str(qty), Sold_For="£4.50", Sale_Date=sale_date,
                            Transaction_ID=str(2000000 + len(rows))))
            expected[(sku if labelled else NAMES[sku], f"2024-{1 + k % 2:02d}-{day:02d}")] += qty
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        fh.write("\n")
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(EBAY_HEADER)
        fh.write("\n")
        writer.writerows(rows)
        fh.write(f'\n"{orders} record(s) downloaded,from Jan-01-24 00:00:00 to Feb-28-24 23:59:59"\n'
                 '"Seller ID : giftshop_uk"\n')
    return dict(expected), order_rows


def test_an_ebay_orders_report_counts_each_item_once_and_never_the_record_number(tmp_path):
    """Sales Record Number (1001, 1002 ...) was read as the quantity and Item Number as the product: every line a
    sale of a thousand. Now: the seller's Custom Label is the code (the item title where it is blank), an order of
    several items is counted by its items' rows (its own row carries the order's whole quantity), and the footer
    lines are no sales."""
    path = tmp_path / "eBay-OrdersReport.csv"
    expected, order_rows = ebay_report(path)
    assert recognise(EBAY_HEADER, "sales").key == "ebay-orders"
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == dict(expected)
    assert report.rejected == 0 and report.counts["not_lines"] == order_rows + 2
    with open_shop(shop, create=False) as opened:
        assert opened.scalar("SELECT sum(revenue) FROM sales") == 4.5 * sum(expected.values())
    text = "\n".join(report.summary_lines())
    assert "Recognised as an eBay orders report" in text
    assert "Items without a Custom Label are known by their item title and variation" in text


# ---- Etsy: the sold order items export, SKU often blank

ETSY_HEADER = ["Sale Date", "Item Name", "Buyer", "Quantity", "Price", "Coupon Code", "Coupon Details",
               "Discount Amount", "Shipping Discount", "Order Shipping", "Order Sales Tax", "Item Total", "Currency",
               "Transaction ID", "Listing ID", "Date Paid", "Date Shipped", "Ship Name", "Ship Address1",
               "Ship Address2", "Ship City", "Ship State", "Ship Zipcode", "Ship Country", "Order ID", "Variations",
               "Order Type", "Listings Type", "Payment Type", "InPerson Discount", "InPerson Location",
               "VAT Paid by Buyer", "SKU"]


def test_an_etsy_sold_order_items_export_names_items_without_a_sku_by_their_name(tmp_path):
    rng = random.Random(12)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, unnamed = [], 0
    for k in range(120):
        month, day = 1 + k % 3, 1 + k % 28
        sku = rng.choice(SKUS)
        qty = rng.randint(1, 4)
        with_sku = sku not in ("CARD-01", "CANDLE-9")       # the seller gave two of the listings no SKU
        # the candle comes in two scents (a listing's variations); the card has none
        variation = rng.choice(["Scent:Fig", "Scent:Rose"]) if sku == "CANDLE-9" else ""
        rows.append([f"{month:02d}/{day:02d}/24", NAMES[sku], f"buyer{k}", str(qty), "4.50", "", "", "0.50", "0",
                     "3.20", "0", f"{qty * 4.5:.2f}", "GBP", str(3000000000 + k), str(1200000000 + SKUS.index(sku)),
                     f"{month:02d}/{day:02d}/24", "", "A Buyer", "1 Road", "", "York", "", "YO1", "United Kingdom",
                     str(2900000000 + k), variation, "online", "listing", "online_cc", "", "", "",
                     sku if with_sku else ""])
        code = sku if with_sku else NAMES[sku] + (f" ({variation})" if variation else "")
        expected[(code, f"2024-{month:02d}-{day:02d}")] += qty
        unnamed += not with_sku
    path = tmp_path / "EtsySoldOrderItems2024.csv"
    _write(path, ETSY_HEADER, rows)
    assert recognise(ETSY_HEADER, "sales").key == "etsy-sold-order-items"
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == dict(expected)
    assert report.rejected == 0 and report.counts["named_by_name"] == unnamed
    with open_shop(shop, create=False) as opened:         # Item Total, not the discount, is each line's value
        assert abs(opened.scalar("SELECT sum(revenue) FROM sales") - 4.5 * sum(expected.values())) < 1e-6
    assert {c for c, _d in expected if c.startswith("Fig Candle")} == {"Fig Candle (Scent:Fig)", "Fig Candle (Scent:Rose)"}
    assert "Recognised as an Etsy sold order items export" in "\n".join(report.summary_lines())


def test_a_column_named_exactly_for_a_field_wins_over_one_that_only_starts_with_its_word(tmp_path):
    """A shop's own export (no known source): 'Sales Record Number' and 'Sales channel' start with 'Sales' (an alias of
    the quantity) and come before 'Quantity'; 'Discount Amount' holds 'amount' (an alias of the value) and comes
    before 'Line total'. The quantity is Quantity, the value Line total."""
    path = tmp_path / "orders.csv"
    _write(path, ["Sales Record Number", "Sales channel", "Date", "SKU", "Discount Amount", "Order Shipping",
                  "Quantity", "Line total"],
           [["1001", "web", "2024-03-01", "MUG-BLU", "0.50", "3.20", "2", "9.00"],
            ["1002", "shop", "2024-03-02", "MUG-BLU", "0", "0", "1", "4.50"]])
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert {c: f for c, f in mapping.columns.items() if f} == {"Date": "date", "SKU": "sku", "Quantity": "qty",
                                                               "Line total": "revenue"}
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {("MUG-BLU", "2024-03-01"): 2, ("MUG-BLU", "2024-03-02"): 1}


# ---- Amazon: Seller Central's all orders report, tab-separated, item-price the line's total

AMAZON_HEADER = ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
                 "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name",
                 "sku", "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price",
                 "shipping-tax", "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount",
                 "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
                 "promotion-ids", "is-business-order", "purchase-order-number", "price-designation"]


def test_an_amazon_all_orders_report_leaves_out_cancellations_and_reads_item_price_as_the_lines_value(tmp_path):
    rng = random.Random(13)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    rows, cancelled, value = [], 0, 0.0
    column = {name: k for k, name in enumerate(AMAZON_HEADER)}
    for k in range(160):
        day = 1 + k % 28
        order = f"202-{1000000 + k:07d}-{rng.randint(1000000, 9999999)}"
        status = rng.choice(["Shipped"] * 6 + ["Pending", "Cancelled"])
        for sku in rng.sample(SKUS, rng.choice([1, 1, 2])):
            qty = rng.randint(1, 3)
            item_status = "Cancelled" if status == "Cancelled" or rng.random() < 0.05 else \
                ("Unshipped" if status == "Pending" else "Shipped")
            out = [""] * len(AMAZON_HEADER)
            for name, text in (("amazon-order-id", order), ("purchase-date", f"2024-03-{day:02d}T1{k % 10}:05:00+00:00"),
                               ("order-status", status), ("fulfillment-channel", "Merchant"),
                               ("sales-channel", "Amazon.co.uk"), ("product-name", NAMES[sku]), ("sku", sku),
                               ("asin", f"B0{SKUS.index(sku):08d}"), ("item-status", item_status),
                               ("quantity", "0" if status == "Cancelled" else str(qty)), ("currency", "GBP"),
                               ("item-price", "" if status == "Cancelled" else f"{qty * 8.5:.2f}"),
                               ("item-tax", f"{qty * 1.42:.2f}"), ("shipping-price", "2.99")):
                out[column[name]] = text
            rows.append(out)
            if item_status == "Cancelled":
                cancelled += 1
            else:
                expected[(sku, f"2024-03-{day:02d}")] += qty
                value += qty * 8.5
    path = tmp_path / "All Orders 2024-03.txt"
    path.write_text("\n".join("\t".join(r) for r in [AMAZON_HEADER, *rows]) + "\n", encoding="utf-8")
    assert recognise(AMAZON_HEADER, "sales").key == "amazon-all-orders"
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == dict(expected)
    assert report.rejected == 0
    assert report.counts["not_sales"] + report.counts.get("zero_qty", 0) == cancelled
    with open_shop(shop, create=False) as opened:          # item-price is the line's total, not a unit price
        assert abs(opened.scalar("SELECT sum(revenue) FROM sales") - value) < 1e-6
    assert "Recognised as an Amazon all orders report" in "\n".join(report.summary_lines())


def test_a_report_by_variant_sku_is_stored_by_its_sku_not_by_its_product_title(tmp_path):
    """A web shop's analytics report of sales by variant over time: 'Product title' (contains 'product', an alias of
    the code) came before 'Variant SKU' ('sku' too short to be looked for inside a name) and became the code, so
    every size and colour of a product was one product. 'Buyer Name' never names the product."""
    path = tmp_path / "sales_by_variant.csv"
    _write(path, ["Day", "Product title", "Product vendor", "Variant SKU", "Variant title", "Net quantity",
                  "Gross sales", "Discounts", "Returns", "Net sales"],
           [["2024-03-01", "Mug", "Acme", "MUG-BLU", "Blue", "3", "13.50", "0", "0", "13.50"],
            ["2024-03-01", "Mug", "Acme", "MUG-GRN", "Green", "1", "4.50", "0", "0", "4.50"],
            ["2024-03-02", "Mug", "Acme", "MUG-BLU", "Blue", "2", "9.00", "0.50", "0", "8.50"]])
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert mapping.columns["Variant SKU"] == "sku" and mapping.columns["Product title"] == "name"
    assert mapping.columns["Net quantity"] == "qty" and mapping.columns["Product vendor"] == "supplier"
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {("MUG-BLU", "2024-03-01"): 3, ("MUG-GRN", "2024-03-01"): 1, ("MUG-BLU", "2024-03-02"): 2}
    orders = tmp_path / "orders.csv"
    _write(orders, ["Order", "Date", "Buyer Name", "Product code", "Qty"], [["A1", "2024-03-01", "Ann Lee", "MUG-BLU", "1"]])
    assert guess_mapping(read_sheet(orders, kind="sales"), "sales").columns["Buyer Name"] != "name"


def test_a_tills_sales_lines_are_keyed_by_the_shops_own_sku_not_by_the_item_name_or_a_barcode(tmp_path):
    """A till's sales lines (Item | System ID | Custom SKU | Manufact. SKU | UPC | EAN | Qty ...): 'Item' (an exact
    word for the code) was the code, so products were keyed by their names; the shop's own 'Custom SKU' is the code
    now and 'Item' the name; a maker's or vendor's SKU is neither the code nor the supplier."""
    path = tmp_path / "sale_lines.csv"
    _write(path, ["Sale ID", "Date", "Item", "System ID", "Custom SKU", "Manufact. SKU", "UPC", "EAN", "Vendor SKU",
                  "Qty", "Retail", "Subtotal", "Discount", "Total"],
           [["101", "03/01/2024 10:15 AM", "Blue Mug", "210000000001", "MUG-BLU", "", "", "", "V-77", "2", "8.50",
             "17.00", "0", "17.00"],
            ["102", "03/01/2024 11:20 AM", "Tea Towel", "210000000002", "TOWEL-1", "", "5012345000011", "", "", "1",
             "4.00", "4.00", "0", "4.00"]])
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert mapping.columns["Custom SKU"] == "sku" and mapping.columns["Item"] == "name"
    assert not mapping.columns["UPC"] and not mapping.columns["Vendor SKU"] and not mapping.columns["Manufact. SKU"]
    shop, report = _import(tmp_path, path)
    assert _stored(shop) == {("MUG-BLU", "2024-03-01"): 2, ("TOWEL-1", "2024-03-01"): 1}


# ---- Shopify: the products export, a product's title and vendor on its first row only

SHOPIFY_PRODUCTS = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
                    "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Variant SKU", "Variant Grams",
                    "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
                    "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
                    "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Image Src", "Gift Card",
                    "Cost per item", "Status"]


def test_a_shopify_products_export_gives_every_variant_its_products_name_vendor_and_cost(tmp_path):
    """Each variant's row after the first has no Title, Vendor or Type: the second size of a mug was a product with no
    name and no supplier, and 'Variant Grams' (a weight) was taken for the variant ('Blue Mug (350)')."""
    path = tmp_path / "products_export_1.csv"
    _write(path, SHOPIFY_PRODUCTS, [
        ["blue-mug", "Blue Mug", "<p>Mug</p>", "Acme Pottery", "Home & Garden > Kitchen", "Mugs", "", "TRUE", "Size",
         "Large", "", "", "MUG-BLU-L", "350", "shopify", "12", "deny", "manual", "8.50", "", "TRUE", "TRUE",
         "5012345000011", "", "FALSE", "3.10", "active"],
        ["blue-mug", "", "", "", "", "", "", "", "", "Small", "", "", "MUG-BLU-S", "250", "shopify", "4", "deny",
         "manual", "7.50", "", "TRUE", "TRUE", "5012345000028", "", "", "2.80", ""],
        ["tea-towel", "Tea Towel", "", "Linen Co", "", "Textiles", "", "TRUE", "Title", "Default Title", "", "",
         "TOWEL-1", "100", "shopify", "7", "deny", "manual", "4.00", "", "TRUE", "TRUE", "", "", "FALSE", "1.20",
         "active"]])
    assert recognise(SHOPIFY_PRODUCTS, "products").key == "shopify-products"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "products")
        rows = {r[0]: tuple(r[1:]) for r in shop.query(
            "SELECT p.sku, p.name, s.name, p.category, p.unit_cost, p.sell_price FROM products p "
            "LEFT JOIN suppliers s ON s.id = p.supplier_id")}
    assert rows == {"MUG-BLU-L": ("Blue Mug (Large)", "Acme Pottery", "Mugs", 3.10, 8.50),
                    "MUG-BLU-S": ("Blue Mug (Small)", "Acme Pottery", "Mugs", 2.80, 7.50),
                    "TOWEL-1": ("Tea Towel", "Linen Co", "Textiles", 1.20, 4.00)}
    assert "Recognised as a Shopify products export: read by its own columns and rules." in report.notes
    # a sheet of the shop's own with a 'Variant Grams' column: a weight, never the variant
    own = tmp_path / "own.csv"
    _write(own, ["SKU", "Name", "Variant Grams"], [["A1", "Tea", "250"]])
    assert guess_mapping(read_sheet(own, kind="products"), "products").columns["Variant Grams"] != "variant"
