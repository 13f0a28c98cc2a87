"""A gradient-boosted global model (LightGBM): one set of trees trained across all products on the day-level
history, the kind of model that won the M5 competition.

Each example is one product, one forecast origin and one day ahead (direct multi-horizon: every input is known
at the origin or planned ahead, so nothing predicted is ever fed back and a forecast 28 days out is made the
same way as one for tomorrow). The inputs are the neural model's (`core.forecasting.neural.features`: the
product's recent levels, its weekday profile, last year's shape, events, promotion and price change) and what
trees use well raw: the last seven days, the recent levels and spread in units, the share of days without a sale,
days since the last sale and since the first, the day of the week and of the month, the events on the day before
and after, and how far ahead the day is. Days of unknown demand (stock-outs) are neither inputs nor targets: a
window's mean counts only known days, and a lag that fell on one is missing, not zero.

The loss is Tweedie (a count-like variance that grows with the mean), so slow sellers' many zeros and busy
products' large days are both fitted without a transform. LightGBM is imported only here, only when this model
runs; it is deterministic for a seed and uses a fixed number of threads (it never spin-waits beside the window).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np

from core.compute import usable_cores
from core.compute.shared import loaded
from core.demand.drivers import Drivers, cut
from core.forecasting.base import Model
from core.forecasting.neural import _examples, _Windows, event_lifts, features
from core.i18n import _
from core.jobs import JobContext, null_context

TRAIN_DAYS = 364 * 2      # origins drawn from the last two years of the history
ORIGIN_STRIDE = 7
MAX_EXAMPLES = 250_000    # examples drawn: 300 a product, at least 100,000, at most this (the training's cost
EXAMPLES_PER_PRODUCT = 300  # grows with them). Chosen on M5's validation windows with the blend (2026-12-05, fifth
MIN_EXAMPLES = 100_000    # session): 250,000 blend WRMSSE 0.8468 / 0.8313 on d_1830 / d_1858 against 0.8489 / 0.8299
#                           with 500,000 (600 a product), the trainings 23.5 s instead of 42 s (bench/RESULTS.md)
ROUNDS = 300              # SHELFWISE_BOOSTED_ROUNDS overrides it (the test suite trains 40: the model's code
#                           paths are the same, its accuracy is measured in bench/, not in the tests)
PREDICT_ROWS = 2000       # products whose inputs are built and predicted at a time
# Two threads at most (a busy desk machine keeps a core for the window and the worker processes), never more than
# the cores this process may use (core.compute.usable_cores: on one allowed core two threads only wait for each
# other); OpenMP's idle threads spin only briefly before they sleep (quiet_openmp), so the window never waits
# behind a spinning thread.
THREADS = 2
# How long an idle OpenMP thread spins before it sleeps (GOMP_SPINCOUNT; libgomp's default is 300,000 spins).
# Not 0 (OMP_WAIT_POLICY=PASSIVE, as before 2026-12-06): each of the many short parallel steps of a training then
# waits for its threads to be woken, and M5's training on two threads took 10.0 s instead of 6.4 s; with 1,000 to
# 100,000 spins it took 5.8-6.7 s (bench/RESULTS.md). 10,000 spins are some microseconds.
SPIN_COUNT = "10000"
PARAMS = {
    "objective": "tweedie", "tweedie_variance_power": 1.2, "learning_rate": 0.05, "num_leaves": 63,
    "min_data_in_leaf": 100, "feature_fraction": 0.8, "bagging_fraction": 0.7, "bagging_freq": 1,
    "lambda_l2": 1.0, "max_bin": 127, "verbose": -1, "deterministic": True, "force_row_wise": True,
}


def quiet_openmp() -> None:
    """Bounds OpenMP's busy-waiting before LightGBM loads libgomp (which reads it once), unless the environment
    already says how to wait."""
    if "OMP_WAIT_POLICY" not in os.environ:
        os.environ.setdefault("GOMP_SPINCOUNT", SPIN_COUNT)


def boosted_features(Y: np.ndarray, windows: _Windows, drivers: Drivers, rows: np.ndarray, origin: np.ndarray,
                     ahead: np.ndarray, h: int, lifts: np.ndarray | None, last_sale: np.ndarray,
                     first: np.ndarray) -> np.ndarray:
    """The neural model's inputs and the raw ones trees use well, for (product, origin, days ahead) triples."""
    base, level = features(Y, windows, drivers, rows, origin, ahead, h, lifts)
    T = Y.shape[1]
    day = origin + ahead
    lags = [Y[rows, np.clip(origin - k, 0, T - 1)] for k in range(1, 8)]
    lags = [np.where(origin - k >= 0, lag, np.nan) for lag, k in zip(lags, range(1, 8))]
    levels = [windows.mean(rows, origin - w, origin)[0] for w in (7, 28, 91, 364)]
    square = windows.square_mean(rows, origin - 28, origin)
    spread = np.sqrt(np.maximum(square - np.nan_to_num(levels[1]) ** 2, 0.0))
    since_sale = np.where(last_sale[rows, np.clip(origin - 1, 0, T - 1)] >= 0,
                          origin - 1 - last_sale[rows, np.clip(origin - 1, 0, T - 1)], np.nan)
    age = (origin - first[rows]).astype(float)
    D = len(drivers.days)
    events = drivers.events.astype(np.float32)
    before = events[np.clip(day - 1, 0, D - 1)] if events.shape[1] else np.zeros((len(rows), 0))
    after = events[np.clip(day + 1, 0, D - 1)] if events.shape[1] else np.zeros((len(rows), 0))
    dates = drivers.days[day]
    extra = np.column_stack([*lags, *levels, spread, since_sale, np.minimum(age, 1000),
                             windows.zero_share(rows, np.clip(origin - 28, 0, None), origin),
                             dates.dayofweek.to_numpy(), dates.day.to_numpy(), dates.dayofyear.to_numpy(),
                             ahead, level])
    return np.column_stack([base, extra, before, after]).astype(np.float32)


