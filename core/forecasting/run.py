"""The shop-wide forecast: every product, every candidate model, backtested, chosen, stored.

`forecast_shop` is what the Forecast button and `main.py forecast` run. It reads only what was known on
`as_of` (sales, stock counts and prices up to that day; events, which are planned ahead, also beyond it), so
a forecast made "as of" a past day can be checked against what really followed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from itertools import repeat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.alerts import recent_anomalies
from core.demand.classes import classify
from core.demand.drivers import Drivers, cut, load_drivers
from core.demand.history import DemandHistory, date_runs, load_history, sales_units
from core.errors import UserError
from core.forecasting.base import QUANTILES
from core.compute.executors import Executor, InProcess, gather
from core.compute.shared import Handoff, loaded
from core.forecasting.chunks import STATISTICAL_ROWS, Calendar, ChunkResult, forecast_chunk, join, row_chunks
from core.forecasting.models import MovingAverage, SBA, SeasonalNaive, TSB, Croston, Naive
from core.forecasting.boosted import GlobalBoosted, boosted_chunk
from core.forecasting.neural import GlobalNeural, _Windows, probe_device
from core.forecasting.regression import CalendarRegression
from core.forecasting.selection import Backtest, Choice, blend_forecasts, choose, quantiles_for
from core.forecasting.statistical import ARIMA, ETS
from core.i18n import _
from core.jobs import JobContext, null_context
from core.policy.demand import SumCalibration, sum_calibration
from core.store.db import ShopDb, atomic, now_iso

if TYPE_CHECKING:
    from core.compute.settings import ComputeSettings

DEFAULT_HORIZON = 28
BACKTEST_ORIGINS = 3
GLOBAL_MODELS = (GlobalBoosted, GlobalNeural)   # trained across all products, in the calling process
STATISTICAL_MAX_PRODUCTS = 40   # statsmodels fits cost ~0.1 s each: the most valuable products get them


@dataclass
class ForecastSettings:
    horizon: int = DEFAULT_HORIZON
    origins: int = BACKTEST_ORIGINS
    neural: bool = True
    boosted: bool = True           # the gradient-boosted global model (LightGBM)
    statistical_max_products: int = STATISTICAL_MAX_PRODUCTS
    seed: int = 7
    basis: dict = field(default_factory=dict)   # a shop with period totals before its days: what they gave (mixed)


@dataclass
class ForecastResult:
    """Forecasts for every product of a history: mean and quantiles per day, the choice and its accuracy."""
    skus: np.ndarray
    product_ids: np.ndarray
    days: pd.DatetimeIndex                 # the horizon's days
    mean: np.ndarray                       # (n, h)
    quantiles: dict[float, np.ndarray]     # level -> (n, h)
    choice: Choice
    classes: pd.DataFrame
    device: str = "cpu"
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    by_model: dict[str, np.ndarray] = field(default_factory=dict)   # what each candidate said, (n, h)
    backtest: Backtest | None = None
    sum_calibration: SumCalibration = field(default_factory=SumCalibration)
    period: str = "day"                    # 'week' or 'month': `days` are the periods' first days, values totals
    # the shop's closed days in the history (core.demand.history): {"days": how many, "weekdays": the days off it
    # keeps (Monday 0), "dates": the runs of days ahead it is closed by date ([first, last] ISO; only where there
    # are some), "declared": the owner's closures within the horizon ([first, last, name]; only where there are
    # some), all forecast as nothing, "part_day": the history's last day (ISO) where its sales were imported before
    # it ended, so not counted as a whole day's demand}; empty where it was never closed and none is declared
    closed: dict = field(default_factory=dict)
    # what one product's history needs of the whole shop's (DemandHistory.shop_days): stored with the run, so that
    # the Forecast page's chart reads one product's sales only (core.demand.history.load_product_history)
    shop_days: dict = field(default_factory=dict)
    # the unusual sales of the history's last days (core.alerts.recent_anomalies), for the alerts of a plan from it
    anomalies: list | None = None

    def daily(self) -> pd.DataFrame:
        """sku, date, mean, p05 .. p99, model: one row per product and day."""
        n, h = self.mean.shape
        frame = pd.DataFrame({
            "sku": np.repeat(self.skus, h),
            "date": np.tile(self.days.strftime("%Y-%m-%d").to_numpy(), n),
            "mean": self.mean.ravel()})
        for level in QUANTILES:
            frame[f"p{round(level * 100):02d}"] = self.quantiles[level].ravel()
        frame["model"] = np.repeat(np.array(self.labels(), dtype=object), h)
        return frame

    def labels(self) -> list[str]:
        """Each product's model or blend, as the tables show it."""
        return [self.choice.label(i) for i in range(len(self.skus))]


