"""Demand history: what the sales cannot tell is set apart (before the first sale, stock-outs, spikes)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.demand.classes import classify
from core.demand.history import build_history

START = dt.date(2024, 1, 1)


def _history(daily: dict[int, np.ndarray], counts: list[tuple[int, int, float]] = (), start: dt.date = START):
    """Products 1.. with the given daily sales from `start`; counts are (product, day, qty) stock counts."""
    rows = [(pid, (start + dt.timedelta(days=d)).isoformat(), q) for pid, series in daily.items()
            for d, q in enumerate(series) if q]
    sales = pd.DataFrame(rows, columns=["product_id", "date", "qty"])
    stock = pd.DataFrame([(p, (start + dt.timedelta(days=d)).isoformat(), q) for p, d, q in counts],
                         columns=["product_id", "date", "qty"])
    last = start + dt.timedelta(days=max(len(s) for s in daily.values()) - 1)
    ids = np.array(sorted(daily))
    return build_history(ids, np.array([f"P{i}" for i in ids], dtype=object), sales, stock, last)


def test_days_before_the_first_sale_are_not_history():
    steady = np.full(100, 3.0)
    new = np.concatenate([np.zeros(70), np.full(30, 2.0)])
    history = _history({1: steady, 2: new})
    assert np.isnan(history.demand[1, :70]).all()
    assert history.first_sale[1] == 70


def test_a_stock_count_of_zero_makes_the_following_silent_days_unknown_not_zero():
    sales = np.full(60, 2.0)
    sales[30:40] = 0
    history = _history({1: sales, 2: np.full(60, 1.0)}, counts=[(1, 30, 0.0), (1, 40, 20.0)])
    assert history.stockout[0, 30:40].all()
    assert np.isnan(history.demand[0, 30:40]).all()
    assert not history.stockout[0, :30].any()


def test_a_steady_seller_going_silent_for_a_week_is_inferred_out_of_stock():
    sales = np.full(120, 5.0)
    sales[80:90] = 0
    history = _history({1: sales, 2: np.full(120, 1.0)})
    assert history.stockout[0, 80:90].all()


def test_a_slow_seller_with_gaps_is_not_called_out_of_stock():
    rng = np.random.default_rng(1)
    sales = (rng.random(200) < 0.15).astype(float)
    history = _history({1: sales, 2: np.full(200, 1.0)})
    assert history.stockout[0].sum() == 0


def test_days_the_whole_shop_sold_nothing_do_not_count_as_a_stock_out():
    sales = np.full(100, 4.0)
    other = np.full(100, 2.0)
    sales[50:57] = other[50:57] = 0  # closed for a week
    history = _history({1: sales, 2: other})
    assert not history.stockout[:, 50:57].any()


def _busy_shop(days: int, closed: list[int], products: int = 30, seed: int = 5) -> dict[int, np.ndarray]:
    """A shop of `products` that each sell on most days, and nothing at all on the `closed` days."""
    rng = np.random.default_rng(seed)
    shop = {pid: rng.poisson(2.0 + pid % 5, days).astype(float) for pid in range(1, products + 1)}
    for series in shop.values():
        series[closed] = 0
    return shop


def test_days_a_busy_shop_sold_nothing_at_all_are_closed_days_with_unknown_demand():
    """A shop where some 25 products sell on an open day did not have a day without a single customer: it was
    shut (Saturdays, a Christmas week). Its demand there is unknown, not zero, and not a stock-out either."""
    days = 84
    saturdays = [d for d in range(days) if (START + dt.timedelta(days=d)).weekday() == 5]
    christmas = list(range(40, 47))
    history = _history(_busy_shop(days, saturdays + christmas))
    assert history.closed[saturdays + christmas].all() and history.closed.sum() == len(set(saturdays + christmas))
    assert np.isnan(history.demand[:, saturdays + christmas]).all()
    assert (history.sales[:, christmas] == 0).all()            # what was sold stays as it was
    assert not history.stockout.any()
    since_first = np.arange(days)[None, :] >= history.first_sale[:, None]
    assert not np.isnan(history.demand[since_first & ~history.closed[None, :]]).any()
    assert history.closed_weekdays() == (5,)                    # the week's closure is not a day off
    ahead = pd.date_range(history.days[-1] + pd.Timedelta(days=1), periods=14, freq="D")
    assert history.closed_ahead(ahead).tolist() == [day.weekday() == 5 for day in ahead]


def test_a_shop_just_back_from_weeks_shut_keeps_its_days_off_and_is_not_taken_as_closed_for_good():
    """Shut for seven weeks (a refit) and open again for a week: the weeks shut throughout say nothing about which
    days it opens, so its Saturdays are still its day off and no other day is."""
    days = 140
    saturdays = [d for d in range(days) if (START + dt.timedelta(days=d)).weekday() == 5]
    refit = list(range(days - 7 - 49, days - 7))
    history = _history(_busy_shop(days, saturdays + refit))
    assert history.closed[refit].all()
    assert history.closed_weekdays() == (5,)
    # still shut on the day the history ends (a plan made as of a later day): the days off it had before
    still = list(range(days - 45, days))
    history = _history(_busy_shop(days, saturdays + still))
    assert history.closed[still].all() and history.closed_weekdays() == (5,)


def _shut(start: dt.date, end: dt.date, first: str, last: str) -> list[int]:
    """The day numbers (0 on `start`) from `first` to `last`, ISO dates, within the days up to `end`."""
    days = pd.date_range(start, end)
    return list(np.flatnonzero((days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))))


def test_a_holiday_shutdown_seen_last_year_is_expected_on_the_same_dates_and_a_moving_holiday_is_not():
    """A year and a half of a busy shop, shut on Saturdays, 24 December - 3 January (11 days in a row), over
    Easter (Friday to Monday) and on one Monday in May: the days ahead on the shutdown's dates are closed, whatever
    their weekday; Easter, the Monday and any other date are not (they move from year to year, and a short
    closure seen once could be anything)."""
    start, end = dt.date(2024, 6, 3), dt.date(2025, 12, 10)     # a Monday: the first day sells
    days = (end - start).days + 1
    saturdays = [d for d in range(days) if (start + dt.timedelta(days=d)).weekday() == 5]
    christmas = _shut(start, end, "2024-12-24", "2025-01-03")
    easter = _shut(start, end, "2025-04-18", "2025-04-21")
    may = _shut(start, end, "2025-05-05", "2025-05-05")
    history = _history(_busy_shop(days, saturdays + christmas + easter + may), start=start)
    assert history.closed[christmas + easter + may].all() and history.closed_weekdays() == (5,)
    ahead = pd.date_range("2025-12-11", "2026-01-10")
    by_date = history.closed_by_date(ahead)
    assert ahead[by_date].tolist() == list(pd.date_range("2025-12-24", "2026-01-03"))
    assert history.closed_ahead(ahead).tolist() == [by_date[j] or day.weekday() == 5 for j, day in enumerate(ahead)]
    spring = pd.date_range("2026-04-01", "2026-05-31")         # a plan made in spring: Easter is not projected
    assert not history.closed_by_date(spring).any()


def test_a_date_closed_two_years_running_is_expected_closed_and_one_the_shop_opened_on_before_is_not():
    """Two and a half years: closed on Christmas Day both years (one day), and shut 20-31 August last year only
    (12 days) though it opened on those days the year before: Christmas Day ahead is closed; late August is not,
    as the shop did not close then every year (a refit or a holiday that may not come again)."""
    start, end = dt.date(2023, 6, 1), dt.date(2025, 12, 10)
    days = (end - start).days + 1
    xmas = _shut(start, end, "2023-12-25", "2023-12-25") + _shut(start, end, "2024-12-25", "2024-12-25")
    refit = _shut(start, end, "2024-08-20", "2024-08-31")
    history = _history(_busy_shop(days, xmas + refit), start=start)
    assert history.closed[xmas + refit].all() and history.closed.sum() == len(xmas + refit)
    ahead = pd.date_range("2025-12-11", "2026-01-10")
    assert ahead[history.closed_by_date(ahead)].tolist() == [pd.Timestamp("2025-12-25")]
    # the same shop planned a year earlier: only one Christmas seen (a day, not a shutdown), nothing projected
    earlier = _history({pid: series[:(dt.date(2024, 12, 10) - start).days + 1]
                        for pid, series in _busy_shop(days, xmas + refit).items()}, start=start)
    assert not earlier.closed_by_date(pd.date_range("2024-12-11", "2025-01-10")).any()
    assert not history.closed_by_date(pd.date_range("2025-08-01", "2025-09-10")).any()
    assert not history.closed_by_date(pd.date_range("2028-02-20", "2028-03-05")).any()    # 29 February too


def test_the_closures_the_owner_gives_are_closed_days_past_and_ahead_even_in_a_small_shop():
    """Three products that sell a few a day between them: their quiet days cannot be told from a closure, so only
    the owner's word makes days closed: a past week (its demand unknown, not zero, and no stock-out) and Easter
    ahead (forecast as nothing); other days stay as they were."""
    rng = np.random.default_rng(7)
    days = 120
    shop = {pid: (rng.random(days) < 0.4).astype(float) for pid in (1, 2, 3)}
    for series in shop.values():
        series[0] = 1
        series[50:57] = 0
    said = ((START + dt.timedelta(days=50)).isoformat(), (START + dt.timedelta(days=56)).isoformat(), "Holiday"),
    easter = ("2024-05-03", "2024-05-06", "Easter")
    rows = [(pid, (START + dt.timedelta(days=d)).isoformat(), q) for pid, series in shop.items()
            for d, q in enumerate(series) if q]
    sales = pd.DataFrame(rows, columns=["product_id", "date", "qty"])
    counts = pd.DataFrame(columns=["product_id", "date", "qty"])
    last = START + dt.timedelta(days=days - 1)
    plain = build_history(np.array([1, 2, 3]), np.array(["P1", "P2", "P3"], dtype=object), sales, counts, last)
    assert not plain.closed.any()
    history = build_history(np.array([1, 2, 3]), np.array(["P1", "P2", "P3"], dtype=object), sales, counts, last,
                            declared=said + (easter,))
    assert history.closed.tolist() == [50 <= d <= 56 for d in range(days)]
    assert np.isnan(history.demand[:, 50:57]).all() and not history.stockout[:, 50:57].any()
    assert np.array_equal(history.demand[:, :50], plain.demand[:, :50], equal_nan=True)
    ahead = pd.date_range(history.days[-1] + pd.Timedelta(days=1), periods=28, freq="D")
    assert ahead[history.closed_ahead(ahead)].tolist() == list(pd.date_range("2024-05-03", "2024-05-06"))
    assert history.closed_weekdays() == ()


def test_a_small_shop_s_quiet_day_is_not_a_closed_day():
    """Three products that sell a few a day between them: a day without a sale happens on open days, so it stays a
    day without demand (a closure cannot be told from it)."""
    rng = np.random.default_rng(6)
    shop = {pid: (rng.random(60) < 0.4).astype(float) for pid in (1, 2, 3)}
    for series in shop.values():
        series[0] = 1                       # the history starts on day 0
        series[[20, 21, 33]] = 0
    history = _history(shop)
    assert not history.closed.any() and history.closed_weekdays() == ()
    assert (history.demand[:, 33] == 0).all()


def test_a_one_off_bulk_order_is_flagged_and_limited_but_the_sales_stay():
    rng = np.random.default_rng(2)
    sales = rng.poisson(3, 200).astype(float) + 1
    sales[150] = 400
    history = _history({1: sales})
    assert history.anomaly[0, 150] and history.anomaly[0].sum() == 1
    assert history.sales[0, 150] == 400
    assert history.demand[0, 150] < 50


def test_demand_classes_follow_the_adi_cv2_cutoffs():
    smooth = np.full(100, 5.0)
    intermittent = np.tile([0, 0, 0, 2.0], 25)
    lumpy = np.tile([0, 0, 0, 1.0, 0, 0, 0, 30.0], 12)
    erratic = np.tile([1.0, 20.0], 50)
    frame = classify(np.stack([smooth, intermittent, lumpy[:100].copy() if len(lumpy) >= 100 else
                               np.resize(lumpy, 100), erratic]), np.array([100.0, 5, 3, 50]),
                     np.array(["S", "I", "L", "E"], dtype=object))
    assert frame["pattern"].tolist() == ["smooth", "intermittent", "lumpy", "erratic"]
    assert frame.set_index("sku").at["S", "abc"] == "A"


def test_a_till_file_of_many_lines_a_day_in_any_order_reads_as_its_daily_totals(tmp_path):
    """load_history reads the sales lines as they are stored and adds up each product's days itself: every day's
    units and each product's sales value are the same to the bit as SQLite's own GROUP BY of the same lines (a float
    total depends on the order of its terms), whatever order the lines were imported in."""
    from core.demand.history import load_history
    from core.importing import run_import
    from core.store import open_shop

    rng = np.random.default_rng(4)
    lines = []
    for k in range(3000):
        day = START + dt.timedelta(days=int(rng.integers(0, 90)))
        lines.append((f"P{rng.integers(1, 6)}", day.isoformat(), int(rng.integers(1, 4)),
                      round(float(rng.uniform(0.1, 30)), 2)))
    lines.append(("P1", (START + dt.timedelta(days=95)).isoformat(), 2, 3.3))   # the last day
    path = tmp_path / "till.csv"
    pd.DataFrame(lines, columns=["sku", "date", "qty", "revenue"]).to_csv(path, index=False)   # not in date order
    db = tmp_path / "shop.db"
    with open_shop(db) as shop:
        run_import(shop, path, "sales", today=dt.date(2030, 1, 1))
        history = load_history(shop)
        days = shop.conn.execute(
            "SELECT product_id, date, sum(qty), sum(coalesce(revenue, 0)) FROM sales GROUP BY product_id, date"
        ).fetchall()
    assert history.days[0] == pd.Timestamp(min(line[1] for line in lines))
    assert history.days[-1] == pd.Timestamp(START + dt.timedelta(days=95)) and history.as_of == history.days[-1].date()
    row_of = {pid: i for i, pid in enumerate(history.product_ids)}
    units = np.zeros_like(history.sales)
    value = np.zeros(len(row_of))
    for pid, date, qty, revenue in days:        # in (product, day) order, as the GROUP BY gives them
        units[row_of[pid], (pd.Timestamp(date) - history.days[0]).days] = qty
        value[row_of[pid]] += revenue
    assert np.array_equal(np.nan_to_num(history.sales), units) and np.array_equal(history.revenue, value)
    assert len(days) < len(lines) and units.sum() == sum(line[2] for line in lines)


def test_a_line_reads_the_same_with_product_ids_too_large_for_one_key_and_a_date_sqlite_cannot_read(tmp_path):
    """A line's product and day cross from SQLite as one number while the product ids allow it, as two columns
    otherwise: the same history either way; a line whose date SQLite cannot read has no day and is left out."""
    from core.demand.history import KEY_PRODUCTS, load_history
    from core.importing import run_import
    from core.store import open_shop

    rng = np.random.default_rng(9)
    lines = [(f"P{rng.integers(1, 4)}", (START + dt.timedelta(days=int(rng.integers(0, 60)))).isoformat(),
              int(rng.integers(-1, 5)), round(float(rng.uniform(0, 20)), 2)) for _ in range(400)]
    path = tmp_path / "till.csv"
    pd.DataFrame(lines, columns=["sku", "date", "qty", "revenue"]).to_csv(path, index=False)
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "sales", today=dt.date(2030, 1, 1))
        with shop.conn:
            shop.conn.execute("INSERT INTO sales(product_id, date, qty, revenue, import_id) SELECT product_id, "
                              "'2024-01-0x', 50, 99.0, import_id FROM sales LIMIT 1")
        keyed = load_history(shop)
        shift = 2 * KEY_PRODUCTS
        shop.conn.execute("PRAGMA foreign_keys = OFF")
        with shop.conn:
            shop.conn.execute("UPDATE products SET id = id + ?", (shift,))
            shop.conn.execute("UPDATE sales SET product_id = product_id + ?", (shift,))
        apart = load_history(shop)
    assert np.array_equal(apart.product_ids, keyed.product_ids + shift)
    for name in ("sales", "demand", "stockout", "anomaly", "first_sale", "revenue"):
        assert np.array_equal(getattr(apart, name), getattr(keyed, name), equal_nan=name in ("sales", "demand"))
    assert list(apart.days) == list(keyed.days)
    frame = pd.DataFrame(lines, columns=["sku", "date", "qty", "revenue"])
    days = frame.groupby(["sku", "date"])["qty"].sum().clip(lower=0)     # a day of net returns: no sale
    expected = days.groupby(level="sku").sum()          # the line dated 2024-01-0x is in no product's units
    assert np.array_equal(np.nansum(keyed.sales, axis=1), expected.reindex(keyed.skus).to_numpy())
    assert keyed.days[-1] == pd.Timestamp(max(line[1] for line in lines))


def test_the_sales_first_and_last_dates_from_the_index_are_the_tables(tmp_path):
    """ShopDb.sales_dates reads two index entries per product: the same first and last dates as min(date) and
    max(date) over every line, none for a shop without sales."""
    from core.store import open_shop

    with open_shop(tmp_path / "shop.db") as shop:
        assert shop.sales_dates() == (None, None)
        rng = np.random.default_rng(3)
        with shop.conn:
            shop.conn.execute("INSERT INTO import_runs(id, started_at, kind, file_name) VALUES (1, '2024', 'sales', 'x')")
            shop.conn.executemany("INSERT INTO products(id, sku, name) VALUES (?, ?, ?)",
                                  [(i, f"P{i}", f"P{i}") for i in (3, 8, 40, 41)])
            shop.conn.executemany(
                "INSERT INTO sales(product_id, date, qty, import_id) VALUES (?, ?, 1, 1)",
                [(int(rng.choice([3, 8, 40, 41])), (START + dt.timedelta(days=int(d))).isoformat())
                 for d in rng.integers(-400, 400, size=300)])
        assert shop.sales_dates() == tuple(shop.conn.execute("SELECT min(date), max(date) FROM sales").fetchone())
        assert shop.sales_dates()[0] < START.isoformat() < shop.sales_dates()[1]


def test_the_chunks_demand_classes_are_the_whole_shops():
    """The daily forecast's chunks work out their products' demand classes beside their models: joined in product
    order they are the classes of the whole shop's rows, column for column (each product's own figures)."""
    from core.demand.classes import row_classes
    from core.forecasting.chunks import Calendar, forecast_chunk, row_chunks
    from core.forecasting.models import Naive

    rng = np.random.default_rng(8)
    n, T = 37, 120
    Y = rng.poisson(rng.gamma(0.6, 2.0, (n, 1)), (n, T)).astype(float)
    Y[rng.random((n, T)) < 0.05] = np.nan
    Y[3] = 0.0
    Y[4, :100] = np.nan
    Y[5, :] = np.nan
    days = pd.date_range("2024-01-01", periods=T + 7, freq="D")
    calendar = Calendar(days, [], np.zeros((T + 7, 0)))
    parts = [forecast_chunk([Naive()], Y[rows], np.zeros((len(Y[rows]), T + 7)), np.ones((len(Y[rows]), T + 7)),
                            calendar, 7, [T - 14], classes=True).classes for rows in row_chunks(n, 3)]
    assert len(parts) > 1
    joined = pd.concat(parts, ignore_index=True)
    whole = row_classes(Y)
    pd.testing.assert_frame_equal(joined, whole)
    framed = classify(Y, np.arange(n, dtype=float), np.array([f"P{i}" for i in range(n)], dtype=object), joined)
    pd.testing.assert_frame_equal(framed, classify(Y, np.arange(n, dtype=float),
                                                   np.array([f"P{i}" for i in range(n)], dtype=object)))
    assert set(whole["pattern"]) >= {"no sales", "smooth"} and list(framed.columns) == [
        "sku", "adi", "cv2", "pattern", "xyz", "abc"]


def test_a_weekday_the_shop_keeps_closed_is_forecast_as_nothing_and_the_open_days_are_not_diluted():
    """The shop is shut on Saturdays: the forecast sells nothing on them, and a week's forecast holds what the six
    open days sell (the models learnt from open days only), not six days' demand spread over seven."""
    from core.demand.drivers import Drivers
    from core.forecasting.run import ForecastSettings, forecast_history

    days, h = 168, 14
    saturdays = [d for d in range(days) if (START + dt.timedelta(days=d)).weekday() == 5]
    history = _history(_busy_shop(days, saturdays))
    n, T = len(history.skus), len(history.days)
    drivers = Drivers(pd.date_range(history.days[0], periods=T + h, freq="D"), [], np.zeros((T + h, 0), dtype=bool),
                      np.zeros((n, T + h), dtype=bool), np.full((n, T + h), np.nan))
    result = forecast_history(history, drivers, ForecastSettings(horizon=h, neural=False, boosted=False,
                                                                 statistical_max_products=5, seed=3))
    shut = np.asarray(result.days.weekday == 5)
    assert shut.sum() == 2
    assert (result.mean[:, shut] == 0).all() and (result.quantiles[0.95][:, shut] == 0).all()
    open_rate = np.nanmean(history.demand[:, -56:], axis=1)          # what an open day sold, the last 8 weeks
    forecast_rate = result.mean[:, ~shut].mean(axis=1)
    assert abs(forecast_rate.sum() / open_rate.sum() - 1) < 0.08
    for model, forecast in result.by_model.items():
        assert (forecast[:, shut] == 0).all(), model


