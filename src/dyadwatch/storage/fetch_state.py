"""What fetching and watching remember between runs, kept in the DuckDB store.

- ``fetch_validators``: ETag / Last-Modified per URL, sent back so an unchanged feed is a 304.
- ``fetch_failures``: per URL the last failure, how many in a row, and when to try again
  (exponential backoff across runs; after ``max_attempts`` a URL is given up).
- ``watch_feeds``: the feeds ``dyadwatch watch`` polls, with what the last poll found.
- ``feed_entries``: entries of each feed already handled, so a poll only fetches new ones.

Validators and seen entries are written by ``commit`` in one transaction, after the articles
they stand for are stored: a run cut short remembers nothing it did not finish, so the next
run fetches that work again instead of losing it.

>>> import duckdb
>>> con = duckdb.connect()
>>> create_fetch_tables(con)
>>> state = FetchState(con)
>>> state.record_failure("http://127.0.0.1/a", "HTTP 503", transient=True, retry_base_s=60).attempts
1
>>> state.failure("http://127.0.0.1/a").reason
'HTTP 503'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import duckdb

MAX_RETRY_DELAY = timedelta(days=1)


def utcnow() -> datetime:
    """Naive UTC: DuckDB TIMESTAMP columns carry no zone, so every time stored here is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def create_fetch_tables(con: duckdb.DuckDBPyConnection) -> None:
    """DDL of the fetch-state tables (run once by the schema migration)."""
    con.execute("""
        CREATE TABLE fetch_validators (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            final_url VARCHAR,
            fetched_at TIMESTAMP NOT NULL
        )""")
    con.execute("""
        CREATE TABLE fetch_failures (
            url VARCHAR PRIMARY KEY,
            attempts INTEGER NOT NULL,
            reason VARCHAR NOT NULL,
            transient BOOLEAN NOT NULL,
            last_try_at TIMESTAMP NOT NULL,
            next_retry_at TIMESTAMP
        )""")
    con.execute("""
        CREATE TABLE watch_feeds (
            url VARCHAR PRIMARY KEY,
            title VARCHAR,
            added_at TIMESTAMP NOT NULL,
            last_polled_at TIMESTAMP,
            last_status VARCHAR,
            entries INTEGER,
            new_entries INTEGER
        )""")
    con.execute("""
        CREATE TABLE feed_entries (
            feed_url VARCHAR NOT NULL,
            entry_key VARCHAR NOT NULL,
            url VARCHAR,
            seen_at TIMESTAMP NOT NULL,
            PRIMARY KEY (feed_url, entry_key)
        )""")


@dataclass
class Failure:
    url: str
    attempts: int
    reason: str
    transient: bool
    next_retry_at: datetime | None  # None: not to be retried (permanent, or given up)

    def due(self, now: datetime | None = None) -> bool:
        return self.next_retry_at is not None and self.next_retry_at <= (now or utcnow())


@dataclass
class Validators:
    url: str
    etag: str | None
    last_modified: str | None
    final_url: str | None = None


@dataclass
class SeenEntry:
    feed_url: str
    key: str
    url: str


class FetchState:
    """Reads and writes the fetch-state tables over the store's connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def validators(self, url: str) -> Validators | None:
        rows = self.con.execute(
            "SELECT etag, last_modified, final_url FROM fetch_validators WHERE url = ?", [url]
        ).fetchall()
        return Validators(url, rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def known_url(self, url: str) -> str | None:
        """Id of a stored article that came from ``url`` (a source row alone is not enough)."""
        rows = self.con.execute(
            "SELECT s.article_id FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.source = ? LIMIT 1",
            [url],
        ).fetchall()
        return str(rows[0][0]) if rows else None

    def failure(self, url: str) -> Failure | None:
        rows = self.con.execute(
            "SELECT attempts, reason, transient, next_retry_at FROM fetch_failures WHERE url = ?", [url]
        ).fetchall()
        return Failure(url, *rows[0]) if rows else None

    def record_failure(
        self, url: str, reason: str, transient: bool, retry_base_s: float, max_attempts: int = 6
    ) -> Failure:
        """Count one more failure; transient ones get a retry time that doubles each time."""
        previous = self.failure(url)
        attempts = (previous.attempts if previous else 0) + 1
        now = utcnow()
        next_retry: datetime | None = None
        if transient and attempts < max_attempts:
            next_retry = now + min(timedelta(seconds=retry_base_s * 2 ** (attempts - 1)), MAX_RETRY_DELAY)
        elif transient:
            reason = f"{reason}; given up after {attempts} attempts"
        self.con.execute(
            "INSERT OR REPLACE INTO fetch_failures VALUES (?, ?, ?, ?, ?, ?)",
            [url, attempts, reason, transient, now, next_retry],
        )
        return Failure(url, attempts, reason, transient, next_retry)

    def clear_failure(self, url: str) -> None:
        self.con.execute("DELETE FROM fetch_failures WHERE url = ?", [url])

    def seen_keys(self, feed_url: str) -> set[str]:
        rows = self.con.execute(
            "SELECT entry_key FROM feed_entries WHERE feed_url = ?", [feed_url]
        ).fetchall()
        return {str(r[0]) for r in rows}

    def commit(
        self,
        validators: Iterable[Validators] = (),
        seen: Iterable[SeenEntry] = (),
        aliases: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Remember finished work in one transaction.

        ``aliases`` are (requested URL, final URL) pairs: the requested URL becomes one more
        source of whatever article is stored under the final URL.
        """
        now = utcnow()
        self.con.execute("BEGIN TRANSACTION")
        try:
            for v in validators:
                self.con.execute(
                    "INSERT OR REPLACE INTO fetch_validators VALUES (?, ?, ?, ?, ?)",
                    [v.url, v.etag, v.last_modified, v.final_url, now],
                )
            for entry in seen:
                self.con.execute(
                    "INSERT INTO feed_entries VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [entry.feed_url, entry.key, entry.url, now],
                )
            for requested, final in aliases:
                self.con.execute(
                    "INSERT INTO sources (article_id, source) SELECT DISTINCT article_id, ? FROM sources "
                    "WHERE source = ? ON CONFLICT DO NOTHING",
                    [requested, final],
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def register_feeds(self, urls: Iterable[str]) -> None:
        now = utcnow()
        for url in urls:
            self.con.execute(
                "INSERT INTO watch_feeds (url, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING", [url, now]
            )

    def watched_feeds(self) -> list[str]:
        rows = self.con.execute("SELECT url FROM watch_feeds ORDER BY added_at, url").fetchall()
        return [str(r[0]) for r in rows]

    def record_poll(self, url: str, title: str | None, status: str, entries: int, new_entries: int) -> None:
        self.con.execute(
            "UPDATE watch_feeds SET title = coalesce(?, title), last_polled_at = ?, last_status = ?, "
            "entries = ?, new_entries = ? WHERE url = ?",
            [title, utcnow(), status, entries, new_entries, url],
        )
