"""Large arrays handed to local worker processes through shared memory, not pickled through a pipe.

A forecast hands the workers the history, the prices and the promotion days (at 20,000 products x 3 years about
380 MB) three times over: the trees' prediction in chunks, the per-product models in chunks, and the neural model
whole. Pickled, each round cost the caller 0.8-1.1 s of CPU and 1.3-1.7 s of wall time to send, and the whole
arrays took 4.0 s to reach the neural model's worker (bench/RESULTS.md, twenty-first session); placed in shared
memory once (0.25 s), a chunk's call carries a name and its rows, and a worker copies its rows out (0.1 s a round,
1.5 s for the whole arrays).

`Handoff` is what the caller uses: `rows(array, rows)` gives what a call is handed (the rows themselves where
nothing is shared, e.g. in this process or on a Dask cluster, whose workers are other machines), and `close()`
frees the shared copies once every call's result is in (or the run was cancelled: a worker still reading keeps its
mapping until it is done). A worker calls `loaded(x)`: its own copy of the rows, so nothing it returns points into
memory another process will free. The numbers are the same to the bit either way (the same bytes).

Shared memory is used on Linux and Windows only, and on Linux only where /dev/shm has room for the arrays twice
over (a container's /dev/shm is often 64 MB: writing past it would kill the process with SIGBUS, not raise);
elsewhere the arrays are pickled as before. A killed caller's shared blocks are removed by Python's resource
tracker.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

# arrays smaller than this are pickled with the call: a shared block costs a file and a mapping
SHARE_FROM_BYTES = 8 * 2 ** 20


@dataclass(frozen=True)
class SharedRows:
    """Rows of an array in a shared memory block, as handed to a worker: (name, shape, dtype) and the rows."""
    name: str
    shape: tuple[int, ...]
    dtype: str
    rows: Any               # a slice, an index array, or None for the whole array

    def load(self) -> np.ndarray:
        """The worker's own copy of the rows. (Read in place, as a read-only view of the block, the M5 shop's
        forecast on two processes took 39.7-40.3 s against 34.0-34.6 s with the copy, the workers' models and even
        the caller's LightGBM training slower beside them: bench/RESULTS.md, twenty-first session.)"""
        from multiprocessing import shared_memory

        block = shared_memory.SharedMemory(name=self.name)
        try:
            whole = np.ndarray(self.shape, dtype=np.dtype(self.dtype), buffer=block.buf)
            part = whole if self.rows is None else whole[self.rows]
            copy = np.array(part, copy=True, order="C")
            del whole, part
        finally:
            block.close()
        return copy


def loaded(value: Any) -> Any:
    """A worker's own array for what it was handed: SharedRows read out, anything else as it came."""
    return value.load() if isinstance(value, SharedRows) else value


class Handoff:
    """Arrays handed to calls as they are (pickled with the call, or passed as they are in this process)."""

    def rows(self, array: np.ndarray, rows: Any = None) -> Any:
        return array if rows is None else array[rows]

    def close(self) -> None:
        pass


class SharedHandoff(Handoff):
    """Arrays placed in shared memory on first use; each call is handed a SharedRows."""

    def __init__(self) -> None:
        self._blocks: dict[int, tuple[Any, np.ndarray, SharedRows]] = {}

    def rows(self, array: np.ndarray, rows: Any = None) -> Any:
        if array.nbytes < SHARE_FROM_BYTES or array.dtype.hasobject:
            return super().rows(array, rows)
        held = self._blocks.get(id(array))
        if held is None or held[1] is not array:
            held = self._share(array)
            if held is None:
                return super().rows(array, rows)
            self._blocks[id(array)] = held
        whole = held[2]
        return SharedRows(whole.name, whole.shape, whole.dtype, rows)

    def _share(self, array: np.ndarray):
        from multiprocessing import shared_memory

        if not room_for(array.nbytes):
            return None
        try:
            block = shared_memory.SharedMemory(create=True, size=max(array.nbytes, 1))
        except OSError:
            return None
        np.ndarray(array.shape, dtype=array.dtype, buffer=block.buf)[...] = array
        return block, array, SharedRows(block.name, tuple(array.shape), array.dtype.str, None)

    def close(self) -> None:
        blocks, self._blocks = self._blocks, {}
        for block, _array, _ref in blocks.values():
            try:
                block.close()
            except BufferError:         # a view still open here (never made: rows() hands out names only)
                pass
            try:
                block.unlink()
            except OSError:
                pass


def usable() -> bool:
    """Whether this platform's shared memory is used (see the module's text)."""
    return sys.platform.startswith("linux") or sys.platform == "win32"


def room_for(nbytes: int) -> bool:
    """Whether a shared block of `nbytes` fits: on Linux, /dev/shm's free space holds it twice over (with what the
    other blocks of this run already took, checked block by block)."""
    if not usable():
        return False
    if sys.platform == "win32":         # backed by the paging file
        return True
    try:
        stat = os.statvfs("/dev/shm")
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize >= 2 * nbytes
