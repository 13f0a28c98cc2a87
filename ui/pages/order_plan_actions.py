"""What the owner does with the plan on the Orders page: make the draft purchase orders from it (asking once for the
shop's details they carry), and put in their own quantity for a line (with a reason) or go back to the suggestion;
each runs in the background through core/services and the page shows the plan that follows. A mixin of the page:
its texts keep the page's translation context (OrdersPage)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from core.services import plan as plan_service
from core.services import purchase_orders as purchase_orders_service
from core.services import shop as shop_service
from core.services.plan import OrderLineRow
from ui.dialogs.adjust_dialog import AdjustDialog
from ui.dialogs.shop_details_dialog import ShopDetailsDialog

PLAN_JOB = "orders-plan"       # every job that makes the page's plan (plan, own quantity, reset, budget): one at a time
CREATE_JOB = "orders-create-purchase-orders"


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrdersPage", text)


class OrderPlanActions:
    """The Orders page's actions on its plan (`self.data`), mixed into OrdersPage, which gives the shop, the runner,
    the progress panel, the selected supplier and line, and `_run` (plan again in the background)."""

    # ---- purchase orders
    def create_purchase_orders(self) -> None:
        """The plan's orders as drafts: for the supplier chosen on the left, or for every supplier. The first time,
        where the shop's name, address or e-mail is missing, they are asked for once (they go on every order)."""
        if self.data is None or self.shop_path is None or self.runner.is_running(CREATE_JOB) \
                or self.runner.is_running(PLAN_JOB):
            return
        self.runner.start(CREATE_JOB, partial(shop_service.shop_details_to_ask, self.shop_path),
                          success=self._details_checked, progress=self.progress)

    def _details_checked(self, details) -> None:
        if details is None:
            self._create_orders()
            return
        self.details_dialog = ShopDetailsDialog(details, self)
        self.details_dialog.buttons.accepted.connect(partial(self._details_given, self.details_dialog))
        self.details_dialog.rejected.connect(partial(self._details_given, None))
        self.details_dialog.show()

    def _details_given(self, dialog: "ShopDetailsDialog | None") -> None:
        """Saved (dialog) or not now (None): either way not asked again, and the orders are made."""
        if dialog is not None:
            dialog.buttons.setEnabled(False)
        self.runner.start(CREATE_JOB, partial(shop_service.complete_shop_details, self.shop_path,
                                              details=dialog.values() if dialog is not None else None),
                          success=lambda _details: (dialog.accept() if dialog is not None else None,
                                                    self._create_orders()),
                          failure=lambda error: dialog.refused(str(error)) if dialog is not None else None)

    def _create_orders(self) -> None:
        if self.data is None or self.shop_path is None:
            return
        self.runner.start(CREATE_JOB, partial(purchase_orders_service.create_purchase_orders, self.shop_path, plan=self.data.plan,
                                              supplier=self.selected_supplier()),
                          success=partial(self._orders_created, self.shop_path),
                          finished=self._update_buttons, progress=self.progress)
        self.progress.label.setText(_tr("Making the draft purchase orders…"))
        self._update_buttons()

    def _orders_created(self, shop_path: Path, made) -> None:
        if shop_path == self.shop_path:
            self.orders_created.emit(made)

    # ---- the owner's own quantities
    def ask_quantity(self, row: OrderLineRow | None, qty: float | None = None) -> AdjustDialog | None:
        if row is None or self.data is None or self.shop_path is None or self.runner.is_running(PLAN_JOB):
            return None
        if self.adjust_dialog is not None:
            self.adjust_dialog.deleteLater()
        self.adjust_dialog = AdjustDialog(row, row.order_qty if qty is None else qty, self.data.plan_date, self)
        self.adjust_dialog.accepted.connect(partial(self._quantity_given, self.adjust_dialog, self.data.plan_date))
        self.adjust_dialog.open()
        return self.adjust_dialog

    def _quantity_given(self, dialog: AdjustDialog, plan_date) -> None:
        qty, reason = dialog.values()
        self._run(partial(plan_service.adjust_and_plan, self.shop_path, plan_date=plan_date, sku=dialog.row.sku,
                          qty=qty, reason=reason, plan=self.data),
                  _tr("Keeping your quantity and planning again…"))

    def reset_line(self) -> None:
        row = self.selected_line()
        if row is None or not row.adjusted or self.data is None:
            return
        self._run(partial(plan_service.reset_and_plan, self.shop_path, plan_date=self.data.plan_date, sku=row.sku,
                          plan=self.data),
                  _tr("Back to the suggestion, planning again…"))
