"""Running a plain core function `fn(ctx=ctx) -> result` on a worker thread, with progress and Cancel.

A job's function runs on its own Python thread; progress, the result and the error come back by queued
signals, so `success`, `failure` and `finished` always run on the GUI thread. Starting a job of a kind that is
already running cancels the old one (and its late result is dropped). The function must open its own ShopDb:
pass it the shop file's path, never a connection.

A service that changes the shop returns `Changed(value, changes)`: `success` gets the value, and the names of
what changed go to `shop_events().changed`, which the window hands to the pages that show that data.

The threads are daemon threads, not QThreads: a function that cannot be cancelled (the import of torch behind
"where does the neural model run") is left behind when the app quits, where a running QThread destroyed at
exit aborts the process.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
import traceback
from collections import deque
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from core.errors import Cancelled, UserError
from core.jobs import JobContext
from core.services.changes import Changed
from core.store.db import file_problem, is_file_error
from ui.errors import show_crash_dialog
from ui.messages import show_error

log = logging.getLogger("shelfwise.ui.jobs")

_LIVE: set["Job"] = set()   # jobs whose thread has not reported yet (kept alive here, not by their owner)
_RECENT: deque[str] = deque(maxlen=30)   # the last jobs started and ended, for a crash report


def recent_jobs() -> list[str]:
    """The last things the window did in the background ('17:40:02 plan started', ...), oldest first."""
    return list(_RECENT)


def cancelled_message() -> str:
    return QCoreApplication.translate("Jobs", "Cancelled — nothing was changed")


class ShopEvents(QObject):
    """What finished jobs changed in a shop: `changed` carries a frozenset of core.services.changes names."""

    changed = Signal(object)


_EVENTS: ShopEvents | None = None


def shop_events() -> ShopEvents:
    global _EVENTS
    if _EVENTS is None or not shiboken6.isValid(_EVENTS):
        _EVENTS = ShopEvents()
    return _EVENTS


class Job(QObject):
    """One run of one function. `progressed` and `ended` are emitted on the GUI thread."""

    progressed = Signal(float, str)
    ended = Signal(str)          # 'done', 'failed', 'cancelled' or 'bug'
    _reported = Signal(float, str)           # from the worker thread
    _done = Signal(object, object, str)      # result, exception (or None), traceback text; from the worker thread

    def __init__(self, kind: str, fn: Callable[[JobContext], Any], *, owner: QObject | None,
                 success: Callable[[Any], None] | None, failure: Callable[[UserError], None] | None,
                 finished: Callable[[], None] | None, on_message: Callable[[str], None] | None):
        super().__init__()
        self.kind = kind
        self.owner = owner
        self.outcome: str | None = None
        self.superseded = False
        self._success, self._failure, self._finished = success, failure, finished
        self._on_message = on_message
        self._fn = fn
        self.ctx = JobContext(self._reported.emit)   # core rate-limits it (50 ms)
        self._reported.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._thread: threading.Thread | None = threading.Thread(target=self._run, name=f"job:{kind}", daemon=True)

    def _run(self) -> None:
        """On the worker thread: call the function once and report how it ended."""
        try:
            result = self._fn(ctx=self.ctx)
        except sqlite3.Error as exc:   # the shop file itself (read-only, full disk, gone): the owner's words
            tb = traceback.format_exc()
            if is_file_error(exc):
                log.warning("job %s: the shop file: %s", self.kind, exc)
                self._done.emit(None, file_problem(exc, None), tb)
            else:
                self._done.emit(None, exc, tb)
        except BaseException as exc:  # noqa: BLE001 - every ending is reported to the GUI thread
            self._done.emit(None, exc, traceback.format_exc())
        else:
            self._done.emit(result, None, "")

    def start(self) -> None:
        _LIVE.add(self)
        log.info("job %s started", self.kind)
        _RECENT.append(f"{time.strftime('%H:%M:%S')} {self.kind} started")
        self._thread.start()

    def cancel(self) -> None:
        """Ask the function to stop at its next check; it rolls back what it had begun."""
        self.ctx.cancel()

    @property
    def running(self) -> bool:
        return self.outcome is None

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the function has returned (used on quit and in tests), then deliver the outcome."""
        thread = self._thread
        if thread is not None:
            thread.join(ms / 1000)
            if thread.is_alive():
                return False
        QCoreApplication.sendPostedEvents(self)
        return self.outcome is not None or self._thread is None

    @Slot(float, str)
    def _on_progress(self, fraction: float, text: str) -> None:
        if not self.superseded and self.outcome is None:
            self.progressed.emit(fraction, text)

    @Slot(object, object, str)
    def _on_done(self, result: Any, error: BaseException | None, tb: str) -> None:
        self._thread = None
        _LIVE.discard(self)
        owner_gone = self.owner is not None and not shiboken6.isValid(self.owner)
        changes: frozenset[str] = frozenset()
        if error is None:
            self.outcome = "done"
            if isinstance(result, Changed):
                result, changes = result.value, result.changes
        elif isinstance(error, Cancelled):
            self.outcome = "cancelled"
        elif isinstance(error, UserError):
            self.outcome = "failed"
        else:
            self.outcome = "bug"
            log.error("Job %s failed with a bug:\n%s", self.kind, tb)
        log.info("job %s ended: %s", self.kind, self.outcome)
        _RECENT.append(f"{time.strftime('%H:%M:%S')} {self.kind} {self.outcome}")
        parent = self.owner if isinstance(self.owner, QWidget) and not owner_gone else None
        try:
            if self.superseded or owner_gone:   # nobody waits for this result any more; a bug is still a bug
                if self.outcome == "bug":
                    show_crash_dialog(tb, parent)
                self.ended.emit(self.outcome)
                return
            try:
                if self.outcome == "done" and self._success:
                    self._success(result)
                elif self.outcome == "cancelled" and self._on_message:
                    self._on_message(cancelled_message())
                elif self.outcome == "failed":
                    if self._failure:
                        self._failure(error)
                    else:
                        show_error(parent, error)
                elif self.outcome == "bug":
                    show_crash_dialog(tb, parent)
            finally:
                self.ended.emit(self.outcome)
                if self._finished:
                    self._finished()
        finally:
            if changes:          # the shop did change, even where nobody waits for this job's own result
                shop_events().changed.emit(changes)


