"""A global neural model: one small network trained across all products, so that a slow seller learns from
the busy ones how weekdays, events, benefit days and price changes move demand, while keeping its own level.

Each example is one product, one forecast origin and one day ahead. Its inputs describe that day relative to
the product's recent level: the product's own weekday profile and last year's shape around that date, the
day's events, promotion and price relative to the recent price, how intermittent the product is, and how
far ahead the day is. The network predicts a multiplier of the recent level; it is trained on the squared
error scaled by each product's own noise, which is what the scaled error (RMSSE) that selection uses rewards.

torch is imported only here, only when this model runs; it uses CUDA where present (Apple's MPS where that
is), else the CPU. The same seed gives the same forecast on the same device.
"""
from __future__ import annotations

import numpy as np

from core.demand.drivers import Drivers
from core.forecasting.base import Model
from core.i18n import _
from core.jobs import JobContext, null_context

TRAIN_DAYS = 730        # origins drawn from the last two years of the history
ORIGIN_STRIDE = 3
MAX_EXAMPLES = 600_000
HIDDEN = 64
EPOCHS = 6
BATCH = 2048
# The network is small, so a second CPU thread gains little, while OpenMP's spin-waiting makes training 20x
# slower whenever another program keeps a core busy (measured: 174 s against 9 s on M5). One thread it is.
CPU_THREADS = 1
ENSEMBLE = 1              # networks from different seeds, averaged: steadier than any one of them
VALUE_WEIGHT_POWER = 0.5   # examples weigh by (sales value share) ** this: the busy products matter more


def probe_device() -> str:
    """'cuda', 'mps' or 'cpu' as device_name() would say, without importing torch (that takes seconds and cannot
    be cancelled: a quit would wait for it); '' where torch is not installed. Reads how the installed torch was
    built (torch/version.py: `cuda` / `hip` is None in a CPU build, such as this project's pinned one) and, for a
    GPU build, asks the NVIDIA driver how many devices it sees (libcuda's cuDeviceGetCount: milliseconds). The
    forecast itself still asks torch (device_name) and says where it ran."""
    import importlib.util
    import platform
    import re
    import sys
    from pathlib import Path

    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.origin:
        return ""
    try:
        version = (Path(spec.origin).parent / "version.py").read_text(encoding="utf-8")
    except OSError:
        return "cpu"
    built = {name: re.search(rf"^{name}\b[^=\n]*=\s*['\"]", version, re.M) is not None for name in ("cuda", "hip")}
    if built["cuda"] and _cuda_devices() > 0:
        return "cuda"
    if built["hip"] and Path("/dev/kfd").exists():
        return "cuda"           # ROCm: torch calls AMD GPUs "cuda" too
    if sys.platform == "darwin" and platform.machine() == "arm64":
        release = tuple(int(part) for part in (platform.mac_ver()[0] or "0").split(".")[:2] if part.isdigit())
        if release >= (12, 3):  # torch's MPS backend needs macOS 12.3 on Apple silicon
            return "mps"
    return "cpu"


def _cuda_devices() -> int:
    """How many CUDA devices the NVIDIA driver sees (0 without a driver)."""
    import ctypes
    import ctypes.util

    names = ["libcuda.so.1", "libcuda.so", "nvcuda.dll", ctypes.util.find_library("cuda")]
    for name in filter(None, names):
        try:
            cuda = ctypes.CDLL(name)
        except OSError:
            continue
        count = ctypes.c_int(0)
        try:
            if cuda.cuInit(0) != 0 or cuda.cuDeviceGetCount(ctypes.byref(count)) != 0:
                return 0
        except AttributeError:
            return 0
        return count.value
    return 0


