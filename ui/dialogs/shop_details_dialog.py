"""Asked once, at the first purchase orders: the shop's name, address, e-mail and phone, printed on every order so
that the supplier knows who orders and where to deliver (Settings ▸ Shop details changes them later)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from core.documents.shop_details import ShopDetails
from ui.dialogs.checked_form import CheckedFormDialog


class ShopDetailsDialog(CheckedFormDialog):
    def __init__(self, details: ShopDetails, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your shop on its purchase orders"))
        intro = QLabel(self.tr("Your purchase orders carry your shop's name, the address to deliver to and the e-mail "
                               "address the supplier answers. Asked once; Settings ▸ Shop details changes them."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(details.name, self)
        self.address = QPlainTextEdit(details.address, self)
        self.address.setFixedHeight(70)
        self.email = QLineEdit(details.email, self)
        self.email.setPlaceholderText(self.tr("orders@myshop.co.uk"))
        self.phone = QLineEdit(details.phone, self)
        self.form.addRow(self.tr("Shop name"), self.name)
        self.form.addRow(self.tr("Deliver to (address)"), self.address)
        self.form.addRow(self.tr("E-mail"), self.email)
        self.form.addRow(self.tr("Phone"), self.phone)
        self.layout_.insertWidget(0, intro)
        self.resize(460, self.sizeHint().height())

    def values(self) -> ShopDetails:
        return ShopDetails(name=self.name.text().strip(), address=self.address.toPlainText().strip(),
                           email=self.email.text().strip(), phone=self.phone.text().strip())
