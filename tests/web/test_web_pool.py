"""The read-only pool: it releases the file when idle so that a writer can take it, and the
highlighter cuts text into segments that know their records."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from dyadwatch.web.db import ReadOnlyPool
from dyadwatch.web.highlight import record_lists, segments


def test_web_pool_releases_the_file_for_a_writer(tmp_path: Path, web_db: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    pool = ReadOnlyPool(copy, release_after_s=0.2)
    with pool.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 3
    time.sleep(0.6)
    assert pool._con is None  # closed after the idle time
    writer = duckdb.connect(str(copy))
    writer.execute("DELETE FROM skipped")
    writer.close()
    with pool.cursor() as cur:  # reopens
        assert cur.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 3
    pool.close()


def test_web_pool_cache_is_per_key(tmp_path: Path, web_db: Path) -> None:
    pool = ReadOnlyPool(web_db)
    calls: list[int] = []
    with pool.cursor():
        assert pool.cached(("k",), lambda: calls.append(1) or 5) == 5
        assert pool.cached(("k",), lambda: calls.append(1) or 6) == 5
    assert calls == [1]
    pool.close()


def test_web_highlight_segments_cover_the_text_with_nested_records() -> None:
    text = '"We agree," Blinken said in Beijing.'
    record = {
        "article": {"text": text},
        "actors": [{"id": "person:antony-blinken", "name": "Antony Blinken", "kind": "person",
                    "mentions": [[12, 19]]}],
        "quotes": [{"speaker": "person:antony-blinken", "speaker_name": "Antony Blinken", "text": "We agree,",
                    "span": [1, 10], "cue": "said"}],
        "events": [{"source": "person:antony-blinken", "type": "AGREE", "trigger": [4, 9],
                    "sentence_span": [0, len(text)], "modality": "asserted", "date": "2023"}],
        "issues": [{"issue": "diplomacy", "dyad": "CHN-USA", "stance": "cooperation", "score": 0.5,
                    "evidence": [[1, 10], [999, 1005]]}],
        "forecasts": [],
    }  # fmt: skip
    segs = segments(record)
    assert "".join(s["text"] for s in segs) == text
    agree = next(s for s in segs if s["text"] == "agree")
    assert agree["tokens"] == "quote-0 event-0 issue-0" and agree["kinds"] == "quote event issue"
    assert next(s for s in segs if s["text"] == "Blinken")["tokens"] == "actor-0"
    lists = record_lists(record)
    assert lists["event"][0]["label"].startswith("Antony Blinken AGREE")
    assert lists["issue"][0]["excerpt"] == "We agree,"
