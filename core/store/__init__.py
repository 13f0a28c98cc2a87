"""The shop file: one SQLite file per shop, opened through sqlite-utils."""
from core.store.db import open_shop, atomic, ShopDb, SCHEMA_VERSION

__all__ = ["open_shop", "atomic", "ShopDb", "SCHEMA_VERSION"]
