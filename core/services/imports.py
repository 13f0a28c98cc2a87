"""Importing the owner's sheets, step by step for the wizard or in one go for the command line; the imports list
and undo."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.errors import Cancelled, UserError
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


@dataclass
class SheetCheck:
    """One sheet of a workbook imported sheet by sheet (a sheet per month): its checked import, or why nothing of
    it can be imported (`error`, said as the owner reads it)."""
    sheet: str
    validated: Validated | None = None
    error: str = ""             # where and what, with the hint
    headline: str = ""          # where and what only


def check_sheets(shop_path: Path, *, file_path: Path, kind: str, sheets: list[str],
                 overrides: dict[str, str] | None = None, latest_period: str | None = None,
                 ctx: JobContext) -> list[SheetCheck]:
    """Read, map (each sheet's own columns guessed: sheets of one workbook need not be laid out alike; `overrides`,
    the command line's --map, applied to each) and check every sheet of `sheets`, in order, against the shop as it
    is; nothing is stored. A sheet that cannot be used is said and the others go on."""
    checks: list[SheetCheck] = []
    n = max(len(sheets), 1)
    with open_shop(shop_path, create=False) as shop:
        for k, name in enumerate(sheets):
            ctx.check_cancelled()
            ctx.progress(k / n, _("Checking sheet '{sheet}' ({k} of {n})").format(sheet=name, k=k + 1, n=len(sheets)))
            try:
                raw = read_sheet(file_path, name, kind=kind)
                mapping = mapping_for(raw, kind, overrides, latest_period=latest_period)
                checks.append(SheetCheck(name, validate_for_shop(shop, raw, kind, mapping,
                                                                 ctx=ctx.sub(k / n, (k + 1) / n))))
            except UserError as err:
                checks.append(SheetCheck(name, error=err.full_message(), headline=err.headline()))
    if kind == "stock":
        _sheets_as_locations(checks)
    return checks


def _sheets_as_locations(checks: list[SheetCheck]) -> None:
    """Stock counts in a workbook of a sheet per location ('Floor', 'Stockroom', 'High St'), none with a location
    column: each sheet's counts are its location's, so the shop's stock is their sum (stored apart, as a file of
    one location is; core.store's stock_counts view adds them up), not the one sheet kept and the other set aside
    as 'already in the shop'. Sheets named by a day, week or month are counts of other days, not locations."""
    from core.importing.file_period import period_in_name

    usable = [c for c in checks if c.validated is not None and "location" not in c.validated.records]
    if len(usable) < 2 or any(period_in_name(c.sheet) is not None for c in usable):
        return
    for check in usable:
        check.validated.records = check.validated.records.assign(location=check.sheet)
        check.validated.report.notes.insert(0, _(
            "Sheet '{sheet}' is taken as the counts of location '{sheet}' (a sheet per location): the shop's stock "
            "is the sum over the sheets' locations.").format(sheet=check.sheet))


@dataclass
class SheetsImported:
    """What an import sheet by sheet stored: one import (and report) per sheet, each undoable on its own."""
    reports: list[ImportReport] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)     # (sheet, why) of checked sheets not stored
    cancelled_at: str | None = None     # the sheet the owner's Cancel stopped (it and the ones after: not stored)

    @property
    def imported(self) -> int:
        return sum(report.imported for report in self.reports)


def commit_sheets(shop_path: Path, *, checks: list[SheetCheck], ctx: JobContext) -> Changed[SheetsImported]:
    """Store each checked sheet as an import of its own, in order, after one backup of the shop as it was. Each
    sheet is all or nothing; Cancel stops the sheet being stored (nothing of it kept) and the ones after it, and
    the sheets stored before it stay (each can be undone on the Imports page)."""
    done = SheetsImported()
    ready = [check for check in checks if check.validated is not None]
    if not ready:
        return changed(done, frozenset())
    back_up_before_import(shop_path)
    n = len(ready)
    with open_shop(shop_path, create=False) as shop:
        for k, check in enumerate(ready):
            if ctx.cancelled:
                done.cancelled_at = check.sheet
                break
            ctx.progress(k / n, _("Storing sheet '{sheet}' ({k} of {n})").format(sheet=check.sheet, k=k + 1, n=n))
            try:
                done.reports.append(commit(shop, check.validated, ctx.sub(k / n, (k + 1) / n)))
            except Cancelled:
                done.cancelled_at = check.sheet
                break
            except UserError as err:
                done.refused.append((check.sheet, err.full_message()))
    kinds = {check.validated.kind for check in ready}
    return changed(done, frozenset().union(*(BY_IMPORT_KIND[kind] for kind in kinds)) if done.reports
                   else frozenset())
