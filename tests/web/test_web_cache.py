"""The response cache: repeats are answered from memory with the same headers, errors are never
kept, and every entry goes when the store file changes (an ingest wrote to it)."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dyadwatch.storage import browse
from dyadwatch.web import create_app
from dyadwatch.web.app import CSP
from dyadwatch.web.middleware import STAMP_EVERY_S, ResponseCache


def test_web_cache_repeats_are_hits_with_the_same_bytes_and_headers(web_db: Path) -> None:
    app = create_app(web_db)
    cache: ResponseCache = app.state.response_cache
    with TestClient(app) as client:
        first = client.get("/api/events?limit=5&offset=0")
        hits = cache.hits
        again = client.get("/api/events?offset=0&limit=5")  # same parameters, other order
        assert cache.hits == hits + 1
        page = client.get("/")
        assert client.get("/").text == page.text and cache.hits == hits + 2
    assert again.content == first.content and again.status_code == 200
    for response in (again, page):
        assert response.headers["Content-Security-Policy"] == CSP
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Cache-Control"] == "no-store"


def test_web_cache_keeps_no_errors(web_db: Path) -> None:
    app = create_app(web_db)
    cache: ResponseCache = app.state.response_cache
    with TestClient(app) as client:
        for _ in range(2):
            assert client.get("/api/articles/abcdef0123").status_code == 404
            assert client.get("/api/events?limit=0").status_code == 422
            assert client.get("/dyads/china-usa", follow_redirects=False).status_code == 307
    assert cache.hits == 0 and not cache.entries


def test_web_cache_is_dropped_when_the_store_changes(tmp_path: Path, web_db: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    app = create_app(copy, release_after_s=0)  # the file is free for a writer between requests
    with TestClient(app) as client:
        before = client.get("/api/status").json()["counts"]
        assert client.get("/api/status").json()["counts"] == before
        writer = duckdb.connect(str(copy))
        writer.execute("DELETE FROM quotes")
        writer.close()
        time.sleep(STAMP_EVERY_S)  # the files are looked at this often
        after = client.get("/api/status").json()["counts"]
    assert before["quotes"] > 0 and after["quotes"] == 0


def test_web_cache_can_be_off(web_db: Path) -> None:
    app = create_app(web_db, response_cache_bytes=0)
    assert app.state.response_cache is None
    with TestClient(app) as client:
        assert client.get("/api/status").headers["X-Content-Type-Options"] == "nosniff"


def test_web_cache_page_and_api_share_the_query_cache(web_db: Path) -> None:
    """The actor page and ``/api/quotes?speaker=..&limit=20`` ask for the same quotes: one entry."""
    app = create_app(web_db, response_cache_bytes=0)
    pool = app.state.pool
    with TestClient(app) as client:
        speaker = client.get("/api/quotes?limit=1").json()["items"][0]["speaker"]
        before = len(pool._cache)
        api = client.get(f"/api/quotes?speaker={speaker}&limit=20")
        assert len(pool._cache) == before + 1
        client.get(f"/actors/{speaker}")  # profile and events as source/target are new; quotes are not
        assert len(pool._cache) == before + 4
    assert api.json()["items"] and all(q["speaker"] == speaker for q in api.json()["items"])


def test_web_cache_later_pages_are_cut_from_one_window(web_db: Path, app: FastAPI) -> None:
    """Every page after the first within the window is the same as the query's own page."""
    offsets = (1, 2, 5, 8)
    # The shared app keeps its connection open for half a second after a request; DuckDB refuses
    # a second connection to the file with another configuration while it is, so close it first
    # (it reopens on the next request).
    app.state.pool.close()
    con = duckdb.connect(str(web_db), read_only=True)
    try:
        wanted = {offset: browse.find_events(con, limit=3, offset=offset) for offset in offsets}
    finally:
        con.close()
    app = create_app(web_db, response_cache_bytes=0)
    pool = app.state.pool
    with TestClient(app) as client:
        client.get("/api/events?limit=3&offset=3")
        entries = len(pool._cache)
        for offset in offsets:
            got, want = client.get(f"/api/events?limit=3&offset={offset}").json(), wanted[offset]
            assert [(e["article_id"], e["idx"], e["trigger_text"]) for e in got["items"]] == [
                (e["article_id"], e["idx"], e["trigger_text"]) for e in want["items"]
            ]
            assert (got["total"], got["limit"], got["offset"]) == (want["total"], 3, offset)
        assert len(pool._cache) == entries  # no new query for any of them


def test_web_cache_article_page_and_api_share_the_record(web_db: Path, hostile_id: str) -> None:
    app = create_app(web_db, response_cache_bytes=0)
    pool = app.state.pool
    with TestClient(app) as client:
        record = client.get(f"/api/articles/{hostile_id}").json()
        assert len(pool._articles) == 1
        page = client.get(f"/articles/{hostile_id[:10]}")  # an id prefix resolves to the same entry
        assert page.status_code == 200 and len(pool._articles) == 1
        again = client.get(f"/api/articles/{hostile_id}").json()
    assert again == record and record["article"]["id"] == hostile_id
    text = record["article"]["text"]
    assert record["quotes"] and all(text[q["span"][0] : q["span"][1]] == q["text"] for q in record["quotes"])
