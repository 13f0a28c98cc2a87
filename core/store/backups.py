"""Backups of the shop file, the owner's only copy of their business: taken with SQLite's online backup API (a
consistent copy even while the shop is open), automatically before a schema upgrade and before every import, and
once a day while the shop is open, into a folder beside the shop file ("<shop> backups"). The folder keeps the last
ten and, older than those, one a month for a year. A restore first puts the current file aside as a backup of its own.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from core.errors import ShopFileProblem
from core.i18n import _

KEEP_LAST = 10
KEEP_MONTHS = 12
REASONS = ("daily", "before import", "before upgrade", "before restore", "by hand", "damaged")
_NAME = re.compile(r"^(?P<stem>.+) (?P<when>\d{4}-\d{2}-\d{2} \d{6}(?:-\d+)?) (?P<reason>[a-z ]+)\.db$")


def backups_folder(shop_path: str | Path) -> Path:
    shop_path = Path(shop_path)
    return shop_path.parent / f"{shop_path.stem} backups"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    products: int | None          # None where the file cannot be read as a shop
    sales_lines: int | None
    last_sale: str | None
    size: int


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file, written beside the target and moved into place when whole."""
    partial = target.with_name(target.name + ".partial")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(partial) as dst:
            src.backup(dst)
        os.replace(partial, target)
    except sqlite3.Error as err:
        partial.unlink(missing_ok=True)
        raise ShopFileProblem(_("Could not back up {file}: {reason}.").format(file=source.name, reason=err)) from None
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise ShopFileProblem(_("Could not write the backup {file}: {reason}.").format(
            file=target, reason=err.strerror or err)) from None


