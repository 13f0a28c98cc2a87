"""How fast ShelfWise starts: a fresh process to `main.py --help` done, and to the first painted window on the demo
shop (and to that shop's pages filled), each beside a bare `python -c pass` in the same run. Median of N runs.

    python bench/startup.py [--runs 7]

The window is started the way `main.py` starts it (ui.app: the application, translators, `start_window`), offscreen,
in a child process that prints the wall-clock moments it reaches; the parent takes the moment before it spawned it.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_line  # noqa: E402

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from ui.app import configure_application, start_window
from ui.i18n import install_translators
from ui.main_window import LOADING_KINDS

moments = {"imported": time.time()}
app = QApplication(sys.argv[:1])
configure_application(app)
install_translators(app, QSettings())

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in moments:
            moments["painted"] = time.time()
        return False

painted = FirstPaint()
app.installEventFilter(painted)
window = start_window(sys.argv[1], QSettings(sys.argv[2], QSettings.Format.IniFormat))

def check():
    dashboard = window.dashboard_page.data
    if dashboard is not None and "dashboard shown" not in moments:       # its plan and alerts (or "no forecast")
        moments["dashboard shown"] = time.time()
    if window.shop_path is not None and not any(window.runner.is_running(k) for k in LOADING_KINDS) \
            and window.products_page.model.rowCount() > 0 and "dashboard shown" in moments:
        moments["shop shown"] = time.time()
        print("MOMENTS " + json.dumps(moments), flush=True)
        window.close()
        app.quit()
    else:
        QTimer.singleShot(5, check)

QTimer.singleShot(0, check)
app.exec()
"""


def timed(cmd: list[str], env: dict) -> tuple[float, dict]:
    start = time.time()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    end = time.time()
    if done.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed: {done.stderr[-2000:]}")
    moments = {}
    for line in done.stdout.splitlines():
        if line.startswith("MOMENTS "):
            moments = {k: v - start for k, v in json.loads(line[len("MOMENTS "):]).items()}
    return end - start, moments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--shop", type=Path, help="also a shop of your own (forecast already): the dashboard's plan "
                        "on a first start (nothing kept) and on the next (the plan kept in the file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="shelfwise-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(work / "config"),
               XDG_DATA_HOME=str(work / "data"))
    demo = work / "demo.db"
    subprocess.run([sys.executable, "main.py", "demo", "--db", str(demo)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    figures: dict[str, list[float]] = {"python -c pass": [], "main.py --help": [], "window painted": [],
                                       "demo shop shown": [], "demo dashboard shown": []}
    for _ in range(args.runs):
        figures["python -c pass"].append(timed([sys.executable, "-c", "pass"], env)[0])
        figures["main.py --help"].append(timed([sys.executable, "main.py", "--help"], env)[0])
        _, moments = timed([sys.executable, "-c", CHILD, str(demo), str(work / "settings.ini")], env)
        figures["window painted"].append(moments["painted"])
        figures["demo shop shown"].append(moments["shop shown"])
        figures["demo dashboard shown"].append(moments["dashboard shown"])
    if args.shop:
        import shutil
        import sqlite3

        shop = work / args.shop.name
        shutil.copy(args.shop, shop)
        first, again = f"{args.shop.name}: dashboard, plan made", f"{args.shop.name}: dashboard, plan kept"
        figures[first], figures[again] = [], []
        for _ in range(args.runs):
            with sqlite3.connect(shop) as db:        # (a file from before the cache had none to clear)
                if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'cache'").fetchone():
                    db.execute("DELETE FROM cache")
            figures[first].append(timed([sys.executable, "-c", CHILD, str(shop), str(work / "settings.ini")],
                                        env)[1]["dashboard shown"])
            figures[again].append(timed([sys.executable, "-c", CHILD, str(shop), str(work / "settings.ini")],
                                        env)[1]["dashboard shown"])
    print(machine_line())
    print(f"median of {args.runs} runs, seconds from spawning the process")
    for name, values in figures.items():
        print(f"  {name:34s} {statistics.median(values):6.3f}   (min {min(values):.3f}, max {max(values):.3f})")


if __name__ == "__main__":
    main()