def test_unusual_days_limited_in_place_are_those_limited_in_a_copy():
    from core.demand.history import limit_anomalies

    rng = np.random.default_rng(11)
    demand = rng.poisson(3.0, size=(50, 120)).astype(float)
    demand[rng.random(demand.shape) < 0.1] = np.nan
    demand[::7, 60] = 500.0                              # bulk orders far above the usual days
    demand[3] = 0.0                                      # never sold: nothing to limit
    kept = demand.copy()
    copied, flags = limit_anomalies(demand)
    assert np.array_equal(demand, kept, equal_nan=True)  # the copy leaves the caller's array alone
    assert flags[::7, 60].all() and (copied[::7, 60] < 500).all() and not flags[3].any()
    limited, same_flags = limit_anomalies(demand, in_place=True)
    assert limited is demand
    assert np.array_equal(limited, copied, equal_nan=True) and np.array_equal(same_flags, flags)


def test_prices_carried_between_changes_are_pandas_forward_then_back_fill():
    """core.demand.drivers.carried: each price holds until the next change and over the horizon, the first back to
    the row's first day, a row never priced stays unknown: the same numbers as the frame's ffill().bfill() it
    replaced, on rows of every shape."""
    from core.demand.drivers import carried

    rng = np.random.default_rng(5)
    for _ in range(200):
        n, days = int(rng.integers(1, 7)), int(rng.integers(1, 15))
        prices = np.full((n, days), np.nan)
        known = int(rng.integers(0, n * days + 1))
        prices.flat[rng.choice(n * days, known, replace=False)] = rng.uniform(0.5, 20, known)
        expected = pd.DataFrame(prices.T).ffill().bfill().to_numpy().T
        assert np.array_equal(carried(prices.copy()), expected, equal_nan=True)
    row = np.array([[np.nan, 2.0, np.nan, np.nan, 3.5, np.nan]])
    assert carried(row).tolist() == [[2.0, 2.0, 2.0, 2.0, 3.5, 3.5]]



