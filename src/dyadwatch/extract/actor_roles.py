"""Role, affiliation and country of a person from the article's own words.

Three places carry them: a title before the name ("US Secretary of State Antony Blinken"), an
appositive after it ("Jude Blanchette, Freeman Chair in China Studies at the ... Centre for
Strategic and International Studies,") and a copular bio line ("Hannan Hussain is a foreign
affairs commentator ..."). Helpers of the actor stage only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from dyadwatch.ontology.gazetteer import Gazetteer, load_gazetteer

# Tokens that may sit inside a title before a name ("Secretary of State", "chief of staff").
TITLE_JOINERS = {"of", "for", "-", "in"}
APPOSITIVE_STOP = {",", ".", ";", ":", "(", ")", "\u2013", "\u2014", "\u201c", '"'}
NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "MNC", "ISM", "IMG"}
RELATIVE_STARTS = {"who", "which", "whose", "whom", "that", "where", "when"}


# What a role is not: a form of address or a modifier on its own ("Mr", "late", "former"), a
# date or number ("August 8", a phone number in a bio line), an event that happened to the
# person ("murder of ... owner", "mention of rival": the title chain ran across "of"), or a
# headline word in capitals ("SEVERE"). Such text comes from titles before a name in headlines
# and captions; the person is still an actor, only without a role.
NOT_A_ROLE = {"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "dame", "former", "late", "then", "now",
              "year-old", "national", "daily", "also", "and", "the"}  # fmt: skip
EVENT_OF = re.compile(
    r"^(?:mention|murder|killing|hijacking|trial|suicide|image|investigation|campaign|favou?r|death|"
    r"arrest|case|contention|support|supporters|nonprofit|election|release|visit|resignation|firing)\s+of\b",
    re.I,
)
DATE_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|"
    r"july|august|september|october|november|december)\b",
    re.I,
)


def plausible_role(role: str | None, gaz: Gazetteer) -> bool:
    """Whether a cleaned title or appositive can name what a person is.

    >>> plausible_role("Democratic presidential nominee", load_gazetteer())
    True
    >>> plausible_role("murder of Teazers strip club owner", load_gazetteer())
    False
    >>> plausible_role("+49 30 2852 31472", load_gazetteer())
    False
    """
    if not role or not (role[0].isalpha() or re.match(r"(?:19|20)\d\d [A-Za-z]", role)):  # "+49 30 ...", "’s"
        return False
    if len(role.split()) == 1 and (
        role.lower().strip(".") in NOT_A_ROLE or (role.isalpha() and role.isupper() and len(role) > 4)
    ):
        return False
    return not EVENT_OF.match(role) and not DATE_WORDS.search(role)


@dataclass
class RoleContext:
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    sector: str | None = None
    evidence: tuple[int, int] | None = None


def _clean_role(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|top|then)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^(?:\d+[- ])?year[- ]old\s+", "", text)  # an age, not a role: "57-year-old accountant"
    text = re.sub(r"\s+(?:also|too)$", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _country_in(span: Span, gaz: Gazetteer) -> str | None:
    """First country named or implied in a span ("US", "Chinese", "Washington-based")."""
    for token in span:
        place = gaz.place(token.text)
        if place is None and token.i + 1 < len(token.doc):
            place = gaz.place(f"{token.text} {token.doc[token.i + 1].text}")
        if place is not None:
            return place.iso3
    return None


def _org_in(span: Span, gaz: Gazetteer) -> tuple[str, str | None, str | None] | None:
    """(name, country, sector) of the last organisation named in a span."""
    found = None
    for ent in span.ents:
        if ent.label_ in ("ORG", "FAC") and not is_title_fragment(ent, gaz):
            org = gaz.org(ent.text)
            found = (org.name, org.country, org.sector) if org else (ent.text, _country_in(ent, gaz), None)
    return found


def title_before(ent: Span) -> Span | None:
    """The title words directly before a person's name in the same sentence."""
    doc = ent.doc
    i = ent.start
    sent_start = ent.sent.start
    while i > sent_start:
        tok = doc[i - 1]
        if tok.ent_type_ == "PERSON":
            break
        if (
            tok.pos_ in ("PROPN", "NOUN", "ADJ")
            or tok.lower_ in TITLE_JOINERS
            or tok.ent_type_ in ("GPE", "NORP", "ORG")
        ):
            if tok.lower_ in TITLE_JOINERS and i == ent.start:
                break
            i -= 1
            continue
        break
    # a title never starts with a joiner ("of")
    while i < ent.start and doc[i].lower_ in TITLE_JOINERS:
        i += 1
    if i == ent.start:
        return None
    return doc[i : ent.start]


