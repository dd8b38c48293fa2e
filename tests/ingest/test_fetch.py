"""The fetcher against the local fixture site: manners, limits, retries and failures with reasons."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from test_fetch_server import HTML, Response, Site, flaky_route, news_site

from dyadwatch.ingest.fetch import FetchConfig, Fetcher, FetchError, FetchResult, FetchStopped

FAST = FetchConfig(
    connect_timeout_s=1.0, read_timeout_s=0.4, total_timeout_s=3.0, retries=2, backoff_s=0.01,
    max_bytes=1_000_000, host_interval_s=0.0,
)  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with news_site() as running:
        yield running


def fetch(site: Site, path: str, config: FetchConfig = FAST) -> FetchResult:
    with Fetcher(config) as fetcher:
        return fetcher.fetch(site.url(path))


def failure(site: Site, path: str, config: FetchConfig = FAST) -> FetchError:
    with pytest.raises(FetchError) as info, Fetcher(config) as fetcher:
        fetcher.fetch(site.url(path))
    return info.value


def test_fetch_page_with_user_agent_and_validators(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        result = fetcher.fetch(site.url("/news/talks.html"))
        assert result.status == 200 and result.content_type == "text/html" and result.charset == "utf-8"
        assert "Alaska" in result.text() and result.etag == '"talks-1"' and result.last_modified
        assert site.seen_headers["/news/talks.html"]["user-agent"].startswith("dyadwatch/0.1 (+")
        again = fetcher.fetch(
            site.url("/news/talks.html"), etag=result.etag, last_modified=result.last_modified
        )
    assert again.not_modified and again.content == b""
    assert site.seen_headers["/news/talks.html"]["if-none-match"] == '"talks-1"'


def test_fetch_follows_redirects_to_the_final_url(site: Site) -> None:
    result = fetch(site, "/go/blinken")
    assert result.url == site.url("/go/blinken")
    assert result.final_url == site.url("/news/blinken.html")


def test_fetch_redirect_loop_and_limit_are_named(site: Site) -> None:
    loop = failure(site, "/loop/a")
    assert "redirect loop" in loop.reason and "/loop/b" in loop.reason and not loop.transient
    limited = failure(site, "/go/blinken", FetchConfig(**{**FAST.__dict__, "max_redirects": 0}))
    assert limited.reason == "more than 0 redirects"


def test_fetch_slow_response_times_out_after_retries(site: Site) -> None:
    started = time.monotonic()
    error = failure(site, "/slow.html")
    assert error.transient and "timed out" in error.reason and "after 3 attempts" in error.reason
    assert time.monotonic() - started < 3.0 and site.hits["/slow.html"] == 3


def test_fetch_retries_500_then_succeeds(site: Site) -> None:
    result = fetch(site, "/flaky.html")
    assert result.status == 200 and site.hits["/flaky.html"] == 3


def test_fetch_persistent_500_is_transient_failure(site: Site) -> None:
    site.routes["/down.html"] = flaky_route(100, Response(200, b"never", HTML))
    error = failure(site, "/down.html")
    assert error.transient and error.reason.startswith("HTTP 500") and error.status == 500


def test_fetch_404_is_permanent(site: Site) -> None:
    error = failure(site, "/gone.html")
    assert not error.transient and error.status == 404 and site.hits["/gone.html"] == 1


@pytest.mark.parametrize("path", ["/big.html", "/big-chunked.html"])
def test_fetch_oversized_body_is_cut(site: Site, path: str) -> None:
    error = failure(site, path)
    assert "byte limit" in error.reason and not error.transient


def test_fetch_wrong_content_type_is_rejected(site: Site) -> None:
    error = failure(site, "/photo.png")
    assert error.reason == "content type 'image/png' is not HTML, XML or text"


def test_fetch_robots_disallow_is_respected_and_cached(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match="disallowed by .*/robots.txt"):
            fetcher.fetch(site.url("/private/secret.html"))
        fetcher.fetch(site.url("/news/blinken.html"))
    assert site.hits["/private/secret.html"] == 0 and site.hits["/robots.txt"] == 1


def test_fetch_robots_missing_allows_unreachable_disallows(site: Site) -> None:
    site.routes["/robots.txt"] = Response(404, b"", {"Content-Type": "text/plain"})
    assert fetch(site, "/private/secret.html").status == 200
    site.routes["/robots.txt"] = flaky_route(100, Response())
    error = failure(site, "/news/blinken.html")
    assert "robots.txt" in error.reason and "could not be read" in error.reason and error.transient


def test_fetch_rate_limit_spaces_requests_to_one_host(site: Site) -> None:
    config = FetchConfig(**{**FAST.__dict__, "host_interval_s": 0.15})
    started = time.monotonic()
    with Fetcher(config) as fetcher:
        for _ in range(3):
            fetcher.fetch(site.url("/news/blinken.html"))
    # robots.txt + 3 pages = 4 requests, 3 intervals between them
    assert time.monotonic() - started >= 0.45


def test_fetch_stop_event_cuts_waits_short(site: Site) -> None:
    stop = threading.Event()
    config = FetchConfig(**{**FAST.__dict__, "host_interval_s": 30.0})
    started = time.monotonic()
    threading.Timer(0.1, stop.set).start()
    with Fetcher(config, stop) as fetcher, pytest.raises(FetchStopped):
        # robots.txt is the first request to the host; the page then waits its turn until stopped
        fetcher.fetch(site.url("/news/talks.html"))
    assert time.monotonic() - started < 5 and site.hits["/news/talks.html"] == 0


def test_fetch_unsupported_scheme_and_refused_connection() -> None:
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
            fetcher.fetch("file:///etc/passwd")
        with pytest.raises(FetchError) as info:
            # Port 9 (discard) on 127.0.0.1 is closed here: the connection is refused at once.
            fetcher.fetch("http://127.0.0.1:9/robots-less")
    assert info.value.transient and "could not be read" in info.value.reason


def test_fetch_config_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_FETCH_TIMEOUT", "2.5")
    monkeypatch.setenv("DYADWATCH_HOST_INTERVAL", "0")
    config = FetchConfig.from_env(retries=1)
    assert (config.read_timeout_s, config.connect_timeout_s, config.host_interval_s, config.retries) == (
        2.5, 2.5, 0.0, 1,
    )  # fmt: skip
