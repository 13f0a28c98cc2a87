"""The language of the texts core writes for the owner (explanations, alerts, order notes), without Qt.

A text is an English template with `str.format` placeholders, looked up in a catalog
`resources/translations/core_<language>.json` (template -> translation), so a translation can put the
placeholders in its own order:

    _("Expected to run out on {date}.").format(date=...)

English needs no catalog: a template missing from the catalog comes out as written. The window sets the
language once at start (`ui.i18n.install_translators`); the command line stays English.
"""
from __future__ import annotations

import json
import string
import sys
from pathlib import Path

ENGLISH = "en"

_language = ENGLISH
_catalog: dict[str, str] = {}


def resources_dir() -> Path:
    """The app's resources/ folder: beside core/ in the source tree, or in a PyInstaller bundle's folder."""
    here = Path(__file__).resolve().parents[1] / "resources"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and not here.is_dir():
        return Path(bundle) / "resources"
    return here


def catalog_path(code: str) -> Path:
    return resources_dir() / "translations" / f"core_{code}.json"


def load_catalog(code: str) -> dict[str, str]:
    """A language's catalog, without its empty (not yet translated) entries; {} where there is none."""
    path = catalog_path(code)
    if code == ENGLISH or not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {template: text for template, text in entries.items() if text}


def set_language(code: str | None) -> None:
    """Use this language from now on (None or 'en': English). A language without a catalog reads as English."""
    global _language, _catalog
    code = code or ENGLISH
    _catalog = load_catalog(code)
    _language = code if _catalog else ENGLISH


def language() -> str:
    return _language


def _(template: str) -> str:
    """The template in the current language (as written where it has no translation)."""
    return _catalog.get(template, template)


def sentences(parts: list[str]) -> str:
    """Sentences in one paragraph: a space apart in English, none in Chinese (the catalog says)."""
    text = ""
    for part in parts:
        text = _("{sentence} {next_sentence}").format(sentence=text, next_sentence=part) if text else part
    return text


def weekday_words(weekdays) -> str:
    """Weekdays (Monday 0) by name in the shop's language: 'Saturday, Sunday'."""
    names = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    return ", ".join(names[int(d)] for d in sorted(weekdays))


def placeholders(text: str) -> set[str]:
    """A template's `str.format` fields with their formats ('{date} {value:,.2f}' -> {'date', 'value:,.2f'}): a
    translation must use the same ones."""
    return {field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _literal, field, spec, conversion in string.Formatter().parse(text) if field is not None}
