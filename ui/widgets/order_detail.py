"""One purchase order in detail, under the Purchase orders page's list: its number and supplier, a status badge,
its dates, its notes, the actions (print, PDF, Excel, e-mail; mark sent, receive, cancel), its lines and total.
The page connects the buttons and gives the lines' model; the texts keep the page's translations."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.services.purchase_orders import PurchaseOrder
from ui import style
from ui.models.order_lines import money
from ui.models.purchase_orders import (L_CODE, L_COST, L_DESCRIPTION, L_PACK, L_QTY, L_RECEIVED, L_TOTAL,
                                       OPEN_STATUSES, date_text, status_text)
from ui.widgets import row_table

STATUS_COLOURS = {"draft": "#5f6b76", "sent": "#1f5fa8", "part-received": "#a35f00", "received": "#2e7d32",
                  "cancelled": "#8a8a8a"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PurchaseOrdersPage", text)


class OrderDetail(QWidget):
    def __init__(self, lines_model: QAbstractItemModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel(self)
        self.facts = QLabel(self)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(style.text_css(style.DETAIL))
        self.print_button = self._button(_tr("Print…"), _tr("See the order as it prints, then print it"))
        self.pdf_button = self._button(_tr("Save PDF…"), _tr("Save the order as a PDF file"))
        self.xlsx_button = self._button(_tr("Save Excel…"), _tr("Save the order as an Excel workbook"))
        self.email_button = self._button(_tr("E-mail…"), _tr(
            "Open the order in your mail program as a message to the supplier, with the PDF attached, to check "
            "and send"))
        self.sent_button = self._button(_tr("Mark sent"), _tr(
            "The order has gone to the supplier (today): it can no longer be changed, only received or cancelled"))
        self.receive_button = self._button(_tr("Receive…"), _tr(
            "Goods arrived: put them on the shelf, all or some of the lines"))
        self.cancel_button = self._button(_tr("Cancel order…"), _tr(
            "The order will not come (or not the rest of it)"))
        self.lines_table = row_table(self, lines_model, {L_CODE: 110, L_QTY: 70, L_PACK: 55, L_COST: 80,
                                                         L_TOTAL: 90, L_RECEIVED: 75},
                                     stretch=L_DESCRIPTION, single=True)
        self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.lines_table.setWordWrap(False)
        self.total = QLabel(self)
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.edit_hint = QLabel(self)
        self.edit_hint.setStyleSheet(style.text_css(style.NOTE))
        self._lay_out()

    def _button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tooltip)
        return button

    def _lay_out(self) -> None:
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addWidget(self.status_badge)
        title_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.print_button, self.pdf_button, self.xlsx_button, self.email_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.sent_button, self.receive_button, self.cancel_button):
            actions.addWidget(button)
        foot = QHBoxLayout()
        foot.addWidget(self.edit_hint, 1)
        foot.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.facts)
        layout.addWidget(self.notes)
        layout.addLayout(actions)
        layout.addWidget(self.lines_table, 1)
        layout.addLayout(foot)

    def show_order(self, order: PurchaseOrder | None, empty: str = "") -> None:
        """The order's words (the page keeps its lines' model); `empty` says why none is shown."""
        if order is None:
            self.title.setText(_tr("No order chosen"))
            self.status_badge.clear()
            self.status_badge.setStyleSheet("")
            self.facts.setText(empty)
            self.notes.setVisible(False)
            self.total.clear()
            self.edit_hint.clear()
            return
        self.title.setText(f"{order.number} — {order.supplier}")
        colour = STATUS_COLOURS.get(order.status, "#5f6b76")
        self.status_badge.setText(status_text(order.status))
        self.status_badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px; "
                                        f"padding: 1px 7px; font-weight: bold;")
        facts = []
        if order.status == "draft":
            facts.append(_tr("Order day <b>{day}</b> (not sent yet)").format(day=date_text(order.order_date)))
        else:
            facts.append(_tr("Ordered <b>{day}</b>").format(day=date_text(order.order_date)))
        if order.expected_date:
            facts.append(_tr("Expected <b>{day}</b>").format(day=date_text(order.expected_date)))
        if order.sent_date:
            facts.append(_tr("Sent {day}").format(day=date_text(order.sent_date)))
        if order.received_date:
            facts.append(_tr("Received {day}").format(day=date_text(order.received_date)))
        if order.created_date and order.created_date != order.order_date:
            facts.append(_tr("Made {day}").format(day=date_text(order.created_date)))
        if order.currency:
            facts.append(_tr("Currency {code}").format(code=order.currency.upper()))
        self.facts.setText(" · ".join(facts))
        self.notes.setText(_tr("Notes: {notes}").format(notes=order.notes) if order.notes else "")
        self.notes.setVisible(bool(order.notes))
        count = len(order.lines)
        lines = _tr("1 line") if count == 1 else _tr("{n} lines").format(n=count)
        coming = sum(1 for line in order.lines if line.outstanding > 0)
        if order.status == "part-received" and coming:
            lines += " · " + (_tr("1 still to come") if coming == 1 else
                              _tr("{n} still to come").format(n=coming))
        self.total.setText(_tr("{lines} · Total <b>{total}</b>").format(
            lines=lines, total=f"{money(order.total)} {order.currency}".strip()))
        self.edit_hint.setText(_tr("Double-click a quantity to change it.") if order.editable else
                               _tr("Only a draft can be changed; this order can be received or cancelled.")
                               if order.status in OPEN_STATUSES else "")
