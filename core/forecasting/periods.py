"""Forecasts in the data's own period, for shops whose sales are weekly or monthly totals.

A shop that imported one total per product per week or per month has no days: a daily model sees each total as
one day's lump followed by six (or thirty) days of nothing. Such a shop is forecast on its period series instead:
the totals per period (the sheet's first period on, an empty period as 0, never split into fake days), the
candidate models run on that series (the seasonal one with a season of 52 weeks or 12 months, and only with two
seasons of history), backtested on the last periods and chosen per product exactly as the daily run chooses
(core.forecasting.selection), with a negative-binomial spread per period.

The run is stored like a daily one, with `forecast_runs.period` saying its unit: each row of `forecast_daily` is
then one period, dated on its first day, and its figures are the period's totals. Daily shops are not touched.

`shop_period` says which a shop is: the unit of the imports its sales came from (all weekly: week; all monthly, or
weekly and monthly mixed: month; any daily sales: day), unless the owner chose one (Settings ▸ Ordering, "Sales
are forecast": the policy setting `sales_period`).
"""
from __future__ import annotations

import datetime as dt
import time
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.demand.classes import classify
from core.errors import UserError
from core.forecasting.base import Model
from core.forecasting.models import SBA, TSB, Croston, LongAverage, MovingAverage, Naive, SeasonalNaive
from core.forecasting.selection import Backtest, blend_forecasts, choose, quantiles_for
from core.i18n import _
from core.jobs import JobContext, null_context
from core.store.db import ShopDb

PERIODS = ("day", "week", "month")
PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}
SEASON = {"week": 52, "month": 12}
DEFAULT_PERIODS = {"week": 13, "month": 6}          # a quarter of weeks, half a year of months
RECENT = {"week": 8, "month": 3}                    # the moving average's window: two months of weeks, a quarter


MIN_DAILY_DAYS = 56      # days of till sales a daily forecast needs (28 to learn from and a 28-day backtest)


def shop_period(shop: ShopDb) -> str:
    """'day', 'week' or 'month': the owner's choice (the setting `sales_period`) where there is one, else the unit of the
    imports the shop's sales came from (sales typed in or from a daily file make it a daily shop; period totals
    beside days are another channel, planned per product by period). A shop with period totals and then days (a monthly sheet before the till) is daily once it has MIN_DAILY_DAYS of days (the totals
    then give the yearly shape: core.forecasting.mixed), and forecast in the totals' period, the days added up,
    before that."""
    from core.demand.history import sales_units
    from core.policy.settings import load_policy_settings

    chosen = load_policy_settings(shop).sales_period
    if chosen in PERIODS:
        return chosen
    units = sales_units(shop)
    if units.period is None:
        return "day"
    if units.daily_first is None or (units.mixed and units.daily_days < MIN_DAILY_DAYS):
        return units.period
    return "day"            # days (after the totals, or beside them: core.demand.history.SalesUnits.mixed)


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "month":
        return day.replace(day=1)
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def period_end(day: dt.date, period: str) -> dt.date:
    start = period_start(day, period)
    if period == "month":
        return (pd.Timestamp(start) + pd.offsets.MonthEnd(1)).date()
    if period == "week":
        return start + dt.timedelta(days=6)
    return day


@dataclass
class PeriodHistory:
    product_ids: np.ndarray
    skus: np.ndarray
    period: str
    starts: pd.DatetimeIndex        # (P,) the first day of each period, up to the one holding as_of
    demand: np.ndarray              # (n, P) units per period, 0 where nothing sold (from the first period on)
    revenue: np.ndarray             # (n,) sales value over the history
    as_of: dt.date


