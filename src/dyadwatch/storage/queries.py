"""Read queries shared by the CLI, the exports and the web app: neither writes SQL of its own."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import duckdb

from dyadwatch.errors import ArticleNotFound, BadQuery
from dyadwatch.storage.schema import QUOTE_FOUND_BY, QUOTE_FOUND_BY_IS

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


FULL_ID = re.compile(r"[0-9a-f]{64}")


def resolve_article_id(con: duckdb.DuckDBPyConnection, key: str) -> str:
    """An article id from a full id, an id prefix (like git), a source path or a URL."""
    if FULL_ID.fullmatch(key) and con.execute("SELECT 1 FROM articles WHERE id = ?", [key]).fetchall():
        return key  # the primary-key index answers this without the prefix scan below
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


# One query for the whole record (one plan instead of six): the article, then each record table
# in its export order (actors by first mention, the others by index).
_RECORD_PARTS = " UNION ALL ".join(
    [
        "SELECT 'article' AS part, 0 AS pos, NULL AS actor_id, record FROM articles WHERE id = $id",
        "SELECT 'actors', (record->'mentions'->0->>0)::INTEGER, actor_id, record FROM actors WHERE article_id = $id",
        *(
            f"SELECT '{key}', idx, NULL, record FROM {table} WHERE article_id = $id"
            for key, table in TABLE_OF.items()
            if key != "actors"
        ),
    ]
)
ANALYSIS_SQL = f"SELECT part, record FROM ({_RECORD_PARTS}) ORDER BY part, pos NULLS LAST, actor_id"


def analysis_parts(con: duckdb.DuckDBPyConnection, article_id: str) -> list[tuple[str, str]]:
    """(part, JSON record) rows of one stored article, in export order; raise if unknown."""
    rows = [
        (str(part), str(record)) for part, record in con.execute(ANALYSIS_SQL, {"id": article_id}).fetchall()
    ]
    if not any(part == "article" for part, _ in rows):
        raise ArticleNotFound(f"no stored article with id {article_id}")
    return rows


def assemble_analysis(parts: list[tuple[str, str]]) -> dict[str, Any]:
    """The export-contract object from ``analysis_parts`` (a new object on every call)."""
    out: dict[str, Any] = {key: [] for key in ["article", *TABLE_OF]}
    for part, record in parts:
        out[part].append(json.loads(record))
    out["article"] = out["article"][0]
    return out


def analysis_json(parts: list[tuple[str, str]]) -> str:
    """``assemble_analysis(parts)`` as JSON text, spliced from the stored JSON without parsing it."""
    by_part: dict[str, list[str]] = {key: [] for key in ["article", *TABLE_OF]}
    for part, record in parts:
        by_part[part].append(record)
    lists = "".join(f',"{key}":[{",".join(by_part[key])}]' for key in TABLE_OF)
    return f'{{"article":{by_part["article"][0]}{lists}}}'


def analysis_dict(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """The export-contract object of one stored article."""
    return assemble_analysis(analysis_parts(con, article_id))


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
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    issue: str | None = None,
    found_by: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes across the store, filtered by speaker (id or name, case-insensitive), issue, or the
    reader that found them (``rules`` or ``tagger``)."""
    sql = f"""SELECT q.article_id, q.idx, q.speaker, q.speaker_name, q.text, q.start, q."end", q.cue,
                    q.direct, q.issues, a.title, a.published, {QUOTE_FOUND_BY}
             FROM quotes q JOIN articles a ON a.id = q.article_id WHERE TRUE"""
    params: list[Any] = []
    if speaker:
        sql += " AND (lower(q.speaker) = lower(?) OR contains(lower(q.speaker_name), lower(?)))"
        params += [speaker, speaker]
    if issue:
        sql += " AND list_contains(q.issues, ?)"
        params.append(issue)
    if found_by:
        sql += QUOTE_FOUND_BY_IS
        params.append(found_by)
    rows = con.execute(sql + " ORDER BY a.published NULLS LAST, q.article_id, q.idx", params).fetchall()
    keys = ["article_id", "idx", "speaker", "speaker_name", "text", "start", "end", "cue", "direct", "issues",
            "title", "published", "found_by", "confidence"]  # fmt: skip
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


