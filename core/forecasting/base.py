"""One contract for every forecasting model: fit on a history, predict a horizon with a mean and quantiles.

Histories are float arrays with NaN for days whose demand is unknown (stock-outs) or that are not history yet
(before the first sale). A model's learned state ends in `_`; `alias` names it in reports. Models work on
one product at a time (`fit`/`predict`); the cheap ones also offer `forecast_batch` over a whole matrix of
products at once, which is how the shop-wide run calls them.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

QUANTILES = (0.05, 0.5, 0.8, 0.9, 0.95, 0.99)


@dataclass
class Forecast:
    mean: np.ndarray                                   # (h,)
    quantiles: dict[float, np.ndarray] = field(default_factory=dict)   # level -> (h,)
    model: str = ""

    def quantile(self, level: float) -> np.ndarray:
        return self.quantiles[level]


def known(y: np.ndarray) -> np.ndarray:
    """The days of a history whose demand is known (not NaN)."""
    return y[~np.isnan(y)]


def count_quantiles(mean: np.ndarray, dispersion: np.ndarray | float,
                    levels=QUANTILES) -> dict[float, np.ndarray]:
    """Quantiles of a count demand around `mean`: negative binomial with variance mean * dispersion
    (dispersion 1 is Poisson). Slow and intermittent sellers get honest, skewed intervals, not a normal curve."""
    mean = np.maximum(np.asarray(mean, dtype=float), 1e-9)
    dispersion = np.maximum(np.broadcast_to(np.asarray(dispersion, dtype=float), mean.shape), 1.0 + 1e-6)
    # NB with mean m and variance m*d: p = 1/d, r = m / (d - 1)
    p = 1.0 / dispersion
    r = mean / (dispersion - 1.0)
    out = {}
    for level in levels:
        q = stats.nbinom.ppf(level, r, p)
        out[level] = np.where(mean < 1e-6, 0.0, q)
    return out


def inside_counts(actual: np.ndarray, mean: np.ndarray, dispersion: np.ndarray,
                  bands: list[tuple[float, float]]) -> np.ndarray:
    """How many of the `actual` values fall inside the interval between the count quantiles at each (low, high)
    level pair of `bands`, around `mean` with `dispersion` (as `count_quantiles`; all arrays of one shape).

    Read from the distribution function at the actual values, not by working out the quantiles: with q_p the least
    k with F(k) >= p, q_low <= a exactly when F(floor(a)) >= low, and a <= q_high exactly when
    F(ceil(a) - 1) < high. Two evaluations a day serve every level pair."""
    actual = np.asarray(actual, dtype=float)
    mean = np.maximum(np.asarray(mean, dtype=float), 1e-9)
    dispersion = np.maximum(np.asarray(dispersion, dtype=float), 1.0 + 1e-6)
    p = 1.0 / dispersion
    r = mean / (dispersion - 1.0)
    # a day without a sale (most days of a slow seller) needs no incomplete beta function: F(0) = p^r, F(-1) = 0
    zero = actual == 0
    at, below = np.empty(len(actual)), np.zeros(len(actual))
    at[zero] = np.exp(r[zero] * np.log(p[zero]))
    some = ~zero
    at[some] = stats.nbinom.cdf(np.floor(actual[some]), r[some], p[some])
    below[some] = stats.nbinom.cdf(np.ceil(actual[some]) - 1, r[some], p[some])
    tiny = mean < 1e-6                    # count_quantiles puts every quantile of such a day at 0
    at = np.where(tiny, np.where(actual >= 0, 1.0, 0.0), at)
    below = np.where(tiny, np.where(actual > 0, 1.0, 0.0), below)
    return np.array([int(((at >= low) & (below < high)).sum()) for low, high in bands], dtype=np.int64)


class Model(ABC):
    """A forecasting model for one product. The batch models below implement `forecast_batch` over a matrix
    of products (one row each) and get `fit`/`predict` for one product from it, so there is one
    implementation of each method."""

    alias = "model"

    def fit(self, y: np.ndarray) -> "Model":
        self.history_ = np.asarray(y, dtype=float)
        return self

    def predict(self, h: int, dispersion: float = 1.0) -> Forecast:
        mean = np.maximum(self.forecast_batch(self.history_[None, :], h)[0], 0.0)
        return Forecast(mean, count_quantiles(mean, dispersion), self.alias)

    @abstractmethod
    def forecast_batch(self, Y: np.ndarray, h: int) -> np.ndarray:
        """Mean forecasts (n, h) for the histories Y (n, T), NaN where unknown."""

    def forecast_origins(self, Y: np.ndarray, h: int, ends: list[int], memo: dict | None = None) -> list[np.ndarray]:
        """forecast_batch from the end of each Y[:, :end] for `ends` (a backtest's origins and the whole history).
        The recursive models (Croston, SBA, TSB) make them all in one pass over the days; `memo` is a dict shared
        by the models of one chunk, for the work they have in common."""
        return [self.forecast_batch(Y[:, :end], h) for end in ends]
