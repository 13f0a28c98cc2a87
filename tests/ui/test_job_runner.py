"""ui/jobs.py: plain functions run off the GUI thread; results, errors and Cancel come back on it."""
from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.errors import Cancelled, UserError
from core.store.db import open_shop
from ui.errors import CrashDialog
from ui.jobs import JobRunner, ProgressPanel


def _top_level(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_function_runs_off_the_gui_thread_and_success_comes_back_on_it(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = JobRunner(owner)
    gui_thread = threading.get_ident()
    seen = {}

    def work(ctx):
        seen["worker"] = threading.get_ident()
        return 42

    runner.start("answer", work, success=lambda result: seen.update(result=result, callback=threading.get_ident()))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread


def test_the_worker_opens_its_own_shop_connection(qtbot, shop_with_sales):
    runner = JobRunner()
    names = []

    def count_products(ctx):
        with open_shop(shop_with_sales, create=False) as shop:   # a connection of the worker's own
            return shop.scalar("SELECT count(*) FROM products")

    runner.start("count", count_products, success=names.append)
    qtbot.waitUntil(lambda: names == [3])


def test_progress_reaches_the_panel_and_cancel_is_silent(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = JobRunner(owner)
    panel = ProgressPanel(owner)
    messages, outcomes, texts = [], [], []
    runner.message.connect(messages.append)
    started = threading.Event()

    def slow(ctx):
        for step in range(1000):
            ctx.progress(step / 1000, f"step {step}")
            started.set()
            ctx.check_cancelled()
            time.sleep(0.01)
        return "finished"

    job = runner.start("slow", slow, success=outcomes.append, failure=outcomes.append, progress=panel)
    job.progressed.connect(lambda fraction, text: texts.append(text))
    qtbot.waitUntil(lambda: bool(texts))
    assert panel.isVisibleTo(owner) and panel.label.text().startswith("step")
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running)
    assert job.outcome == "cancelled"
    assert outcomes == []                      # neither success nor an error
    assert messages == ["Cancelled — nothing was changed"]
    assert panel.label.text() == "Cancelled — nothing was changed"
    assert not _top_level(QMessageBox) and not _top_level(CrashDialog)


def test_a_user_error_is_shown_as_a_warning_with_its_message(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = JobRunner(owner)

    def refuse(ctx):
        raise UserError("the column 'Qty' is missing", where="till.csv", hint="Pick the column in the wizard.")

    job = runner.start("refuse", refuse)
    qtbot.waitUntil(lambda: not job.running)
    boxes = _top_level(QMessageBox)
    assert len(boxes) == 1
    assert boxes[0].icon() == QMessageBox.Icon.Warning
    assert boxes[0].text() == "till.csv: the column 'Qty' is missing"
    assert boxes[0].informativeText() == "Pick the column in the wizard."
    boxes[0].close()


def test_a_bug_shows_the_crash_dialog_with_its_traceback(qtbot, caplog):
    runner = JobRunner()

    def broken(ctx):
        return {}["missing"]

    job = runner.start("broken", broken, success=lambda result: None)
    qtbot.waitUntil(lambda: not job.running)
    dialogs = _top_level(CrashDialog)
    assert len(dialogs) == 1
    details = dialogs[0].details.toPlainText()
    assert "Traceback" in details and "KeyError: 'missing'" in details and "in broken" in details
    assert "KeyError" in caplog.text           # logged too
    dialogs[0].close()


def test_a_new_job_of_the_same_kind_cancels_the_old_one(qtbot):
    runner = JobRunner()
    results, messages = [], []
    runner.message.connect(messages.append)
    release = threading.Event()

    def first(ctx):
        while not ctx.cancelled:
            time.sleep(0.005)
        release.set()
        return "stale"     # even a result that arrives after being replaced is dropped

    old = runner.start("overview", first, success=results.append)
    new = runner.start("overview", lambda ctx: "fresh", success=results.append)
    qtbot.waitUntil(lambda: not old.running and not new.running)
    assert release.is_set()
    assert results == ["fresh"]
    assert messages == []                      # a replaced job is not reported as cancelled
    assert runner.job("overview") is None


def test_a_cancelled_error_raised_by_core_counts_as_cancel(qtbot):
    runner = JobRunner()
    finished = []

    def stop(ctx):
        raise Cancelled()

    job = runner.start("stop", stop, finished=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished))
    assert job.outcome == "cancelled"


def test_quitting_stops_a_running_job_and_waits_for_its_thread(qtbot):
    from ui.jobs import running_jobs, shutdown_all

    runner = JobRunner()
    results = []
    inside = threading.Event()

    def endless(ctx):
        inside.set()
        while True:
            ctx.check_cancelled()
            time.sleep(0.005)

    runner.start("endless", endless, success=results.append)
    assert inside.wait(5)
    started = time.monotonic()
    assert shutdown_all(timeout_ms=10_000)
    assert time.monotonic() - started < 5
    assert running_jobs() == [] and results == []


def test_a_job_outliving_its_window_ends_quietly(qtbot):
    import shiboken6

    owner = QWidget()
    runner = JobRunner(owner)
    panel = ProgressPanel(owner)
    release = threading.Event()
    called = []
    job = runner.start("slow", lambda ctx: release.wait(10), success=called.append, finished=lambda: called.append(1),
                       progress=panel)
    shiboken6.delete(owner)            # the window (a closed wizard, say) is gone before the job ends
    release.set()
    qtbot.waitUntil(lambda: not job.running)
    assert job.outcome == "done"
    assert called == []                # nothing is delivered to a window that no longer exists
