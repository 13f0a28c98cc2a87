"""A stocktake in the window: the products to count (all, or one supplier's), what each shelf should hold, and a
column to type the counts in. A barcode scanner that types the code and Enter adds one to that product's count; the
count sheet can be saved to print or fill in (and imported back). Saving stores the counts as one undoable edit."""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from core.services import stock as stock_service
from core.services.stock import CountLine, CountsStored
from ui.dialogs.checked_form import CheckedFormDialog
from ui.i18n import day_format
from ui.jobs import JobRunner
from ui.table_models import number

CODE, DESCRIPTION, SUPPLIER, EXPECTED, COUNTED = range(5)


class StocktakeDialog(CheckedFormDialog):
    stored = Signal(object)         # CountsStored

    def __init__(self, shop_path: Path, suppliers: list[str], runner: JobRunner, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.shop_path = shop_path
        self.runner = runner
        self.lines: list[CountLine] = []
        self.setWindowTitle(self.tr("Stocktake"))
        self.supplier = QComboBox(self)
        self.supplier.addItem(self.tr("All suppliers"), None)
        for name in suppliers:
            self.supplier.addItem(name, name)
        self.supplier.currentIndexChanged.connect(lambda _i: self.load())
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(day_format())
        today = today or dt.date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.scan = QLineEdit(self)
        self.scan.setPlaceholderText(self.tr("Scan or type a product code, then Enter: one more counted"))
        self.scan.returnPressed.connect(self.scanned)
        self.sheet_button = QPushButton(self.tr("Save count sheet…"), self)
        self.sheet_button.setToolTip(self.tr("An Excel sheet with a blank column to count into: print it, or fill it "
                                             "in and import it back (File ▸ Import…, stock counts)"))
        self.sheet_button.clicked.connect(self.save_sheet)
        top = QHBoxLayout()
        top.addWidget(self.supplier, 1)
        top.addWidget(QLabel(self.tr("Counted on"), self))
        top.addWidget(self.day)
        top.addWidget(self.sheet_button)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Description"), self.tr("Supplier"),
                                              self.tr("Expected"), self.tr("Counted")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((CODE, 100), (SUPPLIER, 170), (EXPECTED, 80), (COUNTED, 80)):
            self.table.setColumnWidth(column, width)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.layout_.insertLayout(0, top)
        self.layout_.insertWidget(1, self.scan)
        self.layout_.insertWidget(2, self.table, 1)
        self.layout_.insertWidget(3, self.note)
        self.buttons.accepted.connect(self.save_counts)
        for button in (*self.buttons.buttons(), self.sheet_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.resize(820, 600)
        self.load()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter after a scan counts one more; in this dialog it never saves or closes (a scanner sends it)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- the list
    def load(self) -> None:
        self.runner.start("stocktake-list", partial(stock_service.count_sheet, self.shop_path,
                                                    supplier=self.supplier.currentData()),
                          success=self._loaded)

    def _loaded(self, lines: list[CountLine]) -> None:
        typed = self.counts()
        self.lines = lines
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in ((CODE, line.sku), (DESCRIPTION, line.name), (SUPPLIER, line.supplier),
                                 (EXPECTED, number(line.expected) if line.expected is not None else
                                  self.tr("never counted"))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == EXPECTED:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            count = QTableWidgetItem(number(typed[line.sku]) if line.sku in typed else "")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, COUNTED, count)
        self.note.setText(self.tr("{n} products to count.").format(n=f"{len(lines):,}"))

    def row_of(self, sku: str) -> int | None:
        for row, line in enumerate(self.lines):
            if line.sku == sku or line.sku.casefold() == sku.casefold():
                return row
        return None

    # ---- counting
    def scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            return
        row = self.row_of(code)
        if row is None:
            self.note.setText(self.tr("{code} is not in this list.").format(code=code))
            return
        item = self.table.item(row, COUNTED)
        current = self._value(item.text()) or 0
        item.setText(number(current + 1))
        self.table.selectRow(row)
        self.table.scrollToItem(item)
        self.note.setText(self.tr("{code}: {count} counted.").format(code=self.lines[row].sku,
                                                                    count=number(current + 1)))

    @staticmethod
    def _value(text: str) -> float | None:
        try:
            return float(text.replace(",", "")) if text.strip() else None
        except ValueError:
            return None

    def counts(self) -> dict[str, float]:
        """The counts typed so far ({sku: qty}); a cell that is not a number is reported by `check`."""
        out = {}
        for row, line in enumerate(self.lines):
            item = self.table.item(row, COUNTED)
            value = self._value(item.text()) if item is not None else None
            if value is not None:
                out[line.sku] = value
        return out

    def _not_numbers(self) -> list[str]:
        return [line.sku for row, line in enumerate(self.lines)
                if (item := self.table.item(row, COUNTED)) is not None and item.text().strip()
                and self._value(item.text()) is None]

    def counted_day(self) -> dt.date:
        date = self.day.date()
        return dt.date(date.year(), date.month(), date.day())

    def save_counts(self) -> None:
        wrong = self._not_numbers()
        if wrong:
            self.refused(self.tr("The count of {sku} is not a number.").format(sku=wrong[0]))
            return
        self.buttons.setEnabled(False)
        self.runner.start("stocktake-save", partial(stock_service.store_counts, self.shop_path, counts=self.counts(),
                                                    day=self.counted_day()),
                          success=self._stored, failure=lambda error: self.refused(str(error)))

    def _stored(self, done: CountsStored) -> None:
        self.stored.emit(done)
        self.accept()

    def save_sheet(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save count sheet"), "count-sheet.xlsx",
                                                  self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        self.runner.start("stocktake-sheet", partial(stock_service.write_count_sheet, self.shop_path, out=Path(path),
                                                     supplier=self.supplier.currentData(), day=self.counted_day()),
                          success=lambda out: self.note.setText(self.tr("Saved {file}.").format(file=out)),
                          failure=lambda error: self.refused(str(error)))
