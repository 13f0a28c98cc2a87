"""The gradient-boosted global model (LightGBM) on its contract: awkward histories, no peeking, the same seed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.demand.drivers import Drivers
from core.forecasting.boosted import GlobalBoosted, boosted_features, last_sale_index
from core.forecasting.neural import _Windows, event_lifts

NAN = np.nan
H = 14


def shop(T: int = 300, seed: int = 3) -> tuple[np.ndarray, Drivers]:
    """40 ordinary products (weekend peaks, levels 0.3 to 20 a day) and four awkward ones in the last rows."""
    rng = np.random.default_rng(seed)
    levels = np.geomspace(0.3, 20, 40)
    weekly = 1 + 0.8 * (np.arange(T) % 7 >= 5)
    Y = rng.poisson(levels[:, None] * weekly[None, :]).astype(float)
    awkward = np.full((4, T), NAN)
    awkward[0] = 0.0                              # stocked all along, never sold
    awkward[1, -1] = 5.0                          # one sale, yesterday
    awkward[2, -3:] = [2.0, 0.0, 1.0]             # three days old
    awkward[3] = 3.0                              # back from a long stock-out (50 days unknown)
    awkward[3, -51:-1] = NAN
    Y = np.vstack([Y, awkward])
    days = pd.date_range("2024-01-01", periods=T + H, freq="D")
    events = np.zeros((T + H, 1), dtype=bool)
    events[::30] = True
    n = len(Y)
    drivers = Drivers(days, ["market"], events, np.zeros((n, T + H), dtype=bool), np.full((n, T + H), 2.5))
    return Y, drivers


def test_awkward_histories_get_finite_non_negative_forecasts_and_the_rest_follow_their_level():
    Y, drivers = shop()
    model = GlobalBoosted(seed=5).train(Y, H, drivers)
    assert model.booster_ is not None and model.examples_ > 1000
    forecast = model.forecast_batch(Y, H, drivers)
    assert forecast.shape == (len(Y), H)
    assert np.all(np.isfinite(forecast)) and np.all(forecast >= 0)
    ordinary = forecast[:40].mean(axis=1)
    actual = np.nanmean(Y[:40, -56:], axis=1)
    assert np.all(ordinary < 2.0 * actual + 0.3) and np.all(ordinary > 0.5 * actual - 0.1)
    weekend = drivers.days[Y.shape[1]:].dayofweek >= 5
    busy = forecast[30:40]
    assert busy[:, weekend].mean() > 1.3 * busy[:, ~weekend].mean()    # the weekend peak learnt
    assert forecast[40].max() < 0.5                                    # never sold: next to nothing
    assert 1.5 < forecast[43].mean() < 4.5                              # its level before the stock-out, ~3


def test_a_product_that_never_sold_is_forecast_zero():
    Y, drivers = shop()
    Y[40] = NAN                                   # not history yet: never sold at all
    forecast = GlobalBoosted(seed=5).forecast_batch(Y, H, drivers)
    assert np.all(forecast[40] == 0)


def test_the_inputs_at_an_origin_never_read_the_days_from_it_on():
    Y, drivers = shop()
    origin = 250
    rows = np.repeat(np.arange(len(Y)), H)
    ahead = np.tile(np.arange(H), len(Y))
    origins = np.full(len(rows), origin)
    first = np.where((~np.isnan(Y)).any(axis=1), np.argmax(~np.isnan(Y), axis=1), Y.shape[1])

    def inputs(matrix):
        lifts = event_lifts(matrix[:, :origin], drivers, origin)
        return boosted_features(matrix, _Windows(matrix), drivers, rows, origins, ahead, H, lifts,
                                last_sale_index(matrix), first)

    before = inputs(Y)
    changed = Y.copy()
    changed[:, origin:] = np.where(np.isnan(changed[:, origin:]), 7.0, changed[:, origin:] * 50 + 100)
    np.testing.assert_array_equal(before, inputs(changed))


def test_the_same_seed_gives_the_same_forecast():
    Y, drivers = shop()
    first = GlobalBoosted(seed=9).forecast_batch(Y, H, drivers)
    again = GlobalBoosted(seed=9).forecast_batch(Y, H, drivers)
    np.testing.assert_array_equal(first, again)


def test_too_little_history_falls_back_to_the_recent_average():
    Y = np.array([[1.0, 0.0, 2.0, 1.0] * 10, [0.0, 0.0, 1.0, 0.0] * 10])
    days = pd.date_range("2024-01-01", periods=40 + H, freq="D")
    drivers = Drivers(days, [], np.zeros((40 + H, 0), dtype=bool), np.zeros((2, 40 + H), dtype=bool),
                      np.full((2, 40 + H), np.nan))
    forecast = GlobalBoosted().forecast_batch(Y, H, drivers)
    assert forecast[0] == pytest.approx(np.full(H, 1.0), abs=0.01)


def test_chunks_of_products_predicted_from_the_trees_as_text_match_one_pass_to_the_bit():
    from core.demand.drivers import cut
    from core.forecasting.boosted import boosted_chunk
    from core.forecasting.chunks import Calendar

    Y, drivers = shop()
    T = Y.shape[1]
    origins = [T - 2 * H, T - H]
    model = GlobalBoosted(seed=5).train(Y[:, :origins[0]], H, cut(drivers, 0, origins[0] + H))
    before = model.trees()
    expected = [model.forecast_batch(Y[:, :o], H, cut(drivers, 0, o + H)) for o in origins]
    model.train(Y, H, drivers)
    after = model.trees()
    expected_final = model.forecast_batch(Y, H, drivers)
    assert not np.array_equal(expected[-1], expected_final)    # two sets of trees, each used where it belongs
    calendar = Calendar(drivers.days, drivers.event_kinds, drivers.events)
    for rows in (slice(0, 17), slice(17, 44)):
        backtests, final, seconds = boosted_chunk(before, after, rows, Y[rows], drivers.promotion[rows],
                                                  drivers.price[rows], calendar, H, origins, threads=1)
        assert seconds > 0
        for got, want in zip(backtests, expected):
            assert np.array_equal(got, want[rows])
        assert np.array_equal(final, expected_final[rows])


def test_openmp_threads_spin_briefly_and_then_sleep_without_slowing_the_training(monkeypatch):
    """LightGBM's OpenMP threads wait for work by spinning some microseconds and then sleeping (GOMP_SPINCOUNT),
    not by sleeping at once (OMP_WAIT_POLICY=PASSIVE made M5's training 1.6x slower: each short parallel step
    waited for its threads to be woken) nor by spinning for long beside the window. An owner's own setting wins."""
    import os
    import subprocess
    import sys

    from core.forecasting.boosted import SPIN_COUNT, quiet_openmp

    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    quiet_openmp()
    assert os.environ["GOMP_SPINCOUNT"] == SPIN_COUNT and 0 < int(SPIN_COUNT) <= 100_000
    monkeypatch.setenv("GOMP_SPINCOUNT", "500")
    quiet_openmp()
    assert os.environ["GOMP_SPINCOUNT"] == "500"
    monkeypatch.delenv("GOMP_SPINCOUNT")
    monkeypatch.setenv("OMP_WAIT_POLICY", "PASSIVE")
    quiet_openmp()
    assert "GOMP_SPINCOUNT" not in os.environ
    # a real training on two threads in a fresh process, then a second of nothing: its threads use no CPU meanwhile
    script = (
        "import os, time, sys; sys.path.insert(0, %r)\n"
        "from tests.forecasting.test_boosted import shop\n"
        "from core.demand.drivers import cut\n"
        "from core.forecasting.boosted import GlobalBoosted\n"
        "Y, d = shop(400)\n"
        "m = GlobalBoosted(rounds=20, threads=2).train(Y, 14, cut(d, 0, Y.shape[1] + 14))\n"
        "assert m.is_trained() and os.environ['GOMP_SPINCOUNT'] == %r\n"
        "time.sleep(0.2); c0 = time.process_time(); time.sleep(1.0); print(time.process_time() - c0)\n"
    ) % (str(Path(__file__).resolve().parents[2]), SPIN_COUNT)
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    idle_cpu = float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                    env=env, timeout=120).stdout.strip())
    assert idle_cpu < 0.05


