"""The owner's own edits — a supplier added or changed, products given a supplier, a cost or a pack — each one
transaction that can be undone and redone (Edit ▸ Undo / Redo), not only whole imports.

An edit records, for every row it touched, the row as it was before and as the edit left it (tables `edits` and
`edit_rows`, migration 5). Undo puts the `before` rows back, newest edit first; redo applies `after` again. Either
refuses, changing nothing, where a row has changed since in another way (an import, another window), so an undo
never overwrites what it did not make. A new edit forgets what was undone (the usual redo rule).
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb, atomic, audit, now_iso

EDITABLE_TABLES = ("suppliers", "products", "stock_snapshots")


def row_of(shop: ShopDb, table: str, row_id: int) -> dict[str, Any] | None:
    if table not in EDITABLE_TABLES:
        raise ValueError(f"not an editable table: {table}")
    cursor = shop.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (int(row_id),))
    row = cursor.fetchone()
    if row is None:
        return None
    return {column[0]: row[i] for i, column in enumerate(cursor.description)}


class EditRecorder:
    """Collects the rows one edit touches. Call `touch` before changing a row and `created` after inserting one."""

    def __init__(self, shop: ShopDb):
        self.shop = shop
        self._before: dict[tuple[str, int], dict | None] = {}

    def touch(self, table: str, row_id: int) -> None:
        key = (table, int(row_id))
        if key not in self._before:
            self._before[key] = row_of(self.shop, table, row_id)

    def created(self, table: str, row_id: int) -> None:
        self._before.setdefault((table, int(row_id)), None)

    def rows(self) -> list[tuple[str, int, dict | None, dict | None]]:
        """(table, id, before, after) of the rows the edit really changed."""
        out = []
        for (table, row_id), before in self._before.items():
            after = row_of(self.shop, table, row_id)
            if after != before:
                out.append((table, row_id, before, after))
        return out


@contextlib.contextmanager
def recording(shop: ShopDb, label: str) -> Iterator[EditRecorder]:
    """One undoable edit: the changes made inside happen in one transaction, and are stored with what they replaced.
    An edit that changed nothing stores nothing."""
    with atomic(shop):
        recorder = EditRecorder(shop)
        yield recorder
        rows = recorder.rows()
        if not rows:
            return
        shop.conn.execute("DELETE FROM edits WHERE undone = 1")          # a new edit forgets what was undone
        edit_id = shop.db["edits"].insert({"at": now_iso(), "label": label}).last_pk
        shop.db["edit_rows"].insert_all(
            {"edit_id": edit_id, "table_name": table, "row_id": row_id, "before": _json(before), "after": _json(after)}
            for table, row_id, before, after in rows)
        audit(shop, "edit", detail=f"{edit_id}: {label}")


@dataclass(frozen=True)
class EditSteps:
    """What Edit ▸ Undo and Redo would do now (None where there is nothing)."""
    undo: str | None
    redo: str | None


def edit_steps(shop: ShopDb) -> EditSteps:
    undo = shop.scalar("SELECT label FROM edits WHERE undone = 0 ORDER BY id DESC LIMIT 1")
    redo = shop.scalar("SELECT label FROM edits WHERE undone = 1 ORDER BY id LIMIT 1")
    return EditSteps(undo, redo)


def undo_last(shop: ShopDb) -> tuple[str, set[str]]:
    """Undo the newest edit not yet undone: (its label, the tables it touched)."""
    with atomic(shop):
        edit = shop.conn.execute("SELECT id, label FROM edits WHERE undone = 0 ORDER BY id DESC LIMIT 1").fetchone()
        if edit is None:
            raise UserError(_("There is nothing to undo."))
        rows = _rows(shop, edit[0])
        _apply(shop, edit[1], [(t, i, after, before) for t, i, before, after in reversed(rows)])
        shop.conn.execute("UPDATE edits SET undone = 1 WHERE id = ?", (edit[0],))
        audit(shop, "undo edit", detail=f"{edit[0]}: {edit[1]}")
        return edit[1], {t for t, *_ in rows}


def redo_next(shop: ShopDb) -> tuple[str, set[str]]:
    """Redo the oldest undone edit: (its label, the tables it touched)."""
    with atomic(shop):
        edit = shop.conn.execute("SELECT id, label FROM edits WHERE undone = 1 ORDER BY id LIMIT 1").fetchone()
        if edit is None:
            raise UserError(_("There is nothing to redo."))
        rows = _rows(shop, edit[0])
        _apply(shop, edit[1], rows)
        shop.conn.execute("UPDATE edits SET undone = 0 WHERE id = ?", (edit[0],))
        audit(shop, "redo edit", detail=f"{edit[0]}: {edit[1]}")
        return edit[1], {t for t, *_ in rows}


def _rows(shop: ShopDb, edit_id: int) -> list[tuple[str, int, dict | None, dict | None]]:
    return [(r[0], int(r[1]), _load(r[2]), _load(r[3])) for r in shop.query(
        "SELECT table_name, row_id, before, after FROM edit_rows WHERE edit_id = ? ORDER BY id", (edit_id,))]


def _apply(shop: ShopDb, label: str, steps: list[tuple[str, int, dict | None, dict | None]]) -> None:
    """Each row from `expected` to `target`; refused (by the caller's rollback) where a row is not as expected."""
    for table, row_id, expected, target in steps:
        if row_of(shop, table, row_id) != expected:
            raise UserError(_("“{label}” cannot be taken back: what it changed has been changed again since (by an "
                              "import or another window).").format(label=label))
        try:
            if target is None:
                shop.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
            elif expected is None:
                shop.db[table].insert(target)
            else:
                shop.db[table].update(row_id, {c: v for c, v in target.items() if c != "id"})
        except sqlite3.IntegrityError:
            raise UserError(_("“{label}” cannot be taken back: other records now depend on it (an order or an "
                              "import uses it).").format(label=label)) from None


def _json(row: dict | None) -> str | None:
    return None if row is None else json.dumps(row, sort_keys=True)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
