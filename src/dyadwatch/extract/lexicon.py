"""Phrase and syntax matching over spaCy docs, shared by the issue, stance and forecast helpers.

A phrase matches a run of tokens when each of its words equals the token's lower-case text or
lemma, so data files list a word once ("export control" finds "export controls", "openings" and
"opening" find each other). Phrases are split with the pipeline's own tokenizer so that hyphens
and slashes ("cross-strait", "Senkaku/Diaoyu") line up with the doc. A syntax pair "head >
dependent" matches a head lemma with that dependent as a child or as the object of a preposition
attached to it ("restrictions on exports").

>>> from dyadwatch.nlp.loader import load_nlp
>>> doc = load_nlp()("Washington tightened export controls on chips.")
>>> index = PhraseIndex([("export control", "technology"), ("chip", "technology")])
>>> [(doc[m.start:m.end].text, m.key) for m in index.find(doc)]
[('export controls', 'technology'), ('chips', 'technology')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc, Span, Token

K = TypeVar("K")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Match(Generic[K]):
    """Tokens ``[start, end)`` of a doc that matched ``key``."""

    start: int
    end: int
    key: K


def _norm(text: str) -> str:
    return text.lower().translate(APOSTROPHES)


@cache
def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase split the way the pipeline tokenizes text.

    >>> phrase_words("cross-strait")
    ('cross', '-', 'strait')
    """
    from dyadwatch.nlp.loader import load_nlp

    return tuple(_norm(t.text) for t in load_nlp().tokenizer(phrase) if not t.is_space)


# (orth, lemma) hashes -> forms: a token's forms depend on nothing else, and the stages ask
# for them several times per token (issues, stance, forecasts).
_FORMS: dict[tuple[int, int], frozenset[str]] = {}


def token_forms(token: Token) -> frozenset[str]:
    """Lower-case text and lemma of a token: what a phrase word may equal."""
    key = (token.orth, token.lemma)
    forms = _FORMS.get(key)
    if forms is None:
        if len(_FORMS) > 500_000:  # bound the memory on endless streams
            _FORMS.clear()
        forms = _FORMS[key] = frozenset((_norm(token.text), _norm(token.lemma_)))
    return forms


def doc_forms(doc: Doc | Span) -> list[frozenset[str]]:
    return [token_forms(t) for t in doc]


class PhraseIndex(Generic[K]):
    """Phrases indexed by their first word; ``find`` returns every match, overlaps included."""

    def __init__(self, entries: Iterable[tuple[str, K]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], K]]] = defaultdict(list)
        for phrase, key in entries:
            words = phrase_words(phrase)
            if words:
                self._by_first[words[0]].append((words, key))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, doc: Doc | Span, forms: list[frozenset[str]] | None = None) -> list[Match[K]]:
        """Matches in ``doc`` (token offsets relative to the doc, even when given a span)."""
        forms = forms if forms is not None else doc_forms(doc)
        offset = doc.start if isinstance(doc, Span) else 0
        out: list[Match[K]] = []
        for i, here in enumerate(forms):
            for first in here:
                for words, key in self._by_first.get(first, ()):
                    end = i + len(words)
                    if end <= len(forms) and all(words[j] in forms[i + j] for j in range(1, len(words))):
                        out.append(Match(offset + i, offset + end, key))
        return sorted(set(out), key=lambda m: (m.start, -m.end))


def longest_first(matches: Iterable[Match[K]]) -> list[Match[K]]:
    """Non-overlapping matches, the longest winning where two overlap.

    >>> [m.key for m in longest_first([Match(0, 1, "war"), Match(0, 3, "war against ukraine")])]
    ['war against ukraine']
    """
    chosen: list[Match[K]] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def syntax_matches(doc: Doc | Span, pairs: Iterable[tuple[tuple[str, str], K]]) -> list[Match[K]]:
    """Matches of "head > dependent" lemma pairs: a child, or a preposition's object below the head."""
    by_head = _by_head(pairs) if isinstance(pairs, tuple) else _group_by_head(pairs)
    out = []
    for token in doc:
        for head_form in token_forms(token):
            for dep, key in by_head.get(head_form, ()):
                for child in _dependents(token):
                    if dep in token_forms(child):
                        lo, hi = min(token.i, child.i), max(token.i, child.i)
                        out.append(Match(lo, hi + 1, key))
    return out


def _group_by_head(pairs: Iterable[tuple[tuple[str, str], K]]) -> dict[str, list[tuple[str, K]]]:
    by_head: dict[str, list[tuple[str, K]]] = defaultdict(list)
    for (head, dep), key in pairs:
        by_head[head].append((dep, key))
    return by_head


@cache
def _by_head(pairs: tuple[tuple[tuple[str, str], Any], ...]) -> dict[str, list[tuple[str, Any]]]:
    """The grouping of a fixed (tuple) pair list, built once: callers pass the taxonomy's."""
    return _group_by_head(pairs)


def _dependents(token: Token) -> Iterable[Token]:
    for child in token.children:
        yield child
        if child.dep_ == "prep":
            yield from (g for g in child.children if g.dep_ == "pobj")
        if child.dep_ == "poss":
            yield from child.children


def covering(spans: Iterable[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indexes of the character spans that overlap ``[start, end)``."""
    return [i for i, (s, e) in enumerate(spans) if s < end and start < e]


def as_dict(matches: Iterable[Match[Any]]) -> dict[Any, list[Match[Any]]]:
    out: dict[Any, list[Match[Any]]] = defaultdict(list)
    for m in matches:
        out[m.key].append(m)
    return dict(out)
