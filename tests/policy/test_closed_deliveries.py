"""A delivery that would fall while the shop is closed (a holiday the owner gave, a weekday it keeps closed) is
expected when the shop opens again: the plan's next delivery, its explanation and the purchase order's expected
date say that day, not one on which nobody is there to take the goods in."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.importing import run_import
from core.policy.plan import open_day
from core.store import open_shop


def test_open_day_skips_closures_and_closed_weekdays():
    easter = [["2026-04-03", "2026-04-06"]]
    assert open_day(dt.date(2026, 4, 2), easter) == dt.date(2026, 4, 2)
    assert open_day(dt.date(2026, 4, 4), easter) == dt.date(2026, 4, 7)
    assert open_day(dt.date(2026, 4, 4), easter, [1]) == dt.date(2026, 4, 8)          # closed on Tuesdays too
    assert open_day(dt.date(2026, 4, 5), [], [6]) == dt.date(2026, 4, 6)              # a Sunday: Monday
    assert open_day(dt.date(2026, 4, 4), [["2026-04-03", "2026-04-06"], ["2026-04-07", "2026-04-08"]]) == \
        dt.date(2026, 4, 9)                                                            # two closures in a row


def test_a_delivery_due_in_a_closure_is_expected_when_the_shop_opens(tmp_path):
    from core.forecasting import ForecastSettings, forecast_shop
    from core.ordering.purchase_orders import suggested_orders
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings

    today = dt.date(2026, 3, 25)                                     # a Wednesday
    dates = pd.date_range("2025-10-01", today - dt.timedelta(days=1))
    rng = np.random.default_rng(3)
    rows = [(day.strftime("%Y-%m-%d"), sku, int(q)) for sku in [f"P{k}" for k in range(1, 13)] for day, q in
            zip(dates, rng.poisson(4, len(dates))) if q > 0 and day.dayofweek != 6]      # closed on Sundays
    pd.DataFrame(rows, columns=["Date", "SKU", "Qty"]).to_csv(tmp_path / "till.csv", index=False)
    pd.DataFrame([("2026-04-03", "2026-04-06", "Easter", "Closed")],
                 columns=["Start date", "End date", "Event", "Type"]).to_csv(tmp_path / "events.csv", index=False)
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, tmp_path / "till.csv", "sales", today=today)
        run_import(shop, tmp_path / "events.csv", "events", today=today)
        supplier = shop.conn.execute("INSERT INTO suppliers (name, email) VALUES ('Wholesale', 'w@example.com')"
                                     ).lastrowid
        shop.conn.execute("UPDATE products SET supplier_id = ?, unit_cost = 2", (supplier,))
        shop.conn.execute("UPDATE products SET lead_time_days = 10 WHERE sku = 'P1'")   # due Saturday 4 April
        shop.conn.execute("UPDATE products SET lead_time_days = 4 WHERE sku = 'P2'")    # due Sunday 29 March
        shop.conn.commit()
        forecast_shop(shop, horizon=28, settings=ForecastSettings(neural=False, boosted=False,
                                                                   statistical_max_products=0))
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"
        plan = plan_shop(shop, settings=settings)
        lines = plan.lines.set_index("sku")
        assert lines.at["P1", "order_date"] == "2026-03-25"
        assert lines.at["P1", "next_delivery"] == "2026-04-07"             # Easter Monday over: Tuesday
        assert ("Its delivery would fall on 2026-04-04, while the shop is closed: it is expected on 2026-04-07, "
                "when the shop opens again.") in lines.at["P1", "explanation"]
        assert lines.at["P2", "next_delivery"] == "2026-03-30"             # the Sunday it is closed: Monday
        assert "Its delivery would fall on 2026-03-29, while the shop is closed" in lines.at["P2", "explanation"]
        assert lines.at["P3", "next_delivery"] == "2026-04-01"             # the default 7 days: a Wednesday
        assert "Its delivery would fall" not in lines.at["P3", "explanation"]
        orders = suggested_orders(shop, plan)
    expected = {o.supplier: o.expected_date for o in orders}
    assert expected == {"Wholesale": dt.date(2026, 4, 7)}
