"""Fuzzing every extraction stage through the pipeline: articles built from hostile text come
out with every span inside the text (start < end), records that validate against the export
schema, and a store round trip that gives the same records back."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_strategies import (
    QUOTES,
    SENTENCES,
    assert_spans_in_bounds,
    assert_valid_export,
    hostile_article,
    hostile_prose,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import InputRejected
from dyadwatch.extract.quote_marks import find_quotations
from dyadwatch.ingest.documents import MAX_ARTICLE_CHARS, RawDocument, prepare_article
from dyadwatch.model import Analysis
from dyadwatch.pipeline import analyze_articles
from dyadwatch.storage import queries
from dyadwatch.storage.store import Store

PUBLISHED = st.sampled_from([None, "2023-01-31", "9999-12-31", "0001-01-01", "Thursday"])


def _analyse(text: str, published: str | None = None) -> Analysis | None:
    try:
        article = prepare_article(RawDocument(text=text, published=published, label="fuzz"))
    except InputRejected as exc:
        assert exc.message
        return None
    (analysis,) = list(analyze_articles([article]))
    return analysis


def _check(analysis: Analysis) -> None:
    record = analysis.to_dict()
    assert_spans_in_bounds(record)
    assert_valid_export(record)
    text = analysis.article.text
    for quote in analysis.quotes:
        start, end = quote.span
        assert text[start:end].strip(), "a quote span covers some words"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(hostile_article(), hostile_prose(10)), PUBLISHED)
@example(SENTENCES[0] + " \ud83d " + SENTENCES[1], None)  # lone surrogate: DuckDB "cannot encode"
@example(" ".join(SENTENCES) + " in \u00b2 years, next week.", "9999-12-31")  # date overflow
def test_pipeline_stages_keep_spans_and_schema(text: str, published: str | None) -> None:
    analysis = _analyse(text, published)
    if analysis is not None:
        _check(analysis)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(QUOTES), st.integers(2_000, 40_000), st.sampled_from(["\n\n", " ", "\n"]))
def test_pipeline_long_unclosed_quote(mark: str, length: int, sep: str) -> None:
    words = " ".join(SENTENCES).replace('"', "")
    body = SENTENCES[0] + sep + mark + (words + sep) * (length // (len(words) + len(sep)) + 1)
    analysis = _analyse(body[:length], "2023-01-31")
    assert analysis is not None
    _check(analysis)


@pytest.mark.parametrize("mark", ["\u201c", '"', "\u00ab", "''"])
def test_quote_marks_megabyte_unclosed_quote_stays_in_bounds(mark: str) -> None:
    text = "He said: " + mark + ("the talks went well and more will follow " * 25_000) + "\n\nNext paragraph."
    quotations = find_quotations(text)
    for q in quotations:
        assert 0 <= q.start < q.end <= len(text)
    assert len(quotations) <= 2


def test_pipeline_megabyte_quote_is_rejected_with_reason() -> None:
    text = "A title\n\n" + SENTENCES[0] + "\n\n\u201c" + "the talks went well and more will follow " * 25_000
    with pytest.raises(InputRejected, match="over the limit"):
        prepare_article(RawDocument(text=text))
    just_under = SENTENCES[0] + "\n\n" + "the talks went well, and more will follow. " * 100
    assert len(prepare_article(RawDocument(text=just_under)).text) < MAX_ARTICLE_CHARS


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_article(), min_size=1, max_size=4))
def test_store_round_trip_of_hostile_articles(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    articles = []
    for text in texts:
        try:
            articles.append(prepare_article(RawDocument(text=text, label="fuzz")))
        except InputRejected:
            continue
    analyses = list(analyze_articles(articles))
    db = Path(tmp_path_factory.mktemp("db")) / "fuzz.duckdb"
    with Store(db) as store:
        store.write_batch(analyses)
        stored = {r["article"]["id"]: r for r in queries.iter_analyses(store.con)}
    assert set(stored) == {a.article.id for a in analyses}
    for analysis in analyses:
        record = stored[analysis.article.id]
        assert record["article"]["text"] == analysis.article.text
        assert_spans_in_bounds(record)
        assert_valid_export(record)