def _candidates(history: DemandHistory, drivers: Drivers, settings: ForecastSettings, ctx: JobContext):
    models = [Naive(), SeasonalNaive(), MovingAverage(28), Croston(0.1), SBA(0.1), TSB(0.1, 0.1),
              CalendarRegression()]
    if settings.boosted:
        models.append(GlobalBoosted(seed=settings.seed, ctx=ctx))
    if settings.neural:
        models.append(GlobalNeural(seed=settings.seed, ctx=ctx))
    return models


def forecast_history(history: DemandHistory, drivers: Drivers, settings: ForecastSettings | None = None,
                     ctx: JobContext | None = None, executor: Executor | None = None) -> ForecastResult:
    """Backtest every candidate, choose per product, forecast the horizon. Pure: reads nothing else. The
    per-product models run in chunks of products on `executor` (core.compute.executors; default: this process),
    with the same result on every executor."""
    settings = settings or ForecastSettings()
    ctx = ctx or null_context()
    started = time.perf_counter()
    h = settings.horizon
    Y = history.demand
    n, T = Y.shape
    origins = [T - h * k for k in range(settings.origins, 0, -1) if T - h * k >= 28]
    if not origins:
        raise UserError(_("The history is too short to forecast: {days} days, and a backtest needs at "
                          "least {needed}.").format(days=T, needed=h + 28),
                        hint=_("Import more sales history, or forecast a shorter horizon."))
    backtest = Backtest(origins)
    models = _candidates(history, drivers, settings, ctx.sub(0.0, 0.0))
    value = sales_value(history, drivers)
    top = np.sort(np.argsort(-value, kind="stable")[:settings.statistical_max_products])
    statistical = [ETS(), ARIMA()] if settings.statistical_max_products else []
    trained = [m for m in models if isinstance(m, GLOBAL_MODELS)]      # learn from all products at once
    local = [m for m in models if m not in trained]
    # the per-product models in chunks of products (core.forecasting.chunks), on the executor: in this process they
    # run when gathered; on worker processes they run while the global models (but for the trees) train here
    executor = executor or InProcess()
    calendar = Calendar(drivers.days, drivers.event_kinds, drivers.events)
    parts = [(rows, local) for rows in row_chunks(n, executor.workers)]
    if len(top) and statistical:
        parts += [(top[k:k + STATISTICAL_ROWS], statistical) for k in range(0, len(top), STATISTICAL_ROWS)]
    timings: dict[str, float] = {}
    global_share = 0.0 if not trained else 0.4 if executor.lazy else 0.6
    global_backtests: dict[str, list[np.ndarray]] = {}
    global_final: dict[str, np.ndarray] = {}
    # (alias, rows, future): the trees predicting chunks of products, and the neural model where a worker trains it
    predicted: list[tuple[str, slice, object]] = []
    shipped = [m for m in trained if _neural_in_worker(m, executor)]
    here = [m for m in trained if m not in shipped]
    # on worker processes the trees train first, alone on the cores, and the rest is queued after them: LightGBM's
    # threads beside busy workers lost over half their speed (M5 on 2 processes: its trainings 24-38 s instead of
    # 15 s), and everything after them waited for them
    first = [m for m in here if isinstance(m, GlobalBoosted)] if TREES_FIRST and _shares_cores(executor) else []
    futures: list = []
    # the history, prices and promotion days reach local workers through shared memory, not pickled with each call
    # (core.compute.shared); freed once every result is in
    handoff = executor.handoff()
    try:
        if first:
            executor.submit(warm_up)        # the workers start and import their modules while the trees train
            _train_global(first, Y, h, drivers, origins, ctx, global_share, global_backtests, global_final, timings,
                          executor, calendar, predicted, handoff)
        for model in shipped:       # ahead of the chunks: the longest single piece of work
            handed = dataclasses.replace(drivers, promotion=handoff.rows(drivers.promotion),
                                         price=handoff.rows(drivers.price))
            predicted.append((model.alias, slice(None), executor.submit(neural_part, handoff.rows(Y), h, handed,
                                                                        origins, model.seed, model.epochs)))
        # the chunks of all products (the local models) also work out their products' demand classes: the caller
        # did it alone, one product at a time (1.4 s at 20,000 products)
        futures = [executor.submit(forecast_chunk, chunk_models, handoff.rows(Y, rows),
                                   handoff.rows(drivers.promotion, rows), handoff.rows(drivers.price, rows), calendar,
                                   h, origins, chunk_models is local)
                   for rows, chunk_models in parts]
        _train_global([m for m in here if m not in first], Y, h, drivers, origins, ctx, global_share,
                      global_backtests, global_final, timings, executor, calendar, predicted, handoff)
    except BaseException:       # cancelled (or failed) while the chunks wait: they are not left to run on
        for future in futures + [future for _alias, _rows, future in predicted]:
            future.cancel()
        handoff.close()
        raise
    local_parts = len(futures)
    futures += [future for _alias, _rows, future in predicted]
    done = [0]

    def chunk_done(_k, part) -> None:
        done[0] += 1
        first = next(iter(part.final), "") if isinstance(part, ChunkResult) else "lightgbm"
        ctx.progress((global_share + (1 - global_share) * done[0] / len(futures)) * 0.9,
                     _("Backtesting {model}").format(model=first) if executor.lazy else
                     _("Backtesting the models on {where}: {done} of {total} chunks").format(
                         where=executor.describe(), done=done[0], total=len(futures)))

    try:
        results = gather(futures, ctx, on_done=chunk_done)
    finally:
        handoff.close()
    for (alias, rows, _future), (backtests, last, seconds) in zip(predicted, results[local_parts:]):
        if backtests is None:           # the neural model had too little history to learn from: left out
            timings[f"{alias} (worker)"] = seconds
            continue
        if any(alias == m.alias for m in shipped):      # the neural model, trained and run whole in a worker
            global_backtests[alias], global_final[alias] = backtests, last
            timings[f"{alias} (worker)"] = seconds
            continue
        if alias not in global_final:
            global_backtests[alias] = [np.zeros((n, h)) for _ in origins]
            global_final[alias] = np.zeros((n, h))
            timings[f"{alias} (chunks)"] = 0.0
        for k, forecast in enumerate(backtests):
            global_backtests[alias][k][rows] = forecast
        global_final[alias][rows] = last
        timings[f"{alias} (chunks)"] += seconds
    results = results[:local_parts]
    chunked = len([1 for _rows, chunk_models in parts if chunk_models is local])
    joined = join([(rows, result) for (rows, _m), result in zip(parts[:chunked], results[:chunked])], n, h,
                  len(origins))
    fitted = join([(rows, result) for (rows, _m), result in zip(parts[chunked:], results[chunked:])], n, h,
                  len(origins), base=joined) if chunked < len(parts) else ChunkResult({}, {}, {})
    final: dict[str, np.ndarray] = {}
    for model in models + statistical:         # the candidates' order: the choice's columns
        if model in trained and model.alias not in global_final:
            continue
        if model.alias in global_final:
            backtest.forecasts[model.alias], final[model.alias] = global_backtests[model.alias], \
                global_final[model.alias]
            continue
        source = joined if model.alias in joined.final else fitted
        if model.alias not in source.final:     # no product to fit it on
            continue
        backtest.forecasts[model.alias], final[model.alias] = source.backtests[model.alias], source.final[model.alias]
        timings[model.alias] = source.seconds[model.alias]
    ctx.progress(0.92, _("Choosing a model per product"))
    worked = [result.classes for result in results[:chunked]]     # the chunks' classes, in product order
    classes = classify(Y, value, history.skus, pd.concat(worked, ignore_index=True)
                       if worked and all(c is not None for c in worked) and sum(map(len, worked)) == n else None)
    choice = choose(Y, backtest, h, groups=classes["pattern"].to_numpy(), executor=executor, ctx=ctx)
    days = pd.date_range(history.days[-1] + pd.Timedelta(days=1), periods=h, freq="D")
    # a weekday the shop keeps closed, or a date it is closed every year (a holiday shutdown), sells nothing: the
    # models learnt from its open days only (closed days are unknown in the history), and each model's forecast is
    # 0 on those days
    shut = history.closed_ahead(days)
    if shut.any():
        final = {alias: np.where(shut[None, :], 0.0, forecast) for alias, forecast in final.items()}
    mean = np.clip(blend_forecasts(choice, final), 0, None)
    never = history.first_sale >= T
    mean[never] = 0.0
    aside: dict = {}

    def calibrate_sums() -> None:
        # the backtests' sums (core.policy.demand.sum_calibration): worked out here while the worker processes
        # work out the quantiles (1.2 s at 20,000 products, that the caller spent after them), and what the run
        # keeps of the history
        blended = [np.clip(blend_forecasts(choice, {m: f[k] for m, f in backtest.forecasts.items()}), 0, None)
                   for k in range(len(origins))]
        actuals = backtest.actuals(Y, h)
        if history.closed is not None and history.closed.any():
            # the sums over the backtests' days count a closed day as it was: nothing sold, nothing to forecast
            for k, origin in enumerate(origins):
                was = history.closed[origin:origin + h]
                blended[k][:, was] = 0.0
                actuals[k] = np.where(was[None, :], 0.0, actuals[k])
        aside["sums"] = sum_calibration(blended, actuals, choice.dispersion, classes["pattern"].to_numpy())
        aside["shop_days"], aside["anomalies"] = history.shop_days(), recent_anomalies(history)

    quantiles = quantiles_for(mean, choice.dispersion, choice.band, executor=executor, ctx=ctx,
                              meanwhile=calibrate_sums)
    sums = aside["sums"]
    device = "cpu"
    neural = next((m for m in trained if isinstance(m, GlobalNeural)), None)
    if neural is not None and neural.net_ is not None:
        device = neural.device_
    ctx.progress(1.0, _("Forecast ready"))
    closed = {"days": int(history.closed.sum()), "weekdays": list(history.closed_weekdays())} \
        if history.closed is not None and history.closed.any() else {}
    by_date = history.closed_by_date(days) if closed else np.zeros(0, dtype=bool)
    if by_date.any():           # the dates ahead it is closed every year, as [first, last] runs
        closed["dates"] = date_runs(days, by_date)
    ahead = [[first, last, name] for first, last, name in history.declared
             if first <= days[-1].date().isoformat() and last >= days[0].date().isoformat()]
    if ahead:                   # the owner's closures within the horizon: [first, last, name]
        closed["declared"] = ahead
    if history.part_day:        # the last day was imported before it ended: left out as unknown demand
        closed["part_day"] = history.as_of.isoformat()
    return ForecastResult(history.skus, history.product_ids, days, mean, quantiles, choice, classes, device,
                          time.perf_counter() - started, timings, final, backtest, sums, closed=closed,
                          shop_days=aside["shop_days"], anomalies=aside["anomalies"])



