"""core/services/closures.py: the days the owner says the shop is closed, stored as the shop's closure events."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.demand.history import declared_closures
from core.errors import UserError
from core.importing import run_import
from core.services.closures import ClosureChanges, checked_closure, list_closures, store_closures
from core.store.db import atomic, open_shop


def test_a_closure_is_checked_and_named(tmp_path):
    assert checked_closure(dt.date(2026, 4, 3), dt.date(2026, 4, 6), "  Easter \n Monday ") == \
        ("2026-04-03", "2026-04-06", "Easter Monday")
    assert checked_closure("2026-05-04", "2026-05-04", "") == ("2026-05-04", "2026-05-04", "Closed")
    with pytest.raises(UserError, match=r"The last day of a closure \(2026-04-01\) is before its first"):
        checked_closure("2026-04-03", "2026-04-01", "Easter")
    with pytest.raises(UserError, match="longer than a year"):
        checked_closure("2026-01-01", "2027-06-01", "Typo")
    with pytest.raises(UserError, match="a first and a last day"):
        checked_closure("3 April", "2026-04-06", "Easter")


def test_closures_are_added_and_taken_away_all_or_nothing_and_imported_ones_stay(tmp_path):
    events = tmp_path / "events.csv"
    pd.DataFrame([("2025-12-24", "2025-12-26", "Christmas", "shop closed"),
                  ("2026-04-10", "2026-04-11", "Town fair", "event"),
                  ("2026-02-17", "2026-02-19", "春节", "停业")],            # a Chinese sheet's type
                 columns=["Date", "End date", "Event", "Type"]).to_csv(events, index=False)
    with open_shop(tmp_path / "shop.db") as shop:
        run_import(shop, events, "events", today=dt.date(2026, 3, 1))
        christmas, new_year = list_closures(shop)
        assert christmas.imported and christmas.name == "Christmas" and new_year.name == "春节"
        with atomic(shop):
            store_closures(shop, ClosureChanges(added=(("2026-04-03", "2026-04-06", "Easter"),)))
        assert declared_closures(shop) == (("2025-12-24", "2025-12-26", "Christmas"),
                                           ("2026-02-17", "2026-02-19", "春节"),
                                           ("2026-04-03", "2026-04-06", "Easter"))
        easter = next(c for c in list_closures(shop) if c.name == "Easter")
        assert not easter.imported
        before = declared_closures(shop)
        # an overlap is refused with both closures, and nothing of the same save is stored
        with pytest.raises(UserError, match="overlaps “Easter”"):
            with atomic(shop):
                store_closures(shop, ClosureChanges(added=(("2026-08-10", "2026-08-16", "Refit"),
                                                           ("2026-04-05", "2026-04-07", "Slip"))))
        assert declared_closures(shop) == before
        with pytest.raises(UserError, match="came from an events sheet"):
            with atomic(shop):
                store_closures(shop, ClosureChanges(removed=(easter.id, christmas.id)))
        assert declared_closures(shop) == before
        with atomic(shop):
            store_closures(shop, ClosureChanges(added=(("2026-04-05", "2026-04-07", "Easter, later"),),
                                                removed=(easter.id,)))
        assert declared_closures(shop) == (("2025-12-24", "2025-12-26", "Christmas"),
                                           ("2026-02-17", "2026-02-19", "春节"),
                                           ("2026-04-05", "2026-04-07", "Easter, later"))
        assert shop.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'closure %'") == 3
