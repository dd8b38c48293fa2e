"""Read-only access to the store for the web app: a small pool with query-time limits.

The pool keeps one ``read_only=True`` DuckDB connection open while requests come in and hands
each request its own cursor. One watchdog thread (not a timer thread per request) interrupts
cursors that run past the query-time limit and closes the connection when no request has used
it for ``release_after`` seconds.

Serving while ``ingest`` or ``watch`` writes: DuckDB lets one process write a file or many read
it, never both, so they take turns through notices (``storage.intents``). A request that finds
the file held by the writer (``storage.store.Store``) leaves a ``read-intent`` notice and
retries; the writer lets go after the batch it is writing (one transaction, so readers never see
half of one). A writer that finds the file held leaves a ``write-intent`` notice; the pool then
closes its connection as soon as the running queries end and holds new requests back until the
writer is done, reopening the file (and so seeing the new articles) right after. A request that
cannot get the file within ``lock_wait_s`` gets a clear 503 with ``Retry-After``. Cached
aggregates are dropped whenever the file changed.

>>> pool = ReadOnlyPool("missing.duckdb")
>>> pool.path
'missing.duckdb'
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from dyadwatch.errors import DyadwatchError
from dyadwatch.storage import intents
from dyadwatch.storage.store import is_lock_error

T = TypeVar("T")

DEFAULT_QUERY_TIMEOUT_S = 5.0
DEFAULT_RELEASE_AFTER_S = 2.0
RETRY_AFTER_S = 2
# How long a request waits for a writer (``ingest``/``watch``) to let go of the file before 503.
DEFAULT_LOCK_WAIT_S = 10.0
CACHE_SIZE = 1024
# The lookup indexes (migration 5) pay for an article's few dozen rows; for an actor's or a
# speaker's hundreds DuckDB's row-by-row index fetch costs more than scanning the column
# (actor pages ~18% faster with 64 than with DuckDB's default of 2,048).
READ_CONFIG = {"index_scan_max_count": 64}
# Whole article records are large (tens of kB each): they get a smaller cache of their own.
ARTICLE_CACHE_SIZE = 256
# How often the watchdog looks at running queries and idle time while the store is open: the
# time limit and the release happen at most this late.
WATCH_INTERVAL_S = 0.05


class StoreUnavailable(DyadwatchError):
    """The store cannot be read now: missing, or locked by a writer (``ingest``)."""

    code = "E111"
    status = 503


class QueryTimeout(DyadwatchError):
    """A query ran past the time limit and was interrupted."""

    code = "E112"
    status = 503


class _Locked(Exception):
    """Opening failed because another process holds the file for writing."""


class ReadOnlyPool:
    """One shared read-only connection, a cursor per request, released when idle."""

    def __init__(
        self,
        path: str | Path,
        query_timeout_s: float = DEFAULT_QUERY_TIMEOUT_S,
        release_after_s: float = DEFAULT_RELEASE_AFTER_S,
        threads: int = 1,
        lock_wait_s: float = DEFAULT_LOCK_WAIT_S,
    ) -> None:
        self.path = str(path)
        self.lock_wait_s = lock_wait_s
        self.query_timeout_s = query_timeout_s
        self.release_after_s = release_after_s
        self.threads = threads
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = 0.0
        self._stamp: tuple[float, int] | None = None
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._articles: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._wake = threading.Condition(self._lock)
        self._running: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._next_token = 0
        self._watchdog: threading.Thread | None = None
        self._sleeping = False  # the watchdog waits for the next cursor (store closed)
        self._closed = False
        self._drained = threading.Condition(self._lock)  # the last running cursor ended

    def _file_stamp(self) -> tuple[float, int]:
        stat = os.stat(self.path)
        return (stat.st_mtime, stat.st_size)

    def _open(self) -> duckdb.DuckDBPyConnection:
        """One attempt to open the store read-only (raises ``_Locked`` while a writer has it)."""
        if not Path(self.path).exists():
            raise StoreUnavailable(
                f"no database at {self.path}", hint="ingest articles first or pass --db FILE"
            )
        try:
            con = duckdb.connect(self.path, read_only=True, config={"threads": self.threads, **READ_CONFIG})
        except duckdb.Error as exc:
            if is_lock_error(exc):
                raise _Locked from exc
            raise
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self._cache.clear()
            self._articles.clear()
            self._stamp = stamp
        return con

    def _acquire_locked(self) -> duckdb.DuckDBPyConnection:
        """The open connection, opening it if needed; called and returns with ``_lock`` held.

        A writer waiting for the file (its ``intents`` notice) gets it first: the open
        connection is closed once the running queries end, and new requests wait (without
        the lock) until the writer is done, for up to ``lock_wait_s``; then 503.
        """
        deadline = time.monotonic() + self.lock_wait_s
        delay = 0.01
        announced = False
        try:
            while True:
                writer_waiting = intents.pending(self.path)
                if self._con is not None and not writer_waiting:
                    return self._con
                if self._con is not None:  # let the writer in: no new cursors, close when drained
                    if self._users == 0:
                        self._close_locked()
                        continue
                elif not writer_waiting:
                    try:
                        self._con = self._open()
                        self._closed = False
                        return self._con
                    except _Locked:
                        # Ask the writer to let go after its batch (it keeps the file otherwise).
                        intents.announce(self.path, intents.READ)
                        announced = True
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(
                        "the store is locked by a writer (an ingest is running)",
                        hint=f"retry in {RETRY_AFTER_S} s",
                    )
                self._drained.wait(delay * random.uniform(0.5, 1.5))  # releases the lock meanwhile
                delay = min(delay * 2, 0.1)
        finally:
            if announced:
                intents.withdraw(self.path, intents.READ)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared connection, interrupted when a query runs past the time limit."""
        with self._lock:
            cur = self._acquire_locked().cursor()
            self._users += 1
            token = self._next_token
            self._next_token += 1
            self._running[token] = (time.monotonic() + self.query_timeout_s, cur)
            self._ensure_watchdog()
        try:
            yield cur
        except duckdb.InterruptException as exc:
            raise QueryTimeout(
                f"a query ran past the {self.query_timeout_s:g} s limit",
                hint="narrow the filters or ask for a smaller page",
            ) from exc
        finally:
            with self._lock:
                self._running.pop(token, None)
                cur.close()
                self._users -= 1
                self._last_used = time.monotonic()
                if self._users == 0:
                    self._drained.notify_all()
                    if self.release_after_s <= 0:
                        self._close_locked()

    def _ensure_watchdog(self) -> None:
        """Start the watchdog thread if it is not running, or wake it from its long sleep."""
        if self._watchdog is None or not self._watchdog.is_alive():
            self._watchdog = threading.Thread(target=self._watch, name="dyadwatch-pool-watchdog", daemon=True)
            self._watchdog.start()
        elif self._sleeping:
            self._wake.notify()

    def _watch(self) -> None:
        """Interrupt overdue queries; close the connection once idle. Sleeps while it is closed."""
        with self._lock:
            while True:
                now = time.monotonic()
                for token, (deadline, cur) in list(self._running.items()):
                    if deadline <= now:
                        del self._running[token]
                        cur.interrupt()
                idle = now - self._last_used >= self.release_after_s
                if self._con is not None and self._users == 0 and (idle or intents.pending(self.path)):
                    self._close_locked()
                if self._con is None and not self._running:
                    if self._closed:
                        return
                    self._sleeping = True
                    self._wake.wait()  # until the next cursor
                    self._sleeping = False
                else:
                    self._wake.wait(WATCH_INTERVAL_S)

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def close(self) -> None:
        """Close the shared connection and stop the watchdog (the app's shutdown)."""
        with self._lock:
            self._closed = True
            self._close_locked()
            self._wake.notify_all()

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T], article: bool = False) -> T:
        """``compute()`` once per key while the file is unchanged (a small LRU; ``article``: the
        smaller one for whole article records)."""
        cache, size = (self._articles, ARTICLE_CACHE_SIZE) if article else (self._cache, CACHE_SIZE)
        with self._lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            cache[key] = value
            while len(cache) > size:
                cache.popitem(last=False)
        return value