def load_period_history(shop: ShopDb, period: str, *, as_of: dt.date | None = None,
                        imports: tuple[int, ...] | None = None, unknown_gaps: bool = False) -> PeriodHistory:
    """Each active product's totals per period up to `as_of` (default: the last sale), from the first period any
    sale is in: a sheet of period totals stores no zeros, so a part that sold only lately has its empty periods
    before. Weekly totals are dated on one weekday: each falls into the week (Monday on) that holds it. `imports`:
    only the sales of these imports (a mixed shop's totals, core.forecasting.mixed). `unknown_gaps`: a period in
    which the whole shop sold nothing is unknown (NaN), not a period without sales: a shop whose monthly sheet ends
    in December and whose till starts in August knows nothing of the months between."""
    last = shop.sales_dates()[1]
    if as_of is None:               # the last period's last day: a month's total is dated on its first day
        as_of = period_end(dt.date.fromisoformat(last), period) if last else dt.date.today()
        daily_last = _daily_last(shop)
        if daily_last is not None and daily_last.isoformat() >= last and daily_last < as_of:
            # the last sales are days that end inside a period: that period is not over, and its total so far
            # would read as a bad month; the history ends with the last whole period
            as_of = period_start(daily_last, period) - dt.timedelta(days=1)
    products = pd.read_sql_query("SELECT id, sku FROM products WHERE active = 1 ORDER BY sku", shop.conn,
                                 dtype={"sku": str})
    sales = pd.read_sql_query(
        "SELECT product_id, date, sum(qty) AS qty, sum(coalesce(revenue, 0)) AS revenue FROM sales "
        "WHERE date <= ?" + ("" if imports is None else
                             f" AND import_id IN ({','.join(str(int(i)) for i in imports) or 'NULL'})") +
        " GROUP BY product_id, date", shop.conn, params=(as_of.isoformat(),))
    if sales.empty or products.empty:
        raise UserError(_("There are no sales to forecast from."), hint=_("Import a sales file first."))
    dates = pd.to_datetime(sales["date"])
    freq = "MS" if period == "month" else "W-MON"
    first = period_start(dates.min().date(), period)
    starts = pd.date_range(first, period_start(as_of, period), freq=freq)
    if period == "month":
        column = (dates.dt.year - first.year) * 12 + dates.dt.month - first.month
    else:
        column = (dates - pd.Timestamp(first)).dt.days // 7
    row = pd.Series(np.arange(len(products)), index=products["id"].to_numpy())
    keep = sales["product_id"].isin(row.index).to_numpy()
    n = len(products)
    demand = np.zeros((n, len(starts)))
    np.add.at(demand, (row[sales["product_id"][keep]].to_numpy(), column[keep].to_numpy()),
              np.clip(sales["qty"][keep].to_numpy(dtype=float), 0, None))
    if unknown_gaps:
        demand[:, np.bincount(column[keep].to_numpy(), minlength=len(starts))[:len(starts)] == 0] = np.nan
    revenue = np.zeros(n)
    np.add.at(revenue, row[sales["product_id"][keep]].to_numpy(), sales["revenue"][keep].to_numpy(dtype=float))
    return PeriodHistory(products["id"].to_numpy(), products["sku"].to_numpy(dtype=object), period, starts,
                         demand, revenue, as_of)


def _daily_last(shop: ShopDb) -> dt.date | None:
    from core.demand.history import sales_units

    units = sales_units(shop)
    if units.period is None:          # only days: the owner chose to forecast them in periods (Settings)
        last = shop.sales_dates()[1]
        return dt.date.fromisoformat(last) if last else None
    return units.daily_last


