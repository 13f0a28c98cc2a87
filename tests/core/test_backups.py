"""core/store/backups.py: the shop file backed up with SQLite's backup API before an upgrade, before every import and
daily, kept by a retention (the last ten, one a month for a year), listed with what each holds, and restored with the
current shop kept aside first."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from core.errors import ShopFileProblem
from core.services import backups as backups_service
from core.services import imports as imports_service
from core.store import backups, open_shop
from core.store.migrations import MIGRATIONS
from tests.core.test_edits import SALES, records

MORE = "Invoice,StockCode,Description,Quantity,InvoiceDate,UnitPrice\n2001,85123A,WHITE HANGING HEART,3,2025-05-20,2.55\n"


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "corner-shop.db"
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    imports_service.import_file(path, file_path=sales, kind="sales")
    return path


def test_an_import_into_a_shop_that_holds_something_backs_it_up_first(shop, tmp_path):
    assert backups.list_backups(shop) == []            # the first import into an empty shop had nothing to keep
    before = records(shop)
    more = tmp_path / "more.csv"
    more.write_text(MORE, encoding="utf-8")
    imports_service.import_file(shop, file_path=more, kind="sales")
    [backup] = backups.list_backups(shop)
    assert backup.reason == "before import" and backup.path.parent == tmp_path / "corner-shop backups"
    assert (backup.products, backup.sales_lines, backup.last_sale) == (4, 4, "2025-05-10")
    assert records(backup.path) == before
    with sqlite3.connect(backup.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_daily_backup_is_taken_once_a_day(shop):
    morning = dt.datetime(2025, 6, 2, 9, 0, 0)
    assert backups.daily_backup(shop, now=morning) is not None
    assert backups.daily_backup(shop, now=morning + dt.timedelta(hours=5)) is None
    assert backups.daily_backup(shop, now=morning + dt.timedelta(days=1)) is not None
    assert [b.reason for b in backups.list_backups(shop)] == ["daily", "daily"]


def test_the_backups_folder_keeps_the_last_ten_and_one_a_month_for_a_year(shop):
    start = dt.datetime(2024, 1, 15, 12, 0, 0)
    for day in range(0, 600, 5):                       # a backup every five days for 20 months
        backups.back_up(shop, "daily", now=start + dt.timedelta(days=day))
    now = start + dt.timedelta(days=595)
    kept = backups.list_backups(shop)
    newest = [b.taken_at for b in kept[:10]]
    assert newest == [now - dt.timedelta(days=5 * k) for k in range(10)]
    older_months = {(b.taken_at.year, b.taken_at.month) for b in kept[10:]}
    assert len(kept) - 10 == len(older_months)           # one a month beyond the last ten
    assert all((now.year - y) * 12 + now.month - m < 12 for y, m in older_months)


def test_the_owner_sets_how_many_backups_are_kept_and_it_applies_at_the_next_backup(shop):
    from core.services import shop as shop_service

    start = dt.datetime(2024, 1, 15, 12, 0, 0)
    for day in range(0, 300, 5):                       # 60 backups over ten months: 10 + one a month kept
        backups.back_up(shop, "daily", now=start + dt.timedelta(days=day))
    held = len(backups.list_backups(shop))
    settings = shop_service.load_settings(shop)
    assert settings.retention == backups.Retention(10, 12) and settings.backups_folder == backups.backups_folder(shop)
    with pytest.raises(ShopFileProblem, match="between 1 and 1,000"):
        shop_service.save_settings(shop, codes=settings.codes, policy_changes={},
                                   retention=backups.Retention(0, 12))
    shop_service.save_settings(shop, codes=settings.codes, policy_changes={}, retention=backups.Retention(3, 0))
    assert shop_service.load_settings(shop).retention == backups.Retention(3, 0)
    assert len(backups.list_backups(shop)) == held      # lowering it deletes nothing at once ...
    backups.back_up(shop, "by hand", now=start + dt.timedelta(days=300))
    kept = backups.list_backups(shop)
    assert [b.reason for b in kept] == ["by hand", "daily", "daily"]     # ... the next backup keeps the latest 3


def test_a_restore_puts_the_backup_back_and_keeps_the_current_shop_aside(shop, tmp_path):
    first = records(shop)
    taken = backups_service.back_up_now(shop)
    more = tmp_path / "more.csv"
    more.write_text(MORE, encoding="utf-8")
    imports_service.import_file(shop, file_path=more, kind="sales")
    after_import = records(shop)
    assert after_import != first
    done = backups_service.restore_backup(shop, backup=taken)
    assert records(shop) == first
    assert records(done.value) == after_import and "before restore" in done.value.name
    with open_shop(shop, create=False) as opened:                       # still a shop the app opens and writes
        assert opened.scalar("SELECT count(*) FROM sales") == 4


def test_a_backup_to_a_chosen_place_and_refusals_say_what_is_wrong(shop, tmp_path):
    stick = tmp_path / "usb" / "shop copy.db"
    stick.parent.mkdir()
    assert backups_service.back_up_now(shop, target=stick) == stick and records(stick) == records(shop)
    with pytest.raises(ShopFileProblem, match="no shop file"):
        backups.back_up(tmp_path / "missing.db")
    not_a_shop = tmp_path / "corner-shop backups" / "corner-shop 2025-01-01 000000 daily.db"
    not_a_shop.parent.mkdir(exist_ok=True)
    not_a_shop.write_bytes(b"not a database at all")
    with pytest.raises(ShopFileProblem, match="not a ShelfWise backup"):
        backups.restore(shop, not_a_shop)


def test_an_older_shop_file_is_backed_up_before_it_is_upgraded(tmp_path):
    from core.store.db import APPLICATION_ID, SCHEMA_VERSION, _statements
    from core.store.migrations import MIGRATIONS

    old = tmp_path / "old-shop.db"
    with sqlite3.connect(old) as db:                     # a shop file as the previous ShelfWise left it (schema 4)
        for number in range(1, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    with open_shop(old, create=False) as shop:
        assert shop.scalar("PRAGMA user_version") == SCHEMA_VERSION
    [backup] = backups.list_backups(old)
    assert backup.reason == "before upgrade"
    with sqlite3.connect(backup.path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1


@pytest.mark.parametrize("version", range(1, max(MIGRATIONS)))
def test_a_shop_file_of_every_earlier_schema_is_upgraded_with_its_data(tmp_path, version):
    """A shop left at schema `version` (with sales in it) opens in this ShelfWise: upgraded step by step to the
    current schema, its rows kept, its first backup the file as it was, and its summary and exports readable."""
    from core.services import shop as shop_service
    from core.store.db import APPLICATION_ID, SCHEMA_VERSION, _statements
    from core.store.migrations import MIGRATIONS

    old = tmp_path / f"shop-v{version}.db"
    with sqlite3.connect(old) as db:
        for number in range(1, version + 1):
            for statement in _statements(MIGRATIONS[number]):
                db.execute(statement)
        db.execute("INSERT INTO import_runs(id, file_name, kind, started_at) VALUES (1, 'sales.csv', 'sales', "
                   "'2025-01-01T00:00:00')")
        db.execute("INSERT INTO products(id, sku, name) VALUES (1, 'A1', 'Apple'), (2, 'B2', 'Bread')")
        db.executemany("INSERT INTO sales(product_id, date, qty, import_id) VALUES (?, ?, ?, 1)",
                       [(1 + k % 2, f"2025-01-{1 + k:02d}", k + 1) for k in range(20)])
        db.execute(f"PRAGMA user_version = {version}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.close()
    summary = shop_service.open_and_summarise(old, create=False)
    assert (summary["products"], summary["sales_lines"]) == (2, 20)
    with open_shop(old, create=False) as shop:
        assert shop.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert shop.scalar("PRAGMA integrity_check") == "ok"
        assert shop.scalar("SELECT sum(qty) FROM sales") == sum(range(1, 21))
    [backup] = backups.list_backups(old)
    assert backup.reason == "before upgrade" and backup.sales_lines == 20


def test_a_shop_file_from_a_newer_shelfwise_is_refused_and_left_as_it_is(shop):
    from core.store.db import SCHEMA_VERSION

    with sqlite3.connect(shop) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = records(shop)
    with pytest.raises(ShopFileProblem, match="written by a newer ShelfWise"):
        open_shop(shop, create=False)
    assert records(shop) == before and backups.list_backups(shop) == []
