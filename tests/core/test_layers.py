"""The layers (docs/ARCHITECTURE.md): core/ is the library under both faces. It never imports Qt, the window
(`ui`) or the command line (`cli`), so the command line, a scheduler and the tests run without a display; and
importing its service layer, or asking `main.py --help`, loads none of the heavy numeric libraries."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CORE = REPO_ROOT / "core"
QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "PySide2", "PyQt4")
FACES = ("ui", "cli")
HEAVY = ("scipy", "statsmodels", "torch", "lightgbm", "dask")


def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_core_source_file_imports_qt_or_the_window_or_the_command_line():
    offenders = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] in QT_PACKAGES + FACES:
                    offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} imports {name}")
    assert _core_files(), "no core modules found"
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = [_module_name(p) for p in _core_files()]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print('QT:' + ','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "QT:\n" in result.stdout, result.stdout


def _loaded_after(code: str) -> list[str]:
    """The heavy packages a fresh interpreter has loaded after running `code`."""
    script = code + f"\nimport sys\nprint('HEAVY:' + ','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("HEAVY:"))
    return [name for name in line[len("HEAVY:"):].split(",") if name]


def test_importing_the_service_layer_loads_no_heavy_library():
    services = sorted(p.stem for p in (CORE / "services").glob("*.py") if p.stem != "__init__")
    assert {"imports", "forecast", "plan", "purchase_orders", "documents"} <= set(services)
    code = "import core.services\n" + "".join(f"import core.services.{name}\n" for name in services)
    assert _loaded_after(code) == []


def test_main_help_loads_no_heavy_library():
    code = ("import runpy, sys\nsys.argv = ['main.py', '--help']\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit as stop:\n"
            "    assert stop.code == 0, stop.code\n")
    assert _loaded_after(code) == []


def test_the_heavy_check_would_see_a_heavy_import():
    """The check above is not blind: asking for the supplier optimiser does load scipy."""
    assert "scipy" in _loaded_after("from core.ordering import optimise_orders")


def test_every_service_action_takes_the_shop_and_then_keywords_only():
    """A service action (a public function of core/services that takes a JobContext) takes at most one argument
    by position, the shop or the file it acts on, and everything else by name: a call reads as what it does
    (`receive_purchase_order(shop, order_id=7, quantities=…, ctx=…)`), and the job runner passes `ctx=`."""
    import importlib
    import inspect

    offenders, seen = [], 0
    for path in sorted((CORE / "services").glob("*.py")):
        module = importlib.import_module(f"core.services.{path.stem}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            params = inspect.signature(fn).parameters
            if "ctx" not in params:
                continue
            seen += 1
            positional = [p.name for p in params.values()
                          if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            if len(positional) > 1 or params["ctx"].kind is not inspect.Parameter.KEYWORD_ONLY:
                offenders.append(f"{path.stem}.{name}{inspect.signature(fn)}")
    assert seen >= 60, seen
    assert not offenders, "\n".join(offenders)
