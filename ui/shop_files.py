"""What the File menu does with shop files, for the main window: open another shop, make a new one or the demo, back
the shop up to a place the owner chooses, restore a backup (of the shop shown, or of a damaged one that could not
be opened). Each runs in the background through core/services. A mixin of MainWindow: its texts keep the window's
translation context (MainWindow)."""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.errors import ShopFileDamaged, UserError
from core.store.lock import ShopInUse

from core.services import backups as backups_service
from core.services import shop as shop_service
from ui import messages
from ui.messages import show_error
from ui.dialogs.restore_dialog import RestoreDialog
from ui.widgets import documents_folder

MAX_RECENT = 8
RECENT_KEY = "recentShops"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def recent_shops(settings: QSettings) -> list[str]:
    """The recently opened shop files that still exist, newest first (missing ones are forgotten)."""
    paths = settings.value(RECENT_KEY, [], type=list) or []
    existing = [p for p in dict.fromkeys(str(p) for p in paths) if Path(p).is_file()][:MAX_RECENT]
    if existing != paths:
        settings.setValue(RECENT_KEY, existing)
    return existing


def remember_shop(settings: QSettings, path: Path) -> None:
    paths = [str(path)] + [p for p in recent_shops(settings) if p != str(path)]
    settings.setValue(RECENT_KEY, paths[:MAX_RECENT])


def file_from_mime(mime: QMimeData) -> Path | None:
    """The first local file a drag carries."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and Path(url.toLocalFile()).is_file():
            return Path(url.toLocalFile())
    return None


class ShopFileActions:
    """Mixed into MainWindow, which gives the shop shown (`shop_path`), the runner, the progress panel, the status
    bar and `open_shop` / `_shop_opened`."""

    # ---- backups
    def back_up_now(self, target: str | None = None) -> None:
        """A copy of the shop where the owner chooses (a USB stick, a cloud folder)."""
        if self.shop_path is None:
            return
        if target is None:
            start = documents_folder() / f"{self.shop_path.stem} {dt.date.today().isoformat()}.db"
            target, _ = QFileDialog.getSaveFileName(self, _tr("Back up the shop"), str(start),
                                                    self._shop_filter())
        if not target:
            return
        self.runner.start("backup-now", partial(backups_service.back_up_now, self.shop_path, target=Path(target)),
                          success=lambda path: self.statusBar().showMessage(
                              _tr("Backed up to {path}.").format(path=path), 10000))

    def open_restore(self) -> None:
        if self.shop_path is not None:
            self.runner.start("backup-list", partial(backups_service.list_backups, self.shop_path),
                              success=self._show_restore)

    def _show_restore(self, backups, path: Path | None = None) -> None:
        """The backups to choose from: of the shop shown, or (`path`) of a damaged shop that could not be opened."""
        self.restore_dialog = RestoreDialog(backups, self)
        self.restore_dialog.chosen.connect(partial(self._restore, path=path))
        self.restore_dialog.show()

    def _restore(self, backup, path: Path | None = None) -> None:
        target = path or self.shop_path
        if target is None:
            return

        def restored(kept: Path) -> None:
            self.statusBar().showMessage(
                _tr("Restored the backup of {when}; the shop as it was is kept as {kept}.").format(
                    when=f"{backup.taken_at:%Y-%m-%d %H:%M}", kept=kept.name), 15000)
            if path is not None:                          # the damaged shop, now whole again: open it
                self.open_shop(path)

        self.runner.start("backup-restore", partial(backups_service.restore_backup, target, backup=backup.path),
                          success=restored)

    # ---- shop files
    def choose_shop(self) -> None:
        start = str(self.shop_path.parent) if self.shop_path else str(documents_folder())
        path, _ = QFileDialog.getOpenFileName(self, _tr("Open shop"), start, self._shop_filter())
        if path:
            self.open_shop(Path(path))

    def _shop_filter(self) -> str:
        return _tr("ShelfWise shops (*.db *.shelfwise);;All files (*)")

    def new_shop(self) -> None:
        # a new shop goes beside the one open, or in Documents/ShelfWise (never the app's hidden data folder)
        app_data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = self.shop_path.parent if self.shop_path and str(self.shop_path.parent) != app_data else \
            documents_folder()
        start = str(folder / "my-shop.db")
        path, _ = QFileDialog.getSaveFileName(self, _tr("New shop"), start, self._shop_filter(),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.create_shop(Path(path))

    def create_shop(self, path: Path) -> None:
        """A new, empty shop file (never over an existing one)."""
        if not path.suffix:
            path = path.with_suffix(".db")
        if path.exists() and path.stat().st_size > 0:
            messages.warn(self, _tr("New shop"), _tr(
                "{name} already exists. Choose another name, or open it with File ▸ Open shop.").format(
                name=path.name))
            return
        self.runner.start("open", partial(shop_service.create_shop, path),
                          success=partial(self._shop_opened, path), progress=self.progress)

    def build_demo(self, path: Path) -> None:
        """Write the demo shop (first run), then open it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.statusBar().showMessage(_tr("Building the demo shop, a one-time step…"))
        self.runner.start("demo", partial(shop_service.build_demo, path, forecast=True),
                          success=lambda built: self.open_shop(built.path), progress=self.progress)

    # ---- a shop that could not be opened
    def _open_failed(self, path: Path, error: UserError) -> None:
        """A shop that cannot be opened: said as it is; a damaged one with the offer of its backups, one another
        window holds with the offer to look at it read-only."""
        if isinstance(error, ShopInUse):
            box = QMessageBox(QMessageBox.Icon.Information, _tr("The shop is open in another window"),
                              str(error), QMessageBox.StandardButton.Cancel, self)
            look = box.addButton(_tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(look)
            self.in_use_box = box
            box.finished.connect(lambda _result: self.open_shop(path, read_only=True)
                                 if box.clickedButton() is look else None)
            box.open()
            return
        if not isinstance(error, ShopFileDamaged):
            show_error(self, error)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("The shop file is damaged"), str(error),
                          QMessageBox.StandardButton.Cancel, self)
        restore = box.addButton(_tr("Restore from backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
        self.damaged_box = box
        box.finished.connect(lambda _result: self._restore_damaged(path) if box.clickedButton() is restore else None)
        box.open()

    def _found_damaged(self, path: Path, error: UserError) -> None:
        """The full check (in the background after the shop opened) found damage: said, with the offer of the
        backups, as at open."""
        if path == self.shop_path:
            self._open_failed(path, error)

    def _restore_damaged(self, path: Path) -> None:
        self.runner.start("backup-list", partial(backups_service.list_backups, path),
                          success=partial(self._show_restore, path=path))
