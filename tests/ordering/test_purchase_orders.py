"""Purchase orders through their life: drafted from the plan, edited, sent, received in parts (the goods reach the
shelf and, after three deliveries, teach the supplier's lead time), cancelled; every change audited."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import UserError
from core.ordering.purchase_orders import (PurchaseOrder, PurchaseOrderLine, add_line, cancel, create_order,
                                           create_orders_from_plan, get_order, list_orders, mark_sent, next_number,
                                           product_history, receive, remove_line, set_line_qty, suggested_orders,
                                           supplier_history, update_draft)
from core.policy.plan import plan_shop
from core.store import open_shop
from tests.policy.conftest import TODAY

DAIRY = "Meadowvale Dairy"


def _audit(shop, action: str) -> list:
    return shop.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id", (action,))


def _line(plan, sku: str):
    return plan.lines.set_index("sku").loc[sku]


def _dairy_draft(shop):
    plan = plan_shop(shop)
    return plan, create_orders_from_plan(shop, plan, supplier=DAIRY).created[0]


def test_one_draft_per_supplier_from_the_plan(demo):
    plan = plan_shop(demo)
    to_order = plan.lines[plan.lines["order_qty"] > 0]
    made = create_orders_from_plan(demo, plan)
    assert made.skipped == []
    assert sorted(o.supplier for o in made.created) == sorted(to_order["supplier"].unique())
    assert [o.number for o in made.created] == [f"PO-{n}" for n in range(1745, 1745 + len(made.created))]
    for order in made.created:
        mine = to_order[to_order["supplier"] == order.supplier].set_index("sku")
        assert order.status == "draft"
        assert {line.sku: line.qty for line in order.lines} == mine["order_qty"].to_dict()
        assert order.order_date.isoformat() == mine["order_date"].min()
        assert order.expected_date.isoformat() == mine["next_delivery"].max()
        assert order.total == pytest.approx(round((mine["order_qty"] * mine["unit_cost"]).round(2).sum(), 2))
        codes = dict(demo.query("SELECT sku, supplier_sku FROM products WHERE supplier_id = ?", (order.supplier_id,)))
        assert all(line.supplier_sku == codes[line.sku] for line in order.lines)
    assert len(_audit(demo, "purchase order created")) == len(made.created)


def test_products_to_order_without_a_supplier_are_named_never_dropped_silently(demo):
    plan = plan_shop(demo)
    to_order = plan.lines[plan.lines["order_qty"] > 0]
    ids = tuple(int(i) for i in to_order["product_id"].head(10))
    demo.conn.execute(f"UPDATE products SET supplier_id = NULL WHERE id IN {ids}")
    demo.conn.commit()
    plan = plan_shop(demo)
    lines = plan.lines
    orphans = sorted(lines.loc[(lines["order_qty"] > 0) & lines["supplier_id"].isna(), "sku"])
    assert orphans                                      # the plan still wants some of them
    made = create_orders_from_plan(demo, plan)
    assert sorted(made.unassigned) == orphans
    assert not {line.sku for order in made.created for line in order.lines} & set(orphans)


def test_when_no_product_to_order_has_a_supplier_the_refusal_says_so_and_how_to_fix_it(demo):
    demo.conn.execute("UPDATE products SET supplier_id = NULL")
    demo.conn.commit()
    plan = plan_shop(demo)
    count = int((plan.lines["order_qty"] > 0).sum())
    assert count > 0
    with pytest.raises(UserError, match=f"None of the {count:,} products to order has a supplier"):
        create_orders_from_plan(demo, plan)
    assert demo.scalar("SELECT count(*) FROM purchase_orders WHERE status = 'draft' AND created_date = ?",
                       (plan.plan_date.isoformat(),)) == 0


def test_a_second_create_from_the_same_plan_orders_nothing_twice(demo):
    plan, first = _dairy_draft(demo)
    with pytest.raises(UserError, match=f"Everything to order from {DAIRY} is on order already \\({first.number}\\)"):
        create_orders_from_plan(demo, plan, supplier=DAIRY)
    again = create_orders_from_plan(demo, plan)        # the others are made, the dairy is left alone and said so
    assert DAIRY not in [o.supplier for o in again.created + again.extended]
    assert any(first.number in note for note in again.skipped)
    assert get_order(demo, first.id).lines == first.lines
    stored = demo.query("SELECT l.* FROM purchase_order_lines l ORDER BY l.id")
    with pytest.raises(UserError, match="on order already"):
        create_orders_from_plan(demo, plan)            # a third press: everything is on order, nothing changes
    assert demo.query("SELECT l.* FROM purchase_order_lines l ORDER BY l.id") == stored


def test_a_second_create_adds_only_what_is_not_on_order_to_the_same_draft(demo):
    plan, first = _dairy_draft(demo)
    removed, halved = first.lines[0], first.lines[1]
    remove_line(demo, first.number, removed.sku)                          # the owner took one line off ...
    set_line_qty(demo, first.number, halved.sku, halved.pack)             # ... and cut another to one pack
    made = create_orders_from_plan(demo, plan, supplier=DAIRY)            # the same plan, pressed again
    assert made.created == [] and [o.number for o in made.extended] == [first.number]
    after = {line.sku: line.qty for line in get_order(demo, first.id).lines}
    assert after == {line.sku: line.qty for line in first.lines}        # back to the plan's quantities, no more
    assert demo.scalar("SELECT count(*) FROM purchase_orders WHERE supplier_id = ? AND status = 'draft'",
                       (first.supplier_id,)) == 1
    replanned = plan_shop(demo)                                           # and a fresh plan agrees: nothing more
    assert not suggested_orders(demo, replanned, supplier=DAIRY)


def test_what_a_fresh_plan_adds_goes_onto_the_days_draft(demo):
    plan, first = _dairy_draft(demo)
    line = first.lines[0]
    remove_line(demo, first.number, line.sku)
    replanned = plan_shop(demo)                                           # plans with the draft as on order
    wanted = _line(replanned, line.sku)["order_qty"]
    assert wanted == line.qty
    made = create_orders_from_plan(demo, replanned, supplier=DAIRY)
    assert [o.number for o in made.extended] == [first.number]
    assert get_order(demo, first.id).line(line.sku).qty == line.qty
    assert len(get_order(demo, first.id).lines) == len(first.lines)


def test_drafted_quantities_are_on_order_in_the_next_plan(demo):
    plan, draft = _dairy_draft(demo)
    after = plan_shop(demo)
    for line in draft.lines:
        assert _line(after, line.sku)["on_order"] == _line(plan, line.sku)["on_order"] + line.qty
    assert not suggested_orders(demo, after, supplier=DAIRY)      # the draft covers what was to order


def test_a_draft_can_be_edited_a_sent_order_cannot(demo):
    _, draft = _dairy_draft(demo)
    first, second = draft.lines[0], draft.lines[1]
    edited = set_line_qty(demo, draft.number, first.sku, first.qty + first.pack)
    assert edited.line(first.sku).qty == first.qty + first.pack
    edited = remove_line(demo, draft.id, second.sku)
    assert second.sku not in [line.sku for line in edited.lines]
    edited = update_draft(demo, draft.id, notes="Back door, before 10am.")
    assert edited.notes == "Back door, before 10am."
    other = demo.scalar("SELECT sku FROM products WHERE supplier_id = ? AND sku NOT IN (%s) LIMIT 1"
                        % ",".join("?" * len(edited.lines)), (draft.supplier_id, *[l.sku for l in edited.lines]))
    edited = add_line(demo, draft.id, other, 12)
    assert edited.line(other).qty == 12
    with pytest.raises(UserError, match="more than 0"):
        set_line_qty(demo, draft.id, first.sku, 0)

    changed = demo.query("SELECT * FROM audit_log WHERE action = 'purchase order line changed'")
    assert len(changed) == 1 and f'"qty": {first.qty}' in changed[0]["before"]
    assert len(_audit(demo, "purchase order line removed")) == 1
    assert len(_audit(demo, "purchase order changed")) == 1
    assert len(_audit(demo, "purchase order line added")) == 1

    sent = mark_sent(demo, draft.id, on=TODAY)
    assert sent.status == "sent" and sent.sent_date == TODAY and sent.order_date == TODAY
    for attempt in (lambda: set_line_qty(demo, draft.id, first.sku, 1), lambda: remove_line(demo, draft.id, first.sku),
                    lambda: update_draft(demo, draft.id, notes="x"), lambda: add_line(demo, draft.id, second.sku, 1)):
        with pytest.raises(UserError, match="a sent order cannot be changed, only received or cancelled"):
            attempt()
    with pytest.raises(UserError, match="only a draft can be sent"):
        mark_sent(demo, draft.id, on=TODAY)
    # the product changes; the order says what it said when it went out
    demo.conn.execute("UPDATE products SET name = 'Renamed', supplier_sku = 'NEW-1', unit_cost = 99 WHERE sku = ?",
                      (first.sku,))
    kept = get_order(demo, draft.number).line(first.sku)
    assert (kept.description, kept.supplier_sku, kept.unit_cost) == (first.description, first.supplier_sku,
                                                                     first.unit_cost)
    assert len(_audit(demo, "purchase order sent")) == 1


def test_receiving_puts_goods_on_the_shelf_and_completes_the_order(demo):
    plan, draft = _dairy_draft(demo)
    order = mark_sent(demo, draft.id, on=TODAY)
    line = max(order.lines, key=lambda l: _line(plan, l.sku)["on_hand"])       # a product with stock on the shelf
    before = _line(plan_shop(demo), line.sku)
    part = receive(demo, order.number, {line.sku: line.qty / 2}, on=TODAY)
    assert part.status == "part-received" and part.received_date is None
    assert part.line(line.sku).received_qty == line.qty / 2

    after = _line(plan_shop(demo), line.sku)
    assert after["on_hand"] == before["on_hand"] + line.qty / 2               # exactly what came in
    assert after["on_order"] == before["on_order"] - line.qty / 2

    done = receive(demo, order.id, on=TODAY + dt.timedelta(days=3))            # all that is still to come
    assert done.status == "received" and done.received_date == TODAY + dt.timedelta(days=3)
    assert all(l.received_qty == l.qty for l in done.lines)
    receipts = demo.query("SELECT * FROM stock_receipts WHERE product_id = ? ORDER BY id", (line.product_id,))
    assert [r["qty"] for r in receipts] == [line.qty / 2, line.qty / 2]
    assert demo.scalar("SELECT sum(qty) FROM stock_receipts") == pytest.approx(sum(l.qty for l in order.lines))
    received = _audit(demo, "purchase order received")
    assert len(received) == 2 and '"status": "sent"' in received[0]["before"]
    with pytest.raises(UserError, match="received .* nothing more can be received"):
        receive(demo, order.id, on=TODAY + dt.timedelta(days=4))


def test_receiving_refuses_what_cannot_be_right(demo):
    _, draft = _dairy_draft(demo)
    sku = draft.lines[0].sku
    with pytest.raises(UserError, match="still a draft"):
        receive(demo, draft.id, on=TODAY)
    order = mark_sent(demo, draft.id, on=TODAY)
    qty = order.line(sku).qty
    with pytest.raises(UserError, match="cannot be negative"):
        receive(demo, order.id, {sku: -1}, on=TODAY)
    with pytest.raises(UserError, match=f"at most {qty * 1.5:g} can be received"):
        receive(demo, order.id, {sku: qty * 1.5 + 1}, on=TODAY)
    with pytest.raises(UserError, match="is not on"):
        receive(demo, order.id, {"NO-SUCH": 1}, on=TODAY)
    with pytest.raises(UserError, match="cannot arrive before"):
        receive(demo, order.id, {sku: 1}, on=TODAY - dt.timedelta(days=1))
    with pytest.raises(UserError, match="every quantity is 0"):
        receive(demo, order.id, {sku: 0}, on=TODAY)
    assert get_order(demo, order.id).status == "sent"                         # nothing was stored
    assert demo.scalar("SELECT count(*) FROM stock_receipts") == 0
    over = receive(demo, order.id, {sku: qty * 1.5}, on=TODAY)                 # a generous delivery is taken
    assert over.line(sku).received_qty == qty * 1.5
    other = order.lines[1]
    by_id = receive(demo, order.id, {other.product_id: 1}, on=TODAY)           # a product by its id works too
    assert by_id.line(other.sku).received_qty == 1


def test_a_lead_time_is_learned_from_the_third_received_order(demo):
    supplier = demo.query("SELECT id, name FROM suppliers WHERE lead_time_days = 2")[0]
    demo.conn.execute("DELETE FROM purchase_orders WHERE supplier_id = ?", (supplier["id"],))
    product = demo.query("SELECT id, sku, supplier_sku, name, unit_cost, pack_size FROM products "
                         "WHERE supplier_id = ? LIMIT 1", (supplier["id"],))[0]

    def deliver(ordered: dt.date, days: int) -> None:
        line = PurchaseOrderLine(product["id"], product["sku"], product["supplier_sku"], product["name"], 10,
                                 product["unit_cost"], product["pack_size"])
        order = create_order(demo, PurchaseOrder(supplier["id"], supplier["name"], ordered,
                                                 ordered + dt.timedelta(days=2), [line]))
        mark_sent(demo, order.id, on=ordered)
        receive(demo, order.id, on=ordered + dt.timedelta(days=days))

    def lead_time():
        lines = plan_shop(demo).lines
        return lines[lines["supplier"] == supplier["name"]].iloc[0]

    deliver(dt.date(2026, 1, 5), 4)
    deliver(dt.date(2026, 1, 19), 4)
    assert lead_time()["lead_time_days"] == 2                                  # two deliveries: the stated one
    deliver(dt.date(2026, 2, 2), 6)
    learned = lead_time()
    assert learned["lead_time_days"] == pytest.approx(14 / 3, abs=0.01)
    assert "learned from 3 received orders" in learned["explanation"]


def test_cancel_an_order_that_has_not_all_arrived(demo):
    plan, draft = _dairy_draft(demo)
    order = mark_sent(demo, draft.id, on=TODAY)
    first, second = order.lines[0], order.lines[1]
    receive(demo, order.id, {first.sku: first.qty}, on=TODAY)
    cancelled = cancel(demo, order.id, reason="supplier out of stock")
    assert cancelled.status == "cancelled" and "supplier out of stock" in cancelled.notes
    after = plan_shop(demo)
    assert _line(after, second.sku)["on_order"] == _line(plan, second.sku)["on_order"]   # no longer coming
    assert demo.scalar("SELECT sum(qty) FROM stock_receipts") == first.qty                # what came stays
    with pytest.raises(UserError, match="cancelled: it cannot be cancelled"):
        cancel(demo, order.id)
    with pytest.raises(UserError, match="nothing more can be received"):
        receive(demo, order.id, on=TODAY)
    received = demo.scalar("SELECT number FROM purchase_orders WHERE status = 'received' LIMIT 1")
    with pytest.raises(UserError, match="received .*it cannot be cancelled"):
        cancel(demo, received)
    assert len(_audit(demo, "purchase order cancelled")) == 1


def test_history_per_supplier_and_per_product(demo):
    _, draft = _dairy_draft(demo)
    history = supplier_history(demo, DAIRY.upper())
    assert history.iloc[0]["number"] == draft.number                           # newest first
    assert set(history["status"]) == {"draft", "received"} | ({"sent"} & set(history["status"]))
    received = history[history["status"] == "received"]
    assert (received["lead_time_days"] >= 0).all() and received["value"].gt(0).all()
    assert history.iloc[0]["value"] == pytest.approx(draft.total)
    sku = draft.lines[0].sku
    lines = product_history(demo, sku)
    assert lines.iloc[0]["number"] == draft.number and lines.iloc[0]["qty"] == draft.lines[0].qty
    drafts = list_orders(demo, statuses=["draft"])
    assert len(drafts) == 1 and get_order(demo, drafts["id"].iloc[0]).number == draft.number   # a numpy id works
    with pytest.raises(UserError, match="no supplier called Nobody; the suppliers are .*Meadowvale Dairy"):
        supplier_history(demo, "Nobody")


def test_numbers_start_at_one_in_a_new_shop_and_continue_the_shop_sequence(demo):
    with open_shop(None) as empty:
        assert next_number(empty) == "PO-000001"
    assert next_number(demo) == "PO-1745"
    demo.conn.execute("INSERT INTO purchase_orders(number, supplier_id) VALUES ('PO-1799', 1), ('ORD-9', 1)")
    assert next_number(demo) == "PO-1800"


def test_undoing_the_import_of_a_received_order_keeps_the_goods(tmp_path):
    from core.importing import run_import, undo_import

    (tmp_path / "products.csv").write_text("sku,name,supplier,unit_cost\n00216,Butter,Dairy Co,1.00\n")
    (tmp_path / "orders.csv").write_text("po,supplier,sku,qty,date\nOLD-1,Dairy Co,00216,12,2026-02-01\n")
    with open_shop(tmp_path / "shop.db") as shop:
        products = run_import(shop, tmp_path / "products.csv", "products", today=TODAY).import_id
        orders = run_import(shop, tmp_path / "orders.csv", "orders", today=TODAY).import_id
        assert receive(shop, "OLD-1", on=dt.date(2026, 2, 5)).status == "received"
        undo_import(shop, orders)
        assert shop.query("SELECT qty, order_line_id FROM stock_receipts")[0][:] == (12.0, None)   # the goods came
        undo_import(shop, products)
        assert shop.scalar("SELECT count(*) FROM products WHERE sku = '00216'") == 1    # its receipt keeps it


def test_the_list_of_orders_adds_up_each_order_as_its_documents_do(demo):
    """Unit costs with more than two decimals: the list's value of an order is the sum of its rounded line totals,
    the same figure the PDF and the Excel file print (SQLite's round() takes some half cents the other way)."""
    plan = plan_shop(demo)
    order = create_orders_from_plan(demo, plan).created[0]
    for k, line in enumerate(order.lines):     # costs whose line totals sit on half a cent (1.005, 2.675, 0.125)
        demo.conn.execute("UPDATE purchase_order_lines SET unit_cost = ?, qty = ? WHERE id = ?",
                          ((1.005, 2.675, 0.125, 7.305)[k % 4], 1, line.id))
    demo.conn.commit()
    stored = get_order(demo, order.id)
    listed = list_orders(demo).set_index("id").loc[order.id, "value"]
    assert listed == pytest.approx(stored.total, abs=1e-9)
    assert stored.total == round(sum(round(line.qty * line.unit_cost, 2) for line in stored.lines), 2)
