"""Size and time limits: huge files and lines are rejected with a message without being read
into memory, and HTML that nests too deep or takes too long is stopped with a reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.ingest.html import extract_html, time_limit
from dyadwatch.ingest.sources import Rejection, read_path

BODY = "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing. " * 3


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:  # a hole: the size without the disk space
        handle.truncate(size)
    return path


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.json"])
def test_sources_200mb_file_rejected_with_size(tmp_path: Path, name: str) -> None:
    (item,) = list(read_path(_sparse(tmp_path / name, 200 * 2**20)))
    assert isinstance(item, Rejection)
    assert "200.0 MiB, over the 20 MiB limit" in item.reason


def test_sources_jsonl_huge_line_skipped_in_bounded_reads(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"text": BODY}).encode() + b"\n")
        handle.write(b'{"text": "' + b"x" * (3 * 2**20) + b'"}\n')  # no newline for 3 MiB
        handle.write(json.dumps({"text": BODY + " Again."}).encode())  # last line, no newline
    items = list(read_path(path, max_bytes=2**20))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "RawDocument"]
    assert isinstance(items[1], Rejection) and items[1].label.endswith(":2")
    assert "3.0 MiB, over the 1 MiB limit" in items[1].reason


def test_sources_jsonl_without_newlines_is_one_rejected_record(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "nolines.jsonl", 50 * 2**20)
    (item,) = list(read_path(path))
    assert isinstance(item, Rejection) and "over the 20 MiB limit" in item.reason


@pytest.mark.parametrize("tag", ["div", "span", "b", "table"])
def test_html_million_nested_tags_rejected_fast(tag: str) -> None:
    page = "<html><body>" + f"<{tag}>" * 1_000_000 + "<p>" + BODY + "</p>" + f"</{tag}>" * 1_000_000
    started = time.perf_counter()
    with pytest.raises(InputRejected, match="nests tags deeper than the parser's limit"):
        extract_html(page)
    assert time.perf_counter() - started < 5


def test_html_ordinary_nesting_still_extracts() -> None:
    page = "<html><body>" + "<div>" * 200 + "<p>" + BODY + "</p>" + "</div>" * 200 + "</body></html>"
    assert "Blinken" in extract_html(page).text


def test_html_time_limit_stops_slow_extraction() -> None:
    page = "<html><body><article>" + "<p>Words of the article here, said the minister.</p>" * 40_000
    started = time.perf_counter()
    with pytest.raises(InputRejected, match=r"HTML extraction took over 0.5 s"):
        extract_html(page, limit=0.5)
    assert time.perf_counter() - started < 5


def test_html_too_many_elements_rejected_before_extraction() -> None:
    page = "<html><body><article>" + "<p>Words of the article here.</p>" * 200_000
    started = time.perf_counter()
    with pytest.raises(InputRejected, match="HTML has 200,003 elements, over the limit of 50,000"):
        extract_html(page)
    assert time.perf_counter() - started < 5


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_html_time_limit_fires_again_when_its_exception_is_swallowed() -> None:
    """An exception raised inside ``__del__`` (or a gc callback) is ignored by Python: the alarm
    that lands there must not be the last one."""
    from dyadwatch.ingest.html import _Timeout

    class SlowFinaliser:
        def __del__(self) -> None:
            time.sleep(0.3)  # the first alarm (after 0.1 s) lands here and is ignored

    started = time.perf_counter()
    with pytest.raises(_Timeout), time_limit(0.1):
        SlowFinaliser()
        time.sleep(2)
    assert time.perf_counter() - started < 1


def test_html_time_limit_restores_previous_handler() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_documents_huge_text_rejected_before_cleaning() -> None:
    started = time.perf_counter()
    with pytest.raises(InputRejected, match="over the limit of 1,000,000"):
        prepare_article(RawDocument(text=BODY * 60_000))  # 5 MB
    assert time.perf_counter() - started < 2
