"""The owner's own quantity for an order line, with a reason (the Orders page's Change quantity...)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ui.i18n import day_text
from core.services.plan import OrderLineRow
from ui.models.order_lines import money, units
from ui import style


class AdjustDialog(QDialog):
    """The owner's own quantity for one line of the plan, with the reason (required: it is kept with the order)."""

    def __init__(self, row: OrderLineRow, qty: float, plan_date, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Change the order quantity"))
        intro = QLabel(self.tr(
            "Your own quantity for {product} replaces the suggestion in the plan for {day}. The supplier's order "
            "and the budget are worked out again around it.").format(
            product=f"{row.sku} — {row.name}" if row.name else row.sku, day=day_text(plan_date)), self)
        intro.setWordWrap(True)
        facts = QLabel(self.tr("Suggested: {suggested}; packs of {pack}; minimum {moq}; unit cost {cost}.").format(
            suggested=units(row.suggested_qty), pack=units(row.pack), moq=units(row.moq) or "0",
            cost=money(row.unit_cost)), self)
        facts.setStyleSheet(style.text_css(style.DETAIL))
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0, 10_000_000)
        whole = float(qty).is_integer() and float(row.pack).is_integer()
        self.quantity.setDecimals(0 if whole else 2)
        self.quantity.setSingleStep(row.pack if row.pack > 0 else 1)
        self.quantity.setGroupSeparatorShown(True)
        self.quantity.setValue(qty)
        self.reason = QLineEdit(row.reason if row.adjusted else "", self)
        self.reason.setPlaceholderText(self.tr("Why? For example: promotion next week, the supplier is short"))
        self.reason.textChanged.connect(lambda _text: self._check())
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(facts)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self._check()

    def _check(self, *, insist: bool = False) -> bool:
        if self.reason.text().strip():
            self.problem.clear()
            self.ok_button.setEnabled(True)
            return True
        self.problem.setText(self.tr("A reason is needed: it is kept with the order, so you (and anyone else) "
                                     "can see later why the quantity differs from the suggestion."))
        self.problem.setStyleSheet(style.text_css(style.ERROR if insist else style.NOTE))
        self.ok_button.setEnabled(False)
        return False

    def accept(self) -> None:
        if self._check(insist=True):       # also when Enter is pressed in the quantity box
            super().accept()

    def values(self) -> tuple[float, str]:
        return self.quantity.value(), self.reason.text().strip()
