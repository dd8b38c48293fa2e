"""Read the names in sports results lines, which the small model mostly misses.

Wire copy carries results, standings, line-ups and scorecards as bare lines::

    "Bradford 1 Tranmere 0"              -> "Bradford" | "Tranmere"   (a score line)
    "Manchester City 4 2 0 2 4 3 6"      -> "Manchester City"         (a standings row)
    "Postponed : Birmingham v Barnsley"  -> "Birmingham" | "Barnsley" (a fixtures line)
    "S. Jayasuriya c Healy b Fleming 44" -> three players             (a batting line)
    "Bowling : Vass 7-0-29-0"            -> "Vass"                    (bowling figures)
    "Turkey - 1 - Rustu Recber , 4 - Hakan Unsal" -> two players      (numbered entries)
    "( K. Spiring 130 not out"           -> "K. Spiring"              (initial, name, figure)
    "Steffi Graf ( Germany ) beat Natasha Zvereva ( Belarus ) 6-4 6-2" -> two competitors
    "3. Tristan Hoffman ( Netherlands ) TVM same time" -> a rider and his team
    "Hove : Sussex 363 ( W. Athey 111 ) , Lancashire 197-8" -> ground, two sides, a player
    "Sloboda 4 Mladost ( BJ ) 0"          -> "Sloboda" | "Mladost ( BJ )" (a club and its town)
    "Romania - Viorel Moldovan ( 21st minute )" -> a goal scorer
    "291 Phillip Price 72 76 74 69 , Adam Hunter 70 79 73 69" -> golfers and their rounds

Sides (clubs, national teams) are organisations: a line is a score line when it is exactly
*name figure name figure*, a standings row when a name is followed by four or more figures and
nothing else, a fixtures line when "v" stands between names and no other word is lower-case
(so not "Roe v. Wade", nor the initial in "Vladimir V. Putin"). In CoNLL-2003's English
training data the names in score lines and standings rows are organisations 1,587 times out of
1,601. Players are persons: the names of a batting line (a name, how the batsman was out, his
runs, nothing else), the name before bowling figures, a name of two words or more after an entry
number and a spaced dash that open the line or follow punctuation (not a headline's "Update 1 -
Home Affairs"), and an initial-led name followed by a figure.

Competitors (before a bracketed country, a goal's minute, or with their golf rounds) are read
by :mod:`dyadwatch.nlp.competitors`; the words of the lines by :mod:`dyadwatch.nlp.results_tokens`.

Match reports: a cricket summary names its ground before a colon and two sides each followed by
an innings score or a result verb; two clubs of one name carry their town's letters in brackets,
which belong to the side's name (as CoNLL-2003 marks them); a score line may close on a bracketed
note ("( after extra time )"). Readings other than score lines, fixtures and match summaries told in words apply only to
lines that are mostly names and figures (at most 35% lower-case words), never to prose.

Only gaps are filled: a name the model already found with exactly these bounds keeps its label
(an opinion-poll line "Clinton 48 Trump 44" tagged PERSON stays so), except that a player the
model labelled otherwise becomes a person; entities the model ran across a name's bounds
("Birmingham v Barnsley" as one PERSON) are replaced; a name that overlaps a dictionary match
(set by the entity ruler) is left alone. Runs after the NER and the entity repairs, before the
place ruler, so a side named after its city is not labelled a place.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from dyadwatch.nlp.competitors import competitor_names, ranked_player_names, scorer_names
from dyadwatch.nlp.guard import never_fails
from dyadwatch.nlp.results_tokens import (
    FIGURE,
    glued,
    is_tabular,
    leading_name,
    name_runs,
    name_start,
    name_word,
    results_lines_of,
)

SIDE = "ORG"
PLAYER = "PERSON"
VENUE = "LOC"
# British wire style: "Chelsea v Arsenal". Not "v." (court cases: "Roe v. Wade"), not "V." (an
# initial: "Vladimir V. Putin"), not "vs" (prose: "Clinton vs. Trump").
FIXTURE_WORD = "v"
# A figure in a score or table cell: "3", "-2", "+14", ".565", "12.5"; a lone dash is an empty cell.
CELL = re.compile(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)|-")
SCORE = re.compile(r"\d+")
MIN_STANDINGS_CELLS = 4
# Cricket scorecards: how a batsman was out, and a bowler's overs-maidens-runs-wickets.
DISMISSAL_WORDS = frozenset({"c", "b", "&", "lbw", "st", "run", "not", "out", "retired", "hurt"})
BOWLING_FIGURES = re.compile(r"\d+(?:\.\d)?-\d+-\d+-\d+")
# A competitor's place, seeding or shirt number before a spaced dash: "13 - Thomas Enqvist".
ENTRY_NUMBER = re.compile(r"\d{1,2}")
INITIAL = re.compile(r"[A-Z]\.")
# "Mladost ( BJ )": a club's town, abbreviated.
REGION_LETTERS = re.compile(r"[A-Z]{1,2}")
# Cricket innings scores ("363", "197-8") and the verbs of a result ("Sussex beat Lancashire").
INNINGS = re.compile(r"\d{1,3}(?:-\d{1,2})?")
RESULT_VERBS = frozenset({"beat", "drew", "lost", "bt"})
MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july"]
    + ["august", "september", "october", "november", "december"]
)


def _side_end(line: list[Token], start: int) -> int:
    """The end of a side's name starting at ``start``, with the one- or two-letter bracketed
    region that tells two clubs of one name apart ("Mladost ( BJ )", "Rad ( B )")."""
    end = leading_name(line, start)
    if (
        end > start
        and end + 2 < len(line)
        and line[end].text == "("
        and line[end + 2].text == ")"
        and REGION_LETTERS.fullmatch(line[end + 1].text)
    ):
        return end + 3
    return end


def _without_trailing_bracket(line: list[Token]) -> list[Token]:
    """The line without a closing bracketed note: "Duisburg 1 Luebeck 0 ( after extra time )"."""
    if line and line[-1].text == ")":
        opening = max((k for k, t in enumerate(line) if t.text == "("), default=-1)
        if opening > 0:
            return line[:opening]
    return line


def _score_or_table_names(line: list[Token]) -> list[tuple[int, int]]:
    """Name bounds (indexes into ``line``) of a score line or a standings row, else none."""
    first = _side_end(line, 0)
    if first == 0:
        return []
    rest = line[first:]
    cells = len(rest) >= MIN_STANDINGS_CELLS and all(CELL.fullmatch(t.text) for t in rest)
    if cells and sum(bool(SCORE.fullmatch(t.text)) for t in rest) >= 2:
        return [(0, first)]
    line = _without_trailing_bracket(line)
    rest = line[first:]
    if len(rest) >= 3 and SCORE.fullmatch(rest[0].text) and SCORE.fullmatch(line[-1].text):
        second = _side_end(line, first + 1)
        if second > first + 1 and second == len(line) - 1:
            return [(0, first), (first + 1, second)]
    return []


def _match_summary_names(line: list[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(venues, sides) of a cricket match summary: "Hove : Sussex 363 ( W. Athey 111 ) , Lancashire
    197-8", "At Headingley ( Leeds ) : Yorkshire 290 and 329", "Leicester : Leicestershire beat Somerset".

    The venue comes before a colon near the line's start; a side is a name at bracket depth 0
    followed by an innings score or a result verb, or named right after "beat".
    """
    colon = next((k for k, t in enumerate(line[:8]) if t.text == ":"), None)
    if colon is None or colon == 0:
        return [], []
    # a result told in words ("Leicestershire beat Somerset by an innings") is no table
    verb = next((t for t in line[colon + 1 : colon + 6] if not name_word(t)), None)
    if not is_tabular(line) and (verb is None or verb.lower_ not in RESULT_VERBS):
        return [], []
    start = 1 if line[0].text == "At" else 0
    venues = name_runs(line, start, colon)
    if not venues or any(not name_word(t) and t.text not in "()" for t in line[start:colon]):
        return [], []
    if all(t.is_upper for t in line[start:colon] if t.is_alpha):
        return [], []  # a shouted label ("ISSUED BY :"), not a ground
    sides, depth = [], 0
    k = colon + 1
    while k < len(line):
        token = line[k]
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and name_word(token):
            end = leading_name(line, k)
            follower = line[end].text if end < len(line) else ""
            after_beat = k > 0 and line[k - 1].lower_ in RESULT_VERBS
            month = line[k].text.lower() in MONTHS
            # the whole figure: an innings ("197-8"), not bowling figures ("7-0-29-0")
            score = end < len(line) and INNINGS.fullmatch(glued(line, end))
            if not month and (score or follower.lower() in RESULT_VERBS or after_beat):
                sides.append((k, end))
            k = end
            continue
        k += 1
    return (venues, sides) if len(sides) >= 2 else ([], [])  # a match has two sides


