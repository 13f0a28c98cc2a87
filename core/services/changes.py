"""What a change to the shop touched, so each page of the window reloads only when its own data changed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

SALES = "sales"
STOCK = "stock"
PRODUCTS = "products"
SUPPLIERS = "suppliers"
ORDERS = "orders"             # purchase orders
FORECAST = "forecast"
PLAN = "plan"                 # the owner's own quantities, the budget
SETTINGS = "settings"
IMPORTS = "imports"

ALL = frozenset({SALES, STOCK, PRODUCTS, SUPPLIERS, ORDERS, FORECAST, PLAN, SETTINGS, IMPORTS})

# What an import of each kind can change (an undo changes the same)
BY_IMPORT_KIND = {
    "sales": frozenset({SALES, PRODUCTS, IMPORTS}),
    "stock": frozenset({STOCK, PRODUCTS, IMPORTS}),
    "products": frozenset({PRODUCTS, SUPPLIERS, IMPORTS}),
    "suppliers": frozenset({SUPPLIERS, PRODUCTS, IMPORTS}),
}


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A service's result and what it changed in the shop (the runner hands on `value` and announces `changes`)."""
    value: T
    changes: frozenset[str]


def changed(value: T, *changes: str | frozenset[str]) -> Changed[T]:
    names: set[str] = set()
    for change in changes:
        names |= {change} if isinstance(change, str) else set(change)
    unknown = names - ALL
    if unknown:
        raise ValueError(f"unknown change {sorted(unknown)}")
    return Changed(value, frozenset(names))
