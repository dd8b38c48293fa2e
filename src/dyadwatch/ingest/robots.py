"""robots.txt rules per site, fetched once and cached, read with ``urllib.robotparser``.

The policy follows RFC 9309: a robots.txt that does not exist (any 4xx) allows everything; one
that cannot be fetched (5xx, timeout, refused connection) disallows everything for now, because
an unreachable file may hide rules that forbid us. That refusal is transient: the URL is retried
on a later run, when the file may be reachable again.

>>> cache = RobotsCache(lambda url: "User-agent: *\\nDisallow: /private/\\n", "dyadwatch/0.1")
>>> cache.check("http://127.0.0.1:8000/private/page") is not None
True
>>> cache.check("http://127.0.0.1:8000/news/page") is None
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# Re-read a site's rules after this long, so that a long-running ``watch`` sees edits.
ROBOTS_TTL_S = 3600.0
# A crawl delay larger than this is capped: one slow site must not stall a whole cycle.
MAX_CRAWL_DELAY_S = 60.0


class RobotsUnavailable(Exception):
    """robots.txt could not be read: ``missing`` (4xx, allow all) or unreachable (disallow all)."""

    def __init__(self, reason: str, missing: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


@dataclass
class RobotsVerdict:
    """Why a URL may not be fetched; ``transient`` when asking again later may change it."""

    reason: str
    transient: bool


@dataclass
class _SiteRules:
    parser: RobotFileParser
    fetched_at: float
    unreachable: str | None = None  # the reason when the file could not be fetched


def site_root(url: str) -> str:
    """``scheme://host[:port]`` of a URL.

    >>> site_root("https://example.org:8443/a/b?c=1")
    'https://example.org:8443'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class RobotsCache:
    """robots.txt per site; ``fetch_text(robots_url)`` returns the file's text or raises.

    ``fetch_text`` raises ``RobotsUnavailable`` with ``missing=True`` for a 4xx answer and
    ``missing=False`` when the file could not be fetched at all.
    """

    def __init__(
        self, fetch_text: Callable[[str], str], user_agent: str, ttl_s: float = ROBOTS_TTL_S
    ) -> None:
        self._fetch_text = fetch_text
        self.user_agent = user_agent
        self.ttl_s = ttl_s
        self._sites: dict[str, _SiteRules] = {}

    def _rules(self, url: str) -> _SiteRules:
        root = site_root(url)
        rules = self._sites.get(root)
        if rules is not None and time.monotonic() - rules.fetched_at < self.ttl_s:
            return rules
        robots_url = root + "/robots.txt"
        parser = RobotFileParser(robots_url)
        unreachable = None
        try:
            lines = self._fetch_text(robots_url).splitlines()
        except RobotsUnavailable as exc:
            lines = [] if exc.missing else ["User-agent: *", "Disallow: /"]
            unreachable = None if exc.missing else exc.reason
        # parse() also stamps the parser as read; without it can_fetch() refuses everything.
        parser.parse(lines)
        rules = _SiteRules(parser, time.monotonic(), unreachable)
        self._sites[root] = rules
        return rules

    def check(self, url: str) -> RobotsVerdict | None:
        """None when ``url`` may be fetched, else the reason it may not."""
        rules = self._rules(url)
        if rules.unreachable is not None:
            return RobotsVerdict(
                f"robots.txt of {site_root(url)} could not be read ({rules.unreachable})", True
            )
        if not rules.parser.can_fetch(self.user_agent, url):
            return RobotsVerdict(f"disallowed by {site_root(url)}/robots.txt", False)
        return None

    def crawl_delay(self, url: str) -> float:
        """The site's Crawl-delay for our agent in seconds (0 when none), capped."""
        rules = self._sites.get(site_root(url))
        if rules is None:
            return 0.0
        delay = rules.parser.crawl_delay(self.user_agent)
        return min(float(delay), MAX_CRAWL_DELAY_S) if delay else 0.0
