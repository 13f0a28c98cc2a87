"""The background operations the window runs: plain functions of a shop file's path (never a connection)
and, last, a JobContext, so each opens its own ShopDb on the worker thread. No Qt here.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from core.demo import build_demo_shop
from core.importing import (ImportReport, Mapping, RawSheet, Validated, apply_overrides, commit, guess_mapping,
                            list_sheets, non_product_codes, read_sheet, undo_import, validate_for_shop)
from core.importing.report import MAX_STORED_PROBLEMS, Problem
from core.jobs import JobContext
from core.store.db import open_shop
from core.store.queries import (ImportRunRow, ProductsOverview, category_names, import_problems, list_imports,
                                products_overview, shop_summary, supplier_names)


def open_and_summarise(shop_path: Path, ctx: JobContext | None = None, *, create: bool = True) -> dict:
    """Open (creating or migrating as needed) and say what the shop holds."""
    with open_shop(shop_path, create=create) as shop:
        return shop_summary(shop)


def create_shop(shop_path: Path, ctx: JobContext | None = None, *, name: str | None = None) -> dict:
    """A new, empty shop file."""
    with open_shop(shop_path, create=True) as shop:
        if name:
            shop.set_setting("shop_name", name)
        return shop_summary(shop)


def build_demo(shop_path: Path, ctx: JobContext) -> Path:
    """The demo shop, written on first run (refuses to overwrite a file)."""
    return build_demo_shop(shop_path, ctx=ctx)


@dataclass(frozen=True)
class ProductsData:
    overview: ProductsOverview
    suppliers: list[str]
    categories: list[str]


def load_products(shop_path: Path, ctx: JobContext) -> ProductsData:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, "Reading products and sales")
        overview = products_overview(shop)
        ctx.check_cancelled()
        return ProductsData(overview, supplier_names(shop), category_names(shop))


def load_imports(shop_path: Path, ctx: JobContext | None = None) -> list[ImportRunRow]:
    with open_shop(shop_path, create=False) as shop:
        return list_imports(shop)


def load_problems(shop_path: Path, import_id: int, ctx: JobContext | None = None) -> list[Problem]:
    """Every problem the import stored (core keeps up to MAX_STORED_PROBLEMS of them)."""
    with open_shop(shop_path, create=False) as shop:
        return import_problems(shop, import_id, limit=MAX_STORED_PROBLEMS)


def undo(shop_path: Path, import_id: int, ctx: JobContext) -> str:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, f"Undoing import {import_id}")
        return undo_import(shop, import_id)


def sheets_of(file_path: Path, ctx: JobContext | None = None) -> list[str]:
    return list_sheets(file_path)


def read(file_path: Path, sheet: str | None, ctx: JobContext) -> RawSheet:
    ctx.progress(0.0, f"Reading {Path(file_path).name}")
    raw = read_sheet(file_path, sheet)
    ctx.check_cancelled()
    return raw


def mapping_for(raw: RawSheet, kind: str, choices: dict[str, str] | None = None) -> Mapping:
    """The guessed mapping with the owner's choices applied (a fresh object each time)."""
    mapping = guess_mapping(raw, kind)
    if choices:
        mapping = apply_overrides(mapping, choices, raw, kind)
    return mapping


def validate(shop_path: Path, raw: RawSheet, kind: str, mapping: Mapping, ctx: JobContext) -> Validated:
    with open_shop(shop_path, create=False) as shop:
        return validate_for_shop(shop, raw, kind, mapping, ctx=ctx)


def commit_import(shop_path: Path, validated: Validated, ctx: JobContext) -> ImportReport:
    """Store a checked import, all or nothing.

    `commit` adds its counts to the report it is given, even when it is cancelled and rolled back, so it works
    on a copy: a cancelled import can be started again from the same checked file and reports the same.
    """
    validated = dataclasses.replace(validated, report=copy.deepcopy(validated.report))
    with open_shop(shop_path, create=False) as shop:
        return commit(shop, validated, ctx)


# ---- forecasting
# core.forecasting brings in scipy.stats (about a second): it is imported here, on the worker thread, the first
# time a forecast is read or made, so the window opens without it. torch is imported only by the neural model.


