"""The machine and library versions a benchmark ran on, printed beside its figures."""
from __future__ import annotations

import importlib.metadata
import os
import platform
import sqlite3

LIBRARIES = ("numpy", "pandas", "statsforecast", "numba", "scipy", "statsmodels", "torch")


def versions(names=LIBRARIES) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    found.append(f"SQLite {sqlite3.sqlite_version}")
    return ", ".join(found)


def machine_line() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    memory = ""
    try:
        with open("/proc/meminfo") as fh:
            total_kib = int(fh.readline().split()[1])
        memory = f", {total_kib / 1024 ** 2:.1f} GiB memory"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = " load %.1f %.1f %.1f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    return (f"machine: {platform.node()} ({cpu}; {platform.system()} {platform.release()}), {os.cpu_count()} CPUs "
            f"({usable} usable){memory},{load}; Python {platform.python_version()}")
