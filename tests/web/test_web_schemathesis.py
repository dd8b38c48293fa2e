"""Property-based tests of every operation in the OpenAPI schema (schemathesis, bounded).

Each generated request must get a documented status with a body that matches its schema,
never a 5xx; errors must have the one error shape.
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")
from fastapi import FastAPI  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

ERROR_KEYS = {"ok", "status", "code", "title", "error", "hint", "details"}


@pytest.fixture
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_web_schemathesis_operations_conform(case: Any) -> None:
    response = case.call()
    case.validate_response(response, excluded_checks=[schemathesis.checks.positive_data_acceptance])
    assert response.status_code < 500
    if response.status_code >= 400:
        assert set(response.json()) == ERROR_KEYS
