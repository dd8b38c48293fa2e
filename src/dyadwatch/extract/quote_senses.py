"""Senses of cue words that report nothing, for the quote stage.

A reporting verb or noun is read as speech by default; these checks catch the readings that are
not: an "attack" by force, a hearsay participle describing a noun, and a wire dateline the parse
took for the speaker. Each was found in the news corpus or PolNeAR and left PolNeAR's figures
unchanged (train half and dev).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from dyadwatch.extract.quote_cues import CueLexicon, cue_lemma
from dyadwatch.model import Span

_CAPS_RUN = re.compile(r"[A-Z .,'\t\xa0]*")  # "NEW " before "YORK --"


def past_dateline(subj: Token, text: str) -> Token:
    """ "WASHINGTON -- President Obama, dedicating ..., said": the parse takes the dateline for the
    subject and the speaker for its apposition; the speaker is the name after the dash."""
    line_start = text.rfind("\n", 0, subj.idx) + 1
    if not subj.text.isupper() or len(subj.text) < 3 or not _CAPS_RUN.fullmatch(text[line_start : subj.idx]):
        return subj
    nxt = subj.doc[subj.i + 1] if subj.i + 1 < len(subj.doc) else None
    if nxt is None or nxt.text not in ("--", "—", "–", "-", "―"):
        return subj
    after = [c for c in subj.children if c.dep_ == "appos" and c.i > nxt.i]
    # "NEW YORK -- Mayor Bill de Blasio ... said": or a second subject of the same verb.
    after += [c for c in subj.head.children if c.dep_ == "nsubj" and c.i > nxt.i]
    return min(after, key=lambda t: t.i, default=subj)


def reduced_passive(tok: Token, lex: CueLexicon) -> bool:
    """ "The YPG militia, said to number 10,000 fighters, is not giving an inch", "the rebels, said
    by officials to be exhausted, ...": a participle between commas describes the noun (hearsay
    about it); the parse reads it as the noun saying the rest of the sentence."""
    # Only verbs with a passive of hearsay ("said to", "believed to"); "Pam Bondi, vowed to go
    # after ..." closes an apposition and vows.
    if tok.tag_ not in ("VBD", "VBN") or cue_lemma(tok) not in lex.passive_verbs:
        return False
    if tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    doc = tok.doc
    if doc[tok.i - 1].text != "," or any(c.dep_ == "aux" for c in tok.lefts):
        return False
    # "said to number ...", "said by officials to be ...", but not "said by then the talks ...".
    rest = doc[tok.i + 1 : min(len(doc), tok.i + 8)]
    for a, b in zip(rest, rest[1:], strict=False):
        if a.is_punct:
            return False
        if a.lower_ == "to" and b.tag_ == "VB":
            return rest[0].lower_ in ("to", "by")
    return False


def is_force(cue: Token, speaker: Token, content: Span, lex: CueLexicon) -> bool:
    """Whether an "attack" is a blow, not words: its target is a place, a building, troops or the
    like ("attacked the USS Cole", "its attacks on Syrian government troops"), or the noun is armed
    ("militant attack"). A country is a target of force unless a person attacks it ("Trump attacked
    China over trade" is words; "Russia's attack on the Danish island" is not)."""
    if cue_lemma(cue) not in lex.force_cues:
        return False
    if any(c.dep_ in ("amod", "compound") and c.lower_ in lex.force_modifiers for c in cue.children):
        return True
    span = cue.doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return False
    # The target: the content's head, and the cue's objects where the parse splits them off ("attack
    # their longtime foe the Kurdish militants" hangs "foe" on the verb).
    targets = [span.root] + [c for c in cue.children if c.dep_ in ("dobj", "conj")]
    targets += [g for c in targets for g in c.children if g.dep_ in ("dobj", "appos")]
    # A place or vessel takes an article ("the USS Cole"); the small model also tags surnames FAC.
    placed = [t for t in targets if t.ent_type_ in _FORCE_ENTS and any(c.dep_ == "det" for c in t.children)]
    if placed or any(t.lower_ in lex.force_targets or t.lemma_.lower() in lex.force_targets for t in targets):
        return True
    person = speaker.ent_type_ == "PERSON" or speaker.lower_ in ("he", "she", "i", "we", "you")
    person = person or (speaker.pos_ == "PROPN" and not speaker.ent_type_)
    return span.root.ent_type_ == "GPE" and not person


# Places, buildings and vehicles ("the USS Cole" is a PRODUCT): what is attacked by force.
_FORCE_ENTS = frozenset({"FAC", "LOC", "PRODUCT"})
