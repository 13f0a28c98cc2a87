"""A regression of each product's daily demand on the calendar, events, promotions and its price.

Per product, a ridge regression over its last two years of known days: weekday, yearly waves (when there
is more than a year), each kind of shop event, the product's promotions and its price relative to usual.
Demand is modelled on the log scale (effects multiply: a Saturday in a promotion), then brought back with
the smearing correction so the mean is not biased low.
"""
from __future__ import annotations

import numpy as np

from core.demand.drivers import Drivers, calendar_features
from core.forecasting.base import Model

WINDOW = 730
RIDGE = 1.0


class CalendarRegression(Model):
    alias = "regression"

    def __init__(self, drivers: Drivers | None = None):
        self.drivers = drivers

    def forecast_batch(self, Y, h, drivers: Drivers | None = None):
        drivers = drivers or self.drivers
        n, T = Y.shape
        start = max(0, T - WINDOW)
        out = np.zeros((n, h))
        if drivers is None:
            raise ValueError("the calendar regression needs the drivers (events, prices)")
        yearly = T - start >= 400
        shared = calendar_features(drivers, yearly)[start:T + h]
        log_price = np.log(np.clip(drivers.price_ratio(start, T + h), 0.2, 5.0))
        promotion = drivers.promotion[:, start:T + h]
        # Per product as before, one small solve each; what is the same for every product is done once: the
        # shared columns, the checks, and the normal equations of the products that have only the shared
        # columns and no unknown day (the same numbers, so the same matrix, computed once).
        history = Y[:, start:T]
        known_days = ~np.isnan(history)
        n_known = known_days.sum(axis=1)
        with np.errstate(invalid="ignore"):
            total = np.nansum(history, axis=1)
        has_promotion = promotion.any(axis=1)
        has_price = np.ptp(log_price, axis=1) > 0 if log_price.shape[1] else np.zeros(n, dtype=bool)
        base = np.column_stack([np.ones(len(shared)), shared])
        fit_days = T - start
        penalties: dict[int, np.ndarray] = {}
        base_normal = None
        for i in range(n):
            y = history[i]
            known = known_days[i]
            if n_known[i] < 28 or total[i] == 0:
                # the last 4 weeks' known days (those before them where a closure or a stock-out took all 28)
                out[i] = np.nanmean(y[-28:]) if known[-28:].any() else y[known][-28:].mean() if n_known[i] else 0.0
                continue
            columns = [base]
            if has_promotion[i]:
                columns.append(promotion[i].astype(float))
            if has_price[i]:
                columns.append(log_price[i])
            X = np.column_stack(columns) if len(columns) > 1 else base
            p = X.shape[1]
            target = np.log1p(np.clip(y[known], 0, None))
            every_day = n_known[i] == fit_days
            Xk = X[:fit_days] if every_day else X[:fit_days][known]
            if p not in penalties:
                penalty = RIDGE * np.eye(p)
                penalty[0, 0] = 0.0
                penalties[p] = penalty
            if every_day and X is base:
                if base_normal is None:
                    base_normal = Xk.T @ Xk + penalties[p]
                normal = base_normal
            else:
                normal = Xk.T @ Xk + penalties[p]
            beta = np.linalg.solve(normal, Xk.T @ target)
            fitted = np.expm1(Xk @ beta)
            smear = np.clip(np.clip(y[known], 0, None).mean() / max(np.clip(fitted, 0, None).mean(), 1e-9), 0.5, 2.0)
            out[i] = np.clip(np.expm1(X[fit_days:] @ beta), 0, None) * smear
        return out

