"""A till's daily export taken before closing holds the day so far. Imported again the next day (the file now runs
past that day), the day's figures are the whole day's: they replace the part-day ones, and undo puts them back."""
from __future__ import annotations

import datetime as dt

import numpy as np

from core.demand.history import load_history, load_product_history, part_day_imported
from core.importing import run_import
from core.importing.commit import undo_import
from core.store import open_shop


def _stored(shop) -> dict[tuple[str, str], float]:
    return {(r[0], r[1]): r[2] for r in shop.query(
        "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")}


def _write(path, rows) -> None:
    path.write_text("Date,SKU,Qty,Revenue\n" + "".join(f"{d},{s},{q},{q * 2.5}\n" for d, s, q in rows),
                    encoding="utf-8")


def test_a_days_totals_taken_before_it_ended_are_completed_by_the_next_export(tmp_path):
    today = dt.date.today()
    yesterday, tomorrow = (today - dt.timedelta(days=1)).isoformat(), (today + dt.timedelta(days=1)).isoformat()
    lunchtime, next_day = tmp_path / "lunchtime.csv", tmp_path / "next_day.csv"
    _write(lunchtime, [(yesterday, "A1", 5), (today.isoformat(), "A1", 2), (today.isoformat(), "B2", 1)])
    # the next day's export: today's whole day (A1 sold 4 more), yesterday corrected, and the new day so far
    _write(next_day, [(yesterday, "A1", 7), (today.isoformat(), "A1", 6), (today.isoformat(), "B2", 1),
                      (tomorrow, "A1", 3)])
    with open_shop(tmp_path / "shop.db") as shop:
        first = run_import(shop, lunchtime, "sales")
        assert first.rejected == 0 and first.counts.get("day_completed", 0) == 0
        report = run_import(shop, next_day, "sales", today=today + dt.timedelta(days=1))
        assert report.counts["day_completed"] == 1 and report.counts["already_in_shop"] == 2
        assert f"Sales of {today.isoformat()} were imported before the day ended (the day so far): 1 of those " \
            "lines now hold this file's figures for the whole day (the first: A1)." in report.notes
        # yesterday was over when it was imported: a figure the shop holds, as for any other corrected report
        assert any("1 of the lines already in the shop have other quantities" in note for note in report.notes)
        assert _stored(shop) == {("A1", yesterday): 5, ("A1", today.isoformat()): 6, ("B2", today.isoformat()): 1,
                                 ("A1", tomorrow): 3}
        assert shop.scalar("SELECT revenue FROM sales s JOIN products p ON p.id = s.product_id "
                           "WHERE p.sku = 'A1' AND s.date = ?", (today.isoformat(),)) == 15.0

        undo_import(shop, report.import_id)            # the lunchtime figures come back
        assert _stored(shop) == {("A1", yesterday): 5, ("A1", today.isoformat()): 2, ("B2", today.isoformat()): 1}
        assert shop.scalar("SELECT revenue FROM sales s JOIN products p ON p.id = s.product_id "
                           "WHERE p.sku = 'A1' AND s.date = ?", (today.isoformat(),)) == 5.0

        again = run_import(shop, next_day, "sales", today=today + dt.timedelta(days=1))
        assert again.counts["day_completed"] == 1
        undo_import(shop, first.import_id)             # the whole day stays, now the next export's
        assert _stored(shop)[("A1", today.isoformat())] == 6 and ("B2", today.isoformat()) in _stored(shop)


def test_another_export_of_the_same_day_keeps_the_figures_the_shop_holds(tmp_path):
    """A file that ends on the day itself may have been made before the stored one: nothing says it is the whole day,
    so the shop keeps its figures and says so (undo the earlier import to take this file's)."""
    today = dt.date.today().isoformat()
    morning, later = tmp_path / "morning.csv", tmp_path / "later.csv"
    _write(morning, [(today, "A1", 2)])
    _write(later, [(today, "A1", 1)])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, morning, "sales")
        report = run_import(shop, later, "sales")
        assert report.counts.get("day_completed", 0) == 0 and report.counts["already_in_shop"] == 1
        assert _stored(shop) == {("A1", today): 2}


def test_lines_of_a_day_over_when_imported_are_never_replaced(tmp_path):
    """Days before the import's own day were over: a later file's other figure for them is a corrected report, and
    the shop keeps what it holds."""
    early, late = tmp_path / "early.csv", tmp_path / "late.csv"
    _write(early, [("2024-03-01", "A1", 2), ("2024-03-02", "A1", 4)])
    _write(late, [("2024-03-01", "A1", 3), ("2024-03-02", "A1", 4), ("2024-03-03", "A1", 1)])
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, early, "sales")
        report = run_import(shop, late, "sales")
        assert report.counts.get("day_completed", 0) == 0
        assert _stored(shop) == {("A1", "2024-03-01"): 2, ("A1", "2024-03-02"): 4, ("A1", "2024-03-03"): 1}


def _days(end: dt.date, n: int, skus=("A1", "B2")) -> list[tuple[str, str, int]]:
    return [((end - dt.timedelta(days=k)).isoformat(), sku, 3 + (k + i) % 4)
            for k in range(n) for i, sku in enumerate(skus)]


def test_a_last_day_imported_before_it_ended_is_not_a_whole_days_demand(tmp_path):
    """The forecast's history ends with the day of a till's lunchtime export: that day's sales are kept (stock, the
    chart) but its demand is unknown, not a day that sold a third of the others; the forecast page says so."""
    from core.demand.drivers import load_drivers
    from core.forecasting.run import ForecastSettings, forecast_history
    from ui.models.forecast_rows import _closed_text

    today = dt.date.today()
    rows = _days(today - dt.timedelta(days=1), 70) + [(today.isoformat(), "A1", 1)]
    path = tmp_path / "till.csv"
    _write(path, rows)
    with open_shop(tmp_path / "shop.db") as shop:
        assert run_import(shop, path, "sales").rejected == 0
        history = load_history(shop)
        assert history.as_of == today and history.part_day
        a1 = history.row("A1")
        assert history.sales[a1, -1] == 1 and np.isnan(history.demand[:, -1]).all()
        assert not np.isnan(history.demand[a1, -2])
        one = load_product_history(shop, "A1", history.shop_days())
        assert one.part_day and np.isnan(one.demand[0, -1]) and one.sales[0, -1] == 1
        # a day already over when it was imported is a whole day
        assert not part_day_imported(shop, today - dt.timedelta(days=1))
        assert not load_history(shop, as_of=today - dt.timedelta(days=1)).part_day
        drivers = load_drivers(shop, history.product_ids, history.days, 7, history.as_of)
        result = forecast_history(history, drivers, ForecastSettings(horizon=7, boosted=False, neural=False))
        assert result.closed["part_day"] == today.isoformat()
        assert "imported before the day ended (the day so far): that day is not counted as a whole day's demand" \
            in _closed_text(result.closed)


def test_a_file_that_ends_on_a_day_over_is_whole(tmp_path):
    path = tmp_path / "till.csv"
    _write(path, _days(dt.date.today() - dt.timedelta(days=1), 40))
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, path, "sales")
        history = load_history(shop)
        assert not history.part_day and not np.isnan(history.demand[:, -1]).any()
        assert "part_day" not in history.shop_days()
