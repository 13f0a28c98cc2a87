"""Backups of the shop file (core/store/backups.py) for the window and the command line: today's automatic one, a
copy made now (into the backups folder, or to a place the owner chose: a USB stick, a cloud folder), the list with
what each holds, and a restore (the current shop kept as a backup first)."""
from __future__ import annotations

from pathlib import Path

from core.jobs import JobContext
from core.services.changes import ALL, Changed, changed
from core.store import backups
from core.store.backups import BackupInfo


def list_backups(shop_path: Path, *, ctx: JobContext | None = None) -> list[BackupInfo]:
    return backups.list_backups(shop_path)


def daily_backup(shop_path: Path, *, ctx: JobContext | None = None) -> Path | None:
    """Today's backup where there is none yet (when the window opens a shop); None where there is one, or where
    the shop is read-only (nothing can change in it; its folder may not take a backups folder either)."""
    from core.store.db import why_read_only

    if why_read_only(Path(shop_path)):
        return None
    return backups.daily_backup(shop_path)


def back_up_now(shop_path: Path, *, target: Path | None = None, ctx: JobContext | None = None) -> Path:
    """A backup now: into the shop's backups folder, or to `target` (a file the owner chose)."""
    return backups.back_up(shop_path, "by hand", target=target)


def restore_backup(shop_path: Path, *, backup: Path, ctx: JobContext | None = None) -> Changed[Path]:
    """Put a backup back; everything the window shows may have changed. The value: the backup of the shop as it
    was just before."""
    return changed(backups.restore(shop_path, backup), ALL)
