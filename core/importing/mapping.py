"""Which column carries which field, and whether the sheet is a long list or a wide grid of periods.

A long list has one row per sale (or per invoice line, or per product and day). A wide sheet has one row
per product and one column per day, week or month, as many shops keep them by hand.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from core.errors import MappingProblem
from core.i18n import _
from core.importing.fields import (FIELDS, PERIOD_DATE_NAMES, guess_field, guess_fields, normalise_name,
                                   period_column)
from core.importing.readers import RawSheet
from core.importing.values import day_first_from

IGNORE = ""
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


@dataclass
class Mapping:
    layout: str                                   # 'long' or 'wide'
    columns: dict[str, str] = field(default_factory=dict)   # source column -> field name ('' = ignored)
    period_columns: dict[str, dt.date] = field(default_factory=dict)  # wide: column -> first day of its period
    period: str = "day"                           # wide: day, week or month
    source: str | None = None                     # a known export (core.importing.sources) it was recognised as
    notes: list[str] = field(default_factory=list)   # choices the guess made that the report should say
    relative: dict[str, int] = field(default_factory=dict)   # wide, undated: column -> periods before the latest
    totals: list[str] = field(default_factory=list)          # wide: columns that add up periods (checked, not read)
    date_period: tuple[str, str] | None = None   # long: the date column holds weeks or months (unit, start/end)

    def source_of(self, field_name: str) -> str | None:
        for column, name in self.columns.items():
            if name == field_name:
                return column
        return None

    def fields(self) -> set[str]:
        return {name for name in self.columns.values() if name}

    def as_dict(self) -> dict[str, str]:
        return {column: name for column, name in self.columns.items() if name}


def period_of_header(header: str, day_first: bool = True) -> tuple[dt.date, str] | None:
    """The period a column header names: a date, an ISO week ('2024-W05'), or a month ('Jan 2024', '2024-01').
    `day_first` settles 03/04/2024; `detect_periods` decides it from all the headers together."""
    text = str(header).strip()
    match = _WEEK_PREFIX.fullmatch(text)
    if match:       # 'W/E 07/01/2024', 'Week commencing 1 Jan 2024': the week as its first day
        day = _day_in_words(match.group("date"), day_first)
        if day is None:
            return None
        ending = re.search(r"e|end", match.group("word").replace("week", "").replace("wk", ""), re.IGNORECASE)
        return (day - dt.timedelta(days=6) if ending else day), "week"
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{4})|((?:19|20|21)\d{2})(\d{2})", text)
    if match:       # 01/2024, 01-2024, 202401
        month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if 1 <= int(month) <= 12:
            return dt.date(int(year), int(month), 1), "month"
        return None
    match = re.fullmatch(r"((?:19|20|21)\d{2})[-\s]?M(\d{1,2})|M(\d{1,2})[-/\s]?((?:19|20|21)\d{2})", text,
                         re.IGNORECASE)
    if match:       # 2024-M01, 2024M01, M01-2024 (statistics' month notation; a day parser reads M as minutes)
        year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        return (dt.date(int(year), int(month), 1), "month") if 1 <= int(month) <= 12 else None
    match = re.fullmatch(r"(?:week|wk|kw|w)\s*\.?\s*(\d{1,2})\s*[-,/]?\s*((?:19|20|21)\d{2})|"
                         r"((?:19|20|21)\d{2})\s*[-,/]?\s*(?:week|wk|kw|年\s*第)\s*\.?\s*(\d{1,2})\s*周?", text,
                         re.IGNORECASE)
    if match:       # 'W05 2024', 'Week 05/2024', '2024 Wk 05', 'KW 5 2024', '2024年第5周': the ISO week's Monday
        week, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        try:
            return dt.date.fromisocalendar(int(year), int(week), 1), "week"
        except ValueError:
            return None
    match = re.fullmatch(r"(\d{4})[-\s]?W(\d{1,2})", text, re.IGNORECASE)
    if match:
        try:
            return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), "week"
        except ValueError:
            return None
    match = re.fullmatch(r"([A-Za-z]{3})[a-z]*(?:\.\s*|[\s\-']+)(\d{2}|\d{4})", text)     # Jan 2024, Jan-24, Jan.24
    if match and match.group(1).lower() in _MONTHS:
        year = int(match.group(2))
        return dt.date(year + 2000 if year < 100 else year, _MONTHS[match.group(1).lower()], 1), "month"
    match = re.fullmatch(r"((?:19|20|21)\d{2})[\s\-']+([A-Za-z]{3})[a-z]*", text)     # '2024 Jan' (a year above)
    if match and match.group(2).lower() in _MONTHS:
        return dt.date(int(match.group(1)), _MONTHS[match.group(2).lower()], 1), "month"
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月", text)
    if match:
        year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if 1 <= int(month) <= 12:
            return dt.date(int(year), int(month), 1), "month"
    ranged = _period_range(text, day_first)
    if ranged is not None:
        return ranged
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}/\d{1,2}/\d{1,2}", text):
        try:
            day_first = day_first and bool(re.match(r"\d{1,2}[./]", text))
            return pd.Timestamp(pd.to_datetime(text, dayfirst=day_first)).date(), "day"
        except (ValueError, OverflowError):
            return None
    return None


# the two ends of a period written as a range: '2024-01-01 - 2024-01-07', '01.01.2024-31.01.2024', 'Jan 1 - Jan 7,
# 2024', '2024-01-01 to 2024-01-31', '2024/1/1~2024/1/31', '2024-01-01至2024-01-31'
_RANGE_CUT = re.compile(r"\s+[-–]\s+|\s*[–~至]\s*|\s+(?:to|thru|through|until)\s+|(?<=\d)-(?=\d)", re.IGNORECASE)


def _period_range(text: str, day_first: bool) -> tuple[dt.date, str] | None:
    """A week (seven days) or a calendar month written as its first and last day (day or month first, whichever
    makes one); None for anything else."""
    for cut in _RANGE_CUT.finditer(text):
        left, right = text[:cut.start()].strip(), text[cut.end():].strip()
        for first in (day_first, not day_first):
            end = _one_day(right, first)
            if end is None:
                continue
            whole = left if re.search(r"\d{4}", left) else f"{left} {end.year}"   # 'Jan 1 - Jan 7, 2024'
            start = _one_day(whole, first)
            if start is None:
                continue
            if start > end and whole is not left:    # 'Dec 30 - Jan 5, 2024': the first day is in the year before
                start = start.replace(year=start.year - 1)
            if (end - start).days == 6:
                return start, "week"
            if start.day == 1 and end == (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date():
                return start, "month"
    return None


def _one_day(text: str, day_first: bool) -> dt.date | None:
    """One day written alone: 2024-01-07, 07/01/2024, 07.01.2024, 7 Jan 2024, Jan 7, 2024."""
    text = text.strip().rstrip(",")
    if not re.search(r"\d", text) or re.search(r"\d{1,2}:\d{2}", text):
        return None
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", text) or \
            re.search(r"[A-Za-z]{3}", text) and re.search(r"\d{4}", text):
        import warnings

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")        # pandas' note that a day-first reading did not fit
                return pd.Timestamp(pd.to_datetime(text, dayfirst=day_first and not re.match(r"\d{4}", text))).date()
        except (ValueError, OverflowError):
            return None
    return None


_WEEK_PREFIX = re.compile(r"(?P<word>w\s*/\s*e|w\.e\.?|we|wk\s*ending|week\s*ending|week\s*end|w\s*/\s*c|w\.c\.?|wc|"
                          r"wk\s*commencing|week\s*commencing|wk\s*beginning|week\s*beginning|wk\s*beg|"
                          r"week\s*starting|week\s*of)\s*[:\-]?\s*(?P<date>\d.*|[A-Za-z]{3}.*\d)", re.IGNORECASE)


def _day_in_words(text: str, day_first: bool) -> dt.date | None:
    """A day written after a week's word: 07/01/2024, 2024-01-07, 7 Jan 2024, 07-Jan-24."""
    text = text.strip()
    found = period_of_header(text, day_first)
    if found is not None:
        return found[0] if found[1] == "day" else None
    if not re.search(r"\d", text) or not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        return pd.Timestamp(pd.to_datetime(text, dayfirst=day_first)).date()
    except (ValueError, OverflowError):
        return None


