"""Where the per-product work runs: in this process, in a pool of local processes, or on a Dask cluster.

The heavy per-product work (the statistical and intermittent models over every backtest origin) is cut into
chunks of products by core.compute.chunks; each chunk is a plain function of plain arrays, so it runs the same
anywhere. An executor only submits such calls and hands back futures:

- `InProcess`: runs each call when its result is asked for, in the calling thread (tests, small shops).
- `LocalProcesses`: a pool of worker processes on this machine, started with "spawn" (never "fork": the window's
  process holds Qt and threads), kept for the life of the application so a second forecast does not pay for
  starting them again. PyInstaller-safe: main.py calls multiprocessing.freeze_support().
- `DaskCluster`: a `dask.distributed` scheduler the owner names (`--scheduler tcp://host:8786`, or Settings ▸
  Advanced); dask is an optional extra (`pip install .[cluster]`) and imported only here, only then.

The workers never open the shop file: they get arrays and return arrays; the caller stores the result once.
"""
from __future__ import annotations

import atexit
import os
import threading
import time
from typing import Any, Callable

from core.compute import usable_cores
from core.errors import UserError
from core.i18n import _

DEFAULT_WORKERS = 0        # 0: one per core
# below this many product-days the forecast runs in the calling process: starting worker processes (about a second
# each, importing numpy, pandas and statsmodels) costs more than the work saves
PROCESS_CELLS = 3_000_000
CONNECT_SECONDS = 10       # how long to wait for a Dask scheduler to answer


class _Done:
    """The future of a call made in the calling process, run when its result is first asked for."""

    def __init__(self, fn: Callable, args: tuple):
        self._fn, self._args = fn, args
        self._value: Any = None
        self._ran = False

    def done(self) -> bool:
        return True

    def cancel(self) -> bool:
        self._ran = True
        return True

    def result(self) -> Any:
        if not self._ran:
            self._value = self._fn(*self._args)
            self._ran = True
        return self._value


class Executor:
    """Runs `fn(*args)` calls somewhere and gives futures (`done()`, `result()`, `cancel()`)."""
    name = "executor"
    workers = 1
    lazy = False            # True: a call runs only when its result is asked for (nothing runs alongside)

    def submit(self, fn: Callable, *args) -> Any:
        raise NotImplementedError

    def share(self, value: Any) -> Any:
        """`value` as an argument many calls are handed (a model's trees): sent to a cluster's workers once."""
        return value

    def handoff(self):
        """How this run's large arrays reach the calls (core.compute.shared): as they are, here."""
        from core.compute.shared import Handoff

        return Handoff()

    def describe(self) -> str:
        return self.name


class InProcess(Executor):
    name = "in-process"
    lazy = True

    def submit(self, fn: Callable, *args) -> _Done:
        return _Done(fn, args)

    def describe(self) -> str:
        return _("this process")


class LocalProcesses(Executor):
    name = "processes"

    def __init__(self, workers: int = DEFAULT_WORKERS):
        self.workers = workers if workers > 0 else usable_cores()

    def submit(self, fn: Callable, *args):
        return _pool(self.workers).submit(fn, *args)

    def handoff(self):
        """Through shared memory where the platform has room for it (core.compute.shared), else pickled."""
        from core.compute.shared import Handoff, SharedHandoff, usable

        return SharedHandoff() if usable() else Handoff()

    def describe(self) -> str:
        return _("{n} local processes").format(n=self.workers)


class DaskCluster(Executor):
    name = "dask"

    def __init__(self, address: str):
        self.address = address.strip()
        self._client = None

    @property
    def client(self):
        if self._client is None:
            try:
                from distributed import Client
            except ImportError as exc:
                raise UserError(_("Running on a cluster needs Dask, which is not installed."),
                                hint=_("Install ShelfWise with its cluster extra (pip install .[cluster]), or "
                                       "clear the scheduler address to run on this computer.")) from exc
            try:
                self._client = Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise UserError(_("Could not reach the Dask scheduler at {address}: {reason}").format(
                    address=self.address, reason=exc),
                    hint=_("Check the address (tcp://host:8786) and that the scheduler is running, or clear it "
                           "to run on this computer.")) from exc
            self.workers = max(len(self._client.scheduler_info().get("workers", {})), 1)
        return self._client

    def submit(self, fn: Callable, *args):
        return self.client.submit(fn, *args, pure=False)

    def share(self, value: Any) -> Any:
        return self.client.scatter(value, broadcast=True, hash=False)

    def describe(self) -> str:
        return _("the Dask cluster at {address}").format(address=self.address)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


# ------------------------------------------------------------------------------------------- the local pool

_POOLS: dict[int, Any] = {}
_POOL_LOCK = threading.Lock()


def _pool(workers: int):
    """The application's pool of `workers` spawned processes, started on first use and kept."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    with _POOL_LOCK:
        pool = _POOLS.get(workers)
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            # one BLAS thread per worker: the workers are the parallelism (with OpenBLAS's own threads beside them,
            # statsmodels' fits on the demo shop took 8.0 s of CPU instead of 1.7 s). The limit must be in the
            # environment when a worker starts, before it imports numpy; a spawned worker starts within submit(),
            # so all are started here, under the limit, and this process's environment is put back.
            saved = {name: os.environ.get(name) for name in _THREAD_LIMITS}
            os.environ.update(dict.fromkeys(_THREAD_LIMITS, "1"))
            try:
                [pool.submit(os.getpid) for _ in range(workers)]
            finally:
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
            _POOLS[workers] = pool
        return pool


_THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def shutdown_pools(*, now: bool = False) -> None:
    """Let the pools' processes go once their calls end; `now` (the window quitting): stop them at once. Without it
    a quit waits for the chunk a worker is computing (concurrent.futures joins its pool before any atexit handler
    runs): seen at 3.5 s of a 5.15 s quit during a forecast on two processes."""
    with _POOL_LOCK:
        for pool in _POOLS.values():
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            if now:
                for process in processes:
                    if process.is_alive():
                        process.terminate()
        _POOLS.clear()


atexit.register(shutdown_pools)


def gather(futures: list, ctx=None, *, on_done: Callable[[int, Any], None] | None = None,
           poll: float = 0.05) -> list:
    """The futures' results in their order. Cancelling `ctx` cancels the calls not yet started and raises
    core.errors.Cancelled within about a chunk's time (a call already running finishes first, its result unused).
    `on_done(k, result)` is called as each one finishes (in finishing order)."""
    results: list = [None] * len(futures)
    pending = set(range(len(futures)))
    try:
        while pending:
            if ctx is not None:
                ctx.check_cancelled()
            finished = [k for k in sorted(pending) if futures[k].done()]
            if not finished:
                time.sleep(poll)
                continue
            for k in finished:
                results[k] = futures[k].result()
                pending.discard(k)
                if on_done is not None:
                    on_done(k, results[k])
                if ctx is not None:
                    ctx.check_cancelled()
    except BaseException:
        for k in pending:
            futures[k].cancel()
        raise
    return results
