"""An ``Analysis`` as table rows: the one mapping shared by the DuckDB store and Parquet shards.

Column order matches the tables created by ``storage/schema.py`` (without defaulted columns such
as ``ingested_at``), so the same rows go into DuckDB and into a shard's Parquet files.
"""

from __future__ import annotations

import json
from typing import Any

from dyadwatch.model import Analysis

COLUMNS: dict[str, list[str]] = {
    "articles": [
        "id", "url", "source_path", "outlet", "title", "authors", "published", "published_precision",
        "published_inferred", "dateline", "language", "kind", "text", "record",
    ],
    "actors": ["article_id", "actor_id", "name", "kind", "country", "sector", "role", "affiliation", "n_mentions", "record"],
    "mentions": ["article_id", "actor_id", "start", "end", "text", "in_caption"],
    "quotes": ["article_id", "idx", "speaker", "speaker_name", "text", "start", "end", "cue", "direct", "issues", "record"],
    "events": [
        "article_id", "idx", "source", "target", "source_country", "target_country", "type", "cameo", "goldstein",
        "quad_class", "modality", "date", "date_precision", "location", "issues", "reported_by", "trigger_start",
        "trigger_end", "record",
    ],
    "issue_stances": ["article_id", "idx", "issue", "dyad", "stance", "score", "voices", "record"],
    "forecasts": [
        "article_id", "idx", "speaker", "text", "start", "end", "subject", "dyad", "horizon", "polarity",
        "likelihood", "status", "record",
    ],
}  # fmt: skip


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def analysis_rows(analysis: Analysis) -> dict[str, list[list[Any]]]:
    """Rows per table for one analysed article (values in ``COLUMNS`` order)."""
    a = analysis.article
    aid = a.id
    rows: dict[str, list[list[Any]]] = {table: [] for table in COLUMNS}
    rows["articles"].append(
        [aid, a.url, a.source_path, a.outlet, a.title, a.authors, a.published, a.published_precision,
         a.published_inferred, a.dateline, a.language, a.kind, a.text, _j(a.to_dict())]
    )  # fmt: skip
    for actor in analysis.actors:
        rows["actors"].append(
            [aid, actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.role, actor.affiliation,
             len(actor.mentions), _j(actor.to_dict())]
        )  # fmt: skip
        for start, end in actor.mentions:
            rows["mentions"].append([aid, actor.id, start, end, a.text[start:end], start >= a.body_end])
    for i, q in enumerate(analysis.quotes):
        rows["quotes"].append(
            [
                aid,
                i,
                q.speaker,
                q.speaker_name,
                q.text,
                q.span[0],
                q.span[1],
                q.cue,
                q.direct,
                q.issues,
                _j(q.to_dict()),
            ]
        )
    for i, e in enumerate(analysis.events):
        rows["events"].append(
            [aid, i, e.source, e.target, e.source_country, e.target_country, e.type, e.cameo, e.goldstein,
             e.quad_class, e.modality, e.date, e.date_precision, e.location, e.issues, e.reported_by,
             e.trigger[0], e.trigger[1], _j(e.to_dict())]
        )  # fmt: skip
    for i, s in enumerate(analysis.issues):
        rows["issue_stances"].append([aid, i, s.issue, s.dyad, s.stance, s.score, s.voices, _j(s.to_dict())])
    for i, f in enumerate(analysis.forecasts):
        rows["forecasts"].append(
            [aid, i, f.speaker, f.text, f.span[0], f.span[1], f.subject, f.dyad, f.horizon, f.polarity,
             f.likelihood, f.status, _j(f.to_dict())]
        )  # fmt: skip
    return rows


def insert_sql(table: str) -> str:
    columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
    marks = ", ".join("?" for _ in COLUMNS[table])
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"
