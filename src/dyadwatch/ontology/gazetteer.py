"""The actor dictionary: countries, places, people with role periods, organisations, role words.

Data lives in ``ontology/data/actors/`` (TSV/YAML that users extend). An extra YAML file of
people or organisations can be named by ``$DYADWATCH_ACTORS``: entries with a ``roles`` key are
people, entries with an ``id`` key are organisations. Countries come from ``pycountry`` plus the
alias table (``pycountry.countries.lookup("Russia")`` fails: the table fills such gaps).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from dyadwatch.ontology.wordlists import load_word_yaml, safe_load

DATA = resources.files("dyadwatch.ontology") / "data" / "actors"


def slugify(text: str) -> str:
    """ASCII slug for actor ids.

    >>> slugify("Antony Blinken")
    'antony-blinken'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Place:
    iso3: str
    kind: str  # name | demonym | capital | seat
    sector: str | None = None


@dataclass(frozen=True)
class RolePeriod:
    role: str
    sector: str | None
    start: str | None
    end: str | None
    affiliation: str | None = None

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start[: len(day)] <= day) and (
            self.end is None or day <= self.end[: len(day)]
        )


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    roles: tuple[RolePeriod, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"person:{slugify(self.name)}"

    def role_on(self, day: str | None) -> RolePeriod | None:
        """The role held on ``day`` (ISO date, month or year); None when out of office."""
        return next((r for r in self.roles if r.active_on(day)), None)


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # key: lower-cased alias
    people: dict[str, Person] = field(default_factory=dict)  # key: lower-cased name/alias
    orgs: dict[str, Organization] = field(default_factory=dict)  # key: lower-cased alias
    role_sectors: dict[str, str] = field(default_factory=dict)  # lower-cased role word -> sector
    _surnames: dict[str, set[Person]] = field(default_factory=dict)  # built on first use

    def place(self, text: str) -> Place | None:
        key = _norm(text)
        return self.places.get(key) or self.places.get(_norm(re.sub(r"^the\s+", "", text, flags=re.I)))

    def person(self, text: str) -> Person | None:
        return self.people.get(_norm(text))

    def person_by_surname(self, surname: str, day: str | None) -> Person | None:
        """The one dictionary person with this surname who held a role on ``day``.

        A lone "Biden" in a 2021 article is Joe Biden; a surname shared by two people in office
        on that date (or by nobody in office) stays unresolved.

        >>> load_gazetteer().person_by_surname("Biden", "2021-03-18").name
        'Joe Biden'
        """
        if not self._surnames:
            for person in set(self.people.values()):
                self._surnames.setdefault(_norm(person.name.split()[-1]), set()).add(person)
        candidates = set(self._surnames.get(_norm(surname), ()))
        if day is not None:
            candidates = {p for p in candidates if p.role_on(day) is not None}
        return next(iter(candidates)) if len(candidates) == 1 else None

    def org(self, text: str) -> Organization | None:
        key = _norm(text)
        return self.orgs.get(key) or self.orgs.get(_norm(re.sub(r"^the\s+", "", text, flags=re.I)))

    def role_sector(self, words: str) -> str | None:
        """Sector of a role phrase, trying the whole phrase then its last words.

        >>> load_gazetteer().role_sector("senior fellow")
        'EDU'
        """
        tokens = _norm(words).split()
        for i in range(len(tokens)):
            sector = self.role_sectors.get(" ".join(tokens[i:]))
            if sector:
                return sector
        return None


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


SECTOR_OF_ROLE_GROUP = {
    "government": "GOV",
    "military": "MIL",
    "legislature": "LEG",
    "judiciary": "JUD",
    "police": "COP",
    "intelligence": "SPY",
    "opposition": "OPP",
    "business": "BUS",
    "education": "EDU",
    "media": "JRN",
    "civilians": "CVL",
}


def _read_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _load_places(gaz: Gazetteer) -> None:
    for country in pycountry.countries:
        place = Place(iso3=country.alpha_3, kind="name")
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                gaz.places.setdefault(_norm(value), place)
    for line in _read_text("places.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        alias, iso3, kind = parts[0], parts[1], parts[2]
        sector = parts[3].strip() if len(parts) > 3 and parts[3].strip() else None
        gaz.places[_norm(alias)] = Place(iso3=iso3, kind=kind, sector=sector)


def _person_from(entry: dict[str, Any]) -> Person:
    roles = tuple(
        RolePeriod(
            role=r["role"],
            sector=r.get("sector"),
            start=str(r["start"]) if r.get("start") else None,
            end=str(r["end"]) if r.get("end") else None,
            affiliation=r.get("affiliation"),
        )
        for r in entry.get("roles", [])
    )
    return Person(
        name=entry["name"],
        country=entry.get("country"),
        roles=roles,
        aliases=tuple(entry.get("aliases", [])),
    )


def _org_from(entry: dict[str, Any]) -> Organization:
    return Organization(
        id=f"org:{entry['id']}",
        name=entry["name"],
        kind=entry.get("kind", "organization"),
        country=entry.get("country"),
        sector=entry.get("sector"),
        aliases=tuple(entry.get("aliases", [])),
    )


def _add_entries(gaz: Gazetteer, entries: list[dict[str, Any]]) -> None:
    for entry in entries or []:
        if "roles" in entry:
            person = _person_from(entry)
            for name in (person.name, *person.aliases):
                gaz.people[_norm(name)] = person
        elif "id" in entry:
            org = _org_from(entry)
            for name in (org.name, *org.aliases):
                gaz.orgs[_norm(name)] = org


@cache
def load_gazetteer(extra: str | None = None) -> Gazetteer:
    """Load the bundled dictionary plus ``extra`` (or ``$DYADWATCH_ACTORS``) once per process."""
    gaz = Gazetteer()
    _load_places(gaz)
    _add_entries(gaz, safe_load(_read_text("people.yaml")))
    _add_entries(gaz, safe_load(_read_text("organizations.yaml")))
    roles = load_word_yaml(_read_text("roles.yaml"))
    for group, words in roles.items():
        for word in words:
            gaz.role_sectors[_norm(word)] = SECTOR_OF_ROLE_GROUP[group]
    extra_path = extra or os.environ.get("DYADWATCH_ACTORS")
    if extra_path:
        _add_entries(gaz, safe_load(Path(extra_path).read_text(encoding="utf-8")))
    return gaz


def ruler_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for every dictionary name (exact, case-sensitive phrases)."""
    gaz = load_gazetteer()
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str) -> None:
        # in a fixed order, whatever the hash seed: which of two patterns on one span wins
        # depends on the order they were added
        variants = sorted({text, text.replace("'", "\u2019")})
        for variant in variants:
            if (label, variant) not in seen:
                seen.add((label, variant))
                patterns.append({"label": label, "pattern": variant})

    for line in _read_text("places.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, _iso3, kind = line.split("\t")[:3]
            if alias.lower().startswith("the "):
                alias = alias[4:]
            add("NORP" if kind == "demonym" else ("FAC" if kind == "seat" else "GPE"), alias)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                add("GPE", value)
    for person in sorted(set(gaz.people.values()), key=lambda p: p.id):
        for name in (person.name, *person.aliases):
            if " " in name:  # single-word aliases ("Xi") are matched by surname propagation
                add("PERSON", name)
    for org in sorted(set(gaz.orgs.values()), key=lambda o: o.id):
        for name in (org.name, *org.aliases):
            if name.lower().startswith("the "):
                name = name[4:]
            # Short upper-case aliases that are also words ("WHO", "AP") would fire on "who":
            # patterns are case-sensitive, so the upper-case form is safe.
            add("ORG", name)
    return patterns
