#!/usr/bin/env bash
# Build the one-folder ShelfWise app with PyInstaller, then smoke-test the built program (not Python):
# write the demo shop, forecast it, plan it and check the plan's CSV, open the window offscreen and close it,
# and (with torch in the bundle) run the neural model. Prints the build time and the folder's size.
# Exits non-zero on any failure.
#
#   packaging/build.sh                            # -> packaging/dist/shelfwise/
#   SMOKE_NEURAL=0 packaging/build.sh             # skip the neural-model forecast (about 1.5 minutes)
#   SHELFWISE_BUNDLE_TORCH=0 packaging/build.sh   # measure only: without torch -> packaging/dist/notorch/shelfwise/
#   KEEP_TMP=1 packaging/build.sh                 # keep the smoke test's shop, plan and logs
#   PYINSTALLER_ARGS=--clean packaging/build.sh   # rebuild from scratch (the analysis cache is kept otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."

OS=$(uname -s)
case "$OS" in
    Linux) EXTRAS=package scripts/setup.sh ;;
    *)     # macOS, Windows (Git Bash): scripts/setup.sh is for Debian/Ubuntu; these are its Python steps
        [ -d .venv ] || "${PYTHON:-python3}" -m venv .venv
        venv_python=.venv/bin/python; [ -x "$venv_python" ] || venv_python=.venv/Scripts/python.exe
        "$venv_python" -m pip install -q -c constraints.txt -e ".[package]" ;;
esac
PY=.venv/bin/python
[ -x "$PY" ] || PY=.venv/Scripts/python.exe      # Windows (Git Bash)

WITH_TORCH=${SHELFWISE_BUNDLE_TORCH:-1}
if [ "$WITH_TORCH" = 0 ]; then
    DIST=packaging/dist/notorch; WORK=packaging/build/notorch
else
    DIST=packaging/dist; WORK=packaging/build
fi
SMOKE_NEURAL=${SMOKE_NEURAL:-$WITH_TORCH}
GUI_SECONDS=${GUI_SECONDS:-25}
PLAN_HEADER="sku,supplier,on_hand,on_order,lead_time_days,review_days,service_level,demand_over_lead_time,safety_stock,reorder_point,order_up_to,order_qty,explanation"

fail() { echo "build.sh: FAILED: $*" >&2; exit 1; }

echo "== building with PyInstaller $("$PY" -m PyInstaller --version) (torch $([ "$WITH_TORCH" = 0 ] && echo left out || echo bundled))"
build_started=$(date +%s)
# shellcheck disable=SC2086  # PYINSTALLER_ARGS is a list of options
SHELFWISE_BUNDLE_TORCH=$WITH_TORCH "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" ${PYINSTALLER_ARGS:-} packaging/shelfwise.spec
build_seconds=$(( $(date +%s) - build_started ))
APP_DIR="$DIST/shelfwise"
[ -d "$APP_DIR" ] || fail "PyInstaller wrote no $APP_DIR"

program() {   # the built program by name, with .exe on Windows
    for candidate in "$APP_DIR/$1" "$APP_DIR/$1.exe"; do
        if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
    done
    return 0       # none: an empty name
}
GUI=$(program shelfwise)
CLI=$(program shelfwise-cli)      # Windows/macOS: the console twin of the windowed program
CLI=${CLI:-$GUI}                  # Linux: one program for both
[ -n "$GUI" ] || fail "no shelfwise program in $APP_DIR"

echo "== resources"
# Every file of resources/ (translations, ...) must be in the folder, where core.i18n.resources_dir() looks.
count=0
if [ -d resources ]; then
    while IFS= read -r -d '' file; do
        [ -f "$APP_DIR/_internal/$file" ] && cmp -s "$file" "$APP_DIR/_internal/$file" \
            || fail "$file is not in $APP_DIR/_internal/$file"
        count=$((count + 1))
    done < <(find resources -type f ! -name '.*' ! -path '*/__pycache__/*' -print0)
fi
echo "   $count file(s) of resources/ in the folder"

