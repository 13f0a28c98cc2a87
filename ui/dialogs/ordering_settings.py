"""Settings ▸ Ordering: how ShelfWise decides when and how much to order (service levels by class, costs, lead time,
alert thresholds, the policy, the sales period), as the owner sets them; core checks them when they are saved."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox,
                               QVBoxLayout, QWidget)

from ui import style

CLASSES = ("A", "B", "C")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


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
        self.policy_text.setStyleSheet(style.text_css(style.DETAIL))
        self.policy.currentIndexChanged.connect(self._policy_changed)
        policy_group = QGroupBox(self.tr("Policy"), self)
        policy_layout = QVBoxLayout(policy_group)
        policy_layout.addWidget(self.policy)
        policy_layout.addWidget(self.policy_text)
        self.uncounted = QComboBox(self)
        self.uncounted.addItem(self.tr("Leave them out of orders until they are counted"), "count-first")
        self.uncounted.addItem(self.tr("Order them as if none were on the shelf"), "assume-none")
        self.uncounted.setToolTip(self.tr("Without a stock count nobody knows what is on the shelf: planning such "
                                          "products from 0 orders as if the shop were empty"))
        uncounted_row = QHBoxLayout()
        uncounted_row.addWidget(QLabel(self.tr("Products never counted:"), self))
        uncounted_row.addWidget(self.uncounted, 1)
        policy_layout.addLayout(uncounted_row)
        self.old_history = QComboBox(self)
        self.old_history.addItem(self.tr("Ask on the Orders page"), "")
        self.old_history.addItem(self.tr("Plan for today"), "today")
        self.old_history.addItem(self.tr("Plan as of the day they end"), "look-back")
        old_row = QHBoxLayout()
        old_row.addWidget(QLabel(self.tr("Sales that end long before today:"), self))
        old_row.addWidget(self.old_history, 1)
        policy_layout.addLayout(old_row)
        self.sales_period = QComboBox(self)
        self.sales_period.addItem(self.tr("As the imported sheets keep them"), "auto")
        self.sales_period.addItem(self.tr("Day by day"), "day")
        self.sales_period.addItem(self.tr("Week by week"), "week")
        self.sales_period.addItem(self.tr("Month by month"), "month")
        self.sales_period.setToolTip(self.tr("A shop whose sheets hold one total per week or per month is forecast "
                                             "and planned in weeks or months; choose here to decide yourself"))
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("Forecast and plan sales:"), self))
        period_row.addWidget(self.sales_period, 1)
        policy_layout.addLayout(period_row)

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
        self.uncounted.setCurrentIndex(max(self.uncounted.findData(settings.uncounted), 0))
        self.old_history.setCurrentIndex(max(self.old_history.findData(settings.old_history), 0))
        self.sales_period.setCurrentIndex(max(self.sales_period.findData(settings.sales_period), 0))

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
            "uncounted": self.uncounted.currentData(),
            "old_history": self.old_history.currentData(),
            "sales_period": self.sales_period.currentData(),
        }
