"""Read queries shared by the CLI, the exports and the web app: neither writes SQL of its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from dyadwatch.errors import ArticleNotFound, BadQuery

RECORD_TABLES = {
    "actors": "actor_id",
    "quotes": "idx",
    "events": "idx",
    "issues": "idx",
    "forecasts": "idx",
}
TABLE_OF = {
    "actors": "actors",
    "quotes": "quotes",
    "events": "events",
    "issues": "issue_stances",
    "forecasts": "forecasts",
}


def resolve_article_id(con: duckdb.DuckDBPyConnection, key: str) -> str:
    """An article id from a full id, an id prefix (like git), a source path or a URL."""
    rows = con.execute(
        "SELECT DISTINCT id FROM articles WHERE id = ? OR starts_with(id, ?) LIMIT 2", [key, key.lower()]
    ).fetchall()
    if not rows:
        rows = con.execute(
            "SELECT DISTINCT article_id FROM sources WHERE source = ? OR ends_with(source, ?) LIMIT 2",
            [key, "/" + key.lstrip("./")],
        ).fetchall()
    if not rows:
        raise ArticleNotFound(f"no stored article matches '{key}'", hint="use an id (or prefix), path or URL")
    if len(rows) > 1:
        raise ArticleNotFound(f"'{key}' matches several articles", hint="give more characters of the id")
    return str(rows[0][0])


def analysis_dict(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """The export-contract object of one stored article."""
    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchall()
    if not row:
        raise ArticleNotFound(f"no stored article with id {article_id}")
    out: dict[str, Any] = {"article": json.loads(row[0][0])}
    for key, table in TABLE_OF.items():
        order = "(record->'mentions'->0->>0)::INTEGER NULLS LAST, actor_id" if key == "actors" else "idx"
        rows = con.execute(
            f"SELECT record FROM {table} WHERE article_id = ? ORDER BY {order}", [article_id]
        ).fetchall()
        out[key] = [json.loads(r[0]) for r in rows]
    return out


def article_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]


def iter_analyses(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    for aid in article_ids(con):
        yield analysis_dict(con, aid)


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run user SQL; return column names and rows, or raise ``BadQuery`` with DuckDB's message."""
    try:
        result = con.execute(sql)
        columns = [d[0] for d in result.description] if result.description else []
        rows = result.fetchall() if columns else []
    except duckdb.Error as exc:
        raise BadQuery(str(exc).splitlines()[0], hint="tables: " + ", ".join(table_names(con))) from exc
    return columns, rows


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    ]


def article_summaries(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, title, published, published_precision, authors, outlet, kind, dateline FROM articles"
    params: list[Any] = []
    if ids is not None:
        sql += " WHERE list_contains(?, id)"
        params.append(ids)
    rows = con.execute(sql + " ORDER BY published NULLS LAST, id", params).fetchall()
    keys = ["id", "title", "published", "published_precision", "authors", "outlet", "kind", "dateline"]
    return [dict(zip(keys, r, strict=True)) for r in rows]


def actors_of(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    rows = con.execute(
        """SELECT actor_id, name, kind, country, sector, role, affiliation, n_mentions
           FROM actors WHERE article_id = ? ORDER BY country NULLS LAST, sector NULLS FIRST, name""",
        [article_id],
    ).fetchall()
    keys = ["id", "name", "kind", "country", "sector", "role", "affiliation", "n_mentions"]
    return [dict(zip(keys, r, strict=True)) for r in rows]


def list_quotes(
    con: duckdb.DuckDBPyConnection, speaker: str | None = None, issue: str | None = None
) -> list[dict[str, Any]]:
    """Quotes across the store, filtered by speaker (id or name, case-insensitive) or issue."""
    sql = """SELECT q.article_id, q.idx, q.speaker, q.speaker_name, q.text, q.start, q."end", q.cue,
                    q.direct, q.issues, a.title, a.published
             FROM quotes q JOIN articles a ON a.id = q.article_id WHERE TRUE"""
    params: list[Any] = []
    if speaker:
        sql += " AND (lower(q.speaker) = lower(?) OR contains(lower(q.speaker_name), lower(?)))"
        params += [speaker, speaker]
    if issue:
        sql += " AND list_contains(q.issues, ?)"
        params.append(issue)
    rows = con.execute(sql + " ORDER BY a.published NULLS LAST, q.article_id, q.idx", params).fetchall()
    keys = ["article_id", "idx", "speaker", "speaker_name", "text", "start", "end", "cue", "direct", "issues",
            "title", "published"]  # fmt: skip
    return [dict(zip(keys, r, strict=True)) for r in rows]


def skipped_inputs(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT input, reason FROM skipped ORDER BY skipped_at DESC LIMIT ?", [limit]
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def record_counts(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, int]:
    """How many records of each kind an article has: actors, mentions, quotes, events, ..."""
    counts = {}
    for label, table in (
        ("actors", "actors"),
        ("mentions", "mentions"),
        *((k, v) for k, v in TABLE_OF.items() if k != "actors"),
    ):
        row = con.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", [article_id]).fetchall()
        counts[label] = int(row[0][0])
    return counts