def device_name() -> str:
    """'cuda', 'mps' or 'cpu', as torch sees this machine (imports torch)."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class _Windows:
    """Fast means of known days over any window, from running sums (NaN days neither count nor weigh)."""

    def __init__(self, Y: np.ndarray, *, squares: bool = False, pool=None):
        """`squares`: the squares' running sums made now, not at first use; `pool` (a thread pool): the sums
        made side by side on its threads (numpy sums without Python's GIL), the same numbers."""
        known = ~np.isnan(Y)
        # each running sum made in its own (n, T + 1) array, a 0 column first: not a masked copy, a sum and a
        # concatenation of each (three fresh arrays of every product's days where one does; the same numbers)
        jobs = [(Y, known), (known,), (known & (Y == 0),)] + ([(Y, known, True)] if squares else [])
        if pool is not None:
            made = [future.result() for future in [pool.submit(_running, *job) for job in jobs]]
        else:
            made = [_running(*job) for job in jobs]
        self.sum, self.count, self.zero = made[:3]
        self._Y, self._square = Y, made[3] if squares else None

    def prefix(self, days: int) -> "_Windows":
        """The running sums of the first `days` days only, the same to the bit as _Windows(Y[:, :days]) (a running
        sum's first columns do not depend on the days after them): views, nothing computed again (the squares'
        sums too where made; else made by the cut at its first use)."""
        out = _Windows.__new__(_Windows)
        out.sum, out.count, out.zero = self.sum[:, :days + 1], self.count[:, :days + 1], self.zero[:, :days + 1]
        out._Y = self._Y[:, :days]
        out._square = None if self._square is None else self._square[:, :days + 1]
        return out

    def _squares(self) -> None:
        if self._square is None:
            self._square = _running(self._Y, ~np.isnan(self._Y), square=True)

    def mean(self, rows, start, stop):
        start, stop = np.clip(start, 0, self.sum.shape[1] - 1), np.clip(stop, 0, self.sum.shape[1] - 1)
        count = self.count[rows, stop] - self.count[rows, start]
        total = self.sum[rows, stop] - self.sum[rows, start]
        return np.where(count > 0, total / np.maximum(count, 1), np.nan), count

    def square_mean(self, rows, start, stop):
        """Mean of the squares of known days (with `mean`, the spread); the running sums made at first use."""
        self._squares()
        start, stop = np.clip(start, 0, self.sum.shape[1] - 1), np.clip(stop, 0, self.sum.shape[1] - 1)
        count = self.count[rows, stop] - self.count[rows, start]
        total = self._square[rows, stop] - self._square[rows, start]
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)

    def zero_share(self, rows, start, stop):
        count = self.count[rows, stop] - self.count[rows, start]
        return np.where(count > 0, (self.zero[rows, stop] - self.zero[rows, start]) / np.maximum(count, 1), 1.0)


def _running(values: np.ndarray, known: np.ndarray | None = None, square: bool = False) -> np.ndarray:
    """(n, T + 1) float64: 0, then the running sum of each row of `values` (0 where not `known`; squared first
    where `square`), summed in place in the one array it is returned in."""
    n, T = values.shape
    out = np.empty((n, T + 1))
    out[:, 0] = 0.0
    days = out[:, 1:]
    days[...] = values                      # (a bool array counts as 0 and 1)
    if known is not None:
        np.copyto(days, 0.0, where=~known)
    if square:
        np.square(days, out=days)
    np.cumsum(days, axis=1, out=days)
    return out


def sales_value(Y: np.ndarray, drivers: Drivers, end: int, days: int = 28) -> np.ndarray:
    """Each product's sales value over the last `days` before `end` (units x shelf price; price 1 if unknown)."""
    start = max(0, end - days)
    price = np.nan_to_num(drivers.price[:, start:end], nan=1.0)
    return np.nansum(Y[:, start:end] * price, axis=1)


def noise_scale(Y: np.ndarray) -> np.ndarray:
    """Each product's mean squared day-to-day change of known demand (the RMSSE denominator), >= 0.01."""
    out = np.empty(len(Y))
    for i, row in enumerate(Y):
        known = row[~np.isnan(row)]
        out[i] = max(np.mean(np.diff(known) ** 2), 0.01) if len(known) > 2 else 1.0
    return out


def event_lifts(Y: np.ndarray, drivers: Drivers, end: int) -> np.ndarray:
    """(n, K) log of each product's own demand on days of each event kind relative to other days, over the
    two years before `end` (a product that sells double on benefit days, say), shrunk towards 0 when rare."""
    start = max(0, end - 730)
    window = Y[:, start:end]
    known = ~np.isnan(window)
    values = np.where(known, window, 0.0)
    events = drivers.events[start:end].astype(float)
    on_sum, on_count = values @ events, known.astype(float) @ events
    off_sum = values.sum(axis=1, keepdims=True) - on_sum
    off_count = known.sum(axis=1, keepdims=True) - on_count
    prior = 5.0  # days of "no difference" mixed in
    on_mean = (on_sum + prior * off_sum / np.maximum(off_count, 1)) / (on_count + prior)
    off_mean = off_sum / np.maximum(off_count, 1)
    return np.log(np.clip((on_mean + 0.05) / (off_mean + 0.05), 0.2, 5.0))


