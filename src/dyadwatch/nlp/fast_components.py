"""Drop-in replacements for spaCy's ``attribute_ruler`` and rule ``lemmatizer`` that give
IDENTICAL token attributes at a fraction of the cost.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every document and sets attributes through a
``Span`` per match (~20 µs a token, about a tenth of the model's time). The 179 rules of
``en_core_web_sm`` only test a token's TAG, LOWER, DEP and IS_SPACE (two-token rules also their
neighbour), so the outcome for a token is a function of those four values: it is computed once per
distinct combination, cached, and written back with ``Doc.from_array``. Rules apply in the
ruler's own order (a later rule wins, as in ``AttributeRuler.set_annotations``). A ruler with any
pattern outside that subset is left as it is (:meth:`FastAttributeRuler.from_ruler` returns None).

The rule lemmatizer's answer is a pure function of (ORTH, POS, MORPH): spaCy caches it under that
very key but still pays a Python call and a string-store write per token, and each miss scans
word lists linearly (see :func:`index_as_sets`). Here the lemma hashes are cached by that key and
written in one ``from_array``; a miss asks the wrapped lemmatizer, whose index is made of sets.

Equality with spaCy's components is checked on real articles in ``tests/nlp/test_fast_components.py``
(and ``DYADWATCH_FAST_NLP=0`` switches them off).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The token attributes rules may read, in the order of the array columns we read them from.
READ = (TAG, LOWER, DEP, IS_SPACE)
READ_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The attributes rules may write (plain TokenC fields: set_token_attrs and from_array agree).
WRITE = (TAG, POS, MORPH, LEMMA, DEP)


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Turn the lemma index's word lists into sets, in place.

    ``rule_lemmatize`` only asks ``form in index``; on the shipped lists (57,000 nouns) that is a
    linear scan per candidate form, ~0.5 ms for each (word, tag, morph) the lemmatizer has not seen
    yet -- most of its cost on a fresh process. Membership answers are the same.
    """
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


@dataclass(frozen=True)
class _Test:
    """One attribute test as the Matcher reads it: strings (IS_SPACE a bool)."""

    col: int  # column in READ
    op: str  # "==", "IN", "NOT_IN" or "REGEX"
    arg: Any

    def __call__(self, values: tuple[Any, ...]) -> bool:
        value = values[self.col]
        if self.op == "==":
            return bool(value == self.arg)
        if self.op == "IN":
            return value in self.arg
        if self.op == "NOT_IN":
            return value not in self.arg
        return bool(self.arg.search(value))

    @property
    def mentions(self) -> frozenset[Any]:
        """Values this test singles out; every other value gets the same verdict (but REGEX)."""
        if self.op == "==":
            return frozenset([self.arg])
        return self.arg if self.op in {"IN", "NOT_IN"} else frozenset()


def _test(col: int, spec: Any) -> _Test | None:
    if isinstance(spec, str | bool):
        return _Test(col, "==", spec)
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op in {"IN", "NOT_IN"} and isinstance(arg, list):
            return _Test(col, op, frozenset(arg))
        if op == "REGEX" and isinstance(arg, str):
            return _Test(col, op, re.compile(arg))
    return None


_TokenSpec = tuple[_Test, ...]  # one token of a pattern: all tests must pass


def _token_spec(raw: dict[str, Any]) -> _TokenSpec | None:
    tests = []
    for name, spec in raw.items():
        key = name.upper()
        if key not in READ_NAMES:
            return None
        test = _test(READ_NAMES.index(key), spec)
        if test is None:
            return None
        tests.append(test)
    return tuple(tests)


def _passes(spec: _TokenSpec, values: tuple[Any, ...]) -> bool:
    return all(test(values) for test in spec)


@dataclass(frozen=True)
class _Rule:
    order: int  # position in the ruler: later rules win
    patterns: tuple[tuple[_TokenSpec, ...], ...]
    index: int  # which token of a match gets the attributes (may be negative)
    attrs: tuple[tuple[int, int], ...]  # (column in WRITE, value)


_Result = tuple[tuple[int, ...], tuple[tuple[int, int], ...]]


