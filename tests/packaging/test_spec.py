"""The PyInstaller spec and build script (packaging/): fast checks without building, plus the real build (opt-in).

The spec is read, not run (running it needs PyInstaller's build context). What matters to a shop owner is that
the built folder holds every module the app loads only when a command or page needs it: those are found here
from the app's own source, so adding a lazy import the spec does not cover fails this test, not the bundled app.
"""
from __future__ import annotations

import ast
import importlib.util
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "shelfwise.spec"
BUILD = ROOT / "packaging" / "build.sh"
APP_SOURCES = [ROOT / "main.py", *(path for package in ("core", "ui", "cli") for path in sorted((ROOT / package).rglob("*.py")))]


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def spec_list(name: str) -> list[str]:
    """A list of strings assigned to NAME at the spec's top level (it must stay a literal for this test)."""
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"the spec assigns no {name} = [...]")


def analysis_call() -> ast.Call:
    calls = [node for node in ast.walk(spec_tree())
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Analysis"]
    assert len(calls) == 1, "the spec should make exactly one Analysis"
    return calls[0]


def imports_in(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported at module level, modules imported inside a function) by one source file."""
    top: set[str] = set()
    lazy: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                (lazy if in_function else top).update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                (lazy if in_function else top).add(child.module)
            visit(child, nested)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), False)
    return top, lazy


def app_imports() -> tuple[set[str], set[str]]:
    top: set[str] = set()
    lazy: set[str] = set()
    for path in APP_SOURCES:
        file_top, file_lazy = imports_in(path)
        top |= file_top
        lazy |= file_lazy
    return top, lazy - top


def is_third_party(module: str) -> bool:
    root = module.split(".")[0]
    return root not in sys.stdlib_module_names and root not in ("core", "ui", "cli", "__future__")


def covered(module: str, entries: list[str]) -> bool:
    return any(module == entry or module.startswith(entry + ".") for entry in entries)


def test_spec_compiles_as_python():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_builds_main_py_into_a_folder_named_shelfwise():
    analysis = analysis_call()
    assert "main.py" in ast.unparse(analysis.args[0])
    source = SPEC.read_text(encoding="utf-8")
    assert re.search(r"COLLECT\(", source), "one-folder build: the spec must COLLECT"
    assert re.search(r'name="shelfwise"', source)
    assert "SPECPATH" in source, "paths must be relative to the spec, so it builds from any checkout"
    assert not re.search(r"['\"]/(work|home|Users|tmp)/", source), "no absolute paths of one machine"


def test_spec_bundles_the_resources_folder():
    source = SPEC.read_text(encoding="utf-8")
    assert re.search(r'ROOT\s*/\s*"resources"', source)
    assert "resource_files()" in ast.unparse(next(k.value for k in analysis_call().keywords if k.arg == "datas"))


def test_every_module_the_app_imports_inside_a_function_is_a_hidden_import():
    app_packages = spec_list("APP_PACKAGES")
    hidden = spec_list("HIDDEN_IMPORTS") + spec_list("TORCH_IMPORTS")
    _, lazy = app_imports()
    assert lazy, "the app imports nothing inside functions? the scan is broken"
    own = sorted(m for m in lazy if m.split(".")[0] in ("core", "ui", "cli"))
    third_party = sorted(m for m in lazy if is_third_party(m))
    assert own and third_party
    missing = [m for m in own if m.split(".")[0] not in app_packages]
    optional = spec_list("OPTIONAL_IMPORTS")        # not bundled on purpose: the app refuses clearly without them
    assert all(covered(m, spec_list("EXCLUDES")) for m in optional)
    missing += [m for m in third_party if not covered(m, hidden + optional)]
    assert not missing, f"imported inside a function but not listed in packaging/shelfwise.spec: {missing}"


def test_the_neural_models_torch_is_bundled_by_default():
    _, lazy = app_imports()
    assert "torch" in lazy
    assert "torch" in spec_list("TORCH_IMPORTS")
    assert re.search(r'SHELFWISE_BUNDLE_TORCH", "1"\)', SPEC.read_text(encoding="utf-8"))


def test_qt_modules_pyqtgraph_loads_by_name_are_hidden_imports():
    """pyqtgraph imports QtOpenGL and QtOpenGLWidgets with importlib when its curves load: PyInstaller cannot see
    that, and without them the bundled window does not open."""
    spec = importlib.util.find_spec("pyqtgraph")
    assert spec is not None and spec.submodule_search_locations, "pyqtgraph (a dependency) is not installed"
    package = Path(next(iter(spec.submodule_search_locations)))
    by_name = {match for path in package.rglob("*.py")
               if not {"opengl", "examples", "tests"} & set(path.relative_to(package).parts)
               for match in re.findall(r"import_module\(\s*f['\"]\{QT_LIB\}\.(Qt\w+)['\"]",
                                       path.read_text(encoding="utf-8", errors="replace"))}
    assert "QtOpenGL" in by_name, "the scan of pyqtgraph found nothing: it is broken"
    hidden = spec_list("HIDDEN_IMPORTS")
    assert not [name for name in sorted(by_name) if f"PySide6.{name}" not in hidden]


def test_no_module_is_both_hidden_import_and_excluded():
    excludes = spec_list("EXCLUDES")
    assert not [m for m in spec_list("HIDDEN_IMPORTS") + spec_list("TORCH_IMPORTS") if covered(m, excludes)]


def test_trimming_torch_keeps_what_import_torch_needs():
    """`import torch` raises without torch/bin/torch_shm_manager (found when the first trim dropped torch/bin)."""
    from fnmatch import fnmatch

    unused = spec_list("TORCH_UNUSED")
    for kept in ("torch/bin/torch_shm_manager", "torch/bin/torch_shm_manager.exe", "torch/lib/libtorch_cpu.so",
                 "torch/testing/_internal/common_utils.py"):
        assert not any(fnmatch(kept, pattern) for pattern in unused), kept
    assert any(fnmatch("torch/bin/test_jit", pattern) for pattern in unused)


def test_hidden_imports_name_modules_that_exist():
    """A misspelt or renamed module (scipy's HiGHS moved from _highs to _highspy) is only a warning to PyInstaller."""
    absent = [name for name in spec_list("HIDDEN_IMPORTS") + spec_list("TORCH_IMPORTS")
              if importlib.util.find_spec(name) is None]
    assert not absent


def test_nothing_the_app_imports_is_excluded():
    excludes = spec_list("EXCLUDES")
    top, lazy = app_imports()
    optional = spec_list("OPTIONAL_IMPORTS")        # imported only where asked for; kept out on purpose
    excluded = sorted(m for m in top | lazy if covered(m, excludes) and not (m in lazy and covered(m, optional)))
    assert not excluded, f"packaging/shelfwise.spec excludes modules the app imports: {excluded}"


def runtime_distributions() -> set[str]:
    """The distributions the installed app needs to run (its dependencies without extras, and theirs)."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    needed: set[str] = set()
    todo = ["shelfwise"]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            required = canonicalize_name(requirement.name)
            if required not in needed:
                needed.add(required)
                todo.append(required)
    return needed


def test_no_excluded_package_is_one_the_apps_dependencies_need():
    """sqlite-utils imports pluggy for its plugins: excluding pluggy with the test tools broke every command."""
    from importlib import metadata

    from packaging.utils import canonicalize_name

    needed = runtime_distributions()
    assert needed, "shelfwise is not installed in this environment (scripts/setup.sh installs it)"
    providers = metadata.packages_distributions()
    clashes = sorted(f"{module} ({', '.join(providers[module])})" for module in spec_list("EXCLUDES")
                     if "." not in module
                     and any(canonicalize_name(dist) in needed for dist in providers.get(module, [])))
    assert not clashes, f"packaging/shelfwise.spec excludes what the app's dependencies import: {clashes}"


def test_build_script_is_executable_bash():
    assert BUILD.stat().st_mode & stat.S_IXUSR
    assert BUILD.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")
    subprocess.run(["bash", "-n", str(BUILD)], check=True)


def test_build_script_sets_up_builds_and_runs_the_smoke_steps():
    script = BUILD.read_text(encoding="utf-8")
    assert "EXTRAS=package scripts/setup.sh" in script
    assert "packaging/shelfwise.spec" in script
    assert "set -euo pipefail" in script
    for step in (r'demo --db "\$TMP/demo.db"', r'forecast --db "\$TMP/demo.db" --no-neural',
                 r'plan --db "\$TMP/demo.db" --out "\$TMP/plan.csv"', r"QT_QPA_PLATFORM=offscreen", r"du -sh"):
        assert re.search(step, script), f"build.sh does not run: {step}"


def test_build_script_checks_the_plan_header_the_app_writes():
    from core.policy.plan import PLAN_COLUMNS

    header = re.search(r'^PLAN_HEADER="([^"]+)"', BUILD.read_text(encoding="utf-8"), re.MULTILINE)
    assert header and header.group(1) == ",".join(PLAN_COLUMNS)


def test_build_output_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "packaging/build/x", "packaging/dist/shelfwise/x"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.stdout.split() == ["packaging/build/x", "packaging/dist/shelfwise/x"]


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SHELFWISE_BUILD_TESTS") != "1",
                    reason="builds the app (several minutes): set SHELFWISE_BUILD_TESTS=1")
def test_build_script_builds_an_app_that_plans_the_demo_shop():
    result = subprocess.run([str(BUILD)], cwd=ROOT, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "smoke test:" in result.stdout and "passed" in result.stdout
