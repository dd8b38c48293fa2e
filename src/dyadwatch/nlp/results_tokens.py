"""The words of sports results lines, shared by the readings of :mod:`results_lines` and
:mod:`competitors`.

A results line is scanned on its raw text first (the component runs on every article, and prose
lines must cost next to nothing), then read as a list of its non-space tokens; names are runs
of capitalised words, a possessive inside them included ("Queen 's Park"), and a person's name
may hold lower-case particles and glued hyphens ("Aravinda de Silva", "Anne-Gaelle Sidot").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dyadwatch.nlp.doc_cache import doc_text

POSSESSIVE = frozenset({"'s", "\u2019s"})
FIGURE = re.compile(r"\d[\d-]*")
# Lower-case words inside a person's name: "Aravinda de Silva", "Maarten den Bakker".
NAME_PARTICLES = frozenset(
    {"de", "den", "der", "van", "von", "da", "di", "du", "dos", "del", "la", "le", "ter"}
)
# A place number opening a results line: "4.", "1=", "284", "12".
RANK = re.compile(r"\d{1,3}[.=]?")
# A result after a competitor: a time, distance, score or points ("1:33", "13.52", "297,157").
RESULT = re.compile(r"\d[\d.,:/-]*")
# Results lines are mostly names and figures; a prose paragraph is mostly lower-case words.
MAX_LOWER_SHARE = 0.35
# What each reading needs somewhere in the line's text, checked before any token is looked at:
# a last figure (score lines, standings, batting), a fixture's "v", bowling figures, an entry
# number before a spaced dash, an initial-led name before a figure, a match result in words.
CANDIDATE_LINE = re.compile(
    r"[\d-][^\w]*$|(?<!\S)v(?!\S)|\d-\d+-\d+-\d|(?:^|[,;:(-])\s*\d{1,2} - [A-Z]|\b[A-Z]\.(?: [A-Z][\w'.-]*)+ \d"
    r"|^(?:At )?[A-Z][\w' -]* : [A-Z][\w' -]* (?:beat|drew|lost) "
)
# Readings of tabular lines only: a bracketed country or minute, a note closing a score line.
TABULAR_CANDIDATE = re.compile(r"\w \( ?[A-Z][\w. ]*\)|\( ?\d{1,3}(?:st|nd|rd|th)\b|\d \([^()]*\)\s*$")
# Words of a line, to tell a table from prose on the raw text (looser than the token test below,
# since "word," is one word here and two tokens there).
RAW_WORD = re.compile(r"\S+")
RAW_MAX_LOWER_SHARE = 0.5


def name_word(token: Token) -> bool:
    """A word that can be part of a side's name: capitalised, not a figure ("St.", "QPR", "Al-Ahly")."""
    return token.text[:1].isupper() and token.text[:1].isalpha()


def _raw_tabular(raw: str) -> bool:
    words = RAW_WORD.findall(raw)
    return sum(w[:1].islower() for w in words) <= RAW_MAX_LOWER_SHARE * len(words)


def results_lines_of(doc: Doc) -> list[list[Token]]:
    """The non-space tokens of each line that could be a results line (prose lines are skipped
    on their text, before any token is looked at: the component runs on every article)."""
    lines = []
    pos = 0
    for raw in doc_text(doc).split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if not (CANDIDATE_LINE.search(raw) or (TABULAR_CANDIDATE.search(raw) and _raw_tabular(raw))):
            continue
        span = doc.char_span(start, start + len(raw), alignment_mode="expand")
        tokens = [t for t in span if not t.is_space] if span is not None else []
        if tokens:
            lines.append(tokens)
    return lines


def leading_name(line: list[Token], start: int) -> int:
    """The end (index into ``line``) of the run of name words starting at ``start``."""
    end = start
    while end < len(line) and name_word(line[end]):
        end += 1
        # "Queen 's Park": a possessive between two name words belongs to the name
        if end + 1 < len(line) and line[end].text in POSSESSIVE and name_word(line[end + 1]):
            end += 1
    return end


def name_start(line: list[Token], end: int) -> int:
    """The start (index into ``line``) of the run of name words ending right before ``end``."""
    start = end
    while start > 0 and name_word(line[start - 1]):
        start -= 1
    return start


def name_runs(line: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of name words in ``line[start:end]``."""
    runs = []
    k = start
    while k < end:
        if name_word(line[k]):
            stop = leading_name(line[:end], k)
            runs.append((k, stop))
            k = stop
        else:
            k += 1
    return runs


def glued(line: list[Token], k: int) -> str:
    """The text from ``line[k]`` to the next space: the tokenizer splits "7-0-29-0" in seven."""
    end = k
    while end + 1 < len(line) and not line[end].whitespace_:
        end += 1
    return "".join(t.text for t in line[k : end + 1])


def is_tabular(line: list[Token]) -> bool:
    """Mostly names and figures, as results are; a prose paragraph is mostly lower-case words."""
    return sum(t.is_lower for t in line) <= MAX_LOWER_SHARE * len(line)


def person_name_start(line: list[Token], end: int) -> int:
    """The start of the name right before ``end``, with lower-case particles between its words
    and glued hyphens ("Anne-Gaelle Sidot", "Lucy Tyler-Sharman") included."""
    start = name_start(line, end)
    while start >= 2 and name_word(line[start - 2]):
        joint = line[start - 1]
        glued = joint.text == "-" and not joint.whitespace_ and not line[start - 2].whitespace_
        if not (glued or joint.text in NAME_PARTICLES):
            break
        start = name_start(line, start - 1)
    return start
