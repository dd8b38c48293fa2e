"""Stage ``dyadwatch.events.v1``: who did what to whom, coded in PLOVER and CAMEO in one pass.

For every sentence: find trigger words from the trigger dictionary (verbs with their particle,
preposition or object; nouns with their modifiers), drop triggers that are only the content of
another act ("urged both sides to *cooperate*"), then read source and target off the parse,
resolve them to the article's actors (one event per source x target pair), and add modality,
reporter, date, place, Goldstein value and quad class.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyadwatch.extract.event_actors import (
    actors_of,
    agent_sector,
    country_of,
    domestic_target,
    partitive_object,
    place_actor,
    sentence_country,
    words_of,
)
from dyadwatch.extract.event_args import (
    child,
    conjuncts,
    governing_verb,
    light_verb,
    location_of,
    main_events,
    np_actor,
    prep_object,
    search_target,
    verb_subject,
)
from dyadwatch.extract.event_modality import (
    announcing_clause,
    attach_dates,
    content_coding,
    intent_coding,
    later_than,
    modality,
    redate,
    reported_by,
)
from dyadwatch.model import Actor, Analysis, Event
from dyadwatch.nlp.dates import resolve_time_expressions
from dyadwatch.ontology.events_data import TYPE_ROOT, cameo_lookup, plover_for_cameo
from dyadwatch.ontology.triggers import Trigger, trigger_index, trigger_words

# Dependencies through which a trigger's complement carries the content of the act.
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pcomp", "advcl"}
CONTENT_PREPS = {"of", "for", "to", "on", "against", "over", "about", "into"}
NOUN_POS = {"NOUN", "PROPN"}
# Acts whose doer a report often leaves unnamed ("a bombing killed", "was arrested in Cairo"):
# coded to the country where they took place.
UNATTRIBUTED_TYPES = {"ASSAULT", "COERCE", "ACCUSE"}
PLACE_PREPS = {"in", "near", "outside", "inside", "at", "around", "off"}
WH_WORDS = {"who", "which", "that", "whom"}
PAST_TAGS = {"VBD", "VBN"}
# Verbs whose subject undergoes the act their object names ("face sanctions", "suffered attacks").
UNDERGOING_VERBS = {"face", "suffer", "receive", "endure", "undergo", "risk", "escape", "avoid", "survive"}
RELATIONAL_NOUNS = {"partnership", "alliance", "pact", "treaty", "friendship", "relationship"}
# Heads that a noun trigger modifies without adding an act of their own ("mediation effort").
LIGHT_NOUNS = {
    "effort",
    "attempt",
    "bid",
    "mission",
    "process",
    "initiative",
    "campaign",
    "operation",
    "programme",
    "program",
    "plan",
}


@dataclass
class Match:
    token: Token
    trigger: Trigger
    consumed: tuple[int, ...] = ()
    # Character bounds of the trigger's paragraph piece: the small parser sometimes joins a
    # heading ("READ: Taiwan is ...") to the next paragraph; arguments must not cross the break.
    bounds: tuple[int, int] = (0, 1 << 62)
    # The act an embedding trigger announces ("prepared to *impose* martial law"), if coded.
    content: Match | None = None

    def inside(self, tok: Token | None) -> Token | None:
        return tok if tok is not None and self.bounds[0] <= tok.idx < self.bounds[1] else None


def _pos_key(tok: Token) -> str | None:
    if tok.pos_ == "VERB" and tok.dep_ == "amod":
        return None  # a participle describing a noun ("the banned movement") reports no act
    if tok.pos_ == "VERB" or (
        tok.pos_ == "AUX" and tok.dep_ in {"ROOT", "conj", "xcomp"} and tok.lemma_ != "be"
    ):
        return "verb"
    if tok.pos_ in NOUN_POS:
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    if tok.tag_ == "MD":
        return "aux"
    return None


def _has_particle(tok: Token, particle: str) -> bool:
    return any(c.dep_ in {"prt", "prep"} and c.lower_ == particle for c in tok.children) or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == particle
    )


def _matches(tok: Token, trig: Trigger, analysis: Analysis) -> tuple[bool, tuple[int, ...]]:
    """Whether the conditions of one sense hold at ``tok``; also the tokens the match uses."""
    used: list[int] = []
    if trig.particle and not _has_particle(tok, trig.particle):
        return False, ()
    if trig.prep and prep_object(tok, trig.prep) is None and not _has_particle(tok, trig.prep):
        return False, ()
    if trig.objects:
        if trig.pos == "noun":
            heads = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
        elif trig.prep:
            obj = prep_object(tok, trig.prep)
            heads = conjuncts(obj) if obj is not None else []
        else:
            obj = child(tok, "dobj", "nsubjpass", "attr")
            heads = conjuncts(obj) if obj is not None else []
            if obj is not None and obj.dep_ == "dobj" and (part := partitive_object(obj)) is not None:
                heads += conjuncts(part)  # "forced out hundreds of villagers"
        hit = [h for h in heads if h.lemma_.lower() in trig.objects or h.lower_ in trig.objects]
        if not hit:
            return False, ()
        used += [h.i for h in hit]
    if trig.modifiers:
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}]
        hit = [m for m in mods if m.lemma_.lower() in trig.modifiers or m.lower_ in trig.modifiers]
        if not hit:
            return False, ()
    if trig.actor_object:
        obj = child(tok, "dobj")
        if obj is None or np_actor(analysis, obj) is None or child(tok, "xcomp", "ccomp") is not None:
            return False, ()
    if trig.intransitive and child(tok, "dobj") is not None:
        return False, ()
    return True, tuple(used)


def find_triggers(sent: list[Token], analysis: Analysis) -> list[Match]:
    """Trigger matches of one sentence, most specific sense per token, embedded content dropped."""
    matches: dict[int, Match] = {}
    consumed: set[int] = set()
    index, words = trigger_index(), trigger_words()
    for tok in sent:
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if lemma not in words and lower not in words:
            continue  # most tokens: no sense at all, whatever their tag
        key = _pos_key(tok)
        if key is None:
            continue
        for word in dict.fromkeys([lemma, lower]):
            for trig in index.get((key, word), ()):
                ok, used = _matches(tok, trig, analysis)
                if ok:
                    matches[tok.i] = Match(tok, trig, used)
                    consumed.update(used)
                    break
            if tok.i in matches:
                break
    kept = [m for i, m in matches.items() if i not in consumed]
    embedding = {m.token.i for m in kept if m.trigger.embeds}
    for m in kept:
        head = m.token.head
        if (
            (m.token.dep_ in {"xcomp", "ccomp"} or _infinitival_advcl(m.token))
            and head.i in embedding
            and matches[head.i].content is None
        ):
            matches[head.i].content = m
    # A modal trigger ("China *must* drop barriers") embeds the verb it modifies.
    governed = {m.token.head.i for m in kept if m.trigger.embeds and m.trigger.pos in {"aux", "adj"}}
    return [m for m in kept if m.token.i not in governed and not _embedded(m.token, embedding)]


def _infinitival_advcl(tok: Token) -> bool:
    """ "have sworn to fight": the small parser often makes such a complement an adverbial clause."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _embedded(tok: Token, embedding: set[int]) -> bool:
    cur = tok
    for _ in range(8):
        parent = cur.head
        if parent == cur:
            return False
        if parent.i in embedding:
            if cur.dep_ in CONTENT_DEPS or (cur.dep_ == "prep" and cur.lower_ in CONTENT_PREPS):
                return True
            if cur.dep_ == "conj":
                return False
            return False
        cur = parent
    return False


