"""Property-based tests of every operation in the OpenAPI schema (schemathesis, bounded).

Each generated request must get a documented status with a body and headers that match the
schema, never a 5xx; every error must have the one error shape. The operations are driven
directly with Hypothesis (schemathesis' pytest plugin does not run under pytest 9).
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")
from fastapi import FastAPI  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402

ERROR_KEYS = {"ok", "status", "code", "title", "error", "hint", "details"}
MAX_EXAMPLES = 10


def check_operation(operation: Any) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    def run(case: Any) -> None:
        response = case.call()
        case.validate_response(response, excluded_checks=[schemathesis.checks.positive_data_acceptance])
        assert response.status_code < 500, (case.path, response.text[:300])
        if response.status_code >= 400:
            assert set(response.json()) == ERROR_KEYS

    run()


@pytest.mark.slow
def test_web_schemathesis_operations_conform(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        check_operation(operation)
