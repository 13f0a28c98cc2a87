"""Forecasts: the latest run as a table, one product's forecast, the owner's overrides, a new forecast."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UserError
from core.forecasting.views import (Override, ProductForecastView, add_override, forecast_table, latest_run,
                                    overrides, product_view, remove_override)
from core.i18n import _
from core.jobs import JobContext, null_context
from core.services.changes import FORECAST, Changed, changed
from core.services.shop import require_shop
from core.services.tables import check_table_path, write_table
from core.services.values import number, text
from core.store.db import ShopDb, open_shop

# core.forecasting's models bring in scipy and statsmodels (seconds): imported inside the functions that forecast,
# on the worker thread, so the window opens without them. torch is imported only by the neural model.


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
    view: ProductForecastView
    overrides: list[Override]     # this product's


def _forecast_data(shop: ShopDb) -> ForecastData:
    table = forecast_table(shop)
    rows = [ForecastRow(text(r.sku), text(r.name), text(r.model), text(r.pattern), text(r.abc), text(r.xyz),
                        number(r.rmsse), number(r.mae), number(r.mae_baseline), number(r.bias),
                        number(r.next_7_days), number(r.next_horizon))
            for r in table.itertuples(index=False)]
    return ForecastData(latest_run(shop), rows, shop.sales_dates()[1])


def load_forecast(shop_path: Path, *, ctx: JobContext | None = None) -> ForecastData:
    """The latest forecast run and its products (an empty list when there is none yet)."""
    with open_shop(shop_path, create=False) as shop:
        return _forecast_data(shop)


def run_forecast(shop_path: Path, *, neural: bool, ctx: JobContext) -> Changed[ForecastData]:
    """Forecast every product (stored as a new run), then read it back as the page shows it."""
    from core.forecasting import ForecastSettings, forecast_shop

    with open_shop(shop_path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=neural, seed=7), ctx=ctx)
        return changed(_forecast_data(shop), FORECAST)


@dataclass(frozen=True)
class ForecastSummary:
    """A forecast made from the command line: what it covered and how its backtest did."""
    products: int
    horizon: int
    first_day: dt.date
    seconds: float
    device: str                   # where the neural model ran ('off' without it)
    median_rmsse: float           # over the products scored: those that sold or were forecast in the backtests
    mean_error: float             # units a day, the chosen models
    mean_error_baseline: float    # units a day, repeating last week
    coverage90: float
    rows_written: int | None      # the --out file's rows (None: none asked for)
    period: str = "day"           # the unit of horizon and of the errors: day, week or month
    # the shop's closed days (core.forecasting.run.ForecastResult.closed): days off, closures ahead by date and the
    # owner's, forecast as nothing
    closed: dict = field(default_factory=dict)
    scored: int = 0               # products the median RMSSE is over (a part with nothing sold and nothing forecast
    #                               in the backtests has nothing to score: its error of 0 is no forecast's merit)


def forecast_to_file(shop_path: Path, *, horizon: int | None = None, as_of: dt.date | None = None,
                     neural: bool = True, seed: int = 7, out: Path | None = None,
                     ctx: JobContext | None = None, workers: int | None = None,
                     scheduler: str | None = None) -> Changed[ForecastSummary]:
    """Forecast every product (stored as a new run) and write one row per product and day to `out` (a shop of
    weekly or monthly totals: one row per product and period, dated on the period's first day, with a `period`
    column; `horizon` is then in weeks or months). `workers` and `scheduler` replace the shop's compute settings
    for this run (core.compute.settings)."""
    import numpy as np

    from core.forecasting import ForecastSettings, forecast_shop

    if horizon is not None and horizon < 1:
        raise UserError(_("--horizon must be 1 or more (days, or weeks or months for a shop of weekly or monthly "
                          "totals)."))
    if out is not None:
        check_table_path(out)
    settings = ForecastSettings(neural=neural, seed=seed)
    with open_shop(require_shop(shop_path), create=False) as shop:
        compute = compute_for_run(shop, workers, scheduler)
        result = forecast_shop(shop, horizon=horizon, as_of=as_of, settings=settings, ctx=ctx or null_context(),
                               compute=compute)
    table = result.daily()
    if result.period != "day":
        table.insert(2, "period", result.period)
    written = write_table(table, out) if out is not None else None
    choice = result.choice
    # a weekly parts list is mostly parts that sold nothing in the backtests and were forecast nothing: their error
    # of 0 made the median 0.000, as if the forecast were perfect
    scored = choice.mae > 0
    median = float(np.nanmedian(choice.rmsse[scored])) if scored.any() else float("nan")
    return changed(ForecastSummary(
        len(result.skus), int(result.mean.shape[1]), result.days[0].date(), result.seconds,
        result.device if neural else "off", median, float(np.mean(choice.mae)),
        float(np.nanmean(choice.mae_baseline)) if np.isfinite(choice.mae_baseline).any() else float("nan"),
        float(choice.coverage90), written, result.period, result.closed, int(scored.sum())), FORECAST)


def load_product_forecast(shop_path: Path, *, sku: str, ctx: JobContext | None = None) -> ProductForecast:
    with open_shop(shop_path, create=False) as shop:
        return ProductForecast(product_view(shop, sku), overrides(shop, sku))


def add_forecast_override(shop_path: Path, *, sku: str, start: dt.date, end: dt.date, qty_per_day: float, note: str,
                          ctx: JobContext | None = None) -> Changed[ProductForecast]:
    """Store the owner's figure for some days, then read the product back with it applied."""
    with open_shop(shop_path, create=False) as shop:
        add_override(shop, sku, start, end, qty_per_day, note)
    return changed(load_product_forecast(shop_path, sku=sku), FORECAST)


def remove_forecast_override(shop_path: Path, *, sku: str, override_id: int,
                             ctx: JobContext | None = None) -> Changed[ProductForecast]:
    with open_shop(shop_path, create=False) as shop:
        remove_override(shop, override_id)
    return changed(load_product_forecast(shop_path, sku=sku), FORECAST)


def neural_device(*, ctx: JobContext | None = None) -> str:
    """'cuda', 'mps' or 'cpu': where the neural model would run, read without importing torch (which took a second
    or two and held a quit up while it ran: core.forecasting.neural.probe_device); '' where torch is not installed
    (the status bar then says nothing about it)."""
    from core.forecasting.neural import probe_device

    return probe_device()


def compute_for_run(shop: ShopDb, workers: int | None, scheduler: str | None):
    """The shop's compute settings with this run's own --workers / --scheduler in place of them (nothing stored)."""
    from core.compute.settings import load_compute_settings

    compute = load_compute_settings(shop)
    if workers is not None:
        compute.workers = workers
    if scheduler is not None:
        compute.scheduler = scheduler
    return compute.check()