def last_sale_index(Y: np.ndarray) -> np.ndarray:
    """For each product and day, the index of the last day up to it with a sale (-1 before the first)."""
    T = Y.shape[1]
    sold = np.where(Y > 0, np.arange(T)[None, :], -1)      # (an unknown day, NaN, is no sale)
    return np.maximum.accumulate(sold, axis=1, out=sold)


class GlobalBoosted(Model):
    alias = "lightgbm"
    # The final forecast is made by trees trained again on the whole history (the backtests' trees stop before
    # the first backtest origin, 84 days earlier on a daily shop): chosen on M5's windows d_1830 and d_1858,
    # WRMSSE 0.8475 -> 0.8418 for this model alone (bench/RESULTS.md), for a second training.
    refit_for_final = True

    def __init__(self, *, seed: int = 7, rounds: int | None = None, threads: int | None = None,
                 ctx: JobContext | None = None):
        self.seed = seed
        self.rounds = rounds or int(os.environ.get("SHELFWISE_BOOSTED_ROUNDS") or ROUNDS)
        self.threads = threads or min(THREADS, usable_cores())
        self.ctx = ctx or null_context()
        self.booster_ = None
        self.examples_ = 0
        self._kept: tuple[np.ndarray, _Inputs] | None = None     # (a whole history, its inputs): see train

    def train(self, Y: np.ndarray, h: int, drivers: Drivers, *, whole: np.ndarray | None = None) -> "GlobalBoosted":
        """Learn from every product's past up to the end of Y (drivers cover Y's days and h more). `whole`: a
        longer history whose first days Y is (the backtests' training before the final one's): the inputs' running
        sums are made once, on it, read up to Y's end here and kept for the next training on `whole` itself."""
        return self._fit(self._prepare(Y, h, drivers, self._inputs(Y, whole)))

    def train_both(self, before: np.ndarray, before_drivers: Drivers, whole: np.ndarray, whole_drivers: Drivers,
                   h: int) -> "Trees | None":
        """train(before, whole=whole) and then train(whole), the same trees to the bit, with the two trainings'
        examples and inputs made side by side on two threads where this process may use two cores (numpy works
        without the GIL: 0.6-1.0 s against 1.4 s at 20,000 products), since neither depends on the other's trees,
        and then the two trainings side by side too, a thread each (where the model may use two). The first
        training's trees are returned (None where it had too little history: then the second is not
        trained and this model is left untrained); the model then holds the second's."""
        inputs = _Inputs.of(whole, threads=2 if usable_cores() >= 2 else 1)
        jobs = [(before, before_drivers, inputs.prefix(before.shape[1])), (whole, whole_drivers, inputs)]
        if usable_cores() >= 2:
            import concurrent.futures

            with concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="trees-inputs") as pool:
                futures = [pool.submit(self._prepare, Y, h, drivers, made) for Y, drivers, made in jobs]
                first, final = [future.result() for future in futures]
        else:
            first, final = [self._prepare(Y, h, drivers, made) for Y, drivers, made in jobs]
        del inputs, jobs
        if usable_cores() >= 2 and self.threads >= 2 and first.X is not None and final.X is not None:
            # the two trainings side by side, on a thread each, rather than one after the other on two threads
            # each: LightGBM's trees are the same to the bit on any number of threads (deterministic, row-wise),
            # and two threads on one training share its many short steps less well than two trainings share the
            # cores (M5: 11.6 s against 14.1 s for both, medians of six in turn). Each training is its own booster
            # and dataset; LightGBM keeps one thread count for the whole process, which both set to the same 1
            import concurrent.futures

            with concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="trees") as pool:
                futures = [pool.submit(self._booster, examples, self.threads // 2, report=k == 0)
                           for k, examples in enumerate((first, final))]
                (before, _), (after, _) = [future.result() for future in futures]
            self.booster_, self.lifts_, self.examples_ = before, first.lifts, first.count
            trees = self.trees()
            self.booster_, self.lifts_, self.examples_ = after, final.lifts, final.count
            return trees
        if not self._fit(first).is_trained():
            return None
        trees = self.trees()
        self._fit(final)
        return trees

    def _prepare(self, Y: np.ndarray, h: int, drivers: Drivers, inputs: "_Inputs") -> "_Examples | None":
        """What a training learns from: its examples' inputs and targets (None: too little history)."""
        rng = np.random.default_rng(self.seed)
        n, T = Y.shape
        windows, first = inputs.windows, inputs.first
        origins = np.arange(T - h - ((T - h - 28) // ORIGIN_STRIDE) * ORIGIN_STRIDE, T - h + 1, ORIGIN_STRIDE)
        origins = origins[origins >= max(28, T - TRAIN_DAYS)]
        if not len(origins):
            return _Examples(None, None, None, 0)
        most = int(np.clip(EXAMPLES_PER_PRODUCT * n, MIN_EXAMPLES, MAX_EXAMPLES))
        rows, cols, ahead = _examples(n, origins, h, rng, most)
        keep = (cols - 28 >= first[rows]) & ~np.isnan(Y[rows, np.minimum(cols + ahead, T - 1)])
        rows, cols, ahead = rows[keep][:most], cols[keep][:most], ahead[keep][:most]
        if len(rows) < 1000:
            return _Examples(None, None, None, len(rows))
        self.ctx.check_cancelled()
        lifts = event_lifts(Y, drivers, T)
        X = boosted_features(Y, windows, drivers, rows, cols, ahead, h, lifts, inputs.last_sale, first)
        return _Examples(X, Y[rows, cols + ahead], lifts, len(rows))

    def _fit(self, examples: "_Examples") -> "GlobalBoosted":
        self.booster_ = None
        self.examples_ = examples.count
        if examples.X is None:
            return self
        self.booster_, self.lifts_ = self._booster(examples, self.threads)
        return self

    def _booster(self, examples: "_Examples", threads: int, report: bool = True):
        """(LightGBM's booster trained on these examples with `threads` threads, their event lifts). Cancel is
        checked between rounds; progress reported every 10 where `report`."""
        quiet_openmp()
        import lightgbm

        self.ctx.check_cancelled()
        params = {**PARAMS, "seed": self.seed, "num_threads": threads}
        data = lightgbm.Dataset(examples.X, examples.target, free_raw_data=True)

        def check(env) -> None:
            self.ctx.check_cancelled()
            if report and env.iteration % 10 == 0:
                self.ctx.progress(env.iteration / self.rounds, _("Gradient-boosted model: round {round} of "
                                                                 "{rounds}").format(round=env.iteration,
                                                                                    rounds=self.rounds))

        return lightgbm.train(params, data, num_boost_round=self.rounds, callbacks=[check]), examples.lifts

    def _inputs(self, Y: np.ndarray, whole: np.ndarray | None) -> "_Inputs":
        """Y's _Inputs: read from those kept for `whole` (made now if not yet), or used up where Y is the history
        they were kept for, or made for Y alone."""
        if whole is not None and (self._kept is None or self._kept[0] is not whole):
            self._kept = (whole, _Inputs.of(whole))
        if self._kept is not None and self._kept[0] is Y:
            inputs, self._kept = self._kept[1], None
            return inputs
        if whole is not None:
            return self._kept[1].prefix(Y.shape[1])
        return _Inputs.of(Y)

    def is_trained(self) -> bool:
        """Whether the last `train` had the history to learn from (else forecasts are the recent average)."""
        return self.booster_ is not None

    def forecast_batch(self, Y, h, drivers: Drivers | None = None):
        """Forecast from the end of Y with the trees trained before (trained now if they were not)."""
        if self.booster_ is None:
            self.train(Y, h, drivers)
        if self.booster_ is None:
            from core.forecasting.models import recent_mean

            return np.repeat(recent_mean(Y, 28)[:, None], h, axis=1)
        return _predict(self.booster_, self.lifts_, Y, h, drivers, self.threads)

    def trees(self) -> "Trees":
        """The trained trees and the products' event lifts, as plain values a worker process can be handed."""
        return Trees(self.booster_.model_to_string(), self.lifts_)


@dataclass(frozen=True)
class _Examples:
    """A training's examples: their inputs X, targets, the products' event lifts, and how many (X None: too few)."""
    X: np.ndarray | None
    target: np.ndarray | None
    lifts: np.ndarray | None
    count: int


@dataclass(frozen=True)
class Trees:
    """Trained trees as LightGBM's text (about 2 MB; parsed again in 5 ms) and each product's event lifts."""
    text: str
    lifts: np.ndarray


def boosted_chunk(backtest: Trees, final: Trees, rows: slice, Y: np.ndarray, promotion: np.ndarray,
                  price: np.ndarray, calendar, h: int, origins: list[int],
                  threads: int = 1) -> tuple[list[np.ndarray], np.ndarray, float]:
    """The trees' forecasts for a chunk of products (`rows` of the shop, whose history, promotion days and prices
    are Y, promotion and price): from each backtest origin with the backtest's trees, and from the end of Y with
    the final trees (and the seconds it took). A plain function of plain arrays, so the prediction (which grows with the products, where the
    training does not: its examples are capped) runs on any executor; each product's inputs are its own, so the
    numbers are the same to the bit as one pass over all products (tests/forecasting/test_executors.py)."""
    import lightgbm

    started = time.perf_counter()
    quiet_openmp()
    Y, promotion, price = loaded(Y), loaded(promotion), loaded(price)     # their rows, where shared
    drivers = Drivers(calendar.days, calendar.event_kinds, calendar.events, promotion, price)
    T = Y.shape[1]
    trees = lightgbm.Booster(model_str=backtest.text)
    whole = _Inputs.of(Y)       # the running sums once, read up to each origin
    backtests = [_predict(trees, backtest.lifts[rows], Y[:, :origin], h, cut(drivers, 0, origin + h), threads,
                          whole.prefix(origin)) for origin in origins]
    if final is not backtest:
        trees = lightgbm.Booster(model_str=final.text)
    last = _predict(trees, final.lifts[rows], Y, h, cut(drivers, 0, T + h), threads, whole)
    return backtests, last, time.perf_counter() - started


@dataclass(frozen=True)
class _Inputs:
    """What the trees' inputs read from a history Y (n, T): its running sums, each day's last sale, each product's
    first known day. Those of Y[:, :days] are views of these (`prefix`), the same to the bit as computed on it."""
    windows: _Windows
    last_sale: np.ndarray
    first: np.ndarray

    @staticmethod
    def of(Y: np.ndarray, threads: int = 1) -> "_Inputs":
        """`threads` > 1: the running sums and the last sales made side by side on that many threads (the
        caller's trees, where it may use the cores: 20,000 products x 3 years, 3.3-4.0 s on one)."""
        T = Y.shape[1]
        known = ~np.isnan(Y)
        first = np.where(known.any(axis=1), np.argmax(known, axis=1), T)
        del known
        if threads < 2:
            # the trees' inputs read the squares' sums at every cut: made once, here
            return _Inputs(_Windows(Y, squares=True), last_sale_index(Y), first)
        import concurrent.futures

        with concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="trees-inputs") as pool:
            last_sale = pool.submit(last_sale_index, Y)
            windows = _Windows(Y, squares=True, pool=pool)
            return _Inputs(windows, last_sale.result(), first)

    def prefix(self, days: int) -> "_Inputs":
        return _Inputs(self.windows.prefix(days), self.last_sale[:, :days], np.minimum(self.first, days))


def _predict(booster, lifts: np.ndarray, Y: np.ndarray, h: int, drivers: Drivers, threads: int,
             inputs: _Inputs | None = None) -> np.ndarray:
    """The trees' forecast of the next h days from the end of Y (`inputs`: _Inputs.of(Y), where already made)."""
    n, T = Y.shape
    inputs = inputs or _Inputs.of(Y)
    windows, last_sale, first = inputs.windows, inputs.last_sale, inputs.first
    mean = np.empty((n, h))
    for start in range(0, n, PREDICT_ROWS):     # a block of products at a time: the inputs stay small
        block = np.arange(start, min(start + PREDICT_ROWS, n))
        rows, ahead = np.repeat(block, h), np.tile(np.arange(h), len(block))
        X = boosted_features(Y, windows, drivers, rows, np.full(len(rows), T), ahead, h, lifts, last_sale, first)
        mean[block] = booster.predict(X, num_threads=threads).reshape(len(block), h)
    never = first >= T
    mean[never] = 0.0
    return np.clip(mean, 0.0, None)
