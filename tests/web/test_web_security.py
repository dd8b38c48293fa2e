"""Untrusted text stays text: escaping, a strict CSP on every response, no inline scripts,
no links from stored ``javascript:`` URLs, no file paths from request input."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from dyadwatch.web.app import CSP

HOSTILE_MARKUP = [
    "<script>alert(",
    "<img src=x onerror",
    "<svg onload",
    "<b onmouseover",
    'href="javascript:',
]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_inert(html: str, where: str) -> None:
    """No inline script, no event-handler or style attribute, no javascript: URL, same-origin scripts."""
    parser = Elements()
    parser.feed(html)
    assert not parser.script_text, where
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (where, tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, tag, attrs)
        if tag == "script":
            assert re.fullmatch(r"/static/[\w./-]+\.js", attrs.get("src") or ""), (where, attrs)
    assert not [t for t, _ in parser.tags if t in ("iframe", "object", "embed", "svg", "img")], where


def pages(hostile_id: str) -> list[str]:
    return [
        "/", f"/articles/{hostile_id}", "/articles?q=script", "/dyads/CHN-USA", "/dyads/CHN-USA/issues/taiwan",
        "/actors", "/actors/person:wang-yi", "/forecasts", "/search?q=%3Cscript%3E", "/search?q=clash",
    ]  # fmt: skip


def test_web_security_hostile_article_renders_as_text(
    client: TestClient, hostile_id: str, html_headers: dict[str, str]
) -> None:
    html = client.get(f"/articles/{hostile_id}", headers=html_headers).text
    for markup in HOSTILE_MARKUP:
        assert markup not in html, markup
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "onerror=alert(&#39;img&#39;)" in html  # the words are there, escaped
    assert "javascript:alert(&#39;url&#39;)" in html and 'href="javascript' not in html


def test_web_security_every_page_is_escaped_and_has_no_inline_script(
    client: TestClient, hostile_id: str, html_headers: dict[str, str]
) -> None:
    for path in pages(hostile_id):
        response = client.get(path, headers=html_headers)
        assert response.status_code == 200, path
        for markup in HOSTILE_MARKUP:
            assert markup not in response.text, (path, markup)
        assert_inert(response.text, path)


def test_web_security_headers_on_every_kind_of_response(client: TestClient, hostile_id: str) -> None:
    for path in [
        "/",
        "/api/status",
        "/api/nope",
        "/static/app.css",
        f"/articles/{hostile_id}",
        "/openapi.json",
    ]:
        headers = client.get(path).headers
        assert headers["Content-Security-Policy"] == CSP, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "default-src 'none'" in CSP


@pytest.mark.parametrize(
    "path",
    ["/static/../../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/app.py",
     "/static//etc/passwd", "/articles/..%2f..%2fetc%2fpasswd"],
)  # fmt: skip
def test_web_security_no_file_paths_from_input(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "[project]" not in response.text and "root:" not in response.text


def test_web_security_store_is_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 405


def test_web_security_no_cdn_and_no_docs_ui(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    for path in ["/", "/dyads/CHN-USA"]:
        assert not re.search(r"(src|href)=\"(https?:)?//", client.get(path).text), path


def test_web_security_oversized_requests_are_refused_and_the_app_stays_up(client: TestClient) -> None:
    """Parameter values as long as a URL can hold, thousands of parameters and a 10 MB body get a
    4xx, never a 500 (httpx itself refuses a query over 64 KiB)."""
    huge = "x" * 60_000
    assert client.get("/api/articles", params={"q": huge}).status_code == 422  # max 200 characters
    assert client.get("/api/events", params={"dyad": huge}).status_code == 422
    assert client.get("/api/articles", params=[("q", "china")] * 5000).status_code in (200, 422)
    assert client.post("/api/articles", content=b"x" * 10_000_000).status_code == 405
    assert client.get(f"/articles/{huge}").status_code in (404, 422)
    assert client.get("/api/status").status_code == 200  # still serving