_WEEK_OF_YEAR = re.compile(r"(?:^|\s)((?:19|20)\d{2})?\s*(?:.*\s)?(?:week|wk)\s*(\d{1,2})$", re.IGNORECASE)


def _weeks_of_years(columns: list[str]) -> dict[str, dt.date]:
    """Headers such as '2012 week 4' (a row of years above a row of 'week 1' .. 'week 52', merged into one name by
    the reader): each the Monday of that ISO week. A week without its year (the first columns of a block whose
    year cell is further right) takes the year of the next week column that has one, or the last one before it."""
    weeks: list[tuple[str, int | None, int]] = []
    for column in columns:
        match = _WEEK_OF_YEAR.search(str(column).strip())
        if match and 1 <= int(match.group(2)) <= 53:
            weeks.append((column, int(match.group(1)) if match.group(1) else None, int(match.group(2))))
    if len(weeks) < 3 or not any(year for _c, year, _w in weeks):
        return {}
    years = [year for _c, year, _w in weeks]
    for i, (_column, year, week) in enumerate(weeks):
        if year is not None:
            continue
        after = next(((y, w) for _c, y, w in weeks[i + 1:] if y is not None), None)
        before = next((y for y in reversed(years[:i]) if y is not None), None)
        years[i] = after[0] if after and after[1] >= week else (before or (after[0] - 1 if after else None))
    out = {}
    for (column, _year, week), year in zip(weeks, years):
        if year is None:
            continue
        try:
            out[column] = dt.date.fromisocalendar(year, week, 1)
        except ValueError:                       # a week 53 in a year of 52
            out[column] = dt.date(year, 1, 1) + dt.timedelta(weeks=week - 1)
    return out


