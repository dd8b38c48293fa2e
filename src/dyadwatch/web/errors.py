"""One error shape for every error the web app returns (404, 422, 500, 503 ...).

API clients get JSON::

    {"ok": false, "status": 404, "code": "E004", "title": "Not Found",
     "error": "no stored article with id ...", "hint": "...", "details": null}

Pages (a browser asking for HTML outside ``/api``) get the same fields rendered into the site
layout. Messages never echo request input unescaped: pages go through autoescaped templates.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Literal

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyadwatch.errors import ArticleNotFound, BadDyad, DyadwatchError
from dyadwatch.storage.browse import RecordNotFound
from dyadwatch.web.db import RETRY_AFTER_S, QueryTimeout, StoreUnavailable

log = logging.getLogger("dyadwatch.web")

# Codes for errors that do not come from a dyadwatch exception.
HTTP_CODES = {404: "E113", 405: "E114", 422: "E115", 500: "E116"}
STATUS_OF: dict[type[DyadwatchError], int] = {
    ArticleNotFound: 404,
    RecordNotFound: 404,
    BadDyad: 422,
    StoreUnavailable: 503,
    QueryTimeout: 503,
}


class ErrorBody(BaseModel):
    """The body of every error response."""

    ok: Literal[False] = False
    status: int
    code: str
    title: str
    error: str
    hint: str | None = None
    details: list[dict[str, Any]] | None = None


ERROR_STATUSES = (404, 422, 500, 503)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": HTTPStatus(status).phrase} for status in ERROR_STATUSES
}
# Pages answer errors as JSON, or as HTML to a browser that asks for it.
PAGE_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ErrorBody,
        "description": HTTPStatus(status).phrase,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
    for status in ERROR_STATUSES
}


def error_body(
    status: int, message: str, code: str | None = None, hint: str | None = None, details: Any = None
) -> ErrorBody:
    """Build the error body for ``status``."""
    return ErrorBody(
        status=status,
        code=code or HTTP_CODES.get(status, f"E{status}"),
        title=HTTPStatus(status).phrase,
        error=message,
        hint=hint,
        details=details,
    )


def wants_html(request: Request) -> bool:
    """A page request (not under /api) from a client that accepts HTML."""
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json" or path.startswith("/static"):
        return False
    return "text/html" in request.headers.get("accept", "")


def render_error(request: Request, body: ErrorBody, headers: dict[str, str] | None = None) -> Response:
    """The error as JSON, or as an HTML page for a browser."""
    if wants_html(request):
        from dyadwatch.web.render import render_page

        html = render_page("error.html", request, error=body, title=body.title)
        return HTMLResponse(html, status_code=body.status, headers=headers)
    return JSONResponse(body.model_dump(), status_code=body.status, headers=headers)


def _clean_validation(errors: list[Any]) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        out.append(
            {
                "loc": [str(part) for part in err.get("loc", ())],
                "msg": str(err.get("msg", ""))[:300],
                "type": str(err.get("type", "")),
            }
        )
    return out


def internal_error(request: Request, exc: BaseException) -> Response:
    """The 500 response for an exception nothing else handled (logged with its traceback)."""
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    return render_error(request, error_body(500, "internal error", hint="see the server log"))


def busy_error(request: Request) -> Response:
    """The 503 for a request that waited too long for its turn (E112, ``Retry-After``)."""
    body = error_body(503, "the server is busy", code=QueryTimeout.code, hint=f"retry in {RETRY_AFTER_S} s")
    return render_error(request, body, {"Retry-After": str(RETRY_AFTER_S)})


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to the one error shape."""

    @app.exception_handler(DyadwatchError)
    async def dyadwatch_error(request: Request, exc: DyadwatchError) -> Response:
        status = next((s for cls, s in STATUS_OF.items() if isinstance(exc, cls)), 400)
        headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else None
        body = error_body(status, exc.message, code=exc.code, hint=exc.hint)
        return render_error(request, body, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = "no page or API route at this address"
        body = error_body(exc.status_code, message, hint="see /api for the routes")
        return render_error(request, body, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = _clean_validation(list(exc.errors()))
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(p for p in first["loc"] if p not in ("query", "path"))
        body = error_body(422, f"{where or 'request'}: {first['msg']}", details=details)
        return render_error(request, body)

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error) -> Response:
        log.exception("database error on %s", request.url.path, exc_info=exc)
        body = error_body(500, "the store could not answer this request", hint="see the server log")
        return render_error(request, body)
