"""The Purchase orders page: every order of the shop (by status, by supplier, or every order of one product) and the
chosen order in full: its lines (a draft's quantities can be changed), one click to print it, save it as PDF or
Excel, or hand it to the mail program, and its life after that: sent, received (all or part), cancelled.

Every read and write runs in the background (core/services/); the page only shows what core says."""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QItemSelection, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from core.services.changes import PRODUCTS, STOCK, SUPPLIERS
from core.errors import UserError
from core.ordering.purchase_orders import PurchaseOrder
from core.services import purchase_orders as purchase_orders_service
from core.services.documents import EmailDraft
from core.services.purchase_orders import ProductOrderRow, PurchaseOrderRow, PurchaseOrdersData
from ui.jobs import JobRunner, ProgressPanel
from ui.models.order_lines import WARNING_STYLE
from ui.dialogs.po_dialogs import CancelDialog, ReceiveDialog
from ui.table_models import ROW_ROLE
from ui.models.purchase_orders import (  # noqa: F401 - the tests read these from the page too
    OPEN_STATUSES, NUMBER, SUPPLIER, STATUS, ORDERED, EXPECTED, LINES, TOTAL, RECEIVED, LEAD_TIME, LATE, H_NUMBER,
    H_SUPPLIER, H_STATUS, H_ORDERED, H_EXPECTED, H_RECEIVED, H_QTY, H_IN, H_COST, H_TOTAL, L_CODE, L_DESCRIPTION,
    L_QTY, L_PACK, L_COST, L_TOTAL, L_RECEIVED, _tr, status_text, status_filters, date_text, lead_time_text,
    lateness_text, order_columns, history_columns, line_columns, OrdersModel, ProductHistoryModel,
    PurchaseOrderLinesModel)
from ui.pages.shop_page import ShopPage
from ui.widgets import content_or_note, documents_folder, page_layout, row_table, shop_writable, splitter
from ui.widgets.order_detail import OrderDetail
from ui.pages.purchase_order_actions import CHANGE_JOB, DOCUMENT_JOB, PurchaseOrderActions  # noqa: F401
from ui import messages

LIST_JOB = "purchase-orders-list"
DETAIL_JOB = "purchase-orders-detail"
NOTICE_STYLE = ("QFrame#notice { background: #eef4fb; border: 1px solid #c5d7ee; border-radius: 4px; }"
                "QFrame#notice QLabel { background: transparent; }")


def default_mail_folder() -> Path:
    """Where e-mail drafts (.eml) are written for the mail program to open: Documents/ShelfWise/E-mail drafts, a
    folder the owner can find (the notice offers Open folder)."""
    return documents_folder() / "E-mail drafts"


# ---- the page


