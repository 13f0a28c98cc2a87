"""Weekly and monthly totals in rows: a long sheet whose date column names a week or a month ('Month', 'Week
ending', 'Week commencing', or a 'Year' column beside a 'Month' or 'Week' number), as accounts packages and tills
export a period report (Month | Item | Qty sold).

Such a column is taken as the sales' date where no column names a day (core.importing.mapping.guess_mapping), and
its values are read as periods, each row's total stored on its period's first day, as a wide sheet's period
columns are: 'Jan-24' is January 2024 (a day parser reads it as 24 January of this year), '2024-W05' the Monday of
that ISO week, a week ending on Sunday 7 January 2024 the week from Monday 1 January, a month written as its last
day (31/01/2024) the month from 1 January. The shop's period is then found from the stored dates as for any sheet.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from core.i18n import _
from core.importing.fields import period_column, year_column  # noqa: F401  (the names read here)
from core.importing.mapping import _period_range, named_period, period_of_header
from core.importing.values import Parsed, code_text, is_empty_cell, parse_date

_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_WEEK_NAME = re.compile(r"(?:(\d{4})\s*[-,]?\s*)?(?:week|wk|w)\s*(\d{1,2})(?:\s*[-,/]?\s*(\d{4}))?", re.IGNORECASE)


def parse_period_dates(column: pd.Series, unit: str, end: bool, *, day_first: bool | None = None,
                       years: pd.Series | None = None) -> Parsed:
    """See _parse_period_dates; where the file's dates cannot tell day-first from month-first (01/01/2024,
    08/01/2024), a week column settles it: its weeks all start on one weekday."""
    if day_first is None and unit == "week":
        tries = [_parse_period_dates(column, unit, end, day_first=first, years=years) for first in (True, False)]
        weekdays = [len({int(d) for d in ((t.values[~np.isnat(t.values)].astype("datetime64[D]").astype("int64")
                                          + 3) % 7)}) for t in tries]
        return tries[0] if weekdays[0] <= weekdays[1] else tries[1]
    return _parse_period_dates(column, unit, end, day_first=day_first, years=years)


def _parse_period_dates(column: pd.Series, unit: str, end: bool, *, day_first: bool | None = None,
                        years: pd.Series | None = None) -> Parsed:
    """Each row's period as its first day (datetime64[s]): month or week names ('Jan-24', 'January 2024',
    '2024-01', '01/2024', '2024-W05'), dates (the period's first day, or its last where `end`), or numbers (a month
    1-12 or a week 1-53) with the year from `years`. A bare number without a year is not a period."""
    cells = column.astype(object).where(column.notna(), None).tolist()
    year_cells = years.astype(object).where(years.notna(), None).tolist() if years is not None else [None] * len(cells)
    seen: dict[tuple, dt.date | None] = {}
    rest: dict[tuple, object] = {}
    keys = []
    for year, value in zip(year_cells, cells):
        key = (_hashable(year), _hashable(value))
        keys.append(key)
        if key in seen:
            continue
        day = None if is_empty_cell(value) else _period_value(value, unit, year, day_first)
        seen[key] = day
        if day is None and not is_empty_cell(value) and _number(value) is None:
            rest[key] = value
    if rest:       # dates in any other form the day parser reads (Excel dates, '7 Jan 2024', '2024-01-07 00:00')
        parsed, _time = parse_date(pd.Series(list(rest.values()), dtype=object), day_first=day_first, serials=False)
        for key, stamp in zip(rest, parsed.values):
            if not np.isnat(stamp):
                seen[key] = _first_day(pd.Timestamp(stamp).date(), unit, end)
    values = np.array([np.datetime64(seen[k], "s") if seen[k] is not None else np.datetime64("NaT") for k in keys],
                      dtype="datetime64[s]")
    empty = np.array([is_empty_cell(v) for v in cells], dtype=bool)
    return Parsed(values, empty, np.isnat(values) & ~empty)


def _hashable(value: object) -> object:
    return value if value is None or isinstance(value, (str, int, float, dt.date)) else str(value)


def _period_value(value: object, unit: str, year: object, day_first: bool | None) -> dt.date | None:
    """One cell's period start where it names one (not a plain date: those go through the day parser)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return None
    number = _number(value)
    if number is not None:
        y = _number(year)
        if y is None or not 1900 <= y <= 2200:
            return None
        try:
            if unit == "month" and 1 <= number <= 12:
                return dt.date(int(y), int(number), 1)
            if unit == "week" and 1 <= number <= 53:
                return dt.date.fromisocalendar(int(y), int(number), 1)
        except ValueError:
            return None
        return None
    text = code_text(value).strip()
    if unit == "week":          # '2024/05', '2024-05', '202405', '5/2024' in a week column: week 5 of 2024, not May
        match = re.fullmatch(r"((?:19|20|21)\d{2})[-/.\s]?(\d{2})|((?:19|20|21)\d{2})[-/.\s](\d)|"
                             r"(\d{1,2})[-/.\s]((?:19|20|21)\d{2})", text)
        if match:
            year, week = (match.group(1), match.group(2)) if match.group(1) else \
                (match.group(3), match.group(4)) if match.group(3) else (match.group(6), match.group(5))
            try:
                return dt.date.fromisocalendar(int(year), int(week), 1)
            except ValueError:
                return None
    match = _MONTH_YEAR.fullmatch(text)
    if match and 1 <= int(match.group(1)) <= 12:
        return dt.date(int(match.group(2)), int(match.group(1)), 1)
    match = _WEEK_NAME.fullmatch(text)
    if match:
        week = int(match.group(2))
        y = match.group(1) or match.group(3) or (str(_number(year)) if _number(year) else None)
        if y is None or not 1 <= week <= 53:
            return None
        try:
            return dt.date.fromisocalendar(int(y), week, 1)
        except ValueError:
            return None
    match = re.fullmatch(r"(\d{2})[-\s']([A-Za-z]{3,9})", text) if unit == "month" else None
    if match and named_period(match.group(2)) is not None:     # '24-Jan' (Excel's yy-mmm) in a month column: 2024
        return dt.date(2000 + int(match.group(1)), named_period(match.group(2))[1], 1)
    y = _number(year)
    by_name = named_period(text) if y is not None and 1900 <= y <= 2200 else None
    if by_name is not None and by_name[0] == unit == "month":     # 'January' or 'Jan' beside a Year column: 2024
        return dt.date(y, by_name[1], 1)
    named = period_of_header(text, day_first is not False)
    if named is None or named[1] == "day":
        return None
    first, kind = named
    if unit == "month" or kind == "month":
        return first.replace(day=1)
    return first                                   # an ISO week: its Monday


