"""Content spans of reported speech, read off spaCy's dependency parse.

The content is the reported words only, never the reporting clause: for "X said (that) ..." the
clausal complement (with its "that", as in PolNeAR), for "..., analysts said on Monday" the clause
before the cue, for "according to X, ..." the rest of the sentence. Spans are trimmed of outer
punctuation but keep a closing quotation mark that belongs to an embedded partial quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from dyadwatch.extract.quote_cues import CueLexicon, cue_lemma, load_cues
from dyadwatch.extract.quote_marks import DOUBLE_MARKS, Quotation
from dyadwatch.model import Span
from dyadwatch.nlp.datelines import LEAD
from dyadwatch.ontology.gazetteer import load_gazetteer

_TRIM = " \t\n,.;:—–-―"
_MARKS = " \t“”‘’\"'"
# "U.S", "N.Y", "p.m": a content stripped of its final period that ends in a dotted abbreviation.
# PolNeAR's annotators keep that period (38 of 44 such contents in train).
_DOTTED_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]\Z")
_DANGLING_CONJUNCTION = re.compile(r"[\s,—–-]+(?:and|or|but|nor)(?:\s+also)?\Z", re.IGNORECASE)
_CLAUSE_DEPS = frozenset({"ccomp", "csubj"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
# Prepositions that set when a statement was made ("after the debate", "during a rally").
_TIME_PREPS = frozenset({"during", "since", "amid", "throughout", "following", "after", "before"})
# "in a statement", "on Twitter", "at a rally": prepositions of the occasion or medium, when their
# object is a date or one of these nouns.
_OCCASION_PREPS = frozenset({"in", "on", "at", "over"})
OCCASION_NOUNS = frozenset(
    """interview statement tweet twitter facebook instagram rally debate speech appearance event
    conference call hearing meeting forum broadcast show program programme video ad advertisement
    post op-ed editorial column letter memo email remarks release briefing stage occasion breath
    radio television tv podcast stop visit trip address session town hall network blog website
    message note book filing testimony press weekend morning night evening afternoon""".split()  # noqa: SIM905
)
# "spoke on (the) condition of anonymity", "on background", "on the record": terms of speaking.
_TERMS_NOUNS = frozenset({"condition", "background", "record"})
# Prepositions whose gerund shares the clause's subject ("began by saying"); "criticized X for
# saying" is left out: X is the speaker there, and PolNeAR keeps only the outer attribution.
_GERUND_PREPS = frozenset({"by", "after", "before", "while", "in", "since", "without"})


_SOMEONE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def someone(noun: Token) -> bool:
    """Whether a noun names someone who can speak (a person, group or institution), not a thing."""
    if noun.ent_type_ in _SOMEONE_ENTS or noun.lemma_.lower() in load_cues().speaker_nouns:
        return True
    gaz = load_gazetteer()
    return gaz.role_sector(noun.text) is not None or gaz.role_sector(noun.lemma_) is not None


def subject_of(cue: Token) -> Token | None:
    """The speaker token of a reporting verb: its subject, or its governor's for participles.

    "Swaine said" -> Swaine; "..., adding that ..." -> the subject of the main verb; "said Swaine".
    """
    tok: Token | None = cue
    for _ in range(4):
        if tok is None:
            return None
        # The cue's own passive subject is its listener ("was told"); a governor's is the speaker
        # ("Trump was forced into damage control and said ...").
        deps = ("nsubj",) if tok is cue else ("nsubj", "nsubjpass")
        subj = next((c for c in tok.children if c.dep_ in deps), None)
        if subj is not None:
            return subj
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.lefts)
        ):
            tok = tok.head  # "went on to say", "called to say": the subject's purpose
            continue
        if tok.dep_ == "xcomp" and tok.tag_ == "VB":
            # "declined to say", "wanted to say": the governor's subject speaks. With an object
            # ("push the administration to say") the saying is someone's wish, not a statement.
            if any(c.dep_ == "dobj" for c in tok.head.children):
                return None
            tok = tok.head
            continue
        if tok.dep_ == "acomp" and tok.pos_ == "ADJ":
            tok = tok.head  # "voters are more likely to say ...": the voters say it
            continue
        # "X said ... and added", "..., adding that": the participle or conjunct shares the subject;
        # "push X to say" does not (the subject of an xcomp verb is the object of its governor).
        if (
            tok.dep_ == "conj"
            and tok.head.dep_ == "ccomp"
            and tok.head.head.lemma_ == tok.lemma_
            and tok.tag_ != tok.head.tag_
        ):
            # "He said that schools would no longer tolerate late coming and said he gave ...": the
            # parse hangs the second "said" inside the first one's clause, but "said" cannot be
            # coordinated with "would tolerate" (nor "to say" with "are"); it shares the first's
            # subject. In the same form ("says Machado promised ... and said ...") the clause's
            # subject said it.
            tok = tok.head.head
            continue
        if tok.head.i != tok.i and (
            tok.dep_ == "conj" or (tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG")
        ):
            tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "a group backing Bush", "staff members suggesting someone should ...": the noun the
            # participle describes does it.
            if someone(tok.head):
                return tok.head
            # "ran ads attacking Dewhurst", "was heard on a microphone telling Christie": what is
            # described is a message or a thing; whoever the clause around it is about speaks.
            governor = tok.head
            while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
                governor = governor.head
            if governor.pos_ not in ("VERB", "AUX"):
                return None
            tok = governor
            continue
        # "responded by saying ...", "after saying ...": the gerund's subject is its clause's.
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in _GERUND_PREPS:
            tok = tok.head.head
            continue
        return None
    return None


def _bounds(tokens: Iterable[Token]) -> tuple[Token, Token] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    return (toks[0], toks[-1]) if toks else None


def _chars(first: Token, last: Token) -> Span:
    return first.idx, last.idx + len(last.text)


def _phrase_end(head: Token) -> Token:
    """Last token of a noun phrase, leaving out a trailing ", which ..." or ", who ..." aside.

    The writer's aside about the object ("praised the bill, which passed ...") is not content.
    """
    for child in head.rights:
        if (
            child.dep_ in ("relcl", "acl")
            and head.doc[child.left_edge.i - 1].text == ","
            and child.left_edge.lower_ in ("which", "who", "whose", "whom")
        ):
            return head.doc[child.left_edge.i - 2]
    return head.right_edge


_LEAD_OVERHANG = 40


def trim(text: str, span: Span, quotations: list[Quotation], anchor: int | None = None) -> Span | None:
    """Strip outer punctuation; snap ends that fall inside a quotation out to its marks.

    Content never crosses a paragraph break or a wire dateline outside quotation marks: it is cut
    on the side away from ``anchor`` (the cue), since spaCy sometimes runs a sentence over a break.
    """
    start, end = span
    breaks = [
        i for i in range(start, end) if text[i] == "\n" and not any(q.start < i < q.end for q in quotations)
    ]
    if breaks:
        if anchor is not None and anchor >= end:
            start = breaks[-1] + 1
        else:
            end = breaks[0]
    # A wire dateline run into its headline is a paragraph break too (the parse takes headline,
    # byline and first sentence for one sentence).
    # The dateline may run past the content's end: a parse that stops at "(Xinhua" leaves ") --" out.
    leads = [
        m
        for m in LEAD.finditer(text, start, min(len(text), end + _LEAD_OVERHANG))
        if m.start() < end and not any(q.start < m.start() < q.end for q in quotations)
    ]
    if leads:
        if anchor is not None and anchor >= leads[-1].end():
            start = leads[-1].end()
        elif anchor is not None and anchor < leads[0].start():
            end = leads[0].start()
    for q in quotations:
        # Content that opens on a quotation's first word and ends inside it is that quotation: the
        # parse has cut it short ('was asked, “If you had known ..., would you have told her ...?”').
        if q.start < start and text[q.start : start].strip(_MARKS) == "" and start < end < q.end:
            end = q.end
        if q.start < start < q.end and end >= q.end - 1:
            start = q.start
        if q.start <= start < end < q.end and end >= q.end - 2:
            end = q.end
        if start <= q.start < end < q.end:
            end = q.end
    while start < end and text[start] in _TRIM:
        start += 1
    while start < end and text[end - 1] in _TRIM:
        end -= 1
    # "criticized Sanders for stealing their data and", "said she had met with Manafort twice but":
    # where the parse leaves a conjunct out, its conjunction is left dangling at the end.
    dangling = _DANGLING_CONJUNCTION.search(text, start, end)
    if dangling is not None and dangling.start() > start:
        end = dangling.start()
        while start < end and text[end - 1] in _TRIM:
            end -= 1
    # A closing mark whose opener is outside the content does not belong to it.
    if (
        start < end
        and text[end - 1] in DOUBLE_MARKS
        and not any(q.start >= start and q.end == end for q in quotations)
    ):
        end -= 1
        while start < end and text[end - 1] in _TRIM:
            end -= 1
    if (
        start < end
        and text[start] in DOUBLE_MARKS
        and not any(q.start == start and q.end <= end for q in quotations)
    ):
        start += 1
    if text[end : end + 1] == "." and _DOTTED_ABBREVIATION.search(text, max(start, end - 12), end):
        end += 1  # "the U.S.", "7 p.m.": the period is the abbreviation's own (the sentence's too)
    return (start, end) if end - start >= 2 else None


# Sentence connectives set off by a comma ("However, differences over Taiwan ..."): they tie the
# writer's sentence to the one before and are no part of what was said. PolNeAR's annotators
# leave them out about three times in four (dev and train, 10 of 13); a bare "but" or "and" with
# no comma they keep far more often (26 of 31 for "but" on train), so those stay.
_LEADING_CONNECTIVE = re.compile(
    r"(?:however|still|yet|also|meanwhile|moreover|indeed|instead|nevertheless|nonetheless|"
    r"furthermore|besides|likewise|similarly|thus|therefore|consequently|in fact|of course|"
    r"in addition|as a result|at the same time|for example|for instance|in other words),\s+",
    re.IGNORECASE,
)


def drop_leading_connective(text: str, span: Span, quotations: list[Quotation]) -> Span:
    """``span`` without a comma-set connective at its start, unless it starts inside a quotation
    (there the connective is the speaker's own word)."""
    start, end = span
    if any(q.start <= start < q.end for q in quotations):
        return span
    m = _LEADING_CONNECTIVE.match(text, start, end)
    if m is None or m.end() >= end:
        return span
    return m.end(), end


def right_content(cue: Token, lex: CueLexicon, speaker: Token | None) -> tuple[Span, str] | None:
    """Content to the right of the cue: "said (that) ...", "warned of ...", "urged X to ..."."""
    lemma = cue_lemma(cue)
    kids = [c for c in cue.rights if speaker is None or c.i != speaker.i]
    picked: list[Token] = []
    cue_text = cue.text
    clause = [c for c in kids if c.dep_ in _CLAUSE_DEPS] or _misattached_clause(cue, lex, kids)
    if clause:
        picked = clause + _conjoined_clauses(cue, clause[-1])
    else:
        preps = lex.prepositional.get(lemma, frozenset())
        # "spoke on Tuesday", "spoke on the condition of anonymity": the occasion, not the topic.
        prep = next(
            (c for c in kids if c.dep_ == "prep" and c.lower_ in preps and not is_occasion(c, cue)), None
        )
        if prep is not None:
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            # "accused Trump of suggesting violence": the accused is part of what was said.
            accused = next((c for c in kids if c.dep_ == "dobj" and cue.i < c.i < prep.i), None)
            if len(objs) == 1 and accused is not None:
                return _chars(accused.left_edge, _phrase_end(objs[0])), cue.text
            # "called on Congress to act": the one called on is the subject of what is asked.
            wish = next((c for c in kids if c.i > prep.i and c.dep_ == "xcomp" and _is_to_clause(c)), None)
            if len(objs) == 1 and wish is not None:
                return _chars(objs[0].left_edge, wish.right_edge), f"{cue.text} {prep.text}"
            if len(objs) == 1:
                return _chars(objs[0].left_edge, _phrase_end(objs[0])), f"{cue.text} {prep.text}"
            if objs:
                picked = objs
                cue_text = f"{cue.text} {prep.text}"
        if not picked and lemma in lex.naming_verbs:
            named = _naming_content(cue, kids)
            if named is not None:
                return named, cue_text
        if not picked and lemma in lex.object_verbs:
            dobj = [c for c in kids if c.dep_ in ("dobj", "dative") and c.i > cue.i and not _listener(c, lex)]
            extra = [c for c in kids if c.dep_ in ("xcomp", "oprd", "ccomp")]
            attitude = _attitude_noun(dobj[-1], lex) if dobj and not extra else None
            if attitude is not None:
                return attitude[0], f"{cue.text} {attitude[1]}"
            if dobj and not extra:
                return _with_complement(cue, dobj[-1].left_edge, _phrase_end(dobj[-1])), cue_text
            if dobj:
                picked = dobj[-1:] + extra
        if not picked and "for" in preps:
            # "is calling for the United States to step up ...": a for-to clause (parsed as a
            # clause with "for" as its mark) is the content, without the "for".
            picked = [
                c
                for c in kids
                if c.dep_ == "advcl"
                and _is_to_clause(c)
                and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.lefts)
            ]
            subj = next((g for c in picked for g in c.lefts if g.dep_ in _SUBJ_DEPS), None)
            if subj is not None:
                return _chars(subj.left_edge, picked[0].right_edge), f"{cue.text} for"
            picked = []
        if not picked and lemma in lex.infinitive_verbs:
            picked = [
                c
                for c in kids
                if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.lefts)
            ]
    if not picked:
        return None
    # The listener of "told NBC (that) ..." is not content: start at the clause.
    bounds = _bounds(t for c in picked for t in (c.left_edge, c.right_edge))
    if bounds is None:
        return None
    return _chars(*bounds), cue_text


