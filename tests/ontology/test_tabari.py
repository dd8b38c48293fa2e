"""TABARI/PETRARCH dictionary reading, and the bundled Phoenix dictionaries as read."""

from __future__ import annotations

from dyadwatch.extract.event_actors import name_country
from dyadwatch.ontology.tabari import parse_actors


def test_parenthesised_acronym_is_a_synonym_not_a_word() -> None:
    text = "LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_ [LKAREB]\n+TAMIL_TIGERS_\nDIRECT_ACTION_(GREECE)_ [GRCREB]\n"
    assert [(e.phrases, e.code()) for e in parse_actors(text)] == [
        (["liberation tigers of tamil eelam ", "ltte ", "tamil tigers "], "LKAREB"),
        (["direct action greece "], "GRCREB"),
    ]


def test_tamil_tigers_are_sri_lankan_never_swazi() -> None:
    assert name_country("Liberation Tigers of Tamil Eelam") == "LKA"
    assert name_country("LTTE") == "LKA"
    assert name_country("Tamil Tiger") == "LKA"
    assert name_country("Tigers") != "SWZ"
