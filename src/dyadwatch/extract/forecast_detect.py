"""Find predictive statements in a parsed sentence: what is predicted, how likely, by whom.

Four shapes, all read off the dependency parse with the word lists of ``forecast_cues.yaml``:

- a prediction verb and its complement: "Minihan *predicted* [the US and China would be at war]";
  passive "Blinken *is expected* [to press his counterparts]";
- a modal on a verb: "Beijing *would likely* [push the Biden administration ...]", "climate action
  ... *could* [serve as openings]" (bare will/would only when attributed or polar);
- a likelihood adjective with an infinitive: "China was *unlikely* [to pivot away from Russia]";
- a likelihood noun with its complement: "the *possibility* [of a mainland Chinese invasion ...]".

Nested candidates merge: the innermost clause is the prediction, the outer verb gives the
predictor. Negation turns likely into unlikely.

>>> from dyadwatch.nlp.loader import load_nlp
>>> sent = next(load_nlp()("Analysts said China was unlikely to pivot away from Russia.").sents)
>>> [(c.clause.text, c.likelihood) for c in find_candidates(sent, lambda i: True)]
[('China was unlikely to pivot away from Russia', 'unlikely')]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from dyadwatch.extract.lexicon import PhraseIndex
from dyadwatch.ontology.wordlists import load_word_yaml

CUES_ENV = "DYADWATCH_FORECAST_CUES"
SKIP_MARKS = {"if", "whether", "unless"}
WH_WORDS = {"what", "whether", "how", "which"}
SUBJECTS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class ForecastCues:
    predict_verbs: frozenset[str]
    modals: dict[str, str]
    markers: dict[str, str]
    nouns: dict[str, str]
    not_forecast: frozenset[str]
    polarity: PhraseIndex[str]


@dataclass(frozen=True)
class Candidate:
    """A predicted ``clause`` with its cue words, likelihood and predictor (a token or None)."""

    clause: Span
    likelihood: str
    cue: str
    predictor: Token | None = None
    bare: bool = False
    kind: str = "clause"  # verb (a prediction verb) | clause (modal, marker) | noun


def _merge(data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, list):
            data[key] = list(data.get(key) or []) + value
        elif isinstance(value, dict):
            data[key] = _merge(dict(data.get(key) or {}), value)
        else:
            data[key] = value
    return data


@cache
def load_forecast_cues(extra: str | None = None) -> ForecastCues:
    """Bundled cues plus ``extra`` (or ``$DYADWATCH_FORECAST_CUES``)."""
    path = resources.files("dyadwatch.ontology") / "data" / "forecast_cues.yaml"
    data: dict[str, Any] = load_word_yaml(path.read_text(encoding="utf-8"))
    extra_path = extra or os.environ.get(CUES_ENV)
    if extra_path:
        data = _merge(data, load_word_yaml(Path(extra_path).read_text(encoding="utf-8")) or {})

    def by_word(groups: dict[str, list[str]]) -> dict[str, str]:
        return {str(w).lower(): level for level, words in groups.items() for w in words}

    polarity = data.get("polarity") or {}
    return ForecastCues(
        predict_verbs=frozenset(str(v) for v in data.get("predict_verbs") or []),
        modals={str(k).lower(): str(v) for k, v in (data.get("modals") or {}).items()},
        markers=by_word(data.get("markers") or {}),
        nouns=by_word(data.get("nouns") or {}),
        not_forecast=frozenset(str(v) for v in data.get("not_forecast") or []),
        polarity=PhraseIndex((str(w), side) for side, words in polarity.items() for w in words),
    )


def _span(tokens: list[Token]) -> Span:
    doc = tokens[0].doc
    lo = min(t.left_edge.i for t in tokens)
    hi = max(t.right_edge.i for t in tokens)
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo : hi + 1]


def _embedded(verb: Token, relative: bool = True) -> bool:
    """Conditions, indirect questions and (for modals) relative clauses state no forecast of
    their own: "an area that could be continued" describes, "why diplomats are likely to" does not."""
    if relative and verb.dep_ == "relcl":
        return True
    return any(
        (c.dep_ == "mark" and c.lower_ in SKIP_MARKS) or (c.lower_ in WH_WORDS and c.i < verb.i)
        for c in verb.children
    )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _adjust(likelihood: str, verb: Token, cues: ForecastCues) -> tuple[str, str]:
    """Likelihood after markers on the verb ("would likely") and negation."""
    extra = ""
    for child in verb.children:
        level = cues.markers.get(child.lower_)
        if child.dep_ == "advmod" and level:
            likelihood, extra = level, child.text
    # "I don't think it will be a hostile conversation": the negation sits on the belief verb.
    if _negated(verb) or (verb.dep_ == "ccomp" and _negated(verb.head)):
        likelihood = "unlikely"
    return likelihood, extra


def _subject_and(head: Token, parts: list[Token]) -> list[Token]:
    subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
    return ([subject] if subject is not None else []) + parts


def _candidate(token: Token, cues: ForecastCues, attributed: Callable[[int], bool]) -> Candidate | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in cues.predict_verbs and token.pos_ == "VERB":
        passive = any(c.dep_ == "auxpass" for c in token.children)
        comps = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"}]
        likelihood = "unlikely" if _negated(token) else "likely"
        if passive and comps:
            return Candidate(_span(_subject_and(token, comps)), likelihood, token.text, kind="verb")
        comps = comps or [c for c in token.children if c.dep_ == "dobj"]
        if comps and not passive:
            predictor = next((c for c in token.children if c.dep_ == "nsubj"), None)
            return Candidate(_span(comps), likelihood, token.text, predictor, kind="verb")
        return None
    if token.dep_ == "aux" and lower in cues.modals:
        verb = token.head
        if verb.lemma_.lower() in cues.not_forecast or _embedded(verb):
            return None
        likelihood, extra = _adjust(cues.modals[lower], verb, cues)
        bare = lower in {"will", "would", "'ll", "shall"} and not extra
        return Candidate(_span([verb]), likelihood, f"{token.text} {extra}".strip(), bare=bare)
    if lower in cues.markers and token.pos_ in {"ADJ", "VERB"}:
        inf = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if inf is None or _embedded(token.head if token.dep_ == "acomp" else token, relative=False):
            return None
        head = token.head if token.dep_ in {"acomp", "xcomp"} else token
        likelihood = "unlikely" if _negated(head) or _negated(token) else cues.markers[lower]
        return Candidate(_span(_subject_and(head, [inf]) + _subject_and(token, [])), likelihood, token.text)
    if lemma in cues.nouns:
        if token.pos_ == "NOUN":
            comp = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}), None)
            year = lemma == "window" and any(c.like_num for c in token.children)
            likelihood = "unlikely" if _negated(token.head) else cues.nouns[lemma]
            if (comp is not None and lemma != "window") or (year and attributed(token.idx)):
                return Candidate(_span([token]), likelihood, token.text, kind="noun")
        if token.pos_ == "VERB":
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return Candidate(_span([obj]), cues.nouns[lemma], token.text, kind="noun")
    return None


def find_candidates(
    sent: Span, attributed: Callable[[int], bool], cues: ForecastCues | None = None
) -> list[Candidate]:
    """Forecast candidates of a sentence, nested ones merged; ``attributed(char)`` says whether
    a character offset lies in someone's quoted or reported words."""
    cues = cues or load_forecast_cues()
    found = [c for t in sent if (c := _candidate(t, cues, attributed)) is not None]
    found = [
        c
        for c in found
        if not c.bare or attributed(c.clause.start_char) or polarity_of(c.clause, cues) != "neutral"
    ]
    merged: list[Candidate] = []
    for cand in sorted(found, key=lambda c: (c.clause.start - c.clause.end, c.clause.start)):
        outer = next(
            (m for m in merged if m.clause.start <= cand.clause.start and cand.clause.end <= m.clause.end),
            None,
        )
        if outer is None:
            merged.append(cand)
            continue
        if outer.kind != "verb":
            continue  # "the possibility of an invasion within a 2023 window": one forecast
        # The inner clause is the prediction itself; the outer verb's subject is its author.
        inner = replace(cand, predictor=cand.predictor or outer.predictor, cue=f"{outer.cue} … {cand.cue}")
        merged[merged.index(outer)] = inner
    return sorted(merged, key=lambda c: c.clause.start)


def polarity_of(clause: Span, cues: ForecastCues | None = None, events: list[str] | None = None) -> str:
    """cooperation | conflict | neutral from the clause's words and the quad classes of events in it."""
    cues = cues or load_forecast_cues()
    counts = {"cooperation": 0, "conflict": 0}
    for m in cues.polarity.find(clause):
        counts[m.key] = counts.get(m.key, 0) + 1
    for quad in events or []:
        counts["cooperation" if quad.endswith("cooperation") else "conflict"] += 1
    if counts["conflict"] > counts["cooperation"]:
        return "conflict"
    if counts["cooperation"] > counts["conflict"]:
        return "cooperation"
    return "neutral"
