"""Competitors named before a bracketed country, on CoNLL-2003 results lines (tennis, athletics,
cycling) and on prose that must be left alone."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from dyadwatch.nlp.competitors import competitor_names
from dyadwatch.nlp.results_lines import mark_results_lines


def _competitors(text: str) -> tuple[list[str], list[str]]:
    people, teams = competitor_names(spacy.blank("en")(text))
    return [s.text for s in people], [s.text for s in teams]


@pytest.mark.parametrize(
    ("text", "people", "teams"),
    [
        # tennis: two competitors and their countries, then the score
        (
            "Sandrine Testud ( France ) beat Ines Gorrochategui ( Argentina ) 4-6 6-2 6-1",
            ["Sandrine Testud", "Ines Gorrochategui"],
            [],
        ),
        # athletics: place, name (the model keeps only "Valle"), country, time; glued hyphens
        ("4. Emilio Valle ( Cuba ) 13.52", ["Emilio Valle"], []),
        ("3. Lucy Tyler-Sharman ( Australia ) 3:31.830", ["Lucy Tyler-Sharman"], []),
        # cycling: a particle inside the name, the rider's team after the country
        ("8. Maarten den Bakker ( Netherlands ) TVM 1:33", ["Maarten den Bakker"], ["TVM"]),
        ("3. Tristan Hoffman ( Netherlands ) TVM same time", ["Tristan Hoffman"], ["TVM"]),
        # a country of several words, and Britain's home nations
        (
            "Petr Korda ( Czech Republic ) beat Chris Walker ( England ) 6-0 7-6",
            ["Petr Korda", "Chris Walker"],
            [],
        ),
        (
            "Peter Nicol ( Scotland ) beat Chris Walker ( Wales ) 15-8 15-13",
            ["Peter Nicol", "Chris Walker"],
            [],
        ),
        # prose: an abbreviation or a country aside in a sentence that carries no result
        (
            "The Rally for the Return of Refugees and Democracy in Rwanda ( RDR ) urged the U.N. to act .",
            [],
            [],
        ),
        ("Foreign Minister Wang Yi ( China ) met Antony Blinken in Jakarta .", [], []),
    ],
)
def test_competitors_before_a_bracketed_country(text: str, people: list[str], teams: list[str]) -> None:
    assert _competitors(text) == (people, teams)


def test_a_competitor_found_by_the_model_keeps_its_label() -> None:
    # "Red Star" is a basketball side: the model's ORG stands, a gap is filled as a person
    doc = spacy.blank("en")("Red Star ( Yugoslavia ) beat Dinamo ( Russia ) 92-90")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert [(e.text, e.label_) for e in mark_results_lines(doc).ents] == [
        ("Red Star", "ORG"),
        ("Dinamo", "PERSON"),
    ]