def features(Y: np.ndarray, windows: _Windows, drivers: Drivers, rows: np.ndarray, origin: np.ndarray,
             ahead: np.ndarray, h: int, lifts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Inputs for (product, origin, days ahead) triples, and the recent level each multiplier applies to."""
    day = origin + ahead
    level28, _ = windows.mean(rows, origin - 28, origin)
    level7, _ = windows.mean(rows, origin - 7, origin)
    level91, _ = windows.mean(rows, origin - 91, origin)
    level14, _ = windows.mean(rows, origin - 14, origin)
    level182, _ = windows.mean(rows, origin - 182, origin)
    level = np.maximum(np.nan_to_num(level28, nan=0.0), 0.02)
    # the product's own weekday profile over 8 weeks: the target weekday's mean relative to the 8-week mean
    same_weekday = np.zeros(len(rows))
    counted = np.zeros(len(rows))
    for week in range(1, 9):
        d = day - 7 * week * np.ones_like(day)
        d = d - 7 * np.maximum(0, (d - origin + 7) // 7)  # stay before the origin
        ok = d >= 0
        value = np.where(ok, Y[rows, np.clip(d, 0, Y.shape[1] - 1)], np.nan)
        good = ~np.isnan(value)
        same_weekday += np.where(good, value, 0.0)
        counted += good
    level56, _ = windows.mean(rows, origin - 56, origin)
    weekday_factor = np.where(counted > 0, same_weekday / np.maximum(counted, 1), np.nan) / np.maximum(
        np.nan_to_num(level56, nan=0.0), 0.02)
    # last year around the same date, relative to last year's level before the origin
    last_year, n_last = windows.mean(rows, day - 364 - 3, day - 364 + 4)
    last_year_level, _ = windows.mean(rows, origin - 364 - 28, origin - 364)
    yearly = np.where((n_last > 0) & (np.nan_to_num(last_year_level) > 0.05),
                      last_year / np.maximum(np.nan_to_num(last_year_level), 0.05), 1.0)
    price = drivers.price
    recent = np.stack([price[rows, np.clip(origin - k, 0, price.shape[1] - 1)] for k in (1, 7, 14, 28)])
    counted = (~np.isnan(recent)).sum(axis=0)
    recent_price = np.where(counted > 0, np.nansum(recent, axis=0) / np.maximum(counted, 1), np.nan)
    price_change = np.log(np.clip(np.nan_to_num(price[rows, day] / recent_price, nan=1.0), 0.3, 3.0))
    events = drivers.events[day].astype(np.float32)
    weekday = np.eye(7, dtype=np.float32)[drivers.days[day].dayofweek]
    columns = [
        np.log1p(np.clip(np.nan_to_num(weekday_factor, nan=1.0), 0, 10)),
        np.log1p(np.clip(yearly, 0, 10)),
        np.log(np.maximum(np.nan_to_num(level7, nan=0.0), 0.02) / level),
        np.log(np.maximum(np.nan_to_num(level91, nan=0.0), 0.02) / level),
        np.log(np.maximum(np.nan_to_num(level14, nan=0.0), 0.02) / level),
        np.log(np.maximum(np.nan_to_num(level182, nan=0.0), 0.02) / level),
        np.log(level),
        windows.zero_share(rows, np.clip(origin - 56, 0, None), origin),
        price_change,
        drivers.promotion[rows, day].astype(np.float32),
        ahead / h,
    ]
    parts = [np.column_stack(columns), events, weekday]
    if lifts is not None and lifts.shape[1]:
        parts.append(lifts[rows] * events)  # this product's usual lift for the events of the day
    X = np.column_stack(parts).astype(np.float32)
    return np.nan_to_num(X), level


def _examples(n: int, origins: np.ndarray, h: int, rng: np.random.Generator, most: int = MAX_EXAMPLES):
    """(product, origin, days ahead) triples to learn from: all of them for a small shop; for a big one a
    random draw, made without ever listing them all (20,000 products x 230 origins x 28 days would take
    gigabytes). The draw is ordered, so the same seed gives the same examples."""
    total = n * len(origins) * h
    if total <= 2 * most:
        flat = np.arange(total)
    else:
        flat = np.unique(rng.integers(0, total, size=int(most * 1.6)))
    flat = flat[rng.permutation(len(flat))]  # any cut to MAX_EXAMPLES then takes a fair share of every product
    rows, rest = np.divmod(flat, len(origins) * h)
    origin_index, ahead = np.divmod(rest, h)
    return rows, origins[origin_index], ahead


class _Average:
    """Several trained networks answering as one (the mean of their multipliers)."""

    def __init__(self, nets):
        self.nets = nets

    def __call__(self, X):
        return sum(net(X) for net in self.nets) / len(self.nets)


class GlobalNeural(Model):
    alias = "neural"

    def __init__(self, drivers: Drivers | None = None, *, seed: int = 7, epochs: int = EPOCHS,
                 device: str | None = None, ctx: JobContext | None = None):
        self.drivers = drivers
        self.seed = seed
        self.epochs = epochs
        self.device = device
        self.ctx = ctx or null_context()
        self.net_ = None
        self.examples_ = 0

    def train(self, Y: np.ndarray, h: int, drivers: Drivers | None = None, *,
              windows: _Windows | None = None) -> "GlobalNeural":
        """Learn from every product's past up to the end of Y (drivers cover Y's days and h more). `windows`:
        Y's running sums where already made (a longer history's, read up to Y's end: _Windows.prefix)."""
        import torch

        drivers = drivers or self.drivers
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        device = self.device or device_name()
        if device == "cpu":
            torch.set_num_threads(CPU_THREADS)
        n, T = Y.shape
        windows = windows or _Windows(Y)
        first = np.where((~np.isnan(Y)).any(axis=1), np.argmax(~np.isnan(Y), axis=1), T)
        origins = np.arange(max(28, T - TRAIN_DAYS), T - h + 1, ORIGIN_STRIDE)
        rows, cols, ahead = _examples(n, origins, h, rng)
        keep = (cols - 28 >= first[rows]) & ~np.isnan(Y[rows, np.minimum(cols + ahead, T - 1)])
        rows, cols, ahead = rows[keep][:MAX_EXAMPLES], cols[keep][:MAX_EXAMPLES], ahead[keep][:MAX_EXAMPLES]
        self.examples_ = len(rows)
        self.net_ = None
        if len(rows) < 1000:
            return self
        self.lifts_ = event_lifts(Y, drivers, T)
        X, level = features(Y, windows, drivers, rows, cols, ahead, h, self.lifts_)
        target = Y[rows, cols + ahead]
        value = sales_value(Y, drivers, T)
        weight = (np.maximum(value, 1e-6) / max(value.sum(), 1e-9)) ** VALUE_WEIGHT_POWER
        weight = weight / max(weight[rows].mean(), 1e-12)
        noise = np.sqrt(noise_scale(Y))[rows] / np.sqrt(weight[rows])
        tensors = [torch.from_numpy(a.astype(np.float32)).to(device) for a in (X, level, target, noise)]
        nets = []
        for member in range(ENSEMBLE):
            nets.append(self._train_one(tensors, device, self.seed + member, member))
        self.net_, self.device_ = _Average(nets), device
        return self

    def _train_one(self, tensors, device: str, seed: int, member: int):
        import torch

        X_t, level_t, y_t, noise_t = tensors
        torch.manual_seed(seed)
        net = torch.nn.Sequential(
            torch.nn.Linear(X_t.shape[1], HIDDEN), torch.nn.ReLU(),
            torch.nn.Linear(HIDDEN, HIDDEN), torch.nn.ReLU(),
            torch.nn.Linear(HIDDEN, 1), torch.nn.Softplus()).to(device)
        optimiser = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
        steps = self.epochs * int(np.ceil(len(X_t) / BATCH))
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=5e-3, total_steps=steps)
        generator = torch.Generator().manual_seed(seed)
        net.train()
        for epoch in range(self.epochs):
            order = torch.randperm(len(X_t), generator=generator).to(device)
            for start in range(0, len(X_t), BATCH):
                batch = order[start:start + BATCH]
                prediction = net(X_t[batch]).squeeze(1) * level_t[batch]
                loss = (((prediction - y_t[batch]) / noise_t[batch]) ** 2).mean()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
                if start % (BATCH * 50) == 0:
                    self.ctx.check_cancelled()
            self.ctx.check_cancelled()
            done = (member * self.epochs + epoch + 1) / (ENSEMBLE * self.epochs)
            self.ctx.progress(done, _("Neural model on {device}: network {network} of {networks}, pass {epoch} of "
                                      "{epochs}").format(device=device, network=member + 1, networks=ENSEMBLE,
                                                         epoch=epoch + 1, epochs=self.epochs))
        net.eval()
        return net

    def is_trained(self) -> bool:
        """Whether the last `train` had the history to learn from (else forecasts are the recent average)."""
        return self.net_ is not None

    def forecast_batch(self, Y, h, drivers: Drivers | None = None, windows: _Windows | None = None):
        """Forecast from the end of Y, with the network trained before (trained now if it was not); `windows` as
        for `train`."""
        import torch

        drivers = drivers or self.drivers
        if self.net_ is None:
            self.train(Y, h, drivers)
        n, T = Y.shape
        if self.net_ is None:
            from core.forecasting.models import recent_mean

            return np.repeat(recent_mean(Y, 28)[:, None], h, axis=1)
        rows, ahead = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(h), indexing="ij"))
        X, level = features(Y, windows or _Windows(Y), drivers, rows, np.full(len(rows), T), ahead, h, self.lifts_)
        with torch.no_grad():
            multiplier = self.net_(torch.from_numpy(X).to(self.device_)).squeeze(1).cpu().numpy()
        return (multiplier * level).reshape(n, h)