def back_up(shop_path: str | Path, reason: str = "by hand", *, target: str | Path | None = None,
            now: dt.datetime | None = None) -> Path:
    """Copy the shop file into its backups folder (or to `target`, a file the owner chose) and prune the folder."""
    shop_path = Path(shop_path)
    if not shop_path.exists() or shop_path.stat().st_size == 0:
        raise ShopFileProblem(_("There is no shop file at {file} to back up.").format(file=shop_path))
    if target is not None:
        target = Path(target)
        _copy(shop_path, target)
        return target
    folder = backups_folder(shop_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ShopFileProblem(_("Could not make the backups folder {folder}: {reason}.").format(
            folder=folder, reason=err.strerror or err)) from None
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{shop_path.stem} {stamp} {reason}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{shop_path.stem} {stamp}-{n} {reason}.db"
    _copy(shop_path, target)
    prune(shop_path, now=now)
    return target


def _describe(path: Path, taken_at: dt.datetime, reason: str) -> BackupInfo:
    products = sales = last = None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            products = db.execute("SELECT count(*) FROM products").fetchone()[0]
            sales = db.execute("SELECT count(*) FROM sales").fetchone()[0]
            last = db.execute("SELECT max(date) FROM sales").fetchone()[0]
    except sqlite3.Error:
        pass
    return BackupInfo(path, taken_at, reason, products, sales, last, path.stat().st_size)


def list_backups(shop_path: str | Path) -> list[BackupInfo]:
    """The shop's backups, newest first, each with what it holds."""
    shop_path = Path(shop_path)
    folder = backups_folder(shop_path)
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match is None or match["stem"] != shop_path.stem:
            continue
        taken_at = dt.datetime.strptime(re.sub(r"-\d+$", "", match["when"]), "%Y-%m-%d %H%M%S")
        found.append((taken_at, path.stat().st_mtime_ns, path, match["reason"]))   # two in one second: by when written
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [_describe(path, taken_at, reason) for taken_at, _written, path, reason in found]


RETENTION_KEY = "backup_retention"


@dataclass(frozen=True)
class Retention:
    """How many backups the folder keeps: the last `keep_last`, and older than those the newest of each month for
    `keep_months` months (0: none by month). The owner's choice, in Settings ▸ Backups; kept in the shop file."""
    keep_last: int = KEEP_LAST
    keep_months: int = KEEP_MONTHS

    def check(self) -> "Retention":
        if not 1 <= self.keep_last <= 1000:
            raise ShopFileProblem(_("Keep between 1 and 1,000 of the latest backups (not {n}).").format(
                n=self.keep_last))
        if not 0 <= self.keep_months <= 120:
            raise ShopFileProblem(_("Keep monthly backups for between 0 and 120 months (not {n}).").format(
                n=self.keep_months))
        return self


def load_retention(shop) -> Retention:
    """The shop's retention (an open ShopDb), the default where none was set."""
    stored = shop.get_setting(RETENTION_KEY) or {}
    return Retention(int(stored.get("keep_last", KEEP_LAST)), int(stored.get("keep_months", KEEP_MONTHS)))


def save_retention(shop, retention: Retention) -> None:
    retention.check()
    shop.set_setting(RETENTION_KEY, {"keep_last": retention.keep_last, "keep_months": retention.keep_months})


def _retention_of(shop_path: Path) -> Retention:
    """The retention stored in the shop file, read without opening it as a shop (the default where it cannot be
    read: a damaged or locked file is never a reason to lose a backup or to fail one)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{shop_path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (RETENTION_KEY,)).fetchone()
        stored = json.loads(row[0]) if row else {}
        return Retention(int(stored.get("keep_last", KEEP_LAST)), int(stored.get("keep_months", KEEP_MONTHS))).check()
    except (sqlite3.Error, ValueError, TypeError, AttributeError, ShopFileProblem):
        return Retention()


def _to_keep(backups: list[BackupInfo], now: dt.datetime, retention: Retention | None = None) -> set[Path]:
    retention = retention or Retention()
    keep = {b.path for b in backups[:retention.keep_last]}
    months = set()
    for b in backups:                            # newest first: the newest of each month is its month's backup
        month = (b.taken_at.year, b.taken_at.month)
        age = (now.year - month[0]) * 12 + now.month - month[1]
        if age < retention.keep_months and month not in months:
            months.add(month)
            keep.add(b.path)
    return keep


def prune(shop_path: str | Path, *, now: dt.datetime | None = None, retention: Retention | None = None) -> list[Path]:
    """Delete the backups the retention does not keep (the shop's own; by default the last ten, and one a month for
    a year); the removed."""
    backups = list_backups(shop_path)
    keep = _to_keep(backups, now or dt.datetime.now(), retention or _retention_of(Path(shop_path)))
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass                               # a backup that cannot be removed now is removed next time
    return removed


def daily_backup(shop_path: str | Path, *, now: dt.datetime | None = None) -> Path | None:
    """Today's backup, where there is none of today yet (the shop open in the window); None where there is."""
    now = now or dt.datetime.now()
    if any(b.taken_at.date() == now.date() for b in list_backups(shop_path)):
        return None
    return back_up(shop_path, "daily", now=now)


def restore(shop_path: str | Path, backup: str | Path) -> Path:
    """Put a backup's content into the shop file; the current content is first kept as a backup of its own
    ('before restore'), so a restore can itself be undone. Returns that backup.

    A damaged shop file (SQLite's quick check fails, or it cannot be opened) cannot be copied through SQLite: its
    bytes are moved into the backups folder as they are ('damaged'), its journal files removed (a journal left
    beside a restored file would be played into it), and the backup copied into its place."""
    shop_path, backup = Path(shop_path), Path(backup)
    info = _describe(backup, dt.datetime.now(), "")
    if info.products is None:
        raise ShopFileProblem(_("{file} is not a ShelfWise backup that can be read.").format(file=backup.name))
    if shop_path.exists() and not _sound(shop_path):
        return _replace_damaged(shop_path, backup)
    kept = back_up(shop_path, "before restore")
    try:
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as src, sqlite3.connect(shop_path) as dst:
            src.backup(dst)
    except sqlite3.Error as err:
        raise ShopFileProblem(_("Could not restore {file}: {reason}. The shop as it was is kept as {kept}.").format(
            file=backup.name, reason=err, kept=kept.name)) from None
    return kept


def _sound(path: Path) -> bool:
    """Whether SQLite can read the whole file (its quick check says ok)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return [row[0] for row in db.execute("PRAGMA quick_check(1)")] == ["ok"]
    except sqlite3.Error:
        return False


def _replace_damaged(shop_path: Path, backup: Path) -> Path:
    folder = backups_folder(shop_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M%S")
        kept = folder / f"{shop_path.stem} {stamp} damaged.db"
        shutil.copyfile(shop_path, kept)
        partial = shop_path.with_name(shop_path.name + ".partial")
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as src, sqlite3.connect(partial) as dst:
            src.backup(dst)
        for journal in ("-wal", "-shm", "-journal"):
            shop_path.with_name(shop_path.name + journal).unlink(missing_ok=True)
        os.replace(partial, shop_path)
    except (OSError, sqlite3.Error) as err:
        raise ShopFileProblem(_("Could not restore {file}: {reason}.").format(
            file=backup.name, reason=getattr(err, "strerror", None) or err)) from None
    return kept
