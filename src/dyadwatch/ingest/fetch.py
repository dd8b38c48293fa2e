"""Polite, bounded HTTP fetching of feeds and article pages with httpx.

Every request carries a clear User-Agent, respects robots.txt and a per-host interval, and is
bounded in time (connect/read timeouts plus a total deadline) and size (the body is streamed and
dropped past ``max_bytes``). Redirects are followed by hand so that each hop is checked against
robots.txt and a loop is named as such. Connection errors, timeouts, 429 and 5xx answers are
retried with exponential backoff; what still fails raises ``FetchError`` whose ``transient``
flag tells the caller whether a later run should try again.

>>> config = FetchConfig(retries=0, host_interval_s=0.0)
>>> with Fetcher(config) as fetcher:
...     fetcher.fetch("ftp://example.org/feed.xml")
Traceback (most recent call last):
...
dyadwatch.ingest.fetch.FetchError: unsupported URL scheme 'ftp' (http and https only)
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from dyadwatch.errors import DyadwatchError, InputRejected
from dyadwatch.ingest.decode import decode_bytes
from dyadwatch.ingest.robots import RobotsCache, RobotsUnavailable

# Site owners need a way to reach whoever runs the crawler: DYADWATCH_CONTACT (a URL or a
# mailto:) goes into every User-Agent.
CONTACT = os.environ.get("DYADWATCH_CONTACT", "contact: set DYADWATCH_CONTACT")
USER_AGENT = f"dyadwatch/0.1 (+{CONTACT})"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8"
DEFAULT_MAX_RESPONSE = 10 * 1024 * 1024
ALLOWED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml", "application/rss+xml",
     "application/atom+xml", "application/rdf+xml", "application/x-rss+xml", "application/feed+xml"}
)  # fmt: skip
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchConfig:
    """Limits and manners of the fetcher; tests shrink the timeouts and intervals."""

    user_agent: str = USER_AGENT
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0
    total_timeout_s: float = 60.0  # a server that trickles bytes never hits the read timeout
    retries: int = 2  # attempts after the first one
    backoff_s: float = 1.0  # wait before the first retry; doubles each time
    max_backoff_s: float = 30.0
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_RESPONSE
    host_interval_s: float = 1.0  # at least this long between two requests to one host
    respect_robots: bool = True

    @classmethod
    def from_env(cls, **overrides: Any) -> FetchConfig:
        """Defaults, then ``DYADWATCH_*`` environment variables, then explicit overrides.

        >>> FetchConfig.from_env(host_interval_s=0.5).host_interval_s
        0.5
        """
        values: dict[str, Any] = {}
        for field_name, env, kind in ENV_SETTINGS:
            raw = os.environ.get(env)
            if raw:
                try:
                    values[field_name] = kind(raw)
                except ValueError as exc:
                    raise BadSetting(f"{env}={raw!r} is not a valid {kind.__name__}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        timeout = values.pop("timeout_s", None)
        if timeout is not None:
            values.setdefault("read_timeout_s", timeout)
            values.setdefault("connect_timeout_s", timeout)
            values.setdefault("total_timeout_s", max(3 * timeout, timeout + 1))
        return cls(**values)


# (FetchConfig field, environment variable, type): the settings a user may change without code.
ENV_SETTINGS: list[tuple[str, str, Callable[[str], Any]]] = [
    ("timeout_s", "DYADWATCH_FETCH_TIMEOUT", float),
    ("retries", "DYADWATCH_FETCH_RETRIES", int),
    ("backoff_s", "DYADWATCH_FETCH_BACKOFF", float),
    ("max_bytes", "DYADWATCH_FETCH_MAX_BYTES", int),
    ("host_interval_s", "DYADWATCH_HOST_INTERVAL", float),
]


class BadSetting(DyadwatchError):
    """A fetch setting (environment variable or option) that cannot be used."""

    code = "E101"


class FetchError(Exception):
    """A URL that could not be fetched, with the reason and whether retrying later may help."""

    def __init__(self, reason: str, transient: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.status = status


class FetchStopped(Exception):
    """The stop event was set while waiting: not a failure of the URL."""


@dataclass
class FetchResult:
    """A 200 (body read) or a 304 (no body) for ``url``, reached at ``final_url``."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset when it decodes, else detected."""
        if self.charset:
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                pass  # servers often declare the wrong charset: fall back to detection
        try:
            return decode_bytes(self.content)
        except InputRejected as exc:
            raise FetchError(exc.message.replace("file is", "response is")) from exc


