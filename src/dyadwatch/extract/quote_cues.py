"""Cue lexicon for quote extraction, read from ``ontology/data/cues.yaml``.

Users extend the lexicon without touching code: ``DYADWATCH_CUES=/path/extra.yaml`` names a file
with the same keys, whose entries are added to the shipped ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from dyadwatch.ontology.wordlists import load_word_yaml

CUES_FILE = Path(__file__).resolve().parents[1] / "ontology" / "data" / "cues.yaml"
ENV_VAR = "DYADWATCH_CUES"


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs, belief verbs, prepositional cues, cue nouns and multi-word phrases.

    >>> lex = load_cues()
    >>> "say" in lex.verbs and "of" in lex.prepositional["warn"]
    True
    """

    verbs: frozenset[str] = frozenset()
    belief_verbs: frozenset[str] = frozenset()
    prepositional: dict[str, frozenset[str]] = field(default_factory=dict)
    object_verbs: frozenset[str] = frozenset()
    infinitive_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    passive_verbs: frozenset[str] = frozenset()
    hedge_verbs: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    dashes: frozenset[str] = frozenset()
    source_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    addressee_verbs: frozenset[str] = frozenset()
    hearsay_adverbs: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    force_cues: frozenset[str] = frozenset()
    force_targets: frozenset[str] = frozenset()
    force_modifiers: frozenset[str] = frozenset()

    def is_cue_verb(self, lemma: str) -> bool:
        return (
            lemma in self.verbs
            or lemma in self.belief_verbs
            or lemma in self.prepositional
            or lemma in self.object_verbs
            or lemma in self.infinitive_verbs
            or lemma in self.naming_verbs
        )


# The small model's lemmatizer gets a few cue words wrong ("hopes" -> "hop").
_LEMMA_FIXES = {("hop", "hope"): "hope", ("hop", "hopi"): "hope"}


def cue_lemma(tok: Token) -> str:
    """The lowercase lemma of ``tok``, with the model's known slips on cue words fixed.

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> cue_lemma(load_nlp()("He hopes to win.")[1])
    'hope'
    """
    return fixed_lemma(tok.lemma_, tok.lower_)


def fixed_lemma(lemma: str, lower: str) -> str:
    """:func:`cue_lemma` from a token's lemma and lowercase form (for code that holds strings)."""
    low = lemma.lower()
    return _LEMMA_FIXES.get((low, lower[:4]), low)


def _read(path: Path) -> dict[str, Any]:
    data = load_word_yaml(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of cue lists")
    return data


def _merge(files: list[Path]) -> CueLexicon:
    verbs: set[str] = set()
    beliefs: set[str] = set()
    objects: set[str] = set()
    infinitives: set[str] = set()
    namings: set[str] = set()
    dashes: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    preps: dict[str, set[str]] = {}
    nouns: dict[str, set[str]] = {}
    adjectives: dict[str, set[str]] = {}
    source_preps: dict[str, set[str]] = {}
    passives: set[str] = set()
    hedges: set[str] = set()
    addressees: set[str] = set()
    hearsay: set[str] = set()
    speakers: set[str] = set()
    force: dict[str, set[str]] = {"force_cues": set(), "force_targets": set(), "force_modifiers": set()}
    for path in files:
        data = _read(path)
        verbs.update(str(v).lower() for v in data.get("verbs") or [])
        beliefs.update(str(v).lower() for v in data.get("belief_verbs") or [])
        objects.update(str(v).lower() for v in data.get("object_verbs") or [])
        infinitives.update(str(v).lower() for v in data.get("infinitive_verbs") or [])
        namings.update(str(v).lower() for v in data.get("naming_verbs") or [])
        dashes.update(str(v) for v in data.get("dashes") or [])
        for verb, preps_of in (data.get("prepositional") or {}).items():
            preps.setdefault(str(verb).lower(), set()).update(str(p).lower() for p in preps_of or [])
        for noun, preps_of in (data.get("nouns") or {}).items():
            nouns.setdefault(str(noun).lower(), set()).update(str(p).lower() for p in preps_of or [])
        for adj, preps_of in (data.get("adjectives") or {}).items():
            adjectives.setdefault(str(adj).lower(), set()).update(str(p).lower() for p in preps_of or [])
        for prep, nouns_of in (data.get("source_preps") or {}).items():
            source_preps.setdefault(str(prep).lower(), set()).update(str(n).lower() for n in nouns_of or [])
        passives.update(str(v).lower() for v in data.get("passive_verbs") or [])
        hedges.update(str(v).lower() for v in data.get("hedge_verbs") or [])
        addressees.update(str(v).lower() for v in data.get("addressee_verbs") or [])
        hearsay.update(str(v).lower() for v in data.get("hearsay_adverbs") or [])
        speakers.update(str(v).lower() for v in data.get("speaker_nouns") or [])
        for key, listed in force.items():
            listed.update(str(v).lower() for v in data.get(key) or [])
        for phrase in data.get("phrases") or []:
            words = tuple(str(phrase).lower().split())
            if words and words not in phrases:
                phrases.append(words)
    return CueLexicon(
        verbs=frozenset(verbs),
        belief_verbs=frozenset(beliefs),
        prepositional={k: frozenset(v) for k, v in preps.items()},
        object_verbs=frozenset(objects),
        infinitive_verbs=frozenset(infinitives),
        naming_verbs=frozenset(namings),
        nouns={k: frozenset(v) for k, v in nouns.items()},
        adjectives={k: frozenset(v) for k, v in adjectives.items()},
        passive_verbs=frozenset(passives),
        hedge_verbs=frozenset(hedges),
        phrases=tuple(phrases),
        dashes=frozenset(dashes),
        source_preps={k: frozenset(v) for k, v in source_preps.items()},
        addressee_verbs=frozenset(addressees),
        hearsay_adverbs=frozenset(hearsay),
        speaker_nouns=frozenset(speakers),
        force_cues=frozenset(force["force_cues"]),
        force_targets=frozenset(force["force_targets"]),
        force_modifiers=frozenset(force["force_modifiers"]),
    )


@cache
def _load(extra: str | None) -> CueLexicon:
    files = [CUES_FILE]
    if extra:
        files.append(Path(extra))
    return _merge(files)


def load_cues() -> CueLexicon:
    """The shipped cue lexicon plus the file named by ``$DYADWATCH_CUES`` (cached per value).

    >>> "according" in {p[0] for p in load_cues().phrases}
    True
    """
    return _load(os.environ.get(ENV_VAR) or None)
