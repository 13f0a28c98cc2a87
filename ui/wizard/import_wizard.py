"""The import wizard: file and kind, sheet, column mapping, the check's report, then the import itself.

Reading, checking and storing all run in the background (each with progress and Cancel); the shop is
changed only by the last step, all at once, and Cancel there leaves it as it was.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

from core.importing import KINDS, ImportReport, Validated
from core.errors import UserError
from core.services import imports as imports_service
from ui import messages, style
from ui.messages import show_error
from ui.wizard.import_report import ProblemsPanel, counts_html, kind_label, listed_total
from ui.jobs import JobRunner, ProgressPanel
from ui.wizard.mapping_page import MappingPage

READABLE_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt", ".tab"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def kind_help(kind: str) -> str:
    return {
        "sales": _tr("one row per sale or till line (or one row per product with a column per day, week or month)"),
        "stock": _tr("how many of each product you have on the shelf, counted on a day"),
        "products": _tr("your product list: codes, descriptions, suppliers, costs, pack sizes"),
        "suppliers": _tr("who you buy from: e-mail, lead time, minimum order"),
        "prices": _tr("selling prices or costs from a date on"),
        "events": _tr("holidays, promotions and other days that change what sells"),
        "orders": _tr("purchase orders you have sent and not yet received"),
    }.get(kind, "")


class FilePage(QWizardPage):
    """Which file, and what it holds."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Import a spreadsheet"))
        self.setSubTitle(self.tr("Pick the file you keep your figures in (Excel, LibreOffice or CSV), and say "
                                 "what it holds. Nothing is stored until the last step."))
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("The spreadsheet to import"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(f"{kind_label(kind)} — {kind_help(kind)}", kind)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.text_css(style.ERROR))
        self.progress = ProgressPanel(self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("It holds:"), self.kind_combo)
        form.addRow("", self.error_label)
        form.addRow("", self.progress)
        self.registerField("file*", self.path_edit)
        self.path_edit.textChanged.connect(lambda _text: self.error_label.clear())

    def wizard(self) -> "ImportWizard":
        return super().wizard()  # type: ignore[return-value]

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a spreadsheet"), self.path_edit.text(),
                                              self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv "
                                                      "*.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def validatePage(self) -> bool:
        """Knows the file's sheets before going on (asked in the background the first time)."""
        wizard = self.wizard()
        path = Path(self.path_edit.text().strip()).expanduser()
        wizard.kind = self.kind_combo.currentData()
        if not path.is_file():
            self.error_label.setText(self.tr("There is no file at {path}.").format(path=path))
            return False
        if wizard.file_path == path and wizard.sheets:
            return True
        wizard.runner.start("sheets", partial(imports_service.sheets_of, path, kind=wizard.kind),
                            success=partial(self._sheets_known, path), failure=self._failed,
                            progress=self.progress)
        return False

    def _sheets_known(self, path: Path, sheets: imports_service.Sheets) -> None:
        wizard = self.wizard()
        wizard.set_file(path, sheets.names, suggested=sheets.suggested)
        if wizard.currentPage() is self:
            wizard.next()

    def _failed(self, error: UserError) -> None:
        self.error_label.setText(messages.error_text(error))

    def nextId(self) -> int:
        wizard = self.wizard()
        if wizard.sheets and len(wizard.sheets) == 1:
            return ImportWizard.MAPPING
        return ImportWizard.SHEET


