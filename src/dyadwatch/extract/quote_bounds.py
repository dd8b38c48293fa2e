"""Where a reported statement starts and ends: a learned choice among nearby token boundaries.

The cue rules cut a reported content along the parse ("said [that ...]", "urged [Congress to
...]"). Annotators of attribution follow conventions the parse does not know: whether a trailing
", which ..." or ", but ..." clause still belongs to the statement, whether "to" opens an
infinitive content, whether a participle's object is the content or the noun before it. Each such
convention is a small pattern of words and dependencies at the boundary, so a classifier learns
them from PolNeAR: for each end of a rule-found indirect content it scores every token boundary
within ``WINDOW`` tokens (inside the sentence), and the best one replaces the rules' choice when
it beats it by ``MARGIN``.

The classifier is CRFsuite (``python-crfsuite``, as for the attribution tagger) over one-item
sequences, labelled ``Y`` where the boundary is the annotator's; with no label transitions that
is a maximum-entropy classifier. Direct quotes keep their quotation marks as bounds, the tagger's
contents the tagger's, and a content in pieces the pieces its rule cut. The shipped model (``models/quote_bounds.crfsuite``) was
trained on PolNeAR train with ``dyadwatch train bounds``; ``DYADWATCH_QUOTE_BOUNDS`` names another
model, or ``off`` keeps the rules' bounds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pycrfsuite
from spacy.tokens import Doc, Token

from dyadwatch.extract.crf_models import load_model
from dyadwatch.extract.crf_models import model_info as shipped_info
from dyadwatch.extract.quote_content import is_occasion, trim
from dyadwatch.extract.quote_marks import find_quotations
from dyadwatch.model import Quote, Span
from dyadwatch.nlp.doc_cache import doc_text

ENV_VAR = "DYADWATCH_QUOTE_BOUNDS"
MODEL_NAME = "quote_bounds.crfsuite"
# How many tokens a boundary may move. On PolNeAR train, 93% of the overlap-matched rule contents
# have both of the annotator's bounds within this reach.
WINDOW = 15
# How much more likely a new boundary must be than the rules' own. On PolNeAR train (model fitted on
# the even-numbered texts, rules alone scored on the odd ones, exact F1 0.5818 without the model):
# 0.5869 at 0, 0.5863 at 0.1, 0.5865 at 0.2, 0.5864 at 0.3, differences of a few contents either
# way; 0.2 moves fewer bounds for the same gain.
MARGIN = 0.2
# Words whose presence between the old and the new boundary says what is gained or lost.
_REGION_WORDS = frozenset(
    {",", "which", "who", "that", "but", "and", "according", "to", "-", "--", "—", ":", ";"}
    | {"said", "says", "because", "as", "if", "whether", "when", "while"}
)
# How far up the parse a boundary token looks for the largest phrase it opens or closes.
_EDGE_HOPS = 12


@dataclass(frozen=True)
class Candidates:
    """Token boundaries one content may take: starts (first token inside) and ends (one past the
    last), with the rules' own among them (``start``, ``end``)."""

    starts: list[int]
    start: int
    ends: list[int]
    end: int


