"""Competitors in results lines: named before the country they represent, or before a goal's
minute, or after their place with their round scores.

    "Steffi Graf ( Germany ) beat Natasha Zvereva ( Belarus ) 6-4 6-2" -> two competitors
    "3. Tristan Hoffman ( Netherlands ) TVM same time" -> a rider and his team
    "Romania - Viorel Moldovan ( 21st minute )" -> a goal scorer
    "291 Phillip Price 72 76 74 69 , Adam Hunter 70 79 73 69" -> golfers and their rounds

A bracketed country counts in a line that carries results (a figure after the bracket, a second
such competitor, or a place number opening the line) and is mostly names and figures. The whole
name is taken, particles included ("Maarten den Bakker"), where the model often keeps only the
surname; it is a person, or a body when it is all capitals ("FCA ( UK )"). In a ranked line the
name right after the bracket, before a figure, a lower-case word or the line's end, is the
competitor's team (cycling: "( Netherlands ) TVM 1:33").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from dyadwatch.nlp.results_tokens import (
    RANK,
    RESULT,
    is_tabular,
    leading_name,
    name_word,
    person_name_start,
    results_lines_of,
)
from dyadwatch.ontology.gazetteer import load_gazetteer

SIDE = "ORG"
PLAYER = "PERSON"
MAX_COUNTRY_WORDS = 4
# A goal's minute: "21st", "88th".
ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
# Golf: round scores after a player's name.
ROUND = re.compile(r"\d{2}")
MIN_ROUNDS = 3


def _is_country(tokens: list[Token]) -> bool:
    """Whether the words name a country ("Czech Republic", "U.S."): a bracketed nationality."""
    if not 0 < len(tokens) <= MAX_COUNTRY_WORDS or not tokens[0].text[:1].isupper():
        return False
    place = load_gazetteer().place(" ".join(t.text for t in tokens))
    return place is not None and place.kind == "name"


def _country_brackets(line: list[Token]) -> list[tuple[int, int]]:
    """(open, close) indexes of every bracket holding just a country name."""
    found = []
    for k, token in enumerate(line):
        if token.text != "(":
            continue
        close = next(
            (j for j in range(k + 1, min(len(line), k + MAX_COUNTRY_WORDS + 2)) if line[j].text == ")"), None
        )
        if close is not None and _is_country(line[k + 1 : close]):
            found.append((k, close))
    return found


def _competitor_names(line: list[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(competitors, teams): names before a bracketed country, teams after it in ranked lines."""
    brackets = _country_brackets(line)
    if not brackets:
        return [], []
    ranked = bool(RANK.fullmatch(line[0].text))
    figure_after = any(RESULT.fullmatch(t.text) for t in line[brackets[0][1] :])
    if not (ranked or figure_after or len(brackets) >= 2):
        return [], []
    if not is_tabular(line):
        return [], []  # prose: "The Democratic People's Republic of Korea (DPRK) is ending ..."
    competitors, teams = [], []
    for open_, close in brackets:
        start = person_name_start(line, open_)
        if start < open_:
            competitors.append((start, open_))
        end = leading_name(line, close + 1)
        closes_team = end == len(line) or RESULT.fullmatch(line[end].text) or line[end].text[:1].islower()
        if ranked and end > close + 1 and closes_team:
            teams.append((close + 1, end))
    return competitors, teams


def competitor_names(doc: Doc, lines: list[list[Token]] | None = None) -> tuple[list[Span], list[Span]]:
    """Spans of competitors (PERSON; ORG when all capitals) named before a bracketed country, and of
    ranked riders' teams (ORG).

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> doc = load_nlp().make_doc("5. Natalia Karimova ( Russia ) 3:45.061")
    >>> [s.text for s in competitor_names(doc)[0]]
    ['Natalia Karimova']
    """
    competitors, teams = [], []
    for line in results_lines_of(doc) if lines is None else lines:
        people, sides = _competitor_names(line)
        for s, e in people:
            # an all-capital name is a body ("FCA ( UK ) ; FSB"), not a person
            label = SIDE if all(t.is_upper for t in line[s:e]) else PLAYER
            competitors.append(Span(doc, line[s].i, line[e - 1].i + 1, label=label))
        teams += [Span(doc, line[s].i, line[e - 1].i + 1, label=SIDE) for s, e in sides]
    return competitors, teams


def scorer_names(line: list[Token]) -> list[tuple[int, int]]:
    """Goal scorers: the name before a bracketed minute ("Viorel Moldovan ( 21st minute )",
    "Aunger ( 41st min , pen )")."""
    found = []
    for k in range(1, len(line) - 1):
        if line[k].text == "(" and ORDINAL.fullmatch(line[k + 1].text):
            start = person_name_start(line, k)
            if start < k:
                found.append((start, k))
    return found


def ranked_player_names(line: list[Token]) -> list[tuple[int, int]]:
    """Golfers after their place: "287 Ian Woosnam 70 76 71 70", and the others tied with them
    in the line (", Adam Hunter 70 79 73 69"): a name followed by three round scores or more."""
    if not RANK.fullmatch(line[0].text):
        return []
    found = []
    k = 1
    while k < len(line):
        if name_word(line[k]) and (k == 1 or line[k - 1].text == ","):
            end = leading_name(line, k)
            rounds = 0
            while end + rounds < len(line) and ROUND.fullmatch(line[end + rounds].text):
                rounds += 1
            if rounds >= MIN_ROUNDS:
                found.append((k, end))
            k = end
            continue
        k += 1
    return found
