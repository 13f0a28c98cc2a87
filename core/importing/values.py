"""Turning cells as written into typed values, column at a time, with the cells that could not be read.

Each parser takes a column (object Series of text, numbers or dates, '' when empty) and returns the values
and a mask of cells that are filled but unreadable. Work is done once per distinct cell text, so a column of
half a million dates with twenty thousand distinct values costs twenty thousand parses.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_CURRENCY = re.compile(r"[\s\u00a0\u202f'£$€¥₹￥元]|(?i:gbp|usd|eur|rmb|cny)")


@dataclass
class Parsed:
    values: np.ndarray      # typed values; NaN / NaT / '' where empty or unreadable
    empty: np.ndarray       # bool: the cell was empty
    bad: np.ndarray         # bool: the cell was filled but could not be read


def _uniques(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return codes, np.asarray(uniques, dtype=object)


def is_empty_cell(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and np.isnan(value))


# ------------------------------------------------------------------ text and codes


def code_text(value: object) -> str:
    """A cell as a code, exactly as the owner sees it: 71053 (a number cell) is '71053', never '71053.0'."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def parse_code(column: pd.Series) -> Parsed:
    codes, uniques = _uniques(column)
    texts = np.array([code_text(v) for v in uniques], dtype=object)
    values = texts[codes] if len(codes) else np.array([], dtype=object)
    empty = values == ""
    return Parsed(values, empty, np.zeros(len(values), dtype=bool))


def parse_id_code(column: pd.Series) -> Parsed:
    """A code such as a customer or invoice number, where a CSV may have written '17850.0' for 17850."""
    codes, uniques = _uniques(column)
    texts = [code_text(v) for v in uniques]
    texts = np.array([t[:-2] if t.endswith(".0") and t[:-2].isdigit() else t for t in texts], dtype=object)
    values = texts[codes] if len(codes) else np.array([], dtype=object)
    return Parsed(values, values == "", np.zeros(len(values), dtype=bool))


# ------------------------------------------------------------------ numbers


def decimal_comma_likely(samples: list[str]) -> bool:
    """True when numbers in this file are written 1.234,56 or 12,5 (a comma for the decimals)."""
    comma = dot = 0
    for text in samples:
        text = _CURRENCY.sub("", text)
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+|-?\d+,\d{1,2}|-?\d+,\d{4,}", text):
            comma += 1
        elif re.fullmatch(r"-?\d{1,3}(,\d{3})+\.\d+|-?\d+\.\d+", text):
            dot += 1
    return comma > dot


_DASHES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-",
                         "\uff0d": "-", "\u2010": "-", "\u2011": "-"})   # minus signs as typed or typeset


def number_from_text(text: str, decimal_comma: bool) -> float | None:
    text = _CURRENCY.sub("", text.strip().translate(_DASHES))
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.endswith("-") and text[:-1].replace(".", "").replace(",", "").isdigit():
        negative, text = True, text[:-1]
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    if text.endswith("%"):
        try:
            return float(text[:-1]) / 100 * (-1 if negative else 1)
        except ValueError:
            return None
    try:
        value = float(text)
    except ValueError:
        return None
    if not np.isfinite(value):
        return None
    return -value if negative else value


def parse_number(column: pd.Series, *, decimal_comma: bool = False) -> Parsed:
    if column.dtype != object:
        values = column.to_numpy(dtype=float)
        empty = np.isnan(values)
        return Parsed(values, empty, np.zeros(len(values), dtype=bool))
    if not decimal_comma:
        try:  # the common case, every cell a plain number: numpy's own conversion is the fastest
            values = column.to_numpy().astype(float)
            if not np.isnan(values).any():
                return Parsed(values, np.zeros(len(values), dtype=bool), np.zeros(len(values), dtype=bool))
        except (ValueError, TypeError):
            pass
        values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        todo = np.isnan(values)
        if not todo.any():
            return Parsed(values, np.zeros(len(values), dtype=bool), np.zeros(len(values), dtype=bool))
    else:
        values = np.full(len(column), np.nan)
        todo = np.ones(len(column), dtype=bool)
    rest = column[todo]
    codes, uniques = _uniques(rest)
    parsed = np.empty(len(uniques), dtype=float)
    empty_u = np.zeros(len(uniques), dtype=bool)
    bad_u = np.zeros(len(uniques), dtype=bool)
    for i, value in enumerate(uniques):
        if is_empty_cell(value):
            parsed[i], empty_u[i] = np.nan, True
        elif isinstance(value, bool):
            parsed[i], bad_u[i] = np.nan, True
        elif isinstance(value, (int, float)):
            parsed[i] = float(value)
        elif isinstance(value, str):
            number = number_from_text(value, decimal_comma)
            parsed[i] = np.nan if number is None else number
            bad_u[i] = number is None
        else:
            parsed[i], bad_u[i] = np.nan, True
    values[todo] = parsed[codes]
    empty = np.zeros(len(column), dtype=bool)
    bad = np.zeros(len(column), dtype=bool)
    empty[todo] = empty_u[codes]
    bad[todo] = bad_u[codes]
    return Parsed(values, empty, bad)


