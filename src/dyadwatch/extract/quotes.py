"""Quote stage: direct quotations and reported speech with their speakers (DESIGN §2 ``quotes[]``).

Two passes over the parsed article. First every cue (a reporting verb from ``cues.yaml``,
"according to", a dash after a quotation) is attributed the quotation next to it ("“...,” Swaine
said", "he said: “...”") or, failing that, the reported clause from the parse ("US analysts said
on Monday"). Then quotations no cue claimed but which open a sentence are continuations: joined to
the previous direct quote when in its paragraph (one quote split by its cue), else given its
speaker as a quote of their own. Speakers resolve through the actor stage's mentions; pronouns
through earlier speakers (see ``quote_speakers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyadwatch.extract.quote_bounds import load_bounds_model, refine_bounds
from dyadwatch.extract.quote_content import (
    according_content,
    addressee_content,
    adjective_content,
    adjective_speaker,
    agent_passive_content,
    cut_asides,
    drop_leading_connective,
    hearsay_content,
    interposed_according,
    interposed_content,
    left_content,
    nominal_content,
    nominal_speaker,
    passive_content,
    question_content,
    relative_object_content,
    right_content,
    short_answer,
    someone,
    subject_of,
    trim,
)
from dyadwatch.extract.quote_cues import CueLexicon, cue_lemma, load_cues
from dyadwatch.extract.quote_marks import Quotation, find_quotations, is_title, words_in
from dyadwatch.extract.quote_senses import is_force, past_dateline, reduced_passive
from dyadwatch.extract.quote_speakers import FIRST_PERSON, SpeakerRef, SpeakerResolver, np_span
from dyadwatch.extract.quote_tagger import (
    TaggedAttribution,
    char_span,
    load_tagger,
    sentence_bounds,
    tag_sentence,
    token_features,
)
from dyadwatch.model import Analysis, Quote, Span
from dyadwatch.nlp.doc_cache import doc_text

# A quotation this short is a term or scare quote ("“unwavering”"), not a statement on its own.
MIN_DIRECT_WORDS = 3
_LEAD_GAP = re.compile(r"^[ \t\xa0,—–-]*\Z")
_INTRO_GAP = re.compile(r"^(?:[^\n.?!]{0,60}[:,])?[ \t\xa0]*\Z")
# After a quotation introduced by its cue the sentence must end: 'said "a disaster" for' is partial.
_ENDS_SENTENCE = re.compile(r"^[ \t\xa0]*(?:[.?!;)]|\n|$)")
# "Cruz continued:" at the end of a paragraph, the quotation opening the next one.
_COLON_BREAK = re.compile(r"^[ \t\xa0]*:[ \t\xa0]*\n\s*\Z")
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# Between the halves of a quote split by its cue the rest of the cue clause may stand: "“...,” he
# said of the campaign, “...”", "“...,” said Raffaello Pantucci, director of ..., “but ...”".
_NO_SPEAKER_WORDS = frozenset({"what", "which", "that", "it", "this", "there"})
# "Toomey fumed: “...”", "Trump shot back, “...”": only punctuation between an unlisted verb and
# the quotation it introduces.
_TIGHT_INTRO_GAP = re.compile(r"^[ \t\xa0]*[:,][ \t\xa0]*\Z")
_SPLIT_GAP = re.compile(r"^(?:[^\n.?!“”\"]{0,200}[,:])?[ \t\xa0]*\Z")


@dataclass
class _Found:
    parts: list[Span]
    cue: str | None
    cue_span: Span | None
    speaker: SpeakerRef
    direct: bool
    quotations: list[Quotation] = field(default_factory=list)
    speech: bool = False  # cued by a reporting verb proper (may nest inside another quote)
    # A source phrase ("..., according to CNN"): whatever its content reports, the source reports
    # too, so every attribution inside it nests ("“...,” Walker said, according to an AP account").
    reports_all: bool = False
    confidence: float | None = None  # set for the tagger's attributions


def _opens_sentence(text: str, q: Quotation) -> bool:
    """True when nothing but space stands between a sentence or paragraph end and the quotation."""
    i = q.start - 1
    while i >= 0 and text[i] in " \t\xa0":
        i -= 1
    return i < 0 or text[i] in '\n.?!:”"' or (text[i] in "—–-―(" and i > 0)


def _last_mark(text: str, q: Quotation) -> str:
    """The character before the closing mark: "." in “... face.” and in ''... face.'' (the New
    York Times closes with two single marks)."""
    close = 2 if text[q.end - 2 : q.end] == "''" else 1
    return text[q.end - close - 1 : q.end - close]


def _inside(quotations: list[Quotation], pos: int) -> Quotation | None:
    return next((q for q in quotations if q.start < pos < q.end - 1), None)


def _quote_before(text: str, quotes: list[Quotation], cue: Token, subj: Token | None) -> Quotation | None:
    """“...,” Swaine said / “...,” said Davidson: the quotation ending right before the cue clause."""
    frame = cue.idx
    # "“... all areas of the state.” She noted a planned rally": a cue with words of its own after
    # it opens a new sentence; the quotation before it is someone's earlier statement.
    own_words = any(
        (c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ == "NOUN"))
        and _inside(quotes, c.idx) is None
        for c in cue.rights
    )
    # Only the cue's own subject frames it: in "“...,” Anderson said, adding that ..." the
    # participle borrows "Anderson" from "said", and the quotation belongs to "said".
    if subj is not None and subj.i < cue.i and subj.head.i == cue.i:
        frame = min(frame, np_span(subj)[0])
    for q in quotes:
        if q.end <= frame and _LEAD_GAP.match(text[q.end : frame]) and _opens_sentence(text, q):
            if own_words and _last_mark(text, q) == ".":
                return None
            return q
    return None


def _clause_between(cue: Token, start: int, q: Quotation, subj: Token | None = None) -> bool:
    """True when a verb stands between the cue clause and the quotation: in "said he rarely asks
    surrogates, “except for ...”" the quotation ends reported speech and is no quote of its own.
    The verbs of a speaker's relative clause do not count ("Said Dorothy Poynter, who grew up with
    Ali in the neighborhood, “We were all so proud of him.”")."""
    span = cue.doc.char_span(start, q.start, alignment_mode="contract")
    own = {t.i for t in subj.subtree} if subj is not None and subj.i > cue.i else set()
    return span is not None and any(t.pos_ in ("VERB", "AUX") and t.i not in own for t in span)


def _quote_after(
    text: str, quotes: list[Quotation], cue: Token, subj: Token | None, gap_rule: re.Pattern[str] = _INTRO_GAP
) -> Quotation | None:
    """He said: “...” / Swaine told NBC, “...”: the quotation right after the cue clause."""
    end = cue.idx + len(cue.text)
    if subj is not None and subj.i > cue.i:
        end = max(end, np_span(subj)[1])
    for q in quotes:
        if q.start >= end:
            gap = text[end : q.start]
            ends = _last_mark(text, q) in (".", "?", "!", ",") or _ENDS_SENTENCE.match(text[q.end :])
            opens = gap_rule.match(gap) or (gap_rule is _INTRO_GAP and _COLON_BREAK.match(gap))
            if opens and not _THAT.search(gap) and ends and not _clause_between(cue, end, q, subj):
                return q
            return None
    return None