def month_closes(days) -> bool:
    """Whether every date is the last day of its month, or every one the last weekday (Monday to Friday) of its month
    (an accounts package closes a month on its last working day: Friday 29 March 2024): month totals dated so."""
    dates = pd.DatetimeIndex(days)
    if not len(dates):
        return False
    last_weekday = (dates.dayofweek < 5) & ((dates + pd.offsets.BMonthEnd(0)) == dates)
    return bool(dates.is_month_end.all() or last_weekday.all())


def detect_periods(columns: list[str]) -> tuple[dict[str, dt.date], str]:
    found: dict[str, dt.date] = {}
    kinds: list[str] = []
    day_first = day_first_from([str(c) for c in columns])
    weeks = _weeks_of_years(columns)
    for column in columns:
        if column in weeks:
            found[column] = weeks[column]
            kinds.append("week")
            continue
        period = period_of_header(column, day_first is not False)
        if period:
            found[column] = period[0]
            kinds.append(period[1])
    if not found:
        return {}, "day"
    unit = max(set(kinds), key=kinds.count)
    if unit == "day" and len(found) >= 2:
        days = sorted(found.values())
        gaps = {(b - a).days for a, b in zip(days, days[1:])}
        if gaps and min(gaps) >= 7 and all(g % 7 == 0 for g in gaps):
            unit = "week"
        elif gaps and min(gaps) >= 28 and (all(d.day == days[0].day for d in days) or month_closes(days)):
            unit = "month"         # the same day of each month, or each month's last day (2024-01-31, 2024-02-29)
    return found, unit


_QTY_WORDS = ("qty", "quantity", "units", "unit", "unitssold", "qtysold", "sold", "pcs", "数量", "销量", "销售数量")
_SEPARATOR = re.compile(r"[\s\-–:|(]+")


def _split_measure(text: str, day_first: bool = True) -> tuple[tuple[dt.date, str], str] | None:
    """'Jan 2024 Qty', 'Jan 2024 - Amount', 'Jan 2024 (Qty)' -> ((January 2024, 'month'), 'Qty'): a period, then a
    measure of up to three words; None where the name does not split so."""
    text = str(text).strip().rstrip(")")
    cuts = [m for m in _SEPARATOR.finditer(text)]
    for cut in reversed(cuts[-3:]):
        period, measure = text[:cut.start()].strip(), text[cut.end():].strip()
        if not measure or not period:
            continue
        found = period_of_header(period, day_first)
        if found is not None:
            return found, measure
    return None


def _other_measure(column: str) -> bool:
    """'Total Amount', 'Total %': a total of something other than the quantities."""
    words = [normalise_name(w) for w in re.split(r"[\s\-–:|()]+", str(column).strip()) if w]
    return any(w in _OTHER_WORDS or w.startswith("%") for w in words)


