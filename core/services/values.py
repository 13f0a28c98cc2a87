"""Cells of core's tables as the faces show them: None where core had no number, '' where it had no text."""
from __future__ import annotations

import math


def number(value) -> float | None:
    """A float, or None for a missing or unreadable value (NaN included)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def finite(value) -> float | None:
    """A float, or None where it is missing or infinite (days of cover of a product that never sells)."""
    value = number(value)
    return None if value is None or math.isinf(value) else value


def text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def day(value) -> str | None:
    """The YYYY-MM-DD of a date or timestamp text, or None."""
    return text(value)[:10] or None
