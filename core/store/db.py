"""Opening a shop file: WAL, foreign keys, numbered migrations, and all-or-nothing transactions."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from core.errors import ShopFileProblem
from core.i18n import _
from core.store.migrations import MIGRATIONS

SCHEMA_VERSION = max(MIGRATIONS)
APPLICATION_ID = 0x53484C46  # 'SHLF': marks a SQLite file as a ShelfWise shop


class ShopDb:
    """One open shop file. Each thread opens its own (SQLite connections are not shared across threads)."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None):
        self.db = db
        self.path = path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

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
            raise ShopFileProblem(
                _("{file} is not a ShelfWise shop file.").format(file=file_path.name),
                hint=_("Open a .db file made by ShelfWise, or create a new shop from the File menu."),
            )
        try:
            conn = sqlite3.connect(str(file_path), isolation_level=None, timeout=10, check_same_thread=False)
        except sqlite3.Error as err:
            raise ShopFileProblem(_("Cannot open the shop file {path}: {reason}").format(
                path=file_path, reason=err)) from err
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if file_path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -262144")  # up to 256 MiB: bulk imports touch big indexes
            conn.execute("PRAGMA temp_store = MEMORY")
        shop = ShopDb(sqlite_utils.Database(conn), file_path)
        _migrate(shop)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise ShopFileProblem(
            _("Cannot use the shop file {path}: {reason}.").format(path=file_path, reason=err),
            hint=_("If another program has it open, close that program and try again."),
        ) from err
    return shop


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
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


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