# ------------------------------------------------------------------ dates

_NUMERIC_DATE = re.compile(r"^\s*(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})")
# A time-zone offset after a time of day (web shops write their times so, mixed across summer time): the day that
# counts is the shop's own, so the time is read as written and the offset dropped.
_HAS_TIME = re.compile(r"\d:\d{2}")
_OFFSET = re.compile(r"(?<=\d)\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


def day_first_from(samples: list[str]) -> bool | None:
    """Day-first (31/12/2024) or month-first (12/31/2024) as the data itself shows; None if it cannot tell."""
    day_first = month_first = False
    for text in samples:
        match = _NUMERIC_DATE.match(text)
        if not match or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
    if day_first != month_first:
        return day_first
    # a weekday written beside the date says which reading is the day ('Tue 05/03/2024': 5 March 2024 was a
    # Tuesday, 3 May a Friday), as a till's receipts often print it
    votes = {True: 0, False: 0}
    for text in samples[:5000]:
        weekday, date = _WEEKDAY_WORD.match(text), _DATE_IN_TEXT.search(text)
        if weekday is None or date is None or weekday.group(1).lower() not in _WEEKDAYS:
            continue
        a, b, year = int(date.group(1)), int(date.group(2)), int(date.group(3))
        year += 2000 if year < 100 else 0
        for first, (day, month) in ((True, (a, b)), (False, (b, a))):
            try:
                votes[first] += dt.date(year, month, day).weekday() == _WEEKDAYS[weekday.group(1).lower()]
            except ValueError:
                pass
    if votes[True] != votes[False]:
        return votes[True] > votes[False]
    # dates written with dots (05.03.2024) are day first wherever they are written so
    numeric = [text for text in samples if _NUMERIC_DATE.match(text) and len(_NUMERIC_DATE.match(text).group(1)) < 4]
    if numeric and sum("." in text[:10] for text in numeric) >= 0.9 * len(numeric):
        return True
    return None


# weekday words a till prints before a date: English, German, French, Spanish (their usual short forms)
_WEEKDAYS = {
    **{w: 0 for w in ("mon", "monday", "mo", "montag", "lun", "lundi", "lunes")},
    **{w: 1 for w in ("tue", "tues", "tuesday", "di", "dienstag", "mardi", "martes")},
    **{w: 2 for w in ("wed", "wednesday", "mi", "mittwoch", "mer", "mercredi", "mié", "mie", "miércoles", "miercoles")},
    **{w: 3 for w in ("thu", "thur", "thurs", "thursday", "do", "donnerstag", "jeu", "jeudi", "jue", "jueves")},
    **{w: 4 for w in ("fri", "friday", "fr", "freitag", "ven", "vendredi", "vie", "viernes")},
    **{w: 5 for w in ("sat", "saturday", "sa", "samstag", "sam", "samedi", "sáb", "sab", "sábado", "sabado")},
    **{w: 6 for w in ("sun", "sunday", "so", "sonntag", "dim", "dimanche", "dom", "domingo")},
}
_WEEKDAY_WORD = re.compile(r"^\s*([^\W\d_]{2,10})\.?,?\s+", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(r"(?<!\d)(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})(?!\d)")


def _without_weekday(text: str) -> str:
    """'Tue 05/03/2024', 'Di 05.03.2024 14:32' as the date alone (a weekday before a numeric date, which the day
    parser does not know in every language); any other text as it is ('March 5, 2024' keeps its month)."""
    match = _WEEKDAY_WORD.match(text)
    if match and match.group(1).lower() in _WEEKDAYS and _NUMERIC_DATE.match(text[match.end():]):
        return text[match.end():]
    return text

_NOT_A_DAY = re.compile(r"^\s*\d{4}\s*$|(?:^|[^A-Za-z])[Mm]\d{1,2}(?:\D|$)")


def _wall_time(stamps: pd.Series) -> pd.Series:
    """Datetimes with their offsets (one or several) as the local times written, without the offset."""
    return pd.Series([v.tz_localize(None) if isinstance(v, pd.Timestamp) and v.tzinfo is not None else v
                      for v in stamps], index=stamps.index, dtype="datetime64[ns]")


def parse_date(column: pd.Series, *, day_first: bool | None = None, serials: bool = True) -> tuple[Parsed, bool]:
    """Dates and date-times as numpy datetime64[s]; also whether any cell carried a time of day.

    Excel date cells arrive as datetimes; Excel serial numbers (a date cell exported as a number) are read
    from the 1899-12-30 epoch; text dates are read ISO first, then day-first or month-first as the data shows.
    """
    codes, uniques = _uniques(column)
    out = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[s]")
    empty_u = np.zeros(len(uniques), dtype=bool)
    bad_u = np.zeros(len(uniques), dtype=bool)
    texts: dict[int, str] = {}
    originals: dict[int, str] = {}              # with a weekday before the date, which can tell day from month
    for i, value in enumerate(uniques):
        if is_empty_cell(value):
            empty_u[i] = True
        elif isinstance(value, dt.datetime):
            out[i] = np.datetime64(value.replace(tzinfo=None, microsecond=0) + dt.timedelta(
                seconds=round(value.microsecond / 1e6)), "s")
        elif isinstance(value, dt.date):
            out[i] = np.datetime64(value, "s")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if serials and 1 <= value < 2958466:
                out[i] = np.datetime64(EXCEL_EPOCH + pd.to_timedelta(round(float(value) * 86400), unit="s"), "s")
            else:
                bad_u[i] = True
        else:
            text = str(value).strip()
            if _HAS_TIME.search(text):     # "14:23:11 +0100", "23:50:00-05:00", "...Z": the local time as written
                text = _OFFSET.sub("", text)
            match = _CJK_DATE.search(text)
            if match:
                text = f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}" + text[match.end():]
            originals[i] = text
            texts[i] = _without_weekday(text)
    if texts:
        index = np.fromiter(texts.keys(), dtype=np.int64, count=len(texts))
        strings = pd.Series(list(texts.values()), dtype=object)
        parsed = pd.to_datetime(strings, format="ISO8601", errors="coerce")
        # what the parsers make of a text that is no day: a year alone ('2024': 1 January), a month written
        # 2024-M02 (M read as minutes: 1 January at 00:02)
        no_day = strings.str.contains(_NOT_A_DAY, regex=True).to_numpy()
        parsed[no_day] = pd.NaT
        missing = parsed.isna().to_numpy() & ~no_day
        if missing.any():
            if day_first is None:
                day_first = day_first_from(pd.Series(list(originals.values()), dtype=object)[missing].tolist())
            with warnings.catch_warnings():     # pandas' note on mixed offsets: those are handled just below
                warnings.simplefilter("ignore", FutureWarning)
                retry = pd.to_datetime(strings[missing], format="mixed", dayfirst=bool(day_first), errors="coerce")
            if not pd.api.types.is_datetime64_dtype(retry):
                # an offset from UTC the lenient parser found where the text wrote none ('2024-01-01 - 2024-01-07':
                # '- 2024' read as one): no day it can be trusted with
                retry = pd.Series([v if isinstance(v, pd.Timestamp) and v.tzinfo is None else pd.NaT for v in retry],
                                  index=retry.index, dtype="datetime64[ns]")
            if not pd.api.types.is_datetime64_dtype(parsed):        # offsets written in ISO form: as written
                parsed = _wall_time(parsed)
            parsed[missing] = retry
            still = parsed.isna().to_numpy() & ~no_day
            numeric = pd.to_numeric(strings[still], errors="coerce")
            if serials and numeric.notna().any():
                ok = numeric.between(1, 2958465)
                parsed.loc[numeric[ok].index] = EXCEL_EPOCH + pd.to_timedelta(numeric[ok] * 86400, unit="s")
        parsed = parsed.dt.tz_localize(None) if getattr(parsed.dt, "tz", None) is not None else parsed
        out[index] = parsed.to_numpy(dtype="datetime64[s]")
        bad_u[index] = np.isnat(out[index])
    values = out[codes] if len(codes) else np.array([], dtype="datetime64[s]")
    has_time = bool(len(out)) and bool(((out[~np.isnat(out)].astype("int64")) % 86400 != 0).any())
    return Parsed(values, empty_u[codes], bad_u[codes]), has_time


def parse_bool(column: pd.Series) -> Parsed:
    truthy = {"1", "y", "yes", "true", "t", "active", "on", "是", "启用", "x"}
    falsy = {"0", "n", "no", "false", "f", "inactive", "off", "否", "停用", "discontinued"}
    codes, uniques = _uniques(column)
    out = np.full(len(uniques), np.nan)
    empty_u = np.zeros(len(uniques), dtype=bool)
    bad_u = np.zeros(len(uniques), dtype=bool)
    for i, value in enumerate(uniques):
        if is_empty_cell(value):
            empty_u[i] = True
            continue
        text = code_text(value).lower()
        if text in truthy:
            out[i] = 1.0
        elif text in falsy:
            out[i] = 0.0
        else:
            bad_u[i] = True
    return Parsed(out[codes], empty_u[codes], bad_u[codes])


# a pack written as a wholesaler's list writes it: '24x330ml', '12 x 1L', '6 × 75cl', 'Case of 12', '12 pack', '6pk',
# 'Pack of 4', '12/box': the count of units in it
_PACK_TEXT = re.compile(
    r"^\s*(?:(?P<a>\d+)\s*[x×*]\s*\S.*|(?:case|pack|box|carton|outer)\s+of\s+(?P<b>\d+)\b.*|"
    r"(?P<c>\d+)\s*(?:pack|pk|pcs|pieces|units|per\s+case|/\s*(?:case|box|pack|carton))\b.*)$", re.IGNORECASE)


def parse_pack(column: pd.Series, *, decimal_comma: bool = False) -> Parsed:
    """A pack size: a number, or the count in '24x330ml', 'Case of 12', '6pk' (a number alone elsewhere: '1.5kg' is
    no count and stays unread)."""
    parsed = parse_number(column, decimal_comma=decimal_comma)
    if not parsed.bad.any():
        return parsed
    values, bad = parsed.values.copy(), parsed.bad.copy()
    texts = column.to_numpy(dtype=object)
    for i in np.flatnonzero(bad):
        match = _PACK_TEXT.match(str(texts[i]))
        if match:
            values[i] = float(next(g for g in match.groups() if g))
            bad[i] = False
    return Parsed(values, parsed.empty, bad)


# a lead time's unit, by a word in the header ('Lead time (weeks)') or in the cell ('3 wks', '2-3 weeks', '10天')
_TIME_UNITS = (
    (re.compile(r"month|mths?\b|mos?\b|个月|月", re.IGNORECASE), 30),
    (re.compile(r"week|wks?\b|\bw\b|周|星期", re.IGNORECASE), 7),
    (re.compile(r"day|\bd\b|天|日", re.IGNORECASE), 1),
)
_SPAN = re.compile(r"^\s*(?P<low>\d+(?:[.,]\d+)?)\s*(?:(?:-|–|to|~|至)\s*(?P<high>\d+(?:[.,]\d+)?))?\s*(?P<unit>\D*)$",
                   re.IGNORECASE)


def time_unit_days(text: str) -> int | None:
    """Days in the unit a text names (30 for months, 7 for weeks, 1 for days), None where it names none."""
    return next((days for pattern, days in _TIME_UNITS if pattern.search(text)), None)


def parse_lead_time(column: pd.Series, *, decimal_comma: bool = False) -> Parsed:
    """A lead time in days: a number in the header's unit ('Lead time (weeks)': 2 is 14 days), or a text with its
    own ('3 wks', '10 days', '1 month'); a range ('2-3 weeks') is its longer end, as a shop that would rather not
    run out plans it."""
    per = time_unit_days(str(column.name or "")) or 1
    parsed = parse_number(column, decimal_comma=decimal_comma)
    values, bad = parsed.values * per, parsed.bad.copy()
    texts = column.to_numpy(dtype=object)
    for i in np.flatnonzero(bad):
        match = _SPAN.match(str(texts[i]))
        if not match:
            continue
        unit = match.group("unit").strip()
        days = time_unit_days(unit) if unit else per
        if days is None:
            continue
        number = float((match.group("high") or match.group("low")).replace(",", "."))
        values[i] = number * days
        bad[i] = False
    return Parsed(values, parsed.empty, bad)
