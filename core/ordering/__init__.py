"""Supplier orders: the plan's lines fitted to packs, minimums, the supplier's minimum order value, capacity and
the week's budget (scipy's HiGHS `milp`)."""
from core.ordering.optimise import OrderLine, OrderSolution, SupplierRule, optimise_orders, optimise_plan

__all__ = ["OrderLine", "OrderSolution", "SupplierRule", "optimise_orders", "optimise_plan"]
