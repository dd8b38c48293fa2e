"""Capitalised words at the head of a line that are no name, whatever the NER says.

Wire copy opens headlines with a sport slug ("CRICKET - ESSEX AND KENT MADE TO SWEAT") and
results sections with heading words ("Women 's 100 metres hurdles", "Extras ( lb-3 nb-2 ) 5",
"Scorer : Sergei Rebrov"), and lays tables out under rows of abbreviated column heads ("W L PCT
GB"). The small model labels such words ORG or PERSON, the tagger calls them proper nouns, and
the document may well capitalise them elsewhere, so the common-word repair cannot tell them from
a name. These are closed classes, so they are listed in ``ontology/data/actors/non_names.yaml``:

- a one-word entity that is a heading word ("Men", "Extras", "Division") is no name;
- entities inside a line's leading sport slug are no names;
- an entity of three or more all-capital words of at most three letters is a column head row.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from spacy.tokens import Span

from dyadwatch.ontology.wordlists import load_word_yaml

DATA = resources.files("dyadwatch.ontology") / "data" / "actors" / "non_names.yaml"
MIN_HEADER_WORDS = 3
MAX_HEADER_LETTERS = 3


@cache
def _lists() -> tuple[frozenset[str], re.Pattern[str]]:
    data = load_word_yaml(DATA.read_text(encoding="utf-8"))
    headings = frozenset(str(w).lower() for w in data["headings"])
    sports = sorted((str(w).lower() for w in data["sports"]), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, sport.split())) for sport in sports)
    # a slug opens its line and is followed by a spaced dash: "RUGBY UNION - LYNAGH SEALS ..."
    slug = re.compile(r"(?im)^[ \t]*(?:" + words + r")(?=[ \t]+-{1,2}[ \t])")
    return headings, slug


def slug_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sport slugs that open the text's lines.

    >>> slug_ranges("RUGBY UNION - LYNAGH SEALS VICTORY\\nChina - a rising power")
    [(0, 11)]
    """
    return [m.span() for m in _lists()[1].finditer(text)]


def is_non_name(piece: Span, slugs: list[tuple[int, int]]) -> bool:
    """Whether an entity span is a heading word, lies in a sport slug, or is a column head row."""
    # the cheap tests first: the component sees every entity of every article
    if len(piece) == 1 and piece[0].lower_ in _lists()[0]:
        return True
    if slugs and any(s <= piece.start_char and piece.end_char <= e for s, e in slugs):
        return True
    return len(piece) >= MIN_HEADER_WORDS and all(
        t.is_alpha and t.is_upper and len(t) <= MAX_HEADER_LETTERS for t in piece
    )
