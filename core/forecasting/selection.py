"""Rolling-origin backtests and the choice of model per product.

For each of a few origins in the recent past (each one horizon apart), every candidate model forecasts the
next horizon from the history up to that origin only; its errors on the days that really followed are
scaled by the product's own day-to-day noise (RMSSE) so that products can be compared. Each product gets the
inverse-error blend of its two best models, held half-way to the global (neural) model where there is one,
and honest uncertainty: a negative-binomial spread fitted to its backtest errors, calibrated per demand class so that
90% intervals hold 90% of the days ahead (CALIBRATION_TARGET of the backtests' days: the blend was chosen on them).
Counts are whole: for a part that sells 0.3 a day the tightest interval with a spread, [0, 1], already holds 96% of
days, so where the spread cannot bring a class's backtest cover within a point of its target the interval's ends move in
(or out) instead: its levels, 5% and 95% to begin with, are calibrated per class too (`band_levels`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from core.forecasting.base import QUANTILES, count_quantiles, inside_counts

BASELINE = "seasonal_naive"   # "repeating last week's sales": what every product's accuracy is compared with
# The global model learns from every product at once, so three backtest windows of one product judge it
# noisily; each product's blend is held this far towards it. Validated on M5 on a window before the hold-out
# (d_1886..d_1913: WRMSSE 0.784 without, 0.766 with): bench/RESULTS.md.
ANCHOR_SHARE = 0.5
# Each product's own blend rests on three backtest windows of that product; the blend of its demand class rests on
# every product of the class. The product's weights are this share of its own blend and the rest its class's
# (chosen on M5's windows d_1830 and d_1858, before the evaluation windows: WRMSSE 0.8392 mean, against 0.8446
# for the product's own blend alone and 0.8395 for one shop-wide blend; bench/RESULTS.md).
OWN_SHARE = 0.3
# A product keeps its own blend, without its class's, where the mix errs on its own backtests by more than this
# times its own blend's squared error (and more than half its average day): the class's blend fits the class, and
# a model it leans on can miss one product by far
FAR_FROM_OWN = 4.0
ANCHORS = {"lightgbm": 0.5, "neural": 0.5}   # how the anchor share is split between the global models present
# The cover the spread is calibrated to on the backtests, so that the days ahead see 90%: each product's blend was
# chosen on those same backtests, so its errors there are smaller than on days it has not seen. Chosen on M5's windows
# d_1830 and d_1858, before the evaluation windows: calibrated to 90% their 90% intervals held 88.9% and 88.4% of the
# days (6 of the 8 class-windows within 88-92%); to 91% 90.0% / 89.3% (7 of 8), to 91.5% 90.6% / 89.7% (7 of 8, the
# nearest to 90% on the two together), to 92% 90.9% / 90.5% (7 of 8); bench/RESULTS.md
CALIBRATION_TARGET = 0.915


@dataclass
class Backtest:
    origins: list[int]                               # column index of each origin's first forecast day
    forecasts: dict[str, list[np.ndarray]] = field(default_factory=dict)  # model -> per origin (n, h)

    def actuals(self, Y: np.ndarray, h: int) -> list[np.ndarray]:
        return [Y[:, o:o + h] for o in self.origins]


def noise_scale(Y: np.ndarray) -> np.ndarray:
    """Mean squared day-to-day change of each product's known demand since its first sale (RMSSE's scale)."""
    out = np.ones(len(Y))
    for i, row in enumerate(Y):
        known = row[~np.isnan(row)]
        if len(known) > 2:
            out[i] = max(np.mean(np.diff(known) ** 2), 1e-3)
    return out


def _errors(forecasts: list[np.ndarray], actuals: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per product over all origins: mean squared error, mean absolute error, mean error, mean actual."""
    f = np.concatenate(forecasts, axis=1)
    a = np.concatenate(actuals, axis=1)
    known = ~np.isnan(a)
    count = np.maximum(known.sum(axis=1), 1)
    diff = np.where(known, f - a, 0.0)
    return ((diff ** 2).sum(axis=1) / count, np.abs(diff).sum(axis=1) / count, diff.sum(axis=1) / count,
            np.where(known, a, 0.0).sum(axis=1) / count)


