"""Checking a mapped sheet row by row: typed values, and for every row that cannot be used, the reason.

`validate` reads nothing from the shop file; it returns the typed records that `commit` will store and a
report. Rows that cannot be read are rejected with their row, column and a plain reason; the rest goes on.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import ImportRefused, UserError
from core.i18n import _, weekday_words
from core.i18n import _ as translated   # a text marked elsewhere (a source's rules)
from core.importing.fields import STOCK_WORDS, FIELDS, Field, normalise_name, period_column, year_column
from core.importing.mapping import Mapping, check_required, month_closes, named_period
from core.importing.period_rows import describe as describe_period_column
from core.importing.period_rows import counted_on, parse_period_dates, period_values
from core.importing.period_rows import describe_stock as describe_stock_period
from core.importing.readers import RawSheet
from core.importing.report import MAX_STORED_PROBLEMS, ImportReport, Problem
from core.importing.sources import by_name, fill_down
from core.importing.sources import normalise as normalise_column
from core.importing.rules import (DEFAULT_NON_PRODUCT_CODES, is_totals_row, line_keys, non_product_matcher,
                                  number_text)
from core.importing.values import (Parsed, day_first_from, decimal_comma_likely, parse_bool, parse_code,
                                   parse_date, parse_id_code, parse_lead_time, parse_number,
                                   parse_pack)
from core.jobs import JobContext, null_context

ID_CODE_FIELDS = {"invoice", "customer"}


@dataclass
class Validated:
    kind: str
    sheet: RawSheet
    mapping: Mapping
    report: ImportReport
    records: pd.DataFrame     # what commit stores; its columns depend on the kind
    products: pd.DataFrame    # sku, name, category, supplier: what the file says of each product it names


class RowChecks:
    """The first reason each row cannot be used, gathered check by check."""

    def __init__(self, rows: np.ndarray, columns: np.ndarray | None = None):
        self.rows = rows
        self.ok = np.ones(len(rows), dtype=bool)
        self.reason = np.full(len(rows), None, dtype=object)
        self.column = np.full(len(rows), None, dtype=object) if columns is None else columns.astype(object)
        self.value = np.full(len(rows), "", dtype=object)
        self.aside = np.zeros(len(rows), dtype=bool)

    def set_aside(self, mask: np.ndarray) -> None:
        """Rows understood and left out by a rule (a cancelled order...): never counted as rejected."""
        self.ok &= ~mask
        self.aside |= mask

    def reject(self, mask: np.ndarray, message: str, column: str | np.ndarray | None = None,
               values: np.ndarray | None = None) -> None:
        fresh = mask & self.ok
        if not fresh.any():
            return
        self.ok &= ~fresh
        self.reason[fresh] = message
        if column is not None:
            self.column[fresh] = column if isinstance(column, str) else column[fresh]
        if values is not None:
            self.value[fresh] = [_short(v) for v in values[fresh]]

    def to_report(self, report: ImportReport) -> None:
        bad = np.flatnonzero(~self.ok & ~self.aside)
        report.rejected += len(bad)
        for i in bad[:MAX_STORED_PROBLEMS]:
            report.add(Problem(int(self.rows[i]), self.column[i], "rejected", self.reason[i], self.value[i]))


def _short(value: object) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def note_rows(report: ImportReport, mask: np.ndarray, rows: np.ndarray, severity: str, message: str,
              column: str | None = None, values: np.ndarray | None = None) -> None:
    """List rows (set aside or kept with a warning) in the report, up to the stored limit."""
    room = MAX_STORED_PROBLEMS - len(report.problems)
    where = np.flatnonzero(mask)[:max(room, 0)]
    for i in where:
        report.add(Problem(int(rows[i]), column, severity, message,
                           "" if values is None else _short(values[i])))


def parse_field(f: Field, column: pd.Series, *, decimal_comma: bool, day_first: bool | None) -> Parsed:
    if f.type == "code":
        return parse_id_code(column) if f.name in ID_CODE_FIELDS else parse_code(column)
    if f.type == "text":
        return parse_code(column)
    if f.name == "pack_size":
        return parse_pack(column, decimal_comma=decimal_comma)
    if f.name == "lead_time_days":
        return parse_lead_time(column, decimal_comma=decimal_comma)
    if f.type == "number":
        return parse_number(column, decimal_comma=decimal_comma)
    if f.type == "date":
        return parse_date(column, day_first=day_first)[0]
    if f.type == "bool":
        return parse_bool(column)
    raise ValueError(f.type)


def _samples(column: pd.Series, n: int = 400) -> list[str]:
    values = column.iloc[:n]
    return [v for v in values if isinstance(v, str) and v.strip()]


def file_conventions(sheet: RawSheet, mapping: Mapping, kind: str) -> tuple[bool, bool | None]:
    """Decimal comma and day-first, as this file's own cells show them."""
    number_samples: list[str] = []
    date_samples: list[str] = []
    types = {f.name: f.type for f in FIELDS[kind]}
    for column, name in mapping.columns.items():
        if types.get(name) == "number":
            number_samples += _samples(sheet.frame[column])
        elif types.get(name) == "date":
            date_samples += _samples(sheet.frame[column], 5000)
    if mapping.layout == "wide":
        for column in list(mapping.period_columns)[:20]:
            number_samples += _samples(sheet.frame[column], 50)
    decimal_comma = sheet.delimiter != "," and decimal_comma_likely(number_samples)
    return decimal_comma, day_first_from(date_samples)


