"""GDELT 2.0 event export: one tab-separated row per event, GDELT's 61 columns then ours.

Column names come from ``ontology/data/gdelt2_schemas.tsv``. Fields GDELT computes across its
whole stream (NumMentions, AvgTone, geocoding) have no counterpart in one article and stay empty;
``NumMentions``/``NumSources``/``NumArticles`` are 1. Our own fields (PLOVER type and mode,
modality, date precision and evidence, spans, reporter) follow GDELT's columns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, TextIO

from dyadwatch.ontology.events_data import cameo_lookup, gdelt_event_columns

EXTRA_COLUMNS = [
    "ArticleID",
    "PloverType",
    "PloverMode",
    "Modality",
    "DatePrecision",
    "DateEvidence",
    "DateInferred",
    "Contexts",
    "Issues",
    "Location",
    "Source",
    "Target",
    "ReportedBy",
    "TriggerStart",
    "TriggerEnd",
    "SentenceStart",
    "SentenceEnd",
]
QUAD_NUMBERS = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


def _clean(value: Any) -> str:
    # A tab or newline inside a field would break the row.
    return "" if value is None else " ".join(str(value).split())


def _actor_fields(actor: dict[str, Any] | None, actor_id: str | None, country: str | None) -> dict[str, str]:
    sector = (actor or {}).get("sector") or ""
    code = (country or "") + sector
    return {
        "Code": code,
        "Name": (actor or {}).get("name") or (actor_id or ""),
        "CountryCode": country or "",
        "Type1Code": sector,
    }


def event_rows(record: dict[str, Any]) -> list[dict[str, str]]:
    """GDELT-shaped rows for the events of one exported article (``Analysis.to_dict()``).

    >>> rec = {"article": {"id": "a1", "url": None, "text": "x"}, "actors": [], "events": [{
    ...     "source": "CHN", "target": "USA", "source_country": "CHN", "target_country": "USA",
    ...     "type": "ACCUSE", "plover_mode": None, "cameo": "112", "goldstein": -2.0,
    ...     "quad_class": "verbal_conflict", "modality": "asserted", "date": "2021-03",
    ...     "date_precision": "month", "date_evidence": "early March", "location": None,
    ...     "trigger": [0, 1], "sentence_span": [0, 1], "issues": [], "contexts": []}]}
    >>> row = event_rows(rec)[0]
    >>> row["SQLDATE"], row["EventRootCode"], row["QuadClass"]
    ('20210301', '11', '3')
    """
    article = record["article"]
    actors = {a["id"]: a for a in record.get("actors", [])}
    rows = []
    for i, ev in enumerate(record.get("events", [])):
        date = (ev.get("date") or article.get("published") or "")[:10]
        parts = (date.split("-") + ["01", "01"])[:3] if date else ["", "", ""]
        sqldate = "".join(p.zfill(2) if k else p for k, p in enumerate(parts)) if date else ""
        cameo = ev["cameo"]
        base = cameo_lookup(cameo).code if len(cameo) <= 3 else cameo[:3]
        key = f"{article['id']}:{i}:{ev['trigger'][0]}".encode()
        row: dict[str, str] = {c: "" for c in gdelt_event_columns()}
        row.update(
            {
                "GLOBALEVENTID": str(int(hashlib.sha256(key).hexdigest()[:15], 16)),
                "SQLDATE": sqldate,
                "MonthYear": sqldate[:6],
                "Year": sqldate[:4],
                "FractionDate": f"{int(parts[0]) + (int(parts[1]) - 1) / 12:.4f}" if date else "",
                "IsRootEvent": "1" if i == 0 else "0",
                "EventCode": cameo,
                "EventBaseCode": base,
                "EventRootCode": cameo[:2],
                "QuadClass": str(QUAD_NUMBERS.get(ev["quad_class"], "")),
                "GoldsteinScale": f"{ev['goldstein']:.1f}",
                "NumMentions": "1",
                "NumSources": "1",
                "NumArticles": "1",
                "ActionGeo_Fullname": ev.get("location") or "",
                "SOURCEURL": article.get("url") or article.get("source_path") or "",
            }
        )
        for prefix, actor_id, country in (
            ("Actor1", ev["source"], ev.get("source_country")),
            ("Actor2", ev.get("target"), ev.get("target_country")),
        ):
            for name, value in _actor_fields(actors.get(actor_id or ""), actor_id, country).items():
                row[prefix + name] = value
        row.update(
            {
                "ArticleID": article["id"],
                "PloverType": ev["type"],
                "PloverMode": ev.get("plover_mode") or "",
                "Modality": ev["modality"],
                "DatePrecision": ev.get("date_precision") or "",
                "DateEvidence": ev.get("date_evidence") or "",
                "DateInferred": "1" if ev.get("date_inferred") else "0",
                "Contexts": ";".join(ev.get("contexts", [])),
                "Issues": ";".join(ev.get("issues", [])),
                "Location": ev.get("location") or "",
                "Source": ev["source"],
                "Target": ev.get("target") or "",
                "ReportedBy": ev.get("reported_by") or "",
                "TriggerStart": str(ev["trigger"][0]),
                "TriggerEnd": str(ev["trigger"][1]),
                "SentenceStart": str(ev["sentence_span"][0]),
                "SentenceEnd": str(ev["sentence_span"][1]),
            }
        )
        rows.append(row)
    return rows


def write_gdelt(records: Iterable[dict[str, Any]], out: TextIO, header: bool = True) -> int:
    """Write GDELT 2.0 event rows (tab-separated) for exported articles; return the row count.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_gdelt([], buf)
    0
    >>> buf.getvalue().split("\\t")[:2]
    ['GLOBALEVENTID', 'SQLDATE']
    """
    columns = gdelt_event_columns() + EXTRA_COLUMNS
    if header:
        out.write("\t".join(columns) + "\n")
    count = 0
    for record in records:
        for row in event_rows(record):
            out.write("\t".join(_clean(row.get(c)) for c in columns) + "\n")
            count += 1
    return count
