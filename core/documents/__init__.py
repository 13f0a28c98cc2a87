"""Purchase orders as documents: the order as data and as HTML (one layout for print, PDF and e-mail), as an
xlsx workbook, and as an .eml draft with the PDF attached; the shop's own details printed on them.

The PDF itself is drawn by Qt, so it lives in `ui/documents.py`; everything here runs without Qt."""
from core.documents.email import mailto_url, purchase_order_email, write_eml
from core.documents.purchase_order import PurchaseOrderDocument, build_document, to_html
from core.documents.shop_details import ShopDetails, load_shop_details, read_logo, save_shop_details
from core.documents.xlsx import write_xlsx

__all__ = ["PurchaseOrderDocument", "ShopDetails", "build_document", "load_shop_details", "mailto_url",
           "purchase_order_email", "read_logo", "save_shop_details", "to_html", "write_eml", "write_xlsx"]
