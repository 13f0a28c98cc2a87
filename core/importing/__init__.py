"""Importing the owner's spreadsheets: read -> map -> validate -> commit, each a plain function.

The wizard calls the stages one by one (showing the guessed mapping and the validation report in between);
the command line calls `run_import`, which does the same stages in one go.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.i18n import _
from core.importing.commit import commit, undo_import
from core.importing.fields import FIELDS, KINDS, Field
from core.importing.mapping import Mapping, apply_latest, apply_overrides, guess_mapping
from core.importing.readers import RawSheet, list_sheets, read_sheet
from core.importing.report import ImportReport, Problem
from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from core.importing.validate import Validated, validate
from core.jobs import JobContext, null_context
from core.store.db import ShopDb

__all__ = [
    "FIELDS", "KINDS", "Field", "Mapping", "RawSheet", "ImportReport", "Problem", "Validated",
    "list_sheets", "read_sheet", "guess_mapping", "apply_overrides", "validate", "commit", "undo_import",
    "run_import", "validate_for_shop", "non_product_codes",
]


def non_product_codes(shop: ShopDb) -> list[str]:
    return shop.get_setting("non_product_codes", DEFAULT_NON_PRODUCT_CODES)


def validate_for_shop(shop: ShopDb, sheet: RawSheet, kind: str, mapping: Mapping, *,
                      today: dt.date | None = None, ctx: JobContext | None = None) -> Validated:
    """Validate with this shop's own rules (its list of codes that are not products)."""
    return validate(sheet, kind, mapping, today=today, non_product_codes=non_product_codes(shop), ctx=ctx)


def run_import(shop: ShopDb, path: str | Path, kind: str, *, sheet: str | None = None,
               overrides: dict[str, str] | None = None, today: dt.date | None = None,
               latest_period: str | None = None, ctx: JobContext | None = None) -> ImportReport:
    """Read, map, validate and commit one file; raises a UserError (and stores nothing) when it is refused.
    `latest_period` dates a wide sheet's undated columns ('latest', 'last -1', ...): '2024-06', '2024-W05'."""
    ctx = ctx or null_context()
    ctx.progress(0.0, _("Reading {file}").format(file=Path(path).name))
    raw = read_sheet(path, sheet, kind=kind)
    ctx.check_cancelled()
    mapping = guess_mapping(raw, kind)
    if overrides:
        mapping = apply_overrides(mapping, overrides, raw, kind)
    if latest_period:
        mapping = apply_latest(mapping, latest_period)
    validated = validate_for_shop(shop, raw, kind, mapping, today=today, ctx=ctx.sub(0.15, 0.45))
    ctx.check_cancelled()
    return commit(shop, validated, ctx.sub(0.45, 1.0))