_RELATIVE_OBJECTS = frozenset({"what", "which", "whom"})


def _relative_gap(cue: Token, content: Span) -> Span | None:
    """The relative pronoun that opens ``content`` before the cue ("which ... says he ..."), or
    that is the cue's own fronted object ("what he called ''our arguments''")."""
    doc = cue.doc
    first = doc.char_span(content[0], content[0] + 1, alignment_mode="expand")
    if first is not None and first[0].i < cue.i and first[0].lower_ in _RELATIVE_OBJECTS:
        return first[0].idx, first[0].idx + len(first[0].text)
    own = next((c for c in cue.lefts if c.dep_ == "dobj" and c.lower_ in _RELATIVE_OBJECTS), None)
    if own is not None and content[0] > cue.idx:
        return own.idx, own.idx + len(own.text)
    return None


# "as the campaign continues": verbs whose "as" clause tells the time, not the source.
_GOING_ON = frozenset({"continue"})


def _as_clause(cue: Token) -> bool:
    """True for a cue in an "as" clause on the sentence: "As The Post reported, ...", "...,
    as Politico reported"."""
    return cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.lefts)


def _line_opening_subject(cue: Token, text: str) -> Token | None:
    """The name that opens the cue's line right before a finite cue ("...Zika Virus\nChris Christie
    said he would ..."): where the parse runs a sentence over a line break (live blogs, headlines)
    it hangs the name on the line before and leaves the cue without a subject."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0:
        return None
    head = cue.doc[cue.i - 1]
    if head.pos_ != "PROPN":
        return None
    first = head
    while first.i > 0 and cue.doc[first.i - 1].pos_ == "PROPN" and not cue.doc[first.i - 1].is_space:
        first = cue.doc[first.i - 1]
    line_start = text.rfind("\n", 0, first.idx) + 1
    return head if text[line_start : first.idx].strip() == "" else None


_CLOSES_QUOTATION = re.compile(r"[,?!][”\"'][ \t\xa0]*\Z|,''[ \t\xa0]*\Z")


def _mistagged_name(tok: Token) -> bool:
    """'“It is valuable,” said Skelly.': the small model tags a surname it does not know as an
    adverb or noun; capitalised after the cue and closed by punctuation, it is the speaker."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        tok.is_title
        and tok.pos_ in ("ADV", "NOUN", "ADJ", "VERB")
        and (nxt is None or nxt.text in (",", ".", "’s", "'s"))
    )


def _inverted_subject(cue: Token, text: str, quotes: list[Quotation]) -> Token | None:
    """The name right after a finite cue that follows a quotation ('"The risk," said Edward Leamer,
    an economist, "is that ..."'): where the parse hangs the cue off the quotation's second half it
    gives the name to that half's verb and leaves the cue without a subject."""
    if cue.tag_ not in ("VBD", "VBZ") or cue.i + 1 >= len(cue.doc):
        return None
    if not _CLOSES_QUOTATION.search(text, 0, cue.idx) or _inside(quotes, cue.idx):
        return None
    head = cue.doc[cue.i + 1]
    if head.pos_ != "PROPN" and not _mistagged_name(head):
        return None
    while head.i + 1 < len(cue.doc) and cue.doc[head.i + 1].pos_ == "PROPN":
        head = cue.doc[head.i + 1]
    return head


def _subject_outside(cue: Token, quotes: list[Quotation]) -> Token | None:
    """The cue's own subject outside any quotation (the parse may take a quoted word for one)."""
    return next((c for c in cue.children if c.dep_ == "nsubj" and not _inside(quotes, c.idx)), None)


def _stranded_subject(cue: Token, quotes: list[Quotation]) -> Token | None:
    """The noun right before a finite cue that has no subject ("After a day of tensions between
    two Republicans, House Speaker Paul Ryan’s office announced Friday that ..."): the parse has
    hung it on a phrase before it (here as a conjunct of "Republicans") and left the cue bare."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0 or cue.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    head = cue.doc[cue.i - 1]
    if head.pos_ not in ("NOUN", "PROPN") or head.head.i == cue.i or _inside(quotes, head.idx):
        return None
    # The noun must end a phrase of its own (its head lies before it), not lead into the cue.
    return head if head.head.i < head.i or head.dep_ in ("conj", "appos", "pobj") else None


def _opens_lowercase(text: str, q: Quotation) -> bool:
    """True when the quotation's first word is lower-case: it goes on with a sentence begun before it."""
    word = next((c for c in text[q.start : q.end] if c.isalpha()), "")
    return word.islower()


def _lead_before_interposed_cue(
    text: str, quotes: list[Quotation], after: Quotation, cue: Token, subj: Token
) -> Span | None:
    """ "It is time for the country to be led, he said, ''not only by a strong leader ...''": where
    the quotation after a cue set off by commas goes on in lower case, the words of the sentence
    before the cue are the first piece of the quote (PolNeAR marks them, "In other words"
    included). A quotation opening with a capital starts a sentence of its own, and what precedes
    the cue belongs to the cue clause ("Holding open a book, Beck said, “I ...”")."""
    frame = min(cue.idx, np_span(subj)[0])
    start = cue.sent.start_char
    if not _opens_lowercase(text, after):
        return None
    lead = text[start:frame]
    if (
        not lead.rstrip().endswith(",")
        or "\n" in lead
        or any(q.start < frame and start < q.end for q in quotes)
    ):
        return None
    # A lone "But" or "Still" before the cue links the sentence to the last one; it is no content.
    return trim(text, (start, frame), quotes) if words_in(lead) >= 2 else None


# Words that open a phrase of the cue clause after its comma, not the rest of the statement:
# "..., he said, adding that ...", "..., she said, according to ...", "..., he said, as ...".
_CUE_CLAUSE_GOES_ON = frozenset({"according", "as", "while", "who", "which", "when"})
MAX_CUE_CLAUSE_TOKENS = 8
# What completes a clause: its object, predicate or complement clause.
_COMPLEMENTS = frozenset({"attr", "acomp", "dobj", "oprd", "xcomp", "ccomp"})


