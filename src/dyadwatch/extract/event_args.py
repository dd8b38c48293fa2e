"""Event arguments from the dependency parse: who acts (source), on whom (target), and where.

Arguments are tokens first (subject, object, prepositional objects, passive agents, possessives),
then actors through ``Analysis.actor_at`` so that metonyms ("Beijing" -> CHN:GOV) and people keep
the actor stage's coding. A coordination ("Seoul and Tokyo") yields one actor per conjunct.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dyadwatch.model import Actor, Analysis, Event

# Verbs whose object, not subject, is the understood subject of their infinitive ("prompted
# China to conduct drills", "urged both sides to reset"): object control.
SUBJECT_DEPS = {"nsubj", "csubj"}
# Documents that speak for their issuer ("issued a statement urging ...").
STATEMENT_NOUNS = {
    "statement",
    "declaration",
    "communique",
    "letter",
    "resolution",
    "message",
    "note",
    "appeal",
    "petition",
    "ultimatum",
}
NP_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
PLACE_PREPS = {"in", "near", "around", "off", "at", "inside", "outside", "across", "along"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
WH_WORDS = {"who", "which", "that", "whom"}


def token_actor(analysis: Analysis, tok: Token) -> Actor | None:
    """The actor mentioned by this very token (a mention overlapping it), if any."""
    return analysis.actor_at(tok.idx, tok.idx + len(tok))


def np_actor(analysis: Analysis, tok: Token, depth: int = 0) -> Actor | None:
    """The actor a noun phrase headed by ``tok`` refers to.

    Head first ("Blinken"), then modifiers ("Chinese officials", "Beijing's coast guard",
    "US freedom of navigation operations"), then "of/from" phrases ("diplomats from China").

    >>> # see tests/extract/test_events.py for real sentences
    """
    if tok.lower_ in WH_WORDS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    actor = token_actor(analysis, tok)
    if actor is not None:
        return actor
    children = sorted(tok.children, key=lambda c: abs(c.i - tok.i))
    # An apposition names the head itself ("McCarthy's predecessor, Nancy Pelosi").
    appos = next((c for c in children if c.dep_ == "appos"), None)
    if appos is not None and (actor := token_actor(analysis, appos)) is not None:
        return actor
    for child in children:
        if child.dep_ in NP_MODIFIER_DEPS and not stance_modifier(child):
            actor = token_actor(analysis, child) or (
                np_actor(analysis, child, depth + 1) if depth < 2 else None
            )
            if actor is not None:
                return actor
    if depth < 2:
        for child in children:
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in {"of", "from", "for"}):
                target = (
                    child
                    if child.dep_ == "appos"
                    else next((g for g in child.children if g.dep_ == "pobj"), None)
                )
                if target is not None:
                    actor = np_actor(analysis, target, depth + 1)
                    if actor is not None:
                        return actor
    return None


def stance_modifier(tok: Token) -> bool:
    """Whether a name modifies as a stance, not an affiliation: an "anti-Syria journalist" is
    not Syrian, a "pro-Moscow party" not Russian."""
    doc = tok.doc
    if tok.lower_.startswith(("anti-", "pro-")):
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in {"anti", "pro"}


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the heads it is coordinated with, in text order."""
    return sorted([tok, *tok.conjuncts], key=lambda t: t.i)


def actors_of(analysis: Analysis, tok: Token | None) -> list[Actor]:
    """Distinct actors of a (possibly coordinated) noun phrase.

    "Seoul and Tokyo" gives two actors; "Xi and Biden" two people.
    """
    if tok is None:
        return []
    found: list[Actor] = []
    for head in conjuncts(tok):
        actor = np_actor(analysis, head)
        if actor is not None and all(a.id != actor.id for a in found):
            found.append(actor)
    return found


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_object(tok: Token, prep: str) -> Token | None:
    """The object of a preposition ``prep`` attached to ``tok`` ("meet *with* X", "visit *to* X")."""
    for c in tok.children:
        if c.dep_ in {"prep", "dative", "prt", "agent"} and c.lower_ == prep:
            obj = child(c, "pobj", "pcomp") or _stranded_object(c)
            if obj is not None:
                return obj
    return None


def _stranded_object(prep: Token) -> Token | None:
    """The noun phrase right after a preposition the parser left without an object: in "granted
    asylum to five Panamanian army officers holed up in ..." the small model makes "officers"
    the subject of "holed". The phrase must start right after the preposition."""
    if prep.i + 1 >= len(prep.doc) or prep.n_rights:
        return None
    nxt = prep.doc[prep.i + 1]
    for cand in [nxt, *nxt.ancestors]:
        if cand.left_edge.i != prep.i + 1 or cand.pos_ not in {"NOUN", "PROPN", "PRON"}:
            continue
        if cand.dep_ in {"nsubj", "nsubjpass", "dobj", "appos"}:
            return cand
    return None