TREES_FIRST = True      # on worker processes, LightGBM trains before the rest is queued (see forecast_history)


def _neural_in_worker(model, executor: Executor) -> bool:
    """Whether the neural model trains in a worker rather than here: on local worker processes, when this machine
    would train it on the CPU. It trains on one thread either way (neural.CPU_THREADS), so
    a worker's numbers are this process's to the bit; here it held up the caller, which trains LightGBM beside it
    (on M5, 2 processes: 24.4 s of LightGBM and 9.3 s of neural one after the other while the workers waited for
    nothing). On a GPU it stays here, where the GPU is."""
    if not isinstance(model, GlobalNeural) or not _shares_cores(executor):
        return False
    return (model.device or probe_device()) == "cpu"    # asked without importing torch here


def _shares_cores(executor: Executor) -> bool:
    """Local worker processes: they share this machine's cores with the caller, so the caller's work and theirs are
    ordered so as not to oversubscribe them. A Dask cluster's workers are other machines' cores: the chunks go to
    them at once while the global models train here (a chain's nightly run, docs/scaling.md), and the neural
    model's inputs (every product's history) do not cross the network to one worker."""
    return executor.name == "processes"


def warm_up() -> None:
    """Imports what a worker's chunks need (run by a worker while the caller trains the trees)."""
    import importlib

    for module in ("core.forecasting.chunks", "core.forecasting.statistical", "core.forecasting.boosted"):
        importlib.import_module(module)


