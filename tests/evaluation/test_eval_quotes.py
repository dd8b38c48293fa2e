"""Scoring of quote attribution against brat gold, and the PolNeAR dev gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.evaluation import gate
from dyadwatch.evaluation.quotes import Counts, gold_articles, metrics, parse_ann, score_article
from dyadwatch.model import Quote

TEXT = 'Smith said the plan failed. "It is over," Jones added. Lee noted that talks go on.'
ANN = "\n".join(
    [
        "T1\tSource 0 5\tSmith",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 26\tthe plan failed",
        "E1\tCue:T2 Source:T1 Content:T3",
        'T4\tContent 28 41\t"It is over,"',
        "T5\tSource 42 47\tJones",
        "E2\tSource:T5 Content:T4",
        "T6\tContent 65 81\tthat talks go on",
        "E3\tContent:T6",
    ]
)


def _q(span: tuple[int, int], speaker_span: tuple[int, int] | None, name: str | None = None) -> Quote:
    return Quote(
        speaker=None,
        speaker_name=name,
        text=TEXT[span[0] : span[1]],
        span=span,
        cue=None,
        direct=False,
        speaker_span=speaker_span,
    )


def test_quotes_parse_ann_reads_events_and_discontinuous_spans() -> None:
    gold = parse_ann(ANN + "\nT7\tContent 0 5;11 26\tx\nE4\tContent:T7 Source:T1")
    assert [g.content for g in gold] == [[(11, 26)], [(28, 41)], [(65, 81)], [(0, 5), (11, 26)]]
    assert gold[0].source == [(0, 5)] and gold[2].source == []


def test_quotes_scoring_exact_overlap_and_speaker() -> None:
    counts = Counts()
    preds = [
        _q((11, 26), (0, 5)),  # exact, right speaker
        _q((28, 40), (55, 58), "Lee"),  # overlap only (mark dropped), wrong speaker
        _q((59, 81), None),  # overlaps a gold without a source: not in speaker accuracy
        _q((0, 5), None),  # a false positive
    ]
    score_article(TEXT, parse_ann(ANN), preds, counts)
    m = metrics(counts)
    assert (counts.exact, counts.overlap) == (1, 3)
    assert m["exact_p"] == pytest.approx(1 / 4) and m["exact_r"] == pytest.approx(1 / 3)
    assert m["overlap_p"] == pytest.approx(3 / 4) and m["overlap_r"] == pytest.approx(1.0)
    assert m["speaker_acc"] == pytest.approx(1 / 2)
    assert 0 < m["token_p"] < 1 and m["token_r"] == pytest.approx(1.0)


def test_quotes_speaker_counts_same_name_as_same_entity() -> None:
    counts = Counts()
    score_article(TEXT, parse_ann(ANN), [_q((28, 41), (0, 5), "Adam Jones")], counts)
    assert counts.spk_correct == counts.spk_total == 1


def test_quotes_discontinuous_gold_matches_parts_exactly() -> None:
    counts = Counts()
    gold = parse_ann("T1\tContent 0 5;11 26\tx\nE1\tContent:T1")
    quote = _q((0, 26), None)
    quote.parts = [(0, 5), (11, 26)]
    score_article(TEXT, gold, [quote], counts)
    assert counts.exact == 1


def test_quotes_gold_articles_pairs_texts_with_each_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_4b22.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_ef2d.ann").write_text(ANN.split("\nT4")[0], encoding="utf-8")
    ((article, anns),) = gold_articles(tmp_path)
    assert article.text == TEXT and article.kind == "news"
    assert [len(a) for a in anns] == [3, 1]


def test_quotes_agreement_scores_annotator_against_annotator(tmp_path: Path) -> None:
    from dyadwatch.evaluation.quotes import agreement

    for folder in ("text", "attributions"):
        (tmp_path / folder).mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text(TEXT, encoding="utf-8")  # one annotator: left out
    (tmp_path / "attributions" / "a_4b22.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_ef2d.ann").write_text(ANN.split("\nT4")[0], encoding="utf-8")
    (tmp_path / "attributions" / "b_4b22.ann").write_text(ANN, encoding="utf-8")
    human, system, n_texts = agreement(tmp_path)
    assert n_texts == 1
    # The first annotator's three contents against the second's one ("the plan failed").
    assert (human["exact_p"], human["exact_r"]) == pytest.approx((1 / 3, 1.0))
    assert human["speaker_acc"] == 1.0
    # The pipeline reads "Smith said the plan failed." as the second annotator did.
    assert system["exact_r"] == 1.0 and system["speaker_acc"] == 1.0


@pytest.mark.slow
def test_quotes_gate_on_polnear_dev() -> None:
    gold = gate.default_gold("quotes")
    if not gold.is_dir():
        pytest.skip(f"PolNeAR gold data not found at {gold} (keep ../shared/eval next to the repo)")
    from dyadwatch.evaluation.quotes import evaluate

    figures = evaluate(gold)
    floors = gate.load_baseline().get("quotes")
    assert floors, "eval/baseline.json has no 'quotes' floors"
    assert gate.check("quotes", figures, floors) == []
