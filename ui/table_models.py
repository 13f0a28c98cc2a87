"""A table model over a cached list of rows, described column by column, and a filter proxy that leaves
sorting to it (a Python key sort of thousands of rows beats thousands of lessThan calls into Python).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
                            Signal)
from PySide6.QtGui import QBrush, QColor, QFont

Row = TypeVar("Row")
SORT_ROLE = Qt.ItemDataRole.UserRole          # real numbers for number columns, folded text otherwise
ROW_ROLE = Qt.ItemDataRole.UserRole + 1       # the row object itself
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_MUTED = QBrush(QColor("#888888"))
_HIGHLIGHT = QBrush(QColor("#fff1c7"))         # a soft amber: a row to look at (a line cut for the budget)
_HIGHLIGHT_TEXT = QBrush(QColor("#3d2e00"))
# Looked up once: attribute access on Qt's enums costs more than the rest of data() together.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_EDIT = Qt.ItemDataRole.EditRole
_HORIZONTAL = Qt.Orientation.Horizontal
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_EDIT_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None     # default: the displayed text, case-folded
    numeric: bool = False
    tooltip: Callable[[Row], str] | None = None
    muted: Callable[[Row], bool] | None = None       # grey text (an undone import, an inactive product)
    bold: Callable[[Row], bool] | None = None        # bold text (the owner's own quantity)
    highlight: Callable[[Row], bool] | None = None   # an amber background (a line cut for the budget)
    edit_value: Callable[[Row], Any] | None = None   # editable: the value its editor starts from (see edit_requested)


def number(value: float | int | None) -> str:
    """A quantity as a shop owner writes it: 1,234 or 2.5; blank when unknown."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_BOLD: list[QFont] = []


def _bold_font() -> QFont:
    """One bold font, made once a QApplication exists."""
    if not _BOLD:
        font = QFont()
        font.setBold(True)
        _BOLD.append(font)
    return _BOLD[0]


def number_key(value: float | int | None) -> float:
    """Unknown numbers sort below every known one."""
    return float("-inf") if value is None else float(value)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows held in memory; `data()` only formats them (no I/O).

    An edited cell changes nothing here: the model says what was asked (`edit_requested`) and the page stores it
    through core, then gives the model the rows read back."""

    edit_requested = Signal(object, int, object)     # the row, the column, the value typed

    def __init__(self, columns: Sequence[Column[Row]], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_columns(self, columns: Sequence[Column[Row]]) -> None:
        """Other columns for the same rows (a forecast in months instead of days)."""
        self.beginResetModel()
        self._columns = list(columns)
        self._sort = None
        self.endResetModel()

    # ---- rows
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    # ---- the model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == _DISPLAY:
            return column.display(row)
        if role == SORT_ROLE:
            return self._key(index.column())(row)
        if role == _ALIGN:
            return _RIGHT if column.numeric else _LEFT
        if role == _TOOLTIP and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == _FOREGROUND:
            if column.muted is not None and column.muted(row):
                return _MUTED
            if column.highlight is not None and column.highlight(row):
                return _HIGHLIGHT_TEXT
            return None
        if role == _BACKGROUND and column.highlight is not None and column.highlight(row):
            return _HIGHLIGHT
        if role == _FONT and column.bold is not None and column.bold(row):
            return _bold_font()
        if role == _EDIT and column.edit_value is not None:
            return column.edit_value(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == _HORIZONTAL and 0 <= section < len(self._columns):
            if role == _DISPLAY:
                return self._columns[section].title
            if role == _ALIGN:
                return _RIGHT if self._columns[section].numeric else _LEFT
        if orientation != _HORIZONTAL and role == _DISPLAY:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _EDIT_FLAGS if self._columns[index.column()].edit_value is not None else _CELL_FLAGS

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid() or role != _EDIT or self._columns[index.column()].edit_value is None:
            return False
        self.edit_requested.emit(self._rows[index.row()], index.column(), value)
        return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        key, rows = self._key(column), self._rows
        positions = sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=order == Qt.SortOrder.DescendingOrder)
        new_place = {old: new for new, old in enumerate(positions)}
        self._rows = [self._rows[i] for i in positions]
        self.changePersistentIndexList(
            persistent, [self.index(new_place[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _key(self, column: int) -> Callable[[Row], Any]:
        spec = self._columns[column]
        if spec.sort_key is not None:
            return spec.sort_key
        return lambda row: spec.display(row).casefold()


class RowFilterProxy(QSortFilterProxyModel):
    """Filters with `accepts(row)` on the source's row objects; sorting is the source model's own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._accepts: Callable[[Any], bool] | None = None
        self._source: RowsModel | None = None
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: RowsModel) -> None:  # type: ignore[override]
        self._source = model
        super().setSourceModel(model)

    def set_filter(self, accepts: Callable[[Any], bool] | None) -> None:
        if hasattr(self, "beginFilterChange"):          # Qt 6.10 and later
            self.beginFilterChange()
            self._accepts = accepts
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._accepts = accepts
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._accepts is None:
            return True
        return self._accepts(self._source._rows[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._source is not None:
            self._source.sort(column, order)
