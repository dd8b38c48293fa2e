"""Listing, search and paging queries for the web app and the API (read-only).

Every function takes an open DuckDB connection, binds every value from the caller as a query
parameter (no request text ever becomes SQL) and returns plain dicts. A list comes back as a
``Page``: ``{"items": [...], "total": N, "limit": L, "offset": O}`` with ``limit`` capped at
``MAX_LIMIT``.

>>> clamp(10_000, -3)
(500, 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from dyadwatch.errors import DyadwatchError
from dyadwatch.storage.schema import QUOTE_FOUND_BY, QUOTE_FOUND_BY_IS

MAX_LIMIT = 500
# An actor id rather than a name: "USA", "CHN:GOV", "person:antony-blinken", "org:csis".
ACTOR_ID = re.compile(r"^(?:[A-Z]{3}(?::[A-Z]{3})?|[a-z]+:[a-z0-9._-]+)$")
DEFAULT_LIMIT = 50

Page = dict[str, Any]


class RecordNotFound(DyadwatchError):
    """No stored record (actor, quote, event ...) matches the key that was asked for."""

    code = "E110"


def clamp(limit: int, offset: int) -> tuple[int, int]:
    """Bound a page request: 1 <= limit <= MAX_LIMIT, offset >= 0."""
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def dyad_sql(a: str, b: str) -> str:
    """SQL for the alphabetical dyad key ("CHN-USA") of two country columns, NULL if not a pair."""
    return (
        f"CASE WHEN {a} IS NULL OR {b} IS NULL OR {a} = {b} THEN NULL "
        f"WHEN {a} < {b} THEN {a} || '-' || {b} ELSE {b} || '-' || {a} END"
    )


EVENT_DYAD = dyad_sql("e.source_country", "e.target_country")
# ``EVENT_DYAD = ?`` as plain column tests, which DuckDB pushes into the scan (~3x faster than
# computing the CASE for every event); parameters from ``event_dyad_params``.
EVENT_DYAD_IS = (
    "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
)


def event_dyad_params(dyad: str) -> list[str]:
    """Parameters of ``EVENT_DYAD_IS`` for a key like "CHN-USA"; a key that ``EVENT_DYAD`` never
    yields (unordered, one country twice, not two codes) matches nothing, as before.

    >>> event_dyad_params("CHN-USA"), event_dyad_params("USA-CHN")
    (['CHN', 'USA', 'USA', 'CHN'], ['', '', '', ''])
    """
    a, _, b = dyad.partition("-")
    if not a or not b or not a < b or "-" in b:
        return ["", "", "", ""]  # no event has empty country codes
    return [a, b, b, a]


# An event's month: its own date when it has one to the month, else its article's.
EVENT_MONTH = "CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) ELSE left(a.published, 7) END"


def date_filter(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    """Conditions keeping ISO dates (day, month or year precision) that overlap [from, to]: both
    sides are compared at the coarser of their two precisions ("2021-03" is in "2021")."""
    sql, params = "", []
    for value, op in ((date_from, ">="), (date_to, "<=")):
        if value:
            sql += (
                f" AND {column} IS NOT NULL AND left({column}, least(length({column}), length(?))) {op} "
                f"left(?, least(length({column}), length(?)))"
            )
            params += [value, value, value]
    return sql, params


@dataclass(frozen=True)
class Excerpt:
    """A field cut from the article text after paging: ``span(item)`` gives (start, end) or None.

    Joining ``articles.text`` into a list query makes DuckDB read the full text of every matching
    article before the page is cut (two thirds of an events page's time on a 6,000-article store);
    reading the texts of just the page's articles by primary key afterwards costs a millisecond.
    """

    field: str
    span: Callable[[dict[str, Any]], tuple[int, int] | None]
    article_key: str = "article_id"


def attach_excerpts(
    con: duckdb.DuckDBPyConnection, items: list[dict[str, Any]], excerpts: list[Excerpt]
) -> None:
    """Fill each excerpt field of ``items`` from the stored article texts (None without a span)."""
    ids = sorted({str(item[e.article_key]) for e in excerpts for item in items})
    if not ids:
        return
    marks = ", ".join("?" * len(ids))  # constants the primary-key index answers, unlike a join
    texts = dict(con.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids).fetchall())
    for item in items:
        for excerpt in excerpts:
            text, span = texts.get(item[excerpt.article_key]), excerpt.span(item)
            item[excerpt.field] = text[span[0] : span[1]] if text is not None and span is not None else None


def paged(
    con: duckdb.DuckDBPyConnection,
    select: str,
    where: str,
    params: list[Any],
    order: str,
    limit: int,
    offset: int,
    count_sql: str | None = None,
    excerpts: list[Excerpt] | None = None,
) -> Page:
    """Run ``select ... where ... order`` for one page and count all matches.

    The count comes with the page (a window over the matches: one scan, not two); only a page past
    the end runs ``count_sql`` (``SELECT count(*) FROM <tables>``, which skips the selected
    columns) or, by default, counts the whole select. ``excerpts`` are cut from the article texts
    after the page is cut.
    """
    limit, offset = clamp(limit, offset)
    counted = re.sub(r"^\s*SELECT ", "SELECT count(*) OVER () AS _total, ", select, count=1)
    cur = con.execute(f"{counted} {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    names = [d[0] for d in cur.description or []]
    items = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    if items:
        total = items[0]["_total"]
    elif offset == 0:
        total = 0
    else:
        counter = f"{count_sql} {where}" if count_sql else f"SELECT count(*) FROM ({select} {where}) AS t"
        total = con.execute(counter, params).fetchall()[0][0]
    for item in items:
        del item["_total"]
    if excerpts:
        attach_excerpts(con, items, excerpts)
    return {"items": items, "total": int(total), "limit": limit, "offset": offset}


ARTICLE_COLUMNS = """SELECT a.id, a.title, a.published, a.published_precision, a.outlet, a.kind, a.url,
    a.authors, NULL AS snippet FROM articles a"""
SNIPPET = Excerpt("snippet", lambda item: (0, 240), article_key="id")


def list_articles(
    con: duckdb.DuckDBPyConnection,
    q: str | None = None,
    actor: str | None = None,
    issue: str | None = None,
    dyad: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Articles, newest first, filtered by text, actor (id or name), issue, dyad and date range.

    Example: ``list_articles(con, q="Taiwan", date_from="2023-01", limit=10)``
    """
    where, params = "WHERE TRUE", []
    if q:
        # Literal, case-insensitive RE2 match: several times faster than lower() over long texts.
        where += " AND (regexp_matches(a.title, ?, 'il') OR regexp_matches(a.text, ?, 'il'))"
        params += [q, q]
    if actor:
        where += """ AND a.id IN (SELECT article_id FROM actors
                     WHERE actor_id = ? OR lower(name) = lower(?))"""
        params += [actor, actor]
    if issue:
        where += """ AND a.id IN (SELECT article_id FROM issue_stances WHERE issue = ?
                     UNION SELECT article_id FROM events WHERE list_contains(issues, ?)
                     UNION SELECT article_id FROM quotes WHERE list_contains(issues, ?))"""
        params += [issue, issue, issue]
    if dyad:
        where += f""" AND a.id IN (SELECT article_id FROM issue_stances WHERE dyad = ?
                     UNION SELECT e.article_id FROM events e WHERE {EVENT_DYAD_IS})"""
        params += [dyad, *event_dyad_params(dyad)]
    extra, extra_params = date_filter("a.published", date_from, date_to)
    return paged(
        con, ARTICLE_COLUMNS, where + extra, params + extra_params, "a.published DESC NULLS LAST, a.id",
        limit, offset, count_sql="SELECT count(*) FROM articles a", excerpts=[SNIPPET],
    )  # fmt: skip


def list_actors(
    con: duckdb.DuckDBPyConnection,
    q: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Actors across the store (one row per actor id), most-mentioned first."""
    where, params = "WHERE TRUE", []
    if q:
        where += " AND (contains(lower(name), lower(?)) OR lower(actor_id) = lower(?))"
        params += [q, q]
    if country:
        where += " AND country = ?"
        params.append(country.upper())
    if kind:
        where += " AND kind = ?"
        params.append(kind)
    select = f"""SELECT * FROM (SELECT actor_id AS id, arg_max(name, n_mentions) AS name,
        arg_max(kind, n_mentions) AS kind, arg_max(country, n_mentions) AS country,
        arg_max(sector, n_mentions) AS sector, count(DISTINCT article_id) AS n_articles,
        sum(n_mentions)::BIGINT AS n_mentions FROM actors {where} GROUP BY actor_id) AS g"""
    return paged(
        con,
        select,
        "",
        params,
        "n_mentions DESC, id",
        limit,
        offset,
        count_sql=f"SELECT count(DISTINCT actor_id) FROM actors {where}",
    )


def actor_profile(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    """One actor: names, kind, country, roles and affiliations with counts; raise if unknown."""
    # An actor has one row per article (the table's key), so the groups also give the totals.
    grouped = con.execute(
        """SELECT name, kind, country, sector, role, affiliation, count(*) AS n,
                  coalesce(sum(n_mentions), 0)::BIGINT AS mentions
           FROM actors WHERE actor_id = ? GROUP BY ALL ORDER BY n DESC, name""",
        [actor_id],
    ).fetchall()
    if not grouped:
        raise RecordNotFound(f"no stored actor with id '{actor_id}'", hint="list actors at /api/actors")
    rows = [row[:7] for row in grouped]
    totals = (sum(row[6] for row in grouped), sum(row[7] for row in grouped))
    roles: dict[tuple[Any, Any], int] = {}
    for _name, _kind, _country, _sector, role, affiliation, n in rows:
        if role or affiliation:
            roles[(role, affiliation)] = roles.get((role, affiliation), 0) + int(n)
    return {
        "id": actor_id,
        "name": rows[0][0],
        "names": sorted({r[0] for r in rows if r[0]}),
        "kind": rows[0][1],
        "country": rows[0][2],
        "sector": rows[0][3],
        "roles": [
            {"role": r, "affiliation": a, "n_articles": n}
            for (r, a), n in sorted(roles.items(), key=lambda kv: -kv[1])
        ],
        "n_articles": int(totals[0]),
        "n_mentions": int(totals[1]),
    }


QUOTE_COLUMNS = f"""SELECT q.article_id, q.idx, q.speaker, q.speaker_name, q.text, q.start, q."end", q.cue,
    q.direct, q.issues, a.title, a.published, {QUOTE_FOUND_BY}
    FROM quotes q JOIN articles a ON a.id = q.article_id"""


def find_quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    issue: str | None = None,
    q: str | None = None,
    article: str | None = None,
    dyad: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    found_by: str | None = None,
) -> Page:
    """Quotes, newest article first, filtered by speaker (id or name), issue, words, article, dyad
    and the reader that found them (``rules`` or ``tagger``)."""
    where, params = "WHERE TRUE", []
    if speaker and ACTOR_ID.match(speaker):
        where += " AND q.speaker = ?"
        params.append(speaker)
    elif speaker:
        where += " AND (q.speaker = ? OR contains(lower(q.speaker_name), lower(?)))"
        params += [speaker, speaker]
    if issue:
        where += " AND list_contains(q.issues, ?)"
        params.append(issue)
    if q:
        where += " AND regexp_matches(q.text, ?, 'il')"  # literal, case-insensitive: faster than lower()
        params.append(q)
    if article:
        where += " AND q.article_id = ?"
        params.append(article)
    if found_by:
        where += QUOTE_FOUND_BY_IS
        params.append(found_by)
    if dyad:
        where += f""" AND q.article_id IN (SELECT article_id FROM issue_stances WHERE dyad = ?
                     UNION SELECT e.article_id FROM events e WHERE {EVENT_DYAD_IS})"""
        params += [dyad, *event_dyad_params(dyad)]
    return paged(
        con, QUOTE_COLUMNS, where, params, "a.published DESC NULLS LAST, q.article_id, q.idx", limit, offset,
        count_sql="SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id",
    )  # fmt: skip


EVENT_COLUMNS = f"""SELECT e.article_id, e.idx, e.source, e.target, e.source_country, e.target_country,
    {EVENT_DYAD} AS dyad, e.type, e.cameo, e.goldstein, e.quad_class, e.modality, e.date, e.date_precision,
    e.location, e.issues, e.reported_by, e.trigger_start, e.trigger_end,
    NULL AS trigger_text,
    a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id"""
TRIGGER_TEXT = Excerpt(
    "trigger_text",
    lambda item: None if item["trigger_start"] is None else (item["trigger_start"], item["trigger_end"]),
)


def find_events(
    con: duckdb.DuckDBPyConnection,
    dyad: str | None = None,
    type: str | None = None,
    quad_class: str | None = None,
    modality: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    article: str | None = None,
    source: str | None = None,
    target: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Events, latest first, by dyad, PLOVER type, quad class, modality, dates, issue, actor (as
    source or target), source, target or article."""
    where, params = "WHERE TRUE", []
    if dyad:
        where += f" AND {EVENT_DYAD_IS}"
        params += event_dyad_params(dyad)
    for column, value in (
        ("e.type", type.upper() if type else None), ("e.quad_class", quad_class),
        ("e.modality", modality), ("e.article_id", article), ("e.source", source), ("e.target", target),
    ):  # fmt: skip
        if value:
            where += f" AND {column} = ?"
            params.append(value)
    if issue:
        where += " AND list_contains(e.issues, ?)"
        params.append(issue)
    if actor:
        where += " AND (e.source = ? OR e.target = ?)"
        params += [actor, actor]
    extra, extra_params = date_filter("coalesce(e.date, a.published)", date_from, date_to)
    order = "coalesce(e.date, a.published) DESC NULLS LAST, e.article_id, e.idx"
    return paged(
        con, EVENT_COLUMNS, where + extra, params + extra_params, order, limit, offset,
        count_sql="SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id",
        excerpts=[TRIGGER_TEXT],
    )  # fmt: skip


FORECAST_COLUMNS = """SELECT f.article_id, f.idx, f.speaker, f.text, f.start, f."end", f.subject, f.dyad,
    f.horizon, f.polarity, f.likelihood, f.status, a.title, a.published
    FROM forecasts f JOIN articles a ON a.id = f.article_id"""


def find_forecasts(
    con: duckdb.DuckDBPyConnection,
    status: str | None = None,
    dyad: str | None = None,
    subject: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """The forecast ledger: forecasts by status (open|due|past), dyad and subject, soonest horizon first."""
    where, params = "WHERE TRUE", []
    for column, value in (("f.status", status), ("f.dyad", dyad), ("f.subject", subject)):
        if value:
            where += f" AND {column} = ?"
            params.append(value)
    order = "f.horizon NULLS LAST, a.published DESC NULLS LAST, f.article_id, f.idx"
    return paged(
        con, FORECAST_COLUMNS, where, params, order, limit, offset,
        count_sql="SELECT count(*) FROM forecasts f JOIN articles a ON a.id = f.article_id",
    )  # fmt: skip


def forecast_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many forecasts are open, due and past."""
    rows = con.execute("SELECT status, count(*) FROM forecasts GROUP BY status").fetchall()
    counts = {"open": 0, "due": 0, "past": 0}
    counts.update({str(s): int(n) for s, n in rows if s})
    return counts


def search_all(con: duckdb.DuckDBPyConnection, q: str, limit: int = 10) -> dict[str, Page]:
    """The search box: articles, actors and quotes matching ``q`` (case-insensitive words)."""
    return {
        "articles": list_articles(con, q=q, limit=limit),
        "actors": list_actors(con, q=q, limit=limit),
        "quotes": find_quotes(con, q=q, limit=limit),
    }


def store_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the record tables, for the home page."""
    out = {}
    for table in ("articles", "actors", "quotes", "events", "issue_stances", "forecasts"):
        out[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    return out