def _fixture_names(line: list[Token]) -> list[tuple[int, int]]:
    """Name bounds on both sides of every "v" standing between two names, in a line of fixtures
    (no lower-case word but "v": "Postponed: Birmingham v Barnsley, Manchester City v Charlton")."""
    if any(t.is_alpha and t.text[:1].islower() and t.text != FIXTURE_WORD for t in line):
        return []
    found = []
    for k, token in enumerate(line):
        if token.text != FIXTURE_WORD or k == 0 or k + 1 >= len(line):
            continue
        start = name_start(line, k)
        end = leading_name(line, k + 1)
        if start < k and end > k + 1:
            found += [(start, k), (k + 1, end)]
    return found


def _entry_number_before(line: list[Token], k: int) -> bool:
    """``line[k]`` is a spaced dash after an entry number that opens the line or follows
    punctuation ("; 13 - Pavel Pardo", "( 12 - Alfonso Rios"), not a headline's "Update 1 - ..."."""
    if not 0 < k < len(line) - 2 or not ENTRY_NUMBER.fullmatch(line[k - 1].text):
        return False
    if not (line[k - 1].whitespace_ and line[k].whitespace_):
        return False  # "5-Word Response": a compound, not an entry
    return k == 1 or line[k - 2].is_punct


def _player_names(line: list[Token]) -> list[tuple[int, int]]:
    """Players in scorecard lines, numbered entries and initial-led names before a figure.

    Batting: "S. Jayasuriya c Healy b Fleming 44", "A. Hollioake run out 15" (a name, how he was
    out, the runs; nothing else). Bowling: "Vass 7-0-29-0". Entries: "13 - Thomas Enqvist
    ( Sweden )", "4 - Pascal Renier" (two name words at least). "( P. Simmons 4-38 )".
    """
    found: list[tuple[int, int]] = []
    first = leading_name(line, 0)
    body = line[first:-1]
    if (
        first
        and body
        and SCORE.fullmatch(line[-1].text)
        and body[0].text in DISMISSAL_WORDS
        and all(t.text in DISMISSAL_WORDS or name_word(t) for t in body)
    ):
        return name_runs(line, 0, len(line) - 1)
    for k, token in enumerate(line):
        if k and name_word(line[k - 1]) and BOWLING_FIGURES.fullmatch(glued(line, k)):
            found.append((name_start(line, k), k))
        elif token.text == "-" and _entry_number_before(line, k):
            end = leading_name(line, k + 1)
            if end - (k + 1) >= 2:
                found.append((k + 1, end))
        elif INITIAL.fullmatch(token.text) and (k == 0 or not name_word(line[k - 1])):
            end = leading_name(line, k)
            if k + 1 < end < len(line) and FIGURE.fullmatch(line[end].text):
                found.append((k, end))
    return found


