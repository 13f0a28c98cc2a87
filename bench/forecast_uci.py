"""ShelfWise's forecast on the UCI gift shop (daily, after the import rules), the last 28 days held out, beside
statsforecast's peers in the same run.

The real 541,909-line CSV of ../shared/data/online-retail (SOURCE.md there) is imported once through the app's
ordinary path (cancellations, returns, postage and adjustments handled as the import does). The shop is forecast
with `forecast_history` from the history known on the day before the last 28 days (`load_history(as_of=...)`), with
the product's own settings (LightGBM, the neural model where torch is installed, the statistical and intermittent
models, per-product blends). Scored against what the shop sold in those 28 days (net units a day, as the history
reads them) with the M5 level-12 WRMSSE (weights: each product's sales value over the 28 days before the window;
the scale: its day-to-day changes since its first sale), the total bias and the 90% interval's cover per demand
class. Peers: statsforecast's CrostonSBA, TSB, ADIDA, AutoETS (weekly season) and their median, on the same days
(each product from its first sale; AutoETS falls back to the last day's value on a series too short for it, as
for products first sold days before the window), where statsforecast is installed.

Products that never changed from day to day before the window (no scale) are left out of the score, and said.

Run:  .venv/bin/python bench/forecast_uci.py [--no-neural] [--no-peers]
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
from forecast_windows import peers  # noqa: E402

OUT = ROOT / "bench" / "out"
CSV = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail_2010-12_2011-12.csv"
H = 28


def shop_file() -> Path:
    from core.importing import run_import
    from core.store import open_shop

    path = OUT / "uci_forecast.db"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with open_shop(path) as shop:
            run_import(shop, CSV, "sales", today=dt.date(2012, 1, 1))
        print(f"imported {CSV.name} in {time.perf_counter() - started:.1f} s")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-neural", action="store_true")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    from core.demand.drivers import load_drivers
    from core.demand.history import load_history
    from core.forecasting.run import ForecastSettings, forecast_history
    from core.store import open_shop

    print(f"ShelfWise forecast on the UCI shop, last {H} days held out, {dt.datetime.now().isoformat(timespec='seconds')}")
    print(machine_line())
    print(f"versions: {versions()}")
    path = shop_file()
    with open_shop(path, create=False) as shop:
        full = load_history(shop)
        as_of = full.days[-H - 1].date()
        history = load_history(shop, as_of=as_of)
        drivers = load_drivers(shop, history.product_ids, history.days, H, history.as_of)
        start = (pd.Timestamp(as_of) - pd.Timedelta(days=H - 1)).date().isoformat()
        value = pd.read_sql_query("SELECT product_id, sum(coalesce(revenue, 0)) AS value FROM sales "
                                  "WHERE date BETWEEN ? AND ? GROUP BY product_id", shop.conn,
                                  params=(start, as_of.isoformat())).set_index("product_id")["value"]
    window = full.days[-H:]
    print(f"window {window[0].date()} .. {window[-1].date()}, trained on {history.days[0].date()} .. {as_of}")
    sold = history.first_sale < history.demand.shape[1]
    rows = np.flatnonzero(sold)
    full_row = pd.Index(full.product_ids).get_indexer(history.product_ids[rows])
    train = np.nan_to_num(history.sales[rows])
    actual = np.nan_to_num(full.sales[full_row][:, -H:])
    weight = np.clip(value.reindex(history.product_ids[rows]).fillna(0.0).to_numpy(), 0, None)
    scale_ok = np.isfinite(m5_data.rmsse(train, actual, np.zeros_like(actual)))
    print(f"products sold before the window: {len(rows):,}; with sales value in the 28 days before it: "
          f"{int((weight > 0).sum()):,}; left out (no day-to-day change to scale by): {int((~scale_ok).sum()):,}")
    keep = scale_ok & (weight > 0)
    w = np.where(keep, weight, 0.0)
    w = w / w.sum()

    def score(forecast: np.ndarray) -> tuple[float, float]:
        f = np.clip(np.nan_to_num(forecast), 0, None)
        return m5_data.wrmsse(train[keep], actual[keep], f[keep], w[keep]), m5_data.bias(actual, f)

    settings = ForecastSettings(horizon=H, neural=not args.no_neural)
    started = time.perf_counter()
    result = forecast_history(history, drivers, settings)
    seconds = time.perf_counter() - started
    print(f"forecast_history {seconds:.1f} s; " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()))
    print(f"  {'model':<22} {'WRMSSE':>8} {'bias':>8}")
    for name, forecast in result.by_model.items():
        print(f"  {name:<22} " + "{:8.4f} {:+8.1%}".format(*score(forecast[rows])))
    mine, mine_bias = score(result.mean[rows])
    lo, hi = result.quantiles[0.05][rows], result.quantiles[0.95][rows]
    print(f"  {'ShelfWise (blend)':<22} {mine:8.4f} {mine_bias:+8.1%}  cover90 {m5_data.coverage(actual, lo, hi):.1%} "
          f"(backtests: {result.choice.coverage90:.1%})")
    pattern = result.classes.set_index("sku").loc[history.skus[rows], "pattern"].to_numpy()
    for kind in pd.unique(pattern):
        mask = pattern == kind
        band = result.choice.band
        shift = "" if band is None else f", interval levels moved in by {float(np.median(band[rows][mask])):.2f}"
        print(f"    cover90 {kind:<12} {m5_data.coverage(actual[mask], lo[mask], hi[mask]):6.1%}  "
              f"({int(mask.sum())} products{shift})")
    used = pd.Series([result.choice.models[j] for j in result.choice.weights[rows].argmax(axis=1)]).value_counts()
    print("  largest weight per product: " + ", ".join(f"{k} x{v}" for k, v in used.items()))
    if not args.no_peers:
        found = peers(train, pd.Index(history.skus[rows]), pd.Timestamp(window[0]))
        best = None
        for name, forecast in found.items():
            got, got_bias = score(forecast)
            print(f"  {name:<22} {got:8.4f} {got_bias:+8.1%}")
            best = got if best is None else min(best, got)
        if best is not None:
            print(f"ShelfWise {mine:.4f} against the best peer {best:.4f}: {1 - mine / best:+.1%} below it (aim +5%)")
        if "lightgbm" in result.by_model:
            alone = score(result.by_model["lightgbm"][rows])[0]
            print(f"ShelfWise against LightGBM alone {alone:.4f}: {1 - mine / alone:+.1%} below it (aim +2%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
