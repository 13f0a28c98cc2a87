"""Ctrl+C while each kind of work runs in the window — a forecast, a plan, an import, a replay, PDFs being written, a
forecast in worker processes — exits 0 within 5 s, with no Qt abort, no traceback, a whole shop file, and no worker
process left behind.

The app runs in its own process as `main.py` runs it (ui.app.run_gui, offscreen); once its shop is open it starts
the job through the window's own runner and the same service the page calls, and the test sends SIGINT as soon as
the log says the job started. Each kind once here; `SHELFWISE_QUIT_REPEATS=10` repeats each (docs/reliability.md
has the last such run)."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.test_clean_exit import BAD_SIGNS, REPO_ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="signals to a child process are POSIX here")]
REPEATS = int(os.environ.get("SHELFWISE_QUIT_REPEATS", "1"))
KINDS = ("forecast", "plan", "import", "replay", "pdf", "forecast-processes")

DRIVER = r"""
import sys, time
from functools import partial
from pathlib import Path
from PySide6.QtCore import QTimer
import ui.app as app_module
from ui.main_window import LOADING_KINDS

kind, shop, big_csv, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
real_start = app_module.start_window

def start_job(window):
    from core.services import documents, forecast, imports, plan, replay
    from ui import pdf
    runner = window.runner
    if kind == "forecast":
        runner.start("forecast", partial(forecast.run_forecast, shop, neural=True))
    elif kind == "forecast-processes":      # the per-product chunks in two worker processes (SHELFWISE_WORKERS=2)
        runner.start(kind, partial(forecast.run_forecast, shop, neural=False))
    elif kind == "plan":
        runner.start("plan", partial(plan.make_plan, shop))
    elif kind == "import":
        runner.start("import", partial(imports.import_file, shop, file_path=big_csv, kind="sales"))
    elif kind == "replay":
        runner.start("replay", partial(replay.replay_policies, shop, start=__import__("datetime").date(2025, 1, 1),
                                       end=__import__("datetime").date(2025, 5, 31),
                                       policies=("shelfwise", "minmax"), service_level=0.95))
    elif kind == "pdf":
        order_id = int(sys.argv[5])
        def many(ctx):
            for k in range(40):
                ctx.check_cancelled()
                documents.save_purchase_order_pdf(shop, order_id=order_id, path=out / f"po-{k}.pdf", pdf=pdf)
        runner.start("pdf", many)

def when_ready(window):
    if window.shop_path is None or any(window.runner.is_running(k) for k in LOADING_KINDS):
        QTimer.singleShot(20, lambda: when_ready(window))
        return
    start_job(window)

def start_window(db=None, settings=None):
    window = real_start(db, settings)
    QTimer.singleShot(0, lambda: when_ready(window))
    return window

app_module.start_window = start_window
sys.exit(app_module.run_gui(db=shop))
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, forecast_demo_template):
    """The demo shop with a forecast and one draft purchase order, and a big sales file to import."""
    from core.jobs import null_context
    from core.services import plan as plan_service
    from core.services import purchase_orders as po_service
    from tests.core.test_killed_import import _till_csv

    folder = tmp_path_factory.mktemp("quit")
    shop = folder / "template.db"
    shutil.copy(forecast_demo_template, shop)
    data = plan_service.make_plan(shop, ctx=null_context())
    order = po_service.create_purchase_orders(shop, plan=data.plan, ctx=null_context()).value.created[0]
    return shop, _till_csv(folder / "big.csv", 300_000), order.id


def _quit_during(kind: str, prepared, folder: Path) -> None:
    template, big_csv, order_id = prepared
    folder.mkdir()
    shop = folder / "shop.db"
    shutil.copy(template, shop)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"),
               XDG_DATA_HOME=str(folder / "data"), PYTHONUNBUFFERED="1",
               SHELFWISE_WORKERS="2" if kind == "forecast-processes" else "1")
    log_path = folder / "app.log"
    with log_path.open("w") as log:
        child = subprocess.Popen([sys.executable, "-c", DRIVER, kind, str(shop), str(big_csv), str(folder),
                                  str(order_id)], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while f"job {kind} started" not in log_path.read_text(errors="replace"):
                assert child.poll() is None, log_path.read_text(errors="replace")
                assert time.monotonic() < deadline, log_path.read_text(errors="replace")
                time.sleep(0.01)
            workers: list[int] = []
            if kind == "forecast-processes":          # quit once the worker processes are at work
                while len(workers) < 2:
                    workers = _children(child.pid)
                    assert child.poll() is None, log_path.read_text(errors="replace")
                    assert time.monotonic() < deadline, log_path.read_text(errors="replace")
                    time.sleep(0.05)
            asked = time.monotonic()
            child.send_signal(signal.SIGINT)
            code = child.wait(30)
            took = time.monotonic() - asked
            gone = time.monotonic() + 5
            while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < gone:
                time.sleep(0.05)
            left = [pid for pid in workers if Path(f"/proc/{pid}").exists()
                    and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
            assert not left, f"worker processes left running after the app quit: {left}"
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    text = log_path.read_text(errors="replace")
    ended = next((line.split("ended: ")[1] for line in text.splitlines() if f"job {kind} ended: " in line), "-")
    print(f"quit during {kind}: exit {code} after {took:.2f} s (the job: {ended})")     # seen with -s
    assert code == 0, text
    assert took < 5.0, f"{kind}: {took:.1f} s to quit\n{text}"
    for sign in BAD_SIGNS:
        assert sign not in text, text
    with sqlite3.connect(shop) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_quitting_while_work_runs_exits_0_within_5_seconds(kind, prepared, tmp_path):
    for repeat in range(REPEATS):
        _quit_during(kind, prepared, tmp_path / f"run-{repeat}")
