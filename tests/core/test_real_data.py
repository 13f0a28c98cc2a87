"""Real data: the UCI Online Retail transactions (shared/data/online-retail, see its SOURCE.md), imported whole and
checked against an independent pandas computation of the shop's rules, written here from their description:

- codes that are not products (DEFAULT_NON_PRODUCT_CODES, without regard to case, '*' globs) are set aside;
- a line that exactly repeats an earlier one (product, date-time, invoice, quantity, unit price, customer) counts once;
- 'A' invoices, negative quantities without a 'C' invoice, and lines at price 0 are write-offs, not demand;
- negative quantities on 'C' invoices are cancellations: they reduce the sales of their product and day;
- the sales export has one row per product and day that has sales lines, with the net quantity.
"""
from __future__ import annotations

import fnmatch
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from core.exporting import export
from core.importing import run_import
from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from core.store import open_shop

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "online-retail"
XLSX = DATA / "Online Retail (first 70051 rows).xlsx"
CSV = DATA / "online_retail_2010-12_2011-12.csv"

pytestmark = pytest.mark.skipif(not (XLSX.exists() and CSV.exists()), reason=f"no real data at {DATA}")


# ------------------------------------------------------------------ the independent computation


def _as_code(value) -> str:
    """A cell as the code the owner reads: 71053 (a number cell) is '71053'; an empty cell is ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_lines() -> pd.DataFrame:
    book = openpyxl.load_workbook(XLSX, read_only=True)
    rows = book["Online Retail"].iter_rows(values_only=True)
    header = next(rows)
    raw = pd.DataFrame(list(rows), columns=header, dtype=object)
    book.close()
    return pd.DataFrame({
        "InvoiceNo": raw["InvoiceNo"].map(_as_code), "StockCode": raw["StockCode"].map(_as_code),
        "Quantity": raw["Quantity"].astype(float), "InvoiceDate": pd.to_datetime(raw["InvoiceDate"]),
        "UnitPrice": raw["UnitPrice"].astype(float), "CustomerID": raw["CustomerID"].map(_as_code)})


def _csv_lines() -> pd.DataFrame:
    raw = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    return pd.DataFrame({
        "InvoiceNo": raw["InvoiceNo"].str.strip(), "StockCode": raw["StockCode"].str.strip(),
        "Quantity": raw["Quantity"].astype(float), "InvoiceDate": pd.to_datetime(raw["InvoiceDate"]),
        "UnitPrice": raw["UnitPrice"].astype(float), "CustomerID": raw["CustomerID"].str.strip()})


def _expected(lines: pd.DataFrame) -> tuple[dict[tuple[str, str], float], dict[str, int], int]:
    """(net quantity per (sku, day), counts of each kind of line set aside, number of demand lines stored)."""
    patterns = [re.compile(fnmatch.translate(p.upper())) for p in DEFAULT_NON_PRODUCT_CODES]
    not_product_codes = {c for c in lines["StockCode"].unique() if any(p.fullmatch(c.upper()) for p in patterns)}
    not_product = lines["StockCode"].isin(not_product_codes)
    products = lines[~not_product]

    repeat = products.duplicated(["StockCode", "InvoiceDate", "InvoiceNo", "Quantity", "UnitPrice", "CustomerID"])
    distinct = products[~repeat]

    invoice = distinct["InvoiceNo"].str.upper()
    cancelled_invoice = invoice.str.startswith("C")
    write_off = (invoice.str.startswith("A") | ((distinct["Quantity"] < 0) & ~cancelled_invoice)
                 | (distinct["UnitPrice"] == 0))
    demand = distinct[~write_off & (distinct["Quantity"] != 0)]

    daily = demand.groupby([demand["StockCode"], demand["InvoiceDate"].dt.strftime("%Y-%m-%d")])["Quantity"].sum()
    counts = {"non_product": int(not_product.sum()), "duplicates": int(repeat.sum()),
              "write_offs": int(write_off.sum()), "cancellations": int((demand["Quantity"] < 0).sum())}
    return {key: float(qty) for key, qty in daily.items()}, counts, len(demand)


def _exported_sales(db: Path, out: Path) -> dict[tuple[str, str], float]:
    with open_shop(db, create=False) as shop:
        export(shop, "sales", out)
    frame = pd.read_csv(out, dtype={"sku": str, "date": str})
    assert not frame.duplicated(["sku", "date"]).any()
    return {(r.sku, r.date): float(r.qty) for r in frame.itertuples()}


def _import(db: Path, path: Path):
    with open_shop(db) as shop:
        return run_import(shop, path, "sales")


def _differences(got: dict, expected: dict, n: int = 10) -> list:
    keys = sorted(set(got) | set(expected))
    return [(k, got.get(k), expected.get(k)) for k in keys if got.get(k) != expected.get(k)][:n]


# ------------------------------------------------------------------ fixtures: each import done once


@pytest.fixture(scope="module")
def xlsx_expected():
    return _expected(_xlsx_lines())


@pytest.fixture(scope="module")
def csv_expected():
    return _expected(_csv_lines())


@pytest.fixture(scope="module")
def xlsx_shop(tmp_path_factory):
    db = tmp_path_factory.mktemp("xlsx") / "shop.db"
    return db, _import(db, XLSX)


@pytest.fixture(scope="module")
def csv_shop(tmp_path_factory):
    db = tmp_path_factory.mktemp("csv") / "shop.db"
    return db, _import(db, CSV)


@pytest.fixture(scope="module")
def xlsx_then_csv_shop(tmp_path_factory, xlsx_shop):
    db = tmp_path_factory.mktemp("both") / "shop.db"
    shutil.copy(xlsx_shop[0], db)  # the shop closed after its import: one self-contained file
    return db, _import(db, CSV)


# ------------------------------------------------------------------ the xlsx (70,051 rows)


def test_xlsx_daily_sales_equal_the_independent_computation(xlsx_shop, xlsx_expected, tmp_path):
    db, _ = xlsx_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = xlsx_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


def test_xlsx_report_counts_equal_the_independent_counts(xlsx_shop, xlsx_expected):
    _, report = xlsx_shop
    _, counts, demand_lines = xlsx_expected
    assert report.rows_read == 70_051
    assert report.rejected == 0
    assert {k: report.counts.get(k, 0) for k in counts} == counts
    assert report.imported == demand_lines


def test_xlsx_codes_written_as_numbers_are_stored_as_text(xlsx_shop):
    db, _ = xlsx_shop
    with open_shop(db, create=False) as shop:
        skus = {r[0] for r in shop.query("SELECT sku FROM products")}
    assert {"71053", "85123A", "22423"} <= skus
    assert not any(s.endswith(".0") for s in skus)


# ------------------------------------------------------------------ the full CSV (541,909 rows)


def test_full_csv_daily_sales_equal_the_independent_computation(csv_shop, csv_expected, tmp_path):
    db, _ = csv_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = csv_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


def test_full_csv_report_counts_equal_the_independent_counts(csv_shop, csv_expected):
    _, report = csv_shop
    _, counts, demand_lines = csv_expected
    assert report.rows_read == 541_909
    assert report.rejected == 0
    assert {k: report.counts.get(k, 0) for k in counts} == counts
    assert report.imported == demand_lines


# ------------------------------------------------------------------ the CSV after the xlsx


def test_csv_after_xlsx_adds_only_the_lines_not_already_in_the_shop(xlsx_then_csv_shop, xlsx_expected, csv_expected):
    _, report = xlsx_then_csv_shop
    _, _, xlsx_lines = xlsx_expected
    _, _, csv_lines = csv_expected
    assert report.counts["already_in_shop"] == xlsx_lines  # every xlsx row is also in the CSV
    assert report.imported == csv_lines - xlsx_lines


def test_csv_after_xlsx_ends_with_the_same_sales_as_the_csv_alone(xlsx_then_csv_shop, csv_expected, tmp_path):
    db, _ = xlsx_then_csv_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = csv_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []
