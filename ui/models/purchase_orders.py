"""The Purchase orders page's tables: the orders, one product's order history and one order's lines (a draft's
quantity editable), their columns, and the statuses, dates and lead times in the owner's words."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt

from core.ordering.purchase_orders import PurchaseOrder, PurchaseOrderLine
from core.services.purchase_orders import ProductOrderRow, PurchaseOrderRow
from ui.i18n import day_text
from ui.models.order_lines import money
from ui.table_models import Column, RowsModel, number

OPEN_STATUSES = ("draft", "sent", "part-received")   # core.ordering.purchase_orders.OPEN_STATUSES (a test checks)
(NUMBER, SUPPLIER, STATUS, ORDERED, EXPECTED, LINES, TOTAL, RECEIVED, LEAD_TIME, LATE) = range(10)
(H_NUMBER, H_SUPPLIER, H_STATUS, H_ORDERED, H_EXPECTED, H_RECEIVED, H_QTY, H_IN, H_COST, H_TOTAL) = range(10)
(L_CODE, L_DESCRIPTION, L_QTY, L_PACK, L_COST, L_TOTAL, L_RECEIVED) = range(7)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PurchaseOrdersPage", text)


def status_text(status: str) -> str:
    return {"draft": _tr("Draft"), "sent": _tr("Sent"), "part-received": _tr("Part-received"),
            "received": _tr("Received"), "cancelled": _tr("Cancelled")}.get(status, status)


def status_filters() -> dict[str, tuple[str, tuple[str, ...] | None]]:
    """The status filter's choices: key -> (its name, the statuses core is asked for; None: every one)."""
    return {
        "all": (_tr("All orders"), None),
        "open": (_tr("Open (not all in)"), tuple(OPEN_STATUSES)),
        "draft": (_tr("Drafts"), ("draft",)),
        "sent": (_tr("Sent"), ("sent",)),
        "part-received": (_tr("Part-received"), ("part-received",)),
        "received": (_tr("Received"), ("received",)),
        "cancelled": (_tr("Cancelled"), ("cancelled",)),
    }


def date_text(day: str | dt.date | None) -> str:
    return day_text(day) if day else ""


def lead_time_text(days: float | None) -> str:
    if days is None:
        return ""
    return _tr("1 day") if days == 1 else _tr("{n} days").format(n=number(days))


def lateness_text(days: float | None) -> str:
    """Core's days late as words: '3 late', 'on time', '2 early'; blank until the order is in."""
    if days is None:
        return ""
    if days > 0:
        return _tr("{n} late").format(n=number(days))
    if days < 0:
        return _tr("{n} early").format(n=number(-days))
    return _tr("on time")


# ---- the tables


def order_columns() -> list[Column[PurchaseOrderRow]]:
    cancelled = (lambda r: r.status == "cancelled")
    return [
        Column(_tr("Number"), lambda r: r.number, lambda r: r.id, muted=cancelled, tooltip=lambda r: r.notes),
        Column(_tr("Supplier"), lambda r: r.supplier, muted=cancelled),
        Column(_tr("Status"), lambda r: status_text(r.status), muted=cancelled),
        Column(_tr("Ordered"), lambda r: date_text(r.order_date), lambda r: r.order_date or "", muted=cancelled,
               tooltip=lambda r: _tr("Sent on {day}").format(day=date_text(r.sent_date)) if r.sent_date else ""),
        Column(_tr("Expected"), lambda r: date_text(r.expected_date), lambda r: r.expected_date or "",
               muted=cancelled),
        Column(_tr("Lines"), lambda r: number(r.lines), lambda r: r.lines, numeric=True, muted=cancelled),
        Column(_tr("Total"), lambda r: money(r.value), lambda r: r.value, numeric=True, muted=cancelled,
               tooltip=lambda r: f"{money(r.value)} {r.currency}".strip()),
        Column(_tr("Received"), lambda r: date_text(r.received_date), lambda r: r.received_date or "",
               muted=cancelled),
        Column(_tr("Lead time"), lambda r: lead_time_text(r.lead_time_days),
               lambda r: -1 if r.lead_time_days is None else r.lead_time_days, numeric=True, muted=cancelled,
               tooltip=lambda r: _tr("Days from the order to the delivery") if r.lead_time_days is not None else ""),
        Column(_tr("Days late"), lambda r: lateness_text(r.days_late),
               lambda r: -10_000 if r.days_late is None else r.days_late, numeric=True, muted=cancelled,
               tooltip=lambda r: _tr("Days after the expected delivery that it came") if r.days_late is not None
               else ""),
    ]


