"""Setting one field on the selected products (one or thousands): their supplier, a cost, a pack size ... Core
checks the value on Save; the dialog stays open and says what is wrong until it is right."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QStackedWidget, QWidget

from core.services.edits import PRODUCT_FIELDS, field_label
from ui.dialogs.checked_form import CheckedFormDialog


class ProductEditDialog(CheckedFormDialog):
    """`values()` is {field: value} for core.services.edits.edit_products."""

    def __init__(self, skus: list[str], suppliers: list[str], parent: QWidget | None = None, *,
                 field: str = "supplier"):
        super().__init__(parent)
        self.skus = list(skus)
        self.setWindowTitle(self.tr("Change {count} products").format(count=f"{len(skus):,}") if len(skus) > 1 else
                            self.tr("Change {sku}").format(sku=skus[0]))
        intro = QLabel(self.tr("Set one field for the selected products (Edit ▸ Undo takes it back)."), self)
        intro.setWordWrap(True)
        self.field = QComboBox(self)
        for name in PRODUCT_FIELDS:
            self.field.addItem(field_label(name), name)
        self.text = QLineEdit(self)
        self.supplier = QComboBox(self)
        self.supplier.addItem(self.tr("(no supplier)"), "")
        for name in suppliers:
            self.supplier.addItem(name, name)
        self.active = QComboBox(self)
        self.active.addItem(self.tr("yes"), True)
        self.active.addItem(self.tr("no"), False)
        self.value = QStackedWidget(self)
        for widget in (self.text, self.supplier, self.active):
            self.value.addWidget(widget)
        self.value.setMaximumHeight(max(w.sizeHint().height() for w in (self.text, self.supplier, self.active)))
        self.field.currentIndexChanged.connect(self._field_changed)
        self.form.addRow(self.tr("Field"), self.field)
        self.form.addRow(self.tr("New value"), self.value)
        self.layout_.insertWidget(0, intro)
        self.field.setCurrentIndex(max(self.field.findData(field), 0))
        self._field_changed()
        self.resize(420, self.sizeHint().height())

    def chosen_field(self) -> str:
        return self.field.currentData()

    def _field_changed(self, *_args) -> None:
        field = self.chosen_field()
        self.value.setCurrentWidget(self.supplier if field == "supplier" else
                                    self.active if field == "active" else self.text)
        self.text.setPlaceholderText(self.tr("empty: not known") if field in (
            "unit_cost", "sell_price", "lead_time_days", "shelf_life_days", "supplier_sku", "category") else "")

    def values(self) -> dict[str, object]:
        field = self.chosen_field()
        if field == "supplier":
            return {field: self.supplier.currentData()}
        if field == "active":
            return {field: self.active.currentData()}
        return {field: self.text.text()}
