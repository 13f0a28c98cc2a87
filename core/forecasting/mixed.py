"""A shop that kept weekly or monthly totals before it had days (a monthly sheet, then a till).

The days are forecast as days (core.forecasting.run, from the first daily sale on: the totals are left out of the
daily history, core.demand.history.load_history). The totals before them still say two things the days cannot yet:

- **the yearly shape**: a daily history shorter than a year has seen one season, and its models carry today's level
  into a December they have never seen. Each product's month-of-year profile is read from the totals (held towards
  the whole shop's profile by how few units the product sold in them, `SHAPE_PRIOR_UNITS`); the daily models learn
  from the days divided by their month's profile (a level of an average month, whatever window a model looks at),
  and their forecast is multiplied by each forecast day's month profile. Once the days cover `OWN_YEAR_DAYS` the daily models have a year of their own and the totals give
  no shape.
- **what a product sold before the days**: a part that sells twice a year may not have sold in the first two months
  of the till, and a daily model alone would forecast nothing for it. The rate its totals show (seasonally adjusted)
  is blended with the daily forecast by evidence: the units the days saw, or would have seen at the old rate, against
  `LEVEL_PRIOR_UNITS`. A product that sold steadily before and not at all in many days of the till is forecast from
  the days (it stopped); one that sells a few a year keeps most of its old rate until the days have shown enough.

`apply_period_years` returns the sentence the forecast page shows, so the owner knows which came from where.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.demand.history import DemandHistory, SalesUnits
from core.forecasting.periods import PERIOD_DAYS, load_period_history, period_end
from core.forecasting.selection import quantiles_for
from core.store.db import ShopDb

SHAPE_PRIOR_UNITS = 50.0    # units in the totals at which a product's own month profile and the shop's weigh the same
LEVEL_PRIOR_UNITS = 2.0     # units seen in the days at which the days' level and the totals' rate weigh the same
OWN_YEAR_DAYS = 400         # days of daily history from which the daily models carry the year themselves
YEAR_MONTHS = 12
MAX_FACTOR = 5.0            # a month at most five times (or a fifth of) the recent months: a profile, not a spike


def month_profiles(Y: np.ndarray, starts: pd.DatetimeIndex, period: str) -> np.ndarray | None:
    """(n, 12): each product's demand in each calendar month relative to its average month (mean 1), held towards
    the shop's profile by its units; None with less than a year of totals (a month without history has no shape)."""
    middle = starts + pd.Timedelta(days=3) if period == "week" else starts      # a week counts in its middle's month
    months = np.asarray(middle.month) - 1
    seen = np.bincount(months, minlength=YEAR_MONTHS)
    if (seen == 0).any():
        return None
    per_month = np.zeros((len(Y), YEAR_MONTHS))
    for m in range(YEAR_MONTHS):
        per_month[:, m] = Y[:, months == m].sum(axis=1) / seen[m]       # average total of a period in month m
    shop = per_month.sum(axis=0)
    if shop.sum() <= 0:
        return None
    shop_share = shop / shop.sum()
    units = Y.sum(axis=1)
    own = per_month / np.maximum(per_month.sum(axis=1, keepdims=True), 1e-12)
    share = (units[:, None] * own + SHAPE_PRIOR_UNITS * shop_share[None, :]) / (units[:, None] + SHAPE_PRIOR_UNITS)
    return share * YEAR_MONTHS


@dataclass
class PeriodYears:
    """The totals before the days, row for row with the daily history's products."""
    period: str
    starts: pd.DatetimeIndex
    Y: np.ndarray                       # (n, P) totals per period, 0 for a product not in them
    profiles: np.ndarray | None         # (n, 12) month-of-year profiles, mean 1 (None: under a year of totals)
    shape: bool                         # the daily history is short of a year: the profiles shape the forecast
    daily_from: dt.date


def read_period_years(shop: ShopDb, history: DemandHistory, units: SalesUnits) -> PeriodYears | None:
    """None where the totals are not from before the days (they can add nothing the days do not say)."""
    if not units.mixed or units.period_first is None or units.period_first >= units.daily_first:
        return None
    # up to the last period of totals or the day before the days, whichever is first: months known by neither are
    # not months without sales
    end = min(units.daily_first - dt.timedelta(days=1), period_end(units.period_last, units.period))
    years = load_period_history(shop, units.period, as_of=end, imports=units.period_imports)
    row_of = pd.Series(np.arange(len(years.product_ids)), index=years.product_ids)
    rows = row_of.reindex(history.product_ids).to_numpy()
    have = ~np.isnan(rows)
    Y = np.zeros((len(history.product_ids), years.demand.shape[1]))
    Y[have] = years.demand[rows[have].astype(int)]
    profiles = month_profiles(Y, years.starts, units.period)
    shape = profiles is not None and len(history.days) < OWN_YEAR_DAYS
    return PeriodYears(units.period, years.starts, Y, profiles, shape, units.daily_first)


def _day_factors(years: PeriodYears, days: pd.DatetimeIndex) -> np.ndarray:
    return years.profiles[:, np.asarray(days.month) - 1]


def deseasonalised(history: DemandHistory, years: PeriodYears | None) -> DemandHistory:
    """The history the daily models learn from: each day's demand divided by its month's profile, so that a level
    learned in August and September is a level of an average month, whatever the models' windows. Unchanged where
    the totals give no shape."""
    if years is None or not years.shape:
        return history
    return dataclasses.replace(history, demand=history.demand / _day_factors(years, history.days))


def apply_period_years(result, history: DemandHistory, years: PeriodYears) -> dict:
    """Shape and blend a daily ForecastResult of a mixed shop in place (see the module's text): the forecast of the
    deseasonalised days times each forecast day's month profile, blended with the rate the totals showed. Returns
    what was done, for the run's settings and the forecast page's sentence."""
    period = years.period
    T = len(history.days)
    mean = result.mean * _day_factors(years, result.days) if years.shape else result.mean
    # the totals' rate per day: their last year (seasonally adjusted where there is a profile)
    tail = min(YEAR_MONTHS if period == "month" else 52, years.Y.shape[1])
    last = years.Y[:, -tail:]
    if years.profiles is not None:
        middle = years.starts + pd.Timedelta(days=3) if period == "week" else years.starts
        tail_months = (np.asarray(middle.month) - 1)[-tail:]
        prior = (last / np.maximum(years.profiles[:, tail_months], 1 / MAX_FACTOR)).mean(axis=1) / PERIOD_DAYS[period]
        prior_days = prior[:, None] * _day_factors(years, result.days)
    else:
        prior = last.mean(axis=1) / PERIOD_DAYS[period]
        prior_days = np.repeat(prior[:, None], len(result.days), axis=1)
    evidence = np.maximum(np.nansum(history.sales, axis=1), prior * T)
    weight = np.where(prior > 0, evidence / (evidence + LEVEL_PRIOR_UNITS), 1.0)
    result.mean = np.clip(weight[:, None] * mean + (1 - weight[:, None]) * prior_days, 0, None)
    result.quantiles = quantiles_for(result.mean, result.choice.dispersion, result.choice.band)
    return {"period": period, "periods": int(years.Y.shape[1]), "daily_from": years.daily_from.isoformat(),
            "shape": bool(years.shape), "from_totals": int((weight < 0.5).sum())}
