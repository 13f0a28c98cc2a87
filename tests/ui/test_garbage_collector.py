"""ui/garbage.py: Python's cyclic garbage is collected on the GUI thread, and never while a job runs."""
from __future__ import annotations

import gc
import threading
import weakref

import pytest

from ui.garbage import GarbageCollector
from ui.jobs import JobRunner

pytestmark = pytest.mark.own_garbage_collector


class Node:
    def __init__(self):
        self.me = self        # a reference cycle: only the cyclic collector frees it


def test_cycles_are_collected_by_the_timer_between_jobs_only(qtbot):
    collector = GarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        release = threading.Event()
        job = JobRunner().start("busy", lambda ctx: release.wait(10))
        node = Node()
        gone = weakref.ref(node)
        del node
        for _ in range(collector.threshold[0] + 10):
            Node()                      # enough new containers for a young-generation collection
        qtbot.wait(100)
        assert gone() is not None       # nothing is collected while the job runs
        release.set()
        qtbot.waitUntil(lambda: not job.running)
        qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
    finally:
        collector.uninstall()
    assert gc.isenabled()