def results_line_names(doc: Doc, lines: list[list[Token]] | None = None) -> list[Span]:
    """Spans of the sides (ORG) and players (PERSON) named in the doc's results lines.

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> doc = load_nlp().make_doc("Results:\\nBradford 1 Tranmere 0\\nSouthend 1 Swindon 3")
    >>> [s.text for s in results_line_names(doc)]
    ['Bradford', 'Tranmere', 'Southend', 'Swindon']
    """
    spans = []
    for line in results_lines_of(doc) if lines is None else lines:
        venues, sides = _match_summary_names(line)
        sides = _score_or_table_names(line) or _fixture_names(line) or sides
        players = _player_names(line)
        if is_tabular(line):
            players += scorer_names(line) + ranked_player_names(line)
        for label, bounds in ((VENUE, venues), (SIDE, sides), (PLAYER, players)):
            for start, end in bounds:
                spans.append(Span(doc, line[start].i, line[end - 1].i + 1, label=label))
    return spans


@Language.component("dyadwatch_results_lines")
@never_fails("dyadwatch_results_lines")
def mark_results_lines(doc: Doc) -> Doc:
    """Add the names of results lines where the model left a gap (or, for players, mislabelled)."""
    lines = results_lines_of(doc)
    if not lines:
        return doc
    names = results_line_names(doc, lines)
    competitors, teams = competitor_names(doc, lines)
    if not (names or competitors or teams):
        return doc
    ents = list(doc.ents)
    labels = {(e.start, e.end): e.label_ for e in ents}
    dictionary = [e for e in ents if e.ent_id_]
    added = []
    for name in names + competitors + teams:
        if any(d.start < name.end and name.start < d.end for d in dictionary):
            continue
        if name in competitors and any(e.start <= name.start and name.end <= e.end for e in ents):
            continue  # the model's name holds the competitor's: "the US SEC ( USA )" stays whole
        found = labels.get((name.start, name.end))
        # The model's own span stands; a scorecard's grammar outweighs its label for a player
        # ("Healy" GPE in "c Healy b Fleming"), not for a side (a poll's "Clinton 48 Trump 44") nor
        # a competitor, who may be a side too ("Red Star ( Yugoslavia )").
        if found is not None and (name.label_ in (SIDE, VENUE) or found == PLAYER or name in competitors):
            continue
        added.append(name)
    if not added:
        return doc
    added = filter_spans(added)  # two readings of one line may overlap: the longer name wins
    kept = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in added)]
    doc.ents = sorted(kept + added, key=lambda e: e.start)
    return doc
