"""File ▸ Settings…: the shop's own settings. How ShelfWise orders (service levels, costs, alert thresholds, the
policy), and the codes in sales files that are not products."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel,
                               QPlainTextEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from ui import operations
from ui.jobs import JobRunner, ProgressPanel

CLASSES = ("A", "B", "C")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def codes_from_text(text: str) -> list[str]:
    """One code a line; blank lines dropped (the save also drops repeats)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def policy_words() -> dict[str, tuple[str, str]]:
    """policy -> (its name, what it does in plain words)."""
    return {
        "shelfwise": (_tr("ShelfWise (recommended)"), _tr(
            "Keeps enough safety stock for the service level of each product's class, from its own forecast and "
            "lead time, and orders in amounts that balance the cost of ordering against the cost of holding "
            "stock.")),
        "optimal": (_tr("Optimal (s,S)"), _tr(
            "Works out the exact lowest-cost reorder point (s) and order-up-to level (S) for each product from its "
            "forecast, its holding cost, the order cost and the service level. Slower on big shops.")),
        "minmax": (_tr("Min-max"), _tr(
            "The rule of thumb: reorder when stock falls below 2 weeks of average sales, and order up to 4 weeks. "
            "Easy to check by hand, but it knows nothing of trends, seasons or promotions.")),
    }


def percent_box(parent: QWidget, low: float, high: float, decimals: int = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setMinimumWidth(110)
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSuffix(" %")
    box.setSingleStep(0.5)
    return box


def money_box(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setMinimumWidth(110)
    box.setRange(0, 1_000_000)
    box.setDecimals(2)
    box.setGroupSeparatorShown(True)
    return box


def compact_form(parent: QWidget | None = None) -> QFormLayout:
    """Labels on the left, boxes at their own size (a percentage needs no half a window)."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def days_box(parent: QWidget, low: int = 1, high: int = 3650) -> QSpinBox:
    box = QSpinBox(parent)
    box.setMinimumWidth(110)
    box.setRange(low, high)
    box.setSuffix(_tr(" days"))
    return box


class OrderingSettings(QWidget):
    """The ordering settings as the owner sets them; `changes()` gives PolicySettings' fields (core checks them)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel(self.tr("How ShelfWise decides when and how much to order. The next plan uses these "
                               "settings."), self)
        intro.setWordWrap(True)

        self.service = {abc: percent_box(self, 1.0, 100.0) for abc in CLASSES}
        service_group = QGroupBox(self.tr("Service level"), self)
        service_text = QLabel(self.tr(
            "The chance that a product is still on the shelf when the next delivery arrives. Higher means fewer "
            "empty shelves and more stock; each step towards 100% costs more than the one before."), self)
        service_text.setWordWrap(True)
        service_form = compact_form()
        service_form.addRow(service_text)
        for abc, meaning in zip(CLASSES, (self.tr("the products that bring in 80% of the sales value"),
                                          self.tr("the next 15%"), self.tr("the last 5%"))):
            self.service[abc].setToolTip(meaning)
            service_form.addRow(self.tr("Class {abc} ({meaning})").format(abc=abc, meaning=meaning),
                                self.service[abc])
        service_group.setLayout(service_form)

        self.holding_rate = percent_box(self, 0.0, 200.0)
        self.holding_rate.setToolTip(self.tr("What a year on the shelf costs, as a share of what the product cost you: "
                                             "money tied up, space, breakage, going out of date"))
        self.order_cost = money_box(self)
        self.order_cost.setToolTip(self.tr("What placing one order with a supplier costs: your time, delivery"))
        self.line_cost = money_box(self)
        self.line_cost.setToolTip(self.tr("What one more product on an order adds: checking it in, shelving"))
        self.default_lead_time = QDoubleSpinBox(self)
        self.default_lead_time.setMinimumWidth(110)
        self.default_lead_time.setRange(0, 365)
        self.default_lead_time.setDecimals(0)
        self.default_lead_time.setSuffix(self.tr(" days"))
        self.default_lead_time.setToolTip(self.tr("Used where neither the product nor its supplier says how long a "
                                                  "delivery takes"))
        costs_group = QGroupBox(self.tr("Costs"), self)
        costs_form = compact_form(costs_group)
        costs_form.addRow(self.tr("Holding cost, a year"), self.holding_rate)
        costs_form.addRow(self.tr("Cost of an order"), self.order_cost)
        costs_form.addRow(self.tr("Cost of an order line"), self.line_cost)
        costs_form.addRow(self.tr("Delivery time where not known"), self.default_lead_time)

        self.overstock_days = days_box(self)
        self.overstock_days.setToolTip(self.tr("Alert when the stock lasts longer than this at the forecast's pace"))
        self.dead_stock_days = days_box(self)
        self.dead_stock_days.setToolTip(self.tr("Alert when a product in stock has not sold for this long"))
        alerts_group = QGroupBox(self.tr("Alerts"), self)
        alerts_form = compact_form(alerts_group)
        alerts_form.addRow(self.tr("Overstock: more cover than"), self.overstock_days)
        alerts_form.addRow(self.tr("Dead stock: no sale for"), self.dead_stock_days)

        self.policy = QComboBox(self)
        for key, (name, _meaning) in policy_words().items():
            self.policy.addItem(name, key)
        self.policy_text = QLabel(self)
        self.policy_text.setWordWrap(True)
        self.policy_text.setStyleSheet("color: #555555;")
        self.policy.currentIndexChanged.connect(self._policy_changed)
        policy_group = QGroupBox(self.tr("Policy"), self)
        policy_layout = QVBoxLayout(policy_group)
        policy_layout.addWidget(self.policy)
        policy_layout.addWidget(self.policy_text)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(service_group)
        layout.addWidget(costs_group)
        layout.addWidget(alerts_group)
        layout.addWidget(policy_group)
        layout.addStretch(1)
        self._policy_changed()

    def _policy_changed(self, _index: int = 0) -> None:
        self.policy_text.setText(policy_words().get(self.policy.currentData(), ("", ""))[1])

    def show_settings(self, settings) -> None:
        """Fill in a PolicySettings."""
        for abc in CLASSES:
            self.service[abc].setValue(round(settings.service_by_class.get(abc, 0.9) * 100, 1))
        self.holding_rate.setValue(round(settings.holding_rate * 100, 1))
        self.order_cost.setValue(settings.order_cost)
        self.line_cost.setValue(settings.line_cost)
        self.default_lead_time.setValue(settings.default_lead_time)
        self.overstock_days.setValue(int(settings.overstock_days))
        self.dead_stock_days.setValue(int(settings.dead_stock_days))
        index = self.policy.findData(settings.policy)
        self.policy.setCurrentIndex(max(index, 0))

    def changes(self) -> dict:
        """The fields of PolicySettings this tab sets (the budget is the Orders page's)."""
        return {
            "service_by_class": {abc: round(self.service[abc].value() / 100, 4) for abc in CLASSES},
            "holding_rate": round(self.holding_rate.value() / 100, 4),
            "order_cost": self.order_cost.value(),
            "line_cost": self.line_cost.value(),
            "default_lead_time": self.default_lead_time.value(),
            "overstock_days": self.overstock_days.value(),
            "dead_stock_days": self.dead_stock_days.value(),
            "policy": self.policy.currentData(),
        }


