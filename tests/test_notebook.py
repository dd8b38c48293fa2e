"""The notebook API: DataFrames of records, filtered by dyad spelling, issue and date."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyadwatch
from dyadwatch.model import Analysis
from dyadwatch.storage.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, example_analyses: dict[str, Analysis]) -> Path:
    path = tmp_path_factory.mktemp("nb") / "nb.duckdb"
    with Store(path) as store:
        store.write_batch(example_analyses.values())
    return path


def test_notebook_events_by_dyad_any_spelling(db: Path) -> None:
    with dyadwatch.open(db) as store:
        a = store.events(dyad="US-China")
        b = store.events(dyad="china/usa")
    assert len(a) == len(b) > 0
    assert set(a["dyad"]) == {"CHN-USA"}
    row = a.iloc[0]
    assert row["sentence"] in store_text(db, row["article_id"])


def store_text(db: Path, article_id: str) -> str:
    with dyadwatch.open(db) as store:
        return str(store.sql("SELECT text FROM articles WHERE id = ?", [article_id])["text"][0])


def test_notebook_events_since_filters_by_date(db: Path) -> None:
    with dyadwatch.open(db) as store:
        recent = store.events(dyad="CHN-USA", since="2022-01")
    assert len(recent) > 0 and (recent["date"] >= "2022-01").all()


def test_notebook_quotes_stances_forecasts_actors(db: Path) -> None:
    with dyadwatch.open(db) as store:
        swaine = store.quotes(speaker="Swaine")
        stances = store.stances(dyad="US-China", issue="taiwan", since="2023-01")
        forecasts = store.forecasts(dyad="CHN-USA")
        actors = store.actors(country="USA")
    assert len(swaine) >= 4 and set(swaine["speaker"]) == {"person:michael-swaine"}
    assert len(stances) >= 1 and (stances["stance"] == "contention").all()
    assert len(forecasts) >= 1
    assert "person:antony-blinken" in set(actors["actor_id"])


def test_notebook_quotes_say_how_they_were_found(db: Path) -> None:
    with dyadwatch.open(db) as store:
        quotes = store.quotes()
        only_tagged = store.quotes(found_by="tagger")
    assert set(quotes["found_by"]) == {"rules", "tagger"}
    assert set(only_tagged["found_by"]) == {"tagger"}
    assert len(only_tagged) == (quotes["found_by"] == "tagger").sum()
    tagged = quotes[quotes["found_by"] == "tagger"]
    assert ((tagged["confidence"] >= 0.5) & (tagged["confidence"] <= 1.0)).all()
    assert quotes[quotes["found_by"] == "rules"]["confidence"].isna().all()
    # "countries are also realistic about whether a change in the status quo can be achieved"
    assert any("status quo can be achieved" in t for t in tagged["text"])