class PurchaseOrdersPage(PurchaseOrderActions, ShopPage, QWidget):
    """The shop's purchase orders and the chosen one in full."""

    # What its lines show; orders it changes itself, and drafts made on the Orders page, it shows as they come.
    WATCHES = frozenset({PRODUCTS, SUPPLIERS, STOCK})


    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.shop_path: Path | None = None
        self.data: PurchaseOrdersData | None = None
        self.order: PurchaseOrder | None = None
        self.today: Callable[[], dt.date] = dt.date.today       # the day an order is sent or goods arrive
        self.mail_folder: Callable[[], Path] = default_mail_folder
        self.save_folder: Path | None = None                    # where the last PDF or workbook went
        self.receive_dialog: ReceiveDialog | None = None
        self.cancel_dialog: CancelDialog | None = None
        self.preview: QDialog | None = None
        self.last_email: EmailDraft | None = None
        self._wanted: int | None = None                          # the order to choose once the list is read
        self._reload_detail = False
        self._asking_for: int | None = None                      # the order the notice asks to mark as sent

        self.orders_model = OrdersModel(self)
        self.history_model = ProductHistoryModel(self)
        self.lines_model = PurchaseOrderLinesModel(self)
        self.lines_model.edit_requested.connect(lambda line, _column, value: self.change_quantity(line.sku,
                                                                                                  float(value)))

        self._build_filters()
        self._build_messages()
        list_box = self._build_list()
        self._build_order_widgets()
        detail = self.detail
        self.splitter = splitter(self, Qt.Orientation.Vertical, [list_box, detail], [270, 430], [2, 3])
        self.stack, self.empty = content_or_note(self, self.splitter)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.status_filter)
        top.addWidget(self.supplier_filter)
        top.addWidget(self.search)
        page_layout(self, top, self.error, self.notice, self.progress, self.stack)
        self._show_order(None)
        self._show_empty(self.tr("No shop is open."))

    # ---- building the page (in the order its widgets are made: the tab order follows it)
    def _build_filters(self) -> None:
        """The heading and the filters: status, supplier, a product's code."""
        self.heading = QLabel(self.tr("Purchase orders"), self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.status_filter = QComboBox(self)
        for key, (name, _statuses) in status_filters().items():
            self.status_filter.addItem(name, key)
        self.status_filter.setToolTip(self.tr("Show the orders in one state"))
        self.status_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.supplier_filter = QComboBox(self)
        self.supplier_filter.addItem(self.tr("All suppliers"), None)
        self.supplier_filter.setMinimumWidth(170)
        self.supplier_filter.setToolTip(self.tr("One supplier's orders: how long each took to come and how late"))
        self.supplier_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Product code ⏎: its orders"))
        self.search.setToolTip(self.tr("Type a product code and press Enter to see every order of that product"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(190)
        self.search.returnPressed.connect(self._filters_changed)
        self.search.textChanged.connect(lambda text: self._filters_changed() if not text.strip() and
                                        self.data is not None and self.data.product else None)

    def _build_messages(self) -> None:
        """Trouble (red) and what happened (blue, with Mark sent / Not yet / Open folder), and the progress."""
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(WARNING_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(False)
        self.notice = QFrame(self)
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice_label = QLabel(self.notice)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_sent_button = QPushButton(self.tr("Mark sent"), self.notice)
        self.notice_sent_button.clicked.connect(self._notice_mark_sent)
        self.notice_later_button = QPushButton(self.tr("Not yet"), self.notice)
        self.notice_later_button.clicked.connect(self._clear_notice)
        self.notice_folder_button = QPushButton(self.tr("Open folder"), self.notice)
        self.notice_folder_button.setToolTip(self.tr("Show the folder the file was saved in"))
        self.notice_folder_button.clicked.connect(self.open_notice_folder)
        self.notice_folder: Path | None = None
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(8, 4, 6, 4)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(self.notice_folder_button)
        notice_layout.addWidget(self.notice_sent_button)
        notice_layout.addWidget(self.notice_later_button)
        self.notice.setVisible(False)
        self.progress = ProgressPanel(self)

    def _build_list(self) -> QWidget:
        """The orders, or one product's order history, under a heading."""
        self.list_heading = QLabel(self)
        self.list_heading.setStyleSheet("font-weight: bold;")
        day = max(self.fontMetrics().horizontalAdvance(date_text(dt.date(2000, 12, 28))) + 16, 90)   # any language
        self.orders_table = row_table(self, self.orders_model, {NUMBER: 92, STATUS: 100, ORDERED: day, EXPECTED: day,
                                                                LINES: 50, TOTAL: 90, RECEIVED: day, LEAD_TIME: 76,
                                                                LATE: 80}, stretch=SUPPLIER, single=True)
        self.history_table = row_table(self, self.history_model, {H_NUMBER: 92, H_STATUS: 100, H_ORDERED: day,
                                                                  H_EXPECTED: day, H_RECEIVED: day, H_QTY: 64, H_IN: 64,
                                                                  H_COST: 80, H_TOTAL: 90},
                                       stretch=H_SUPPLIER, single=True)
        for table in (self.orders_table, self.history_table):
            table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)     # core's: newest first
            table.setSortingEnabled(True)
            table.setWordWrap(False)
            table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.orders_table)
        self.list_stack.addWidget(self.history_table)
        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_heading)
        list_layout.addWidget(self.list_stack, 1)
        return list_box

    def _build_order_widgets(self) -> None:
        """The chosen order (ui/widgets/order_detail.py): its words, actions, lines and total."""
        self.detail = OrderDetail(self.lines_model, self)
        for name in ("title", "status_badge", "facts", "notes", "print_button", "pdf_button", "xlsx_button",
                     "email_button", "sent_button", "receive_button", "cancel_button", "lines_table", "total",
                     "edit_hint"):
            setattr(self, name, getattr(self.detail, name))
        for button, slot in ((self.print_button, self.print_order), (self.pdf_button, self.save_pdf),
                             (self.xlsx_button, self.save_xlsx), (self.email_button, self.email_order),
                             (self.sent_button, self.mark_sent), (self.receive_button, self.ask_receive),
                             (self.cancel_button, self.ask_cancel)):
            button.clicked.connect(lambda _checked=False, slot=slot: slot())

    # ---- the shop
    def set_shop(self, shop_path: Path | None) -> None:
        if shop_path != self.shop_path:
            for kind in (LIST_JOB, DETAIL_JOB, CHANGE_JOB, DOCUMENT_JOB):
                self.runner.cancel(kind, supersede=True)
            self.data = None
            self.orders_model.set_rows([])
            self.history_model.set_rows([])
            self._clear_messages()
            self._show_order(None)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.shop_path = shop_path
        self.refresh()

    def refresh(self) -> None:
        """Read the orders again (the shop changed elsewhere), and the chosen order with them."""
        self._reload_detail = True
        self._load_list()


    # ---- the list
    def statuses(self) -> tuple[str, ...] | None:
        return status_filters().get(self.status_filter.currentData(), ("", None))[1]

    def supplier(self) -> str | None:
        return self.supplier_filter.currentData()

    def set_status_filter(self, key: str) -> None:
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(key), 0))

    def set_supplier_filter(self, name: str | None) -> None:
        index = self.supplier_filter.findData(name) if name is not None else 0
        if index < 0:                               # a supplier not listed yet (the list is read with the orders)
            self.supplier_filter.blockSignals(True)
            self.supplier_filter.addItem(name, name)
            self.supplier_filter.blockSignals(False)
            index = self.supplier_filter.count() - 1
        self.supplier_filter.setCurrentIndex(index)

    def show_product(self, sku: str) -> None:
        """Every order of one product (as typing its code and Enter does)."""
        self.search.setText(sku)
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._clear_error()
        self._load_list()

    def _load_list(self) -> None:
        if self.shop_path is None:
            self._show_empty(self.tr("No shop is open."))
            self._update_buttons()
            return
        product = self.search.text().strip() or None
        self.runner.start(LIST_JOB, partial(purchase_orders_service.load_purchase_orders, self.shop_path, supplier=self.supplier(),
                                            statuses=self.statuses(), product=product),
                          success=partial(self._listed, self.shop_path), failure=self._failed)

    def _listed(self, shop_path: Path, data: PurchaseOrdersData) -> None:
        if shop_path != self.shop_path:
            return
        self.data = data
        self.stack.setCurrentWidget(self.splitter)
        self._fill_suppliers(data.suppliers)
        searching = data.product is not None
        self.status_filter.setEnabled(not searching)
        self.supplier_filter.setEnabled(not searching)
        if searching:
            self.history_model.set_rows(data.history)
            self.list_stack.setCurrentWidget(self.history_table)
            name = f"{data.product} — {data.product_name}" if data.product_name else data.product
            self.list_heading.setText(
                self.tr("Orders of {product}: none yet").format(product=name) if not data.history else
                self.tr("Orders of {product}: 1 line").format(product=name) if len(data.history) == 1 else
                self.tr("Orders of {product}: {n} lines").format(product=name, n=len(data.history)))
            table, ids = self.history_table, [row.id for row in self.history_model.rows()]
        else:
            self.orders_model.set_rows(data.orders)
            self.list_stack.setCurrentWidget(self.orders_table)
            count = len(data.orders)
            words = (self.tr("no orders") if count == 0 else self.tr("1 order") if count == 1 else
                     self.tr("{n} orders").format(n=f"{count:,}"))
            what = status_filters()[self.status_filter.currentData()][0]
            self.list_heading.setText(f"{data.supplier or self.tr('All suppliers')} — {what}: {words}")
            table, ids = self.orders_table, [row.id for row in self.orders_model.rows()]
        wanted = self._wanted if self._wanted is not None else (self.order.id if self.order is not None else None)
        self._wanted = None
        if wanted in ids:
            self._select_row(table, ids.index(wanted))
        elif ids:
            self._select_row(table, 0)
        else:
            self.order = None
            self._show_order(None)
        self._reload_detail = False

    def _fill_suppliers(self, names: list[str]) -> None:
        current = self.supplier()
        self.supplier_filter.blockSignals(True)
        self.supplier_filter.clear()
        self.supplier_filter.addItem(self.tr("All suppliers"), None)
        for name in names:
            self.supplier_filter.addItem(name, name)
        index = self.supplier_filter.findData(current) if current is not None else 0
        self.supplier_filter.setCurrentIndex(max(index, 0))
        self.supplier_filter.blockSignals(False)

    def _select_row(self, table: QTableView, row: int) -> None:
        index = table.model().index(row, 0)
        if table.selectionModel().isRowSelected(row):
            self._order_chosen(index.data(ROW_ROLE).id)      # already chosen: selectionChanged will not come
        else:
            table.selectRow(row)
        table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _current_table(self) -> QTableView:
        return self.list_stack.currentWidget()

    def selected_row(self) -> PurchaseOrderRow | ProductOrderRow | None:
        table = self._current_table()
        rows = table.selectionModel().selectedRows()
        return table.model().data(rows[0], ROW_ROLE) if rows else None

    def select_order(self, order_id: int) -> bool:
        """Choose an order by its id (True if it is listed)."""
        table = self._current_table()
        for row in range(table.model().rowCount()):
            if table.model().index(row, 0).data(ROW_ROLE).id == order_id:
                self._select_row(table, row)
                return True
        return False

    def listed_numbers(self) -> list[str]:
        return [row.number for row in (self.orders_model.rows() if self.list_stack.currentWidget() is
                                       self.orders_table else self.history_model.rows())]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.sender() is not self._current_table().selectionModel():
            return
        row = self.selected_row()
        if row is not None:
            self._order_chosen(row.id)

    def _order_chosen(self, order_id: int) -> None:
        if self.order is not None and self.order.id == order_id and not self._reload_detail:
            return                                   # already shown, as core last said
        self.runner.start(DETAIL_JOB, partial(purchase_orders_service.load_purchase_order, self.shop_path, order_id=order_id),
                          success=partial(self._order_loaded, self.shop_path, order_id), failure=self._failed)

    def _order_loaded(self, shop_path: Path, order_id: int, order: PurchaseOrder) -> None:
        row = self.selected_row()
        if shop_path != self.shop_path or row is None or row.id != order_id:
            return
        self._show_order(order)

    # ---- the chosen order
    def _show_order(self, order: PurchaseOrder | None) -> None:
        self.order = order
        self.lines_model.set_order(order)
        empty = ""
        if order is None:
            no_orders = self.data is not None and not self.data.orders and not self.data.product and \
                self.statuses() is None and self.supplier() is None
            empty = self.tr(
                "No purchase orders yet. Plan on the Orders page, then press Create purchase orders: one draft per "
                "supplier comes here to check, print, save or e-mail.") if no_orders else \
                self.tr("Choose an order to see its lines.")
        self.detail.show_order(order, empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        order = self.order
        changing = self.runner.is_running(CHANGE_JOB) or not shop_writable()
        writing = self.runner.is_running(DOCUMENT_JOB)
        for button in (self.print_button, self.pdf_button, self.xlsx_button, self.email_button):
            button.setEnabled(order is not None and not writing)
        self.sent_button.setEnabled(order is not None and order.status == "draft" and not changing)
        self.receive_button.setEnabled(order is not None and order.status in ("sent", "part-received")
                                       and not changing)
        self.cancel_button.setEnabled(order is not None and order.status in OPEN_STATUSES and not changing)
        self.notice_sent_button.setEnabled(not changing)

    # ---- messages: trouble in red, what happened (and the question whether it was sent) in blue
    def _failed(self, error: UserError) -> None:
        self.error.setText(messages.error_text(error))
        self.error.setVisible(True)

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.setVisible(False)

    def _notify(self, text: str, *, ask_sent_for: PurchaseOrder | None = None, folder: Path | None = None) -> None:
        """A line on what was done; for a draft that just went out, the question whether to mark it sent; for a file
        written, Open folder."""
        self.notice_folder = folder
        self.notice_folder_button.setVisible(folder is not None)
        ask = ask_sent_for is not None and ask_sent_for.status == "draft"
        if ask:
            text += " " + self.tr("Mark {number} as sent?").format(number=ask_sent_for.number)
        self._asking_for = ask_sent_for.id if ask else None
        self.notice_label.setText(text)
        self.notice_sent_button.setVisible(ask)
        self.notice_later_button.setText(self.tr("Not yet") if ask else self.tr("OK"))
        self.notice.setVisible(True)

    def open_notice_folder(self) -> None:
        if self.notice_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.notice_folder)))

    def _clear_notice(self) -> None:
        self._asking_for = None
        self.notice.setVisible(False)

    def _clear_messages(self) -> None:
        self._clear_error()
        self._clear_notice()
