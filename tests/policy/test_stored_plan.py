"""The plan and its alerts kept in the shop file: opening a shop again shows them at once, and they are made again
whenever anything they were made from changed (an import, a count, an edit, an order, a setting, a new day)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import core.policy.plan as policy_plan
from core.jobs import null_context
from core.policy.settings import load_policy_settings, save_policy_settings
from core.services import plan as plan_service
from core.services import stock as stock_service
from core.store import open_shop
from tests.policy.conftest import TODAY


@pytest.fixture
def planned(monkeypatch):
    """Counts the whole plans made."""
    made = []
    real = policy_plan.plan_shop

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(policy_plan, "plan_shop", counting)
    return made


def _load(path, today=TODAY):
    return plan_service.load_alerts(path, ctx=null_context(), today=today)


def test_the_second_opening_shows_the_kept_plan_without_planning(demo_path, planned):
    first = _load(demo_path)
    assert len(planned) == 1 and first.alerts
    again = _load(demo_path)
    assert len(planned) == 1                                            # read back, not planned
    assert again.alerts == first.alerts
    assert again.plan.lines == first.plan.lines and again.plan.total == first.plan.total
    assert again.started >= first.started
    # a purchase order can be made from the plan read back (its lines are all there)
    from core.services import purchase_orders as po_service
    made = po_service.create_purchase_orders(demo_path, plan=again.plan.plan, ctx=null_context()).value
    assert made.created
    assert len(_load(demo_path).alerts) >= 0 and len(planned) == 2      # an order made: planned again


@pytest.mark.slow
def test_a_change_to_what_the_plan_is_made_from_plans_again(demo_path, planned):
    _load(demo_path)
    sku = _load(demo_path).plan.lines[0].sku
    assert len(planned) == 1
    stock_service.store_counts(demo_path, counts={sku: 3}, day=TODAY - dt.timedelta(days=1), ctx=null_context())
    _load(demo_path)
    assert len(planned) == 2                                            # a stock count
    with open_shop(demo_path, create=False) as shop:
        save_policy_settings(shop, dataclasses.replace(load_policy_settings(shop), budget=500.0))
    data = _load(demo_path)
    assert len(planned) == 3 and data.plan.budget == 500.0              # a setting
    _load(demo_path, today=TODAY + dt.timedelta(days=1))
    assert len(planned) == 4                                            # a new day


def test_a_kept_plan_that_cannot_be_read_is_made_again(demo_path, planned):
    first = _load(demo_path)
    with open_shop(demo_path, create=False) as shop:
        shop.conn.execute("UPDATE cache SET data = x'00ff'")
        shop.conn.commit()
    again = _load(demo_path)
    assert len(planned) == 2 and again.alerts == first.alerts


def test_a_budget_change_on_a_plan_read_back_plans_in_full_once(demo_path, planned):
    _load(demo_path)
    shown = _load(demo_path).plan                                        # read back: no demand distributions
    assert len(planned) == 1 and not shown.plan.levels
    total = shown.total
    budgeted = plan_service.budget_and_plan(demo_path, budget=round(total / 2, 2), plan=shown,
                                            ctx=null_context()).value
    assert len(planned) == 2 and budgeted.total <= total / 2 + 1e-6 and budgeted.plan.levels
    plan_service.budget_and_plan(demo_path, budget=round(total / 3, 2), plan=budgeted, ctx=null_context())
    assert len(planned) == 2                                             # then only the orders are re-solved
