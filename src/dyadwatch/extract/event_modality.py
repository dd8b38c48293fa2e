"""Modality of an event mention (asserted, planned, hypothetical, negated), its reporter and date.

PLOVER defines future/hypothetical/negation modes but no public coder implements them; we read
them off the parse: negation children and "no evidence of", modal auxiliaries, governing verbs
such as "expected to" or "plans to", conditionals and modifiers such as "possible" or "planned".
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.model import Analysis, Span
from dyadwatch.nlp.dates import TimeExpression, resolve

HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}
PLANNED_AUX = {"will", "shall", "'ll", "wo"}
PLANNED_HEADS = {
    "expect",
    "plan",
    "schedule",
    "set",
    "due",
    "intend",
    "prepare",
    "aim",
    "hope",
    "seek",
    "about",
    "poise",
}
HYPOTHETICAL_HEADS = {
    "possible",
    "possibility",
    "potential",
    "likely",
    "unlikely",
    "predict",
    "risk",
    "consider",
    "if",
    "chance",
    "prospect",
    "may",
    "fear",
}
PLANNED_MODIFIERS = {
    "planned",
    "upcoming",
    "coming",
    "scheduled",
    "proposed",
    "future",
    "next",
    "expected",
    "forthcoming",
}
HYPOTHETICAL_MODIFIERS = {"possible", "potential", "likely", "hypothetical", "eventual"}
NEGATING_NOUNS = {"evidence", "sign", "indication", "proof", "intention", "plan"}
NEGATING_DETS = {"no", "neither", "nor"}
# Verbs whose subject is an act that brought about their complement ("prompted China to ...").
CAUSATIVE_VERBS = {"prompt", "cause", "trigger", "spark", "provoke", "lead", "force", "push"}
REPORTING_VERBS = {"say", "tell", "announce", "report", "add", "state", "claim", "write", "note", "quote"}


def _chain(tok: Token, hops: int = 5) -> list[Token]:
    """The trigger and its governors up to the clause that embeds it in a statement."""
    chain = [tok]
    cur = tok
    for _ in range(hops):
        if cur.head == cur or cur.dep_ in {"ccomp", "ROOT", "parataxis"}:
            break
        if tok.pos_ in {"NOUN", "PROPN"} and cur.dep_ in {"nsubj", "nsubjpass"}:
            # A nominal event that is the subject of a clause does not take the clause's modality
            # ("Allegations of support for Russia's war ... are expected to be discussed").
            break
        cur = cur.head
        chain.append(cur)
    return chain


def modality(tok: Token) -> str:
    """``negated`` > ``hypothetical`` > ``planned`` > ``asserted`` for the event at ``tok``.

    >>> # "Blinken is expected to press ..." -> 'planned'; see tests/extract/test_events.py
    """
    chain = _chain(tok)
    found: set[str] = set()
    for i, cur in enumerate(chain):
        for c in cur.children:
            low = c.lower_
            if c.dep_ == "neg":
                found.add("negated")
            elif c.dep_ in {"aux", "auxpass"} and low in HYPOTHETICAL_AUX:
                found.add("hypothetical")
            elif c.dep_ in {"aux"} and (low in PLANNED_AUX or c.lemma_ == "will"):
                found.add("planned")
            elif c.dep_ == "det" and low in NEGATING_DETS and (i == 0 or cur.lemma_ in NEGATING_NOUNS):
                found.add("negated")
            elif c.dep_ in {"amod", "compound"} and i <= 1 and low in PLANNED_MODIFIERS:
                found.add("planned")
            elif (
                c.dep_ in {"amod", "advmod"}
                and i <= 1
                and low in HYPOTHETICAL_MODIFIERS
                or c.dep_ == "mark"
                and low in {"if", "unless", "whether"}
            ):
                found.add("hypothetical")
        if i > 0:
            if cur.lemma_ in PLANNED_HEADS:
                found.add("planned")
            if cur.lemma_ in HYPOTHETICAL_HEADS:
                found.add("hypothetical")
            if cur.lower_ == "without":
                found.add("negated")
        # "going to visit"
        if cur.lower_ == "going" and i > 0:
            found.add("planned")
    for label in ("negated", "hypothetical", "planned"):
        if label in found:
            return label
    return "asserted"


def reported_by(analysis: Analysis, trigger: Span, sentence: Span) -> str | None:
    """The speaker of the quote that contains the event, or None when the author states it."""
    for quote in analysis.quotes:
        qs, qe = quote.span
        inside_trigger = qs <= trigger[0] and trigger[1] <= qe
        inside_sentence = qs <= sentence[0] and sentence[1] <= qe
        if (inside_trigger or inside_sentence) and quote.speaker:
            return quote.speaker
    return None


def _date_owner(tex: TimeExpression, tok_by_char: dict[int, Token]) -> Token | None:
    return tok_by_char.get(tex.span[0])


def attach_dates(
    triggers: list[Token], times: list[TimeExpression], tok_by_char: dict[int, Token]
) -> dict[int, TimeExpression]:
    """Map trigger token index -> the time expression in its scope.

    A time expression belongs to the nearest trigger above it in the tree ("visit ... last
    August", "pledged in November"); a trigger without one borrows the date of a trigger it
    depends on ("pledged in November during their meeting").
    """
    trigger_ids = {t.i for t in triggers}
    owned: dict[int, TimeExpression] = {}
    loose: dict[int, TimeExpression] = {}
    for tex in times:
        start = _date_owner(tex, tok_by_char)
        if start is None:
            continue
        cur = start
        for _ in range(12):
            if cur.i in trigger_ids:
                owned.setdefault(cur.i, tex)
                break
            if cur.head == cur:
                # Sentence-level date: usable unless it dates the report ("said on Monday").
                if cur.lemma_ not in REPORTING_VERBS and start.head.lemma_ not in REPORTING_VERBS:
                    loose.setdefault(cur.sent.start, tex)
                break
            cur = cur.head
    result: dict[int, TimeExpression] = {}
    for trig in triggers:
        if trig.i in owned:
            result[trig.i] = owned[trig.i]
            continue
        cur = trig
        for _ in range(8):
            if cur.head == cur:
                break
            cur = cur.head
            if cur.i in owned:
                result[trig.i] = owned[cur.i]
                break
            if (cause := _dated_cause(cur, owned)) is not None:
                result[trig.i] = cause
                break
        else:
            cur = trig
        if trig.i not in result and trig.sent.start in loose:
            result[trig.i] = loose[trig.sent.start]
    return result


def later_than(date: str, base: str) -> bool:
    """Whether a resolved date (at its own precision) lies after the report's day ``base``.

    >>> later_than("2023-02-04", "2023-01-31"), later_than("2023-01", "2023-01-31")
    (True, False)
    """
    return date > base[: len(date)]


def _dated_cause(verb: Token, owned: dict[int, TimeExpression]) -> TimeExpression | None:
    """The date of the act that caused this one: "A visit to Taiwan *last August* prompted China
    to conduct drills" dates the drills to the visit's month (at the cause's precision)."""
    if verb.lemma_ not in CAUSATIVE_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    if subj is None:
        return None
    return next((owned[t.i] for t in subj.subtree if t.i in owned), None)


def redate(tex: TimeExpression, base: str, prefer: str) -> tuple[str, str]:
    """Re-resolve a bare weekday/month name towards the future for planned events."""
    if prefer == "future":
        again = resolve(tex.text, base, prefer="future")
        if again:
            return again
    return tex.iso, tex.precision


# CAMEO codes an actor's stated intention to act as an act of its own: intent to cooperate is
# 03 (PLOVER AGREE: "Turkey will allow refugees to return", "the UN will provide food aid"),
# intent to do harm is 13 (THREATEN: "Nigeria will withdraw its force unless ...", "Greece plans
# to impose restrictions"); refusing cooperation is 12 (REJECT: "Syria will not accept refugees").
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
INTENT_HEADS = {"plan", "intend", "prepare", "ready", "willing", "prepared", "decide", "poise"}
COOPERATIVE_ACTS = {
    "CONSULT": "036",
    "SUPPORT": "032",
    "COOPERATE": "031",
    "AID": "033",
    "RETREAT": "035",
    "CONCEDE": "035",
}
CONFLICT_ACTS = {"SANCTION": "1312", "PROTEST": "133", "COERCE": "137", "MOBILIZE": "138", "ASSAULT": "138"}


ANNOUNCING_VERBS = REPORTING_VERBS | {"confirm", "declare", "insist", "warn", "vow", "indicate"}
SELF_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


def intended(tok: Token) -> bool:
    """Whether the act at ``tok`` is its actor's own stated intention: "Syria says *it will*
    withdraw", "NATO confirmed *it would* tighten", "Greece *plans to* impose". A schedule the
    author reports ("Blinken will meet Chinese officials") stays the act itself, planned."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    chain = _chain(tok)
    if any(i > 0 and cur.lemma_ in INTENT_HEADS for i, cur in enumerate(chain)):
        return True
    future = any(
        c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lemma_ == "will")
        for cur in chain
        for c in cur.children
    )
    top = chain[-1]
    subject = next((c for cur in chain for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return (
        future
        and top.dep_ == "ccomp"
        and top.head.lemma_ in ANNOUNCING_VERBS
        and subject is not None
        and subject.lower_ in SELF_PRONOUNS
    )


def conditional(tok: Token) -> bool:
    """Whether the clause of ``tok`` carries a condition ("... unless the Kremlin withdrew")."""
    return any(
        m.dep_ == "mark" and m.lower_ in {"if", "unless"}
        for cur in _chain(tok)
        for c in cur.children
        if c.dep_ == "advcl"
        for m in c.children
    )


def announcing_clause(tok: Token) -> Token | None:
    """The announcing verb of a future act reported in its complement ("Israel *will* evacuate
    ..., *said* a spokesperson"), or None."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return None
    chain = _chain(tok)
    future = any(c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lemma_ == "will") for c in tok.children)
    top = chain[-1]
    if future and top.dep_ == "ccomp" and top.head.lemma_ in ANNOUNCING_VERBS:
        return top.head
    return None


def intent_coding(ptype: str, tok: Token, mode: str, announced: bool = False) -> tuple[str, str] | None:
    """(PLOVER type, CAMEO code) of an intended act, or None when the act is coded as it is;
    ``announced``: the actor's own side announces it ("..., an Israeli spokesperson said").

    >>> # "Syria says it will not accept refugees" -> ('REJECT', '120'), see tests/extract
    """
    if not (announced or intended(tok)):
        return None
    if mode == "negated":
        return ("REJECT", "120") if ptype in COOPERATIVE_ACTS or ptype == "AGREE" else None
    if ptype in CONFLICT_ACTS or (ptype == "RETREAT" and conditional(tok)):
        return "THREATEN", CONFLICT_ACTS.get(ptype, "1311")
    if ptype in COOPERATIVE_ACTS:
        return "AGREE", COOPERATIVE_ACTS[ptype]
    return None


def content_coding(head_type: str, content_type: str) -> tuple[str, str] | None:
    """An intent trigger takes the sign of the act it announces: "prepared to impose martial
    law" is a threat, not an agreement."""
    if head_type == "AGREE" and content_type in CONFLICT_ACTS:
        return "THREATEN", CONFLICT_ACTS[content_type]
    return None
