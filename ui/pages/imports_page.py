"""The Imports page: every import the shop has had, what each found, and Undo."""
from __future__ import annotations

import html
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from core.services.changes import IMPORTS
from core.store.queries import ImportRunRow
from core.services import imports as imports_service
from ui.wizard.import_report import ProblemsPanel, counts_html, kind_label, listed_total
from ui.jobs import JobRunner, ProgressPanel
from ui.table_models import ROW_ROLE, Column, RowsModel, number
from ui.widgets import row_table, shop_writable
from ui import style


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportsPage", text)


def when(iso: str | None) -> str:
    """'2025-06-01T14:03:11' as '2025-06-01 14:03'."""
    return (iso or "").replace("T", " ")[:16]


def import_columns() -> list[Column[ImportRunRow]]:
    undone = (lambda run: run.undone_at is not None)
    return [
        Column(_tr("When"), lambda r: when(r.started_at), lambda r: r.started_at, muted=undone),
        Column(_tr("File"), lambda r: r.file_name + (f" ({r.sheet})" if r.sheet else ""), muted=undone,
               tooltip=lambda r: r.file_name),
        Column(_tr("Kind"), lambda r: kind_label(r.kind), muted=undone),
        Column(_tr("Read"), lambda r: number(r.rows_read), lambda r: r.rows_read, numeric=True, muted=undone),
        Column(_tr("Imported"), lambda r: number(r.imported), lambda r: r.imported, numeric=True, muted=undone),
        Column(_tr("Warnings"), lambda r: number(r.warnings), lambda r: r.warnings, numeric=True, muted=undone),
        Column(_tr("Rejected"), lambda r: number(r.rejected), lambda r: r.rejected, numeric=True, muted=undone),
        Column(_tr("State"), lambda r: _tr("undone {when}").format(when=when(r.undone_at)) if r.undone_at
               else _tr("in force"), lambda r: r.undone_at or "", muted=undone),
    ]


class ImportsPage(QWidget):
    """Past imports on top; the selected one's counts and problems below."""

    # What it shows: it reads the shop again when one of these changed.
    WATCHES = frozenset({IMPORTS})

    undone = Signal(str)    # the summary undo_import returned, after the shop changed

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.model: RowsModel[ImportRunRow] = RowsModel(import_columns(), self)
        self.table = row_table(self, self.model, {0: 130, 2: 110, 3: 80, 4: 80, 5: 80, 6: 80, 7: 170}, single=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.heading = QLabel(self.tr("Imports"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.undo_button = QPushButton(self.tr("Undo import…"), self)
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.ask_undo)
        self.progress = ProgressPanel(self)
        self.detail_title = QLabel(self)
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counts.setMinimumWidth(340)
        self.counts.setWordWrap(True)
        self.problems = ProblemsPanel(self)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.undo_button)
        detail = QWidget(self)
        detail_layout = QHBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.detail_title)
        left.addWidget(self.counts, 1)
        detail_layout.addLayout(left)
        detail_layout.addWidget(self.problems, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)
        self._show_detail(None)

    # ---- loading
    def set_shop(self, shop_path: Path | None) -> None:
        self.shop_path = shop_path
        self.refresh()

    def refresh(self) -> None:
        if self.shop_path is None:
            self._loaded([])
            return
        self.runner.start("imports", partial(imports_service.load_imports, self.shop_path), success=self._loaded)

    def _loaded(self, runs: list[ImportRunRow]) -> None:
        selected = self.selected_run()
        known = {run.id for run in self.model.rows()}
        self.model.set_rows(runs)
        self.heading.setText(self.tr("Imports ({n})").format(n=len(runs)) if runs else self.tr("Imports"))
        ids = [run.id for run in runs]
        newest = max(ids, default=None)
        if selected is not None and selected.id in ids and (newest in known or not known):
            row = ids.index(selected.id)        # the same import stays chosen...
        else:
            row = ids.index(newest) if runs else -1   # ...unless a new one came in: that one
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_detail(None)

    def selected_run(self) -> ImportRunRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected_run())

    def _update_undo_button(self) -> None:
        run = self.selected_run()
        self.undo_button.setEnabled(run is not None and run.undone_at is None and not self.runner.is_running("undo")
                                    and shop_writable())

    def _show_detail(self, run: ImportRunRow | None) -> None:
        self._update_undo_button()
        if run is None:
            self.detail_title.setText(self.tr("No import chosen") if self.model.rowCount() else
                                      self.tr("No imports yet: use File ▸ Import… to bring in a spreadsheet."))
            self.counts.setText("")
            self.problems.set_problems([])
            return
        self.detail_title.setText(self.tr("Import {id}: {file}").format(id=run.id, file=run.file_name))
        counts = dict(run.counts)
        notes = counts.pop("notes", []) or []
        text = counts_html(rows_read=run.rows_read, imported=run.imported, warnings=run.warnings,
                           rejected=run.rejected, counts=counts, committed=True, notes=notes)
        if run.undone_at:
            undone = self.tr("Undone on {when}.").format(when=when(run.undone_at))
            text = f"<p style='color:{style.ERROR}'>{html.escape(undone)}</p>{text}"
        self.counts.setText(text)
        self.problems.set_problems([])
        total = listed_total(warnings=run.warnings, rejected=run.rejected, counts=counts)
        self.runner.start("import-problems", partial(imports_service.load_problems, self.shop_path, import_id=run.id),
                          success=lambda problems: self.problems.set_problems(problems, total=total))

    # ---- undo
    def ask_undo(self) -> None:
        run = self.selected_run()
        if run is None or run.undone_at is not None:
            return
        answer = QMessageBox.question(
            self, self.tr("Undo import"),
            self.tr("Undo import {id} of {file}?\n\nThe {n} rows it imported are removed, and whatever it "
                    "changed is put back as it was before.").format(id=run.id, file=run.file_name,
                                                                    n=f"{run.imported:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.undo_button.setEnabled(False)
        self.runner.start("undo", partial(imports_service.undo, self.shop_path, import_id=run.id), success=self._undone,
                          finished=self._update_undo_button, progress=self.progress)

    def _undone(self, summary: str) -> None:
        self.undone.emit(summary)