def _spec_tokens(match: Match, spec: str) -> list[Token]:
    tok = match.token
    if spec.startswith("prep:"):
        prep = spec[5:]
        found = prep_object(tok, prep)
        if found is None and tok.dep_ == "compound" and tok.head.lemma_ in LIGHT_NOUNS:
            # "a mediation effort between X and Y": the light head's phrases are the trigger's.
            found = prep_object(tok.head, prep)
        if found is None:
            obj = child(tok, "dobj")
            found = prep_object(obj, prep) if obj is not None else None
        return [found] if found is not None else []
    if spec in {"dobj", "dative", "attr"}:
        # "accused the US freedom of navigation operations of ...": the parser often makes the
        # actor a dative and the act the object; both are candidates, dative first.
        deps = ("dative", "dobj") if spec == "dobj" else (spec,)
        objects = [c for d in deps for c in tok.children if c.dep_ == d]
        return objects or (_shifted_object(tok) if spec == "dobj" else [])
    if spec == "poss":
        found = child(tok, "poss")
        if found is None and (obj := child(tok, "dobj")) is not None:
            found = child(obj, "poss")
        return [found] if found is not None else []
    if spec == "amod":
        return [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
    if spec in {"head_subj", "agent_of_head", "subj_of_passive_head"}:
        verb = governing_verb(tok)
        if verb is None or (spec == "head_subj" and verb.lemma_ in UNDERGOING_VERBS):
            # "China must ... face tariff penalties": who faces an act undergoes it.
            return []
        if spec == "subj_of_passive_head":
            found = child(verb, "nsubjpass")
        elif spec == "agent_of_head":
            found = prep_object(verb, "by")
        else:
            found = verb_subject(verb)
        return [found] if found is not None else []
    if spec in {"ccomp_subj", "xcomp_subj"}:
        comp = child(tok, spec.split("_")[0])
        found = child(comp, "nsubj", "nsubjpass") if comp is not None else None
        return [found] if found is not None else []
    return []


def _shifted_object(verb: Token) -> list[Token]:
    """An object moved after an "as" phrase ("denounced as an ugly crime Serbia's suppression of
    ..."): the small parser makes it an apposition of the "as" object."""
    as_obj = prep_object(verb, "as")
    return [c for c in as_obj.children if c.dep_ == "appos"] if as_obj is not None else []


def _first_actors(analysis: Analysis, match: Match, specs: tuple[str, ...], exclude: set[str]) -> list[Actor]:
    for spec in specs:
        for tok in _spec_tokens(match, spec):
            found = [a for a in actors_of(analysis, match.inside(tok)) if a.id not in exclude]
            if found:
                return found
    return []


def _arguments(analysis: Analysis, match: Match) -> list[tuple[Actor, Actor | None]]:
    """(source, target) pairs for one trigger; coordinations multiply pairs."""
    tok, trig = match.token, match.trigger
    passive_target: list[Actor] = []
    doer: Token | None = None
    if trig.pos == "noun":
        between = match.inside(prep_object(tok, "between")) if "prep:between" in trig.source else None
        if between is not None and len(parties := actors_of(analysis, between)) >= 2:
            return [(parties[0], other) for other in parties[1:]]
        sources = _first_actors(analysis, match, trig.source, set())
    else:
        verb = tok.head if trig.pos in {"adj", "aux"} else tok
        subj_tok = match.inside(verb_subject(verb))
        if trig.pos == "aux" and verb.dep_ == "ccomp":
            # "X declared that China must drop barriers": the declarer demands, China is asked.
            passive_target = actors_of(analysis, subj_tok)
            subj_tok = match.inside(verb_subject(verb.head))
        passive = child(verb, "auxpass", "nsubjpass") is not None
        if subj_tok is None and child(verb, "nsubjpass") is None:
            # Broken parse (a heading glued to the sentence): take the nearest actor to the left.
            left = _left_actor_token(analysis, match, verb)
            if passive:
                passive_target = actors_of(analysis, left)
            else:
                subj_tok = left
        sources = actors_of(analysis, subj_tok)
        doer = subj_tok
        if not sources and passive_target:
            sources = _implicit_source(analysis, verb, {a.id for a in passive_target})
        if (obj := match.inside(child(verb, "nsubjpass"))) is not None:
            passive_target = actors_of(analysis, obj)
            if not sources:
                sources = _implicit_source(analysis, verb, {a.id for a in passive_target})
    if not sources and trig.type in UNATTRIBUTED_TYPES and trig.pos != "noun" and _no_doer(doer):
        sources = _place_source(analysis, match, {a.id for a in passive_target})
    if not sources:
        return []
    source_ids = {a.id for a in sources}
    targets = passive_target or _first_actors(analysis, match, trig.target, source_ids)
    if not targets and trig.type == "CONSULT" and len(sources) > 1:
        # "diplomats from the United States and China will meet": they meet each other.
        return [(sources[0], other) for other in sources[1:]]
    if not targets and trig.type == "REQUEST":
        # "reiterated its demand that Israel ease restrictions", "demanded an admission by
        # Moscow": who is to act is asked.
        targets = _first_actors(analysis, match, ("ccomp_subj", "prep:by"), source_ids)
    if not targets and match.content is not None:
        # "agreed to lift embargoes ... on Iran", "refused to commit to assistance to the US-led
        # war": the act announced, promised or refused has the target.
        content = match.content
        targets = _first_actors(analysis, content, content.trigger.target, source_ids)
    if not targets:
        anchor = tok.head if trig.pos == "aux" else tok
        targets = search_target(lambda t: actors_of(analysis, match.inside(t)), anchor, source_ids)
    if not targets and trig.pos == "noun" and tok.dep_ == "dobj" and light_verb(tok.head):
        # "conduct drills around the island": the light verb's phrases are the noun's.
        targets = search_target(
            lambda t: actors_of(analysis, match.inside(t)), tok.head, source_ids, first={"prep"}
        )
    if not targets and _relational(tok):
        # "pledging a no-limits partnership before Moscow's invasion": a partnership needs a
        # partner; with none in its own slots, the one other actor in its phrase is it.
        found = search_target(lambda t: actors_of(analysis, match.inside(t)), tok, source_ids, skip=set())
        if len({country_of(a) or a.id for a in found}) == 1:
            targets = found
    if not targets:
        return [(s, None) for s in sources]
    return [(s, t) for s in sources for t in targets if t.id != s.id] or [(s, None) for s in sources]


def _relational(tok: Token) -> bool:
    """Whether the act at ``tok`` is (or makes) a relationship that has a partner."""
    obj = child(tok, "dobj") if tok.pos_ in {"VERB", "AUX"} else None
    return any(t is not None and t.lemma_.lower() in RELATIONAL_NOUNS for t in (tok, obj))


def _left_actor_token(analysis: Analysis, match: Match, verb: Token) -> Token | None:
    for tok in reversed(verb.doc[: verb.i]):
        if match.inside(tok) is None or tok.pos_ in {"VERB"}:
            return None
        if tok.pos_ in NOUN_POS and np_actor(analysis, tok) is not None:
            return tok
    return None


def _no_doer(subj: Token | None) -> bool:
    """Whether a clause names no one as the doer: no subject, or a thing ("a roadside bombing",
    "an explosive device") rather than people ("guerrillas who overran it") or a pronoun."""
    if subj is None:
        return True
    if subj.pos_ in {"PRON", "PROPN"} or subj.lower_ in WH_WORDS:
        return False
    return agent_sector(words_of(subj.text)) is None


def _place_source(analysis: Analysis, match: Match, exclude: set[str]) -> list[Actor]:
    """The state where an act with no named doer took place: "a roadside bombing near the town of
    Samarra killed ...", "was put under investigation in Italy". CAMEO and PLOVER code such
    bombings, arrests and inquiries to the country (its authorities or its armed groups)."""
    sent = match.token.sent
    preps = [t for t in sent if t.dep_ == "prep" and t.lower_ in PLACE_PREPS and match.inside(t) is not None]
    for prep in sorted(preps, key=lambda t: abs(t.i - match.token.i)):
        obj = child(prep, "pobj")
        if obj is None and (inner := child(prep, "prep")) is not None and inner.lower_ == "of":
            obj = child(inner, "pobj")  # "outside of the Iraqi city of Basra"
        actor = place_actor(analysis, obj) if obj is not None else None
        if actor is not None and actor.id not in exclude:
            return [actor]
    return []


def _implicit_source(analysis: Analysis, verb: Token, exclude: set[str]) -> list[Actor]:
    """An agentless passive sanction names the punisher in its cause: "Australia was punished
    ... after it called for investigations into China's management" -> China."""
    cause = next(
        (
            c
            for c in verb.children
            if (c.dep_ == "prep" and c.lower_ in {"after", "for", "over"})
            or (
                c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in {"after", "because"} for m in c.children)
            )
        ),
        None,
    )
    if cause is None:
        return []
    for tok in reversed(list(cause.subtree)):
        actor = np_actor(analysis, tok) if tok.pos_ in NOUN_POS | {"PRON"} else None
        if actor is not None and actor.id not in exclude:
            return [actor]
    return []


