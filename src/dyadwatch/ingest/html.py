"""Main text and metadata from HTML with trafilatura, falling back to its recall mode and
then to its plain-text conversion, so that a page yields text whenever it has any.

Hostile pages are bounded: libxml2 stops parsing at a nesting depth of 256 and silently drops
the rest of the page, so such a page is rejected up front with that reason. Extraction time
grows faster than the page (trafilatura took 7 s on 50,000 paragraphs and 155 s on 200,000,
much of it inside lxml, where no Python signal handler can interrupt it), so a page with more
elements than any real article page is rejected before extraction, and extraction as a whole
runs under a wall-clock limit that stops the Python-level work.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

import trafilatura
from lxml import etree

from dyadwatch.errors import InputRejected

# Seconds one page may take to extract; a normal article page takes well under one second.
HTML_TIME_LIMIT = 20.0
# Opening tags in one page: the heaviest of the 328 real pages of the extraction gold set has
# 5,535 (dailymail.co.uk), the median 704.
MAX_HTML_ELEMENTS = 50_000
OPENING_TAG = re.compile(r"<[A-Za-z]")


@dataclass
class HtmlExtraction:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    method: str = "trafilatura"


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in value.replace(" and ", ";").split(";") if a.strip()]


def extract_html(html: str, url: str | None = None, limit: float = HTML_TIME_LIMIT) -> HtmlExtraction:
    """Extract main text and metadata; raise ``InputRejected`` when the page has no text, nests
    too deep or takes more than ``limit`` seconds.

    >>> page = "<html><head><title>T</title></head><body><article><p>" + "Words here. " * 30 + "</p></article></body></html>"
    >>> extract_html(page).text.startswith("Words here.")
    True
    """
    check_nesting(html)  # first: its reason is the more specific one
    check_size(html)
    try:
        with time_limit(limit):
            doc, error, text, method = _extract(html, url)
    except _Timeout:
        raise InputRejected(
            f"HTML extraction took over {limit:g} s and was stopped (the page is too large or too complex)"
        ) from None
    if not text or not text.strip():
        reason = f"no main text found in the HTML ({error})" if error else "no main text found in the HTML"
        raise InputRejected(reason)
    return HtmlExtraction(
        text=text,
        title=getattr(doc, "title", None) if doc is not None else None,
        authors=_authors(getattr(doc, "author", None) if doc is not None else None),
        published=getattr(doc, "date", None) if doc is not None else None,
        outlet=getattr(doc, "sitename", None) if doc is not None else None,
        url=(getattr(doc, "url", None) if doc is not None else None) or url,
        method=method,
    )


# How soon a time limit's alarm fires again when its exception was swallowed.
RETRY_ALARM_S = 0.02


class _Timeout(BaseException):
    """The time limit passed. A ``BaseException``, like ``KeyboardInterrupt``, so that the broad
    ``except Exception`` handlers inside trafilatura cannot swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_Timeout`` in this thread after ``seconds`` of wall-clock time.

    Uses ``SIGALRM``, which only the main thread of a process can receive: elsewhere (a Dask
    worker thread), or when another user already holds the interval timer (pytest-timeout), the
    block runs without a limit and the nesting check is the only bound.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    armed = True

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if not armed:
            return
        # Python ignores an exception raised inside a ``__del__`` or a garbage-collector
        # callback (hypothesis installs one), so the alarm may land there and be lost: fire
        # again shortly, until one reaches the block.
        signal.setitimer(signal.ITIMER_REAL, RETRY_ALARM_S)
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            armed = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def check_size(html: str, limit: int = MAX_HTML_ELEMENTS) -> None:
    """Reject a page with more elements than any article page, before the costly extraction."""
    elements = sum(1 for _ in OPENING_TAG.finditer(html))
    if elements > limit:
        raise InputRejected(f"HTML has {elements:,} elements, over the limit of {limit:,} for one page")


def check_nesting(html: str) -> None:
    """Reject a page deeper than the HTML parser goes; cheap, as libxml2 stops right there.

    >>> check_nesting("<div>" * 300 + "text")
    Traceback (most recent call last):
    ...
    dyadwatch.errors.InputRejected: [E001] HTML nests tags deeper than the parser's limit of 256 levels; the text below that depth would be lost
    """
    # bytes with a declared encoding, as trafilatura does: lxml refuses a str that carries an
    # XML encoding declaration
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8")
    try:
        etree.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return  # broken markup: trafilatura's own fallbacks deal with it
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" and "depth" in entry.message:
            raise InputRejected(
                "HTML nests tags deeper than the parser's limit of 256 levels; the text below that depth would be lost"
            )


def _extract(html: str, url: str | None) -> tuple[object | None, Exception | None, str | None, str]:
    """trafilatura, then its recall mode, then its plain-text conversion."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        doc = None
        error: Exception | None = exc
    else:
        error = None
    text = getattr(doc, "text", None) if doc is not None else None
    method = "trafilatura"
    if not text:
        text = trafilatura.extract(html, url=url, favor_recall=True, include_comments=False)
        method = "trafilatura-recall"
    if not text:
        text = trafilatura.html2txt(html)
        method = "html2txt"
    return doc, error, text, method
