"""Inputs: files, directories, globs and JSON/JSONL records, with named rejections."""

from __future__ import annotations

import json
from pathlib import Path

from dyadwatch.ingest.documents import RawDocument
from dyadwatch.ingest.sources import Rejection, iter_raw_documents

BODY = "Washington and Beijing are too far apart on most outstanding bilateral issues, analysts said."


def test_sources_directory_recurses_and_filters(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a" / "two.html").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG....")
    docs = list(iter_raw_documents([str(tmp_path)]))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument"]
    assert {Path(d.source_path or "").name for d in docs if isinstance(d, RawDocument)} == {
        "one.txt",
        "two.html",
    }


def test_sources_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": BODY, "title": "", "url": "https://example.org/a", "published": "2023-01-31"}),
        "{not json",
        json.dumps({"html": f"<p>{BODY}</p>", "authors": "Jo Smith"}),
        json.dumps({"nothing": 1}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = list(iter_raw_documents([str(path)]))
    assert isinstance(out[0], RawDocument) and out[0].title_given and out[0].url == "https://example.org/a"
    assert (
        isinstance(out[1], Rejection)
        and out[1].label.endswith("batch.jsonl:2")
        and "invalid JSON" in out[1].reason
    )
    assert isinstance(out[2], RawDocument) and out[2].html and out[2].authors == ["Jo Smith"]
    assert isinstance(out[3], Rejection) and "'text' or 'html'" in out[3].reason


def test_sources_missing_path_and_empty_glob(tmp_path: Path) -> None:
    out = list(iter_raw_documents([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert [r.reason for r in out if isinstance(r, Rejection)] == [
        "no such file or directory",
        "no file matches this pattern",
    ]


def test_sources_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    (out,) = list(iter_raw_documents([str(path)], max_bytes=1000))
    assert isinstance(out, Rejection) and "limit" in out.reason


def test_sources_jsonl_limit_applies_per_record(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    small = json.dumps({"text": BODY})
    big = json.dumps({"text": BODY * 50})
    path.write_text("\n".join([small, big, small]) + "\n", encoding="utf-8")
    out = list(iter_raw_documents([str(path)], max_bytes=2000))
    assert [type(o).__name__ for o in out] == ["RawDocument", "Rejection", "RawDocument"]
    assert isinstance(out[1], Rejection) and out[1].label.endswith(":2") and "limit" in out[1].reason
