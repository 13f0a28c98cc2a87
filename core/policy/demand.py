"""Demand over the days an order has to cover, as a whole distribution rather than a normal curve.

An order placed today has to last until the order after it arrives: the lead time plus the days until the next
order day (the protection interval). Its demand is the sum of the forecast's days, spread as a negative binomial
(variance = mean x dispersion), so a slow seller gets the skewed, whole-unit distribution it really has. Where
the supplier's lead time varies (learned from received orders), the distribution is the mixture over the lead
times seen. Sums of days are more uncertain than one day times the number of days (a forecast that is high
one day tends to be high the next): the forecast's backtest measures by how much (`SumCalibration`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from core.i18n import _
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
    dispersion for windows of `days` (interpolated between them, held beyond the ends), for the whole shop and
    per demand pattern (smooth, erratic, intermittent, lumpy) where the backtest had enough of it."""
    days: tuple[int, ...] = (7,)
    factors: tuple[float, ...] = (1.0,)
    by_group: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def factor(self, k: int, group: str | None = None) -> float:
        return float(np.interp(k, self.days, self.by_group.get(group or "", self.factors)))

    def as_dict(self) -> dict:
        return {"days": list(self.days), "all": list(self.factors),
                **{g: list(f) for g, f in self.by_group.items()}}

    @classmethod
    def from_dict(cls, data: dict | None) -> "SumCalibration":
        if not data:
            return cls()
        if "days" not in data:      # stored before patterns had their own: {days: factor}
            days = sorted(int(d) for d in data)
            return cls(tuple(days), tuple(float(data[str(d)]) for d in days))
        groups = {g: tuple(f) for g, f in data.items() if g not in ("days", "all")}
        return cls(tuple(data["days"]), tuple(data["all"]), groups)


def cumulative_demand(daily_mean: np.ndarray, days: int, tail_rate: float | None = None) -> float:
    """Expected demand over the first `days` days of the forecast; beyond its horizon `tail_rate` carries on (by
    default the last week's average rate; see ordinary_week_rate)."""
    h = len(daily_mean)
    if days <= h:
        return float(daily_mean[:days].sum())
    rate = tail_rate if tail_rate is not None else float(daily_mean[-7:].mean()) if h else 0.0
    return float(daily_mean.sum()) + rate * (days - h)


def ordinary_week_rate(daily_mean: np.ndarray, first_day: dt.date, closures) -> float | None:
    """The daily rate of the forecast's last ordinary week, to carry on beyond its horizon, where its last week
    falls on a closure by date (`closures`: [first, last] ISO runs; core.demand.history closed_by_date): a
    holiday shutdown at the end of the horizon is not the rate of the year after it. Each weekday's last day
    outside the closures, averaged; None where the last week holds no closure (the last week's average then)."""
    h = len(daily_mean)
    days = np.array([first_day + dt.timedelta(days=k) for k in range(h)])
    shut = np.zeros(h, dtype=bool)
    for first, last in closures or ():
        shut |= (days >= dt.date.fromisoformat(first)) & (days <= dt.date.fromisoformat(last))
    if not shut[-7:].any():
        return None
    weekday = np.array([d.weekday() for d in days])
    last = [np.flatnonzero(~shut & (weekday == w)) for w in range(7)]
    if any(not len(k) for k in last):
        return None
    return float(np.mean([daily_mean[k[-1]] for k in last]))


def protection_demand(daily_mean: np.ndarray, dispersion: float, lead_days: dict[int, float], review_days: int,
                      calibration: SumCalibration = SumCalibration(), group: str | None = None,
                      tail_rate: float | None = None) -> DemandDistribution:
    """Demand from today until the order after this one arrives (lead time + review period), mixed over the
    lead times the supplier has shown."""
    parts = []
    for lead, weight in lead_days.items():
        k = max(int(round(lead)) + review_days, 1)
        parts.append((weight, negbin_pmf(cumulative_demand(daily_mean, k, tail_rate),
                                         dispersion * calibration.factor(k, group))))
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
                   _("learned from {n} received orders").format(n=len(observed)))


