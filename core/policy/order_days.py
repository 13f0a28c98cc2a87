"""A supplier's order days, as a shop writes them: days of the week ("Mon,Thu"), days of the month ("1st,15th",
"last" for the month's last day), or both ("Mon,1st"); empty: any day. Days of the week may come in a cycle of
weeks ("every other Monday", "fortnightly", "every 3 weeks": stored "Mon,every 2 weeks", "every 2 weeks").

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
# days of the week as German, French and Spanish suppliers' lists write them (full and short), and 'Mondays'
OTHER_DAY_NAMES = {
    **{w: 0 for w in ("mo", "montag", "montags", "lun", "lundi", "lunes")},
    **{w: 1 for w in ("di", "dienstag", "dienstags", "mar", "mardi", "martes")},
    **{w: 2 for w in ("mi", "mittwoch", "mittwochs", "mer", "mercredi", "mié", "mie", "miércoles", "miercoles")},
    **{w: 3 for w in ("do", "donnerstag", "donnerstags", "jeu", "jeudi", "jue", "jueves")},
    **{w: 4 for w in ("fr", "freitag", "freitags", "ven", "vendredi", "vie", "viernes")},
    **{w: 5 for w in ("sa", "samstag", "samstags", "sam", "samedi", "sáb", "sab", "sábado", "sabado")},
    **{w: 6 for w in ("so", "sonntag", "sonntags", "dim", "dimanche", "dom", "domingo")},
}
# words that say any day (the shop then reviews weekly): 'weekly', 'daily', 'any day', 'täglich'
ANY_DAY_WORDS = {"any", "anyday", "daily", "weekly", "once", "a", "week", "per", "täglich", "wöchentlich", "每天",
                 "每周", "随时"}


def _weekday(word: str) -> int | None:
    """0-6 for a day of the week written in English (full, short or plural: 'Mondays'), German, French, Spanish."""
    word = word.lower().rstrip(".")
    for candidate in (word, word[:-1] if word.endswith("s") and len(word) > 4 else word):
        key = candidate[:3]
        if len(candidate) >= 2 and key in WEEKDAYS and FULL_DAY_NAMES[WEEKDAYS.index(key)].startswith(candidate):
            return WEEKDAYS.index(key)
        if candidate in OTHER_DAY_NAMES:
            return OTHER_DAY_NAMES[candidate]
    return None


# A cycle of weeks as suppliers write it: 'fortnightly', 'every other Tuesday', 'every 3 weeks', 'alle 14 Tage'
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6,
                 "zwei": 2, "drei": 3, "vier": 4, "deux": 2, "trois": 3, "quatre": 4, "dos": 2, "tres": 3,
                 "cuatro": 4, "两": 2, "二": 2, "三": 3, "四": 4}
_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_CYCLES = (
    (re.compile(r"\b(?:fortnightly|fortnight|bi-?weekly|zweiwöchentlich|vierzehntägig|14-?tägig|quincenal|"
                r"bimensual)\b|隔周|双周|每两周|每隔一周", re.I), 2),
    # 'every other Monday', 'every other week', 'alternate Tuesdays' (not 'every other month')
    (re.compile(r"\b(?:every\s+(?:other|second|alternate)|alternate)\s+(?:weeks?\b|(?=(?:mon(?!th)|tue|wed|thu|fri|sat|sun)))",
                re.I), 2),
    (re.compile(r"\b(?:tous\s+les\s+quinze\s+jours|une\s+semaine\s+sur\s+deux|alle\s+14\s+tage|"
                r"cada\s+15\s+d[ií]as|every\s+14\s+days)\b", re.I), 2),
    (re.compile(rf"\b(?:every|alle|toutes\s+les|cada)\s+({_NUMBER})\s*(?:weeks?|wks?|wochen|semaines|semanas)\b|"
                rf"\b({_NUMBER})[\s-]*(?:weekly|wöchentlich)\b|每({_NUMBER})周", re.I), None),
)
MAX_CYCLE_WEEKS = 8


def _cycle(text: str) -> tuple[int, str]:
    """(the weeks between order days, the text without the words that said so); 1 where no cycle is written."""
    for pattern, weeks in _CYCLES:
        match = pattern.search(text)
        if match:
            if weeks is None:
                word = next(g for g in match.groups() if g)
                weeks = _NUMBER_WORDS[word.lower()]
            return weeks, (text[:match.start()] + " " + text[match.end():]).strip()
    return 1, text


@dataclass(frozen=True)
class OrderDays:
    weekdays: frozenset[int] = frozenset()       # 0 = Monday
    month_days: frozenset[int] = frozenset()     # 1..31, LAST for the last day
    every_weeks: int = 1                         # the weekdays (or any day) come every this many weeks

    @property
    def any_day(self) -> bool:
        return not self.weekdays and not self.month_days

    def __str__(self) -> str:
        parts = [DAY_NAMES[d] for d in sorted(self.weekdays)]
        parts += ["last" if d == LAST else _ordinal(d) for d in sorted(self.month_days)]
        if self.every_weeks > 1:
            parts.append(f"every {self.every_weeks} weeks")
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
    word (strict), or skipped (strict=False: stored text from an import read by the plan). 'fortnightly', 'every
    other Tue', 'every 3 weeks' set the cycle of weeks."""
    text_as_written = (text or "").strip()
    weekdays, month_days = set(), set()
    if (text or "").strip().lower() in MONTHLY_WORDS:
        return OrderDays(frozenset(), frozenset({1}))
    every, text = _cycle(text or "")
    for ranged in re.finditer(r"([^\W\d_]+)\s*(?:-|–|\bto\b|\bbis\b|\bà\b)\s*([^\W\d_]+)", text):
        first, last = _weekday(ranged.group(1)), _weekday(ranged.group(2))
        if first is not None and last is not None:          # 'Mon-Fri', 'Monday to Friday', 'Mo-Fr'
            weekdays.update((first + k) % 7 for k in range((last - first) % 7 + 1))
            text = text.replace(ranged.group(0), " ")
    for part in re.split(r"[,;/，、；&+\s]+", text.strip()):
        word = part.strip().lower().rstrip(".")
        if not word or word in ("day", "days", "and", "und", "et", "y", "every", "each", "of", "month", "the", "on",
                                "每月") or word in ANY_DAY_WORDS:
            continue
        if part.strip() in CHINESE_DAYS:
            weekdays.add(CHINESE_DAYS[part.strip()])
            continue
        if _weekday(word) is not None:
            weekdays.add(_weekday(word))
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
                              "fortnightly or every 3 weeks (e.g. Tue fortnightly), or leave them empty for any day."
                              ).format(word=part.strip()))
    if every > 1 and (month_days or every > MAX_CYCLE_WEEKS):
        if strict:
            raise UserError(_("“{text}”: a cycle of weeks goes with days of the week (Tue fortnightly, every 3 weeks), "
                              "up to every {most} weeks, not with days of the month.").format(
                text=text_as_written, most=MAX_CYCLE_WEEKS))
        every = 1
    return OrderDays(frozenset(weekdays), frozenset(month_days), every)


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