# --- Analytics (issue 5): dyad x issue x month stances, cooperation-conflict index, forecasts ---


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _month_range(column: str, start: str | None, end: str | None) -> tuple[str, list[Any]]:
    sql, params = "", []
    if start:
        sql += f" AND {column} >= left(?, 7)"
        params.append(start)
    if end:
        sql += f" AND {column} <= left(?, 7)"
        params.append(end)
    return sql, params


def _with_evidence(
    con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]], table: str, span_path: str
) -> list[dict[str, Any]]:
    """Add each row's top record's evidence sentence, title and offsets.

    The records are fetched by article id list (an index-friendly IN filter) rather than joined:
    a join would scan the whole record table again, which on a store of millions of events costs
    more than the aggregate itself.
    """
    ids = sorted({row["top_article_id"] for row in rows if row.get("top_article_id")})
    found: dict[tuple[Any, Any], tuple[Any, ...]] = {}
    if ids:
        sql = f"""WITH r AS (SELECT article_id, idx, record FROM {table} WHERE article_id IN (SELECT unnest(?))),
                       a AS (SELECT id, title, published, text FROM articles WHERE id IN (SELECT unnest(?)))
                  SELECT r.article_id, r.idx, a.title, a.published,
                         substr(a.text, (r.record->{span_path}->>0)::INTEGER + 1,
                                (r.record->{span_path}->>1)::INTEGER - (r.record->{span_path}->>0)::INTEGER),
                         (r.record->{span_path}->>0)::INTEGER
                  FROM r JOIN a ON a.id = r.article_id"""
        for aid, idx, *rest in con.execute(sql, [ids, ids]).fetchall():
            found[(aid, idx)] = tuple(rest)
    for row in rows:
        title, published, evidence, start = found.get(
            (row.get("top_article_id"), row.get("top_idx")), (None,) * 4
        )
        row.update(
            title=title, published=row.get("published") or published, evidence=evidence, evidence_start=start
        )
    return rows


