"""Wide sheets of period totals as businesses keep them: a header of several rows (names, then units such as
'(Euro)' and '(weeks)', then 'week 1' .. 'week 52' under a row of years), and the product's cost, lead time and
minimum order beside the periods. The real manufacturing workbook in ../shared/data/spare-parts (SOURCE.md there)
is imported through the normal path and checked against its own cells, read here with python-calamine directly."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from core.importing import guess_mapping, read_sheet, run_import
from core.store import open_shop

PARTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "spare-parts"
WEEKLY = PARTS / "manufacturing_3451_items_150_weeks.xlsx"


def _weekly_truth() -> tuple[dict[tuple[str, str], float], dict[str, tuple[float, float, float]]]:
    """(product, Monday of the week) -> units, and product -> (cost, lead time in weeks, minimum order), from the
    workbook's cells: items from row 7, weeks from column J (2012 week 1 is Monday 2 January 2012; 150 weeks in a
    row: 2012 and 2013 have 52 ISO weeks each)."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(WEEKLY)).get_sheet_by_name("Data").to_python()
    sales, attributes = {}, {}
    for row in rows[6:]:
        if row[0] in ("", None):
            continue
        sku = str(int(row[0]))
        attributes[sku] = (float(row[2]), float(row[5]), float(row[7]))
        for k, value in enumerate(row[9:9 + 150]):
            if value not in ("", None) and float(value) != 0:
                sales[(sku, (dt.date(2012, 1, 2) + dt.timedelta(weeks=k)).isoformat())] = float(value)
    return sales, attributes


@pytest.mark.skipif(not WEEKLY.exists(), reason=f"no real data at {PARTS}")
def test_the_weekly_manufacturing_workbook_imports_as_150_weeks_with_its_costs_and_lead_times(tmp_path):
    raw = read_sheet(WEEKLY, kind="sales")
    assert raw.header_row == 1 and raw.row_numbers[0] == 5       # four header rows: names, per, (packaging), units
    mapping = guess_mapping(raw, "sales")
    assert mapping.layout == "wide" and mapping.period == "week" and len(mapping.period_columns) == 150
    assert min(mapping.period_columns.values()) == dt.date(2012, 1, 2)        # 'week 1' took its year from the right
    assert max(mapping.period_columns.values()) == dt.date(2014, 11, 10)      # 2014 week 46
    assert mapping.source_of("sku") == "SKU nr" and mapping.source_of("unit_cost") == "cost price per unit (Euro)"
    assert mapping.source_of("lead_time_days") == "lead time (weeks)"
    assert mapping.source_of("min_order_qty") == "min. order quantity (units)"
    sales, attributes = _weekly_truth()
    shop = tmp_path / "parts.db"
    with open_shop(shop) as opened:
        report = run_import(opened, WEEKLY, "sales", today=dt.date(2025, 1, 1))
        stored = {(r[0], r[1]): r[2] for r in opened.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}
        products = {r[0]: (r[1], r[2], r[3]) for r in opened.query(
            "SELECT sku, unit_cost, lead_time_days, min_order_qty FROM products")}
    assert report.period == "week" and report.rejected == 0
    assert stored == sales                                              # every week of every item, as the cells say
    assert len(products) == 3451
    for sku, (cost, lead_weeks, moq) in attributes.items():
        assert products[sku] == pytest.approx((cost, lead_weeks * 7, moq))
    text = "\n".join(report.summary_lines())
    assert "read as weeks (7 days each)" in text and "costs, lead times, minimum orders were taken" in text


