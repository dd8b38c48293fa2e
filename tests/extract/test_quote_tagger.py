"""The learned attribution tagger: features, decoding, the shipped model on real sentences."""

from __future__ import annotations

import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.extract import crf_models, quote_tagger
from dyadwatch.extract.quote_cues import load_cues
from dyadwatch.extract.quote_marks import find_quotations
from dyadwatch.extract.quote_tagger import (
    _runs,
    load_tagger,
    model_info,
    sentence_bounds,
    tag_sentence,
    token_features,
)
from dyadwatch.extract.quotes import extract_quotes
from dyadwatch.model import Analysis, Article, Quote
from dyadwatch.nlp.loader import load_nlp


def _quotes(text: str) -> list[Quote]:
    analysis = Analysis(article=Article(id="t", text=text, kind="news"))
    return extract_quotes(analysis, load_nlp()(text)).quotes


def test_features_name_the_word_its_cue_status_and_quotation_marks() -> None:
    text = 'Obama said "we will not back down" on Tuesday. He seemed tired.'
    doc = load_nlp()(text)
    features = token_features(doc, find_quotations(text), load_cues())
    assert [len(f) for f in features] == [e - s for s, e in sentence_bounds(doc)]
    said, will = features[0][1], features[0][4]
    assert {"l=say", "cue", "p=VERB"} <= set(said)
    assert "quoted" in will and "quoted" not in said
    assert "anc=back" in will  # the verb it hangs on
    seemed = features[1][1]
    assert "l=seem" in seemed and "cue" not in seemed
    # Neighbours stop at the sentence: "Tuesday" and "." end the first one.
    assert not any(f.startswith("1w=") for f in features[0][-1])


@pytest.mark.parametrize(
    ("tags", "runs"),
    [
        (["B-CON", "I-CON", "O", "B-CON"], [(0, 2), (3, 4)]),
        (["O", "I-CON", "I-CON", "B-SRC"], [(1, 3)]),  # a run may open with I- (the CRF allows it)
        (["B-CON", "B-CON", "I-CON"], [(0, 1), (1, 3)]),
        (["O", "O"], []),
    ],
)
def test_runs_decode_bio_tags(tags: list[str], runs: list[tuple[int, int]]) -> None:
    assert _runs(tags, "CON") == runs


def test_shipped_model_has_its_provenance() -> None:
    info = model_info()
    assert info["model"] == quote_tagger.MODEL_NAME
    assert info["trained_on"].endswith("polnear/train")
    assert info["texts"] == 840 and info["sentences"] > 10_000
    assert {"B-CON", "I-CON", "B-SRC", "B-CUE", "O"} <= set(info["labels"])
    assert (crf_models.model_dir() / info["model"]).stat().st_size > 100_000


def test_tagger_reads_an_attribution_with_no_listed_cue() -> None:
    # PolNeAR train, politico 2016-05-23: "release" is no reporting verb in cues.yaml, but the
    # statement's stance is Sanders's.
    text = "Sanders released a statement in opposition to the Puerto Rico deal last week."
    doc = load_nlp()(text)
    tagger = load_tagger()
    assert tagger is not None
    features = token_features(doc, [], load_cues())[0]
    hits = tag_sentence(tagger, features, 0)
    assert hits, "no attribution tagged"
    hit = hits[0]
    assert hit.source is not None and doc[hit.source[0] : hit.source[1]].text == "Sanders"
    assert "Puerto Rico deal" in doc[hit.content[0] : hit.content[1]].text
    assert 0.0 < hit.confidence <= 1.0


def test_tagged_quotes_carry_offsets_speaker_and_method() -> None:
    text = "Sanders released a statement in opposition to the Puerto Rico deal last week."
    (q,) = _quotes(text)
    assert q.found_by == "tagger" and q.confidence is not None and q.confidence >= 0.5
    assert text[q.span[0] : q.span[1]] == q.text
    assert "Puerto Rico deal" in q.text
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Sanders"
    assert q.to_dict()["found_by"] == "tagger"


def test_tagged_quote_speaks_for_its_cues_subject_not_the_nearest_source() -> None:
    # The 2023 example article: the tagger pairs "some have expected" with Davidson, who speaks
    # in the same sentence; the verb's subject says who expected it.
    text = (
        "While some have expected progress in cooperation on climate change due to increasing "
        "droughts and flooding in both countries, Michael Davidson, assistant professor at the "
        "University of California San Diego, said in a discussion with Swaine that China and the "
        "US had contrasting approaches to how climate figures into bilateral negotiations."
    )
    tagged, said = _quotes(text)
    assert tagged.found_by == "tagger" and tagged.text.startswith("progress in cooperation on climate change")
    assert tagged.speaker_span is not None and text[slice(*tagged.speaker_span)] == "some"
    assert (said.found_by, said.speaker_name) == ("rules", "Michael Davidson")


def test_rules_keep_what_they_find_and_say_so() -> None:
    text = "Washington and Beijing are too far apart on most issues, US analysts said on Monday."
    (q,) = _quotes(text)
    assert q.found_by == "rules" and q.confidence is None and q.cue == "said"


def test_tagger_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quote_tagger.ENV_VAR, "off")
    assert load_tagger() is None
    assert _quotes("Sanders released a statement in opposition to the Puerto Rico deal last week.") == []


def test_a_missing_model_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quote_tagger.ENV_VAR, "/nonexistent/tagger.crfsuite")
    with pytest.raises(DyadwatchError, match="/nonexistent/tagger.crfsuite"):
        load_tagger()


def test_each_thread_gets_its_own_tagger() -> None:
    # tag() and marginal() share the tagger's state: threads must not share one.
    import threading

    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(load_tagger()))
    thread.start()
    thread.join()
    assert seen[0] is not None and seen[0] is not load_tagger()
    assert load_tagger() is load_tagger()