def _rest_after_interposed_cue(text: str, quotes: list[Quotation], cue: Token, subj: Token) -> Span | None:
    """ "He had no known political affiliations, the official said, and had passed all background
    checks": the sentence after a cue clause set off by commas goes on with the statement (PolNeAR:
    two pieces around the cue). The cue clause is the cue, its subject (appositions included) and
    a few words of its own ("said on Tuesday"); what follows its comma must hold a verb and no
    quotation (a quotation there is the direct quote's, found before this)."""
    doc = cue.doc
    sent = cue.sent
    start = max(cue.i, subj.right_edge.i) + 1
    comma = next(
        (t for t in doc[start : min(sent.end, start + MAX_CUE_CLAUSE_TOKENS)] if t.text == ","), None
    )
    if comma is None or comma.i + 1 >= sent.end or doc[min(cue.i, subj.left_edge.i) - 1].text != ",":
        return None
    nxt = doc[comma.i + 1]
    if nxt.lower_ in _CUE_CLAUSE_GOES_ON or nxt.tag_ == "VBG" or nxt.is_punct:
        return None
    rest = doc[comma.i + 1 : sent.end]
    if any(comma.idx < q.end and q.start < sent.end_char for q in quotes):
        return None
    # "It was, he said, one of the bitterest failures of his presidency": the words after the
    # cue clause complete the clause before it (the parse hangs them on its verb).
    complement = next((t for t in rest if t.head.i == cue.head.i and t.dep_ in _COMPLEMENTS), None)
    if cue.head.i < cue.i and complement is not None and complement.left_edge.i == nxt.i:
        return trim(text, (nxt.idx, sent.end_char), quotes)
    # "..., he said, on condition of anonymity": a phrase of the cue's own; ", a policy that
    # ...", ", two days after ...": the writer's gloss on the statement.
    if (nxt.head.i == cue.i and nxt.dep_ not in ("cc", "conj")) or nxt.pos_ in ("DET", "NUM"):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return trim(text, (nxt.idx, sent.end_char), quotes)


# Verbs whose bare object is whom they tell; "asked the conservative who he thought would win"
# and "asked coal companies ... for donations" hold the request in the object (PolNeAR train).
_TELLING = frozenset({"tell", "inform"})


def _listener(cue: Token, lex: CueLexicon) -> Token | None:
    """The person or group a verb of telling addresses as its object ("told reporters", "told a
    Senate panel Wednesday"), as against what it tells ("told the story of ...")."""
    lemma = cue_lemma(cue)
    if lemma not in _TELLING or lemma not in lex.addressee_verbs:
        return None
    obj = next((c for c in cue.rights if c.dep_ in ("dobj", "dative")), None)
    if obj is None or not (obj.pos_ in ("PRON", "PROPN") or someone(obj)):
        return None
    return obj


def _only_the_listener(cue: Token, lex: CueLexicon, content: Span) -> bool:
    obj = _listener(cue, lex)
    return (
        obj is not None
        and content[0] >= obj.left_edge.idx
        and content[1] <= obj.right_edge.idx + len(obj.right_edge.text)
    )


def _adjective_frame(head: Token) -> bool:
    """ "accurate" in "It is accurate to say", or "is" with "fair" beside it ("It is fair to say")."""
    return head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in head.children)


def _verb_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    # "pledged delegates", "the expected winner": a participle used as an adjective reports nothing.
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "amod" or not lex.is_cue_verb(cue_lemma(tok)):
        return None
    if reduced_passive(tok, lex):
        return None
    subj = subject_of(tok)
    if subj is not None and _inside(quotes, subj.idx):
        # '"Anybody who attacks him, it's like buyer beware," said Louise Sunshine': the parse may
        # take a word of the quotation for the subject; the cue's own subject outside it speaks.
        subj = _subject_outside(tok, quotes) or subj
    # A subject across a paragraph break is a parse running over a caption or heading.
    if subj is None or "\n" in text[min(subj.idx, tok.idx) : max(subj.idx, tok.idx)]:
        subj = (
            _line_opening_subject(tok, text)
            or _inverted_subject(tok, text, quotes)
            or _stranded_subject(tok, quotes)
        )
    if subj is None or _inside(quotes, subj.idx) or subj.pos_ in ("DET",) or subj.lower_ in ("this", "that"):
        return None
    subj = past_dateline(subj, text)
    if subj.lower_ == "it" and tok.dep_ == "xcomp" and _adjective_frame(tok.head):
        return None  # "It is certainly accurate to say that ...", "It is fair to say": the writer's hedge
    lemma = cue_lemma(tok)
    # "operational manoeuvres will not see escalation", "the year saw a rise": with a thing for
    # its subject "see" means undergo, not view (PolNeAR train half and dev: F1 unchanged).
    if lemma == "see" and subj.pos_ == "NOUN" and not someone(subj):
        return None
    cue_span = (tok.idx, tok.idx + len(tok.text))
    speech = lemma in lex.verbs or lemma in lex.prepositional
    before = _quote_before(text, quotes, tok, subj) if speech else None
    # With a quotation before the cue, one after it is that quote's second half (or nothing).
    after = _quote_after(text, quotes, tok, subj, _SPLIT_GAP if before else _INTRO_GAP) if speech else None
    picked = [q for q in (before, after) if q is not None]
    if picked:
        # “My hope,” he said, “is that ...”: one quote split by its cue.
        parts = [(q.start, q.end) for q in picked]
        relative = _relative_gap(tok, parts[0]) if before is None else None
        if relative is not None:
            parts.insert(0, relative)  # what Gingrich called “the loudest ... election”
        lead = None
        if before is None and after is not None and relative is None:
            lead = _lead_before_interposed_cue(text, quotes, after, tok, subj)
        if lead is not None:
            parts.insert(0, lead)
        return _Found(parts, tok.text, cue_span, res.resolve(subj), True, picked)
    rel_parts = relative_object_content(tok, lex)
    if rel_parts is not None:
        kept = [p for p in (trim(text, x, quotes) for x in rel_parts) if p is not None]
        if len(kept) == 2:
            return _Found(kept, tok.text, cue_span, res.resolve(subj), False)
    span: Span | None = None
    tail: Span | None = None
    cue_text = tok.text
    right = right_content(tok, lex, subj) if lemma not in lex.belief_verbs or lemma in lex.verbs else None
    if lemma in lex.belief_verbs and lemma not in lex.verbs:
        # "believes in God" is no statement; "believes (that) ..." and "hopes to ..." are.
        clause = [c for c in tok.rights if c.dep_ == "ccomp"]
        right = right_content(tok, lex, subj) if clause or lemma in lex.infinitive_verbs else None
    if right is not None and _only_the_listener(tok, lex, right[0]):
        right = None  # "..., he told reporters": the content is before the cue
    if right is None and lemma in lex.verbs:
        answer = short_answer(tok)
        right = (answer, tok.text) if answer is not None else None
    if right is not None:
        span, cue_text = right
    elif lemma in lex.verbs and lemma not in _GOING_ON and subj.pos_ == "PROPN" and _as_clause(tok):
        # "As Politico reported, Trump would win": the clause the "as" phrase hangs on (with a
        # named source; "as he noted" is as often the writer's own comment on the sentence).
        span = according_content(tok)
    elif speech:
        span = left_content(tok)
        tail = _rest_after_interposed_cue(text, quotes, tok, subj) if span is not None else None
        if span is None:
            inter = interposed_content(tok)
            if inter is not None:
                parts = [p for p in (trim(text, x, quotes) for x in inter) if p is not None]
                if len(parts) == 2:
                    return _Found(parts, cue_text, cue_span, res.resolve(subj), False)
    if span is None:
        return None
    speech = speech and cue_text == tok.text
    content = trim(text, span, quotes, anchor=tok.idx)
    if content is not None:
        content = trim(text, cut_asides(tok.doc, content, quotes, lex), quotes)
    if content is not None:
        content = drop_leading_connective(text, content, quotes)
    relative = _relative_gap(tok, content) if content is not None else None
    if relative is not None and lemma in lex.naming_verbs:
        # "condemned what it called a “brazen breach”": the name sits inside the sentence's own
        # report, which its cue claims (dev: none of 8 such names matched a gold content alone).
        return None
    if relative is not None and content is not None:
        # "the mine, which Mr. Clarke says he is doing everything to keep open": the pronoun
        # stands in the content's gap; the content resumes after the cue (PolNeAR: two pieces).
        content = (tok.idx + len(tok.text), content[1])
        content = trim(text, content, quotes)
    if content is None or content[0] <= subj.idx < content[1] or is_force(tok, subj, content, lex):
        return None
    # "reservations about" (a stranded preposition of a relative clause) is no statement; a verb's
    # particle ("rivals to drop out") is, and so is a clause whose own relative or question ends
    # on its preposition ("aren't worth the paper they're written on", "did not know what he was
    # talking about"): there the object stands inside the content.
    last = tok.doc.char_span(*content, alignment_mode="expand")
    if last is None or (
        last[-1].pos_ == "ADP" and last[-1].dep_ != "prt" and not any(t.pos_ in ("VERB", "AUX") for t in last)
    ):
        return None
    parts = [relative, content] if relative is not None else [content]
    if tail is not None and tail[0] > content[1]:
        parts.append(tail)
    return _Found(parts, cue_text, cue_span, res.resolve(subj), False, speech=speech)


