"""Replays of reorder policies over the shop's own past: what each would have served, lost and held.

Nothing is imported until it is used (core/lazy.py)."""
from core.lazy import lazy_exports

_REPLAY = ("POLICIES", "ReplayProducts", "ReplayResult", "ReplaySettings", "ShopInputs", "replay_minmax_curve",
           "replay_policies", "replay_shop", "shop_inputs", "summarise")
__all__ = ["Comparison", "actual_result", "compare_policies", "history_span", *_REPLAY]
__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(_REPLAY, "core.simulation.replay"), "actual_result": "core.simulation.actual",
    **dict.fromkeys(("Comparison", "compare_policies", "history_span"), "core.simulation.compare"),
})
