"""Supplier orders: the plan's lines fitted to packs, minimums, the supplier's minimum order value, capacity and
the week's budget (scipy's HiGHS `milp`), and the purchase orders made from them.

Nothing is imported until it is used (core/lazy.py): the optimiser brings in scipy."""
from core.lazy import lazy_exports

__all__ = ["OrderLine", "OrderSolution", "SupplierRule", "optimise_orders", "optimise_plan"]
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(__all__, "core.ordering.optimise"))