# The smoke test runs the built program with a clean environment: no Python paths, its own home (so the
# window's settings and recent shops go there, not to yours), from a folder without the sources.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/shelfwise-smoke.XXXXXX")
gui_pid=""
cleanup() {
    if [ -n "$gui_pid" ] && kill -0 "$gui_pid" 2>/dev/null; then kill -KILL "$gui_pid" 2>/dev/null || true; fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "smoke-test files kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
mkdir -p "$TMP/home"
APP_ABS=$(cd "$APP_DIR" && pwd)
GUI="$APP_ABS/$(basename "$GUI")"; CLI="$APP_ABS/$(basename "$CLI")"
app() {
    (cd "$TMP" && env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
        XDG_DATA_HOME="$TMP/home/.local/share" XDG_CACHE_HOME="$TMP/home/.cache" "$@")
}
step() {      # step NAME COMMAND...: run it, show its output, stop on failure
    local name=$1; shift
    echo "== $name"
    local started; started=$(date +%s)
    app "$@" || fail "$name (exit $?)"
    echo "   ($(( $(date +%s) - started )) s)"
}
smoke_started=$(date +%s)

step "demo" "$CLI" demo --db "$TMP/demo.db"
step "forecast --no-neural" "$CLI" forecast --db "$TMP/demo.db" --no-neural
step "plan" "$CLI" plan --db "$TMP/demo.db" --out "$TMP/plan.csv"

echo "== plan.csv"
[ -s "$TMP/plan.csv" ] || fail "plan wrote no $TMP/plan.csv"
header=$(head -n 1 "$TMP/plan.csv" | tr -d '\r')
[ "$header" = "$PLAN_HEADER" ] || fail "plan.csv header is
  $header
expected
  $PLAN_HEADER"
rows=$(( $(wc -l < "$TMP/plan.csv") - 1 ))
[ "$rows" -gt 0 ] || fail "plan.csv has a header and no rows"
to_order=$(awk -F, 'NR > 1 && $12 + 0 > 0 { n++ } END { print n + 0 }' "$TMP/plan.csv")
echo "   header as expected; $rows rows, $to_order with an order quantity above 0"

echo "== window (offscreen, ${GUI_SECONDS} s, then Ctrl+C)"
# The window has no quit-after-start option; it does close cleanly on SIGINT (ui/app.py). It must still be open
# after GUI_SECONDS (long enough to open the shop, fill its pages and, 1.5 s in, import torch to find the neural
# model's device), close on SIGINT with exit code 0, log no traceback, and have opened the shop.
(cd "$TMP" && exec env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV HOME="$TMP/home" \
    XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share" XDG_CACHE_HOME="$TMP/home/.cache" \
    QT_QPA_PLATFORM=offscreen "$GUI" --db "$TMP/demo.db") >"$TMP/window.log" 2>&1 &
gui_pid=$!
sleep "$GUI_SECONDS"
if ! kill -0 "$gui_pid" 2>/dev/null; then
    gui_rc=0; wait "$gui_pid" || gui_rc=$?; gui_pid=""
    cat "$TMP/window.log"
    fail "the window closed by itself within ${GUI_SECONDS} s (exit $gui_rc)"
fi
case "$OS" in
    Linux|Darwin)
        kill -INT "$gui_pid"
        for _ in $(seq 1 20); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$gui_pid" 2>/dev/null && { cat "$TMP/window.log"; fail "the window did not close within 20 s of Ctrl+C"; }
        gui_rc=0; wait "$gui_pid" || gui_rc=$?; gui_pid=""
        sed 's/^/   | /' "$TMP/window.log"
        [ "$gui_rc" = 0 ] || fail "the window exited with $gui_rc after Ctrl+C" ;;
    *)  # Windows: a windowed program gets no Ctrl+C; end it
        kill "$gui_pid" 2>/dev/null || true; wait "$gui_pid" 2>/dev/null || true; gui_pid=""
        sed 's/^/   | /' "$TMP/window.log" ;;
esac
errors=$(grep -Ec "Traceback|failed with a bug|Unhandled exception|ModuleNotFoundError|ImportError|Could not (load|find) the Qt platform plugin" "$TMP/window.log" || true)
if [ "$errors" -gt 0 ]; then
    missing_torch=$(grep -c "No module named 'torch'" "$TMP/window.log" || true)
    if [ "$WITH_TORCH" = 0 ] && [ "$missing_torch" -gt 0 ] && [ "$(grep -c Traceback "$TMP/window.log")" = "$missing_torch" ]; then
        echo "   (as expected without torch: the window reports a bug when it looks for the neural model's device)"
    else
        fail "the window logged an error (above)"
    fi
fi
if grep -rqa "demo.db" "$TMP/home"; then       # QSettings' recent shops: written once the shop has opened
    echo "   stayed open ${GUI_SECONDS} s, opened the shop (it is in the recent shops) and closed cleanly"
elif [ "$OS" = Linux ]; then
    fail "the window did not open the shop within ${GUI_SECONDS} s (it is not in the recent shops)"
else                                          # Windows keeps QSettings in the registry, macOS in a binary plist
    echo "   stayed open ${GUI_SECONDS} s"
fi

if [ "$SMOKE_NEURAL" != 0 ]; then
    echo "== forecast with the neural model"
    app "$CLI" forecast --db "$TMP/demo.db" --horizon 14 | tee "$TMP/neural.log" || fail "forecast with the neural model"
    grep -Eq "neural model on (cpu|cuda|mps)" "$TMP/neural.log" || fail "the neural model did not run"
fi
smoke_seconds=$(( $(date +%s) - smoke_started ))

echo "== result"
echo "folder:      $APP_DIR"
echo "size:        $(du -sh "$APP_DIR" | cut -f1)  ($(find "$APP_DIR" -type f | wc -l | tr -d ' ') files)"
echo "largest parts:"
du -sh "$APP_DIR"/_internal/* 2>/dev/null | sort -rh | sed -n "1,8s/^/   /p"   # sed, not head: under pipefail head's early exit fails the pipe
echo "build time:  ${build_seconds} s"
echo "smoke test:  ${smoke_seconds} s, passed"
