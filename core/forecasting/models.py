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


def croston_states(Y: np.ndarray, alpha: float, ends: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Croston's smoothed demand size z and interval p per row after the first `end` days of Y, for each of `ends`
    (one pass over the days, however many ends: a backtest's origins and the whole history).

    Initialised with the first non-zero demand and its interval from the start of the history; updated only
    on days with demand; unknown days (NaN) are skipped, neither sales nor silence. Each day is one step over all
    rows at once (the days as contiguous columns), the same arithmetic on every value as the textbook recursion
    (a test compares them to the bit).
    """
    n = Y.shape[0]

    def step(y, state):
        z, p, q = state
        demand = y > 0
        if not demand.any():
            return z, p, q + ~np.isnan(y)
        fresh = np.isnan(z)
        z = np.where(demand, np.where(fresh, y, z + alpha * (y - z)), z)
        p = np.where(demand, np.where(fresh, q, p + alpha * (q - p)), p)
        return z, p, np.where(demand, 1.0, np.where(np.isnan(y), q, q + 1.0))

    # q: days since the last demand, counting this one
    states = _one_pass(Y, ends, (np.full(n, np.nan), np.full(n, np.nan), np.ones(n)), step)
    return [(z, p) for z, p, _q in states]


def _one_pass(Y: np.ndarray, ends: list[int], state: tuple, step) -> list[tuple]:
    """`state = step(day's values, state)` over the days of Y up to the last of `ends` (the days as contiguous
    columns: each day one vector step over all rows), and a copy of the state after the first `end` days for each
    of `ends`."""
    last = max(ends)
    days = np.ascontiguousarray(Y[:, :last].T)
    wanted: dict[int, tuple] = {}
    for t in range(last + 1):
        if t in ends and t not in wanted:
            wanted[t] = tuple(a.copy() for a in state)
        if t == last:
            break
        state = step(days[t], state)
    return [wanted[end] for end in ends]


def croston_state(Y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Croston's smoothed demand size z and interval p after the last day, per row (croston_states)."""
    return croston_states(Y, alpha, [Y.shape[1]])[0]


def tsb_states(Y: np.ndarray, alpha_demand: float, alpha_probability: float,
               ends: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """TSB's smoothed size of a sale z and probability of a sale per row after the first `end` days of Y, for each
    of `ends`, in one pass: the probability moves on every known day (starting at that day's 0 or 1), the size on
    days with a sale (starting at the first sale); unknown days (NaN) are skipped."""
    n = Y.shape[0]

    def step(y, state):
        z, prob = state
        known = ~np.isnan(y)
        demand = y > 0
        sold = demand.astype(float)
        prob = np.where(known, np.where(np.isnan(prob), sold, prob + alpha_probability * (sold - prob)), prob)
        if demand.any():
            z = np.where(demand, np.where(np.isnan(z), y, z + alpha_demand * (y - z)), z)
        return z, prob

    return _one_pass(Y, ends, (np.full(n, np.nan), np.full(n, np.nan)), step)


class Croston(Model):
    alias = "croston"

    def __init__(self, alpha: float = 0.1):
        self.alpha = alpha

    def forecast_batch(self, Y, h):
        return self._forecast(*croston_state(Y, self.alpha), h)

    def forecast_origins(self, Y, h, ends, memo=None):
        """From each of `ends` in one pass over the days; Croston and SBA with the same alpha share the pass
        through `memo` (one chunk's dict)."""
        memo = {} if memo is None else memo
        key = ("croston", self.alpha, tuple(ends))
        if key not in memo:
            memo[key] = croston_states(Y, self.alpha, ends)
        return [self._forecast(z, p, h) for z, p in memo[key]]

    def _forecast(self, z, p, h):
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
        return self.forecast_origins(Y, h, [Y.shape[1]])[0]

    def forecast_origins(self, Y, h, ends, memo=None):
        """From each of `ends` in one pass over the days."""
        states = tsb_states(Y, self.alpha_demand, self.alpha_probability, ends)
        return [np.repeat((np.nan_to_num(prob) * np.nan_to_num(z))[:, None], h, axis=1) for z, prob in states]
