"""The fast attribute ruler and lemmatizer give exactly spaCy's token attributes.

Each doc is parsed up to the parser once, copied, and finished once by spaCy's own components
and once by ours; TAG, POS, MORPH, LEMMA and DEP must be equal on every token. Real articles
come from ``examples/articles`` and, where it is present, the shared news corpus; a handful of
sentences exercise the rare rules (two-token patterns, DEP-conditioned ones, whitespace tokens).
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from dyadwatch.nlp.blas import set_blas_threads
from dyadwatch.nlp.doc_cache import doc_text, remember_text
from dyadwatch.nlp.fast_components import FastAttributeRuler, FastLemmatizer, index_as_sets
from dyadwatch.nlp.loader import MODEL_NAME, load_nlp

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
ATTRS = [TAG, POS, MORPH, LEMMA, DEP]

RARE = [
    "I'm gonna go, and y'all ain't coming. Let's see. C'mon! We gotta leave.",
    "There is a problem and there were two. It said I told you it works; give it to me and you.",
    "But he left. Do you have it? He did it, but he has done so before and had to.",
    "He gets the results she got.\n\n  Tabs\tand   spaces\n\nNew paragraph after spaces.",
    "THE US AND CHINA AGREE.  Which one did they pick? That which matters, not those.",
]


@pytest.fixture(scope="module")
def vanilla() -> Language:
    return spacy.load(MODEL_NAME)


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:40]]
    return RARE + texts


def test_fast_components_equal_spacy(vanilla: Language) -> None:
    ruler, lemmatizer = vanilla.get_pipe("attribute_ruler"), vanilla.get_pipe("lemmatizer")
    fast_ruler = FastAttributeRuler.from_ruler(ruler)  # type: ignore[arg-type]
    fast_lemmatizer = FastLemmatizer.from_lemmatizer(lemmatizer)
    assert fast_ruler is not None and fast_lemmatizer is not None
    assert fast_ruler.multi, "the model's two-token rules are compiled, not dropped"
    checked = 0
    with vanilla.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for doc in vanilla.pipe(_texts()):
            ours = doc.copy()
            lemmatizer(ruler(doc))
            fast_lemmatizer(fast_ruler(ours))
            theirs_a, ours_a = doc.to_array(ATTRS), ours.to_array(ATTRS)
            diff = numpy.nonzero((theirs_a != ours_a).any(axis=1))[0]
            assert not len(diff), [(doc[i].text, doc[i].pos_, ours[i].pos_) for i in diff[:5]]
            checked += len(doc)
    assert checked > 1000


def test_rare_rules_fire(vanilla: Language) -> None:
    doc = load_nlp()(RARE[0])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["ai"] == "be"
    assert load_nlp()(RARE[3])[0].lemma_ == "he"


def test_loader_installs_fast_components() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_index_as_sets_keeps_lemmas(vanilla: Language) -> None:
    words = [
        "The",
        "talks",
        "were",
        "held",
        "as",
        "the",
        "ministers",
        "met,",
        "arguing",
        "over",
        "tariffs",
        "and",
        "better",
        "ties",
    ]
    before = [t.lemma_ for t in vanilla(" ".join(words))]
    lemmatizer = vanilla.get_pipe("lemmatizer")
    index_as_sets(lemmatizer)  # type: ignore[arg-type]
    lemmatizer.cache.clear()  # type: ignore[attr-defined]
    assert [t.lemma_ for t in vanilla(" ".join(words))] == before


def test_doc_text_is_doc_text() -> None:
    text = "Wang Yi met Antony Blinken.\n\nThey talked.  "
    doc = load_nlp().make_doc(text)
    assert doc_text(doc) == doc.text == text
    other = load_nlp().make_doc(text)
    remember_text(other, "not the text")  # a wrong string is refused
    assert doc_text(other) == text


def test_blas_threads_can_be_set() -> None:
    assert set_blas_threads(1) in {True, False}  # False only with a numpy without OpenBLAS
