"""Names in sports results lines, on lines of the CoNLL-2003 Reuters stories (their tokenisation,
spaces around punctuation) and on real news lines that must be left alone."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.results_lines import mark_results_lines, results_line_names


def _ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in load_nlp()(text).ents]


def _names(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in results_line_names(spacy.blank("en")(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # score lines under a results heading
        (
            "SOCCER - SCOTTISH LEAGUE RESULTS .\nQueen 's Park 1 Forfar 4\nBradford 1 Tranmere 0",
            [("Queen 's Park", "ORG"), ("Forfar", "ORG"), ("Bradford", "ORG"), ("Tranmere", "ORG")],
        ),
        # a standings row: played, won, drawn, lost, goals for and against, points
        ("Bradford 4 2 0 2 4 3 6", [("Bradford", "ORG")]),
        ("Chonan 3 0 1 13 10 9", [("Chonan", "ORG")]),
        # a fixtures line
        (
            "Postponed : Birmingham v Barnsley , Manchester City v Charlton",
            [("Birmingham", "ORG"), ("Barnsley", "ORG"), ("Manchester City", "ORG"), ("Charlton", "ORG")],
        ),
        # a batting line and bowling figures from a cricket scorecard
        (
            "S. Jayasuriya c Healy b Fleming 44",
            [("S. Jayasuriya", "PERSON"), ("Healy", "PERSON"), ("Fleming", "PERSON")],
        ),
        ("A. Hollioake run out 15", [("A. Hollioake", "PERSON")]),
        ("Bowling : Vass 7-0-29-0 , Dharmasena 10-1-42-2", [("Vass", "PERSON"), ("Dharmasena", "PERSON")]),
        # numbered entries of a line-up
        (
            "Turkey - 1 - Rustu Recber , 4 - Hakan Unsal ( 14 - Sergen Yalcin , 57th )",
            [("Rustu Recber", "PERSON"), ("Hakan Unsal", "PERSON"), ("Sergen Yalcin", "PERSON")],
        ),
        # an initial-led name before the runs, inside a match summary
        ("Worcestershire 238 and 303 ( K. Spiring 130 not out )", [("K. Spiring", "PERSON")]),
        # a cricket match summary: the ground, the two sides, the players in brackets
        (
            "Hove : Sussex 363 ( W. Athey 111 ) , Lancashire 197-8",
            [("Hove", "LOC"), ("Sussex", "ORG"), ("Lancashire", "ORG"), ("W. Athey", "PERSON")],
        ),
        (
            "At Headingley ( Leeds ) : Yorkshire 290 and 329 , Essex 372",
            [("Headingley", "LOC"), ("Leeds", "LOC"), ("Yorkshire", "ORG"), ("Essex", "ORG")],
        ),
        (
            "Leicester : Leicestershire beat Somerset by an innings and 39 runs .",
            [("Leicester", "LOC"), ("Leicestershire", "ORG"), ("Somerset", "ORG")],
        ),
        # two clubs of one name told apart by their town's letters; a note after the score
        ("Sloboda 4 Mladost ( BJ ) 0", [("Sloboda", "ORG"), ("Mladost ( BJ )", "ORG")]),
        ("Mladost ( L ) 4 2 1 1 8 5 7", [("Mladost ( L )", "ORG")]),
        ("Duisburg 1 Luebeck 0 ( after extra time )", [("Duisburg", "ORG"), ("Luebeck", "ORG")]),
        # goal scorers and their minutes
        (
            "Romania - Viorel Moldovan ( 21st minute ) , Dan Petrescu ( 65th )",
            [("Viorel Moldovan", "PERSON"), ("Dan Petrescu", "PERSON")],
        ),
        # golfers after their place, with their round scores
        (
            "291 Phillip Price 72 76 74 69 , Adam Hunter 70 79 73 69",
            [("Phillip Price", "PERSON"), ("Adam Hunter", "PERSON")],
        ),
    ],
)
def test_results_lines_names_are_read(text: str, expected: list[tuple[str, str]]) -> None:
    assert _names(text) == expected
    # through the whole pipeline each name is an entity; a side the model found with these
    # bounds keeps the model's label ("Manchester City" GPE), and so does a ground; a player is
    # always a person
    ents = dict(_ents(text))
    assert all(
        name in ents and (label in ("ORG", "LOC") or ents[name] == label) for name, label in expected
    ), ents


@pytest.mark.parametrize(
    "text",
    [
        # court cases and initials are not fixtures
        "Clinton to Planned Parenthood : Trump will reverse Roe v. Wade .",
        "With his customary swagger , President Vladimir V. Putin held forth on a sweeping range of topics .",
        "The nation is in trouble if it 's Clinton vs. Trump .",
        # a headline's number and dash, and a compound figure, are no entry numbers
        "Update 1 - Home Affairs won't lift Omotoso 's illegal status in SA",
        "Ben Carson Just Dropped A Powerful 3-Word Response To Trump .",
        # prose with figures is no score line
        "China 's exports rose 7 percent in March , customs data showed .",
        # a press release's shouted labels are no match summary
        "ISSUED BY : AFRICAN NATIONAL CONGRESS ATTENTION : ANC MEDIA ALERT ON JANUARY 8 RALLY",
    ],
)
def test_results_lines_leave_news_prose_alone(text: str) -> None:
    assert _names(text) == []


def test_results_lines_keep_the_models_label_of_a_side() -> None:
    # an opinion-poll line has the shape of a score line: the model's PERSON stays a person
    doc = spacy.blank("en")("Clinton 48 Trump 44")
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert [(e.text, e.label_) for e in mark_results_lines(doc).ents] == [
        ("Clinton", "PERSON"),
        ("Trump", "ORG"),
    ]


def test_results_lines_relabel_a_player_and_replace_a_run_on_entity() -> None:
    doc = spacy.blank("en")("Salim Malik c Stewart b Hollioake 23")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 4, label="GPE"), Span(doc, 5, 7, label="ORG")]
    assert [(e.text, e.label_) for e in mark_results_lines(doc).ents] == [
        ("Salim Malik", "PERSON"),
        ("Stewart", "PERSON"),
        ("Hollioake", "PERSON"),
    ]


def test_results_lines_leave_dictionary_matches_alone() -> None:
    doc = spacy.blank("en")("Postponed : Chelsea v Arsenal")
    doc.ents = [Span(doc, 2, 3, label="GPE", span_id="dictionary")]
    ents = [(e.text, e.label_) for e in mark_results_lines(doc).ents]
    assert ents == [("Chelsea", "GPE"), ("Arsenal", "ORG")]
