"""Where heavy per-product work runs (core.compute.executors) and how it is cut into chunks of products."""
from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (a container, `taskset`, a
    job scheduler's limit), else the machine's count. os.cpu_count() alone counts the machine's, and two threads
    or workers on one allowed core only wait for each other."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):      # no affinity on this system (Windows, macOS)
        return max(os.cpu_count() or 1, 1)
