"""Actor stage: every mention of a country, government, person or organisation, resolved.

Mentions come from spaCy's entities (the gazetteer's entity ruler runs before the statistical
NER). Each is resolved through the actor dictionary (``ontology.gazetteer``): country names to
ISO3 states, capitals and seats to governments ("Beijing" -> ``CHN:GOV``, "Capitol Hill" ->
``USA:LEG``), demonyms with a role noun to groups ("US analysts" -> ``USA:EDU``), people to their
role on the article date or to the role the text gives them, organisations to their entry.
Surname-only mentions ("Swaine said") are found by scanning for the surnames of the people the
article names in full, which also repairs spaCy's misses and mislabels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyadwatch.extract.actor_roles import (
    is_role_word_span,
    is_title_fragment,
    person_context,
    sector_of_role,
    title_before,
)
from dyadwatch.model import Actor, Analysis
from dyadwatch.nlp.doc_cache import doc_text
from dyadwatch.nlp.entity_repairs import ABBREVIATIONS_KEY
from dyadwatch.ontology.gazetteer import Gazetteer, Person, Place, load_gazetteer, slugify

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Photo credits name agencies and photographers, not actors: "(Photo: AFP/SAUL LOEB)".
CREDIT = re.compile(
    r"\((?:Photo|File photo|Picture)s?\s*:[^)]*\)|\([^()]{0,40}\bvia\s+\w+\)|\bPhotos?\s*:\s*[\w./ -]{2,40}$",
    re.M,
)
# Names of laws, meetings and documents that spaCy tags ORG but that never act.
NON_ACTOR_ORG = re.compile(
    r"\b(?:Act|Law|Bill|Treaty|Accord|Agreement|Meeting|Summit|Conference|Forum|Frontier|Strategy|Doctrine|Plan)$"
)
LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "across", "outside", "inside", "around"}
# A national body named by its bare kind ("Congress", "the Senate", "Parliament", "the Cabinet")
# belongs to the country its context names; the dictionary's entry ("Congress" -> US Congress) is
# only the default.
BODY_SECTORS = {"LEG", "GOV", "JUD"}
# Prepositions whose place object, attached to a verb, is where the clause happens ("In Peru, ...").
SETTING_PREPS = {"in", "at", "inside", "throughout", "across"}
KIND_OF_SECTOR = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "BUS": "company",
    "JRN": "media",
}
GROUP_NAME = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence services",
    "OPP": "opposition",
    "BUS": "companies",
    "EDU": "analysts and academics",
    "JRN": "media",
    "CVL": "public",
}
DISPLAY_NAMES = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russia",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "TWN": "Taiwan",
    "IRN": "Iran",
    "VNM": "Vietnam",
    "SYR": "Syria",
    "XKX": "Kosovo",  # not in ISO 3166-1; the code the EU and IMF use
}
# The adjective of a country's groups ("Russian government"). Otherwise the first demonym listed in
# places.tsv, which for a few countries is a noun for a person ("New Zealander", "Filipino").
ADJECTIVES = {
    "USA": "US",
    "GBR": "British",
    "CHN": "Chinese",
    "RUS": "Russian",
    "KOR": "South Korean",
    "NZL": "New Zealand",
    "PHL": "Philippine",
    "XKX": "Kosovar",
}
ORG_HEAD_SECTORS = {
    "university": "EDU",
    "institute": "EDU",
    "centre": "EDU",
    "center": "EDU",
    "college": "EDU",
    "school": "EDU",
    "foundation": "EDU",
    "news": "JRN",
    "times": "JRN",
    "post": "JRN",
    "journal": "JRN",
    "agency": "GOV",
    "ministry": "GOV",
    "department": "GOV",
    "party": "PTY",
    "army": "MIL",
    "navy": "MIL",
    "command": "MIL",
    "force": "MIL",
    "bank": "BUS",
    "corp": "BUS",
    "inc": "BUS",
    "ltd": "BUS",
    "group": "BUS",
    "company": "BUS",
}


@dataclass
class Resolved:
    actor: Actor
    span: tuple[int, int]


def country_name(iso3: str) -> str:
    import pycountry

    if iso3 in DISPLAY_NAMES:
        return DISPLAY_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return str(getattr(country, "common_name", None) or country.name)


def _adjective(iso3: str, gaz: Gazetteer) -> str:
    if iso3 in ADJECTIVES:
        return ADJECTIVES[iso3]
    for alias, place in gaz.places.items():
        if place.iso3 == iso3 and place.kind == "demonym":
            return alias.title()
    return country_name(iso3)


def _state(iso3: str) -> Actor:
    return Actor(id=iso3, name=country_name(iso3), kind="state", country=iso3)


def _group(iso3: str, sector: str, gaz: Gazetteer) -> Actor:
    kind = KIND_OF_SECTOR.get(sector, "group")
    return Actor(
        id=f"{iso3}:{sector}",
        name=f"{_adjective(iso3, gaz)} {GROUP_NAME.get(sector, sector.lower())}",
        kind=kind,
        country=iso3,
        sector=sector,
    )


def _modified_head(ent: Span) -> Span | None:
    """The noun a demonym or country name modifies ("Chinese [officials]", "US [analysts]")."""
    root = ent.root
    head = root.head
    if (
        root.dep_ in ("amod", "compound", "nmod", "npadvmod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= ent.end
    ):
        return ent.doc[head.i : head.i + 1]
    return None


def _resolve_place(ent: Span, place: Place, gaz: Gazetteer) -> Resolved | None:
    doc = ent.doc
    span = (ent.start_char, ent.end_char)
    if place.kind in ("capital", "seat"):
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        nxt = doc[ent.end].text if ent.end < len(doc) else ""
        after = doc[ent.end + 1].lower_ if ent.end + 1 < len(doc) else ""
        locative = prev in LOCATIVE_PREPS and place.kind == "capital"
        if locative or (nxt == "-" and after.startswith("based")):
            return Resolved(_state(place.iso3), span)
        return Resolved(_group(place.iso3, place.sector or "GOV", gaz), span)
    if ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].lower_ in {"anti", "pro"}:
        # "an anti-Syria journalist": the state is named as a stance, the journalist is not its.
        return Resolved(_state(place.iso3), span)
    head = _modified_head(ent)
    if head is not None:
        if head[0].ent_type_ == "PERSON":
            return None  # country evidence for that person, handled by its title
        sector = sector_of_role(head.text, gaz)
        if sector:
            return Resolved(_group(place.iso3, sector, gaz), (ent.start_char, head.end_char))
    if place.kind == "demonym" and ent.root.tag_ in ("NNPS", "NNS") and ent.root.lower_.endswith("s"):
        return Resolved(_group(place.iso3, "CVL", gaz), span)  # "Americans"
    return Resolved(_state(place.iso3), span)


def _resolve_org(ent: Span, gaz: Gazetteer) -> Resolved | None:
    text = re.sub(r"^the\s+", "", ent.text, flags=re.I)
    org = gaz.org(text)
    span = (ent.start_char, ent.end_char)
    if org is not None:
        actor = Actor(id=org.id, name=org.name, kind=org.kind, country=org.country, sector=org.sector)
        return Resolved(actor, span)
    if is_title_fragment(ent, gaz) or len(text) < 2 or text.islower() or NON_ACTOR_ORG.search(text):
        return None
    if re.search(r"[\u2019']s\b", text):
        return None  # "Biden's February (exchange)": a possessive, not an organisation
    sector = next((s for w, s in ORG_HEAD_SECTORS.items() if w in text.lower().split()), None)
    country = next((p.iso3 for tok in ent if (p := gaz.place(tok.text)) is not None), None)
    kind = {"JRN": "media", "BUS": "company", "MIL": "military", "GOV": "government"}.get(
        sector or "", "organization"
    )
    actor = Actor(id=f"org:{slugify(text)}", name=text, kind=kind, country=country, sector=sector)
    return Resolved(actor, span)


def _person_actor(name: str, person: Person | None, ent: Span, day: str | None, gaz: Gazetteer) -> Actor:
    ctx = person_context(ent, gaz)
    actor = Actor(
        id=person.id if person else f"person:{slugify(name)}",
        name=person.name if person else name,
        kind="person",
        country=(person.country if person else None) or ctx.country,
        sector=ctx.sector,
        role=ctx.role,
        affiliation=ctx.affiliation,
    )
    period = person.role_on(day) if person else None
    if period is not None:
        # the dictionary knows the office held on the article date
        actor.role, actor.sector = period.role, period.sector or actor.sector
        actor.affiliation = period.affiliation or actor.affiliation
    return actor


def _resolve(ent: Span, gaz: Gazetteer, day: str | None) -> Resolved | None:
    text = ent.text
    if ent.label_ == "PERSON":
        if is_role_word_span(ent, gaz):
            return None
        name = re.sub(r"[\u2019']s$", "", text).strip()
        person = gaz.person(name)
        if " " not in name and person is None:
            person = gaz.person_by_surname(name, day)
            if person is None:
                return None  # a lone name: surname propagation decides what it is
        return Resolved(
            _person_actor(name, person, ent, day, gaz), (ent.start_char, ent.start_char + len(name))
        )
    if ent.label_ in ("GPE", "LOC", "NORP", "FAC"):
        place = gaz.place(text)
        if place is not None:
            return _resolve_place(ent, place, gaz)
        org = gaz.org(text)
        if org is not None:
            return _resolve_org(ent, gaz)
        bare = re.sub(r"[\u2019']s$", "", text)
        person = gaz.person(bare) or (gaz.person_by_surname(bare, day) if " " not in bare else None)
        if person is not None:  # "Blinken's" tagged GPE
            return Resolved(_person_actor(person.name, person, ent, day, gaz), (ent.start_char, ent.end_char))
        return None
    if ent.label_ == "ORG":
        place = gaz.place(text)
        if place is not None:
            return _resolve_place(ent, place, gaz)
        return _resolve_org(ent, gaz)
    return None


def generic_body_sector(ent: Span, gaz: Gazetteer) -> str | None:
    """Sector of a mention that names a state body by its kind alone ("Congress", "the Senate").

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> doc = load_nlp()("In Peru, Congress voted on Tuesday.")
    >>> generic_body_sector(doc[3:4], load_gazetteer())
    'LEG'
    """
    if ent.label_ == "PERSON":
        return None
    text = re.sub(r"^the\s+", "", re.sub(r"[\u2019']s$", "", ent.text), flags=re.I)
    sector = gaz.role_sectors.get(text.lower().strip())
    return sector if sector in BODY_SECTORS else None


def _place_of(tok: Token, gaz: Gazetteer) -> Place | None:
    """The place a token's phrase names ("Peru" in "Peru's", "Philippine", "South Korea")."""
    words = [t.text for t in tok.subtree if t.dep_ not in ("case", "det", "punct") and t.i <= tok.i]
    return gaz.place(" ".join(words)) or gaz.place(tok.text)


