"""The embedded DuckDB store: one writer, one transaction per batch.

The writer does not hold the file for a whole run. Its connection opens on demand and closes,
outside a transaction, when a reader (``serve``) has left a ``read-intent`` notice (see
``intents``: after the batch being written) or after ``release_after_s`` unused (for readers that
leave no notice). Nobody waiting: the file stays open, since reopening and checkpointing every
batch cost the writer a tenth of its time. Opening retries, with short jittered sleeps and a
``write-intent`` notice, for up to ``lock_wait_s`` while another process holds the file, so an
ingest waits for readers instead of failing. Readers never see half a batch: a batch is one
transaction.

An interrupted batch leaves nothing half-written: every row of every article in a batch is
inserted inside one transaction. Re-inserting a known article is a no-op (its id is the hash
of its text); the new source path or URL is still recorded in ``sources``.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import duckdb
import pyarrow as pa

from dyadwatch.model import Analysis
from dyadwatch.storage import intents
from dyadwatch.storage.rows import COLUMNS, analysis_rows
from dyadwatch.storage.schema import migrate

DEFAULT_DB = "dyadwatch.duckdb"
# The writer closes its connection after this long without use (outside a transaction).
RELEASE_AFTER_S = 2.0
# How often the idle watchdog looks for a reader's notice while the file is open.
WATCH_INTERVAL_S = 0.05
# How long opening waits for another process (a reader) to let go of the file.
LOCK_WAIT_S = 30.0
# A result left to fetch keeps the connection open this long (nobody fetches later than that).
PENDING_RESULT_S = 5.0
# After letting go of the file the writer waits this long before it takes it again, so that
# readers (``serve``) always get a turn, even while the writer has a quick succession of work.
READER_TURN_S = 0.25
_BEGIN = re.compile(r"\s*BEGIN\b", re.IGNORECASE)
_END = re.compile(r"\s*(COMMIT|ROLLBACK|ABORT|END)\b", re.IGNORECASE)
# DuckDB column types -> the Arrow types their values are sent as (DuckDB casts JSON from text).
_ARROW_TYPES: dict[str, Any] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "FLOAT": pa.float32(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _arrow_table(types: dict[str, Any], columns: list[str], rows: list[list[Any]]) -> pa.Table | None:
    """The rows as an Arrow table typed like the target columns; None when a value doesn't fit."""
    arrays = []
    for i, column in enumerate(columns):
        kind = types.get(column)
        if kind is None:
            return None
        try:
            arrays.append(pa.array([row[i] for row in rows], type=kind))
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError):
            return None
    return pa.Table.from_arrays(arrays, names=columns)


def default_db_path() -> str:
    """``$DYADWATCH_DB`` if set, else ``./dyadwatch.duckdb``."""
    return os.environ.get("DYADWATCH_DB") or DEFAULT_DB


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's "Could not set lock on file ...: Conflicting lock is held" (another process;
    on Windows "... being used by another process")."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(
        part in text for part in ("could not set lock", "conflicting lock", "being used by another process")
    )


