"""Dateline places, on datelines of CoNLL-2003's Reuters stories and of real wire copy
(``shared/corpus/news``: AP, ANA, Xinhua), through the whole pipeline."""

from __future__ import annotations

import pytest
import spacy

from dyadwatch.nlp.datelines import dateline_places
from dyadwatch.nlp.loader import load_nlp


def _places(text: str) -> list[str]:
    return [s.text for s in dateline_places(spacy.blank("en")(text))]


def _ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in load_nlp()(text).ents]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # Reuters: place, country or state, date closing the line
        ("BOGOTA , Colombia 1996-08-30\nA bomb exploded in a market .", ["BOGOTA", "Colombia"]),
        ("ROCHESTER , N.H. 1996-08-30\nAn explosion leveled a motel .", ["ROCHESTER", "N.H."]),
        ("THE HAGUE 1996-08-30\nThe tribunal met .", ["THE HAGUE"]),
        # agencies in brackets, with a date between
        ("BEIJING, Feb. 12 (Xinhua) -- The DPRK is ending investigations.", ["BEIJING"]),
        (
            "BC-TEN--Delray Beach Open Results DELRAY BEACH, Florida (AP) — Results",
            ["DELRAY BEACH", "Florida"],
        ),
        # AP's byline runs into the dateline: the author is no place
        ("Porn industry asks officials By JOHN ROGERS LOS ANGELES (AP) — Scores of", ["LOS ANGELES"]),
        (
            "By ALAN CLENDENNING and EMILIO MORENATTI PALMA DE MALLORCA, Spain (AP) — A",
            ["PALMA DE MALLORCA", "Spain"],
        ),
        ("Chippa in Rustenburg Paul Martin PAUL MARTIN RUSTENBURG, March 3 (ANA) - Chippa", ["RUSTENBURG"]),
    ],
)
def test_dateline_places(text: str, places: list[str]) -> None:
    assert _places(text) == places


@pytest.mark.parametrize(
    "text",
    [
        # a headline slug, a legislature as dateline, capitals without an agency or date
        "SOCCER - ROTOR FANS LOCKED OUT AFTER VOLGOGRAD VIOLENCE .",
        "Andrea Chothia PARLIAMENT, March 3 (ANA) - Members of Parliament debated the budget.",
        "NATO said on Friday it would send more troops.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert _places(text) == []


def test_dateline_places_replace_the_models_readings() -> None:
    # the model reads "England 1996-08-31" as one date and the city as a person
    ents = _ents("WIGAN , England 1996-08-31\nWigan beat Bradford in the semifinal .")
    assert ("WIGAN", "GPE") in ents and ("England", "GPE") in ents and ("1996-08-31", "DATE") in ents
    ents = _ents("Mixed fortunes JOHANNESBURG, March 3 (ANA) - The rand firmed on Monday.")
    assert ("JOHANNESBURG", "GPE") in ents
