"""Listing queries: the page and its total in one scan, excerpts cut after paging, lookups indexed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyadwatch.model import Analysis
from dyadwatch.storage import browse, queries
from dyadwatch.storage.schema import LOOKUP_INDEXES
from dyadwatch.storage.store import Store


@pytest.fixture
def con(db_file: Path, example_analyses: dict[str, Analysis]) -> Iterator[duckdb.DuckDBPyConnection]:
    with Store(db_file) as store:
        store.write_batch(list(example_analyses.values()))
    connection = duckdb.connect(str(db_file), read_only=True)
    yield connection
    connection.close()


def test_browse_lookup_indexes_exist(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT table_name, expressions FROM duckdb_indexes()").fetchall()
    indexed = {(table, expressions.strip("[]'\"")) for table, expressions in rows}  # "source" is quoted
    assert set(LOOKUP_INDEXES) <= indexed


def test_browse_article_lookup_uses_the_index(con: duckdb.DuckDBPyConnection) -> None:
    article_id = con.execute("SELECT id FROM articles LIMIT 1").fetchall()[0][0]
    plan = con.execute("EXPLAIN ANALYZE " + queries.ANALYSIS_SQL, {"id": article_id}).fetchall()[0][1]
    assert "Index Scan" in plan


def test_browse_event_page_total_matches_a_count(con: duckdb.DuckDBPyConnection) -> None:
    every = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    first = browse.find_events(con, limit=2)
    assert first["total"] == every and len(first["items"]) == min(2, every)
    past_the_end = browse.find_events(con, limit=2, offset=every + 5)
    assert past_the_end["items"] == [] and past_the_end["total"] == every
    assert browse.find_events(con, type="NO_SUCH_TYPE")["total"] == 0


def test_browse_trigger_text_is_the_words_at_the_trigger_offsets(con: duckdb.DuckDBPyConnection) -> None:
    page = browse.find_events(con, limit=500)
    texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    assert page["items"]
    for item in page["items"]:
        text = texts[item["article_id"]]
        assert item["trigger_text"] == text[item["trigger_start"] : item["trigger_end"]]
    # the Alaska talks of the 2021 article: its trigger words are really in the text
    assert any(
        item["trigger_text"] and item["trigger_text"].lower() in {"talks", "meeting", "met"}
        for item in page["items"]
    )


def test_browse_article_snippet_is_the_opening_of_the_text(con: duckdb.DuckDBPyConnection) -> None:
    page = browse.list_articles(con, q="Alaska")
    assert page["total"] >= 1
    texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    for item in page["items"]:
        assert item["snippet"] == texts[item["id"]][:240]


def test_browse_actor_page_total_counts_actors_not_rows(con: duckdb.DuckDBPyConnection) -> None:
    distinct = con.execute("SELECT count(DISTINCT actor_id) FROM actors").fetchall()[0][0]
    assert browse.list_actors(con, limit=3)["total"] == distinct
    assert browse.list_actors(con, limit=3, offset=distinct)["total"] == distinct


def test_browse_excerpt_without_span_is_none(con: duckdb.DuckDBPyConnection) -> None:
    article_id = con.execute("SELECT id FROM articles LIMIT 1").fetchall()[0][0]
    items = [{"article_id": article_id, "trigger_start": None, "trigger_end": None}]
    browse.attach_excerpts(con, items, [browse.TRIGGER_TEXT])
    assert items[0]["trigger_text"] is None


def test_browse_article_json_is_the_assembled_record(con: duckdb.DuckDBPyConnection) -> None:
    for (article_id,) in con.execute("SELECT id FROM articles").fetchall():
        parts = queries.analysis_parts(con, article_id)
        record = queries.assemble_analysis(parts)
        assert json.loads(queries.analysis_json(parts)) == record == queries.analysis_dict(con, article_id)
        assert list(record) == ["article", "actors", "quotes", "events", "issues", "forecasts"]
        assert record["events"] and record["article"]["id"] == article_id
