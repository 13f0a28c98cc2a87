"""ui/pages/products_page.py: the products table (a checked model), its sorting, search and filters."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.store.db import open_shop
from core.store.queries import products_overview
from ui.jobs import JobRunner
from ui.pages.products_page import ProductsModel, ProductsPage
from ui.table_models import SORT_ROLE

PRODUCT_CODE, DESCRIPTION, CATEGORY, SUPPLIER, ON_HAND, SOLD_30 = range(6)


@pytest.fixture
def page(qtbot, demo_shop):
    page = ProductsPage(JobRunner())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.set_shop(demo_shop)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    return page


def _column(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_model_passes_qts_model_checks_while_loaded_sorted_and_reloaded(qtmodeltester, demo_shop):
    with open_shop(demo_shop, create=False) as shop:
        rows = products_overview(shop).rows
    model = ProductsModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    model.sort(SOLD_30, Qt.SortOrder.DescendingOrder)
    model.sort(ON_HAND, Qt.SortOrder.AscendingOrder)
    model.set_rows(rows[:10])
    model.set_rows([])


def test_the_filtered_view_passes_qts_model_checks(qtmodeltester, page):
    qtmodeltester.check(page.proxy)
    page.search.setText("truffle")
    page.supplier.setCurrentIndex(1)
    page.search.clear()
    page.supplier.setCurrentIndex(0)


def test_heading_counts_the_products_and_says_how_recent_the_sales_are(page):
    assert page.heading.text() == "300 products — sales up to 31 May 2025"


def test_numbers_are_right_aligned_and_sorted_as_numbers(page):
    proxy = page.proxy
    index = proxy.index(0, SOLD_30)
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert isinstance(index.data(SORT_ROLE), float)
    page.table.sortByColumn(SOLD_30, Qt.SortOrder.DescendingOrder)
    sold = [proxy.index(row, SOLD_30).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert sold == sorted(sold, reverse=True)
    assert sold[0] > 100               # 1,234 sorts above 999, as a number would
    shown = _column(proxy, SOLD_30)
    assert shown[0] == f"{int(sold[0]):,}"


def test_on_hand_is_blank_when_the_product_was_never_counted(qtbot):
    from core.store.queries import ProductRow

    model = ProductsModel()
    model.set_rows([ProductRow("A1", "Never counted", "", "", None, None, 3, 9, "2025-05-30", True),
                    ProductRow("B2", "Counted empty", "", "", 0, "2025-05-31", 0, 0, None, True)])
    assert model.index(0, ON_HAND).data() == ""
    assert model.index(0, ON_HAND).data(Qt.ItemDataRole.ToolTipRole) == "Never counted"
    assert model.index(1, ON_HAND).data() == "0"
    model.sort(ON_HAND, Qt.SortOrder.AscendingOrder)
    assert _column(model, PRODUCT_CODE) == ["A1", "B2"]     # unknown sorts below zero


def test_search_finds_code_or_description_whatever_the_case(page):
    page.search.setText("TRUFFLE")
    names = _column(page.proxy, DESCRIPTION)
    assert names and all("truffle" in name.lower() for name in names)
    assert page.heading.text().startswith(f"{len(names)} of 300 products")
    code = page.model.row_at(0).sku
    page.search.setText(code.lower())
    assert code in _column(page.proxy, PRODUCT_CODE)
    page.search.clear()
    assert page.proxy.rowCount() == 300


def test_supplier_and_category_filters_combine_with_search(page):
    supplier = page.supplier.itemText(1)
    page.supplier.setCurrentIndex(1)
    by_supplier = page.proxy.rowCount()
    assert 0 < by_supplier < 300
    assert set(_column(page.proxy, SUPPLIER)) == {supplier}
    category = page.proxy.index(0, CATEGORY).data()
    page.category.setCurrentIndex(page.category.findText(category))
    assert set(_column(page.proxy, CATEGORY)) == {category}
    assert page.proxy.rowCount() <= by_supplier
    page.search.setText("no product is called this")
    assert page.proxy.rowCount() == 0
    page.search.clear()
    page.supplier.setCurrentIndex(0)
    page.category.setCurrentIndex(0)
    assert page.proxy.rowCount() == 300


def test_a_shop_without_products_says_how_to_get_some(qtbot, empty_shop):
    page = ProductsPage(JobRunner())
    qtbot.addWidget(page)
    page.set_shop(empty_shop)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty and "no products yet" in page.empty.text())
    assert "Import" in page.empty.text()


def _open(qtbot, path):
    page = ProductsPage(JobRunner())
    qtbot.addWidget(page)
    page.set_shop(path)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    return page


def _sold(page, sku):
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, PRODUCT_CODE).data() == sku)
    return {headers[c]: page.model.index(row, c).data() for c in (SOLD_30, SOLD_30 + 1)}


def test_a_monthly_shop_shows_last_month_and_the_last_three_months(qtbot, tmp_path):
    import datetime as dt

    from core.importing import run_import
    from tests.forecasting.test_period_forecast import _monthly_sheet

    parts = _monthly_sheet(tmp_path / "parts.csv")                  # Jan 2023 .. Dec 2024
    path = tmp_path / "monthly.db"
    with open_shop(path) as shop:
        run_import(shop, tmp_path / "parts.csv", "sales", today=dt.date(2025, 1, 15))
    page = _open(qtbot, path)
    assert page.heading.text() == "20 products — sales up to the end of Dec 2024"
    for sku in ("STEADY", "SLOW", "P03"):
        assert _sold(page, sku) == {"Sold, last month": f"{parts[sku][-1]:,}",
                                    "Sold, last 3 months": f"{parts[sku][-3:].sum():,}"}
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, PRODUCT_CODE).data() == "DEAD")
    assert page.model.index(row, SOLD_30 + 2).data() == "Dec 2023"        # its last month with a sale


def test_a_weekly_shop_shows_the_last_4_and_13_weeks(qtbot, tmp_path):
    import csv
    import datetime as dt

    import numpy as np

    from core.importing import run_import

    rng = np.random.default_rng(7)
    weeks = {"W-FAST": rng.poisson(20, 60), "W-SLOW": rng.poisson(0.5, 60)}
    with (tmp_path / "weeks.csv").open("w", newline="", encoding="utf-8") as fh:       # 2023 week 1 .. 2024 week 8
        writer = csv.writer(fh)
        writer.writerow(["Item", *[f"{2023 + k // 52} week {k % 52 + 1}" for k in range(60)]])
        for sku, totals in weeks.items():
            writer.writerow([sku, *totals.tolist()])
    path = tmp_path / "weekly.db"
    with open_shop(path) as shop:
        report = run_import(shop, tmp_path / "weeks.csv", "sales", today=dt.date(2025, 1, 15))
    assert report.period == "week"
    page = _open(qtbot, path)
    assert page.heading.text().startswith("2 products — sales up to the week of ")
    for sku, totals in weeks.items():
        assert _sold(page, sku) == {"Sold, last 4 weeks": f"{totals[-4:].sum():,}",
                                    "Sold, last 13 weeks": f"{totals[-13:].sum():,}"}
