"""Demand history: daily series per product from the sales, with what the sales cannot tell set apart.

Nothing is imported until it is used (core/lazy.py)."""
from core.lazy import lazy_exports

__all__ = ["DemandHistory", "load_history", "classify"]
__getattr__, __dir__ = lazy_exports(__name__, {"DemandHistory": "core.demand.history",
                                               "load_history": "core.demand.history",
                                               "classify": "core.demand.classes"})
