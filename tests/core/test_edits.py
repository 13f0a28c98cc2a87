"""The owner's own edits (core/services/suppliers.py, core/services/edits.py, core/edits.py): suppliers added,
changed and retired, products given a supplier, a cost or a pack, one or many at once — each one transaction, refused
whole with a clear message where a value is wrong, and undone / redone so that the shop file is exactly as before."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.errors import UserError
from core.importing import run_import
from core.services import edits as edits_service
from core.services import suppliers as suppliers_service
from core.services.changes import PRODUCTS, SUPPLIERS
from core.services.suppliers import SupplierFields
from core.store import open_shop

# tables the owner's records live in (the edit and audit logs themselves grow with every edit, undo and redo)
LOGS = {"edits", "edit_rows", "audit_log"}

SALES = """Invoice,StockCode,Description,Quantity,InvoiceDate,UnitPrice
1001,85123A,WHITE HANGING HEART,6,2025-05-02,2.55
1001,71053,WHITE METAL LANTERN,6,2025-05-02,3.39
1002,84406B,CREAM CUPID HEARTS,8,2025-05-03,2.75
1003,22752,BABUSHKA NESTING BOXES,2,2025-05-10,7.65
"""


def records(path: Path) -> list[str]:
    """Every row of every table but the logs, as SQL: equal lists mean the shop is exactly as it was."""
    with sqlite3.connect(path) as db:
        return [line for line in db.iterdump()
                if not any(f'"{log}"' in line or f"TABLE {log}" in line for log in LOGS)]


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "shop.db"
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    with open_shop(path) as opened:
        run_import(opened, sales, "sales")
    return path


def acme(**changes) -> SupplierFields:
    values = dict(name="Acme Gifts", email="orders@acme.example", phone="0161 000", address="1 Mill St, Leeds",
                  lead_time_days=5, order_days="mon, thursday", min_order_value=150, currency="gbp",
                  notes="Rep: Sam")
    values.update(changes)
    return SupplierFields(**values)


def test_a_supplier_is_added_with_its_details_and_undo_and_redo_take_it_back_and_again(shop):
    before = records(shop)
    done = suppliers_service.save_supplier(shop, values=acme())
    assert done.changes == {SUPPLIERS}
    row = done.value
    assert (row.name, row.email, row.order_days, row.currency, row.lead_time_days, row.min_order_value) == \
        ("Acme Gifts", "orders@acme.example", "Mon,Thu", "GBP", 5, 150)
    assert row.active and row.products == 0 and row.open_orders == 0
    added = records(shop)
    assert edits_service.steps(shop).undo == "Supplier Acme Gifts added"
    assert edits_service.undo(shop).value == "Supplier Acme Gifts added"
    assert records(shop) == before
    assert edits_service.steps(shop).redo == "Supplier Acme Gifts added"
    edits_service.redo(shop)
    assert records(shop) == added


def test_wrong_supplier_details_are_refused_with_what_is_wrong_and_nothing_changes(shop):
    suppliers_service.save_supplier(shop, values=acme())
    before = records(shop)
    for values, words in ((acme(name="  "), "needs a name"),
                          (acme(name="acme gifts"), "already a supplier called"),
                          (acme(name="B", email="orders at b"), "not an e-mail address"),
                          (acme(name="B", order_days="Mon, Funday"), "“Funday” is not an order day"),
                          (acme(name="B", lead_time_days=400), "between 0 and 365"),
                          (acme(name="B", min_order_value=-5), "cannot be negative")):
        with pytest.raises(UserError, match=words):
            suppliers_service.save_supplier(shop, values=values)
    assert records(shop) == before


def test_order_days_are_understood_in_english_and_chinese():
    assert suppliers_service.normalise_order_days("mon, Thursday") == "Mon,Thu"
    assert suppliers_service.normalise_order_days("周一，星期四") == "Mon,Thu"
    assert suppliers_service.normalise_order_days("Sun; tue.") == "Tue,Sun"
    assert suppliers_service.normalise_order_days("") == ""
    with pytest.raises(UserError, match="“Monkey” is not an order day"):
        suppliers_service.normalise_order_days("Monkey")
    # suppliers who take orders once or twice a month
    assert suppliers_service.normalise_order_days("1, 15th") == "1st,15th"
    assert suppliers_service.normalise_order_days("Monthly") == "1st"
    assert suppliers_service.normalise_order_days("day 1") == "1st"
    assert suppliers_service.normalise_order_days("last") == "last"
    assert suppliers_service.normalise_order_days("每月1号，月底") == "1st,last"
    assert suppliers_service.normalise_order_days("Mon, 22nd") == "Mon,22nd"
    with pytest.raises(UserError, match="“32” is not an order day"):
        suppliers_service.normalise_order_days("32")


def test_a_supplier_is_changed_and_the_change_undone_exactly(shop):
    supplier_id = suppliers_service.save_supplier(shop, values=acme()).value.id
    before = records(shop)
    row = suppliers_service.save_supplier(shop, values=acme(email="sales@acme.example", lead_time_days=0, order_days=""),
                                          supplier_id=supplier_id).value
    assert (row.email, row.lead_time_days, row.order_days) == ("sales@acme.example", 0, "")
    edits_service.undo(shop)
    assert records(shop) == before


def test_products_get_a_supplier_cost_and_pack_many_at_once_and_undo_restores_each(shop):
    suppliers_service.save_supplier(shop, values=acme())
    before = records(shop)
    done = edits_service.edit_products(shop, skus=["85123A", "71053", "84406B"],
                                       values={"supplier": "acme gifts", "pack_size": "6", "unit_cost": 1.2})
    assert done.changes == {PRODUCTS} and done.value.count == 3
    assert done.value.label == "Supplier, Pack size, Cost set for 3 products"
    with open_shop(shop, create=False) as opened:
        rows = {r["sku"]: r for r in opened.query(
            "SELECT p.sku, s.name, p.pack_size, p.unit_cost FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id")}
    assert {sku: (r["name"], r["pack_size"], r["unit_cost"]) for sku, r in rows.items()} == {
        "85123A": ("Acme Gifts", 6, 1.2), "71053": ("Acme Gifts", 6, 1.2), "84406B": ("Acme Gifts", 6, 1.2),
        "22752": (None, 1, None)}
    assert suppliers_service.list_suppliers(shop)[0].products == 3
    edits_service.undo(shop)
    assert records(shop) == before


def test_wrong_product_values_are_refused_and_nothing_changes(shop):
    before = records(shop)
    for values, words in (({"supplier": "Nobody Ltd"}, "no supplier called “Nobody Ltd”"),
                          ({"pack_size": 0}, "Pack size must be more than 0"),
                          ({"unit_cost": "two"}, "“two” is not a number"),
                          ({"lead_time_days": 500}, "at most 365")):
        with pytest.raises(UserError, match=words):
            edits_service.edit_products(shop, skus=["85123A", "71053"], values=values)
    with pytest.raises(UserError, match="no longer in the shop"):
        edits_service.edit_products(shop, skus=["85123A", "GONE"], values={"unit_cost": 1})
    assert records(shop) == before


def test_a_supplier_with_products_is_not_retired_one_without_is_and_comes_back(shop):
    supplier_id = suppliers_service.save_supplier(shop, values=acme()).value.id
    edits_service.edit_products(shop, skus=["85123A"], values={"supplier": "Acme Gifts"})
    with pytest.raises(UserError, match="still supplies 1 products"):
        suppliers_service.set_supplier_active(shop, supplier_id=supplier_id, active=False)
    edits_service.edit_products(shop, skus=["85123A"], values={"supplier": ""})
    before = records(shop)
    assert not suppliers_service.set_supplier_active(shop, supplier_id=supplier_id, active=False).value.active
    assert [s.name for s in suppliers_service.list_suppliers(shop, include_retired=False)] == []
    with pytest.raises(UserError, match="retired"):
        edits_service.edit_products(shop, skus=["85123A"], values={"supplier": "Acme Gifts"})
    edits_service.undo(shop)
    assert records(shop) == before


def test_undo_and_redo_walk_back_through_several_edits_and_a_new_edit_ends_the_redo(shop):
    start = records(shop)
    suppliers_service.save_supplier(shop, values=acme())
    edits_service.edit_products(shop, skus=["85123A"], values={"unit_cost": 1.5})
    edits_service.edit_products(shop, skus=["85123A"], values={"unit_cost": 1.7})
    assert [edits_service.undo(shop).value for _ in range(3)] == [
        "Cost of 85123A changed", "Cost of 85123A changed", "Supplier Acme Gifts added"]
    assert records(shop) == start
    with pytest.raises(UserError, match="nothing to undo"):
        edits_service.undo(shop)
    edits_service.redo(shop)                                   # the supplier is back
    edits_service.edit_products(shop, skus=["71053"], values={"sell_price": 4})
    assert edits_service.steps(shop).redo is None             # the two cost edits cannot come back after a new edit
    with pytest.raises(UserError, match="nothing to redo"):
        edits_service.redo(shop)


def test_an_undo_never_overwrites_what_changed_since_in_another_way(shop):
    edits_service.edit_products(shop, skus=["85123A"], values={"unit_cost": 1.5})
    with open_shop(shop, create=False) as opened:      # another window, or an import, changes the same product
        opened.conn.execute("UPDATE products SET unit_cost = 9 WHERE sku = '85123A'")
        opened.conn.commit()
    changed_since = records(shop)
    with pytest.raises(UserError, match="changed again since"):
        edits_service.undo(shop)
    assert records(shop) == changed_since


def test_an_edit_that_changes_nothing_is_not_kept(shop):
    edits_service.edit_products(shop, skus=["85123A"], values={"pack_size": 1})     # already 1
    assert edits_service.steps(shop).undo is None