_NAMING_DEPS = frozenset({"dobj", "oprd", "xcomp", "dep", "nmod", "attr", "ccomp"})


def _naming_content(cue: Token, kids: list[Token]) -> Span | None:
    """ "called Trump a fascist", "called her “third-rate”": the one named and the name (PolNeAR
    marks both). The parse splits the pair every which way (dobj + oprd, nmod + oprd, xcomp +
    dobj), so take the object-like children after the cue; a bare object ("called Cruz on
    Tuesday", a telephone call) names nothing."""
    objs = [c for c in kids if c.dep_ in _NAMING_DEPS and c.i > cue.i]
    if not objs or not any(c.dep_ in ("oprd", "xcomp", "attr", "ccomp") for c in objs):
        return None
    first, last = objs[0].left_edge, objs[-1].right_edge
    if sum(not t.is_punct for t in cue.doc[first.i : last.i + 1]) < 2:
        return None
    return _chars(first, last)


def _misattached_clause(cue: Token, lex: CueLexicon, kids: list[Token]) -> list[Token]:
    """The reported clause of a speech verb where the parse hung it elsewhere: on the occasion
    noun ("said in a statement that ...", "predicted at the debate that ...", the clause read as
    the noun's ``acl`` or relative), under a gerund read as the verb's ``xcomp`` ("said legalizing
    it could put ..."), or as an adverbial clause marked "that" ("saying only that he was ...")."""
    if cue_lemma(cue) not in lex.verbs:
        return []
    for child in kids:
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            that = [c for c in obj.rights if _complement_clause(c)] if obj is not None else []
            if that:
                return that
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in child.rights):
            return [child]
        if child.dep_ == "advcl" and _is_that_clause(child) and not _purpose_that(child):
            return [child]
    return []


