"""The exact optimal (s, S) policy for periodic review with backorders and whole-unit demand.

Zheng & Federgruen (1991), "Finding optimal (s, S) policies is about as simple as evaluating a single policy",
Operations Research 39(4): 654-665. Each period the inventory position y (on hand + on order - backorders) is
reviewed; when y <= s an order brings it up to S, at a fixed cost K. An order placed now arrives after the lead
time, and the period after that is charged G(y) = h E[(y - D)^+] + p E[(D - y)^+], D the demand over the lead
time plus one period. The long-run average cost of (s, S) is

    c(s, S) = (K + sum_{j=0}^{S-s-1} m(j) G(S - j)) / M(S - s)

where m(j) is the expected number of periods the position spends at S - j before falling to s or below (m(0) =
1 / (1 - p0): periods without demand keep it at S) and M(n) = m(0) + ... + m(n - 1) is the expected cycle length.
ZF's search moves s and S monotonically from the minimiser of G and stops when G(S) exceeds the best cost found,
so finding the optimum costs only a few evaluations of c, each a dot product here.

Convention: order when y <= s (s itself is never a position after ordering). With it, Poisson demand of mean 6
per period, h = 1, p = 4, K = 5 and no lead time gives (s, S) = (4, 10) at 8.034 per period, ZF's example.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import signal, special

TAIL = 1e-12            # demand beyond the point where less than this much probability is left is dropped
SUM_TOLERANCE = 1e-6    # a pmf summing to within this of 1 is renormalised; further off, it is refused


@dataclass(frozen=True)
class SSPolicy:
    """Order up to S whenever the inventory position is at or below s; `cost` is the long-run average per period."""
    s: int
    S: int
    cost: float


def poisson_pmf(mean: float, tail: float = TAIL) -> np.ndarray:
    """P(D = k) for Poisson demand, cut where less than `tail` lies beyond and renormalised."""
    if not mean >= 0:
        raise ValueError(f"a Poisson mean must be 0 or more, not {mean}")
    if mean == 0:
        return np.ones(1)
    log_mean = math.log(mean)
    return _cut(lambda k: k * log_mean - mean - special.gammaln(k + 1.0), mean, mean, tail)


def negbin_pmf(mean: float, dispersion: float, tail: float = TAIL) -> np.ndarray:
    """Negative binomial demand with variance mean x dispersion (dispersion 1 or less: Poisson), cut where less
    than `tail` lies beyond and renormalised."""
    if not mean >= 0:
        raise ValueError(f"a negative binomial mean must be 0 or more, not {mean}")
    if dispersion <= 1.0 or mean == 0:
        return poisson_pmf(mean, tail)
    r = mean / (dispersion - 1.0)
    # log P(k) = log(Gamma(k + r) / Gamma(r)) - log k! + r log p + k log(1 - p), p = 1 / dispersion, with the
    # gamma ratio as a sum of log(r + j), j < k, and r (1 - p) = mean / dispersion: no difference of two huge
    # log-gammas (r runs to millions for a dispersion near 1)
    base, log_rate = -r * math.log(dispersion), math.log(mean / dispersion)

    def log_pmf(k: np.ndarray) -> np.ndarray:
        rising = np.concatenate(([0.0], np.cumsum(np.log1p(k[:-1] / r))))
        return base + k * log_rate + rising - special.gammaln(k + 1.0)

    # its tail falls like (1 - 1/dispersion)^k: reach 1e-13 of that in the first range taken
    return _cut(log_pmf, mean, mean * dispersion, tail, 30.0 / -math.log1p(-1.0 / dispersion))


def _cut(log_pmf, mean: float, variance: float, tail: float, reach: float = 0.0) -> np.ndarray:
    """The pmf from its log on 0, 1, ..., up to the first k with P(D > k) <= tail, renormalised (as scipy's
    pmf(arange(isf(tail) + 1)), without building a frozen distribution for each: the plan asks for thousands).
    The range grows until what lies beyond it is far below `tail` (bounded by the pmf's ratio at its end, which
    falls as k grows for both distributions)."""
    top = int(mean + 12.0 * math.sqrt(variance) + 32 + reach)
    while True:
        pmf = np.exp(log_pmf(np.arange(top + 1, dtype=float)))
        ratio = pmf[-1] / pmf[-2] if pmf[-2] > 0 else 0.0
        if top > mean and ratio < 1.0 and pmf[-1] * ratio / (1.0 - ratio) < 1e-3 * tail * pmf.sum():
            break
        top *= 2
    pmf = pmf / pmf.sum()
    beyond = 1.0 - np.cumsum(pmf)
    pmf = pmf[:int(np.argmax(beyond <= tail)) + 1]
    return pmf / pmf.sum()


def _clean(pmf, name: str) -> np.ndarray:
    """A pmf as floats summing to 1 with its far tail (less than TAIL in all) dropped; refuses what is no pmf.
    Small rounding in the sum is renormalised away; anything further off is a mistake worth hearing about."""
    pmf = np.asarray(pmf, dtype=float)
    if pmf.ndim != 1 or pmf.size == 0 or not np.all(np.isfinite(pmf)) or np.any(pmf < 0):
        raise ValueError(f"{name} must be a non-empty list of probabilities, none negative")
    total = pmf.sum()
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise ValueError(f"{name} sums to {total:.9g}, not 1")
    at_least = np.cumsum(pmf[::-1])[::-1]
    pmf = pmf[:np.count_nonzero(at_least >= TAIL * total)]
    return pmf / pmf.sum()


def one_period_cost(y: np.ndarray, lead_pmf: np.ndarray, holding: float, shortage: float) -> np.ndarray:
    """G(y) = h E[(y - D)^+] + p E[(D - y)^+] for every whole position y, negative ones (backorders) included."""
    y = np.asarray(y, dtype=np.int64)
    at_least = np.cumsum(lead_pmf[::-1])[::-1]                   # P(D >= k), k = 0 .. top
    short = np.append(np.cumsum(at_least[:0:-1])[::-1], 0.0)     # E[(D - k)^+] = sum_{i > k} P(D >= i)
    top = len(lead_pmf) - 1
    expected_short = short[np.clip(y, 0, top)] + np.maximum(-y, 0)  # below 0, each step down adds a unit short
    return holding * (y - short[0] + expected_short) + shortage * expected_short


def renewal_density(period_pmf: np.ndarray, n: int) -> np.ndarray:
    """m(0) .. m(n-1): m(0) = 1 / (1 - p0), m(j) = sum_{l=1..j} p_l m(j - l) / (1 - p0).

    The recursion is the power series of 1 / (1 - P(z)), so a linear filter computes it in one pass. 1 - p0 is
    summed from the positive demands rather than subtracted, so a slow seller with p0 near 1 keeps its digits."""
    impulse = np.zeros(n)
    impulse[0] = 1.0
    return signal.lfilter([1.0], np.concatenate(([period_pmf[1:].sum()], -period_pmf[1:])), impulse)


def average_cost(s: int, S: int, period_pmf: np.ndarray, holding: float, shortage: float, order_cost: float,
                 lead_pmf: np.ndarray | None = None) -> float:
    """c(s, S): the long-run average cost per period of ordering up to S whenever the position is at or below s."""
    if not s < S:
        raise ValueError(f"an (s, S) policy needs s < S, not s = {s}, S = {S}")
    problem = _Problem.of(period_pmf, holding, shortage, order_cost, lead_pmf)
    return problem.grid(s, S).cost(s, S)


def optimal_sS(period_pmf: np.ndarray, holding: float, shortage: float, order_cost: float,
               lead_pmf: np.ndarray | None = None) -> SSPolicy:
    """The (s, S) of least long-run average cost, by Zheng & Federgruen's algorithm.

    period_pmf[k] = P(demand in one period = k). lead_pmf is the pmf of demand over the lead time plus one period
    (what has left the shelf by the time an order placed now has arrived and one period has passed); None means no
    lead time (lead_pmf = period_pmf). holding and shortage are per unit per period, shortage charged on
    backorders; order_cost is the fixed cost of an order. With order_cost 0 the answer is base stock: S = s + 1 =
    the newsvendor quantile of lead_pmf at p / (p + h)."""
    problem = _Problem.of(period_pmf, holding, shortage, order_cost, lead_pmf)
    top = problem.newsvendor()
    s, cost = problem.first_reorder_level(top)
    # G(y) >= h (y - mean), so no S above mean + cost / h can do; top itself stays in where rounding cuts close
    grid = problem.grid(s, max(top, int(math.floor(problem.lead_mean + cost / holding))) + 1)
    S = top
    candidate = top + 1
    while grid.g(candidate) <= cost:
        if grid.cost(s, candidate) < cost:
            S = candidate
            s = grid.raise_reorder_level(s, S)
            cost = grid.cost(s, S)
        candidate += 1
    return SSPolicy(int(s), int(S), float(cost))


@dataclass(frozen=True)
class _Problem:
    period: np.ndarray
    lead: np.ndarray
    holding: float
    shortage: float
    order_cost: float

    @classmethod
    def of(cls, period_pmf, holding, shortage, order_cost, lead_pmf) -> _Problem:
        if not (holding > 0 and shortage > 0 and math.isfinite(holding) and math.isfinite(shortage)):
            raise ValueError(f"holding and shortage costs must be positive, not {holding} and {shortage}")
        if not (order_cost >= 0 and math.isfinite(order_cost)):
            raise ValueError(f"the order cost must be 0 or more, not {order_cost}")
        period = _clean(period_pmf, "period_pmf")
        if not period[1:].sum() > 0:
            raise ValueError("period_pmf puts all its probability on no demand: there is nothing to plan")
        lead = period if lead_pmf is None else _clean(lead_pmf, "lead_pmf")
        return cls(period, lead, float(holding), float(shortage), float(order_cost))

    @property
    def lead_mean(self) -> float:
        return float(np.arange(len(self.lead)) @ self.lead)

    def newsvendor(self) -> int:
        """The smallest minimiser of G: the least y with P(D <= y) >= p / (p + h), as G(y+1) - G(y) = (h+p) F(y) - p."""
        ratio = self.shortage / (self.shortage + self.holding)
        return int(min(np.searchsorted(np.cumsum(self.lead), ratio), len(self.lead) - 1))

    def grid(self, low: int, high: int) -> _Grid:
        """G over positions low .. high and m long enough for any (s, S) inside."""
        positions = np.arange(low, high + 1)
        m = renewal_density(self.period, len(positions))
        return _Grid(low, one_period_cost(positions, self.lead, self.holding, self.shortage), m,
                     np.concatenate(([0.0], np.cumsum(m))), self.order_cost)

    def first_reorder_level(self, top: int) -> tuple[int, float]:
        """ZF's step 0: with S at the minimiser of G, lower s until c(s, S) <= G(s); returns that s and c(s, S).
        The window of s to look through doubles until it holds the answer (it must: G grows without bound below)."""
        width = max(len(self.period), len(self.lead), 16)
        while True:
            grid = self.grid(top - width, top)
            costs = grid.costs_below(top, width)                     # s = top - 1, top - 2, ..., top - width
            levels = top - np.arange(1, width + 1)
            done = np.flatnonzero(costs <= grid.g(levels))
            if done.size:
                return int(levels[done[0]]), float(costs[done[0]])
            width *= 2


@dataclass(frozen=True)
class _Grid:
    low: int             # the position G[0] belongs to
    G: np.ndarray        # one-period cost at positions low, low + 1, ...
    m: np.ndarray        # renewal density m(0), m(1), ...
    M: np.ndarray        # M(0) = 0, M(1), ...: expected cycle lengths
    order_cost: float

    def g(self, y):
        return self.G[np.asarray(y) - self.low]

    def cost(self, s: int, S: int) -> float:
        n = S - s
        return float((self.order_cost + self.m[:n] @ self.G[s + 1 - self.low:S + 1 - self.low][::-1]) / self.M[n])

    def costs_below(self, S: int, width: int) -> np.ndarray:
        """c(S - 1, S), c(S - 2, S), ..., c(S - width, S) at once."""
        top = S - self.low
        terms = self.m[:width] * self.G[top - width + 1:top + 1][::-1]
        return (self.order_cost + np.cumsum(terms)) / self.M[1:width + 1]

    def raise_reorder_level(self, s: int, S: int) -> int:
        """ZF's step 1 after a better S: raise s while c(s, S) <= G(s + 1). It stops below S when K > 0, since
        c(S - 1, S) = K (1 - p0) + G(S); with K = 0 no S beats the first, so this is never called."""
        levels = np.arange(s, S)
        keep = self.costs_below(S, S - s)[::-1] <= self.g(levels + 1)
        return s + int(np.argmin(keep))
