"""Each forecasting model on its contract, and the intermittent-demand methods against hand-worked values."""
from __future__ import annotations

import numpy as np
import pytest

from core.forecasting.base import QUANTILES, count_quantiles
from core.forecasting.models import SBA, TSB, Croston, MovingAverage, Naive, SeasonalNaive
from core.forecasting.statistical import ARIMA, ETS

NAN = np.nan
FAST_MODELS = [Naive(), SeasonalNaive(), MovingAverage(28), Croston(0.1), SBA(0.1), TSB(0.1, 0.1)]

# A slow seller: sales on days 1, 4, 6 and 9; day 7 out of stock (unknown, not zero).
INTERMITTENT = np.array([0, 3, 0, 0, 2, 0, 4, NAN, 0, 1.0])


def test_croston_matches_the_hand_worked_recursion():
    # first sale 3 after an interval of 2 days; then size 2 after 3 days, 4 after 2, 1 after 2 (day 7 skipped)
    z, p = 3.0, 2.0
    for size, interval in ((2, 3), (4, 2), (1, 2)):
        z += 0.1 * (size - z)
        p += 0.1 * (interval - p)
    forecast = Croston(0.1).fit(INTERMITTENT).predict(5)
    assert forecast.mean == pytest.approx(np.full(5, z / p))
    assert z / p == pytest.approx(1.34983181, rel=1e-7)


def test_sba_is_croston_times_one_minus_half_alpha():
    croston = Croston(0.2).fit(INTERMITTENT).predict(3).mean
    assert SBA(0.2).fit(INTERMITTENT).predict(3).mean == pytest.approx(croston * 0.9)


def test_tsb_matches_the_hand_worked_recursion():
    prob, size = 0.0, None  # day 0 has no sale: probability starts at 0, size waits for the first sale
    for y in INTERMITTENT[1:]:
        if np.isnan(y):
            continue
        prob += 0.1 * ((y > 0) - prob)
        if y > 0:
            size = y if size is None else size + 0.1 * (y - size)
    forecast = TSB(0.1, 0.1).fit(INTERMITTENT).predict(4)
    assert forecast.mean == pytest.approx(np.full(4, prob * size))


def test_tsb_fades_out_a_product_that_stopped_selling_where_croston_does_not():
    stopped = np.concatenate([np.full(60, 2.0), np.zeros(60)])
    assert TSB(0.1, 0.1).fit(stopped).predict(1).mean[0] < 0.01
    assert Croston(0.1).fit(stopped).predict(1).mean[0] == pytest.approx(2.0)


@pytest.mark.parametrize("model", FAST_MODELS + [ETS(), ARIMA()], ids=lambda m: m.alias)
def test_every_model_gives_a_mean_and_ordered_quantiles_for_the_horizon(model):
    rng = np.random.default_rng(3)
    y = rng.poisson(4 + 2 * (np.arange(400) % 7 == 5), 400).astype(float)
    forecast = model.fit(y).predict(28, dispersion=1.5)
    assert forecast.mean.shape == (28,) and np.all(forecast.mean >= 0)
    assert 0.3 * y[-56:].mean() < forecast.mean.mean() < 2.5 * y[-56:].mean()
    assert set(forecast.quantiles) == set(QUANTILES)
    stacked = np.stack([forecast.quantiles[q] for q in QUANTILES])
    assert np.all(np.diff(stacked, axis=0) >= 0)
    assert forecast.model == model.alias


@pytest.mark.parametrize("model", FAST_MODELS + [ETS(), ARIMA()], ids=lambda m: m.alias)
@pytest.mark.parametrize("history", [
    np.zeros(60),                                   # never sold
    np.concatenate([np.full(59, NAN), [5.0]]),      # one sale, yesterday
    np.array([2.0, 0.0, 1.0]),                      # three days old
    np.concatenate([np.full(100, 3.0), np.full(50, NAN), [3.0]]),  # back from a long stock-out
], ids=["all-zero", "single-sale", "3-days-old", "long-stock-out"])
def test_awkward_histories_give_finite_non_negative_forecasts(model, history):
    forecast = model.fit(history).predict(14)
    assert np.all(np.isfinite(forecast.mean)) and np.all(forecast.mean >= 0)
    if not np.nansum(history):
        assert np.all(forecast.mean == 0)


