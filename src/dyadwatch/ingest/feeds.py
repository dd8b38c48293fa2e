"""Feeds, OPML subscription lists and plain URL lists: from bytes to the URLs they name.

RSS 0.9x/1.0/2.0 and Atom are read with feedparser, which copes with the broken XML that real
feeds serve. OPML is read with the standard library (it is a flat list of ``outline`` elements).
A URL list is a text file whose every non-blank line that is not a ``#`` comment is an http(s)
URL; anything else in a ``.txt`` file makes it an article, not a list.

>>> [e.url for e in parse_feed(SAMPLE_RSS, "http://127.0.0.1/feed.xml").entries]
['http://127.0.0.1/news/talks.html']
>>> parse_url_list("# feeds\\nhttps://a.example/rss\\n\\nhttp://b.example/atom.xml\\n")
['https://a.example/rss', 'http://b.example/atom.xml']
>>> parse_url_list("Washington and Beijing met on Thursday.") is None
True
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from dyadwatch.errors import InputRejected

SAMPLE_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Talks</title><link>/news/talks.html</link><guid>talks-1</guid></item></channel></rss>"""
URL_LINE = re.compile(r"^https?://[^\s<>\"]+$", re.I)
# Roots that make a document a feed rather than a page (checked on the first bytes only).
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
     "application/feed+xml"}
)  # fmt: skip


@dataclass
class FeedEntry:
    """One item of a feed: ``key`` identifies it across polls (guid/id, else its link)."""

    key: str
    url: str
    title: str | None = None
    published: str | None = None  # ISO date when the feed gives one


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def looks_like_feed(content_type: str, content: bytes) -> bool:
    """True for a feed media type, or XML whose root is ``rss``, ``feed`` or ``rdf:RDF``.

    >>> looks_like_feed("text/xml", b'<?xml version="1.0"?>\\n<rss version="2.0">')
    True
    >>> looks_like_feed("text/html", b"<!doctype html><html><body>feed</body></html>")
    False
    """
    if content_type in FEED_TYPES:
        return True
    head = content[:2048].lstrip()
    return not head.lower().startswith((b"<!doctype html", b"<html")) and bool(FEED_ROOT.search(head))


def _iso(struct: Any) -> str | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(time.mktime(struct), UTC).date().isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def parse_feed(content: bytes, base_url: str) -> Feed:
    """Entries of an RSS/Atom document with absolute article URLs, in feed order.

    Entries without a link are dropped (there is nothing to fetch); relative links are resolved
    against the feed's URL. Raises ``InputRejected`` when the bytes are not a feed at all.
    """
    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    entries = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        url = urljoin(base_url, str(link).strip())
        key = str(item.get("id") or url).strip()
        if key in seen:
            continue
        seen.add(key)
        published = _iso(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(FeedEntry(key=key, url=url, title=item.get("title"), published=published))
    title = parsed.feed.get("title")
    if parsed.bozo and not entries and not title:
        # Broken XML is common and feedparser copes; broken XML with nothing usable is not a feed.
        error = parsed.get("bozo_exception")
        raise InputRejected(f"not a readable RSS/Atom feed ({type(error).__name__}: {error})")
    return Feed(title=title, entries=entries)


def parse_opml(content: bytes) -> list[str]:
    """Feed URLs (``xmlUrl`` of every ``outline``, nested ones included) of an OPML document.

    >>> parse_opml(b'<opml version="2.0"><body><outline text="News">'
    ...            b'<outline type="rss" xmlUrl="https://a.example/rss"/></outline></body></opml>')
    ['https://a.example/rss']
    """
    if b"<!ENTITY" in content[:4096]:
        # Entity declarations are how XML bombs work; OPML files never need them.
        raise InputRejected("OPML with entity declarations is refused")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise InputRejected(f"invalid OPML ({exc})") from exc
    if root.tag.lower() != "opml":
        raise InputRejected(f"not an OPML document (root element <{root.tag}>)")
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in urls:
            urls.append(url)
    if not urls:
        raise InputRejected("OPML lists no feeds (no outline with an xmlUrl)")
    return urls


def parse_url_list(text: str) -> list[str] | None:
    """The URLs of a URL list, or None when any content line is not an http(s) URL."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not URL_LINE.match(line):
            return None
        urls.append(line)
    return urls or None


def sniff_url_list(head: bytes) -> bool:
    """Cheap first look: is the first content line of a file an http(s) URL?

    >>> sniff_url_list(b"# my feeds\\n\\nhttps://a.example/rss\\n")
    True
    >>> sniff_url_list(b"Commentary: Expectations for reset")
    False
    """
    for raw in head.splitlines():
        line = raw.strip().lstrip(b"\xef\xbb\xbf")
        if not line or line.startswith(b"#"):
            continue
        return bool(re.match(rb"^https?://\S+$", line, re.I))
    return False
