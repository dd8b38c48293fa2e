"""The embedded DuckDB store: one writer, one transaction per batch.

An interrupted batch leaves nothing half-written: every row of every article in a batch is
inserted inside one transaction. Re-inserting a known article is a no-op (its id is the hash
of its text); the new source path or URL is still recorded in ``sources``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

from dyadwatch.model import Analysis
from dyadwatch.storage.rows import analysis_rows, insert_sql
from dyadwatch.storage.schema import migrate

DEFAULT_DB = "dyadwatch.duckdb"


def default_db_path() -> str:
    """``$DYADWATCH_DB`` if set, else ``./dyadwatch.duckdb``."""
    return os.environ.get("DYADWATCH_DB") or DEFAULT_DB


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


class Store:
    """Write access to the store (a single writer per database file)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path or default_db_path())
        self.con = connect(self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchall()
        return bool(row)

    def record_source(self, article_id: str, source: str | None) -> None:
        if source:
            self.con.execute(
                "INSERT INTO sources (article_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [article_id, source],
            )

    def record_rejection(self, label: str, reason: str) -> None:
        self.con.execute("INSERT INTO skipped (input, reason) VALUES (?, ?)", [label, reason])

    def write_batch(self, analyses: Iterable[Analysis]) -> int:
        """Insert every new article of the batch in one transaction; return how many were new."""
        new = 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            for analysis in analyses:
                if self.has_article(analysis.article.id):
                    continue
                self._insert(analysis)
                new += 1
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return new

    def _insert(self, analysis: Analysis) -> None:
        article = analysis.article
        for table, rows in analysis_rows(analysis).items():
            if rows:
                self.con.executemany(insert_sql(table), rows)
        for source in (article.source_path, article.url):
            self.record_source(article.id, source)