def _media_type(value: str) -> tuple[str, str | None]:
    main, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip('"')
    return main.strip().lower(), charset


class Fetcher:
    """One httpx client with robots.txt, rate limits, retries and limits around it.

    ``stop`` (a ``threading.Event``) cuts waits short: a fetch that is waiting for its turn or
    for a retry raises ``FetchStopped`` once it is set.
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config or FetchConfig()
        self.stop = stop or threading.Event()
        c = self.config
        self.client = httpx.Client(
            headers={"User-Agent": c.user_agent, "Accept": ACCEPT},
            timeout=httpx.Timeout(c.read_timeout_s, connect=c.connect_timeout_s),
            follow_redirects=False,
            transport=transport,
        )
        self.robots = RobotsCache(self._robots_text, c.user_agent)
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None, check_robots: bool = True
    ) -> FetchResult:
        """GET ``url`` following redirects; send the validators so an unchanged page is a 304."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain = [url]
        current = url
        while True:
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"unsupported URL scheme '{scheme}' (http and https only)")
            if check_robots and self.config.respect_robots:
                verdict = self.robots.check(current)
                if verdict is not None:
                    raise FetchError(verdict.reason, transient=verdict.transient)
            response = self._get_with_retries(current, headers)
            if response.status_code not in REDIRECT_STATUS:
                return self._result(url, current, response)
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
            target = urljoin(current, location)
            if target in chain:
                raise FetchError("redirect loop: " + " -> ".join([*chain[chain.index(target) :], target]))
            chain.append(target)
            if len(chain) - 1 > self.config.max_redirects:
                raise FetchError(f"more than {self.config.max_redirects} redirects")
            current = target

    def _result(self, url: str, final_url: str, response: _Response) -> FetchResult:
        media, charset = _media_type(response.headers.get("content-type", ""))
        return FetchResult(
            url=url,
            final_url=final_url,
            status=response.status_code,
            content=response.content,
            content_type=media,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> _Response:
        delay = self.config.backoff_s
        attempts = self.config.retries + 1
        for attempt in range(1, attempts + 1):
            self._wait_turn(url)
            try:
                response = self._get_once(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt == attempts:
                    if exc.transient and attempts > 1:
                        exc.reason += f" after {attempts} attempts"
                    raise
            else:
                status = response.status_code
                if status < 400 or status in REDIRECT_STATUS:
                    return response
                reason = f"HTTP {status} {response.reason}".strip()
                if status not in RETRY_STATUS:
                    raise FetchError(reason, transient=False, status=status)
                if attempt == attempts:
                    raise FetchError(f"{reason} after {attempts} attempts", transient=True, status=status)
                delay = max(delay, _retry_after(response.headers.get("retry-after")))
            self._sleep(min(delay, self.config.max_backoff_s))
            delay *= 2
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _get_once(self, url: str, headers: dict[str, str]) -> _Response:
        c = self.config
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                # Redirects, 304 and errors: their bodies are of no use, never read them.
                if status != 200:
                    return _Response(status, response.reason_phrase, response.headers, b"")
                media, _ = _media_type(response.headers.get("content-type", ""))
                if media and media not in ALLOWED_TYPES:
                    raise FetchError(f"content type '{media}' is not HTML, XML or text")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > c.max_bytes:
                    raise FetchError(
                        f"response of {int(declared)} bytes is over the {c.max_bytes} byte limit"
                    )
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > c.max_bytes:
                        raise FetchError(f"response is over the {c.max_bytes} byte limit")
                    if time.monotonic() - started > c.total_timeout_s:
                        raise FetchError(f"response took over {c.total_timeout_s:g} s", transient=True)
                return _Response(status, response.reason_phrase, response.headers, bytes(body))
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", transient=True) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(f"connection failed ({type(exc).__name__}: {exc})", transient=True) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL ({exc})") from exc

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        interval = max(self.config.host_interval_s, self.robots.crawl_delay(url))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise FetchStopped()

    def _robots_text(self, robots_url: str) -> str:
        try:
            return self.fetch(robots_url, check_robots=False).text()
        except FetchError as exc:
            missing = exc.status is not None and 400 <= exc.status < 500
            raise RobotsUnavailable(exc.reason, missing=missing) from exc


@dataclass
class _Response:
    status_code: int
    reason: str
    headers: httpx.Headers
    content: bytes


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (delta seconds only; dates are rare for 429/503)."""
    if value and value.strip().isdigit():
        return float(value.strip())
    return 0.0