class FastAttributeRuler:
    """Same results as the ``AttributeRuler`` it was compiled from, computed per distinct token."""

    def __init__(self, name: str, vocab: Vocab, rules: list[_Rule]) -> None:
        self.name = name
        self.vocab = vocab
        self.single = [r for r in rules if all(len(p) == 1 for p in r.patterns)]
        self.multi = [r for r in rules if any(len(p) > 1 for p in r.patterns)]
        # Every token spec of the multi-token rules, numbered; a pattern is a run of spec ids.
        self._specs: list[_TokenSpec] = []
        self._starts: dict[int, tuple[_Rule, tuple[int, ...]]] = {}  # first spec id -> pattern
        for rule in self.multi:
            for pattern in rule.patterns:
                ids = tuple(range(len(self._specs), len(self._specs) + len(pattern)))
                self._specs.extend(pattern)
                self._starts[ids[0]] = (rule, ids)
        # A value no test mentions is, to the rules, the same as any other such value with the
        # same regular-expression verdicts: tokens are evaluated once per class of values.
        tests = [t for r in rules for p in r.patterns for spec in p for t in spec]
        self._mentioned = [
            frozenset().union(*(t.mentions for t in tests if t.col == c)) for c in range(len(READ))
        ]
        self._regexes = [[t.arg for t in tests if t.col == c and t.op == "REGEX"] for c in range(len(READ))]
        self._by_class: dict[tuple[Any, ...], _Result] = {}
        self._by_hash: dict[tuple[int, int, int, int], _Result] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> FastAttributeRuler | None:
        """Compile a ruler; None when one of its patterns is outside the supported subset."""
        rules = []
        entries: list[dict[str, Any]] = list(ruler.patterns)  # type: ignore[arg-type]
        for order, (entry, attrs) in enumerate(zip(entries, ruler.attrs, strict=True)):
            patterns = []
            for pattern in entry["patterns"]:
                specs = [_token_spec(token) for token in pattern]
                if not specs or any(s is None for s in specs):
                    return None
                patterns.append(tuple(s for s in specs if s is not None))
            if not set(attrs) <= set(WRITE):
                return None
            values = tuple((WRITE.index(attr), int(value)) for attr, value in attrs.items())
            index = int(entry.get("index", 0))
            if any(not -len(p) <= index < len(p) for p in patterns):
                return None
            rules.append(_Rule(order, tuple(patterns), index, values))
        return cls(ruler.name, ruler.vocab, rules)

    # -- per-token evaluation, cached ------------------------------------------------------
    def _strings(self, key: tuple[int, int, int, int]) -> tuple[Any, ...]:
        strings = self.vocab.strings
        tag, lower, dep, space = key
        return (strings[tag], strings[lower], strings[dep], bool(space))

    def _result(self, key: tuple[int, int, int, int]) -> _Result:
        values = self._strings(key)
        klass = tuple(
            value
            if value in self._mentioned[c]
            else (None, *(bool(r.search(value)) for r in self._regexes[c]))
            for c, value in enumerate(values)
        )
        result = self._by_class.get(klass)
        if result is None:
            result = self._by_class[klass] = self._evaluate(values)
        self._by_hash[key] = result
        return result

    def _evaluate(self, values: tuple[Any, ...]) -> _Result:
        """(multi-token spec ids this token satisfies, merged writes of single-token rules)."""
        writes: dict[int, int] = {}
        for rule in self.single:
            if any(_passes(p[0], values) for p in rule.patterns):
                writes.update(rule.attrs)
        satisfied = tuple(i for i, spec in enumerate(self._specs) if _passes(spec, values))
        return satisfied, tuple(sorted(writes.items()))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        read = doc.to_array(list(READ)).tolist()
        cache = self._by_hash
        results = []
        for row in read:
            key = (row[0], row[1], row[2], row[3])
            hit = cache.get(key)
            results.append(self._result(key) if hit is None else hit)
        out = doc.to_array(list(WRITE))
        extra = self._multi_matches(results, n) if self.multi else {}
        for i, (_sat, writes) in enumerate(results):
            if i in extra:
                continue
            for col, value in writes:
                out[i, col] = value
        for i, rule_ids in extra.items():
            # Re-fold this token's rules in ruler order, single- and multi-token ones together.
            values = self._strings(tuple(read[i]))  # type: ignore[arg-type]
            fired = {r.order: r for r in self.single if any(_passes(p[0], values) for p in r.patterns)}
            fired.update({r.order: r for r in rule_ids})
            for order in sorted(fired):
                for col, value in fired[order].attrs:
                    out[i, col] = value
        doc.from_array(list(WRITE), out)  # type: ignore[arg-type]
        return doc

    def _multi_matches(self, results: list[Any], n: int) -> dict[int, list[_Rule]]:
        """Tokens that a multi-token rule writes to, with those rules."""
        extra: dict[int, list[_Rule]] = {}
        for start, (satisfied, _w) in enumerate(results):
            if not satisfied:
                continue
            for spec_id in satisfied:
                if spec_id not in self._starts:
                    continue
                rule, ids = self._starts[spec_id]
                if start + len(ids) > n:
                    continue
                if all(ids[k] in results[start + k][0] for k in range(1, len(ids))):
                    target = start + (rule.index if rule.index >= 0 else len(ids) + rule.index)
                    extra.setdefault(target, []).append(rule)
        return extra

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class FastLemmatizer:
    """The wrapped rule lemmatizer's lemmas, cached by (ORTH, POS, MORPH) and written in bulk."""

    def __init__(self, name: str, lemmatizer: Lemmatizer) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.overwrite = bool(lemmatizer.overwrite)
        self._cache: dict[tuple[int, int, int], int] = {}

    @classmethod
    def from_lemmatizer(cls, lemmatizer: Any) -> FastLemmatizer | None:
        if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
            return None
        lemmatizer._validate_tables()  # what its __call__ does first: fail at load, not later
        index_as_sets(lemmatizer)
        return cls(lemmatizer.name, lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache = self._cache
        strings = self.vocab.strings
        lemmas = numpy.empty(len(rows), dtype=numpy.uint64)
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def install_fast_components(nlp: Language) -> list[str]:
    """Swap the model's attribute ruler and rule lemmatizer for the fast equivalents in place.

    Component names stay the same. Returns the names replaced (a component whose patterns or
    mode are not supported stays spaCy's).
    """
    replaced = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        fast = FastAttributeRuler.from_ruler(ruler) if isinstance(ruler, AttributeRuler) else None
        if fast is not None:
            _swap(nlp, "attribute_ruler", fast)
            replaced.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemma = FastLemmatizer.from_lemmatizer(nlp.get_pipe("lemmatizer"))
        if lemma is not None:
            _swap(nlp, "lemmatizer", lemma)
            replaced.append("lemmatizer")
    return replaced


def _swap(nlp: Language, name: str, component: Any) -> None:
    # spaCy's replace_pipe builds the new component from a factory and config; ours are built
    # from the old component's state, so swap the object in the pipeline list instead.
    components = nlp._components  # noqa: SLF001 - no public way to swap an object in place
    for i, (existing, _proc) in enumerate(components):
        if existing == name:
            components[i] = (name, component)
            return
    raise KeyError(name)
