"""Actors for event arguments beyond the actor stage: pronouns, generic agents and dictionary names.

The actor stage resolves countries, metonyms, known people and organisations. Event coding needs
more, the way PLOVER/CAMEO code it:

- **generic agents** — "rebels in the Ivory Coast", "Burundian militiamen", "Turkish police",
  "students throughout Indonesia": a role noun (``roles.yaml`` or the Phoenix agents dictionary)
  gets a sector and the country of its own modifiers or prepositional phrase, else of the nearest
  country mention in the sentence; the event stage adds such a group to ``analysis.actors``
  (id ``CIV:REB``), so that every event points at a stored actor;
- **pronouns** — "Syria says *it* is willing ...": the subject of the clause above, else the
  nearest actor to the left in the sentence;
- **countries of dictionary names** the actor stage knows without a country ("President Abdelaziz
  Bouteflika" -> DZA) come from the TABARI/Phoenix actor dictionaries (and a user's own, named in
  ``$DYADWATCH_EVENT_DICTS``, see :mod:`dyadwatch.ontology.tabari`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from dyadwatch.extract.event_args import governing_verb, np_actor, stance_modifier, token_actor, verb_subject
from dyadwatch.model import Actor, Analysis
from dyadwatch.nlp.doc_cache import doc_text
from dyadwatch.ontology.gazetteer import load_gazetteer
from dyadwatch.ontology.tabari import PhraseIndex, is_tabari, parse_actors, parse_agents

ENV_VAR = "DYADWATCH_EVENT_DICTS"
PHOENIX_ACTORS = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "we", "our"}
PLURAL_PRONOUNS = {"they", "their", "them"}
# "he", "she" stand for people (a name or a role noun), never for a state or a body.
PERSONAL_PRONOUNS = {"he", "she", "him", "his", "her"}
PLACE_OR_BODY_ENTS = {"GPE", "LOC", "ORG", "NORP", "FAC"}
# Heads of definite descriptions that stand for a state named before ("the self-ruled island").
EPITHET_NOUNS = {"island", "country", "nation", "kingdom", "republic", "emirate", "state"}
# Prepositions whose object places a group ("rebels in the Ivory Coast", "diplomats from China").
GROUP_PREPS = {"in", "of", "from", "throughout", "across", "inside"}
# Non-state codes of the dictionaries that are not a country but are kept as such.
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "ISM", "UNO", "EUR", "NGM"}
# Relational types that need a named partner: never given an implied domestic target.
PARTNER_TYPES = {"CONSULT", "COOPERATE", "SUPPORT", "AID"}
# Words that make an organisation's name an international body's.
IGO_WORDS = {
    "international",
    "world",
    "global",
    "european",
    "african",
    "arab",
    "asian",
    "atlantic",
    "nations",
    "community",
    "league",
    "forum",
    "commission",
    "organization",
    "organisation",
}
_WORD = re.compile(r"[a-z0-9][a-z0-9.\-']*")
# Quantity and part nouns whose "of" object is the real actor: "tens of thousands of students",
# "a group of Chechen refugees", "one third of ethnic Albanian guerrillas".
PARTITIVES = {
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "dozens",
    "scores",
    "number",
    "group",
    "band",
    "crowd",
    "members",
    "member",
    "third",
    "half",
    "quarter",
    "majority",
    "some",
    "many",
    "most",
    "several",
    "all",
    "each",
}


@cache
def _dictionaries(user: str | None) -> tuple[PhraseIndex, PhraseIndex]:
    """(actor phrase -> code, agent phrase -> code) from Phoenix plus the user's TABARI files."""
    actors, agents = PhraseIndex(), PhraseIndex()
    base = resources.files("dyadwatch.ontology") / "data" / "phoenix"
    texts = [(base / name).read_bytes().decode("utf-8", "replace") for name in PHOENIX_ACTORS]
    agent_texts = [(base / "Phoenix.agents.txt").read_bytes().decode("utf-8", "replace")]
    for name in (user or "").split(os.pathsep):
        path = Path(name)
        if name and path.is_file() and is_tabari(path):
            text = path.read_text(encoding="utf-8", errors="replace")
            (agent_texts if "[~" in text else texts).append(text)
    # Later (user) entries come last and win on equal length: PhraseIndex keeps the first best,
    # so add user dictionaries first.
    for text in reversed(texts):
        for entry in parse_actors(text):
            code = entry.code()
            if code and len(code) >= 3 and code[:3].isalpha():
                for phrase in entry.phrases:
                    actors.add(phrase, code)
    for text in reversed(agent_texts):
        for phrase, code in parse_agents(text).items():
            agents.add(phrase, code)
    return actors, agents