@dataclass
class Choice:
    models: list[str]                 # candidate names in column order of `weights`
    weights: np.ndarray               # (n, m) blend weights per product
    rmsse: np.ndarray                 # (n,) backtest RMSSE of the blend
    rmsse_by_model: np.ndarray        # (n, m)
    mae: np.ndarray                   # (n,) of the blend, units a day
    mae_baseline: np.ndarray          # (n,) of repeating last week
    bias: np.ndarray                  # (n,) mean error of the blend, units a day (+ = over-forecast)
    dispersion: np.ndarray            # (n,) negative-binomial variance / mean, calibrated
    coverage90: float                 # backtest share of days inside the calibrated 90% interval
    band: np.ndarray | None = None    # (n,) shift of the interval's levels (BAND_SHIFTS; None: all 0)

    def label(self, i: int) -> str:
        used = [(self.models[j], w) for j, w in enumerate(self.weights[i]) if w > 0.005]
        used.sort(key=lambda pair: -pair[1])
        if len(used) == 1:
            return used[0][0]
        return " + ".join(f"{name} {weight:.0%}" for name, weight in used)


def choose(Y: np.ndarray, backtest: Backtest, h: int, *, blend: int = 2, groups: np.ndarray | None = None,
           anchors: dict[str, float] | None = None, anchor_share: float = ANCHOR_SHARE, own_share: float = OWN_SHARE,
           target: float = CALIBRATION_TARGET, executor=None, ctx=None) -> Choice:
    """Each product's blend of its `blend` best models by backtest error (held towards the global models), mixed
    where `groups` are given with the blend that does best over its whole group (`group_weights`: OWN_SHARE of its
    own, the rest its group's); and its spread, calibrated so that 90% intervals hold `target` of the backtest days
    within each group (the demand classes: a smooth seller's interval and an intermittent one's are each
    right, not only on average) where a group has the days for it."""
    models = list(backtest.forecasts)
    actuals = backtest.actuals(Y, h)
    scale = noise_scale(Y[:, :backtest.origins[0]])
    mse = np.column_stack([_errors(backtest.forecasts[m], actuals)[0] for m in models])
    rmsse_by_model = np.sqrt(mse / scale[:, None])
    n, m = mse.shape
    weights = np.zeros((n, m))
    order = np.argsort(mse, axis=1, kind="stable")[:, :blend]
    inverse = 1.0 / np.maximum(np.take_along_axis(mse, order, axis=1), 1e-9)
    np.put_along_axis(weights, order, inverse / inverse.sum(axis=1, keepdims=True), axis=1)
    present = {name: share for name, share in (ANCHORS if anchors is None else anchors).items()
               if name in models and share > 0}
    if present:     # held towards the global models present, the share split between them as ANCHORS says
        weights *= 1 - anchor_share
        for name, share in present.items():
            weights[:, models.index(name)] += anchor_share * share / sum(present.values())
    if groups is not None and own_share < 1:
        shared = group_weights(backtest, actuals, scale, groups)
        has = ~np.isnan(shared[:, 0])          # a class with the products to judge it by
        mixed = own_share * weights + (1 - own_share) * np.nan_to_num(shared)
        # a product whose own backtests show the mix far off its own blend keeps its own: the class leans on a model
        # that missed this product by far (a gift shop's product sold 1,440 in one order and nothing in the 41 days
        # since: its class blend's Croston said 690 a day, its own blend 0; the mix forecast 290 a day)
        mse_own = _errors(_blend(weights, models, backtest), actuals)[0]
        mse_mixed = _errors(_blend(mixed, models, backtest), actuals)[0]
        before = Y[:, :backtest.origins[0]]
        days = (~np.isnan(before)).sum(axis=1)
        everyday = np.nansum(before, axis=1) / np.maximum(days, 1)
        tolerated = np.maximum((0.5 * everyday) ** 2, 0.25)     # half its average day, at least half a unit
        far = mse_mixed > FAR_FROM_OWN * mse_own + tolerated
        keep = has & ~far
        weights[keep] = mixed[keep]
    blended = [sum(weights[:, j, None] * backtest.forecasts[name][k] for j, name in enumerate(models))
               for k in range(len(backtest.origins))]
    mse_b, mae_b, bias_b, mean_actual = _errors(blended, actuals)
    baseline = backtest.forecasts.get(BASELINE)
    mae_base = _errors(baseline, actuals)[1] if baseline is not None else np.full(n, np.nan)
    raw_dispersion = np.clip(mse_b / np.maximum(np.concatenate(blended, axis=1).mean(axis=1), 0.05), 1.0, 200.0)
    multiplier, band, coverage = calibrate_groups(blended, actuals, raw_dispersion, groups, target,
                                                  executor=executor, ctx=ctx)
    return Choice(models, weights, np.sqrt(mse_b / scale), rmsse_by_model, mae_b, mae_base, bias_b,
                  np.clip(raw_dispersion * multiplier, 1.0 + 1e-6, None), coverage, band)


