"""Actor-mention detection scored against CoNLL-2003 PER/ORG/LOC entities.

The gold file has one token per line (``token POS chunk tag``, IOB1 or IOB2 tags), a blank line
between sentences and ``-DOCSTART-`` between documents. Each document's sentences are joined
into one text (tokens separated by spaces, sentences by newlines, with a token -> character
map) and run through the shipped pipeline (``load_nlp()``) with ``nlp.pipe``, so the model sees
each story whole, as it sees a real article.

A prediction is an entity of label PERSON/ORG/GPE/LOC/FAC (NORP is MISC in CoNLL), plus the
mentions that in-document name propagation adds (``dyadwatch.nlp.mentions``). Scoring is exact
span and type-agnostic: a predicted span equal to a gold PER/ORG/LOC span is a true positive; a
predicted span that overlaps a gold MISC entity is ignored (MISC is neither expected nor
penalised); anything else is a false positive; unmatched gold spans are false negatives.

Example::

    >>> sent = Sentence(["Blinken", "visited", "Beijing", "."], ["I-PER", "O", "I-LOC", "O"])
    >>> decode_tags(sent.tags)
    [(0, 1, 'PER'), (2, 3, 'LOC')]
    >>> score_spans(decode_tags(sent.tags), [(0, 1), (1, 2)])
    (1, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_GOLD = "entities/conll2003/eng.testa"
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
EXPECTED_TYPES = frozenset({"PER", "ORG", "LOC"})
# How each of our labels maps to a CoNLL type, for the per-type recall figures only.
CONLL_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

TokenSpan = tuple[int, int]


@dataclass
class Sentence:
    """One gold sentence: tokens and their entity tags."""

    tokens: list[str]
    tags: list[str]


@dataclass
class GoldDoc:
    """One ``-DOCSTART-`` document of the gold file."""

    sentences: list[Sentence] = field(default_factory=list)


def read_conll(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """Documents of a CoNLL-2003 file (the first ``limit`` of them when given).

    A file without ``-DOCSTART-`` lines is one document.
    """
    docs: list[GoldDoc] = [GoldDoc()]
    tokens: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        if tokens:
            docs[-1].sentences.append(Sentence(list(tokens), list(tags)))
            tokens.clear()
            tags.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                close_sentence()
            elif parts[0] == "-DOCSTART-":
                close_sentence()
                if docs[-1].sentences:
                    docs.append(GoldDoc())
            else:
                tokens.append(parts[0])
                tags.append(parts[-1])
    close_sentence()
    docs = [d for d in docs if d.sentences]
    return docs[:limit] if limit is not None else docs


def decode_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity token spans ``(start, end, type)`` from IOB1 or IOB2 tags.

    In IOB1 an ``I-`` tag after another type (or after ``O``) opens an entity, and ``B-`` only
    separates two adjacent entities of the same type.

    >>> decode_tags(["I-PER", "I-PER", "B-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (2, 3, 'PER'), (4, 5, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == kind
        if start >= 0 and not continues:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = i, typ
    return spans


def score_spans(gold: Iterable[tuple[int, int, str]], predicted: Iterable[TokenSpan]) -> tuple[int, int, int]:
    """``(tp, fp, fn)`` of type-agnostic exact spans; spans overlapping gold MISC are ignored.

    >>> score_spans([(0, 2, "PER"), (3, 4, "MISC")], [(0, 2), (3, 4), (5, 6)])
    (1, 1, 0)
    """
    gold = list(gold)
    expected = {(s, e) for s, e, t in gold if t in EXPECTED_TYPES}
    misc = [(s, e) for s, e, t in gold if t not in EXPECTED_TYPES]
    pred = set(predicted)
    tp = len(pred & expected)
    fp = sum(1 for s, e in pred - expected if not any(s < me and ms < e for ms, me in misc))
    return tp, fp, len(expected) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined).

    >>> prf(8, 2, 2)
    (0.8, 0.8, 0.8)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 6), round(r, 6), round(f, 6)


@dataclass
class DocText:
    """A gold document as one text, with each token's character span, sentence by sentence."""

    text: str
    offsets: list[list[tuple[int, int]]]

    def token_spans(self, char_spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, TokenSpan]]:
        """``(sentence, token span)`` for each character span that falls on token boundaries.

        A span that cuts a gold token or crosses a sentence break cannot match any gold entity:
        it is kept as a one-off span so that it still counts as a false positive.
        """
        starts = {s: (k, i) for k, sent in enumerate(self.offsets) for i, (s, _e) in enumerate(sent)}
        ends = {e: (k, i) for k, sent in enumerate(self.offsets) for i, (_s, e) in enumerate(sent)}
        for start, end in char_spans:
            first, last = starts.get(start), ends.get(end)
            if first is not None and last is not None and first[0] == last[0]:
                yield first[0], (first[1], last[1] + 1)
            else:
                # a misaligned prediction: place it on the sentence of its first character
                k = next((k for k, sent in enumerate(self.offsets) if sent and sent[-1][1] >= start), 0)
                yield k, (-1 - start, -1 - start)