def appositive_after(ent: Span) -> Span | None:
    """``Name, <appositive>,`` - the noun phrase set off by commas after a name."""
    doc = ent.doc
    if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
        return None
    start = ent.end + 1
    first = doc[start]
    if first.lower_ in RELATIVE_STARTS or first.pos_ in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"):
        return None
    end = start
    while end < len(doc) and doc[end].text not in APPOSITIVE_STOP and end < start + 30:
        tok = doc[end]
        if tok.pos_ in ("VERB", "AUX") and not tok.text.endswith("based") and tok.tag_ not in ("VBN", "VBG"):
            return None
        end += 1
    if end == start or end >= len(doc) or doc[end].text not in APPOSITIVE_STOP:
        return None
    span = doc[start:end]
    # An appositive names a role: it has a noun and no person of its own.
    if not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return None
    # An appositive names a role, not another person ("Freeman Chair" mis-tagged PERSON is fine).
    if any(e.label_ == "PERSON" and not is_role_word_span(e, load_gazetteer()) for e in span.ents):
        return None
    return span


def copular_bio(ent: Span) -> Span | None:
    """``Name is a <role> ...`` as in an author bio line."""
    doc = ent.doc
    if ent.end + 2 >= len(doc):
        return None
    if doc[ent.end].lower_ == "is" and doc[ent.end + 1].lower_ in ("a", "an", "the"):
        end = ent.end + 2
        while end < len(doc) and doc[end].text not in APPOSITIVE_STOP and doc[end].lower_ != "and":
            end += 1
        return doc[ent.end + 2 : end]
    return None


def _split_role(span: Span, gaz: Gazetteer) -> RoleContext:
    text = span.text
    ctx = RoleContext(evidence=(span.start_char, span.end_char))
    org = _org_in(span, gaz)
    role_text = text
    match = re.search(r"\s+(?:also\s+)?at\s+", text)
    if match:
        role_text = text[: match.start()]
    ctx.role = _clean_role(role_text)
    role_span = span.doc.char_span(
        span.start_char, span.start_char + len(role_text), alignment_mode="contract"
    )
    place_country = _country_in(role_span, gaz) if role_span is not None else None
    if org:
        ctx.affiliation, ctx.sector = org[0], org[2]
    if org and org[1] and org[1] not in NON_STATE_CODES:
        ctx.country = org[1]  # "at the Washington-based ... Centre" beats "China Studies"
    elif place_country:
        ctx.country = place_country
        ctx.role = _clean_role(_strip_country_words(ctx.role, gaz))
    elif org:
        ctx.country = org[1]
    if not plausible_role(ctx.role, gaz):
        ctx.role = None
    role_sector = sector_of_role(ctx.role, gaz)
    if role_sector:
        ctx.sector = role_sector
    return ctx


def _strip_country_words(role: str, gaz: Gazetteer) -> str:
    words = role.split()
    kept = [w for w in words if gaz.place(w) is None]
    return " ".join(kept) if kept else role


def sector_of_role(role: str | None, gaz: Gazetteer) -> str | None:
    """PLOVER sector of a role phrase: whole phrase, then its head before of/in/for/at."""
    if not role:
        return None
    sector = gaz.role_sector(role)
    if sector:
        return sector
    head = re.split(r"\s+(?:of|in|for|at)\s+", role, maxsplit=1)[0]
    return gaz.role_sector(head)


def person_context(ent: Span, gaz: Gazetteer) -> RoleContext:
    """Role, affiliation, country and sector for one person mention, from its context."""
    ctx = RoleContext()
    for span in (appositive_after(ent), copular_bio(ent), title_before(ent)):
        if span is None:
            continue
        found = _split_role(span, gaz)
        ctx.role = ctx.role or found.role
        ctx.affiliation = ctx.affiliation or found.affiliation
        ctx.country = ctx.country or found.country
        ctx.sector = ctx.sector or found.sector
        ctx.evidence = ctx.evidence or found.evidence
    return ctx


def is_title_fragment(ent: Span, gaz: Gazetteer) -> bool:
    """An entity that is part of a title: "State" (Secretary of State), "Defense" (Defense
    Secretary), "National Security" (National Security Adviser)."""
    if len(ent) == 1 and (ent.text.lower() == "state" or gaz.role_sector(ent.text) is not None):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.text[:1].isupper() and gaz.role_sector(nxt.text) is not None


def is_role_word_span(ent: Span, gaz: Gazetteer) -> bool:
    """spaCy tags "Freeman Chair" or "State" (of Secretary of State) as entities: reject them."""
    last = ent[-1].lower_
    return gaz.role_sector(last) is not None or last == "state"
