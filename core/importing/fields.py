"""What each kind of import can read, and the column names that usually carry each field.

Names are matched after normalising (lower case, no spaces, dashes, dots or underscores), in English and
Chinese, so 'Stock Code', 'StockCode', 'stock_code' and '货号' all find the product code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.i18n import _ as translated

KINDS = ("sales", "stock", "products", "suppliers", "prices", "events", "orders")


def _(label: str) -> str:
    """Marks a field's label for the translation catalog (scripts/translations.py collects the `_("...")` texts);
    `Field.label` translates it when it is read, in the language of that moment."""
    return label


@dataclass(frozen=True)
class Field:
    name: str
    english_label: str
    type: str  # code, text, number, date, bool
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What the owner sees for this field (the import wizard's choices, the messages), in their language."""
        return translated(self.english_label)


# In order of likelihood: of two columns named by these, the earlier alias is the code ('Code' beside 'Item' or
# 'Product': those name the product there, core.importing.fields.guess_fields makes the spare one the name)
_SKU = Field("sku", _("Product code"), "code", True, (
    "sku", "stockcode", "itemcode", "productcode", "code", "item", "itemid", "itemno", "itemnumber", "article",
    "articleno", "articlenumber", "productid", "product", "barcode", "ean", "upc", "plu", "partno",
    "part", "partnumber", "partnum", "itemref", "itemrefno", "itemreference",
    "货号", "商品编码", "商品代码", "产品编码", "编码", "条码", "物料编码", "品号",
    "artikelnummer", "artikelnr", "artnr", "artikel", "artikelcode", "référence", "reference", "codearticle", "codeproduit", "código", "codigo", "codigoarticulo", "referencia", "articulo", "artículo", "codice", "codicearticolo"))
_NAME = Field("name", _("Description"), "text", False, (
    "name", "productname", "itemname", "description", "itemdescription", "title", "desc",
    "商品名称", "品名", "名称", "产品名称", "描述",
    "bezeichnung", "artikelbezeichnung", "beschreibung", "produktname", "artikelname", "désignation", "designation", "libellé", "libelle", "nomduproduit", "descripción", "descripcion", "nombre", "omschrijving", "naam", "descrizione", "nomeprodotto"))
# the variant of a product sold or counted under one name ('Blue Mug' in Large and Small): written into the
# product's name, 'Blue Mug (Large)', and into the code of a line that has none (core.importing.validate)
_VARIANT = Field("variant", _("Variant"), "text", False, (
    "variant", "variantname", "varianttitle", "productvarianttitle", "variation", "variationname", "variations",
    "variationdetails", "款式", "规格"))
_DATE = Field("date", _("Date"), "date", True, (
    "date", "invoicedate", "saledate", "salesdate", "day", "orderdate", "transactiondate", "datetime",
    "timestamp", "time", "countdate", "stockdate", "日期", "销售日期", "时间", "单据日期",
    "datum", "belegdatum", "verkaufsdatum", "rechnungsdatum", "fecha", "fechadeventa", "datedevente", "datedefacture", "data", "verkoopdatum", "factuurdatum"))
_QTY = Field("qty", _("Quantity"), "number", True, (
    "qty", "quantity", "units", "unitssold", "sold", "sales", "qtysold", "amountsold", "pcs", "count",
    "数量", "销量", "销售数量", "件数",
    "menge", "anzahl", "stück", "stueck", "stk", "quantité", "quantite", "qté", "qte", "cantidad", "aantal", "quantità", "quantita", "verkauftemenge", "unidades"))
_PRICE = Field("price", _("Unit price"), "number", False, (
    "unitprice", "price", "sellprice", "sellingprice", "saleprice", "retailprice", "priceeach",
    "单价", "售价", "价格", "零售价",
    "preis", "einzelpreis", "stückpreis", "vkpreis", "verkaufspreis", "prix", "prixunitaire", "prixdevente", "precio", "preciounitario", "prijs", "prezzo"))
_SUPPLIER = Field("supplier", _("Supplier"), "text", False, (
    "supplier", "vendor", "suppliername", "vendorname", "manufacturer", "供应商", "供货商", "厂商",
    "lieferant", "hersteller", "fournisseur", "proveedor", "leverancier", "fornitore"))
