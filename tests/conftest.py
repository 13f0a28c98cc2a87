"""The whole suite: end the test process without Python's final clean-up.

Once every test has run and pytest has printed its summary, the process still tears down thousands of Qt and
pyqtgraph objects left from the window's tests; in one CI run that teardown aborted ("double free or
corruption") after 245 passed, turning a green run red. Nothing is left to check or save by then, so the
process leaves with pytest's own exit status straight away.
"""
from __future__ import annotations

import os
import sys

_status = {"code": 0}


def pytest_sessionfinish(session, exitstatus):
    _status["code"] = int(exitstatus)


def pytest_unconfigure(config):
    if os.environ.get("SHELFWISE_TEST_CLEAN_EXIT") == "1":
        return  # for debugging the teardown itself
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_status["code"])
