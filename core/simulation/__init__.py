"""Replays of reorder policies over the shop's own past: what each would have served, lost and held."""
from core.simulation.replay import (POLICIES, ReplayProducts, ReplayResult, ReplaySettings, ShopInputs,
                                    replay_minmax_curve, replay_policies, replay_shop, shop_inputs, summarise)

from core.simulation.actual import actual_result
from core.simulation.compare import Comparison, compare_policies, history_span

__all__ = ["Comparison", "actual_result", "compare_policies", "history_span", "POLICIES", "ReplayProducts", "ReplayResult", "ReplaySettings", "ShopInputs", "replay_minmax_curve",
           "replay_policies", "replay_shop", "shop_inputs", "summarise"]
