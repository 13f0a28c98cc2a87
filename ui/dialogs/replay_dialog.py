"""Replay a policy over the shop's own past: what ShelfWise, the exact optimum and the min/max rule would have
served, lost and held, beside what the shop really did (where its stock counts allow)."""
from __future__ import annotations

import math
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from core.services import replay as replay_service
from ui.i18n import day_format, day_text
from ui.jobs import JobRunner, ProgressPanel
from ui import messages


class ReplayDialog(QDialog):
    def __init__(self, shop_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.shop_path = shop_path
        self.runner = JobRunner(self)
        self.comparison = None
        self.setWindowTitle(self.tr("Replay a policy on your own past"))
        self.resize(860, 460)
        self.start = QDateEdit(self, calendarPopup=True, displayFormat=day_format())
        self.end = QDateEdit(self, calendarPopup=True, displayFormat=day_format())
        self.service = QDoubleSpinBox(self, decimals=1, minimum=50.0, maximum=99.9, value=95.0, suffix=" %")
        self.policies = {
            "shelfwise": QCheckBox(self.tr("ShelfWise (service level)"), self, checked=True),
            "optimal": QCheckBox(self.tr("Optimal (s, S)"), self, checked=True),
            "minmax": QCheckBox(self.tr("Min/max rule (2 and 4 weeks)"), self, checked=True),
        }
        which = QHBoxLayout()
        for box in self.policies.values():
            which.addWidget(box)
        which.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Service level"), self.service)
        form.addRow(self.tr("Policies"), which)
        self.run_button = QPushButton(self.tr("Replay"), self)
        self.run_button.clicked.connect(self.run)
        self.progress = ProgressPanel(self)
        self.summary = QLabel(self.tr("Each review day the replay forecasts from the sales known then, orders by "
                                      "the policy, receives orders after their lead time, and loses the sales "
                                      "the shelf cannot serve."), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Policy"), self.tr("Cycle service"), self.tr("Fill rate"),
                                              self.tr("Stock-out days"), self.tr("Average stock value"),
                                              self.tr("Order lines")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):          # every figure's title whole ("Months out of stock")
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.runner.start("replay-span", partial(replay_service.history_span, shop_path), success=self._span)

    def _span(self, span) -> None:
        if span is None:
            self.summary.setText(self.tr("There are no sales to replay: import a sales file first."))
            self.run_button.setEnabled(False)
            return
        first, last, start = span.first, span.last, span.default_start
        if span.period != "day":            # the rule in periods (core.simulation.periods.minmax_levels)
            self.policies["minmax"].setText(
                self.tr("Min/max rule (lead time + a month of sales, up to twice that)") if span.period == "month"
                else self.tr("Min/max rule (lead time + a week of sales, up to twice that)"))
        for edit in (self.start, self.end):
            edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(last.year, last.month, last.day))

    def run(self) -> None:
        chosen = tuple(name for name, box in self.policies.items() if box.isChecked())
        if not chosen:
            self.summary.setText(self.tr("Choose at least one policy to replay."))
            return
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.run_button.setEnabled(False)
        self.runner.start("replay", partial(replay_service.replay_policies, self.shop_path, start=start, end=end, policies=chosen,
                                            service_level=self.service.value() / 100.0),
                          success=self._show, failure=self._refused, finished=lambda: self.run_button.setEnabled(True),
                          progress=self.progress)

    def _refused(self, error) -> None:
        self.summary.setText(messages.error_text(error))

    def _show(self, comparison) -> None:
        self.comparison = comparison
        names = {"shelfwise": self.tr("ShelfWise"), "optimal": self.tr("Optimal (s, S)"),
                 "minmax": self.tr("Min/max rule"), "actual": self.tr("What you actually did")}
        table = comparison.table
        period = comparison.period
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(
            self.tr("Months out of stock") if period == "month" else
            self.tr("Weeks out of stock") if period == "week" else self.tr("Stock-out days")))
        self.table.setHorizontalHeaderItem(4, QTableWidgetItem(
            self.tr("Average stock value") if comparison.valued else self.tr("Average stock (units)")))
        self.table.setRowCount(len(table))
        for r, row in enumerate(table.itertuples(index=False)):
            cells = [names.get(row.policy, row.policy), _percent(row.cycle_service_level), _percent(row.fill_rate),
                     f"{row.stockout_days:,.0f}",
                     f"{row.avg_stock_value:,.2f}" if comparison.valued else f"{row.avg_stock_value:,.0f}",
                     f"{row.orders:,.0f}"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        text = self.tr("{start} to {end}, {count} products.").format(
            start=day_text(comparison.start), end=day_text(comparison.end),
            count=comparison.products)
        if period != "day":
            text += " " + (self.tr("Your sales are monthly totals: each policy planned again at the start of every "
                                   "month from the months before it, and each month's total was served from its "
                                   "shelf.") if period == "month" else
                           self.tr("Your sales are weekly totals: each policy planned again at the start of every "
                                   "week from the weeks before it, and each week's total was served from its "
                                   "shelf."))
        elif "actual" in set(table["policy"]):
            text += " " + self.tr("Every row covers the {count} of {total} products whose stock was counted before "
                                  "and during these days; the lost sales of what you actually did were never "
                                  "recorded, so its fill rate is unknown.").format(count=comparison.products,
                                                                                   total=comparison.all_products)
        else:
            text += " " + self.tr("Your stock counts do not cover these days, so what you actually did cannot be "
                                  "set beside the policies.")
        self.summary.setText(text)

    def done(self, result: int) -> None:
        self.runner.cancel_all()
        super().done(result)


def _percent(value: float) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.1%}"