def dyad_issue_months(
    con: duckdb.DuckDBPyConnection,
    dyad: str,
    issue: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[dict[str, Any]]:
    """Issue x month cells of a dyad (view ``v_issue_stance_months``) with the strongest record's
    first evidence sentence, its article and offsets, so that every number can show its words.

    ``start``/``end`` are ISO dates or months (inclusive); ``dyad`` is a key such as "CHN-USA".
    """
    sql = "SELECT v.* FROM v_issue_stance_months v WHERE v.dyad = ?"
    params: list[Any] = [dyad]
    if issue:
        sql += " AND v.issue = ?"
        params.append(issue)
    extra, more = _month_range("v.month", start, end)
    rows = _rows(con, sql + extra + " ORDER BY v.issue, v.month", params + more)
    return _with_evidence(con, rows, "issue_stances", "'evidence'->0")


# The per-dyad form of view ``v_dyad_index_months`` (migration 4): the same rows, but the pair
# filter sits on the events scan, so one dyad answers in well under a second on 10 M events
# (bench/analytics_scale.py) instead of aggregating every dyad first. Clusters never span dyads
# (analysis/event_links.py links only events of the same pair), so filtering first is exact.
_INDEX_FOR_DYAD = """
    WITH ev AS (
        SELECT e.article_id, e.idx, e.quad_class, e.goldstein,
               CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) ELSE left(a.published, 7) END AS month,
               count(*) OVER (PARTITION BY coalesce(c.cluster_id, e.article_id || ':' || e.idx)) AS n_reports,
               row_number() OVER (
                   PARTITION BY coalesce(c.cluster_id, e.article_id || ':' || e.idx)
                   ORDER BY CASE e.date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END,
                            a.published, e.article_id, e.idx) AS rank_in_cluster
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.idx = e.idx
        WHERE e.modality = 'asserted'
          AND ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))),
    one AS (SELECT * FROM ev WHERE rank_in_cluster = 1)
    SELECT ? AS dyad, month, count(*) AS n_events,
           count(*) FILTER (WHERE quad_class = 'verbal_cooperation') AS verbal_cooperation,
           count(*) FILTER (WHERE quad_class = 'material_cooperation') AS material_cooperation,
           count(*) FILTER (WHERE quad_class = 'verbal_conflict') AS verbal_conflict,
           count(*) FILTER (WHERE quad_class = 'material_conflict') AS material_conflict,
           round(avg(goldstein), 3) AS mean_goldstein,
           round((count(*) FILTER (WHERE quad_class LIKE '%cooperation')
                  - count(*) FILTER (WHERE quad_class LIKE '%conflict')) / count(*), 3) AS coop_index,
           arg_min(article_id, goldstein) AS top_article_id, arg_min(idx, goldstein) AS top_idx,
           sum(n_reports)::INTEGER AS n_reports
    FROM one WHERE month IS NOT NULL GROUP BY month"""


def dyad_index_months(
    con: duckdb.DuckDBPyConnection, dyad: str, start: str | None = None, end: str | None = None
) -> list[dict[str, Any]]:
    """Month by month cooperation-conflict index of a dyad (rows of ``v_dyad_index_months``):
    event counts by quad class (each cluster of reports once), mean Goldstein, index in
    [-1, 1] and the sentence of its most conflictual event."""
    left, _, right = dyad.partition("-")
    sql = f"SELECT v.* FROM ({_INDEX_FOR_DYAD}) v WHERE TRUE"
    extra, more = _month_range("v.month", start, end)
    rows = _rows(con, sql + extra + " ORDER BY v.month", [left, right, right, left, dyad] + more)
    return _with_evidence(con, rows, "events", "'sentence_span'")


def list_forecasts(
    con: duckdb.DuckDBPyConnection,
    dyad: str | None = None,
    due_before: str | None = None,
    as_of: str | None = None,
) -> list[dict[str, Any]]:
    """Stored forecasts with their evidence sentence, status recomputed against ``as_of``
    (default ``$DYADWATCH_AS_OF`` or today); ``due_before`` keeps those whose horizon ends
    before that date. Forecasts without a horizon are kept only when ``due_before`` is None."""
    from dyadwatch.nlp.horizons import default_as_of, period, status_of

    sql = """SELECT f.article_id, f.idx, f.speaker, f.text, f.start, f."end", f.subject, f.dyad,
                    f.horizon, f.polarity, f.likelihood, f.status, f.record->>'cue' AS cue,
                    coalesce(substr(a.text, (f.record->'sentence_span'->>0)::INTEGER + 1,
                        (f.record->'sentence_span'->>1)::INTEGER - (f.record->'sentence_span'->>0)::INTEGER),
                        f.text) AS sentence,
                    (SELECT any_value(ac.name) FROM actors ac
                     WHERE ac.article_id = f.article_id AND ac.actor_id = f.speaker) AS speaker_name,
                    a.title, a.published
             FROM forecasts f JOIN articles a ON a.id = f.article_id WHERE TRUE"""
    params: list[Any] = []
    if dyad:
        sql += " AND f.dyad = ?"
        params.append(dyad)
    rows = _rows(con, sql + " ORDER BY f.horizon NULLS LAST, a.published, f.article_id, f.idx", params)
    today = default_as_of(as_of)
    limit = default_as_of(due_before) if due_before else None
    out = []
    for row in rows:
        row["status"] = status_of(row["horizon"], today)
        if limit is not None:
            try:
                if not row["horizon"] or period(row["horizon"])[1] >= limit:
                    continue
            except ValueError:
                continue
        out.append(row)
    return out


def actor_activity(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[dict[str, Any]]:
    """The most active actors across the store (view ``v_actor_activity``)."""
    return _rows(
        con,
        """SELECT * FROM v_actor_activity
           ORDER BY n_quotes + n_events_source + n_events_target DESC, n_mentions DESC, actor_id LIMIT ?""",
        [limit],
    )
