"""The Orders page's table: the plan's order lines, their columns, notes and tooltips in the owner's words, the
filter, and the supplier list's delegate; money and units as the pages write them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.i18n import day_month_text, day_text
from core.services.plan import OrderLineRow, PlanData, SupplierOrder
from ui.table_models import Column, RowFilterProxy, RowsModel
from ui import style

NO_SUPPLIER = "(no supplier)"           # core's name for the products without one (core/policy/plan.py)
SUPPLIER_ROLE = Qt.ItemDataRole.UserRole          # a supplier's name; None for 'All suppliers'
ORDER_ROLE = Qt.ItemDataRole.UserRole + 1         # its SupplierOrder (a PlanData summary for 'All suppliers')
(CODE, NAME, ON_HAND, ON_ORDER, REORDER_POINT, ORDER_UP_TO, SUGGESTED, ORDER, VALUE, RUNS_OUT, LOST_MARGIN,
 NOTE) = range(12)
WARNING_STYLE = ("QLabel { background: #fdecea; color: #7a1c1c; border: 1px solid #f1b5b0; border-radius: 4px; "
                 "padding: 6px 8px; }")
CUT_COLOUR = style.CAUTION


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrdersPage", text)


# ---- numbers as the owner reads them


def money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def lost_money(value: float, *, short: bool = False) -> str:
    """An expected lost margin: a cut that costs a fraction of a penny is not 'nothing'."""
    if 0 < value < 0.005:
        return "<0.01" if short else _tr("under 0.01")
    return money(value)


def units(value: float | None) -> str:
    """A quantity as core's explanations write it: whole where it is whole or large, else one decimal."""
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 or abs(value) >= 100 else f"{value:,.1f}"


def short_day(day: str | None, *, weekday: bool = True) -> str:
    """'Wed 25 Nov' (or '25 Nov'); blank when unknown."""
    if not day:
        return ""
    return day_month_text(day, weekday=weekday)


def lines_from_suppliers(data: PlanData) -> str:
    """'15 lines from 2 suppliers', '1 line from 1 supplier'."""
    lines = sum(1 for r in data.lines if r.to_order)
    suppliers = sum(1 for s in data.suppliers if s.lines)
    line_words = _tr("1 line") if lines == 1 else _tr("{n} lines").format(n=f"{lines:,}")
    return (_tr("{lines} from 1 supplier") if suppliers == 1 else _tr("{lines} from {s} suppliers")).format(
        lines=line_words, s=f"{suppliers:,}")


def line_note(row: OrderLineRow) -> str:
    """What happened to the suggestion: the owner's own quantity, a cut, a top-up."""
    if row.adjusted:
        return _tr("Yours: {reason}").format(reason=row.reason)
    if row.cut:
        return _tr("Cut from {before}").format(before=units(row.suggested_qty))
    if row.raised:
        return _tr("Raised from {before} to reach the supplier's minimum").format(before=units(row.suggested_qty))
    return ""


def note_tooltip(row: OrderLineRow) -> str:
    if row.cut:
        text = _tr("Cut from {before} to {after} to fit the budget or the supplier's terms").format(
            before=units(row.suggested_qty), after=units(row.order_qty))
        if row.lost_margin > 0:
            text += _tr("; expected lost margin {money} (sales the cut is likely to lose, at their margin)").format(
                money=lost_money(row.lost_margin))
        return text
    return line_note(row)


def order_tooltip(row: OrderLineRow) -> str:
    if row.adjusted:
        return _tr("Your own quantity (suggested: {suggested}). Reason: {reason}").format(
            suggested=units(row.suggested_qty), reason=row.reason)
    return _tr("Double-click to put in your own quantity")


