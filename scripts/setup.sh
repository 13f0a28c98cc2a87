#!/usr/bin/env bash
# Set up everything ShelfWise needs on a fresh Debian/Ubuntu machine with Python 3.11: the system libraries
# Qt needs to draw (installed with apt-get only where they are missing), a virtual environment in .venv,
# and the Python packages of pyproject.toml. Safe to run again: it only adds what is missing.
#   EXTRAS=test,bench scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
EXTRAS=${EXTRAS:-}

need_apt=()
libs=$(ldconfig -p 2>/dev/null || true)          # read once: `ldconfig | grep -q` can die of SIGPIPE under pipefail
have_lib() { grep -qF "$1" <<<"$libs"; }
have_lib libEGL.so.1 || need_apt+=(libegl1)
have_lib libGL.so.1 || need_apt+=(libgl1)
have_lib libxkbcommon.so.0 || need_apt+=(libxkbcommon0)
have_lib libfontconfig.so.1 || need_apt+=(libfontconfig1)
have_lib libdbus-1.so.3 || need_apt+=(libdbus-1-3)
have_lib libglib-2.0.so.0 || need_apt+=(libglib2.0-0)
have_lib libxcb-cursor.so.0 || need_apt+=(libxcb-cursor0)
# what Qt's xcb platform plugin loads to draw on an X11 desktop (the tests draw offscreen and need none of them)
have_lib libxcb-icccm.so.4 || need_apt+=(libxcb-icccm4)
have_lib libxcb-keysyms.so.1 || need_apt+=(libxcb-keysyms1)
have_lib libxcb-image.so.0 || need_apt+=(libxcb-image0)
have_lib libxcb-render-util.so.0 || need_apt+=(libxcb-render-util0)
have_lib libxcb-shape.so.0 || need_apt+=(libxcb-shape0)
have_lib libxcb-randr.so.0 || need_apt+=(libxcb-randr0)
have_lib libxcb-xkb.so.1 || need_apt+=(libxcb-xkb1)
have_lib libxkbcommon-x11.so.0 || need_apt+=(libxkbcommon-x11-0)
fonts=$(fc-list 2>/dev/null || true)
[ -n "$fonts" ] || need_apt+=(fonts-dejavu-core)
# the tests read the text of the purchase-order PDFs back with pdftotext (they skip where it is missing)
case ",$EXTRAS," in *,test,*) command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils) ;; esac
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
hash=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
stamp=".venv/.installed-$hash-${EXTRAS//,/_}"
if [ ! -f "$stamp" ]; then
    echo "setup: installing Python packages${EXTRAS:+ (with $EXTRAS)}"
    .venv/bin/python -m pip install -q --upgrade pip
    # torch is pinned to 2.13.0: the machine's local CPU build satisfies it (see README).
    # constraints.txt holds the exact versions the tests last passed with, so a fresh machine gets the same.
    .venv/bin/python -m pip install -q -c constraints.txt -e ".${EXTRAS:+[$EXTRAS]}"
    find .venv -maxdepth 1 -name '.installed-*' ! -name ".installed-$hash-*" -delete  # stale: older pins
    touch "$stamp"
fi
