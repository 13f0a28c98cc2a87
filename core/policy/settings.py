"""What the owner decides about ordering: the service level per class, costs, and the alert thresholds.
Kept in the shop file (settings key 'policy') so the window, the command line and the replay agree."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb

SETTINGS_KEY = "policy"
POLICIES = ("shelfwise", "optimal", "minmax")
UNCOUNTED = ("count-first", "assume-none")
OLD_HISTORY = ("", "today", "look-back")   # a product never counted: wait for a count, or plan from 0 on the shelf
SALES_PERIODS = ("auto", "day", "week", "month")   # the unit the shop's sales are forecast in (auto: from imports)


@dataclass
class PolicySettings:
    service_by_class: dict[str, float] = field(default_factory=lambda: {"A": 0.98, "B": 0.95, "C": 0.90})
    service_level: float | None = None   # one target for every product (the command line's --service-level)
    holding_rate: float = 0.25           # holding cost per year as a share of the unit cost
    order_cost: float = 20.0             # cost of placing one order with a supplier (time, delivery)
    line_cost: float = 0.5               # extra cost of one more line on an order
    default_lead_time: float = 7.0       # days, where neither the product nor the supplier says
    overstock_days: int = 90             # alert: more than this many days of cover
    dead_stock_days: int = 60            # alert: stock but no sale in this many days
    budget: float | None = None          # this week's spend limit over every supplier, if any
    policy: str = "shelfwise"            # shelfwise (service level), optimal (exact (s, S)), minmax
    uncounted: str = "count-first"       # never counted: left out of orders until counted, or planned from 0
    old_history: str = ""                # sales ending long before today: "today" plans for today, "look-back" for
                                         # the day after they end, "" not asked yet (planned as look-back)
    sales_period: str = "auto"           # forecast and plan by day, week or month; auto: the unit of the imports

    def service_for(self, abc: str | None) -> float:
        if self.service_level is not None:
            return self.service_level
        return self.service_by_class.get(abc or "C", self.service_by_class.get("C", 0.90))

    def check(self) -> "PolicySettings":
        levels = list(self.service_by_class.values()) + ([self.service_level] if self.service_level is not None else [])
        for level in levels:
            if not 0.5 <= level < 1.0:
                raise UserError(_("A service level of {level:.1%} cannot be planned for.").format(level=level),
                                hint=_("Choose a service level from 50% to 99.9%."))
        if self.holding_rate <= 0 or self.order_cost < 0 or self.line_cost < 0:
            raise UserError(_("Holding cost must be above 0, and order costs cannot be negative."))
        if self.budget is not None and self.budget < 0:
            raise UserError(_("The budget cannot be negative."))
        if self.uncounted not in UNCOUNTED:
            raise UserError(_("There is no rule called '{uncounted}' for products never counted.").format(
                                uncounted=self.uncounted),
                            hint=_("Choose {choices}.").format(choices=", ".join(UNCOUNTED)))
        if self.old_history not in OLD_HISTORY:
            raise UserError(_("There is no choice called '{old_history}' for an old history.").format(
                                old_history=self.old_history),
                            hint=_("Choose today or look-back."))
        if self.sales_period not in SALES_PERIODS:
            raise UserError(_("There is no period called '{sales_period}'.").format(sales_period=self.sales_period),
                            hint=_("Choose {choices}.").format(choices=", ".join(SALES_PERIODS)))
        if self.policy not in POLICIES:
            raise UserError(_("There is no policy called '{policy}'.").format(policy=self.policy),
                            hint=_("Choose {choices}.").format(choices=", ".join(POLICIES)))
        return self


def load_policy_settings(shop: ShopDb) -> PolicySettings:
    stored = shop.get_setting(SETTINGS_KEY, {}) or {}
    known = {k: v for k, v in stored.items() if k in PolicySettings.__dataclass_fields__}
    return PolicySettings(**known)


def save_policy_settings(shop: ShopDb, settings: PolicySettings) -> None:
    data = asdict(settings.check())
    data.pop("service_level")   # a one-off target from the command line is never stored
    shop.set_setting(SETTINGS_KEY, data)