def test_a_header_of_several_rows_is_one_name_per_column_and_a_plain_header_stays_one_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Part No", "cost", "lead time", None, 2024, 2024, 2024])
    sheet.append([None, "(EUR)", "(weeks)", None, "week 1", "week 2", "week 3"])
    sheet.append(["P-1", 2.5, 3, None, 1, 0, 4])
    sheet.append(["P-2", 1.0, 1, None, 0, 2, 0])
    book.save(tmp_path / "weeks.xlsx")
    raw = read_sheet(tmp_path / "weeks.xlsx")
    assert raw.columns[:3] == ["Part No", "cost (EUR)", "lead time (weeks)"] and raw.columns[4] == "2024 week 1"
    assert list(raw.row_numbers) == [3, 4]
    mapping = guess_mapping(raw, "sales")
    assert mapping.source_of("sku") == "Part No" and mapping.period == "week"
    assert sorted(mapping.period_columns.values())[0] == dt.date(2024, 1, 1)
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["SKU", "Name", "Supplier"])
    book.active.append(["A1", "Mug", "Acme"])           # text under a header is data, not more header
    book.save(plain)
    assert list(read_sheet(plain).row_numbers) == [2]
    assert np.asarray(read_sheet(plain).frame.iloc[0]).tolist() == ["A1", "Mug", "Acme"]


MONTHLY = PARTS / "automotive_3000_items_24_months.xls"