def order_columns() -> list[Column[OrderLineRow]]:
    cut = (lambda r: r.cut)
    return [
        Column(_tr("Code"), lambda r: r.sku, lambda r: r.sku.casefold(), highlight=cut),
        Column(_tr("Description"), lambda r: r.name, tooltip=lambda r: f"{r.name} — {r.supplier}", highlight=cut),
        Column(_tr("On\nhand"), lambda r: units(r.on_hand), lambda r: r.on_hand, numeric=True, highlight=cut),
        Column(_tr("On\norder"), lambda r: units(r.on_order), lambda r: r.on_order, numeric=True, highlight=cut),
        Column(_tr("Reorder\npoint"), lambda r: units(r.reorder_point), lambda r: r.reorder_point, numeric=True,
               highlight=cut, tooltip=lambda r: _tr("Order when the stock on hand and on order is below this")),
        Column(_tr("Order\nup to"), lambda r: units(r.order_up_to), lambda r: r.order_up_to, numeric=True,
               highlight=cut, tooltip=lambda r: _tr("An order brings the stock on hand and on order up to this")),
        Column(_tr("Sug-\ngested"), lambda r: units(r.suggested_qty), lambda r: r.suggested_qty, numeric=True,
               highlight=cut, tooltip=lambda r: _tr("What the reorder levels ask for, in whole packs")),
        Column(_tr("Order"), lambda r: units(r.order_qty), lambda r: r.order_qty, numeric=True, highlight=cut,
               bold=lambda r: r.adjusted, tooltip=order_tooltip, edit_value=lambda r: r.order_qty),
        Column(_tr("Value"), lambda r: money(r.order_value), lambda r: r.order_value, numeric=True, highlight=cut),
        Column(_tr("Runs\nout"), lambda r: short_day(r.stockout_date, weekday=False),
               lambda r: r.stockout_date or "9999", highlight=cut,
               tooltip=lambda r: day_text(r.stockout_date) if r.stockout_date else _tr("Lasts beyond the forecast")),
        Column(_tr("Lost\nmargin"), lambda r: lost_money(r.lost_margin, short=True) if r.lost_margin > 0 else "",
               lambda r: r.lost_margin, numeric=True, highlight=cut, tooltip=lambda r: _tr(
                   "Expected lost margin: the sales this cut is likely to lose, at their margin") if r.lost_margin > 0
               else ""),
        Column(_tr("Note"), line_note, highlight=cut, bold=lambda r: r.adjusted, tooltip=note_tooltip),
    ]


class PlanLinesModel(RowsModel[OrderLineRow]):
    """The cached lines of one plan; the Order column is editable (see RowsModel.edit_requested)."""

    def __init__(self, parent=None):
        super().__init__(order_columns(), parent)


class PlanLinesFilter(RowFilterProxy):
    """One supplier or all; lines to order (and the owner's own) unless every product is asked for; search text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.supplier: str | None = None
        self.show_all = False
        self.search = ""

    def update(self, *, supplier: str | None | bool = False, show_all: bool | None = None,
               search: str | None = None) -> None:
        if supplier is not False:
            self.supplier = supplier
        if show_all is not None:
            self.show_all = show_all
        if search is not None:
            self.search = search.strip().casefold()
        self.set_filter(self._accepts_line)

    def _accepts_line(self, row: OrderLineRow) -> bool:
        if self.supplier is not None and row.supplier != self.supplier:
            return False
        if not (self.show_all or row.to_order or row.adjusted):
            return False
        return not self.search or self.search in row.sku.casefold() or self.search in row.name.casefold()


LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
WRAPPED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


class SupplierDelegate(QStyledItemDelegate):
    """A supplier in three parts: its name and order value, when to order, and core's sentence on the order."""

    MARGIN = 8

    def _lines(self, index: QModelIndex) -> tuple[str, str, str, str, bool]:
        order = index.data(ORDER_ROLE)
        if isinstance(order, SupplierOrder):
            when = (_tr("Order by {day}").format(day=short_day(order.order_date)) if order.order_date else "")
            count = (_tr("nothing ordered") if order.lines == 0 else _tr("1 line") if order.lines == 1 else
                     _tr("{n} lines").format(n=order.lines))
            return (order.name, money(order.value), " · ".join(p for p in (when, count) if p), order.note, order.cut)
        if isinstance(order, PlanData):
            lines = sum(1 for r in order.lines if r.to_order)
            return (_tr("All suppliers"), money(order.total), lines_from_suppliers(order), "", False)
        return (index.data() or "", "", "", "", False)

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return max(width - 2 * self.MARGIN, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        name, _value, when, note, _cut = self._lines(index)
        metrics = option.fontMetrics
        height = 2 * self.MARGIN - 4 + metrics.height() * (2 if when else 1)
        if note:
            height += metrics.boundingRect(QRect(0, 0, self._width(option), 10_000), WRAPPED, note).height() + 2
        return QSize(self._width(option), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        name, value, when, note, cut = self._lines(index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(self.MARGIN, self.MARGIN - 2, -self.MARGIN, -self.MARGIN + 2)
        metrics = option.fontMetrics
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        line = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        painter.drawText(line, RIGHT, value)
        value_width = painter.fontMetrics().horizontalAdvance(value) + 12 if value else 0
        painter.drawText(line.adjusted(0, 0, -value_width, 0), LEFT,
                         painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - value_width))
        painter.setFont(option.font)
        top = line.bottom() + 1
        if when:
            painter.setPen(quiet)
            painter.drawText(QRect(rect.left(), top, rect.width(), metrics.height()), LEFT, when)
            top += metrics.height()
        if note:
            painter.setPen(text_colour if selected else (palette.color(QPalette.ColorRole.Text) if not cut else
                                                          CUT_COLOUR))
            painter.drawText(QRect(rect.left(), top + 2, rect.width(), rect.bottom() - top), WRAPPED, note)
        painter.restore()
