"""Link reports of the same real-world event across articles into event clusters.

The November 2022 Xi-Biden meeting in Bali is reported the day it happens ("met ... on Monday",
2022-11-14) and recalled months later ("Biden met Xi in Bali in November", 2022-11). Both reports
are stored as events; the cooperation-conflict index should count the meeting once. This step
runs over the store (after each ingest, or ``dyadwatch link``) and writes one row per event to
``event_clusters(article_id, idx, cluster_id)``; the index view counts clusters, not rows.

Two events are linked when all of these hold:

- same PLOVER type, and the same unordered pair of two different countries (source/target, either
  order); events without a foreign target ("Beijing pledged ...") are never linked;
- the same modality class: asserted with asserted, planned with planned (an announced visit is a
  statement of intent, not the visit; negated and hypothetical events are never linked);
- compatible dates, by precision: a day is the day itself, a month is the whole month, an
  inferred date (no date words; the article's own date) is the few days up to publication; two
  dates link when these intervals lie within ``window_days`` of each other. A date only as
  precise as a year (or missing) links nothing: "last year" is too vague to call it one event;
- compatible places (either unknown, the same name, one inside the other: "Bali" and "Bali,
  Indonesia", or the same country) and compatible people (when both reports name a person on the
  same country's side, it is the same person);
- different articles: one article's two mentions of a type are left apart, so that a cluster
  holds at most one report per article.

Clustering is greedy in date order within each (type, dyad) bucket, hence deterministic; the
cluster id is ``<article_id>:<idx>`` of its first report.

>>> _interval("2022-11", "month", False)
(datetime.date(2022, 11, 1), datetime.date(2022, 11, 30))
>>> _close(_interval("2022-11", "month", False), _interval("2022-11-14", "day", False), 3)
True
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 31
_LINKABLE = {"asserted": "asserted", "planned": "planned"}


@dataclass
class _Report:
    article_id: str
    idx: int
    type: str
    countries: tuple[str, ...]
    modality: str
    span: tuple[date, date] | None
    place: str | None
    people: dict[str, str]  # country -> person actor id on that side


@dataclass
class _Cluster:
    cluster_id: str
    members: list[_Report] = field(default_factory=list)


def _interval(value: str | None, precision: str | None, inferred: bool) -> tuple[date, date] | None:
    """The days an event date may mean; None when it is missing or vaguer than a month."""
    if not value:
        return None
    try:
        if precision == "day" or (precision is None and len(value) >= 10):
            day = date.fromisoformat(value[:10])
            return (day - timedelta(days=WINDOW_DAYS), day) if inferred else (day, day)
        if precision == "month" or (precision is None and len(value) == 7):
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
    except ValueError:
        return None
    return None


def _close(a: tuple[date, date] | None, b: tuple[date, date] | None, window: int) -> bool:
    """Whether two date intervals overlap or lie within ``window`` days of each other."""
    if a is None or b is None:
        return False
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= window


def _place_key(place: str | None) -> str | None:
    if not place or not place.strip():
        return None
    return " ".join(place.lower().replace("\n", " ").split())


def _places_match(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    head_a, head_b = a.split(",")[0].strip(), b.split(",")[0].strip()
    if a == b or head_a == head_b or head_a in b or head_b in a:
        return True
    from dyadwatch.analysis.dyads import country_code

    code_a, code_b = country_code(head_a), country_code(head_b)
    return code_a is not None and code_a == code_b


def _people_match(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(b.get(country, person) == person for country, person in a.items())


def _compatible(report: _Report, cluster: _Cluster, window: int) -> bool:
    if any(m.article_id == report.article_id for m in cluster.members):
        return False
    return all(
        _close(report.span, m.span, window)
        and _places_match(report.place, m.place)
        and _people_match(report.people, m.people)
        for m in cluster.members
    )


def _load(con: duckdb.DuckDBPyConnection) -> list[_Report]:
    rows = con.execute("""
        SELECT e.article_id, e.idx, e.type, e.source_country, e.target_country, e.modality, e.date,
               e.date_precision, coalesce(TRY_CAST(e.record->>'date_inferred' AS BOOLEAN), FALSE),
               e.location, e.source, e.target
        FROM events e ORDER BY e.article_id, e.idx""").fetchall()
    reports = []
    for aid, idx, typ, src_c, tgt_c, modality, value, precision, inferred, place, src, tgt in rows:
        countries = tuple(sorted({c for c in (src_c, tgt_c) if c}))
        people = {
            country: actor
            for country, actor in ((src_c, src), (tgt_c, tgt))
            if country and actor and actor.startswith("person:")
        }
        reports.append(
            _Report(aid, idx, typ or "", countries, modality or "", _interval(value, precision, inferred),
                    _place_key(place), people)
        )  # fmt: skip
    return reports


def cluster_events(reports: list[_Report], window: int = WINDOW_DAYS) -> dict[tuple[str, int], str]:
    """Cluster id per (article_id, idx); reports that link to nothing get their own cluster."""
    buckets: dict[tuple[str, tuple[str, ...], str], list[_Report]] = defaultdict(list)
    assigned: dict[tuple[str, int], str] = {}
    for r in reports:
        linkable = (
            r.modality in _LINKABLE
            and len(r.countries) == 2  # a dyad: two different countries
            and r.span is not None
            and (r.span[1] - r.span[0]).days <= MAX_SPAN_DAYS
        )
        if linkable:
            buckets[(r.type, r.countries, _LINKABLE[r.modality])].append(r)
        else:
            assigned[(r.article_id, r.idx)] = f"{r.article_id}:{r.idx}"
    for members in buckets.values():
        clusters: list[_Cluster] = []
        # Most precise first, then earliest: a day-dated report founds the cluster a month joins.
        for r in sorted(members, key=lambda m: (m.span[1] - m.span[0], m.span[0], m.article_id, m.idx)):  # type: ignore[index]
            home = next((c for c in clusters if _compatible(r, c, window)), None)
            if home is None:
                home = _Cluster(f"{r.article_id}:{r.idx}")
                clusters.append(home)
            home.members.append(r)
            assigned[(r.article_id, r.idx)] = home.cluster_id
    return assigned


def link_events(con: duckdb.DuckDBPyConnection, window: int = WINDOW_DAYS) -> dict[str, int]:
    """Recompute ``event_clusters`` for every stored event in one transaction.

    Returns counts: ``events``, ``clusters`` and ``linked`` (events that share a cluster).
    """
    assigned = cluster_events(_load(con), window)
    rows = [(aid, idx, cid) for (aid, idx), cid in sorted(assigned.items())]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_clusters")
        if rows:
            import pyarrow as pa

            table = pa.table(
                {"a": [r[0] for r in rows], "i": [r[1] for r in rows], "c": [r[2] for r in rows]}
            )
            con.register("_event_clusters_new", table)
            con.execute("INSERT INTO event_clusters SELECT a, i, c FROM _event_clusters_new")
            con.unregister("_event_clusters_new")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    sizes: dict[str, int] = defaultdict(int)
    for cid in assigned.values():
        sizes[cid] += 1
    return {
        "events": len(assigned),
        "clusters": len(sizes),
        "linked": sum(n for n in sizes.values() if n > 1),
    }