def _purpose_that(clause: Token) -> bool:
    """ "so that ...", "now that ...": a "that" of purpose or time, not of report."""
    mark = next(g for g in clause.lefts if g.dep_ == "mark" and g.lower_ == "that")
    return mark.i == 0 or mark.doc[mark.i - 1].lower_ in ("so", "such", "now", "except", "given", "in")


def _complement_clause(clause: Token) -> bool:
    """True for a that-clause the parse hung on a noun: marked "that" ("a statement that the
    announcements were ..."), or read as a relative whose "that" is a subject or object the
    clause already has ("the debate that Republicans will take every state")."""
    if clause.dep_ not in ("acl", "relcl", "ccomp") or clause.left_edge.lower_ != "that":
        return False
    if _is_that_clause(clause):
        return True
    that = clause.left_edge
    return that.head.i == clause.i and any(
        c.dep_ == that.dep_ and c.i != that.i for c in clause.children if that.dep_ in ("dobj", "nsubj")
    )


def _conjoined_clauses(cue: Token, clause: Token) -> list[Token]:
    """ "said the U.S. needs to secure the border, but that he would not support mass deportation":
    a second "that" clause the parse hangs on the cue instead of the first clause continues the
    report (PolNeAR takes it in). Without its "that" ("said ..., but the candidate cut him off")
    the second clause is the writer's as often as the speaker's, and stays out."""
    return [
        child
        for child in cue.rights
        if child.i > clause.i
        and child.dep_ == "conj"
        and _is_that_clause(child)
        and any(
            c.dep_ == "cc" and c.lower_ in ("and", "but") and clause.i < c.i < child.i for c in cue.children
        )
    ]


