"""A wholesaler's price list quotes the case: 'Cost per case' 30.00 for a case of 12. Read as a unit's cost it made
every value, purchase order and budget twelve times too big; it is divided by the pack size."""
from __future__ import annotations

from core.importing import guess_mapping, read_sheet, run_import
from core.store import open_shop


def _costs(shop) -> dict[str, tuple]:
    return {r[0]: (r[1], r[2]) for r in shop.query("SELECT sku, unit_cost, pack_size FROM products")}


def test_a_cost_per_case_is_divided_by_the_pack_size(tmp_path):
    path = tmp_path / "price_list.csv"
    path.write_text("Barcode,Description,Pack,Cost per case,RRP\n"
                    "5012345000011,Cola 330ml,24,9.60,0.89\n"
                    "5012345000028,Crisps ready salted,32,8.00,0.75\n"
                    "5012345000035,Firelighters,,6.00,1.99\n", encoding="utf-8")
    assert guess_mapping(read_sheet(path, kind="products"), "products").columns["Cost per case"] == "case_cost"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "products")
        costs = _costs(shop)
    assert costs["5012345000011"] == (0.40, 24) and costs["5012345000028"] == (0.25, 32)
    assert costs["5012345000035"][0] is None                   # no pack size: no unit cost made up
    assert "Unit costs are 'Cost per case' divided by the pack size ('Pack'): 9.60 for a pack of 24 is 0.40 a unit " \
           "(row 2)." in report.notes
    assert [(p.row, p.message) for p in report.problems] == [
        (4, "a cost per case without a pack size: the unit cost is left as it was")]


def test_a_unit_cost_beside_the_case_cost_is_the_one_read(tmp_path):
    path = tmp_path / "products.csv"
    path.write_text("SKU,Name,Unit cost,Case cost,Pack size\nA1,Tea,1.10,12.00,12\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "products")
        assert _costs(shop)["A1"] == (1.10, 12)
    assert "'Case cost' (a case's cost) is not read: the unit cost is 'Unit cost'." in report.notes


def test_a_pack_written_as_a_wholesaler_writes_it_is_its_count(tmp_path):
    """'24 x 330ml', 'Case of 12', '6pk' were 'cannot read the pack size' (and so no unit cost from the case's)."""
    path = tmp_path / "price_list.csv"
    path.write_text("Code,Description,Pack,Case price\nC1,Cola,24 x 330ml,9.60\nW1,Wine,6 × 75cl,36.00\n"
                    "T1,Tea,Case of 12,18.00\nB1,Batteries,6pk,3.00\nF1,Flour,1.5kg,2.00\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "products")
        costs = _costs(shop)
    assert {k: v for k, v in costs.items() if k != "F1"} == {"C1": (0.4, 24), "W1": (6.0, 6), "T1": (1.5, 12),
                                                              "B1": (0.5, 6)}
    assert costs["F1"] == (None, 1)                 # '1.5kg' is a weight, not a count: said, nothing made up
    assert any(p.row == 6 and "pack size" in p.message for p in report.problems)
