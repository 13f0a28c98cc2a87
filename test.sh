#!/usr/bin/env bash
# One command: set everything up, then run the whole test suite (the window is drawn offscreen).
# Extra arguments go to pytest, e.g. ./test.sh -k import, or ./test.sh -m "not slow" for the fast subset.
# The tests run on two processes (pytest-xdist); TEST_WORKERS=0 runs them in this one process.
set -euo pipefail
cd "$(dirname "$0")"
EXTRAS=test scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" "$@"