def validate(sheet: RawSheet, kind: str, mapping: Mapping, *, today: dt.date | None = None,
             non_product_codes: list[str] | None = None, ctx: JobContext | None = None) -> Validated:
    ctx = ctx or null_context()
    today = today or dt.date.today()
    check_required(mapping, sheet, kind)
    report = ImportReport(sheet.path.name, sheet.sheet, kind, layout=mapping.layout, period=mapping.period)
    report.notes.extend(sheet.notes)          # what the file really was, and what reading it took
    report.notes.extend(mapping.notes)        # choices the mapping made (two columns of one name...)
    if sheet.frame.empty:
        raise ImportRefused(_("{where} has a header (row {row}) but no rows under it.").format(
            where=sheet.where, row=sheet.header_row))
    decimal_comma, day_first = file_conventions(sheet, mapping, kind)
    known = by_name(mapping.source) if mapping.source else None
    if known is not None and known.carry_down:
        sheet = dataclasses.replace(sheet, frame=fill_down(known, sheet.frame))
    if known is not None and kind != "sales":         # a sales export says so with its rules (_source_rules)
        _say_recognised(report, known)
        report.notes.extend(translated(note) for note in known.notes)
    if decimal_comma:
        report.notes.append(_("Numbers are read with a decimal comma (1.234,56), as this file writes them."))
    if day_first is not None:
        report.notes.append(_("Dates are read day first (31/12), as this file's own dates show.") if day_first
                            else _("Dates are read month first (12/31), as this file's own dates show."))
    _say_time_zones(sheet, mapping, kind, report)
    ctx.progress(0.05, _("Reading values"))
    if mapping.layout == "wide":
        validated = _validate_wide(sheet, kind, mapping, report, today, decimal_comma, ctx)
    else:
        # a date column that names weeks or months ('Month', 'Week ending'): each row's period, on its first day
        by_period = (period_column(mapping.source_of("date")) or
                     period_values(sheet.frame[mapping.source_of("date")])) \
            if kind in ("sales", "stock") and mapping.source_of("date") else None
        mapping.date_period = by_period
        parsed = {f.name: parse_field(f, sheet.frame[mapping.source_of(f.name)], decimal_comma=decimal_comma,
                                      day_first=day_first)
                  for f in FIELDS[kind] if mapping.source_of(f.name) and not (by_period and f.name == "date")}
        if "variant" in parsed:
            parsed["name"] = _with_variant(parsed.get("name"), parsed.pop("variant"))
        if kind == "sales":
            stock = [c for c in sheet.frame.columns if not mapping.columns.get(c) and normalise_name(c) in STOCK_WORDS]
            if stock:       # a period report's 'Closing stock' beside what sold
                report.notes.append(_("'{column}' looks like stock on hand, which a sales import does not read: "
                                      "import the same file as a stock count to plan from it.").format(
                    column=stock[0]))
        if by_period:
            column = mapping.source_of("date")
            year = year_column([c for c in sheet.frame.columns if c != column and not mapping.columns.get(c)])
            parsed["date"] = parse_period_dates(sheet.frame[column], by_period[0], by_period[1] == "end",
                                                day_first=day_first, years=sheet.frame[year] if year else None)
            _refuse_quarters(sheet, column, parsed["date"])
            if year is None:
                _refuse_bare_numbers(sheet, column, by_period[0], parsed["date"])
            if kind == "stock":     # a period's stock is counted at its close ('Closing stock'), or its opening
                opening = bool(re.search(r"open|start|期初", normalise_column(mapping.source_of("qty") or "")))
                parsed["date"] = counted_on(parsed["date"], by_period[0], opening, today)
                report.notes.append(describe_stock_period(column, by_period[0], opening, today))
            else:
                report.notes.append(describe_period_column(column, by_period[0], by_period[1] == "end", year))
        ctx.check_cancelled()
        ctx.progress(0.5, _("Checking rows"))
        if kind == "sales" and mapping.source:
            aside, refunds = _source_rules(sheet, mapping, parsed, report)
            validated = _sales(sheet, kind, mapping, parsed, report, today, non_product_codes, aside=aside,
                               refunds=refunds)
        else:
            handler = {"sales": _sales, "stock": _stock}.get(kind, _table)
            validated = handler(sheet, kind, mapping, parsed, report, today, non_product_codes)
    if validated.records.empty and not (report.counts.get("already_in_shop")):
        raise ImportRefused(_nothing_usable(report), where=sheet.where)
    ctx.progress(1.0, _("Checked"))
    return validated