def calendar(text: str | None, plan_date: dt.date, any_day_review: int = ANY_DAY_REVIEW,
             last_order: dt.date | None = None) -> tuple[int, int]:
    """(days until the next order day, days from it to the one after). A supplier who takes orders any day is
    reviewed every `any_day_review` days. `last_order`: the day the shop last sent this supplier an order, which
    tells the weeks of a cycle of weeks ('fortnightly')."""
    days = parse(text, strict=False)
    if days.every_weeks > 1:
        if last_order is not None and last_order <= plan_date:
            return _anchored_cycle_calendar(days, plan_date, last_order)
        return _cycle_calendar(days, plan_date)
    if days.any_day:
        return 0, any_day_review
    first, second = next_order_days(days, plan_date)
    return (first - plan_date).days, (second - first).days


def _anchored_cycle_calendar(days: OrderDays, plan_date: dt.date, last_order: dt.date) -> tuple[int, int]:
    """calendar() for order days every few weeks, the weeks told by the last order sent: its week is one of the
    supplier's (every `every_weeks` weeks from it), on the days named (any day: every cycle from the order's day)."""
    cycle = 7 * days.every_weeks
    if not days.weekdays:
        first = last_order + dt.timedelta(days=-(-(plan_date - last_order).days // cycle) * cycle)
        return (first - plan_date).days, cycle
    anchor = last_order - dt.timedelta(days=last_order.weekday())

    def takes(day: dt.date) -> bool:
        weeks = (day - dt.timedelta(days=day.weekday()) - anchor).days // 7
        return weeks % days.every_weeks == 0 and day.weekday() in days.weekdays

    found, day = [], plan_date
    while len(found) < 2:
        if takes(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return (found[0] - plan_date).days, (found[1] - found[0]).days


def _cycle_calendar(days: OrderDays, plan_date: dt.date) -> tuple[int, int]:
    """calendar() for order days that come every few weeks. Nothing says which weeks are the supplier's, so the
    next order day is taken to be in the coming one (the shop orders on it): the order after it is the next of the
    same week's days, or the first of them `every_weeks` weeks on. Any day every few weeks: an order today, the next
    one `every_weeks` weeks on."""
    cycle = 7 * days.every_weeks
    if not days.weekdays:
        return 0, cycle
    first = next_order_days(OrderDays(days.weekdays), plan_date, 1)[0]
    monday = first - dt.timedelta(days=first.weekday())
    later = [d for d in sorted(days.weekdays) if d > first.weekday()]
    second = monday + dt.timedelta(days=later[0]) if later else \
        monday + dt.timedelta(days=min(days.weekdays) + cycle)
    return (first - plan_date).days, (second - first).days


def average_review(text: str | None, any_day_review: int = ANY_DAY_REVIEW) -> int:
    """Days between orders on average (over a year of order days): 'Mon,Thu' 4 (3.5), '1st' 30, '1st,15th' 15."""
    days = parse(text, strict=False)
    if days.every_weeks > 1:
        return max(1, round(7 * days.every_weeks / max(len(days.weekdays), 1)))
    if days.any_day:
        return any_day_review
    start = dt.date(2025, 1, 1)
    year = [d for d in (start + dt.timedelta(days=k) for k in range(365)) if days.takes_orders_on(d)]
    return max(1, round(365 / len(year)))