# Relative pronouns that stand for the object of a cue fronted out of its clause.
RELATIVE_OBJECTS = frozenset({"which", "who", "whom", "that"})


def relative_object_content(cue: Token, lex: CueLexicon) -> list[Span] | None:
    """ "Bannon, who Beck called “a horrible, despicable human being”", "the Republican candidate,
    whom he described as "volatile"": an object verb whose object is a relative pronoun fronted
    before its subject. PolNeAR marks the pronoun and what is predicated of it after the cue (two
    pieces: "who" + "“a horrible, despicable human being”")."""
    if cue_lemma(cue) not in lex.object_verbs:
        return None
    rel = next((c for c in cue.lefts if c.dep_ == "dobj" and c.lower_ in RELATIVE_OBJECTS), None)
    if rel is None or not any(c.dep_ in _SUBJ_DEPS and c.i > rel.i for c in cue.lefts):
        return None
    if any(c.dep_ in ("dobj", "ccomp") for c in cue.rights):
        return None
    kept: list[Token] = []
    for child in cue.rights:
        if child.is_punct:
            continue
        if child.dep_ not in ("oprd", "attr", "acomp", "prep", "xcomp"):
            break
        if child.dep_ == "prep" and (child.lower_ != "as" or is_occasion(child)):
            break
        kept.append(child)
    if not kept:
        return None
    last = kept[-1].right_edge
    while last.i > kept[0].i and last.is_punct and last.text not in DOUBLE_MARKS:
        last = last.doc[last.i - 1]
    return [_chars(rel, rel), _chars(kept[0].left_edge, last)]


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def is_occasion(prep: Token, cue: Token | None = None) -> bool:
    """True for a prepositional phrase that tells when, where or through what medium the cue
    happened: "on Thursday", "in a statement", "during the debate", "on Twitter"; for a verb of
    speaking also the terms it was said on ("spoke on (the) condition of anonymity")."""
    if prep.lower_ in _TIME_PREPS:
        return True
    obj = _pobj(prep)
    if prep.lower_ not in _OCCASION_PREPS or obj is None:
        return False
    if cue is not None and obj.lower_ in _TERMS_NOUNS:
        return True
    return obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in OCCASION_NOUNS


def _with_complement(cue: Token, first: Token, last: Token) -> Span:
    """The object of an object verb with the prepositional phrases after it: "praised Saddam
    Hussein as an effective fighter", "blasted the media for being dishonest" (PolNeAR counts the
    predication on the object as content, as in "calls him the man with two left feet")."""
    last = _before_trailing_occasion(first, last)
    kept = last
    for child in cue.rights:
        if child.i <= last.i or child.is_punct:
            continue
        if child.dep_ != "prep":
            break
        last = _before_trailing_occasion(child, child.right_edge)
        # "endorsed Sanders in February", "criticized Clinton during a rally": when and where the
        # cue happened is no part of what was said (PolNeAR leaves such adjuncts out), but an
        # argument after it is ("attacked rivals on stage for accepting donations").
        if not is_occasion(child):
            kept = last
    last = kept
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return _chars(first, last)


