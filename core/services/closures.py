"""The days the owner says the whole shop is closed (Settings ▸ Closed days): shop-wide events of kind "closed"
(core.demand.history.CLOSED_EVENT_KINDS), the same rows an events sheet with that type imports. Past closures are
closed days in the history (unknown demand, not days without sales), closures ahead are forecast as nothing: a
moving holiday (Easter), a holiday, a refit, which no rule read from the sales can foresee."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb, audit

KIND = "closed"
LONGEST_DAYS = 366            # a closure longer than a year is a typing slip, not a holiday


@dataclass(frozen=True)
class Closure:
    id: int
    first: str                # ISO date
    last: str                 # ISO date, on or after first
    name: str
    imported: bool            # from an events sheet: undo that import to take it away


@dataclass(frozen=True)
class ClosureChanges:
    """What the Settings dialog's Save stores: closures to add (first, last, name) and ids to take away."""
    added: tuple[tuple[str, str, str], ...] = ()
    removed: tuple[int, ...] = ()


def checked_closure(first: dt.date | str, last: dt.date | str, name: str) -> tuple[str, str, str]:
    """(first, last, name) as stored, or a UserError saying what is wrong."""
    try:
        first = first if isinstance(first, dt.date) else dt.date.fromisoformat(str(first))
        last = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last))
    except ValueError:
        raise UserError(_("A closure needs a first and a last day.")) from None
    if last < first:
        raise UserError(_("The last day of a closure ({last}) is before its first ({first}).").format(
            first=first.isoformat(), last=last.isoformat()))
    if (last - first).days + 1 > LONGEST_DAYS:
        raise UserError(_("A closure of {days} days is longer than a year: check its first and last day.").format(
            days=(last - first).days + 1))
    name = " ".join(str(name or "").split()) or _("Closed")
    return first.isoformat(), last.isoformat(), name


def list_closures(shop: ShopDb) -> list[Closure]:
    """Every closure the owner gave, from Settings or an events sheet, in date order."""
    from core.demand.history import CLOSED_EVENT_KINDS

    kinds = ", ".join("?" for _ in CLOSED_EVENT_KINDS)
    return [Closure(int(r["id"]), str(r["date"])[:10], str(r["end_date"] or r["date"])[:10], str(r["name"]),
                    r["import_id"] is not None)
            for r in shop.query("SELECT id, date, end_date, name, import_id FROM events WHERE product_id IS NULL "
                                f"AND lower(trim(coalesce(kind, ''))) IN ({kinds}) ORDER BY date, id",
                                CLOSED_EVENT_KINDS)]


def store_closures(shop: ShopDb, changes: ClosureChanges) -> None:
    """Add and take away closures, inside the caller's transaction. A closure from an events sheet is taken away by
    undoing its import, not here (the import's undo would find it gone); one that overlaps a closure already
    given is refused with both, so that a slip does not stay unnoticed."""
    known = {c.id: c for c in list_closures(shop)}
    for closure_id in changes.removed:
        closure = known.get(int(closure_id))
        if closure is None:
            continue                      # already gone (another window): nothing to take away
        if closure.imported:
            raise UserError(_("The closure “{name}” came from an events sheet: undo that import (Imports page) to "
                              "take it away.").format(name=closure.name))
        shop.conn.execute("DELETE FROM events WHERE id = ?", (closure.id,))
        audit(shop, "closure removed", table="events", row_id=closure.id,
              detail=f"{closure.first}..{closure.last} {closure.name}")
    kept = [c for c in known.values() if c.id not in set(map(int, changes.removed))]
    for first, last, name in changes.added:
        first, last, name = checked_closure(first, last, name)
        clash = next((c for c in kept if c.first <= last and c.last >= first), None)
        if clash is not None:
            raise UserError(_("The closure from {first} to {last} overlaps “{name}” ({other_first} to {other_last}): "
                              "change or remove that one instead.").format(
                first=first, last=last, name=clash.name, other_first=clash.first, other_last=clash.last))
        row_id = shop.db["events"].insert({"date": first, "end_date": last, "name": name, "kind": KIND,
                                           "product_id": None, "import_id": None}).last_pk
        audit(shop, "closure added", table="events", row_id=row_id, detail=f"{first}..{last} {name}")
        kept.append(Closure(int(row_id), first, last, name, False))