def extract_events(analysis: Analysis, doc: Doc) -> Analysis:
    """Fill ``analysis.events`` from the parsed article text.

    >>> # analysis = next(analyze_articles([Article(id="x", text="Russia invaded Ukraine.")]))
    >>> # [(e.source_country, e.type, e.target_country) for e in analysis.events]
    >>> # [('RUS', 'ASSAULT', 'UKR')]
    """
    article = analysis.article
    base = article.published
    times = resolve_time_expressions(doc, base) if base else []
    tok_by_char = {t.idx: t for t in doc}
    events: list[Event] = []
    for sent in doc.sents:
        matches = find_triggers(list(sent), analysis)
        if not matches:
            continue
        breaks = (
            [sent.start_char]
            + [t.idx + len(t) for t in sent if "\n\n" in t.whitespace_ + t.text]
            + [sent.end_char]
        )
        for m in matches:
            m.bounds = next(
                ((a, b) for a, b in zip(breaks, breaks[1:], strict=False) if a <= m.token.idx < b), m.bounds
            )
        sent_times = [t for t in times if sent.start_char <= t.span[0] < sent.end_char]
        dates = attach_dates([m.token for m in matches], sent_times, tok_by_char)
        sentence_span = (sent.start_char, sent.end_char)
        coded = [(m.token, _events_for(analysis, m, sentence_span, dates, base)) for m in matches]
        events += _drop_partial(main_events(coded))
    analysis.events = events
    return analysis


