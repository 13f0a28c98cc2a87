"""A sales summary with no date column, whose file name says the period it covers: a till's item sales summary for a
month (`items-2024-03-01-2024-04-01.csv`, `Sales by item March 2024.xlsx`), a week (`sales_2024-W05.csv`) or a day's
Z report (`Z-report 2024-03-15.csv`). Each row is then the product's total for that period: the sheet gains a column
holding the period (`Month`, `Week commencing`, `Date`), visible in the wizard's preview and said in the report, which
the import reads as any such column. A name that holds no period, or more than one, leaves the sheet as it is (and the
import asks for a date column, as before).
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from core.i18n import _
from core.importing.fields import guess_fields
from core.importing.mapping import _MONTHS, _period_range, period_of_header

_ISO = r"(?:19|20|21)\d{2}[-_.]\d{2}[-_.]\d{2}"
_DMY = r"\d{2}[-_.]\d{2}[-_.](?:19|20|21)\d{2}"
# two days: 2024-03-01-2024-04-01, 2024-03-01_to_2024-03-31, 01.03.2024-31.03.2024
_TWO_DAYS = re.compile(rf"(?P<a>{_ISO}|{_DMY})(?:\s*(?:[-_~]|to|_to_|至)\s*)(?P<b>{_ISO}|{_DMY})", re.IGNORECASE)
_ONE_DAY = re.compile(rf"(?<![\d])(?:{_ISO}|{_DMY})(?![\d])")
_MONTH_WORD = r"(?:" + "|".join(sorted({k for k in _MONTHS if k.isalpha()}, key=len, reverse=True)) + r")[a-z]*"
_MONTH = re.compile(r"(?<![\d])(?:19|20|21)\d{2}[-_.]?(?:0[1-9]|1[0-2])(?![\d])|"
                    rf"(?<![A-Za-z]){_MONTH_WORD}[\s_\-']*(?:19|20|21)\d{{2}}(?!\d)|(?:19|20|21)\d{{2}}[\s_\-]*{_MONTH_WORD}(?![a-z])|"
                    r"(?:19|20|21)\d{2}年\d{1,2}月", re.IGNORECASE)
_WORD_DAY = re.compile(rf"(?<![\d])\d{{1,2}}(?:st|nd|rd|th)?[\s_\-]*{_MONTH_WORD}[\s_\-,]*(?:19|20|21)\d{{2}}(?!\d)",
                       re.IGNORECASE)
_DAY_WORDS = rf"\d{{1,2}}(?:st|nd|rd|th)?[\s_\-]*{_MONTH_WORD}(?:[\s_\-,]*(?:19|20|21)\d{{2}})?|" \
             rf"{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*(?:19|20|21)\d{{2}})?"
# '1 March 2024 - 31 March 2024', 'Mar 1 - Mar 31, 2024', '1 - 7 January 2024' is not read (no month on its first day)
_WORD_RANGE = re.compile(rf"(?<![\d\w])(?:{_DAY_WORDS})\s*(?:-|–|to|until|through|~)\s*(?:{_DAY_WORDS})(?![\d\w])",
                         re.IGNORECASE)
_WEEK = re.compile(r"(?:19|20|21)\d{2}[-_\s]?W\d{1,2}\b|\bW(?:ee)?k?\s*\d{1,2}[-_\s]+(?:19|20|21)\d{2}\b", re.IGNORECASE)


def _day(text: str) -> dt.date | None:
    text = re.sub(r"[_.]", "-", text)
    try:
        if re.match(r"\d{4}", text):
            return dt.date.fromisoformat(text)
        d, m, y = text.split("-")
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def period_in_name(name: str) -> tuple[str, dt.date, dt.date] | None:
    """(unit, first day, text found) of the one period a file name names; None where it names none or several."""
    found = []
    for match in _TWO_DAYS.finditer(name):
        start, end = _day(match.group("a")), _day(match.group("b"))
        if start is None or end is None or end < start:
            continue
        month_end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
        if start.day == 1 and end in (month_end, month_end + dt.timedelta(days=1)):   # the end day given or the next
            found.append(("month", start, match.group(0)))
        elif (end - start).days in (6, 7):
            found.append(("week", start, match.group(0)))
        elif start == end or (end - start).days == 1:
            found.append(("day", start, match.group(0)))
        else:
            return None                       # ten days, a quarter: no one period
    rest = _TWO_DAYS.sub(" ", name)
    for match in _WORD_RANGE.finditer(rest):
        ranged = _period_range(match.group(0), True)
        if ranged is None:
            return None                       # a span that is no week or month
        found.append((ranged[1], ranged[0], match.group(0)))
    rest = _WORD_RANGE.sub(" ", rest)
    for match in _ONE_DAY.finditer(rest):
        day = _day(match.group(0))
        if day is not None:
            found.append(("day", day, match.group(0)))
    rest = _ONE_DAY.sub(" ", rest)
    for match in _WORD_DAY.finditer(rest):                  # '1 Mar 2024': a day, not March
        try:
            day = pd.Timestamp(pd.to_datetime(re.sub(r"[_\-]", " ", match.group(0)), dayfirst=True)).date()
        except (ValueError, OverflowError):
            continue
        found.append(("day", day, match.group(0)))
    rest = _WORD_DAY.sub(" ", rest)
    for match in _WEEK.finditer(rest):
        text = re.sub(r"[_]", " ", match.group(0)).strip()
        period = period_of_header(re.sub(r"(?i)^(\d{4})[-\s]?w", r"\1-W", text))
        if period is not None and period[1] == "week":
            found.append(("week", period[0], match.group(0)))
    rest = _WEEK.sub(" ", rest)
    for match in _MONTH.finditer(rest):
        text = match.group(0).replace("_", " ").strip()
        words = re.findall(r"[A-Za-z]+", text)
        if words and words[0][:3].lower() not in _MONTHS:
            continue
        year = re.search(r"\d{4}", text).group(0)
        period = period_of_header(re.sub(r"\s+", " ", text)) or (
            period_of_header(f"{words[0][:3]} {year}") if words else None)
        if period is None and re.fullmatch(r"\d{4}[-_.]?\d{2}", match.group(0)):
            digits = re.sub(r"\D", "", match.group(0))
            period = (dt.date(int(digits[:4]), int(digits[4:]), 1), "month")
        if period is not None and period[1] == "month":
            found.append(("month", period[0], match.group(0)))
    if len({(unit, first) for unit, first, _t in found}) != 1:
        return None
    return found[0]


def date_from_name(raw, kind: str):
    """`raw` with a period column from its file's name (see the module); unchanged where it has a date column of its
    own, is a grid of periods, or the name holds no single period."""
    from core.importing.mapping import detect_periods, measured_periods, relative_periods

    if kind != "sales" or raw.frame.empty:
        return raw
    columns = list(raw.columns)
    if "date" in guess_fields(columns, kind).values() or len(detect_periods(columns)[0]) >= 2 or \
            relative_periods(columns) or measured_periods(columns)[0]:
        return raw                      # a date of its own, or a grid of periods (dated, undated or measured)
    # the file's name, else its title rows ('Sales by Item, 1 March 2024 - 31 March 2024'), else its sheet's name
    sources = [("name", raw.path.stem), ("title", getattr(raw, "title", "")), ("sheet", raw.sheet or "")]
    found = next(((said, period) for said, text in sources if text for period in [period_in_name(text)] if period),
                 None)
    if found is None:
        return raw
    said, (unit, first, text) = found
    column, value = {"month": ("Month", first.strftime("%Y-%m")),
                     "week": ("Week commencing", first.isoformat()),
                     "day": ("Date", first.isoformat())}[unit]
    if column in raw.columns:
        return raw
    frame = raw.frame.copy()
    frame.insert(0, column, value)
    notes = list(raw.notes)
    what = {"month": _("the month {month}"), "week": _("the week from {day}"),
            "day": _("the day {day}")}[unit].format(month=first.strftime("%Y-%m"), day=first.isoformat())
    notes.append(_("{file} has no date column: its name says it covers {what} ('{text}'), so each row is a product's "
                   "total for it (column '{column}').").format(file=raw.path.name, what=what, text=text, column=column)
                 if said == "name" else
                 _("{where} has no date column: its title says it covers {what} ('{text}'), so each row is a product's "
                   "total for it (column '{column}').").format(where=raw.where, what=what, text=text, column=column)
                 if said == "title" else
                 _("{where} has no date column: its sheet's name says it covers {what} ('{text}'), so each row is a "
                   "product's total for it (column '{column}').").format(where=raw.where, what=what, text=text,
                                                                          column=column))
    return type(raw)(raw.path, raw.sheet, raw.header_row, [column, *raw.columns], frame, raw.row_numbers,
                     encoding=raw.encoding, delimiter=raw.delimiter, notes=notes, title=raw.title)


def count_date_from_name(raw, kind: str, today: dt.date | None = None):
    """A stock count with no date column whose file name, title rows or sheet name says when it was taken
    ('stocktake 2024-03-31.xlsx', 'Stock at 31 March 2024'): that day, in a 'Count date' column (a month's or a
    week's name is its close, or today where it has not closed yet). Taken as today's instead, the sales between the
    count and the import were never taken off it: the shelf looked fuller than it was."""
    from core.importing.mapping import detect_periods

    if kind != "stock" or raw.frame.empty:
        return raw
    columns = list(raw.columns)
    if "date" in guess_fields(columns, kind).values() or len(detect_periods(columns)[0]) >= 2:
        return raw
    sources = [("name", raw.path.stem), ("title", getattr(raw, "title", "")), ("sheet", raw.sheet or "")]
    found = next(((said, period) for said, text in sources if text for period in [period_in_name(text)] if period),
                 None)
    if found is None or "Count date" in raw.columns:
        return raw
    said, (unit, first, text) = found
    close = {"day": first, "week": first + dt.timedelta(days=6),
             "month": (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()}[unit]
    day = min(close, today or dt.date.today())
    frame = raw.frame.copy()
    frame.insert(0, "Count date", day.isoformat())
    where = raw.path.name if said == "name" else raw.where
    notes = list(raw.notes)
    notes.append((_("{where} has no date column: its name says when the stock was counted ('{text}'): {day} "
                    "(column 'Count date').") if said == "name" else
                  _("{where} has no date column: its title or sheet says when the stock was counted ('{text}'): {day} "
                    "(column 'Count date').")).format(where=where, text=text, day=day.isoformat()))
    return type(raw)(raw.path, raw.sheet, raw.header_row, ["Count date", *raw.columns], frame, raw.row_numbers,
                     encoding=raw.encoding, delimiter=raw.delimiter, notes=notes, title=raw.title)
