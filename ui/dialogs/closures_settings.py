"""Settings ▸ Closed days: the days the whole shop is closed that its sales cannot tell ahead of time (Easter and
the other moving holidays, the owner's own holiday, a refit), added and taken away here and stored with the
dialog's Save (core.services.closures). The next forecast sells nothing on them."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.errors import UserError
from core.services.closures import Closure, ClosureChanges, checked_closure
from ui import style
from ui.i18n import day_format, day_text


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ClosuresSettings(QWidget):
    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self._stored: list[Closure] = []
        self._added: list[tuple[str, str, str]] = []
        self._removed: set[int] = set()
        intro = QLabel(self.tr(
            "Days the whole shop is closed that the sales cannot foresee: Easter and other holidays that move, "
            "your own holiday, a refit. The forecast sells nothing on them, and past ones are not counted as days "
            "without demand. (Your weekly day off and a shutdown on the same dates every year are read from the "
            "sales.)"), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Why")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        start = today or dt.date.today()
        self.first = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.last = QDateEdit(QDate(start.year, start.month, start.day), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(day_format())
        self.first.dateChanged.connect(lambda d: self.last.setDate(max(self.last.date(), d)))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Easter, holiday, refit…"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(style.text_css(style.ERROR))
        self.problem.setVisible(False)
        note = QLabel(self.tr("Stored when you press Save; the next forecast uses them."), self)
        note.setStyleSheet(style.text_css(style.NOTE))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From"), self))
        row.addWidget(self.first)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.last)
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(note)

    def show_closures(self, closures: list[Closure]) -> None:
        self._stored = list(closures)
        self._added, self._removed = [], set()
        self._fill()

    def changes(self) -> ClosureChanges:
        return ClosureChanges(tuple(self._added), tuple(sorted(self._removed)))

    def add(self) -> bool:
        """The dates and name typed, checked by core; a problem is shown and nothing is added."""
        try:
            closure = checked_closure(_date(self.first.date()), _date(self.last.date()), self.name.text())
        except UserError as error:
            self._show_problem(str(error))
            return False
        self._show_problem("")
        self._added.append(closure)
        self.name.clear()
        self._fill()
        return True

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        shown = self._shown()
        for row in rows:
            kind, key = shown[row][0], shown[row][1]
            if kind == "stored":
                self._removed.add(key)
            else:
                self._added.remove(key)
        self._fill()

    def _shown(self) -> list[tuple[str, object, str, str, str, bool]]:
        """(where from, its key, first, last, name, imported) of each closure in the list, in date order."""
        rows = [("stored", c.id, c.first, c.last, c.name, c.imported) for c in self._stored if c.id not in self._removed]
        rows += [("added", closure, *closure, False) for closure in self._added]
        return sorted(rows, key=lambda r: (r[2], r[3]))

    def _fill(self) -> None:
        shown = self._shown()
        self.table.setRowCount(len(shown))
        for row, (_kind, _key, first, last, name, imported) in enumerate(shown):
            items = [QTableWidgetItem(day_text(first)), QTableWidgetItem(day_text(last)), QTableWidgetItem(name)]
            for column, item in enumerate(items):
                if imported:
                    item.setToolTip(self.tr("From an events sheet: undo that import to take it away"))
                    item.setForeground(QColor(style.NOTE))
                self.table.setItem(row, column, item)
        self._selection_changed()

    def _selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        shown = self._shown()
        self.remove_button.setEnabled(bool(rows) and all(not shown[r][5] for r in rows if r < len(shown)))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
