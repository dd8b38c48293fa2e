"""A failing dyadwatch component leaves the doc as it was and the rest of the batch goes on."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from dyadwatch.nlp.guard import ERRORS_KEY, never_fails
from dyadwatch.nlp.loader import load_nlp


def test_a_failing_component_leaves_the_doc_and_records_why() -> None:
    @never_fails("overlapping")
    def overlapping(doc: Doc) -> Doc:
        doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 1, 3, label="GPE")]  # E1010
        return doc

    doc = spacy.blank("en")("Federal Reserve chairwoman Janet Yellen spoke .")
    doc.ents = [Span(doc, 3, 5, label="PERSON")]
    out = overlapping(doc)
    assert [(e.text, e.label_) for e in out.ents] == [("Janet Yellen", "PERSON")]
    assert out.user_data[ERRORS_KEY][0].startswith("overlapping: ValueError")


def test_the_pipeline_goes_on_after_a_failing_repair(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nlp = load_nlp()
    repairs = nlp.get_pipe("dyadwatch_entity_repairs")

    def boom(doc: Doc) -> Doc:
        raise ValueError("broken repair")

    monkeypatch.setattr(repairs, "_guarded", never_fails("dyadwatch_entity_repairs")(boom))
    texts = ["Antony Blinken met Wang Yi in Jakarta .", "Xi Jinping spoke in Beijing ."]
    docs = list(nlp.pipe(texts))
    assert len(docs) == 2
    assert all(d.user_data[ERRORS_KEY] for d in docs)
    assert any(e.label_ == "PERSON" for e in docs[1].ents)  # the model's reading stands
