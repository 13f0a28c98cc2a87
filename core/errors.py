"""Expected problems (with a finished message for the shop owner) versus bugs.

A `UserError` is trouble the owner can fix: a missing column, an unreadable file, a locked shop file. Its
message says what is wrong, where (file, sheet, row, column) and what to do. Anything else is a bug.
"""
from __future__ import annotations

from core.i18n import _


class UserError(Exception):
    """An expected problem; `str(err)` is the message shown to the owner as it is."""

    def __init__(self, message: str, *, where: str = "", hint: str = ""):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.full_message())

    def headline(self) -> str:
        """Where and what, translated: 'sales.csv, row 12: ...' (the hint not included)."""
        return _("{place}: {message}").format(place=self.where, message=self.message) if self.where else self.message

    def full_message(self) -> str:
        text = self.headline()
        return f"{text}\n{self.hint}" if self.hint else text


class FileProblem(UserError):
    """A file that cannot be read as the kind of sheet asked for."""


class MappingProblem(UserError):
    """The columns of a sheet do not give what an import needs (a required column is missing, say)."""


class ImportRefused(UserError):
    """An import that would store nothing useful, so it stores nothing at all."""


class ShopFileProblem(UserError):
    """The shop file itself cannot be opened or written (locked, read-only, not a ShelfWise file)."""


class ShopFileDamaged(ShopFileProblem):
    """The shop file is damaged (SQLite cannot read it whole): the answer is the last good backup."""


class Cancelled(Exception):
    """The owner pressed Cancel; whatever was under way was rolled back. Not an error to report."""
