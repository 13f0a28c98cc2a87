"""Safety stock spread over many products for the share of units served from the shelf (the fill rate), at the
least stock value.

A service level per product (the chance that the shelf does not run empty in a period with sales) asks a slow,
lumpy part for deep stock: it sells in few periods, and each of them must be covered. Over a shop of weekly or
monthly parts that is where most of the stock goes, while the units the customers ask for are mostly the fast
parts' (the weekly spare-parts set replayed: 1.46 M of stock on parts with under 30 weeks of sales, where a min/max
rule held 0.73 M for more units served).

Here every product gets the reorder point s that minimises

    unit cost x (average stock on hand) + lambda x (units short a period)

for one value lambda of a unit short, the same for all of them; lambda is set so that the units short add up to
(1 - target) of the units the products sell a period. This is the Lagrangian of "least stock value for the fill
rate asked" (Sherbrooke's system approach): a cheap fast part is held deeper, a costly slow one thinner, and no
product is held where a unit of stock buys less service than anywhere else.

Per product, for the (s, S = s + extra) policy reviewed once a period (see core.policy.levels.service_point): after
a review the stock position is y, one of S, S - 1, ..., s with the renewal weights of a period's sales; the order
placed then arrives after the lead time L, and the units short in the period it has to cover are

    E[(D_{L+R} - y)^+] - E[(D_L - y)^+]

(D_T the demand over T; backorders as an approximation of lost sales, close where shortages are rare), and the
stock on hand is on average halfway between E[(y - D_L)^+] and E[(y - D_{L+R})^+]. Pure numpy on the products'
demand distributions; the plan and the period replay call it alike.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.policy.optimal import renewal_density


@dataclass(frozen=True)
class FillCurve:
    """One product's stock and shortage for each reorder point s = first, first + 1, ..., in units a period."""
    first: int                 # the lowest reorder point considered (1 for a product that sells: an empty shelf
    #                            is always reordered; 0 for a dormant one, which may be left unstocked)
    hold: np.ndarray           # average units on hand, for s = first, first + 1, ...
    short: np.ndarray          # expected units short a period, same s
    risk: np.ndarray           # chance of running short in a period with sales, same s
    period_sales: float        # expected units sold a period
    unit_cost: float           # the value of a unit of stock (1 where stock is counted in units)

    def point(self, value: float) -> int:
        """The reorder point of least unit cost x stock + value x shortage; at an infinite value (no value serves
        the target: shortage_value) the lowest point of least shortage, the curve's highest service. (inf x the
        shortage made every cost infinite or NaN, and argmin then gave the lowest point: no stock at all.)"""
        if not np.isfinite(value):
            return self.first + int(np.argmin(self.short))
        return self.first + int(np.argmin(self.unit_cost * self.hold + value * self.short))

    def at(self, s: int) -> tuple[float, float, float]:
        """(units on hand, units short a period, chance of running short in a period with sales) at s."""
        k = int(np.clip(s - self.first, 0, len(self.hold) - 1))
        return float(self.hold[k]), float(self.short[k]), float(self.risk[k])

    def fill(self, s: int) -> float:
        """The share of this product's units served from the shelf at s."""
        if self.period_sales <= 1e-12:
            return 1.0
        return max(0.0, 1.0 - self.at(s)[1] / self.period_sales)