def _home_places(span: Span, gaz: Gazetteer, strict: bool) -> list[tuple[int, str]]:
    """(token index, country) of the places that set where ``span``'s clauses happen.

    A place is a setting when it is the object of "in"/"at" attached to a verb ("In Peru,
    Congress voted"), or when it qualifies a legislature word ("Peruvian lawmakers"). Unless
    ``strict``, also when it qualifies any role noun ("Peru's president") or is a subject. Places
    that are only acted upon ("sanctions on Russia", "criticized China") set nothing.
    """
    found = []
    for tok in span:
        place = _place_of(tok, gaz) if tok.ent_type_ in ("GPE", "NORP", "LOC", "FAC") else None
        if place is None or (tok.ent_iob_ != "B" and tok.head.ent_type_ == tok.ent_type_):
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in SETTING_PREPS and head.head.pos_ in ("VERB", "AUX"):
            found.append((tok.i, place.iso3))
        elif tok.dep_ in ("poss", "amod", "compound", "nmod") and (sector := gaz.role_sector(head.text)):
            if sector == "LEG" or not strict:
                found.append((tok.i, place.iso3))
        elif not strict and tok.dep_ in ("nsubj", "nsubjpass"):
            found.append((tok.i, place.iso3))
    return found


@dataclass
class ArticleSettings:
    """Per sentence (by its first token), the countries that set where its clauses happen, and
    how often the article names the US at all: computed once per article, for ``body_country``."""

    by_sentence: dict[int, list[str]]
    usa: int


