"""Document-level repairs of entity mentions: shouted lines and in-document name propagation.

Two weaknesses of a sentence-level NER on news, each fixed with what the document itself says:

- ALL-CAPS headlines and datelines ("LEICESTERSHIRE TAKE OVER AT TOP", "LONDON 1996-08-30",
  "WASHINGTON (Reuters) -") defeat a model trained on mixed case. ``truecase_shouted_lines``
  rewrites such lines in the casing the same words have elsewhere in the document; other words
  are capitalised, except short ones (kept as acronyms: "EU", "UAE") and short function words
  (lower-cased: "AND", "THE"). Lower-casing common words as well was measured and dropped:
  the word lists hold many names ("london", "miller"), recall fell from 0.91 to 0.87. Every
  character keeps its offset, so spans found on the rewritten text index the original.
- A name the model finds once is often missed elsewhere in the same story ("Phil Simmons ...
  Simmons took four wickets"). ``actor_mentions`` adds every other occurrence of a found name,
  and the surname (last word) of a found person, when it is not already inside an entity.

Example::

    >>> truecase_shouted_lines("LONDON 1996-08-30\\nIt rained in London.")
    'London 1996-08-30\\nIt rained in London.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from dyadwatch.nlp.doc_cache import doc_text

WORD = re.compile(r"[^\W\d_][\w'.&-]*")
# Short words a headline shouts that are no acronym ("ESSEX AND KENT", "WIN IN TITLE RACE").
SHORT_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "in",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "v",
        "vs",
        "was",
    ]
)
# Short abbreviations inside names that are no acronym: "ST LOUIS" is St Louis.
SHORT_TITLE_WORDS = {"st": "St", "mt": "Mt"}


def _is_shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def truecase_shouted_lines(text: str) -> str:
    """Rewrite ALL-CAPS lines in the document's own casing, keeping every offset."""
    lines = text.split("\n")
    shouted = [_is_shouted(line) for line in lines]
    if not any(shouted):
        return text
    forms: dict[str, Counter[str]] = {}
    for line, loud in zip(lines, shouted, strict=True):
        if loud:
            continue
        for k, match in enumerate(WORD.finditer(line)):
            word = match.group()
            # a capital at the start of a sentence says nothing about the word's casing
            initial = k == 0 or line[: match.start()].rstrip().endswith((".", "!", "?", '"'))
            if initial and not word.isupper() and word[1:].islower():
                continue
            forms.setdefault(word.lower(), Counter())[word] += 1
    out = []
    for line, loud in zip(lines, shouted, strict=True):
        out.append(_recase(line, forms) if loud else line)
    return "\n".join(out)


def _recase(line: str, forms: dict[str, Counter[str]]) -> str:
    def repl(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        known = forms.get(lower)
        if known:
            new = known.most_common(1)[0][0]
        elif lower in SHORT_FUNCTION_WORDS:
            new = lower
        elif lower in SHORT_TITLE_WORDS:
            new = SHORT_TITLE_WORDS[lower]
        elif len(word) <= 3 and "." not in word:
            new = word  # short all-caps words are acronyms more often than not ("EU", "UAE")
        else:
            new = word.capitalize()
        return new if len(new) == len(word) else word

    return WORD.sub(repl, line)


# Span edges that name no one: "[the] United States", "Reagan['s]", "Durham [114]".
LEADING = re.compile(r"^(?:the|The|THE)\s+")
TRAILING = re.compile(r"(?:\s*[\u2019']s?|\s+[\d.,:/-]+)+$")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a leading article, a possessive, trailing numbers and anything past a line break.

    >>> text = "the United States 's"
    >>> trim_span(text, 0, len(text))
    (4, 17)
    """
    piece = text[start:end]
    if "\n" in piece.strip():
        piece = piece.strip().split("\n")[0]
        start = text.index(piece, start)
    end = start + len(piece.rstrip())
    piece = text[start:end]
    if (lead := LEADING.match(piece)) and len(piece) > lead.end():
        start += lead.end()
    if (trail := TRAILING.search(text, start, end)) and trail.start() > start:
        end = trail.start()
    return start, end


def _spans_of(doc: Doc, labels: Iterable[str]) -> list[tuple[int, int, str]]:
    wanted = set(labels)
    text = doc_text(doc)
    return [(*trim_span(text, e.start_char, e.end_char), e.label_) for e in doc.ents if e.label_ in wanted]


def actor_mentions(doc: Doc, labels: Iterable[str], propagate: bool = True) -> list[tuple[int, int]]:
    """Character spans of the entities of ``labels``, plus propagated repeats of their names."""
    found = _spans_of(doc, labels)
    spans = [(s, e) for s, e, _label in found]
    if not propagate or not found:
        return spans
    text = doc_text(doc)
    taken = [(e.start_char, e.end_char) for e in doc.ents]
    names: set[str] = set()
    for start, end, label in found:
        name = text[start:end]
        names.add(name)
        words = name.split()
        if label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            names.add(words[-1])
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])"
    )
    for match in pattern.finditer(text):
        span = (match.start(), match.end())
        if not any(s < span[1] and span[0] < e for s, e in taken):
            spans.append(span)
            taken.append(span)
    return spans
