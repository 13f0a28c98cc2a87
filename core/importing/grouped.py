"""Reports grouped by product, as accounting and ERP packages print them ("Sales by Product/Service Detail",
"Sales by Item Detail"): the product is not a column of its rows but a heading row above them, and a "Total for ..."
row closes each group.

    ,Date,Transaction Type,Num,Customer,Qty,Sales Price,Amount
    Blue Mug,,,,,,,
    ,01/03/2024,Invoice,1001,Smith,2,8.00,16.00
    ,05/03/2024,Credit Memo,CM-3,Smith,-1,8.00,-8.00
    Total for Blue Mug,,,,,1,,8.00

Such a sheet is turned into one a sales import can read: the heading's product written on each of its rows (in a
column named "Product" where the report left the column unnamed), the heading and total rows taken out, and each
total checked against the rows it adds up (agreement said, a disagreeing group named). Nested groups (a category over
its products) give each row its innermost heading. Anything that is not this shape is returned unchanged; the test
costs one pass over the first column.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from core.i18n import _

ADDS_UP = re.compile(r"qty|quantity|amount|total|sales|units|数量|金额", re.IGNORECASE)
RUNNING = re.compile(r"balance|price|rate|cost|余额|单价", re.IGNORECASE)      # not sums: a running balance, a price
TOTAL_PREFIX = re.compile(r"^\s*(total|totals|subtotal|合计|小计|總計|合計)\b\s*(for|of|:)?\s*", re.IGNORECASE)


def _number(values: np.ndarray) -> np.ndarray:
    text = pd.Series(values, dtype=object).astype(str).str.replace(r"[,\s£$€¥]", "", regex=True)
    text = text.str.replace("\u2212", "-", regex=False).str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)


def ungroup(raw):
    """The sheet with a grouped report's headings written onto its rows (see the module); `raw` unchanged else."""
    frame = raw.frame
    if frame.shape[1] < 3 or len(frame) < 4:
        return raw
    first_name = raw.columns[0]
    first = frame[first_name].to_numpy(dtype=object)
    first_filled = first != ""
    if first_filled.mean() > 0.7:                                        # a plain table: nothing to do (fast path)
        return raw
    rest_filled = np.zeros(len(frame), dtype=bool)
    for name in raw.columns[1:]:
        rest_filled |= frame[name].to_numpy(dtype=object) != ""
    text = pd.Series(first, dtype=object).astype(str)
    total = first_filled & text.str.match(TOTAL_PREFIX).to_numpy()
    heading = first_filled & ~rest_filled & ~total
    detail = ~first_filled & rest_filled
    if heading.sum() < 2 or detail.sum() < 2 or (detail | heading | total).mean() < 0.9:
        return raw
    # the heading each detail row falls under (the last one above it); rows above the first heading have none
    group = pd.Series(np.where(heading, first, None), dtype=object).ffill().to_numpy(dtype=object)
    detail &= pd.notna(group)
    if detail.sum() < 2:
        return raw
    checked, disagree = _check_totals(raw, first, total, detail, group)
    named = first_name.startswith("Column ")
    column = "Product" if named else first_name
    out = frame.loc[detail].copy()
    out[first_name] = group[detail]
    columns = list(raw.columns)
    if named:
        out = out.rename(columns={first_name: column})
        columns[0] = column
    notes = list(raw.notes)
    n_headings = len(set(group[detail]))
    notes.append(_("{where} is a report grouped by product: the product of each heading ({n_headings} of them) was "
                   "written on the rows under it, in a column '{column}'; {n_totals} total rows were taken out.")
                 .format(where=raw.where, n_headings=f"{n_headings:,}", column=column,
                         n_totals=f"{int(total.sum()):,}"))
    if checked and not disagree:
        notes.append(_("The report's totals agree with the rows they add up ({n} checked).").format(n=f"{checked:,}"))
    elif disagree:
        notes.append(_("{n} of the report's totals disagree with the rows they add up: {groups}. The rows were "
                       "imported as written.").format(n=f"{len(disagree):,}", groups=", ".join(disagree[:5])))
    return type(raw)(raw.path, raw.sheet, raw.header_row, columns, out.reset_index(drop=True),
                     raw.row_numbers[detail], encoding=raw.encoding, delimiter=raw.delimiter, notes=notes)


def _check_totals(raw, first, total, detail, group) -> tuple[int, list[str]]:
    """Each 'Total for X' row against the sum of X's rows, in every column where the total row has a number."""
    checked, disagree = 0, []
    numbers = {name: _number(raw.frame[name].to_numpy(dtype=object)) for name in raw.columns[1:]
               if ADDS_UP.search(name) and not RUNNING.search(name)}
    for index in np.flatnonzero(total):
        name = TOTAL_PREFIX.sub("", str(first[index])).strip()
        rows = detail & (group == name)
        if not name or not rows.any():
            continue
        for column, values in numbers.items():
            if np.isnan(values[index]):
                continue
            checked += 1
            if abs(np.nansum(values[rows]) - values[index]) > 0.005 * max(1.0, abs(values[index])):
                disagree.append(f"{name} ({column})")
    return checked, disagree
