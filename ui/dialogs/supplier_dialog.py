"""Adding or changing a supplier: one form; core checks it on Save and the dialog stays open, saying what is wrong,
until it is right (or the owner cancels)."""
from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QPlainTextEdit, QWidget

from core.services.suppliers import SupplierFields, SupplierRow
from ui.dialogs.checked_form import CheckedFormDialog

NOT_SET = -1.0          # a spin box at its minimum shows its special text: "not set"


class SupplierDialog(CheckedFormDialog):
    """The form; `values()` is what was typed. The page stores it and calls `refused(message)` if core says no."""

    def __init__(self, supplier: SupplierRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.supplier = supplier
        self.setWindowTitle(self.tr("New supplier") if supplier is None else
                            self.tr("Supplier — {name}").format(name=supplier.name))
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("orders@supplier.com"))
        self.phone = QLineEdit(self)
        self.address = QPlainTextEdit(self)
        self.address.setFixedHeight(60)
        self.lead_time = self._number_box(0, 365, self.tr(" days"))
        self.order_days = QLineEdit(self)
        self.order_days.setPlaceholderText(self.tr("any day, or e.g. Mon,Thu, 1st,15th, monthly or Tue fortnightly"))
        self.min_order = self._number_box(0, 10_000_000, "", decimals=2)
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText(self.tr("e.g. GBP"))
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(50)
        form = self.form
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("E-mail for orders"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Lead time"), self.lead_time)
        form.addRow(self.tr("Order days"), self.order_days)
        form.addRow(self.tr("Minimum order value"), self.min_order)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Notes"), self.notes)
        if supplier is not None:
            self._fill(supplier.fields())
        self.resize(460, self.sizeHint().height())

    def _number_box(self, low: float, high: float, suffix: str, decimals: int = 1) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(NOT_SET, high)
        box.setDecimals(decimals)
        box.setSuffix(suffix)
        box.setSpecialValueText(self.tr("not set"))
        box.setValue(NOT_SET)
        return box

    def _fill(self, values: SupplierFields) -> None:
        self.name.setText(values.name)
        self.email.setText(values.email)
        self.phone.setText(values.phone)
        self.address.setPlainText(values.address)
        self.lead_time.setValue(NOT_SET if values.lead_time_days is None else values.lead_time_days)
        self.order_days.setText(values.order_days)
        self.min_order.setValue(NOT_SET if values.min_order_value is None else values.min_order_value)
        self.currency.setText(values.currency)
        self.notes.setPlainText(values.notes)

    def values(self) -> SupplierFields:
        def number(box: QDoubleSpinBox) -> float | None:
            return None if box.value() <= NOT_SET else box.value()

        return SupplierFields(name=self.name.text(), email=self.email.text(), phone=self.phone.text(),
                              address=self.address.toPlainText(), lead_time_days=number(self.lead_time),
                              order_days=self.order_days.text(), min_order_value=number(self.min_order),
                              currency=self.currency.text(), notes=self.notes.toPlainText())
