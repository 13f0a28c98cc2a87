"""The background operations the window runs: plain functions of a shop file's path (never a connection)
and, last, a JobContext, so each opens its own ShopDb on the worker thread. No Qt here.
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from core.demo import build_demo_shop
from core.importing import (ImportReport, Mapping, RawSheet, Validated, apply_overrides, commit, guess_mapping,
                            list_sheets, read_sheet, undo_import, validate_for_shop)
from core.importing.report import MAX_STORED_PROBLEMS, Problem
from core.jobs import JobContext
from core.store.db import open_shop
from core.store.queries import (ImportRunRow, ProductsOverview, category_names, import_problems, list_imports,
                                products_overview, shop_summary, supplier_names)


def open_and_summarise(shop_path: Path, ctx: JobContext | None = None, *, create: bool = True) -> dict:
    """Open (creating or migrating as needed) and say what the shop holds."""
    with open_shop(shop_path, create=create) as shop:
        return shop_summary(shop)


def create_shop(shop_path: Path, ctx: JobContext | None = None, *, name: str | None = None) -> dict:
    """A new, empty shop file."""
    with open_shop(shop_path, create=True) as shop:
        if name:
            shop.set_setting("shop_name", name)
        return shop_summary(shop)


def build_demo(shop_path: Path, ctx: JobContext) -> Path:
    """The demo shop, written on first run (refuses to overwrite a file)."""
    return build_demo_shop(shop_path, ctx=ctx)


@dataclass(frozen=True)
class ProductsData:
    overview: ProductsOverview
    suppliers: list[str]
    categories: list[str]


def load_products(shop_path: Path, ctx: JobContext) -> ProductsData:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, "Reading products and sales")
        overview = products_overview(shop)
        ctx.check_cancelled()
        return ProductsData(overview, supplier_names(shop), category_names(shop))


def load_imports(shop_path: Path, ctx: JobContext | None = None) -> list[ImportRunRow]:
    with open_shop(shop_path, create=False) as shop:
        return list_imports(shop)


def load_problems(shop_path: Path, import_id: int, ctx: JobContext | None = None) -> list[Problem]:
    """Every problem the import stored (core keeps up to MAX_STORED_PROBLEMS of them)."""
    with open_shop(shop_path, create=False) as shop:
        return import_problems(shop, import_id, limit=MAX_STORED_PROBLEMS)


def undo(shop_path: Path, import_id: int, ctx: JobContext) -> str:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, f"Undoing import {import_id}")
        return undo_import(shop, import_id)


def sheets_of(file_path: Path, ctx: JobContext | None = None) -> list[str]:
    return list_sheets(file_path)


def read(file_path: Path, sheet: str | None, ctx: JobContext) -> RawSheet:
    ctx.progress(0.0, f"Reading {Path(file_path).name}")
    raw = read_sheet(file_path, sheet)
    ctx.check_cancelled()
    return raw


def mapping_for(raw: RawSheet, kind: str, choices: dict[str, str] | None = None) -> Mapping:
    """The guessed mapping with the owner's choices applied (a fresh object each time)."""
    mapping = guess_mapping(raw, kind)
    if choices:
        mapping = apply_overrides(mapping, choices, raw, kind)
    return mapping


def validate(shop_path: Path, raw: RawSheet, kind: str, mapping: Mapping, ctx: JobContext) -> Validated:
    with open_shop(shop_path, create=False) as shop:
        return validate_for_shop(shop, raw, kind, mapping, ctx=ctx)


def commit_import(shop_path: Path, validated: Validated, ctx: JobContext) -> ImportReport:
    """Store a checked import, all or nothing.

    `commit` adds its counts to the report it is given, even when it is cancelled and rolled back, so it works
    on a copy: a cancelled import can be started again from the same checked file and reports the same.
    """
    validated = dataclasses.replace(validated, report=copy.deepcopy(validated.report))
    with open_shop(shop_path, create=False) as shop:
        return commit(shop, validated, ctx)