def neural_part(Y: np.ndarray, h: int, drivers: Drivers, origins: list[int], seed: int,
                epochs: int) -> tuple[list[np.ndarray] | None, np.ndarray | None, float]:
    """The neural model's backtests at `origins` and its final forecast, exactly as _train_global makes them, on
    the CPU: a plain function of plain arrays, for a worker process. (None, None, seconds) where it had too little
    history to learn from."""
    started = time.perf_counter()
    Y = loaded(Y)
    drivers = dataclasses.replace(drivers, promotion=loaded(drivers.promotion), price=loaded(drivers.price))
    T = Y.shape[1]
    model = GlobalNeural(seed=seed, epochs=epochs, device="cpu")
    whole = _Windows(Y)         # the running sums once, read up to each origin (the same to the bit)
    model.train(Y[:, :origins[0]], h, cut(drivers, 0, origins[0] + h), windows=whole.prefix(origins[0]))
    if not model.is_trained():
        return None, None, time.perf_counter() - started
    backtests = [model.forecast_batch(Y[:, :o], h, cut(drivers, 0, o + h), whole.prefix(o)) for o in origins]
    final = model.forecast_batch(Y, h, cut(drivers, 0, T + h), whole)
    return backtests, final, time.perf_counter() - started


def _train_global(trained: list, Y: np.ndarray, h: int, drivers: Drivers, origins: list[int], ctx: JobContext,
                  share: float, backtests: dict, final: dict, timings: dict, executor: Executor,
                  calendar: Calendar, predicted: list, handoff: Handoff | None = None) -> None:
    """The global models' backtests and final forecasts, each trained in this process (while the chunks run).
    The gradient-boosted model's prediction, which grows with the products where its training does not (its
    examples are capped), is handed to the executor in chunks of products: (alias, rows, future) in `predicted`."""
    n, T = Y.shape
    handoff = handoff or Handoff()
    for k, model in enumerate(trained):
        # each trained once on the history before the first backtest origin, then reused for the later origins
        # and the final forecast (the inputs are read at each origin, so the newest days still count)
        ctx.check_cancelled()
        ctx.progress(share * k / len(trained), _("Backtesting {model}").format(model=model.alias))
        t0 = time.perf_counter()
        model.ctx = ctx.sub(share * k / len(trained), share * (k + 0.9) / len(trained))
        if isinstance(model, GlobalBoosted) and model.refit_for_final:
            # trained again on the whole history for the final forecast: both trainings' inputs made at once
            before = model.train_both(Y[:, :origins[0]], cut(drivers, 0, origins[0] + h), Y, cut(drivers, 0, T + h),
                                      h)
            if before is None:          # too little history before the first origin to learn from: left out,
                continue                # rather than another model's numbers under its name
            after = model.trees() if model.is_trained() else before
        else:
            model.train(Y[:, :origins[0]], h, cut(drivers, 0, origins[0] + h))
            if not model.is_trained():
                continue
            before = after = model.trees() if isinstance(model, GlobalBoosted) else None
        if isinstance(model, GlobalBoosted):
            threads = model.threads if executor.lazy else 1     # a worker is one core
            before, after = executor.share(before), executor.share(after) if after is not before else before
            predicted += [(model.alias, rows, executor.submit(
                boosted_chunk, before, after, rows, handoff.rows(Y, rows), handoff.rows(drivers.promotion, rows),
                handoff.rows(drivers.price, rows), calendar, h, origins, threads))
                for rows in row_chunks(n, executor.workers)]
            timings[model.alias] = time.perf_counter() - t0
            continue
        if isinstance(model, GlobalNeural):     # its running sums once, read up to each origin (as neural_part)
            whole = _Windows(Y)
            backtests[model.alias] = [model.forecast_batch(Y[:, :o], h, cut(drivers, 0, o + h), whole.prefix(o))
                                      for o in origins]
            final[model.alias] = model.forecast_batch(Y, h, cut(drivers, 0, T + h), whole)
            del whole
            timings[model.alias] = time.perf_counter() - t0
            continue
        backtests[model.alias] = [model.forecast_batch(Y[:, :o], h, cut(drivers, 0, o + h)) for o in origins]
        if getattr(model, "refit_for_final", False):    # trained again on the whole history for the final one
            model.train(Y, h, cut(drivers, 0, T + h))
        final[model.alias] = model.forecast_batch(Y, h, cut(drivers, 0, T + h))
        timings[model.alias] = time.perf_counter() - t0


