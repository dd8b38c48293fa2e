"""Record tables as Arrow/pandas frames for notebooks, filtered the way analysts ask.

Every frame keeps ``article_id`` and the character offsets of its record, plus the evidence
sentence where there is one, so a row in a notebook still leads back to the words behind it.
"""

from __future__ import annotations

from typing import Any

import duckdb

from dyadwatch.analysis.dyads import dyad_countries, parse_dyad
from dyadwatch.storage.schema import QUOTE_FOUND_BY, QUOTE_FOUND_BY_IS

EVENT_DYAD = """CASE WHEN e.source_country < e.target_country THEN e.source_country || '-' || e.target_country
                     ELSE e.target_country || '-' || e.source_country END"""


def _since(column: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    # ISO strings of any precision compare correctly on their common prefix
    sql, params = "", []
    if since:
        sql += f" AND {column} >= ?"
        params.append(since)
    if until:
        sql += f" AND left({column}, length(?)) <= ?"
        params += [until, until]
    return sql, params


def events(
    con: duckdb.DuckDBPyConnection,
    dyad: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field is called "type"
    modality: str | None = None,
) -> duckdb.DuckDBPyRelation:
    sql = f"""SELECT e.article_id, e.idx, coalesce(e.date, a.published) AS date, e.date_precision,
                     {EVENT_DYAD} AS dyad, e.source, e.source_country, e.type, e.target, e.target_country,
                     e.cameo, e.goldstein, e.quad_class, e.modality, e.location, e.issues, e.reported_by,
                     e.trigger_start, e.trigger_end,
                     (e.record->'sentence_span'->>0)::INTEGER AS sentence_start,
                     (e.record->'sentence_span'->>1)::INTEGER AS sentence_end,
                     substr(a.text, (e.record->'sentence_span'->>0)::INTEGER + 1,
                            (e.record->'sentence_span'->>1)::INTEGER - (e.record->'sentence_span'->>0)::INTEGER)
                         AS sentence, a.title
              FROM events e JOIN articles a ON a.id = e.article_id WHERE TRUE"""
    params: list[Any] = []
    if dyad:
        left, right = dyad_countries(parse_dyad(dyad))
        sql += " AND ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
        params += [left, right, right, left]
    if issue:
        sql += " AND list_contains(e.issues, ?)"
        params.append(issue)
    for column, value in (("e.type", type), ("e.modality", modality)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    extra, more = _since("coalesce(e.date, a.published)", since, until)
    return con.query(sql + extra + " ORDER BY date, e.article_id, e.idx", params=params + more)


def quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
    found_by: str | None = None,
) -> duckdb.DuckDBPyRelation:
    sql = f"""SELECT q.article_id, q.idx, a.published AS date, q.speaker, q.speaker_name, q.cue, q.direct,
                    q.text, q.start, q."end", q.issues, a.title, {QUOTE_FOUND_BY}
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
    extra, more = _since("a.published", since, until)
    return con.query(sql + extra + " ORDER BY date, q.article_id, q.idx", params=params + more)


def stances(
    con: duckdb.DuckDBPyConnection,
    dyad: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> duckdb.DuckDBPyRelation:
    sql = """SELECT s.article_id, s.idx, a.published AS date, s.dyad, s.issue, s.stance, s.score, s.voices,
                    s.record->'evidence' AS evidence, a.title
             FROM issue_stances s JOIN articles a ON a.id = s.article_id WHERE TRUE"""
    params: list[Any] = []
    if dyad:
        sql += " AND s.dyad = ?"
        params.append(parse_dyad(dyad))
    if issue:
        sql += " AND s.issue = ?"
        params.append(issue)
    extra, more = _since("a.published", since, until)
    return con.query(sql + extra + " ORDER BY date, s.article_id, s.idx", params=params + more)


def forecasts(
    con: duckdb.DuckDBPyConnection,
    dyad: str | None = None,
    subject: str | None = None,
    status: str | None = None,
) -> duckdb.DuckDBPyRelation:
    sql = """SELECT f.article_id, f.idx, a.published AS date, f.speaker, f.text, f.start, f."end", f.subject,
                    f.dyad, f.horizon, f.polarity, f.likelihood, f.status, a.title
             FROM forecasts f JOIN articles a ON a.id = f.article_id WHERE TRUE"""
    params: list[Any] = []
    for column, value in (
        ("f.dyad", parse_dyad(dyad) if dyad else None),
        ("f.subject", subject),
        ("f.status", status),
    ):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    return con.query(sql + " ORDER BY f.horizon NULLS LAST, f.article_id, f.idx", params=params)


def actors(
    con: duckdb.DuckDBPyConnection, country: str | None = None, kind: str | None = None
) -> duckdb.DuckDBPyRelation:
    sql = """SELECT actor_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
                    any_value(sector) AS sector, list(DISTINCT role) FILTER (WHERE role IS NOT NULL) AS roles,
                    count(DISTINCT article_id) AS n_articles, sum(n_mentions) AS n_mentions
             FROM actors WHERE TRUE"""
    params: list[Any] = []
    for column, value in (("country", country), ("kind", kind)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    return con.query(sql + " GROUP BY actor_id ORDER BY n_mentions DESC, actor_id", params=params)