def _blend(weights: np.ndarray, models: list[str], backtest: Backtest) -> list[np.ndarray]:
    """The backtests' forecasts of each product's blend with `weights` (n, m), per origin."""
    return [sum(weights[:, j, None] * backtest.forecasts[name][k] for j, name in enumerate(models))
            for k in range(len(backtest.origins))]


def group_weights(backtest: Backtest, actuals: list[np.ndarray], scale: np.ndarray, groups: np.ndarray,
                  min_days: int | None = None) -> np.ndarray:
    """(n, m): for each group of products, the non-negative weights on the candidates, summing to 1, whose blend
    has the least squared backtest error scaled by each product's noise (the RMSSE's terms) over the whole group.
    A group with fewer than GROUP_MIN_PRODUCTS products or `min_days` known backtest days (default GROUP_MIN_DAYS)
    takes the weights found over all products, and all rows are NaN where the shop has fewer than
    GROUP_MIN_PRODUCTS products: a dozen products' backtests cannot weigh eleven models."""
    from scipy.optimize import nnls

    models = list(backtest.forecasts)
    m = len(models)
    actual = np.concatenate(actuals, axis=1)
    known = ~np.isnan(actual)
    weight = np.where(known, 1.0 / np.sqrt(scale)[:, None], 0.0)       # 0 on days without a known actual
    n, days = actual.shape
    # each product's share of the least-squares problem, added up per group: its models' weighted forecasts'
    # products with each other and with its weighted actuals (a batch of m x m matrices), instead of one tall
    # matrix of every known day per group (2.4 s against 0.3 s at 20,000 products; the weights the same to 1e-12)
    forecasts = np.empty((n, m, days))
    for j, name in enumerate(models):
        np.multiply(np.clip(np.concatenate(backtest.forecasts[name], axis=1), 0, None), weight, out=forecasts[:, j])
    target = np.nan_to_num(actual) * weight
    gram = np.matmul(forecasts, forecasts.transpose(0, 2, 1))
    cross = np.matmul(forecasts, target[:, :, None])[:, :, 0]
    largest = np.abs(forecasts).max(axis=2, initial=0.0)
    del forecasts, target
    known_days = known.sum(axis=1)
    min_days = GROUP_MIN_DAYS if min_days is None else min_days

    def fit(rows: np.ndarray) -> np.ndarray:
        if not known_days[rows].sum():
            return np.full(m, 1.0 / m)
        # min |Ax - b|^2 over x >= 0 is min |Rx - d|^2 for R'R = A'A and R'd = A'b (an m x m problem)
        values, vectors = np.linalg.eigh(gram[rows].sum(axis=0))
        kept = values > values.max(initial=0.0) * 1e-13
        root = np.sqrt(np.where(kept, values, 1.0))
        R = np.where(kept, root, 0.0)[:, None] * vectors.T
        d = np.where(kept, vectors.T @ cross[rows].sum(axis=0) / root, 0.0)
        # sum to one: an extra row weighted far above the rest
        big = 1e3 * max(float(largest[rows].max(initial=0.0)), 1.0)
        coef, _ = nnls(np.vstack([R, np.full((1, m), big)]), np.concatenate([d, [big]]))
        return coef / max(coef.sum(), 1e-12)

    groups = np.asarray(groups)
    if len(groups) < GROUP_MIN_PRODUCTS:
        return np.full((len(groups), len(models)), np.nan)
    everyone = fit(np.arange(len(groups)))
    out = np.tile(everyone, (len(groups), 1))
    for group in np.unique(groups):
        rows = np.flatnonzero(groups == group)
        if known_days[rows].sum() >= min_days and len(rows) >= GROUP_MIN_PRODUCTS:
            out[rows] = fit(rows)
    return out


