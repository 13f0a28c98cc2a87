"""Settings ▸ Advanced: where the forecast's heavy work runs (core.compute.settings): on this computer's cores, in
ShelfWise's own process only, or on a chain's Dask cluster. Stored in the shop file, so a nightly command-line run
of the same shop uses it too."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from core.compute import usable_cores
from core.compute.settings import ComputeSettings
from ui import style


class AdvancedSettings(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel(self.tr(
            "A forecast works out every product's models in chunks of products. On a computer with several cores "
            "they run side by side in worker processes; a chain with its own Dask cluster can run them there. The "
            "numbers are the same wherever they run."), self)
        intro.setWordWrap(True)
        self.workers = QSpinBox(self)
        self.workers.setRange(0, 256)
        self.workers.setMinimumWidth(110)
        self.workers.setSpecialValueText(self.tr("Automatic ({n} cores)").format(n=usable_cores()))
        self.workers.setToolTip(self.tr("Automatic: one worker process per core where the shop is big enough to be "
                                        "worth it. 1: everything in ShelfWise's own process."))
        self.scheduler = QLineEdit(self)
        self.scheduler.setPlaceholderText("tcp://host:8786")
        self.scheduler.setToolTip(self.tr("The address of a Dask scheduler; empty: this computer. Needs ShelfWise "
                                          "installed with its cluster extra."))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Worker processes"), self.workers)
        form.addRow(self.tr("Dask scheduler"), self.scheduler)
        self.scheduler.setMinimumWidth(280)
        note = QLabel(self.tr("With a scheduler address the forecast runs on that cluster; if it does not answer, "
                              "the forecast stops with a message and nothing is stored."), self)
        note.setWordWrap(True)
        note.setStyleSheet(style.text_css(style.NOTE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)

    def show_settings(self, compute: ComputeSettings) -> None:
        self.workers.setValue(compute.workers)
        self.scheduler.setText(compute.scheduler)

    def settings(self) -> ComputeSettings:
        """As typed here (core checks the address when it stores it)."""
        return ComputeSettings(workers=self.workers.value(), scheduler=self.scheduler.text().strip())
