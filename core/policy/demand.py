"""Demand over the days an order has to cover, as a whole distribution rather than a normal curve.

An order placed today has to last until the order after it arrives: the lead time plus the days until the next
order day (the protection interval). Its demand is the sum of the forecast's days, spread as a negative binomial
(variance = mean x dispersion), so a slow seller gets the skewed, whole-unit distribution it really has. Where
the supplier's lead time varies (learned from received orders), the distribution is the mixture over the lead
times seen. Sums of days are more uncertain than one day times the number of days (a forecast that is high
one day tends to be high the next): the forecast's backtest measures by how much (`SumCalibration`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from core.policy.optimal import negbin_pmf

@dataclass(frozen=True)
class DemandDistribution:
    """P(demand = k) for k = 0, 1, 2, ...: whole units."""
    pmf: np.ndarray

    @property
    def mean(self) -> float:
        return float(np.dot(np.arange(len(self.pmf)), self.pmf))

    @property
    def std(self) -> float:
        k = np.arange(len(self.pmf))
        return float(np.sqrt(max(np.dot(k * k, self.pmf) - self.mean ** 2, 0.0)))

    def cdf(self, y: float) -> float:
        if y < 0:
            return 0.0
        return float(self.pmf[:int(np.floor(y)) + 1].sum())

    def quantile(self, level: float) -> int:
        """The smallest stock that covers demand with probability `level`."""
        cumulative = np.cumsum(self.pmf)
        return int(min(np.searchsorted(cumulative, level - 1e-12), len(self.pmf) - 1))

    def shortage(self, y: float | np.ndarray) -> np.ndarray:
        """E[(D - y)^+]: the units that stock y would fail to serve."""
        y = np.atleast_1d(np.asarray(y, dtype=float))
        k = np.arange(len(self.pmf))
        return np.clip(k[None, :] - y[:, None], 0, None) @ self.pmf


@dataclass(frozen=True)
class SumCalibration:
    """By how much the spread of a sum of k forecast days exceeds k independent days: a factor on the daily
    dispersion for windows of `days` (interpolated between them, the last one held beyond)."""
    days: tuple[int, ...] = (1,)
    factors: tuple[float, ...] = (1.0,)

    def factor(self, k: int) -> float:
        return float(np.interp(k, self.days, self.factors))

    def as_dict(self) -> dict[str, float]:
        return {str(d): f for d, f in zip(self.days, self.factors)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "SumCalibration":
        if not data:
            return cls()
        days = sorted(int(d) for d in data)
        return cls(tuple(days), tuple(float(data[str(d)]) for d in days))


def cumulative_demand(daily_mean: np.ndarray, days: int) -> float:
    """Expected demand over the first `days` days of the forecast; beyond its horizon the last week's
    average rate carries on."""
    h = len(daily_mean)
    if days <= h:
        return float(daily_mean[:days].sum())
    rate = float(daily_mean[-7:].mean()) if h else 0.0
    return float(daily_mean.sum()) + rate * (days - h)


def protection_demand(daily_mean: np.ndarray, dispersion: float, lead_days: dict[int, float], review_days: int,
                      calibration: SumCalibration = SumCalibration()) -> DemandDistribution:
    """Demand from today until the order after this one arrives (lead time + review period), mixed over the
    lead times the supplier has shown."""
    parts = []
    for lead, weight in lead_days.items():
        k = max(int(round(lead)) + review_days, 1)
        parts.append((weight, negbin_pmf(cumulative_demand(daily_mean, k), dispersion * calibration.factor(k))))
    size = max(len(p) for _, p in parts)
    pmf = np.zeros(size)
    for weight, p in parts:
        pmf[:len(p)] += weight * p
    return DemandDistribution(pmf / pmf.sum())


@dataclass
class LeadTime:
    """The days from order to delivery: the product's or supplier's figure, or what received orders showed."""
    days: dict[int, float] = field(default_factory=lambda: {7: 1.0})   # lead time in days -> probability
    source: str = "the default lead time"   # or the product's / the supplier's, or 'learned from N received orders'

    @property
    def mean(self) -> float:
        return sum(d * w for d, w in self.days.items())

    @property
    def spread(self) -> float:
        m = self.mean
        return float(np.sqrt(sum(w * (d - m) ** 2 for d, w in self.days.items())))

    @classmethod
    def fixed(cls, days: float, source: str) -> "LeadTime":
        return cls({max(int(round(days)), 0): 1.0}, source)

    @classmethod
    def learned(cls, observed: list[float]) -> "LeadTime":
        values, counts = np.unique(np.round(observed).astype(int), return_counts=True)
        return cls({int(v): c / counts.sum() for v, c in zip(values, counts)},
                   f"learned from {len(observed)} received orders")


def sum_calibration(forecasts: list[np.ndarray], actuals: list[np.ndarray], dispersion: np.ndarray,
                    windows: tuple[int, ...] = (1, 7, 14, 21, 28),
                    levels: tuple[float, ...] = (0.90, 0.95, 0.98)) -> SumCalibration:
    """For each window of k days from a backtest origin, the factor on the daily dispersion with which the
    negative binomial's quantiles of the k-day sums hold as often as they should (over the service levels a
    shop asks for), over every product and origin whose k days are all known."""
    factors = []
    grid = np.array([1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0, 13.0, 16.0, 20.0])
    for k in windows:
        sums_f, sums_a, disp = [], [], []
        for f, a in zip(forecasts, actuals):
            if a.shape[1] < k:
                continue
            window = a[:, :k]
            ok = ~np.isnan(window).any(axis=1)
            sums_f.append(np.clip(f[ok, :k], 0, None).sum(axis=1))
            sums_a.append(window[ok].sum(axis=1))
            disp.append(dispersion[ok])
        if not sums_f or not sum(len(s) for s in sums_f):
            break
        mean, actual, d = (np.concatenate(x) for x in (sums_f, sums_a, disp))
        live = mean > 1e-6
        mean, actual, d = mean[live], actual[live], d[live]
        best, best_gap = 1.0, np.inf
        for factor in grid:
            spread = np.maximum(d * factor, 1.0 + 1e-6)
            r, p = mean / (spread - 1.0), 1.0 / spread
            gap = sum(abs(np.mean(actual <= stats.nbinom.ppf(level, r, p)) - level) for level in levels)
            if gap < best_gap - 1e-9:
                best, best_gap = float(factor), gap
        factors.append(best)
    used = windows[:len(factors)] or (1,)
    return SumCalibration(tuple(used), tuple(factors) or (1.0,))