_OTHER_WORDS = ("amount", "amt", "value", "revenue", "sales", "netsales", "grosssales", "price", "avgprice", "avg",
                "average", "cost", "margin", "profit", "gp", "金额", "销售额", "单价", "成本", "毛利")


def measured_periods(columns: list[str]) -> tuple[dict[str, dt.date], str, list[str]]:
    """Period columns that carry a measure beside the period ('Jan 2024 Qty', 'Jan 2024 Amount', as an accounts
    package writes sales by product and month): the quantity columns as the periods, their unit, and the other
    measures of those periods ('Jan 2024 Amount', '% of sales', 'Avg price'), which are not read. Empty where no
    quantity is named for at least 3 periods."""
    day_first = day_first_from([str(c) for c in columns])
    quantities: dict[str, dt.date] = {}
    others: list[str] = []
    kinds: list[str] = []
    for column in columns:
        split = _split_measure(column, day_first is not False)
        if split is None:
            continue
        period, measure = split
        if normalise_name(measure) in _QTY_WORDS:
            quantities[column] = period[0]
            kinds.append(period[1])
        else:
            others.append(column)
    if len(quantities) < 3:
        return {}, "day", []
    return quantities, max(set(kinds), key=kinds.count), others


_TOTAL = re.compile(r"\b(?:total|totals|sum|grand total|ytd|year to date)\b|合计|总计|小计|总数", re.IGNORECASE)
_LATEST = re.compile(r"^(?:latest|last|current|this period|newest)$", re.IGNORECASE)
_BEFORE = re.compile(r"^(?:last|latest|t|period)?\s*-\s*(\d{1,3})$", re.IGNORECASE)


_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_WEEK_NUMBER = re.compile(r"(?:week|wk|w|第)\s*(\d{1,2})\s*周?", re.IGNORECASE)


