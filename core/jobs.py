"""The context every long operation takes: progress reports and a way to ask it to stop."""
from __future__ import annotations

import threading
import time
from typing import Callable

from core.errors import Cancelled

ProgressCallback = Callable[[float, str], None]


class JobContext:
    """Progress (rate-limited) and cancellation for one long operation.

    `progress(fraction, text)` forwards to the callback at most every `min_interval` seconds (and always for
    the first and the final report); `check_cancelled()` raises `Cancelled` once `cancel()` was called, from
    any thread.
    """

    def __init__(self, on_progress: ProgressCallback | None = None, *, min_interval: float = 0.05):
        self._on_progress = on_progress
        self._min_interval = min_interval
        self._last_report = 0.0
        self._cancel = threading.Event()
        self.fraction = 0.0
        self.text = ""

    def progress(self, fraction: float, text: str = "") -> None:
        self.fraction = max(0.0, min(1.0, fraction))
        if text:
            self.text = text
        now = time.monotonic()
        if self._on_progress and (fraction >= 1.0 or now - self._last_report >= self._min_interval):
            self._last_report = now
            self._on_progress(self.fraction, self.text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def sub(self, start: float, end: float) -> "JobContext":
        """A context for one stage that maps its 0..1 onto start..end of this one, sharing cancellation."""
        parent = self
        child = JobContext(None, min_interval=0.0)
        child._cancel = self._cancel

        def forward(fraction: float, text: str) -> None:
            parent.progress(start + (end - start) * fraction, text)

        child._on_progress = forward
        return child


def null_context() -> JobContext:
    return JobContext(None)
