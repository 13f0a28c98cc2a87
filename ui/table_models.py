"""A table model over a cached list of rows, described column by column, and a filter proxy that leaves
sorting to it (a Python key sort of thousands of rows beats thousands of lessThan calls into Python).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor

Row = TypeVar("Row")
SORT_ROLE = Qt.ItemDataRole.UserRole          # real numbers for number columns, folded text otherwise
ROW_ROLE = Qt.ItemDataRole.UserRole + 1       # the row object itself
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_MUTED = QBrush(QColor("#888888"))
# Looked up once: attribute access on Qt's enums costs more than the rest of data() together.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_HORIZONTAL = Qt.Orientation.Horizontal
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None     # default: the displayed text, case-folded
    numeric: bool = False
    tooltip: Callable[[Row], str] | None = None
    muted: Callable[[Row], bool] | None = None       # grey text (an undone import, an inactive product)


def number(value: float | int | None) -> str:
    """A quantity as a shop owner writes it: 1,234 or 2.5; blank when unknown."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def number_key(value: float | int | None) -> float:
    """Unknown numbers sort below every known one."""
    return float("-inf") if value is None else float(value)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows held in memory; `data()` only formats them (no I/O)."""

    def __init__(self, columns: Sequence[Column[Row]], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

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
        if role == _FOREGROUND and column.muted is not None and column.muted(row):
            return _MUTED
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
        return _CELL_FLAGS

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
