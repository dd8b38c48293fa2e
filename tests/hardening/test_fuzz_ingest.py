"""Fuzzing the ingest stages: hostile bytes and text either become an article or an
``InputRejected`` with a reason, never another exception.

Every example that found a bug is pinned with ``@example`` so that it is re-run first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fuzz_strategies import ODD_CHARS, SENTENCES, hostile_article, hostile_prose, nested_html, odd_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.clean import clean_text
from dyadwatch.ingest.decode import decode_bytes
from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.ingest.html import extract_html
from dyadwatch.ingest.metadata import extract_text_metadata, latest_explicit_date
from dyadwatch.ingest.sources import Rejection, read_path

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BODY = " ".join(SENTENCES[:4])


def assert_reason(exc: InputRejected) -> None:
    assert exc.message.strip(), "a rejection must say why"


def assert_utf8(value: str | None) -> None:
    if value is not None:
        value.encode("utf-8")  # raises on a lone surrogate


@FAST
@given(st.one_of(st.binary(max_size=2000), st.binary(max_size=60).map(lambda b: b"\xff\xfe" + b)))
@example(b"\xff\xfeA")  # UTF-16 BOM with an odd byte count: UnicodeDecodeError
@example(b"\xfe\xff\xd8\x00")  # UTF-16 BOM then a lone surrogate: UnicodeDecodeError
def test_decode_bytes_returns_text_or_rejects(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except InputRejected as exc:
        assert_reason(exc)
        return
    assert isinstance(text, str) and text.strip()
    assert_utf8(text)


@FAST
@given(st.one_of(odd_text, hostile_article()))
def test_clean_text_keeps_every_line_somewhere(text: str) -> None:
    cleaned = clean_text(text)
    for para in cleaned.paragraphs + cleaned.captions:
        assert para and para == para.strip()
        assert "\n" not in para and "\r" not in para


@FAST
@given(st.one_of(odd_text, hostile_article()))
def test_metadata_never_raises_and_dates_are_iso(text: str) -> None:
    cleaned = clean_text(text)
    meta = extract_text_metadata(cleaned.paragraphs, text)
    assert meta.published is None or ISO_DATE.match(meta.published)
    assert meta.kind in {"news", "commentary", "analysis", "interview", "other"}
    found = latest_explicit_date(text)
    assert found is None or ISO_DATE.match(found[0])


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(nested_html(), odd_text))
def test_html_extract_returns_text_or_rejects(html: str) -> None:
    try:
        extracted = extract_html(html)
    except InputRejected as exc:
        assert_reason(exc)
        return
    assert extracted.text.strip()


def _check_article(raw: RawDocument) -> None:
    try:
        article = prepare_article(raw)
    except InputRejected as exc:
        assert_reason(exc)
        return
    assert re.fullmatch(r"[0-9a-f]{64}", article.id)
    for value in [
        article.text,
        article.title,
        article.url,
        article.outlet,
        article.dateline,
        *article.authors,
    ]:
        assert_utf8(value)
    assert article.published is None or ISO_DATE.match(article.published)
    assert len(article.text.strip()) >= 40
    for start, end in article.captions:
        assert 0 <= start < end <= len(article.text)
    assert 0 < article.body_end <= len(article.text)


@settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(odd_text, hostile_prose(), hostile_article()))
@example(BODY + "\ud83d")  # lone surrogate: DuckDB refused the batch later
def test_documents_prepare_article_from_text(text: str) -> None:
    _check_article(RawDocument(text=text))


@settings(max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(nested_html())
def test_documents_prepare_article_from_html(html: str) -> None:
    _check_article(RawDocument(html=html))


@FAST
@given(
    title=st.one_of(st.none(), odd_text),
    url=st.one_of(st.none(), odd_text, st.sampled_from(["http://[abc/x", "https://www.example.com/a"])),
    published=st.one_of(st.none(), odd_text, st.sampled_from(["9999-12-31", "0001-01-01", "2023-02-30"])),
    authors=st.lists(odd_text, max_size=3),
    outlet=st.one_of(st.none(), odd_text),
)
@example(
    title=None, url="http://[abc/x", published=None, authors=[], outlet=None
)  # ValueError: Invalid IPv6 URL
def test_documents_prepare_article_with_hostile_metadata(
    title: str | None, url: str | None, published: str | None, authors: list[str], outlet: str | None
) -> None:
    _check_article(
        RawDocument(text=BODY, title=title, url=url, published=published, authors=authors, outlet=outlet)
    )


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": BODY, "url": 123}, "'url' must be a string"),
        ({"text": BODY, "outlet": {"a": 1}}, "'outlet' must be a string"),
        ({"text": BODY, "title": ["x"]}, "'title' must be a string"),
        (
            {"text": BODY, "authors": 5},
            "'authors' must be a string or a list",
        ),  # TypeError stopped the ingest
        ({"text": BODY, "authors": [None]}, "'authors' must be a string or a list"),
        ({"text": BODY, "published": {"y": 2023}}, "'published' must be a date string"),
        ([1, 2], "must be an object"),
        ({"html": 5}, "needs a 'text' or 'html' string"),
    ],
)
def test_sources_jsonl_malformed_records_rejected_with_reason(
    tmp_path: Path, record: object, reason: str
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    first, second = list(read_path(path))
    assert isinstance(first, Rejection) and reason in first.reason, first
    assert not isinstance(second, Rejection)  # the rest of the file goes on


def test_sources_jsonl_lone_surrogate_escape_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": BODY + " \ud83d end.", "title": "T\udfff"}) + "\n", encoding="utf-8")
    (raw,) = list(read_path(path))
    assert isinstance(raw, RawDocument)
    article = prepare_article(raw)
    assert "\ufffd end." in article.text and article.title == "T\ufffd"
    article.text.encode("utf-8")


@FAST
@given(st.text(st.sampled_from(ODD_CHARS + 'ab \n{}[]":,\\u'), max_size=300))
def test_sources_jsonl_random_lines_never_raise(
    tmp_path_factory: pytest.TempPathFactory, content: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    for item in read_path(path):
        if isinstance(item, Rejection):
            assert item.reason
        else:
            _check_article(item)