def test_the_inputs_read_from_the_whole_history_are_those_of_its_first_days_to_the_bit(monkeypatch):
    # the running sums, last sales and first days are made once, on the whole history, and read up to each origin:
    # exactly what making them on the history cut at the origin gives (new products, stock-outs, never sold)
    from core.demand.drivers import cut
    from core.forecasting.boosted import _Inputs

    Y, drivers = shop()
    Y[:5, :200] = NAN                   # five products that start late, after some of the cuts
    T = Y.shape[1]
    whole = _Inputs.of(Y)
    for days in (120, 199, 200, 201, T - H, T):
        cut_here, read = _Inputs.of(Y[:, :days]), whole.prefix(days)
        for name in ("sum", "count", "zero"):
            assert np.array_equal(getattr(read.windows, name), getattr(cut_here.windows, name))
        rows = np.arange(len(Y))
        assert np.array_equal(read.windows.square_mean(rows, np.full(len(Y), days - 28), np.full(len(Y), days)),
                              cut_here.windows.square_mean(rows, np.full(len(Y), days - 28), np.full(len(Y), days)),
                              equal_nan=True)
        assert np.array_equal(read.last_sale, cut_here.last_sale) and np.array_equal(read.first, cut_here.first)
    # the backtests' training reads them from the whole history it keeps them for: the same trees, both times
    origin = T - 2 * H
    apart = GlobalBoosted(seed=4)
    apart.train(Y[:, :origin], H, cut(drivers, 0, origin + H))
    first_trees = apart.trees().text
    apart.train(Y, H, drivers)
    shared = GlobalBoosted(seed=4)
    shared.train(Y[:, :origin], H, cut(drivers, 0, origin + H), whole=Y)
    assert shared._kept is not None and shared.trees().text == first_trees
    shared.train(Y, H, drivers)
    assert shared._kept is None and shared.trees().text == apart.trees().text
    # both trainings' inputs made side by side on two threads (or one after the other on one core): the same trees
    import core.forecasting.boosted as boosted

    # and the two trainings side by side, a thread each: the same trees (their text but for the threads it names)
    def grown(text: str) -> str:
        return text.split("\nparameters:")[0]

    for cores, threads in ((2, 2), (2, 1), (1, 1)):
        monkeypatch.setattr(boosted, "usable_cores", lambda cores=cores: cores)
        both = GlobalBoosted(seed=4, threads=threads)
        assert grown(both.train_both(Y[:, :origin], cut(drivers, 0, origin + H), Y, drivers, H).text) == \
            grown(first_trees)
        assert grown(both.trees().text) == grown(apart.trees().text) and both.examples_ == apart.examples_
        assert len(both.trees().lifts) == len(Y)
    # too little history before the first origin: nothing trained, no trees
    short = GlobalBoosted(seed=4)
    assert short.train_both(Y[:, :40], cut(drivers, 0, 40 + H), Y[:, :40 + H], cut(drivers, 0, 40 + 2 * H), H) is None
    assert not short.is_trained()


