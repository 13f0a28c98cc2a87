"""The shop file itself in trouble: read-only (its permissions, its folder), a full disk, a damaged or vanished file.
Each is said in the owner's words (in English and Chinese), nothing stored changes, and no traceback is the answer.

These tests run as root on the build machines, for whom a file's permissions never stop a write: `os.access` is
given the permission bits' answer (what any other user sees); SQLite's read-only opening itself is real."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ShopFileProblem
from core.i18n import language, set_language
from core.jobs import null_context
from core.store import open_shop
from core.store.db import atomic, why_read_only

REPO_ROOT = Path(__file__).resolve().parents[2]
SALES = "date,sku,qty\n2026-01-05,A1,3\n2026-01-06,A1,2\n2026-01-06,B2,1\n"


def _bits_access(path, mode, *args, **kwargs) -> bool:
    """os.access as a user who is not root sees it: the owner's permission bits decide."""
    if not os.path.exists(path):
        return False
    bits = os.stat(path).st_mode
    if mode & os.W_OK and not bits & stat.S_IWUSR:
        return False
    if mode & os.X_OK and not bits & stat.S_IXUSR:
        return False
    return True


@pytest.fixture
def as_a_user(monkeypatch):
    if os.geteuid() == 0:
        monkeypatch.setattr("core.store.db.os.access", _bits_access)


@contextlib.contextmanager
def use_language(code: str):
    before = language()
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


@pytest.fixture
def filled_shop(tmp_path) -> Path:
    path = tmp_path / "shop" / "myshop.db"
    path.parent.mkdir()
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES)
    from core.services import imports as imports_service

    imports_service.import_file(path, file_path=sales, kind="sales", ctx=null_context())
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settle(path: Path) -> None:
    """Fold the journal into the file, so that its bytes are the whole shop."""
    with open_shop(path, create=False) as shop:
        shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_read_only_file_opens_for_reading_and_refuses_every_change_in_words(filled_shop, as_a_user):
    _settle(filled_shop)
    filled_shop.chmod(0o444)
    before = _digest(filled_shop)
    assert why_read_only(filled_shop) == "file"
    from core.services import shop as shop_service
    from core.services import stock as stock_service

    summary = shop_service.open_and_summarise(filled_shop, create=False)
    assert summary["read_only"] == "file" and summary["products"] == 2 and summary["sales_lines"] == 3
    with pytest.raises(ShopFileProblem, match="myshop.db is read-only") as refused:
        stock_service.store_counts(filled_shop, counts={"A1": 4}, day=dt.date(2026, 1, 7), ctx=null_context())
    assert "copy the file to a folder you can write to" in refused.value.full_message()
    with open_shop(filled_shop, create=False) as shop:
        assert shop.read_only == "file"
        with pytest.raises(ShopFileProblem, match="read-only"):
            with atomic(shop) as conn:
                conn.execute("DELETE FROM sales")
    with use_language("zh_CN"):
        with pytest.raises(ShopFileProblem) as refused:
            with open_shop(filled_shop, create=False) as shop:
                with atomic(shop):
                    pass
        assert "只读" in str(refused.value) and "read-only" not in str(refused.value)
    assert _digest(filled_shop) == before
    assert not filled_shop.with_name("myshop.db-wal").exists()


def test_a_read_only_folder_is_said_so(filled_shop, as_a_user):
    _settle(filled_shop)
    folder = filled_shop.parent
    folder.chmod(0o555)
    try:
        assert why_read_only(filled_shop) == "folder"
        with open_shop(filled_shop, create=False) as shop:
            assert shop.read_only == "folder" and shop.scalar("SELECT count(*) FROM sales") == 3
            with pytest.raises(ShopFileProblem, match="folder of the shop file myshop.db is read-only"):
                with atomic(shop):
                    pass
        with pytest.raises(ShopFileProblem, match="read-only"):
            open_shop(folder / "new.db")                     # nor can a new shop be made there
    finally:
        folder.chmod(0o755)