_CATEGORY = Field("category", _("Category"), "text", False, (
    "category", "reportingcategory", "productcategory", "categories", "department", "dept", "group", "productgroup",
    "class", "family", "catid", "deptid",
    "类别", "分类", "品类", "类目",
    "kategorie", "warengruppe", "catégorie", "categoría", "categoria", "categorie", "famille", "rubro"))
_COST = Field("unit_cost", _("Unit cost"), "number", False, (
    "unitcost", "cost", "costprice", "purchaseprice", "buyprice", "wholesaleprice", "进价", "成本", "采购价",
    "einkaufspreis", "ekpreis", "ek", "prixdachat", "coût", "cout", "coste", "costo", "preciodecompra", "inkoopprijs"))
_LEAD = Field("lead_time_days", _("Lead time (days)"), "number", False, (
    "leadtime", "leadtimedays", "leaddays", "deliverydays", "交货期", "提前期", "交期"))

_MOQ = Field("min_order_qty", _("Minimum order qty"), "number", False, (
    "minorderqty", "moq", "minimumorder", "minimumorderquantity", "minorderquantity", "minqty", "minorder",
    "minimumqty", "orderminimum", "最小起订量",
    "起订量"))

# names that say a column holds stock on hand (a period report's 'Closing stock' beside what sold)
STOCK_WORDS = ("onhand", "qtyonhand", "stock", "stocklevel", "instock", "inventory", "stockonhand", "soh",
               "bestand", "lagerbestand", "istbestand", "existencias", "voorraad", "giacenza", "enstock",
               "closingstock", "closingqty", "closingbalance", "closinginventory", "endingstock", "endinginventory",
               "endingqty", "endstock", "stockatend", "openingstock", "openingqty", "openingbalance", "库存",
               "库存数量", "现有库存", "期末库存", "结存", "期初库存")
_SOLD = re.compile(r"sold|sales|销")

