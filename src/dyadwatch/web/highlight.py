"""The article page's marked-up text: the text cut at every record span into segments.

Each segment knows which records cover it (``data-recs="quote-0 actor-3"``), so a click on a
record marks all its segments and a click on a segment lists its records. The text itself is
never turned into HTML here: templates escape every segment.

>>> record = {"article": {"text": "Biden met Xi."}, "actors": [{"mentions": [[0, 5], [10, 12]]}],
...           "quotes": [], "events": [], "issues": [], "forecasts": []}
>>> [(s["text"], s["tokens"]) for s in segments(record)]
[('Biden', 'actor-0'), (' met ', ''), ('Xi', 'actor-0'), ('.', '')]
"""

from __future__ import annotations

from typing import Any

KINDS = ("actor", "quote", "event", "issue", "forecast")


def _spans(kind: str, rec: dict[str, Any]) -> list[tuple[int, int]]:
    """The character spans of one record, by kind."""
    if kind == "actor":
        raw = rec.get("mentions") or []
    elif kind == "quote":
        raw = rec.get("parts") or [rec.get("span")]
    elif kind == "event":
        raw = [rec.get("trigger")]
    elif kind == "issue":
        raw = rec.get("evidence") or []
    else:
        raw = [rec.get("span")]
    out = []
    for span in raw:
        ok = isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(v, int) for v in span)
        if ok and 0 <= span[0] < span[1]:
            out.append((int(span[0]), int(span[1])))
    return out


def record_spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, token) for every span of every record of an article record."""
    out = []
    for kind in KINDS:
        for i, rec in enumerate(record.get(kind + "s") or []):
            for start, end in _spans(kind, rec):
                out.append((start, end, f"{kind}-{i}"))
    return out


def segments(record: dict[str, Any]) -> list[dict[str, str]]:
    """The article text as consecutive segments with the record tokens that cover each."""
    text: str = record["article"]["text"]
    spans = [(max(0, s), min(len(text), e), t) for s, e, t in record_spans(record) if s < len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[tuple[int, str]]] = {}
    for start, end, token in spans:
        starts.setdefault(start, []).append((end, token))
    active: list[tuple[int, str]] = []
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [(e, t) for e, t in active if e > left] + starts.get(left, [])
        tokens = sorted({t for _, t in active}, key=_token_order)
        kinds = sorted({t.split("-")[0] for t in tokens}, key=KINDS.index)
        out.append({"text": text[left:right], "tokens": " ".join(tokens), "kinds": " ".join(kinds)})
    return out


def _token_order(token: str) -> tuple[int, int]:
    kind, _, index = token.partition("-")
    return (KINDS.index(kind), int(index))


def _excerpt(text: str, span: tuple[int, int] | None, width: int = 160) -> str:
    if span is None:
        return ""
    words = text[span[0] : span[1]]
    return words if len(words) <= width else words[: width - 1] + "…"


def record_lists(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Side-panel entries per kind: token, a label and an excerpt of the words behind it."""
    text: str = record["article"]["text"]
    names = {a["id"]: a.get("name") or a["id"] for a in record.get("actors") or []}
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for i, a in enumerate(record.get("actors") or []):
        where = ", ".join(str(v) for v in (a.get("role"), a.get("affiliation"), a.get("country")) if v)
        label = f"{a.get('name')} ({a.get('kind')}{'; ' + where if where else ''})"
        out["actor"].append({"token": f"actor-{i}", "label": label, "excerpt": "", "id": a["id"],
                             "n": len(a.get("mentions") or [])})  # fmt: skip
    for i, q in enumerate(record.get("quotes") or []):
        label = f"{q.get('speaker_name') or 'unattributed'} {q.get('cue') or ''}".strip()
        out["quote"].append({"token": f"quote-{i}", "label": label, "excerpt": q.get("text") or "",
                             "id": q.get("speaker")})  # fmt: skip
    for i, e in enumerate(record.get("events") or []):
        source = names.get(e.get("source"), e.get("source"))
        target = names.get(e.get("target"), e.get("target")) or "—"
        label = f"{source} {e.get('type')} {target} · {e.get('modality')} · {e.get('date') or 'undated'}"
        spans = _spans("event", e)
        out["event"].append({"token": f"event-{i}", "label": label,
                             "excerpt": _excerpt(text, tuple(e["sentence_span"]) if e.get("sentence_span")
                                                 else spans[0] if spans else None)})  # fmt: skip
    for i, s in enumerate(record.get("issues") or []):
        spans = _spans("issue", s)
        label = f"{s.get('issue')} · {s.get('dyad')} · {s.get('stance')} ({s.get('score')})"
        out["issue"].append({"token": f"issue-{i}", "label": label,
                             "excerpt": _excerpt(text, spans[0] if spans else None)})  # fmt: skip
    for i, f in enumerate(record.get("forecasts") or []):
        label = f"{f.get('status')} · horizon {f.get('horizon') or '?'} · {f.get('polarity')}, {f.get('likelihood')}"
        out["forecast"].append({"token": f"forecast-{i}", "label": label, "excerpt": f.get("text") or ""})
    return out