def article_settings(doc: Doc, gaz: Gazetteer) -> ArticleSettings:
    by_sentence = {
        sent.start: [iso3 for _i, iso3 in _home_places(sent, gaz, strict=False)] for sent in doc.sents
    }
    # Any mention of the US anywhere, in any role, speaks for the default.
    usa = sum(
        1
        for e in doc.ents
        if e.label_ in ("GPE", "NORP", "LOC", "FAC") and (p := gaz.place(e.text)) and p.iso3 == "USA"
    )
    return ArticleSettings(by_sentence, usa)


def body_country(ent: Span, gaz: Gazetteer, settings: ArticleSettings | None = None) -> str | None:
    """The country a bare state body ("Congress", "the Senate") belongs to, from its context.

    In order: its own modifier ("Peru's Congress", "the Philippine Senate", "the Congress of
    Peru"); the setting of its sentence ("In Peru, Congress voted"), the nearest if several; the
    article's dominant setting in the other sentences, when it outnumbers all mentions of the US
    twice over (English news means the US Congress by a bare "Congress" unless told otherwise). None when
    the context says nothing: the dictionary's entry stands. ``settings``: ``article_settings`` of
    the document, when the caller has it already.
    """
    root = ent.root
    for child in root.children:
        modifier = child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < root.i
        if modifier and (place := _place_of(child, gaz)) is not None:
            return place.iso3
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and (place := _place_of(obj, gaz)) is not None:
                    return place.iso3
    sent = ent.sent
    near = sorted(_home_places(sent, gaz, strict=True), key=lambda f: abs(f[0] - root.i))
    if near:
        return near[0][1]
    settings = settings or article_settings(ent.doc, gaz)
    counts: dict[str, int] = {}
    for start, countries in settings.by_sentence.items():
        if start != sent.start:
            for iso3 in countries:
                counts[iso3] = counts.get(iso3, 0) + 1
    counts.pop("USA", None)
    if counts:
        best = max(counts, key=lambda c: counts[c])
        if counts[best] > 2 * settings.usa:
            return best
    return None


