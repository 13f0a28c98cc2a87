"""Opening a shop file: WAL, foreign keys, numbered migrations, and all-or-nothing transactions."""
from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import json
import os
import queue
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import sqlite_utils

from core.errors import Cancelled, ShopFileDamaged, ShopFileProblem
from core.i18n import _
from core.store.migrations import MIGRATIONS

SCHEMA_VERSION = max(MIGRATIONS)
APPLICATION_ID = 0x53484C46  # 'SHLF': marks a SQLite file as a ShelfWise shop


# The sales' first and last dates by a loose index scan of sales_product_date: each product id found from the one
# before it, then its first and last date (sales_dates)
SALES_DATES = """
WITH RECURSIVE p(id) AS (
    SELECT min(product_id) FROM sales
    UNION ALL SELECT (SELECT min(product_id) FROM sales WHERE product_id > p.id) FROM p WHERE p.id IS NOT NULL)
SELECT min((SELECT min(date) FROM sales WHERE product_id = p.id)),
       max((SELECT max(date) FROM sales WHERE product_id = p.id)) FROM p WHERE p.id IS NOT NULL"""


class ShopDb:
    """One open shop file. Each thread opens its own (SQLite connections are not shared across threads).

    `read_only` is the reason the file cannot be written ("" where it can): "file" (the file's own permissions),
    "folder" (SQLite writes its journal beside the file), or "media" (a read-only disk, CD or share). A read-only
    shop is opened as it is on disk; every change is refused with that reason (read_only_problem)."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, read_only: str = ""):
        self.db = db
        self.path = path
        self.read_only = read_only

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def sales_dates(self) -> tuple[str | None, str | None]:
        """The first and last dates of the sales (as stored; None, None without sales). Read from the index of sales
        by product and date, two lookups per product (a loose index scan), not from every line: 0.08 s at 20,000
        products and 8.7 M lines, where min(date) and max(date) over the table took 1.7 s."""
        return tuple(self.conn.execute(SALES_DATES).fetchone())

    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        with atomic(self):
            before = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )
            audit(self, "setting changed", table="settings", before=before, detail=key)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ShopDb":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_VIEWED_READ_ONLY: dict[str, str] = {}    # shop files this process shows read-only by choice -> the reason


def view_read_only(path: str | Path, reason: str = "held") -> None:
    """From now on this process opens the shop read-only (another window holds it: "held")."""
    _VIEWED_READ_ONLY[str(Path(path).resolve())] = reason


def stop_viewing_read_only(path: str | Path) -> None:
    _VIEWED_READ_ONLY.pop(str(Path(path).resolve()), None)


def open_shop(path: str | Path | None, *, create: bool = True) -> ShopDb:
    """Open (or create) a shop file and bring its schema up to date. `None` opens an in-memory shop."""
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        file_path = None
    else:
        file_path = Path(path)
        if not file_path.exists() and not create:
            raise ShopFileProblem(_("There is no shop file at {path}.").format(path=file_path))
        if file_path.exists() and file_path.stat().st_size > 0 and not _looks_like_sqlite(file_path):
            if (file_path.parent / f"{file_path.stem} backups").is_dir():     # a shop of ours, its first page gone
                raise ShopFileDamaged(
                    _("The shop file {file} is damaged: its first page is not SQLite's.").format(file=file_path.name),
                    hint=_("Restore the last good backup (File ▸ Restore from backup…)."))
            raise ShopFileProblem(
                _("{file} is not a ShelfWise shop file.").format(file=file_path.name),
                hint=_("Open a .db file made by ShelfWise, or create a new shop from the File menu."),
            )
        read_only = (_VIEWED_READ_ONLY.get(str(file_path.resolve()))
                     or (why_read_only(file_path) if file_path.exists() else ""))
        if not file_path.exists() and why_read_only(file_path.parent):
            raise read_only_problem(file_path, why_read_only(file_path.parent))
        try:
            conn = _connect(file_path, read_only)
        except sqlite3.Error as err:
            raise file_problem(err, file_path) from err
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if file_path is not None and not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if file_path is not None:
            conn.execute("PRAGMA cache_size = -262144")  # up to 256 MiB: bulk imports touch big indexes
            conn.execute("PRAGMA temp_store = MEMORY")
        shop = ShopDb(sqlite_utils.Database(conn), file_path, read_only if file_path is not None else "")
        _migrate(shop)
    except ShopFileProblem:
        conn.close()
        raise
    except sqlite3.DatabaseError as err:
        conn.close()
        raise file_problem(err, file_path) from err
    return shop


def _connect(file_path: Path, read_only: str) -> sqlite3.Connection:
    if read_only == "held":     # another window writes it: read through SQLite's locks, never write
        return sqlite3.connect(f"{file_path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, timeout=10, check_same_thread=False)
    if read_only:    # as it is on disk: no journal can be written beside it, and nobody writes it here
        return sqlite3.connect(f"{file_path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                               isolation_level=None, timeout=10, check_same_thread=False)
    return sqlite3.connect(str(file_path), isolation_level=None, timeout=10, check_same_thread=False)


def read_together(shop: ShopDb, tasks: Sequence[Callable[[sqlite3.Connection], Any]], threads: int) -> list | None:
    """The results of read-only `tasks` (each given a connection to the shop file), in their order, run on `threads`
    connections at once: the shop's own and threads - 1 more, opened for them and closed after. SQLite runs a
    statement without holding Python's GIL, so a task whose work is one statement (an aggregate) runs on another
    core beside the others. All of them read the shop as it was when they began: None where another connection
    changed it meanwhile (SQLite's data_version moved: the extra connections may have seen another state), where
    the shop is not a file, where its connection is inside a transaction, or where a connection cannot be opened;
    the caller then reads its usual way. An exception of a task is raised here, after the connections are closed."""
    if shop.path is None or threads < 2 or shop.conn.in_transaction:
        return None
    own = shop.conn
    others: list[sqlite3.Connection] = []
    own.execute("BEGIN")
    try:
        own.execute("SELECT count(*) FROM sqlite_master").fetchone()    # the shop as it is now, from here on
        version = own.execute("PRAGMA data_version").fetchone()[0]
        try:
            for _i in range(threads - 1):
                others.append(_connect(shop.path, shop.read_only))
                others[-1].execute("BEGIN")
        except sqlite3.Error:
            return None
        free: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        for conn in [own, *others]:
            free.put(conn)

        def run(task: Callable[[sqlite3.Connection], Any]) -> Any:
            conn = free.get()
            try:
                return task(conn)
            finally:
                free.put(conn)

        with concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="shop-read") as pool:
            results = list(pool.map(run, tasks))
    finally:
        for conn in others:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        own.execute("COMMIT")
    return results if own.execute("PRAGMA data_version").fetchone()[0] == version else None


def check_integrity(shop: ShopDb) -> None:
    """SQLite's quick check of the whole file (when a window opens a shop: under a second for a big shop);
    ShopFileDamaged, with what SQLite found first, where it fails."""
    try:
        found = [row[0] for row in shop.conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as err:
        raise file_problem(err, shop.path) from err
    if found != ["ok"]:
        name = shop.path.name if shop.path is not None else ""
        raise ShopFileDamaged(
            _("The shop file {file} is damaged: SQLite's check found “{problem}”.").format(file=name,
                                                                                        problem=found[0]),
            hint=_("Restore the last good backup (File ▸ Restore from backup…)."))


def check_integrity_fully(shop: ShopDb, ctx=None) -> None:
    """SQLite's full `integrity_check` (every index against its table: seconds on a big shop, so the window runs it
    in the background after the quick check at open); ShopFileDamaged where it finds anything."""
    if ctx is not None:               # SQLite asks every 10,000 steps whether to go on: Cancel (or quit) stops it
        shop.conn.set_progress_handler(lambda: 1 if ctx.cancelled else 0, 10_000)
    try:
        found = [row[0] for row in shop.conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.OperationalError as err:
        if "interrupted" in str(err):
            raise Cancelled() from err
        raise file_problem(err, shop.path) from err
    except sqlite3.DatabaseError as err:
        raise file_problem(err, shop.path) from err
    finally:
        shop.conn.set_progress_handler(None, 0)
    if found != ["ok"]:
        name = shop.path.name if shop.path is not None else ""
        raise ShopFileDamaged(
            _("The shop file {file} is damaged: SQLite's check found “{problem}”.").format(file=name,
                                                                                        problem=found[0]),
            hint=_("Restore the last good backup (File ▸ Restore from backup…)."))


def why_read_only(path: Path) -> str:
    """Why a shop file (or the folder for a new one) cannot be written: "media", "folder", "file"; "" if it can."""
    folder = path if path.is_dir() else path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "media"
    except (AttributeError, OSError):      # no statvfs (Windows): the checks below still see it
        pass
    if path.is_dir():
        return "" if os.access(path, os.W_OK) else "folder"
    if not os.access(path, os.W_OK):
        return "file"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "folder"
    return ""


def read_only_problem(path: Path | None, reason: str) -> ShopFileProblem:
    """The owner's message for a change to a shop that cannot be written, with why and what to do."""
    name = path.name if path is not None else ""
    text = {
        "file": _("The shop file {file} is read-only (its permissions do not allow changes), so nothing can be "
                  "changed in it.").format(file=name),
        "folder": _("The folder of the shop file {file} is read-only, and SQLite needs to write its journal beside "
                    "the file, so nothing can be changed in it.").format(file=name),
        "media": _("The shop file {file} is on a read-only disk or share, so nothing can be changed in it.").format(
            file=name),
        "held": _("The shop file {file} is open in another ShelfWise window and is only shown here, read-only: "
                  "make changes in that window.").format(file=name),
    }.get(reason, _("The shop file {file} cannot be written, so nothing can be changed in it.").format(file=name))
    if not name:
        text = " ".join(text.split())
    if reason == "held":
        return ShopFileProblem(text, hint=_("Or close that window, then open the shop here again."))
    return ShopFileProblem(text, hint=_("To work with it, copy the file to a folder you can write to (such as "
                                        "Documents) and open the copy, or ask for write permission."))


