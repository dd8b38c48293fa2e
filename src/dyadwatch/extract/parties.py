"""Which countries are parties to what a sentence says, and which dyads its evidence belongs to.

A party is a country acting through its state, government, military, legislature or officials;
analysts and journalists are voices, not parties (Jude Blanchette's US nationality does not make
his remarks about Beijing a US-China exchange). Countries that are the *topic* of an issue (Taiwan
for ``taiwan``, Russia for ``russia_ukraine``: the issue's actor cues) are not parties to evidence
about that issue. An article's main dyad is its two most mentioned party countries; a sentence
that names no party or only one of them speaks about that dyad.

>>> dyads_for({"USA", "CHN", "RUS"}, ("CHN", "USA"), topic={"RUS"})
['CHN-USA']
>>> dyads_for({"PHL", "CHN"}, ("CHN", "USA"))
['CHN-PHL']
>>> dyads_for(set(), ("CHN", "USA"))
['CHN-USA']
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from spacy.tokens import Doc

from dyadwatch.analysis.dyads import dyad_key, is_country
from dyadwatch.model import Actor, Analysis

PARTY_KINDS = {"state", "government", "military", "legislature"}
OFFICIAL_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# Dependencies that make a mention a side remark ("Japan - Washington's closest ally - ...").
ASIDE_EDGES = {"appos", "parataxis"}
MAX_PAIRS = 3


def is_party(actor: Actor) -> bool:
    """Whether the actor speaks or acts for its country."""
    if not is_country(actor.country):
        return False
    if actor.kind in PARTY_KINDS:
        return True
    return actor.kind == "person" and actor.sector in OFFICIAL_SECTORS


def _aside(doc: Doc | None, start: int, end: int) -> bool:
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    node = span.root
    for _ in range(3):
        if node.dep_ in ASIDE_EDGES:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def parties_in(analysis: Analysis, start: int, end: int, doc: Doc | None = None) -> set[str]:
    """Party countries mentioned in ``[start, end)`` outside appositive asides."""
    found = set()
    for actor in analysis.actors:
        if not is_party(actor):
            continue
        for ms, me in actor.mentions:
            if start <= ms and me <= end and not _aside(doc, ms, me):
                found.add(str(actor.country))
                break
    return found


def main_dyad(analysis: Analysis) -> tuple[str, str] | None:
    """The article's two most mentioned party countries (body only, captions excluded).

    >>> from dyadwatch.model import Article
    >>> a = Analysis(Article(id="x", text="." * 20), actors=[
    ...     Actor("USA", "United States", "state", "USA", mentions=[(0, 1), (2, 3)]),
    ...     Actor("CHN:GOV", "Beijing", "government", "CHN", "GOV", mentions=[(4, 5), (6, 7)]),
    ...     Actor("JPN", "Japan", "state", "JPN", mentions=[(8, 9)])])
    >>> main_dyad(a)
    ('CHN', 'USA')
    """
    body_end = analysis.article.body_end or len(analysis.article.text)
    counts: Counter[str] = Counter()
    for actor in analysis.actors:
        if is_party(actor):
            counts[str(actor.country)] += sum(1 for ms, _ in actor.mentions if ms < body_end)
    top = [c for c, n in counts.most_common(2) if n >= 2]
    if len(top) < 2:
        return None
    first, second = sorted(top)
    return first, second


def dyads_for(parties: set[str], main: tuple[str, str] | None, topic: set[str] | None = None) -> list[str]:
    """The dyads a sentence's evidence belongs to, given its party countries.

    Both main-dyad countries present: the main dyad alone (the article evaluates that relation).
    Other pairs only when the main dyad is not among them; one or no party of the main dyad: the
    main dyad; a lone third country: no dyad.
    """
    parties = set(parties) - set(topic or ())
    if main and set(main) <= parties:
        return [dyad_key(*main)]
    if len(parties) >= 2:
        return [dyad_key(a, b) for a, b in combinations(sorted(parties), 2)][:MAX_PAIRS]
    if main and (not parties or parties <= set(main)):
        return [dyad_key(*main)]
    return []


def event_dyad(
    source_country: str | None, target_country: str | None, main: tuple[str, str] | None
) -> str | None:
    """An event's dyad: its two countries, or its one country paired within the main dyad.

    >>> event_dyad("USA", None, ("CHN", "USA")), event_dyad("USA", "JPN", ("CHN", "USA"))
    ('CHN-USA', 'JPN-USA')
    """
    src = source_country if is_country(source_country) else None
    tgt = target_country if is_country(target_country) else None
    if src and tgt and src != tgt:
        return dyad_key(src, tgt)
    one = src or tgt
    if main and one in main:
        return dyad_key(*main)
    return None
