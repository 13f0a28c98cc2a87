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
        log_price = np.log(np.clip(drivers.price_ratio()[:, start:T + h], 0.2, 5.0))
        promotion = drivers.promotion[:, start:T + h].astype(float)
        for i in range(n):
            y = Y[i, start:T]
            known = ~np.isnan(y)
            if known.sum() < 28 or np.nansum(y) == 0:
                out[i] = np.nanmean(y[-28:]) if known.any() else 0.0
                continue
            columns = [np.ones(len(shared)), shared]
            if promotion[i].any():
                columns.append(promotion[i])
            if np.ptp(log_price[i]) > 0:
                columns.append(log_price[i])
            X = np.column_stack(columns)
            target = np.log1p(np.clip(y[known], 0, None))
            Xk = X[:T - start][known]
            penalty = RIDGE * np.eye(X.shape[1])
            penalty[0, 0] = 0.0
            beta = np.linalg.solve(Xk.T @ Xk + penalty, Xk.T @ target)
            fitted = np.expm1(Xk @ beta)
            smear = np.clip(np.clip(y[known], 0, None).mean() / max(np.clip(fitted, 0, None).mean(), 1e-9), 0.5, 2.0)
            out[i] = np.clip(np.expm1(X[T - start:] @ beta), 0, None) * smear
        return out
