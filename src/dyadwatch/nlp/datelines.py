"""Datelines: the place a wire story was filed from, which the small model often misses.

Wire copy names the filing place in capitals, with its country or state, before the date or the
agency::

    "BOGOTA , Colombia 1996-08-30"        -> "BOGOTA" | "Colombia"
    "WIGAN , England 1996-08-31"          -> "WIGAN" | "England" (the model's DATE
                                             "England 1996-08-31" is cut back to the date)
    "DELRAY BEACH, Florida (AP)"          -> "DELRAY BEACH" | "Florida"
    "BEIJING, Feb. 12 (Xinhua) -- ..."    -> "BEIJING"

Both parts are places (GPE). A dateline is recognised only where it is unmistakable: capitals
for the place, then either a date closing the line (Reuters' style) or a news agency in
brackets. Entities the model put across a dateline's parts are replaced; dictionary matches
(set by the entity ruler) are left alone, and a date keeps what is left of its span.

AP runs the byline into the dateline ("By JOHN ROGERS LOS ANGELES (AP)"), so a run of capitals
may start with the author's name. The place is then the run without the byline's first two
words (three with a middle initial); elsewhere the model's own place at the run's end, the words
after a name the model found inside the run, or the longest dictionary place ending the run.
A legislature used as a dateline (South Africa's "PARLIAMENT, ... (ANA)") is not a place.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyadwatch.nlp.doc_cache import doc_text
from dyadwatch.nlp.guard import never_fails
from dyadwatch.ontology.gazetteer import load_gazetteer

PLACE = "GPE"
_CITY = r"(?P<city>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,5})"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "Colombia", "Northern Ireland", "N.H.", but not a month ("Feb. 12" is the date)
_REGION = (
    r"(?P<region>(?!" + _MONTH + r" \d)(?:[A-Z][a-z][\w'-]*(?: [A-Z][a-z][\w'-]*){0,2}|(?:[A-Z]\.){2,3}))"
)
_AGENCIES = r"AP|AFP|Reuters|Xinhua|SAPA|Sapa|UPI|dpa|DPA|ANA|IANS|PTI|Kyodo|Yonhap|TASS|Bernama|Anadolu|IRNA|KUNA|WAM|MENA|ANSA|EFE|Sputnik|Interfax"
DATELINE = re.compile(
    r"(?m)(?:^|(?<=\s))" + _CITY + r"(?: ?, ?" + _REGION + r")?"
    r"(?=[ \t]+\d{4}-\d\d-\d\d[ \t]*$|(?:,? " + _MONTH + r" \d{1,2})? \((?:" + _AGENCIES + r")\))"
)
# A dateline run into the text before it, as scraped wire copy has it: "Denmark Extends Temporary
# Controls ... – Ministry MOSCOW, May 2 (Sputnik) - Denmark has prolonged ...". The headline and
# byline before it belong to no sentence of the story.
LEAD = re.compile(
    _CITY + r"(?: ?, ?" + _REGION + r")?(?:,? " + _MONTH + r" \d{1,2})? \((?:" + _AGENCIES + r")\)"
    r"[ \t]*(?:--|[-–—])[ \t]*"
)
BYLINE_WORDS = frozenset({"by", "and", "&"})
INSTITUTIONS = frozenset({"parliament", "congress", "senate", "united nations"})


def _city_start(doc: Doc, words: list[Span]) -> int:
    """Index into ``words`` (the capitalised words of a dateline's place run) where the place starts."""
    first = words[0]
    if first.start > 0 and doc[first.start - 1].lower_ in BYLINE_WORDS and len(words) >= 3:
        author = 3 if len(words) >= 4 and re.fullmatch(r"[A-Z]\.", words[1].text) else 2
        return author
    for k in (3, 2):
        # the byline repeated in capitals: "Paul Martin PAUL MARTIN RUSTENBURG"
        before = doc[max(0, first.start - k) : first.start]
        if len(words) > k and before.text.lower() == " ".join(w.text for w in words[:k]).lower():
            return k
    for ent in doc.ents:
        inside = first.start <= ent.start < words[-1].end
        if inside and ent.end == words[-1].end and ent.label_ in ("GPE", "LOC") and ent.start > first.start:
            return next(k for k, w in enumerate(words) if w.start == ent.start)
        if inside and first.start <= ent.end - 1 < words[-1].start and ent.label_ in ("PERSON", "ORG"):
            return next(k for k, w in enumerate(words) if w.start >= ent.end)
    gazetteer = load_gazetteer()
    for k in range(1, len(words)):
        if gazetteer.place(" ".join(w.text for w in words[k:])) is not None:
            return k
    return 0


def _city(doc: Doc, start: int, end: int) -> Span | None:
    """The place within a run of capitals at ``start:end`` (character offsets), bylines cut off."""
    run = doc.char_span(start, end, alignment_mode="expand")
    if run is None:
        return None
    words = [doc[i : i + 1] for i in range(run.start, run.end) if not doc[i].is_space]
    # glued pieces ("TONG-HYUNG", "D'EMILIO") are one word of the run
    merged: list[Span] = []
    for word in words:
        if merged and not doc[merged[-1].end - 1].whitespace_:
            merged[-1] = doc[merged[-1].start : word.end]
        else:
            merged.append(word)
    city = doc[merged[_city_start(doc, merged)].start : run.end]
    if city.text.lower() in INSTITUTIONS:
        return None
    return Span(doc, city.start, city.end, label=PLACE)


def dateline_places(doc: Doc) -> list[Span]:
    """Place spans of the doc's datelines.

    >>> import spacy
    >>> doc = spacy.blank("en")("ROCHESTER , N.H. 1996-08-30\\nAn explosion leveled a motel .")
    >>> [s.text for s in dateline_places(doc)]
    ['ROCHESTER', 'N.H.']
    """
    spans = []
    for match in DATELINE.finditer(doc_text(doc)):
        if not any(c.isalpha() for c in match.group("city")[1:]):
            continue
        city = _city(doc, *match.span("city"))
        if city is None:
            continue
        spans.append(city)
        if match.group("region"):
            region = doc.char_span(*match.span("region"), label=PLACE, alignment_mode="expand")
            if region is not None:
                spans.append(region)
    return spans


@Language.component("dyadwatch_datelines")
@never_fails("dyadwatch_datelines")
def mark_datelines(doc: Doc) -> Doc:
    """Label dateline places where the model missed or mis-cut them."""
    places = dateline_places(doc)
    if not places:
        return doc
    ents = list(doc.ents)
    dictionary = [e for e in ents if e.ent_id_]
    places = [p for p in places if not any(d.start < p.end and p.start < d.end for d in dictionary)]
    if not places:
        return doc
    taken = {i for p in places for i in range(p.start, p.end)}
    kept: list[Span] = []
    for ent in ents:
        if not taken.intersection(range(ent.start, ent.end)):
            kept.append(ent)
        elif ent.label_ == "DATE":
            # "England 1996-08-31" read as one date: the date keeps its own tokens
            rest = [i for i in range(ent.start, ent.end) if i not in taken]
            if rest and any(ch.isdigit() for i in rest for ch in doc[i].text):
                kept.append(Span(doc, rest[0], rest[-1] + 1, label="DATE"))
    doc.ents = sorted(kept + places, key=lambda e: e.start)
    return doc
