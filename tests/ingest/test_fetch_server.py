"""A fixture web site on 127.0.0.1 for the fetch, feed and watch tests (no test touches the internet).

``Site`` serves routes from a dict, counts hits per path and records request headers, in a
``ThreadingHTTPServer`` on an ephemeral port. ``news_site()`` builds the shared fixture: RSS and
Atom feeds, OPML, article pages made from the founding examples, redirects (one looping), a
slow page, 500-then-200, an oversized body, an image, robots.txt rules and ETag/304.
"""

from __future__ import annotations

import html
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
TALKS = EXAMPLES / "000_3726996d2c31f0b6.txt"  # 2021 commentary on the Alaska talks
BLINKEN = EXAMPLES / "002_01e853f86da0fe41.txt"  # 2023 report before Blinken's planned visit


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    chunked: bool = False  # no Content-Length: the body ends when the connection closes


Route = Response | Callable[["Site", dict[str, str]], Response]


class Site:
    """Routes by path; ``hits`` counts requests per path, ``seen_headers`` keeps the last ones."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.seen_headers: dict[str, dict[str, str]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = self.path.split("?")[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                site.hits[path] += 1
                site.seen_headers[path] = headers
                route = site.routes.get(path, Response(404, b"not found", {"Content-Type": "text/plain"}))
                response = route(site, headers) if callable(route) else route
                if response.delay_s:
                    time.sleep(response.delay_s)
                try:
                    self.send_response(response.status)
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    if not response.chunked:
                        self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size limit, timeout): expected in these tests

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def article_html(source: Path, title: str, published: str, author: str) -> bytes:
    """A realistic news page (navigation, header, article body, related links, footer)."""
    paragraphs = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if len(line) > 100]
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | World Desk</title>
<meta property="og:title" content="{html.escape(title)}"><meta property="og:site_name" content="World Desk">
<meta name="author" content="{html.escape(author)}"><meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a> <a href="/subscribe">Subscribe</a></nav>
<main><article>
  <h1>{html.escape(title)}</h1>
  <p class="byline">By {html.escape(author)} · {published}</p>
  <div class="article-body">
{body}
  </div>
</article>
<aside><h3>Related</h3><ul><li><a href="/more">More on US-China relations</a></li></ul></aside></main>
<footer>© World Desk. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>""".encode()


def rss(site_base: str, items: list[tuple[str, str, str]], title: str = "World Desk: Asia") -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{link}</link><guid>{guid}</guid>"
        f"<pubDate>Tue, 31 Jan 2023 08:00:00 GMT</pubDate></item>"
        for guid, t, link in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{site_base}/</link><description>News</description>{entries}</channel></rss>"
    ).encode()


def atom(site_base: str, entries: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f'<entry><id>{eid}</id><title>{html.escape(t)}</title><link href="{link}"/>'
        f"<updated>2021-03-18T10:00:00Z</updated></entry>"
        for eid, t, link in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Commentary Weekly</title><id>{site_base}/atom.xml</id>"
        f"<updated>2021-03-18T10:00:00Z</updated>{body}</feed>"
    ).encode()


def etag_route(
    body: bytes, content_type: str, etag: str = '"v1"'
) -> Callable[[Site, dict[str, str]], Response]:
    """A resource that answers 304 to a matching If-None-Match."""
    modified = formatdate(1675152000, usegmt=True)

    def route(site: Site, headers: dict[str, str]) -> Response:
        if headers.get("if-none-match") == etag:
            return Response(304, b"", {"ETag": etag})
        return Response(200, body, {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified})

    return route


def flaky_route(failures: int, good: Response) -> Callable[[Site, dict[str, str]], Response]:
    """500 for the first ``failures`` requests, then ``good``."""
    count = {"n": 0}

    def route(site: Site, headers: dict[str, str]) -> Response:
        count["n"] += 1
        if count["n"] <= failures:
            return Response(500, b"oops", {"Content-Type": "text/plain"})
        return good

    return route


HTML = {"Content-Type": "text/html; charset=utf-8"}
TALKS_TITLE = "Commentary: Expectations for reset in US-China relations must be managed"
BLINKEN_TITLE = "Blinken visit unlikely to fix US-China differences, but Russia a possible area of progress"


def news_site() -> Site:
    """The shared fixture site (paths under ``/news`` are articles, ``/private`` is robots-disallowed)."""
    talks = article_html(TALKS, TALKS_TITLE, "2021-03-18", "Lynn Kuok")
    blinken = article_html(BLINKEN, BLINKEN_TITLE, "2023-01-31", "Robert Delaney")
    routes: dict[str, Route] = {
        "/robots.txt": Response(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
        "/news/talks.html": etag_route(talks, HTML["Content-Type"], '"talks-1"'),
        "/news/blinken.html": Response(200, blinken, HTML),
        "/copy/talks.html": Response(200, talks, HTML),  # the same article under another URL
        "/go/blinken": Response(301, b"", {"Location": "/news/blinken.html"}),
        "/loop/a": Response(302, b"", {"Location": "/loop/b"}),
        "/loop/b": Response(302, b"", {"Location": "/loop/a"}),
        "/private/secret.html": Response(200, talks, HTML),
        "/slow.html": Response(200, talks, HTML, delay_s=1.5),
        "/big.html": Response(200, b"<html><body>" + b"<p>word </p>" * 200_000 + b"</body></html>", HTML),
        "/big-chunked.html": Response(200, b"<p>x</p>" * 400_000, HTML, chunked=True),
        "/photo.png": Response(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, {"Content-Type": "image/png"}),
        "/gone.html": Response(404, b"gone", {"Content-Type": "text/plain"}),
        "/flaky.html": flaky_route(2, Response(200, blinken, HTML)),
    }
    site = Site(routes)
    base = site.base
    feed = rss(
        base,
        [("talks-1", TALKS_TITLE, f"{base}/news/talks.html"), ("blinken-1", BLINKEN_TITLE, "/go/blinken")],
    )
    routes["/feed.xml"] = etag_route(feed, "application/rss+xml")
    routes["/atom.xml"] = Response(
        200,
        atom(base, [("urn:talks", TALKS_TITLE, f"{base}/copy/talks.html"), ("urn:private", "Secret", f"{base}/private/secret.html")]),
        {"Content-Type": "application/atom+xml"},
    )  # fmt: skip
    routes["/feeds.opml"] = Response(
        200,
        f'<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>'
        f'<outline text="Asia"><outline type="rss" text="World Desk" xmlUrl="{base}/feed.xml"/>'
        f'<outline type="rss" text="Commentary" xmlUrl="{base}/atom.xml"/></outline></body></opml>'.encode(),
        {"Content-Type": "text/x-opml"},
    )
    return site


@pytest.fixture
def site() -> Iterator[Site]:
    with news_site() as running:
        yield running


def test_fetch_server_serves_routes_and_counts_hits(site: Site) -> None:
    assert httpx.get(site.url("/robots.txt")).text.startswith("User-agent")
    assert httpx.get(site.url("/nothing")).status_code == 404
    response = httpx.get(site.url("/news/talks.html"), headers={"If-None-Match": '"talks-1"'})
    assert response.status_code == 304
    assert site.hits["/news/talks.html"] == 1


def test_fetch_server_pages_are_real_articles(site: Site) -> None:
    page = httpx.get(site.url("/news/blinken.html")).text
    assert "<nav>" in page and "Jude Blanchette" in page and page.count("<p>") > 10
