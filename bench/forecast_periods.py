"""Forecast accuracy in the data's own period on the real weekly and monthly spare-parts sets.

The sets are the shop files bench/replay_periods.py imports through the normal path (built here too when missing).
The last 12 periods are held out; ShelfWise's period forecast (core.forecasting.periods: its candidates backtested
and chosen per product on the periods before) forecasts them from what came before, beside statsforecast's
CrostonSBA, TSB (0.1/0.1), ADIDA, IMAPA and AutoETS in the same run (where statsforecast is installed; it is not a
dependency). AutoETS is fitted without a season: the weekly set has under three 52-week seasons of history, and the
monthly one a single year.

Printed per method: the scaled mean squared error (each item's MSE over the 12 periods divided by the mean squared
period-to-period change of its training series), weighted by the item's sales value over the training periods (cost
x units where the file has costs, units otherwise), its square root (a weighted RMSSE), and the total bias (forecast
total / real total over the held-out periods); the median of the peers' forecasts too; and how many items sold in
training but not at all in the held-out periods (dying parts), with each method's forecast total on them.

Run:  .venv/bin/python bench/forecast_periods.py
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

from replay_periods import load  # noqa: E402

from core.forecasting.periods import PeriodHistory, forecast_periods  # noqa: E402

HELD_OUT = 12


def peers(train: np.ndarray, h: int) -> dict[str, np.ndarray]:
    from statsforecast import StatsForecast
    from statsforecast.models import ADIDA, IMAPA, TSB, AutoETS, CrostonSBA

    n, t = train.shape
    frame = pd.DataFrame({"unique_id": np.repeat(np.arange(n), t), "ds": np.tile(np.arange(1, t + 1), n),
                          "y": train.ravel()})
    sold = train.sum(axis=1) > 0
    frame = frame[np.repeat(sold, t)]
    models = [CrostonSBA(), TSB(alpha_d=0.1, alpha_p=0.1), ADIDA(), IMAPA(), AutoETS(season_length=1)]
    fc = StatsForecast(models=models, freq=1, n_jobs=1).forecast(df=frame, h=h)
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    out = {}
    for name in ("CrostonSBA", "TSB", "ADIDA", "IMAPA", "AutoETS"):
        values = np.zeros((n, h))
        pivot = fc.pivot(index="unique_id", columns="ds", values=name)
        values[pivot.index.to_numpy(dtype=int)] = np.clip(pivot.to_numpy(dtype=float), 0, None)
        out[name] = values
    return out


def scores(forecast: np.ndarray, actual: np.ndarray, train: np.ndarray, weight: np.ndarray) -> tuple[float, float, float]:
    scale = np.maximum(np.mean(np.diff(train, axis=1) ** 2, axis=1), 1e-3)
    smse = np.mean((forecast - actual) ** 2, axis=1) / scale
    w = weight / weight.sum()
    return float((w * smse).sum()), float((w * np.sqrt(smse)).sum()), float(forecast.sum() / max(actual.sum(), 1e-9))


def bounds(train: np.ndarray, actual: np.ndarray, weight: np.ndarray, table: dict) -> None:
    """What knowing more would score: references for how far any forecast of these periods can go, never peers.
    Each item's mean over its training periods; that mean shrunk towards the shop's mean by the one share that
    scores best on the held-out periods (tuned in hindsight: the most that pooling the items could give a flat
    forecast); each item's own mean over the held-out periods (known only afterwards: no forecast from the training
    periods can reach it, whatever its method)."""
    mean = np.nanmean(train, axis=1, keepdims=True)
    h = actual.shape[1]
    shop = float(np.nansum(train) / np.isfinite(train).sum())
    shrunk = min(((scores(np.repeat((1 - b) * mean + b * shop, h, axis=1), actual, train, weight), b)
                  for b in np.linspace(0, 0.5, 51)), key=lambda pair: pair[0][0])
    rows = {"each item's own mean": scores(np.repeat(mean, h, axis=1), actual, train, weight),
            f"hindsight: mean {shrunk[1]:.0%} to shop's": shrunk[0],
            "hindsight: held-out mean": scores(np.repeat(actual.mean(axis=1, keepdims=True), h, axis=1), actual,
                                               train, weight)}
    best = min((v[0] for m, v in table.items() if m != "ShelfWise"), default=float("nan"))
    print(f"references, not peers (5% better than the best peer is {0.95 * best:.4f}):")
    for method, (smse, rmsse, bias) in rows.items():
        print(f"  {method:30s} {smse:11.4f} {rmsse:8.4f} {bias:6.2f}")


def run_set(name: str, latest: str) -> None:
    data = load(name, latest)
    totals = data["totals"]
    n, T = totals.shape
    train, actual = totals[:, :T - HELD_OUT], totals[:, T - HELD_OUT:]
    sold = train.sum(axis=1) > 0
    weight = (train.sum(axis=1) * data["cost"])[sold]
    print(f"\n== {name}: {n:,} items x {T} {data['period']}s; the last {HELD_OUT} held out "
          f"({data['starts'][T - HELD_OUT].date()} .. {data['starts'][-1].date()}); {int(sold.sum()):,} items sold "
          f"in the training periods (scored, weighted by {'value at cost' if data['valued'] else 'units'})")
    history = PeriodHistory(np.arange(n), np.arange(n).astype(str).astype(object), data["period"],
                            data["starts"][:T - HELD_OUT], train, train.sum(axis=1) * data["cost"], None)
    started = time.perf_counter()
    result = forecast_periods(history, HELD_OUT)
    methods = {"ShelfWise": result.mean}
    print(f"ShelfWise: {time.perf_counter() - started:.1f} s; models chosen (share of items with weight): " + ", ".join(
        f"{m} {float((result.choice.weights[sold][:, j] > 0.005).mean()):.0%}"
        for j, m in enumerate(result.choice.models)))
    try:
        started = time.perf_counter()
        others = peers(train, HELD_OUT)
        print(f"statsforecast: {time.perf_counter() - started:.1f} s")
        methods.update(others)
        methods["median of the peers"] = np.median(np.stack(list(others.values())), axis=0)
    except ImportError:
        print("statsforecast is not installed: the peers are left out (pip install statsforecast)")
    dying = sold & (actual.sum(axis=1) == 0)
    print(f"{'method':22s} {'scaled MSE':>11s} {'RMSSE':>8s} {'bias':>6s}   on {int(dying.sum()):,} items that "
          f"stopped selling: forecast units (real 0)")
    table = {}
    for method, forecast in methods.items():
        table[method] = scores(forecast[sold], actual[sold], train[sold], weight)
        smse, rmsse, bias = table[method]
        print(f"{method:22s} {smse:11.4f} {rmsse:8.4f} {bias:6.2f}   {forecast[dying].sum():,.0f}")
    bounds(train[sold], actual[sold], weight, table)
    peers_only = {m: v for m, v in table.items() if m != "ShelfWise"}
    if peers_only:
        best = min(peers_only, key=lambda m: peers_only[m][0])
        gain = 1 - table["ShelfWise"][0] / peers_only[best][0]
        print(f"ShelfWise against the best peer ({best}): scaled MSE {gain:+.1%} "
              f"({'better' if gain > 0 else 'worse'}); aim at least 5% better with bias 0.9-1.15")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="monthly,weekly")
    parser.add_argument("--latest-period", default="2024-06")
    args = parser.parse_args()
    print(machine_line())
    print(versions())
    for name in args.sets.split(","):
        run_set(name.strip(), args.latest_period)
    return 0


if __name__ == "__main__":
    sys.exit(main())
