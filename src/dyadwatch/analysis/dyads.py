"""Dyads: unordered pairs of countries, keyed by their two ISO3 codes in alphabetical order.

Users write dyads however they like ("US-China", "china/usa", "CHN-USA", "Japan and South
Korea"); ``parse_dyad`` turns any of them into the key ``"CHN-USA"`` using ISO 3166 codes and names
from ``pycountry`` plus the actor dictionary's place aliases (``places.tsv``: "US", "Russia",
"Beijing", "Chinese"), and raises ``BadDyad`` with a hint otherwise.

>>> parse_dyad("US-China"), parse_dyad("china/usa"), parse_dyad("CHN-USA")
('CHN-USA', 'CHN-USA', 'CHN-USA')
>>> dyad_key("USA", "CHN")
'CHN-USA'
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from dyadwatch.errors import BadDyad

# Separators between the two names, most specific first; a space comes last so that
# "South Korea Japan" is tried only after "South Korea and Japan" style separators.
SEPARATORS = ("/", ",", "|", ";", ":", " and ", " vs. ", " vs ", " versus ", "–", "—", "-", "_", " ")
# PLOVER non-state codes that may stand in an actor's country field but never in a dyad.
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "MNC", "ISM", "IMG"}


@cache
def is_country(code: str | None) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 country code (or Kosovo's XKX).

    >>> is_country("TWN"), is_country("IGO"), is_country(None)
    (True, False, False)
    """
    if not code or code in NON_STATE or not re.fullmatch(r"[A-Z]{3}", code):
        return False
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def dyad_key(a: str, b: str) -> str:
    """The key of an unordered pair: two codes in alphabetical order joined by a hyphen."""
    if a == b:
        raise BadDyad(f"a dyad needs two different countries, got {a} twice", hint="e.g. CHN-USA")
    return "-".join(sorted((a, b)))


def dyad_countries(key: str) -> tuple[str, str]:
    """The two codes of a dyad key.

    >>> dyad_countries("CHN-USA")
    ('CHN', 'USA')
    """
    left, _, right = key.partition("-")
    return left, right


@cache
def _gazetteer_place(text: str) -> str | None:
    from dyadwatch.ontology.gazetteer import load_gazetteer

    place = load_gazetteer().place(text)
    return str(place.iso3) if place is not None else None


def country_code(text: str) -> str | None:
    """ISO3 code for a code, a name, an alias, a capital or a demonym; None when unknown.

    >>> country_code("us"), country_code("Russia"), country_code("PRC"), country_code("Narnia")
    ('USA', 'RUS', 'CHN', None)
    """
    token = re.sub(r"\s+", " ", text.strip().strip(".")).strip()
    if not token or len(token) > 80:
        return None
    if len(token) == 3 and token.isalpha() and is_country(token.upper()):
        return token.upper()
    if len(token) == 2 and token.isalpha():
        found = pycountry.countries.get(alpha_2=token.upper())
        if found is not None:
            return str(found.alpha_3)
    alias = _gazetteer_place(token)
    if alias is not None:
        return alias
    alias = _ALIASES.get(token.lower())
    if alias is not None:
        return alias
    try:
        return str(pycountry.countries.lookup(token).alpha_3)
    except LookupError:
        return None


# Common abbreviations and forms missing from both pycountry and the actor place table.
_ALIASES = {
    "prc": "CHN",
    "people's republic of china": "CHN",
    "sino": "CHN",
    "roc": "TWN",
    "dprk": "PRK",
    "rok": "KOR",
    "uae": "ARE",
}


def parse_dyad(text: str) -> str:
    """The dyad key of a user's spelling of two countries, or ``BadDyad``.

    Every split point is tried so that hyphenated names ("Guinea-Bissau") still resolve.

    >>> parse_dyad("Japan and South Korea")
    'JPN-KOR'
    """
    cleaned = re.sub(r"\s+", " ", (text or "").strip())
    for sep in SEPARATORS:
        parts = cleaned.split(sep)
        for i in range(1, len(parts)):
            left = country_code(sep.join(parts[:i]))
            right = country_code(sep.join(parts[i:]))
            if left and right and left != right:
                return dyad_key(left, right)
    raise BadDyad(
        f"'{cleaned[:80]}' is not a pair of two different countries",
        hint="write two ISO codes or names, e.g. CHN-USA, US-China, china/usa",
    )
