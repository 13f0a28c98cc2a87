"""ShelfWise started as an owner starts it (`python main.py --db SHOP`, its own process, offscreen) always exits
cleanly: closed while its start-up work still runs, while the neural model's library loads (a job that cannot be
cancelled), or once idle — exit code 0, no Qt abort ("QThread: Destroyed while ..."), no traceback, and the shop
file as it was. Ctrl+C (SIGINT) and a polite kill (SIGTERM) close the window the way its close button does."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BAD_SIGNS = ("Destroyed while", "Traceback", "Aborted", "core dumped", "double free", "Segmentation")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals to a child process are POSIX here")


def shop_content(path: Path) -> str:
    """A digest of every row of the shop file (its bytes may differ after an open in WAL mode; its data may not) —
    but the `cache` table's: the plan kept for the next start is written by the start itself (core.store.cache)."""
    with sqlite3.connect(path) as db:
        return hashlib.sha256("\n".join(line for line in db.iterdump()
                                         if not line.startswith('INSERT INTO "cache"')).encode()).hexdigest()


class RunningApp:
    """`main.py --db SHOP` in a subprocess, its log read as it comes."""

    def __init__(self, shop: Path, home: Path):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
                   XDG_DATA_HOME=str(home / "data"), PYTHONUNBUFFERED="1")
        self.log_path = home / "app.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen([sys.executable, str(REPO_ROOT / "main.py"), "--db", str(shop)],
                                        cwd=REPO_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, *lines: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not all(line in self.log for line in lines):
            assert self.process.poll() is None, f"the app ended early:\n{self.log}"
            assert time.monotonic() < deadline, f"never saw {lines}:\n{self.log}"
            time.sleep(0.02)

    def close(self, number: int = signal.SIGINT, timeout: float = 30) -> int:
        self.process.send_signal(number)
        try:
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self._log.close()


@pytest.fixture
def shop(tmp_path, forecast_demo_template) -> Path:
    """A copy of the demo shop with a forecast: opening it makes the dashboard plan 300 products (seconds)."""
    path = tmp_path / "shop.db"
    shutil.copy(forecast_demo_template, path)
    return path


def assert_clean(app: RunningApp, code: int, signal_name: str = "SIGINT") -> None:
    log = app.log
    assert code == 0, log
    assert f"signal {signal_name}: closing" in log, log
    for sign in BAD_SIGNS:
        assert sign not in log, log


def test_closing_while_the_start_up_plan_runs_cancels_it_and_exits_0(tmp_path, shop):
    before = shop_content(shop)
    app = RunningApp(shop, tmp_path)
    app.wait_for("job dashboard started")
    assert_clean(app, app.close())
    log = app.log
    assert "job dashboard ended: cancelled" in log or "job dashboard ended: done" in log, log
    assert shop_content(shop) == before


@pytest.mark.slow
def test_closing_while_the_neural_library_loads_exits_0(tmp_path, shop):
    app = RunningApp(shop, tmp_path)
    app.wait_for("job device started")
    assert_clean(app, app.close())


@pytest.mark.slow
def test_closing_once_idle_exits_0_also_on_sigterm(tmp_path, shop):
    before = shop_content(shop)
    app = RunningApp(shop, tmp_path)
    app.wait_for("job dashboard ended", "job device ended", "job products ended")
    assert_clean(app, app.close(signal.SIGTERM), "SIGTERM")
    assert shop_content(shop) == before
