#!/usr/bin/env bash
# One command: set everything up, then run the whole test suite (the window is drawn offscreen).
# Extra arguments go to pytest, e.g. ./test.sh -k import
set -euo pipefail
cd "$(dirname "$0")"
EXTRAS=test scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
