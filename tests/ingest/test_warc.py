"""WARC archives written with warcio's own writer: pages in, everything else passed over."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from test_fetch_server import BLINKEN, BLINKEN_TITLE, TALKS, TALKS_TITLE, article_html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.ingest.sources import Rejection, iter_raw_documents


def write_warc(path: Path, gzip: bool) -> None:
    records = [
        ("https://news.example/talks", "200 OK", "text/html; charset=utf-8", article_html(TALKS, TALKS_TITLE, "2021-03-18", "Lynn Kuok")),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("https://news.example/old", "404 Not Found", "text/html", b"<html><body>gone</body></html>"),
        ("https://news.example/blinken", "200 OK", "text/html", article_html(BLINKEN, BLINKEN_TITLE, "2023-01-31", "Robert Delaney")),
        ("https://news.example/huge", "200 OK", "text/html", b"<html><body>" + b"<p>big</p>" * 50_000 + b"</body></html>"),
    ]  # fmt: skip
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, status, ctype, body in records:
            request = writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
            )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip=name.endswith(".gz"))
    out = list(iter_raw_documents([str(tmp_path)], max_bytes=200_000))  # directories pick up WARC files
    docs = [o for o in out if isinstance(o, RawDocument)]
    assert [d.url for d in docs] == ["https://news.example/talks", "https://news.example/blinken"]
    assert all(d.source_path and d.source_path.startswith(f"{path}#urn:uuid:") for d in docs)
    (too_big,) = [o for o in out if isinstance(o, Rejection)]
    assert "over the" in too_big.reason and too_big.label.startswith(f"{path}#")
    article = prepare_article(docs[1])
    assert article.url == "https://news.example/blinken" and "Jude Blanchette" in article.text


def test_warc_broken_or_empty_archives_are_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage that is not a warc")
    empty = tmp_path / "empty.warc"
    with empty.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(
            writer.create_warc_record("https://x.example/", "request", payload=BytesIO(b"GET /"))
        )
    out = list(iter_raw_documents([str(broken), str(empty)]))
    assert all(isinstance(o, Rejection) for o in out) and len(out) == 2
    assert "not a readable WARC file" in out[0].reason  # type: ignore[union-attr,index]
    assert "holds no HTML or text response" in out[1].reason  # type: ignore[union-attr,index]