def test_an_old_shop_file_that_cannot_be_written_is_refused_rather_than_half_upgraded(filled_shop, as_a_user):
    with open_shop(filled_shop, create=False) as shop:
        shop.conn.execute("PRAGMA user_version = 5")
        shop.conn.execute("DROP TABLE cache")
        shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filled_shop.chmod(0o444)
    before = _digest(filled_shop)
    with pytest.raises(ShopFileProblem, match="brought up to date"):
        open_shop(filled_shop, create=False)
    assert _digest(filled_shop) == before


def test_a_full_disk_during_an_import_changes_nothing_and_says_so(filled_shop, tmp_path, shop_state):
    from core.importing import run_import

    big = tmp_path / "big.csv"
    big.write_text("date,sku,qty\n" + "".join(f"2026-02-{1 + k % 28:02d},P{k},{1 + k % 5}\n" for k in range(20_000)))
    before = shop_state(filled_shop)
    with open_shop(filled_shop, create=False) as shop:
        pages = shop.scalar("PRAGMA page_count")
        shop.conn.execute(f"PRAGMA max_page_count = {pages + 3}")     # a disk with three pages left
        with pytest.raises(ShopFileProblem, match="disk holding the shop file myshop.db is full") as refused:
            run_import(shop, big, "sales")
        assert "Free some space" in refused.value.full_message()
        assert shop.scalar("PRAGMA integrity_check") == "ok"
    assert shop_state(filled_shop) == before


def test_a_file_gone_or_damaged_is_said_so(filled_shop, tmp_path):
    from core.store.db import file_problem

    import sqlite3

    gone = file_problem(sqlite3.OperationalError("disk I/O error"), filled_shop)
    assert "cannot be reached" in gone.message and "myshop.db" in gone.message
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(filled_shop.read_bytes()[:100] + b"\x00" * 5000)
    with pytest.raises(ShopFileProblem) as refused:
        with open_shop(damaged, create=False) as shop:
            shop.scalar("SELECT count(*) FROM sales")
    assert "Traceback" not in str(refused.value)