def blend_forecasts(choice: Choice, forecasts: dict[str, np.ndarray]) -> np.ndarray:
    return sum(choice.weights[:, j, None] * forecasts[name] for j, name in enumerate(choice.models))


MULTIPLIERS = (0.5, 0.7, 0.85, 1.0, 1.2, 1.4, 1.7, 2.0, 2.5, 3.0, 4.0)
GROUP_MIN_DAYS = 2000     # a demand class with fewer known backtest days takes the shop-wide factor
GROUP_MIN_PRODUCTS = 50   # a class blend needs this many products (M5's classes: 83 to 483)
# How far the interval's levels may move from (5%, 95%) where the spread alone leaves a class's backtest cover more
# than BAND_TOLERANCE from 90%: in towards (20%, 80%), which keeps the upper end at or above the 80% line the chart
# draws, or out to (1%, 99%). Ordered by size, so that of equally good shifts the smallest is taken.
BAND_SHIFTS = (0.0, 0.01, -0.01, 0.02, -0.02, 0.03, -0.03, 0.04, -0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12,
               0.13, 0.14, 0.15)
BAND_TOLERANCE = 0.01


def band_levels(shift: float) -> tuple[float, float]:
    """The 90% interval's lower and upper quantile levels after `shift` (0: 5% and 95%)."""
    return round(0.05 + shift, 4), round(0.95 - shift, 4)


def calibrate_groups(forecasts: list[np.ndarray], actuals: list[np.ndarray], dispersion: np.ndarray,
                     groups: np.ndarray | None, target: float = 0.90, *, executor=None,
                     ctx=None) -> tuple[np.ndarray, np.ndarray, float]:
    """The factor on each product's spread (n,) that makes backtest 90% intervals hold 90% of the days within its
    group; the shift of the interval's levels (n,) where that factor alone leaves the group's cover more than
    BAND_TOLERANCE off (whole counts: see the module's note); and the backtest cover of those intervals over all
    products. A group with fewer than GROUP_MIN_DAYS known days takes the factor and shift of all products together
    (as every product does where `groups` is None)."""
    n = len(dispersion)
    groups = np.zeros(n, dtype=int) if groups is None else np.asarray(groups)
    counted = []
    for group in np.unique(groups):
        rows = np.flatnonzero(groups == group)
        counted.append((rows, *_counts([f[rows] for f in forecasts], [a[rows] for a in actuals], dispersion[rows],
                                       executor, ctx)))
    all_known = sum(known for _rows, _counts_, known in counted)
    overall = _best(sum(counts for _rows, counts, _known in counted), all_known, target)
    factor = np.full(n, MULTIPLIERS[overall])
    shift = np.zeros(n)

    def shifted(rows: np.ndarray, k: int, counts: np.ndarray, known: int) -> tuple[float, int]:
        """The band shift for these rows at multiplier k, and the days then inside."""
        if abs(counts[k] / max(known, 1) - target) <= BAND_TOLERANCE:
            return 0.0, int(counts[k])
        inside, _known = _band_counts([f[rows] for f in forecasts], [a[rows] for a in actuals],
                                      dispersion[rows] * MULTIPLIERS[k], executor, ctx)
        j = _best(inside, known, target)
        return BAND_SHIFTS[j], int(inside[j])

    small = [c for c in counted if c[2] < GROUP_MIN_DAYS]
    overall_shift = 0.0
    if small:
        overall_shift, _inside = shifted(np.arange(n), overall, sum(c for _r, c, _k in counted), all_known)
    inside = 0
    for rows, counts, known in counted:
        if known >= GROUP_MIN_DAYS:
            k = _best(counts, known, target)
            factor[rows] = MULTIPLIERS[k]
            shift[rows], days = shifted(rows, k, counts, known)
        else:
            shift[rows] = overall_shift
            days = int(counts[overall]) if overall_shift == 0 else int(_band_counts([f[rows] for f in forecasts], [a[rows] for a in actuals],
                                    dispersion[rows] * MULTIPLIERS[overall], executor, ctx,
                                    shifts=(overall_shift,))[0][0])
        inside += days
    return factor, shift, float(inside / max(all_known, 1))