def test_a_stock_out_does_not_drag_the_forecast_down():
    steady = np.full(80, 4.0)
    with_gap = steady.copy()
    with_gap[60:75] = NAN  # out of stock: unknown demand
    for model in (MovingAverage(28), TSB(0.1, 0.1), Croston(0.1)):
        assert model.fit(with_gap).predict(1).mean[0] == pytest.approx(4.0)


def test_count_quantiles_are_poisson_when_dispersion_is_one():
    from scipy import stats

    q = count_quantiles(np.array([3.0]), 1.0 + 1e-9, levels=(0.5, 0.95))
    assert q[0.95][0] == stats.poisson.ppf(0.95, 3.0)
    assert q[0.5][0] == stats.poisson.ppf(0.5, 3.0)


def _textbook(Y: np.ndarray, kind: str, a: float, b: float) -> np.ndarray:
    """The recursions product by product and day by day, as written in the literature (the reference)."""
    rates = []
    for row in Y:
        z = p = prob = None
        q = 1
        for y in row:
            if np.isnan(y):
                continue
            if kind == "tsb":
                prob = float(y > 0) if prob is None else prob + b * ((y > 0) - prob)
            if y > 0:
                if z is None:
                    z, p = y, q
                else:
                    z, p = z + a * (y - z), p + a * (q - p)
                q = 1
            else:
                q += 1
        if kind == "tsb":
            rates.append(0.0 if z is None else prob * z)
        else:
            rates.append(0.0 if z is None else z / p * (1 - a / 2 if kind == "sba" else 1.0))
    return np.array(rates)


@pytest.mark.parametrize("kind", ["croston", "sba", "tsb"])
def test_the_recursive_models_make_every_origin_in_one_pass_as_the_textbook_recursion_does(kind):
    # one pass over the days gives the forecast from each backtest origin and from the end, the same to the bit as
    # forecasting each cut history on its own, and the textbook values (unknown days, late starts, no sales)
    rng = np.random.default_rng(11)
    Y = rng.poisson(0.4, (60, 200)).astype(float) * rng.integers(1, 4, (60, 200))
    Y[rng.random(Y.shape) < 0.15] = NAN
    Y[:8, :120] = NAN                   # new products
    Y[8:11] = 0.0                       # never sold
    Y[11:13] = NAN                      # never known
    model = {"croston": Croston(0.2), "sba": SBA(0.2), "tsb": TSB(0.2, 0.1)}[kind]
    ends = [116, 144, 172, 200]
    memo: dict = {}
    together = model.forecast_origins(Y, 5, ends, memo)
    for end, forecast in zip(ends, together):
        assert np.array_equal(forecast, model.forecast_batch(Y[:, :end], 5))
        assert forecast[:, 0] == pytest.approx(_textbook(Y[:, :end], kind, 0.2, 0.1), rel=1e-12, abs=1e-12)
        assert np.all(forecast == forecast[:, :1])
    if kind != "tsb":                   # Croston and SBA with one alpha share the pass in a chunk
        other = (SBA(0.2) if kind == "croston" else Croston(0.2)).forecast_origins(Y, 5, ends, memo)
        assert len(memo) == 1
        factor = 0.9 if kind == "croston" else 1 / 0.9
        assert other[-1] == pytest.approx(together[-1] * factor, rel=1e-12)


def test_the_calendar_regression_of_a_young_product_whose_last_four_weeks_are_unknown_is_its_known_rate():
    """A product sold on 20 days and then the shop closed for Christmas and the shelf stayed empty: its last 28 days
    are all unknown. Too young for a fit, it is forecast at the rate of its known days, never NaN."""
    import pandas as pd

    from core.demand.drivers import Drivers
    from core.forecasting.regression import CalendarRegression

    T, h = 60, 14
    y = np.full((1, T), NAN)
    y[0, 10:30] = [2.0, 0.0, 3.0, 1.0] * 5
    days = pd.date_range("2024-11-01", periods=T + h, freq="D")
    drivers = Drivers(days, [], np.zeros((T + h, 0), dtype=bool), np.zeros((1, T + h), dtype=bool),
                      np.full((1, T + h), np.nan))
    forecast = CalendarRegression(drivers).forecast_batch(y, h)
    assert forecast.shape == (1, h) and np.allclose(forecast, 1.5)
