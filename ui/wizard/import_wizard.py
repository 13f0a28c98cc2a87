"""The import wizard: file and kind, sheet, column mapping, the check's report, then the import itself.

Reading, checking and storing all run in the background (each with progress and Cancel); the shop is
changed only by the last step, all at once, and Cancel there leaves it as it was.
"""
from __future__ import annotations

import html
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget, QWizard, QWizardPage)

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
    """A workbook with several sheets: which one, or every one (a sheet per month: each an import of its own)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Which sheet?"))
        self.setSubTitle(self.tr("This workbook has several sheets. Pick the one with the figures."))
        self.sheets = QListWidget(self)
        self.sheets.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        self.every_sheet = QCheckBox(self)
        self.every_sheet.toggled.connect(self._every_sheet_toggled)
        self.every_help = QLabel(self.tr("Each sheet's columns are found from its own headers; you see what every "
                                         "sheet holds before anything is stored, and each sheet can be undone on "
                                         "its own."), self)
        self.every_help.setWordWrap(True)
        self.every_help.setStyleSheet(style.text_css(style.NOTE))
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)
        layout.addWidget(self.every_sheet)
        layout.addWidget(self.every_help)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        self.sheets.clear()
        self.sheets.addItems(wizard.sheets)
        chosen = wizard.sheets.index(wizard.sheet) if wizard.sheet in wizard.sheets else 0
        self.sheets.setCurrentRow(chosen)
        self.every_sheet.setText(self.tr("Import every sheet ({n}), each as an import of its own (a sheet per "
                                         "month, per week or per shop)").format(n=len(wizard.sheets)))
        # a workbook whose sheets are named by their months or weeks is offered as one import per sheet
        self.every_sheet.setChecked(wizard.every_sheet if wizard.every_sheet is not None else
                                    sheets_named_by_period(wizard.sheets))

    def _every_sheet_toggled(self, on: bool) -> None:
        self.sheets.setEnabled(not on)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.every_sheet.isChecked() or self.sheets.currentItem() is not None

    def validatePage(self) -> bool:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        wizard.every_sheet = self.every_sheet.isChecked()
        if self.sheets.currentItem() is not None:
            wizard.sheet = self.sheets.currentItem().text()
        return True

    def nextId(self) -> int:
        return ImportWizard.SHEETS if self.every_sheet.isChecked() else ImportWizard.MAPPING


def sheets_named_by_period(names: list[str]) -> bool:
    """At least two sheets, and every sheet but a summary or notes sheet (at most one) named by a month, a week or
    a day ('Jan 2024', '2024-02', 'Week 5 2024')."""
    from core.importing.file_period import period_in_name

    named = sum(period_in_name(name) is not None for name in names)
    return len(names) >= 2 and named >= 2 and named >= len(names) - 1


class CheckedPage(QWizardPage):
    """What the check found, before anything is stored: the counts and the problems row by row (above them, what a
    page adds), and Import, which stores in the background; the wizard goes on when it is done."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None, *, above: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
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
        if above is not None:
            layout.addWidget(above, 1)
        layout.addLayout(body, 1)

    def wizard(self) -> "ImportWizard":
        return super().wizard()  # type: ignore[return-value]

    def cleanupPage(self) -> None:
        self.wizard().runner.cancel("validate")

    def show_report(self, report: ImportReport, heading: str = "") -> None:
        """A checked import's counts and notes, and its problems."""
        self.counts.setText(heading + counts_html(
            rows_read=report.rows_read, imported=report.imported, warnings=report.warnings, rejected=report.rejected,
            counts=report.counts, committed=False, notes=report.notes))
        self.problems.set_problems(report.problems, total=listed_total(
            warnings=report.warnings, rejected=report.rejected, counts=report.counts))

    def store(self, job) -> None:
        """Run the storing `job` (a service call) in the background; `_committed` takes its result."""
        self._set_committing(True)
        self.wizard().runner.start("commit", job, success=self._committed, failure=self._commit_failed,
                                   finished=lambda: self._set_committing(False), progress=self.progress)

    def _committed(self, result) -> None:
        raise NotImplementedError

    def _set_committing(self, on: bool) -> None:
        self.committing = on
        self.completeChanged.emit()
        if self.wizard().currentPage() is self:
            self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(not on)

    def _commit_failed(self, error: UserError) -> None:
        show_error(self, error, self.tr("The import was not stored"))

    def go_on(self) -> None:
        self.committing = False
        if self.wizard().currentPage() is self:
            self.wizard().next()


