"""URLs, feeds, OPML files and URL lists as ingest inputs: the web side of ``sources``.

``sources.iter_raw_documents`` hands these inputs here. A URL is fetched once; if the answer is
a feed, each entry not handled before is fetched as an article page. A ``WebSession`` holds the
fetcher (robots.txt cache, per-host clocks), the store-backed ``FetchState`` and the work to
remember once the articles are stored (``commit``, called by the ingest runner after its last
batch): validators, handled feed entries and requested-URL aliases. A feed's validators are kept
only when every entry was handled, so an entry that failed is fetched again on the next run.

>>> is_url("https://example.org/rss"), is_url("examples/articles")
(True, False)
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from dyadwatch.ingest.documents import RawDocument
from dyadwatch.ingest.feeds import (
    FeedEntry,
    looks_like_feed,
    parse_feed,
    parse_opml,
    parse_url_list,
    sniff_url_list,
)
from dyadwatch.ingest.fetch import FetchConfig, Fetcher, FetchError, FetchResult, FetchStopped
from dyadwatch.ingest.sources import Rejection, Unchanged
from dyadwatch.storage.fetch_state import FetchState, SeenEntry, Validators

Item = RawDocument | Rejection | Unchanged


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@dataclass
class FeedReport:
    """What one poll of a feed found (for ``watch``'s per-cycle table)."""

    url: str
    status: str = "ok"  # ok | not modified | failed | stopped
    title: str | None = None
    entries: int = 0
    fresh: int = 0  # entries not handled before, fetched this time
    error: str | None = None


@dataclass
class WebSession:
    """Fetching with memory. ``state=None`` fetches without remembering anything (no store).

    ``retry_base_s`` is the first wait before a failed URL is tried again by a later run;
    ``watch`` sets it to its interval so that a failure is retried on the next cycle.
    """

    state: FetchState | None = None
    config: FetchConfig = field(default_factory=FetchConfig.from_env)
    stop: threading.Event = field(default_factory=threading.Event)
    retry_base_s: float = 900.0
    max_attempts: int = 6
    feeds: list[FeedReport] = field(default_factory=list)
    stopped: bool = False
    _fetcher: Fetcher | None = None
    _validators: list[Validators] = field(default_factory=list)
    _seen: list[SeenEntry] = field(default_factory=list)
    _aliases: list[tuple[str, str]] = field(default_factory=list)
    _fetched: set[str] = field(default_factory=set)
    _last_error: str = ""

    @property
    def fetcher(self) -> Fetcher:
        # Created on first use: ingesting only files never opens an HTTP client.
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config, self.stop)
        return self._fetcher

    def begin(self) -> None:
        """Start a new run (a ``watch`` cycle): forget the previous run's reports."""
        self.feeds = []
        self.stopped = False
        self._fetched.clear()

    def commit(self) -> None:
        """Remember what this run finished; call once its articles are stored."""
        if self.state is not None:
            self.state.commit(self._validators, self._seen, self._aliases)
        self._validators, self._seen, self._aliases = [], [], []

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> WebSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_url(self, url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
        """Documents behind a URL: the page itself, or the new entries of a feed."""
        if self.stop.is_set():
            self.stopped = True
            return
        known = self.state.known_url(url) if self.state else None
        if known:
            yield Unchanged(url, "already stored from this URL")
            return
        result = yield from self._fetch(url)
        if result is None:
            if not self.stopped:
                self._note_feed(url, "failed", self._last_error)
            return
        if result.not_modified:
            yield Unchanged(url, "not modified since the last fetch (HTTP 304)")
            self._note_feed(url, "not modified")
        elif looks_like_feed(result.content_type, result.content):
            yield from self._read_feed(url, result, max_bytes)
        else:
            self._keep_validators(result)
            yield self._page(url, result, max_bytes, None)

    def _fetch(self, url: str) -> Generator[Rejection, None, FetchResult | None]:
        """Fetch with stored validators; on failure yield the Rejection and return None."""
        saved = self.state.validators(url) if self.state else None
        try:
            result = self.fetcher.fetch(url, *(saved.etag, saved.last_modified) if saved else (None, None))
        except FetchStopped:
            self.stopped = True
            return None
        except FetchError as exc:
            reason = exc.reason
            if self.state is not None:
                failure = self.state.record_failure(
                    url, reason, exc.transient, self.retry_base_s, self.max_attempts
                )
                reason = failure.reason
            self._fetched.add(url)
            self._last_error = reason
            yield Rejection(url, reason)
            return None
        self._fetched.add(url)
        if self.state is not None:
            self.state.clear_failure(url)
        if result.final_url != url:
            self._aliases.append((url, result.final_url))
        return result

    def _keep_validators(self, result: FetchResult) -> None:
        if result.etag or result.last_modified:
            self._validators.append(
                Validators(result.url, result.etag, result.last_modified, result.final_url)
            )

    def _note_feed(self, url: str, status: str, error: str | None = None) -> None:
        for report in self.feeds:
            if report.url == url:
                report.status, report.error = status, error
                return
        self.feeds.append(FeedReport(url, status=status, error=error))

    def _page(self, url: str, result: FetchResult, max_bytes: int, entry: FeedEntry | None) -> Item:
        try:
            check_size(len(result.content), max_bytes)
            text = result.text()
        except (InputRejected, FetchError) as exc:
            return Rejection(url, exc.message if isinstance(exc, InputRejected) else exc.reason)
        published = entry.published if entry else None
        # The final URL is the article's URL; the requested one is recorded as an alias source.
        if result.content_type == "text/plain":
            return RawDocument(text=text, url=result.final_url, published=published, label=url)
        return RawDocument(html=text, url=result.final_url, published=published, label=url)

    def _read_feed(self, feed_url: str, result: FetchResult, max_bytes: int) -> Iterator[Item]:
        report = FeedReport(feed_url)
        self.feeds = [f for f in self.feeds if f.url != feed_url] + [report]
        try:
            feed = parse_feed(result.content, result.final_url)
        except InputRejected as exc:
            report.status, report.error = "failed", exc.message
            yield Rejection(feed_url, exc.message)
            return
        report.title, report.entries = feed.title, len(feed.entries)
        seen = self.state.seen_keys(feed_url) if self.state else set()
        complete = True
        for entry in feed.entries:
            if self.stop.is_set() or self.stopped:
                self.stopped, complete = True, False
                break
            if entry.key in seen:
                yield Unchanged(entry.url, "handled in an earlier run of this feed")
                continue
            report.fresh += 1
            handled = yield from self._read_entry(entry, max_bytes)
            if handled:
                self._seen.append(SeenEntry(feed_url, entry.key, entry.url))
            else:
                complete = False
        if self.stopped:
            report.status = "stopped"
        elif complete:
            # Only a fully handled feed may answer 304 next time: otherwise entries would be lost.
            self._keep_validators(result)

    def _read_entry(self, entry: FeedEntry, max_bytes: int) -> Generator[Item, None, bool]:
        """Yield the entry's document; return True when it is handled for good."""
        if entry.url in self._fetched:
            yield Unchanged(entry.url, "fetched already in this run (listed in another feed)")
            return True
        if self.state is not None:
            if self.state.known_url(entry.url):
                yield Unchanged(entry.url, "already stored from this URL")
                return True
            failure = self.state.failure(entry.url)
            if failure and failure.transient and failure.next_retry_at and not failure.due():
                when = failure.next_retry_at.strftime("%Y-%m-%d %H:%M UTC")
                yield Rejection(
                    entry.url, f"{failure.reason} (failed {failure.attempts}x; next try after {when})"
                )
                return False
        result = yield from self._fetch(entry.url)
        if result is None:
            if self.stopped:
                return False
            failure = self.state.failure(entry.url) if self.state else None
            return not (failure and failure.next_retry_at)
        if result.not_modified:
            yield Unchanged(entry.url, "not modified since the last fetch (HTTP 304)")
            return True
        self._keep_validators(result)
        yield self._page(entry.url, result, max_bytes, entry)
        return True

    def read_list(self, path: Path, max_bytes: int) -> Iterator[Item] | None:
        """Documents of an OPML file or URL list; None when ``path`` is neither."""
        suffix = path.suffix.lower()
        if suffix not in (".opml", ".txt"):
            return None
        try:
            if suffix == ".txt":
                with path.open("rb") as handle:
                    if not sniff_url_list(handle.read(4096)):
                        return None
            check_size(path.stat().st_size, max_bytes)
            data = path.read_bytes()
            urls = parse_opml(data) if suffix == ".opml" else parse_url_list(decode_bytes(data))
        except InputRejected as exc:
            return iter([Rejection(str(path), exc.message)])
        except OSError as exc:
            return iter([Rejection(str(path), f"cannot read the file ({exc.strerror or exc})")])
        if urls is None:
            return None  # a .txt whose first line is a URL but whose text is prose: an article
        return self._read_urls(urls, max_bytes)

    def _read_urls(self, urls: list[str], max_bytes: int) -> Iterator[Item]:
        for url in urls:
            if self.stopped:
                return
            yield from self.read_url(url, max_bytes)


def read_input(
    web: WebSession | None, url: str | None, path: Path | None, max_bytes: int
) -> Iterator[Item] | None:
    """The hook ``sources`` calls: documents of a URL or a list-like file, or None (not ours).

    Without a session (a caller that has no store), a throwaway one is used for this input.
    """
    session = web or WebSession()
    items: Iterator[Item] | None = None
    if url is not None:
        items = session.read_url(url, max_bytes)
    elif path is not None:
        items = session.read_list(path, max_bytes)
    if items is None or web is not None:
        return items
    return _closing(session, items)


def _closing(session: WebSession, items: Iterator[Item]) -> Iterator[Item]:
    with session:
        yield from items
