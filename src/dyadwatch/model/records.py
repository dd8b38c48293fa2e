"""Typed records of the export contract (DESIGN §2).

Every span is ``(start, end)``, a half-open interval of characters in ``Article.text``: the
cleaned main text that is stored. Records are plain dataclasses so that stages can pass them
around, tests can build them by hand and ``to_dict`` gives exactly the exported JSON shape.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def _plain_fields(record: Any) -> dict[str, Any]:
    """The record's fields as a dict, lists copied: what ``dataclasses.asdict`` gives for our flat
    records (fields are scalars, spans and lists of strings or spans), ten times faster.

    ``asdict`` deep-copies every value recursively; the single writer of an ingest spent more
    time there than on its DuckDB inserts. ``to_dict`` methods turn the span tuples into lists.
    """
    return {
        name: list(value) if isinstance(value, list) else value
        for name in type(record).__dataclass_fields__  # the fields, in order
        for value in (getattr(record, name),)
    }


@dataclass
class Article:
    """One stored article: cleaned main text plus metadata.

    >>> Article(id="ab12", text="Hello.").kind
    'news'
    """

    id: str
    text: str
    url: str | None = None
    source_path: str | None = None
    outlet: str | None = None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_precision: str | None = None
    published_inferred: bool = False
    dateline: str | None = None
    language: str = "en"
    kind: str = "news"
    # Text apart from the body: photo captions and bylines kept for provenance. Captions are
    # stored after the body in ``text`` (so that their actors keep offsets) and listed here.
    captions: list[Span] = field(default_factory=list)
    body_end: int = 0
    source_credit: str | None = None
    author_bio: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["captions"] = [list(c) for c in self.captions]
        return d


@dataclass
class Actor:
    """An actor of one article with every mention of it.

    ``id`` is a stable slug: ``"CHN"`` for a country, ``"CHN:GOV"`` for its government (metonyms
    such as "Beijing"), ``"person:antony-blinken"``, ``"org:csis"``.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    # Mentions that occur inside photo captions (subset of ``mentions``).
    caption_mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["mentions"] = [list(m) for m in self.mentions]
        d["caption_mentions"] = [list(m) for m in self.caption_mentions]
        return d


@dataclass
class Quote:
    speaker: str | None
    speaker_name: str | None
    text: str
    span: Span
    cue: str | None
    direct: bool
    issues: list[str] = field(default_factory=list)
    cue_span: Span | None = None
    speaker_span: Span | None = None
    # The quoted pieces when a quote is split by its cue ("“A,” he said. “B.”"): ``span`` runs
    # from the first piece's start to the last one's end, ``text`` joins the pieces.
    parts: list[Span] = field(default_factory=list)
    # "rules" (a cue from cues.yaml and the parse) or "tagger" (the learned attribution tagger,
    # for cues no list covers), with the tagger's confidence (mean tag probability of the content).
    found_by: str = "rules"
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["span"] = list(self.span)
        d["parts"] = [list(p) for p in self.parts]
        d["cue_span"] = list(self.cue_span) if self.cue_span else None
        d["speaker_span"] = list(self.speaker_span) if self.speaker_span else None
        return d


@dataclass
class Event:
    source: str
    target: str | None
    source_country: str | None
    target_country: str | None
    type: str
    plover_mode: str | None
    cameo: str
    goldstein: float
    quad_class: str
    modality: str
    date: str | None
    date_precision: str | None
    date_evidence: str | None
    location: str | None
    trigger: Span
    sentence_span: Span
    issues: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    reported_by: str | None = None
    date_inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["trigger"] = list(self.trigger)
        d["sentence_span"] = list(self.sentence_span)
        return d


@dataclass
class IssueStance:
    issue: str
    dyad: str
    stance: str
    score: float
    evidence: list[Span] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["evidence"] = [list(e) for e in self.evidence]
        return d


@dataclass
class Forecast:
    speaker: str | None
    text: str
    span: Span
    subject: str | None
    dyad: str | None
    horizon: str | None
    polarity: str
    likelihood: str
    status: str
    # Optional extras: the words that made it a forecast ("would likely"), the sentence it is
    # in (the evidence shown to readers) and the words that fixed the horizon ("in two years").
    cue: str | None = None
    sentence_span: Span | None = None
    horizon_precision: str | None = None
    horizon_evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _plain_fields(self)
        d["span"] = list(self.span)
        d["sentence_span"] = list(self.sentence_span) if self.sentence_span else None
        return d


@dataclass
class Analysis:
    """Everything extracted from one article: what stages take and return."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    issues: list[IssueStance] = field(default_factory=list)
    forecasts: list[Forecast] = field(default_factory=list)
    # Set when a stage failed on this article: the article is then rejected with this reason
    # instead of stopping its batch. Not part of the export contract.
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The export-contract object for this article (DESIGN §2)."""
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "issues": [i.to_dict() for i in self.issues],
            "forecasts": [f.to_dict() for f in self.forecasts],
        }

    def __getstate__(self) -> dict[str, Any]:
        # Workers send analyses to the writer: the mention index is a cache, rebuilt on demand.
        state = dict(self.__dict__)
        state.pop("_index", None)
        return state

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping ``[start, end)``, longest mention first.

        Stages ask this for many tokens: an index of mentions sorted by start is built once and
        rebuilt only when the actors or their mentions change.
        """
        index = self._mention_index()
        best: tuple[int, Actor] | None = None
        # mentions are short: only those starting within the longest mention's length can overlap
        lo = bisect.bisect_left(index.starts, start - index.longest)
        hi = bisect.bisect_left(index.starts, end)
        for ms, me, actor in index.entries[lo:hi]:
            if ms < end and start < me:
                length = me - ms
                if best is None or length > best[0]:
                    best = (length, actor)
        return best[1] if best else None

    def _mention_index(self) -> _MentionIndex:
        signature = (id(self.actors), len(self.actors), sum(len(a.mentions) for a in self.actors))
        cached = self.__dict__.get("_index")
        if cached is None or cached.signature != signature:
            entries = sorted(
                ((ms, me, a) for a in self.actors for ms, me in a.mentions), key=lambda e: (e[0], e[1])
            )
            cached = _MentionIndex(
                signature=signature,
                entries=entries,
                starts=[e[0] for e in entries],
                longest=max((e[1] - e[0] for e in entries), default=0),
            )
            self.__dict__["_index"] = cached
        return cached


@dataclass
class _MentionIndex:
    signature: tuple[int, int, int]
    entries: list[tuple[int, int, Actor]]
    starts: list[int]
    longest: int