FILE_ERRORS = ("readonly", "read-only", "disk is full", "disk i/o", "unable to open", "not a database", "malformed",
               "corrupt", "locked", "busy", "no such file")


def is_file_error(err: BaseException) -> bool:
    """Whether a SQLite error is about the file itself (rather than a statement: a bug)."""
    return isinstance(err, sqlite3.Error) and any(word in str(err).lower() for word in FILE_ERRORS)


def file_problem(err: sqlite3.Error, path: Path | None) -> ShopFileProblem:
    """SQLite's error about the file itself (read-only, disk full, gone, damaged) as the owner's message: what
    happened, to which file, and what to do. Nothing was changed: the transaction was rolled back."""
    problem = _file_problem(err, path)
    if path is None:
        problem = ShopFileProblem(" ".join(problem.message.split()), hint=problem.hint)
    return problem


def _file_problem(err: sqlite3.Error, path: Path | None) -> ShopFileProblem:
    reason = str(err).lower()
    name = path.name if path is not None else ""
    if "readonly" in reason or "read-only" in reason:
        return read_only_problem(path, why_read_only(path) if path is not None and path.exists() else "")
    if "disk is full" in reason or "database or disk is full" in reason:
        return ShopFileProblem(_("The disk holding the shop file {file} is full: the change was not made, and "
                                 "the shop is as it was before it.").format(file=name),
                               hint=_("Free some space on that disk (or move the shop to another one), then try "
                                      "again."))
    if "not a database" in reason or "malformed" in reason or "corrupt" in reason:
        return ShopFileDamaged(_("The shop file {file} is damaged: SQLite cannot read it.").format(file=name),
                               hint=_("Restore the last good backup (File ▸ Restore from backup…)."))
    if "locked" in reason or "busy" in reason:
        return ShopFileProblem(_("The shop file {file} is busy: another program is writing to it.").format(file=name),
                               hint=_("If another program has it open, close that program and try again."))
    if "unable to open" in reason or "disk i/o" in reason or "no such file" in reason:
        return ShopFileProblem(_("The shop file {file} cannot be reached: it was moved or deleted, or the drive "
                                 "or network share holding it is gone.").format(file=name),
                               hint=_("Put the file back (or reconnect the drive), then open it again from the File "
                                      "menu."))
    return ShopFileProblem(_("Cannot use the shop file {file}: {reason}.").format(file=name, reason=err),
                           hint=_("If another program has it open, close that program and try again."))


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _migrate(shop: ShopDb) -> None:
    conn = shop.conn
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if has_tables and app_id != APPLICATION_ID:
        raise ShopFileProblem(
            _("{path} is a SQLite file but not a ShelfWise shop file.").format(path=shop.path),
            hint=_("Open a shop file made by ShelfWise, or create a new shop from the File menu."),
        )
    if version > SCHEMA_VERSION:
        raise ShopFileProblem(
            _("{path} was written by a newer ShelfWise (schema {version}; this one knows {known}).").format(
                path=shop.path, version=version, known=SCHEMA_VERSION),
            hint=_("Update ShelfWise to open this shop."),
        )
    pending = sorted(n for n in MIGRATIONS if n > version)
    if pending and shop.read_only:
        problem = read_only_problem(shop.path, shop.read_only)
        raise ShopFileProblem(
            _("{problem} It was made by an older ShelfWise and has to be brought up to date before this one can "
              "open it, which needs writing.").format(problem=problem.message), hint=problem.hint)
    if pending and version > 0 and shop.path is not None:
        from core.store.backups import back_up     # an older shop file: a copy of it as it was, before upgrading

        back_up(shop.path, "before upgrade")
    for number in pending:
        with atomic(shop):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


