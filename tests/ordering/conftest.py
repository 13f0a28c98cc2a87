"""The forecast demo shop of the policy tests (one forecast per session, a copy of the file per test)."""
from tests.policy.conftest import TODAY, demo, demo_path, forecast_demo  # noqa: F401