def open_retrying(
    path: str, read_only: bool = False, wait_s: float = LOCK_WAIT_S, **kwargs: Any
) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, retried with short jittered sleeps while the file is locked.

    A writer that has to wait leaves a notice (``intents``) for the whole wait, so that
    readers holding the file let go of it between their queries.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.01
    announced = False
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=read_only, **kwargs)
            except duckdb.Error as exc:
                left = deadline - time.monotonic()
                if not is_lock_error(exc) or left <= 0:
                    raise
                if not read_only:
                    intents.announce(path)  # refreshed each try: the notice never goes stale
                    announced = True
                time.sleep(min(left, delay * random.uniform(0.5, 1.5)))
                delay = min(delay * 2, 0.1)
    finally:
        if announced:
            intents.withdraw(path)


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and migrate, unless read-only) the store."""
    db = str(path or default_db_path())
    if read_only and not Path(db).exists():
        from dyadwatch.errors import ArticleNotFound

        raise ArticleNotFound(f"no database at {db}", hint="ingest articles first or pass --db FILE")
    con = duckdb.connect(db, read_only=read_only)
    if not read_only:
        migrate(con)
    return con


class _StoreConnection:
    """What ``Store.con`` hands out: forwards each call to the store's current connection.

    Each call runs under the store's lock with the connection open (opened on demand); calls
    return this proxy instead of the raw connection, so ``con.execute(...).fetchall()`` works.
    A ``BEGIN`` keeps the connection open until the ``COMMIT`` or ``ROLLBACK``.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        store = self._store
        with store._use() as con:
            attr = getattr(con, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with store._use() as con:
                result = getattr(con, name)(*args, **kwargs)
                if name in ("execute", "executemany") and args and isinstance(args[0], str):
                    if _BEGIN.match(args[0]):
                        store._in_transaction = True
                    elif _END.match(args[0]):
                        store._in_transaction = False
                # ``execute`` returns the connection with its result still to fetch: keep the
                # connection open (for up to PENDING_RESULT_S) until the caller fetches it.
                store._result_pending = result is con
            return self if result is con else result

        return call


class Store:
    """Write access to the store (a single writer per database file).

    The connection is opened on demand and released when idle, so other processes can read the
    file between batches; ``con`` is a stand-in that reopens it as needed.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        release_after_s: float = RELEASE_AFTER_S,
        lock_wait_s: float = LOCK_WAIT_S,
    ) -> None:
        self.path = str(path or default_db_path())
        self.release_after_s = release_after_s
        self.lock_wait_s = lock_wait_s
        self._types: dict[str, dict[str, Any]] = {}
        self._lock = threading.RLock()
        self._idle = threading.Condition(self._lock)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._busy = 0
        self._in_transaction = False
        self._result_pending = False
        self._last_used = 0.0
        self._released_at = -READER_TURN_S
        self._migrated = False
        self._watchdog: threading.Thread | None = None
        with self._use():  # open and migrate now: a bad path fails here, as before
            pass

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The store's connection (a stand-in that opens the file on demand)."""
        return cast(duckdb.DuckDBPyConnection, _StoreConnection(self))

    @contextmanager
    def _use(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection, kept open (under the lock) until the block ends."""
        with self._lock:
            if self._con is None:
                turn_left = self._released_at + READER_TURN_S - time.monotonic()
                if turn_left > 0 and intents.pending(self.path, intents.READ):
                    time.sleep(turn_left)  # the reader that asked for the file gets it first
                con = open_retrying(self.path, wait_s=self.lock_wait_s)
                if not self._migrated:
                    try:
                        migrate(con)
                    except BaseException:
                        con.close()
                        raise
                    self._migrated = True
                self._con = con
                self._start_watchdog()
            self._busy += 1
            try:
                yield self._con
            finally:
                self._busy -= 1
                self._last_used = time.monotonic()

    def _start_watchdog(self) -> None:
        if self.release_after_s <= 0 or (self._watchdog is not None and self._watchdog.is_alive()):
            return
        self._watchdog = threading.Thread(target=self._watch, name="dyadwatch-store-release", daemon=True)
        self._watchdog.start()

    def _watch(self) -> None:
        """Close the connection, outside a transaction, as soon as a reader waits for the file
        (its ``read-intent`` notice) or once it has been unused for ``release_after_s``."""
        with self._lock:
            while self._con is not None:
                idle = time.monotonic() - self._last_used
                after = self.release_after_s
                if self._busy == 0 and not self._in_transaction and intents.pending(self.path, intents.READ):
                    after = 0.0
                after = max(after, PENDING_RESULT_S if self._result_pending else 0.0)
                if self._busy == 0 and not self._in_transaction and idle >= after:
                    self._close_locked()
                    return
                self._idle.wait(max(0.01, min(WATCH_INTERVAL_S, after - idle)))

    def yield_to_readers(self) -> None:
        """Let go of the file now if a reader waits for it (between batches); else keep it."""
        if intents.pending(self.path, intents.READ):
            self.release()

    def release(self) -> None:
        """Close the connection now unless it is in use (the next call reopens it)."""
        with self._lock:
            if self._con is not None and self._busy == 0 and not self._in_transaction:
                self._close_locked()
                self._idle.notify_all()

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._released_at = time.monotonic()
        self._result_pending = False

    def close(self) -> None:
        with self._lock:
            self._close_locked()
            self._in_transaction = False
            self._idle.notify_all()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        with self._use() as con:
            row = con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchall()
        return bool(row)

    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query)."""
        with self._use() as con:
            return self._known_ids(con, ids)

    def record_sources(self, pairs: Iterable[tuple[str, str | None]]) -> None:
        """``record_source`` for many (article id, source) pairs in one statement."""
        rows = [[aid, src] for aid, src in dict.fromkeys(pairs) if src]
        if rows:
            with self._use() as con:
                self._insert_rows(con, "sources", ["article_id", "source"], rows, ignore=True)

    def record_source(self, article_id: str, source: str | None) -> None:
        self.record_sources([(article_id, source)])

    def record_rejection(self, label: str, reason: str) -> None:
        with self._use() as con:
            con.execute("INSERT INTO skipped (input, reason) VALUES (?, ?)", [label, reason])

    def write_batch(self, analyses: Iterable[Analysis]) -> int:
        """Insert every new article of the batch in one transaction; return how many were new.

        Rows are gathered per table over the whole batch and inserted with one columnar
        (Arrow) statement each: row-by-row ``executemany`` cost ~0.6 ms a row, ~50 ms an
        article, as much as the single writer's other work together.
        """
        batch = list(analyses)
        with self._use() as con:
            new = self._write(con, batch)
        self.yield_to_readers()  # between batches, if a reader asked for the file
        return new

    def _write(self, con: duckdb.DuckDBPyConnection, batch: list[Analysis]) -> int:
        new = 0
        con.execute("BEGIN TRANSACTION")
        try:
            known = self._known_ids(con, [a.article.id for a in batch])
            tables: dict[str, list[list[Any]]] = {table: [] for table in COLUMNS}
            sources: dict[tuple[str, str], None] = {}
            for analysis in batch:
                article = analysis.article
                if article.id in known:
                    continue
                known.add(article.id)
                for table, rows in analysis_rows(analysis).items():
                    tables[table].extend(rows)
                for source in (article.source_path, article.url):
                    if source:
                        sources[(article.id, source)] = None
                new += 1
            for table, rows in tables.items():
                if rows:
                    self._insert_rows(con, table, COLUMNS[table], rows)
            if sources:
                self._insert_rows(
                    con, "sources", ["article_id", "source"], [list(k) for k in sources], ignore=True
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return new

    def _known_ids(self, con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = con.execute("SELECT id FROM articles WHERE list_contains(?::VARCHAR[], id)", [ids]).fetchall()
        return {r[0] for r in rows}

    def _insert_rows(
        self,
        con: duckdb.DuckDBPyConnection,
        table: str,
        columns: list[str],
        rows: list[list[Any]],
        ignore: bool = False,
    ) -> None:
        """Insert rows (values in ``columns`` order) in one statement; row by row if Arrow can't."""
        names = ", ".join(f'"{c}"' for c in columns)
        conflict = " ON CONFLICT DO NOTHING" if ignore else ""
        arrow = _arrow_table(self._arrow_types(con, table), columns, rows)
        if arrow is None:
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}", rows)
            return
        con.register("_dyadwatch_rows", arrow)
        try:
            con.execute(f"INSERT INTO {table} ({names}) SELECT * FROM _dyadwatch_rows{conflict}")
        finally:
            con.unregister("_dyadwatch_rows")

    def _arrow_types(self, con: duckdb.DuckDBPyConnection, table: str) -> dict[str, Any]:
        """Arrow type of each column of ``table`` that has one we map (others: row by row)."""
        if table not in self._types:
            described = con.execute(f"DESCRIBE {table}").fetchall()
            self._types[table] = {name: _ARROW_TYPES.get(str(kind)) for name, kind, *_ in described}
        return self._types[table]
