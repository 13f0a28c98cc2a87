"""One forecast of the demo shop for the whole session (about 10 s); each test gets its own copy of the file."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from core.demo import build_demo_shop
from core.forecasting import ForecastSettings, forecast_shop
from core.store import open_shop

TODAY = dt.date(2026, 3, 2)     # a Monday


@pytest.fixture(scope="session")
def forecast_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_shop(path, today=TODAY)
    with open_shop(path, create=False) as shop:
        forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0))
    return path


@pytest.fixture
def demo_path(forecast_demo, tmp_path):
    path = tmp_path / "shop.db"
    shutil.copy(forecast_demo, path)
    return path


@pytest.fixture
def demo(demo_path):
    with open_shop(demo_path, create=False) as shop:
        yield shop
