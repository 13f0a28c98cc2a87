"""ShelfWise's forecast on several M5 windows, each forecast only from the days before it, model by model.

The M5 subset (TX_3 / FOODS_3, 823 items) is imported once through the app's ordinary path with every day up to
the last window's end; each window is then forecast with `forecast_history` from the history as it was known on
the day before the window (`load_history(as_of=...)`: sales, prices and stock counts up to that day only; events,
planned ahead, also beyond). Every candidate model's forecast and the blend are scored with the M5 level-12
WRMSSE (weights: sales value over the 28 days before the window), the total bias, and the 90% interval's cover
per demand class. This is where the forecast's settings are chosen: on windows before d_1886 only (the issue's
evaluation windows are d_1886..d_1913 and d_1914..d_1941).

Run:  .venv/bin/python bench/forecast_windows.py                       # the validation windows d_1830, d_1858
      .venv/bin/python bench/forecast_windows.py --windows 1886,1914   # the evaluation windows
      .venv/bin/python bench/forecast_windows.py --peers               # with statsforecast's peers (bench extra)
      .venv/bin/python bench/forecast_windows.py --variants            # + other blends and fixed mixes of the models
      .venv/bin/python bench/forecast_windows.py --origins 5           # backtest origins other than the app's
Scratch output goes to bench/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from machine import machine_line, versions  # noqa: E402  (bench/ is not a package)

import m5_data  # noqa: E402

OUT = ROOT / "bench" / "out"
H = m5_data.HORIZON


def shop_with_all_days(out: Path, last_day: str) -> Path:
    """The M5 shop imported through the ordinary path up to `last_day` (made once, then reused)."""
    from core.importing import run_import
    from core.store import open_shop

    path = out / f"m5_windows_{last_day}.db"
    if path.exists():
        return path
    out.mkdir(parents=True, exist_ok=True)
    files = m5_data.prepare_shop_files(out / "windows_files", last_day, H)
    with open_shop(path) as shop:
        for kind in ("sales", "prices", "events"):
            started = time.perf_counter()
            run_import(shop, files[kind], kind)
            print(f"  imported {kind} in {time.perf_counter() - started:.1f} s")
    return path


def peers(train: np.ndarray, items: pd.Index, start: pd.Timestamp) -> dict[str, np.ndarray]:
    """statsforecast's CrostonSBA, TSB, ADIDA, AutoETS and their median on the same history (trimmed to each
    item's first sale); empty where statsforecast is not installed."""
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import ADIDA, TSB, AutoETS, CrostonSBA, Naive
    except ImportError:
        return {}
    from forecast_m5 import long_frame, to_matrix

    days = pd.date_range(end=start - pd.Timedelta(days=1), periods=train.shape[1], freq="D")
    frame = long_frame(pd.DataFrame(train, index=items, columns=days))
    dates = pd.date_range(start, periods=H, freq="D")
    out = {}
    for name, model in (("CrostonSBA", CrostonSBA()), ("TSB", TSB(alpha_d=0.2, alpha_p=0.2)), ("ADIDA", ADIDA()),
                        ("AutoETS", AutoETS(season_length=7))):
        started = time.perf_counter()
        # a series too short for AutoETS (a product first sold days before the window) gets the last day
        forecast = StatsForecast(models=[model], freq="D", n_jobs=1,
                                 fallback_model=Naive()).forecast(df=frame, h=H)
        out[name] = np.nan_to_num(to_matrix(forecast, name, items, dates))
        print(f"    {name} {time.perf_counter() - started:.1f} s", flush=True)
    out["median of 4"] = np.median(np.stack(list(out.values())), axis=0)
    return out


VARIANTS = {   # name: (anchors, share, best models blended)
    "no anchor, best 2": ({}, 0.0, 2),
    "neural 0.5": ({"neural": 1.0}, 0.5, 2),
    "lightgbm 0.5": ({"lightgbm": 1.0}, 0.5, 2),
    "both 0.5": ({"lightgbm": 0.5, "neural": 0.5}, 0.5, 2),
    "both 0.7": ({"lightgbm": 0.5, "neural": 0.5}, 0.7, 2),
    "both 0.3": ({"lightgbm": 0.5, "neural": 0.5}, 0.3, 2),
    "both 0.5, best 3": ({"lightgbm": 0.5, "neural": 0.5}, 0.5, 3),
    "both 1.0": ({"lightgbm": 0.5, "neural": 0.5}, 1.0, 2),
}


