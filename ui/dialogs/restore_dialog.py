"""File ▸ Restore from backup…: the shop's backups, newest first, each with when and why it was taken and what it
holds; the chosen one is put back after a question (the shop as it is now is kept as a backup of its own first)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.store.backups import BackupInfo
from ui.i18n import day_text
from ui.table_models import number


class RestoreDialog(QDialog):
    chosen = Signal(object)       # the BackupInfo to restore, once the owner said yes

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = list(backups)
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(self.tr("ShelfWise backs your shop up before every import and once a day while it is open. "
                               "Restoring one puts the shop back as it was then; the shop as it is now is kept as a "
                               "backup first, so this can be undone the same way."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Products"),
                                              self.tr("Sales lines"), self.tr("Sales up to")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        reasons = {"daily": self.tr("daily"), "before import": self.tr("before an import"),
                   "before upgrade": self.tr("before an upgrade"), "before restore": self.tr("before a restore"),
                   "by hand": self.tr("by hand")}
        for row, backup in enumerate(self.backups):
            cells = (f"{day_text(backup.taken_at.date())} {backup.taken_at:%H:%M}", reasons.get(backup.reason,
                                                                                           backup.reason),
                     number(backup.products) if backup.products is not None else self.tr("cannot be read"),
                     number(backup.sales_lines), day_text(backup.last_sale) if backup.last_sale else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        for column, width in ((0, 150), (2, 80), (3, 90), (4, 110)):
            self.table.setColumnWidth(column, width)
        if self.backups:
            self.table.selectRow(0)
        self.empty = QLabel(self.tr("There are no backups of this shop yet."), self)
        self.empty.setVisible(not self.backups)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        self.buttons.accepted.connect(self.ask)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self.question: QMessageBox | None = None

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def ask(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        self.question = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore from backup"), self.tr(
            "Put the shop back as it was on {when}? What changed since then is kept in a backup of its own.").format(
            when=f"{day_text(backup.taken_at.date())} {backup.taken_at:%H:%M}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.question.setDefaultButton(QMessageBox.StandardButton.No)
        self.question.accepted.connect(lambda: self._answered(backup))
        self.question.finished.connect(lambda result: self._answered(backup) if result ==
                                       QMessageBox.StandardButton.Yes else None)
        self.question.open()

    def _answered(self, backup: BackupInfo) -> None:
        if self.isVisible():
            self.chosen.emit(backup)
            self.accept()
