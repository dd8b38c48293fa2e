"""Where reported statements start and end: candidates, features and the shipped bounds model."""

from __future__ import annotations

import dataclasses

import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.extract import crf_models, quote_bounds
from dyadwatch.extract.actors import extract_actors
from dyadwatch.extract.quote_bounds import (
    boundary_features,
    candidates,
    load_bounds_model,
    model_info,
    refinable,
    refine_bounds,
)
from dyadwatch.extract.quotes import extract_quotes, find_quotes
from dyadwatch.model import Analysis, Article, Quote
from dyadwatch.nlp.loader import load_nlp


def _found(text: str) -> tuple[list[Quote], list[Quote]]:
    """The quotes with the rules' bounds, and as the quote stage gives them."""
    doc = load_nlp()(text)
    analysis = extract_actors(Analysis(article=Article(id="t", text=text, kind="news")), doc)
    return find_quotes(analysis, doc), extract_quotes(analysis, doc).quotes


def _one_changed(text: str) -> tuple[Quote, Quote]:
    before, after = _found(text)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b.span != a.span]
    assert len(changed) == 1, [(b.text, a.text) for b, a in changed]
    return changed[0]


def test_candidates_hold_the_rules_bounds_and_stay_in_their_sentence() -> None:
    text = "It rained. Sanders has called for the former secretary of state to release the transcripts."
    doc = load_nlp()(text)
    quote = next(q for q in find_quotes(Analysis(article=Article(id="t", text=text)), doc))
    cands = candidates(doc, quote)
    assert cands is not None
    assert doc[cands.start : cands.end].text == quote.text == "the former secretary of state"
    assert cands.start in cands.starts and cands.end in cands.ends
    second = doc[2].sent.end  # "It rained." is not open to the content
    assert min(cands.starts) >= second and max(cands.ends) == len(doc)
    assert max(cands.starts) < cands.end and min(cands.ends) > cands.start


def test_features_say_which_way_a_boundary_moves_and_what_it_takes_in() -> None:
    text = "The senator said the bill would raise taxes, which the White House disputes."
    doc = load_nlp()(text)
    quote = next(q for q in find_quotes(Analysis(article=Article(id="t", text=text)), doc))
    assert quote.text == "the bill would raise taxes"
    cands = candidates(doc, quote)
    assert cands is not None
    ends = dict(zip(cands.ends, boundary_features(doc, quote, cands, False), strict=True))
    assert "d=0" in ends[cands.end] and "out=," in ends[cands.end]
    longest = ends[max(cands.ends)]  # to the end of the sentence, past ", which the White House ..."
    assert {"R|has=,", "R|has=which"} <= set(longest)
    starts = dict(zip(cands.starts, boundary_features(doc, quote, cands, True), strict=True))
    # Moving the start left takes in the cue and the speaker: the features name both.
    assert {"L|hascue", "L|hasspk"} <= set(starts[min(cands.starts)])


def test_shipped_model_completes_a_call_with_the_act_called_for() -> None:
    # PolNeAR train (odd half, which the model fitted on the even half also got right).
    text = (
        "Sanders has criticized Clinton's ties to super PACs and has called for the former secretary of "
        "state to release the transcripts of her paid speeches to employees of Wall Street banks."
    )
    before, after = _one_changed(text)
    assert before.text == "the former secretary of state"
    assert after.text == (
        "the former secretary of state to release the transcripts of her paid speeches to employees "
        "of Wall Street banks"
    )
    assert text[after.span[0] : after.span[1]] == after.text and after.parts == [after.span]
    assert (after.speaker_name, after.cue, after.found_by) == (before.speaker_name, before.cue, "rules")


def test_shipped_model_takes_in_the_name_given() -> None:
    before, after = _one_changed("Mr. Trump refers to the governor as “Chris.”")
    assert (before.text, after.text) == ("the governor", "the governor as “Chris.”")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # The 2021 example article: when she called is no part of the call.
        (
            "Former World Bank chief economist Anne Krueger called for a reset in US-China trade "
            "relations earlier this month.",
            "a reset in US-China trade relations",
        ),
        ("Robby Mook said as much in an interview earlier Thursday morning.", "as much"),
    ],
)
def test_occasion_of_the_cue_stays_out(text: str, content: str) -> None:
    before, after = _found(text)
    assert [q.text for q in after] == [q.text for q in before] == [content]


def test_only_rule_found_reported_statements_in_one_piece_are_refined() -> None:
    quote = Quote(speaker=None, speaker_name="X", text="t", span=(0, 1), cue="said", direct=False)
    assert refinable(quote)
    assert not refinable(dataclasses.replace(quote, direct=True))
    assert not refinable(dataclasses.replace(quote, found_by="tagger", confidence=0.9))
    assert not refinable(dataclasses.replace(quote, parts=[(0, 1), (3, 4)]))


def test_a_content_never_grows_into_another_quotes_speaker() -> None:
    text = (
        "Sanders has criticized Clinton's ties to super PACs and has called for the former secretary of "
        "state to release the transcripts of her paid speeches to employees of Wall Street banks."
    )
    doc = load_nlp()(text)
    (quote,) = [
        q for q in find_quotes(Analysis(article=Article(id="t", text=text)), doc) if q.cue == "called for"
    ]
    banks = (text.index("Wall Street"), text.index(" banks"))
    other = Quote(speaker=None, speaker_name="Wall Street", text="x", span=(0, 7), cue=None, direct=False)
    other = dataclasses.replace(other, speaker_span=banks)
    model = load_bounds_model()
    assert refine_bounds(doc, [quote], model)[0].span != quote.span
    assert refine_bounds(doc, [quote, other], model)[0].span == quote.span


def test_bounds_model_can_be_turned_off_and_a_missing_one_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quote_bounds.ENV_VAR, "off")
    assert load_bounds_model() is None
    before, after = _found("Mr. Trump refers to the governor as “Chris.”")
    assert [q.text for q in after] == [q.text for q in before] == ["the governor"]
    monkeypatch.setenv(quote_bounds.ENV_VAR, "/nonexistent/bounds.crfsuite")
    with pytest.raises(DyadwatchError, match="/nonexistent/bounds.crfsuite"):
        load_bounds_model()


def test_shipped_model_has_its_provenance() -> None:
    info = model_info()
    assert info["model"] == quote_bounds.MODEL_NAME
    assert info["trained_on"].endswith("polnear/train") and info["texts"] == 840
    assert (crf_models.model_dir() / info["model"]).stat().st_size > 100_000