FIELDS: dict[str, list[Field]] = {
    "sales": [
        _SKU, _DATE, _QTY, _PRICE,
        Field("revenue", _("Sales value"), "number", False, (
            "revenue", "amount", "total", "linetotal", "salesvalue", "value", "turnover", "net", "gross",
            "金额", "销售额", "总额", "umsatz", "betrag", "gesamtbetrag", "montant", "chiffredaffaires", "importe",
            "bedrag", "omzet", "importo")),
        Field("invoice", _("Invoice / receipt"), "code", False, (
            "invoice", "invoiceno", "invoicenumber", "receipt", "receiptno", "transaction", "transactionid",
            "orderno", "ordernumber", "ticket", "单号", "发票号", "订单号", "小票号", "rechnungsnummer", "rechnungsnr",
            "belegnummer", "belegnr", "bonnummer", "facture", "numérodefacture", "numerodefacture", "factura",
            "numerodefactura", "factuurnummer", "fattura")),
        Field("customer", _("Customer"), "code", False, (
            "customer", "customerid", "customerno", "client", "clientid", "客户", "客户编号", "kunde", "kundennummer",
            "kundennr", "cliente", "klant", "klantnummer")),
        _NAME, _VARIANT, _CATEGORY, _SUPPLIER,
        # what a sheet of period totals often keeps beside each product: taken into the products it creates
        _COST, _LEAD, _MOQ,
    ],
    "stock": [
        _SKU,
        Field("date", _("Count date"), "date", False, _DATE.aliases),
        Field("qty", _("On hand"), "number", True, STOCK_WORDS + (
            "quantity", "qty", "available", "balance", "count", "counted", "countedqty", "数量", "盘点数")),
        _NAME, _VARIANT,
        # where the count was made: a shop with a stockroom or a second branch exports one row per product and
        # location, and the product's stock is their sum
        Field("location", _("Location"), "text", False, (
            "location", "locationname", "store", "storename", "branch", "warehouse", "warehousename", "site",
            "outlet", "stocklocation", "storagelocation", "inventorylocation", "仓库", "门店", "库位", "仓位")),
    ],
    "products": [
        _SKU, _NAME, _VARIANT, _CATEGORY, _SUPPLIER,
        Field("supplier_sku", _("Supplier's item code"), "code", False, (
            "suppliersku", "suppliercode", "supplieritemcode", "vendorsku", "vendorcode", "vendoritemcode",
            "mpn", "供应商货号", "供应商编码")),
        # a wholesaler's list quotes the case: its cost divided by the pack size is the unit cost
        # (core.importing.validate); before _COST, so 'Case cost' is not taken for a unit's by its word 'cost'
        Field("case_cost", _("Cost per case"), "number", False, (
            "costpercase", "casecost", "costcase", "casecostprice", "caseprice", "pricepercase", "costpercarton",
            "cartoncost", "cartonprice", "packcost", "costperpack", "packprice", "priceperpack", "outercost",
            "costperouter", "outerprice", "boxcost", "costperbox", "boxprice", "整箱价", "箱价", "每箱价格")),
        _COST,
        Field("sell_price", _("Sell price"), "number", False, _PRICE.aliases),
        Field("pack_size", _("Pack size"), "number", False, (
            "packsize", "pack", "casesize", "case", "caseqty", "unitspercase", "packqty", "inner", "outer",
            "箱规", "包装数量", "每箱数量")),
        _MOQ,
        _LEAD,
        Field("shelf_life_days", _("Shelf life (days)"), "number", False, (
            "shelflife", "shelflifedays", "bestbeforedays", "保质期")),
        Field("active", _("Active"), "bool", False, ("active", "enabled", "status", "instock", "启用", "状态")),
    ],
    "suppliers": [
        Field("supplier", _("Supplier"), "text", True, _SUPPLIER.aliases + ("name", "名称")),
        Field("email", _("E-mail"), "text", False, ("email", "emailaddress", "mail", "邮箱", "电子邮件")),
        Field("phone", _("Phone"), "text", False, ("phone", "telephone", "tel", "mobile", "电话", "手机")),
        Field("address", _("Address"), "text", False, ("address", "地址")),
        _LEAD,
        Field("order_days", _("Order days"), "text", False, ("orderdays", "orderday", "deliverydays", "订货日")),
        Field("min_order_value", _("Minimum order value"), "number", False, (
            "minordervalue", "minimumordervalue", "minorder", "freeshippingthreshold", "最低订货金额")),
        Field("currency", _("Currency"), "text", False, ("currency", "币种", "货币")),
    ],
    "prices": [
        _SKU,
        Field("date", _("From date"), "date", True,
              _DATE.aliases + ("from", "validfrom", "effectivedate", "生效日期")),
        Field("sell_price", _("Sell price"), "number", False, _PRICE.aliases),
        _COST,
    ],
    "events": [
        Field("date", _("Date"), "date", True, _DATE.aliases + ("startdate", "from", "开始日期")),
        Field("end_date", _("End date"), "date", False, ("enddate", "to", "until", "结束日期")),
        Field("name", _("Event"), "text", True,
              ("event", "eventname", "name", "holiday", "promotion", "活动", "节日", "名称")),
        Field("kind", _("Type"), "text", False, ("type", "eventtype", "kind", "类型")),
        Field("sku", _("Product code"), "code", False, _SKU.aliases),
    ],
    "orders": [
        Field("number", _("Order number"), "code", True, (
            "po", "ponumber", "pono", "purchaseorder", "orderno", "ordernumber", "order", "采购单号", "订单号")),
        _SUPPLIER,
        _SKU,
        Field("qty", _("Quantity ordered"), "number", True, ("qty", "quantity", "qtyordered", "ordered", "数量")),
        Field("date", _("Order date"), "date", False, ("orderdate", "date", "下单日期", "日期")),
        Field("expected_date", _("Expected delivery"), "date", False, (
            "expecteddate", "expected", "eta", "deliverydate", "duedate", "到货日期", "预计到货")),
        _COST,
    ],
}


def field(kind: str, name: str) -> Field:
    for f in FIELDS[kind]:
        if f.name == name:
            return f
    raise KeyError(f"{kind} has no field {name}")


def normalise_name(text: object) -> str:
    return re.sub(r"[\s_\-./#()\[\]:]+", "", str(text).strip().lower())


# words that say a column holds what was added to or taken off an order, never its units, price or value: 'Discount
# Amount' or 'Shipping total' hold an alias ('amount', 'total') but are not the sales value
_CHARGE_WORDS = {"discount", "discounts", "coupon", "shipping", "postage", "fee", "fees", "commission"}
_FIGURES = ("qty", "price", "revenue")
# a column whose first word names a person or an address is neither the product's code nor its name
_PERSON_WORDS = {"buyer", "customer", "client", "recipient", "ship", "shipping", "billing", "seller", "staff",
                 "employee", "cashier", "user"}