def _merge(into: dict[str, Actor], found: Actor, span: tuple[int, int]) -> None:
    actor = into.get(found.id)
    if actor is None:
        actor = into[found.id] = found
    else:
        for attr in ("role", "affiliation", "country", "sector"):
            if getattr(actor, attr) is None and getattr(found, attr) is not None:
                setattr(actor, attr, getattr(found, attr))
    if span not in actor.mentions:
        actor.mentions.append(span)


def _covered(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)


def _propagate_surnames(doc: Doc, actors: dict[str, Actor], gaz: Gazetteer) -> None:
    """Add surname-only mentions ("Swaine said", "Blinken's trip") of people named in full."""
    taken = [m for a in actors.values() for m in a.mentions]
    keys: dict[str, Actor] = {}
    for actor in actors.values():
        if actor.kind != "person":
            continue
        parts = [p for p in actor.name.split() if not re.fullmatch(r"(?:Jr|Sr|II|III)\.?", p)]
        if len(parts) >= 2:
            keys.setdefault(parts[-1], actor)
        person = gaz.person(actor.name)
        for alias in person.aliases if person else ():
            if " " not in alias:
                keys.setdefault(alias, actor)
    if not keys:
        return
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)) + r")\b"
    )
    for match in pattern.finditer(doc_text(doc)):
        span = (match.start(), match.end())
        if not _covered(span, taken):
            keys[match.group(1)].mentions.append(span)
            taken.append(span)


def _merge_abbreviations(doc: Doc, actors: dict[str, Actor]) -> None:
    """One actor for a name and the abbreviation the article defines for it.

    "Kurdistan Democratic Party (KDP) ... accuses the KDP" gives the party all three mentions;
    an abbreviation the dictionary knows as an actor of its own keeps it.
    """
    text = doc_text(doc)
    for abbr, name in doc.user_data.get(ABBREVIATIONS_KEY, {}).items():
        short = actors.get(f"org:{slugify(abbr)}")
        full = next((a for a in actors.values() if any(text[s:e] == name for s, e in a.mentions)), None)
        if short is None or full is None or short is full:
            continue
        for span in short.mentions:
            _merge(actors, full, span)
        del actors[short.id]


def extract_actors(analysis: Analysis, doc: Doc) -> Analysis:
    """Fill ``analysis.actors`` with resolved actors and every mention span.

    >>> from dyadwatch.pipeline import analyze
    >>> a = analyze("US Secretary of State Antony Blinken met Chinese officials. Blinken said so.")
    >>> blinken = a.actor("person:antony-blinken")
    >>> (blinken.country, blinken.sector, len(blinken.mentions))
    ('USA', 'GOV', 2)
    """
    gaz = load_gazetteer()
    day = analysis.article.published
    actors: dict[str, Actor] = {}
    credits = [m.span() for m in CREDIT.finditer(doc_text(doc))]
    # Places and organisations inside a person's title ("US Secretary of State Antony Blinken")
    # describe that person: they become its country/affiliation, not actors of their own.
    in_titles: set[int] = set()
    settings: ArticleSettings | None = None  # computed at the first bare state body, if any
    for ent in doc.ents:
        if ent.label_ == "PERSON" and (title := title_before(ent)) is not None:
            in_titles.update(range(title.start, title.end))
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or _covered((ent.start_char, ent.end_char), credits):
            continue
        if ent.label_ != "PERSON" and ent.start in in_titles:
            if ent.label_ in ("GPE", "NORP") and (place := gaz.place(ent.text)) is not None:
                _merge(actors, _state(place.iso3), (ent.start_char, ent.end_char))
            continue
        resolved = _resolve(ent, gaz, day)
        if (sector := generic_body_sector(ent, gaz)) is not None:
            settings = settings or article_settings(doc, gaz)
            country = body_country(ent, gaz, settings)
            dictionary = resolved.actor.country if resolved is not None else None
            if country is not None and country != dictionary:
                resolved = Resolved(_group(country, sector, gaz), (ent.start_char, ent.end_char))
        if resolved is not None:
            _merge(actors, resolved.actor, resolved.span)
    _propagate_surnames(doc, actors, gaz)
    _merge_abbreviations(doc, actors)
    body_end = analysis.article.body_end or len(analysis.article.text)
    for actor in actors.values():
        actor.mentions.sort()
        actor.caption_mentions = [m for m in actor.mentions if m[0] >= body_end]
    analysis.actors = sorted(actors.values(), key=lambda a: a.mentions[0] if a.mentions else (0, 0))
    return analysis