def token_range(doc: Doc, span: Span) -> tuple[int, int] | None:
    """The tokens covering characters ``span`` (partly covered tokens included)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (found.start, found.end) if found is not None and len(found) else None


def candidates(doc: Doc, quote: Quote) -> Candidates | None:
    """The boundaries open to ``quote``'s content: within ``WINDOW`` tokens of its own, inside the
    sentences it starts and ends in, the start before the end."""
    tokens = token_range(doc, quote.span)
    if tokens is None:
        return None
    start, end = tokens
    sent_start, sent_end = doc[start].sent.start, doc[end - 1].sent.end
    starts = list(range(max(sent_start, start - WINDOW), min(end - 1, start + WINDOW) + 1))
    ends = list(range(max(start + 1, end - WINDOW), min(sent_end, end + WINDOW) + 1))
    return Candidates(starts, start, ends, end)


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-5" if n <= 5 else "6-9" if n <= 9 else "10+"


def _tokens_of(doc: Doc, span: Span | None) -> set[int]:
    found = token_range(doc, span) if span is not None else None
    return set(range(*found)) if found is not None else set()


def _landmarks(doc: Doc, heads: list[tuple[str, Token]], at_start: bool) -> dict[int, list[str]]:
    """Boundaries where the content's root, the cue or one of their dependents' phrases open
    (``at_start``) or close, and where the phrase beside them does: "root.ccomp", "cue.dobj",
    "after:root.conj" (a start right after the root's conjunct)."""
    marks: dict[int, list[str]] = {}
    for name, head in heads:
        marks.setdefault(head.left_edge.i if at_start else head.right_edge.i + 1, []).append(name)
        for child in head.children:
            tag = f"{name}.{child.dep_}"
            if at_start:
                marks.setdefault(child.left_edge.i, []).append(tag)
                marks.setdefault(child.right_edge.i + 1, []).append("after:" + tag)
            else:
                marks.setdefault(child.right_edge.i + 1, []).append(tag)
                marks.setdefault(child.left_edge.i, []).append("before:" + tag)
    return marks


class _Columns:
    """The token attributes the features read, as plain lists read once per document: spaCy makes
    a new ``Token`` object on every access, and each token near a content is looked at many times."""

    def __init__(self, doc: Doc) -> None:
        self.words = [t.lower_ for t in doc]
        self.tags = [t.tag_ for t in doc]
        self.deps = [t.dep_ for t in doc]
        self.heads = [t.head.i for t in doc]
        self.left_edges = [t.left_edge.i for t in doc]
        self.right_edges = [t.right_edge.i for t in doc]

    def at(self, i: int) -> tuple[str, str]:
        """Word and tag of token ``i``, or ``<none>`` outside the document."""
        return (self.words[i], self.tags[i]) if 0 <= i < len(self.words) else ("<none>", "<none>")

    def phrase_at(self, i: int, left: bool) -> int | None:
        """The highest token whose phrase (subtree) opens (``left``) or closes at token ``i``; None
        when not even the token's own phrase does."""
        edges = self.left_edges if left else self.right_edges
        if edges[i] != i:
            return None
        node = i
        for _ in range(_EDGE_HOPS):
            head = self.heads[node]
            if head == node or edges[head] != i:
                break
            node = head
        return node


def boundary_features(
    doc: Doc, quote: Quote, cands: Candidates, at_start: bool, cols: _Columns | None = None
) -> list[list[str]]:
    """One feature list per candidate start (``at_start``) or end of ``quote``'s content.

    Each names the words, tags and dependencies on both sides of the boundary, which phrase of the
    parse opens or closes there, how far and which way it moves from the rules' boundary, and what
    the words it takes in or leaves out hold (a comma, "which", a verb, the cue, the speaker).
    ``cols`` are the document's columns where the caller has them.
    """
    orig, positions = (cands.start, cands.starts) if at_start else (cands.end, cands.ends)
    cols = cols or _Columns(doc)
    cue_tokens = _tokens_of(doc, quote.cue_span)
    speaker_tokens = _tokens_of(doc, quote.speaker_span)
    heads = [("root", doc[cands.start : cands.end].root)]
    if cue_tokens:
        heads.append(("cue", doc[min(cue_tokens) : max(cue_tokens) + 1].root))
    marks = _landmarks(doc, heads, at_start)
    cue_word = quote.cue.lower().split()[-1] if quote.cue and quote.cue.split() else ""
    common = ["bias", "cue=" + cue_word]
    out = []
    for i in positions:
        d = i - orig
        way = "0" if d == 0 else ("L" if d < 0 else "R")
        f = [*common, "d=" + way + ("" if d == 0 else _bucket(abs(d)))]
        inside, outside = (i, i - 1) if at_start else (i - 1, i)
        w_in, p_in = cols.at(inside)
        w_out, p_out = cols.at(outside)
        f += [
            "in=" + w_in,
            "inp=" + p_in,
            "ind=" + cols.deps[inside],
            "out=" + w_out,
            "outp=" + p_out,
            f"{way}|in={w_in}",
            f"{way}|out={w_out}",
            f"{way}|inp={p_in}",
            f"{way}|outp={p_out}",
            f"pair={p_in}/{p_out}",
        ]
        phrase = cols.phrase_at(inside, at_start)
        if phrase is None:
            f.append("noedge")
        else:
            f += ["edge=" + cols.deps[phrase], f"{way}|edge={cols.deps[phrase]}"]
        if outside in cue_tokens:
            f.append("out_cue")
        if outside in speaker_tokens:
            f.append("out_spk")
        for tag in marks.get(i, ()):
            f += ["m=" + tag, f"{way}|m={tag}"]
        if d:
            f += _region_features(cols, range(min(i, orig), max(i, orig)), way, cue_tokens, speaker_tokens)
        out.append(f)
    return out


def _region_features(cols: _Columns, region: range, way: str, cue: set[int], speaker: set[int]) -> list[str]:
    """What the tokens between the rules' boundary and a candidate hold."""
    lo, hi = region.start, region.stop
    words = cols.words[lo:hi]
    f = [f"{way}|has={w}" for w in sorted(set(words) & _REGION_WORDS)]
    if any(t.startswith("VB") for t in cols.tags[lo:hi]):
        f.append(way + "|hasverb")
    if cue.intersection(region):
        f.append(way + "|hascue")
    if speaker.intersection(region):
        f.append(way + "|hasspk")
    f += [f"{way}|first={words[0]}", f"{way}|last={words[-1]}"]
    # The phrases the region holds whole: "R|regdep=relcl" (a relative clause taken in or left out).
    f += [f"{way}|regdep={cols.deps[k]}" for k in region if k not in cue and cols.heads[k] not in region]
    return f


def _best(
    model: pycrfsuite.Tagger, side: str, features: list[list[str]], positions: list[int], orig: int
) -> int:
    """The candidate the model prefers over the rules' boundary ``orig`` by ``MARGIN``, else ``orig``."""
    probs = []
    for f in features:
        model.set([[f"{side}:{name}" for name in f]])
        probs.append(model.marginal("Y", 0))
    best = max(range(len(positions)), key=probs.__getitem__)
    kept = positions.index(orig)
    return positions[best] if probs[best] > probs[kept] + MARGIN else orig


def refinable(quote: Quote) -> bool:
    """Rule-found reported statements in one piece. Quotation marks bound a direct quote; the
    tagger's contents have the tagger's bounds; a content in pieces ("whom Perez described as
    “volatile”", "It was, he said, one of ...") was cut around its cue on purpose."""
    return quote.found_by == "rules" and not quote.direct and len(quote.parts) <= 1


def _holds_occasion(doc: Doc, region: range) -> bool:
    """True when ``region`` holds a phrase of when, where or through what medium something was
    said: "in an interview", "during the debate", "earlier this month"."""
    return any(_occasion(doc[k]) for k in region)


def _occasion(tok: Token) -> bool:
    if tok.dep_ == "prep":
        return is_occasion(tok)
    return tok.dep_ in ("npadvmod", "tmod") and tok.ent_type_ in ("DATE", "TIME")


def _gained(old: Span, new: Span) -> list[Span]:
    """The characters ``new`` takes in that ``old`` did not (one stretch at either end)."""
    return [r for r in ((new[0], old[0]), (old[1], new[1])) if r[0] < r[1]]


def refine_bounds(doc: Doc, quotes: list[Quote], model: pycrfsuite.Tagger | None) -> list[Quote]:
    """``quotes`` with the bounds of each rule-found indirect content moved where ``model`` puts them.

    A content may take in no cue, no speaker and no other quote's words (its own cue and speaker
    included); where the new bounds would, the rules' bounds stay.
    """
    if model is None:
        return quotes
    text = doc_text(doc)
    quotations = find_quotations(text)
    taken = [s for q in quotes for s in [*(q.parts or [q.span]), q.cue_span, q.speaker_span] if s is not None]
    out = []
    cols: _Columns | None = None
    for quote in quotes:
        cands = candidates(doc, quote) if refinable(quote) else None
        if cands is None:
            out.append(quote)
            continue
        cols = cols or _Columns(doc)
        start = _best(model, "s", boundary_features(doc, quote, cands, True, cols), cands.starts, cands.start)
        end = _best(model, "e", boundary_features(doc, quote, cands, False, cols), cands.ends, cands.end)
        # "said as much [in an interview]", "called for a reset in relations [earlier this month]":
        # when, where or through what medium the cue happened stays out, as the rules leave it out.
        if _holds_occasion(doc, range(cands.end, end)):
            end = cands.end
        if _holds_occasion(doc, range(start, cands.start)):
            start = cands.start
        old = quote.span
        # The rules' own boundary keeps its exact characters (the punctuation they trimmed).
        new = (
            doc[start].idx if start != cands.start else old[0],
            doc[end - 1].idx + len(doc[end - 1].text) if end != cands.end else old[1],
        )
        # The rules' limits hold for the new bounds too: no paragraph break or wire dateline outside
        # quotation marks, no outer punctuation, no half of a quotation.
        anchor = quote.cue_span[0] if quote.cue_span is not None else None
        moved = trim(text, new, quotations, anchor) if new != old else None
        if (
            moved is None
            or moved == old
            or any(g[0] < e and s < g[1] for g in _gained(old, moved) for s, e in taken)
        ):
            out.append(quote)
            continue
        out.append(dataclasses.replace(quote, parts=[moved], span=moved, text=text[moved[0] : moved[1]]))
    return out


def load_bounds_model() -> pycrfsuite.Tagger | None:
    """The model named by ``DYADWATCH_QUOTE_BOUNDS`` (``off``: none), else the shipped one."""
    return load_model(ENV_VAR, MODEL_NAME, "dyadwatch train bounds")


def model_info() -> dict[str, Any]:
    """The shipped model's provenance (training data, settings, figures)."""
    return shipped_info(MODEL_NAME)
