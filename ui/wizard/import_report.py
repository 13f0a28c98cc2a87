"""What an import found: the counts in a few lines, and the problems row by row (sortable, by severity)."""
from __future__ import annotations

import html
from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.importing.report import COUNT_LABELS, SET_ASIDE_LABELS, Problem
from ui.table_models import Column, RowFilterProxy, RowsModel, number_key
from ui.widgets import row_table
from ui import style
def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportReport", text)


def severity_label(severity: str) -> str:
    return {"rejected": _tr("rejected"), "warning": _tr("warning"), "skipped": _tr("set aside")}.get(
        severity, severity)


def kind_label(kind: str) -> str:
    """What each kind of import holds, in the owner's words."""
    return {
        "sales": _tr("Sales"), "stock": _tr("Stock counts"), "products": _tr("Product list"),
        "suppliers": _tr("Suppliers"), "prices": _tr("Prices"), "events": _tr("Events and promotions"),
        "orders": _tr("Open purchase orders"), "demo": _tr("Demo shop"),
    }.get(kind, kind)


SEVERITY_ORDER = {"rejected": 0, "warning": 1, "skipped": 2}


def problem_columns() -> list[Column[Problem]]:
    return [
        Column(_tr("Row"), lambda p: "" if p.row is None else str(p.row), lambda p: number_key(p.row),
               numeric=True),
        Column(_tr("Column"), lambda p: p.column or ""),
        Column(_tr("Severity"), lambda p: severity_label(p.severity),
               lambda p: (SEVERITY_ORDER.get(p.severity, 3), p.row or 0)),
        Column(_tr("What is wrong"), lambda p: p.message, tooltip=lambda p: p.describe()),
        Column(_tr("Value found"), lambda p: p.value or ""),
    ]


class ProblemsPanel(QWidget):
    """The problems table with a severity filter and a line saying how many are listed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model: RowsModel[Problem] = RowsModel(problem_columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.severity = QComboBox(self)
        for label, value in ((self.tr("All problems"), ""), (self.tr("Rejected"), "rejected"),
                             (self.tr("Kept with a warning"), "warning"), (self.tr("Set aside"), "skipped")):
            self.severity.addItem(label, value)
        self.severity.currentIndexChanged.connect(self._filter)
        self.count_label = QLabel(self)
        # the message (column 3) takes what is left
        self.table = row_table(self, self.proxy, {0: 64, 1: 120, 2: 80, 4: 120}, stretch=3, sort_column=2)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.severity)
        top.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._total_known = 0

    def set_problems(self, problems: Sequence[Problem], total: int | None = None) -> None:
        """`total`: how many there were in all, when only the first ones are listed."""
        self.model.set_rows(problems)
        self._total_known = total if total is not None else len(problems)
        self._update_count()

    def set_severity(self, severity: str) -> None:
        self.severity.setCurrentIndex(max(0, self.severity.findData(severity)))

    def _filter(self) -> None:
        wanted = self.severity.currentData()
        self.proxy.set_filter((lambda p: p.severity == wanted) if wanted else None)
        self._update_count()

    def _update_count(self) -> None:
        shown, listed = self.proxy.rowCount(), self.model.rowCount()
        if listed == 0:
            text = self.tr("No problems: every row could be used as it is.")
        elif shown == listed:
            text = self.tr("{n} rows listed").format(n=f"{listed:,}")
        else:
            text = self.tr("{shown} of {listed} rows listed").format(shown=f"{shown:,}", listed=f"{listed:,}")
        if self._total_known > listed:
            text += self.tr(" (only the first {listed} of {total} are kept)").format(
                listed=f"{listed:,}", total=f"{self._total_known:,}")
        self.count_label.setText(text)


def listed_total(*, warnings: int, rejected: int, counts: dict) -> int:
    """How many rows an import had something to say about (the problems list may hold only the first). Rows already
    in the shop and rows of quantity 0 are counted, never listed one by one."""
    set_aside = sum(int(counts.get(key, 0) or 0) for key in SET_ASIDE_LABELS
                    if key not in ("already_in_shop", "zero_qty"))
    return warnings + rejected + set_aside


def counts_html(*, rows_read: int, imported: int, warnings: int, rejected: int, counts: dict,
                committed: bool, notes: Sequence[str] = ()) -> str:
    """The counts of an import as a small table: read, imported (or 'will import'), set aside by reason."""
    set_aside = sum(int(counts.get(key, 0) or 0) for key in SET_ASIDE_LABELS)
    reasons = [(_tr(label), int(counts[key])) for key, label in SET_ASIDE_LABELS.items() if counts.get(key)]
    other = [(_tr(label), int(counts[key])) for key, label in COUNT_LABELS.items()
             if key not in SET_ASIDE_LABELS and counts.get(key)]
    lines: list[tuple[str, int, str, list[tuple[str, int]]]] = [
        (_tr("Rows read"), rows_read, "", []),
        (_tr("Imported") if committed else _tr("Will be imported"), imported, style.GOOD, []),
        (_tr("… of them kept with a warning"), warnings, style.CAUTION if warnings else "", []),
        (_tr("Set aside (not demand, or already known)"), set_aside, "", reasons),
        (_tr("Rejected (could not be read)"), rejected, style.ERROR if rejected else "", []),
    ]
    rows = []
    for label, value, colour, detail in lines:
        coloured = f" style='color:{colour}'" if colour else ""
        rows.append(f"<tr><td{coloured}>{html.escape(label)}</td>"
                    f"<td align='right'{coloured}><b>{value:,}</b></td></tr>")
        rows += [f"<tr><td style='padding-left:18px; color:{style.DETAIL}'>{html.escape(text)}</td>"
                 f"<td align='right' style='color:{style.DETAIL}'>{n:,}</td></tr>" for text, n in detail]
    if other:
        rows.append(f"<tr><td colspan='2' style='padding-top:6px'><i>{html.escape(_tr('Also:'))}</i></td></tr>")
        rows += [f"<tr><td style='padding-left:18px; color:{style.DETAIL}'>{html.escape(text)}</td>"
                 f"<td align='right' style='color:{style.DETAIL}'>{n:,}</td></tr>" for text, n in other]
    notes_html = "".join(f"<p style='color:{style.DETAIL}'>{html.escape(note)}</p>" for note in notes)
    return f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>{notes_html}"
