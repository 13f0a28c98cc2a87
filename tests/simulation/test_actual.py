"""What the shop really did, rebuilt from its stock counts, sales and deliveries: a hand-worked shelf."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from core.simulation import actual_result, shop_inputs, summarise
from core.store import open_shop

DAY0 = dt.date(2025, 1, 1)


def _day(k: int) -> str:
    return (DAY0 + dt.timedelta(days=k)).isoformat()


@pytest.fixture
def shop(tmp_path):
    """One product selling 2 a day for 15 days; counted 10 on day 0 and 8 on day 12; 20 delivered on day 5
    (ordered on day 3); a second product never counted."""
    with open_shop(tmp_path / "shop.db") as shop:
        with shop.conn:
            run = shop.conn.execute("INSERT INTO import_runs(started_at, file_name, kind) VALUES ('x', 'x', 'sales')"
                                    ).lastrowid
            shop.conn.execute("INSERT INTO suppliers(id, name) VALUES (1, 'Acme')")
            shop.conn.executemany("INSERT INTO products(id, sku, supplier_id, unit_cost) VALUES (?, ?, 1, 1.5)",
                                  [(1, "P1"), (2, "P2")])
            shop.conn.executemany("INSERT INTO sales(line_key, product_id, date, qty, import_id) VALUES (?,?,?,?,?)",
                                  [(10 * k + p, p, _day(k), 2.0, run) for k in range(15) for p in (1, 2)])
            shop.conn.executemany("INSERT INTO stock_snapshots(product_id, date, qty) VALUES (1, ?, ?)",
                                  [(_day(0), 10.0), (_day(12), 8.0)])
            order = shop.conn.execute("INSERT INTO purchase_orders(number, supplier_id, status, order_date, "
                                      "received_date) VALUES ('PO-1', 1, 'received', ?, ?)",
                                      (_day(3), _day(5))).lastrowid
            shop.conn.execute("INSERT INTO purchase_order_lines(order_id, product_id, qty, received_qty) "
                              "VALUES (?, 1, 20, 20)", (order,))
        yield shop


def test_the_shelf_is_rebuilt_from_counts_sales_and_deliveries(shop):
    start, end = DAY0 + dt.timedelta(days=2), DAY0 + dt.timedelta(days=14)
    record = actual_result(shop, shop_inputs(shop, start), start, end)
    assert list(record.products["sku"]) == ["P1"]          # P2 was never counted: no record to compare with
    # by hand: 10 on day 0, -2 a day, +20 on day 5, the count of 8 on day 12 replaces the walk's 6
    expected = [6, 4, 2, 20, 18, 16, 14, 12, 10, 8, 8, 6, 4]
    assert record.stock[0].tolist() == expected
    row = record.products.iloc[0]
    assert row["avg_stock_value"] == pytest.approx(np.mean(expected) * 1.5)
    assert row["orders"] == 1 and row["stockout_days"] == 0
    assert row["cycle_service_level"] == 1.0
    assert np.isnan(summarise(record.products)["fill_rate"])  # lost sales were never recorded


def test_no_record_without_counts_before_and_during_the_window(shop):
    start, end = DAY0 + dt.timedelta(days=13), DAY0 + dt.timedelta(days=14)
    assert actual_result(shop, shop_inputs(shop, start), start, end) is None