def _framed_verb_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "“An awful lot of analysts said no ...,” remembered Roy Verley", "“Meh,” wrote ...",
    "“...,” Toomey fumed": any finite verb in the tight frame after a quotation that closes on a
    comma, question or exclamation mark is the verb of its saying, listed as a cue or not. A
    quotation closed by a full stop ends a sentence of its own ("“...” She remembered the day")."""
    lemma = cue_lemma(tok)
    if (
        tok.pos_ != "VERB"
        or tok.tag_ not in ("VBD", "VBZ")
        or lemma in lex.verbs
        or lemma in lex.prepositional
    ):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") and _inside(quotes, c.idx) is None for c in tok.rights):
        return None
    subj = _subject_outside(tok, quotes) or _inverted_subject(tok, text, quotes)
    # "what happened", "it went": no one says anything there.
    if subj is None or subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.lower_ in _NO_SPEAKER_WORDS:
        return None
    before = _quote_before(text, quotes, tok, subj)
    if before is not None and _last_mark(text, before) not in (",", "?", "!"):
        return None
    after = _quote_after(text, quotes, tok, subj, _SPLIT_GAP if before else _TIGHT_INTRO_GAP)
    if before is None and after is None:
        return None
    picked = [q for q in (before, after) if q is not None]
    cue_span = (tok.idx, tok.idx + len(tok.text))
    return _Found([(q.start, q.end) for q in picked], tok.text, cue_span, res.resolve(subj), True, picked)


# "..., his top aide, Tad Devine, told The Huffington Post." / "“...,” Ramos, 58, told AFP": the end of
# the reported words, the speaker's name with an optional apposition set off by commas, the cue.
_TRAILING_FRAME = re.compile(
    r"(?P<end>,|[,?!]?(?:[”\"]|''))[ \t\xa0]+(?P<speaker>[^,“”\"\n?!;:]{1,60}?)"
    r"(?:,[ \t\xa0]+[^“”\"\n?!;:]{1,150}?,)?[ \t\xa0]+\Z"
)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they"})


def _main_clause(clause: SpacySpan) -> bool:
    """True when a top verb of ``clause`` is finite and not subordinate ("Despite ..., Sanders remains
    committed" is; "Though Sanders is gaining ground", "But when Congress cut funding" and "Asked if
    he was bullied" are not)."""
    for t in clause:
        if clause.start <= t.head.i < clause.end and t.head.i != t.i:
            continue
        finite = t.tag_ in _FINITE or any(a.dep_ in ("aux", "auxpass") and a.tag_ in _FINITE for a in t.lefts)
        # "when Congress cut funding": a wh-adverb subordinates like a conjunction does.
        subordinate = any(c.dep_ == "mark" or c.tag_ == "WRB" for c in t.lefts)
        if t.pos_ in ("VERB", "AUX") and finite and not subordinate:
            return True
    return False


def _frame_speaker(cue: Token, frame: re.Match[str]) -> tuple[re.Match[str], Token] | None:
    """The head of the speaker phrase of a trailing frame: a name, a pronoun or "the/a ... noun",
    with no verb in it."""
    words = cue.doc.char_span(frame.start("speaker"), frame.end("speaker"), alignment_mode="expand")
    if words is None or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    # ", which he claimed", ", and Centerview advised on three": a relative clause or a conjunct of
    # the writer's sentence, not a speaker after the reported words.
    if words[0].tag_ in ("WDT", "WP", "WP$", "WRB") or words[0].pos_ in ("CCONJ", "SCONJ"):
        return None
    named = [t for t in words if t.pos_ == "PROPN" or t.lower_ in _SPEAKER_PRONOUNS]
    if not named and not (words[0].pos_ in ("DET", "PRON") and words[-1].pos_ == "NOUN"):
        return None
    head = next((t for t in words if t.head.i < words.start or t.head.i >= words.end), words[-1])
    if head.pos_ not in ("PROPN", "NOUN", "PRON"):
        head = named[-1] if named else words[-1]
    return frame, head


def _trailing_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Sanders remains committed ..., his top aide, Tad Devine, told The Huffington Post.": a
    reporting clause after its content that the parse attached elsewhere (as a conjunct of the
    content's verb, the quotation's word as its subject). Read off the surface: the cue ends the
    sentence but for its listener, time and place; before it stand the speaker (and apposition)
    after a comma or a closing quotation mark; before that, the content."""
    lemma = cue_lemma(tok)
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or lemma not in lex.verbs or lemma in _GOING_ON:
        return None
    sent = tok.sent
    # A programme's title after the cue ("said on ABC’s “This Week.”") is the cue's own phrase.
    titles = [q for q in quotes if tok.idx < q.start < sent.end_char and is_title(text, q)]
    rest = [
        t
        for t in tok.doc[tok.i + 1 : sent.end]
        if not t.is_space and not any(q.start <= t.idx < q.end for q in titles)
    ]
    if any(t.tag_ in _FINITE or t.lower_ in ("that", "“", '"') for t in rest):
        return None
    # A cue with words of its own after it ("maintains her lead", "asked for $27") is no frame;
    # whom it was told to is ("..., Defense Secretary Ash Carter told a Senate panel Wednesday").
    listener = _listener(tok, lex)
    if any(
        c.dep_ in ("ccomp", "xcomp", "csubj", "attr", "oprd")
        or (c.dep_ == "dobj" and c.pos_ not in ("PROPN", "PRON") and (listener is None or c.i != listener.i))
        or (c.dep_ == "prep" and c.lower_ in lex.prepositional.get(cue_lemma(tok), ()))
        for c in tok.rights
    ):
        return None
    line_start = max(text.rfind("\n", 0, tok.idx) + 1, sent.start_char)
    # The leftmost comma or closing mark that a speaker frame follows: in "..., his top aide, Tad
    # Devine, told" the frame starts before "his", with "Tad Devine" its apposition.
    picked = None
    for mark in re.finditer(r"[,”\"]|''", text[line_start : tok.idx]):
        frame = _TRAILING_FRAME.match(text, line_start + mark.start(), tok.idx)
        picked = _frame_speaker(tok, frame) if frame is not None else None
        if picked is not None:
            break
    if picked is None:
        return None
    frame, head = picked
    end = frame.end("end")
    closing = next((q for q in quotes if q.end == end and _opens_sentence(text, q)), None)
    cue_span = (tok.idx, tok.idx + len(tok.text))
    if closing is not None:
        return _Found([(closing.start, closing.end)], tok.text, cue_span, res.resolve(head), True, [closing])
    if frame.group("end") != ",":
        return None
    start = max(sent.start_char, line_start)
    content = trim(text, (start, frame.start("end")), quotes)
    clause = tok.doc.char_span(*content, alignment_mode="expand") if content is not None else None
    if content is None or clause is None or words_in(clause.text) < 4:
        return None
    # The content is a main clause: "Though Sanders is gaining ground, ..." or "In one memorable
    # moment after he won ..., " before a comma opens the writer's own sentence instead.
    if _inside(quotes, content[0]) or not _main_clause(clause):
        return None
    return _Found([content], tok.text, cue_span, res.resolve(head), False, speech=True)


def _phrase_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    doc = tok.doc
    for words in lex.phrases:
        if tok.lower_ != words[0] or tok.i + len(words) > len(doc):
            continue
        if [t.lower_ for t in doc[tok.i : tok.i + len(words)]] != list(words):
            continue
        last = doc[tok.i + len(words) - 1]
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is None and last.i + 1 < len(doc):
            obj = doc[last.i + 1]
        if obj is None or obj.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        cue_span = (tok.idx, last.idx + len(last.text))
        cue_text = text[cue_span[0] : cue_span[1]]
        halves = interposed_according(tok)
        if halves is not None:
            parts = [p for p in (trim(text, x, quotes) for x in halves) if p is not None]
            if len(parts) == 2:
                return _Found(parts, cue_text, cue_span, res.resolve(obj), False, reports_all=True)
        span = according_content(tok)
        span = trim(text, span, quotes, anchor=tok.idx) if span else None
        if span is None:
            return None
        return _Found([span], cue_text, cue_span, res.resolve(obj), False, reports_all=True)
    return None


def _source_prep_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Clinton led Sanders more than 2-1 in an NBC News poll": the poll reports the clause."""
    nouns = lex.source_preps.get(tok.lower_) if tok.dep_ == "prep" else None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None) if nouns else None
    if obj is None or nouns is None or obj.lower_ not in nouns:
        return None
    span = according_content(tok)
    span = trim(text, span, quotes, anchor=tok.idx) if span else None
    if span is None:
        return None
    return _Found([span], tok.text, (tok.idx, tok.idx + len(tok.text)), res.resolve(obj), False)


