"""Lead times as a supplier list writes them: 'Lead time (weeks)' 3 was stored as 3 days (a supplier who takes three
weeks planned as if it delivered in three days: the shelf empty for most of every wait)."""
from __future__ import annotations

from core.importing import run_import
from core.store import open_shop


def test_a_lead_time_in_the_headers_unit_or_its_own_is_stored_in_days(tmp_path):
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("Supplier,Email,Lead time (weeks)\nAcme,orders@acme.example,3\nBeta,b@beta.example,1.5\n",
                         encoding="utf-8")
    products = tmp_path / "products.csv"
    products.write_text("SKU,Name,Supplier,Lead time\nA1,Tea,Acme,2-3 weeks\nA2,Mugs,Beta,10 days\nA3,Pans,Beta,1 month\n"
                        "A4,Jam,Beta,5\nA5,Salt,Beta,soon\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, suppliers, "suppliers")
        report = run_import(shop, products, "products")
        assert dict(shop.query("SELECT name, lead_time_days FROM suppliers")) == {"Acme": 21, "Beta": 10.5}
        assert dict(shop.query("SELECT sku, lead_time_days FROM products")) == {
            "A1": 21, "A2": 10, "A3": 30, "A4": 5, "A5": None}         # a range: its longer end
    assert [(p.row, p.column) for p in report.problems] == [(6, "Lead time")]       # 'soon' is said, not guessed
