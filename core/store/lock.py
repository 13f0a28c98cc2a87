"""One writer per shop: a window that shows a shop holds a lock file beside it ("<shop>.db.lock": the process, the
computer and since when), so that a second ShelfWise window, or the command line writing to the same shop, gets a
clear message instead of two programs changing one file each without seeing the other's changes.

Why a lock file and not SQLite's own locks: SQLite locks a file only for the length of a transaction (and WAL lets a
reader and a writer in at once), so it keeps each change whole but cannot say "this shop is open in a window". A lock
file names who holds it; one left by a process that is gone (a crash, a kill) is taken over.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from core.errors import ShopFileProblem
from core.i18n import _


def lock_path(shop_path: str | Path) -> Path:
    shop_path = Path(shop_path)
    return shop_path.with_name(shop_path.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    since: str

    def is_me(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()

    def is_alive(self) -> bool:
        """Whether the holder still runs (always assumed for another computer: a shop on a shared folder)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        except OSError:
            return False
        return True


class ShopInUse(ShopFileProblem):
    """The shop is open in another ShelfWise window."""


def holder(shop_path: str | Path) -> LockHolder | None:
    """Who holds the shop's lock, where a live process does; None where nobody does (or the lock is stale)."""
    try:
        data = json.loads(lock_path(shop_path).read_text(encoding="utf-8"))
        found = LockHolder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if found.is_alive() else None


def in_use_message(shop_path: str | Path, found: LockHolder) -> str:
    where = _("on this computer") if found.host == socket.gethostname() else _("on {host}").format(host=found.host)
    return _("{shop} is open in another ShelfWise window ({where}, since {since}). Close it there first, so that "
             "only one program changes the shop at a time.").format(shop=Path(shop_path).name, where=where,
                                                                     since=found.since)


def check_free(shop_path: str | Path) -> None:
    """Refuse (ShopInUse) where another live process holds the shop; this process's own lock is no obstacle."""
    found = holder(shop_path)
    if found is not None and not found.is_me():
        raise ShopInUse(in_use_message(shop_path, found))


def acquire(shop_path: str | Path) -> None:
    """Take the shop's lock for this process (taking over a stale one); ShopInUse where a live process holds it."""
    check_free(shop_path)
    path = lock_path(shop_path)
    record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                         "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M")})
    partial = path.with_name(path.name + f".{os.getpid()}")
    try:
        partial.write_text(record, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)      # a read-only folder: nobody else can write there either


def release(shop_path: str | Path) -> None:
    """Give the lock back, where this process holds it."""
    found = holder(shop_path)
    if found is not None and found.is_me():
        try:
            lock_path(shop_path).unlink()
        except OSError:
            pass
