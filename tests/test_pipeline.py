"""The pipeline module: stage registry and the per-process warm-up."""

from __future__ import annotations

import gc

from dyadwatch.pipeline import DEFAULT_STAGES, WARM_UP_TEXT, analyze, warm_up


def test_pipeline_warm_up_text_reaches_every_stage() -> None:
    # The warm-up sentence must exercise each stage, or its data would load during the first batch
    # and stay outside the frozen heap.
    analysis = analyze(WARM_UP_TEXT)
    assert analysis.actor("person:antony-blinken") is not None
    assert [(q.speaker_name, q.cue) for q in analysis.quotes] == [
        ("Antony Blinken", "said"),
        ("Antony Blinken", "warning"),
    ]
    assert {(e.source_country, e.type, e.target_country) for e in analysis.events} == {
        ("USA", "THREATEN", "CHN")
    }
    assert {i.issue for i in analysis.issues} == {"technology", "trade"}
    assert [f.text for f in analysis.forecasts] == [
        "that Washington would impose new sanctions on Chinese chip makers next year",
        "that trade talks with Beijing may fail",
    ]
    assert len(DEFAULT_STAGES) == 5


def test_pipeline_warm_up_freezes_the_loaded_heap() -> None:
    warm_up()
    assert gc.get_freeze_count() > 10_000
