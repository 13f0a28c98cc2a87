"""The wizard's mapping step: the first rows of the owner's sheet, and for each of their columns the
ShelfWise field it holds (guessed from the column names, changeable)."""
from __future__ import annotations

import html

import datetime as dt
import math
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QScrollArea, QSizePolicy, QTableView, QVBoxLayout, QWidget, QWizardPage)

from core.errors import UserError
from core.importing import FIELDS, Mapping, RawSheet
from core.importing.mapping import named_period
from core.importing.sources import by_name, rules_said
from core.services import imports as imports_service
from ui.i18n import month_text
from ui.jobs import ProgressPanel
from ui import messages, style

if TYPE_CHECKING:
    from ui.wizard.import_wizard import ImportWizard

PREVIEW_ROWS = 20
_MAPPED = QBrush(QColor("#eaf3ea"))
_IGNORED = QBrush(QColor("#9a9a9a"))


def cell_text(value: Any) -> str:
    """A cell as the owner's program shows it: 6 not 6.0, a date without 00:00:00."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    return str(value)


class PreviewModel(QAbstractTableModel):
    """The first rows of the sheet; each header says which field its column became."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._columns: list[str] = []
        self._cells: list[list[str]] = []
        self._row_numbers: list[int] = []
        self._labels: dict[str, str] = {}    # column -> what it becomes ('' = ignored)

    def set_sheet(self, raw: RawSheet) -> None:
        self.beginResetModel()
        head = raw.frame.iloc[:PREVIEW_ROWS]
        self._columns = list(raw.columns)
        self._cells = [[cell_text(v) for v in row] for row in head.itertuples(index=False, name=None)]
        self._row_numbers = [int(n) for n in raw.row_numbers[:PREVIEW_ROWS]]
        self._labels = {}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._columns, self._cells, self._row_numbers, self._labels = [], [], [], {}
        self.endResetModel()

    def set_labels(self, labels: dict[str, str]) -> None:
        self._labels = dict(labels)
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._cells) - 1, len(self._columns) - 1),
                                  [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        mapped = bool(self._labels.get(self._columns[index.column()]))
        if role == Qt.ItemDataRole.BackgroundRole and mapped:
            return _MAPPED
        if role == Qt.ItemDataRole.ForegroundRole and not mapped:
            return _IGNORED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._row_numbers):
                return str(self._row_numbers[section])
            return None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        label = self._labels.get(column, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{column}\n→ {label}" if label else f"{column}\n{self.tr('(ignored)')}"
        if role == Qt.ItemDataRole.FontRole and label:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not label:
            return _IGNORED
        return None


class MappingPage(QWizardPage):
    """One combo per column of the owner's sheet; Next waits until every needed field has a column."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Which of your columns holds what?"))
        self.setSubTitle(self.tr("ShelfWise guessed from your column names. Check each one and change it where "
                                 "the guess is wrong; columns set to “— ignore —” are left out."))
        self.raw: RawSheet | None = None
        self.kind = ""
        self.choices: dict[str, str] = {}          # the owner's column -> field name ('' = ignored)
        self.combos: dict[str, QComboBox] = {}
        self._guess: Mapping | None = None
        self._loaded_for: tuple | None = None

        self.progress = ProgressPanel(self)
        self.layout_label = QLabel(self)
        self.layout_label.setWordWrap(True)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        # a grid whose period columns have no dates ('latest', 'last -1', ...): which period the newest is
        self.latest_row = QWidget(self)
        self.latest_label = QLabel(self.latest_row)
        self.latest_edit = QLineEdit(self.latest_row)
        self.latest_edit.setPlaceholderText(self.tr("e.g. 2024-06"))
        self.latest_edit.setMaximumWidth(140)
        self.latest_edit.textChanged.connect(self._latest_changed)
        latest_layout = QHBoxLayout(self.latest_row)
        latest_layout.setContentsMargins(0, 0, 0, 0)
        latest_layout.addWidget(self.latest_label)
        latest_layout.addWidget(self.latest_edit)
        latest_layout.addStretch(1)
        self.latest_row.setVisible(False)
        self.form = QWidget()
        self.grid = QGridLayout(self.form)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.preview_label = QLabel(self.tr("The first rows of your sheet (row numbers as in your file):"), self)
        self.preview = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.preview)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.latest_row)
        layout.addWidget(self.scroll)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.table, 1)

    def wizard(self) -> "ImportWizard":
        return super().wizard()  # type: ignore[return-value]

    # ---- reading the sheet (in the background)
    def initializePage(self) -> None:
        wizard = self.wizard()
        key = (wizard.file_path, wizard.sheet)
        if self.raw is not None and self._loaded_for == key:
            if self.kind != wizard.kind:
                self._show_mapping(self.raw, wizard.kind)
            return
        self.raw = None
        self._clear_form()
        self.preview.clear()
        self.layout_label.setText(self.tr("Reading {file}…").format(file=wizard.file_path.name))
        self.missing_label.setText("")
        wizard.runner.start("read", partial(imports_service.read, wizard.file_path, sheet=wizard.sheet,
                                            kind=wizard.kind),
                            success=partial(self._sheet_read, key), failure=self._read_failed,
                            progress=self.progress)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.wizard().runner.cancel("read")

    def _sheet_read(self, key: tuple, raw: RawSheet) -> None:
        self._loaded_for = key
        self.raw = raw
        self.preview.set_sheet(raw)
        self._show_mapping(raw, self.wizard().kind)
        self.table.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 90), 260))

    def _read_failed(self, error) -> None:
        self.layout_label.setText(messages.error_html(error))
        self.completeChanged.emit()

    # ---- the mapping form
    def _clear_form(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}

    def _show_mapping(self, raw: RawSheet, kind: str) -> None:
        self.kind = kind
        self._guess = imports_service.mapping_for(raw, kind)
        self.choices = dict(self._guess.columns)
        relative = self._guess.relative
        self.latest_row.setVisible(bool(relative))
        if relative:
            newest = next(c for c, back in relative.items() if back == 0)
            if named_period(newest):        # 'Jan' .. 'Dec', 'Week 1' .. 'Week 20': only the year is missing
                self.latest_label.setText(self.tr("These {n} columns have no year. Which year is '{newest}' in? "
                                                  "(such as 2024)").format(n=len(relative), newest=newest))
                self.latest_edit.setPlaceholderText(self.tr("e.g. 2024"))
            else:
                self.latest_label.setText(self.tr("These {n} columns have no dates. Which period is '{newest}'? (a "
                                                  "month such as 2024-06, a week 2024-W05, or a day 2024-06-30)"
                                                  ).format(n=len(relative), newest=newest))
                self.latest_edit.setPlaceholderText(self.tr("e.g. 2024-06"))
            self._latest_changed(self.latest_edit.text())
        self._clear_form()
        columns = list(self._guess.columns)
        per_block = math.ceil(len(columns) / 2) if len(columns) > 6 else max(len(columns), 1)
        bold = QFont()
        bold.setBold(True)
        for block in range(2 if len(columns) > 6 else 1):
            base = block * 4
            for text, offset in ((self.tr("Your column"), 0), (self.tr("holds"), 1), (self.tr("for example"), 2)):
                header = QLabel(text, self.form)
                header.setStyleSheet("color: #555;")
                self.grid.addWidget(header, 0, base + offset)
                header.show()
        for i, column in enumerate(columns):
            row, base = 1 + i % per_block, (i // per_block) * 4
            name = QLabel(column, self.form)
            name.setFont(bold)
            combo = QComboBox(self.form)
            combo.addItem(self.tr("— ignore —"), "")
            for f in FIELDS[kind]:
                combo.addItem(f.label + (self.tr(" (needed)") if f.required else ""), f.name)
            combo.setCurrentIndex(max(0, combo.findData(self.choices[column])))
            combo.currentIndexChanged.connect(partial(self._choice_changed, column))
            self.combos[column] = combo
            example = QLabel(self._example(raw, column), self.form)
            example.setStyleSheet("color: #555;")
            example.setMaximumWidth(220)
            for offset, widget in enumerate((name, combo, example)):
                self.grid.addWidget(widget, row, base + offset)
                widget.show()        # now, not at the next layout pass: the height below counts it
        if len(columns) > 6:
            self.grid.setColumnMinimumWidth(3, 24)
        self.grid.setColumnStretch(self.grid.columnCount(), 1)
        self.grid.activate()
        self.scroll.setFixedHeight(min(self.form.sizeHint().height() + 4, 260))
        self.layout_label.setText(self._layout_text(self._guess))
        self._update()

    def _example(self, raw: RawSheet, column: str) -> str:
        values = [cell_text(v) for v in raw.frame[column].iloc[:PREVIEW_ROWS]]
        text = next((v for v in values if v.strip()), "")
        return text if len(text) <= 28 else text[:26] + "…"

    def latest_period(self) -> str | None:
        """The newest period the owner typed, where it reads as one for these columns (a year where they are month
        names or week numbers, which must then fall in it); None otherwise."""
        from core.importing.mapping import apply_latest, guess_mapping

        text = self.latest_edit.text().strip()
        if not text or self.raw is None:
            return None
        try:
            apply_latest(guess_mapping(self.raw, self.kind), text)
        except UserError:
            return None
        return text

    def _latest_changed(self, _text: str) -> None:
        if self.raw is None or self._guess is None or not self._guess.relative:
            return
        self._guess = imports_service.mapping_for(self.raw, self.kind, latest_period=self.latest_period())
        self.layout_label.setText(self._layout_text(self._guess))
        self._update()

    @staticmethod
    def _named(mapping: Mapping) -> bool:
        """Whether the undated columns are month names or week numbers (only their year is missing)."""
        newest = next((c for c, back in mapping.relative.items() if back == 0), None)
        return newest is not None and named_period(newest) is not None

    def _layout_text(self, mapping: Mapping) -> str:
        if mapping.layout == "wide" and not mapping.period_columns and self._named(mapping):
            return self.tr("<b>Layout: a grid</b> — one row per product, with {n} columns of months or weeks that "
                           "have no year: say below which year the last of them is in.").format(n=len(mapping.relative))
        if mapping.layout == "wide" and not mapping.period_columns:
            return self.tr("<b>Layout: a grid</b> — one row per product, with {n} period columns that have no "
                           "dates: say below which period the newest is.").format(n=len(mapping.relative))
        if mapping.layout == "wide":
            days = sorted(mapping.period_columns.values())
            unit = {"day": self.tr("daily"), "week": self.tr("weekly"), "month": self.tr("monthly")}.get(
                mapping.period, mapping.period)
            return self.tr("<b>Layout: a grid</b> — one row per product, with {n} columns of {unit} figures "
                           "({first} to {last}). Each of those columns gives the quantity for its period.").format(
                n=len(days), unit=unit, first=days[0].isoformat(), last=days[-1].isoformat())
        text = self.tr("<b>Layout: a list</b> — one row per sale (or per product and day). "
                       "{rows} rows to read.").format(rows=f"{len(self.raw.frame):,}" if self.raw is not None else "")
        source = by_name(mapping.source)
        if source is not None:
            text = self.tr("<b>Recognised: {source}</b> — its columns are read as that system writes them, and its "
                           "rules apply: {rules}.").format(source=source.title, rules="; ".join(rules_said(source))) \
                + "<br>" + text
        return text

    def _choice_changed(self, column: str, _index: int) -> None:
        chosen = self.combos[column].currentData()
        if chosen:   # a field comes from one column: the column that had it lets it go
            for other, name in self.choices.items():
                if other != column and name == chosen:
                    self.choices[other] = ""
                    combo = self.combos[other]
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.choices[column] = chosen
        self._update()

    def missing_fields(self) -> list[str]:
        """Labels of the needed fields that no column gives yet."""
        if self.raw is None:
            return []
        wide = self._guess is not None and self._guess.layout == "wide"
        have = {name for name in self.choices.values() if name}
        missing = [f.label for f in FIELDS[self.kind] if f.required and f.name not in have
                   and not (wide and f.name in ("date", "qty"))]
        if wide and self._guess.relative and self.latest_period() is None:
            missing.append(self.tr("the year") if self._named(self._guess) else self.tr("the newest period"))
        return missing

    def _update(self) -> None:
        labels = {f.name: f.label for f in FIELDS[self.kind]}
        header = {column: labels.get(name, "") for column, name in self.choices.items()}
        if self._guess is not None:
            for column, day in self._guess.period_columns.items():
                if column not in self.choices:
                    header[column] = self._period_label(day, self._guess.period)
        self.preview.set_labels(header)
        missing = self.missing_fields()
        if missing:
            self.missing_label.setStyleSheet(style.text_css(style.ERROR))
            self.missing_label.setText(self.tr("<b>Still needed:</b> {fields}. Pick the column that holds each.").format(
                fields=html.escape(", ".join(missing))))
        else:
            self.missing_label.setStyleSheet(style.text_css(style.GOOD))
            self.missing_label.setText(self.tr("Every needed field has a column."))
        self.completeChanged.emit()

    def _period_label(self, day: dt.date, period: str) -> str:
        if period == "month":
            return self.tr("quantity in {month}").format(month=month_text(day))
        if period == "week":
            return self.tr("quantity, week of {day}").format(day=day.isoformat())
        return self.tr("quantity on {day}").format(day=day.isoformat())

    def isComplete(self) -> bool:
        return self.raw is not None and not self.missing_fields()

    def mapping(self) -> Mapping:
        """The guess with the owner's choices applied."""
        assert self.raw is not None
        return imports_service.mapping_for(self.raw, self.kind, self.choices, latest_period=self.latest_period())