def period_not_over(days: np.ndarray, unit: str, today: dt.date) -> np.ndarray:
    """Which periods (their first days) have not ended by the end of yesterday: their totals count only part."""
    first = days.astype("datetime64[D]")
    last = ((first.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1) if unit == "month" else first + 6
    return ~np.isnat(first) & (last >= np.datetime64(today, "D"))


def _set_aside_running(report: ImportReport, running: np.ndarray, rows: np.ndarray, unit: str, today: dt.date,
                       column, values) -> None:
    """A week's or a month's total taken before it ended counts only its first days; stored, it would stay so
    (the same product and period imported again later is already in the shop). Set aside and said."""
    if not running.any():
        return
    report.count("not_over", int(running.sum()))
    note_rows(report, running, rows, "skipped",
              (_("the month is not over yet (today is {today}): its total counts only part of it; import it again "
                 "once the month has ended") if unit == "month" else
               _("the week is not over yet (today is {today}): its total counts only part of it; import it again "
                 "once the week has ended")).format(today=today.isoformat()),
              column if isinstance(column, str) else None, values)


def _refuse_quarters(sheet: RawSheet, column: str, dates: Parsed) -> None:
    """A period column of quarters ('Q1 2024'): a quarter's total cannot be spread over its months without
    guessing (as a grid of quarter columns is refused, core.importing.mapping.check_required)."""
    from core.importing.mapping import quarter_columns

    cells = sheet.frame[column][dates.bad].astype(str).str.strip()
    if not len(cells) or dates.bad.sum() < 0.5 * (~dates.empty).sum():
        return
    quarters = quarter_columns(list(cells.unique()))
    if len(quarters) >= 0.9 * cells.nunique():
        raise ImportRefused(
            _("'{column}' holds quarters ({examples}). ShelfWise forecasts and plans in days, weeks or months, and a "
              "quarter's total cannot be spread over its months without guessing.").format(
                column=column, examples=", ".join(f"'{q}'" for q in quarters[:3])),
            where=sheet.where, hint=_("Export the same figures by month (or week) and import that sheet."))


def _refuse_wider_periods(sheet: RawSheet, column: str, dates: np.ndarray, unit: str, products: int) -> None:
    """Dates that show months, every one a quarter (or a year) apart, over `products` products: one total per
    quarter. Read as months, each would be one month's sales and the two months after it none: refused with why, as
    a column of quarters is. Not for a sheet of one or two products (a part that sells once a quarter is a monthly
    part). Weeks two apart are read as weeks (a market stall that trades every other Saturday sells in its weeks)."""
    known = np.unique(dates[~np.isnat(dates)].astype("datetime64[D]"))
    if unit != "month" or len(known) < 3 or products < 3:
        return
    steps = np.diff(known.astype("datetime64[M]").astype(np.int64))
    if steps.min() < 3 or (steps % 3).any():
        return
    raise ImportRefused(
        _("Every date in '{column}' is three months or more apart ({first}, {second}, ...): these look like "
          "quarterly totals. ShelfWise forecasts and plans in days, weeks or months, and a quarter's total "
          "cannot be spread over its months without guessing.").format(
            column=column, first=str(known[0]), second=str(known[1])),
        where=sheet.where, hint=_("Export the same figures by month (or week) and import that sheet."))


def _refuse_bare_numbers(sheet: RawSheet, column: str, unit: str, dates: Parsed) -> None:
    """A column of week or month numbers (1, 2, 3...), or of month names (January ...), with no year anywhere: which
    year each row is cannot be known, and guessing one would file two years' weeks on top of each other."""
    cells = sheet.frame[column][dates.bad]
    if not len(cells) or dates.bad.sum() < 0.5 * (~dates.empty).sum():
        return
    numbers = pd.to_numeric(cells.astype(str).str.strip(), errors="coerce")
    names = all(named_period(c) is not None and named_period(c)[0] == unit for c in cells.astype(str))
    if numbers.isna().any() and not names:
        return
    raise ImportRefused(
        (_("'{column}' names months (January, Feb ...) with no year beside them.") if numbers.isna().any() and
         unit == "month" else
         _("'{column}' holds month numbers (1 to 12) with no year beside them.") if unit == "month" else
         _("'{column}' holds week numbers (1 to 53) with no year beside them.")).format(column=column),
        where=sheet.where,
        hint=_("Add a column named 'Year' beside it, or write each period with its year (Jan 2024, 2024-01, "
               "2024-W05), and import the file again."))


def _say_time_zones(sheet: RawSheet, mapping: Mapping, kind: str, report: ImportReport) -> None:
    """Times written with a time-zone offset (web shops do, and across summer time the offset changes): read as
    written, the offset dropped, so each sale stays on the shop's own day; said where the file has them."""
    import re

    offset = re.compile(r"\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
    for column, name in mapping.columns.items():
        if name != "date" or column not in sheet.frame:
            continue
        texts = sheet.frame[column].astype(str).str.strip()
        found = texts[texts.str.contains(offset, regex=True)]
        if len(found):
            kinds = sorted({m.group(0) for m in (re.search(r"(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$", t, re.IGNORECASE)
                                                 for t in found.unique()[:200]) if m})
            report.notes.append(_("{n} times in '{column}' carry a time-zone offset ({offsets}): each is read as "
                                  "written, the offset dropped, so every sale stays on the day the shop saw.").format(
                n=f"{len(found):,}", column=column, offsets=", ".join(kinds[:4]) + (", …" if len(kinds) > 4 else "")))


def _nothing_usable(report: ImportReport) -> str:
    reasons = report.first_problems(3)
    detail = "; ".join(p.describe() for p in reasons)
    counts = (_("no row can be used ({read:,} read, {rejected:,} rejected, {set_aside:,} set aside)")
              if report.set_aside else _("no row can be used ({read:,} read, {rejected:,} rejected)")).format(
        read=report.rows_read, rejected=report.rejected, set_aside=report.set_aside)
    return _("{counts}. First: {detail}").format(counts=counts, detail=detail) if detail else \
        _("{counts}.").format(counts=counts)


def _source(mapping: Mapping, name: str) -> str:
    return mapping.source_of(name) or name


def _common_checks(checks: RowChecks, kind: str, mapping: Mapping, parsed: dict[str, Parsed],
                   today: dt.date, sheet: RawSheet) -> None:
    """Required fields present and readable, numbers that are numbers, no dates in the future."""
    frame = sheet.frame
    for f in FIELDS[kind]:
        if f.name not in parsed:
            continue
        column = _source(mapping, f.name)
        p = parsed[f.name]
        if f.required and f.type in ("code", "text"):
            checks.reject(p.empty, _("blank {field}").format(field=f.label.lower()), column)
        elif f.required:
            checks.reject(p.empty, _("no {field}").format(field=f.label.lower()), column)
        if f.type == "date":
            if f.required:
                checks.reject(p.bad, _("cannot read this as a date"), column, frame[column].to_numpy())
            future = ~np.isnat(p.values) & (p.values.astype("datetime64[D]") > np.datetime64(today, "D"))
            if f.name == "date" and kind != "orders" and kind != "events" and kind != "prices":
                checks.reject(future, _("the date is in the future (after {day})").format(day=today.isoformat()),
                              column,
                              frame[column].to_numpy())
        if f.type == "number" and f.required:
            checks.reject(p.bad, _("not a number"), column, frame[column].to_numpy())


def _source_rules(sheet, mapping, parsed, report) -> tuple[np.ndarray, np.ndarray]:
    """A known export's own rules (core.importing.sources): the rows they set aside, listed and counted per rule;
    refunds made negative; lines without a SKU named by their product name. Said in the report, with rows."""
    from core.importing.sources import apply_rules, by_name

    source = by_name(mapping.source)
    n = len(sheet.frame)
    if source is None:
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    sku = parsed["sku"]
    outcome = apply_rules(source, sheet.frame, sku.empty)
    rows = sheet.row_numbers
    _say_recognised(report, source)
    for rule, hit in outcome.applied:
        count = int(hit.sum())
        key = {"not_sale": "not_sales", "not_item": "non_product", "not_line": "not_lines",
               "refund": "refunds"}[rule.action]
        report.count(key, count)
        report.notes.append(_rows_said(translated(rule.reason), rows[hit]))
        column = next(c for c in sheet.frame.columns if normalise_column(c) == rule.column)
        note_rows(report, hit, rows, "warning" if rule.action == "refund" else "skipped", translated(rule.reason), column,
                  sheet.frame[column].to_numpy())
    if outcome.refund.any():
        qty = parsed["qty"]
        values = qty.values.copy()
        values[outcome.refund] = -np.abs(values[outcome.refund])
        parsed["qty"] = Parsed(values, qty.empty, qty.bad)
    named = outcome.named_by_name
    if named.any():
        name_column = next(c for c in sheet.frame.columns if normalise_column(c) == source.name_column)
        names = parsed["name"] if mapping.source_of("name") == name_column else parse_code(sheet.frame[name_column])
        values = sku.values.copy()
        values[named] = names.values[named]
        parsed["sku"] = Parsed(values, sku.empty & ~named, sku.bad & ~named)
        count = int(named.sum())
        report.count("named_by_name", count)
        report.warnings += count
        report.notes.append(_rows_said(_("no SKU: the product name ({column}) is used as the product code").format(
            column=name_column), rows[named]))
        note_rows(report, named, rows, "warning", _("no SKU: the product name is used as the code"), name_column,
                  sheet.frame[name_column].to_numpy())
    report.notes.extend(translated(note) for note in source.notes)
    return outcome.aside, outcome.refund


# what a till or web shop writes for a product that has no variants
_NO_VARIANT = {"", "default", "default title", "regular", "standard", "none", "n/a", "-", "—"}


def _with_variant(name: Parsed | None, variant: Parsed) -> Parsed | None:
    """The product's name with its variant ('Blue Mug (Large)'; a variant the name already holds, or a 'Default
    Title', adds nothing): a product sold in sizes or colours under one name is told apart on every page and
    purchase order, and a line without a code is named by both (core.importing.sources)."""
    if name is None:
        return None
    texts = np.where(pd.isna(variant.values), "", variant.values).astype(object)
    texts = np.array([str(t).strip().strip("[]").strip() for t in texts], dtype=object)
    names = name.values.copy()
    for i in np.flatnonzero((texts != "") & ~name.empty):
        extra, base = texts[i], str(names[i])
        if extra.lower() not in _NO_VARIANT and extra.lower() not in base.lower():
            names[i] = f"{base} ({extra})"
    return Parsed(names, name.empty, name.bad)


def _say_recognised(report: ImportReport, source) -> None:
    report.notes.append((_("Recognised as an {source}: read by its own columns and rules.")
                         if source.label[:1].lower() in "aeiou" else
                         _("Recognised as a {source}: read by its own columns and rules.")).format(source=source.title))


def _rows_said(reason: str, rows: np.ndarray) -> str:
    """'Row 5: a voided order: not a sale.' / '12 rows (5, 9, 14, 20, 31, …): a voided order: not a sale.'"""
    shown = ", ".join(str(int(r)) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
    if len(rows) == 1:
        return _("Row {row}: {reason}.").format(row=shown, reason=reason)
    return _("{n} rows ({rows}): {reason}.").format(n=f"{len(rows):,}", rows=shown, reason=reason)


def _begin(sheet, kind, mapping, parsed, report, today, aside=None) -> tuple[np.ndarray, int, RowChecks]:
    """What every long-layout kind starts with: the rows, and the checks common to all kinds done."""
    rows = sheet.row_numbers
    report.rows_read = len(rows)
    checks = RowChecks(rows)
    if aside is not None:
        checks.set_aside(aside)
    _common_checks(checks, kind, mapping, parsed, today, sheet)
    return rows, len(rows), checks


def _text(p: Parsed | None, n: int) -> np.ndarray:
    return p.values if p is not None else np.full(n, "", dtype=object)


PRODUCT_FACTS = ("name", "category", "supplier", "unit_cost", "lead_time_days", "min_order_qty")


def _product_facts(skus: np.ndarray, parsed: dict[str, Parsed], ok: np.ndarray) -> pd.DataFrame:
    """What the file says of each product: the first non-blank name, category and supplier, and the cost, lead
    time and minimum order a sheet of period totals often keeps beside each product."""
    products = pd.DataFrame({"sku": pd.unique(skus[ok])})
    for name in PRODUCT_FACTS:
        if name not in parsed:
            products[name] = None
            continue
        p = parsed[name]
        values = p.values
        filled = ok & ~p.empty & ~p.bad & (values != "") if values.dtype == object else ok & ~p.empty & ~p.bad
        first = pd.DataFrame({"sku": skus[filled], name: values[filled]}).drop_duplicates("sku")
        products = products.merge(first, on="sku", how="left")
    return products.astype(object).where(products.notna(), None)


def _attribute_facts(frame: pd.DataFrame, mapping: Mapping, report: ImportReport,
                     decimal_comma: bool) -> dict[str, Parsed]:
    """The product attributes beside a wide sheet's periods (cost, lead time, minimum order), read as numbers; a
    lead time in weeks or months (as its header says) turned into days, and said."""
    out = {}
    for name in ("unit_cost", "lead_time_days", "min_order_qty"):
        column = mapping.source_of(name)
        if not column:
            continue
        parsed = parse_number(frame[column], decimal_comma=decimal_comma)
        if name == "lead_time_days":
            header = str(column).lower()
            days = 7 if "week" in header else 30 if "month" in header else 1
            if days != 1:
                parsed = Parsed(parsed.values * days, parsed.empty, parsed.bad)
                report.notes.append(_("The lead times in '{column}' are read as {unit} ({days} days each).").format(
                    column=column, unit=_("weeks") if days == 7 else _("months"), days=days))
        out[name] = parsed
    return out


def _infer_period(days: np.ndarray) -> str:
    """'week' where every date falls on one weekday, a week or more apart; 'month' where every date is the first of
    its month, or every date the last day of its month (a period-end export: 31 Jan, 29 Feb, 31 Mar ...), 28 days
    or more apart; else 'day'. Three distinct dates at least."""
    uniques = np.unique(days[~np.isnat(days)].astype("datetime64[D]"))
    if len(uniques) < 3:
        return "day"
    gaps = np.diff(uniques).astype(int)
    weekdays = (uniques.astype(np.int64) + 3) % 7
    if gaps.min() >= 7 and len(np.unique(weekdays)) == 1:
        return "week"
    dates = pd.DatetimeIndex(uniques)
    if gaps.min() >= 28 and ((dates.day == 1).all() or month_closes(dates)):
        return "month"
    return "day"


def _period_first(days: np.ndarray, unit: str) -> np.ndarray:
    """The first day of the period (a month; a week from Monday) each date falls in, as the shop reads it."""
    days = days.astype("datetime64[D]")
    if unit == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    return days - ((days.astype(np.int64) + 3) % 7).astype("timedelta64[D]")


def _period_note(days: np.ndarray, unit: str) -> str:
    """What the dates showed, and how the rows are read: the owner sees why a sheet of dates is taken as totals."""
    if unit == "week":
        weekday = int((days[:1].astype("datetime64[D]").astype(np.int64)[0] + 3) % 7) if len(days) else 0
        return _("Every date is a {weekday}, a week or more apart: rows are weekly totals, each counted in the week "
                 "(Monday to Sunday) that holds its date, and rows for the same product and week are added up.").format(
            weekday=weekday_words([weekday]))
    dates = pd.DatetimeIndex(np.unique(days.astype("datetime64[D]")))
    if len(dates) and not (dates.day == 1).all():
        return _("Every date is the last day of its month: rows are monthly totals, each counted in its month, and "
                 "rows for the same product and month are added up.") if dates.is_month_end.all() else \
            _("Every date is the last weekday of its month: rows are monthly totals, each counted in its month, and "
              "rows for the same product and month are added up.")
    return _("Every date is the 1st of a month: rows are monthly totals, and rows for the same product and month "
             "are added up.")


def _dated_period(dated: np.ndarray, mapping: Mapping) -> str:
    """The period of a long sales sheet's rows: the date column's own where it names or holds weeks or months, else
    what its dates show (`_infer_period`); days where any date has a time of day (a till's lines)."""
    by_period = getattr(mapping, "date_period", None)
    if by_period:
        return by_period[0]
    known = dated[~np.isnat(dated)]
    if not len(known) or (known.astype("datetime64[s]").astype(np.int64) % 86400 != 0).any():
        return "day"
    return _infer_period(known)


# --------------------------------------------------------------------------- sales


def _sales(sheet, kind, mapping, parsed, report, today, non_product_codes, *, aside=None,
           refunds=None) -> Validated:
    # a report's closing 'Total' row leaves its date blank: set aside as a totals row, not rejected as undated
    undated_totals = is_totals_row(parsed["sku"].values, _text(parsed.get("name"), len(sheet.row_numbers))) & \
        parsed["date"].empty
    aside = undated_totals if aside is None else (aside | undated_totals)
    dated = parsed["date"].values
    unit = _dated_period(dated, mapping)
    if unit != "day" and not getattr(mapping, "date_period", None):
        _refuse_wider_periods(sheet, _source(mapping, "date"), dated, unit,
                              len(pd.unique(parsed["sku"].values[~parsed["sku"].empty])))
    # dates that show weeks or months (the 1st of each month, each month's last day, one weekday): the period that
    # holds today is not over, and its total so far is set aside as a named period column's is (below); a month's
    # last day is after today then, and not a date in the future to reject
    running = np.zeros(len(dated), dtype=bool)
    # (a period not begun is in the future; an invoice line is a whole sale, whatever the day it is dated on)
    if unit != "day" and not getattr(mapping, "date_period", None) and parsed.get("invoice") is None:
        first = _period_first(dated, unit)
        running = ~np.isnat(dated) & period_not_over(first, unit, today) & (first <= np.datetime64(today, "D"))
    rows, n, checks = _begin(sheet, kind, mapping, parsed, report, today, aside | running)
    _set_aside_running(report, running & ~aside, rows, unit, today, _source(mapping, "date"),
                       sheet.frame[_source(mapping, "date")].to_numpy())
    refunds = refunds if refunds is not None else np.zeros(n, dtype=bool)
    price = parsed.get("price")
    if price is not None:
        bad_price = price.bad & checks.ok
        if bad_price.any():
            note_rows(report, bad_price, rows, "warning", _("the price is not a number; it is left out"),
                      _source(mapping, "price"), sheet.frame[_source(mapping, "price")].to_numpy())
            report.warnings += int(bad_price.sum())
    checks.to_report(report)
    ok = checks.ok
    sku = parsed["sku"].values
    qty = parsed["qty"].values
    stamp = parsed["date"].values
    has_time = bool(ok.any()) and bool((stamp[ok].astype("int64") % 86400 != 0).any())
    invoice = parsed.get("invoice")
    transactions = invoice is not None or has_time
    price_values = price.values if price is not None else np.full(n, np.nan)

    totals = (ok & is_totals_row(sku, _text(parsed.get("name"), n))) | undated_totals
    report.count("totals", int(totals.sum()))
    note_rows(report, totals, rows, "skipped", _("a totals row: it adds up other rows"), _source(mapping, "sku"),
              sku)
    ok = ok & ~totals
    by_period = getattr(mapping, "date_period", None)
    if by_period:
        _set_aside_running(report, ok & period_not_over(stamp.astype("datetime64[D]"), by_period[0], today), rows,
                           by_period[0], today, _source(mapping, "date"), sheet.frame[_source(mapping, "date")].to_numpy())
        ok = ok & ~period_not_over(stamp.astype("datetime64[D]"), by_period[0], today)
    not_product = ok & non_product_matcher(non_product_codes or DEFAULT_NON_PRODUCT_CODES)(sku)
    report.count("non_product", int(not_product.sum()))
    note_rows(report, not_product, rows, "skipped", _("not a product (postage, fees, ...): left out of sales"),
              _source(mapping, "sku"), sku)
    live = ok & ~not_product

    if transactions:
        parts = [sku, iso_text(stamp, "s"), _text(invoice, n),
                 number_text(qty), number_text(price_values), _text(parsed.get("customer"), n)]
        keys = line_keys([p[live] for p in parts])
        all_keys = np.zeros(n, dtype=np.int64)
        all_keys[live] = keys
        duplicate = np.zeros(n, dtype=bool)
        duplicate[live] = pd.Series(keys).duplicated().to_numpy()
        report.count("duplicates", int(duplicate.sum()))
        note_rows(report, duplicate, rows, "skipped",
                  _("repeats an earlier row (same product, time, invoice, quantity, price, customer): counted once"))
        live &= ~duplicate
        # invoice numbers that start with A (adjustment) or C (cancellation), as many tills write them; not where a
        # known export says itself what each line is (Square's transaction ids start with any letter)
        lettered = invoice is not None and not mapping.source
        adjustment_invoice = _starts_with(_text(invoice, n), "A") if lettered else np.zeros(n, dtype=bool)
        cancel_invoice = _starts_with(_text(invoice, n), "C") if lettered else np.zeros(n, dtype=bool)
    else:
        all_keys = None
        adjustment_invoice = cancel_invoice = np.zeros(n, dtype=bool)

    free = (price_values == 0) if price is not None else np.zeros(n, dtype=bool)
    negative = qty < 0
    if invoice is not None:
        write_off = live & (adjustment_invoice | (negative & ~cancel_invoice & ~refunds) | (~negative & free))
    else:
        write_off = live & free
    report.count("write_offs", int(write_off.sum()))
    note_rows(report, write_off, rows, "skipped",
              _("a write-off or stock adjustment (negative without a cancelled invoice, or at price 0): not demand"),
              _source(mapping, "qty"), qty)
    live &= ~write_off
    zero = live & (qty == 0)
    report.count("zero_qty", int(zero.sum()))
    live &= ~zero
    cancellation = live & negative & ~refunds          # a known export's refunds are counted as such above
    report.count("cancellations", int(cancellation.sum()))
    report.warnings += int(cancellation.sum())
    note_rows(report, cancellation, rows, "warning", _("a cancellation or return: reduces the sales of its product"),
              _source(mapping, "qty"), qty)

    revenue = parsed["revenue"].values if "revenue" in parsed else qty * price_values
    days = stamp.astype("datetime64[D]")
    records = pd.DataFrame({
        "sku": sku[live], "day": days[live], "qty": qty[live], "revenue": revenue[live],
        "row": rows[live], "n_rows": np.ones(int(live.sum()), dtype=np.int64),
    })
    if transactions:
        records["line_key"] = all_keys[live]
    else:
        # Daily totals: rows for the same product and day add up; the product-day is the sale's identity.
        records = records.groupby(["sku", "day"], sort=False, as_index=False).agg(
            qty=("qty", "sum"), revenue=("revenue", lambda s: s.sum(min_count=1)), row=("row", "min"),
            n_rows=("n_rows", "sum"))
        records["line_key"] = line_keys([np.full(len(records), "day", dtype=object), records["sku"].to_numpy(),
                                         iso_text(records["day"].to_numpy(), "D")])
        by_period = getattr(mapping, "date_period", None)
        if by_period:
            report.notes.append(_("Rows are monthly totals: rows for the same product and month are added up.")
                                if by_period[0] == "month" else
                                _("Rows are weekly totals: rows for the same product and week are added up."))
        elif unit != "day":
            report.notes.append(_period_note(records["day"].to_numpy(), unit))
        else:
            report.notes.append(_("No invoice numbers or times of day: rows are daily totals, and rows for the "
                                  "same product and day are added up."))
    # the period of the rows: the date column's own (a column of months or weeks says so itself), or what the
    # file's dates show
    report.period = unit if len(records) or getattr(mapping, "date_period", None) else "day"
    records["date"] = iso_text(records["day"].to_numpy(), "D")
    report.imported = int(records["n_rows"].sum())
    return Validated(kind, sheet, mapping, report, records.drop(columns=["day"]),
                     _product_facts(sku, parsed, live))


def iso_text(stamps: np.ndarray, unit: str) -> np.ndarray:
    """datetime64 values as ISO text (object array), formatting each distinct value once."""
    codes, uniques = pd.factorize(stamps.astype(f"datetime64[{unit}]").view(np.int64))
    texts = np.datetime_as_string(uniques.astype(f"datetime64[{unit}]"), unit=unit).astype(object)
    return texts[codes] if len(codes) else np.array([], dtype=object)


def _starts_with(texts: np.ndarray, letter: str) -> np.ndarray:
    codes, uniques = pd.factorize(pd.Series(texts), use_na_sentinel=False)
    flags = np.array([str(u)[:1].upper() == letter for u in uniques], dtype=bool)
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def _check_totals(frame, rows, mapping, period_columns, grid, decimal_comma, report) -> None:
    """A wide sheet's total columns ('Total', '2023 total', '合计') set aside and checked against the periods they
    add up (those of the year the header names, else all): agreement said, each disagreeing row listed."""
    import re

    for column in mapping.totals:
        year = re.search(r"(?:19|20)\d{2}", str(column))
        chosen = [k for k, c in enumerate(period_columns)
                  if year is None or mapping.period_columns[c].year == int(year.group(0))]
        if not chosen:
            continue
        given = parse_number(frame[column], decimal_comma=decimal_comma)
        summed = np.nansum(grid[:, chosen], axis=1)
        compared = ~given.empty & ~given.bad
        differs = compared & (np.abs(given.values - summed) > 0.5)
        if not compared.any():
            continue
        if differs.any():
            report.warnings += int(differs.sum())
            shown = ", ".join(str(int(r)) for r in rows[differs][:5]) + (", …" if differs.sum() > 5 else "")
            if differs.sum() == 1:
                report.notes.append(_("Column '{column}' is not the sum of its periods on row {row}: the periods were "
                                      "read; check that row.").format(column=column, row=shown))
            else:
                report.notes.append(_("Column '{column}' is not the sum of its periods on {n} rows ({rows}): the "
                                      "periods were read; check those rows.").format(
                    column=column, n=f"{int(differs.sum()):,}", rows=shown))
            note_rows(report, differs, rows, "warning",
                      _("the total column does not add up to the periods beside it"), column, given.values)
        else:
            report.notes.append(_("Column '{column}' adds up its periods on every row: checked, and not read as a "
                                  "period.").format(column=column))


def _validate_wide(sheet, kind, mapping, report, today, decimal_comma, ctx) -> Validated:
    """A grid with one row per product and one column per period: each cell is one product-period."""
    frame = sheet.frame
    period_columns = [c for c in mapping.period_columns if c in frame.columns and not mapping.columns.get(c)]
    if mapping.period in ("week", "month") and period_columns:     # a quarter a column: refused
        _refuse_wider_periods(sheet, f"{period_columns[0]} .. {period_columns[-1]}", np.array(
            [np.datetime64(mapping.period_columns[c], "D") for c in period_columns]), mapping.period, len(frame))
    sku_column = mapping.source_of("sku")
    sku_parsed = parse_code(frame[sku_column])
    name_column = mapping.source_of("name")
    totals = is_totals_row(sku_parsed.values, parse_code(frame[name_column]).values if name_column else None)
    if totals.any():
        report.count("totals", int(totals.sum()))
        note_rows(report, totals, sheet.row_numbers, "skipped", _("a totals row: it adds up other rows"), sku_column,
                  sku_parsed.values)
        keep = ~totals
        frame = frame.loc[keep].reset_index(drop=True)
        sheet = RawSheet(sheet.path, sheet.sheet, sheet.header_row, sheet.columns, frame, sheet.row_numbers[keep],
                         sheet.encoding, sheet.delimiter)
        sku_parsed = parse_code(frame[sku_column])
    n_rows, n_periods = len(frame), len(period_columns)
    cells = pd.Series(frame[period_columns].to_numpy(dtype=object).ravel())
    values = parse_number(cells, decimal_comma=decimal_comma)
    row_of = np.repeat(sheet.row_numbers, n_periods)
    column_of = np.tile(np.array(period_columns, dtype=object), n_rows)
    day_of = np.tile(np.array([np.datetime64(mapping.period_columns[c], "D") for c in period_columns]), n_rows)
    sku = np.repeat(sku_parsed.values, n_periods)
    report.rows_read = len(cells)
    report.notes.append(_("Wide sheet: {products:,} products x {periods:,} {periods_name} = {values:,} values.").format(
        products=n_rows, periods=n_periods, values=len(cells),
        periods_name={"day": _("days"), "week": _("weeks"), "month": _("months")}.get(mapping.period,
                                                                                     f"{mapping.period}s")))
    checks = RowChecks(row_of, column_of)
    # a row with words in its period cells and no figure at all is a report's footer or a title ('Cash Basis Monday,
    # April 8, 2024'), not a product: set aside whole, and no product made of it
    footer = ~sku_parsed.empty & ~(~values.empty & ~values.bad).reshape(n_rows, n_periods).any(axis=1) & \
        values.bad.reshape(n_rows, n_periods).any(axis=1)
    if footer.any():
        checks.set_aside(np.repeat(footer, n_periods))
        report.count("no_figures", int(footer.sum()))
        note_rows(report, footer, sheet.row_numbers, "skipped",
                  _("no figure in its period columns (a title or a footer): not a product"), sku_column,
                  sku_parsed.values)
    checks.reject(np.repeat(sku_parsed.empty, n_periods) & ~values.empty, _("blank product code"), sku_column)
    checks.reject(values.bad, _("not a number"), None, cells.to_numpy())
    # each column's period from its first day (a month headed by its last day, 2024-01-31, begins on the 1st)
    first_of = _period_first(day_of, mapping.period) if mapping.period in ("week", "month") else day_of
    checks.reject(~values.empty & (first_of > np.datetime64(today, "D")),
                  _("a value for a period in the future (after {day})").format(day=today.isoformat()))
    if kind == "stock":
        checks.reject(~values.empty & (values.values < 0), _("negative stock: a count cannot be below 0"), None,
                      values.values)
    checks.to_report(report)
    ctx.check_cancelled()
    live = checks.ok & ~values.empty
    qty = values.values
    if kind == "sales":
        zero = live & (qty == 0)
        report.count("zero_qty", int(zero.sum()))
        live &= ~zero
        if mapping.period in ("week", "month"):
            running = live & period_not_over(first_of, mapping.period, today)
            _set_aside_running(report, running, row_of, mapping.period, today, column_of, qty)
            live &= ~running
        returns = live & (qty < 0)
        report.count("cancellations", int(returns.sum()))
        report.warnings += int(returns.sum())
        note_rows(report, returns, row_of, "warning", _("negative sales: read as returns"), None, qty)
    records = pd.DataFrame({"sku": sku[live], "date": iso_text(day_of[live], "D"),
                            "qty": qty[live], "row": row_of[live], "n_rows": 1})
    if kind == "sales":
        records["revenue"] = np.nan
        records["line_key"] = line_keys([np.full(len(records), "day", dtype=object), records["sku"].to_numpy(),
                                         records["date"].to_numpy().astype(object)])
    report.imported = len(records)
    _check_totals(frame, sheet.row_numbers, mapping, period_columns, values.values.reshape(n_rows, n_periods),
                  decimal_comma, report)
    facts = {f: parse_code(frame[mapping.source_of(f)]) for f in ("name", "category", "supplier")
             if mapping.source_of(f)}
    facts.update(_attribute_facts(frame, mapping, report, decimal_comma))
    products = _product_facts(sku_parsed.values, facts, ~sku_parsed.empty & ~footer)
    return Validated(kind, sheet, mapping, report, records, products)


# --------------------------------------------------------------------------- stock


def _stock(sheet, kind, mapping, parsed, report, today, non_product_codes) -> Validated:
    if "date" in parsed and not getattr(mapping, "date_period", None):
        parsed = {**parsed, "date": _closing_today(parsed["date"], mapping, report, today)}
    rows, n, checks = _begin(sheet, kind, mapping, parsed, report, today)
    if "date" in parsed:
        checks.reject(parsed["date"].bad, _("cannot read this as a date"), _source(mapping, "date"),
                      sheet.frame[_source(mapping, "date")].to_numpy())
    qty = parsed["qty"].values
    checks.reject(qty < 0, _("negative stock: a count cannot be below 0"), _source(mapping, "qty"), qty)
    checks.to_report(report)
    ok = checks.ok
    if "date" in parsed:
        days = parsed["date"].values.astype("datetime64[D]")
        undated = ok & np.isnat(days)
        days = np.where(undated, np.datetime64(today, "D"), days)
        if undated.any():
            report.notes.append(_("{rows:,} rows have no count date: taken as today, {day}.").format(
                rows=int(undated.sum()), day=today))
    else:
        days = np.full(n, np.datetime64(today, "D"))
        report.notes.append(_("No date column: the counts are taken as today's, {day}.").format(day=today.isoformat()))
    records = pd.DataFrame({"sku": parsed["sku"].values[ok], "date": np.datetime_as_string(days[ok], unit="D"),
                            "qty": qty[ok], "row": rows[ok], "n_rows": 1})
    located = "location" in parsed
    if located:
        place = parsed["location"].values[ok]
        records["location"] = np.where(pd.isna(place), "", place).astype(str)
    repeated = records.duplicated(["sku", "date", "location"] if located else ["sku", "date"], keep="last").to_numpy()
    if repeated.any():
        report.count("duplicates", int(repeated.sum()))
        note_rows(report, repeated, records["row"].to_numpy(), "skipped",
                  _("the same product, location and date again further down: the later count is used") if located
                  else _("the same product and date again further down: the later count is used"))
        records = records[~repeated]
    if located:
        places = sorted({p for p in records["location"] if p})
        if len(places) > 1:
            shown = ", ".join(places[:4]) + (", …" if len(places) > 4 else "")
            report.notes.append(_("Counts at {n} locations ({places}) are added up: each product's stock is its total "
                                  "over them.").format(n=len(places), places=shown))
        elif places:
            report.notes.append(_("Counts at location {place}: added to the latest counts of the shop's other "
                                  "locations (imported apart) for each product's stock.").format(place=places[0]))
    report.imported = int(records["n_rows"].sum())
    return Validated(kind, sheet, mapping, report, records.reset_index(drop=True),
                     _product_facts(parsed["sku"].values, parsed, ok))


def _order_days(days: Parsed, report: ImportReport, rows: np.ndarray, ok: np.ndarray, column: str) -> Parsed:
    """A supplier's order days as the plan reads them ('Tuesdays and Fridays' -> 'Tue,Fri', 'Mo-Fr', 'monthly' ->
    '1st'); a text it cannot read is kept as written and said, row by row (it had been read as any day, silently)."""
    from core.policy.order_days import normalise

    values = days.values.copy()
    unread = np.zeros(len(values), dtype=bool)
    reasons = np.full(len(values), "", dtype=object)
    for i in np.flatnonzero(ok & ~days.empty & ~days.bad):
        try:
            values[i] = normalise(str(values[i]))
        except UserError as problem:
            unread[i], reasons[i] = True, str(problem)
    if unread.any():
        report.warnings += int(unread.sum())
        for i in np.flatnonzero(unread):
            note_rows(report, np.arange(len(values)) == i, rows, "warning",
                      _("cannot read these order days, so the plan takes any day: {reason}").format(reason=reasons[i]),
                      column, days.values)
    return Parsed(values, days.empty, days.bad)


def _unit_costs(parsed: dict[str, Parsed], mapping: Mapping, report: ImportReport, rows: np.ndarray,
                ok: np.ndarray) -> dict[str, Parsed]:
    """A wholesaler's cost per case made the unit cost: divided by the row's pack size (30.00 a case of 12 is 2.50
    a unit). Read as a unit's cost it made every value, order and budget twelve times too big. Where the sheet
    also has a unit cost that one is read; a row without a pack size keeps the unit cost it had."""
    parsed = dict(parsed)
    case = parsed.pop("case_cost")
    column = _source(mapping, "case_cost")
    if "unit_cost" in parsed:
        report.notes.append(_("'{column}' (a case's cost) is not read: the unit cost is '{unit}'.").format(
            column=column, unit=_source(mapping, "unit_cost")))
        return parsed
    pack = parsed.get("pack_size")
    given = ~case.empty & ~case.bad
    packed = (~pack.empty & ~pack.bad & (pack.values > 0)) if pack is not None else np.zeros(len(given), dtype=bool)
    use = given & packed
    # to a hundredth of a penny: 9.60 / 24 is 0.40, not 0.39999999999999997
    unit = np.round(np.where(use, case.values / np.where(packed, pack.values if pack is not None else 1.0, 1.0),
                             np.nan), 4)
    parsed["unit_cost"] = Parsed(unit, ~use, np.zeros(len(use), dtype=bool))
    if (use & ok).any():
        first = int(np.flatnonzero(use & ok)[0])
        report.notes.append(_("Unit costs are '{column}' divided by the pack size ('{pack}'): {case:,.2f} for a pack of "
                              "{size:g} is {unit:,.2f} a unit (row {row}).").format(
            column=column, pack=_source(mapping, "pack_size"), case=float(case.values[first]),
            size=float(pack.values[first]), unit=float(unit[first]), row=int(rows[first])))
    missing = given & ~packed & ok
    if missing.any():
        report.warnings += int(missing.sum())
        note_rows(report, missing, rows, "warning",
                  _("a cost per case without a pack size: the unit cost is left as it was"), column, case.values)
    return parsed


def _closing_today(dates: Parsed, mapping: Mapping, report: ImportReport, today: dt.date) -> Parsed:
    """Counts whose dates show months or weeks (each month's last day, as a period report's closing stock): the
    current period's, dated at its close after today, is the stock on hand today (as a Month column's closing stock
    is, core.importing.period_rows.counted_on), not a count in the future to reject."""
    unit = _dated_period(dates.values, mapping)
    if unit == "day":
        return dates
    days = dates.values.astype("datetime64[D]")
    now = np.datetime64(today, "D")
    current = ~np.isnat(days) & (days > now) & (_period_first(days, unit) <= now)
    if not current.any():
        return dates
    report.notes.append((_("This month's counts, dated {day} (the month's close), are taken as today's, {today}: the "
                           "month is not over.") if unit == "month" else
                         _("This week's counts, dated {day} (the week's close), are taken as today's, {today}: the "
                           "week is not over.")).format(day=str(days[current][0]), today=today.isoformat()))
    return Parsed(np.where(current, now.astype(dates.values.dtype), dates.values), dates.empty, dates.bad)


# --------------------------------------------------------------------------- reference tables


_KEYS = {"products": ["sku"], "suppliers": ["supplier"], "prices": ["sku", "date"], "events": ["date", "name", "sku"],
         "orders": ["number", "sku"]}


def _table(sheet, kind, mapping, parsed, report, today, non_product_codes) -> Validated:
    """Products, suppliers, prices, events and open orders: one record per row, later rows win."""
    rows, n, checks = _begin(sheet, kind, mapping, parsed, report, today)
    frame = sheet.frame
    for f in FIELDS[kind]:
        p = parsed.get(f.name)
        if p is None or f.required:
            continue
        bad = p.bad & checks.ok
        if bad.any():
            report.warnings += int(bad.sum())
            note_rows(report, bad, rows, "warning",
                      _("cannot read the {field}; it is left as it was").format(field=f.label.lower()),
                      _source(mapping, f.name), frame[_source(mapping, f.name)].to_numpy())
        if f.type == "number" and f.name in ("pack_size",):
            checks.reject(~p.empty & ~p.bad & (p.values <= 0), _("a pack size must be 1 or more"),
                          _source(mapping, f.name), p.values)
        elif f.type == "number":
            checks.reject(~p.empty & ~p.bad & (p.values < 0), _("the {field} cannot be negative").format(field=f.label.lower()),
                          _source(mapping, f.name), p.values)
    if "case_cost" in parsed:
        parsed = _unit_costs(parsed, mapping, report, rows, checks.ok)
    if kind == "prices" and "sell_price" not in parsed and "unit_cost" not in parsed:
        raise ImportRefused(_("a prices import needs a sell price or a unit cost column."), where=sheet.where)
    if kind == "suppliers" and "order_days" in parsed:
        parsed["order_days"] = _order_days(parsed["order_days"], report, rows, checks.ok, _source(mapping, "order_days"))
    if kind == "suppliers" and "email" in parsed:
        email = parsed["email"].values.astype(str)
        bad_email = checks.ok & (email != "") & ~pd.Series(email).str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+").to_numpy()
        report.warnings += int(bad_email.sum())
        note_rows(report, bad_email, rows, "warning", _("this does not look like an e-mail address"),
                  _source(mapping, "email"), email)
    checks.to_report(report)
    ok = checks.ok
    records = pd.DataFrame({"row": rows[ok], "n_rows": 1})
    for name, p in parsed.items():
        values = p.values[ok]
        if p.values.dtype.kind == "M":
            values = np.where(np.isnat(values), None, np.datetime_as_string(values, unit="D").astype(object))
        else:
            values = np.where((p.empty | p.bad)[ok], None, values.astype(object))
        records[name] = values
    keys = [k for k in _KEYS[kind] if k in records.columns]
    repeated = records.duplicated(keys, keep="last").to_numpy() if keys else np.zeros(len(records), dtype=bool)
    if repeated.any():
        report.count("duplicates", int(repeated.sum()))
        note_rows(report, repeated, records["row"].to_numpy(), "skipped",
                  _("the same record again further down: the later row is used"))
        records = records[~repeated]
    report.imported = len(records)
    products = _product_facts(parsed["sku"].values, parsed, ok) if "sku" in parsed and kind != "products" else \
        pd.DataFrame(columns=["sku", "name", "category", "supplier"])
    return Validated(kind, sheet, mapping, report, records.reset_index(drop=True), products)
