"""Real data: the UCI Online Retail transactions (shared/data/online-retail, see its SOURCE.md), imported whole and
checked against an independent pandas computation of the shop's rules, written here from their description:

- codes that are not products (DEFAULT_NON_PRODUCT_CODES, without regard to case, '*' globs) are set aside;
- a line that exactly repeats an earlier one (product, date-time, invoice, quantity, unit price, customer) counts once;
- 'A' invoices, negative quantities without a 'C' invoice, and lines at price 0 are write-offs, not demand;
- negative quantities on 'C' invoices are cancellations: they reduce the sales of their product and day;
- the sales export has one row per product and day that has sales lines, with the net quantity.

The whole files take a while (marked slow); the same checks run in the fast subset on a slice of each file (its first
few thousand lines), so the rules stay covered there.
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
SLICE_ROWS = 6_000       # the fast twins' slice of the CSV (a few hundred invoices, cancellations and postage included)
FIRST_PART = 2_500       # ... and the part of it imported first


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


def _csv_lines(path: Path = CSV) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
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


@pytest.mark.slow
def test_xlsx_daily_sales_equal_the_independent_computation(xlsx_shop, xlsx_expected, tmp_path):
    db, _ = xlsx_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = xlsx_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


@pytest.mark.slow
def test_xlsx_report_counts_equal_the_independent_counts(xlsx_shop, xlsx_expected):
    _, report = xlsx_shop
    _, counts, demand_lines = xlsx_expected
    assert report.rows_read == 70_051
    assert report.rejected == 0
    assert {k: report.counts.get(k, 0) for k in counts} == counts
    assert report.imported == demand_lines


@pytest.mark.slow
def test_xlsx_codes_written_as_numbers_are_stored_as_text(xlsx_shop):
    db, _ = xlsx_shop
    with open_shop(db, create=False) as shop:
        skus = {r[0] for r in shop.query("SELECT sku FROM products")}
    assert {"71053", "85123A", "22423"} <= skus
    assert not any(s.endswith(".0") for s in skus)


# ------------------------------------------------------------------ the full CSV (541,909 rows)


@pytest.mark.slow
def test_full_csv_daily_sales_equal_the_independent_computation(csv_shop, csv_expected, tmp_path):
    db, _ = csv_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = csv_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


@pytest.mark.slow
def test_full_csv_report_counts_equal_the_independent_counts(csv_shop, csv_expected):
    _, report = csv_shop
    _, counts, demand_lines = csv_expected
    assert report.rows_read == 541_909
    assert report.rejected == 0
    assert {k: report.counts.get(k, 0) for k in counts} == counts
    assert report.imported == demand_lines


# ------------------------------------------------------------------ the CSV after the xlsx


@pytest.mark.slow
def test_csv_after_xlsx_adds_only_the_lines_not_already_in_the_shop(xlsx_then_csv_shop, xlsx_expected, csv_expected):
    _, report = xlsx_then_csv_shop
    _, _, xlsx_lines = xlsx_expected
    _, _, csv_lines = csv_expected
    assert report.counts["already_in_shop"] == xlsx_lines  # every xlsx row is also in the CSV
    assert report.imported == csv_lines - xlsx_lines


@pytest.mark.slow
def test_csv_after_xlsx_ends_with_the_same_sales_as_the_csv_alone(xlsx_then_csv_shop, csv_expected, tmp_path):
    db, _ = xlsx_then_csv_shop
    got = _exported_sales(db, tmp_path / "sales.csv")
    expected, _, _ = csv_expected
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


# ------------------------------------------------------------------ fast twins: the same checks on a slice


def _csv_slice(path: Path, rows: int) -> Path:
    """The CSV's header and its first `rows` lines, as the file writes them."""
    with CSV.open(encoding="utf-8", newline="") as source, path.open("w", encoding="utf-8", newline="") as out:
        for _ in range(rows + 1):
            out.write(source.readline())
    return path


def _xlsx_slice(path: Path, rows: int) -> Path:
    """The workbook's first `rows` lines in a workbook of their own, cells keeping their types (numbers, dates)."""
    source = openpyxl.load_workbook(XLSX, read_only=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Online Retail"
    for row in source["Online Retail"].iter_rows(values_only=True, max_row=rows + 1):
        sheet.append(row)
    source.close()
    book.save(path)
    return path


def test_a_slice_of_the_csv_gives_the_independent_daily_sales_and_counts(tmp_path):
    part = _csv_slice(tmp_path / "slice.csv", SLICE_ROWS)
    db = tmp_path / "shop.db"
    report = _import(db, part)
    expected, counts, demand_lines = _expected(_csv_lines(part))
    assert report.rows_read == SLICE_ROWS and report.rejected == 0
    assert counts["non_product"] > 0 and counts["cancellations"] > 0      # the slice does exercise the rules
    assert {k: report.counts.get(k, 0) for k in counts} == counts
    assert report.imported == demand_lines
    got = _exported_sales(db, tmp_path / "sales.csv")
    assert len(got) == len(expected)
    assert _differences(got, expected) == []


def test_a_slice_imported_after_its_first_part_adds_only_the_new_lines_and_ends_the_same(tmp_path):
    first = _csv_slice(tmp_path / "first.csv", FIRST_PART)
    whole = _csv_slice(tmp_path / "whole.csv", SLICE_ROWS)
    db = tmp_path / "shop.db"
    _import(db, first)
    report = _import(db, whole)
    _, _, first_lines = _expected(_csv_lines(first))
    expected, _, whole_lines = _expected(_csv_lines(whole))
    assert report.counts["already_in_shop"] == first_lines
    assert report.imported == whole_lines - first_lines
    assert _differences(_exported_sales(db, tmp_path / "sales.csv"), expected) == []


def test_a_slice_of_the_xlsx_keeps_codes_written_as_numbers_as_text(tmp_path):
    part = _xlsx_slice(tmp_path / "slice.xlsx", 1_500)
    db = tmp_path / "shop.db"
    report = _import(db, part)
    assert report.rows_read == 1_500 and report.rejected == 0
    with open_shop(db, create=False) as shop:
        skus = {r[0] for r in shop.query("SELECT sku FROM products")}
    assert {"71053", "85123A"} <= skus
    assert not any(s.endswith(".0") for s in skus)
