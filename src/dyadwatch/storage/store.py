"""The embedded DuckDB store: one writer, one transaction per batch.

An interrupted batch leaves nothing half-written: every row of every article in a batch is
inserted inside one transaction. Re-inserting a known article is a no-op (its id is the hash
of its text); the new source path or URL is still recorded in ``sources``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from dyadwatch.model import Analysis
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


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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
        a = analysis.article
        aid = a.id
        self.con.execute(
            """INSERT INTO articles (id, url, source_path, outlet, title, authors, published,
                published_precision, published_inferred, dateline, language, kind, text, record)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                aid, a.url, a.source_path, a.outlet, a.title, a.authors, a.published,
                a.published_precision, a.published_inferred, a.dateline, a.language, a.kind,
                a.text, _j(a.to_dict()),
            ],
        )  # fmt: skip
        for source in (a.source_path, a.url):
            self.record_source(aid, source)
        actor_rows, mention_rows = [], []
        for actor in analysis.actors:
            actor_rows.append(
                [aid, actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.role,
                 actor.affiliation, len(actor.mentions), _j(actor.to_dict())]
            )  # fmt: skip
            for start, end in actor.mentions:
                mention_rows.append([aid, actor.id, start, end, a.text[start:end], start >= a.body_end])
        if actor_rows:
            self.con.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actor_rows)
        if mention_rows:
            self.con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", mention_rows)
        self._insert_records(aid, analysis)

    def _insert_records(self, aid: str, analysis: Analysis) -> None:
        quotes = [
            [aid, i, q.speaker, q.speaker_name, q.text, q.span[0], q.span[1], q.cue, q.direct, q.issues,
             _j(q.to_dict())]
            for i, q in enumerate(analysis.quotes)
        ]  # fmt: skip
        if quotes:
            self.con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quotes)
        events = [
            [aid, i, e.source, e.target, e.source_country, e.target_country, e.type, e.cameo, e.goldstein,
             e.quad_class, e.modality, e.date, e.date_precision, e.location, e.issues, e.reported_by,
             e.trigger[0], e.trigger[1], _j(e.to_dict())]
            for i, e in enumerate(analysis.events)
        ]  # fmt: skip
        if events:
            self.con.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events
            )
        stances = [
            [aid, i, s.issue, s.dyad, s.stance, s.score, s.voices, _j(s.to_dict())]
            for i, s in enumerate(analysis.issues)
        ]
        if stances:
            self.con.executemany("INSERT INTO issue_stances VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stances)
        forecasts = [
            [aid, i, f.speaker, f.text, f.span[0], f.span[1], f.subject, f.dyad, f.horizon, f.polarity,
             f.likelihood, f.status, _j(f.to_dict())]
            for i, f in enumerate(analysis.forecasts)
        ]  # fmt: skip
        if forecasts:
            self.con.executemany(
                "INSERT INTO forecasts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", forecasts
            )
