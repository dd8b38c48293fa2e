"""The event trigger dictionary: YAML data -> an index of trigger senses by (part of speech, lemma).

Three layers, later ones winning: the Phoenix-derived verb patterns (``event_triggers_phoenix.yaml``,
used only for lemmas the curated file does not cover), the curated ``event_triggers.yaml`` and a
user file named by ``$DYADWATCH_TRIGGERS`` (with ``replace: true`` its lemmas drop the shipped senses). See the header of ``event_triggers.yaml`` for fields.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyadwatch.errors import DyadwatchError
from dyadwatch.ontology.events_data import normalise_plover_type, plover_for_cameo

ENV_VAR = "DYADWATCH_TRIGGERS"
# CAMEO roots whose complement is the content of the act ("urged X to meet"): appeal, intent,
# demand, disapprove, reject, threaten. Embedded triggers under them are not coded separately.
EMBEDDING_ROOTS = {"02", "03", "10", "11", "12", "13"}
DEFAULT_VERB_TARGETS = (
    "dobj",
    "dative",
    "prep:with",
    "prep:to",
    "prep:against",
    "prep:on",
    "prep:at",
    "prep:from",
)
DEFAULT_NOUN_SOURCES = ("poss", "amod", "prep:by", "head_subj")
DEFAULT_NOUN_TARGETS = ("prep:to", "prep:against", "prep:on", "prep:with")


class TriggerDictionaryError(DyadwatchError):
    code = "E040"


@dataclass(frozen=True)
class Trigger:
    """One sense of a trigger word with its conditions and coding."""

    lemma: str
    pos: str
    type: str
    cameo: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    particle: str | None = None
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    target: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    embeds: bool = False
    actor_object: bool = False
    intransitive: bool = False
    origin: str = "curated"

    @property
    def specificity(self) -> int:
        """More conditions = more specific; the matcher tries specific senses first."""
        return (
            2 * bool(self.objects)
            + 2 * bool(self.particle)
            + bool(self.prep)
            + bool(self.modifiers)
            + bool(self.actor_object)
            + bool(self.intransitive)
        )


def _trigger(raw: dict[str, Any], origin: str) -> Trigger:
    try:
        lemma = str(raw["lemma"]).lower()
        cameo = str(raw["cameo"])
    except KeyError as exc:
        raise TriggerDictionaryError(f"Trigger entry without {exc}: {raw}") from exc
    pos = str(raw.get("pos", "verb"))
    ptype = raw.get("type")
    if ptype is None:
        mapping = plover_for_cameo(cameo)
        ptype = mapping.type if mapping else "REQUEST"
    is_noun = pos == "noun"
    return Trigger(
        lemma=lemma,
        pos=pos,
        type=normalise_plover_type(str(ptype)),
        cameo=cameo,
        mode=raw.get("mode"),
        contexts=tuple(raw.get("contexts") or ()),
        particle=raw.get("particle"),
        prep=raw.get("prep"),
        objects=frozenset(str(o).lower() for o in raw.get("objects") or ()),
        modifiers=frozenset(str(m).lower() for m in raw.get("modifiers") or ()),
        target=tuple(raw.get("target") or (DEFAULT_NOUN_TARGETS if is_noun else DEFAULT_VERB_TARGETS)),
        source=tuple(raw.get("source") or (DEFAULT_NOUN_SOURCES if is_noun else ())),
        embeds=bool(raw.get("embeds", cameo[:2] in EMBEDDING_ROOTS and not is_noun)),
        actor_object=bool(raw.get("actor_object", False)),
        intransitive=bool(raw.get("intransitive", False)),
        origin=origin,
    )


def _replaces(text: str) -> bool:
    """A user file with ``replace: true`` (a whole verb dictionary such as PETRARCH's) is
    authoritative for the lemmas it defines: their shipped senses are dropped."""
    return bool(re.search(r"^replace:\s*true\s*$", text, flags=re.M))


def _load_yaml(text: str, where: str) -> list[dict[str, Any]]:
    # The C loader reads the 5,000-line Phoenix layer ~10x faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}  # noqa: S506 - a safe loader
    entries = data.get("triggers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TriggerDictionaryError(
            f"Can't read triggers from {where}", hint="expected a mapping with a 'triggers:' list"
        )
    return entries


def _package_text(name: str) -> str:
    return (
        resources.files("dyadwatch").joinpath("ontology").joinpath("data").joinpath(name).read_text("utf-8")
    )


@cache
def _index(user_path: str | None) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    layers: list[tuple[str, list[dict[str, Any]]]] = [
        ("phoenix", _load_yaml(_package_text("event_triggers_phoenix.yaml"), "event_triggers_phoenix.yaml")),
        ("curated", _load_yaml(_package_text("event_triggers.yaml"), "event_triggers.yaml")),
    ]
    if user_path:
        path = Path(user_path)
        if not path.is_file():
            raise TriggerDictionaryError(f"Can't find trigger file {path}", hint=f"check ${ENV_VAR}")
        text = path.read_text("utf-8")
        layers.append(("user-replace" if _replaces(text) else "user", _load_yaml(text, str(path))))
    index: dict[tuple[str, str], dict[tuple[Any, ...], Trigger]] = {}
    for origin, entries in layers:
        fresh: dict[tuple[str, str], dict[tuple[Any, ...], Trigger]] = {}
        for raw in entries:
            trig = _trigger(raw, origin)
            key = (
                trig.particle,
                trig.prep,
                trig.objects,
                trig.modifiers,
                trig.actor_object,
                trig.intransitive,
            )
            fresh.setdefault((trig.pos, trig.lemma), {})[key] = trig
        for word, senses in fresh.items():
            # Curated senses replace Phoenix ones for a lemma wholesale (Phoenix patterns are noisy);
            # user senses override matching curated senses one by one.
            if origin in {"curated", "user-replace"} or word not in index:
                index[word] = dict(senses)
            else:
                index[word].update(senses)
    return {
        word: tuple(sorted(senses.values(), key=lambda t: -t.specificity)) for word, senses in index.items()
    }


def trigger_index() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """Trigger senses by ``(pos, lemma)``, most specific first; re-read when the env var changes.

    >>> [t.type for t in trigger_index()[("verb", "accuse")]][:1]
    ['ACCUSE']
    """
    return _index(os.environ.get(ENV_VAR) or None)


@cache
def _words(user_path: str | None) -> frozenset[str]:
    return frozenset(word for _, word in _index(user_path))


def trigger_words() -> frozenset[str]:
    """Every word that has a sense in the current index, whatever its part of speech: the event
    stage skips other tokens before looking at their tags and dependents.

    >>> "accuse" in trigger_words() and "the" not in trigger_words()
    True
    """
    return _words(os.environ.get(ENV_VAR) or None)


def senses(pos: str, lemma: str) -> tuple[Trigger, ...]:
    """Candidate senses of one word.

    >>> senses("noun", "visit")[0].mode
    'visit'
    """
    return trigger_index().get((pos, lemma.lower()), ())