class SettingsDialog(QDialog):
    """Reads the shop's settings in the background, and saves them the same way."""

    saved = Signal(list)     # the codes as stored (the ordering settings were stored too)

    def __init__(self, shop_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.shop_path = Path(shop_path)
        self.runner = JobRunner(self)
        self.setWindowTitle(self.tr("Settings — {shop}").format(shop=self.shop_path.name))
        self.tabs = QTabWidget(self)
        self.ordering = OrderingSettings(self)
        self.ordering.setEnabled(False)
        self.tabs.addTab(self.ordering, self.tr("Ordering"))

        codes_tab = QWidget(self)
        title = QLabel(self.tr("Codes that are not products"), codes_tab)
        title.setStyleSheet("font-weight: bold;")
        explanation = QLabel(self.tr(
            "Sales files often have lines that are not things on a shelf: postage, fees, discounts, vouchers. "
            "Lines with these product codes are set aside when sales are imported, so they are never counted "
            "or forecast as products.\n\n"
            "One code a line; capitals or not makes no difference. A * stands for any characters: ADJUST* "
            "matches ADJUST, ADJUST-1 and ADJUSTMENT; *FEE matches AMAZONFEE and POSTFEE.\n\n"
            "The list is used by the next import; sales already imported stay as they are."), codes_tab)
        explanation.setWordWrap(True)
        self.codes = QPlainTextEdit(codes_tab)
        self.codes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.codes.setPlaceholderText(self.tr("POST\nDISCOUNT\nVOUCHER*"))
        self.codes.setEnabled(False)
        self.defaults_button = QPushButton(self.tr("Use the standard list"), codes_tab)
        self.defaults_button.setToolTip(self.tr("Put back the list ShelfWise starts with (saved only when you press "
                                                "Save)"))
        self.defaults_button.clicked.connect(lambda: self.codes.setPlainText("\n".join(DEFAULT_NON_PRODUCT_CODES)))
        self.defaults_button.setEnabled(False)
        codes_layout = QVBoxLayout(codes_tab)
        codes_layout.addWidget(title)
        codes_layout.addWidget(explanation)
        codes_layout.addWidget(self.codes, 1)
        codes_layout.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(codes_tab, self.tr("Not products"))

        self.progress = ProgressPanel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(580, 680)
        self.runner.start("settings-load", partial(operations.load_settings, self.shop_path), success=self._loaded)

    def _loaded(self, loaded: tuple[list[str], object]) -> None:
        codes, policy = loaded
        self.codes.setPlainText("\n".join(codes))
        self.ordering.show_settings(policy)
        for widget in (self.codes, self.defaults_button, self.save_button, self.ordering):
            widget.setEnabled(True)

    def save(self) -> None:
        """Both tabs at once; a value core refuses (a service level of 100%) stores nothing and says why."""
        if self.runner.is_running("settings-save"):
            return
        self.save_button.setEnabled(False)
        self.runner.start("settings-save", partial(operations.save_settings, self.shop_path,
                                                   codes_from_text(self.codes.toPlainText()),
                                                   self.ordering.changes()),
                          success=self._saved, finished=lambda: self.save_button.setEnabled(True),
                          progress=self.progress)

    def _saved(self, codes: list[str]) -> None:
        self.saved.emit(codes)
        self.accept()

    def reject(self) -> None:
        if self.runner.is_running("settings-save"):
            return            # a save in progress finishes (it is one quick transaction) and closes the dialog
        self.runner.cancel_all()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.is_running("settings-save"):
            event.ignore()
            return
        super().closeEvent(event)
