"""One line of the plan in detail, beside the Orders page's table: its product and supplier, Change quantity and
Reset, its numbers (stock, lead time, service level, reorder point, order, value, when it runs out) and how its
quantity was worked out, one step of core's reasoning a bullet. The texts keep the Orders page's translations."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.services.plan import OrderLineRow
from ui import style
from ui.i18n import day_text
from ui.models.order_lines import CUT_COLOUR, NO_SUPPLIER, lost_money, money, units


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrdersPage", text)


def lead_time_words(days: float, period: str = "day") -> str:
    """The lead time in the unit the product is planned in: '16 weeks (112 days)' for a part kept in weekly totals,
    whose explanation speaks in weeks; '5 days' otherwise."""
    if period == "week" and days >= 7:
        n = round(days / 7, 1)
        return (_tr("1 week ({days} days)") if n == 1 else _tr("{n} weeks ({days} days)")).format(
            n=units(n), days=units(days))
    if period == "month" and days >= 28:
        n = round(days / (365.25 / 12), 1)
        return (_tr("1 month ({days} days)") if n == 1 else _tr("{n} months ({days} days)")).format(
            n=units(n), days=units(days))
    return _tr("{n} days").format(n=units(days))


class LineDetail(QWidget):
    """`change_button` and `reset_button` are for the page to connect; `show_line(row)` fills the rest."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.change_button = QPushButton(_tr("Change quantity…"), self)
        self.change_button.setToolTip(_tr("Put in your own quantity for this product, with the reason"))
        self.reset_button = QPushButton(_tr("Reset to suggestion"), self)
        self.reset_button.setToolTip(_tr("Forget your own quantity: the plan's suggestion is used again"))
        self.numbers = QLabel(self)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation = QLabel(self)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.change_button)
        title_row.addWidget(self.reset_button)
        layout.addLayout(title_row)
        words = QWidget(self)
        words_layout = QHBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 4, 0)
        words_layout.addWidget(self.numbers)
        words_layout.addSpacing(12)
        words_layout.addWidget(self.explanation, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(words)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)

    def show_line(self, row: OrderLineRow | None) -> None:
        if row is None:
            self.title.setText(_tr("No line chosen"))
            self.numbers.clear()
            self.explanation.setText(_tr("Choose a line to see how its quantity was worked out."))
            return
        supplier = row.supplier if row.supplier != NO_SUPPLIER else _tr("no supplier yet")
        self.title.setText(f"{row.sku} — {row.name} ({supplier})" if row.name else f"{row.sku} ({supplier})")
        self.numbers.setText(self.numbers_html(row))
        steps = [html.escape(step) for step in row.steps]
        if row.adjusted:
            steps.append(_tr("<b>Your own quantity: {qty}</b> — {reason}").format(
                qty=units(row.order_qty), reason=html.escape(row.reason)))
        self.explanation.setText(_tr("<b>How it was worked out</b>") + "<ul style='margin-left: -20px'>"
                                 + "".join(f"<li style='margin-bottom: 3px'>{s}</li>" for s in steps) + "</ul>")

    @staticmethod
    def numbers_html(row: OrderLineRow) -> str:
        pairs = [
            (_tr("On hand"), units(row.on_hand)),
            (_tr("On order"), units(row.on_order)),
            (_tr("Lead time"), lead_time_words(row.lead_time_days, row.period)),
            (_tr("Service level"), f"{row.service_level:.0%}"),
            (_tr("Demand over lead time"), units(row.demand_over_lead_time)),
            (_tr("Safety stock"), units(row.safety_stock)),
            (_tr("Reorder point"), units(row.reorder_point)),
            (_tr("Order up to"), units(row.order_up_to)),
            (_tr("Suggested"), units(row.suggested_qty)),
            (_tr("Order"), f"<b>{units(row.order_qty)}</b>"),
            (_tr("Value"), money(row.order_value)),
            (_tr("Pack / minimum"), f"{units(row.pack)} / {units(row.moq) or '0'}"),
            (_tr("Runs out"), day_text(row.stockout_date) if row.stockout_date else _tr("not in the forecast")),
            (_tr("Next delivery"), day_text(row.next_delivery) if row.next_delivery else ""),
        ]
        if row.lost_margin > 0:
            pairs.append((f"<span style='color:{CUT_COLOUR}'>" + _tr("Expected lost margin") + "</span>",
                          f"<span style='color:{CUT_COLOUR}'><b>{lost_money(row.lost_margin)}</b></span>"))
        cells = "".join(f"<tr><td style='padding-right: 10px; color: {style.DETAIL}'>{name}</td>"
                        f"<td align='right'>{value}</td></tr>" for name, value in pairs)
        return f"<table cellspacing='0' cellpadding='1'>{cells}</table>"