def test_the_command_line_refuses_a_read_only_shop_with_the_reason(filled_shop, tmp_path):
    """A real process (as root it cannot be made read-only by permissions: the check is the window's detection's
    own, so here the shop is opened through a read-only mount point SQLite is told of)."""
    code = ("import sys, core.store.db as db; db.why_read_only = lambda path: 'media'; "
            "from cli.main import main; sys.exit(main(sys.argv[1:]))")
    sales = tmp_path / "more.csv"
    sales.write_text(SALES.replace("2026-01", "2026-03"))
    _settle(filled_shop)
    before = _digest(filled_shop)
    done = subprocess.run([sys.executable, "-c", code, "import", "--db", str(filled_shop), "--kind", "sales",
                           str(sales)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "read-only disk or share" in done.stderr and "Traceback" not in done.stderr
    assert _digest(filled_shop) == before


def _damage(path: Path) -> None:
    """Garbage over pages in the middle of the file (a failing disk, a bad copy)."""
    _settle(path)
    with open_shop(path, create=False) as shop:
        page = shop.scalar("PRAGMA page_size")
        pages = shop.scalar("PRAGMA page_count")
    with open(path, "r+b") as fh:
        for k in range(2, pages):
            fh.seek(k * page + 8)
            fh.write(b"\xde\xad\xbe\xef" * 64)


def test_a_damaged_shop_is_refused_at_open_and_its_last_good_backup_restored(filled_shop, shop_state):
    from core.errors import ShopFileDamaged
    from core.services import backups as backups_service
    from core.services import shop as shop_service
    from core.store import lock

    backups_service.back_up_now(filled_shop)
    good = shop_state(filled_shop)
    _damage(filled_shop)
    with pytest.raises(ShopFileDamaged, match="myshop.db is damaged") as refused:
        shop_service.open_in_window(filled_shop, create=False)
    assert "Restore the last good backup" in refused.value.full_message()
    assert lock.holder(filled_shop) is None                      # refused: no lock left behind
    latest = backups_service.list_backups(filled_shop)[0]
    kept = backups_service.restore_backup(filled_shop, backup=latest.path).value
    assert kept.name.endswith(" damaged.db") and kept.read_bytes()[:16] == b"SQLite format 3\x00"
    with open_shop(filled_shop, create=False) as shop:
        assert shop.scalar("PRAGMA integrity_check") == "ok"
    assert shop_state(filled_shop) == good
    summary = shop_service.open_in_window(filled_shop, create=False)
    assert summary["sales_lines"] == 3
    lock.release(filled_shop)


def test_a_shop_whose_first_page_is_gone_is_recognised_as_damaged(filled_shop):
    from core.errors import ShopFileDamaged
    from core.services import backups as backups_service

    backups_service.back_up_now(filled_shop)
    _settle(filled_shop)
    data = bytearray(filled_shop.read_bytes())
    data[:100] = b"\x00" * 100
    filled_shop.write_bytes(bytes(data))
    with pytest.raises(ShopFileDamaged, match="first page"):
        open_shop(filled_shop, create=False)


def test_the_full_check_in_the_background_finds_what_the_quick_one_does_and_stops_on_cancel(filled_shop):
    from core.errors import Cancelled, ShopFileDamaged
    from core.jobs import JobContext
    from core.services import shop as shop_service

    shop_service.check_shop_fully(filled_shop, ctx=null_context())          # a sound file: nothing to say
    stopped = JobContext()
    stopped.cancel()
    with pytest.raises(Cancelled):
        with open_shop(filled_shop, create=False) as shop:
            from core.store.db import check_integrity_fully

            shop.conn.execute("CREATE TABLE filler AS WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n "
                              "WHERE k < 50000) SELECT k FROM n")
            check_integrity_fully(shop, stopped)
    _damage(filled_shop)
    with pytest.raises(ShopFileDamaged, match="damaged"):
        shop_service.check_shop_fully(filled_shop, ctx=null_context())


def test_a_command_whose_reader_stops_reading_ends_without_a_traceback(tmp_path):
    """`shelfwise import ... | head -1`: the reader closes the pipe before the report is printed. The import is
    done (committed whole) and the command ends quietly; it ended in a BrokenPipeError traceback."""
    import subprocess
    import sys

    from tests.core.conftest import REPO_ROOT

    sales = tmp_path / "sales.csv"
    sales.write_text("Date,SKU,Qty\n2024-01-05,A1,3\n2024-01-06,A1,2\n2024-01-07,A2,1\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    child = subprocess.Popen([sys.executable, "main.py", "import", "--db", str(shop), "--kind", "sales", str(sales)],
                             cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()                                 # before it has written a line: it takes longer to start
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0, errors
    assert "Traceback" not in errors and "BrokenPipe" not in errors
    from core.store import open_shop

    with open_shop(shop, create=False) as opened:
        assert opened.scalar("SELECT count(*) FROM sales") == 3


def test_the_shop_file_may_be_named_before_the_command_and_a_command_without_one_is_told(tmp_path, capsys):
    """`shelfwise --db shop.db imports` (the shop named the way the window is opened) works as `shelfwise imports
    --db shop.db`; it stopped with 'the following arguments are required: --db'. Without either the command says
    so, with its own usage."""
    from cli.main import EXIT_USAGE, main

    sales = tmp_path / "sales.csv"
    sales.write_text("Date,SKU,Qty\n2024-01-05,A1,3\n2024-01-06,A1,2\n", encoding="utf-8")
    shop = tmp_path / "shop.db"
    assert main(["--db", str(shop), "import", "--kind", "sales", str(sales)]) == 0
    capsys.readouterr()
    assert main(["--db", str(shop), "imports"]) == 0
    before = capsys.readouterr().out
    assert main(["imports", "--db", str(shop)]) == 0
    assert capsys.readouterr().out == before and "sales.csv" in before
    with pytest.raises(SystemExit) as stopped:
        main(["forecast"])
    assert stopped.value.code == EXIT_USAGE
    said = capsys.readouterr().err
    assert "usage: shelfwise forecast" in said and "required: --db" in said
