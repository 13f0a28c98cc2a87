"""The Qt binding itself: emitting a signal from Python must not steal a reference to `True`.

PySide6 6.12.0 does (its `emit()` returns `True` without a reference of its own): each emit takes one, and once
`True`'s count reaches 0 Python aborts ("bool_dealloc: deallocating True or False"), in the window after enough
progress updates and at the end of a test session. ShelfWise pins a version without the bug (constraints.txt);
this test fails on one with it."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    with_values = Signal(float, str)


def test_emitting_a_signal_keeps_the_references_of_true_and_false():
    emitter = _Emitter()
    received = []
    emitter.with_values.connect(lambda fraction, text: received.append(fraction))
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for step in range(1000):
        emitter.bare.emit()
        emitter.with_values.emit(step / 1000, "step")
    assert len(received) == 1000
    assert abs(sys.getrefcount(True) - true_before) < 50      # other code may hold a few; 1000 emits must not take any
    assert abs(sys.getrefcount(False) - false_before) < 50
