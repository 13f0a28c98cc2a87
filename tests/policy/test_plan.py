"""The plan for a whole shop (the demo): stock on hand and on order, supplier calendars and lead times, the
owner's own quantities, the command line, and the alerts."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.alerts import shop_alerts
from core.errors import UserError
from core.policy.plan import PLAN_COLUMNS, adjust_order, clear_adjustment, order_calendar, plan_shop
from core.policy.settings import PolicySettings, load_policy_settings, save_policy_settings

from tests.policy.conftest import TODAY

REPO = Path(__file__).resolve().parents[2]


def test_order_calendar():
    tuesday = dt.date(2026, 3, 3)
    assert order_calendar("Mon,Thu", tuesday) == (2, 4)          # Thursday, then Monday
    assert order_calendar("Tue", tuesday) == (0, 7)
    assert order_calendar("", tuesday) == (0, 7)                 # any day: reviewed weekly
    assert order_calendar("", tuesday, shelf_life_days=3) == (0, 1)   # ... bread every day
    assert order_calendar("", tuesday, shelf_life_days=10) == (0, 5)
    assert order_calendar("mon; wed / fri", dt.date(2026, 3, 7)) == (2, 2)
    # days of the month: the next one, then the one after it (a 30-day month's "31st" is its 30th)
    assert order_calendar("1st", tuesday) == (29, 30)                 # 1 April, then 1 May
    assert order_calendar("1st,15th", tuesday) == (12, 17)            # 15 March, then 1 April
    assert order_calendar("last", dt.date(2026, 2, 27)) == (1, 31)    # 28 February, then 31 March
    assert order_calendar("31st", dt.date(2026, 4, 2)) == (28, 31)    # 30 April, then 31 May
    assert order_calendar("Fri,1st", tuesday) == (3, 7)               # Friday 6 March, then Friday 13th
    assert order_calendar("monthly", tuesday) == order_calendar("1", tuesday) == (29, 30)   # once a month: the 1st
    # a cycle of weeks: the next order day taken to be in the coming week, the order after it a cycle on
    assert order_calendar("every 2 weeks", tuesday) == (0, 14)        # 'fortnightly', any day of the week
    assert order_calendar("Mon,every 2 weeks", tuesday) == (6, 14)    # 'every other Monday'
    assert order_calendar("Tue,every 3 weeks", tuesday) == (0, 21)
    assert order_calendar("Mon,Thu,every 2 weeks", tuesday) == (2, 11)   # Thursday, then Monday a fortnight on
    # the last order sent tells the supplier's weeks: one week ago, so not this Tuesday but the next
    assert order_calendar("Tue,every 2 weeks", tuesday, last_order=dt.date(2026, 2, 24)) == (7, 14)
    assert order_calendar("Tue,every 2 weeks", tuesday, last_order=dt.date(2026, 2, 17)) == (0, 14)
    assert order_calendar("every 2 weeks", tuesday, last_order=dt.date(2026, 2, 26)) == (9, 14)   # a fortnight on
    assert order_calendar("Mon,Thu,every 2 weeks", tuesday, last_order=dt.date(2026, 2, 23)) == (6, 3)
    assert order_calendar("Tue", tuesday, last_order=dt.date(2026, 2, 24)) == (0, 7)    # no cycle: as before


def test_a_monthly_supplier_gets_a_month_of_cover_and_the_replay_orders_monthly(demo):
    from core.policy.order_days import average_review

    assert average_review("1st") == 30 and average_review("1st,15th") == 15 and average_review("Mon,Thu") == 4
    before = plan_shop(demo).lines.set_index("sku")
    supplier = demo.scalar("SELECT supplier_id FROM products WHERE sku = ?", (before.index[0],))
    demo.conn.execute("UPDATE suppliers SET order_days = '1st' WHERE id = ?", (supplier,))
    demo.conn.commit()
    after = plan_shop(demo).lines.set_index("sku")
    mine = after[after["supplier_id"] == supplier]
    assert (mine["review_days"] == 30).all()                          # 1 April, then 1 May (TODAY is 2 March)
    assert (mine["order_date"] == "2026-04-01").all()
    weekly = before.loc[mine.index]
    assert (mine["order_up_to"] >= weekly["order_up_to"]).all() and (mine["order_up_to"] > weekly["order_up_to"]).any()


def test_plan_reads_stock_and_orders_and_keeps_its_promises(demo):
    plan = plan_shop(demo)
    lines = plan.lines.set_index("sku")
    assert plan.plan_date == TODAY and len(lines) == 300
    # on hand = the last count (the demo counts every day up to yesterday) minus what sold after it
    pid, sku = demo.query("SELECT p.id, p.sku FROM products p ORDER BY p.sku LIMIT 1")[0]
    count = demo.query("SELECT date, qty FROM stock_snapshots WHERE product_id = ? ORDER BY date DESC LIMIT 1",
                       (pid,))[0]
    sold_after = demo.scalar("SELECT coalesce(sum(qty), 0) FROM sales WHERE product_id = ? AND date > ?",
                             (pid, count["date"]))
    assert lines.at[sku, "on_hand"] == pytest.approx(max(count["qty"] - sold_after, 0))
    # on order = the open purchase orders' lines
    on_order = pd.read_sql_query("SELECT p.sku, sum(l.qty - l.received_qty) AS qty FROM purchase_order_lines l "
                                 "JOIN products p ON p.id = l.product_id GROUP BY p.sku", demo.conn)
    for row in on_order.itertuples():
        assert lines.at[row.sku, "on_order"] == pytest.approx(row.qty)
    # below the reorder point -> an order in whole packs, at least the minimum, reaching the order-up-to level
    ordering = lines[lines["suggested_qty"] > 0]
    assert len(ordering) > 20
    assert (ordering["on_hand"] + ordering["on_order"] < ordering["reorder_point"]).all()
    assert np.allclose(ordering["suggested_qty"] / ordering["pack"], np.round(ordering["suggested_qty"] / ordering["pack"]))
    assert (ordering["suggested_qty"] >= ordering["moq"]).all()
    assert (ordering["on_hand"] + ordering["on_order"] + ordering["suggested_qty"] >= ordering["order_up_to"] - 1e-6).all()
    # service levels by class
    assert set(lines.groupby("abc")["service_level"].first().to_dict().items()) == {("A", 0.98), ("B", 0.95),
                                                                                     ("C", 0.90)}


def test_supplier_order_days_and_lead_times(demo):
    plan = plan_shop(demo)
    suppliers = {r["name"]: r for r in demo.query("SELECT * FROM suppliers")}
    life = dict(demo.query("SELECT sku, shelf_life_days FROM products"))
    for row in plan.lines.itertuples():
        wait, review = order_calendar(suppliers[row.supplier]["order_days"], TODAY, life[row.sku])
        assert row.review_days == review
        assert row.order_date == (TODAY + dt.timedelta(days=wait)).isoformat()
    bakery = plan.lines[plan.lines["supplier"] == "Hearthside Bakery"]   # any day, bread keeps 2-5 days
    assert set(bakery["review_days"]) <= {1, 2}


def test_a_fortnightly_supplier_is_planned_for_two_weeks_until_the_order_after(demo):
    from core.policy.order_days import DAY_NAMES

    """A supplier who takes orders every other week: each line covers 14 days until the order after (7 when the text
    was taken as any day), so it holds more, and the explanation says so."""
    supplier = demo.query("SELECT id, name FROM suppliers WHERE coalesce(order_days, '') = '' ORDER BY id")[0]
    before = plan_shop(demo).lines
    mine = before["supplier"] == supplier["name"]
    with demo.conn:
        demo.conn.execute("UPDATE suppliers SET order_days = 'every 2 weeks' WHERE id = ?", (supplier["id"],))
    after = plan_shop(demo).lines
    lines = after[after["supplier"] == supplier["name"]]
    assert len(lines) and set(lines["review_days"]) == {14}
    assert (lines["order_up_to"].to_numpy() >= before[mine]["order_up_to"].to_numpy()).all()
    assert lines["order_up_to"].sum() > before[mine]["order_up_to"].sum()
    assert lines["explanation"].str.contains("14 days until the order after").all()
    # its last order went out a week before the plan's day: the next one is a week away, not on the plan's day
    with demo.conn:
        demo.conn.execute("INSERT INTO purchase_orders(number, supplier_id, status, order_date) VALUES "
                          "('FORTNIGHT-1', ?, 'sent', ?)", (supplier["id"], (TODAY - dt.timedelta(days=6)).isoformat()))
        demo.conn.execute("UPDATE suppliers SET order_days = ? WHERE id = ?",
                          (DAY_NAMES[(TODAY + dt.timedelta(days=1)).weekday()] + ",every 2 weeks", supplier["id"]))
    pinned = plan_shop(demo).lines
    pinned = pinned[pinned["supplier"] == supplier["name"]]
    assert set(pinned["order_date"]) == {(TODAY + dt.timedelta(days=8)).isoformat()}


def test_lead_time_learned_from_received_orders(demo):
    supplier = demo.query("SELECT id, name, lead_time_days FROM suppliers WHERE lead_time_days = 2")[0]
    with demo.conn:   # a supplier with no deliveries on record, then three
        demo.conn.execute("DELETE FROM purchase_orders WHERE supplier_id = ?", (supplier["id"],))
        for k, days in enumerate((4, 4, 6)):
            demo.conn.execute("INSERT INTO purchase_orders(number, supplier_id, status, order_date, received_date) "
                              "VALUES (?, ?, 'received', ?, ?)", (f"OLD-{k}", supplier["id"], "2026-01-05",
                                                                  (dt.date(2026, 1, 5) + dt.timedelta(days=days)).isoformat()))
    plan = plan_shop(demo)
    mine = plan.lines[(plan.lines["supplier"] == supplier["name"])]
    learned = mine[mine["explanation"].str.contains("learned from 3 received orders")]
    assert len(learned)
    assert learned["lead_time_days"].iloc[0] == pytest.approx(14 / 3, abs=0.01)
    assert learned["lead_time_spread"].iloc[0] > 0
    # the demo's own history: its deliveries, some late, teach every supplier its real lead time
    other = plan_shop(demo).lines
    assert other["explanation"].str.contains("learned from").mean() > 0.5


def test_service_level_setting_and_override(demo):
    settings = load_policy_settings(demo)
    settings.service_by_class["A"] = 0.99
    save_policy_settings(demo, settings)
    lines = plan_shop(demo).lines
    assert (lines.loc[lines["abc"] == "A", "service_level"] == 0.99).all()
    one = PolicySettings(service_level=0.8)
    assert (plan_shop(demo, settings=one).lines["service_level"] == 0.8).all()
    with pytest.raises(UserError, match="cannot be planned"):
        save_policy_settings(demo, PolicySettings(service_by_class={"A": 1.2}))


def test_owner_quantity_kept_with_reason_and_audited(demo):
    plan = plan_shop(demo)
    sku = plan.lines.loc[plan.lines["order_qty"] > 0, "sku"].iloc[0]
    with pytest.raises(UserError, match="Say why"):
        adjust_order(demo, plan.plan_date, sku, 5, "  ")
    adjust_order(demo, plan.plan_date, sku, 5, "shelf space")
    line = plan_shop(demo).lines.set_index("sku").loc[sku]
    assert line["order_qty"] == 5 and line["adjusted"] and line["reason"] == "shelf space"
    assert demo.scalar("SELECT count(*) FROM audit_log WHERE action = 'order quantity changed'") == 1
    clear_adjustment(demo, plan.plan_date, sku)
    assert not plan_shop(demo).lines.set_index("sku").loc[sku, "adjusted"]


def test_budget_cuts_and_says_what_it_costs(demo):
    full = plan_shop(demo)
    settings = load_policy_settings(demo)
    settings.budget = round(full.solution.total * 0.5, 2)
    cut = plan_shop(demo, settings=settings)
    assert cut.solution.total <= settings.budget + 1e-6
    assert (cut.lines["order_qty"] <= cut.lines["suggested_qty"] + 1e-9).all()
    assert cut.lines["lost_margin"].sum() > 0
    assert any("to fit the budget" in note for note in cut.solution.supplier_notes.values())


def test_alerts_on_the_demo(demo):
    with demo.conn:   # an order that should have arrived, and a product nobody buys any more
        number = demo.scalar("SELECT number FROM purchase_orders WHERE status = 'sent' ORDER BY id LIMIT 1")
        demo.conn.execute("UPDATE purchase_orders SET expected_date = '2026-02-27' WHERE number = ?", (number,))
        pid = demo.scalar("SELECT id FROM products ORDER BY sku LIMIT 1")
        demo.conn.execute("DELETE FROM sales WHERE product_id = ? AND date > '2025-12-01'", (pid,))
        demo.conn.execute("INSERT INTO stock_snapshots(product_id, date, qty) VALUES (?, '2026-03-01', 40) "
                          "ON CONFLICT(product_id, date, location) DO UPDATE SET qty = 40", (pid,))
    plan = plan_shop(demo)
    alerts = shop_alerts(demo, plan)
    kinds = {a.kind for a in alerts}
    assert {"below_reorder_point", "overdue_order", "dead_stock"} <= kinds
    overdue = next(a for a in alerts if a.kind == "overdue_order")
    assert number in overdue.message and "3 days late" in overdue.message
    runs_out = [a for a in alerts if a.kind == "runs_out"]
    for a in runs_out:
        line = plan.lines.set_index("sku").loc[a.sku]
        assert a.date == line["stockout_date"] < line["next_delivery"]


def test_the_unusual_sales_come_from_what_the_forecast_run_kept_and_say_what_the_history_says(demo, monkeypatch):
    """The alerts' unusual recent sales as the forecast run kept them (no second read of every product's history)
    are the ones the history itself gives: the same alerts, word for word."""
    import json

    from core.alerts import recent_anomalies
    from core.demand.history import load_history
    from core.forecasting import ForecastSettings, forecast_shop

    last = demo.scalar("SELECT max(date) FROM sales")
    with demo.conn:     # a bulk order a few days ago on the best seller, far above its usual days
        pid = demo.scalar("SELECT product_id FROM sales GROUP BY product_id ORDER BY count(*) DESC LIMIT 1")
        demo.conn.execute("UPDATE sales SET qty = qty + 5000 WHERE rowid = (SELECT rowid FROM sales WHERE product_id = ? "
                          "AND date = (SELECT max(date) FROM sales WHERE product_id = ? AND date < ?) LIMIT 1)",
                          (pid, pid, last))
    forecast_shop(demo, settings=ForecastSettings(neural=False, boosted=False, statistical_max_products=0))
    plan = plan_shop(demo)
    run = demo.conn.execute("SELECT as_of, settings FROM forecast_runs WHERE id = ?",
                            (plan.forecast_run_id,)).fetchone()
    history = load_history(demo, as_of=plan.as_of)
    kept = json.loads(run[1])["anomalies"]
    assert kept == recent_anomalies(history) and kept        # the demo's history has some in its last two weeks
    whole = [a for a in shop_alerts(demo, plan, history) if a.kind == "anomaly"]
    monkeypatch.setattr("core.demand.history.load_history", lambda *a, **k: pytest.fail("read the history again"))
    from_run = [a for a in shop_alerts(demo, plan) if a.kind == "anomaly"]
    assert from_run == whole and len(whole) == len(kept)
    assert whole[0].message.startswith(f"Sold {kept[0][2]:g} on {kept[0][1]}, against a usual {kept[0][3]:g}")


@pytest.mark.slow
def test_plan_command_line(demo_path, tmp_path):
    out = tmp_path / "plan.csv"
    done = subprocess.run([sys.executable, "main.py", "plan", "--db", str(demo_path), "--service-level", "0.95",
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, dtype={"sku": str})
    assert list(table.columns) == PLAN_COLUMNS
    assert (table["service_level"] == 0.95).all() and len(table) == 300
    assert "products to order" in done.stdout
    xlsx = tmp_path / "plan.xlsx"
    assert subprocess.run([sys.executable, "main.py", "plan", "--db", str(demo_path), "--out", str(xlsx)],
                          cwd=REPO, capture_output=True).returncode == 0
    assert list(pd.read_excel(xlsx).columns) == PLAN_COLUMNS
    bad = subprocess.run([sys.executable, "main.py", "plan", "--db", str(tmp_path / "none.db")], cwd=REPO,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "no shop file" in bad.stderr
    usage = subprocess.run([sys.executable, "main.py", "plan", "--db", str(demo_path), "--service-level", "2"],
                           cwd=REPO, capture_output=True, text=True)
    assert usage.returncode == 2


def test_a_plan_as_of_a_past_day_uses_the_forecast_made_that_day(demo):
    """The fast twin of the command-line test below: the forecast is made quickly here, the plan finds it."""
    from core.forecasting import ForecastSettings, forecast_shop

    past = dt.date(2026, 1, 31)
    forecast_shop(demo, as_of=past, settings=ForecastSettings(neural=False, statistical_max_products=0))
    run_id = demo.scalar("SELECT id FROM forecast_runs WHERE as_of = ? ORDER BY id DESC", (past.isoformat(),))
    runs_before = demo.scalar("SELECT count(*) FROM forecast_runs")
    plan = plan_shop(demo, as_of=past)
    assert plan.plan_date == past + dt.timedelta(days=1) and plan.as_of == past
    assert plan.forecast_run_id == run_id
    assert demo.scalar("SELECT count(*) FROM forecast_runs") == runs_before      # found, not made again
    assert (plan.lines["order_date"] >= plan.plan_date.isoformat()).all()


@pytest.mark.slow
def test_plan_as_of_forecasts_from_what_was_known_then(demo_path, tmp_path):
    out = tmp_path / "past.csv"
    done = subprocess.run([sys.executable, "main.py", "plan", "--db", str(demo_path), "--as-of", "2026-01-31",
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "plan for 2026-02-01 from the forecast made on 2026-01-31" in done.stdout


def test_a_product_never_counted_waits_for_a_count_unless_the_shop_says_assume_none(demo):
    """Without a count nobody knows its shelf: by default it is left out of the orders (said in its explanation and
    as one 'never counted' alert, not as 'runs out'); with the rule 'assume none', it is planned from 0 as before."""
    plan = plan_shop(demo)
    busy = plan.lines.sort_values("demand_over_lead_time", ascending=False).iloc[0]
    sku = busy["sku"]
    demo.conn.execute("DELETE FROM stock_snapshots WHERE product_id = ?", (int(busy["product_id"]),))
    demo.conn.commit()

    plan = plan_shop(demo)
    line = plan.lines.set_index("sku").loc[sku]
    assert not line["counted"] and line["order_qty"] == 0 and line["suggested_qty"] == 0
    assert "Never counted" in line["explanation"] and line["stockout_date"] is None
    alerts = [a for a in shop_alerts(demo, plan) if a.sku == sku]
    assert [a.kind for a in alerts] == ["never_counted"]
    others = plan.lines[plan.lines["sku"] != sku]
    assert (others["order_qty"] > 0).any()                  # the rest of the shop is planned as before

    settings = load_policy_settings(demo)
    settings.uncounted = "assume-none"
    save_policy_settings(demo, settings)
    plan = plan_shop(demo)
    line = plan.lines.set_index("sku").loc[sku]
    assert line["on_hand"] == 0 and line["order_qty"] > 0
    assert "No stock count yet" in line["explanation"]
    with pytest.raises(UserError, match="no rule called"):
        settings.uncounted = "guess"
        settings.check()


def test_a_budget_or_an_owners_quantity_replans_only_the_orders_and_matches_a_whole_plan(demo):
    """replan (the window's *Apply* on the budget, an owner's quantity) runs only the supplier optimisation on the
    policy's lines, and gives what a whole plan_shop gives with the same budget and quantities."""
    import dataclasses

    from core.policy.plan import replan

    plan = plan_shop(demo)
    shown = plan.lines.copy()
    total = float((plan.lines["order_qty"] * plan.lines["unit_cost"]).sum())
    settings = dataclasses.replace(plan.settings, budget=round(total * 0.4, 2))
    line = plan.lines[plan.lines["order_qty"] > 0].iloc[0]
    adjust_order(demo, plan.plan_date, line["sku"], float(line["order_qty"]) + 7, "market stall")
    quick = replan(demo, plan, settings=settings)
    save_policy_settings(demo, settings)
    whole = plan_shop(demo)
    columns = ["sku", "order_qty", "adjusted", "reason", "lost_margin", "explanation"]
    pd.testing.assert_frame_equal(quick.lines[columns].reset_index(drop=True),
                                  whole.lines[columns].reset_index(drop=True))
    # within the budget to the cent (the order's value is a sum of floats: 5,248.320000000001 of 5,248.32)
    assert quick.solution.total == pytest.approx(whole.solution.total) and \
        round(quick.solution.total, 2) <= settings.budget
    assert quick.lines.set_index("sku").loc[line["sku"], "order_qty"] == line["order_qty"] + 7
    pd.testing.assert_frame_equal(plan.lines, shown)          # the plan shown before is left as it was


