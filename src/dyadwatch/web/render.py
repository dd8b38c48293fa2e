"""Server-side HTML: one Jinja2 environment with autoescaping on for every template.

Article text, titles, names and quotes are untrusted: they only ever reach a page through
``{{ ... }}`` (escaped). No template marks anything ``|safe``; data for charts travels as JSON
from the API, fetched by static scripts (the CSP forbids inline scripts).

>>> "&lt;script&gt;" in ENV.from_string("{{ t }}").render(t="<script>")
True
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from jinja2 import Environment, PackageLoader, StrictUndefined

ENV = Environment(
    loader=PackageLoader("dyadwatch.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # package data never changes under a running server: no mtime check per render
)


def path_part(value: Any) -> str:
    """Percent-encode a value for use as one path segment ("person:a-b" stays readable)."""
    return quote(str(value), safe=":")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from the current filters with some changed (None drops a key)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


def safe_url(value: Any) -> str:
    """The URL if it is http(s), else "" (no ``javascript:`` or ``data:`` links from stored data)."""
    text = str(value or "").strip()
    return text if re.match(r"^https?://[^\s]+$", text, flags=re.I) else ""


def score_class(score: float | None) -> str:
    """A CSS class for a stance or Goldstein-like score."""
    if score is None:
        return "neutral"
    return "coop" if score > 0.15 else "conflict" if score < -0.15 else "mixed"


ENV.filters["pathpart"] = path_part
ENV.filters["scoreclass"] = score_class
ENV.filters["safe_url"] = safe_url
ENV.globals["query_string"] = query_string


def render_page(template: str, request: Request | None, **context: Any) -> str:
    """Render ``template`` with the request's path for the navigation bar."""
    path = request.url.path if request is not None else "/"
    return ENV.get_template(template).render(current_path=path, **context)
