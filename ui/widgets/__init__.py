"""Small building blocks the pages share."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLayout, QSplitter, QStackedWidget, QTableView,
                               QVBoxLayout, QWidget)


def row_table(parent: QWidget, model: QAbstractItemModel, widths: dict[int, int], *, stretch: int = 1,
              sort_column: int | None = None, single: bool = False) -> QTableView:
    """A read-only list of rows as every page shows them: whole-row selection, striped rows, no row numbers,
    compact rows, the given column widths, one column taking the space left, optionally sortable."""
    table = QTableView(parent)
    table.setModel(model)
    if sort_column is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    return table


def selected_data(table: QTableView, role: int):
    """What the first selected row of `table` holds under `role` (None when nothing is selected)."""
    rows = table.selectionModel().selectedRows()
    return table.model().data(rows[0], role) if rows else None


def select_sku(table: QTableView, role: int, sku: str | None, *, centre: bool = False) -> bool:
    """Select the row whose `role` data has this product code and scroll to it (True if it is listed)."""
    if sku is None:
        return False
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(role).sku == sku:
            table.selectRow(row)
            table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter if centre
                           else QAbstractItemView.ScrollHint.EnsureVisible)
            return True
    return False


def splitter(parent: QWidget, orientation: Qt.Orientation, widgets: list[QWidget], sizes: list[int],
             stretch: list[int] | None = None) -> QSplitter:
    """Panes the owner can resize: `widgets` in order, their starting `sizes`, how they share growth."""
    split = QSplitter(orientation, parent)
    for k, widget in enumerate(widgets):
        split.addWidget(widget)
        if stretch is not None:
            split.setStretchFactor(k, stretch[k])
    split.setSizes(sizes)
    return split


def page_layout(page: QWidget, top: QLayout, *parts: QWidget) -> QVBoxLayout:
    """A page's layout: its top row, then `parts` one under the other, the last taking the room left."""
    layout = QVBoxLayout(page)
    layout.addLayout(top)
    for part in parts[:-1]:
        layout.addWidget(part)
    layout.addWidget(parts[-1], 1)
    return layout


def empty_note(parent: QWidget) -> QLabel:
    """The centred, wrapped line a page shows instead of its content when there is nothing to show yet."""
    label = QLabel(parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def content_or_note(parent: QWidget, content: QWidget) -> tuple[QStackedWidget, QLabel]:
    """A stack of the page's content (index 0) and its empty note (index 1)."""
    note = empty_note(parent)
    stack = QStackedWidget(parent)
    stack.addWidget(content)
    stack.addWidget(note)
    return stack, note


def documents_folder() -> "Path":
    """Where ShelfWise offers to put what it writes for the owner (shop files, PDFs, workbooks, e-mail drafts):
    Documents/ShelfWise, made when first needed; the home folder where there is no Documents folder."""
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(base or Path.home()) / "ShelfWise"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(base or Path.home())
    return folder


# ---- the shop shown cannot be written (read-only file, folder or disk; another window holds it)
_READ_ONLY = {"reason": ""}


def set_shop_read_only(reason: str) -> None:
    """The main window says whether the shop it shows can be changed ("" where it can); pages read it below."""
    _READ_ONLY["reason"] = reason


def shop_writable() -> bool:
    """Whether the shop shown can be changed: every page's change buttons are off where it cannot."""
    return not _READ_ONLY["reason"]