def _own_announcement(analysis: Analysis, match: Match, pairs: list[tuple[Actor, Actor | None]]) -> bool:
    """Whether a future act is announced by its doer's own side: "Israel will evacuate all 21
    settlements ..., said a spokesperson for the Israeli prime minister" states Israel's intent."""
    verb = announcing_clause(match.token)
    speaker = match.inside(verb_subject(verb)) if verb is not None else None
    if speaker is None:
        return False
    sides = {country_of(a) for a in actors_of(analysis, speaker)} - {None}
    return bool(sides) and all(country_of(src) in sides for src, _ in pairs)


def _drop_partial(events: list[Event]) -> list[Event]:
    """Drop a targetless event when the same source does the same type to a target in the sentence
    ("killed 4 Iraqis in an attack": the attack is the killing, not a second event)."""
    with_target = {(e.source, e.type) for e in events if e.target is not None}
    return [e for e in events if e.target is not None or (e.source, e.type) not in with_target]


def _events_for(
    analysis: Analysis, match: Match, sentence_span: tuple[int, int], dates: dict, base: str | None
) -> list[Event]:
    tok, trig = match.token, match.trigger
    pairs = _arguments(analysis, match)
    if not pairs:
        return []
    mode_of_event = modality(tok)
    ptype, cameo = trig.type, trig.cameo
    recoded = intent_coding(ptype, tok, mode_of_event, _own_announcement(analysis, match, pairs)) or (
        content_coding(ptype, match.content.trigger.type) if match.content is not None else None
    )
    if recoded is not None:
        ptype, cameo = recoded
    try:
        code = cameo_lookup(cameo)
        crosswalk = plover_for_cameo(cameo)
    except KeyError:  # a user's own code outside CAMEO: coded as its PLOVER type's root
        code, crosswalk = cameo_lookup(TYPE_ROOT.get(ptype, "01")), None
    contexts = list(trig.contexts or (crosswalk.contexts if crosswalk else ()))
    trigger_span = (tok.idx, tok.idx + len(tok))
    date = precision = evidence = None
    inferred = False
    tex = dates.get(tok.i)
    if tex is not None and base:
        date, precision = redate(tex, base, "future" if mode_of_event == "planned" else "past")
        evidence = tex.text
        if mode_of_event == "asserted" and tok.tag_ not in PAST_TAGS and later_than(date, base):
            # "when Blinken meets his Chinese counterparts this weekend": a present tense dated
            # after the report is a scheduled act, not one that has happened.
            mode_of_event = "planned"
    elif base:
        date, precision, inferred = base[:10], analysis.article.published_precision or "day", True
    reporter = reported_by(analysis, trigger_span, sentence_span)
    place = location_of(tok)
    return [
        Event(
            source=src.id,
            target=tgt.id if tgt else None,
            source_country=country_of(src) or sentence_country(analysis, src, *sentence_span),
            target_country=(country_of(tgt) or sentence_country(analysis, tgt, *sentence_span))
            if tgt
            else domestic_target(src, ptype),
            type=ptype,
            plover_mode=(trig.mode if ptype == trig.type else None)
            or (crosswalk.mode if crosswalk and crosswalk.type == ptype else None),
            cameo=cameo,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            modality=mode_of_event,
            date=date,
            date_precision=precision,
            date_evidence=evidence,
            location=place,
            trigger=trigger_span,
            sentence_span=sentence_span,
            contexts=contexts,
            reported_by=reporter,
            date_inferred=inferred,
        )
        for src, tgt in pairs
    ]