def test_the_price_matrix_is_the_frame_way_s_prices_in_force_each_day(tmp_path):
    """core.demand.drivers._price_matrix reads the prices as plain numbers and orders them by date itself: the
    same matrix as the rows ordered by SQLite and placed by their timestamps (pandas) then carried, with prices
    dated before the first day (the latest is the first day's), a price given with a time of day (from the next
    day), a product without prices and one not in the history; a date or price SQLite cannot read is left out."""
    from core.demand.drivers import _price_matrix
    from core.store import open_shop

    rng = np.random.default_rng(2)
    days = pd.date_range("2024-01-01", "2024-03-31")
    big = 2 ** 60 + 1                                   # an id no float holds exactly
    rows = [(p, (dt.date(2023, 12, 1) + dt.timedelta(days=int(d))).isoformat(), round(float(rng.uniform(1, 9)), 2))
            for p in (1, 2, 3, 9, big) for d in rng.choice(140, 12, replace=False)]
    rows += [(2, "2024-02-10 15:30", 4.25), (1, "2023-11-05", 7.5)]
    with open_shop(tmp_path / "shop.db") as shop:
        with shop.conn:
            shop.conn.executemany("INSERT INTO products(id, sku, name) VALUES (?, ?, ?)",
                                  [(i, f"P{i}", f"P{i}") for i in (1, 2, 3, 4, 9, big, big - 1)])
            shop.conn.executemany("INSERT INTO prices(product_id, date, sell_price) VALUES (?, ?, ?)", rows)
        row_of = {1: 0, 2: 1, 3: 2, 4: 3, big - 1: 4, big: 5}   # 9 is not in the history; 4 and big - 1 unpriced
        as_of = dt.date(2024, 3, 31)
        got = _price_matrix(shop, row_of, days, as_of)
        with shop.conn:
            shop.conn.executemany("INSERT INTO prices(product_id, date, sell_price) VALUES (?, ?, ?)",
                                  [(3, "2024-02-3x", 99.0), (3, "2024-03-01", "n/a")])
        assert np.array_equal(_price_matrix(shop, row_of, days, as_of), got, equal_nan=True)
    frame = pd.DataFrame(rows, columns=["product_id", "date", "sell_price"])
    frame = frame[frame["date"] <= as_of.isoformat()].sort_values("date", kind="stable")
    frame = frame[frame["product_id"].isin(row_of)]
    expected = np.full((6, len(days)), np.nan)
    cols = np.clip(days.searchsorted(pd.to_datetime(frame["date"], format="ISO8601")), 0, len(days) - 1)
    expected[frame["product_id"].map(row_of).to_numpy(), cols] = frame["sell_price"].to_numpy()
    expected = pd.DataFrame(expected.T).ffill().bfill().to_numpy().T
    assert np.array_equal(got, expected, equal_nan=True)
    assert np.isnan(got[3]).all() and np.isnan(got[4]).all() and not np.isnan(got[[0, 1, 2, 5]]).any()
    assert got[1, days.get_loc("2024-02-11")] == 4.25 and got[1, days.get_loc("2024-02-10")] != 4.25