# words that make a column the product's code wherever they stand ('Variant SKU', 'Product variant SKU'), and the
# last words that make it the product's name ('Product title', 'Variant title'), never its code
_CODE_WORDS = {"sku", "barcode", "ean", "upc", "gtin", "plu"}
_NAME_ENDS = {"title", "name", "description"}
_MAKER_WORDS = {"supplier", "suppliers", "vendor", "vendors", "manufacturer", "manufacturers", "manufact", "mfr", "mfg",
                "maker", "brand"}


def guess_field(column: object, kind: str, taken: set[str]) -> str | None:
    """The field a column name most likely carries, or None. Exact alias first, then a contained alias; a name of
    several words ('cost price per unit (Euro)', 'SKU nr', from a header of several rows) also by its first words.
    A charge ('Discount Amount', 'Order Shipping') is read as none of the figures by a contained or first word."""
    words = re.findall(r"[a-z]+", str(column).lower())
    if set(words) & _CHARGE_WORDS:
        taken = taken | set(_FIGURES)
    if words and words[0] in _PERSON_WORDS:
        taken = taken | {"sku", "name"}          # 'Buyer Name', 'Ship name': a person, not the product
    if set(words) & {"sku", "code", "number", "no", "id", "ref", "item"}:
        taken = taken | {"supplier"}    # 'Vendor SKU', 'Supplier code': the supplier's code for a product, not its name
    found = _guess_field(normalise_name(column), kind, taken)
    if found == "qty" and kind == "stock" and _SOLD.search(normalise_name(column)):
        return None             # 'Qty sold' beside 'Closing stock' in a period report: what sold is not on hand
    if found is not None:
        return found
    taken = taken | {"variant"}         # a variant only by its whole name: 'Variant Grams' is a weight
    words = str(column).strip().split()
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(column)).split()       # 'Available (not editable)': Available
    if bare and len(bare) < len(words):
        found = _exact_field(normalise_name(" ".join(bare)), kind, taken)
        if found == "qty" and kind == "stock" and _SOLD.search(normalise_name(column)):
            return None
        if found is not None:
            return found
    for n in range(len(words) - 1, 0, -1):
        if n == 1 and len(words) > 2:
            break           # one word of several is no name: 'Sales Record Number', 'Stock Alert Enabled Main Street'
        key = normalise_name(" ".join(words[:n]))
        if len(key) >= 3:
            found = _exact_field(key, kind, taken)
            if found == "qty" and kind == "stock" and _SOLD.search(normalise_name(column)):
                return None
            if found is not None:
                return found
    return None


def guess_fields(columns: list, kind: str) -> dict:
    """guess_field for a whole header: each field goes to the column that names it best, whatever their order. A
    column named exactly as a field's alias ('Quantity') is matched before one that only contains an alias or starts
    with one: eBay's orders report starts with 'Sales Record Number' (1001, 1002 ...), which by its first word
    ('Sales') took the quantity before the 'Quantity' column further along was looked at."""
    found: dict = dict.fromkeys(columns)
    taken: set[str] = set()
    keys = {column: normalise_name(column) for column in columns}
    sold = {column for column in columns if kind == "stock" and _SOLD.search(keys[column])}

    def settle(column, name) -> None:
        if name is None or (name == "qty" and column in sold):
            return
        found[column] = name
        taken.add(name)

    # the whole name is a field's alias; of several columns for one field, the one of its likelier alias ('SKU'
    # before 'Item' for the code, in whatever order they stand)
    # A column with 'SKU' among its words ('Custom SKU', 'Variant SKU') ranks just after 'SKU' itself, before 'Item',
    # 'Product' or a barcode (often blank): a till's sales lines carry 'Item' (the name), 'Custom SKU', 'UPC', 'EAN'.
    # Not the supplier's or the maker's ('Manufact. SKU', 'Vendor SKU').
    sku_words = {c for c in columns if "sku" in re.findall(r"[a-z]+", str(c).lower()) and keys[c] != "sku"
                 and not set(re.findall(r"[a-z]+", str(c).lower())) & _MAKER_WORDS
                 and re.findall(r"[a-z]+", str(c).lower())[0] not in _PERSON_WORDS}
    for f in FIELDS[kind]:
        ranked = [(f.aliases.index(keys[c]), k, c) for k, c in enumerate(columns)
                  if found[c] is None and keys[c] in f.aliases and not (f.name == "qty" and c in sold)]
        if f.name == "sku":
            ranked += [(0.5, k, c) for k, c in enumerate(columns) if c in sku_words and found[c] is None]
        if ranked and f.name not in taken:
            settle(min(ranked)[2], f.name)
    has_sku = any(f.name == "sku" for f in FIELDS[kind])
    has_name = any(f.name == "name" for f in FIELDS[kind])
    named: set = set()
    for column in columns:                                   # 'Variant SKU' is the code; 'Product title' the name
        if found[column] is not None or column in sold:
            continue
        words = re.findall(r"[a-z]+", str(column).lower())
        if not words or words[0] in _PERSON_WORDS or set(words) & _MAKER_WORDS:
            continue
        if has_sku and "sku" not in taken and set(words) & _CODE_WORDS:
            settle(column, "sku")
        elif has_name and words[-1] in _NAME_ENDS and len(words) > 1:
            named.add(column)
            if "name" not in taken:
                settle(column, "name")
    for column in columns:                                   # then a name that contains one, or starts with one
        if found[column] is None and column not in sold and column not in named:
            settle(column, guess_field(column, kind, taken))
    if has_name and "name" not in taken and "sku" in taken:  # 'Item' or 'Product' beside 'SKU': the product's name
        spare = next((c for c in columns if found[c] is None and keys[c] in ("item", "product", "article", "artikel", "articulo", "artículo", "商品")), None)
        if spare is not None:
            settle(spare, "name")
    return found


