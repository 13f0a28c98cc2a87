"""File ▸ Settings…: the shop's own settings. For now, the codes in sales files that are not products."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from ui import operations
from ui.jobs import JobRunner, ProgressPanel


def codes_from_text(text: str) -> list[str]:
    """One code a line; blank lines dropped (the save also drops repeats)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class SettingsDialog(QDialog):
    """Reads the shop's settings in the background, and saves them the same way."""

    saved = Signal(list)     # the codes as stored

    def __init__(self, shop_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.shop_path = Path(shop_path)
        self.runner = JobRunner(self)
        self.setWindowTitle(self.tr("Settings — {shop}").format(shop=self.shop_path.name))
        title = QLabel(self.tr("Codes that are not products"), self)
        title.setStyleSheet("font-weight: bold;")
        explanation = QLabel(self.tr(
            "Sales files often have lines that are not things on a shelf: postage, fees, discounts, vouchers. "
            "Lines with these product codes are set aside when sales are imported, so they are never counted "
            "or forecast as products.\n\n"
            "One code a line; capitals or not makes no difference. A * stands for any characters: ADJUST* "
            "matches ADJUST, ADJUST-1 and ADJUSTMENT; *FEE matches AMAZONFEE and POSTFEE.\n\n"
            "The list is used by the next import; sales already imported stay as they are."), self)
        explanation.setWordWrap(True)
        self.codes = QPlainTextEdit(self)
        self.codes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.codes.setPlaceholderText(self.tr("POST\nDISCOUNT\nVOUCHER*"))
        self.codes.setEnabled(False)
        self.defaults_button = QPushButton(self.tr("Use the standard list"), self)
        self.defaults_button.setToolTip(self.tr("Put back the list ShelfWise starts with (saved only when you press "
                                                "Save)"))
        self.defaults_button.clicked.connect(lambda: self.codes.setPlainText("\n".join(DEFAULT_NON_PRODUCT_CODES)))
        self.defaults_button.setEnabled(False)
        self.progress = ProgressPanel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addWidget(self.codes, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self.runner.start("settings-load", partial(operations.load_non_product_codes, self.shop_path),
                          success=self._loaded)

    def _loaded(self, codes: list[str]) -> None:
        self.codes.setPlainText("\n".join(codes))
        self.codes.setEnabled(True)
        self.defaults_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.codes.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        if self.runner.is_running("settings-save"):
            return
        self.save_button.setEnabled(False)
        self.runner.start("settings-save", partial(operations.save_non_product_codes, self.shop_path,
                                                   codes_from_text(self.codes.toPlainText())),
                          success=self._saved, finished=lambda: self.save_button.setEnabled(True),
                          progress=self.progress)

    def _saved(self, codes: list[str]) -> None:
        self.saved.emit(codes)
        self.accept()

    def reject(self) -> None:
        if self.runner.is_running("settings-save"):
            return            # a save in progress finishes (it is one quick transaction) and closes the dialog
        self.runner.cancel_all()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.is_running("settings-save"):
            event.ignore()
            return
        super().closeEvent(event)
