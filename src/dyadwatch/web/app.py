"""The web application: JSON API, pages, static files, security headers and error handling.

>>> app = create_app("dyadwatch.duckdb")
>>> app.openapi()["info"]["title"]
'dyadwatch'
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import dyadwatch
from dyadwatch.web import api, pages
from dyadwatch.web.db import (
    DEFAULT_LOCK_WAIT_S,
    DEFAULT_QUERY_TIMEOUT_S,
    DEFAULT_RELEASE_AFTER_S,
    ReadOnlyPool,
)
from dyadwatch.web.errors import busy_error, install_error_handlers, internal_error
from dyadwatch.web.middleware import DEFAULT_CACHE_BYTES, GuardMiddleware, ResponseCache

# Scripts, styles, images and data come from this origin only; no inline script or style, no
# eval (charts run Vega's expression interpreter), no framing, no plugins.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
STATIC_DIR = Path(str(resources.files("dyadwatch.web") / "static"))


def create_app(
    db: str | Path,
    query_timeout_s: float = DEFAULT_QUERY_TIMEOUT_S,
    release_after_s: float = DEFAULT_RELEASE_AFTER_S,
    threads: int = 1,
    response_cache_bytes: int = DEFAULT_CACHE_BYTES,
    lock_wait_s: float = DEFAULT_LOCK_WAIT_S,
) -> FastAPI:
    """A read-only app over the store at ``db``.

    ``query_timeout_s`` interrupts any query that runs longer; ``release_after_s`` closes the
    store after that much idle time so that a concurrent ``ingest`` can write;
    ``response_cache_bytes`` bounds the cache of successful GET answers (0: no cache), which is
    dropped whenever the store file changes; ``lock_wait_s`` is how long a request waits for a
    writer (``ingest``, ``watch``) to finish a batch before it gets a 503.
    """
    pool = ReadOnlyPool(
        db,
        query_timeout_s=query_timeout_s,
        release_after_s=release_after_s,
        threads=threads,
        lock_wait_s=lock_wait_s,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="dyadwatch",
        version=dyadwatch.__version__,
        description=(
            "Read-only API over a dyadwatch store: articles, actors, quotes, events, dyad summaries "
            "and forecasts, each linked to the words behind it. Every list is paged (`limit` at most "
            "500, `offset`); every error has one JSON shape (`ErrorBody`)."
        ),
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    cache = ResponseCache(str(db), max_bytes=response_cache_bytes) if response_cache_bytes > 0 else None
    app.state.response_cache = cache
    app.add_middleware(
        GuardMiddleware, headers=SECURITY_HEADERS, internal_error=internal_error, busy=busy_error, cache=cache
    )

    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` (``dyadwatch serve`` sets these; each worker calls this)."""
    import os

    return create_app(
        os.environ.get("DYADWATCH_SERVE_DB") or "dyadwatch.duckdb",
        query_timeout_s=float(os.environ.get("DYADWATCH_SERVE_QUERY_TIMEOUT", DEFAULT_QUERY_TIMEOUT_S)),
        release_after_s=float(os.environ.get("DYADWATCH_SERVE_RELEASE_AFTER", DEFAULT_RELEASE_AFTER_S)),
        response_cache_bytes=int(os.environ.get("DYADWATCH_SERVE_RESPONSE_CACHE", DEFAULT_CACHE_BYTES)),
        lock_wait_s=float(os.environ.get("DYADWATCH_SERVE_LOCK_WAIT", DEFAULT_LOCK_WAIT_S)),
    )
