"""The outermost layer of the app: security headers, the last-resort 500, and a response cache.

A plain ASGI middleware (no ``BaseHTTPMiddleware``, whose task-and-queue plumbing costs more
than most handlers here). It

* adds the security headers (CSP, ``nosniff``, ``DENY`` ...) to every response, cached or not;
* turns an exception nothing else handled into the one error shape (E116, logged);
* keeps the bytes of successful ``GET`` responses, keyed by the path and the query string with
  its parameters in a canonical order, and answers repeats from memory without running the
  handler. The store is read-only to the app, so a response can only change when the store file
  changes: every request compares the size and modification time of the file (and of its
  write-ahead log) with those seen when the entries were made, and drops every entry when they
  differ. Only 200 answers are kept (no errors, redirects or 503s), with a bound on entries and
  bytes (least recently used go first), and ``/static`` is left to ``StaticFiles``;
* runs at most ``max_running`` handlers at once (others wait their turn, up to ``busy_after_s``,
  then get a 503): the cores are not shared so thinly that every query runs past its limit;
* asks the app once for a URL that several clients want at the same moment: the others wait
  for that answer and get it from the cache.

>>> key = ResponseCache.key("/api/events", b"limit=5&dyad=CHN-USA&limit=6")
>>> key
('/api/events', 'dyad=CHN-USA&limit=5&limit=6')
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_CACHE_ENTRIES = 4096
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_RUNNING = 4
DEFAULT_BUSY_AFTER_S = 30.0
# Larger answers are sent but not kept (one entry must not push out hundreds of others).
MAX_ENTRY_BYTES = 2 * 1024 * 1024

# How often the store files are looked at for a change (see ``ResponseCache.check``).
STAMP_EVERY_S = 0.01

Stamp = tuple[tuple[int, int], ...]
Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """Response bytes by normalised URL, valid while the store file is unchanged (an LRU)."""

    def __init__(
        self, store: str, max_entries: int = DEFAULT_CACHE_ENTRIES, max_bytes: int = DEFAULT_CACHE_BYTES
    ) -> None:
        self.files = (store, store + ".wal")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[str, str], Entry] = OrderedDict()
        self.size = 0
        self.stamp: Stamp | None = None
        self.stamped_at = -1.0
        self.generation = 0  # bumped on every clear: answers begun before it are not kept
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(path: str, query: bytes) -> tuple[str, str]:
        """The path and the decoded query parameters re-encoded in a canonical order.

        The sort is stable, so repeated parameters keep their relative order (the handler sees
        the same values): ``?b=2&a=1`` and ``?a=1&b=%32`` share an entry.
        """
        if not query:
            return (path, "")
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        return (path, urlencode(sorted(pairs, key=lambda pair: pair[0])))

    def current_stamp(self) -> Stamp | None:
        """(mtime ns, size) of the store and its WAL; None when the store is missing."""
        stamps = []
        for i, name in enumerate(self.files):
            try:
                st = os.stat(name)
            except OSError:
                if i == 0:
                    return None
                stamps.append((0, -1))
                continue
            stamps.append((st.st_mtime_ns, st.st_size))
        return tuple(stamps)

    def check(self) -> bool:
        """Drop every entry if the store changed; False when the store is missing (no caching).

        The files are looked at most every ``STAMP_EVERY_S`` (two ``stat`` calls a request were 4%
        of the server's time at 9,000 requests/s); a change is seen that much later at most.
        """
        now = time.monotonic()
        if now - self.stamped_at >= STAMP_EVERY_S or self.stamp is None:
            self.stamped_at = now
            stamp = self.current_stamp()
            if stamp != self.stamp:
                self.clear()
                self.stamp = stamp
        return self.stamp is not None

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0
        self.generation += 1

    def get(self, key: tuple[str, str]) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: tuple[str, str], entry: Entry, generation: int) -> None:
        """Keep ``entry`` unless the store changed since its request began or it is too large."""
        if generation != self.generation or len(entry[2]) > MAX_ENTRY_BYTES:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = entry
        self.size += len(entry[2])
        while self.entries and (len(self.entries) > self.max_entries or self.size > self.max_bytes):
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped[2])


class GuardMiddleware:
    """Security headers on every response, the last-resort 500, and the response cache."""

    def __init__(
        self,
        app: ASGIApp,
        headers: dict[str, str],
        internal_error: Callable[[Request, BaseException], Any],
        busy: Callable[[Request], Any],
        cache: ResponseCache | None = None,
        max_running: int = DEFAULT_MAX_RUNNING,
        busy_after_s: float = DEFAULT_BUSY_AFTER_S,
    ) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        self.internal_error = internal_error
        self.busy = busy
        self.cache = cache
        self.max_running = max_running
        self.busy_after_s = busy_after_s
        self._slots: asyncio.Semaphore | None = None  # made on first use, in the server's loop
        self._inflight: dict[tuple[str, str], asyncio.Future[None]] = {}

    def _with_headers(self, raw: list[tuple[bytes, bytes]], static: bool) -> list[tuple[bytes, bytes]]:
        """``raw`` plus every security header it lacks, and a Cache-Control."""
        present = {name.lower() for name, _ in raw}
        out = list(raw)
        out += [(name, value) for name, value in self.headers if name not in present]
        if b"cache-control" not in present:
            out.append((b"cache-control", b"public, max-age=3600" if static else b"no-store"))
        return out

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        static = path.startswith("/static/")
        cache = self.cache
        key: tuple[str, str] | None = None
        generation = 0
        if cache is not None and scope["method"] == "GET" and not static and cache.check():
            key = cache.key(path, scope.get("query_string", b""))
            pending = self._inflight.get(key)
            if pending is not None:  # the same URL is being answered: wait for that answer
                await asyncio.shield(pending)
            generation = cache.generation
            hit = cache.get(key)
            if hit is not None:
                status, headers, body = hit
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            if key in self._inflight:
                key = None  # another request took the lead meanwhile: answer this one directly
        leader: asyncio.Future[None] | None = None
        if key is not None:
            leader = asyncio.get_running_loop().create_future()
            self._inflight[key] = leader
        try:
            await self._answer(scope, receive, send, static, key, generation)
        finally:
            if leader is not None and key is not None:
                del self._inflight[key]
                leader.set_result(None)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, static: bool, key: tuple[str, str] | None,
        generation: int,
    ) -> None:  # fmt: skip
        """Run the app (one of ``max_running``) with the headers added, keeping a 200 in the cache."""
        cache = self.cache
        started = False
        start: Message = {}
        chunks: list[bytes] = []
        keep = key is not None

        async def wrapped(message: Message) -> None:
            nonlocal started, keep, start
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = self._with_headers(list(message.get("headers", [])), static)
                start = message
                keep = keep and message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False) and cache is not None and key is not None:
                    headers = [(k, v) for k, v in start["headers"] if k.lower() != b"set-cookie"]
                    cache.put(key, (200, headers, b"".join(chunks)), generation)
            await send(message)

        if static:
            await self.app(scope, receive, wrapped)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_running)
        try:
            await asyncio.wait_for(self._slots.acquire(), self.busy_after_s)
        except TimeoutError:
            await self.busy(Request(scope))(scope, receive, wrapped)
            return
        try:
            await self.app(scope, receive, wrapped)
        except Exception as exc:  # the last line of defence: logged, answered as a 500
            if started:
                raise
            keep = False
            response = self.internal_error(Request(scope), exc)
            await response(scope, receive, wrapped)
        finally:
            self._slots.release()