class JobRunner(QObject):
    """Starts jobs for one owner (a window, a page, a wizard): one running job per kind."""

    message = Signal(str)    # a line for the status bar ("Cancelled — nothing was changed")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: dict[str, Job] = {}

    def start(self, kind: str, fn: Callable[[JobContext], Any], *, success: Callable[[Any], None] | None = None,
              failure: Callable[[UserError], None] | None = None, finished: Callable[[], None] | None = None,
              progress: "ProgressPanel | None" = None) -> Job:
        """Run `fn(ctx=ctx)` off the GUI thread; a running job of the same kind is cancelled and forgotten."""
        self.cancel(kind, supersede=True)
        owner = self.parent() if self.parent() is not None else self
        job = Job(kind, fn, owner=owner, success=success, failure=failure, finished=finished,
                  on_message=self.message.emit)
        self._jobs[kind] = job
        job.ended.connect(lambda _outcome, job=job: self._forget(job))
        if progress is not None:
            progress.follow(job)
        job.start()
        return job

    def job(self, kind: str) -> Job | None:
        return self._jobs.get(kind)

    def is_running(self, kind: str) -> bool:
        job = self._jobs.get(kind)
        return job is not None and job.running

    def cancel(self, kind: str, *, supersede: bool = False) -> None:
        job = self._jobs.pop(kind, None) if supersede else self._jobs.get(kind)
        if job is not None and job.running:
            job.superseded = job.superseded or supersede
            job.cancel()

    def cancel_all(self) -> None:
        for kind in list(self._jobs):
            self.cancel(kind)

    def _forget(self, job: Job) -> None:
        if self._jobs.get(job.kind) is job:
            del self._jobs[job.kind]


def running_jobs() -> list[Job]:
    return [job for job in _LIVE if job.running]


def shutdown_all(timeout_ms: int = 30_000) -> bool:
    """Cancel every running job and wait for it (on quit, and between tests). True if all ended; a job that is
    still running after `timeout_ms` is left to its daemon thread."""
    jobs = list(_LIVE)
    for job in jobs:
        job.superseded = True
        job.cancel()
    return all(job.wait(timeout_ms) for job in jobs)


class ProgressPanel(QWidget):
    """A progress bar, a line of text and a Cancel button that follow one job at a time."""

    def __init__(self, parent: QWidget | None = None, *, keep_message: bool = True):
        super().__init__(parent)
        self._job: Job | None = None
        self._keep_message = keep_message
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(180)
        self.label = QLabel(self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def follow(self, job: Job, text: str = "") -> None:
        if self._job is not None and self._job.running:
            self._job.progressed.disconnect(self._show_progress)
        self._job = job
        self.bar.setValue(0)
        self.bar.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.label.setText(text or self.tr("Starting…"))
        self.setVisible(True)
        job.progressed.connect(self._show_progress)   # bound slots: dropped by Qt if this panel goes first
        job.ended.connect(self._job_ended)

    def cancel(self) -> None:
        if self._job is not None and self._job.running:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    @Slot(float, str)
    def _show_progress(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if text:
            self.label.setText(text)

    @Slot(str)
    def _job_ended(self, outcome: str) -> None:
        job = self.sender()
        if job is not self._job:      # a job this panel no longer follows
            return
        self._job = None
        self.bar.setVisible(False)
        self.cancel_button.setVisible(False)
        if outcome == "cancelled" and self._keep_message and not job.superseded:
            self.label.setText(cancelled_message())
        else:
            self.setVisible(False)