def _addressee_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Sanders was asked whether ...", "When asked about the wall, ...": the question is content."""
    if tok.tag_ != "VBN" or cue_lemma(tok) not in lex.addressee_verbs:
        return None
    if any(c.dep_ == "nsubj" for c in tok.children):
        return None  # active perfect ("has asked"): the verb stage handles it
    hit = addressee_content(tok)
    content = trim(text, hit, quotes, anchor=tok.idx) if hit is not None else None
    if content is None:
        return None
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    speaker = res.resolve(source) if source is not None else SpeakerRef(None, None, None)
    return _Found([content], tok.text, (tok.idx, tok.idx + len(tok.text)), speaker, False)


def _noun_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "his claim that ...", "Trump's promise to ...", "Obama voiced concern about ..."."""
    if tok.pos_ != "NOUN" or cue_lemma(tok) not in lex.nouns:
        return None
    hit = nominal_content(tok, lex)
    subj = nominal_speaker(tok) if hit is not None else None
    # "last month's attack on ...", "Sunday's call for ...": a date owns nothing it could say.
    if hit is None or subj is None or subj.pos_ == "DET" or subj.ent_type_ in ("DATE", "TIME"):
        return None
    content = trim(text, hit[0], quotes, anchor=tok.idx)
    if content is None or "\n" in text[min(subj.idx, tok.idx) : max(subj.idx, tok.idx)]:
        return None
    if is_force(tok, subj, content, lex):
        return None
    cue_span = (tok.idx, tok.idx + len(tok.text))
    return _Found([content], hit[1], cue_span, res.resolve(subj), False)


def _adjective_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Cruz was also critical of Obama's stance", "voters are worried about the economy"."""
    # Keyed on the word, not the lemma: the parse reads "worried" as a passive of "worry" (a
    # belief verb that needs a clause) and "opposed" as "oppose".
    if tok.tag_ not in ("JJ", "VBN") or tok.lower_ not in lex.adjectives:
        return None
    hit = adjective_content(tok, lex)
    subj = adjective_speaker(tok) if hit is not None else None
    # "It is clear that ...": no one holds the stance.
    if hit is None or subj is None or subj.pos_ == "DET" or subj.lower_ in ("it", "this", "that"):
        return None
    content = trim(text, hit[0], quotes, anchor=tok.idx)
    if (
        content is None
        or _inside(quotes, subj.idx)
        or "\n" in text[min(subj.idx, tok.idx) : max(subj.idx, tok.idx)]
    ):
        return None
    return _Found([content], hit[1], (tok.idx, tok.idx + len(tok.text)), res.resolve(subj), False)


def _passive_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Clinton is expected to win": a belief with no named holder (or the "by X" agent); "The
    meeting was first reported by Politico": a cue in the passive, its agent the speaker."""
    hit = passive_content(tok, lex) if tok.pos_ == "VERB" else None
    pieces = 2
    if hit is None and tok.pos_ == "VERB":
        agentive = agent_passive_content(tok, lex)
        hit, pieces = (agentive, len(agentive[0])) if agentive is not None else (None, 0)
    if hit is None:
        return None
    parts = [p for p in (trim(text, x, quotes) for x in hit[0]) if p is not None]
    if len(parts) != pieces:
        return None
    speaker = res.resolve(hit[1]) if hit[1] is not None else SpeakerRef(None, None, None)
    return _Found(parts, tok.text, (tok.idx, tok.idx + len(tok.text)), speaker, False)


