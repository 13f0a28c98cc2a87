"""Demand history: daily series per product from the sales, with what the sales cannot tell set apart."""
from core.demand.history import DemandHistory, load_history
from core.demand.classes import classify

__all__ = ["DemandHistory", "load_history", "classify"]