@pytest.mark.skipif(not MONTHLY.exists(), reason=f"no real data at {PARTS}")
def test_the_undated_monthly_parts_workbook_asks_for_its_newest_month_then_imports_every_month(tmp_path):
    from python_calamine import CalamineWorkbook

    from core.errors import MappingProblem

    shop = tmp_path / "parts.db"
    with open_shop(shop) as opened:
        with pytest.raises(MappingProblem, match="have no dates") as refused:
            run_import(opened, MONTHLY, "sales")
        assert "--latest-period 2024-06" in refused.value.full_message()
        assert opened.scalar("SELECT count(*) FROM sales") == 0
        report = run_import(opened, MONTHLY, "sales", latest_period="2024-06", today=dt.date(2025, 1, 1))
        stored = {(r[0], r[1]): r[2] for r in opened.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}
    rows = CalamineWorkbook.from_path(str(MONTHLY)).get_sheet_by_name("lumpdatp").to_python()
    header = rows[0]
    expected = {}
    for row in rows[1:]:
        for k, value in enumerate(row[1:], start=1):
            back = 0 if header[k] == "latest" else int(str(header[k]).split("-")[1])
            month = 2024 * 12 + 5 - back                       # June 2024, counted back month by month
            if value not in ("", None) and float(value) != 0:
                expected[(row[0], dt.date(month // 12, month % 12 + 1, 1).isoformat())] = float(value)
    assert stored == expected and len({sku for sku, _ in stored}) == 3000
    assert report.period == "month" and report.sheet == "lumpdatp"
    assert any("'Column A' has no name ShelfWise knows" in n for n in report.notes)
    assert any("'latest' = 2024-06 (by month): 2022-07-01 to 2024-06-01" in n for n in report.notes)


def _shop_with(path: Path, *files: list[tuple[str, str, float]]) -> Path:
    """A shop with one sales import per list of rows (a monthly file, a weekly file, a daily till file)."""
    with open_shop(path) as shop:
        for k, rows in enumerate(files):
            csv = path.with_name(f"sales-{k}.csv")
            csv.write_text("Date,SKU,Qty\n" + "".join(f"{d},{s},{q}\n" for d, s, q in rows), encoding="utf-8")
            run_import(shop, csv, "sales", today=dt.date(2025, 1, 1))
    return path


def test_monthly_and_weekly_totals_are_told_from_daily_sales_with_their_spread_per_period(tmp_path):
    from core.policy.plan import period_spreads

    months = [dt.date(2023 + (m // 12), m % 12 + 1, 1) for m in range(24)]
    monthly = [0, 0, 3, 0, 1, 0, 0, 5, 0, 0, 1, 0, 0, 2, 0, 0, 0, 4, 0, 1, 0, 0, 0, 3]
    weeks = [dt.date(2024, 1, 1) + dt.timedelta(weeks=k) for k in range(30)]
    path = _shop_with(tmp_path / "shop.db",
                      [(d.isoformat(), "PART-M", q) for d, q in zip(months, monthly) if q],
                      [(d.isoformat(), "PART-W", 1 + k % 3) for k, d in enumerate(weeks) if k % 2 == 0],
                      [(f"2024-06-{1 + k:02d}", "DAILY", 2) for k in range(20)] + [("2024-07-01", "DAILY", 1)])
    with open_shop(path, create=False) as shop:
        ids = dict(shop.query("SELECT sku, id FROM products"))
        spreads = period_spreads(shop, dt.date(2024, 12, 31))
        from core.demand.history import sales_units
        from core.forecasting.periods import shop_period

        # the totals run on beside the till's days: another channel, not a sheet the till took over from
        assert not sales_units(shop).mixed and shop_period(shop) == "day"
    m, w = spreads[ids["PART-M"]], spreads[ids["PART-W"]]
    assert ids["DAILY"] not in spreads
    totals = np.array(monthly[2:], dtype=float)                 # from its first sale, March 2023, to December 2024
    assert (m.period, m.periods) == ("month", 22) and m.mean == pytest.approx(totals.mean())
    assert m.dispersion == pytest.approx(totals.var(ddof=1) / totals.mean())
    weekly = np.array([1 + k % 3 if k % 2 == 0 and k < 30 else 0 for k in range(53)], dtype=float)  # to 31 Dec
    assert (w.period, w.periods) == ("week", 53) and w.mean == pytest.approx(weekly.mean())
    assert f"Sales are monthly totals (22 of them, {totals.mean():.2f} a period on average)" in m.said()


def test_a_part_with_one_monthly_total_is_planned_by_month_not_by_day(tmp_path):
    """A gift that sold once in a year of monthly summaries was left out of the monthly reading (two totals were
    needed to tell months from days, before the import's own period was kept) and planned by day: 'expected demand
    over the next 14 days ... 0.0', in days in a shop of months. Its one total and the months around it are a monthly
    history now."""
    from core.policy.plan import period_spreads

    months = [dt.date(2024, m, 1) for m in range(1, 13)]
    path = _shop_with(tmp_path / "shop.db",
                      [(d.isoformat(), "STEADY", 3 + k % 2) for k, d in enumerate(months)] + [("2024-03-01", "ONCE", 1)])
    with open_shop(path, create=False) as shop:
        ids = dict(shop.query("SELECT sku, id FROM products"))
        spreads = period_spreads(shop, dt.date(2024, 12, 31))
    once = spreads[ids["ONCE"]]
    assert (once.period, once.periods) == ("month", 12) and once.mean == pytest.approx(1 / 12)
    assert "Sales are monthly totals (12 of them, 0.08 a period on average)" in once.said()


def test_a_product_not_sold_lately_is_valued_at_the_price_of_its_last_sale(tmp_path):
    """Its price was read from the last 90 days' sales only: a gift that last sold in March had none, so its order
    line was worth 0.00 (outside the budget, the order's value and the holding cost). Now the price of its last sale."""
    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings

    path = tmp_path / "shop.db"
    csv = tmp_path / "sales.csv"
    csv.write_text("Month,SKU,Qty,Revenue\n" + "".join(f"2024-{m:02d},STEADY,{3 + m % 2},{(3 + m % 2) * 2.0}\n"
                                                      for m in range(1, 13)) + "2024-03,ONCE,2,9.00\n", encoding="utf-8")
    with open_shop(path) as shop:
        run_import(shop, csv, "sales", today=dt.date(2025, 1, 1))
        forecast_shop(shop, settings=ForecastSettings(neural=False))
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"
        lines = plan_shop(shop, settings=settings).lines.set_index("sku")
    assert "costed at 70% of its price 4.50" in lines.loc["ONCE", "explanation"]
    assert "Sales are monthly totals" in lines.loc["ONCE", "explanation"]


@pytest.mark.slow
@pytest.mark.skipif(not MONTHLY.exists(), reason=f"no real data at {PARTS}")
def test_slow_parts_of_the_monthly_workbook_get_reorder_points_a_shop_can_act_on(tmp_path):
    """The automotive parts (monthly totals), a one-month lead time, planned from 0 on hand: the parts that sell
    under one a month were given reorder points of 22-39 (median 23) when their totals were read as single days;
    read as monthly totals, a few units."""
    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings

    shop = tmp_path / "parts.db"
    with open_shop(shop) as opened:
        run_import(opened, MONTHLY, "sales", latest_period="2024-06", today=dt.date(2025, 1, 1))
        opened.conn.execute("UPDATE products SET lead_time_days = 30")
        forecast_shop(opened, settings=ForecastSettings(neural=False, statistical_max_products=0))
        settings = load_policy_settings(opened)
        settings.uncounted = "assume-none"
        lines = plan_shop(opened, settings=settings).lines
        per_month = dict(opened.query("SELECT p.sku, sum(s.qty) / 24.0 FROM sales s JOIN products p "
                                      "ON p.id = s.product_id GROUP BY p.sku"))
    slow = lines[lines["sku"].map(per_month).fillna(0) < 1]
    assert len(slow) > 100
    assert slow["reorder_point"].median() <= 6
    assert all("Sales are monthly totals" in text for text in slow["explanation"])
    # the plan speaks in months: a month's delivery and a month until the order after
    assert all("Expected demand over the next 2 months (delivery in 1 month (" in text
               for text in slow["explanation"])


def test_total_columns_beside_the_periods_are_checked_not_read_as_periods(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text("Part,Jan 2024,Feb 2024,Mar 2024,Jan 2025,2024 total,Total\n"
                    "P-1,1,2,3,4,6,10\n"
                    "P-2,0,5,0,1,5,7\n"                      # its Total is wrong: 6, not 7
                    "P-3,2,2,2,0,6,6\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        report = run_import(opened, path, "sales", today=dt.date(2025, 6, 1))
        total = opened.scalar("SELECT sum(qty) FROM sales")
    assert total == 1 + 2 + 3 + 4 + 5 + 1 + 2 + 2 + 2          # the periods only, never the totals
    assert "Column '2024 total' adds up its periods on every row: checked, and not read as a period." in report.notes
    assert "Column 'Total' is not the sum of its periods on row 3: the periods were read; check that row." \
        in report.notes
    assert report.warnings >= 1


def test_a_sheet_of_quarters_is_refused_with_why_and_what_to_do(tmp_path):
    from core.errors import MappingProblem

    path = tmp_path / "quarters.csv"
    path.write_text("Part,Q1 2024,Q2 2024,Q3 2024,Q4 2024\nP-1,3,0,5,2\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        with pytest.raises(MappingProblem, match="'Q1 2024', 'Q2 2024', 'Q3 2024', 'Q4 2024' are quarters") as refused:
            run_import(opened, path, "sales")
        assert "Export the same figures by month" in refused.value.full_message()
        assert opened.scalar("SELECT count(*) FROM sales") == 0


def test_a_part_that_sold_only_lately_is_planned_from_the_whole_sheet_not_from_its_first_sale(tmp_path):
    """A wide sheet stores no zeros: a part that sold 100 in each of the sheet's last two weeks has 48 empty weeks
    before them, and its expected demand per week comes from all 50 (Croston-SBA), not from the last two."""
    from core.policy.plan import period_spreads, sba_rate

    weeks = [(dt.date(2024, 1, 1) + dt.timedelta(weeks=k)).isoformat() for k in range(50)]
    header = "Part," + ",".join(f"{d[:4]}-W{k + 1:02d}" for k, d in enumerate(weeks))
    late = "LATE," + ",".join("100" if k >= 48 else "" for k in range(50))
    steady = "STEADY," + ",".join("2" for _ in range(50))
    path = tmp_path / "weeks.csv"
    path.write_text("\n".join([header, late, steady]) + "\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:
        run_import(opened, path, "sales", today=dt.date(2025, 6, 1))
        ids = dict(opened.query("SELECT sku, id FROM products"))
        spreads = period_spreads(opened, dt.date(2024, 12, 15))
    late_spread = spreads[ids["LATE"]]
    assert late_spread.period == "week" and late_spread.periods == 50
    totals = np.array([100.0 if k >= 48 else 0.0 for k in range(50)])
    assert late_spread.rate == pytest.approx(sba_rate(totals)) and late_spread.rate < 5       # not 95 a week
    assert spreads[ids["STEADY"]].rate == pytest.approx(0.95 * 2.0)                           # SBA's 1 - a/2 of 2


def test_facts_beside_the_periods_fill_what_the_shop_lacks_and_never_overwrite_the_owners(tmp_path):
    from core.importing import undo_import

    path = tmp_path / "monthly-parts.csv"
    path.write_text("Part No,Description,Supplier,Lead time (weeks),Unit cost,Min. order,Jan 2024,Feb 2024,Mar 2024\n"
                    "P-1,Brake pad,Acme Parts,2,4.00,,1,0,2\n"
                    "P-2,Oil filter,Acme Parts,3,1.50,6,0,3,1\n"
                    "P-3,Wiper,Borg Ltd,1,2.25,10,1,1,1\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    with open_shop(shop) as opened:                 # the owner's own cost for P-1; P-2 known by code only
        opened.conn.execute("INSERT INTO products(sku, name, unit_cost, lead_time_days) VALUES ('P-1', 'Pads', 3.0, 5)")
        opened.conn.execute("INSERT INTO products(sku) VALUES ('P-2')")
        opened.conn.commit()
        report = run_import(opened, path, "sales", today=dt.date(2024, 6, 1))
        products = {r[0]: tuple(r[1:]) for r in opened.query(
            "SELECT p.sku, p.name, p.unit_cost, p.lead_time_days, s.name, p.min_order_qty FROM products p "
            "LEFT JOIN suppliers s ON s.id = p.supplier_id ORDER BY p.sku")}
    assert products["P-1"] == ("Pads", 3.0, 5, "Acme Parts", 0)        # the owner's name, cost, lead time kept
    assert products["P-2"] == ("Oil filter", 1.5, 21, "Acme Parts", 6)  # blanks filled (3 weeks = 21 days)
    assert products["P-3"] == ("Wiper", 2.25, 7, "Borg Ltd", 10)       # a new product as before
    text = "\n".join(report.summary_lines())
    assert "Products the shop already had were given the names (1), costs (1), lead times (1), minimum orders (1), suppliers (2)" in text
    assert "the shop's own costs, lead times were kept: the sheet says otherwise for some (costs: 1, lead times: 1)" \
        in text
    with open_shop(shop) as opened:                 # undoing the import puts the products back as they were
        undo_import(opened, report.import_id)
        again = {r[0]: tuple(r[1:]) for r in opened.query(
            "SELECT sku, name, unit_cost, lead_time_days, supplier_id FROM products ORDER BY sku")}
    assert again == {"P-1": ("Pads", 3.0, 5, None), "P-2": (None, None, None, None)}


def test_the_spread_over_a_long_lead_time_is_read_from_sums_of_that_many_periods():
    """Demand that runs high or low for months together is more uncertain over 17 weeks than 17 single weeks say;
    demand that does not (independent weeks) is not."""
    from core.policy.plan import spread_from_totals

    rng = np.random.default_rng(1)
    level = np.repeat(rng.choice([1.0, 10.0], 12), 12)           # 144 weeks in runs of 12 at 1 or 10 a week
    runs = spread_from_totals(rng.poisson(level), "week")
    steady = spread_from_totals(rng.poisson(5.0, 144), "week")
    assert runs.dispersion_over(17 * 7) > 3 * runs.dispersion     # sums of 17 weeks vary far more
    assert steady.dispersion_over(17 * 7) < 2.5                    # Poisson weeks stay about Poisson
    assert steady.dispersion_over(7) == steady.dispersion          # one period: the one-period spread


def test_the_spread_over_a_lead_time_counts_the_forecasts_own_error():
    """A part whose level wanders is planned from its recent average, which lags: the spread of a 17-week sum is
    read from how far such sums fell from the average of the weeks before them, so the 95% point of the sum from
    that average covers the next 17 weeks more often than the spread of the sums around the history's mean does."""
    from scipy import stats

    from core.policy.plan import spread_from_totals

    rng = np.random.default_rng(7)
    covered, covered_before = [], []
    for _ in range(400):
        level = np.exp(np.cumsum(rng.normal(0, 0.08, 144)) + np.log(rng.uniform(1, 8)))
        weeks = rng.poisson(level).astype(float)
        past, future = weeks[:127], weeks[127:]
        spread = spread_from_totals(past, "week")
        mean = 17 * past[-52:].mean()
        sums = np.convolve(past, np.ones(17), "valid")
        for dispersion, hits in ((spread.dispersion_over(17 * 7), covered),
                                 (max(sums.var(ddof=1) / sums.mean(), spread.dispersion), covered_before)):
            point = stats.nbinom.ppf(0.95, mean / (dispersion - 1), 1 / dispersion) if dispersion > 1 \
                else stats.poisson.ppf(0.95, mean)
            hits.append(future.sum() <= point)
    assert np.mean(covered) >= np.mean(covered_before) + 0.02
    assert np.mean(covered) >= 0.85


def test_spreads_read_from_few_periods_are_steadied_by_the_shops_and_long_histories_keep_theirs():
    """600 parts whose true spread (variance / mean of a 2-month sum) follows their rate: read from 18 months each
    spread scatters; drawn towards the shop's line it is closer to the truth, on the same level on average. Read
    from 150 weeks it hardly moves; a shop of a few parts keeps its own."""
    from core.policy.plan import POOL_MIN_PRODUCTS, pool_dispersions, spread_from_totals

    rng = np.random.default_rng(3)
    n = 600
    rate = np.exp(rng.uniform(np.log(1.0), np.log(30), n))          # units a month
    true = 1.0 + 0.8 * rate ** 0.5 * np.exp(rng.normal(0, 0.25, n))  # variance / mean of a month
    own, pooled_from = {}, {}
    for periods in (18, 150):
        # negative binomial months with that mean and variance / mean
        p = 1.0 / true[:, None]
        months = rng.negative_binomial(rate[:, None] * p / (1 - p), p, size=(n, periods)).astype(float)
        spreads = [spread_from_totals(row, "month") for row in months]
        own[periods] = np.array([s.dispersion_over(61) for s in spreads])
        pooled_from[periods] = pool_dispersions(own[periods], rate, np.full(n, periods))
    short, steadied = own[18], pooled_from[18]
    truth2 = true       # the 2-month sum of independent months has the same variance / mean
    error_own = np.mean(np.log(short / truth2) ** 2)
    error_pooled = np.mean(np.log(steadied / truth2) ** 2)
    assert error_pooled < 0.8 * error_own
    assert 0.9 < steadied.mean() / short.mean() < 1.1                  # the level kept
    assert np.all(steadied >= 1.0)
    assert np.median(np.abs(pooled_from[150] / own[150] - 1)) < 0.05   # long histories keep their own
    few = own[18][:POOL_MIN_PRODUCTS - 1]
    assert np.array_equal(pool_dispersions(few, rate[:len(few)], np.full(len(few), 18)), few)
    # a part without a rate (nothing expected) keeps its spread
    assert pool_dispersions(own[18], np.where(np.arange(n) == 5, 0.0, rate), np.full(n, 18))[5] == own[18][5]


def test_a_period_parts_explanation_says_in_units_where_one_period_holds_most_of_its_sales():
    """The weekly parts workbook: a part that sold 240 once and 2 since had a reorder point of 100, explained by a
    'variance 12489.9 times the mean'; the explanation now says the lump in units. A part that sold once says its
    only sale; a part that sells steadily says neither."""
    from core.policy.plan import spread_from_totals

    lumpy = np.zeros(148)
    lumpy[[10, 110]] = [240, 2]
    said = spread_from_totals(lumpy, "week").said()
    assert "Its sales come in lumps: 240 of its 242 units in a single week" in said
    once = np.zeros(24)
    once[5] = 10
    assert "Its only sale was 10 units in a single month." in spread_from_totals(once, "month").said()
    steady = np.random.default_rng(2).poisson(3.0, 52).astype(float)
    assert "lump" not in spread_from_totals(steady, "week").said() and "only sale" not in \
        spread_from_totals(steady, "week").said()