def sales_value(history: DemandHistory, drivers: Drivers) -> np.ndarray:
    """Each product's sales value over its history: the revenue imported with the sales where there was
    some, else units x the shelf price in force each day (a daily sheet of units has no revenue)."""
    T = history.sales.shape[1]
    priced = np.nansum(history.sales * np.nan_to_num(drivers.price[:, :T], nan=0.0), axis=1)
    return np.where(history.revenue > 0, history.revenue, priced)


def forecast_shop(shop: ShopDb, *, horizon: int | None = None, as_of: dt.date | None = None,
                  settings: ForecastSettings | None = None, ctx: JobContext | None = None,
                  store: bool = True, executor: Executor | None = None,
                  compute: "ComputeSettings | None" = None) -> ForecastResult:
    """Forecast every active product from what was known on `as_of` and store the run. `horizon` is in the shop's
    period (core.forecasting.periods.shop_period): days for a daily shop (default 28), weeks or months for a shop
    of weekly or monthly totals (default 13 weeks, 6 months), whose run is made on its period series. The daily
    run's per-product models run on `executor` (core.compute.executors; default: as `compute`, or the shop's own
    compute settings, choose for its size); a period run is one vectorised pass and stays in this process."""
    from core.forecasting.periods import DEFAULT_PERIODS, forecast_periods, load_period_history, shop_period

    ctx = ctx or null_context()
    period = shop_period(shop)
    if horizon is None:
        horizon = settings.horizon if settings is not None and period == "day" else \
            DEFAULT_HORIZON if period == "day" else DEFAULT_PERIODS[period]
    settings = settings or ForecastSettings(horizon=horizon)
    settings.horizon = horizon
    settings.basis = {}
    ctx.progress(0.0, _("Reading the sales history"))
    if period != "day":
        units = sales_units(shop)
        if units.mixed:             # too few days yet: the days are added up into the totals' periods
            settings.basis = {"period": period, "daily_from": units.daily_first.isoformat(),
                              "daily_days": units.daily_days, "summed": True}
        periods = load_period_history(shop, period, as_of=as_of, unknown_gaps=units.mixed)
        result = forecast_periods(periods, horizon, origins=settings.origins, ctx=ctx.sub(0.05, 0.95))
        result.period = period
        # a period's total is no day's sale: the daily check for unusual sales (a bulk order among days) does not
        # apply, and kept empty with the run the alerts do not read the totals as days (a month's total dated on
        # its last day was 'sold 128 on 2024-06-30, against a usual 12 on a selling day')
        result.anomalies = []
        if store:
            store_result(shop, result, periods.as_of, settings)
        ctx.progress(1.0, _("Forecast stored"))
        return result
    units = sales_units(shop)
    if executor is None:            # chosen for the history's size, known before it is read
        from core.compute.settings import load_compute_settings

        products, days, as_of = history_size(shop, as_of, units)
        executor = (compute or load_compute_settings(shop)).executor(
            products * days, min(settings.statistical_max_products, products))
    if _shares_cores(executor):     # the workers start and import while this process reads the shop file
        executor.submit(warm_up)
    history = load_history(shop, as_of=as_of)
    if not len(history.skus) or np.isnan(history.demand).all():
        raise UserError(_("There are no sales to forecast from."), hint=_("Import a sales file first."))
    drivers = load_drivers(shop, history.product_ids, history.days, horizon, history.as_of)
    years = None
    if units.mixed:                 # weekly or monthly totals before the days: the yearly shape, the slow sellers
        from core.forecasting.mixed import deseasonalised, read_period_years

        years = read_period_years(shop, history, units)
    result = forecast_history(deseasonalised(history, years) if years else history, drivers, settings,
                              ctx.sub(0.05, 0.95), executor)
    if years is not None:
        from core.forecasting.mixed import apply_period_years

        settings.basis = apply_period_years(result, history, years)
    if store:
        store_result(shop, result, history.as_of, settings)
    ctx.progress(1.0, _("Forecast stored"))
    return result


