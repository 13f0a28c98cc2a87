"""Python's cyclic garbage collector, run on the GUI thread between jobs instead of anywhere at any time.

Left automatic, a collection starts in whichever thread happens to allocate, holds the GIL while it walks every
container in the process (hundreds of thousands of rows during a big import) and freezes the window for a
third of a second; it can also delete Qt objects from a worker thread. This is the usual PyQt remedy
(automatic collection off, a timer collecting generation by generation on the GUI thread), with one addition:
no collection while a background job runs, since its temporaries are about to be freed by reference counting.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from ui.jobs import running_jobs

INTERVAL_MS = 1000


class GarbageCollector(QObject):
    """Installed once for the application; `uninstall()` gives collection back to Python."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> None:
        """What Python would have collected by now, generation by generation (cheap when little is new)."""
        if running_jobs():
            return
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)

    def uninstall(self) -> None:
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