@contextlib.contextmanager
def atomic(shop: ShopDb) -> Iterator[sqlite3.Connection]:
    """All or nothing: a transaction, or a savepoint inside one. Rolls back on any exception."""
    conn = shop.conn
    if conn.in_transaction:
        name = f"sp_{id(conn)}_{dt.datetime.now().timestamp():.6f}".replace(".", "_")
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        else:
            conn.execute(f"RELEASE {name}")
        return
    if shop.read_only:
        raise read_only_problem(shop.path, shop.read_only)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        raise file_problem(err, shop.path) from err
    try:
        yield conn
    except sqlite3.OperationalError as err:      # the file itself (full disk, gone, read-only): the owner's words
        _roll_back(conn)
        if not is_file_error(err):
            raise                                  # a bug (no such table...) or an interrupt: as it is
        raise file_problem(err, shop.path) from err
    except BaseException:
        _roll_back(conn)
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as err:
            _roll_back(conn)
            raise file_problem(err, shop.path) from err


def _roll_back(conn: sqlite3.Connection) -> None:
    """Undo the transaction; where SQLite has undone it already (a full disk can), there is nothing left to do."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def audit(
    shop: ShopDb,
    action: str,
    *,
    table: str | None = None,
    row_id: int | None = None,
    before: Any = None,
    import_id: int | None = None,
    detail: str = "",
) -> None:
    """One line in the audit log; `before` is the row as it was (a dict or JSON text)."""
    if before is not None and not isinstance(before, str):
        before = json.dumps(before, default=str)
    shop.conn.execute(
        "INSERT INTO audit_log(at, action, table_name, row_id, before, import_id, detail) VALUES (?,?,?,?,?,?,?)",
        (now_iso(), action, table, row_id, before, import_id, detail),
    )