def _before_trailing_occasion(first: Token, last: Token) -> Token:
    """``last``, or the token before a phrase of time or occasion inside the span, which ends it:
    the parser often hangs "during a campaign stop" on the object ("criticized the law as a crazy
    system during a campaign stop in Flint") or "on its website" on the noun ("noted his comments
    on its website"). What follows such a phrase is more of the occasion. Phrases on a verb inside
    the span ("claimed during the divorce that ...") are left alone.
    """
    for tok in first.doc[first.i + 1 : last.i + 1]:
        if (
            tok.dep_ == "prep"
            and tok.head.i >= first.i
            and tok.head.pos_ in _NOMINAL
            and _names_occasion(tok)
        ):
            end = tok.doc[tok.i - 1]
            while end.i > first.i and end.is_punct:
                end = end.doc[end.i - 1]
            return end
    return last


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def _names_occasion(prep: Token) -> bool:
    """ "during a campaign stop", "on its website": a preposition of time or place whose object is
    an occasion. Not "during a clash", "after the shooting" or "on Thursday", which inside a noun
    phrase are as often part of what is talked about ("the idea of such a database on Thursday")."""
    if prep.lower_ not in _TIME_PREPS | _OCCASION_PREPS or prep.head.lemma_.lower() in OCCASION_NOUNS:
        return False  # "noted a planned rally on Saturday": the date of an event talked about
    obj = _pobj(prep)
    return obj is not None and obj.lemma_.lower() in OCCASION_NOUNS


def hearsay_content(adverb: Token) -> list[Span] | None:
    """ "The FBI is reportedly making arrangements to interview Hillary Clinton": the clause the
    adverb sits in, from its subject on, in two pieces around the adverb (the cue, which PolNeAR
    leaves out), up to a clause the writer adds (", leaving progressives fearful ...", "as it nears
    the end of its investigation"). Not a clause without a subject of its own (", reportedly
    winning over delegates") nor a relative clause ("who reportedly has been itching to ..."),
    which PolNeAR's annotators leave unattributed."""
    verb = adverb.head
    if adverb.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("relcl", "acl"):
        return None
    subj = next((c for c in verb.children if c.dep_ in _SUBJ_DEPS and c.i < adverb.i), None)
    if subj is None or subj.lower_ in ("who", "which", "that") or adverb.i + 1 >= len(adverb.doc):
        return None
    last = verb.right_edge
    for child in verb.rights:
        before = child.doc[child.left_edge.i - 1]
        if before.dep_ == "cc" and before.i > adverb.i:
            before = child.doc[before.i - 1]  # ", but they had returned ..."
        after_comma = before.is_punct
        if child.dep_ == "advcl" or (child.dep_ == "conj" and after_comma):
            last = child.doc[child.left_edge.i - 1]
            break
    while last.i > adverb.i and (last.is_punct or last.dep_ == "cc"):
        last = last.doc[last.i - 1]
    if last.i <= adverb.i or subj.left_edge.i >= adverb.i:
        return None
    return [_chars(subj.left_edge, adverb.doc[adverb.i - 1]), _chars(adverb.doc[adverb.i + 1], last)]


def left_content(cue: Token) -> Span | None:
    """Content before the cue: "..., analysts said on Monday", "“...,” Swaine said"."""
    sent = cue.sent
    clause = [c for c in cue.lefts if c.dep_ in _CLAUSE_DEPS]
    if clause:
        first = clause[0].left_edge
        last = clause[-1].right_edge
        # Stop before the reporting clause's own words (its subject, adverbs) after the comma.
        subj = subject_of(cue)
        stop = min(cue.i, subj.left_edge.i if subj is not None and subj.i < cue.i else cue.i)
        last_i = max(last.i, stop - 1)
        return _chars(first, sent.doc[last_i])
    if cue.dep_ == "parataxis" and cue.head.i < cue.i:
        subj = subject_of(cue)
        left_edge = min(cue.i, subj.left_edge.i if subj is not None else cue.i)
        for t in cue.lefts:
            left_edge = min(left_edge, t.i)
        if left_edge - 1 <= sent.start:
            return None
        return _chars(sent[0], sent.doc[left_edge - 1])
    return None


def according_content(prep: Token) -> Span | None:
    """Content of "according to X": the sentence without the phrase (which may lead or trail)."""
    sent = prep.sent
    sub = list(prep.subtree)
    first, last = sub[0], sub[-1]
    before = sent.doc[sent.start : first.i]
    # "In addition, according to the department, ...": an opener without a verb is no content.
    if len(before) >= 2 and any(t.pos_ in ("VERB", "AUX") for t in before):
        return _chars(sent[0], sent.doc[first.i - 1])
    if sent.end - 1 > last.i + 1:
        return _chars(sent.doc[last.i + 1], sent[-1])
    if len(before) >= 2:
        return _chars(sent[0], sent.doc[first.i - 1])
    return None