def _question_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Asked if he was ever bullied, the Republican presidential candidate said no": the question."""
    hit = question_content(tok) if tok.pos_ == "VERB" else None
    content = trim(text, hit[0], quotes) if hit is not None else None
    if hit is None or content is None:
        return None
    speaker = res.resolve(hit[1]) if hit[1] is not None else SpeakerRef(None, None, None)
    return _Found([content], tok.text, (tok.idx, tok.idx + len(tok.text)), speaker, False)


def _hearsay_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Clinton has reportedly amassed the delegates": a report with no named source."""
    spans = hearsay_content(tok) if tok.lower_ in lex.hearsay_adverbs else None
    parts = [p for p in (trim(text, x, quotes) for x in spans or []) if p is not None]
    if len(parts) != 2:
        return None
    return _Found(parts, tok.text, (tok.idx, tok.idx + len(tok.text)), SpeakerRef(None, None, None), False)


_CLOSING_MARKS = "”’\"'"


def _dash_at(tok: Token, lex: CueLexicon) -> int | None:
    """Where the signing dash of ``tok`` stands: the token itself, or its end where the tokenizer
    glued it to the closing mark ("...hell.”― Pamela Padilla")."""
    if tok.text in lex.dashes:
        return int(tok.idx)
    if len(tok.text) > 1 and tok.text[-1] in lex.dashes and all(ch in _CLOSING_MARKS for ch in tok.text[:-1]):
        return int(tok.idx) + len(tok.text) - 1
    return None


def _dash_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """“...” ― Sonya Herridge: a quotation signed with a dash and a name."""
    dash = _dash_at(tok, lex)
    if dash is None:
        return None
    # "” ―\xa0Steve Quinlan": a no-break space after the dash is a token of its own.
    nxt = next((t for t in tok.doc[tok.i + 1 : tok.i + 3] if not t.is_space), None)
    q = next((q for q in quotes if q.end <= dash and text[q.end : dash].strip() == ""), None)
    if q is None or nxt is None or nxt.pos_ != "PROPN":
        return None
    head = nxt
    while head.i + 1 < len(tok.doc) and tok.doc[head.i + 1].pos_ == "PROPN" and head.head.i == head.i + 1:
        head = tok.doc[head.i + 1]
    return _Found([(q.start, q.end)], text[dash], (dash, dash + 1), res.resolve(head), True, [q])


# Words a headline's speaker label may hold besides names and nouns ("CNN President On Trump",
# "Former AG Mukasey at RNC", "EXCLUSIVE – Roger Stone").
_LABEL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "CCONJ", "ADP", "PUNCT"})
MAX_LABEL_WORDS = 6
_PAGE_LABELS = frozenset({"note", "correction", "byline", "update", "editor", "follow", "photo", "related"})
# Headline kickers that open a line: "Breaking: ...", "LOOK: Shocking Photos ...", "STAT OF THE
# WEEK: ...". ("Poll: ..." is the poll's finding, which PolNeAR attributes to it.)
_KICKERS = frozenset({"breaking", "boom", "look", "watch", "stat", "flashback", "video", "live"})
# Section and genre labels ("Commentary: Expectations for reset ... must be managed", "Analysis:
# ..."): the page's rubric, not a speaker. Only as the label's head: in "EXCLUSIVE – Roger Stone:"
# the name after the rubric speaks.
_RUBRICS = frozenset(
    """commentary opinion analysis editorial explainer exclusive read podcast review perspective
    column letters interview""".split()  # noqa: SIM905
)
# "COLLEGE PARK, Maryland: In the first high-level ...": a dateline in capitals opens the story.
_DATELINE_LABEL = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)* ?, ?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*$")


def _label_head(label: list[Token]) -> Token | None:
    """The speaker of a "Name: statement" line: the last noun before any preposition."""
    head = None
    for t in label:
        if t.pos_ == "ADP" and head is not None:
            break
        if t.pos_ in ("PROPN", "NOUN"):
            head = t
    return head


def _colon_cue(
    tok: Token, lex: CueLexicon, text: str, quotes: list[Quotation], res: SpeakerResolver
) -> _Found | None:
    """ "Marco Rubio: ‘You Don’t Win The Nomination ...’", "Lynch: No outside influence on FBI
    probe": a line opened by a short speaker label and a colon (PolNeAR: the colon is the cue)."""
    if tok.text != ":":
        return None
    line_start = text.rfind("\n", 0, tok.idx) + 1
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    label = [
        t for t in tok.doc.char_span(line_start, tok.idx, alignment_mode="expand") or [] if not t.is_space
    ]
    words = [t for t in label if not t.is_punct]
    if not words or len(words) > MAX_LABEL_WORDS or not words[0].text[:1].isupper():
        return None
    head = _label_head(label)
    if head is None or any(t.pos_ not in _LABEL_POS for t in label):
        return None
    # "Editor’s note:", "Correction:", "BYLINE:", "Follow X on Twitter:": labels of the page.
    if head.lower_ in _PAGE_LABELS | _RUBRICS or words[0].lower_ in _PAGE_LABELS | _KICKERS:
        return None
    if _DATELINE_LABEL.match(text[line_start : tok.idx].strip()):
        return None
    content = trim(text, (tok.idx + 1, line_end), quotes)
    if content is None or words_in(text[content[0] : content[1]]) < 2:
        return None
    # Headlines quote in single marks too ("‘This Cannot Continue.’").
    direct = text[content[0]] in "“\"‘'" and text[content[1] - 1] in "”\"’'"
    return _Found([content], tok.text, (tok.idx, tok.idx + 1), res.resolve(head), direct)


def _first_person(text: str, f: _Found) -> bool:
    span = f.speaker.span
    return span is not None and text[span[0] : span[1]].lower() in FIRST_PERSON


def _overlaps(a: _Found, b: _Found) -> bool:
    return any(s < e2 and s2 < e for s, e in a.parts for s2, e2 in b.parts)


def _nested(inner: _Found, outer: _Found) -> bool:
    """True when ``inner`` (cue and speaker) is reported inside ``outer``'s content: "X said the
    memo warned that ..." holds two attributions, "X voiced concern that ..." only one."""
    if not inner.speech and not (outer.reports_all and inner.direct):
        return False
    return _marks_inside(inner, outer)


def _marks_inside(inner: _Found, outer: _Found) -> bool:
    marks = [m for m in (inner.cue_span, inner.speaker.span) if m is not None]
    return bool(marks) and all(any(s <= m[0] and m[1] <= e for s, e in outer.parts) for m in marks)


def _absorbed(inner: _Found, outer: _Found) -> bool:
    """ "HarperCollins declined to renew the offer, according to a publishing executive", "The
    freshman senator wants to return to the campaign trail ..., they say": an attitude or act inside
    the content of a source phrase or a reporting verb is what the source reports. PolNeAR marks
    the sentence once, for the source, so the inner one gives way (keeping both as nested
    attributions costs 0.02 overlap F1 on train and dev: the gold holds the inner one rarely)."""
    return (
        (outer.reports_all or outer.speech)
        and not inner.speech
        and not inner.direct
        and _marks_inside(inner, outer)
    )


