"""Keep the translations up to date: find the texts, merge them into the translation files, build the .qm.

    .venv/bin/python scripts/translations.py           # update resources/translations/, build the .qm
    .venv/bin/python scripts/translations.py --check   # change nothing; list what is missing or untranslated

Window texts (ui/**/*.py) are `self.tr("...")` inside a class (the class is the context),
`QCoreApplication.translate("Context", "...")`, and each module's `_tr("...")` helper (whose context is the one its
own translate() call names). pyside6-lupdate reads the first two but files the helpers under no context, where
the app never looks them up, so the texts are found here with Python's own parser and written in the .ts format
that lupdate writes and Qt Linguist (.venv/bin/pyside6-linguist) edits; pyside6-lrelease then builds the .qm that
ui/i18n.py loads. Texts that vanished from the code are dropped; a new text that another context already
translates word for word gets that translation. Both the .ts and the .qm are committed, so a clean checkout needs
no build step.

Core texts (explanations, alerts, order notes) are the templates passed to `core.i18n._("...")` in core/; their
translations are resources/translations/core_<language>.json (template -> translation, "" until translated).
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"
LANGUAGES = ("zh_CN",)
QT_TRANSLATE = {"QCoreApplication", "QApplication", "QGuiApplication"}
# Texts the window translates by value (`_tr(label)`) that are written elsewhere: context -> (file, dict name);
# the dict's string values are extracted as if they were passed to tr() literally.
BY_VALUE = {
    "ImportReport": [("core/importing/report.py", "SET_ASIDE_LABELS"), ("core/importing/report.py", "COUNT_LABELS")],
}


@dataclass
class Message:
    """One window text: its context (class or helper), the English source, lupdate's disambiguation comment,
    whether it takes a count (%n), where it is used, and its translation."""
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: str | list[str] = ""
    finished: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment


def _literal(node: ast.AST | None) -> str | None:
    """The text of a string literal (implicit or + concatenation of literals), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _helpers(tree: ast.Module) -> dict[str, str]:
    """A module's `def _tr(text): return QCoreApplication.translate("Context", text)` helpers: name -> context."""
    out = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        parameter = node.args.args[0].arg
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and _is_translate(call) and len(call.args) >= 2
                    and _literal(call.args[0]) is not None
                    and isinstance(call.args[1], ast.Name) and call.args[1].id == parameter):
                out[node.name] = _literal(call.args[0])
    return out


def _is_translate(call: ast.Call) -> bool:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "translate"):
        return False
    owner = func.value
    return (isinstance(owner, ast.Name) and owner.id in QT_TRANSLATE) or (
        isinstance(owner, ast.Attribute) and owner.attr in QT_TRANSLATE)


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str, helpers: dict[str, str]):
        self.path, self.helpers = path, helpers
        self.classes: list[str] = []
        self.function: str | None = None
        self.found: list[Message] = []
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, self.function or node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "tr":
            if not self.classes:
                self.problems.append(f"{self.path}:{node.lineno}: tr() outside a class has no context")
            else:
                self._add(node, self.classes[-1], node.args[0] if node.args else None, node.args[1:2], node.args[2:3])
        elif _is_translate(node) and len(node.args) >= 2:
            context = _literal(node.args[0])
            inside_helper = self.function in self.helpers and isinstance(node.args[1], ast.Name)
            if context is None:
                self.problems.append(f"{self.path}:{node.lineno}: translate() with a context that is not a literal")
            elif not inside_helper:
                self._add(node, context, node.args[1], node.args[2:3], node.args[3:4])
        elif isinstance(func, ast.Name) and func.id in self.helpers:
            self._add(node, self.helpers[func.id], node.args[0] if node.args else None, [], [])
        self.generic_visit(node)

    def _add(self, node: ast.Call, context: str, text: ast.AST | None, comment: list, count: list) -> None:
        source = _literal(text)
        if source is None and isinstance(text, ast.Name):
            return                     # a text looked up by value: see BY_VALUE
        if source is None:
            what = "an f-string" if isinstance(text, ast.JoinedStr) else "something that is not a string literal"
            self.problems.append(f"{self.path}:{node.lineno}: a translated text is {what}; lupdate and this script "
                                 f"cannot see it (use .format() on a literal)")
            return
        disambiguation = _literal(comment[0]) if comment else ""
        numerus = bool(count) or any(k.arg == "n" for k in node.keywords)
        self.found.append(Message(context, source, disambiguation or "", numerus, [(self.path, node.lineno)]))