def test_sales_values_added_up_on_their_own_thread_are_those_added_up_in_turn(tmp_path, monkeypatch):
    """_build adds up the products' sales values on a thread of its own beside the units where the history is big
    (forced here): the same totals to the bit, and the same history otherwise; each line finds its product's row
    whether every line's product is in the history or some are not (an inactive product)."""
    import core.demand.history as history_module
    from core.demand.history import _rows_of, load_history
    from core.importing import run_import
    from core.store import open_shop

    rng = np.random.default_rng(6)
    lines = [(f"P{rng.integers(1, 12)}", (START + dt.timedelta(days=int(rng.integers(0, 200)))).isoformat(),
              int(rng.integers(1, 5)), round(float(rng.uniform(0.1, 40)), 2) * 3) for _ in range(4000)]
    path = tmp_path / "till.csv"
    pd.DataFrame(lines, columns=["sku", "date", "qty", "revenue"]).to_csv(path, index=False)
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "sales", today=dt.date(2030, 1, 1))
        in_turn = load_history(shop)
        monkeypatch.setattr(history_module, "_cores", lambda: 2)
        monkeypatch.setattr(history_module, "BESIDE_FROM_CELLS", 0)
        beside = load_history(shop)
    assert in_turn.revenue.any()
    for name in ("product_ids", "sales", "demand", "stockout", "anomaly", "first_sale", "revenue", "closed"):
        assert np.array_equal(getattr(beside, name), getattr(in_turn, name), equal_nan=name in ("sales", "demand"))
    ids = np.array([7, 3, 12, 5])
    every = rng.choice(ids, 500)
    some = np.concatenate([every, [4, 99, -1, 0]])
    row = {pid: i for i, pid in enumerate(ids)}
    assert _rows_of(ids, every).tolist() == [row[p] for p in every]
    assert _rows_of(ids, some).tolist() == [row.get(p, -1) for p in some]