class SheetsPage(CheckedPage):
    """Every sheet checked, one row each (what it holds, or why it cannot be imported); Import stores the ticked
    sheets, each as an import of its own."""

    def __init__(self, parent: QWidget | None = None):
        self.table = QTableWidget(0, 5)
        super().__init__(self.tr("What ShelfWise found in each sheet"),
                         self.tr("Every sheet was checked row by row. Nothing is stored yet: untick a sheet you do "
                                 "not want (a summary of the others), then press Import."), parent, above=self.table)
        self.checks: list[imports_service.SheetCheck] | None = None
        self.table.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Rows read"), self.tr("To import"),
                                              self.tr("Rejected"), self.tr("What was found")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.table.itemChanged.connect(lambda _item: self.completeChanged.emit())

    def initializePage(self) -> None:
        wizard = self.wizard()
        self.checks = None
        self.table.setRowCount(0)
        self.counts.setText(self.tr("Checking every sheet…"))
        self.problems.set_problems([])
        wizard.runner.start("validate", partial(imports_service.check_sheets, wizard.shop_path,
                                                file_path=wizard.file_path, kind=wizard.kind,
                                                sheets=list(wizard.sheets)),
                            success=self._checked, failure=self._check_failed, progress=self.progress)
        self.completeChanged.emit()

    def _checked(self, checks: list[imports_service.SheetCheck]) -> None:
        self.checks = checks
        self.table.blockSignals(True)
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            name = QTableWidgetItem(check.sheet)
            report = check.validated.report if check.validated is not None else None
            usable = report is not None and report.imported > 0
            name.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled |
                          (Qt.ItemFlag.ItemIsUserCheckable if usable else Qt.ItemFlag.NoItemFlags))
            name.setCheckState(Qt.CheckState.Checked if usable else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, name)
            figures = (report.rows_read, report.imported, report.rejected) if report is not None else ("", "", "")
            for column, value in enumerate(figures, start=1):
                item = QTableWidgetItem(f"{value:,}" if value != "" else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            found = (self.tr("Nothing in it can be imported") if report is not None and not usable else
                     self._found(check) if report is not None else check.headline or check.error)
            what = QTableWidgetItem(found)
            what.setToolTip(report.notes[0] if report is not None and report.notes else found)
            self.table.setItem(row, 4, what)
        self.table.blockSignals(False)
        if checks:
            self.table.setCurrentCell(0, 0)
            self._show(0)
        self.completeChanged.emit()

    def _found(self, check: imports_service.SheetCheck) -> str:
        """What a sheet holds, in a few words: 'Monthly totals, 2024-03' / 'Daily sales, 2024-03-01 to 2024-03-31' /
        'Stock counts of 2025-05-05, location Floor' (its report's first note in the tooltip)."""
        report, records = check.validated.report, check.validated.records
        dates = sorted({str(d)[:10] for d in records["date"]}) if "date" in records and len(records) else []
        if report.period in ("month", "week"):
            dates = sorted({d[:7] for d in dates}) if report.period == "month" else dates
        span = "" if not dates else dates[0] if len(dates) == 1 else self.tr("{first} to {last}").format(
            first=dates[0], last=dates[-1])
        what = (self.tr("Stock counts") if check.validated.kind == "stock" else
                self.tr("Monthly totals") if report.period == "month" else
                self.tr("Weekly totals") if report.period == "week" else
                kind_label(check.validated.kind))
        text = f"{what}, {span}" if span else what
        places = sorted({str(p) for p in records["location"] if str(p)}) if "location" in records else []
        if places:
            text += ", " + self.tr("location {places}").format(places=", ".join(places[:3]) +
                                                             (", …" if len(places) > 3 else ""))
        return text

    def _show(self, row: int) -> None:
        """The counts and problems of the sheet on `row`, as the one-sheet report shows them."""
        if self.checks is None or not 0 <= row < len(self.checks):
            return
        check = self.checks[row]
        heading = "<b>{}</b><br>".format(html.escape(check.sheet))
        if check.validated is None:
            self.counts.setText(heading + html.escape(check.error).replace("\n", "<br>") + "<br><br>" + html.escape(
                self.tr("To import this sheet on its own, go Back, untick 'Import every sheet' and pick it: its "
                        "columns can then be chosen.")))
            self.problems.set_problems([])
            self.problems.count_label.setText(self.tr("Nothing of this sheet can be imported: it is left out."))
        else:
            self.show_report(check.validated.report, heading)

    def _check_failed(self, error: UserError) -> None:
        self.counts.setText(messages.error_html(error, self.tr("Go Back to pick one sheet, or another file.")))
        self.completeChanged.emit()

    def ticked(self) -> list[imports_service.SheetCheck]:
        """The checked sheets the owner left ticked, in the workbook's order."""
        if self.checks is None:
            return []
        return [check for row, check in enumerate(self.checks)
                if check.validated is not None and self.table.item(row, 0) is not None
                and self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def isComplete(self) -> bool:
        return bool(self.ticked()) and not self.committing

    def validatePage(self) -> bool:
        """Import: store the ticked sheets in the background, one import each."""
        if self.wizard().sheets_result is not None:
            return True
        self.store(partial(imports_service.commit_sheets, self.wizard().shop_path, checks=self.ticked()))
        return False

    def _committed(self, result: imports_service.SheetsImported) -> None:
        wizard = self.wizard()
        if not result.reports:          # cancelled before the first sheet was stored: nothing changed, stay
            self.counts.setText(self.tr("Cancelled: nothing was stored."))
            return
        wizard.sheets_result = result
        wizard.report = result.reports[-1]
        for report in result.reports:
            wizard.imported.emit(report)
        self.go_on()

    def nextId(self) -> int:
        return ImportWizard.DONE


class ReportPage(CheckedPage):
    """The check's findings; its Import button stores the import."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("What ShelfWise found"),
                         self.tr("Your file was checked row by row. Nothing is stored yet: press Import to "
                                 "store it, or Back to change the columns."), parent)
        self.validated: Validated | None = None

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

    def _checked(self, validated: Validated) -> None:
        self.validated = validated
        self.show_report(validated.report)
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
        if self.wizard().report is not None:
            return True
        self.store(partial(imports_service.commit_import, self.wizard().shop_path, validated=self.validated))
        return False

    def _committed(self, report: ImportReport) -> None:
        wizard = self.wizard()
        wizard.report = report
        wizard.imported.emit(report)
        self.go_on()


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
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.sheets_result is not None:
            self._sheets_done(wizard.sheets_result)
            return
        report: ImportReport = wizard.report  # type: ignore[assignment]
        if report.imported:
            text = self.tr("Import {id} stored {n} rows from {file}. You can undo it on the Imports page.")
        else:
            text = self.tr("Import {id} stored nothing new from {file}: every row was already in the shop or "
                           "set aside.")
        self.summary.setText(text.format(id=report.import_id, n=f"{report.imported:,}", file=report.where))
        self.counts.setText(counts_html(rows_read=report.rows_read, imported=report.imported,
                                        warnings=report.warnings, rejected=report.rejected, counts=report.counts,
                                        committed=True, notes=report.notes))


    def _sheets_done(self, result: imports_service.SheetsImported) -> None:
        """One line per sheet stored (its import, what it stored), and what was not."""
        reports = result.reports
        self.summary.setText(self.tr("{k} sheets stored {n} rows as imports {first} to {last}. You can undo each on the "
                                     "Imports page.").format(k=len(reports), n=f"{result.imported:,}",
                                                             first=reports[0].import_id, last=reports[-1].import_id))
        lines = [self.tr("Sheet '{sheet}': import {id}, {n} rows stored, {r} rejected").format(
            sheet=html.escape(report.sheet or ""), id=report.import_id, n=f"{report.imported:,}",
            r=f"{report.rejected:,}") for report in reports]
        lines += [self.tr("Sheet '{sheet}' was not stored: {why}").format(sheet=html.escape(sheet),
                                                                          why=html.escape(why))
                  for sheet, why in result.refused]
        if result.cancelled_at:
            lines.append(self.tr("Cancelled: sheet '{sheet}' and the ones after it were not stored.").format(
                sheet=html.escape(result.cancelled_at)))
        self.counts.setText("<br>".join(lines))


class ImportWizard(QWizard):
    """Imports one file into the shop at `shop_path`; emits `imported` once the shop has changed."""

    FILE, SHEET, MAPPING, REPORT, DONE, SHEETS = range(6)
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
        self.every_sheet: bool | None = None      # every sheet, one import each (None: not asked yet)
        self.kind = kind
        self.report: ImportReport | None = None
        self.sheets_result: imports_service.SheetsImported | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.SHEET, SheetPage(self))
        self.setPage(self.MAPPING, self.mapping_page)
        self.setPage(self.REPORT, self.report_page)
        self.setPage(self.DONE, DonePage(self))
        self.sheets_page = SheetsPage(self)
        self.setPage(self.SHEETS, self.sheets_page)
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
            (self.sheets_page if self.currentPage() is self.sheets_page else self.report_page).progress.cancel()
            return
        self.runner.cancel_all()
        super().reject()


def is_importable(path: str | Path) -> bool:
    return Path(path).suffix.lower() in READABLE_SUFFIXES
