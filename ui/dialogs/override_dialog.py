"""The owner's own quantity a day for some days of one product (the Forecast page's Override...)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ui.i18n import day_format
from ui import style


class OverrideDialog(QDialog):
    """The owner's own quantity a day for some days (a planned promotion, a known order), with a note."""

    def __init__(self, sku: str, name: str, first_day: dt.date, last_day: dt.date, suggested: float,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override the forecast"))
        intro = QLabel(self.tr("For these days the forecast of {product} is replaced by your own figure. Use it for "
                               "what the history cannot know: a planned promotion, a market stall, a big order "
                               "already promised.").format(product=f"{sku} — {name}" if name else sku), self)
        intro.setWordWrap(True)
        self.start = QDateEdit(QDate(first_day), self)
        self.end = QDateEdit(QDate(min(first_day + dt.timedelta(days=6), last_day)), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(day_format())
            edit.dateChanged.connect(self._check)
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(1)
        self.quantity.setValue(round(suggested, 1))
        self.quantity.setSuffix(self.tr(" a day"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Why? For example: summer fair on the green"))
        self.note.textChanged.connect(self._check)
        self.problem = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Override"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._check()

    def _check(self) -> None:
        problem, colour = "", style.ERROR
        if self.end.date() < self.start.date():
            problem = self.tr("The last day comes before the first.")
        elif not self.note.text().strip():
            problem, colour = self.tr("A note is needed: it is kept with the override."), style.NOTE
        self.problem.setText(problem)
        self.problem.setStyleSheet(style.text_css(colour))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def values(self) -> tuple[dt.date, dt.date, float, str]:
        return (self.start.date().toPython(), self.end.date().toPython(), self.quantity.value(),
                self.note.text().strip())
