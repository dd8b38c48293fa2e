"""Scoring of the events evaluation, and the gate on the shared gold data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dyadwatch.evaluation.events import (
    DEFAULT_GOLD,
    evaluate,
    gsr_triples,
    prf,
    score_gsr,
)
from dyadwatch.evaluation.gate import SHARED_EVAL, check, load_baseline
from dyadwatch.model import Analysis, Article, Event
from dyadwatch.ontology.tabari import actor_entries

GOLD = SHARED_EVAL / DEFAULT_GOLD


def _event(src: str, tgt: str | None, etype: str) -> Event:
    return Event(
        src,
        tgt,
        src,
        tgt,
        etype,
        None,
        "040",
        1.0,
        "verbal_cooperation",
        "asserted",
        None,
        None,
        None,
        None,
        (0, 1),
        (0, 1),
    )


def test_eval_events_gsr_triples_map_old_names_and_codes() -> None:
    record = {
        "event": "DISAPPROVE",
        "source": [{"code": "JAP"}],
        "target": [{"code": "SRB"}, {"code": "IGO"}],
    }
    assert gsr_triples(record) == {("JPN", "SRB", "ACCUSE"), ("JPN", "IGO", "ACCUSE")}


def test_eval_events_gsr_scores_partial_match() -> None:
    text = "The United States and Jordan have agreed upon a new free-trade pact between the two countries."
    record = {"event": "AGREE", "text": text, "source": [{"code": "USA"}, {"code": "JOR"}], "target": []}
    analysis = Analysis(
        article=Article(id="x", text=text),
        events=[_event("USA", None, "AGREE"), _event("USA", "JOR", "AGREE")],
    )
    figures = score_gsr([record], {text: analysis})
    assert figures["gsr_source"] == 1.0
    assert figures["gsr_type"] == 1.0
    assert figures["gsr_p"] == 0.5 and figures["gsr_r"] == 0.5


def test_eval_events_prf_empty_prediction_is_zero() -> None:
    assert prf(Counter({"a": 1}), Counter()) == (0.0, 0.0, 0.0)


def test_eval_events_petrarch_dictionary_converts_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "DENMARK  [DNK]\n+DANISH \n\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n", encoding="utf-8"
    )
    entries = actor_entries(path)
    assert [(e["name"], e["country"], e["aliases"]) for e in entries] == [
        ("Denmark", "DNK", ["Danish"]),
        ("Gollum", "HOB", ["Smeagol"]),
    ]


@pytest.mark.slow
def test_eval_events_gate_on_gold() -> None:
    if not GOLD.is_dir():
        pytest.skip(f"gold data not found at {GOLD} (../shared/eval is not part of the repo)")
    floors = load_baseline().get("events")
    if not floors:
        pytest.skip("no floors pinned for 'events' in eval/baseline.json")
    metrics = evaluate(GOLD)
    assert check("events", metrics, floors) == []
