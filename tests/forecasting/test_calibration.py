"""Intervals calibrated within each demand class: a steady seller's and a noisy one's each hold about 90%."""
from __future__ import annotations

import numpy as np

from core.forecasting.base import count_quantiles
from core.forecasting.selection import calibrate, calibrate_groups


def _cover(forecast, actual, dispersion):
    q = count_quantiles(forecast, dispersion[:, None], levels=(0.05, 0.95))
    return float(np.mean((actual >= q[0.05]) & (actual <= q[0.95])))


def test_each_group_gets_its_own_factor_and_holds_about_90_percent():
    rng = np.random.default_rng(4)
    n, days, mean = 200, 84, 20.0
    noisy = np.arange(n) < n // 2                      # variance 4x the mean; the others 1.3x
    variance = np.where(noisy, 4.0, 1.3) * mean
    r = mean ** 2 / (variance - mean)
    actual = rng.negative_binomial(r[:, None], (r / (r + mean))[:, None], size=(n, days)).astype(float)
    forecast = np.full((n, days), mean)
    raw = np.full(n, 1.5)                               # the same raw spread for all: wrong for both groups
    groups = np.where(noisy, "erratic", "smooth")

    shop_factor, _ = calibrate([forecast], [actual], raw)
    one = np.full(n, raw * shop_factor)
    assert abs(_cover(forecast[noisy], actual[noisy], one[noisy]) - 0.9) > 0.03 or \
        abs(_cover(forecast[~noisy], actual[~noisy], one[~noisy]) - 0.9) > 0.03   # one factor misses a group

    factor, cover = calibrate_groups([forecast], [actual], raw, groups)
    assert factor[noisy][0] > factor[~noisy][0]
    spread = raw * factor
    for rows in (noisy, ~noisy):
        assert abs(_cover(forecast[rows], actual[rows], spread[rows]) - 0.9) < 0.03
    assert abs(cover - _cover(forecast, actual, spread)) < 1e-9


def test_a_group_with_too_few_days_takes_the_shop_wide_factor():
    rng = np.random.default_rng(5)
    actual = rng.poisson(5.0, size=(60, 28)).astype(float)
    forecast = np.full((60, 28), 5.0)
    groups = np.array(["smooth"] * 58 + ["lumpy"] * 2)     # 56 known days: too few to judge alone
    factor, _ = calibrate_groups([forecast], [actual], np.full(60, 2.0), groups)
    shop_factor, _ = calibrate([forecast], [actual], np.full(60, 2.0))
    assert factor[-1] == shop_factor