# "doesn't surprise Republican pollster Daron Shaw: “...”", "- More from Jones: “...”": a colon after
# a name introduces its quotation. Entity types that name a speaker (places and dates do not).
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", ""})
_COLON_BEFORE = re.compile(r":[ \t\xa0]*(?:\n\s*)?\Z")


def _intro_speaker(intro: SpacySpan, quotes: list[Quotation]) -> Token | None:
    """Who speaks after "...:": the subject of the intro's own clause when it is a name or a
    pronoun ("Trump took aim at Carrier:", "He then listed the qualities:"), else the last person,
    else the last name ("More from Blumenthal and Cohen:", "Here's Clinton in December 1992:")."""
    subj = next(
        (
            t
            for t in intro
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and (t.pos_ == "PROPN" or t.lower_ in ("he", "she", "they"))
            and t.head.lemma_ != "be"
        ),
        None,
    )
    if subj is not None:
        return subj
    names = [
        t for t in intro if t.pos_ == "PROPN" and t.ent_type_ in _SPEAKER_ENTS and not _inside(quotes, t.idx)
    ]
    people = [t for t in names if t.ent_type_ == "PERSON"]
    # The name must close the intro ("... pollster Daron Shaw:"): a name further back ("this
    # statement by Trump on June 11:") introduces a document or an occasion as often as a speaker.
    if not names or names[-1].i != intro[-1].i:
        return None
    head = (people or names)[-1]
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    return head


def _colon_intros(
    doc: Doc, text: str, quotes: list[Quotation], found: list[_Found], res: SpeakerResolver
) -> list[_Found]:
    """Quotations that no cue claimed, introduced by a colon after a named speaker: the last name
    before the colon on its line is the speaker (PolNeAR: the colon is the cue)."""
    claimed = {id(q) for f in found for q in f.quotations}
    covered = [p for f in found for p in f.parts]
    out = list(found)
    for q in quotes:
        if id(q) in claimed or any(s < q.end and q.start < e for s, e in covered):
            continue
        if words_in(text[q.start : q.end]) < MIN_DIRECT_WORDS or not q.closed:
            continue
        colon = _COLON_BEFORE.search(text, 0, q.start)
        if colon is None:
            continue
        intro_start = text.rfind("\n", 0, colon.start()) + 1
        # 'FAREWELL—"The Living Room to close," by Times' Ben Sisario: "..."': a quotation in the
        # intro makes it a citation line of a news digest (an excerpt, not anyone's statement).
        if any(intro_start <= o.start < colon.start() for o in quotes):
            continue
        intro = doc.char_span(intro_start, colon.start(), alignment_mode="contract")
        head = _intro_speaker(intro, quotes) if intro is not None else None
        if head is None:
            continue
        cue_span = (colon.start(), colon.start() + 1)
        out.append(_Found([(q.start, q.end)], ":", cue_span, res.resolve(head), True, [q]))
    return out


def _continuations(text: str, quotes: list[Quotation], found: list[_Found]) -> list[_Found]:
    """Attach unclaimed sentence-opening quotations to the quote they continue."""
    claimed = {id(q) for f in found for q in f.quotations}
    covered = [p for f in found for p in f.parts]
    out = list(found)
    for q in quotes:
        if id(q) in claimed or any(s <= q.start and q.end <= e for s, e in covered):
            continue
        if not _opens_sentence(text, q) or not _continuation_sized(text, q):
            continue
        prev = _continued(text, out, q)
        if prev is None:
            continue
        gap = text[prev.parts[-1][1] : q.start]
        if "\n" not in gap and len(gap) < 300:
            # PolNeAR: content continued after the cue ("“...,” she said. “These cases ...”", also
            # after reported speech) belongs to the same attribution.
            prev.parts.append((q.start, q.end))
            prev.quotations.append(q)
        elif prev.direct and gap.count("\n\n") <= 1 and gap.count("\n") <= 2 and _sentences_between(gap) == 0:
            # A quotation paragraph after the quote's own paragraph: annotators join it about as
            # often as not, so it stays a quote of its own with the same speaker.
            out.append(_Found([(q.start, q.end)], None, None, prev.speaker, True, [q]))
    return out


# A quotation that ends on its own sentence mark: "“Big time.”", "“Donald Trump.”".
_WHOLE_SENTENCE = re.compile(r"[.?!][”\"’']*\Z")


def _continuation_sized(text: str, q: Quotation) -> bool:
    """True when ``q`` is long enough to continue a quote: three words, or fewer that make a
    sentence of their own ("“It’s taxing on campaign resources,” he said. “Big time.”"): a term in
    scare quotes opening a sentence has no final mark inside its quotation marks."""
    body = text[q.start : q.end]
    return words_in(body) >= MIN_DIRECT_WORDS or _WHOLE_SENTENCE.search(body) is not None


def _continued(text: str, found: list[_Found], q: Quotation) -> _Found | None:
    """The quote that ``q`` continues: the last one before it, or the direct quote whose cue sentence
    holds that one ("“...,” said Nicky Driscoll, who said Sanders is best suited ... “It's ...”")."""
    before = sorted((f for f in found if f.parts[-1][1] <= q.start), key=lambda f: f.parts[-1][1])
    if not before:
        return None
    prev = before[-1]
    if prev.direct:
        return prev
    direct = next((f for f in reversed(before) if f.direct), None)
    if direct is None:
        return prev
    gap = text[direct.parts[-1][1] : q.start]
    return direct if "\n" not in gap and _one_sentence(gap) else prev


# A period after an initial or a title ends no sentence: "said Oliver K. Hedge, referring to ...",
# "Trump said, referring to the Sept. 16 debate".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|"
    r"Inc|Co|Corp|No|vs))\.\s"
)


def _one_sentence(gap: str) -> bool:
    body = _ABBREVIATION.sub(" ", gap.strip().rstrip(".?!"))
    return re.search(r"[.?!][”\"']?\s", body) is None


def _sentences_between(gap: str) -> int:
    return len([s for s in re.split(r"[.?!]\s", gap.strip()) if words_in(s) > 3])


def extract_quotes(analysis: Analysis, doc: Doc) -> Analysis:
    """Fill ``analysis.quotes`` with direct quotes and reported speech, in text order.

    The rules and the tagger find them (:func:`find_quotes`); the boundary model then sets where
    each rule-found reported statement starts and ends (``quote_bounds``).

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> from dyadwatch.model import Article
    >>> text = "“Taiwan is the most important issue,” Swaine said."
    >>> a = extract_quotes(Analysis(article=Article(id="x", text=text)), load_nlp()(text))
    >>> [(q.text, q.speaker_name, q.direct) for q in a.quotes]
    [('“Taiwan is the most important issue,”', 'Swaine', True)]
    """
    analysis.quotes = refine_bounds(doc, find_quotes(analysis, doc), load_bounds_model())
    return analysis


