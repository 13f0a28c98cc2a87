"""A dialog whose form core checks on Save: the page stores what was typed in the background and, where core says
no, the dialog stays open with the reason above its buttons (`refused`), keeping everything typed."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui import style


class CheckedFormDialog(QDialog):
    """`buttons.accepted` is for the page to connect (store, then `accept()` or `refused(message)`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout()
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(style.text_css(style.ERROR))
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)

    def refused(self, message: str) -> None:
        """Core said no: show why, keep everything typed, let the owner try again."""
        self.problem.setText(message)
        self.problem.setVisible(True)
        self.buttons.setEnabled(True)
