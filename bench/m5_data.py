"""The M5 subset (store TX_3, department FOODS_3: 823 items, daily, 2011-01-29 .. 2016-05-22) for benchmarks.

Helpers only; importing this module reads nothing. See /work/shared/data/m5-tx3-foods3/SOURCE.md.

- `load_wide`, `load_calendar`, `load_prices`: the competition files as frames (days as real dates).
- `prepare_shop_files`: the files a shop owner could have (a wide daily sales sheet, a list of weekly prices,
  a list of events), written for the app's ordinary import path.
- `holdout`: the 28 days after the training history, the actuals to score against.
- `wrmsse`, `rmsse`, `sales_value_weights`, `daily_prices`, `coverage`: the M5 level-12 score (one item in
  one store) and the share of actual values inside a forecast interval.

Conventions (as in the M5 competition's guide): an item's RMSSE scale is the mean squared one-step change of
its training history counted from its first sale (the leading zeros before the item was stocked are not
history); the weights are each item's sales value (units x shelf price) over the last 28 days of training,
normalised to sum to 1.

Self-check: .venv/bin/python bench/m5_data.py
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "m5-tx3-foods3"
SALES_CSV = "sales_train_evaluation_TX_3_FOODS_3.csv"
CALENDAR_CSV = "calendar.csv"
PRICES_CSV = "sell_prices_TX_3_FOODS_3.csv"
HORIZON = 28
LAST_TRAIN = "d_1913"


# ----------------------------------------------------------------------------------------------- loading


def _day_number(d: str) -> int:
    """'d_1913' -> 1913."""
    return int(str(d).split("_")[1])


def _raw_sales() -> pd.DataFrame:
    return pd.read_csv(DATA / SALES_CSV)


def load_calendar() -> pd.DataFrame:
    """All 1,969 calendar days: `date` as Timestamp, `d` ('d_1' ..), wm_yr_wk, events, snap_* flags."""
    calendar = pd.read_csv(DATA / CALENDAR_CSV, parse_dates=["date"])
    return calendar


def load_wide() -> pd.DataFrame:
    """Daily unit sales, one row per item (index `item_id`, in file order), one column per day d_1 .. d_1941
    with the day's real date (a Timestamp) as the column label. Values are int."""
    raw = _raw_sales()
    calendar = load_calendar()
    day_columns = [c for c in raw.columns if c.startswith("d_")]
    date_of = dict(zip(calendar["d"], calendar["date"]))
    wide = raw.set_index("item_id")[day_columns]
    wide.columns = pd.DatetimeIndex([date_of[c] for c in day_columns], name="date")
    return wide


def load_prices() -> pd.DataFrame:
    """Weekly shelf prices: item_id, wm_yr_wk, sell_price, and `date`, the week's first day (a Saturday) from
    the calendar. Weeks an item was not on sale have no row."""
    prices = pd.read_csv(DATA / PRICES_CSV)
    week_start = load_calendar().groupby("wm_yr_wk")["date"].min()
    prices["date"] = prices["wm_yr_wk"].map(week_start)
    return prices[["item_id", "wm_yr_wk", "date", "sell_price"]]


def _date_of_day(d: str, calendar: pd.DataFrame | None = None) -> pd.Timestamp:
    calendar = load_calendar() if calendar is None else calendar
    match = calendar.loc[calendar["d"] == d, "date"]
    if match.empty:
        raise ValueError(f"{d} is not a day of the calendar")
    return match.iloc[0]