def test_each_product_is_planned_with_the_spread_of_sums_found_for_its_demand_pattern(demo):
    """The forecast's backtests find how much wider the sums over a lead time are per demand pattern; the plan
    gives each item its pattern so that its levels use that pattern's factor (as the replay that measures the
    policy does), not the shop's."""
    import dataclasses
    import json

    from core.policy.demand import SumCalibration
    from core.policy.levels import plan_item

    plan = plan_shop(demo)
    run = demo.conn.execute("SELECT id, sum_calibration FROM forecast_runs ORDER BY id DESC LIMIT 1").fetchone()
    stored = dict(demo.conn.execute("SELECT p.sku, f.pattern FROM forecast_products f JOIN products p "
                                    "ON p.id = f.product_id WHERE f.run_id = ?", (run["id"],)).fetchall())
    assert {sku: item.pattern for sku, item in plan.items.items()} == {sku: stored[sku] for sku in plan.items}
    calibration = SumCalibration.from_dict(json.loads(run["sum_calibration"]))
    own = [sku for sku, item in plan.items.items() if item.pattern in calibration.by_group
           and calibration.factor(item.lead.mean + item.review_days, item.pattern)
           != calibration.factor(item.lead.mean + item.review_days)]
    assert own, "the demo's patterns have factors of their own"
    for sku in own[:5]:
        item, levels = plan.items[sku], plan.levels[sku]
        again = plan_item(item, plan.settings.policy, holding_rate=plan.settings.holding_rate,
                          calibration=calibration)
        shop_wide = plan_item(dataclasses.replace(item, pattern=None), plan.settings.policy,
                              holding_rate=plan.settings.holding_rate, calibration=calibration)
        assert levels.spread == pytest.approx(again.spread)
        assert levels.spread != pytest.approx(shop_wide.spread)


def test_a_shutdown_in_the_forecast_adds_its_own_days_to_the_cover_and_no_more():
    """10 a day, then 11 days closed over Christmas, then 10 a day again: 1,000 units last 100 selling days + the 11
    closed ones (not 1,000 / the 28 days' average of 6.1, which stretched every day after the shutdown); without a
    closure the cover is the stock over the average rate as before."""
    from core.policy.plan import _cover_days

    mean = np.array([10.0] * 13 + [0.0] * 11 + [10.0] * 4)
    assert _cover_days(1000, mean, tail_rate=10.0) == pytest.approx(111.0)
    assert _cover_days(135, mean, tail_rate=10.0) == pytest.approx(24.5)       # runs out just after reopening
    assert _cover_days(50, mean, tail_rate=10.0) == pytest.approx(5.0)
    assert _cover_days(0, mean, tail_rate=10.0) == 0.0
    assert _cover_days(1000, np.full(28, 10.0)) == pytest.approx(100.0)
