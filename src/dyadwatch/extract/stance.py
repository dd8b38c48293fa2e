"""Stance of a dyad on an issue from evaluative language, events and who says it.

Evidence comes in two kinds. *Cues* are evaluative words from ``stance_cues.yaml`` ("a key area
of contention", "openings", "significant obstacles"), tied through the dependency parse to the
issue they are about (``syntax.nearest``), flipped under negation and weakened in concessive
clauses; a cue governed by another cue is the other's business ("significant obstacles to
potential breakthroughs" is one contention cue). *Events* of the events stage count by quad
class, less than a cue: they say what happened, an analyst's verdict says where things stand.

Per (dyad, issue): P and N sum the cooperative and the contentious weight (each capped per
sentence so that one wordy sentence cannot outvote a paragraph); ``score = (P - N) / (P + N + 1)``
and the stance is ``mixed`` when both sides weigh in and neither outweighs the other by
``MIXED_BALANCE``.

>>> aggregate([Evidence("climate", "CHN-USA", 3.0, (0, 10), "person:a"),
...            Evidence("climate", "CHN-USA", -1.0, (11, 20), None)])[0].stance
'cooperation'
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Span

from dyadwatch.extract.issue_tagging import IssueTag, SentenceTags
from dyadwatch.extract.lexicon import PhraseIndex, longest_first
from dyadwatch.extract.syntax import about_argument, concessive, in_subtree, nearest, negated
from dyadwatch.model import IssueStance
from dyadwatch.ontology.wordlists import load_word_yaml

CUES_ENV = "DYADWATCH_STANCE_CUES"
MIXED_BALANCE = 0.25
SENTENCE_CAP = 3.0
EVENT_WEIGHT = 0.5
SIGNAL_UNDER_VERDICT = 0.5
MODALITY_FACTOR = {"asserted": 1.0, "planned": 0.6, "hypothetical": 0.4, "negated": 0.0}


@dataclass(frozen=True)
class StanceCues:
    index: PhraseIndex[tuple[int, float]]
    concessive_factor: float
    verdict_weight: float


@dataclass(frozen=True)
class CueHit:
    """An evaluative cue in a sentence: +1 cooperation, -1 contention, with its weight."""

    span: Span
    polarity: int
    weight: float
    verdict: bool = False


@dataclass(frozen=True)
class Evidence:
    """Signed weight (> 0 cooperation) for an issue of a dyad, from the words at ``span``."""

    issue: str
    dyad: str
    value: float
    span: tuple[int, int]
    voice: str | None
    verdict: bool = False


def _entries(data: dict[str, object], weights: dict[str, float]) -> list[tuple[str, tuple[int, float]]]:
    out = []
    for side, polarity in (("cooperation", 1), ("contention", -1)):
        groups = data.get(side) or {}
        if not isinstance(groups, dict):
            continue
        for level, phrases in groups.items():
            for phrase in phrases or []:
                out.append((str(phrase).lower(), (polarity, float(weights.get(level, 1.0)))))
    return out


@cache
def load_stance_cues(extra: str | None = None) -> StanceCues:
    """Bundled cues plus those of ``extra`` (or ``$DYADWATCH_STANCE_CUES``), once per process.

    >>> len(load_stance_cues().index) > 100
    True
    """
    path = resources.files("dyadwatch.ontology") / "data" / "stance_cues.yaml"
    data = load_word_yaml(path.read_text(encoding="utf-8"))
    weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
    entries = _entries(data, weights)
    extra_path = extra or os.environ.get(CUES_ENV)
    if extra_path:
        entries += _entries(load_word_yaml(Path(extra_path).read_text(encoding="utf-8")) or {}, weights)
    return StanceCues(
        PhraseIndex(entries), float(data.get("concessive_factor", 0.3)), weights.get("verdict", 3.0)
    )


def find_cues(sent: Span, cues: StanceCues | None = None, topics: list[Span] | None = None) -> list[CueHit]:
    """The stance cues of a sentence after dominance, negation and concession.

    A cue governed by another cue merges into it: the outer one keeps the larger weight of
    those on its side ("concerns about Beijing's coercive and unfair trade practices" is one
    contention cue of signal weight). A non-verdict cue that is itself a name of the topic
    (``topics``: "sanctions", "export restrictions", "deterrence") describes, not evaluates.
    """
    cues = cues or load_stance_cues()
    doc = sent.doc
    spans = [(doc[m.start : m.end], m.key) for m in longest_first(cues.index.find(sent))]
    spans = [
        (span, key)
        for span, key in spans
        if key[1] >= cues.verdict_weight or not _topical(span, topics or [])
    ]
    hits = []
    for span, (polarity, weight) in spans:
        root = span.root
        outer = [o for o, _ in spans if o is not span and o.root.i != root.i and in_subtree(root, o.root)]
        if outer:
            continue
        inner = [k for o, k in spans if o is not span and o.root.i != root.i and in_subtree(o.root, root)]
        weight = max([weight] + [w for p, w in inner if p == polarity])
        verdict = weight >= cues.verdict_weight
        if negated(root):
            polarity = -polarity
        if concessive(root):
            weight *= cues.concessive_factor
        hits.append(CueHit(span, polarity, weight, verdict))
    return hits


def _topical(span: Span, topics: list[Span]) -> bool:
    """Whether a cue names the topic itself: inside a topic phrase or in apposition to one
    ("Russia's war in Ukraine, a conflict that ...")."""
    root = span.root
    for topic in topics:
        if topic.start <= span.start and span.end <= topic.end:
            return True
        if root.dep_ in {"appos", "conj"} and topic.start <= root.head.i < topic.end:
            return True
    return False


def attach(
    anchor: Span, stags: SentenceTags, generic: set[str] | frozenset[str] = frozenset()
) -> list[IssueTag]:
    """The tags of a sentence an anchor (cue or event trigger) is about.

    What the anchor's "about" argument names wins; otherwise specific issues before generic ones.
    """
    if stags.carried:
        return list(stags.tags)
    doc = anchor.doc
    about = {t.i for t in about_argument(anchor)}
    named = [t for t in stags.tags if any(i in about for i in range(*t.tokens))]
    if named:
        return named
    pool = [t for t in stags.tags if t.issue not in generic] or list(stags.tags)
    weak = {t.i for t in about_argument(anchor, weak=True)}
    named = [t for t in pool if t.issue not in generic and any(i in weak for i in range(*t.tokens))]
    if named:
        return named
    return [pool[i] for i in nearest(anchor, [doc[t.tokens[0] : t.tokens[1]] for t in pool])]


def cue_evidence(
    hit: CueHit,
    stags: SentenceTags,
    dyads_of: dict[str, list[str]],
    voice: str | None,
    generic: set[str] | frozenset[str] = frozenset(),
) -> list[Evidence]:
    """Evidence of one cue for every issue it is about and every dyad of that issue."""
    tags = attach(hit.span, stags, generic)
    by_issue: dict[str, float] = {}
    for tag in tags:
        by_issue[tag.issue] = max(by_issue.get(tag.issue, 0.0), min(1.0, tag.weight))
    if not by_issue:
        return []
    # A verdict on a list of issues says less about each of them than a verdict on one.
    spread = math.sqrt(len(by_issue))
    out = []
    for issue, tag_weight in by_issue.items():
        value = hit.polarity * hit.weight * tag_weight / spread
        for dyad in dyads_of.get(issue, []):
            out.append(Evidence(issue, dyad, value, stags.span, voice, hit.verdict))
    return out


def event_value(quad_class: str, modality: str, goldstein: float) -> float:
    """Signed evidence weight of an event by quad class, Goldstein intensity and modality.

    A meeting (Goldstein 1) says little about where an issue stands, a sanction (-8) much more.

    >>> event_value("material_conflict", "asserted", -8.0), event_value("verbal_cooperation", "planned", 1.0)
    (-0.5, 0.06)
    """
    sign = 1.0 if quad_class.endswith("cooperation") else -1.0 if quad_class.endswith("conflict") else 0.0
    intensity = min(1.0, abs(goldstein) / 5.0)
    return round(sign * EVENT_WEIGHT * intensity * MODALITY_FACTOR.get(modality, 0.5), 3)


def aggregate(evidence: list[Evidence]) -> list[IssueStance]:
    """One ``IssueStance`` per (dyad, issue) with any evidence, strongest evidence first."""
    sides: dict[tuple[str, str], dict[tuple[tuple[int, int], int], float]] = defaultdict(dict)
    judged = {(ev.dyad, ev.issue) for ev in evidence if ev.verdict and ev.value}
    for ev in evidence:
        if ev.value == 0:
            continue
        cell = sides[(ev.dyad, ev.issue)]
        key = (ev.span, 1 if ev.value > 0 else -1)
        # Where an analyst gives a verdict on the issue, descriptive words and events count half.
        weight = abs(ev.value) * (
            1.0 if ev.verdict or (ev.dyad, ev.issue) not in judged else SIGNAL_UNDER_VERDICT
        )
        cell[key] = min(SENTENCE_CAP, cell.get(key, 0.0) + weight)
    out = []
    for (dyad, issue), cell in sides.items():
        pos = sum(w for (_, sign), w in cell.items() if sign > 0)
        neg = sum(w for (_, sign), w in cell.items() if sign < 0)
        score = round((pos - neg) / (pos + neg + 1.0), 3)
        if pos > 0 and neg > 0 and abs(pos - neg) / (pos + neg) < MIXED_BALANCE:
            stance = "mixed"
        else:
            stance = "cooperation" if pos > neg else "contention"
        ranked = sorted(cell.items(), key=lambda kv: (-kv[1], kv[0][0]))
        spans: list[tuple[int, int]] = []
        for (span, _), _w in ranked:
            if span not in spans:
                spans.append(span)
        sign = 0 if stance == "mixed" else (1 if stance == "cooperation" else -1)
        voices: list[str] = []
        for ev in sorted(evidence, key=lambda e: -abs(e.value)):
            agrees = sign == 0 or (ev.value > 0) == (sign > 0)
            if ev.dyad == dyad and ev.issue == issue and ev.voice and ev.voice not in voices and agrees:
                voices.append(ev.voice)
        out.append(
            IssueStance(issue=issue, dyad=dyad, stance=stance, score=score, evidence=spans, voices=voices)
        )
    return sorted(out, key=lambda s: (s.dyad, s.score, s.issue))
