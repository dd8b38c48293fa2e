"""Feeds on a schedule: each cycle ingests what is new in every watched feed, then waits.

Everything a restart needs is in the store (``storage.fetch_state``): the feeds, the entries
already handled, validators for conditional requests and failures with their next retry time.
A cycle is one ``runners.local.ingest`` call over the feed URLs through one ``WebSession``, so
articles are written in whole batches and remembered only once written. Setting ``stop``
ends the cycle after the article in hand (the pending batch is still written) or cuts the wait
between cycles short.

>>> parse_interval("15m"), parse_interval("1h30m"), parse_interval("45")
(900.0, 5400.0, 45.0)
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import decode_bytes
from dyadwatch.ingest.feeds import parse_opml, parse_url_list
from dyadwatch.ingest.fetch import FetchConfig
from dyadwatch.ingest.sources import Rejection
from dyadwatch.ingest.web import FeedReport, WebSession
from dyadwatch.storage.fetch_state import FetchState, utcnow
from dyadwatch.storage.store import Store

INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd]?)")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds of an interval such as ``30s``, ``15m``, ``1h30m``, ``2d`` or plain seconds."""
    compact = text.strip().lower().replace(" ", "")
    parts = INTERVAL_PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise InputRejected(f"cannot read the interval '{text}'", hint="use e.g. 30s, 15m, 1h30m or 2d")
    seconds = sum(float(n) * UNIT_SECONDS[u] for n, u in parts)
    if seconds <= 0:
        raise InputRejected(f"the interval '{text}' must be longer than zero")
    return seconds


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs of an OPML file or a URL list (one URL a line, ``#`` comments allowed)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected(f"cannot read the feed list {path} ({exc.strerror or exc})") from exc
    if path.suffix.lower() == ".opml" or data.lstrip()[:200].lower().find(b"<opml") >= 0:
        return parse_opml(data)
    urls = parse_url_list(decode_bytes(data))
    if urls is None:
        raise InputRejected(f"{path} is not a list of feed URLs (one http(s) URL per line, # comments)")
    return urls


@dataclass
class CycleReport:
    """What one cycle did, for the per-cycle display and for tests."""

    number: int
    started: datetime
    seconds: float = 0.0
    feeds: list[FeedReport] = field(default_factory=list)
    new: int = 0
    already: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    stopped: bool = False

    @property
    def summary(self) -> str:
        return f"{self.new} new, {self.already} already stored, {len(self.rejected)} rejected"


class Watcher:
    """Polls the feeds named in ``feed_files`` (or, with none, the feeds the store watches)."""

    def __init__(
        self,
        store: Store,
        feed_files: list[Path],
        interval_s: float,
        config: FetchConfig | None = None,
        stop: threading.Event | None = None,
        workers: int = 1,
    ) -> None:
        self.store = store
        self.feed_files = feed_files
        self.interval_s = interval_s
        self.stop = stop or threading.Event()
        self.workers = workers
        self.state = FetchState(store.con)
        # A failed URL waits one interval, then two, four...: retried on the next cycle first.
        self.web = WebSession(
            self.state, config or FetchConfig.from_env(), self.stop, retry_base_s=interval_s
        )
        self._feeds: list[str] = []

    def close(self) -> None:
        self.web.close()

    def feeds(self) -> list[str]:
        """The feed list, re-read every cycle so that edits apply without a restart."""
        if not self.feed_files:
            return self.state.watched_feeds()
        try:
            urls: list[str] = []
            for path in self.feed_files:
                urls += [u for u in read_feed_list(path) if u not in urls]
        except InputRejected:
            if not self._feeds:
                raise
            return self._feeds  # a list broken while watching: keep polling the last good one
        self.state.register_feeds(urls)
        self._feeds = urls
        return urls

    def run_cycle(self, number: int = 1) -> CycleReport:
        from dyadwatch.runners.local import ingest  # late: the runner pulls in the NLP pipeline

        report = CycleReport(number, started=datetime.now())
        clock = time.monotonic()
        feeds = self.feeds()
        self.web.begin()
        due, waiting = [], []
        for url in feeds:
            failure = self.state.failure(url)
            if failure and failure.next_retry_at and failure.next_retry_at > utcnow():
                when = failure.next_retry_at.strftime("%H:%M UTC")
                waiting.append(FeedReport(url, status="waiting", error=f"{failure.reason}; next try {when}"))
            else:
                due.append(url)
        outcome = ingest(due, self.store, workers=self.workers, web=self.web)
        report.feeds = [*self.web.feeds, *waiting]
        for feed in self.web.feeds:
            if feed.url in feeds:
                self.state.record_poll(feed.url, feed.title, feed.status, feed.entries, feed.fresh)
        report.new, report.already, report.rejected = len(outcome.new), len(outcome.already), outcome.rejected
        report.stopped = self.web.stopped or self.stop.is_set()
        report.seconds = time.monotonic() - clock
        return report

    def run(self, on_cycle: Callable[[CycleReport], None], cycles: int | None = None) -> int:
        """Cycle until ``stop`` is set or ``cycles`` ran; return how many cycles ran.

        Cycles start every ``interval_s`` seconds from the start of the previous one; a cycle
        that takes longer than the interval is followed by the next one at once.
        """
        number = 0
        while not self.stop.is_set():
            started = time.monotonic()
            number += 1
            report = self.run_cycle(number)
            on_cycle(report)
            if report.stopped or (cycles is not None and number >= cycles):
                break
            self.stop.wait(max(0.0, started + self.interval_s - time.monotonic()))
        return number
