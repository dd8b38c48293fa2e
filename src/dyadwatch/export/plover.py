"""PLOVER JSONL export: one JSON object per event in the shape of the PLOVER data standard.

Fields follow the OEDA PLOVER gold-standard records (``id``, ``date``, ``source``/``target``
lists of ``{actorText, code, sector}``, ``event``, ``mode``, ``context``, ``eventText``, ``text``)
plus dyadwatch's own (modality, CAMEO code, Goldstein value, spans, reporter, date precision).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO


def _actor(
    actors: dict[str, dict[str, Any]], actor_id: str | None, country: str | None
) -> list[dict[str, Any]]:
    if not actor_id:
        return []
    actor = actors.get(actor_id, {})
    return [
        {
            "actorText": actor.get("name") or actor_id,
            "code": country,
            "sector": actor.get("sector"),
            "id": actor_id,
        }
    ]


def plover_records(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """PLOVER event objects for one exported article (``Analysis.to_dict()``).

    >>> rec = {"article": {"id": "a1", "text": "Russia invaded Ukraine.", "published": "2022-02-24"},
    ...        "actors": [], "events": [{"source": "RUS", "target": "UKR", "source_country": "RUS",
    ...        "target_country": "UKR", "type": "ASSAULT", "plover_mode": None, "cameo": "192",
    ...        "goldstein": -9.5, "quad_class": "material_conflict", "modality": "asserted",
    ...        "date": "2022-02-24", "date_precision": "day", "date_evidence": None, "location": None,
    ...        "trigger": [7, 14], "sentence_span": [0, 23], "issues": [], "contexts": ["territory"]}]}
    >>> ev = next(plover_records(rec))
    >>> ev["event"], ev["eventText"], ev["source"][0]["code"]
    ('ASSAULT', 'invaded', 'RUS')
    """
    article = record["article"]
    text: str = article.get("text", "")
    actors = {a["id"]: a for a in record.get("actors", [])}
    for i, ev in enumerate(record.get("events", [])):
        ts, te = ev["trigger"]
        ss, se = ev["sentence_span"]
        yield {
            "id": f"{article['id']}-{i:04d}",
            "date": ev.get("date") or article.get("published"),
            "datePrecision": ev.get("date_precision"),
            "dateEvidence": ev.get("date_evidence"),
            "dateInferred": bool(ev.get("date_inferred")),
            "event": ev["type"],
            "mode": ev.get("plover_mode"),
            "context": ev.get("contexts", []),
            "modality": ev["modality"],
            "source": _actor(actors, ev["source"], ev.get("source_country")),
            "target": _actor(actors, ev.get("target"), ev.get("target_country")),
            "eventText": text[ts:te],
            "text": text[ss:se],
            "location": ev.get("location"),
            "cameo": ev["cameo"],
            "goldstein": ev["goldstein"],
            "quadClass": ev["quad_class"],
            "issues": ev.get("issues", []),
            "reportedBy": ev.get("reported_by"),
            "trigger": [ts, te],
            "sentenceSpan": [ss, se],
            "articleId": article["id"],
            "url": article.get("url"),
            "language": article.get("language", "en"),
        }


def write_plover(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one PLOVER JSON object per line for every event; return the count.

    >>> import io
    >>> write_plover([], io.StringIO())
    0
    """
    count = 0
    for record in records:
        for obj in plover_records(record):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count
