"""The daily forecast's per-product models over a chunk of products, wherever it runs (core.compute.executors).

Every local candidate (naive, seasonal naive, recent average, Croston, SBA, TSB, the calendar regression, and ETS
and ARIMA for the most valuable products) forecasts each product from that product's own history, drivers and
the shared calendar only, so the products can be cut into chunks, each chunk run as one plain function of plain
arrays in any process, and the results joined in product order: the same numbers as one run over all of them (a
test compares them bit for bit). The global neural model is not here: it learns from all products at once and
trains in the calling process (with its own threads) while the chunks run.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.compute.shared import loaded
from core.demand.drivers import Drivers, cut
from core.forecasting.regression import CalendarRegression

CHUNK_ROWS = 500          # at most this many products a chunk: a chunk of 20,000 x 3 years takes about a second
STATISTICAL_ROWS = 3      # ETS and ARIMA, a product's fits ~0.3 s: a few products a chunk


@dataclass(frozen=True)
class Calendar:
    """What every chunk shares: the days (history and horizon), the shop's events."""
    days: pd.DatetimeIndex
    event_kinds: list[str]
    events: np.ndarray


@dataclass
class ChunkResult:
    """Per model alias: the forecast from each backtest origin and the final one, (rows, h) each; seconds spent;
    and the chunk's products' demand classes where asked (core.demand.classes.row_classes)."""
    backtests: dict[str, list[np.ndarray]]
    final: dict[str, np.ndarray]
    seconds: dict[str, float]
    classes: pd.DataFrame | None = None


def row_chunks(n: int, workers: int) -> list[slice]:
    """Contiguous chunks of the n products: at least four a worker (so that one slow chunk does not hold the
    others up), at most CHUNK_ROWS products each (so that Cancel stops the rest within about a second)."""
    if n <= 0:
        return []
    size = max(1, min(CHUNK_ROWS, math.ceil(n / max(4 * workers, 1))))
    return [slice(start, min(start + size, n)) for start in range(0, n, size)]


def forecast_chunk(models: list, Y: np.ndarray, promotion: np.ndarray, price: np.ndarray, calendar: Calendar,
                   h: int, origins: list[int], classes: bool = False) -> ChunkResult:
    """Every model's forecast of these products from each backtest origin (the history before it) and from the
    whole history: a plain function of plain arrays (the shop file is never opened here). `classes`: the products'
    demand classes too (each product's own: the same as over the whole shop), which the caller worked out alone."""
    Y, promotion, price = loaded(Y), loaded(promotion), loaded(price)     # their rows, where shared
    drivers = Drivers(calendar.days, calendar.event_kinds, calendar.events, promotion, price)
    T = Y.shape[1]
    result = ChunkResult({}, {}, {})
    if classes:
        from core.demand.classes import row_classes

        result = ChunkResult({}, {}, {}, row_classes(Y))
    memo: dict = {}             # what the chunk's models share (Croston's and SBA's pass over the days)
    for model in models:
        started = time.perf_counter()
        if isinstance(model, CalendarRegression):
            forecasts = [model.forecast_batch(Y[:, :end], h, cut(drivers, 0, end + h)) for end in [*origins, T]]
        else:
            forecasts = model.forecast_origins(Y, h, [*origins, T], memo)
        result.backtests[model.alias], result.final[model.alias] = forecasts[:-1], forecasts[-1]
        result.seconds[model.alias] = time.perf_counter() - started
    return result


def join(parts: list[tuple[np.ndarray | slice, ChunkResult]], n: int, h: int, origins: int,
         base: ChunkResult | None = None) -> ChunkResult:
    """The chunks' results put back in product order: `parts` are (rows, result) pairs; the rows no part covers
    keep `base`'s values for the same model (the recent average for ETS and ARIMA outside the products they fit)."""
    aliases = list(dict.fromkeys(alias for _rows, part in parts for alias in part.final))
    out = ChunkResult({}, {}, {})
    for alias in aliases:
        if base is not None:
            backtests = [b.copy() for b in base.backtests["moving_average"]]
            final = base.final["moving_average"].copy()
        else:
            backtests = [np.zeros((n, h)) for _ in range(origins)]
            final = np.zeros((n, h))
        seconds = 0.0
        for rows, part in parts:
            if alias not in part.final:
                continue
            for k in range(origins):
                backtests[k][rows] = part.backtests[alias][k]
            final[rows] = part.final[alias]
            seconds += part.seconds[alias]
        out.backtests[alias], out.final[alias], out.seconds[alias] = backtests, final, seconds
    return out