def ui_messages(paths: list[Path] | None = None) -> tuple[list[Message], list[str]]:
    """Every translatable window text in ui/*.py (merged by context and text, in the order first seen), and the
    calls that cannot be extracted."""
    paths = paths or sorted((REPO / "ui").rglob("*.py"))
    merged: dict[tuple[str, str, str], Message] = {}
    problems = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        finder = _Finder(path.relative_to(REPO).as_posix(), _helpers(tree))
        finder.visit(tree)
        problems += finder.problems
        for message in finder.found:
            if message.key in merged:
                merged[message.key].locations += message.locations
                merged[message.key].numerus |= message.numerus
            else:
                merged[message.key] = message
    for context, sources in BY_VALUE.items():
        for file, name in sources:
            for source, line in _dict_values(REPO / file, name):
                merged.setdefault((context, source, ""), Message(context, source, locations=[(file, line)]))
    return list(merged.values()), problems


def _dict_values(path: Path, name: str) -> list[tuple[str, int]]:
    """The string values (with their lines) of a module-level dict literal `name = {...}`."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets) \
                and isinstance(node.value, ast.Dict):
            return [(_literal(v), v.lineno) for v in node.value.values if _literal(v) is not None]
    raise SystemExit(f"{path}: no dict {name} (see BY_VALUE in {Path(__file__).name})")


def core_templates(paths: list[Path] | None = None) -> tuple[list[str], list[str]]:
    """Every template passed to core.i18n's `_()` in core/ (in the order first seen), and the calls that pass
    something other than a literal."""
    paths = paths or sorted((REPO / "core").rglob("*.py"))
    found: dict[str, None] = {}
    problems = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if "core.i18n import" not in text and path.name != "i18n.py":
            continue
        for node in ast.walk(ast.parse(text, str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                template = _literal(node.args[0])
                if template is None:
                    problems.append(f"{path.relative_to(REPO).as_posix()}:{node.lineno}: _() of something that is "
                                    f"not a string literal")
                else:
                    found.setdefault(template)
    return list(found), problems


# ---- the .ts file

def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"shelfwise_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"shelfwise_{language}.qm"


def core_path(language: str) -> Path:
    return TRANSLATIONS / f"core_{language}.json"


def read_ts(path: Path) -> dict[tuple[str, str, str], Message]:
    if not path.is_file():
        return {}
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            numerus = element.get("numerus") == "yes"
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if numerus:
                text: str | list[str] = [form.text or "" for form in translation.iter("numerusform")] \
                    if translation is not None else []
            else:
                text = (translation.text or "") if translation is not None else ""
            message = Message(name, element.findtext("source") or "", element.findtext("comment") or "", numerus,
                              translation=text, finished=kind != "unfinished" and bool(text) and all(text))
            out[message.key] = message
    return out


def _xml(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def write_ts(path: Path, language: str, messages: list[Message]) -> None:
    """The .ts as lupdate writes it: contexts by name, messages in the order they appear in the code."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    contexts: dict[str, list[Message]] = {}
    for message in messages:
        contexts.setdefault(message.context, []).append(message)
    for name in sorted(contexts):
        lines += ["<context>", f"    <name>{_xml(name)}</name>"]
        for m in contexts[name]:
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            for file, line in m.locations:
                relative = Path("../..") / file
                lines.append(f'        <location filename="{_xml(relative.as_posix())}" line="{line}"/>')
            lines.append(f"        <source>{_xml(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{_xml(m.comment)}</comment>")
            state = "" if m.finished else ' type="unfinished"'
            if m.numerus:
                forms = m.translation if isinstance(m.translation, list) and m.translation else [""]
                lines.append(f"        <translation{state}>")
                lines += [f"            <numerusform>{_xml(form)}</numerusform>" for form in forms]
                lines.append("        </translation>")
            else:
                text = m.translation if isinstance(m.translation, str) else ""
                lines.append(f"        <translation{state}>{_xml(text)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def merge(found: list[Message], existing: dict[tuple[str, str, str], Message]) -> list[Message]:
    """The texts found, each with its translation from the .ts; a new one takes the translation of the same text
    (and comment) elsewhere."""
    elsewhere = {(m.source, m.comment, m.numerus): m for m in existing.values() if m.finished}
    out = []
    for message in found:
        known = existing.get(message.key) or elsewhere.get((message.source, message.comment, message.numerus))
        if known is not None and known.numerus == message.numerus:
            message.translation, message.finished = known.translation, known.finished
        out.append(message)
    return out


# ---- checks

_ARG = re.compile(r"%(?:\d+|n)")
_FORMAT = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The %1 / %n / {name} markers a translation must keep (sorted, with repeats)."""
    return sorted(_ARG.findall(text) + _FORMAT.findall(text))


def accelerator(text: str) -> str | None:
    """The letter after a single & (the Alt+letter key of a menu or button), else None."""
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def translation_problems(message: Message) -> list[str]:
    """What is wrong with one finished translation (placeholders or accelerator lost)."""
    forms = message.translation if isinstance(message.translation, list) else [message.translation]
    problems = []
    for form in forms:
        wanted = placeholders(message.source)
        got = placeholders(form)
        if message.numerus and "%n" in wanted and "%n" not in got:
            problems.append(f"{message.context}: {message.source!r}: the translation {form!r} lost %n")
        if [p for p in got if p != "%n"] != [p for p in wanted if p != "%n"]:
            problems.append(f"{message.context}: {message.source!r}: the translation {form!r} has placeholders "
                            f"{got}, not {wanted}")
        if accelerator(message.source) and not accelerator(form):
            problems.append(f"{message.context}: {message.source!r}: the translation {form!r} lost its & key")
    return problems


def check(language: str = "zh_CN") -> list[str]:
    """Everything that keeps the translation from being complete, one line each (empty: complete)."""
    problems = []
    found, extraction = ui_messages()
    problems += extraction
    existing = read_ts(ts_path(language))
    for message in found:
        known = existing.get(message.key)
        if known is None:
            problems.append(f"not in {ts_path(language).name}: {message.context}: {message.source!r} "
                            f"({message.locations[0][0]}:{message.locations[0][1]})")
        elif not known.finished:
            problems.append(f"untranslated: {message.context}: {message.source!r} "
                            f"({message.locations[0][0]}:{message.locations[0][1]})")
        else:
            problems += translation_problems(known)
    templates, extraction = core_templates()
    problems += extraction
    catalog = json.loads(core_path(language).read_text(encoding="utf-8")) if core_path(language).is_file() else {}
    sys.path.insert(0, str(REPO))
    from core.i18n import placeholders as fields

    for template in templates:
        text = catalog.get(template)
        if not text:
            problems.append(f"untranslated core text: {template!r}")
        elif fields(text) != fields(template):
            problems.append(f"core text {template!r}: the translation has fields {sorted(fields(text))}, not "
                            f"{sorted(fields(template))}")
    if ts_path(language).is_file() and built_qm(language) != (qm_path(language).read_bytes()
                                                              if qm_path(language).is_file() else b""):
        problems.append(f"{qm_path(language).name} is not built from {ts_path(language).name}: run this script")
    return problems


def built_qm(language: str) -> bytes:
    """The .qm that lrelease builds from the .ts now (lrelease's output is the same for the same .ts)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / qm_path(language).name
        subprocess.run([lrelease(), "-silent", str(ts_path(language)), "-qm", str(target)], check=True)
        return target.read_bytes()


# ---- update

def lrelease() -> str:
    here = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(here) if here.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found (it comes with PySide6; run scripts/setup.sh)")
    return found


def update(language: str) -> tuple[int, int]:
    """Write the .ts and core catalog for a language and build its .qm; returns the untranslated counts."""
    found, problems = ui_messages()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    messages = merge(found, read_ts(ts_path(language)))
    write_ts(ts_path(language), language, messages)
    subprocess.run([lrelease(), "-silent", str(ts_path(language)), "-qm", str(qm_path(language))], check=True)

    templates, problems = core_templates()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    old = json.loads(core_path(language).read_text(encoding="utf-8")) if core_path(language).is_file() else {}
    catalog = {template: old.get(template, "") for template in templates}
    core_path(language).write_text(json.dumps(catalog, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sum(not m.finished for m in messages), sum(not text for text in catalog.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; list what is missing or untranslated")
    args = parser.parse_args(argv)
    if args.check:
        problems = [f"{language}: {p}" for language in LANGUAGES for p in check(language)]
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    for language in LANGUAGES:
        ui_left, core_left = update(language)
        found = len(ui_messages()[0])
        print(f"{language}: {found} window texts ({ui_left} untranslated), {len(core_templates()[0])} core texts "
              f"({core_left} untranslated); built {qm_path(language).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
