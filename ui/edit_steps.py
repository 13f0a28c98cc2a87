"""Edit ▸ Undo / Redo of the owner's own edits (suppliers, products), and the read-only bar of a shop that cannot be
written, for the main window. A mixin of MainWindow: its texts keep the window's translation context (MainWindow)."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication

from core.edits import EditSteps
from core.services import edits as edits_service
from ui.widgets import set_shop_read_only


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class EditStepActions:
    """Mixed into MainWindow, which gives the shop shown (`shop_path`), the runner, the status bar, the Undo/Redo
    and change actions, the read-only bar and the pages."""

    def _update_edit_steps(self) -> None:
        if self.shop_path is not None:
            self.runner.start("edit-steps", partial(edits_service.steps, self.shop_path),
                              success=self._show_edit_steps)

    def _show_read_only(self, reason: str) -> None:
        """A shop that cannot be written: a bar that says why and what to do, and the window's changes turned off
        (a change asked for anyway, from a page, is refused by core with the same reason: never a traceback)."""
        self.read_only = reason
        why = {"file": _tr("its file's permissions do not allow changes"),
               "folder": _tr("its folder is read-only (SQLite writes a journal beside the file)"),
               "media": _tr("it is on a read-only disk or share")}.get(reason, _tr("it cannot be written"))
        if reason == "held":
            self.read_only_bar.setText(_tr("<b>Read-only:</b> another ShelfWise window has this shop open, so it "
                                           "is only shown here: make changes in that window, or close it and "
                                           "open the shop here again."))
        else:
            self.read_only_bar.setText(_tr("<b>Read-only:</b> this shop can be looked at but not changed: {why}. "
                                           "To work with it, copy the file to a folder you can write to (such as "
                                           "Documents) and open the copy.").format(why=why))
        self.read_only_bar.setVisible(bool(reason))
        set_shop_read_only(reason)
        for action in (self.import_action, self.restore_action, self.settings_action):
            action.setEnabled(not reason)
        if reason:
            self._show_edit_steps(EditSteps(None, None))
        for page, update in ((self.forecast_page, "_update_buttons"), (self.purchase_orders_page, "_update_buttons"),
                             (self.suppliers_page, "_update_buttons"), (self.orders_page, "_update_buttons"),
                             (self.products_page, "_update_edit_button"), (self.imports_page, "_update_undo_button")):
            getattr(page, update)()          # every page's change buttons follow (shop_writable)

    def _show_edit_steps(self, steps: EditSteps) -> None:
        if self.read_only:
            steps = EditSteps(None, None)
        self.undo_action.setEnabled(steps.undo is not None)
        self.undo_action.setText(_tr("&Undo {what}").format(what=steps.undo) if steps.undo else _tr("&Undo"))
        self.redo_action.setEnabled(steps.redo is not None)
        self.redo_action.setText(_tr("&Redo {what}").format(what=steps.redo) if steps.redo else _tr("&Redo"))

    def undo_edit(self) -> None:
        if self.shop_path is not None:
            self.runner.start("edit-undo", partial(edits_service.undo, self.shop_path),
                              success=lambda what: self.statusBar().showMessage(
                                  _tr("Undone: {what}").format(what=what), 8000))

    def redo_edit(self) -> None:
        if self.shop_path is not None:
            self.runner.start("edit-undo", partial(edits_service.redo, self.shop_path),
                              success=lambda what: self.statusBar().showMessage(
                                  _tr("Done again: {what}").format(what=what), 8000))