def calibrate(forecasts: list[np.ndarray], actuals: list[np.ndarray], dispersion: np.ndarray,
              target: float = 0.90, *, executor=None, ctx=None) -> tuple[float, float]:
    """The shop-wide factor on each product's spread that makes backtest 90% intervals hold 90% of days, and
    that cover. Only days with a known actual count."""
    counts, known = _counts(forecasts, actuals, dispersion, executor, ctx)
    k = _best(counts, known, target)
    return MULTIPLIERS[k], float(counts[k] / max(known, 1))


def _counts(forecasts, actuals, dispersion, executor, ctx) -> tuple[np.ndarray, int]:
    """How many known days fall inside the 90% interval at each of MULTIPLIERS, and how many are known. Counted
    per chunk of products on `executor` (core.compute.executors; default this process) and added up: whole
    numbers, so the factor is the same however the products were cut."""
    f = np.clip(np.concatenate(forecasts, axis=1), 0, None)
    a = np.concatenate(actuals, axis=1)
    parts = _by_chunks(coverage_counts, (f, a, dispersion), executor, ctx)
    return sum(part[0] for part in parts), sum(part[1] for part in parts)


def _band_counts(forecasts, actuals, dispersion, executor, ctx, shifts=BAND_SHIFTS) -> tuple[np.ndarray, int]:
    """How many known days fall inside the interval at each of `shifts` of its levels (the spread as given), and
    how many are known; per chunk of products as `_counts`."""
    from functools import partial

    f = np.clip(np.concatenate(forecasts, axis=1), 0, None)
    a = np.concatenate(actuals, axis=1)
    parts = _by_chunks(partial(band_counts, shifts=tuple(shifts)), (f, a, dispersion), executor, ctx)
    return sum(part[0] for part in parts), sum(part[1] for part in parts)


def band_counts(f: np.ndarray, a: np.ndarray, dispersion: np.ndarray,
                shifts: tuple[float, ...] = BAND_SHIFTS) -> tuple[np.ndarray, int]:
    """For these products: how many known days fall inside the interval between the levels of each shift
    (`band_levels`) at their spread, and how many days are known."""
    known = ~np.isnan(a)
    rows = np.nonzero(known)[0]
    return inside_counts(a[known], f[known], dispersion[rows], [band_levels(s) for s in shifts]), int(known.sum())


def _best(counts: np.ndarray, known: int, target: float) -> int:
    """The index of the multiplier whose cover is nearest the target (the first of equals)."""
    return int(np.argmin(np.abs(np.asarray(counts) / max(known, 1) - target)))


def coverage_counts(f: np.ndarray, a: np.ndarray, dispersion: np.ndarray) -> tuple[np.ndarray, int]:
    """For these products (rows of forecasts `f` and actuals `a`, NaN unknown): how many known days fall inside the
    90% interval at each of MULTIPLIERS x their spread, and how many days are known (read from the distribution
    function at each actual day: `inside_counts`)."""
    known = ~np.isnan(a)
    rows = np.nonzero(known)[0]
    actual, mean, spread = a[known], f[known], dispersion[rows]
    counts = np.array([inside_counts(actual, mean, spread * multiplier, [(0.05, 0.95)])[0]
                       for multiplier in MULTIPLIERS], dtype=np.int64)
    return counts, int(known.sum())


