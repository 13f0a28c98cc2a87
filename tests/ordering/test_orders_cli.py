"""`python main.py orders`: today's suggested orders written as PDF / xlsx / .eml, one file per supplier; the shop
is not changed unless --save; clear refusals (exit 1) for an unknown supplier, nothing to order, no e-mail."""
from __future__ import annotations

import email
import email.policy
import os

import openpyxl
import pytest

from cli.main import main
from core.store import open_shop

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SUPPLIERS = 8


def _orders(db) -> int:
    with open_shop(db, create=False) as shop:
        return shop.scalar("SELECT count(*) FROM purchase_orders")


def test_one_file_per_supplier_and_the_shop_unchanged(demo_path, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    before = _orders(demo_path)
    code = main(["orders", "--db", str(demo_path), "--pdf", str(out / "order.pdf"), "--xlsx", str(out / "order.xlsx")])
    printed = capsys.readouterr().out
    assert code == 0
    assert "suggestions, not stored" in printed and "Meadowvale Dairy: " in printed
    pdfs, books = sorted(out.glob("*.pdf")), sorted(out.glob("*.xlsx"))
    assert len(pdfs) == len(books) == SUPPLIERS
    assert (out / "order-Meadowvale-Dairy.pdf").read_bytes().startswith(b"%PDF")
    sheet = openpyxl.load_workbook(out / "order-Meadowvale-Dairy.xlsx").active
    assert sheet.cell(1, 8).value == "not yet numbered"
    assert _orders(demo_path) == before


def test_one_supplier_saved_as_a_draft_and_e_mailed(qapp, demo_path, tmp_path, capsys):
    eml, pdf = tmp_path / "dairy.eml", tmp_path / "dairy.pdf"
    code = main(["orders", "--db", str(demo_path), "--supplier", "meadowvale dairy", "--eml", str(eml),
                 "--pdf", str(pdf), "--save"])
    assert code == 0, capsys.readouterr().err
    assert "PO-1745: Meadowvale Dairy" in capsys.readouterr().out
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "orders@meadowvaledairy.example.com"
    assert message["Subject"].startswith("Purchase order PO-1745")
    assert next(message.iter_attachments()).get_content() == pdf.read_bytes()
    with open_shop(demo_path, create=False) as shop:
        assert shop.scalar("SELECT status FROM purchase_orders WHERE number = 'PO-1745'") == "draft"
    # the draft is now on order: nothing more to order from the dairy today
    assert main(["orders", "--db", str(demo_path), "--supplier", "Meadowvale Dairy"]) == 1
    assert "nothing to order from Meadowvale Dairy" in capsys.readouterr().err


def test_products_to_order_without_a_supplier_are_the_refusal_not_nothing_to_order(demo_path, capsys):
    """A shop whose sheets name no supplier (a wide sheet of weekly totals): the plan orders, but no order can go
    out until the products have a supplier, and the refusal says so and how."""
    with open_shop(demo_path, create=False) as shop:
        shop.conn.execute("UPDATE products SET supplier_id = NULL")
    assert main(["orders", "--db", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "products to order has a supplier, so there is no purchase order to make" in err
    assert "A products sheet with a supplier column" in err and "nothing was changed" in err


def test_refusals(demo_path, tmp_path, capsys):
    assert main(["orders", "--db", str(demo_path), "--supplier", "Nobody Ltd"]) == 1
    err = capsys.readouterr().err
    assert "no supplier called Nobody Ltd; the suppliers are Brookfield Drinks Co., " in err
    assert "nothing was changed" in err
    with open_shop(demo_path, create=False) as shop:
        shop.conn.execute("UPDATE suppliers SET email = NULL WHERE name = 'Hearthside Bakery'")
    assert main(["orders", "--db", str(demo_path), "--eml", str(tmp_path / "o.eml")]) == 1
    assert "Hearthside Bakery has no e-mail address" in capsys.readouterr().err
    assert list(tmp_path.glob("*.eml")) == []                          # nothing half-done
    assert main(["orders", "--db", str(demo_path), "--pdf", str(tmp_path / "o.xlsx")]) == 1
    assert "must end in .pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["orders"])
    assert exit_.value.code == 2


def test_the_plan_says_why_products_never_counted_are_not_ordered(demo_path, capsys):
    """A new shop with its sales file only: `plan` orders nothing until the products are counted, and says so (how
    many, and the two ways on), instead of a bare '0 of 300 products to order'."""
    with open_shop(demo_path, create=False) as shop:
        counted = shop.scalar("SELECT count(DISTINCT product_id) FROM stock_counts")
        shop.conn.execute("DELETE FROM stock_snapshots WHERE product_id IN "
                          "(SELECT id FROM products ORDER BY sku LIMIT 40)")
        left = shop.scalar("SELECT count(*) FROM products WHERE active = 1 AND id NOT IN "
                           "(SELECT product_id FROM stock_counts)")
    assert counted and left >= 40
    assert main(["plan", "--db", str(demo_path)]) == 0
    printed = capsys.readouterr().out
    assert f"  {left:,} of them never counted: left out of the orders until counted" in printed
    assert "--kind stock FILE" in printed and "Settings > Ordering" in printed
    with open_shop(demo_path, create=False) as shop:
        shop.conn.execute("DELETE FROM stock_snapshots")
    assert main(["plan", "--db", str(demo_path)]) == 0
    printed = capsys.readouterr().out
    assert ": 0 of 300 products to order" in printed and "300 of them never counted" in printed
