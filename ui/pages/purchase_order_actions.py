"""What the owner does to the chosen purchase order, for the Purchase orders page: change a draft's quantities, mark
it sent, receive the goods (all or part), cancel it; print it, save it as PDF or Excel, hand it to the mail program;
and the drafts just made from the plan. One change and one document at a time, each in the background through
core/services; the page (ui/pages/purchase_orders_page.py) shows the result. A mixin of the page: its texts keep the
page's translation context (PurchaseOrdersPage)."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from core.documents.purchase_order import safe_file_name
from core.errors import UserError
from core.ordering.purchase_orders import PurchaseOrder
from core.services import documents as documents_service
from core.services import purchase_orders as purchase_orders_service
from core.services.documents import EmailDraft, OrderDocument
from ui import pdf
from ui.dialogs.po_dialogs import CancelDialog, ReceiveDialog
from ui.models.purchase_orders import OPEN_STATUSES, date_text
from ui.widgets import documents_folder

CHANGE_JOB = "purchase-orders-change"          # quantity, sent, received, cancelled: one change at a time
DOCUMENT_JOB = "purchase-orders-document"      # print, PDF, Excel, e-mail


def _tr(text: str) -> str:
    return QCoreApplication.translate("PurchaseOrdersPage", text)


class PurchaseOrderActions:
    """The page's actions on its chosen order (`self.order`), mixed into PurchaseOrdersPage, which gives the shop,
    the runner, the progress panel, the messages (_notify, _failed, _clear_messages) and the list (_load_list)."""

    # ---- changes (one at a time)
    def _change(self, fn, doing: str, done: Callable[[PurchaseOrder], str] | None = None) -> None:
        if self.shop_path is None or self.runner.is_running(CHANGE_JOB):
            return
        self._clear_messages()
        self.runner.start(CHANGE_JOB, fn, success=partial(self._changed, self.shop_path, done), failure=self._failed,
                          finished=self._update_buttons, progress=self.progress)
        self.progress.label.setText(doing)
        self._update_buttons()

    def _changed(self, shop_path: Path, done: Callable[[PurchaseOrder], str] | None, order: PurchaseOrder) -> None:
        if shop_path != self.shop_path:
            return
        if self.order is None or self.order.id == order.id:
            self._show_order(order)
        if done is not None:
            self._notify(done(order))
        self._wanted = order.id
        self._load_list()

    def change_quantity(self, sku: str, qty: float) -> None:
        """A new quantity for one line of the chosen order (core refuses it unless the order is a draft)."""
        order = self.order
        if order is None:
            return
        if order.editable and any(line.sku == sku and line.qty == qty for line in order.lines):
            return                                   # nothing changed
        self._change(partial(purchase_orders_service.set_purchase_order_qty, self.shop_path,
                             order_id=order.id, sku=sku, qty=qty),
                     _tr("Changing {sku} on {number}…").format(sku=sku, number=order.number))

    def mark_sent(self, order_id: int | None = None) -> None:
        """The order went to the supplier today."""
        order_id = order_id if order_id is not None else (self.order.id if self.order is not None else None)
        if order_id is None:
            return
        self._change(partial(purchase_orders_service.mark_purchase_order_sent, self.shop_path,
                             order_id=order_id, on=self.today()),
                     _tr("Marking the order as sent…"),
                     lambda order: _tr("{number} marked as sent on {day}; expected {expected}.").format(
                         number=order.number, day=date_text(order.sent_date),
                         expected=date_text(order.expected_date) or _tr("when it comes")))

    def _notice_mark_sent(self) -> None:
        if self._asking_for is not None:
            self.mark_sent(self._asking_for)

    def ask_receive(self) -> ReceiveDialog | None:
        order = self.order
        if order is None or order.status not in ("sent", "part-received") or self.runner.is_running(CHANGE_JOB):
            return None
        if self.receive_dialog is not None:
            self.receive_dialog.deleteLater()
        self.receive_dialog = ReceiveDialog(order, self.today(), self)
        self.receive_dialog.accepted.connect(partial(self._receive_given, self.receive_dialog))
        self.receive_dialog.open()
        return self.receive_dialog

    def _receive_given(self, dialog: ReceiveDialog) -> None:
        quantities, day = dialog.values()
        self._change(partial(purchase_orders_service.receive_purchase_order, self.shop_path, order_id=dialog.order.id,
                             quantities=quantities, on=day),
                     _tr("Putting the goods on the shelf…"), self._received_text)

    def _received_text(self, order: PurchaseOrder) -> str:
        if order.status == "received":
            return _tr("{number} is all in (received {day}): the goods are on the shelf.").format(
                number=order.number, day=date_text(order.received_date))
        coming = sum(1 for line in order.lines if line.outstanding > 0)
        return (_tr("Received against {number}; 1 line is still to come.") if coming == 1 else
                _tr("Received against {number}; {n} lines are still to come.")).format(number=order.number,
                                                                                           n=coming)

    def ask_cancel(self) -> CancelDialog | None:
        order = self.order
        if order is None or order.status not in OPEN_STATUSES or self.runner.is_running(CHANGE_JOB):
            return None
        if self.cancel_dialog is not None:
            self.cancel_dialog.deleteLater()
        self.cancel_dialog = CancelDialog(order, self)
        self.cancel_dialog.accepted.connect(partial(self._cancel_given, self.cancel_dialog))
        self.cancel_dialog.open()
        return self.cancel_dialog

    def _cancel_given(self, dialog: CancelDialog) -> None:
        self._change(partial(purchase_orders_service.cancel_purchase_order, self.shop_path, order_id=dialog.order.id,
                             reason=dialog.reason_text()),
                     _tr("Cancelling the order…"),
                     lambda order: _tr("{number} is cancelled.").format(number=order.number))

    # ---- documents: print, PDF, Excel, e-mail
    def _document(self, fn, doing: str, success) -> None:
        if self.shop_path is None or self.order is None or self.runner.is_running(DOCUMENT_JOB):
            return
        self._clear_messages()
        self.runner.start(DOCUMENT_JOB, fn, success=success, failure=self._failed, finished=self._update_buttons,
                          progress=self.progress)
        self.progress.label.setText(doing)
        self._update_buttons()

    def _ask_path(self, title: str, suffix: str, file_filter: str) -> Path | None:
        order = self.order
        folder = self.save_folder or documents_folder()
        start = folder / f"{safe_file_name(f'{order.number} {order.supplier}')}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(start), file_filter)
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.save_folder = path.parent
        return path

    def save_pdf(self) -> None:
        if self.order is None:
            return
        path = self._ask_path(_tr("Save purchase order as PDF"), ".pdf", _tr("PDF files (*.pdf)"))
        if path is None:
            return
        order = self.order
        self._document(partial(documents_service.save_purchase_order_pdf, self.shop_path,
                               order_id=order.id, path=path, pdf=pdf),
                       _tr("Writing {file}…").format(file=path.name), partial(self._saved, order))

    def save_xlsx(self) -> None:
        if self.order is None:
            return
        path = self._ask_path(_tr("Save purchase order as Excel"), ".xlsx",
                              _tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        order = self.order
        self._document(partial(documents_service.save_purchase_order_xlsx, self.shop_path, order_id=order.id, path=path),
                       _tr("Writing {file}…").format(file=path.name), partial(self._saved, order))

    def _saved(self, order: PurchaseOrder, path: Path) -> None:
        self._notify(_tr("Saved {number} as {path}.").format(number=order.number, path=path),
                     ask_sent_for=self._fresh(order), folder=Path(path).parent)

    def email_order(self) -> None:
        order = self.order
        if order is None:
            return
        self._document(partial(documents_service.email_purchase_order, self.shop_path, order_id=order.id,
                               folder=self.mail_folder(), pdf=pdf),
                       _tr("Preparing the e-mail to {supplier}…").format(supplier=order.supplier),
                       partial(self._email_written, order))

    def _email_written(self, order: PurchaseOrder, draft: EmailDraft) -> None:
        self.last_email = draft
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.path))):
            text = _tr("{number} is open in your mail program as a message to {supplier} with the PDF "
                           "attached: check it and press Send there.").format(number=draft.number,
                                                                              supplier=order.supplier)
        elif QDesktopServices.openUrl(QUrl(draft.mailto)):
            text = _tr("Your mail program opened a message to {supplier} with the order written out (a link "
                           "cannot carry the PDF: it is at {path}, to attach).").format(supplier=order.supplier,
                                                                                       path=draft.path)
        else:
            self._failed(UserError(_tr("No mail program opened the message to {supplier}.").format(
                supplier=order.supplier), hint=_tr("It is saved at {path}: open it, or attach the PDF to a "
                                                       "message of your own.").format(path=draft.path)))
            return
        self._notify(text, ask_sent_for=self._fresh(order), folder=draft.path.parent)

    def print_order(self) -> None:
        order = self.order
        if order is None:
            return
        self._document(partial(documents_service.purchase_order_document, self.shop_path, order_id=order.id),
                       _tr("Laying out {number}…").format(number=order.number),
                       partial(self._show_preview, order))

    def _show_preview(self, order: PurchaseOrder, document: OrderDocument) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = pdf.preview_dialog(document.html, self, footer=document.footer, title=document.title)
        self.preview.finished.connect(partial(self._preview_closed, order))
        self.preview.open()

    def _preview_closed(self, order: PurchaseOrder, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self._notify(_tr("{number} went to the printer.").format(number=order.number),
                         ask_sent_for=self._fresh(order))

    def _fresh(self, order: PurchaseOrder) -> PurchaseOrder:
        """The order as last shown, where it is still the one on screen (its status may have moved on)."""
        return self.order if self.order is not None and self.order.id == order.id else order

    # ---- from the Orders page
    def show_created(self, made) -> None:
        """Drafts just made from the plan (core's DraftsMade): listed with the first one chosen."""
        created, extended = list(made.created), list(made.extended)
        self._clear_messages()
        if self.statuses() is not None and "draft" not in self.statuses():
            self.status_filter.blockSignals(True)
            self.set_status_filter("all")
            self.status_filter.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.supplier() is not None and self.supplier() not in {order.supplier for order in created + extended}:
            self.supplier_filter.blockSignals(True)
            self.set_supplier_filter(None)
            self.supplier_filter.blockSignals(False)
        numbers = ", ".join(order.number for order in created)
        text = ""
        if len(created) == 1:
            text = _tr("Made draft {numbers}.").format(numbers=numbers)
        elif created:
            text = _tr("Made {n} drafts: {numbers}.").format(n=len(created), numbers=numbers)
        if extended:
            text += " " + _tr("Added what is not on order yet to draft {numbers}.").format(
                numbers=", ".join(order.number for order in extended))
        text = text.strip() + " " + _tr("Check each, then print, save or e-mail it.")
        if made.skipped:
            text += " " + " ".join(made.skipped)
        unassigned = list(getattr(made, "unassigned", []))
        if unassigned:
            shown = ", ".join(unassigned[:5]) + (", …" if len(unassigned) > 5 else "")
            text += " " + _tr("{n} products to order have no supplier and are on no order ({codes}): assign a "
                                  "supplier on the Products page.").format(n=f"{len(unassigned):,}", codes=shown)
        self._notify(text)
        self._wanted = (created or extended)[0].id if (created or extended) else None
        self._load_list()