@dataclass(frozen=True)
class ForecastRow:
    """One product of a forecast run, as the Forecast page lists it (None where core had no number)."""
    sku: str
    name: str
    model: str
    pattern: str
    abc: str
    xyz: str
    rmsse: float | None
    mae: float | None
    mae_baseline: float | None
    bias: float | None
    next_7_days: float | None
    next_horizon: float | None


@dataclass(frozen=True)
class ForecastData:
    run: dict | None              # the latest forecast_runs row (None: no forecast yet)
    rows: list[ForecastRow]
    last_sale: str | None         # the newest sale in the shop: newer than run['as_of'] means the run is stale


@dataclass(frozen=True)
class ProductForecast:
    view: object                  # core.forecasting.views.ProductForecastView
    overrides: list               # core.forecasting.views.Override, this product's


def _number(value) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if value != value else value    # NaN -> None


def _forecast_data(shop) -> ForecastData:
    from core.forecasting.views import forecast_table, latest_run

    table = forecast_table(shop)
    rows = [ForecastRow(str(r.sku), str(r.name or ""), str(r.model or ""), str(r.pattern or ""), str(r.abc or ""),
                        str(r.xyz or ""), _number(r.rmsse), _number(r.mae), _number(r.mae_baseline), _number(r.bias),
                        _number(r.next_7_days), _number(r.next_horizon))
            for r in table.itertuples(index=False)]
    return ForecastData(latest_run(shop), rows, shop.scalar("SELECT max(date) FROM sales"))


def load_forecast(shop_path: Path, ctx: JobContext | None = None) -> ForecastData:
    """The latest forecast run and its products (an empty list when there is none yet)."""
    with open_shop(shop_path, create=False) as shop:
        return _forecast_data(shop)


def run_forecast(shop_path: Path, neural: bool, ctx: JobContext) -> ForecastData:
    """Forecast every product (stored as a new run), then read it back as the page shows it."""
    from core.forecasting import ForecastSettings, forecast_shop

    with open_shop(shop_path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=neural, seed=7), ctx=ctx)
        return _forecast_data(shop)


def load_product_forecast(shop_path: Path, sku: str, ctx: JobContext | None = None) -> ProductForecast:
    from core.forecasting.views import overrides, product_view

    with open_shop(shop_path, create=False) as shop:
        return ProductForecast(product_view(shop, sku), overrides(shop, sku))


def add_forecast_override(shop_path: Path, sku: str, start: dt.date, end: dt.date, qty_per_day: float, note: str,
                          ctx: JobContext | None = None) -> ProductForecast:
    """Store the owner's figure for some days, then read the product back with it applied."""
    from core.forecasting.views import add_override

    with open_shop(shop_path, create=False) as shop:
        add_override(shop, sku, start, end, qty_per_day, note)
    return load_product_forecast(shop_path, sku)


def remove_forecast_override(shop_path: Path, sku: str, override_id: int,
                             ctx: JobContext | None = None) -> ProductForecast:
    from core.forecasting.views import remove_override

    with open_shop(shop_path, create=False) as shop:
        remove_override(shop, override_id)
    return load_product_forecast(shop_path, sku)


def neural_device(ctx: JobContext | None = None) -> str:
    """'cuda', 'mps' or 'cpu': where the neural model would run (imports torch: a second or two)."""
    from core.forecasting.neural import device_name

    return device_name()


# ---- shop settings


def load_non_product_codes(shop_path: Path, ctx: JobContext | None = None) -> list[str]:
    with open_shop(shop_path, create=False) as shop:
        return list(non_product_codes(shop))


def save_non_product_codes(shop_path: Path, codes: list[str], ctx: JobContext | None = None) -> list[str]:
    """Store the shop's list of codes that are not products (blank lines and repeats dropped, order kept)."""
    seen: dict[str, str] = {}
    for code in codes:
        code = code.strip()
        if code and code.casefold() not in seen:
            seen[code.casefold()] = code
    cleaned = list(seen.values())
    with open_shop(shop_path, create=False) as shop:
        shop.set_setting("non_product_codes", cleaned)
    return cleaned