def interposed_according(prep: Token) -> tuple[Span, Span] | None:
    """ "His criticism, according to an interview with The Times, was the president's choice":
    a phrase set off by commas between the subject and its verb; both halves are the content
    (PolNeAR: two pieces). An opener before it ("In addition, according to ...") is no subject."""
    sent = prep.sent
    sub = list(prep.subtree)
    first, last = sub[0], sub[-1]
    doc = prep.doc
    if first.i - 1 <= sent.start or last.i + 2 >= sent.end - 1:
        return None
    if doc[first.i - 1].text != "," or doc[last.i + 1].text != ",":
        return None
    subject = any(t.dep_ in _SUBJ_DEPS and t.head.i > last.i for t in doc[sent.start : first.i - 1])
    if not subject:
        return None
    return _chars(sent[0], doc[first.i - 2]), _chars(doc[last.i + 2], sent[-1])


def interposed_content(cue: Token) -> tuple[Span, Span] | None:
    """ "But to prevent problems, he said, local officials should be vigilant": both halves."""
    if cue.dep_ != "parataxis" or cue.head.i <= cue.i:
        return None
    sent = cue.sent
    sub = list(cue.subtree)
    first, last = sub[0], sub[-1]
    if first.i <= sent.start or last.i + 1 >= sent.end - 1:
        return None
    return _chars(sent[0], sent.doc[first.i - 1]), _chars(sent.doc[last.i + 1], sent[-1])


def _is_to_clause(tok: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in tok.lefts)


def _is_that_clause(tok: Token) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.lefts)


def nominal_content(noun: Token, lex: CueLexicon) -> tuple[Span, str] | None:
    """Content of a cue noun: "claim that ...", "promise to ...", "support for ...".

    A "that" or "to" clause on the noun comes first (it is the statement itself, "that" included);
    failing that, the object of one of the noun's prepositions from the lexicon.
    """
    preps = lex.nouns.get(cue_lemma(noun))
    if preps is None:
        return None
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and (_is_that_clause(child) or _is_to_clause(child)):
            return _chars(child.left_edge, child.right_edge), noun.text
    for child in noun.rights:
        # "his comments on its website": where it was said, not what about.
        if child.dep_ == "prep" and child.lower_ in preps and not is_occasion(child):
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return _chars(objs[0].left_edge, _phrase_end(objs[-1])), f"{noun.text} {child.text}"
    return None


def adjective_content(adj: Token, lex: CueLexicon) -> tuple[Span, str] | None:
    """Content of a predicative stance adjective: "critical of ...", "worried about ...",
    "confident that ...". PolNeAR annotates the object of the preposition (without it) and the
    "that" clause (with it); an adjective used before a noun ("a critical vote") reports nothing."""
    preps = lex.adjectives.get(adj.lower_)
    if preps is None or adj.dep_ not in ("acomp", "ROOT", "conj", "relcl", "advcl", "ccomp", "xcomp"):
        return None
    for child in adj.rights:
        if child.dep_ == "ccomp" and _is_that_clause(child):
            return _chars(child.left_edge, child.right_edge), adj.text
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return _chars(objs[0].left_edge, _phrase_end(objs[-1])), f"{adj.text} {child.text}"
    return None


def adjective_speaker(adj: Token) -> Token | None:
    """Who holds the stance: the subject of the copula ("Cruz was critical of ..."), or of the
    participle itself ("voters are worried about ...", parsed as a passive)."""
    own = next((c for c in adj.children if c.dep_ in _SUBJ_DEPS), None)
    if own is not None:
        return own
    if adj.dep_ == "acomp":
        return next((c for c in adj.head.children if c.dep_ in _SUBJ_DEPS), None)
    return None


def addressee_content(verb: Token) -> Span | None:
    """What a passive addressee verb reports: "asked whether ...", "asked about X", "asked to ..."."""
    for child in verb.rights:
        if child.dep_ in ("ccomp", "xcomp"):
            return _chars(child.left_edge, child.right_edge)
        if child.dep_ == "prep" and child.lower_ == "about":
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            # The topic without its "about": PolNeAR's annotators leave the preposition out
            # (23 of 26 "asked about" contents in train).
            if objs:
                return _chars(objs[0].left_edge, _phrase_end(objs[-1]))
    return None


def _listener(obj: Token, lex: CueLexicon) -> bool:
    """ "told POLITICO", "asked him": the one spoken to is no content (PolNeAR: "don't include the
    recipient"); "told a story", "asked a question" are what was said."""
    return cue_lemma(obj.head) in lex.addressee_verbs and obj.pos_ in ("PROPN", "PRON")


def _attitude_noun(obj: Token, lex: CueLexicon) -> tuple[Span, str] | None:
    """ "expressed concern that ...", "voiced support for ...": the noun joins the cue (PolNeAR's
    verb group) and its complement is the content. A possessed noun ("Trump's plan to ...") is
    someone else's attitude, which the whole phrase reports."""
    if cue_lemma(obj) not in lex.nouns or any(c.dep_ == "poss" for c in obj.children):
        return None
    return nominal_content(obj, lex)


def nominal_speaker(noun: Token) -> Token | None:
    """Who holds the claim of a cue noun: "his claim", "Trump's promise", "Obama voiced concern"."""
    poss = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return subject_of(noun.head)
    return None


def passive_content(verb: Token, lex: CueLexicon) -> tuple[list[Span], Token | None] | None:
    """ "Trump is expected to win", "X seems to ...": the subject and the infinitive (or adjective),
    and the agent ("by X") if any."""
    lemma = cue_lemma(verb)
    if lemma in lex.hedge_verbs:
        # "X seems to ...", "his voice seemed weaker": the subject and what it seems.
        subj = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        clause = next(
            (
                c
                for c in verb.rights
                if (c.dep_ == "xcomp" and _is_to_clause(c)) or c.dep_ in ("acomp", "oprd")
            ),
            None,
        )
    elif lemma in lex.passive_verbs and verb.tag_ == "VBN":
        subj = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
        clause = next((c for c in verb.rights if c.dep_ == "xcomp" and _is_to_clause(c)), None)
    else:
        return None
    if subj is None or clause is None or not _holds_a_belief(subj, lemma in lex.hedge_verbs):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = _pobj(agent) if agent is not None else None
    return [_chars(subj.left_edge, subj.right_edge), _chars(clause.left_edge, clause.right_edge)], source


_AGENT_HEADS = frozenset({"NOUN", "PROPN", "PRON"})
_NO_AGENT_ENTS = frozenset({"DATE", "TIME"})
# "voted on by night’s end", "confirmed by now": a deadline after "by", which the model tags no date.
_DEADLINE_HEADS = frozenset(
    {"end", "now", "then", "time", "deadline", "noon", "midnight", "morning", "tonight"}
)
# In the passive these report a cause or a state, not a statement: "The Dow was held back by a
# drop", "The state was decided by less than one percentage point", "was explained by the
# state's registration rules" (PolNeAR train: 2 of 15 such predictions overlapped a gold content).
_NO_AGENT_CUES = frozenset({"hold", "decide", "define", "explain", "continue", "write", "know", "identify"})


def agent_passive_content(verb: Token, lex: CueLexicon) -> tuple[list[Span], Token] | None:
    """ "O’Malley’s move was first reported by MSNBC", "Trump has been criticized by some of his
    rivals for failing to ...": a cue in the passive with its agent. The agent speaks; the passive
    subject is the content, with the complement that completes the cue ("for failing ...",
    "considered unclean by Muslims"). Where the parse hangs the complement elsewhere ("remembered
    by historians as a liberal champion": "as" on "historians"), the subject stands alone."""
    lemma = cue_lemma(verb)
    if (
        verb.tag_ != "VBN"
        or not lex.is_cue_verb(lemma)
        or lemma in lex.addressee_verbs
        or lemma in _NO_AGENT_CUES
    ):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = _pobj(agent) if agent is not None else None
    if (
        subj is None
        or source is None
        or source.pos_ not in _AGENT_HEADS
        or source.ent_type_ in _NO_AGENT_ENTS
    ):
        return None
    if source.lower_ in _DEADLINE_HEADS:
        return None
    # What is said is elsewhere for a verb with a clause of its own ("was told by X that ...").
    if any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return None
    parts = [_chars(subj.left_edge, subj.right_edge)]
    preps = lex.prepositional.get(lemma, frozenset())
    for c in verb.rights:
        if c.dep_ in ("xcomp", "oprd", "acomp") or (
            c.dep_ == "prep" and (c.lower_ == "as" or c.lower_ in preps)
        ):
            parts.append(_chars(c.left_edge, c.right_edge))
            break
    return parts, source


# "46 percent of voters said yes", "after 55 percent said so", "Mook said as much": the answer is
# the whole statement (PolNeAR marks the word), too short for a clause of its own.
_ANSWER_WORDS = frozenset({"yes", "no", "so"})
_ANSWER_PHRASES = frozenset({"the same", "as much", "the opposite", "otherwise"})


def short_answer(cue: Token) -> Span | None:
    """The one-word or stock answer right after a verb of saying, if that is all it says (read off
    the surface: the parse hangs "as much" and "the same" every which way)."""
    doc = cue.doc
    for size, stock in ((1, _ANSWER_WORDS), (2, _ANSWER_PHRASES)):
        if cue.i + size >= len(doc):
            continue
        words = doc[cue.i + 1 : cue.i + 1 + size]
        after = doc[cue.i + 1 + size] if cue.i + 1 + size < len(doc) else None
        # "said so in December", "said no to the Iraq war"; not "said so many things".
        ends = (
            after is None
            or after.is_punct
            or after.pos_ in ("ADP", "ADV", "SCONJ", "CCONJ")
            or after.ent_type_ in ("DATE", "TIME")
        )
        if words.text.lower() in stock and ends:
            return _chars(words[0], words[-1])
    return None


_QUESTIONING = frozenset({"ask", "press", "question"})


def question_content(verb: Token) -> tuple[Span, Token | None] | None:
    """ "Asked if she believed Putin wanted Trump to win, Clinton said ...", "When asked by a reporter
    whether ...": a question put to the sentence's subject, in a participle with no subject of its
    own. The question is the content; who asked it (the "by" agent) the speaker, else nobody named.
    "Asked about her weaknesses" is about them: the content leaves the preposition out."""
    if cue_lemma(verb) not in _QUESTIONING or verb.tag_ != "VBN" or verb.dep_ != "advcl":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = _pobj(agent) if agent is not None else None
    for c in verb.rights:
        # The parse hangs "if she believed ..." on "Asked" as an adverbial clause at times.
        asks_if = c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.lefts
        )
        if c.dep_ in ("ccomp", "xcomp") or asks_if:
            return _chars(c.left_edge, c.right_edge), source
        if c.dep_ == "prep" and c.lower_ == "about" and (obj := _pobj(c)) is not None:
            return _chars(obj.left_edge, obj.right_edge), source
    return None


def _holds_a_belief(subj: Token, hedge: bool) -> bool:
    """Whether a raised subject is something believed of ("It is expected to show another solid
    gain", "surrogates who are expected to be visible": PolNeAR marks the pronoun). Not "there",
    a demonstrative, or any pronoun of a hedge ("it seems to me", "they appear to").
    """
    if subj.pos_ != "PRON" and subj.lower_ not in ("it", "there", "that", "this"):
        return True
    if hedge or subj.lower_ in ("there", "this"):
        return False
    return subj.lower_ != "that" or subj.tag_ == "WDT"


# Punctuation that sets off a writer's aside from what precedes it.
_ASIDE_PUNCT = frozenset({",", "—", "–", "―", "--", "-", "("})
# Relatives that open a writer's aside. ", where ..." and ", whom ..." are left out: PolNeAR's
# annotators keep such a clause in the content more often than not (", where" 22 of 32 on train).
_RELATIVE_WORDS = frozenset({"which", "who", "whose", "when"})
_APPOSITION_ARTICLES = frozenset({"a", "an", "the"})


def _is_aside(tok: Token, lex: CueLexicon) -> bool:
    """True when ``tok`` heads a phrase the writer adds after a comma or dash: a non-restrictive
    relative clause (", which ...") or a participle of another cue (", telling NBC that ...",
    ", calling it ...": an attribution of its own), or an apposition opened by an article that
    ends the content (", a five-minute drive from the Clintons' home", ", a swipe at ..."): the
    writer's gloss, which PolNeAR's annotators leave out about two times in three on train.
    When-clauses are left in: annotators keep them about as often as not."""
    if tok.dep_ == "relcl":
        return tok.left_edge.lower_ in _RELATIVE_WORDS
    if tok.dep_ == "appos":
        return tok.left_edge.lower_ in _APPOSITION_ARTICLES
    return (
        tok.dep_ in ("advcl", "acl", "conj")
        and tok.tag_ in ("VBG", "VBN")
        and tok.left_edge.i == tok.i
        and lex.is_cue_verb(cue_lemma(tok))
    )


def _is_second_cue(tok: Token, lex: CueLexicon) -> bool:
    """ "said he had pneumonia and called it common": a second reporting verb sharing the subject
    is an attribution of its own (PolNeAR: one cue per attribution)."""
    return (
        tok.dep_ == "conj"
        and tok.pos_ == "VERB"
        and cue_lemma(tok) in lex.verbs
        and not any(c.dep_ in _SUBJ_DEPS for c in tok.children)
    )


def cut_asides(doc: Doc, span: Span, quotations: list[Quotation], lex: CueLexicon) -> Span:
    """End reported content before a trailing aside of the writer's (PolNeAR: "be conservative,
    only include what is clearly attributed"): "said the plan would pass, which it did" -> "the plan
    would pass". Asides inside a quotation are the speaker's own words and stay."""
    toks = doc.char_span(*span, alignment_mode="expand")
    if toks is None or len(toks) < 4:
        return span
    words = [t for t in toks if not t.is_punct]
    if not words:
        return span
    last = words[-1].i
    for tok in toks[2:]:
        edge = tok.left_edge
        if edge.i - 1 <= toks.start:
            continue
        punct = doc[edge.i - 1]
        if any(q.start < punct.idx < q.end for q in quotations):
            continue
        # ", telling Stephanopolous that ..." opens an attribution of its own even where the parse
        # hangs the rest of the sentence elsewhere: everything after it is that cue's.
        # (Only a verb of speaking: in "called him a kind, loving and admirable person" a
        # participle of an attitude verb is a word of the content.)
        cue_aside = tok.dep_ != "relcl" and punct.text == "," and cue_lemma(tok) in lex.verbs
        if tok.right_edge.i < last and not cue_aside:
            continue
        if punct.text in _ASIDE_PUNCT and _is_aside(tok, lex):
            return span[0], punct.idx
        if punct.lower_ in ("and", "but") and _is_second_cue(tok, lex):
            return span[0], punct.idx
    return span