def named_period(column: object) -> tuple[str, int] | None:
    """A column named by a month or a week number without its year: 'Jan', 'January', '1月' -> ('month', 1);
    'Week 5', 'Wk 5', 'W5', '第5周' -> ('week', 5)."""
    text = re.sub(r" \(\d+\)$", "", str(column).strip()).rstrip(".").lower()     # 'Jan (2)': the second year's
    if len(text) >= 3 and text.isalpha():
        month = next((k for k, name in enumerate(_FULL_MONTHS, start=1) if name.startswith(text)), None)
        if month is not None:
            return "month", month
    match = re.fullmatch(r"(\d{1,2})月", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return "month", int(match.group(1))
    match = _WEEK_NUMBER.fullmatch(text)
    if match and 1 <= int(match.group(1)) <= 53:
        return "week", int(match.group(1))
    return None


def _named_run(columns: list[str]) -> dict[str, int]:
    """Month names or week numbers without a year, one after the other in the sheet's order (Jan .. Dec, Jul .. Jun,
    Week 1 .. Week 20; a year's turn included): counted back from the last one, which is the newest."""
    named = [(c, named_period(c)) for c in columns]
    named = [(c, found) for c, found in named if found is not None]
    if len(named) < 3 or len({unit for _c, (unit, _n) in named}) != 1:
        return {}
    unit = named[0][1][0]
    for (_a, (_u, before)), (_b, (_v, after)) in zip(named, named[1:]):
        if not (after == before + 1 or (after == 1 and before == (12 if unit == "month" else before) and
                                        (unit == "month" or before >= 52))):
            return {}
    return {c: k - (len(named) - 1) for k, (c, _found) in enumerate(named)}


def relative_periods(columns: list[str]) -> dict[str, int]:
    """Undated period columns counted back from the newest: 'latest', 'last -1', 'last -2' ... -> 0, -1, -2; or
    months and weeks named without their year (Jan .. Dec, Week 1 .. Week 20), the last of them the newest."""
    run = _named_run(columns)
    if run:
        return run
    found = {}
    for column in columns:
        text = str(column).strip()
        if _LATEST.match(text):
            found[column] = 0
        else:
            match = _BEFORE.match(text)
            if match:
                found[column] = -int(match.group(1))
    return found if len(found) >= 3 and 0 in found.values() else {}


def parse_latest_period(text: str) -> tuple[dt.date, str]:
    """'2024-06' (a month), '2024-W05' (a week), '2024-06-30' (a day) -> (the period's first day, its unit)."""
    value = str(text).strip()
    found = period_of_header(value)
    if found is None:
        try:
            return dt.date.fromisoformat(value), "day"
        except ValueError:
            raise MappingProblem(_("'{value}' is not a period: write the newest period as a month (2024-06), a week "
                                   "(2024-W05) or a day (2024-06-30).").format(value=value)) from None
    return found


def apply_latest(mapping: Mapping, latest: str) -> Mapping:
    """Date a sheet's undated period columns from the newest one ('latest' is June 2024: 'last -1' is May...)."""
    if not mapping.relative:
        return mapping
    newest = next(c for c, back in mapping.relative.items() if back == 0)
    named = named_period(newest)
    text = str(latest).strip()
    if named and re.fullmatch(r"(?:19|20|21)\d{2}", text):      # the year alone: 'Dec' of 2024
        first, unit = (dt.date(int(text), named[1], 1), "month") if named[0] == "month" else \
            (dt.date.fromisocalendar(int(text), min(named[1], 52), 1), "week")
        latest = first.strftime("%Y-%m") if unit == "month" else f"{text}-W{named[1]:02d}"
    else:
        first, unit = parse_latest_period(latest)
    if named and (unit != named[0] or (first.month if unit == "month" else first.isocalendar()[1]) != named[1]):
        raise MappingProblem(
            _("'{column}' does not fall in {latest}: give the year of '{column}' (2024), or the {unit} itself "
              "({example}).").format(
                column=newest, latest=latest, unit=_("month") if named[0] == "month" else _("week"),
                example=f"2024-{named[1]:02d}" if named[0] == "month" else f"2024-W{named[1]:02d}"))
    periods = {}
    for column, back in mapping.relative.items():
        if unit == "month":
            month = first.year * 12 + first.month - 1 + back
            periods[column] = dt.date(month // 12, month % 12 + 1, 1)
        else:
            periods[column] = first + dt.timedelta(days=back * (7 if unit == "week" else 1))
    mapping.period_columns, mapping.period = periods, unit
    ordered = sorted(periods.values())
    mapping.notes.append(_("The undated columns were dated from the newest, '{column}' = {latest} (by {unit}): "
                           "{first} to {last}.").format(
        column=next(c for c, b in mapping.relative.items() if b == 0), latest=latest, unit=unit,
        first=ordered[0].isoformat(), last=ordered[-1].isoformat()))
    return mapping


def guess_mapping(sheet: RawSheet, kind: str) -> Mapping:
    """The app's best guess; the wizard shows it and the owner (or --map) corrects it. A known export (Shopify,
    Square...) is read by its own description (core.importing.sources)."""
    from core.importing.sources import recognise, source_columns

    known = recognise(list(sheet.columns), kind)
    if known is not None:
        return Mapping("long", source_columns(known, list(sheet.columns)), source=known.key)
    periods, unit = detect_periods(sheet.columns) if kind in ("sales", "stock") else ({}, "day")
    measured: list[str] = []
    if kind in ("sales", "stock") and len(periods) < 3:
        quantities, quantity_unit, measured = measured_periods(list(sheet.columns))
        if quantities:
            periods, unit = quantities, quantity_unit
    relative = relative_periods(sheet.columns) if kind in ("sales", "stock") and not periods else {}
    if relative and len(relative) >= 0.5 * (len(sheet.columns) - 1):
        newest = named_period(next(c for c, back in relative.items() if back == 0))
        # dated once the newest period is known
        periods, unit = dict.fromkeys(relative, None), newest[0] if newest else "month"
    # wide: at least 3 period columns, and at least half as many as the columns that are neither periods nor a
    # product's own facts (code, name, cost, lead time, supplier...): 3 months beside 5 attribute columns is wide
    unexplained = [c for c in sheet.columns[1:] if c not in periods and c not in measured
                   and guess_field(c, kind, set()) in (None, "date", "qty")]
    wide = len(periods) >= 3 and (len(periods) >= 0.5 * (len(sheet.columns) - 1)
                                  or len(periods) >= len(unexplained))
    taken: set[str] = set()
    columns: dict[str, str] = {}
    # a long sheet of weekly or monthly totals names its date column by the period ('Month', 'Week ending'): kept
    # for the date where no column names a day (core.importing.period_rows), never read as another field ('Sales
    # month' is not the quantity)
    by_period = [c for c in sheet.columns if kind in ("sales", "stock") and not wide and period_column(c)]
    guessed = {} if wide else guess_fields([c for c in sheet.columns if c not in by_period], kind)
    for column in sheet.columns:
        if wide and column in periods:
            continue
        if column in by_period or (wide and column in measured):
            columns[column] = IGNORE        # a period's sales value, share or price beside its quantity: not read
            continue
        if wide and _TOTAL.search(str(column).strip()):
            columns[column] = IGNORE                   # a total of periods: checked against them, never a field
            continue
        name = guessed.get(column) if not wide else guess_field(column, kind, taken)
        if wide and name in ("date", "qty"):
            name = None
        columns[column] = name or IGNORE
        if name:
            taken.add(name)
    if by_period and "date" not in taken:
        columns[by_period[0]] = "date"
        taken.add("date")
    named = [c for c in sheet.columns if kind in ("sales", "stock") and not wide and columns.get(c) == IGNORE
             and normalise_name(c) in PERIOD_DATE_NAMES]
    if named and "date" not in taken:
        columns[named[0]] = "date"
        taken.add("date")
    notes = _prefer_filled_twins(sheet, columns)
    totals = [c for c in sheet.columns if wide and c not in periods and _TOTAL.search(str(c).strip())
              and not columns.get(c) and not _other_measure(c)]
    if wide and measured:
        notes.append(_("{n} columns carry other figures of the same periods ('{example}', ...): not read, the "
                       "quantities are.").format(n=len(measured), example=measured[0]))
    if wide and "sku" not in columns.values():
        notes += _unnamed_code_column(sheet, columns, set(periods))
    if wide and relative:
        return Mapping("wide", columns, {}, unit, notes=notes, relative=relative, totals=totals)
    if wide:
        return Mapping("wide", columns, periods, unit, notes=notes, totals=totals)
    return Mapping("long", columns, notes=notes)


def _unnamed_code_column(sheet: RawSheet, columns: dict[str, str], periods: set[str]) -> list[str]:
    """A grid whose product codes stand in a column with no (known) name: the first column beside the periods that
    is filled on nearly every row with values all different, said in the report."""
    for column in sheet.columns:
        if column in periods or columns.get(column):
            continue
        values = sheet.frame[column].astype(str).str.strip()
        filled = values[values != ""]
        if len(values) and len(filled) >= 0.9 * len(values) and filled.nunique() == len(filled) \
                and not pd.to_numeric(filled, errors="coerce").notna().all():
            columns[column] = "sku"
            return [_("'{column}' has no name ShelfWise knows: it is read as the product code (a value on every "
                      "row, all different).").format(column=column)]
    return []


def _prefer_filled_twins(sheet: RawSheet, columns: dict[str, str]) -> list[str]:
    """Two columns with one name ('Qty' and 'Qty (2)' as the reader names them): the field goes to the one with data
    in it, and the choice is said."""
    notes = []
    twins: dict[str, list[str]] = {}
    for column in columns:
        twins.setdefault(re.sub(r" \(\d+\)$", "", column), []).append(column)
    for base, group in twins.items():
        if len(group) < 2:
            continue
        named = [c for c in group if columns[c]]
        if not named:
            continue
        field_name = columns[named[0]]
        filled = {c: int((sheet.frame[c].astype(str).str.strip() != "").sum()) for c in group}
        best = max(group, key=lambda c: (filled[c], -group.index(c)))
        if best != named[0] and filled[best] > filled[named[0]]:
            columns[named[0]], columns[best] = IGNORE, field_name
            notes.append(_("Columns {columns} share the name '{name}': the one with data in it, '{chosen}', was "
                           "read.").format(columns=", ".join(f"'{c}'" for c in group), name=base, chosen=best))
    return notes


def apply_overrides(mapping: Mapping, overrides: dict[str, str], sheet: RawSheet, kind: str) -> Mapping:
    """Apply the owner's choices ('StockCode' -> 'sku', or 'Country' -> '' to ignore a column)."""
    known = {f.name for f in FIELDS[kind]}
    for column, name in overrides.items():
        if column not in sheet.columns:
            raise MappingProblem(_("{where} has no column '{column}'.").format(where=sheet.where, column=column),
                                 hint=_("Its columns are: {columns}.").format(columns=", ".join(sheet.columns)))
        name = (name or "").strip()
        if name.lower() in ("", "ignore", "none", "-"):
            name = IGNORE
        elif name not in known:
            raise MappingProblem(_("'{name}' is not something a {kind} import reads.").format(name=name, kind=kind),
                                 hint=_("Use one of: {names}, or 'ignore'.").format(names=", ".join(sorted(known))))
        for other, current in list(mapping.columns.items()):
            if name and current == name and other != column:
                mapping.columns[other] = IGNORE
        mapping.columns[column] = name
        mapping.period_columns.pop(column, None)
    return mapping


_QUARTER = re.compile(r"^(?:q[1-4][\s\-/']*(?:19|20)?\d{2}|(?:19|20)\d{2}[\s\-/]*q[1-4]|第?[一二三四1-4]季度)$",
                      re.IGNORECASE)


def quarter_columns(columns: list[str]) -> list[str]:
    """Column headers that name quarters ('Q1 2024', '2024-Q2', 'Q3-24', '第一季度')."""
    return [c for c in columns if _QUARTER.match(str(c).strip())]


def check_required(mapping: Mapping, sheet: RawSheet, kind: str) -> None:
    quarters = quarter_columns(sheet.columns) if kind in ("sales", "stock") else []
    if len(quarters) >= 3 and mapping.layout == "long":
        raise MappingProblem(
            _("{where}: its columns {columns} are quarters. ShelfWise forecasts and plans in days, weeks or months, "
              "and a quarter's total cannot be spread over its months without guessing.").format(
                where=sheet.where, columns=", ".join(f"'{c}'" for c in quarters[:4]) + (", …" if len(quarters) > 4
                                                                                      else "")),
            hint=_("Export the same figures by month (or week) and import that sheet."))
    if mapping.relative and not mapping.period_columns:
        newest = next(c for c, back in mapping.relative.items() if back == 0)
        named = named_period(newest)
        if named:
            oldest = next(c for c, back in mapping.relative.items() if back == min(mapping.relative.values()))
            raise MappingProblem(
                (_("{where}: its {n} month columns ('{oldest}' to '{newest}') have no year.") if named[0] == "month"
                 else _("{where}: its {n} week columns ('{oldest}' to '{newest}') have no year.")).format(
                    where=sheet.where, n=len(mapping.relative), oldest=oldest, newest=newest),
                hint=_("Say which year '{newest}' is in: in the import wizard, or on the command line with "
                       "--latest-period {year} (the columns before it are the {unit}s before it).").format(
                    newest=newest, year=dt.date.today().year, unit=_("month") if named[0] == "month" else _("week")))
        raise MappingProblem(
            _("{where}: its {n} period columns ('{newest}', '{older}', ...) have no dates.").format(
                where=sheet.where, n=len(mapping.relative), newest=newest,
                older=next(c for c, back in mapping.relative.items() if back == -1) if -1 in mapping.relative.values()
                else newest),
            hint=_("Say which period '{newest}' is: in the import wizard, or on the command line with "
                   "--latest-period 2024-06 (a month), 2024-W05 (a week) or 2024-06-30 (a day).").format(
                newest=newest))
    needed = [f for f in FIELDS[kind] if f.required]
    if mapping.layout == "wide":
        needed = [f for f in needed if f.name not in ("date", "qty")]
    missing = [f for f in needed if f.name not in mapping.fields()]
    if missing:
        labels = ", ".join(_("{label} ({name})").format(label=f.label, name=f.name) for f in missing)
        raise MappingProblem(
            _("{where}: no column gives the {labels}, which a {kind} import needs.").format(
                where=sheet.where, labels=labels, kind=kind),
            hint=_("The header (row {row}) has: {columns}. Pick the column in the import wizard, or on the command "
                   "line add --map COLUMN={name}.").format(row=sheet.header_row, columns=", ".join(sheet.columns),
                                                           name=missing[0].name))