class SheetPage(QWizardPage):
    """A workbook with several sheets: which one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Which sheet?"))
        self.setSubTitle(self.tr("This workbook has several sheets. Pick the one with the figures."))
        self.sheets = QListWidget(self)
        self.sheets.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        self.sheets.clear()
        self.sheets.addItems(wizard.sheets)
        chosen = wizard.sheets.index(wizard.sheet) if wizard.sheet in wizard.sheets else 0
        self.sheets.setCurrentRow(chosen)

    def isComplete(self) -> bool:
        return self.sheets.currentItem() is not None

    def validatePage(self) -> bool:
        self.wizard().sheet = self.sheets.currentItem().text()  # type: ignore[attr-defined]
        return True


class ReportPage(QWizardPage):
    """The check's findings; its Import button stores the import."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("What ShelfWise found"))
        self.setSubTitle(self.tr("Your file was checked row by row. Nothing is stored yet: press Import to "
                                 "store it, or Back to change the columns."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.validated: Validated | None = None
        self.committing = False
        self.progress = ProgressPanel(self)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counts.setMinimumWidth(360)
        self.counts.setWordWrap(True)
        self.problems = ProblemsPanel(self)
        body = QHBoxLayout()
        body.addWidget(self.counts)
        body.addWidget(self.problems, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)

    def wizard(self) -> "ImportWizard":
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        wizard = self.wizard()
        self.validated = None
        self.counts.setText(self.tr("Checking every row…"))
        self.problems.set_problems([])
        mapping = wizard.mapping_page.mapping()
        wizard.runner.start("validate", partial(imports_service.validate, wizard.shop_path, raw=wizard.mapping_page.raw,
                                                kind=wizard.kind, mapping=mapping),
                            success=self._checked, failure=self._check_failed, progress=self.progress)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.wizard().runner.cancel("validate")

    def _checked(self, validated: Validated) -> None:
        self.validated = validated
        report = validated.report
        self.counts.setText(counts_html(rows_read=report.rows_read, imported=report.imported,
                                        warnings=report.warnings, rejected=report.rejected, counts=report.counts,
                                        committed=False, notes=report.notes))
        self.problems.set_problems(report.problems, total=listed_total(
            warnings=report.warnings, rejected=report.rejected, counts=report.counts))
        self.completeChanged.emit()

    def _check_failed(self, error: UserError) -> None:
        advice = self.tr("Nothing can be imported from this file as it is mapped. Go Back to change the "
                         "columns, or pick another file.")
        self.counts.setText(messages.error_html(error, advice))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.validated is not None and not self.committing

    def validatePage(self) -> bool:
        """Import: store the checked rows in the background; the wizard goes on when it is done."""
        wizard = self.wizard()
        if wizard.report is not None:
            return True
        self._set_committing(True)
        wizard.runner.start("commit", partial(imports_service.commit_import, wizard.shop_path, validated=self.validated),
                            success=self._committed, failure=self._commit_failed,
                            finished=lambda: self._set_committing(False), progress=self.progress)
        return False

    def _set_committing(self, on: bool) -> None:
        self.committing = on
        self.completeChanged.emit()
        if self.wizard().currentPage() is self:
            self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(not on)

    def _committed(self, report: ImportReport) -> None:
        wizard = self.wizard()
        wizard.report = report
        wizard.imported.emit(report)
        self.committing = False
        if wizard.currentPage() is self:
            wizard.next()

    def _commit_failed(self, error: UserError) -> None:
        show_error(self, error, self.tr("The import was not stored"))


class DonePage(QWizardPage):
    """The stored import's final counts, 'already in the shop' included."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Imported"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts, 1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        report: ImportReport = self.wizard().report  # type: ignore[attr-defined]
        if report.imported:
            text = self.tr("Import {id} stored {n} rows from {file}. You can undo it on the Imports page.")
        else:
            text = self.tr("Import {id} stored nothing new from {file}: every row was already in the shop or "
                           "set aside.")
        self.summary.setText(text.format(id=report.import_id, n=f"{report.imported:,}", file=report.where))
        self.counts.setText(counts_html(rows_read=report.rows_read, imported=report.imported,
                                        warnings=report.warnings, rejected=report.rejected, counts=report.counts,
                                        committed=True, notes=report.notes))


class ImportWizard(QWizard):
    """Imports one file into the shop at `shop_path`; emits `imported` once the shop has changed."""

    FILE, SHEET, MAPPING, REPORT, DONE = range(5)
    imported = Signal(object)   # the ImportReport of the stored import

    def __init__(self, shop_path: Path, parent: QWidget | None = None, *, file_path: str | Path | None = None,
                 kind: str = "sales"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import — ShelfWise"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)   # stored: nothing to cancel
        self.resize(1180, 740)
        self.shop_path = Path(shop_path)
        self.runner = JobRunner(self)
        self.file_path: Path | None = None
        self.sheets: list[str] = []
        self.sheet: str | None = None
        self.kind = kind
        self.report: ImportReport | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.SHEET, SheetPage(self))
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.REPORT, self.report_page)
        self.setPage(self.DONE, DonePage(self))
        self.file_page.kind_combo.setCurrentIndex(max(0, self.file_page.kind_combo.findData(kind)))
        if file_path:
            self.file_page.path_edit.setText(str(file_path))

    def set_file(self, path: Path, sheets: list[str], *, suggested: str | None = None) -> None:
        """The file and its sheets; of several, the one offered first is the one that looks most like the kind."""
        self.file_path = path
        self.sheets = sheets
        self.sheet = None if len(sheets) == 1 else (
            self.sheet if self.sheet in sheets else suggested if suggested in sheets else sheets[0])

    def reject(self) -> None:
        """Cancel during the import stops it (nothing is stored); otherwise it closes the wizard."""
        if self.runner.is_running("commit"):
            self.report_page.progress.cancel()
            return
        self.runner.cancel_all()
        super().reject()


def is_importable(path: str | Path) -> bool:
    return Path(path).suffix.lower() in READABLE_SUFFIXES
