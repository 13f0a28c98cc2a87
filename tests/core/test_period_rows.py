"""Weekly and monthly totals in rows (Month | Item | Qty sold), as an accounts package or a till's period report
writes them: the period column is found by its name, each row's period read from what it says ('Jan-24' is not
24 January), its total stored on the period's first day, and the shop forecast and planned in that period."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from core.errors import UserError
from core.importing import guess_mapping, read_sheet, run_import
from core.store import open_shop

SKUS = [f"P{i:02d}" for i in range(12)]
MONTHS = pd.period_range("2023-01", "2024-12", freq="M")
WEEKS = pd.date_range("2024-01-01", periods=30, freq="W-MON")     # Mondays


def _units(periods: int) -> np.ndarray:
    return np.random.default_rng(5).poisson(3, (periods, len(SKUS)))


def _monthly(path, column, labels, **extra) -> np.ndarray:
    units = _units(len(labels))
    frame = pd.DataFrame({**{k: np.repeat(v, len(SKUS)) for k, v in extra.items()},
                          column: np.repeat(labels, len(SKUS)), "Item": SKUS * len(labels), "Qty sold": units.ravel()})
    if str(path).endswith(".xlsx"):
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
    return units


def _stored(shop) -> dict[tuple[str, str], float]:
    return {(r[0], r[1]): r[2] for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}


def _expected(units: np.ndarray, firsts: list[dt.date]) -> dict[tuple[str, str], float]:
    return {(sku, day.isoformat()): float(units[k, j]) for k, day in enumerate(firsts)
            for j, sku in enumerate(SKUS) if units[k, j] > 0}


@pytest.mark.parametrize("column, labels", [
    ("Month", [m.strftime("%b-%y") for m in MONTHS]),                 # Jan-23: a day parser would read 23 January
    ("Month", [m.strftime("%B %Y") for m in MONTHS]),
    ("Month", [m.strftime("%Y-%m") for m in MONTHS]),
    ("Month", [m.strftime("%m/%Y") for m in MONTHS]),
    ("Month ending", [m.end_time.strftime("%d/%m/%Y") for m in MONTHS]),
    ("Sales month", [m.strftime("%Y-%m") for m in MONTHS]),           # 'sales' in its name: not the quantity
    ("月份", [f"{m.year}年{m.month}月" for m in MONTHS]),
    ("Date", [m.strftime("%Y-M%m") for m in MONTHS]),          # a day parser read 2024-M02 as 1 January, 00:02
    ("Period", [m.strftime("M%m-%Y") for m in MONTHS]),
    ("Date", [m.strftime("%b.%y") for m in MONTHS]),
    ("Period", [f"{m.start_time:%Y-%m-%d} to {m.end_time:%Y-%m-%d}" for m in MONTHS]),     # first and last day
    ("Date", [f"{m.start_time:%d.%m.%Y}-{m.end_time:%d.%m.%Y}" for m in MONTHS]),
    ("Month", [m.strftime("%y-%b") for m in MONTHS]),          # Excel's yy-mmm: '24-Jan' is January 2024
])
def test_a_monthly_report_in_rows_is_stored_month_by_month(tmp_path, column, labels):
    path = tmp_path / "monthly.csv"
    units = _monthly(path, column, labels)
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert mapping.layout == "long" and mapping.source_of("date") == column
    assert mapping.source_of("qty") == "Qty sold"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.period == "month"
        assert _stored(shop) == _expected(units, [m.start_time.date() for m in MONTHS])
    assert any("read as each row's month" in note for note in report.notes)
    assert not any("daily totals" in note for note in report.notes)


def test_month_numbers_take_their_year_from_a_year_column_and_excel_dates_their_month(tmp_path):
    path = tmp_path / "numbers.xlsx"
    units = _monthly(path, "Month", [m.month for m in MONTHS], Year=[m.year for m in MONTHS])
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and _stored(shop) == _expected(units, [m.start_time.date() for m in MONTHS])
    assert any("with the year from 'Year'" in note for note in report.notes)
    dated = tmp_path / "dated.xlsx"       # real date cells in the 15th of each month: the month's first day
    units = _monthly(dated, "Month", [m.start_time.to_pydatetime() + dt.timedelta(days=14) for m in MONTHS])
    with open_shop(tmp_path / "dated.db") as shop:
        run_import(shop, dated, "sales", today=dt.date(2025, 3, 1))
        assert _stored(shop) == _expected(units, [m.start_time.date() for m in MONTHS])


@pytest.mark.parametrize("column, labels, extra", [
    ("Week", [f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in WEEKS], {}),
    ("Week", [f"Week {d.isocalendar()[1]} {d.isocalendar()[0]}" for d in WEEKS], {}),
    ("Week", [d.isocalendar()[1] for d in WEEKS], {"Year": [d.isocalendar()[0] for d in WEEKS]}),
    ("Week", [f"{d.isocalendar()[0]}/{d.isocalendar()[1]:02d}" for d in WEEKS], {}),      # week 5, not May
    ("Week", [f"{d.isocalendar()[1]}/{d.isocalendar()[0]}" for d in WEEKS], {}),          # 5/2024: week 5, not May
    ("Date", [f"W{d.isocalendar()[1]:02d} {d.isocalendar()[0]}" for d in WEEKS], {}),      # any column name
    ("Period", [f"{d.isocalendar()[0]} Wk {d.isocalendar()[1]:02d}" for d in WEEKS], {}),
    ("周", [f"{d.isocalendar()[0]}年第{d.isocalendar()[1]}周" for d in WEEKS], {}),
    ("Week commencing", [d.strftime("%d/%m/%Y") for d in WEEKS], {}),
    ("Week ending", [(d + dt.timedelta(days=6)).strftime("%d/%m/%Y") for d in WEEKS], {}),   # the Sunday after
    # a week as its first and last day (a web shop's report; '- 2024' was read as an offset from UTC: a traceback)
    ("Week", [f"{d:%Y-%m-%d} - {d + dt.timedelta(days=6):%Y-%m-%d}" for d in WEEKS], {}),
    ("Period", [f"{d:%d/%m/%Y} - {d + dt.timedelta(days=6):%d/%m/%Y}" for d in WEEKS], {}),
    ("Date", [f"{d:%b} {d.day} - {d + dt.timedelta(days=6):%b} {(d + dt.timedelta(days=6)).day}, "
              f"{(d + dt.timedelta(days=6)).year}" for d in WEEKS], {}),
])
def test_a_weekly_report_in_rows_is_stored_on_each_weeks_first_day(tmp_path, column, labels, extra):
    path = tmp_path / "weekly.csv"
    units = _monthly(path, column, labels, **extra)
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.period == "week"
        assert _stored(shop) == _expected(units, [d.date() for d in WEEKS])
    assert any("weekly totals" in note for note in report.notes)


def test_a_month_column_of_quarters_is_refused_with_why(tmp_path):
    path = tmp_path / "quarters.csv"
    path.write_text("Month,Item,Qty\nQ1 2024,A1,3\nQ2 2024,A1,2\nQ3 2024,A1,5\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        with pytest.raises(UserError, match="'Month' holds quarters") as refused:
            run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert "by month" in refused.value.hint and shop.scalar("SELECT count(*) FROM sales") == 0


def test_a_day_column_beside_the_month_is_the_date_and_week_numbers_without_a_year_are_refused(tmp_path):
    both = tmp_path / "both.csv"
    frame = pd.DataFrame({"Month": ["Jan-24", "Jan-24"], "Date": ["2024-01-05", "2024-01-20"], "SKU": ["A", "A"],
                          "Qty": [2, 3]})
    frame.to_csv(both, index=False)
    mapping = guess_mapping(read_sheet(both, kind="sales"), "sales")
    assert mapping.source_of("date") == "Date" and mapping.columns["Month"] == ""
    bare = tmp_path / "bare.csv"
    _monthly(bare, "Week", [d.isocalendar()[1] for d in WEEKS])
    with open_shop(tmp_path / "shop.db") as shop:
        with pytest.raises(UserError) as refused:
            run_import(shop, bare, "sales", today=dt.date(2025, 3, 1))
        assert shop.scalar("SELECT count(*) FROM sales") == 0
    assert "week numbers (1 to 53) with no year" in str(refused.value) and "Year" in refused.value.hint


def test_a_monthly_report_in_rows_is_forecast_and_planned_by_month(tmp_path):
    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings

    path = tmp_path / "monthly.csv"
    units = _monthly(path, "Month", [m.strftime("%b-%y") for m in MONTHS])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        shop.conn.execute("UPDATE products SET lead_time_days = 30")
        result = forecast_shop(shop, horizon=3, settings=ForecastSettings(neural=False, statistical_max_products=0))
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"
        lines = plan_shop(shop, settings=settings).lines
    assert result.mean.shape == (len(SKUS), 3)
    # about 3 a month over a month's delivery and a month until the order after: expected demand about 6 and
    # reorder points a little above it, never the dozens a month's total read as one day's sale gave
    assert all("Sales are monthly totals" in text for text in lines["explanation"])
    assert lines["demand_over_lead_time"].between(0.5 * 2 * units.mean(), 1.5 * 2 * units.mean()).all()
    assert lines["reorder_point"].between(2, 15).all()


# ---------------------------------------------------------------- grids whose period headers are written otherwise

def _grid(path, headers) -> np.ndarray:
    units = np.random.default_rng(9).poisson(3, (len(SKUS), len(headers)))
    frame = pd.DataFrame(units, columns=headers)
    frame.insert(0, "SKU", SKUS)
    frame.to_csv(path, index=False)
    return units


def _grid_expected(units: np.ndarray, firsts: list[dt.date]) -> dict[tuple[str, str], float]:
    return _expected(units.T, firsts)


MONDAYS = [d.date() for d in WEEKS[:10]]


@pytest.mark.parametrize("headers, firsts", [
    ([f"W/E {(d + dt.timedelta(days=6)).strftime('%d/%m/%Y')}" for d in MONDAYS], MONDAYS),    # week ending Sunday
    ([f"Week ending {(d + dt.timedelta(days=6)).strftime('%d %b %Y')}" for d in MONDAYS], MONDAYS),
    ([f"WC {d.strftime('%d/%m/%y')}" for d in MONDAYS], MONDAYS),                               # week commencing
    ([m.strftime("%Y%m") for m in MONTHS[:8]], [m.start_time.date() for m in MONTHS[:8]]),
    ([m.strftime("%m-%Y") for m in MONTHS[:8]], [m.start_time.date() for m in MONTHS[:8]]),
])
def test_grids_of_weeks_ending_or_commencing_and_of_numeric_months_are_read_by_their_headers(tmp_path, headers,
                                                                                             firsts):
    path = tmp_path / "grid.csv"
    units = _grid(path, headers)
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.layout == "wide"
        assert report.period == ("week" if len(firsts) == 10 else "month")
        assert _stored(shop) == _grid_expected(units, firsts)


def test_month_names_without_a_year_ask_for_the_year_and_take_it(tmp_path):
    path = tmp_path / "this year.csv"
    names = ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun"]   # a trading year
    units = _grid(path, names)
    with open_shop(tmp_path / "shop.db") as shop:
        with pytest.raises(UserError) as asked:
            run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert "12 month columns ('Jul' to 'Jun') have no year" in str(asked.value)
        assert "--latest-period" in asked.value.hint
        with pytest.raises(UserError) as wrong:                  # June is not in March
            run_import(shop, path, "sales", latest_period="2024-03", today=dt.date(2025, 3, 1))
        assert "'Jun' does not fall in 2024-03" in str(wrong.value)
        assert shop.scalar("SELECT count(*) FROM sales") == 0
        report = run_import(shop, path, "sales", latest_period="2024", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.period == "month"
        firsts = [m.start_time.date() for m in pd.period_range("2023-07", "2024-06", freq="M")]
        assert _stored(shop) == _grid_expected(units, firsts)


def test_week_numbers_without_a_year_take_the_year_of_the_newest(tmp_path):
    path = tmp_path / "weeks.csv"
    units = _grid(path, [f"Week {k}" for k in range(1, 11)])
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", latest_period="2024", today=dt.date(2025, 3, 1))
        assert report.period == "week"
        assert _stored(shop) == _grid_expected(units, MONDAYS)      # 2024 week 1 is Monday 1 January


# ---------------------------------------------------------------- a quantity and a value per period

def test_sales_by_product_and_month_with_a_quantity_and_an_amount_per_month_reads_the_quantities(tmp_path):
    """An accounts package's 'sales by product/service' by month: 'Jan 2024 Qty', 'Jan 2024 Amount' ... 'Total Qty',
    'Total Amount', as a flat header, and as a workbook with the months merged over each Qty | Amount pair above the
    header row and a TOTAL row at the foot."""
    import openpyxl

    months = pd.period_range("2024-01", "2024-06", freq="M")
    units = np.random.default_rng(11).poisson(3, (len(SKUS), len(months)))
    flat = pd.DataFrame({"Product/Service": SKUS})
    for k, month in enumerate(months):
        flat[f"{month.strftime('%b %Y')} Qty"] = units[:, k]
        flat[f"{month.strftime('%b %Y')} Amount"] = units[:, k] * 4.5
    flat["Total Qty"] = units.sum(axis=1)
    flat["Total Amount"] = units.sum(axis=1) * 4.5
    flat.to_csv(tmp_path / "flat.csv", index=False)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(1, 1, "Sales by Product/Service Summary")
    sheet.cell(2, 1, "January - June, 2024")
    for k, month in enumerate(months):
        sheet.cell(4, 2 + 2 * k, month.strftime("%b %Y"))
        sheet.merge_cells(start_row=4, start_column=2 + 2 * k, end_row=4, end_column=3 + 2 * k)
    sheet.cell(4, 2 + 2 * len(months), "Total")
    for c, name in enumerate(["Product/Service"] + ["Qty", "Amount"] * (len(months) + 1), start=1):
        sheet.cell(5, c, name)
    for i, sku in enumerate(SKUS):
        sheet.cell(6 + i, 1, sku)
        for k in range(len(months)):
            sheet.cell(6 + i, 2 + 2 * k, int(units[i, k]))
            sheet.cell(6 + i, 3 + 2 * k, float(units[i, k] * 4.5))
        sheet.cell(6 + i, 2 + 2 * len(months), int(units[i].sum()))
        sheet.cell(6 + i, 3 + 2 * len(months), float(units[i].sum() * 4.5))
    sheet.cell(6 + len(SKUS), 1, "TOTAL")
    for k in range(len(months)):
        sheet.cell(6 + len(SKUS), 2 + 2 * k, int(units[:, k].sum()))
    book.save(tmp_path / "summary.xlsx")

    firsts = [m.start_time.date() for m in months]
    for name in ("flat.csv", "summary.xlsx"):
        mapping = guess_mapping(read_sheet(tmp_path / name, kind="sales"), "sales")
        assert mapping.layout == "wide" and mapping.period == "month" and len(mapping.period_columns) == 6
        assert mapping.totals == ["Total Qty"]                      # checked against the months; the amount is not
        with open_shop(tmp_path / f"{name}.db") as shop:
            report = run_import(shop, tmp_path / name, "sales", today=dt.date(2025, 3, 1))
            assert report.rejected == 0
            assert _stored(shop) == _grid_expected(units, firsts)
        assert any("6 columns carry other figures of the same periods ('Jan 2024 Amount'" in n for n in report.notes)


def test_the_real_monthly_parts_in_rows_make_the_same_shop_as_the_workbook_and_the_same_plan(tmp_path):
    """The automotive parts workbook (../shared/data/spare-parts, 3,000 parts x 24 months) written out as an
    accounts package's report in rows (Month | Item | Qty sold, 'Jun-24'), and as a period-end export (Period end:
    2024-06-30), makes the same sales, forecast and plan as the workbook itself."""
    from pathlib import Path

    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings

    workbook = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "spare-parts" / \
        "automotive_3000_items_24_months.xls"
    if not workbook.exists():
        pytest.skip(f"no real data at {workbook.parent}")

    def planned(shop):
        shop.conn.execute("UPDATE products SET lead_time_days = 30")
        forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0))
        settings = load_policy_settings(shop)
        settings.uncounted = "assume-none"
        return plan_shop(shop, settings=settings).lines.set_index("sku")[["reorder_point", "order_qty"]]

    with open_shop(tmp_path / "grid.db") as shop:
        run_import(shop, workbook, "sales", latest_period="2024-06", today=dt.date(2025, 1, 1))
        grid = _stored(shop)
        grid_plan = planned(shop)
    rows = pd.DataFrame([(pd.Timestamp(day).strftime("%b-%y"), sku, qty) for (sku, day), qty in grid.items()],
                        columns=["Month", "Item", "Qty sold"])
    rows.to_csv(tmp_path / "report.csv", index=False)
    with open_shop(tmp_path / "rows.db") as shop:
        report = run_import(shop, tmp_path / "report.csv", "sales", today=dt.date(2025, 1, 1))
        assert report.period == "month" and report.rejected == 0
        assert _stored(shop) == grid
        rows_plan = planned(shop)
    assert len(grid_plan) == 3000
    pd.testing.assert_frame_equal(rows_plan.loc[grid_plan.index], grid_plan)
    # the same report as a period-end export: each month's total dated on its last day, in a 'Period end' column
    ends = pd.DataFrame([((pd.Timestamp(day) + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d"), sku, qty)
                         for (sku, day), qty in grid.items()], columns=["Period end", "Item", "Qty sold"])
    ends.to_csv(tmp_path / "ends.csv", index=False)
    with open_shop(tmp_path / "ends.db") as shop:
        report = run_import(shop, tmp_path / "ends.csv", "sales", today=dt.date(2025, 1, 1))
        assert report.period == "month" and report.rejected == 0 and report.imported == len(grid)
        ends_plan = planned(shop)
    pd.testing.assert_frame_equal(ends_plan.loc[grid_plan.index], grid_plan)


# ---------------------------------------------------------------- stock by period

def test_a_monthly_report_with_closing_stock_gives_the_sales_by_month_and_the_counts_at_each_months_close(
        tmp_path):
    """Month | Item | Qty sold | Closing stock: as sales the months' totals (and a word that the stock is not read
    by a sales import); as a stock count each month's closing stock on the month's last day, what sold never taken
    for what is on hand, and the current month's as today's count."""
    path = tmp_path / "report.csv"
    path.write_text("Month,Item,Qty sold,Closing stock\n"
                    "Jan-24,P1,4,10\nFeb-24,P1,3,7\nMar-24,P1,5,12\n"
                    "Jan-24,P2,1,3\nFeb-24,P2,0,3\nMar-24,P2,2,1\n"
                    "Dec-26,P1,2,9\n", encoding="utf-8")
    today = dt.date(2026, 12, 7)
    with open_shop(tmp_path / "shop.db") as shop:
        sales = run_import(shop, path, "sales", today=today)
        assert any("'Closing stock' looks like stock on hand" in note for note in sales.notes)
        mapping = guess_mapping(read_sheet(path, kind="stock"), "stock")
        assert mapping.source_of("qty") == "Closing stock" and mapping.source_of("date") == "Month"
        stock = run_import(shop, path, "stock", today=today)
        assert stock.rejected == 0
        counts = {(r[0], r[1]): r[2] for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM stock_snapshots s JOIN products p ON p.id = s.product_id")}
    assert counts == {("P1", "2024-01-31"): 10, ("P1", "2024-02-29"): 7, ("P1", "2024-03-31"): 12,
                      ("P2", "2024-01-31"): 3, ("P2", "2024-02-29"): 3, ("P2", "2024-03-31"): 1,
                      ("P1", "2026-12-07"): 9}
    assert any("count at the month's close" in note for note in stock.notes)
    opening = tmp_path / "opening.csv"
    opening.write_text("Week commencing,SKU,Opening stock\n01/01/2024,P1,5\n08/01/2024,P1,4\n", encoding="utf-8")
    with open_shop(tmp_path / "weeks.db") as shop:
        run_import(shop, opening, "stock", today=today)
        assert [tuple(r) for r in shop.query("SELECT date, qty FROM stock_snapshots ORDER BY date")] == \
            [("2024-01-01", 5.0), ("2024-01-08", 4.0)]


def test_years_above_month_names_date_every_month_in_a_workbook_and_a_csv(tmp_path):
    """'2023' over Jan .. Dec and '2024' over Jan .. Dec (merged in the workbook, written once in the CSV), and
    the same months with no year row at all (the year of the last asked, the months counted back across years)."""
    import openpyxl

    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    units = np.random.default_rng(13).poisson(3, (len(SKUS), 24))
    book = openpyxl.Workbook()
    sheet = book.active
    for y, year in enumerate((2023, 2024)):
        sheet.cell(1, 2 + 12 * y, year)
        sheet.merge_cells(start_row=1, start_column=2 + 12 * y, end_row=1, end_column=13 + 12 * y)
    sheet.cell(2, 1, "SKU")
    for k in range(24):
        sheet.cell(2, 2 + k, names[k % 12])
    for i, sku in enumerate(SKUS):
        sheet.cell(3 + i, 1, sku)
        for k in range(24):
            sheet.cell(3 + i, 2 + k, int(units[i, k]))
    book.save(tmp_path / "years.xlsx")
    grid = ["SKU," + ",".join(names * 2)] + [f"{sku}," + ",".join(map(str, units[i])) for i, sku in enumerate(SKUS)]
    (tmp_path / "years.csv").write_text(",2023" + "," * 12 + "2024" + "," * 11 + "\n" + "\n".join(grid) + "\n",
                                        encoding="utf-8")
    (tmp_path / "no years.csv").write_text("\n".join(grid) + "\n", encoding="utf-8")
    firsts = [m.start_time.date() for m in MONTHS]                   # 2023-01 .. 2024-12
    for name, latest in (("years.xlsx", None), ("years.csv", None), ("no years.csv", "2024")):
        with open_shop(tmp_path / f"{name}.db") as shop:
            report = run_import(shop, tmp_path / name, "sales", latest_period=latest, today=dt.date(2025, 3, 1))
            assert report.rejected == 0 and report.period == "month"
            assert _stored(shop) == _grid_expected(units, firsts), name
    with open_shop(tmp_path / "asked.db") as shop:
        with pytest.raises(UserError, match=r"24 month columns \('Jan' to 'Dec \(2\)'\) have no year"):
            run_import(shop, tmp_path / "no years.csv", "sales", today=dt.date(2025, 3, 1))


def test_months_over_quantity_and_amount_in_a_csv_are_read_by_the_quantities(tmp_path):
    path = tmp_path / "summary.csv"
    path.write_text(",Jan 2024,,Feb 2024,,Mar 2024,,Total,\n"
                    "Product/Service,Qty,Amount,Qty,Amount,Qty,Amount,Qty,Amount\n"
                    "A1,1,4.5,2,9,3,13.5,6,27\nB2,0,0,1,4.5,1,4.5,2,9\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.warnings == 0
        assert _stored(shop) == {("A1", "2024-01-01"): 1, ("A1", "2024-02-01"): 2, ("A1", "2024-03-01"): 3,
                                 ("B2", "2024-02-01"): 1, ("B2", "2024-03-01"): 1}


def test_a_reports_closing_total_row_without_a_month_is_set_aside_not_rejected(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("Month,Item,Qty\nJan-24,A1,3\nFeb-24,A1,2\n,Total,5\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.counts["totals"] == 1 and report.period == "month"
        assert _stored(shop) == {("A1", "2024-01-01"): 3, ("A1", "2024-02-01"): 2}


def test_a_year_over_a_grid_of_month_names_dates_the_months_and_leaves_the_code_column_alone(tmp_path):
    path = tmp_path / "2024.csv"
    path.write_text("2024,,,\nSKU,Jan,Feb,Mar\nA1,1,2,3\nB2,4,5,6\n", encoding="utf-8")
    raw = read_sheet(path, kind="sales")
    assert raw.columns == ["SKU", "2024 Jan", "2024 Feb", "2024 Mar"]
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert _stored(shop) == {("A1", "2024-01-01"): 1, ("A1", "2024-02-01"): 2, ("A1", "2024-03-01"): 3,
                                 ("B2", "2024-01-01"): 4, ("B2", "2024-02-01"): 5, ("B2", "2024-03-01"): 6}


def test_a_week_or_month_not_over_yet_is_set_aside_until_it_has_ended_then_imported_whole(tmp_path):
    """A monthly report taken on 7 December counts only December's first days: stored, that part-month would stay
    (the same product and month imported again later is already in the shop) and look like a slump. Set aside and
    said, in rows and in a grid; imported whole from the report taken after the month has ended."""
    rows = tmp_path / "report.csv"
    rows.write_text("Month,Item,Qty\nOct-26,A1,30\nNov-26,A1,28\nDec-26,A1,6\n", encoding="utf-8")
    grid = tmp_path / "grid.csv"
    grid.write_text("SKU,W/E 22/11/2026,W/E 29/11/2026,W/E 06/12/2026\nA1,5,6,7\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, rows, "sales", today=dt.date(2026, 12, 7))
        assert report.counts["not_over"] == 1 and report.rejected == 0
        assert any("the month is not over yet (today is 2026-12-07)" in p.message for p in report.problems)
        assert _stored(shop) == {("A1", "2026-10-01"): 30, ("A1", "2026-11-01"): 28}
        rows.write_text("Month,Item,Qty\nNov-26,A1,28\nDec-26,A1,31\n", encoding="utf-8")
        later = run_import(shop, rows, "sales", today=dt.date(2027, 1, 3))
        assert later.counts.get("not_over", 0) == 0 and later.counts["already_in_shop"] == 1
        assert _stored(shop)[("A1", "2026-12-01")] == 31
    with open_shop(tmp_path / "weeks.db") as shop:
        report = run_import(shop, grid, "sales", today=dt.date(2026, 12, 6))     # a Sunday: its week not over
        assert report.counts["not_over"] == 1 and report.rejected == 0
        assert sorted(_stored(shop)) == [("A1", "2026-11-16"), ("A1", "2026-11-23")]


def test_a_corrected_report_says_which_figures_differ_from_the_shops_and_how_to_take_them(tmp_path):
    """A week imported again with another total (a corrected report): the shop keeps what it holds, the report says
    how many lines differ, the first of them, and that undoing the earlier import takes this file's figures."""
    from core.importing.commit import undo_import

    first = tmp_path / "first.csv"
    first.write_text("Week ending,SKU,Units\n07/01/2024,A1,3\n14/01/2024,A1,4\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("Week ending,SKU,Units\n07/01/2024,A1,3\n14/01/2024,A1,5\n21/01/2024,A1,6\n",
                      encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        earlier = run_import(shop, first, "sales", today=dt.date(2025, 3, 1))
        assert not any("other quantities" in note for note in earlier.notes)
        report = run_import(shop, second, "sales", today=dt.date(2025, 3, 1))
        assert report.counts["already_in_shop"] == 2
        assert any(note.startswith("1 of the lines already in the shop have other quantities in this file (the "
                                   "first: A1 on 2024-01-08)") for note in report.notes)
        assert _stored(shop)[("A1", "2024-01-08")] == 4
        undo_import(shop, earlier.import_id)                 # as the report says: undo the earlier one...
        run_import(shop, second, "sales", today=dt.date(2025, 3, 1))       # ... and import this file again
        assert _stored(shop) == {("A1", "2024-01-01"): 3, ("A1", "2024-01-08"): 5, ("A1", "2024-01-15"): 6}


def test_a_date_column_of_any_name_that_holds_months_is_read_as_months(tmp_path):
    """The owner maps a column named 'When' (no period word) whose cells are 'Jan-24': months, not 24 January."""
    path = tmp_path / "when.csv"
    path.write_text("When,Item,Qty\nJan-24,A1,3\nFeb-24,A1,2\nMar-24,A1,1\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", overrides={"When": "date"}, today=dt.date(2025, 3, 1))
        assert report.period == "month" and report.rejected == 0
        assert _stored(shop) == {("A1", "2024-01-01"): 3, ("A1", "2024-02-01"): 2, ("A1", "2024-03-01"): 1}
    days = tmp_path / "days.csv"                      # real days stay days
    days.write_text("When,Item,Qty\n2024-01-05,A1,3\n2024-01-06,A1,2\n", encoding="utf-8")
    with open_shop(tmp_path / "days.db") as shop:
        report = run_import(shop, days, "sales", overrides={"When": "date"}, today=dt.date(2025, 3, 1))
        assert report.period == "day" and sorted(_stored(shop)) == [("A1", "2024-01-05"), ("A1", "2024-01-06")]


def test_an_accounts_summary_exported_as_csv_with_its_titles_total_and_footer_makes_only_its_products(tmp_path):
    """As an accounting package writes 'Sales by Product/Service Summary' to CSV: title lines, the months over Qty |
    Amount pairs, the product names in an unnamed first column, a TOTAL row and a footer line whose commas split it
    over the period columns. Three products and their quantities; the footer is neither a product nor a rejection."""
    path = tmp_path / "summary.csv"
    path.write_text("Sales by Product/Service Summary\nCraft Supplies Ltd\nJanuary - March 2024\n\n"
                    ",Jan 2024,,Feb 2024,,Mar 2024,,Total,\n,Qty,Amount,Qty,Amount,Qty,Amount,Qty,Amount\n"
                    "Yarn Blue,4,18.00,6,27.00,5,22.50,15,67.50\nYarn Red,1,4.50,0,0.00,2,9.00,3,13.50\n"
                    "Needles 4mm,10,25.00,8,20.00,12,30.00,30,75.00\nTOTAL,15,47.50,14,47.00,19,61.50,48,156.00\n\n\n"
                    "Cash Basis Monday, April 8, 2024 09:15 AM GMT-05:00\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 3, 1))
        assert report.rejected == 0 and report.counts["no_figures"] == 1 and report.counts["totals"] == 1
        assert sorted(r[0] for r in shop.query("SELECT sku FROM products")) == ["Needles 4mm", "Yarn Blue", "Yarn Red"]
        stored = _stored(shop)
    assert sum(stored.values()) == 48 and stored[("Needles 4mm", "2024-03-01")] == 12


# ---------------------------------------------------------------- dates that show the period (no period word)

def test_monthly_totals_dated_on_each_months_last_day_are_a_monthly_shop_as_on_its_first(tmp_path):
    """A period-end export (Date: 2023-01-31, 2023-02-28, 2024-02-29 ...) is monthly totals, as the same rows dated
    on each month's 1st: the same stored months, the same forecast. It was a daily shop: each month's total one
    day's sale and 30 days of nothing."""
    from core.forecasting import ForecastSettings, forecast_shop
    from core.forecasting.periods import load_period_history

    ends = _monthly(tmp_path / "ends.csv", "Date", [m.end_time.strftime("%Y-%m-%d") for m in MONTHS])
    firsts = _monthly(tmp_path / "firsts.csv", "Date", [m.start_time.strftime("%Y-%m-%d") for m in MONTHS])
    assert (ends == firsts).all()
    forecasts, histories = [], []
    for name in ("ends", "firsts"):
        with open_shop(tmp_path / f"{name}.db") as shop:
            report = run_import(shop, tmp_path / f"{name}.csv", "sales", today=dt.date(2025, 3, 1))
            assert report.period == "month" and report.rejected == 0 and report.imported == int((ends > 0).sum())
            said = "the last day of its month" if name == "ends" else "the 1st of a month"
            assert any(note.startswith(f"Every date is {said}: rows are monthly totals") for note in report.notes)
            assert not any("daily totals" in note for note in report.notes)
            histories.append(load_period_history(shop, "month").demand)
            result = forecast_shop(shop, horizon=3,
                                   settings=ForecastSettings(neural=False, statistical_max_products=0))
            assert result.period == "month" and list(result.days.strftime("%Y-%m-%d")) == \
                ["2025-01-01", "2025-02-01", "2025-03-01"]
            forecasts.append(result.mean)
    assert np.array_equal(histories[0], histories[1]) and histories[0].shape == (len(SKUS), len(MONTHS))
    assert np.array_equal(histories[0], firsts.T)
    assert np.array_equal(forecasts[0], forecasts[1])


def test_a_month_or_week_shown_by_its_dates_and_not_over_is_set_aside_and_one_not_begun_rejected(tmp_path):
    """Today 7 December 2026: December's total dated 31 December is not a date in the future to reject but a month
    not over (set aside, imported once it has ended); January's is in the future. Weekly totals dated on Saturdays
    are weeks, each in the week (Monday on) that holds it: the one holding today is not over."""
    ends = tmp_path / "ends.csv"
    ends.write_text("Date,Item,Qty\n2026-09-30,A1,30\n2026-10-31,A1,28\n2026-11-30,A1,25\n2026-12-31,A1,6\n"
                    "2027-01-31,A1,1\n", encoding="utf-8")
    saturdays = tmp_path / "saturdays.csv"
    saturdays.write_text("Date,Item,Qty\n2026-11-14,A1,5\n2026-11-21,A1,6\n2026-11-28,A1,7\n2026-12-05,A1,8\n"
                         "2026-12-12,A1,2\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, ends, "sales", today=dt.date(2026, 12, 7))
        assert report.period == "month" and report.counts["not_over"] == 1 and report.rejected == 1
        assert any(p.severity == "skipped" and p.row == 5 and "the month is not over yet" in p.message
                   for p in report.problems)
        assert any(p.severity == "rejected" and p.row == 6 and "in the future" in p.message for p in report.problems)
        assert _stored(shop) == {("A1", "2026-09-30"): 30, ("A1", "2026-10-31"): 28, ("A1", "2026-11-30"): 25}
    closes = tmp_path / "closes.csv"       # each month closed on its last weekday: Friday 29 March, 28 June 2024
    closes.write_text("Date,Item,Qty\n2024-03-29,A1,3\n2024-04-30,A1,4\n2024-05-31,A1,2\n2024-06-28,A1,5\n",
                      encoding="utf-8")
    with open_shop(tmp_path / "closes.db") as shop:
        report = run_import(shop, closes, "sales", today=dt.date(2026, 12, 7))
        assert report.period == "month" and report.imported == 4
        assert any(note.startswith("Every date is the last weekday of its month") for note in report.notes)
    invoices = tmp_path / "invoices.csv"        # a wholesaler invoicing on the 1st: each line a whole sale
    invoices.write_text("Invoice,Date,Item,Qty\nI1,2026-10-01,A1,30\nI2,2026-11-01,A1,28\nI3,2026-12-01,A1,25\n",
                        encoding="utf-8")
    with open_shop(tmp_path / "invoices.db") as shop:
        report = run_import(shop, invoices, "sales", today=dt.date(2026, 12, 7))
        assert report.counts.get("not_over", 0) == 0 and report.imported == 3
    with open_shop(tmp_path / "weeks.db") as shop:
        report = run_import(shop, saturdays, "sales", today=dt.date(2026, 12, 7))
        assert report.period == "week" and report.counts["not_over"] == 1 and report.rejected == 0
        assert any(note.startswith("Every date is a Saturday, a week or more apart: rows are weekly totals")
                   for note in report.notes)
        from core.forecasting.periods import load_period_history

        history = load_period_history(shop, "week")
        assert [d.isoformat() for d in history.starts.date] == ["2026-11-09", "2026-11-16", "2026-11-23",
                                                                 "2026-11-30"]
        assert history.demand.tolist() == [[5, 6, 7, 8]]


def test_a_column_named_period_is_the_date_and_a_period_figure_beside_it_is_not(tmp_path):
    """An accounts export's 'Period end' (or 'Period') column is the date where no column names a day; its dates
    say months. 'Period qty' beside 'YTD qty' is a figure: never the date (the owner says which quantity)."""
    path = tmp_path / "accounts.csv"
    path.write_text("Period end,Stock code,Period qty,YTD qty\n2024-01-31,A1,3,3\n2024-02-29,A1,2,5\n"
                    "2024-03-31,A1,4,9\n2024-04-30,A1,1,10\n", encoding="utf-8")
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert mapping.source_of("date") == "Period end" and mapping.columns["Period qty"] != "date"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", overrides={"Period qty": "qty"}, today=dt.date(2025, 3, 1))
        assert report.period == "month" and report.rejected == 0
        assert _stored(shop) == {("A1", "2024-01-31"): 3, ("A1", "2024-02-29"): 2, ("A1", "2024-03-31"): 4,
                                 ("A1", "2024-04-30"): 1}
    plain = tmp_path / "plain.csv"
    plain.write_text("Period,SKU,Qty\n2024-01,A1,3\n2024-02,A1,2\n2024-03,A1,4\n", encoding="utf-8")
    mapping = guess_mapping(read_sheet(plain, kind="sales"), "sales")
    assert mapping.source_of("date") == "Period"
    with open_shop(tmp_path / "plain.db") as shop:
        report = run_import(shop, plain, "sales", today=dt.date(2025, 3, 1))
        assert report.period == "month" and _stored(shop) == {
            ("A1", "2024-01-01"): 3, ("A1", "2024-02-01"): 2, ("A1", "2024-03-01"): 4}


def test_a_grid_headed_by_each_months_last_day_is_monthly_and_its_current_month_not_over(tmp_path):
    """SKU | 2026-08-31 | 2026-09-30 | ... | 2026-12-31 on 7 December: the columns are months (each month's last day;
    they were four days and a day in the future), December's is not over yet: set aside, not rejected."""
    from core.forecasting.periods import load_period_history

    path = tmp_path / "grid.csv"
    path.write_text("SKU,2026-08-31,2026-09-30,2026-10-31,2026-11-30,2026-12-31\nA1,3,4,2,5,1\nA2,0,1,0,2,0\n",
                    encoding="utf-8")
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert mapping.layout == "wide" and mapping.period == "month"
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2026, 12, 7))
        assert report.period == "month" and report.rejected == 0 and report.counts["not_over"] == 1
        history = load_period_history(shop, "month")
        assert history.demand.tolist() == [[3, 4, 2, 5], [0, 1, 0, 2]]


def test_month_names_take_their_year_from_a_year_column_and_without_one_are_refused_with_what_to_add(tmp_path):
    """Year | Month | SKU | Qty with 'January' or 'Jan' (a pivot table's rows): each month of its row's year, across
    the turn of the year. Month names with no year anywhere are refused, saying what to add (it said 'cannot read
    this as a date')."""
    path = tmp_path / "pivot.csv"
    path.write_text("Year,Month,SKU,Qty\n2024,November,A1,3\n2024,Dec,A1,4\n2025,January,A1,2\n2025,Feb,A1,5\n",
                    encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales", today=dt.date(2025, 6, 1))
        assert report.period == "month" and report.rejected == 0
        assert _stored(shop) == {("A1", "2024-11-01"): 3, ("A1", "2024-12-01"): 4, ("A1", "2025-01-01"): 2,
                                 ("A1", "2025-02-01"): 5}
    bare = tmp_path / "bare.csv"
    bare.write_text("Month,SKU,Qty\nJanuary,A1,3\nFebruary,A1,4\nMarch,A1,2\n", encoding="utf-8")
    with open_shop(tmp_path / "bare.db") as shop:
        with pytest.raises(UserError) as refused:
            run_import(shop, bare, "sales", today=dt.date(2025, 6, 1))
        assert "'Month' names months (January, Feb ...) with no year beside them." in str(refused.value)
        assert "Add a column named 'Year'" in refused.value.hint
        assert shop.scalar("SELECT count(*) FROM sales") == 0
    weeks = tmp_path / "weeks.csv"                         # week names without a year: the same
    weeks.write_text("周,SKU,Qty\n第5周,A1,3\n第6周,A1,4\n第7周,A1,2\n", encoding="utf-8")
    with open_shop(tmp_path / "weeks.db") as shop:
        with pytest.raises(UserError) as refused:
            run_import(shop, weeks, "sales", today=dt.date(2025, 6, 1))
        assert "'周' holds week numbers (1 to 53) with no year beside them." in str(refused.value)


def test_a_year_alone_or_a_month_written_with_m_is_never_read_as_a_day():
    """The lenient day parser read '2024' as 1 January 2024 and '2024-M02' as 1 January at 00:02 (M for minutes):
    every month of a sheet fell on one day, as sales with a time of day. A year alone is no day; 2024-M02 is a month."""
    from core.importing.mapping import period_of_header
    from core.importing.values import parse_date

    parsed, has_time = parse_date(pd.Series(["2024", "2024-M02", "M03-2024", "5 Mar 2024", "05/03/2024 10:30 AM"]),
                                  day_first=True)
    assert parsed.bad.tolist() == [True, True, True, False, False] and has_time
    assert parsed.values[3] == np.datetime64("2024-03-05")
    assert period_of_header("2024-M02") == (dt.date(2024, 2, 1), "month")
    assert period_of_header("M12-2023") == (dt.date(2023, 12, 1), "month")
    assert period_of_header("Jan.24") == (dt.date(2024, 1, 1), "month")
    assert period_of_header("2024-M13") is None


def test_a_range_that_is_neither_a_week_nor_a_month_is_refused_and_a_grid_of_week_ranges_is_weekly(tmp_path):
    """Ten days ('2024-01-01 - 2024-01-10') is no period a shop is planned in: refused, saying which cells (no
    traceback: the day parser read '- 2024' as an offset from UTC). Column headers of week ranges are weeks."""
    from core.importing.values import parse_date

    parsed, _time = parse_date(pd.Series(["2024-01-01 - 2024-01-10", "2024-01-05"]), day_first=True)
    assert parsed.bad.tolist() == [True, False]
    odd = tmp_path / "odd.csv"
    odd.write_text("Date,SKU,Qty\n2024-01-01 - 2024-01-10,A1,3\n2024-01-11 - 2024-01-20,A1,4\n", encoding="utf-8")
    with open_shop(tmp_path / "odd.db") as shop:
        with pytest.raises(UserError) as refused:
            run_import(shop, odd, "sales", today=dt.date(2025, 3, 1))
        assert "cannot read this as a date (found '2024-01-01 - 2024-01-10')" in str(refused.value)
    grid = tmp_path / "grid.csv"
    grid.write_text("SKU,01/01/2024 - 07/01/2024,08/01/2024 - 14/01/2024,15/01/2024 - 21/01/2024\nA1,3,4,5\n",
                    encoding="utf-8")
    mapping = guess_mapping(read_sheet(grid, kind="sales"), "sales")
    assert mapping.layout == "wide" and mapping.period == "week"
    with open_shop(tmp_path / "grid.db") as shop:
        run_import(shop, grid, "sales", today=dt.date(2025, 3, 1))
        assert _stored(shop) == {("A1", "2024-01-01"): 3, ("A1", "2024-01-08"): 4, ("A1", "2024-01-15"): 5}


def test_a_period_end_reports_closing_stock_of_the_month_not_over_is_todays_count(tmp_path):
    """Period end | Item | Qty sold | Closing stock on 7 December: each month's closing stock counted on its last
    day, and December's (dated 31 December) as today's count, as a Month column's is; it was rejected as a date in
    the future. Its sales import sets December's part-total aside."""
    path = tmp_path / "report.csv"
    path.write_text("Period end,Item,Qty sold,Closing stock\n2026-09-30,A1,30,12\n2026-10-31,A1,28,9\n"
                    "2026-11-30,A1,25,14\n2026-12-31,A1,6,8\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        sales = run_import(shop, path, "sales", today=dt.date(2026, 12, 7))
        assert sales.counts["not_over"] == 1 and sales.imported == 3
        stock = run_import(shop, path, "stock", today=dt.date(2026, 12, 7))
        assert stock.rejected == 0 and stock.imported == 4
        assert any(note.startswith("This month's counts, dated 2026-12-31 (the month's close), are taken as today's, "
                                   "2026-12-07") for note in stock.notes)
        assert [tuple(r) for r in shop.query("SELECT date, qty FROM stock_snapshots ORDER BY date")] == [
            ("2026-09-30", 12.0), ("2026-10-31", 9.0), ("2026-11-30", 14.0), ("2026-12-07", 8.0)]


def test_quarterly_totals_shown_by_their_dates_are_refused_with_why_and_fortnights_stay_weeks(tmp_path):
    """One total a quarter (dated on the 1st of every third month, or a grid of Jan, Apr, Jul, Oct) over a shop's
    products: read as months, each quarter's total would be one month's sales and the two months after it none.
    Refused, saying why; nothing stored. Dates every other Saturday (a market stall's) stay weeks."""
    files = {"quarters.csv": "Date,SKU,Qty\n2024-01-01,A1,30\n2024-04-01,A2,28\n2024-07-01,A1,25\n2024-10-01,A3,4\n",
             "grid.csv": "SKU,Jan 2024,Apr 2024,Jul 2024,Oct 2024\nA1,3,4,5,6\nA2,1,0,2,0\nA3,0,0,1,1\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with open_shop(tmp_path / f"{name}.db") as shop:
            with pytest.raises(UserError) as refused:
                run_import(shop, tmp_path / name, "sales", today=dt.date(2025, 3, 1))
            assert "these look like quarterly totals" in str(refused.value)
            assert shop.scalar("SELECT count(*) FROM sales") == 0
    stall = tmp_path / "stall.csv"
    stall.write_text("Date,SKU,Qty\n2024-01-06,A1,30\n2024-01-20,A2,28\n2024-02-03,A3,25\n2024-02-17,A2,4\n",
                     encoding="utf-8")
    with open_shop(tmp_path / "stall.db") as shop:
        assert run_import(shop, stall, "sales", today=dt.date(2025, 3, 1)).period == "week"
    months = tmp_path / "months.csv"                     # a month missing here and there is still months
    months.write_text("Date,SKU,Qty\n2024-01-01,A1,3\n2024-02-01,A1,2\n2024-04-01,A1,4\n2024-05-01,A1,1\n",
                      encoding="utf-8")
    with open_shop(tmp_path / "months.db") as shop:
        assert run_import(shop, months, "sales", today=dt.date(2025, 3, 1)).period == "month"


def test_a_monthly_shops_alerts_never_read_a_months_total_as_an_unusual_days_sale(tmp_path):
    """Monthly totals dated on each month's last day, the last month a busy one: the dashboard said 'Sold 128 on
    2024-06-30, against a usual 12 on a selling day' (the daily check read the total as one day's sale). A period
    shop's plan has no such alert, whether the forecast run kept its findings or the alerts look for themselves."""
    from core.alerts import shop_alerts
    from core.forecasting import ForecastSettings, forecast_shop
    from core.policy.plan import plan_shop

    units = _monthly(tmp_path / "ends.csv", "Date", [m.end_time.strftime("%Y-%m-%d") for m in MONTHS])
    frame = pd.read_csv(tmp_path / "ends.csv")
    frame.loc[frame.index[-1], "Qty sold"] = 10 * int(units.max())          # a busy last month
    frame.to_csv(tmp_path / "ends.csv", index=False)
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, tmp_path / "ends.csv", "sales", today=dt.date(2025, 3, 1))
        forecast_shop(shop, horizon=3, settings=ForecastSettings(neural=False, statistical_max_products=0))
        plan = plan_shop(shop)
        assert not [a for a in shop_alerts(shop, plan) if a.kind == "anomaly"]
        shop.conn.execute("UPDATE forecast_runs SET settings = '{}'")      # a run that kept nothing: looked for
        assert not [a for a in shop_alerts(shop, plan) if a.kind == "anomaly"]
