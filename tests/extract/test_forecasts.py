"""Forecast detection, horizons and status on real sentences; golden forecasts of the examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.extract.forecast_detect import find_candidates
from dyadwatch.model import Analysis
from dyadwatch.nlp.horizons import horizon_of, status_of
from dyadwatch.nlp.loader import load_nlp

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "golden" / "issues_examples.json").read_text())


@pytest.mark.parametrize(
    ("text", "horizon"),
    [
        ("the US and China would be at war in two years", "2025"),
        ("an invasion of Taiwan within “a 2022 window or potentially a 2023 window”", "2023"),
        ("when Blinken meets his Chinese counterparts this weekend", "2023-02-04"),
        ("around the 2024 election", "2024"),
        ("who in October 2022 warned", None),
    ],
)
def test_horizons_resolve_against_publication(text: str, horizon: str | None) -> None:
    got = horizon_of(text, "2023-01-31")
    assert (got[0] if got else None) == horizon


def test_status_against_as_of() -> None:
    assert status_of("2025", "2024-12-31") == "open"
    assert status_of("2025", "2025-03-01") == "due"
    assert status_of("2025-02", "2025-03-01") == "past"
    assert status_of(None, "2025-03-01") == "open"


@pytest.mark.parametrize(
    ("sentence", "clause", "likelihood"),
    [
        ("Blanchette said Beijing would likely push the Biden administration to say something.",
         "Beijing would likely push the Biden administration to say something", "likely"),
        ("He said he believed China was unlikely to pivot away from Russia.",
         "China was unlikely to pivot away from Russia", "unlikely"),
        ("Climate action and maritime leadership could serve as openings.",
         "Climate action and maritime leadership could serve as openings", "possible"),
        ("Delivering on the latter would mean delineating key elements.", None, None),
        ("Whether it would come to the defence of the island is unclear.", None, None),
    ],
)  # fmt: skip
def test_forecast_candidates(sentence: str, clause: str | None, likelihood: str | None) -> None:
    sent = next(load_nlp()(sentence).sents)
    found = [(c.clause.text, c.likelihood) for c in find_candidates(sent, lambda i: True)]
    assert found == ([(clause, likelihood)] if clause else [])


@pytest.mark.parametrize("name", sorted(k for k in GOLDEN if not k.startswith("_")))
def test_golden_forecasts(example_analyses: dict[str, Analysis], name: str) -> None:
    analysis = example_analyses[name]
    text = analysis.article.text
    for gold in GOLDEN[name]["forecasts"]:
        at = text.index(gold["contains"])
        matches = [f for f in analysis.forecasts if f.span[0] <= at + 5 and at < f.span[1]]
        assert matches, f"no forecast over {gold['contains']!r}"
        forecast = matches[0]
        assert text[forecast.span[0] : forecast.span[1]] == forecast.text
        for key in ("speaker", "horizon", "polarity", "likelihood", "subject", "dyad"):
            if key in gold:
                assert getattr(forecast, key) == gold[key], (gold["contains"], key, forecast)
        assert forecast.status in {"open", "due", "past"}