def test_the_neural_model_reads_its_running_sums_from_the_whole_history_to_the_same_numbers():
    # neural_part (a worker's) makes the running sums once and reads them up to each origin: the same forecasts to
    # the bit as the network making them again for every cut of the history
    from core.demand.drivers import cut
    from core.forecasting.neural import GlobalNeural
    from core.forecasting.run import neural_part

    Y, drivers = shop()
    T = Y.shape[1]
    origins = [T - 2 * H, T - H]
    backtests, final, _seconds = neural_part(Y, H, drivers, origins, 6, 2)
    model = GlobalNeural(seed=6, epochs=2, device="cpu")
    model.train(Y[:, :origins[0]], H, cut(drivers, 0, origins[0] + H))
    for origin, got in zip(origins, backtests):
        assert np.array_equal(got, model.forecast_batch(Y[:, :origin], H, cut(drivers, 0, origin + H)))
    assert np.array_equal(final, model.forecast_batch(Y, H, drivers))


def test_cancel_stops_both_trainings_side_by_side_within_a_round(monkeypatch):
    """The two trainings on a thread each: Cancel during them raises here, and neither training goes on after it."""
    import threading

    import lightgbm

    import core.forecasting.boosted as boosted
    from core.demand.drivers import cut
    from core.jobs import Cancelled, JobContext

    monkeypatch.setattr(boosted, "usable_cores", lambda: 2)
    Y, drivers = shop()
    origin = Y.shape[1] - 2 * H
    rounds: list[int] = []
    ctx = JobContext(lambda fraction, text: None)
    model = GlobalBoosted(seed=4, threads=2, rounds=400, ctx=ctx)
    original = lightgbm.train

    def train(*args, callbacks=(), **kwargs):      # counts the rounds of both trainings; Cancel after 30 in all
        def count(env) -> None:
            rounds.append(env.iteration)
            if len(rounds) == 30:
                ctx.cancel()
        return original(*args, callbacks=[count, *callbacks], **kwargs)

    monkeypatch.setattr(lightgbm, "train", train)
    with pytest.raises(Cancelled):
        model.train_both(Y[:, :origin], cut(drivers, 0, origin + H), Y, drivers, H)
    assert len(rounds) < 40             # both stopped at their next round (400 each were asked)
    assert not [t for t in threading.enumerate() if t.name.startswith("trees")]