def history_columns() -> list[Column[ProductOrderRow]]:
    cancelled = (lambda r: r.status == "cancelled")
    return [
        Column(_tr("Number"), lambda r: r.number, lambda r: r.id, muted=cancelled),
        Column(_tr("Supplier"), lambda r: r.supplier, muted=cancelled),
        Column(_tr("Status"), lambda r: status_text(r.status), muted=cancelled),
        Column(_tr("Ordered"), lambda r: date_text(r.order_date), lambda r: r.order_date or "", muted=cancelled),
        Column(_tr("Expected"), lambda r: date_text(r.expected_date), lambda r: r.expected_date or "",
               muted=cancelled),
        Column(_tr("Received"), lambda r: date_text(r.received_date), lambda r: r.received_date or "",
               muted=cancelled),
        Column(_tr("Qty"), lambda r: number(r.qty), lambda r: r.qty, numeric=True, muted=cancelled),
        Column(_tr("In"), lambda r: number(r.received_qty), lambda r: r.received_qty, numeric=True, muted=cancelled,
               tooltip=lambda r: _tr("Units received so far")),
        Column(_tr("Unit cost"), lambda r: money(r.unit_cost), lambda r: r.unit_cost, numeric=True, muted=cancelled),
        Column(_tr("Line total"), lambda r: money(r.line_total), lambda r: r.line_total, numeric=True,
               muted=cancelled),
    ]


def line_columns() -> list[Column[PurchaseOrderLine]]:
    return [
        Column(_tr("Supplier code"), lambda l: l.code, tooltip=lambda l: _tr("Our code: {sku}").format(sku=l.sku)),
        Column(_tr("Description"), lambda l: l.description, tooltip=lambda l: l.description),
        Column(_tr("Qty"), lambda l: number(l.qty), lambda l: l.qty, numeric=True, edit_value=lambda l: l.qty),
        Column(_tr("Pack"), lambda l: number(l.pack), lambda l: l.pack, numeric=True),
        Column(_tr("Unit cost"), lambda l: money(l.unit_cost), lambda l: l.unit_cost, numeric=True),
        Column(_tr("Line total"), lambda l: money(l.line_total), lambda l: l.line_total, numeric=True),
        Column(_tr("Received"), lambda l: number(l.received_qty), lambda l: l.received_qty, numeric=True),
    ]


class OrdersModel(RowsModel[PurchaseOrderRow]):
    def __init__(self, parent=None):
        super().__init__(order_columns(), parent)


class ProductHistoryModel(RowsModel[ProductOrderRow]):
    def __init__(self, parent=None):
        super().__init__(history_columns(), parent)


class PurchaseOrderLinesModel(RowsModel[PurchaseOrderLine]):
    """One order's lines; the quantity can be edited while the order is a draft (the page stores it via core)."""

    def __init__(self, parent=None):
        super().__init__(line_columns(), parent)
        self.editable = False

    def set_order(self, order: PurchaseOrder | None) -> None:
        self.editable = order is not None and order.editable
        self.set_rows(order.lines if order is not None else [])

    def flags(self, index):
        flags = super().flags(index)
        return flags if self.editable else flags & ~Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        return self.editable and super().setData(index, value, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and self.editable:
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == L_QTY:
                return _tr("Double-click to change the quantity")
            if role == Qt.ItemDataRole.DisplayRole and index.column() == L_RECEIVED:
                return ""                               # a draft: nothing can have come yet
        return super().data(index, role)
