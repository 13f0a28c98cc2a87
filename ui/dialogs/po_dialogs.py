"""The Purchase orders page's two dialogs: goods arriving against an order (line by line, or all at once, on a
day) and cancelling an order (with an optional reason kept in its notes)."""
from __future__ import annotations

import datetime as dt
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from core.ordering.purchase_orders import PurchaseOrder, PurchaseOrderLine
from ui.i18n import day_format
from ui.table_models import number

MAX_QTY = 10_000_000          # the spin boxes' own limit; core says how much a line can really take


def _cell(text: str, *, numeric: bool = False, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class ReceiveDialog(QDialog):
    """What came in against an order: every line still to come, each box starting at what is outstanding."""

    CODE, DESCRIPTION, ORDERED, RECEIVED, ARRIVING = range(5)

    def __init__(self, order: PurchaseOrder, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.lines: list[PurchaseOrderLine] = [line for line in order.lines if line.outstanding > 0]
        self.setWindowTitle(self.tr("Receive goods — {number}").format(number=order.number))
        intro = QLabel(self.tr(
            "What arrived from {supplier} against {number}. Each line starts at what is still to come: change the "
            "lines that came short (0 for nothing yet). What is received goes on the shelf at once.").format(
            supplier=order.supplier, number=order.number), self)
        intro.setWordWrap(True)

        self.table = QTableWidget(len(self.lines), 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Description"), self.tr("Ordered"),
                                              self.tr("Received\nso far"), self.tr("Arriving\nnow")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        for row, line in enumerate(self.lines):
            self.table.setItem(row, self.CODE, _cell(line.code, tooltip=self.tr("Our code: {sku}").format(
                sku=line.sku)))
            self.table.setItem(row, self.DESCRIPTION, _cell(line.description, tooltip=line.description))
            self.table.setItem(row, self.ORDERED, _cell(number(line.qty), numeric=True))
            self.table.setItem(row, self.RECEIVED, _cell(number(line.received_qty), numeric=True))
            box = QDoubleSpinBox(self.table)
            box.setRange(0, MAX_QTY)
            whole = float(line.qty).is_integer() and float(line.received_qty).is_integer()
            box.setDecimals(0 if whole else 3)
            box.setSingleStep(line.pack if line.pack > 0 else 1)
            box.setGroupSeparatorShown(True)
            box.setFrame(False)
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setValue(line.outstanding)
            self.boxes[line.sku] = box
            self.table.setCellWidget(row, self.ARRIVING, box)
        for column, width in ((self.CODE, 90), (self.ORDERED, 70), (self.RECEIVED, 80), (self.ARRIVING, 90)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(26)

        self.all_button = QPushButton(self.tr("Receive all"), self)
        self.all_button.setToolTip(self.tr("Every line as still to come: the whole order arrived"))
        self.all_button.clicked.connect(self.receive_all)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(day_format())
        first = order.order_date or today
        self.date.setMinimumDate(QDate(first))
        self.date.setDate(QDate(max(today, first)))
        self.date.setToolTip(self.tr("The day the goods arrived (the order's lead time is counted to it)"))
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Arrived on"), self))
        row.addWidget(self.date)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Receive"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(640, min(220 + 26 * len(self.lines), 600))

    def receive_all(self) -> None:
        for line in self.lines:
            self.boxes[line.sku].setValue(line.outstanding)

    def set_quantity(self, sku: str, qty: float) -> None:
        self.boxes[sku].setValue(qty)

    def values(self) -> tuple[dict[str, float], dt.date]:
        """Units arriving per product code (0 for a line where nothing came), and the day."""
        return {sku: box.value() for sku, box in self.boxes.items()}, self.date.date().toPython()


class CancelDialog(QDialog):
    """Cancel an order, with an optional reason (kept in the order's notes)."""

    def __init__(self, order: PurchaseOrder, parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(self.tr("Cancel {number}").format(number=order.number))
        if order.status == "part-received":
            text = self.tr("Cancel {number} to {supplier}? What has arrived stays on the shelf; the rest is no longer "
                           "on order, so the next plan may order it again.")
        else:
            text = self.tr("Cancel {number} to {supplier}? It is no longer on order, so the next plan may order its "
                           "products again.")
        question = QLabel(text.format(number=order.number, supplier=order.supplier), self)
        question.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason (optional), for example: the supplier cannot deliver"))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("Cancel order"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = self.buttons.addButton(self.tr("Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def reason_text(self) -> str:
        return self.reason.text().strip()