def _first_day(day: dt.date, unit: str, end: bool) -> dt.date:
    if unit == "month":
        return day.replace(day=1)
    return day - dt.timedelta(days=6) if end else day


def _number(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if float(value).is_integer() else None
    text = str(value).strip()
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def describe(column: str, unit: str, end: bool, year: str | None) -> str:
    """The report's sentence on how the period column was read."""
    if year:
        return _("'{column}' with the year from '{year}' is read as each row's {unit}: each total is stored on the "
                 "{unit}'s first day.").format(column=column, year=year, unit=_("month") if unit == "month"
                                                else _("week"))
    if unit == "week" and end:
        return _("'{column}' is read as the last day of each row's week: each weekly total is stored on the week's "
                 "first day, six days before.").format(column=column)
    if unit == "week":
        return _("'{column}' is read as each row's week: each weekly total is stored on the day the week starts."
                 ).format(column=column)
    return _("'{column}' is read as each row's month: each monthly total is stored on the month's first day."
             ).format(column=column)


def period_values(column: pd.Series) -> tuple[str, str] | None:
    """(unit, 'start') where a date column, whatever its name, holds months or weeks written as such ('Jan-24',
    '2024-W05', 'January 2024') in at least 90% of its distinct filled cells; None otherwise (dates, or a mix)."""
    texts = [str(v).strip() for v in pd.unique(column.astype(object)) if not is_empty_cell(v)
             and isinstance(v, str)][:500]
    if len(texts) < 2:
        return None
    dated = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}.*|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}.*")   # plain days
    ranges = [_period_range(t, True) for t in texts]       # a week or a month as its first and last day
    found = [r if r is not None else None if dated.fullmatch(t) else period_of_header(t) for t, r in zip(texts, ranges)]
    named = [f for t, f, r in zip(texts, found, ranges) if f is not None and f[1] in ("month", "week")
             and (r is not None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", t))]
    if len(named) < 0.9 * len(texts):
        return None
    unit = max({u for _d, u in named}, key=[u for _d, u in named].count)
    days = [d for d, u in named if u == unit]
    # 'Jan-05', 'Jan-06', 'Jan-07' are days of one January, not Januaries of 2005 to 2007; and no period lies ahead
    if unit == "month" and len(days) >= 3 and len({d.month for d in days}) < 2:
        return None
    if max(days) > dt.date.today():
        return None
    return unit, "start"


def counted_on(dates: Parsed, unit: str, opening: bool, today: dt.date) -> Parsed:
    """A period's stock count dated at the period's close (its last day), or its first day where the column is the
    opening stock; a close still ahead (this month's closing stock, taken mid-month) is today's count."""
    first = dates.values.astype("datetime64[D]")
    if opening:
        days = first
    elif unit == "month":
        days = (first.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    else:
        days = first + 6
    days = np.where(~np.isnat(days) & (days > np.datetime64(today, "D")), np.datetime64(today, "D"), days)
    return Parsed(days.astype("datetime64[s]"), dates.empty, dates.bad)


def describe_stock(column: str, unit: str, opening: bool, today: dt.date) -> str:
    """The report's sentence on when each period's stock was counted."""
    if opening:
        return (_("'{column}' is read as each row's month: its stock is the count on the month's first day.")
                if unit == "month" else
                _("'{column}' is read as each row's week: its stock is the count on the week's first day.")
                ).format(column=column)
    return (_("'{column}' is read as each row's month: its stock is the count at the month's close (its last day; "
              "this month's as today's, {today}).") if unit == "month" else
            _("'{column}' is read as each row's week: its stock is the count at the week's close (its last day; "
              "this week's as today's, {today}).")).format(column=column, today=today.isoformat())