def verb_subject(verb: Token, depth: int = 0) -> Token | None:
    """The understood subject of a verb: its own, a passive agent, or a controller's."""
    subj = child(verb, *SUBJECT_DEPS)
    if (
        subj is not None
        and subj.dep_ == "nsubj"
        and subj.tag_ == "VBG"
        and (inner := child(subj, "nsubj")) is not None
    ):
        # "The Red Cross operating in Iraq said ...": the parser makes the participle the
        # subject and the name its own subject.
        return inner
    if subj is not None:
        return subj
    agent = prep_object(verb, "by")
    if agent is not None and child(verb, "nsubjpass", "auxpass") is not None:
        return agent
    if depth > 4:
        return None
    if verb.dep_ in {"xcomp", "ccomp", "advcl"} and verb.dep_ != "ccomp":
        obj = child(verb.head, "dobj")
        # Object control: "prompted China to conduct drills".
        if verb.dep_ == "xcomp" and obj is not None and obj.i < verb.i:
            return obj
        return verb_subject(verb.head, depth + 1) or child(verb.head, "nsubjpass")
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        shared = child(verb.head, "nsubjpass")
        if shared is not None and verb.tag_ != "VBN":
            # "the prime minister has been indicted by the court and will resign": an active
            # conjunct shares the passive's subject, not its agent.
            return shared
        return verb_subject(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.lemma_ in STATEMENT_NOUNS and verb.head.dep_ == "dobj":
        # "The PKK issued a declaration demanding ...": the statement's issuer demands.
        return verb_subject(verb.head.head, depth + 1)
    if (
        verb.dep_ == "acl"
        and verb.head.dep_ == "dobj"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        # "Biden intensified efforts to hobble China's chip industry": the efforts' owner acts.
        return verb_subject(verb.head.head, depth + 1)
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return verb_subject(verb.head.head, depth + 1)
    return None


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb (or auxiliary used as a verb) above a noun: "conduct" for "drills"."""
    cur = tok
    for _ in range(6):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return cur
    return None


def clause_anchor(tok: Token) -> Token:
    """The clause word an event trigger hangs from: the verb itself, else the verb above a noun
    ("staged" for the object "rallies") or the word a modal/adjective trigger modifies."""
    if tok.pos_ in {"VERB", "AUX"} and tok.tag_ != "MD":
        return tok
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr"}:
        return tok
    return governing_verb(tok) or tok


def dominates(anchor: Token, tok: Token) -> bool:
    """Whether ``tok`` sits below ``anchor`` through at least one non-coordinating dependency."""
    subordinate = False
    cur = tok
    for _ in range(12):
        if cur.head == cur:
            return False
        subordinate |= cur.dep_ not in {"conj", "cc"}
        cur = cur.head
        if cur == anchor:
            return subordinate
    return False


# Prepositions that set one act beside another in time ("pledged ... *during* their meeting",
# "granted asylum *since* the invasion"): the act in such a phrase is an event of its own.
TIME_PREPS = {"during", "after", "before", "since", "until", "following", "amid"}


def in_time_phrase(anchor: Token, tok: Token) -> bool:
    """Whether ``tok`` hangs from ``anchor`` through a temporal preposition phrase and names its
    own doer ("during *their* meeting"); an act whose doer is only the main clause's ("after
    fifteen years of occupation", "before allowing aid convoys") still elaborates that clause."""
    if not any(c.dep_ in {"poss", "nsubj", "nsubjpass", "agent"} for c in tok.children):
        return False
    cur = tok
    for _ in range(12):
        if cur.head == cur or cur == anchor:
            return False
        if cur.dep_ == "prep" and cur.lower_ in TIME_PREPS:
            return True
        cur = cur.head
    return False


def main_events(coded: list[tuple[Token, list[Event]]]) -> list[Event]:
    """Drop an event that only elaborates another act of the same source in the sentence: one under
    the other's clause ("staged rallies ... *saying* he must resign", "continued their hunger
    strike to *demand* ...", "suspended *aid* deliveries"). Coordinated acts ("kidnapped ... and
    exploded"), other actors' acts ("punished ... after it *called* for") and acts in a time
    phrase ("pledged ... during their *meeting*") are kept."""
    kept: list[Event] = []
    for trigger, events in coded:
        over = [
            e
            for other, others in coded
            if other is not trigger
            and dominates(clause_anchor(other), trigger)
            and not dominates(clause_anchor(trigger), other)
            and not in_time_phrase(clause_anchor(other), trigger)
            for e in others
        ]
        sources = {e.source_country or e.source for e in over}
        kept += [
            e
            for e in events
            if (e.source_country or e.source) not in sources or _further_deed(trigger, e, over)
        ]
    return kept


def _further_deed(trigger: Token, event: Event, over: list[Event]) -> bool:
    """A participle adding a deed of another kind to a deed ("opened fire ..., killing one person
    and *arresting* 12") reports a second act, not the manner of the first."""
    return (
        trigger.tag_ == "VBG"
        and trigger.dep_ in {"advcl", "conj"}
        and event.quad_class.startswith("material")
        and all(o.quad_class.startswith("material") and o.type != event.type for o in over)
    )


def location_of(tok: Token) -> str | None:
    """A place attached to the trigger or its clause verb ("in Alaska", "near the Senkaku islands")."""
    candidates = [tok]
    verb = governing_verb(tok) if tok.pos_ not in {"VERB", "AUX"} else None
    if verb is not None:
        candidates.append(verb)
    for head in candidates:
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS:
                continue
            obj = child(c, "pobj")
            if obj is None:
                continue
            if obj.ent_type_ in PLACE_ENTS or c.lower_ in {"near", "around", "off"}:
                span = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
                text = span.text
                return text[4:] if text.lower().startswith("the ") else text
    return None


# Dependencies followed, breadth first, when the trigger's own target slots are empty: the
# target then sits in the act's complement ("threatened to cut off electricity *to Nakhichevan*"),
# in its object's modifiers ("suspended a military aid program *for Bosnia*") or in its place
# ("lifted a curfew *in Montenegro*"), the way PLOVER codes it.
TARGET_SEARCH_DEPS = {
    "dobj",
    "dative",
    "prep",
    "pobj",
    "xcomp",
    "ccomp",
    "pcomp",
    "poss",
    "compound",
    "amod",
    "nmod",
    "conj",
    "appos",
    "attr",
    "oprd",
    "nsubj",
    "nsubjpass",
    "advcl",
    "acl",
}
# Verbs that only carry a noun's act ("conduct drills around X", "held talks with X", "paid a
# visit to X"): their prepositional phrases are the noun's arguments.
LIGHT_VERBS = {
    "conduct",
    "hold",
    "stage",
    "carry",
    "launch",
    "mount",
    "make",
    "pay",
    "undertake",
    "begin",
    "start",
    "resume",
    "continue",
}


def light_verb(tok: Token) -> bool:
    """Whether ``tok`` is one of the light verbs, by lemma or (the small model's lemmatizer
    gives "stag" for "staged") by a regular inflected form."""
    low = tok.lower_
    return tok.lemma_ in LIGHT_VERBS or any(
        low in {v + "s", v + "d", v + "ed", v + "ing", v[:-1] + "ing"} for v in LIGHT_VERBS
    )


TARGET_SKIP_PREPS = {"after", "before", "since", "during", "until", "despite", "like", "as", "without"}


def search_target(
    resolve: Callable[[Token], list[Actor]],
    trigger: Token,
    exclude: set[str],
    max_depth: int = 5,
    first: set[str] | None = None,
    skip: frozenset[str] | set[str] = TARGET_SKIP_PREPS,
) -> list[Actor]:
    """Actors found breadth-first below ``trigger`` (not its own subject), nearest level first;
    ``first`` limits the dependencies of the first step."""
    deps = TARGET_SEARCH_DEPS - {"nsubj", "nsubjpass"} if first is None else first
    frontier = [c for c in trigger.children if c.dep_ in deps]
    for _ in range(max_depth):
        found: list[Actor] = []
        nxt: list[Token] = []
        for tok in sorted(frontier, key=lambda t: abs(t.i - trigger.i)):
            if tok.dep_ == "prep" and tok.lower_ in skip:
                continue
            if (tok.dep_ == "advcl" and tok.head == trigger) or (
                tok.dep_ == "conj" and child(tok, "nsubj", "nsubjpass") is not None
            ):
                # Another clause ("agreed to a ceasefire ... but media reports said ...").
                continue
            if tok.pos_ in {"NOUN", "PROPN", "PRON"} and tok.dep_ != "conj":
                found += [a for a in resolve(tok) if a.id not in exclude and a not in found]
            nxt += [c for c in tok.children if c.dep_ in TARGET_SEARCH_DEPS]
        if found:
            return found
        frontier = nxt
    return []
