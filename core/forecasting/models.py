"""The fast models, each a few lines of numpy over all products at once.

Naive family (last value, last week again, recent average) as honest baselines; Croston, SBA and TSB for
intermittent demand (many days without a sale), computed by their textbook recursions.
"""
from __future__ import annotations

import warnings

import numpy as np

from core.forecasting.base import Model


def last_known(Y: np.ndarray) -> np.ndarray:
    """Each row's last non-NaN value (0 for a row with none)."""
    mask = ~np.isnan(Y)
    idx = np.where(mask.any(axis=1), Y.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1), -1)
    out = np.where(idx >= 0, Y[np.arange(len(Y)), np.maximum(idx, 0)], 0.0)
    return np.nan_to_num(out)


def recent_mean(Y: np.ndarray, window: int) -> np.ndarray:
    """Mean of each row's last `window` known days (a stock-out does not drag the mean down)."""
    out = np.zeros(len(Y))
    for i, row in enumerate(Y):
        known = row[~np.isnan(row)]
        out[i] = known[-window:].mean() if len(known) else 0.0
    return out


class Naive(Model):
    alias = "naive"

    def forecast_batch(self, Y, h):
        return np.repeat(last_known(Y)[:, None], h, axis=1)


class SeasonalNaive(Model):
    """Each weekday as it was last week (falling back to the average of that weekday when it was unknown)."""

    alias = "seasonal_naive"

    def __init__(self, season: int = 7):
        self.season = season

    def forecast_batch(self, Y, h):
        n, T = Y.shape
        s = self.season
        last = Y[:, T - s:] if T >= s else np.pad(Y, ((0, 0), (s - T, 0)), constant_values=np.nan)
        # unknown days: that weekday's mean over the last 8 weeks
        tail = Y[:, max(0, T - 8 * s):]
        tail = tail[:, tail.shape[1] % s:] if tail.shape[1] >= s else tail
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            profile = np.nanmean(tail.reshape(n, -1, s), axis=1) if tail.shape[1] >= s else np.full((n, s), np.nan)
        last = np.where(np.isnan(last), profile, last)
        last = np.nan_to_num(last, nan=0.0)
        reps = int(np.ceil(h / s))
        return np.tile(last, reps)[:, :h]


class MovingAverage(Model):
    alias = "moving_average"

    def __init__(self, window: int = 28):
        self.window = window

    def forecast_batch(self, Y, h):
        return np.repeat(recent_mean(Y, self.window)[:, None], h, axis=1)


class LongAverage(MovingAverage):
    """The average of a long window (a year of weeks or months, for period shops): the steadiest rate of a slow
    part, whose short averages jump with every lump."""
    alias = "long_average"


def croston_state(Y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Croston's smoothed demand size z and interval p after the last day, per row.

    Initialised with the first non-zero demand and its interval from the start of the history; updated only
    on days with demand; unknown days (NaN) are skipped, neither sales nor silence.
    """
    n, T = Y.shape
    z = np.full(n, np.nan)
    p = np.full(n, np.nan)
    q = np.ones(n)  # days since the last demand, counting this one
    for t in range(T):
        y = Y[:, t]
        known = ~np.isnan(y)
        demand = known & (y > 0)
        first = demand & np.isnan(z)
        update = demand & ~first
        z[first], p[first] = y[first], q[first]
        z[update] += alpha * (y[update] - z[update])
        p[update] += alpha * (q[update] - p[update])
        q[demand] = 1
        q[known & ~demand] += 1
    return z, p


class Croston(Model):
    alias = "croston"

    def __init__(self, alpha: float = 0.1):
        self.alpha = alpha

    def forecast_batch(self, Y, h):
        z, p = croston_state(Y, self.alpha)
        rate = np.where(np.isnan(z), 0.0, z / np.where(np.isnan(p), 1.0, p)) * self._bias_factor()
        return np.repeat(rate[:, None], h, axis=1)

    def _bias_factor(self) -> float:
        return 1.0


class SBA(Croston):
    """Syntetos-Boylan: Croston's rate times (1 - alpha/2), which removes its known upward bias."""

    alias = "sba"

    def _bias_factor(self) -> float:
        return 1.0 - self.alpha / 2


class TSB(Model):
    """Teunter-Syntetos-Babai: smooths the probability of a sale every day (so a product that stops selling
    fades out) and the size of a sale on days with one."""

    alias = "tsb"

    def __init__(self, alpha_demand: float = 0.1, alpha_probability: float = 0.1):
        self.alpha_demand = alpha_demand
        self.alpha_probability = alpha_probability

    def forecast_batch(self, Y, h):
        n, T = Y.shape
        z = np.full(n, np.nan)
        prob = np.full(n, np.nan)
        for t in range(T):
            y = Y[:, t]
            known = ~np.isnan(y)
            demand = known & (y > 0)
            start = known & np.isnan(prob)
            prob[start] = demand[start].astype(float)
            z[start & demand] = y[start & demand]
            step = known & ~start
            prob[step] += self.alpha_probability * (demand[step] - prob[step])
            grow = step & demand
            first_size = grow & np.isnan(z)
            z[first_size] = y[first_size]
            upd = grow & ~first_size
            z[upd] += self.alpha_demand * (y[upd] - z[upd])
        rate = np.nan_to_num(prob) * np.nan_to_num(z)
        return np.repeat(rate[:, None], h, axis=1)
