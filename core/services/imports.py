"""Importing the owner's sheets, step by step for the wizard or in one go for the command line; the imports list
and undo."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.i18n import _
from core.importing import (ImportReport, Mapping, RawSheet, Validated, apply_overrides, commit, guess_mapping,
                            list_sheets, read_sheet, undo_import, validate_for_shop)
from core.importing import run_import as _run_import
from core.importing.report import MAX_STORED_PROBLEMS, Problem
from core.jobs import JobContext, null_context
from core.services.changes import BY_IMPORT_KIND, Changed, changed
from core.store.db import open_shop
from core.store.queries import ImportRunRow, import_problems, list_imports

# an undo takes back whatever its import brought: every kind's changes
UNDO_CHANGES = frozenset().union(*BY_IMPORT_KIND.values())


def back_up_before_import(shop_path: Path) -> None:
    """A backup of a shop that holds something, before an import changes it (an empty shop has nothing to lose)."""
    from core.store.backups import back_up

    with open_shop(shop_path, create=False) as shop:
        empty = not shop.scalar("SELECT count(*) FROM import_runs") and not shop.scalar("SELECT count(*) FROM products")
    if not empty:
        back_up(shop_path, "before import")


def load_imports(shop_path: Path, *, ctx: JobContext | None = None) -> list[ImportRunRow]:
    with open_shop(shop_path, create=False) as shop:
        return list_imports(shop)


def load_problems(shop_path: Path, *, import_id: int, ctx: JobContext | None = None) -> list[Problem]:
    """Every problem the import stored (core keeps up to MAX_STORED_PROBLEMS of them)."""
    with open_shop(shop_path, create=False) as shop:
        return import_problems(shop, import_id, limit=MAX_STORED_PROBLEMS)


def undo(shop_path: Path, *, import_id: int, ctx: JobContext | None = None) -> Changed[str]:
    """Take one import back; the sentence says what was undone."""
    ctx = ctx or null_context()
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, _("Undoing import {id}").format(id=import_id))
        return changed(undo_import(shop, import_id), UNDO_CHANGES)


@dataclass(frozen=True)
class Sheets:
    """A file's sheets in their order, and the one to offer first (the most like the import's kind)."""
    names: list[str]
    suggested: str | None


def sheets_of(file_path: Path, *, kind: str | None = None, ctx: JobContext | None = None) -> Sheets:
    from core.importing.readers import suggested_sheet

    names = list_sheets(file_path)
    return Sheets(names, suggested_sheet(file_path, kind) if len(names) > 1 else None)


def read(file_path: Path, *, sheet: str | None, kind: str | None = None, ctx: JobContext) -> RawSheet:
    ctx.progress(0.0, _("Reading {file}").format(file=Path(file_path).name))
    raw = read_sheet(file_path, sheet, kind=kind)
    ctx.check_cancelled()
    return raw


def mapping_for(raw: RawSheet, kind: str, choices: dict[str, str] | None = None,
                latest_period: str | None = None) -> Mapping:
    """The guessed mapping with the owner's choices applied (a fresh object each time); `latest_period` dates
    undated period columns ('latest', 'last -1', ...)."""
    from core.importing.mapping import apply_latest

    mapping = guess_mapping(raw, kind)
    if choices:
        mapping = apply_overrides(mapping, choices, raw, kind)
    if latest_period:
        mapping = apply_latest(mapping, latest_period)
    return mapping


def validate(shop_path: Path, *, raw: RawSheet, kind: str, mapping: Mapping, ctx: JobContext) -> Validated:
    with open_shop(shop_path, create=False) as shop:
        return validate_for_shop(shop, raw, kind, mapping, ctx=ctx)


def commit_import(shop_path: Path, *, validated: Validated, ctx: JobContext) -> Changed[ImportReport]:
    """Store a checked import, all or nothing, after a backup of the shop as it was. `commit` works on a copy of the
    checked import, so a cancelled import can be started again from the same checked file and reports the same."""
    back_up_before_import(shop_path)
    with open_shop(shop_path, create=False) as shop:
        return changed(commit(shop, validated, ctx), BY_IMPORT_KIND[validated.kind])


def import_file(shop_path: Path, *, file_path: Path, kind: str, sheet: str | None = None,
                overrides: dict[str, str] | None = None, latest_period: str | None = None,
                ctx: JobContext | None = None) -> Changed[ImportReport]:
    """Read, map, validate and commit one file in one go (the command line). A refused file changes nothing,
    and a shop file made for it is not left behind."""
    shop_path = Path(shop_path)
    new_shop = not shop_path.exists()
    if not new_shop:
        back_up_before_import(shop_path)
    try:
        with open_shop(shop_path) as shop:
            report = _run_import(shop, file_path, kind, sheet=sheet, overrides=overrides,
                                 latest_period=latest_period, ctx=ctx)
    except BaseException:
        if new_shop:  # "nothing was changed" includes not leaving an empty shop file behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{shop_path}{suffix}").unlink(missing_ok=True)
        raise
    return changed(report, BY_IMPORT_KIND[kind])
