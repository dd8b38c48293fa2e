"""Fetching into the store: final URLs, one copy per article, 304s, failures retried next run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_fetch_server import HTML, Response, Site, flaky_route, news_site

from dyadwatch.ingest.fetch import FetchConfig
from dyadwatch.ingest.watch import Watcher
from dyadwatch.ingest.web import WebSession
from dyadwatch.runners.local import ingest
from dyadwatch.storage.fetch_state import FetchState
from dyadwatch.storage.store import Store

FAST = FetchConfig(read_timeout_s=0.5, connect_timeout_s=1.0, retries=0, backoff_s=0.01, host_interval_s=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with news_site() as running:
        yield running


def session(store: Store, retry_base_s: float = 900.0) -> WebSession:
    return WebSession(FetchState(store.con), FAST, retry_base_s=retry_base_s)


def rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return store.con.execute(sql).fetchall()


def test_fetch_ingest_opml_stores_each_article_once_with_both_urls(site: Site, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_bytes(site.routes["/feeds.opml"].body)  # type: ignore[union-attr]
    with Store(tmp_path / "w.duckdb") as store:
        with session(store) as web:
            report = ingest([str(opml)], store, web=web)
        assert (len(report.new), len(report.already)) == (2, 1)  # /copy/talks.html is the same text
        (rejected,) = report.rejected
        assert rejected.label == site.url("/private/secret.html") and "robots.txt" in rejected.reason
        urls = dict(rows(store, "SELECT title, url FROM articles"))
        assert urls[next(t for t in urls if t.startswith("Blinken"))] == site.url("/news/blinken.html")
        sources = {s.replace(site.base, "") for (s,) in rows(store, "SELECT source FROM sources")}
        assert sources == {"/news/talks.html", "/copy/talks.html", "/go/blinken", "/news/blinken.html"}
        pages = sum(site.hits[p] for p in ("/news/talks.html", "/news/blinken.html", "/copy/talks.html"))

        # Second run: the RSS feed answers 304, the Atom entries are known: nothing is fetched again.
        with session(store) as web:
            again = ingest([str(opml)], store, web=web)
        assert (len(again.new), len(again.rejected)) == (0, 0) and len(again.already) == 1 + 2
        assert (
            sum(site.hits[p] for p in ("/news/talks.html", "/news/blinken.html", "/copy/talks.html")) == pages
        )
        assert site.hits["/feed.xml"] == 2 and site.seen_headers["/feed.xml"]["if-none-match"] == '"v1"'
        assert rows(store, "SELECT count(*) FROM articles") == [(2,)]


def test_fetch_ingest_article_url_twice_is_already_stored(site: Site, tmp_path: Path) -> None:
    with Store(tmp_path / "u.duckdb") as store:
        first = ingest([site.url("/go/blinken")], store, web=session(store))
        second = ingest([site.url("/go/blinken")], store, web=session(store))
    assert len(first.new) == 1 and second.already == [site.url("/go/blinken")]
    assert site.hits["/go/blinken"] == 1  # known by its requested URL: not fetched again


def test_fetch_ingest_failed_entry_is_retried_next_run(site: Site, tmp_path: Path) -> None:
    base = site.base
    site.routes["/flaky.xml"] = Response(
        200,
        f'<rss version="2.0"><channel><title>Flaky</title><item><link>{base}/down.html</link></item>'
        f"<item><link>{base}/gone.html</link></item></channel></rss>".encode(),
        {"Content-Type": "application/rss+xml", "ETag": '"f1"'},
    )
    site.routes["/down.html"] = flaky_route(100, Response())
    with Store(tmp_path / "r.duckdb") as store:
        first = ingest([site.url("/flaky.xml")], store, web=session(store, retry_base_s=0))
        assert {r.label.replace(base, ""): r.reason[:8] for r in first.rejected} == {
            "/down.html": "HTTP 500",
            "/gone.html": "HTTP 404",
        }
        state = FetchState(store.con)
        failure = state.failure(site.url("/down.html"))
        assert failure and failure.transient and failure.attempts == 1 and failure.next_retry_at
        assert state.validators(site.url("/flaky.xml")) is None  # not every entry handled: no 304 next time
        # The 404 is final (entry handled), the 500 is not.
        assert state.seen_keys(site.url("/flaky.xml")) == {site.url("/gone.html")}

        site.routes["/down.html"] = site.routes["/news/blinken.html"]
        second = ingest([site.url("/flaky.xml")], store, web=session(store, retry_base_s=0))
        assert len(second.new) == 1 and not second.rejected and site.hits["/gone.html"] == 1
        assert state.failure(site.url("/down.html")) is None
        assert state.validators(site.url("/flaky.xml")) is not None
        assert rows(store, "SELECT count(*) FROM skipped") == [(2,)]


def test_fetch_ingest_waits_for_the_next_retry_time(site: Site, tmp_path: Path) -> None:
    site.routes["/wait.xml"] = Response(
        200,
        f'<rss version="2.0"><channel><title>W</title><item><link>{site.base}/down.html</link></item></channel></rss>'.encode(),
        {"Content-Type": "application/rss+xml"},
    )
    site.routes["/down.html"] = Response(503, b"busy", HTML)
    with Store(tmp_path / "t.duckdb") as store:
        ingest([site.url("/wait.xml")], store, web=session(store, retry_base_s=3600))
        second = ingest([site.url("/wait.xml")], store, web=session(store, retry_base_s=3600))
    (rejected,) = second.rejected
    assert "next try after" in rejected.reason and site.hits["/down.html"] == 1


def test_fetch_ingest_watch_stop_within_a_cycle_keeps_the_batch(site: Site, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/feed.xml')}\n{site.url('/atom.xml')}\n", encoding="utf-8")
    stop = threading.Event()
    talks = site.routes["/news/talks.html"]

    def stop_while_serving(served: Site, headers: dict[str, str]) -> Response:
        stop.set()  # as a Ctrl-C would, while the cycle is fetching its first article
        return talks(served, headers)  # type: ignore[operator]

    site.routes["/news/talks.html"] = stop_while_serving
    with Store(tmp_path / "s.duckdb") as store:
        watcher = Watcher(store, [feeds], 60.0, FAST, stop)
        report = watcher.run_cycle()
        watcher.close()
        assert report.stopped and report.new == 1 and site.hits["/atom.xml"] == 0
        assert site.hits["/news/blinken.html"] == 0
        assert rows(store, "SELECT count(*) FROM articles") == [(1,)]  # the pending batch was written
        state = FetchState(store.con)
        assert state.validators(site.url("/feed.xml")) is None  # unfinished feed: polled in full next time
        assert state.seen_keys(site.url("/feed.xml")) == {site.url("/talks-1")}  # guid made absolute

        resumed = Watcher(store, [feeds], 60.0, FAST)
        again = resumed.run_cycle()
        resumed.close()
    assert not again.stopped and again.new == 1 and site.hits["/news/talks.html"] == 1
    assert [(f.status, f.fresh) for f in again.feeds] == [("ok", 1), ("ok", 2)]