def fill_curve(protect_pmf: np.ndarray, lead_pmf: np.ndarray, extra: float, period_pmf: np.ndarray,
               unit_cost: float, *, least: int = 1) -> FillCurve:
    """The curve of one product: `protect_pmf` the demand until the order after this one can arrive (wait + lead
    time + review), `lead_pmf` until this one arrives (wait + lead time), `period_pmf` a review period's sales,
    `extra` what the order-up-to level adds above the reorder point; `least` the lowest reorder point of a product
    that sells (0 for a part that looks dormant: not stocking it at all is then one of the choices)."""
    gap = int(round(extra))
    size = max(len(protect_pmf), len(lead_pmf)) + gap + 1
    positions = np.arange(size)
    short_protect = _expected_excess(protect_pmf, size)
    short_lead = _expected_excess(lead_pmf, size)
    mean_protect = float(np.arange(len(protect_pmf)) @ protect_pmf)
    mean_lead = float(np.arange(len(lead_pmf)) @ lead_pmf)
    short = np.maximum(short_protect - short_lead, 0.0)                      # by position y
    hold = ((positions - mean_lead + short_lead) + (positions - mean_protect + short_protect)) / 2
    selling = float(period_pmf[1:].sum())
    # the shelf runs short in the period after a review at position y where that period has sales and the demand
    # until the order after can arrive passes y: P(D_protect > y) less the part of it in which the period sells
    # nothing (P(no sale) P(D_lead > y): the shelf went empty before it, and no customer meets it then). Counting
    # that part too said 'runs short in about 100% of the order periods with sales' for a part that sold 10 once
    # in three years, held at a reorder point of 6 that serves 74% of its units
    tail_protect = 1.0 - np.cumsum(np.concatenate([protect_pmf, np.zeros(size - len(protect_pmf))]))
    tail_lead = 1.0 - np.cumsum(np.concatenate([lead_pmf, np.zeros(size - len(lead_pmf))]))
    tail = np.maximum(tail_protect - (1.0 - selling) * tail_lead, 0.0)
    weights = renewal_density(period_pmf, gap + 1) if selling > 1e-12 else np.eye(1, gap + 1)[0]
    weights = weights / weights.sum()
    # at reorder point s the positions after review are s + gap - j with weight w_j: correlate as service_point does
    count = size - gap
    by_s = [np.correlate(values, weights[::-1], mode="valid")[:count] for values in (hold, short, tail)]
    period_sales = mean_protect - mean_lead
    first = least if mean_protect > 1e-9 else 0
    risk = np.clip(by_s[2] / selling, 0.0, 1.0) if selling > 1e-12 else np.zeros(count)
    return FillCurve(first, by_s[0][first:], by_s[1][first:], risk[first:], max(period_sales, 0.0),
                     float(unit_cost) if unit_cost > 0 else 1.0)


def _expected_excess(pmf: np.ndarray, size: int) -> np.ndarray:
    """E[(D - y)^+] for y = 0 .. size - 1."""
    at_least = np.cumsum(pmf[::-1])[::-1]                     # P(D >= k)
    excess = np.append(np.cumsum(at_least[:0:-1])[::-1], 0.0)  # sum_{i > y} P(D >= i)
    return np.concatenate([excess, np.zeros(max(size - len(excess), 0))])[:size]


def shortage_value(curves: list[FillCurve], target: float, *, unplanned: float = 0.0, steps: int = 60) -> float:
    """The value of a unit short at which every product's least-cost reorder point serves `target` of all their
    units together; infinity where even the highest points of the curves fall short (then each gets its highest).

    `unplanned`: units a period that the curves do not plan for but the customers will still ask for (what parts
    taken as stopped selling sell again beyond their small rate, core.forecasting.periods.revival_share). They are
    short, so they count in the units asked for and use up that much of the shortfall allowed: the others are held
    deeper so that the shop as a whole serves `target`. They may take at most half of the shortfall allowed; beyond
    that every other part would be held ever deeper for demand the plan chose not to stock."""
    live = [c for c in curves if c.period_sales > 1e-12 and len(c.hold)]
    if not live:
        return 0.0
    sales = sum(c.period_sales for c in live) + max(unplanned, 0.0)
    allowed = (1.0 - target) * sales
    allowed -= min(max(unplanned, 0.0), allowed / 2)
    lengths = np.array([len(c.hold) for c in live])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    hold = np.concatenate([c.unit_cost * c.hold for c in live])
    short = np.concatenate([c.short for c in live])

    def shortage_at(value: float) -> float:
        cost = hold + value * short
        best = np.repeat(np.minimum.reduceat(cost, starts), lengths)
        hits = np.flatnonzero(cost <= best)
        segment = np.searchsorted(starts, hits, side="right") - 1
        first = hits[np.unique(segment, return_index=True)[1]]
        return float(short[first].sum())

    if shortage_at(0.0) <= allowed:
        return 0.0
    costs = np.array([c.unit_cost for c in live])
    low, high = 1e-6 * float(costs.min()), 1e3 * float(costs.max())
    while shortage_at(high) > allowed:
        high *= 10.0
        if high > 1e12 * float(costs.max()):
            return float("inf")
    for _ in range(steps):                      # bisection on a log scale
        middle = float(np.sqrt(low * high))
        if shortage_at(middle) > allowed:
            low = middle
        else:
            high = middle
        if high / low < 1.0 + 1e-4:
            break
    return high
