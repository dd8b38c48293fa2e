"""Repair the statistical NER's name spans where their shape shows they are wrong.

The small model often runs one name into the next or into the words around it, most of all in
lists, results tables, headlines and bracketed asides::

    "Romania - Cosmin Contra ( 31st )"    -> "Romania" | "Cosmin Contra"
    "Buducnost 1 Red Star 3"              -> "Buducnost" | "Red Star"
    "Russia's Interfax news agency"       -> "Interfax"
    "( Olympic champion Lindsay ) Davenport" -> "Lindsay"
    "288 Jose Coceres"                    -> "Jose Coceres"
    "3,000 naira"                         -> (no name: nothing capitalised)

A name never contains a spaced dash, a bracket, a bare number between its words or a line
break, and it ends on a capitalised word: each entity is cut at those breaks, every piece is
trimmed of trailing lower-case words and leading numbers, and the pieces that still hold a
capitalised word stay entities of the same label. Dictionary matches (set by the entity ruler
before the NER) are left as they are: they are names by construction. The component runs right
after the NER, so the place ruler after it can still label a freed piece ("Romania") by the
dictionary.

Pure function of the doc's own tokens; no token attribute changes, only ``doc.ents``.
"""

# No ``from __future__ import annotations`` here: spaCy resolves the factory's argument types at
# run time (confection validates them with pydantic), and postponed annotations are bare strings.
import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyadwatch.nlp.doc_cache import doc_text
from dyadwatch.nlp.guard import never_fails
from dyadwatch.nlp.non_names import is_non_name, slug_ranges

# Only names are repaired; dates, quantities and the like keep the model's span.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
BRACKETS = frozenset({"(", ")", "[", "]", "{", "}"})
# A bare figure: "1", "3,000", "1996-08-31", "15-8" -- not "20th", "3M" or "G20".
FIGURE = re.compile(r"[\d][\d.,:/-]*")


