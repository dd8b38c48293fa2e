"""A learned attribution tagger: the statements the cue rules do not reach.

The rules in ``quotes`` read reporting verbs from ``cues.yaml``; PolNeAR annotates attribution far
more widely ("He seemed to take hope from ...", "Germans have been outraged by reports of ...",
"Sanders released a statement in opposition to the Puerto Rico deal"), a long tail of cues that
no list covers. PolNeAR gives each token at most one role in one attribution, so an annotation is
a tag sequence; a linear-chain CRF (CRFsuite, through ``python-crfsuite``) learns it from the
parse. Each token is tagged ``B-``/``I-`` ``CON`` (content), ``SRC`` (source) or ``CUE``, or ``O``.

The shipped model (``models/quote_tagger.crfsuite``, provenance in ``quote_tagger.json``) was
trained on PolNeAR's train split with ``dyadwatch train quotes``; ``DYADWATCH_QUOTE_TAGGER`` names
another model file, or ``off`` turns the tagger off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from dyadwatch.extract.crf_models import load_model
from dyadwatch.extract.crf_models import model_info as shipped_info
from dyadwatch.extract.quote_cues import CueLexicon, fixed_lemma
from dyadwatch.extract.quote_marks import Quotation
from dyadwatch.model import Span

ENV_VAR = "DYADWATCH_QUOTE_TAGGER"
MODEL_NAME = "quote_tagger.crfsuite"
KINDS = ("CON", "SRC", "CUE")
# How far up the parse a token looks for the verb that governs it.
_ANCESTOR_HOPS = 8


def token_features(
    doc: Doc, quotations: list[Quotation], lex: CueLexicon, sentences: list[tuple[int, int]] | None = None
) -> list[list[list[str]]]:
    """Per sentence (token ranges, default all), one list of binary feature names per token.

    Words, lemmas, tags and dependencies of the token, its head and its neighbours within the
    sentence; whether the token, its head or the verb above it is a known cue; whether it lies
    inside quotation marks.

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> from dyadwatch.extract.quote_cues import load_cues
    >>> doc = load_nlp()("He seemed tired.")
    >>> "l=seem" in token_features(doc, [], load_cues())[0][1]
    True
    """
    bounds = sentences if sentences is not None else sentence_bounds(doc)
    columns = _Columns(doc, quotations, lex, bounds)
    return [columns.sentence(start, end) for start, end in bounds]


class _Columns:
    """The token attributes the features read, as plain lists for the tokens of ``bounds``.

    Reading them once per token (and heads by index) is what keeps the tagger cheap: spaCy makes
    a new ``Token`` object on every access, and the features look at each token several times.
    """

    def __init__(self, doc: Doc, quotations: list[Quotation], lex: CueLexicon, bounds: list[tuple[int, int]]):
        n = len(doc)
        self.words = [""] * n
        self.lemmas = [""] * n
        self.pos = [""] * n
        self.tags = [""] * n
        self.deps = [""] * n
        self.ents = [""] * n
        self.heads = [0] * n
        self.title = [False] * n
        self.quoted = [False] * n
        self.known = [False] * n
        # Quotations as disjoint sorted intervals, walked alongside the tokens (which come in order).
        spans = _union([(q.start, q.end) for q in quotations])
        k = 0
        for start, end in bounds:
            for t in doc[start:end]:
                i = t.i
                self.words[i] = t.lower_
                self.lemmas[i] = fixed_lemma(t.lemma_, t.lower_)
                self.pos[i] = t.pos_
                self.tags[i] = t.tag_
                self.deps[i] = t.dep_
                self.ents[i] = t.ent_type_
                self.heads[i] = t.head.i
                self.title[i] = t.is_title
                while k < len(spans) and spans[k][1] <= t.idx:
                    k += 1
                self.quoted[i] = k < len(spans) and spans[k][0] <= t.idx
                self.known[i] = lex.is_cue_verb(self.lemmas[i])

    def sentence(self, start: int, end: int) -> list[list[str]]:
        words, lemmas, pos, deps, heads = self.words, self.lemmas, self.pos, self.deps, self.heads
        out: list[list[str]] = []
        for i in range(start, end):
            h = heads[i]
            f = [
                "bias",
                "w=" + words[i],
                "l=" + lemmas[i],
                "p=" + pos[i],
                "t=" + self.tags[i],
                "d=" + deps[i],
                "e=" + self.ents[i],
                "hl=" + lemmas[h],
                "hp=" + pos[h],
                "hd=" + deps[h] + "/" + deps[i],
                "left" if h > i else "right",
            ]
            if self.quoted[i]:
                f.append("quoted")
            if self.known[i]:
                f.append("cue")
            if self.known[h]:
                f.append("hcue")
            if self.title[i]:
                f.append("title")
            f.extend(self._governing_verb(i))
            for k in (-2, -1, 1, 2):
                j = i + k
                if start <= j < end:
                    f.append(f"{k}w={words[j]}")
                    f.append(f"{k}p={pos[j]}")
            out.append(f)
        return out

    def _governing_verb(self, i: int) -> list[str]:
        """The nearest verb above token ``i`` in the parse, and whether it is a known cue."""
        node = i
        for _ in range(_ANCESTOR_HOPS):
            head = self.heads[node]
            if head == node:
                return []
            node = head
            if self.pos[node] in ("VERB", "AUX"):
                return ["anc=" + self.lemmas[node]] + (["anccue"] if self.known[node] else [])
        return []


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences, the tagger's sequences."""
    return [(s.start, s.end) for s in doc.sents]


@dataclass(frozen=True)
class TaggedAttribution:
    """A content the tagger found, with its source and cue when it tagged them (token ranges)."""

    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    confidence: float


def _runs(tags: list[str], kind: str) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` tagged ``kind`` (an ``I-`` after anything else starts one)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, tag in enumerate(tags):
        inside = tag == "I-" + kind and start is not None
        if start is not None and not inside:
            runs.append((start, i))
            start = None
        if tag in ("B-" + kind, "I-" + kind) and start is None:
            start = i
    if start is not None:
        runs.append((start, len(tags)))
    return runs


def _nearest(runs: list[tuple[int, int]], to: tuple[int, int]) -> tuple[int, int] | None:
    return min(runs, key=lambda r: min(abs(r[0] - to[1]), abs(to[0] - r[1])), default=None)


def tag_sentence(
    tagger: pycrfsuite.Tagger, features: list[list[str]], offset: int, min_tokens: int = 2
) -> list[TaggedAttribution]:
    """Attributions in one sentence: each content run with the nearest source and cue runs.

    ``features`` are the sentence's tokens' features, ``offset`` its first token's index in the
    doc. The confidence is the mean marginal probability of the content run's tags.
    """
    tags = tagger.tag(features)
    sources = _runs(tags, "SRC")
    cues = _runs(tags, "CUE")
    out = []
    for run in _runs(tags, "CON"):
        if run[1] - run[0] < min_tokens:
            continue
        confidence = sum(tagger.marginal(tags[i], i) for i in range(*run)) / (run[1] - run[0])
        src = _nearest(sources, run)
        cue = _nearest(cues, run)
        out.append(
            TaggedAttribution(
                (run[0] + offset, run[1] + offset),
                (src[0] + offset, src[1] + offset) if src else None,
                (cue[0] + offset, cue[1] + offset) if cue else None,
                confidence,
            )
        )
    return out


def char_span(doc: Doc, tokens: tuple[int, int]) -> Span:
    """Character offsets of a token range."""
    last = doc[tokens[1] - 1]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def load_tagger() -> pycrfsuite.Tagger | None:
    """The tagger named by ``DYADWATCH_QUOTE_TAGGER`` (``off``: none), else the shipped one."""
    return load_model(ENV_VAR, MODEL_NAME, "dyadwatch train quotes")


def model_info() -> dict[str, Any]:
    """The shipped model's provenance (training data, settings, figures)."""
    return shipped_info(MODEL_NAME)
