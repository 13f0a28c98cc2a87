"""Demand forecasting: models behind one contract, rolling-origin backtests, per-product choice.

Nothing is imported until it is used (core/lazy.py): the models bring in scipy and statsmodels."""
from core.lazy import lazy_exports

__all__ = ["QUANTILES", "Forecast", "Model", "ForecastResult", "ForecastSettings", "forecast_history",
           "forecast_shop"]
__getattr__, __dir__ = lazy_exports(__name__, {
    "QUANTILES": "core.forecasting.base", "Forecast": "core.forecasting.base", "Model": "core.forecasting.base",
    **dict.fromkeys(("ForecastResult", "ForecastSettings", "forecast_history", "forecast_shop"),
                    "core.forecasting.run"),
})
