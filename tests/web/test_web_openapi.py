"""Every route is in the OpenAPI schema and in docs/web.md; every list is paged."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute

DOCS = Path(__file__).resolve().parents[2] / "docs" / "web.md"


def routes(app: FastAPI) -> list[APIRoute]:
    return [r for r in app.routes if isinstance(r, APIRoute)]


def test_web_openapi_documents_every_route(app: FastAPI) -> None:
    schema = app.openapi()
    for route in routes(app):
        assert route.path in schema["paths"], route.path
        for method in route.methods - {"HEAD"}:
            operation = schema["paths"][route.path][method.lower()]
            assert operation.get("summary") and operation.get("description"), route.path
            assert {"404", "422", "503"} <= set(operation["responses"]), route.path


def test_web_openapi_every_list_takes_limit_and_offset(app: FastAPI) -> None:
    schema = app.openapi()
    lists = [p for p, ops in schema["paths"].items() if p.startswith("/api")
             and "Page_" in str(ops["get"]["responses"]["200"])]  # fmt: skip
    assert len(lists) >= 6
    for path in lists:
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert params["limit"]["schema"]["maximum"] <= 500 and "offset" in params, path


def test_web_openapi_error_shape_is_one_model(app: FastAPI) -> None:
    schema = app.openapi()
    refs = {
        response["content"]["application/json"]["schema"]["$ref"]
        for ops in schema["paths"].values()
        for op in ops.values()
        for status, response in op["responses"].items()
        if status.startswith(("4", "5"))
    }
    assert refs == {"#/components/schemas/ErrorBody"}


def test_web_openapi_every_route_is_in_the_docs(app: FastAPI) -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`(?:GET )?(/[^`\s?]*)", text))
    for route in routes(app):
        assert route.path in documented, f"{route.path} is not described in docs/web.md"