def _is_break(token: Token, end: int) -> bool:
    """A token no name can contain: a line break, a bracket, a spaced dash, or a bare figure with
    more name after it (``end``: the entity's end) -- "SABC 2" and "Koeberg Unit 1" end on one."""
    if "\n" in token.text_with_ws and token.is_space:
        return True
    if token.text in BRACKETS:
        return True
    if FIGURE.fullmatch(token.text):
        return any(t.text[:1].isupper() for t in token.doc[token.i + 1 : end])
    # a dash with space on both sides separates ("Romania - Cosmin"); "Guinea-Bissau" is one token
    spaced_before = token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text in DASHES and spaced_before and bool(token.whitespace_)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without leading punctuation, space or figures, or trailing lower-case words
    and punctuation that stand apart ("Interfax news agency", "City Press,")."""
    while start < end and (doc[start].is_punct or doc[start].is_space or FIGURE.fullmatch(doc[start].text)):
        start += 1
    # "the" stays: the actor stage reads "the Senate" and trims it itself
    while end > start and (doc[end - 1].is_lower or doc[end - 1].is_punct or doc[end - 1].is_space):
        glued = end - start > 1 and not doc[end - 2].whitespace_ and not doc[end - 2].is_space
        if glued and doc[end - 1].text not in ("'", "\u2019"):
            break  # part of the word before: "U.S.", "Corp.", "AT&T", "Park Geun-hye"
        end -= 1
    return start, end


def repaired_pieces(ent: Span) -> list[Span]:
    """The name pieces an entity span really holds (the span itself when it needs no repair).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Romania - Cosmin Contra ( 31st )")
    >>> [p.text for p in repaired_pieces(Span(doc, 0, 7, label="PERSON"))]
    ['Romania', 'Cosmin Contra']
    """
    doc = ent.doc
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i < ent.end and not _is_break(doc[i], ent.end):
            continue
        s, e = _trimmed(doc, start, i)
        if e > s and any(c.isupper() for c in doc[s:e].text):
            pieces.append(Span(doc, s, e, label=ent.label, kb_id=ent.kb_id))
        start = i + 1
    if len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (ent.start, ent.end):
        return [ent]
    return pieces


def _opens_sentence(token: Token) -> bool:
    """Whether a capital on ``token`` may be there for its position alone (sentence or line start,
    after a colon, dash, bracket or quotation mark)."""
    if token.is_sent_start:
        return True
    prev = token.doc[token.i - 1]
    while prev.is_space and prev.i > 0:
        if "\n" in prev.text:
            return True
        prev = prev.doc[prev.i - 1]
    return prev.is_punct and prev.text not in (",", "&")


def name_evidence(doc: Doc) -> set[str]:
    """Capitalised words the document uses inside a sentence, where a capital marks a name."""
    return {t.text for t in doc if t.text[:1].isupper() and not _opens_sentence(t)}


def _common_word(word: str, common: Callable[[str], bool]) -> bool:
    lower = word.lower()
    return common(lower) or (lower.endswith("s") and (common(lower[:-1]) or common(lower[:-2])))


@Language.factory("dyadwatch_entity_repairs")
def make_entity_repairs(nlp: Language, name: str) -> "EntityRepairs":
    return EntityRepairs(common_words(nlp))


def common_words(nlp: Language) -> Callable[[str], bool]:
    """Membership in the lemmatizer's word lists (WordNet nouns, verbs, adjectives, adverbs)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    # the cached lemmatizer (fast_components) wraps spaCy's, which holds the lists
    lookups = getattr(getattr(lemmatizer, "lemmatizer", lemmatizer), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return lambda word: False
    table = lookups.get_table("lemma_index")
    words = frozenset(w for key in table for w in table[key])
    return words.__contains__


# "Kurdistan Democratic Party (KDP)": a short all-capital form defined right after a name.
ABBREVIATION = re.compile(r"[A-Z][A-Z0-9.&-]{1,7}")
# doc.user_data key of the abbreviations a document defines: {"KDP": "Kurdistan Democratic Party"}
ABBREVIATIONS_KEY = "dyadwatch_abbreviations"
# the same form in brackets, to find definitions in the text before looking at tokens
BRACKETED = re.compile(r"\(\s*" + ABBREVIATION.pattern + r"\s*\)")


def long_form(doc: Doc, paren: int, abbr: str) -> tuple[int, int] | None:
    """Token bounds of the name an abbreviation in brackets at ``paren`` stands for, if any.

    The abbreviation's letters are matched right to left against the initials of the
    capitalised words before the bracket (Schwartz and Hearst's rule, on word initials): "London
    International Financial Futures and Options Exchange (LIFFE)" and "Kurdistan Democratic Party
    (KDP)" match; "Doha (AFP)" does not.
    """
    letters = [c for c in abbr if c.isalpha()]
    i = paren - 1
    start = None
    for letter in reversed(letters):
        while i >= 0 and i >= paren - 2 * len(letters) - 3:
            tok = doc[i]
            i -= 1
            if tok.is_sent_start and tok.text[:1] != letter:
                return None
            if tok.text[:1] == letter:
                start = tok.i
                break
            if not (tok.is_lower or tok.is_punct or tok.text[:1].isupper()):
                return None
        else:
            return None
    if start is None or not doc[paren - 1].text[:1].isupper():
        return None
    return start, paren


def defined_abbreviations(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities for abbreviations the document defines, and for the names they stand for.

    "... the Kurdistan Democratic Party (KDP) ... The PUK accuses the KDP of ..." makes the full
    name and both "KDP" entities of one label: the label of the model's entity on the name if it
    found one (it may have cut the name short), else ORG.
    """
    out: list[Span] = []
    defined: dict[str, str] = {}
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    # the text is searched first: a token loop over every article would cost more than the rest
    for match in BRACKETED.finditer(doc_text(doc)):
        opening = doc.char_span(match.start(), match.start() + 1)
        if opening is None or opening.end + 2 > len(doc):
            continue
        tok, abbr, close = doc[opening.start], doc[opening.start + 1], doc[opening.start + 2]
        if close.text != ")" or not ABBREVIATION.fullmatch(abbr.text):
            continue
        bounds = long_form(doc, tok.i, abbr.text)
        if bounds is None or abbr.text in defined:
            continue
        inside = {by_token[i] for i in range(*bounds) if i in by_token}
        if any(e.label_ not in NAME_LABELS for e in inside):
            continue  # a date or a number on the words: no name
        # the longest of the model's names on the words, the first of equals (a set has no order)
        label = max(sorted(inside, key=lambda e: e.start), key=len).label_ if inside else "ORG"
        defined[abbr.text] = label
        doc.user_data.setdefault(ABBREVIATIONS_KEY, {})[abbr.text] = doc[bounds[0] : bounds[1]].text
        if not any(e.start < bounds[0] for e in inside):  # else the model's longer name stays
            out.append(Span(doc, bounds[0], bounds[1], label=label))
    if not defined:
        return []
    # a use inside a longer name the model found stays part of it ("SABC News Channel")
    covered = set(by_token) | {i for span in out for i in range(span.start, span.end)}
    uses = re.compile(r"(?<![\w.&-])(?:" + "|".join(map(re.escape, defined)) + r")(?![\w&-])")
    for match in uses.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label=defined[match.group()])
        if span is not None and not covered.intersection(range(span.start, span.end)):
            out.append(span)
    return out


def _with_capital_the(piece: Span) -> Span:
    """A capitalised "The" inside a sentence belongs to the name after it ("at The Oval",
    "in The Hague"); at a sentence start it says nothing."""
    doc = piece.doc
    if piece.start == 0 or piece.label_ == "PERSON":
        return piece
    the = doc[piece.start - 1]
    # (a "The" inside another name stays there: "Ms. Yellen The Federal Reserve chairwoman")
    if the.text != "The" or _opens_sentence(the) or the.ent_iob_ != "O":
        return piece
    return Span(doc, piece.start - 1, piece.end, label=piece.label, kb_id=piece.kb_id)


# A news agency's office named after its city: "-- Sydney Newsroom 61-2 9373-1800".
OFFICE_WORDS = frozenset({"Newsroom", "Bureau"})


def _with_office(piece: Span) -> Span:
    """A place followed by "Newsroom" or "Bureau" is that office, an organisation."""
    doc = piece.doc
    word = doc[piece.end] if piece.end < len(doc) else None
    if (
        word is not None
        and word.text in OFFICE_WORDS
        and word.ent_iob_ == "O"
        and piece.label_ in ("GPE", "LOC", "ORG")
    ):
        return Span(doc, piece.start, piece.end + 1, label="ORG", kb_id=piece.kb_id)
    return piece


class EntityRepairs:
    """Pipeline component: cut and trim the NER's name spans (see the module docstring).

    Two more repairs need the whole document:

    - a lone capitalised common word the NER took for a name at the start of a sentence or line
      ("Attendance : 15,150", "Death does have ...", "SOCCER - ...") is dropped when the tagger
      does not call it a proper noun and the document never writes it with a capital inside a
      sentence, where a capital marks a name ("Turkey" and other dictionary places come back with
      the place ruler that runs after);
    - an abbreviation the document defines ("Kurdistan Democratic Party (KDP)") is an entity
      wherever it is used.

    Listed heading words, sport slugs and column head rows are dropped first
    (:mod:`dyadwatch.nlp.non_names`).
    """

    def __init__(self, common: Callable[[str], bool]) -> None:
        self.common = common
        self._guarded = never_fails("dyadwatch_entity_repairs")(self._repair)

    def _common_opening(self, piece: Span) -> bool:
        token = piece[0]
        return (
            len(piece) == 1
            and token.tag_ not in ("NNP", "NNPS")
            and _opens_sentence(token)
            and _common_word(token.text, self.common)
        )

    def __call__(self, doc: Doc) -> Doc:
        return self._guarded(doc)

    def _repair(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        changed = False
        evidence: set[str] | None = None
        slugs = slug_ranges(doc_text(doc))
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS or ent.ent_id_:
                ents.append(ent)  # not a name, or a dictionary match: kept as set
                continue
            kept = []
            for piece in repaired_pieces(ent):
                if is_non_name(piece, slugs):
                    continue
                if self._common_opening(piece):
                    evidence = name_evidence(doc) if evidence is None else evidence
                    if piece.text not in evidence:
                        continue
                kept.append(_with_office(_with_capital_the(piece)))
            changed = changed or kept != [ent]
            ents.extend(kept)
        if abbreviations := defined_abbreviations(doc, ents):
            # a defined name replaces the pieces of it the model found; uses fill gaps only
            taken = {i for span in abbreviations for i in range(span.start, span.end)}
            ents = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
            ents.extend(abbreviations)
            changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc
