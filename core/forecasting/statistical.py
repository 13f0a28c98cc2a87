"""ETS and ARIMA from statsmodels.

Daily retail demand is noisy and a yearly season is 365 days long, which ETS cannot carry day by day. So
these models work on weeks: the product's known days are summed into weeks (scaled up where days were
unknown), ETS (Holt-Winters, damped trend, a 52-week season given two years) or ARIMA forecasts the weeks, and
each week is spread over its days by the product's own weekday profile. A product whose fit fails falls back
to its recent average, and says so in `fallbacks_`.
"""
from __future__ import annotations

import warnings

import numpy as np

from core.forecasting.base import Model
from core.forecasting.models import recent_mean

MIN_WEEKS = 16
PROFILE_WEEKS = 26


def weekly(y: np.ndarray) -> np.ndarray:
    """Sum known days into weeks ending on the last day; a week with unknown days is scaled up to the week's days
    that can be known: 7, less a weekday unknown in every one of the last PROFILE_WEEKS weeks (a day the shop keeps
    closed, core.demand.history: its profile share is 0, so the week's total is spread over the open days)."""
    T = len(y) // 7 * 7
    days = y[len(y) - T:].reshape(-1, 7)
    valid = ~np.isnan(days)
    known = valid.sum(axis=1)
    week = int(valid[-PROFILE_WEEKS:].any(axis=0).sum()) or 7
    totals = np.nansum(days, axis=1) * week / np.maximum(known, 1)
    totals[known == 0] = np.nan
    return totals


def weekday_profile(y: np.ndarray) -> np.ndarray:
    """Share of a week's demand on each of the 7 positions (aligned so position 0 follows the last day)."""
    T = min(len(y) // 7 * 7, PROFILE_WEEKS * 7)
    days = y[len(y) - T:].reshape(-1, 7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(days, axis=0)
    mean = np.nan_to_num(mean, nan=0.0)
    return mean / mean.sum() if mean.sum() > 0 else np.full(7, 1 / 7)


def spread(weeks_ahead: np.ndarray, profile: np.ndarray, h: int) -> np.ndarray:
    daily = (np.clip(weeks_ahead, 0, None)[:, None] * profile[None, :]).ravel()
    return daily[:h]


class _WeeklyModel(Model):
    """Subclasses give `_forecast_weeks(weeks, k) -> k weeks ahead`."""

    def __init__(self):
        self.fallbacks_: list[int] = []

    def forecast_batch(self, Y, h):
        weeks_needed = int(np.ceil(h / 7))
        out = np.zeros((len(Y), h))
        fallback = recent_mean(Y, 28)
        self.fallbacks_ = []
        for i, y in enumerate(Y):
            start = np.argmax(~np.isnan(y)) if (~np.isnan(y)).any() else len(y)
            w = weekly(y[start:])
            w = w[~np.isnan(w)]
            if len(w) < MIN_WEEKS or w.sum() == 0:
                out[i] = fallback[i]
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ahead = self._forecast_weeks(w, weeks_needed)
                if not np.all(np.isfinite(ahead)):
                    raise FloatingPointError("non-finite forecast")
                out[i] = spread(ahead, weekday_profile(y[start:]), h)
            except Exception:  # a fit that fails for one product must not stop the shop-wide run
                self.fallbacks_.append(i)
                out[i] = fallback[i]
        return out


def yearly_index(w: np.ndarray) -> np.ndarray | None:
    """Each week of the year relative to its year's average, from the last two full years (None with less).
    Smoothed over 5 weeks: one good Christmas should not make every year's week 51 a peak."""
    if len(w) < 104:
        return None
    years = w[len(w) - 104:].reshape(2, 52)
    level = years.mean(axis=1, keepdims=True)
    if np.any(level <= 0):
        return None
    index = np.clip((years / level).mean(axis=0), 0.2, 5.0)
    padded = np.concatenate([index[-2:], index, index[:2]])
    return np.convolve(padded, np.ones(5) / 5, mode="valid")


class ETS(_WeeklyModel):
    """statsmodels' Holt-Winters with a damped trend on the weeks, with the yearly season taken out first
    (a 52-week index from the last two years) and put back on the forecast."""

    alias = "ets"

    def _forecast_weeks(self, w, k):
        from statsmodels.tsa.holtwinters import ExponentialSmoothing

        index = yearly_index(w)
        position = np.arange(len(w)) - len(w)  # 0 = the week after the last
        season = index[position % 52] if index is not None else np.ones(len(w))
        ahead_season = index[np.arange(k) % 52] if index is not None else np.ones(k)
        model = ExponentialSmoothing(w[-156:] / season[-156:], trend="add", damped_trend=True,
                                     initialization_method="estimated")
        return model.fit(optimized=True).forecast(k) * ahead_season


class ARIMA(_WeeklyModel):
    """statsmodels' ARIMA(1,1,1) on the weeks of the last two years, the yearly season taken out as for ETS.
    Fitted by the state space model's likelihood (statsmodels' own default), not the innovations algorithm's:
    the same Gaussian likelihood found by another route, 13 ms a fit against 32 ms on M5's 40 most valuable
    products (bench/RESULTS.md, with the windows' accuracy either way)."""

    alias = "arima"
    method = "statespace"

    def _forecast_weeks(self, w, k):
        from statsmodels.tsa.arima.model import ARIMA as StatsARIMA

        index = yearly_index(w)
        position = np.arange(len(w)) - len(w)
        season = index[position % 52] if index is not None else np.ones(len(w))
        ahead_season = index[np.arange(k) % 52] if index is not None else np.ones(k)
        model = StatsARIMA(w[-104:] / season[-104:], order=(1, 1, 1), trend="n",
                           enforce_invertibility=False, enforce_stationarity=False)
        return model.fit(method=self.method).forecast(k) * ahead_season
