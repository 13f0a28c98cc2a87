"""Running a plain core function `fn(ctx) -> result` on a worker thread, with progress and Cancel.

A job's function runs in a worker QObject moved to its own QThread; progress, the result and the error come
back by queued signals, so `success`, `failure` and `finished` always run on the GUI thread. Starting a job
of a kind that is already running cancels the old one (and its late result is dropped). The function must
open its own ShopDb: pass it the shop file's path, never a connection.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from core.errors import Cancelled, UserError
from core.jobs import JobContext
from ui.errors import show_crash_dialog, show_user_error

log = logging.getLogger("shelfwise.ui.jobs")

_LIVE: set["Job"] = set()   # jobs whose thread has not finished yet (kept alive here, not by their owner)


def cancelled_message() -> str:
    return QCoreApplication.translate("Jobs", "Cancelled — nothing was changed")


class _Worker(QObject):
    """Lives on the job's thread; calls the function once and reports how it ended."""

    progressed = Signal(float, str)
    done = Signal(object, object, str)   # result, exception (or None), traceback text

    def __init__(self, fn: Callable[[JobContext], Any]):
        super().__init__()
        self._fn = fn
        self.ctx = JobContext(self.progressed.emit)   # core rate-limits it (50 ms)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.ctx)
        except BaseException as exc:  # noqa: BLE001 - every ending is reported to the GUI thread
            self.done.emit(None, exc, traceback.format_exc())
        else:
            self.done.emit(result, None, "")
        finally:
            self.thread().quit()   # the thread ends by itself, so waiting for it never needs the GUI thread


class Job(QObject):
    """One run of one function. `progressed` and `ended` are emitted on the GUI thread."""

    progressed = Signal(float, str)
    ended = Signal(str)          # 'done', 'failed', 'cancelled' or 'bug'

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
        self._worker = _Worker(fn)
        self.ctx = self._worker.ctx
        self._thread = QThread()
        self._thread.setObjectName(f"job:{kind}")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.done.connect(self._on_done)

    def start(self) -> None:
        _LIVE.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the function to stop at its next check; it rolls back what it had begun."""
        self.ctx.cancel()

    @property
    def running(self) -> bool:
        return self.outcome is None

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the thread has ended (used on quit and in tests), then deliver the outcome."""
        if self._thread is None:
            return True
        ok = self._thread.wait(ms)
        QCoreApplication.sendPostedEvents(self)
        return ok

    @Slot(float, str)
    def _on_progress(self, fraction: float, text: str) -> None:
        if not self.superseded and self.outcome is None:
            self.progressed.emit(fraction, text)

    @Slot(object, object, str)
    def _on_done(self, result: Any, error: BaseException | None, tb: str) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        thread.quit()
        thread.wait()    # run() has returned; this only lets the thread's event loop end
        _LIVE.discard(self)
        owner_gone = self.owner is not None and not shiboken6.isValid(self.owner)
        if error is None:
            self.outcome = "done"
        elif isinstance(error, Cancelled):
            self.outcome = "cancelled"
        elif isinstance(error, UserError):
            self.outcome = "failed"
        else:
            self.outcome = "bug"
            log.error("Job %s failed with a bug:\n%s", self.kind, tb)
        parent = self.owner if isinstance(self.owner, QWidget) and not owner_gone else None
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
                    show_user_error(parent, error)
            elif self.outcome == "bug":
                show_crash_dialog(tb, parent)
        finally:
            self.ended.emit(self.outcome)
            if self._finished:
                self._finished()


class JobRunner(QObject):
    """Starts jobs for one owner (a window, a page, a wizard): one running job per kind."""

    message = Signal(str)    # a line for the status bar ("Cancelled — nothing was changed")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: dict[str, Job] = {}

    def start(self, kind: str, fn: Callable[[JobContext], Any], *, success: Callable[[Any], None] | None = None,
              failure: Callable[[UserError], None] | None = None, finished: Callable[[], None] | None = None,
              progress: "ProgressPanel | None" = None) -> Job:
        """Run `fn(ctx)` off the GUI thread; a running job of the same kind is cancelled and forgotten."""
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
    """Cancel every running job and wait for its thread (on quit, and between tests). True if all ended."""
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