def _exact_field(key: str, kind: str, taken: set[str]) -> str | None:
    for f in FIELDS[kind]:
        if f.name not in taken and key in f.aliases:
            return f.name
    return None


def _guess_field(key: str, kind: str, taken: set[str]) -> str | None:
    if not key:
        return None
    for f in FIELDS[kind]:
        if f.name not in taken and key in f.aliases:
            return f.name
    for f in FIELDS[kind]:
        if f.name in taken or f.name == "variant":      # a variant only by its own name ('Variant Grams' is a weight)
            continue
        for alias in f.aliases:
            if len(alias) >= 4 and (alias in key) and len(key) <= len(alias) + 8:
                return f.name
    return None


# A long sheet of weekly or monthly totals (core.importing.period_rows) names its date column by the period.
# normalised column name -> (the period it names, whether its date is the period's first or last day)
PERIOD_COLUMNS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("month", "salesmonth", "monthyear", "yearmonth", "monthofsale", "monthstart",
                     "monthbeginning", "monthcommencing", "monthno", "monthnumber", "月份", "月", "年月", "销售月份",
                     "月度"), ("month", "start")),
    **dict.fromkeys(("monthending", "monthend", "monthenddate", "monthendingdate"), ("month", "end")),
    **dict.fromkeys(("week", "salesweek", "weekcommencing", "weekbeginning", "weekstarting", "weekstart",
                     "weekstartdate", "weekof", "weekno", "weeknumber", "wkcommencing", "wkbeginning", "wkstarting",
                     "周", "周次", "销售周"), ("week", "start")),
    **dict.fromkeys(("weekending", "weekendingdate", "weekenddate", "wkending", "weekended"), ("week", "end")),
}
# A date column named by "the period" without saying which ('Period', 'Period end': an accounts export's reporting
# period): the date where no column names a day; its values say whether the rows are days, weeks or months. Exact
# names only: 'Period qty' or 'Period sales' beside 'YTD qty' are figures, not dates.
PERIOD_DATE_NAMES = ("period", "periodend", "periodending", "periodenddate", "periodstart", "periodstartdate",
                     "periodbeginning", "reportingperiod", "期间", "报告期")
YEAR_COLUMNS = ("year", "yr", "salesyear", "calendaryear", "年", "年份", "年度")


def period_column(column: object) -> tuple[str, str] | None:
    """(unit, 'start' or 'end') where a column's name says it holds weeks or months, else None."""
    return PERIOD_COLUMNS.get(normalise_name(column))


def year_column(columns: list[str]) -> str | None:
    """A column that holds the year beside a month or week number."""
    return next((c for c in columns if normalise_name(c) in YEAR_COLUMNS), None)