def stacked(history, result, groups: np.ndarray, value: np.ndarray | None = None) -> np.ndarray:
    """Per group of products, the non-negative weights on the candidates (summing to 1) that minimise the
    backtests' squared errors scaled by each product's noise (value-weighted where `value` is given)."""
    from scipy.optimize import nnls

    from core.forecasting.selection import noise_scale

    Y, backtest = history.demand, result.backtest
    models = list(backtest.forecasts)
    scale = noise_scale(Y[:, :backtest.origins[0]])
    actual = np.concatenate(backtest.actuals(Y, a_h := backtest.forecasts[models[0]][0].shape[1]), axis=1)
    columns = [np.concatenate(backtest.forecasts[m], axis=1) for m in models]
    out = np.zeros((len(Y), len(models)))
    for group in np.unique(groups):
        mine = groups == group
        weight = 1 / np.sqrt(scale[mine])
        if value is not None:
            weight = weight * np.sqrt(value[mine] / max(value[mine].sum(), 1e-9) * mine.sum())
        known = ~np.isnan(actual[mine])
        A = np.column_stack([(c[mine] * weight[:, None])[known] for c in columns])
        b = (np.nan_to_num(actual[mine]) * weight[:, None])[known]
        # the sum-to-one constraint as a heavily weighted extra row
        A = np.vstack([A, np.full((1, len(models)), 1e3)])
        b = np.concatenate([b, [1e3]])
        coef, _ = nnls(A, b, maxiter=5000)
        out[mine] = coef / max(coef.sum(), 1e-9)
        print(f"      {group:<12} " + ", ".join(f"{m} {c:.2f}" for m, c in zip(models, out[mine][0]) if c > 0.01))
    return out


FIXED = {      # fixed mixes of the candidates, the same for every product
    "lgb .5 + neural .5": {"lightgbm": 0.5, "neural": 0.5},
    "lgb .7 + neural .3": {"lightgbm": 0.7, "neural": 0.3},
    "lgb .4 neural .4 tsb .2": {"lightgbm": 0.4, "neural": 0.4, "tsb": 0.2},
}


def variants(history, result, rows, t, a, w, drivers=None) -> None:
    """Other blends of the same backtests and final forecasts: the anchor's share and split."""
    from core.forecasting.selection import blend_forecasts, choose

    models = list(result.backtest.forecasts)
    pattern = result.classes["pattern"].to_numpy()
    final = np.stack([result.by_model[m] for m in models], axis=1)     # (n, m, h)
    value = np.nan_to_num(np.nansum(history.demand[:, -28:], axis=1))
    for name, groups, val in (("stacked by class", pattern, None), ("stacked shop-wide", np.zeros(len(pattern)), None),
                              ("stacked by class, value", pattern, value)):
        weights = stacked(history, result, groups, val)
        mean = np.clip((weights[:, :, None] * final).sum(axis=1), 0, None)
        mean[history.first_sale >= history.demand.shape[1]] = 0.0
        print(f"    variant {name:<22} {m5_data.wrmsse(t, a, mean[rows], w):8.4f} {m5_data.bias(a, mean[rows]):+8.1%}")
        own = result.choice.weights
        for lam in (0.3, 0.5, 0.7):
            mixed = np.clip(((lam * own + (1 - lam) * weights)[:, :, None] * final).sum(axis=1), 0, None)
            mixed[history.first_sale >= history.demand.shape[1]] = 0.0
            print(f"    variant {name + f' + own {lam}':<22} {m5_data.wrmsse(t, a, mixed[rows], w):8.4f}")

    levelled(history, result, rows, t, a, w, pattern, drivers)

    for name, mix in FIXED.items():     # one fixed mix of the models for every product
        present = {m: share for m, share in mix.items() if m in models}
        if len(present) < len(mix):
            continue
        mean = np.clip(sum(share * result.by_model[m] for m, share in present.items()), 0, None)
        mean[history.first_sale >= history.demand.shape[1]] = 0.0
        print(f"    variant {name:<22} {m5_data.wrmsse(t, a, mean[rows], w):8.4f} {m5_data.bias(a, mean[rows]):+8.1%}")

    for name, (anchors, share, best) in VARIANTS.items():
        choice = choose(history.demand, result.backtest, a.shape[1], blend=best, anchors=anchors, anchor_share=share)
        mean = np.clip(blend_forecasts(choice, result.by_model), 0, None)
        mean[history.first_sale >= history.demand.shape[1]] = 0.0
        print(f"    variant {name:<22} {m5_data.wrmsse(t, a, mean[rows], w):8.4f} {m5_data.bias(a, mean[rows]):+8.1%}")