def find_quotes(analysis: Analysis, doc: Doc) -> list[Quote]:
    """The quotes the cue rules and the attribution tagger find, with the rules' bounds, in order.

    ``analysis`` supplies the actors that speakers resolve to.
    """
    text = doc_text(doc)
    lex = load_cues()
    quotes = find_quotations(text)
    res = SpeakerResolver(analysis)
    found: list[_Found] = []
    for tok in doc:
        if _inside(quotes, tok.idx) and _dash_at(tok, lex) is None:
            continue
        hit = _verb_cue(tok, lex, text, quotes, res) or _phrase_cue(tok, lex, text, quotes, res)
        hit = hit or _dash_cue(tok, lex, text, quotes, res) or _noun_cue(tok, lex, text, quotes, res)
        hit = hit or _source_prep_cue(tok, lex, text, quotes, res)
        hit = hit or _passive_cue(tok, lex, text, quotes, res) or _addressee_cue(tok, lex, text, quotes, res)
        hit = hit or _question_cue(tok, lex, text, quotes, res)
        hit = (
            hit or _trailing_cue(tok, lex, text, quotes, res) or _framed_verb_cue(tok, lex, text, quotes, res)
        )
        if hit is None or any(_absorbed(hit, f) for f in found):
            continue
        found = [f for f in found if not _absorbed(f, hit)]
        if any(not _nested(hit, f) and not _nested(f, hit) for f in found if _overlaps(hit, f)):
            continue
        found.append(hit)
    # A stance adjective yields to every other cue: in "X said Sanders remains committed to ..."
    # the statement is the one reported.
    for tok in doc:
        if _inside(quotes, tok.idx):
            continue
        # ... and so does "reportedly": "The FBI is reportedly ..., sources said" is the sources'.
        hit = _adjective_cue(tok, lex, text, quotes, res) or _hearsay_cue(tok, lex, text, quotes, res)
        if hit is not None and not any(_overlaps(hit, f) for f in found):
            found.append(hit)
    # A "Label: ..." line is a headline quote only where no cue inside it reports anything: in
    # "Voter participation: Sanders said ..." the label is a subheading.
    for tok in doc:
        hit = _colon_cue(tok, lex, text, quotes, res) if tok.text == ":" else None
        if hit is None:
            continue
        clashes = [f for f in found if _overlaps(hit, f)]
        # "FALLIN: I think ...", "Cruz: I Think The Same Thing Is True": "I" is the labelled speaker,
        # whose line is the content.
        if all(_first_person(text, f) for f in clashes):
            found = [f for f in found if f not in clashes] + [hit]
    found = _colon_intros(doc, text, quotes, found, res)
    found = _continuations(text, quotes, found)
    found = _tagged(doc, text, quotes, found, res, lex)
    found.sort(key=lambda f: f.parts[0][0])
    return [_to_quote(text, f) for f in found]


# Below this mean tag probability a tagged content is left out. On PolNeAR train (a model fitted on
# one half, scored on the other) overlap F1 is the same at 0 and at 0.5 (0.798) and falls at 0.7
# (0.794); 0.5 keeps the least certain tenth out, for precision, at no cost in F1.
MIN_TAGGER_CONFIDENCE = 0.5


def _tagged(
    doc: Doc, text: str, quotes: list[Quotation], found: list[_Found], res: SpeakerResolver, lex: CueLexicon
) -> list[_Found]:
    """Add the attribution tagger's contents that no rule found, each with the source it tagged.

    A content without a tagged source is left out: the speaker is what an analyst wants first,
    and on PolNeAR train halves those contents match gold less than half the time.
    """
    tagger = load_tagger()
    if tagger is None:
        return found
    taken = [(f.parts[0][0], f.parts[-1][1]) for f in found]
    # The cue and speaker words of a found quote belong to it: "In addition, according to the
    # department, the program will end" is one attribution, not a second one of "In addition".
    owned = [f.cue_span for f in found if f.cue_span] + [f.speaker.span for f in found if f.speaker.span]
    # A sentence inside one found quote has nothing left to tag.
    bounds = [
        (start, end)
        for start, end in sentence_bounds(doc)
        if not any(s <= doc[start].idx and doc[end - 1].idx < e for s, e in taken)
    ]
    out = list(found)
    for (start, _end), features in zip(bounds, token_features(doc, quotes, lex, bounds), strict=True):
        for hit in tag_sentence(tagger, features, start):
            if hit.source is None or hit.confidence < MIN_TAGGER_CONFIDENCE:
                continue
            span = char_span(doc, hit.content)
            if _crosses(span, taken):
                continue
            content = trim(text, span, quotes)
            if content is None:
                continue
            cue_span = char_span(doc, hit.cue) if hit.cue is not None else None
            if any(_crosses(x, owned) for x in (content, cue_span) if x is not None):
                continue
            cue_words = list(doc[hit.cue[0] : hit.cue[1]]) if hit.cue is not None else []
            # A colon or dash after a label ("Breaking: ...") is the rules' to read (_colon_cue), and
            # so is "reportedly": its source is the unnamed reports, never the clause's subject.
            if cue_words and all(t.is_punct or t.lower_ in lex.hearsay_adverbs for t in cue_words):
                continue
            source = _cue_subject(doc, hit, content) or doc[hit.source[0] : hit.source[1]].root
            if any(reduced_passive(t, lex) for t in cue_words):
                continue
            if any(is_force(t, source, content, lex) for t in cue_words):
                continue  # "... attacks on government forces": a blow, whoever learned to tag it
            speaker = res.resolve(source)
            direct = any(q.start == content[0] and q.end == content[1] for q in quotes)
            cue = text[cue_span[0] : cue_span[1]] if cue_span is not None else None
            out.append(_Found([content], cue, cue_span, speaker, direct, confidence=hit.confidence))
            taken.append(content)
    return out


def _cue_subject(doc: Doc, hit: TaggedAttribution, content: Span) -> Token | None:
    """The subject of the tagged cue's verb where the tagged source is someone else: in "While some
    have expected progress on climate change ..., Michael Davidson said ..." the tagger pairs the
    content with the nearest source, Davidson; "have expected" says it is "some"."""
    if hit.cue is None or hit.source is None:
        return None
    verbs = [t for t in doc[hit.cue[0] : hit.cue[1]] if t.pos_ in ("VERB", "AUX")]
    verb = next((t for t in verbs if t.dep_ != "aux"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subj is None or hit.source[0] <= subj.i < hit.source[1] or content[0] <= subj.idx < content[1]:
        return None
    if subj.pos_ not in ("NOUN", "PROPN", "PRON") or subj.lower_ in ("it", "this", "that", "which"):
        return None
    return subj


def _crosses(span: Span, others: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _to_quote(text: str, f: _Found) -> Quote:
    start, end = f.parts[0][0], f.parts[-1][1]
    body = " ".join(text[s:e] for s, e in f.parts)
    return Quote(
        speaker=f.speaker.actor,
        speaker_name=f.speaker.name,
        text=body,
        span=(start, end),
        cue=f.cue,
        direct=f.direct,
        cue_span=f.cue_span,
        speaker_span=f.speaker.span,
        parts=list(f.parts),
        found_by="rules" if f.confidence is None else "tagger",
        confidence=None if f.confidence is None else round(f.confidence, 3),
    )
