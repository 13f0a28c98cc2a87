"""A supplier's order days, as a shop writes them: days of the week ("Mon,Thu"), days of the month ("1st,15th",
"last" for the month's last day), or both ("Mon,1st"); empty: any day.

One reading for every part of the program: the supplier form checks and tidies what the owner types
(`normalise`), the plan asks when the next order goes out and how long until the one after it (`calendar`), and
the replay how often orders go out on average (`average_review`).
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass

from core.errors import UserError
from core.i18n import _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHINESE_DAYS = {name: d for d, day in enumerate("一二三四五六日") for name in (f"周{day}", f"星期{day}")}
CHINESE_DAYS.update({"周天": 6, "星期天": 6})
LAST = 32                                   # "last": the month's last day, whatever its length
LAST_WORDS = {"last", "end", "月底", "月末", "最后一天"}
MONTHLY_WORDS = {"monthly", "once a month", "每月一次", "按月"}   # ordering once a month, no day named: the 1st
ANY_DAY_REVIEW = 7
_MONTH_DAY = re.compile(r"^(?:day)?(\d{1,2})(?:st|nd|rd|th|日|号|號)?$")


@dataclass(frozen=True)
class OrderDays:
    weekdays: frozenset[int] = frozenset()       # 0 = Monday
    month_days: frozenset[int] = frozenset()     # 1..31, LAST for the last day

    @property
    def any_day(self) -> bool:
        return not self.weekdays and not self.month_days

    def __str__(self) -> str:
        parts = [DAY_NAMES[d] for d in sorted(self.weekdays)]
        parts += ["last" if d == LAST else _ordinal(d) for d in sorted(self.month_days)]
        return ",".join(parts)

    def takes_orders_on(self, day: dt.date) -> bool:
        if self.any_day:
            return True
        if day.weekday() in self.weekdays:
            return True
        last = _calendar.monthrange(day.year, day.month)[1]
        return any(min(d, last) == day.day for d in self.month_days)   # the 31st is the 30th in a 30-day month


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse(text: str | None, *, strict: bool = True) -> OrderDays:
    """'mon, thursday' / '1st, 15th' / '周一' / '15号' / 'last' / 'monthly' (the 1st). A word that is none of these is refused with the
    word (strict), or skipped (strict=False: stored text from an import read by the plan)."""
    weekdays, month_days = set(), set()
    if (text or "").strip().lower() in MONTHLY_WORDS:
        return OrderDays(frozenset(), frozenset({1}))
    for part in re.split(r"[,;/，、；\s]+", (text or "").strip()):
        word = part.strip().lower().rstrip(".")
        if not word or word in ("day", "and", "every", "each", "of", "month", "the", "每月"):
            continue
        if part.strip() in CHINESE_DAYS:
            weekdays.add(CHINESE_DAYS[part.strip()])
            continue
        key = word[:3]
        if key in WEEKDAYS and FULL_DAY_NAMES[WEEKDAYS.index(key)].startswith(word):
            weekdays.add(WEEKDAYS.index(key))
            continue
        if word in LAST_WORDS:
            month_days.add(LAST)
            continue
        if word in MONTHLY_WORDS:           # "monthly" among other days ("Mon, monthly"): the 1st as well
            month_days.add(1)
            continue
        match = _MONTH_DAY.match(word.removeprefix("每月"))
        if match and 1 <= int(match.group(1)) <= 31:
            month_days.add(int(match.group(1)))
            continue
        if strict:
            raise UserError(_("“{word}” is not an order day: write days of the week as Mon, Tue, Wed, Thu, Fri, Sat, "
                              "Sun (e.g. Mon,Thu), days of the month as 1st, 15th or last (e.g. 1st,15th), monthly for the 1st, "
                              "or leave them empty for any day.").format(word=part.strip()))
    return OrderDays(frozenset(weekdays), frozenset(month_days))


def normalise(text: str | None) -> str:
    """What the owner typed, checked and tidied: 'mon, thursday' -> 'Mon,Thu'; '1, 15th' -> '1st,15th'."""
    return str(parse(text))


def next_order_days(days: OrderDays, start: dt.date, count: int = 2) -> list[dt.date]:
    """The next `count` days from `start` (itself included) on which the supplier takes orders."""
    out, day = [], start
    while len(out) < count:
        if days.takes_orders_on(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def calendar(text: str | None, plan_date: dt.date, any_day_review: int = ANY_DAY_REVIEW) -> tuple[int, int]:
    """(days until the next order day, days from it to the one after). A supplier who takes orders any day is
    reviewed every `any_day_review` days."""
    days = parse(text, strict=False)
    if days.any_day:
        return 0, any_day_review
    first, second = next_order_days(days, plan_date)
    return (first - plan_date).days, (second - first).days


def average_review(text: str | None, any_day_review: int = ANY_DAY_REVIEW) -> int:
    """Days between orders on average (over a year of order days): 'Mon,Thu' 4 (3.5), '1st' 30, '1st,15th' 15."""
    days = parse(text, strict=False)
    if days.any_day:
        return any_day_review
    start = dt.date(2025, 1, 1)
    year = [d for d in (start + dt.timedelta(days=k) for k in range(365)) if days.takes_orders_on(d)]
    return max(1, round(365 / len(year)))
