"""Dyad queries for the web app: which dyads exist, their cooperation–conflict index and their
issue stances by month, and one issue of one dyad (read-only, parameterised SQL only).

A dyad key is two country codes in alphabetical order joined by a hyphen ("CHN-USA");
``parse_dyad`` accepts ISO codes and names in any order.

>>> parse_dyad("US-China")
'CHN-USA'
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

from dyadwatch.analysis.dyads import country_code, is_country, parse_dyad
from dyadwatch.storage.browse import (
    DEFAULT_LIMIT,
    EVENT_DYAD,
    EVENT_DYAD_IS,
    EVENT_MONTH,
    Excerpt,
    Page,
    event_dyad_params,
    paged,
)
from dyadwatch.storage.schema import QUOTE_FOUND_BY

# A month's stance label from the mean score of its stance records.
MIXED_BAND = 0.15
ISSUE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


# Dyad spelling is parsed in one place for the CLI, the web and the notebook API.
__all__ = ["country_code", "parse_dyad"]


def list_dyads(con: duckdb.DuckDBPyConnection, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Dyads of two countries with events or issue stances, busiest first.

    Pairs with a non-state code (events can carry "IGO", "IMG" ...) are left out: ``parse_dyad``
    refuses them, so they would link to a page that answers 422.
    """
    codes = sorted(
        str(code)
        for (code,) in con.execute(
            "SELECT DISTINCT source_country FROM events UNION SELECT DISTINCT target_country FROM events"
        ).fetchall()
        if is_country(code)
    )
    select = f"""SELECT * FROM (SELECT dyad, sum(n_events)::BIGINT AS n_events,
        sum(n_stances)::BIGINT AS n_stances, count(DISTINCT article_id) AS n_articles FROM (
            SELECT {EVENT_DYAD} AS dyad, e.article_id, 1 AS n_events, 0 AS n_stances FROM events e
            UNION ALL SELECT dyad, article_id, 0, 1 FROM issue_stances) AS t
        WHERE dyad IS NOT NULL AND list_contains(?::VARCHAR[], split_part(dyad, '-', 1))
          AND list_contains(?::VARCHAR[], split_part(dyad, '-', 2)) GROUP BY dyad) AS d"""
    return paged(con, select, "", [codes, codes], "n_events + n_stances DESC, dyad", limit, offset)


def cooperation_index(con: duckdb.DuckDBPyConnection, dyad: str) -> list[dict[str, Any]]:
    """Per month: asserted events of the dyad, mean Goldstein value, cooperative and conflictual
    counts and the index (cooperation - conflict) / events in [-1, 1]."""
    cur = con.execute(
        f"""SELECT {EVENT_MONTH} AS month, count(*) AS n_events,
                round(avg(e.goldstein), 3) AS goldstein,
                count(*) FILTER (WHERE e.quad_class LIKE '%cooperation') AS cooperation,
                count(*) FILTER (WHERE e.quad_class LIKE '%conflict') AS conflict
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {EVENT_DYAD_IS} AND e.modality = 'asserted' AND month IS NOT NULL
            GROUP BY month ORDER BY month""",
        event_dyad_params(dyad),
    )
    names = [d[0] for d in cur.description or []]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for row in rows:
        row["index"] = round((row["cooperation"] - row["conflict"]) / row["n_events"], 3)
    return rows


def stance_label(score: float) -> str:
    """cooperation / contention / mixed for a mean stance score."""
    if score > MIXED_BAND:
        return "cooperation"
    if score < -MIXED_BAND:
        return "contention"
    return "mixed"