def sum_calibration(forecasts: list[np.ndarray], actuals: list[np.ndarray], dispersion: np.ndarray,
                    groups: np.ndarray | None = None, windows: tuple[int, ...] = (7, 14, 21, 28),
                    levels: tuple[float, ...] = (0.90, 0.95, 0.98), min_samples: int = 200) -> SumCalibration:
    """For each window of k days from a backtest origin, the factor on the daily dispersion with which the
    negative binomial's quantiles of the k-day sums hold as often as they should (over the service levels a
    shop asks for), over every product and origin whose k days are all known; then the same per group (demand
    pattern) with at least `min_samples` sums. Never below 1: sums are at least as uncertain as their days."""
    samples = {k: _window_sums(forecasts, actuals, dispersion, groups, k) for k in windows}
    samples = {k: v for k, v in samples.items() if len(v[0])}
    if not samples:
        return SumCalibration()
    days = tuple(samples)
    names = sorted(set(np.concatenate([g for *_, g in samples.values()]))) if groups is not None else []
    overall, by_group = [], {str(name): [] for name in names}
    for mean, actual, d, g in samples.values():
        # each sum's cdf once per factor, counted for all products and for each group (a group's own factor needs
        # at least `min_samples` sums; else it takes the overall one)
        code = {name: j for j, name in enumerate(names)}
        codes = np.array([code[name] for name in g], dtype=np.intp) if names else np.zeros(len(mean), dtype=np.intp)
        below = _below_counts(mean, actual, d, levels, codes, max(len(names), 1))
        everyone = _best_factor(below.sum(axis=0), len(mean), levels)
        overall.append(everyone)
        sizes = np.bincount(codes, minlength=max(len(names), 1))
        for j, name in enumerate(names):
            by_group[str(name)].append(_best_factor(below[j], int(sizes[j]), levels) if sizes[j] >= min_samples
                                       else everyone)
    overall = tuple(overall)
    by_group = {name: tuple(factors) for name, factors in by_group.items()}
    return SumCalibration(days, overall, by_group)


_FACTORS = np.array([1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.5, 8.0, 10.0, 13.0, 16.0, 20.0])


def _window_sums(forecasts, actuals, dispersion, groups, k):
    """Forecast and actual sums over the first k days after each origin (products with all k days known)."""
    parts = []
    for f, a in zip(forecasts, actuals):
        if a.shape[1] < k:
            continue
        window = a[:, :k]
        ok = ~np.isnan(window).any(axis=1)
        mean = np.clip(f[ok, :k], 0, None).sum(axis=1)
        live = mean > 1e-6
        g = groups[ok][live] if groups is not None else np.zeros(live.sum(), dtype=object)
        parts.append((mean[live], window[ok].sum(axis=1)[live], dispersion[ok][live], g))
    if not parts:
        return np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0, dtype=object)
    return tuple(np.concatenate(column) for column in zip(*parts))


def _below_counts(mean: np.ndarray, actual: np.ndarray, dispersion: np.ndarray, levels, codes: np.ndarray,
                  groups: int) -> np.ndarray:
    """(groups, factors, levels): how many sums of each group hold below their negative binomial quantile at each
    level with the daily dispersion times each of _FACTORS. actual <= ppf(level) exactly when
    cdf(actual - 1) < level, so one cdf per sum and factor serves every level (and every group it is in)."""
    counts = np.zeros((groups, len(_FACTORS), len(levels)), dtype=np.int64)
    for f, factor in enumerate(_FACTORS):
        spread = np.maximum(dispersion * factor, 1.0 + 1e-6)
        below = stats.nbinom.cdf(actual - 1, mean / (spread - 1.0), 1.0 / spread)
        for k, level in enumerate(levels):
            counts[:, f, k] = np.bincount(codes[below < level], minlength=groups)
    return counts


# Factors whose quantiles hold within this much of the closest (the gaps to the levels added up) hold as well: the
# smallest of them is taken. A sum's quantiles move little over a wide range of factors (a negative binomial's upper
# quantiles even fall again as its spread grows), so the closest alone jumped between neighbours (the gift shop's
# 14-day sums: 0.894 / 0.956 / 0.988 held at 3, 0.898 / 0.956 / 0.989 at 10, and 10 was taken): a spread three times
# wider for no service the backtests can see. A third of a point a level, about the sampling noise of 10,000 sums.
FACTOR_TOLERANCE = 0.01


def _best_factor(counts: np.ndarray, total: int, levels) -> float:
    """The smallest factor whose quantiles hold within FACTOR_TOLERANCE of the closest to their levels, from the
    counts below (factors, levels) of `total` sums: each level's share held is counts / total."""
    gaps = np.array([sum(abs(counts[f, k] / total - level) for k, level in enumerate(levels))
                     for f in range(len(_FACTORS))])
    return float(_FACTORS[np.flatnonzero(gaps <= gaps.min() + FACTOR_TOLERANCE)[0]])
