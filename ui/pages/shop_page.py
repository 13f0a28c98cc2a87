"""What every page does with the shop it shows: remember which shop it is, read its data in the background, and
put a note in place of the content while there is nothing to show."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShopPage", text)


class ShopPage:
    """A mixin for a QWidget page with `runner`, `stack` (content, note) and `empty` (the note label).

    A page that reads one service result sets `LOAD_JOB` and overrides `_load` (the service call) and `_loaded`
    (showing it); `_clear` empties it when no shop is open, `_note_shown` updates what follows the note."""

    LOAD_JOB = ""
    shop_path: Path | None = None

    def set_shop(self, shop_path: Path | None) -> None:
        self.shop_path = shop_path
        self.refresh()

    def refresh(self) -> None:
        if self.shop_path is None:
            self._clear()
            self._show_empty(_tr("No shop is open."))
            return
        self.runner.start(self.LOAD_JOB, partial(self._load, self.shop_path), success=self._loaded,
                          progress=getattr(self, "progress", None))

    def _load(self, shop_path: Path, *, ctx) -> object:
        """The service call that reads what the page shows (off the GUI thread)."""
        raise NotImplementedError

    def _loaded(self, data: object) -> None:
        raise NotImplementedError

    def _clear(self) -> None:
        """What the page empties when no shop is open."""

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self._note_shown()

    def _note_shown(self) -> None:
        """What follows the note (a page heading back to its plain title, buttons greyed)."""
