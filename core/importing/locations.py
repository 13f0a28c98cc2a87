"""A stock sheet with one quantity column per location, as a till's item library export writes it (Square: `Current
Quantity Main Street`, `Current Quantity Warehouse`, beside `New Quantity ...` columns to type into and `Stock Alert
...` settings): the shop's stock of each product is the sum over its locations. The sheet gains an `On hand` column
holding that sum (visible in the wizard's preview, said in the report), which the mapping reads as the quantity.
Anything else is returned unchanged.
"""
from __future__ import annotations

import re

import numpy as np

from core.i18n import _
from core.importing.fields import normalise_name
from core.importing.grouped import _number

PREFIX = re.compile(r"^\s*current\s+quantity\s+(?P<place>\S.*)$", re.IGNORECASE)
SUM_COLUMN = "On hand"


def sum_locations(raw):
    """`raw` with an `On hand` column, the sum of its `Current Quantity <location>` columns (see the module)."""
    places = [(column, PREFIX.match(str(column)).group("place").strip()) for column in raw.columns
              if PREFIX.match(str(column))]
    if not places or any(normalise_name(c) == normalise_name(SUM_COLUMN) for c in raw.columns):
        return raw
    values = np.column_stack([_number(raw.frame[column].to_numpy(dtype=object)) for column, _place in places])
    given = ~np.isnan(values)
    total = np.where(given.any(axis=1), np.nansum(values, axis=1), np.nan)
    frame = raw.frame.copy()
    frame.insert(frame.columns.get_loc(places[0][0]), SUM_COLUMN,
                 [("" if np.isnan(v) else (str(int(v)) if float(v).is_integer() else repr(float(v)))) for v in total])
    columns = list(frame.columns)
    notes = list(raw.notes)
    shown = ", ".join(place for _column, place in places[:4]) + (", …" if len(places) > 4 else "")
    notes.append(_("{where} holds a quantity for each of {n} locations ({places}): their sum is each product's "
                   "stock, in a column '{column}'.").format(where=raw.where, n=len(places), places=shown,
                                                            column=SUM_COLUMN) if len(places) > 1 else
                 _("{where} holds the quantity of one location ({places}): read as each product's stock, in a "
                   "column '{column}'.").format(where=raw.where, places=shown, column=SUM_COLUMN))
    return type(raw)(raw.path, raw.sheet, raw.header_row, columns, frame, raw.row_numbers,
                     encoding=raw.encoding, delimiter=raw.delimiter, notes=notes)