def doc_text(doc: GoldDoc) -> DocText:
    """Join tokens with spaces and sentences with newlines, recording every token's offsets.

    >>> doc_text(GoldDoc([Sentence(["A", "b"], ["O", "O"]), Sentence(["C"], ["O"])])).offsets
    [[(0, 1), (2, 3)], [(4, 5)]]
    """
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for k, sent in enumerate(doc.sentences):
        if k:
            parts.append("\n")
            pos += 1
        sent_offsets = []
        for i, token in enumerate(sent.tokens):
            if i:
                parts.append(" ")
                pos += 1
            parts.append(token)
            sent_offsets.append((pos, pos + len(token)))
            pos += len(token)
        offsets.append(sent_offsets)
    return DocText("".join(parts), offsets)


def evaluate(
    gold: Path, limit: int | None = None, propagate: bool = True, truecase: bool = True
) -> dict[str, float]:
    """P/R/F1 of actor mentions on a CoNLL file (``limit``: first N documents only).

    ``propagate`` and ``truecase`` switch off the two document-level mechanisms for ablation.
    """
    from dyadwatch.nlp.loader import load_nlp
    from dyadwatch.nlp.mentions import actor_mentions, truecase_shouted_lines

    docs = read_conll(gold, limit)
    texts = [doc_text(d) for d in docs]
    nlp = load_nlp()
    inputs = (truecase_shouted_lines(t.text) if truecase else t.text for t in texts)
    tp = fp = fn = 0
    per_type: dict[str, list[int]] = {t: [0, 0] for t in sorted(EXPECTED_TYPES)}
    for gold_doc, text, parsed in zip(docs, texts, nlp.pipe(inputs, batch_size=16), strict=True):
        mentions = actor_mentions(parsed, ACTOR_LABELS, propagate=propagate)
        by_sentence: dict[int, list[TokenSpan]] = {}
        for k, span in text.token_spans(mentions):
            by_sentence.setdefault(k, []).append(span)
        for k, sent in enumerate(gold_doc.sentences):
            gold_spans = decode_tags(sent.tags)
            pred = by_sentence.get(k, [])
            s_tp, s_fp, s_fn = score_spans(gold_spans, pred)
            tp, fp, fn = tp + s_tp, fp + s_fp, fn + s_fn
            for start, end, typ in gold_spans:
                if typ in per_type:
                    per_type[typ][1] += 1
                    per_type[typ][0] += (start, end) in pred
    p, r, f = prf(tp, fp, fn)
    figures = {"p": p, "r": r, "f1": f}
    for typ, (found, total) in per_type.items():
        figures[f"r_{typ.lower()}"] = round(found / total, 6) if total else 0.0
    figures.update({"tp": float(tp), "fp": float(fp), "fn": float(fn), "docs": float(len(docs))})
    return figures