def levelled(history, result, rows, t, a, w, pattern, drivers) -> None:
    """The blend times a level factor learnt from its own backtests: each group's known actual units over the
    blended backtests' units on the same days (shop-wide, by demand class; by units or by sales value; all three
    backtest origins or the last only), kept within 0.8-1.25."""
    from core.forecasting.selection import blend_forecasts

    Y, backtest, choice = history.demand, result.backtest, result.choice
    h = a.shape[1]
    actuals = backtest.actuals(Y, h)
    blended = [np.clip(blend_forecasts(choice, {m: f[k] for m, f in backtest.forecasts.items()}), 0, None)
               for k in range(len(backtest.origins))]
    T = Y.shape[1]
    price = np.nan_to_num(np.nanmean(drivers.price[:, T - 28:T], axis=1))     # each product's recent price
    for label, groups in (("shop-wide", np.zeros(len(pattern))), ("by class", pattern)):
        for weighting in ("units", "value"):
            for span in ("all origins", "last origin"):
                use = range(len(blended)) if span == "all origins" else [len(blended) - 1]
                factor = np.ones(len(Y))
                text = []
                for group in pd.unique(groups):
                    mine = groups == group
                    scale = price[mine, None] if weighting == "value" else 1.0
                    real = sum(np.nansum(np.nan_to_num(actuals[k][mine]) * scale * ~np.isnan(actuals[k][mine]))
                               for k in use)
                    said = sum(np.nansum(blended[k][mine] * scale * ~np.isnan(actuals[k][mine])) for k in use)
                    factor[mine] = np.clip(real / max(said, 1e-9), 0.8, 1.25)
                    text.append(f"{group} {factor[mine][0]:.3f}" if label != "shop-wide" else f"{factor[mine][0]:.3f}")
                mean = np.clip(result.mean * factor[:, None], 0, None)
                name = f"level {label}, {weighting}, {span}"
                print(f"    variant {name:<44} {m5_data.wrmsse(t, a, mean[rows], w):8.4f} "
                      f"{m5_data.bias(a, mean[rows]):+8.1%}  ({', '.join(text)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", default="1830,1858", help="first days of the windows (d_ numbers)")
    parser.add_argument("--peers", action="store_true", help="score statsforecast's peers too")
    parser.add_argument("--no-neural", action="store_true")
    parser.add_argument("--origins", type=int, default=None, help="backtest origins (default: the app's)")
    parser.add_argument("--variants", action="store_true",
                        help="also score other blends of the same backtests (the anchor's share and split)")
    args = parser.parse_args()
    from core.demand.drivers import load_drivers
    from core.demand.history import load_history
    from core.forecasting.run import ForecastSettings, forecast_history
    from core.store import open_shop

    print(f"ShelfWise forecast on M5 windows, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")
    wide = m5_data.load_wide()
    windows = [int(w) for w in args.windows.split(",")]
    shop_path = shop_with_all_days(OUT, f"d_{max(windows) + H - 1}")
    for first in windows:
        last_train = f"d_{first - 1}"
        train = m5_data.train_matrix(last_train, wide)
        actual = m5_data.holdout(last_train, H, wide)
        weights = m5_data.m5_weights(last_train, wide)
        as_of = train.columns[-1].date()
        with open_shop(shop_path, create=False) as shop:
            history = load_history(shop, as_of=as_of)
            drivers = load_drivers(shop, history.product_ids, history.days, H, history.as_of)
        rows = pd.Index(history.skus).get_indexer(train.index)
        if (rows < 0).any():
            raise SystemExit(f"{int((rows < 0).sum())} items missing in the shop")
        settings = ForecastSettings(horizon=H, neural=not args.no_neural)
        if args.origins:
            settings.origins = args.origins
        started = time.perf_counter()
        result = forecast_history(history, drivers, settings)
        seconds = time.perf_counter() - started
        t, a, w = train.to_numpy(float), actual.to_numpy(float), weights.to_numpy()
        print(f"\nwindow d_{first}..d_{first + H - 1} ({actual.columns[0].date()} .. {actual.columns[-1].date()}), "
              f"trained on d_1..{last_train}: forecast_history {seconds:.1f} s; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()))
        print(f"  {'model':<22} {'WRMSSE':>8} {'bias':>8}")
        scores = {}
        for name, forecast in result.by_model.items():
            scores[name] = m5_data.wrmsse(t, a, np.clip(forecast[rows], 0, None), w)
            print(f"  {name:<22} {scores[name]:8.4f} {m5_data.bias(a, forecast[rows]):+8.1%}")
        mine = m5_data.wrmsse(t, a, result.mean[rows], w)
        print(f"  {'ShelfWise (blend)':<22} {mine:8.4f} {m5_data.bias(a, result.mean[rows]):+8.1%}  "
              f"cover90 {m5_data.coverage(a, result.quantiles[0.05][rows], result.quantiles[0.95][rows]):.1%} "
              f"(backtests: {result.choice.coverage90:.1%})")
        pattern = result.classes.set_index("sku").loc[train.index, "pattern"].to_numpy()
        for kind in pd.unique(pattern):
            keep = pattern == kind
            cover = m5_data.coverage(a[keep], result.quantiles[0.05][rows][keep], result.quantiles[0.95][rows][keep])
            band = result.choice.band
            shift = "" if band is None else f", interval levels moved in by {float(np.median(band[rows][keep])):.2f}"
            print(f"    cover90 {kind:<12} {cover:6.1%}  ({int(keep.sum())} items{shift})")
        if args.variants:
            variants(history, result, rows, t, a, w, drivers)
        used = pd.Series([result.choice.models[j] for j in result.choice.weights.argmax(axis=1)]).value_counts()
        print("  largest weight per item: " + ", ".join(f"{k} x{v}" for k, v in used.items()))
        if args.peers:
            found = peers(t[:, :], train.index, actual.columns[0])
            for name, forecast in found.items():
                print(f"  {name:<22} {m5_data.wrmsse(t, a, forecast, w):8.4f} {m5_data.bias(a, forecast):+8.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
