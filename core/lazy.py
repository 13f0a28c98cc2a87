"""Package `__init__`s that import nothing until a name is used.

`from core.forecasting import forecast_shop` still works, but `import core.forecasting.views` no longer pulls in
scipy and statsmodels through the package: each package names what it offers and where it lives, and the module
is imported the first time one of its names is asked for (PEP 562).
"""
from __future__ import annotations

import importlib
import sys
from typing import Callable


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for a package whose names live in its submodules ({name: module})."""

    def __getattr__(name: str) -> object:
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)      # asked once: a plain attribute from then on
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
