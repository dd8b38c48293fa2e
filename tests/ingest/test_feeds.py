"""Feeds, OPML and URL lists: parsing, and reading them through a web session (no store, no NLP)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_fetch_server import Site, atom, news_site, rss

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.documents import RawDocument
from dyadwatch.ingest.feeds import looks_like_feed, parse_feed, parse_opml, parse_url_list, sniff_url_list
from dyadwatch.ingest.fetch import FetchConfig
from dyadwatch.ingest.sources import Rejection, iter_raw_documents
from dyadwatch.ingest.web import WebSession

FAST = FetchConfig(read_timeout_s=0.5, connect_timeout_s=1.0, retries=0, backoff_s=0.01, host_interval_s=0.0)
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def site() -> Iterator[Site]:
    with news_site() as running:
        yield running


def test_feeds_rss_entries_resolve_links_and_dates() -> None:
    feed = parse_feed(
        rss(BASE, [("g1", "One", "/news/one.html"), ("g2", "Two", f"{BASE}/two")]), f"{BASE}/feed.xml"
    )
    assert feed.title == "World Desk: Asia"
    assert [(e.key, e.url, e.published) for e in feed.entries] == [
        # feedparser resolves a relative guid against the feed URL: still a stable key
        (f"{BASE}/g1", f"{BASE}/news/one.html", "2023-01-31"),
        (f"{BASE}/g2", f"{BASE}/two", "2023-01-31"),
    ]


def test_feeds_atom_entries_keyed_by_id() -> None:
    feed = parse_feed(atom(BASE, [("urn:a", "A", f"{BASE}/a"), ("urn:a", "dup", f"{BASE}/a2")]), BASE)
    assert [(e.key, e.url, e.published) for e in feed.entries] == [("urn:a", f"{BASE}/a", "2021-03-18")]


def test_feeds_garbage_is_rejected_with_reason() -> None:
    with pytest.raises(InputRejected, match="not a readable RSS/Atom feed"):
        parse_feed(b"<rss><channel><item>", BASE)


def test_feeds_opml_nested_outlines_and_bad_documents() -> None:
    opml = (
        b'<opml version="1.0"><body><outline text="A"><outline xmlUrl="https://a.example/rss"/>'
        b'<outline text="B"><outline xmlUrl="https://b.example/atom"/></outline></outline>'
        b'<outline xmlUrl="https://a.example/rss"/></body></opml>'
    )
    assert parse_opml(opml) == ["https://a.example/rss", "https://b.example/atom"]
    for bad, reason in [
        (b"<opml><body></body></opml>", "lists no feeds"),
        (b"<html/>", "not an OPML document"),
        (b"<opml><body>", "invalid OPML"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><opml/>', "entity declarations"),
    ]:
        with pytest.raises(InputRejected, match=reason):
            parse_opml(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://a.example/x\n# c\n\nhttp://b.example/y\n", ["https://a.example/x", "http://b.example/y"]),
        ("https://a.example/x\nand then some prose about the talks\n", None),
        ("# only comments\n", None),
    ],
)
def test_feeds_url_list(text: str, expected: list[str] | None) -> None:
    assert parse_url_list(text) == expected


def test_feeds_sniffing() -> None:
    assert sniff_url_list(b"\xef\xbb\xbfhttps://a.example/rss\n")
    assert not sniff_url_list(b"Skip to main content\nhttps://a.example\n")
    assert looks_like_feed("application/atom+xml", b"")
    assert looks_like_feed("text/xml", b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">')
    assert not looks_like_feed("text/html", b"<!DOCTYPE html><html><body><p>rss</p>")


def test_feeds_session_reads_feed_entries_as_pages(site: Site) -> None:
    with WebSession(config=FAST) as web:
        items = list(web.read_url(site.url("/feed.xml")))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == [site.url("/news/talks.html"), site.url("/news/blinken.html")]
    # The label (how the input is named in messages) is the URL that was asked for.
    assert docs[1].label == site.url("/go/blinken") and docs[1].published == "2023-01-31"
    assert docs[0].html and "Alaska" in docs[0].html
    (report,) = web.feeds
    assert (report.status, report.title, report.entries, report.fresh) == ("ok", "World Desk: Asia", 2, 2)


def test_feeds_url_list_and_opml_files_through_sources(site: Site, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# reading list\n{site.url('/news/blinken.html')}\n{site.url('/photo.png')}\n", encoding="utf-8"
    )
    opml = tmp_path / "subs.opml"
    opml.write_bytes(site.routes["/feeds.opml"].body)  # type: ignore[union-attr]
    with WebSession(config=FAST) as web:
        out = list(iter_raw_documents([str(urls), str(opml)], web=web))
    labels = [(type(o).__name__, o.label.replace(site.base, "")) for o in out]
    assert labels == [
        ("RawDocument", "/news/blinken.html"),
        ("Rejection", "/photo.png"),
        ("RawDocument", "/news/talks.html"),
        ("RawDocument", "/go/blinken"),
        ("RawDocument", "/copy/talks.html"),
        ("Rejection", "/private/secret.html"),
    ]
    reasons = [o.reason for o in out if isinstance(o, Rejection)]
    assert "content type 'image/png'" in reasons[0] and "disallowed by" in reasons[1]


def test_feeds_text_file_of_prose_is_still_an_article(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "https://example.org/source\nWashington and Beijing met in Alaska on Thursday.\n", encoding="utf-8"
    )
    (doc,) = list(iter_raw_documents([str(path)]))
    assert isinstance(doc, RawDocument) and doc.text and "Alaska" in doc.text
