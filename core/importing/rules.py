"""Shop rules an import applies: which codes are not products, what makes two lines "the same sale"."""
from __future__ import annotations

import fnmatch
import re

import numpy as np
import pandas as pd

# Codes that appear in sales exports but are not things on a shelf. Editable per shop (setting
# 'non_product_codes'); '*' matches anything. Matched without regard to case.
LINE_KEY_HASH_KEY = "0123456789123456"

DEFAULT_NON_PRODUCT_CODES = [
    "POST", "DOT", "M", "C2", "D", "S", "B", "CRUK", "PADS", "AMAZONFEE", "BANK CHARGES", "ADJUST*",
    "gift_*", "DISCOUNT", "SHIPPING", "DELIVERY", "CARRIAGE", "FEE", "SERVICE", "TIP", "VOUCHER*",
]


TOTAL_WORDS = {"total", "totals", "grand total", "sum", "subtotal", "sub total", "合计", "总计", "小计", "總計", "合計"}


def is_totals_row(codes: np.ndarray, names: np.ndarray | None = None) -> np.ndarray:
    """Rows whose code (or name, where the code is blank) says they add up other rows: 'Total', '合计'."""
    def flags(values: np.ndarray) -> np.ndarray:
        inverse, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
        hit = np.array([str(u).strip().strip(":").lower() in TOTAL_WORDS for u in uniques], dtype=bool)
        return hit[inverse] if len(uniques) else np.zeros(len(values), dtype=bool)

    out = flags(codes)
    if names is not None:
        out |= (codes == "") & flags(names)
    return out


def non_product_matcher(patterns: list[str]):
    """A function from an array of codes to a bool mask of the codes that are not products."""
    exact = {p.upper() for p in patterns if not any(ch in p for ch in "*?[")}
    globs = [re.compile(fnmatch.translate(p.upper())) for p in patterns if any(ch in p for ch in "*?[")]

    def match(codes: np.ndarray) -> np.ndarray:
        inverse, uniques = pd.factorize(pd.Series(codes, dtype=object), use_na_sentinel=False)
        flags = np.array([str(u).upper() in exact or any(g.match(str(u).upper()) for g in globs)
                          for u in uniques], dtype=bool)
        return flags[inverse] if len(uniques) else np.zeros(len(codes), dtype=bool)

    return match


def line_keys(parts: list[np.ndarray]) -> np.ndarray:
    """A 64-bit key per row from its identifying parts (text arrays), stable across files and versions.

    "The same sale" is the same product, date and time, invoice, quantity, unit price and customer; for a
    sheet of daily totals (no invoice, no time of day) it is the same product and day.
    """
    joined = np.array(["\x1f".join(row) for row in zip(*parts)], dtype=object)
    if not len(joined):
        return np.array([], dtype=np.int64)
    # SipHash-2-4 with pandas' fixed key: deterministic; tests/test_rules.py pins known values so that a
    # change of algorithm can never make a re-import add the same sales twice unnoticed.
    return pd.util.hash_array(joined, encoding="utf8", hash_key=LINE_KEY_HASH_KEY, categorize=False).view(np.int64)


def number_text(values: np.ndarray) -> np.ndarray:
    """Numbers written canonically (6.0 and '6' both give '6'), through their distinct values."""
    codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=False)
    texts = np.array(["" if (isinstance(u, float) and np.isnan(u)) else format(float(u), ".10g") for u in uniques],
                     dtype=object)
    return texts[codes] if len(codes) else np.array([], dtype=object)