def quantiles_for(mean: np.ndarray, dispersion: np.ndarray, band: np.ndarray | None = None, *, executor=None,
                  ctx=None, meanwhile: Callable[[], None] | None = None) -> dict[float, np.ndarray]:
    """The count quantiles of every product's forecast; per chunk of products on `executor` where given (the
    same values: each product's quantiles are its own). Where a product's `band` (Choice.band) shifts its 90%
    interval, the 0.05 and 0.95 entries are the interval's calibrated ends (`band_levels`). `meanwhile`: work of
    the caller's own, done here while the chunks run on worker processes (else before them)."""
    from functools import partial

    mean = np.clip(mean, 0, None)
    if mean.ndim != 2 or np.shape(dispersion) != mean.shape[:1]:
        if meanwhile is not None:
            meanwhile()
        return count_quantiles(mean, dispersion[:, None], levels=QUANTILES)
    parts = _by_chunks(_row_quantiles, (mean, dispersion), executor, ctx, meanwhile=meanwhile)
    out = {level: np.concatenate([part[level] for part in parts]) for level in QUANTILES}
    for shift in ([] if band is None else np.unique(band)):
        if shift == 0:
            continue
        rows = np.flatnonzero(band == shift)
        low, high = band_levels(float(shift))
        parts = _by_chunks(partial(_row_quantiles, levels=(low, high)), (mean[rows], dispersion[rows]), executor, ctx)
        out[0.05][rows] = np.concatenate([part[low] for part in parts])
        out[0.95][rows] = np.concatenate([part[high] for part in parts])
    return out


def _row_quantiles(mean: np.ndarray, dispersion: np.ndarray, levels=QUANTILES) -> dict[float, np.ndarray]:
    # a product's days with the same forecast (a flat one) share their quantiles: each is worked out once
    n, h = mean.shape
    rows = np.repeat(np.arange(n), h)
    first, inverse = _distinct(rows, mean.ravel())
    q = count_quantiles(mean.ravel()[first], dispersion[rows[first]], levels=levels)
    return {level: values[inverse].reshape(n, h) for level, values in q.items()}


def _by_chunks(fn, arrays: tuple[np.ndarray, ...], executor, ctx,
               meanwhile: Callable[[], None] | None = None) -> list:
    """fn over the arrays' rows: in one call where there is no executor (or it runs calls in this process),
    else one call per chunk of products on it, results in product order. `meanwhile` runs in this process once
    the chunks are handed out, before their results are gathered."""
    if executor is None or executor.lazy:
        if meanwhile is not None:
            meanwhile()
        return [fn(*arrays)]
    from core.compute.executors import gather
    from core.forecasting.chunks import row_chunks

    chunks = row_chunks(len(arrays[0]), executor.workers)
    handoff = executor.handoff()        # the backtests' arrays through shared memory on local workers
    try:
        futures = [executor.submit(_loaded_call, fn, *(handoff.rows(array, rows) for array in arrays))
                   for rows in chunks]
        if meanwhile is not None:
            try:
                meanwhile()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return gather(futures, ctx)
    finally:
        handoff.close()


def _loaded_call(fn, *arrays):
    """fn over a chunk's rows as handed to a worker (core.compute.shared.loaded)."""
    from core.compute.shared import loaded

    return fn(*(loaded(array) for array in arrays))


def _distinct(rows: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (row, value) pairs, values told apart by their bits: the index of each pair's first
    occurrence, and for every input the number of its pair."""
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.int64)
    order = np.lexsort((bits, rows))
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (rows[order][1:] != rows[order][:-1]) | (bits[order][1:] != bits[order][:-1])
    inverse = np.empty(len(order), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return order[starts], inverse