def stances_by_month(
    con: duckdb.DuckDBPyConnection, dyad: str, issue: str | None = None
) -> list[dict[str, Any]]:
    """Issue × month cells of the dyad: stance records, mean score, label and the strongest record
    (``article_id``, ``idx``) so that a cell can open the words behind it."""
    sql = """SELECT s.issue, left(a.published, 7) AS month, count(*) AS n, round(avg(s.score), 3) AS score,
            count(*) FILTER (WHERE s.stance = 'cooperation') AS cooperation,
            count(*) FILTER (WHERE s.stance = 'contention') AS contention,
            count(*) FILTER (WHERE s.stance = 'mixed') AS mixed,
            arg_max(s.article_id, abs(s.score)) AS article_id,
            arg_max(s.idx, abs(s.score)) AS idx
        FROM issue_stances s JOIN articles a ON a.id = s.article_id
        WHERE s.dyad = ? AND a.published IS NOT NULL AND length(a.published) >= 7"""
    params: list[Any] = [dyad]
    if issue:
        sql += " AND s.issue = ?"
        params.append(issue)
    cur = con.execute(sql + " GROUP BY ALL ORDER BY s.issue, month", params)
    names = [d[0] for d in cur.description or []]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for row in rows:
        row["stance"] = stance_label(row["score"] or 0.0)
    return rows


def dyad_issues(con: duckdb.DuckDBPyConnection, dyad: str) -> list[dict[str, Any]]:
    """Issues of the dyad with record counts and mean score, most-discussed first."""
    rows = con.execute(
        """SELECT issue, count(*), round(avg(score), 3), count(DISTINCT article_id) FROM issue_stances
           WHERE dyad = ? GROUP BY issue ORDER BY 2 DESC, issue""",
        [dyad],
    ).fetchall()
    return [
        {"issue": i, "n": int(n), "score": s, "stance": stance_label(s or 0.0), "n_articles": int(na)}
        for i, n, s, na in rows
    ]


def dyad_summary(con: duckdb.DuckDBPyConnection, dyad: str) -> dict[str, Any]:
    """Everything the dyad overview charts need: index by month, issue stances by month, issues."""
    return {
        "dyad": dyad,
        "index_by_month": cooperation_index(con, dyad),
        "stances_by_month": stances_by_month(con, dyad),
        "issues": dyad_issues(con, dyad),
    }


FIRST_EVIDENCE = Excerpt("excerpt", lambda item: tuple(item["evidence"][0]) if item["evidence"] else None)


def issue_stance_records(
    con: duckdb.DuckDBPyConnection, dyad: str, issue: str, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> Page:
    """The stance records of one issue of a dyad, newest article first, with their first evidence."""
    select = """SELECT s.article_id, s.idx, s.stance, s.score, s.voices, a.title, a.published,
        CAST(s.record->'evidence' AS INTEGER[][]) AS evidence, NULL AS excerpt
        FROM issue_stances s JOIN articles a ON a.id = s.article_id"""
    return paged(
        con, select, "WHERE s.dyad = ? AND s.issue = ?", [dyad, issue],
        "a.published DESC NULLS LAST, s.article_id, s.idx", limit, offset, excerpts=[FIRST_EVIDENCE],
    )  # fmt: skip


def issue_quotes(
    con: duckdb.DuckDBPyConnection, dyad: str, issue: str, limit: int = DEFAULT_LIMIT
) -> dict[str, list[dict[str, Any]]]:
    """Quotes for (cooperation), against (contention) and mixed on one issue of a dyad: quotes of
    the voices that carry an article's stance, or quotes tagged with the issue."""
    cur = con.execute(
        f"""SELECT s.stance AS side, q.article_id, q.idx, q.speaker, q.speaker_name, q.text, q.cue,
                  a.title, a.published, {QUOTE_FOUND_BY}
           FROM issue_stances s JOIN quotes q ON q.article_id = s.article_id
           JOIN articles a ON a.id = s.article_id
           WHERE s.dyad = ? AND s.issue = ?
             AND (list_contains(s.voices, q.speaker) OR list_contains(q.issues, s.issue))
           QUALIFY row_number() OVER (PARTITION BY s.stance ORDER BY a.published DESC NULLS LAST,
                                      q.article_id, q.idx) <= ?
           ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx""",
        [dyad, issue, limit],
    )
    names = [d[0] for d in cur.description or []]
    out: dict[str, list[dict[str, Any]]] = {"cooperation": [], "contention": [], "mixed": []}
    for row in cur.fetchall():
        item = dict(zip(names, row, strict=True))
        out.setdefault(str(item.pop("side")), []).append(item)
    return out