def dictionaries() -> tuple[PhraseIndex, PhraseIndex]:
    return _dictionaries(os.environ.get(ENV_VAR) or None)


def words_of(text: str) -> list[str]:
    """Lower-cased words as the TABARI dictionaries spell them ("Quatar's" -> "quatar")."""
    return [re.sub(r"'s?$", "", w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


def code_in(words: list[str]) -> str | None:
    """The code of the longest dictionary phrase anywhere in ``words``."""
    index, _ = dictionaries()
    best: tuple[int, str] | None = None
    for i in range(len(words)):
        hit = index.match(words, i)
        if hit is not None and (best is None or hit[0] > best[0]):
            best = hit
    return best[1] if best else None


@cache
def name_country(name: str) -> str | None:
    """Country (or non-state) code of a name the actor stage left without one.

    >>> name_country("Abdelaziz Bouteflika")
    'DZA'
    """
    code = code_in(words_of(name))
    return code[:3] if code else None


def country_of(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or name_country(actor.name)


def sentence_country(analysis: Analysis, actor: Actor, start: int, end: int) -> str | None:
    """Country for an actor no dictionary places, read from its sentence ``[start, end)``.

    An international body by its name ("International Labor Office", "European Community") is
    coded IGO, as the GSR codes it; a person with an office ("President Laurent Gbago", "Judge
    Alejandro Rivera") belongs to the country mentioned nearest to them in the sentence.
    """
    if actor.kind in {"organization", "government"} and actor.sector not in {"BUS", "JRN"}:
        return "IGO" if IGO_WORDS & set(words_of(actor.name)) else None
    if actor.kind != "person":
        return None
    if actor.role:  # "Arab League Secretary-General Chedli Klibi"
        role_words = set(words_of(actor.role))
        found = name_country(actor.role) or ("IGO" if IGO_WORDS & role_words else None)
        if found:
            return found
    at = next((s for s, _e in actor.mentions if start <= s < end), None)
    if at is None:
        return None
    best: tuple[int, str] | None = None
    for other in analysis.actors:
        country = country_of(other) if other.id != actor.id else None
        if not country or country in NON_STATE:
            continue
        for s, _e in other.mentions:
            if start <= s < end and (best is None or abs(s - at) < best[0]):
                best = (abs(s - at), country)
    return best[1] if best else None


def place_actor(analysis: Analysis, obj: Token) -> Actor | None:
    """The state a place phrase lies in ("eastern Beirut", "the Iraqi city of Basra", "the town of
    Samarra", "Khanty-Mansiysk (Siberia)"), stored as that state's actor; None when unknown."""
    for tok in obj.subtree:
        if tok.pos_ != "PROPN" and tok.ent_type_ not in {"GPE", "LOC", "NORP", "FAC"}:
            continue
        found = np_actor(analysis, tok)
        country = country_of(found) if found is not None else name_country(tok.text)
        if country and country not in NON_STATE:
            return _stored_group(analysis, tok, country, None)
    return None


def agent_sector(words: list[str]) -> str | None:
    """PLOVER sector of a role noun phrase ("Burundian militiamen" -> REB), or None.

    >>> agent_sector(["ethnic", "albanian", "guerrillas"])
    'REB'
    """
    if not words:
        return None
    gaz = load_gazetteer()
    sector = gaz.role_sector(" ".join(words[-2:])) or gaz.role_sector(words[-1])
    if sector:
        return sector
    _, agents = dictionaries()
    for i in range(len(words)):
        hit = agents.match(words, i)
        if hit is not None and i + hit[0] == len(words):
            code = str(hit[1]).lstrip("~")
            return code[:3] if len(code) >= 3 else None
    return None


def resolve(analysis: Analysis, tok: Token) -> Actor | None:
    """The actor a noun phrase headed by ``tok`` refers to, with the fallbacks above."""
    actor = np_actor(analysis, tok)
    if actor is not None:
        return ethnic_actor(analysis, tok) or _role_group(analysis, tok, actor) or actor
    if tok.lower_ in PRONOUNS:
        return antecedent(analysis, tok)
    if (part := partitive_object(tok)) is not None:
        return resolve(analysis, part)
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    return epithet_antecedent(analysis, tok) or group_actor(analysis, tok)


def epithet_antecedent(analysis: Analysis, tok: Token) -> Actor | None:
    """The state a definite description stands for: "the self-governed island", "the country",
    "the Gulf kingdom" take up the state mentioned last before them in this or the previous
    sentence, not the subject of their own clause ("China conducted drills around the island")."""
    if (
        tok.pos_ != "NOUN"
        or tok.lemma_.lower() not in EPITHET_NOUNS
        or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        or any(
            c.dep_ in {"poss", "compound"} or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
        )
        or tok.dep_ == "compound"
    ):
        return None
    verb = governing_verb(tok)
    subj = verb_subject(verb) if verb is not None else None
    own = {country_of(a) for a in ([np_actor(analysis, subj)] if subj is not None else []) if a is not None}
    sents = list(tok.doc.sents) if tok.sent.start > 0 else []
    prev = next((s for s in reversed(sents) if s.end <= tok.sent.start), None)
    start = prev.start_char if prev is not None else tok.sent.start_char
    best: tuple[int, Actor] | None = None
    for actor in analysis.actors:
        if actor.kind != "state" or not actor.country or actor.country in own:
            continue
        for begin, _end in actor.mentions:
            if start <= begin < tok.idx and (best is None or begin > best[0]):
                best = (begin, actor)
    return best[1] if best else None


def partitive_object(tok: Token) -> Token | None:
    """The "of" object of a quantity head ("thousands [of students]"), else None."""
    if tok.lower_ not in PARTITIVES and tok.pos_ != "NUM":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def subjects_above(tok: Token) -> Iterator[Token]:
    """Non-pronoun subjects left of ``tok`` in the clauses above it, nearest clause first."""
    cur = tok
    for _ in range(8):
        if cur.head == cur:
            return
        cur = cur.head
        for c in cur.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i and c.lower_ not in PRONOUNS:
                yield c


def antecedent(analysis: Analysis, tok: Token) -> Actor | None:
    """What a pronoun stands for: the subject of a clause above it, else the nearest actor left."""
    personal = tok.lower_ in PERSONAL_PRONOUNS
    for c in subjects_above(tok):
        if personal and c.ent_type_ in PLACE_OR_BODY_ENTS:
            continue  # "Libya must hand over ... as *he* embarked": not Libya
        found = np_actor(analysis, c) or group_actor(analysis, c)
        if found is not None:
            return found
    sent = tok.sent
    best: tuple[int, Actor] | None = None
    for actor in analysis.actors:
        if personal and actor.kind != "person":
            continue
        for start, _end in actor.mentions:
            if sent.start_char <= start < tok.idx and (best is None or start > best[0]):
                best = (start, actor)
    return best[1] if best else None


def plural_antecedents(analysis: Analysis, tok: Token) -> list[Actor]:
    """What a plural pronoun stands for when it takes up a coordination: "Xi and Biden pledged
    ... during *their* first meeting" -> both. Empty when the antecedent is a single actor."""
    if tok.lower_ not in PLURAL_PRONOUNS:
        return []
    for c in subjects_above(tok):
        found: list[Actor] = []
        for head in sorted([c, *c.conjuncts], key=lambda t: t.i):
            actor = np_actor(analysis, head) or group_actor(analysis, head)
            if actor is not None and all(a.id != actor.id for a in found):
                found.append(actor)
        return found if len(found) > 1 else []
    return []


def _role_group(analysis: Analysis, tok: Token, actor: Actor) -> Actor | None:
    """A role noun that takes its country from a modifier is that country's group, not the state:
    "Turkish Kurd refugees" -> TUR:REF, so that "Turkey will allow ... refugees to return" keeps
    its (domestic) target instead of collapsing onto its source."""
    if actor.kind != "state" or not actor.country or tok.pos_ != "NOUN" or token_actor(analysis, tok):
        return None
    sector = agent_sector(words_of(tok.text))
    if sector is None and tok.tag_ == "NNS" and _demonym_modified(tok):
        sector = "CVL"  # "two Iraqi youths", "Danish tourists": people of that country
    return _stored_group(analysis, tok, actor.country, sector) if sector else None


def _demonym_modified(tok: Token) -> bool:
    gaz = load_gazetteer()
    return any(
        c.dep_ == "amod" and (p := gaz.place(c.text)) is not None and p.kind == "demonym"
        for c in tok.children
    )


def ethnic_actor(analysis: Analysis, tok: Token) -> Actor | None:
    """An ethnic group is coded by the country it lives in, as CAMEO does: "ethnic Albanians"
    near "Macedonia's border" -> MKD, "the Albanians of southern Serbia" -> SRB.

    Applies to a demonym with "ethnic" or to a demonym-headed phrase with an "of/in" place."""
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound"}]
    gaz = load_gazetteer()
    demonyms = [p for t in [tok, *mods] if (p := gaz.place(t.text)) is not None and p.kind == "demonym"]
    if not demonyms:
        return None
    own = demonyms[0].iso3
    place = _prep_country(analysis, tok)
    if any(m.lower_ == "ethnic" for m in mods):
        country = place or _nearest_country(analysis, tok, exclude=own)
    elif gaz.place(tok.text) is not None:
        country = place
    else:
        return None
    if country is None or country == own:
        return None
    words = words_of(" ".join(t.text for t in tok.subtree if t.i <= tok.i))
    return _stored_group(analysis, tok, country, agent_sector(words) or "CVL")


def group_actor(analysis: Analysis, tok: Token) -> Actor | None:
    """A generic group ("Burundian militiamen") as a country:sector actor added to the analysis."""
    stances = {t.i for t in tok.subtree if stance_modifier(t)}
    stances |= {i - k for i in stances for k in (1, 2)}
    left = [t for t in tok.subtree if tok.left_edge.i <= t.i <= tok.i and t.i not in stances]
    np_words = words_of(" ".join(t.text for t in left))
    sector = agent_sector(
        words_of(" ".join(t.text for t in left if t.dep_ in {"compound", "amod"} or t == tok))
    )
    if sector is None and tok.i >= 3 and tok.doc[tok.i - 2].text == "-":
        # "peace-keeping force": the hyphenated modifier is split into three tokens.
        sector = agent_sector(words_of(tok.doc[tok.i - 3 : tok.i + 1].text))
    own = code_in(np_words)
    if sector is None and own is None:
        return None
    country = own[:3] if own else None
    if country is None:
        country = _prep_country(analysis, tok) or _nearest_country(analysis, tok)
    if country is None:
        return None
    if sector is None and own and len(own) >= 6 and own[3:6].isalpha():
        sector = own[3:6]
    return _stored_group(analysis, tok, country, sector)


def _stored_group(analysis: Analysis, tok: Token, country: str, sector: str | None) -> Actor:
    span = (tok.doc[tok.left_edge.i].idx, tok.idx + len(tok))
    actor_id = f"{country}:{sector}" if sector else country
    actor = analysis.actor(actor_id)
    if actor is None:
        name = doc_text(tok.doc)[span[0] : span[1]]
        kind = "group" if sector else ("organization" if country in NON_STATE else "state")
        actor = Actor(id=actor_id, name=name, kind=kind, country=country, sector=sector)
        analysis.actors.append(actor)
    if all(m != span for m in actor.mentions):
        actor.mentions.append(span)
    return actor


def _prep_country(analysis: Analysis, tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in {"prep", "acl"} and (c.lower_ in GROUP_PREPS or c.dep_ == "acl"):
            for obj in c.subtree:
                if obj.pos_ in {"PROPN", "NOUN"} and obj != tok:
                    found = np_actor(analysis, obj)
                    country = country_of(found) if found else name_country(obj.text)
                    if country:
                        return country
    return None


def _nearest_country(analysis: Analysis, tok: Token, exclude: str | None = None) -> str | None:
    """The country of the actor mentioned nearest to ``tok`` in its sentence (not ``exclude``)."""
    sent = tok.sent
    doc_left = tok.doc[tok.left_edge.i].idx
    best: tuple[int, str] | None = None
    for actor in analysis.actors:
        country = country_of(actor)
        if not country or country in NON_STATE or country == exclude:
            continue
        for start, _end in actor.mentions:
            if sent.start_char <= start < sent.end_char and not (
                doc_left <= start < tok.idx
            ):  # a name inside the phrase itself is its affiliation (already read) or a stance
                dist = abs(start - tok.idx)
                if best is None or dist < best[0]:
                    best = (dist, country)
    return best[1] if best else None


def actors_of(analysis: Analysis, tok: Token | None) -> list[Actor]:
    """Distinct actors of a (possibly coordinated) noun phrase, with the fallbacks above.

    "Seoul and Tokyo" gives two actors; "Sierra Leonean and Liberian refugees" two groups.
    """
    if tok is None:
        return []
    found: list[Actor] = []
    heads = sorted([tok, *tok.conjuncts], key=lambda t: t.i)
    # A common-noun head, not a name (the group mention stored for it by an earlier call must
    # not change the answer).
    if tok.pos_ == "NOUN" and np_actor(analysis, tok) is not None:
        # "top diplomats from the United States and China": the group is from both countries.
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"from", "of"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    heads += list(obj.conjuncts)
    extra: list[Actor] = []
    if tok.pos_ == "NOUN":
        # "US and British forces": a coordinated modifier makes one group per country.
        sector = agent_sector(words_of(tok.text))
        for c in tok.children:
            if c.dep_ not in {"nmod", "amod", "compound"} or stance_modifier(c):
                continue
            for conj in c.conjuncts:
                # By its own word: the phrase's mention covers the conjunct too.
                place = load_gazetteer().place(conj.text)
                country = place.iso3 if place is not None else name_country(conj.text)
                if country and country not in NON_STATE:
                    extra.append(_stored_group(analysis, conj, country, sector))
    for head in heads:
        if len(group := plural_antecedents(analysis, head)) > 1:
            found += [a for a in group if all(a.id != f.id for f in found)]
            continue
        actor = resolve(analysis, head)
        if actor is not None and all(a.id != actor.id for a in found):
            found.append(actor)
    found += [a for a in extra if all(a.id != f.id and a.country != f.country for f in found)]
    return found


def domestic_target(source: Actor, ptype: str) -> str | None:
    """The implied target of a targetless act by a domestic non-state group (protesters, rebels,
    police, a union) or a targetless protest: its own country, as CAMEO/PLOVER code domestic events."""
    country = country_of(source)
    if country is None or country in NON_STATE or source.sector == "GOV" or ptype in PARTNER_TYPES:
        return None
    return country if source.kind in {"group", "organization"} or ptype == "PROTEST" else None
