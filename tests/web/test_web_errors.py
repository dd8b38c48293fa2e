"""One JSON error shape for every error: 404, 422, 500 and 503 (locked store, query timeout)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyadwatch.storage import browse
from dyadwatch.web import create_app
from dyadwatch.web.errors import ErrorBody
from file_holders import held_by_another_process

SHAPE = set(ErrorBody.model_fields)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status
    if code:
        assert body["code"] == code
    assert "Content-Security-Policy" in response.headers
    return body


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/abcdef0123", 404, "E004"),
        ("/api/actors/person:nobody-at-all", 404, "E110"),
        ("/api/no-such-route", 404, "E113"),
        ("/no-such-page", 404, "E113"),
        ("/api/articles/not-hex!", 422, "E115"),
        ("/api/events?limit=0", 422, "E115"),
        ("/api/events?from=2023-13", 422, "E115"),
        ("/api/dyads/Atlantis-Mordor/summary", 422, "E003"),
        ("/api/search", 422, "E115"),
    ],
)
def test_web_errors_share_one_shape(client: TestClient, path: str, status: int, code: str) -> None:
    assert_error(client.get(path), status, code)


def test_web_errors_method_not_allowed(client: TestClient) -> None:
    assert_error(client.post("/api/articles"), 405)


def test_web_errors_html_for_browsers(client: TestClient, html_headers: dict[str, str]) -> None:
    response = client.get("/articles/abcdef0123", headers=html_headers)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "E004" in response.text


def test_web_errors_internal_error_is_json(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom /secret/path")

    monkeypatch.setattr(browse, "list_actors", broken)
    with TestClient(create_app(web_db), raise_server_exceptions=False) as client:
        body = assert_error(client.get("/api/actors"), 500, "E116")
    assert "secret" not in body["error"]


def test_web_errors_query_timeout_is_503(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(con: Any, *args: Any, **kwargs: Any) -> Any:
        con.execute("SELECT count(*) FROM range(100000000000) a").fetchall()

    monkeypatch.setattr(browse, "list_actors", slow)
    with TestClient(create_app(web_db, query_timeout_s=0.2)) as client:
        started = time.monotonic()
        body = assert_error(client.get("/api/actors"), 503, "E112")
    assert time.monotonic() - started < 5 and "limit" in body["error"]


def test_web_errors_locked_store_is_503_with_retry_after(tmp_path: Path, web_db: Path) -> None:
    locked = tmp_path / "locked.duckdb"
    locked.write_bytes(web_db.read_bytes())
    with held_by_another_process(locked), TestClient(create_app(locked, lock_wait_s=0.5)) as client:
        response = client.get("/api/status")
        body = assert_error(response, 503, "E111")
    assert response.headers["Retry-After"] == "2" and "locked" in body["error"]


def test_web_errors_missing_store_is_503(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "nothing.duckdb")) as client:
        assert_error(client.get("/api/status"), 503, "E111")
