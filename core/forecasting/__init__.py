"""Demand forecasting: models behind one contract, rolling-origin backtests, per-product choice."""
from core.forecasting.base import QUANTILES, Forecast, Model
from core.forecasting.run import ForecastResult, ForecastSettings, forecast_history, forecast_shop

__all__ = ["QUANTILES", "Forecast", "Model", "ForecastResult", "ForecastSettings", "forecast_history",
           "forecast_shop"]