def test_the_running_sums_are_the_known_days_summed_one_after_another():
    """_Windows' running sums (made in place) against the plain definition: 0, then each known day added in turn
    (unknown days add nothing), their count, their days without a sale and their squares; a window's mean from them."""
    rng = np.random.default_rng(12)
    Y = rng.poisson(2.0, size=(30, 90)) * rng.random((30, 90)) * 4
    Y[rng.random(Y.shape) < 0.25] = NAN
    Y[4] = NAN
    for matrix in (Y, Y[:, :61], Y[::3]):
        windows = _Windows(matrix)
        for row, values in enumerate(matrix):
            total = count = zeros = square = 0.0
            expected = [(0.0, 0.0, 0.0, 0.0)]
            for value in values:
                if not np.isnan(value):
                    total, count, zeros, square = total + value, count + 1, zeros + (value == 0), square + value ** 2
                expected.append((total, count, zeros, square))
            expected = np.array(expected)
            assert np.array_equal(windows.sum[row], expected[:, 0]) and np.array_equal(windows.count[row], expected[:, 1])
            assert np.array_equal(windows.zero[row], expected[:, 2])
            rows, start, stop = np.array([row]), np.array([10]), np.array([40])
            assert np.array_equal(windows.square_mean(rows, start, stop),
                                  [(expected[40, 3] - expected[10, 3]) / max(expected[40, 1] - expected[10, 1], 1)]
                                  if expected[40, 1] > expected[10, 1] else [NAN], equal_nan=True)


def test_the_trees_inputs_made_on_two_threads_are_those_made_on_one():
    from core.forecasting.boosted import _Inputs

    Y, _drivers = shop()
    one, two = _Inputs.of(Y), _Inputs.of(Y, threads=2)
    for name in ("sum", "count", "zero", "_square"):
        assert np.array_equal(getattr(one.windows, name), getattr(two.windows, name))
    assert np.array_equal(one.last_sale, two.last_sale) and np.array_equal(one.first, two.first)
    assert np.array_equal(one.last_sale, last_sale_index(np.nan_to_num(Y)))    # an unknown day is no sale