def train_matrix(last_train: str = LAST_TRAIN, wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """The training history d_1 .. last_train (items x days, dates as columns)."""
    wide = load_wide() if wide is None else wide
    return wide.iloc[:, :_day_number(last_train)]


def holdout(last_train: str = LAST_TRAIN, horizon: int = HORIZON, wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actual unit sales of the `horizon` days after `last_train` (default d_1914 .. d_1941): items x 28."""
    wide = load_wide() if wide is None else wide
    start = _day_number(last_train)
    if start + horizon > wide.shape[1]:
        raise ValueError(f"the data ends at d_{wide.shape[1]}: no {horizon} days after {last_train}")
    return wide.iloc[:, start:start + horizon]


def daily_prices(items, dates, prices: pd.DataFrame | None = None) -> np.ndarray:
    """The shelf price of each item on each day (len(items) x len(dates)); NaN where the item was not on sale."""
    prices = load_prices() if prices is None else prices
    calendar = load_calendar()
    week_of = calendar.set_index("date")["wm_yr_wk"]
    weeks = week_of.reindex(pd.DatetimeIndex(dates)).to_numpy()
    table = prices.pivot(index="item_id", columns="wm_yr_wk", values="sell_price")
    table = table.reindex(index=list(items), columns=pd.unique(weeks))
    return table[weeks].to_numpy(dtype=float)


# ------------------------------------------------------------------------------------- the shop's files


def prepare_shop_files(out_dir: str | Path, last_day: str = LAST_TRAIN, horizon: int = HORIZON) -> dict[str, Path]:
    """Write the files a shop owner could have, for the app's ordinary import path; returns {kind: path}.

    - `m5_sales_wide.csv` (kind 'sales'): one row per item: item_id, dept_id, cat_id, then one column per day
      d_1 .. last_day headed with its date 'YYYY-MM-DD' (the wide layout the app detects by its date headers).
    - `m5_prices.csv` (kind 'prices'): item_id, date (the first day, a Saturday, of each Walmart week), sell_price,
      for every week that starts on or before the last forecast day (shelf prices are set ahead, and the M5
      competition gave them for the forecast weeks too).
    - `m5_events.csv` (kind 'events'): date, name, type: one row per calendar event (event_name_1/type_1 and
      event_name_2/type_2 as separate rows) up to and including the `horizon` forecast days (events are known
      in advance), and a row name 'SNAP', type 'SNAP' on each snap_TX day in the same span.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    calendar = load_calendar()
    last = _day_number(last_day)
    last_date = _date_of_day(last_day, calendar)
    horizon_end = last_date + pd.Timedelta(days=horizon)
    paths: dict[str, Path] = {}

    raw = _raw_sales()
    day_columns = [f"d_{i}" for i in range(1, last + 1)]
    date_of = dict(zip(calendar["d"], calendar["date"].dt.strftime("%Y-%m-%d")))
    sales = raw[["item_id", "dept_id", "cat_id", *day_columns]].rename(columns=date_of)
    paths["sales"] = out_dir / "m5_sales_wide.csv"
    sales.to_csv(paths["sales"], index=False)

    prices = load_prices()
    prices = prices[prices["date"] <= horizon_end].sort_values(["item_id", "date"])
    paths["prices"] = out_dir / "m5_prices.csv"
    pd.DataFrame({"item_id": prices["item_id"], "date": prices["date"].dt.strftime("%Y-%m-%d"),
                  "sell_price": prices["sell_price"]}).to_csv(paths["prices"], index=False)

    span = calendar[calendar["date"] <= horizon_end]
    parts = []
    for name_col, type_col in (("event_name_1", "event_type_1"), ("event_name_2", "event_type_2")):
        named = span[span[name_col].notna()]
        parts.append(pd.DataFrame({"date": named["date"], "name": named[name_col], "type": named[type_col]}))
    snap = span[span["snap_TX"] == 1]
    parts.append(pd.DataFrame({"date": snap["date"], "name": "SNAP", "type": "SNAP"}))
    events = pd.concat(parts, ignore_index=True).sort_values(["date", "name"], kind="stable")
    events["date"] = events["date"].dt.strftime("%Y-%m-%d")
    paths["events"] = out_dir / "m5_events.csv"
    events.to_csv(paths["events"], index=False)
    return paths


# ---------------------------------------------------------------------------------------------- scoring


def _first_sale(train: np.ndarray) -> np.ndarray:
    """Index of each row's first non-zero value (the row's length when it never sold)."""
    nonzero = train != 0
    return np.where(nonzero.any(axis=1), nonzero.argmax(axis=1), train.shape[1])


def rmsse_scale(train: np.ndarray) -> np.ndarray:
    """Per item: the mean squared one-step difference of the training series from its first sale on
    (differences between two days that are both on or after the first non-zero day). NaN with fewer than 2
    such days."""
    train = np.asarray(train, dtype=float)
    first = _first_sale(train)
    diffs = np.diff(train, axis=1) ** 2
    valid = np.arange(1, train.shape[1])[None, :] > first[:, None]   # diff j is day j+1 minus day j
    count = valid.sum(axis=1)
    total = np.where(valid, diffs, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def rmsse(train: np.ndarray, actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Per item RMSSE = sqrt(mean over the horizon of (actual - forecast)^2 / scale)."""
    actual = np.asarray(actual, dtype=float)
    forecast = np.asarray(forecast, dtype=float)
    if actual.shape != forecast.shape or actual.shape[0] != np.asarray(train).shape[0]:
        raise ValueError(f"shapes differ: train {np.shape(train)}, actual {actual.shape}, forecast {forecast.shape}")
    scale = rmsse_scale(train)
    mse = np.mean((actual - forecast) ** 2, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sqrt(mse / scale)


def sales_value_weights(units: np.ndarray, prices: np.ndarray) -> np.ndarray:
    """M5 level-12 weights: each item's sales value (sum of units x price over the days given, normally the
    last 28 training days d_1886 .. d_1913), normalised to sum 1. A missing price (the item was not on sale)
    counts as no sales value."""
    value = np.nansum(np.asarray(units, dtype=float) * np.asarray(prices, dtype=float), axis=1)
    return value / value.sum()


def m5_weights(last_train: str = LAST_TRAIN, wide: pd.DataFrame | None = None,
               prices: pd.DataFrame | None = None) -> pd.Series:
    """`sales_value_weights` over the 28 days ending at `last_train`, indexed by item_id."""
    train = train_matrix(last_train, wide)
    last28 = train.iloc[:, -HORIZON:]
    price = daily_prices(last28.index, last28.columns, prices)
    return pd.Series(sales_value_weights(last28.to_numpy(), price), index=last28.index, name="weight")


def wrmsse(train: np.ndarray, actual: np.ndarray, forecast: np.ndarray, weights: np.ndarray) -> float:
    """M5 level 12: sum over items of weight x RMSSE. `train` is items x T (from d_1, leading zeros included:
    the scale starts at each item's first sale), `actual` and `forecast` items x 28, `weights` summing to 1.
    An item with no usable scale (it never changed after its first sale) counts only if it has weight."""
    weights = np.asarray(weights, dtype=float)
    per_item = rmsse(train, actual, forecast)
    bad = ~np.isfinite(per_item) & (weights > 0)
    if bad.any():
        raise ValueError(f"{int(bad.sum())} weighted item(s) have no finite RMSSE (zero scale or NaN forecast)")
    return float(np.sum(np.where(weights > 0, weights * per_item, 0.0)))


def coverage(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """The share of item-days whose actual value lies inside [lo, hi]."""
    actual = np.asarray(actual, dtype=float)
    return float(np.mean((actual >= np.asarray(lo, dtype=float)) & (actual <= np.asarray(hi, dtype=float))))


def bias(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Total forecast minus total actual, as a share of the total actual (+0.05 = 5% too high)."""
    actual = np.asarray(actual, dtype=float)
    return float((np.asarray(forecast, dtype=float).sum() - actual.sum()) / actual.sum())


def seasonal_naive(train: np.ndarray, horizon: int = HORIZON, season: int = 7) -> np.ndarray:
    """The last `season` days repeated over the horizon."""
    train = np.asarray(train, dtype=float)
    reps = -(-horizon // season)
    return np.tile(train[:, -season:], reps)[:, :horizon]


# ------------------------------------------------------------------------------------------- self-check


def _self_check() -> None:
    wide = load_wide()
    train = train_matrix(LAST_TRAIN, wide)
    actual = holdout(LAST_TRAIN, wide=wide)
    weights = m5_weights(LAST_TRAIN, wide)
    print(f"data: {DATA}")
    print(f"{wide.shape[0]} items x {wide.shape[1]} days ({wide.columns[0].date()} .. {wide.columns[-1].date()}); "
          f"train {train.columns[0].date()} .. {train.columns[-1].date()}, "
          f"hold-out {actual.columns[0].date()} .. {actual.columns[-1].date()}")
    print(f"zeros in the training days: {np.mean(train.to_numpy() == 0):.1%}; "
          f"items starting part-way: {int((_first_sale(train.to_numpy()) > 0).sum())}")
    print(f"weights: sum {weights.sum():.6f}, {int((weights > 0).sum())} items > 0; top 10:")
    for item, w in weights.sort_values(ascending=False).head(10).items():
        print(f"  {item:<14} {w:.4f}")
    t, a = train.to_numpy(), actual.to_numpy()
    w = weights.to_numpy()
    for name, forecast in (("seasonal naive (last week repeated)", seasonal_naive(t)),
                           ("naive (last day repeated)", np.repeat(t[:, -1:], HORIZON, axis=1)),
                           ("mean of the last 28 days", np.repeat(t[:, -28:].mean(axis=1, keepdims=True), HORIZON, 1)),
                           ("zero", np.zeros_like(a, dtype=float))):
        print(f"WRMSSE {name:<38} {wrmsse(t, a, forecast, w):.4f}")
    print("(SOURCE.md: seasonal naive over all 30,490 M5 series at this level ~1.176; this subset differs)")


if __name__ == "__main__":
    _self_check()
