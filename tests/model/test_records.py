"""Records export exactly the JSON shape ``dataclasses.asdict`` gave, spans as lists."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from dyadwatch.model import Analysis


def _as_json(value: Any) -> Any:
    # JSON has no tuples: compare what the export writes, not Python's container types.
    return json.loads(json.dumps(value))


def test_every_record_of_the_blinken_article_exports_as_asdict_did(
    example_analyses: dict[str, Analysis],
) -> None:
    analysis = example_analyses["002_01e853f86da0fe41.txt"]  # Blinken visit, 2023: analysts quoted
    records = [analysis.article, *analysis.actors, *analysis.quotes, *analysis.events, *analysis.issues]
    records += analysis.forecasts
    assert len(analysis.quotes) > 10 and analysis.events and analysis.forecasts
    for record in records:
        assert _as_json(record.to_dict()) == _as_json(asdict(record)), type(record).__name__


def test_to_dict_copies_lists_so_the_export_cannot_change_the_record(
    example_analyses: dict[str, Analysis],
) -> None:
    analysis = next(iter(example_analyses.values()))
    actor = next(a for a in analysis.actors if a.mentions)
    exported = actor.to_dict()
    exported["mentions"].clear()
    assert actor.mentions
    article = analysis.article.to_dict()
    article["authors"].append("someone else")
    assert "someone else" not in analysis.article.authors


def test_an_analysis_pickles_without_its_mention_index(example_analyses: dict[str, Analysis]) -> None:
    import pickle

    analysis = example_analyses["002_01e853f86da0fe41.txt"]
    blinken = next(a for a in analysis.actors if a.id == "person:antony-blinken")
    start, end = blinken.mentions[0]
    assert analysis.actor_at(start, end) is blinken  # builds the cached index
    copy = pickle.loads(pickle.dumps(analysis))
    assert "_index" not in copy.__dict__
    assert copy.actor_at(start, end).id == "person:antony-blinken"  # rebuilt on demand
    assert copy.to_dict() == analysis.to_dict()