def history_size(shop: ShopDb, as_of: dt.date | None, units) -> tuple[int, int, dt.date | None]:
    """(active products, days, as_of) of the history load_history would read, without reading it: its days run
    from the first sales day to `as_of`, by default the last sales day (returned, so it is not looked up twice)."""
    from core.demand.history import _not_in

    exclude = units.period_imports if units.mixed else ()
    first, last = shop.conn.execute("SELECT min(date), max(date) FROM sales" + _not_in(exclude)).fetchone() \
        if exclude else shop.sales_dates()
    products = shop.scalar("SELECT count(*) FROM products WHERE active = 1") or 0
    if first is None:
        return products, 0, as_of
    as_of = as_of or dt.date.fromisoformat(last)
    return products, max((as_of - dt.date.fromisoformat(first)).days + 1, 0), as_of


def store_result(shop: ShopDb, result: ForecastResult, as_of: dt.date, settings: ForecastSettings) -> int:
    choice = result.choice
    with atomic(shop) as conn:
        run_id = conn.execute(
            "INSERT INTO forecast_runs(created_at, as_of, horizon, period, settings, device, seconds, coverage90, "
            "sum_calibration) VALUES (?,?,?,?,?,?,?,?,?)",
            (now_iso(), as_of.isoformat(), settings.horizon, result.period,
             json.dumps({**settings.__dict__, **({"closed": result.closed} if result.closed else {}),
                         **({"shop_days": result.shop_days} if result.shop_days else {}),
                         **({"anomalies": result.anomalies} if result.anomalies is not None else {})}),
             result.device,
             result.seconds, choice.coverage90, json.dumps(result.sum_calibration.as_dict()))).lastrowid
        # plain columns, not a lookup per product (at 20,000 products the rows took 1.4 s where they were looked
        # up in the classes' frame one cell at a time)
        classes = result.classes.set_index("sku").reindex(result.skus)
        pattern, abc, xyz = (classes[column].tolist() for column in ("pattern", "abc", "xyz"))
        conn.executemany(
            "INSERT INTO forecast_products(run_id, product_id, model, weights, pattern, abc, xyz, rmsse, mae, "
            "mae_baseline, bias, dispersion) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            zip(repeat(run_id), result.product_ids.tolist(), result.labels(),
                [json.dumps({m: round(w, 4) for m, w in zip(choice.models, row) if w > 0})
                 for row in choice.weights.tolist()],
                pattern, abc, xyz, *(np.asarray(values, dtype=float).tolist() for values in (
                    choice.rmsse, choice.mae, choice.mae_baseline, choice.bias, choice.dispersion))))
        # the days product by product in the order of the table's key (run, product, date): SQLite appends to its
        # tree instead of inserting all over it (560,000 rows at 20,000 products: 1.05 s against 1.44 s)
        n, h = result.mean.shape
        order = np.argsort(result.product_ids, kind="stable")
        conn.executemany(
            "INSERT INTO forecast_daily(run_id, product_id, date, mean, p05, p50, p80, p90, p95, p99) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            zip(repeat(run_id), np.repeat(result.product_ids[order], h).tolist(),
                np.tile(result.days.strftime("%Y-%m-%d").to_numpy(dtype=object), n).tolist(),
                *(np.asarray(values, dtype=float)[order].ravel().tolist() for values in (
                    result.mean, *(result.quantiles[level] for level in QUANTILES)))))
    return run_id
