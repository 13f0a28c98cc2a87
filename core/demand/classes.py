"""Demand classes a shop owner can act on: how a product sells (smooth, erratic, intermittent, lumpy, by
Syntetos-Boylan's ADI/CV² cut-offs), how much it matters (ABC by sales value) and how steady it is (XYZ)."""
from __future__ import annotations

import numpy as np
import pandas as pd

ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49


def classify(demand: np.ndarray, revenue: np.ndarray, skus: np.ndarray,
             rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per product: adi, cv2, pattern, abc, xyz (from its known demand days only). `rows`: the products'
    row_classes where they were worked out already (the daily forecast's chunks do it beside their models)."""
    frame = row_classes(demand) if rows is None else rows.reset_index(drop=True)
    frame.insert(0, "sku", skus)
    order = np.argsort(-revenue)
    share = np.cumsum(revenue[order]) / max(revenue.sum(), 1e-9)
    abc = np.empty(len(revenue), dtype=object)
    abc[order] = np.where(share <= 0.8, "A", np.where(share <= 0.95, "B", "C"))
    if len(order) and revenue.sum() > 0:
        abc[order[0]] = "A"
    frame["abc"] = abc
    return frame


def row_classes(demand: np.ndarray) -> pd.DataFrame:
    """adi, cv2, pattern and xyz of each row of `demand` (NaN unknown): each product's own, so a chunk of products
    gets the same as the whole shop's rows (core.forecasting.chunks)."""
    rows = []
    for i in range(demand.shape[0]):
        y = demand[i][~np.isnan(demand[i])]
        nonzero = y[y > 0]
        adi = len(y) / len(nonzero) if len(nonzero) else np.inf
        cv2 = (nonzero.std() / nonzero.mean()) ** 2 if len(nonzero) > 1 else 0.0
        if not len(nonzero):
            pattern = "no sales"
        elif adi < ADI_CUTOFF:
            pattern = "smooth" if cv2 < CV2_CUTOFF else "erratic"
        else:
            pattern = "intermittent" if cv2 < CV2_CUTOFF else "lumpy"
        weeks = y[: len(y) // 7 * 7].reshape(-1, 7).sum(axis=1) if len(y) >= 14 else y
        cv_week = weeks.std() / weeks.mean() if len(weeks) and weeks.mean() > 0 else np.inf
        xyz = "X" if cv_week < 0.5 else "Y" if cv_week < 1.0 else "Z"
        rows.append((adi, cv2, pattern, xyz))
    return pd.DataFrame(rows, columns=["adi", "cv2", "pattern", "xyz"])
