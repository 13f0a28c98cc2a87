"""Large arrays handed to local worker processes through shared memory (core.compute.shared): a worker reads
exactly the rows it is given, small arrays and a /dev/shm without room fall back to pickling, and closing frees
every block."""
from __future__ import annotations

from multiprocessing import shared_memory

import numpy as np
import pytest

import core.compute.shared as shared
from core.compute.executors import InProcess, LocalProcesses, gather
from core.compute.shared import Handoff, SharedHandoff, SharedRows, loaded

pytestmark = pytest.mark.skipif(not shared.usable(), reason="shared memory is used on Linux and Windows only")


def _rows_sum(part) -> tuple[float, tuple]:
    mine = loaded(part)
    return float(np.nansum(mine)), mine.shape


def test_a_worker_reads_the_rows_it_is_given_and_close_frees_the_block():
    rng = np.random.default_rng(3)
    big = rng.random((3_000, 500))              # 12 MB: shared
    big[5, 7] = np.nan
    flags = rng.random((3_000, 500)) > 0.5      # 1.5 MB: pickled with the call
    if not shared.room_for(big.nbytes):
        pytest.skip("no room for a shared block here (/dev/shm)")
    handoff = SharedHandoff()
    whole = handoff.rows(big)
    assert isinstance(whole, SharedRows) and whole.rows is None
    assert handoff.rows(big, slice(10, 20)).name == whole.name          # one block per array
    assert isinstance(handoff.rows(flags, slice(0, 5)), np.ndarray)
    picks = np.array([2_999, 0, 17])
    parts = [slice(0, 1_000), slice(1_000, 3_000), picks, None]
    futures = [LocalProcesses(2).submit(_rows_sum, handoff.rows(big, rows)) for rows in parts]
    for rows, (total, shape) in zip(parts, gather(futures)):
        expected = big if rows is None else big[rows]
        assert shape == expected.shape and total == float(np.nansum(expected))
    # read here as a worker would: its own copy, equal to the bit, kept after the block is freed
    picked, part = loaded(handoff.rows(big, picks)), loaded(handoff.rows(big, slice(100, 200)))
    assert np.array_equal(picked, big[picks], equal_nan=True) and np.array_equal(part, big[100:200])
    assert part.flags.owndata and part.flags.writeable
    handoff.close()
    with pytest.raises(FileNotFoundError):
        shared_memory.SharedMemory(name=whole.name)
    assert np.array_equal(part, big[100:200])
    handoff.close()                             # twice: nothing left to free


def test_without_room_or_in_this_process_the_arrays_are_handed_as_they_are(monkeypatch):
    big = np.ones((3_000, 500))
    assert isinstance(InProcess().handoff(), Handoff) and not isinstance(InProcess().handoff(), SharedHandoff)
    assert np.array_equal(InProcess().handoff().rows(big, slice(0, 2)), big[:2])
    monkeypatch.setattr(shared, "room_for", lambda nbytes: False)       # a container's 64 MB /dev/shm, say
    handoff = LocalProcesses(2).handoff()
    part = handoff.rows(big, slice(0, 2))
    assert isinstance(part, np.ndarray) and np.array_equal(part, big[:2])
    handoff.close()
