#!/usr/bin/env bash
# One command: set everything up, then open ShelfWise (the demo shop on first run). Extra arguments go to
# main.py, e.g. ./run.sh --db myshop.db
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python main.py "$@"
