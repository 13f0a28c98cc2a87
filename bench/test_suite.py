"""How long the tests take: the fast subset and the whole suite through the README's command (`./test.sh`, two
processes), beside the whole suite in one process (`TEST_WORKERS=0`, how it ran before), with the ten slowest tests.

Run it on a fresh clone (as CI sees the code), after one `./test.sh --co -q` there has installed everything:
    python bench/test_suite.py --repo /path/to/clone [--runs fast,whole,whole-1]
Prints one line per run (wall time, pytest's own count) and the ten slowest tests of each.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402

RUNS = {
    "fast": ({}, ["-m", "not slow"]),
    "whole": ({}, []),
    "whole-1": ({"TEST_WORKERS": "0"}, []),
}


def slowest(junit: Path, n: int = 10) -> list[tuple[float, str]]:
    cases = [(float(case.get("time", 0)), f"{case.get('classname')}::{case.get('name')}")
             for case in ET.parse(junit).iter("testcase")]
    return sorted(cases, reverse=True)[:n]


def run(repo: Path, name: str) -> None:
    env_extra, args = RUNS[name]
    junit = Path(tempfile.mkdtemp()) / f"{name}.xml"
    env = dict(os.environ, **env_extra)
    start = time.perf_counter()
    done = subprocess.run(["./test.sh", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *args], cwd=repo,
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    summary = [line for line in done.stdout.splitlines() if " in " in line and ("passed" in line or "failed" in line)]
    print(f"{name:8s} exit {done.returncode}  {wall:6.1f} s wall  {summary[-1] if summary else done.stdout[-300:]}")
    if junit.exists():
        for seconds, test in slowest(junit):
            print(f"           {seconds:6.2f} s  {test}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--runs", default="fast,whole,whole-1")
    args = parser.parse_args()
    print(machine_line())
    print(f"repo {args.repo} at {subprocess.run(['git', 'log', '-1', '--format=%h %s'], cwd=args.repo, capture_output=True, text=True).stdout.strip()}")
    for name in args.runs.split(","):
        run(args.repo, name)


if __name__ == "__main__":
    main()
