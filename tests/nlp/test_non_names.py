"""Heading words, sport slugs and column heads are no names (lines of CoNLL-2003's Reuters stories)."""

from __future__ import annotations

import pytest

from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.mentions import truecase_shouted_lines
from dyadwatch.nlp.non_names import slug_ranges

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _names(text: str) -> list[str]:
    doc = load_nlp()(truecase_shouted_lines(text))
    return [e.text for e in doc.ents if e.label_ in NAME_LABELS]


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("Women 's 100 metres hurdles\n1. Ludmila Engquist ( Sweden ) 12.60", "Women", "Ludmila Engquist"),
        ("Men 's 200 metres\n1. Frankie Fredericks ( Namibia ) 19.92", "Men", "Frankie Fredericks"),
        ("Bowling : Vass 7-0-29-0\nExtras ( lb-3 nb-2 ) 5", "Extras", "Vass"),
        ("Scorer : Sergei Rebrov ( 79th minute )", "Scorer", "Sergei Rebrov"),
        ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .", "Cricket", "Leicestershire"),
        ("W L PCT GB\nNEW YORK 74 58 .561 -", "W L PCT GB", "York"),
    ],
)
def test_non_names_are_dropped(text: str, dropped: str, kept: str) -> None:
    names = _names(text)
    assert dropped not in names
    assert any(kept in name for name in names), names


def test_slugs_only_open_a_line_before_a_spaced_dash() -> None:
    text = "RUGBY UNION - LYNAGH SEALS VICTORY\nChina - a rising power\nThe cricket - and the rain"
    assert [text[s:e] for s, e in slug_ranges(text)] == ["RUGBY UNION"]


def test_names_like_the_listed_words_stay() -> None:
    # a party at a sentence start and a sport in an organisation's name are names
    assert "Labour" in _names("Labour 's leader Tony Blair said on Friday the party would win .")
    assert "Ludmila Engquist" in _names("Ludmila Engquist won the women 's hurdles in Brussels .")