class ADIDA(Model):
    """Temporal aggregation for intermittent demand (Nikolopoulos et al.'s ADIDA): the series summed in buckets as
    long as the product's average interval between sales, a simple exponential smoothing of the bucket totals, and
    that level spread evenly back over the periods of a bucket."""

    alias = "adida"

    def __init__(self, alpha: float = 0.1):
        self.alpha = alpha

    def forecast_batch(self, Y, h):
        n, T = Y.shape
        out = np.zeros(n)
        for i, row in enumerate(Y):
            row = np.nan_to_num(row)
            sold = np.flatnonzero(row > 0)
            if not len(sold):
                continue
            size = int(min(max(round(T / len(sold)), 1), max(T // 3, 1)))
            usable = T - T % size
            buckets = row[T - usable:].reshape(-1, size).sum(axis=1)
            level = buckets[0]
            for value in buckets[1:]:
                level += self.alpha * (value - level)
            out[i] = level / size
        return np.repeat(out[:, None], h, axis=1)


class PooledRate(Model):
    """Each part's rate over all its known periods, pooled with the shop's (an empirical Bayes gamma-Poisson
    estimate): (units sold + a) / (periods known + b), a and b matching the mean and the spread of the parts'
    rates across the shop (method of moments, the Poisson noise of each rate taken out). A part known for two
    years moves little; one known for a few periods leans on what parts sell in this shop."""

    alias = "pooled_rate"

    def forecast_batch(self, Y, h):
        known = ~np.isnan(Y)
        periods = known.sum(axis=1).astype(float)
        units = np.nansum(Y, axis=1)
        some = periods >= 3
        if some.sum() >= 10:
            rate = units[some] / periods[some]
            mean = float(np.average(rate, weights=periods[some]))
            spread = float(np.average((rate - mean) ** 2, weights=periods[some])) - mean * float(
                np.mean(1.0 / periods[some]))
            spread = max(spread, 1e-6 * max(mean, 1e-9))
            a, b = mean ** 2 / spread, mean / spread
        else:
            a, b = 0.0, 0.0
        out = np.zeros(len(Y))
        seen = periods > 0                  # a part never known has no rate of its own to pool
        out[seen] = (units[seen] + a) / (periods[seen] + b)
        return np.repeat(out[:, None], h, axis=1)


SHOP_MODELS = 3          # the shop-wide blend: the three models with the lowest backtest error over all products
EVIDENCE_HALF = 20       # backtest periods with sales at which a product's own choice and the shop's weigh the same


def _shrink_to_shop(choice, Y: np.ndarray, backtest: Backtest, h: int) -> None:
    """Each product's blend held towards the shop-wide blend by how little evidence it has: a product's own choice
    rests on a few backtest periods (two windows of two months for a year of monthly totals), and chosen on so
    little it does worse than one blend for all (bench/forecast_periods.py). The shop-wide blend weighs the
    `SHOP_MODELS` models with the lowest backtest error over the products by the inverse of that error: each
    product's error scaled by its own noise (the RMSSE's terms), weighted by the units it sold before the backtests,
    as the fill rate counts them. (Each model's error relative to the best model's on the same product, averaged,
    counted a model that was best by chance on many slow parts: its blend did 0.2-1.2% worse on held-out periods,
    bench/RESULTS.md, seventeenth session.) A product with `EVIDENCE_HALF` backtest periods with sales counts its own
    choice and the shop's half and half."""
    actuals = np.concatenate(backtest.actuals(Y, h), axis=1)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():   # unknown periods (NaN) are left out
        warnings.simplefilter("ignore", RuntimeWarning)
        scale = np.nan_to_num(np.nanmean(np.diff(Y[:, :backtest.origins[0]], axis=1) ** 2, axis=1), nan=1.0) \
            if backtest.origins[0] > 1 else np.ones(len(Y))
        scaled = np.column_stack([np.nan_to_num(np.nanmean((np.concatenate(backtest.forecasts[m], axis=1) - actuals)
                                                           ** 2, axis=1), nan=0.0) for m in choice.models])
    scale = np.maximum(scale, 1e-3)
    scaled = scaled / scale[:, None]
    units = np.nansum(np.clip(Y[:, :backtest.origins[0]], 0, None), axis=1)
    errors = (units @ scaled) / units.sum() if units.sum() > 0 else np.ones(len(choice.models))
    best = np.argsort(errors, kind="stable")[:SHOP_MODELS]
    shop = np.zeros(len(choice.models))
    shop[best] = 1.0 / np.maximum(errors[best], 1e-9)
    shop /= shop.sum()
    evidence = (actuals > 0).sum(axis=1)
    own = evidence / (evidence + EVIDENCE_HALF)
    choice.weights = own[:, None] * choice.weights + (1 - own[:, None]) * shop[None, :]


STOPPED = "stopped"      # the demand pattern of a part that looks dead rather than slow
UNLIKELY_SILENCE = 0.01   # a run of empty periods this unlikely for the part as it sold before: it stopped selling


def stopped_selling(Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parts that look dead rather than slow, and the most they are expected to sell a period.

    A slow part goes months without a sale and then sells again; a dying one goes quiet for good, and a smoothed
    rate (Croston, SBA, a moving average of its sales) keeps forecasting what it sold before. The two are told
    apart by how unlikely the silence is: with a share p of its periods selling (from its first sale to its last),
    a run of k empty periods since has chance (1 - p)^k (a part that sold once: p = 1 / the periods up to that
    sale). Where that is under 1% the part is taken as stopped, and its forecast is capped at its old rate (p times
    its usual sale size) times the chance that it still sells after that silence (from even odds before it:
    q / (q + 1), q = (1 - p)^k), and never above the sale chance that makes k empty periods an even bet
    (1 - 0.5^(1/k)) times its sale size. It still gets a forecast, small, and recovers as soon as it sells; the plan
    weighs that small rate for the fill rate shared over the shop (core.policy.fill) and mostly leaves it unstocked."""
    n, T = Y.shape
    stopped = np.zeros(n, dtype=bool)
    cap = np.zeros(n)
    for i, row in enumerate(np.nan_to_num(Y)):
        sold = np.flatnonzero(row > 0)
        if not len(sold):
            continue
        # one sale tells no interval between sales: the wait for it from the first period is the interval Croston
        # itself starts from (a part that sold 49,980 once, in week 22, and never in the 113 weeks since is not
        # forecast at 49,980 every 22 weeks)
        share = len(sold) / (sold[-1] - sold[0] + 1) if len(sold) > 1 else 1 / (sold[0] + 1)
        silence = T - 1 - sold[-1]
        quiet = (1 - share) ** silence
        if silence >= 3 and quiet < UNLIKELY_SILENCE:
            stopped[i] = True
            # still selling with the chance the silence leaves it (even odds before the silence), at its old rate
            alive = quiet / (quiet + 1.0)
            cap[i] = min(alive * share, 1 - 0.5 ** (1 / silence)) * row[sold].mean()
    return stopped, cap


def rate_before_silence(Y: np.ndarray) -> np.ndarray:
    """Each part's rate as it sold before its last sale: the share of its periods with a sale (first sale to last)
    times its usual sale size, as stopped_selling reads it (0 for a part that never sold)."""
    rates = np.zeros(Y.shape[0])
    for i, row in enumerate(np.nan_to_num(Y)):
        sold = np.flatnonzero(row > 0)
        if len(sold):
            share = len(sold) / (sold[-1] - sold[0] + 1) if len(sold) > 1 else 1 / (sold[0] + 1)
            rates[i] = share * row[sold].mean()
    return rates


REVIVAL_SPAN = {"week": 26, "month": 6}   # the periods after each past origin that the revival is read over


def revival_share(Y: np.ndarray, period: str, *, origins: int = 3) -> float:
    """What the parts taken as stopped went on to sell, as a share of the rate they sold at before their silence,
    read from this shop's own history: at up to `origins` past points, half a year apart and each with half a year
    after it, the parts stopped_selling took as stopped then, and what they sold over the half year after (pooled).
    0 where the history is too short to look back. stopped_selling's cap is a per-part chance that keeps a dying
    part off the shelf; this is the shop-wide share of their demand that still comes, which the fill rate shared
    over the shop must find room for elsewhere (core.policy.fill.shortage_value)."""
    Y = np.nan_to_num(np.asarray(Y, dtype=float))
    span = REVIVAL_SPAN.get(period, 26)
    before, after = 0.0, 0.0
    for k in range(1, origins + 1):
        origin = Y.shape[1] - k * span
        if origin < 2 * span:
            break
        stopped, _cap = stopped_selling(Y[:, :origin])
        if not stopped.any():
            continue
        before += float(rate_before_silence(Y[stopped, :origin]).sum()) * span
        after += float(Y[stopped, origin:origin + span].sum())
    return float(np.clip(after / before, 0.0, 1.0)) if before > 0 else 0.0


def _candidates(period: str, T: int) -> list[Model]:
    models: list[Model] = [Naive(), MovingAverage(RECENT[period]), LongAverage(SEASON[period]), Croston(0.1),
                           SBA(0.1), TSB(0.1, 0.1), ADIDA(0.1), PooledRate()]
    if T >= 2 * SEASON[period]:
        models.insert(1, SeasonalNaive(SEASON[period]))
    return models


def forecast_periods(history: PeriodHistory, horizon: int, *, origins: int = 3,
                     ctx: JobContext | None = None):
    """Backtest every candidate on the period series, choose per product, forecast `horizon` periods. Returns the
    daily run's ForecastResult with `days` = the first day of each forecast period."""
    from core.forecasting.run import ForecastResult
    from core.policy.demand import SumCalibration

    ctx = ctx or null_context()
    started = time.perf_counter()
    Y = history.demand
    n, T = Y.shape
    h = horizon
    # backtest windows one backtest horizon apart, the earliest with at least 6 periods (and a quarter of them)
    # before it; a short history backtests on shorter windows than the horizon (the candidates' forecasts are flat,
    # but for the seasonal one, which needs two seasons of history anyway)
    least = max(6, T // 4)
    hb = max(1, min(h, (T - least) // max(origins, 1)))
    windows = [T - hb * k for k in range(origins, 0, -1) if T - hb * k >= least]
    if not windows:
        unit = _("months") if history.period == "month" else _("weeks")
        raise UserError(_("The history is too short to forecast: {n} {unit}, and a backtest needs at least {need}.")
                        .format(n=T, unit=unit, need=least + 1),
                        hint=_("Import more sales history, or forecast fewer {unit}.").format(unit=unit))
    backtest = Backtest(windows)
    final, timings = {}, {}
    models = _candidates(history.period, T)
    for k, model in enumerate(models):
        ctx.check_cancelled()
        ctx.progress(k / len(models) * 0.9, _("Backtesting {model}").format(model=model.alias))
        t0 = time.perf_counter()
        backtest.forecasts[model.alias] = [model.forecast_batch(Y[:, :o], hb) for o in windows]
        final[model.alias] = model.forecast_batch(Y, h)
        timings[model.alias] = time.perf_counter() - t0
    ctx.progress(0.92, _("Choosing a model per product"))
    # the spread calibrated to 90% of the backtests' periods, not the daily run's CALIBRATION_TARGET: each product's
    # blend is held to the shop's (_shrink_to_shop), and the period plans' levels were measured with it
    # (bench/replay_periods.py)
    choice = choose(Y, backtest, hb, target=0.90)
    _shrink_to_shop(choice, Y, backtest, hb)
    mean = np.clip(blend_forecasts(choice, final), 0, None)
    mean[np.nansum(Y, axis=1) <= 0] = 0.0
    stopped, cap = stopped_selling(Y)
    mean[stopped] = np.minimum(mean[stopped], cap[stopped, None])
    quantiles = quantiles_for(mean, choice.dispersion, choice.band)
    freq = "MS" if history.period == "month" else "W-MON"
    starts = pd.date_range(history.starts[-1], periods=h + 1, freq=freq)[1:]
    classes = classify(Y, history.revenue, history.skus)
    classes.loc[stopped, "pattern"] = STOPPED          # the plan does not restock these (core.policy.plan)
    ctx.progress(1.0, _("Forecast ready"))
    return ForecastResult(history.skus, history.product_ids, starts, mean, quantiles, choice, classes, "cpu",
                          time.perf_counter() - started, timings, final, backtest, SumCalibration())
