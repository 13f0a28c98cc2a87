"""Known exports of tills and web shops, recognised by their columns and read by their own rules.

Each source is one declarative description: the columns that identify it (its signature), which of its columns
carries which field, and its row rules — which orders or lines are not sales (cancelled, voided, failed, test,
unpaid), which are refunds (their quantity counts against the product's sales on their day), which lines are not
products (shipping, tips, custom amounts, gift cards) — and which of its columns names the product where a line
has no SKU. A source is applied before the generic guesser; the wizard and the report say which one was
recognised and what each rule did. Adding a source is a new entry here (and a test file), not new code.

The layouts are those the systems document for their exports (column names as they write them):
- Shopify, the orders export (Orders ▸ Export): one row per line item; order-level columns (Financial Status,
  Cancelled at, Payment Method...) only on each order's first line, so they are carried down the order's lines.
- WooCommerce, the per-item order export ("one row per item": order_number, order_date, status, item_sku,
  item_quantity...), statuses with or without the `wc-` prefix.
- Square, the item sales detail export (Reports ▸ Item sales ▸ Export): Event Type Payment / Refund,
  Itemization Type for custom amounts and gift cards.
- Lightspeed Retail X-Series (formerly Vend), the sales history export: one row per receipt (Line Type "Sale"), one
  per product line ("Sale Line") and one per payment ("Payment"); only product lines are sales. Returns are lines
  with a negative quantity; voided and parked (saved) receipts are not sales.
- Loyverse, the "receipts by item" export: Receipt type Sale / Refund, Status Closed / Cancelled.
- An accounting package's "sales by product/service detail" report (QuickBooks Online and alike), once its product
  headings are written onto their rows (core.importing.grouped): Transaction Type Invoice / Sales Receipt are sales,
  Credit Memo / Refund Receipt are refunds, estimates and sales orders are not sales yet.
- SumUp, the sales report: one row per item with its Description (no SKU), Type Sales / Refund; tips and custom
  amounts are not products.
- Etsy, the sold order items export (Shop Manager ▸ Settings ▸ Options ▸ Download Data ▸ Order Items): one row per
  item sold with its Transaction ID, Listing ID, Item Name, Quantity, Price and Item Total; SKU is often blank.
- Amazon Seller Central, the all orders report (Reports ▸ Fulfilment ▸ All Orders; tab-separated text): one row
  per item of an order, order-status and item-status (Pending, Shipped, Cancelled), quantity, and item-price: the
  line's total, not the unit price (a guesser's price x quantity multiplied the value by the quantity).
- eBay, the orders report (Seller Hub ▸ Orders ▸ Download report): one row per item sold (Item Number, Item Title,
  the seller's own code in Custom Label, Quantity, Sold For: the unit price). An order of several items has a row of
  its own first (buyer, postage, Total Price, the order's whole Quantity, no Item Number) above its items' rows, and
  the file ends with footer lines ("5 record(s) downloaded", "Seller ID"): neither is a sale. Its first column, Sales
  Record Number, is a number a guesser takes for the quantity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.i18n import _ as translated


def _(text: str) -> str:
    """Marks a text for the translation catalog; it is translated where it is shown (`translated`)."""
    return text


def normalise(column: str) -> str:
    return re.sub(r"[\s_\-.:/#()]+", "", str(column).strip().lower())


@dataclass(frozen=True)
class RowRule:
    """Rows whose `column` (carried down its order where `by_order`) is one of `values` (lower case; `any_value`:
    any non-blank value) are `action`: 'not_sale' (set aside), 'not_item' (set aside: not a product), 'not_line'
    (set aside: an order's or receipt's own row, a payment, a footer) or 'refund' (kept, the quantity counted
    against the product's sales)."""
    column: str
    action: str
    reason: str
    values: tuple[str, ...] = ()
    any_value: bool = False
    contains: bool = False            # a value that contains one of `values` (payment method "bogus (test)")
    other_than: bool = False          # rows whose value is NOT one of `values` (Line Type other than "Sale Line")
    below_zero: bool = False          # rows whose value is a number below zero (a return written as -1)
    by_order: bool = False


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    kind: str
    signature: tuple[str, ...]                       # normalised column names that must all be there
    columns: dict[str, str]                          # normalised column name -> field
    rules: tuple[RowRule, ...] = ()
    order_column: str | None = None                  # the column that groups an order's lines (carry-down)
    name_column: str | None = None                   # names the product where a line has no SKU
    notes: tuple[str, ...] = field(default_factory=tuple)
    # columns written on a group's first row only (Shopify's products export: a product's Title and Vendor above
    # its variants' rows), filled down the group (`order_column`) before the rows are read
    carry_down: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return translated(self.label)


NAMED_BY_NAME = _("a line without a SKU is named by its product name")

SOURCES: tuple[Source, ...] = (
    Source(
        "shopify-orders", _("Shopify orders export"), "sales",
        signature=("name", "createdat", "lineitemquantity", "lineitemname", "lineitemsku", "financialstatus"),
        columns={"lineitemsku": "sku", "createdat": "date", "lineitemquantity": "qty", "lineitemprice": "price",
                 "name": "invoice", "lineitemname": "name", "vendor": "supplier", "email": "customer"},
        rules=(
            RowRule("cancelledat", "not_sale", _("a cancelled order: not a sale"), any_value=True, by_order=True),
            RowRule("financialstatus", "not_sale", _("a voided order: not a sale"), ("voided",), by_order=True),
            RowRule("financialstatus", "not_sale", _("an order refunded in full: the sale was taken back"),
                    ("refunded",), by_order=True),
            RowRule("paymentmethod", "not_sale", _("a test order (paid through the test gateway): not a sale"),
                    ("bogus",), contains=True, by_order=True),
        ),
        order_column="name", name_column="lineitemname",
        notes=(_("Orders refunded in part are kept as sold: the export does not say which of their lines came "
                 "back."),)),
    Source(
        "woocommerce-orders", _("WooCommerce orders export (one row per item)"), "sales",
        signature=("ordernumber", "orderdate", "status", "itemsku", "itemquantity"),
        columns={"itemsku": "sku", "orderdate": "date", "itemquantity": "qty", "itemtotal": "revenue",
                 "ordernumber": "invoice", "itemname": "name", "customerid": "customer"},
        rules=(
            RowRule("status", "not_sale", _("a cancelled, failed, unpaid or draft order: not a sale"),
                    ("cancelled", "wc-cancelled", "failed", "wc-failed", "pending", "wc-pending", "checkout-draft",
                     "wc-checkout-draft", "trash", "draft"), by_order=True),
            RowRule("status", "not_sale", _("an order refunded in full: the sale was taken back"),
                    ("refunded", "wc-refunded"), by_order=True),
        ),
        order_column="ordernumber", name_column="itemname"),
    Source(
        "square-item-sales", _("Square item sales export"), "sales",
        signature=("date", "item", "qty", "sku", "eventtype", "transactionid"),
        columns={"sku": "sku", "date": "date", "qty": "qty", "netsales": "revenue", "transactionid": "invoice",
                 "item": "name", "category": "category", "customerid": "customer", "pricepointname": "variant"},
        rules=(
            RowRule("eventtype", "refund", _("a refund: reduces the sales of its product on its day"), ("refund",)),
            RowRule("itemizationtype", "not_item",
                    _("not a product (a custom amount, a gift card or a service charge)"),
                    ("custom amount", "gift card", "service charge", "tip")),
        ),
        name_column="item"),
    Source(
        "lightspeed-x-sales", _("Lightspeed Retail (X-Series, Vend) sales history export"), "sales",
        signature=("receiptnumber", "linetype", "quantity", "details", "sku", "status"),
        columns={"sku": "sku", "date": "date", "quantity": "qty", "total": "revenue", "receiptnumber": "invoice",
                 "details": "name", "customercode": "customer"},
        rules=(
            RowRule("linetype", "not_line",
                    _("a receipt's own line or a payment (Line Type Sale or Payment): not a product line"),
                    ("sale line",), other_than=True),
            RowRule("status", "not_sale", _("a voided or parked receipt: not a sale"),
                    ("voided", "void", "saved", "parked", "cancelled"), by_order=True),
            RowRule("quantity", "refund", _("a return (a negative quantity): reduces the sales of its product on its "
                                            "day"), below_zero=True),
        ),
        order_column="receiptnumber", name_column="details"),
    Source(
        "loyverse-receipts-by-item", _("Loyverse receipts by item export"), "sales",
        signature=("receiptnumber", "receipttype", "sku", "item", "quantity"),
        columns={"sku": "sku", "date": "date", "quantity": "qty", "netsales": "revenue", "receiptnumber": "invoice",
                 "item": "name", "category": "category", "customername": "customer"},
        rules=(
            RowRule("status", "not_sale", _("a cancelled receipt: not a sale"), ("cancelled", "canceled"),
                    by_order=True),
            RowRule("receipttype", "refund", _("a refund: reduces the sales of its product on its day"),
                    ("refund",)),
        ),
        order_column="receiptnumber", name_column="item"),
    Source(
        "sumup-sales", _("SumUp sales report"), "sales",
        signature=("type", "transactionid", "receiptnumber", "paymentmethod", "quantity", "description",
                   "pricegross"),
        columns={"description": "sku", "date": "date", "quantity": "qty", "pricegross": "revenue",
                 "transactionid": "invoice", "account": "customer"},
        rules=(
            RowRule("description", "not_item", _("not a product (a tip or a custom amount)"),
                    ("tip", "tips", "trinkgeld", "pourboire", "custom amount", "amount", "betrag")),
            RowRule("type", "refund", _("a refund: reduces the sales of its product on its day"),
                    ("refund", "refunds", "rückerstattung", "remboursement")),
        ),
        notes=(_("SumUp's sales report has no SKU: each product is known by its description."),)),
    Source(
        "etsy-sold-order-items", _("Etsy sold order items export"), "sales",
        signature=("saledate", "itemname", "buyer", "quantity", "price", "transactionid", "listingid"),
        columns={"sku": "sku", "saledate": "date", "quantity": "qty", "price": "price", "itemtotal": "revenue",
                 "transactionid": "invoice", "itemname": "name", "buyer": "customer", "variations": "variant"},
        name_column="itemname",
        notes=(_("Items without a SKU are known by their item name and variation."),)),
    Source(
        "amazon-all-orders", _("Amazon all orders report (Seller Central)"), "sales",
        signature=("amazonorderid", "purchasedate", "orderstatus", "sku", "asin", "quantity", "itemprice"),
        columns={"sku": "sku", "purchasedate": "date", "quantity": "qty", "itemprice": "revenue",
                 "amazonorderid": "invoice", "productname": "name"},
        rules=(
            RowRule("orderstatus", "not_sale", _("a cancelled order: not a sale"), ("cancelled", "canceled")),
            RowRule("itemstatus", "not_sale", _("a cancelled item: not a sale"), ("cancelled", "canceled")),
        ),
        name_column="productname",
        notes=(_("item-price is the line's total (quantity x unit price): read as the sales value."),
               _("Pending orders (payment not yet confirmed) are counted as sold."))),
    Source(
        "shopify-products", _("Shopify products export"), "products",
        signature=("handle", "title", "variantsku", "variantprice"),
        columns={"variantsku": "sku", "title": "name", "option1value": "variant", "vendor": "supplier",
                 "type": "category", "variantprice": "sell_price", "costperitem": "unit_cost"},
        order_column="handle", carry_down=("title", "vendor", "type"),
        notes=(_("A product's title, vendor and type are on its first row only: each variant's row takes them from "
                 "there."),)),
    Source(
        "ebay-orders", _("eBay orders report"), "sales",
        signature=("salesrecordnumber", "itemnumber", "itemtitle", "quantity", "saledate"),
        columns={"customlabel": "sku", "customlabelsku": "sku", "saledate": "date", "quantity": "qty",
                 "soldfor": "price", "ordernumber": "invoice", "salesrecordnumber": "invoice",
                 "itemtitle": "name", "buyerusername": "customer", "variationdetails": "variant"},
        rules=(
            RowRule("itemnumber", "not_line",
                    _("an order's own row (its items are on the rows below it) or the report's footer: not a sale"),
                    ("",)),
        ),
        name_column="itemtitle",
        notes=(_("Items without a Custom Label are known by their item title and variation."),)),
    Source(
        "sales-by-product-detail", _("sales by product detail report (QuickBooks and other accounting packages)"), "sales",
        signature=("product", "date", "transactiontype", "num", "qty"),
        columns={"product": "sku", "date": "date", "qty": "qty", "amount": "revenue", "num": "invoice",
                 "salesprice": "price", "memodescription": "name", "customer": "customer"},
        rules=(
            RowRule("transactiontype", "not_sale",
                    _("an estimate, a quote or a sales order: not a sale yet"),
                    ("estimate", "quote", "sales order", "delayed charge", "delayed credit", "void", "voided")),
            RowRule("transactiontype", "refund", _("a credit note or a refund: reduces the sales of its product on "
                                                   "its day"),
                    ("credit memo", "credit note", "refund receipt", "refund", "return", "sales return")),
        )),
)


def fill_down(source: Source, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the source's carry-down columns filled from their group's first filled row (as written, not
    lower-cased); unchanged where the source has none."""
    group_column = _column(frame, source.order_column) if source.order_column else None
    if not source.carry_down or group_column is None:
        return frame
    frame = frame.copy()
    groups = frame[group_column].astype(str).to_numpy()
    for wanted in source.carry_down:
        column = _column(frame, wanted)
        if column is None:
            continue
        values = frame[column].astype(object)
        blank = values.isna() | (values.astype(str).str.strip() == "")
        filled = values.where(~blank, None).groupby(groups, sort=False).transform(lambda s: s.ffill().bfill())
        frame[column] = filled.where(filled.notna(), "").to_numpy(dtype=object)
    return frame


def recognise(columns: list[str], kind: str) -> Source | None:
    """The known export these columns are, for this kind of import (None: a sheet of the shop's own)."""
    have = {normalise(c) for c in columns}
    for source in SOURCES:
        if source.kind == kind and all(s in have for s in source.signature):
            return source
    return None


def by_name(key: str | None) -> Source | None:
    return next((s for s in SOURCES if s.key == key), None)


def rules_said(source: Source) -> list[str]:
    """The source's rules in the owner's words (the wizard lists them before anything is imported)."""
    said = [translated(rule.reason) for rule in source.rules]
    if source.name_column:
        said.append(translated(NAMED_BY_NAME))
    return [text.rstrip(".") for text in said + [translated(note) for note in source.notes]]


def source_columns(source: Source, columns: list[str]) -> dict[str, str]:
    """The sheet's own column names -> field, by the source's description (the first column of each field)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name = source.columns.get(normalise(column), "")
        if name and name not in taken:
            out[column] = name
            taken.add(name)
        else:
            out[column] = ""
    return out


@dataclass
class RuleOutcome:
    """What a source's rules make of the rows: set aside (and why), refunds, and lines named by their product name."""
    aside: np.ndarray                                  # bool per row
    refund: np.ndarray                                 # bool per row: the quantity counts negative
    named_by_name: np.ndarray                          # bool per row: no SKU, the product name is the code
    applied: list[tuple[RowRule, np.ndarray]]          # each rule with the rows it took (first match wins)


def _column(frame: pd.DataFrame, wanted: str) -> str | None:
    return next((c for c in frame.columns if normalise(c) == wanted), None)


def _carried(frame: pd.DataFrame, column: str, order_column: str | None) -> np.ndarray:
    """A column's text, lower case, blank as ''; carried down each order's lines where the order column is given
    (Shopify writes an order's status on its first line only)."""
    values = frame[column].astype(object).where(frame[column].notna(), "")
    text = values.map(lambda v: str(v).strip().lower())
    if order_column is not None:
        text = text.where(text != "", None)
        text = text.groupby(frame[order_column].astype(str).to_numpy(), sort=False).transform(
            lambda s: s.ffill().bfill())
        text = text.where(text.notna(), "")
    return text.to_numpy(dtype=object)


def apply_rules(source: Source, frame: pd.DataFrame, sku_empty: np.ndarray) -> RuleOutcome:
    n = len(frame)
    aside = np.zeros(n, dtype=bool)
    refund = np.zeros(n, dtype=bool)
    applied = []
    order_column = _column(frame, source.order_column) if source.order_column else None
    for rule in source.rules:
        column = _column(frame, rule.column)
        if column is None:
            continue
        text = _carried(frame, column, order_column if rule.by_order else None)
        if rule.below_zero:
            number = pd.to_numeric(pd.Series(text).str.replace("\u2212", "-", regex=False), errors="coerce")
            hit = (number < 0).to_numpy()
        elif rule.any_value:
            hit = text != ""
        elif rule.contains:
            hit = np.array([any(v in t for v in rule.values) for t in text], dtype=bool)
        else:
            hit = np.isin(text, rule.values)
            if rule.other_than:
                hit = ~hit
        hit &= ~aside
        if rule.action == "refund":
            hit &= ~refund
            refund |= hit
        else:
            aside |= hit
        if hit.any():
            applied.append((rule, hit))
    named = np.zeros(n, dtype=bool)
    if source.name_column and _column(frame, source.name_column) is not None:
        names = frame[_column(frame, source.name_column)]
        named = sku_empty & names.notna().to_numpy() & (names.astype(str).str.strip() != "").to_numpy()
    return RuleOutcome(aside, refund & ~aside, named & ~aside, applied)
