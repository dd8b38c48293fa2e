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


def test_old_cameo_east_timor_code_reads_as_iso() -> None:
    (entry,) = parse_actors("TIMOR_LESTE_\n+EAST_TIMOR_\n\t[TMP >990830]\nUNTAET_ [IGOUNOTMP]\n")[:1]
    assert entry.code("2005-01-01") == "TLS"
    assert parse_actors("UNTAET_ [IGOUNOTMP]\n")[0].code() == "IGOUNOTLS"
    assert name_country("East Timor") == "TLS"


def test_transnational_group_code_is_no_country() -> None:
    (entry,) = parse_actors("ISLAMIC_SALVATION_FRONT_ [INTREB]\n")
    assert entry.code() == "IMGREB"
    assert name_country("Islamic Salvation Front") == "IMG"
