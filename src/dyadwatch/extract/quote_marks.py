"""Find quotations in raw text: straight or curly double marks, including multi-paragraph ones.

Marks are classified by their surroundings, not their shape, because real text mixes them up
(PolNeAR has quotes opened with ``”``, and NYT copy uses two apostrophes ``''`` as a double mark).
A mark after a space, a line start or an opening bracket opens; one after a non-space closes. A
quotation left open at the end of a paragraph continues when the next paragraph opens with a mark
(the newspaper convention for long quotes); otherwise it is closed at the paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = frozenset('"“”„«»')
_MARK = re.compile(r"''|``|[\"“”„«»]")
_OPENERS_BEFORE = frozenset(" \t\xa0\n([{—–-―:")
_RIGHT_SHAPED = frozenset({"”", "»", "''"})


@dataclass(frozen=True)
class Quotation:
    """A quoted stretch ``[start, end)`` including its marks; ``closed`` if a closing mark ends it."""

    start: int
    end: int
    closed: bool = True


def _is_opening(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if after.isspace():
        return False
    if text[start:end] in ("“", "„", "«", "``"):
        return True
    # A straight or right-shaped mark opens only after a space, a line start or a bracket.
    return before in _OPENERS_BEFORE


def is_mark(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a double quotation mark (one character or ``''``)."""
    return text[start:end] in DOUBLE_MARKS or text[start:end] in ("''", "``")


def _family(mark: str) -> str:
    return "straight" if mark == '"' else "apostrophes" if mark in ("''", "``") else "shaped"


def _nested_end(text: str, outer: int, start: int, end: int) -> int | None:
    """Where a quotation opened at ``start`` inside one opened at ``outer`` ends, when the two use
    different marks ('"..., I’m going to read you the question: “As you know, ...?” Forty-three,
    yes."'): its closing mark of the same family, in the same paragraph."""
    outer_mark = _MARK.match(text, outer)
    if outer_mark is None or _family(outer_mark.group()) == _family(text[start:end]):
        return None
    inner = _family(text[start:end])
    paragraph_end = text.find("\n", end)
    for m in _MARK.finditer(text, end, len(text) if paragraph_end < 0 else paragraph_end):
        if _family(m.group()) == inner and not _is_opening(text, m.start(), m.end()):
            return m.end()
        if _family(m.group()) != inner:
            return None  # the outer one closes first: not nested
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Quoted stretches of ``text`` in order, non-overlapping.

    >>> t = '“A quote,” he said. He said "another." And \\'\\'a third,\\'\\' she said.'
    >>> [t[q.start:q.end] for q in find_quotations(t)]
    ['“A quote,”', '"another."', "''a third,''"]
    >>> t = '“First paragraph.\\n\\n“Second one,” she said.'
    >>> [t[q.start:q.end] for q in find_quotations(t)]
    ['“First paragraph.\\n\\n“Second one,”']
    """
    out: list[Quotation] = []
    start: int | None = None
    marks = list(_MARK.finditer(text))
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    events = sorted([(m.start(), m.end(), "mark") for m in marks] + [(b, b + 1, "nl") for b in breaks])
    skip_until = -1
    for s, e, kind in events:
        if s < skip_until:
            continue
        if kind == "nl":
            if start is None:
                continue
            # Paragraph end inside an open quotation: go on if the next paragraph opens one.
            j = e
            while j < len(text) and text[j].isspace():
                j += 1
            m = _MARK.match(text, j)
            if m and _is_opening(text, m.start(), m.end()):
                skip_until = m.end()
                continue
            end = s
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(Quotation(start, end, closed=False))
            start = None
        elif start is None:
            if _is_opening(text, s, e):
                start = s
        elif not _is_opening(text, s, e) or text[s:e] in _RIGHT_SHAPED:
            out.append(Quotation(start, e))
            start = None
        else:
            inner_end = _nested_end(text, start, s, e)
            if inner_end is not None:
                skip_until = inner_end  # a quotation inside the quotation, in the other marks
                continue
            # Two openers in a row: the first was stray; restart here.
            start = s
    if start is not None:
        out.append(Quotation(start, len(text), closed=False))
    return out


# A programme, book or campaign title in marks after a possessive ("said on ABC’s “This Week.”",
# "Ayn Rand's "Atlas Shrugged"") names a work, nobody's words: on PolNeAR train none of 61 such
# quotations is a gold content, and taking them for quotes hides the cue clause around them.
_POSSESSIVE_BEFORE = re.compile(r"\w[’']s[ \t\xa0]+\Z")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
MAX_TITLE_WORDS = 8


def is_title(text: str, q: Quotation) -> bool:
    """True for a closed quotation of a few capitalised words right after a possessive.

    >>> t = 'Perez said Sunday on NBC’s “Meet the Press.” “Listen,” he said.'
    >>> [is_title(t, q) for q in find_quotations(t)]
    [True, False]
    """
    if not q.closed or not _POSSESSIVE_BEFORE.search(text, max(0, q.start - 40), q.start):
        return False
    words = _TITLE_WORD.findall(text, q.start, q.end)
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
    )


def words_in(text: str) -> int:
    """Number of whitespace-separated words (used to tell full quotes from scare quotes).

    >>> words_in("“a 2022 window”")
    3
    """
    return len(text.split())
