"""The built-in demo shop (core/demo.py): what an owner trying the app would expect to find in it."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from core.demo import build_demo_shop
from core.errors import Cancelled, UserError
from core.jobs import JobContext
from core.store.db import open_shop

TODAY = dt.date(2025, 6, 1)
FIRST_DAY = TODAY - dt.timedelta(days=730)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return build_demo_shop(tmp_path_factory.mktemp("demo") / "demo.shelfwise", seed=7, today=TODAY)


@pytest.fixture(scope="module")
def shop(demo_path):
    with open_shop(demo_path, create=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def daily_sales(shop) -> pd.DataFrame:
    """Units sold per product per day, zeros filled in for every day of the history."""
    rows = pd.DataFrame([dict(r) for r in shop.query("SELECT product_id, date, qty FROM sales")])
    table = rows.pivot_table(index="date", columns="product_id", values="qty", aggfunc="sum")
    table.index = pd.to_datetime(table.index)
    return table.reindex(pd.date_range(FIRST_DAY, TODAY - dt.timedelta(days=1)), fill_value=0).fillna(0)


def _sales_dump(path) -> list[tuple]:
    with open_shop(path, create=False) as opened:
        return [tuple(r) for r in opened.query(
            "SELECT p.sku, s.date, s.qty, s.revenue, s.line_key FROM sales s JOIN products p ON p.id = s.product_id "
            "ORDER BY p.sku, s.date")]


def test_about_300_products_from_8_suppliers_with_different_lead_times(shop):
    assert 280 <= shop.scalar("SELECT count(*) FROM products WHERE active = 1") <= 320
    suppliers = shop.query("SELECT * FROM suppliers")
    assert len(suppliers) == 8
    assert len({s["lead_time_days"] for s in suppliers}) == 8
    assert all(s["email"] and s["phone"] and s["address"] and s["currency"] == "GBP" for s in suppliers)
    assert shop.scalar("SELECT count(*) FROM products WHERE supplier_id IS NULL") == 0
    assert 6 <= shop.scalar("SELECT count(DISTINCT category) FROM products") <= 10


def test_skus_keep_leading_zeros_and_letters(shop):
    skus = {r[0] for r in shop.query("SELECT sku FROM products")}
    assert any(s.startswith("0") for s in skus)
    assert any(s[:-1].isdigit() and s[-1].isalpha() for s in skus)


def test_products_have_packs_prices_above_cost_and_shelf_life_for_fresh_food(shop):
    assert shop.scalar("SELECT count(*) FROM products WHERE sell_price <= unit_cost") == 0
    assert {r[0] for r in shop.query("SELECT DISTINCT pack_size FROM products")} >= {1, 6, 12, 24}
    assert shop.scalar("SELECT count(*) FROM products WHERE shelf_life_days IS NOT NULL") > 20
    assert 0 < shop.scalar("SELECT count(*) FROM products WHERE lead_time_days IS NOT NULL") < 60


def test_two_years_of_daily_history_ending_yesterday(shop):
    first, last, days = shop.query("SELECT min(date), max(date), count(DISTINCT date) FROM sales")[0]
    assert first == FIRST_DAY.isoformat()
    assert last == (TODAY - dt.timedelta(days=1)).isoformat()
    assert days >= 720          # the shop is shut on a few days (Christmas Day, Boxing Day)
    assert shop.scalar("SELECT count(*) FROM sales WHERE qty <= 0") == 0


def test_same_seed_gives_the_same_sales_and_another_seed_does_not(demo_path, tmp_path):
    again = build_demo_shop(tmp_path / "again.shelfwise", seed=7, today=TODAY)
    other = build_demo_shop(tmp_path / "other.shelfwise", seed=8, today=TODAY)
    first = _sales_dump(demo_path)
    assert _sales_dump(again) == first
    assert _sales_dump(other) != first


def test_some_products_sell_only_now_and_then(daily_sales):
    launched = daily_sales.cumsum() > 0
    zero_share = ((daily_sales == 0) & launched).sum() / launched.sum()
    assert (zero_share > 0.5).sum() >= 10
    assert (zero_share < 0.1).sum() >= 10       # and plenty sell every day


def test_new_products_start_selling_part_way(daily_sales):
    first_sale = (daily_sales > 0).idxmax()
    assert (first_sale > pd.Timestamp(FIRST_DAY) + pd.Timedelta(days=150)).sum() >= 5


def test_stock_outs_show_as_empty_shelf_and_no_sales(shop):
    # counts of 0 on days without a sale of that product (an anti-join in pandas: the sales table has no index
    # on product and day, by design, so the same NOT EXISTS in SQL scans it once per count)
    empty = pd.DataFrame([dict(r) for r in shop.query(
        "SELECT product_id, date FROM stock_snapshots WHERE qty = 0")])
    sold = pd.DataFrame([dict(r) for r in shop.query("SELECT DISTINCT product_id, date FROM sales")])
    joined = empty.merge(sold, on=["product_id", "date"], how="left", indicator=True)
    empty_no_sale = (joined[joined["_merge"] == "left_only"].drop(columns="_merge")
                     .sort_values(["product_id", "date"]).reset_index(drop=True))
    assert empty_no_sale.product_id.nunique() >= 20
    dates = pd.to_datetime(empty_no_sale.date)
    new_run = (dates.diff() != pd.Timedelta(days=1)) | (empty_no_sale.product_id.diff() != 0)
    run_lengths = new_run.cumsum().value_counts()
    assert (run_lengths >= 3).sum() >= 20       # runs of several days, not a stray zero


def test_weekly_stock_counts_and_todays_stock_for_every_product(shop):
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    assert shop.scalar("SELECT count(*) FROM stock_snapshots WHERE date = ?", (yesterday,)) == 300
    mondays = shop.scalar("SELECT count(DISTINCT date) FROM stock_snapshots WHERE strftime('%w', date) = '1'")
    assert mondays >= 104
    assert shop.scalar("SELECT count(*) FROM stock_snapshots WHERE qty < 0") == 0


def test_weekends_sell_more_than_midweek(daily_sales):
    total = daily_sales.sum(axis=1)
    weekday = total.index.weekday
    assert total[weekday >= 5].mean() > 1.2 * total[(weekday >= 1) & (weekday <= 3)].mean()


def test_december_is_the_peak_for_christmas_lines_and_summer_for_garden(shop, daily_sales):
    category = {r[0]: r[1] for r in shop.query("SELECT id, category FROM products")}
    by_category = daily_sales.T.groupby(category).sum().T
    cards = by_category["Cards & Gift Wrap"]
    assert cards[cards.index.month == 12].mean() > 1.5 * cards[cards.index.month.isin([2, 3, 4, 5])].mean()
    garden = by_category["Garden & Picnic"]
    assert garden[garden.index.month == 7].mean() > 1.5 * garden[garden.index.month == 1].mean()


def test_promotions_and_holidays_are_recorded(shop):
    promotions = shop.query("SELECT * FROM events WHERE kind = 'promotion'")
    assert len(promotions) >= 5 and all(p["product_id"] and p["end_date"] >= p["date"] for p in promotions)
    holidays = {r["name"]: r for r in shop.query("SELECT * FROM events WHERE kind = 'holiday'")}
    assert {"Christmas Day", "Easter Monday", "Summer bank holiday"} <= holidays.keys()
    assert shop.scalar("SELECT count(*) FROM events WHERE kind = 'holiday' AND product_id IS NOT NULL") == 0
    christmas_days = [f"{y}-12-25" for y in (FIRST_DAY.year, FIRST_DAY.year + 1)]
    assert shop.scalar("SELECT count(*) FROM sales WHERE date IN (?, ?)", christmas_days) == 0   # shut


def test_promotion_prices_are_cheaper_and_sell_more(shop):
    for promo in shop.query("SELECT * FROM events WHERE kind = 'promotion'"):
        regular, during = (shop.scalar("SELECT sell_price FROM prices WHERE product_id = ? AND date <= ? "
                                       "ORDER BY date DESC LIMIT 1", (promo["product_id"], day))
                           for day in (FIRST_DAY.isoformat(), promo["date"]))
        assert during < regular
        unit_price = shop.scalar("SELECT sum(revenue) / sum(qty) FROM sales WHERE product_id = ? "
                                 "AND date BETWEEN ? AND ?", (promo["product_id"], promo["date"], promo["end_date"]))
        assert unit_price == pytest.approx(during, abs=0.01)


def test_open_purchase_orders_are_sent_one_is_late(shop):
    orders = shop.query("SELECT * FROM purchase_orders WHERE status != 'received' ORDER BY id")
    assert 2 <= len(orders) <= 3
    assert orders[0]["expected_date"] < TODAY.isoformat()          # the late one: an overdue-order alert
    for order in orders:
        assert order["status"] == "sent" and order["number"].startswith("PO-")
        assert order["order_date"] < TODAY.isoformat()
        assert order is orders[0] or TODAY.isoformat() < order["expected_date"]
        lines = shop.query("SELECT l.qty, p.pack_size, p.min_order_qty, p.supplier_id FROM purchase_order_lines l "
                           "JOIN products p ON p.id = l.product_id WHERE l.order_id = ?", (order["id"],))
        assert 3 <= len(lines) <= 8
        for line in lines:
            assert line["supplier_id"] == order["supplier_id"]
            assert line["qty"] % line["pack_size"] == 0 and line["qty"] >= line["min_order_qty"]


def test_received_orders_record_the_deliveries_and_their_real_lead_times(shop):
    orders = shop.query("SELECT o.*, s.lead_time_days FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id "
                        "WHERE o.status = 'received'")
    assert len(orders) > 500
    late = 0
    for order in orders:
        days = (dt.date.fromisoformat(order["received_date"]) - dt.date.fromisoformat(order["order_date"])).days
        assert days >= order["lead_time_days"]
        late += days > order["lead_time_days"]
    assert 0.05 < late / len(orders) < 0.6          # some deliveries come late, most on time
    assert shop.scalar("SELECT count(*) FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id "
                       "WHERE o.status = 'received' AND l.received_qty != l.qty") == 0


def test_everything_belongs_to_one_demo_import(shop):
    run = shop.query("SELECT * FROM import_runs")
    assert len(run) == 1 and run[0]["kind"] == "demo" and run[0]["file_name"] == "Demo shop (generated)"
    assert run[0]["imported"] == shop.scalar("SELECT count(*) FROM sales")
    for table in ("suppliers", "products", "sales", "stock_snapshots", "prices", "events", "purchase_orders",
                  "purchase_order_lines"):
        assert shop.scalar(f"SELECT count(*) FROM {table} WHERE import_id IS NOT ?", (run[0]["id"],)) == 0
    assert json.loads(run[0]["counts"])["products"] == 300
    assert shop.get_setting("shop_name") == "Demo Gift & Grocery"


def test_refuses_to_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "mine.shelfwise"
    existing.write_bytes(b"the owner's own shop")
    with pytest.raises(UserError):
        build_demo_shop(existing, today=TODAY)
    assert existing.read_bytes() == b"the owner's own shop"


def test_cancel_while_writing_leaves_no_file_behind(tmp_path):
    def cancel_when_writing(fraction: float, text: str) -> None:
        if text.startswith("Writing two years"):
            ctx.cancel()

    ctx = JobContext(cancel_when_writing, min_interval=0.0)
    with pytest.raises(Cancelled):
        build_demo_shop(tmp_path / "demo.shelfwise", today=TODAY, ctx=ctx)
    assert list(tmp_path.iterdir()) == []


def test_builds_into_an_empty_file_and_reports_progress_to_the_end(tmp_path):
    target = tmp_path / "demo.shelfwise"
    target.touch()                               # an empty file (say, made by a Save dialog) is fine
    reports = []
    build_demo_shop(target, today=TODAY, ctx=JobContext(lambda f, t: reports.append((f, t))))
    assert reports[-1][0] == 1.0
    assert [f for f, _ in reports] == sorted(f for f, _ in reports)
    assert [p.name for p in tmp_path.iterdir()] == ["demo.shelfwise"]    # no .tmp, -wal or -shm left over
