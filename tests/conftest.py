"""The whole suite. It ends as any Python program does, with pytest's own exit status.

An earlier version ended the process without Python's clean-up, to hide an abort at exit ("double free or
corruption", later "bool_dealloc: deallocating True or False"). Its cause: PySide6 6.12.0's `Signal.emit()` returns
`True` without taking a reference, so every emit from Python steals one from `True`; after enough emits (a whole test
session, or a long day in the window) `True` is freed and Python aborts. constraints.txt pins 6.11.3, pyproject.toml
refuses 6.12.0, and tests/ui/test_qt_binding.py fails on a Qt binding with that bug. No test leaves a job running
(tests/ui/conftest.py), so nothing runs on during the clean-up.
"""

import os

# The per-product forecast work runs in this process unless a test asks for worker processes itself
# (tests/compute): on two cores, two test workers each starting a pool of two processes only slow each other down.
# The window and the command line choose by the shop's size (core.compute.settings).
os.environ.setdefault("SHELFWISE_WORKERS", "1")

# LightGBM trains 40 rounds rather than 300 in the tests (core.forecasting.boosted.ROUNDS): the same code runs, in
# a third of the time; the model's accuracy is measured on real data in bench/forecast_windows.py, not here.
os.environ.setdefault("SHELFWISE_BOOSTED_ROUNDS", "40")
