"""Scoring of the extraction evaluation on hand-made pages, and the gate on trafilatura's pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dyadwatch.evaluation.extraction import (
    DEFAULT_GOLD,
    Extraction,
    Tally,
    author_names,
    evaluate,
    load_pages,
    same_authors,
    same_day,
    same_title,
    snippet_counts,
)
from dyadwatch.evaluation.gate import SHARED_EVAL, check, load_baseline

GOLD = SHARED_EVAL / DEFAULT_GOLD

BODY = (
    "Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Beijing on Sunday. "
    "The two sides discussed trade, climate change and the situation in the Taiwan Strait at length. "
)
PAGE = f"""<html><head><title>Wang Yi meets Blinken</title>
<meta name="author" content="Jo Smith"><meta property="article:published_time" content="2023-06-18T09:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World news menu</a></nav>
<article><h1>Wang Yi meets Blinken</h1><p>{BODY * 3}</p><p>Officials said further talks were planned.</p></article>
<footer>Copyright 2023 Example Media. All rights reserved.</footer></body></html>"""


def test_eval_extraction_snippets_after_whitespace_collapse() -> None:
    text = "First paragraph.\n\nSecond   paragraph here."
    assert snippet_counts(text, ["paragraph. Second paragraph", "missing"], ["here.", "menu"]) == (1, 1, 1)
    # a rejected page finds nothing, and leaks nothing
    assert snippet_counts(None, ["a", "b"], ["c"]) == (0, 0, 2)


def test_eval_extraction_metadata_comparisons() -> None:
    assert same_title(" Wang Yi  meets\nBlinken", "wang yi meets blinken")
    assert not same_title("Wang Yi meets Blinken", None)
    assert same_day("2023-06-18", "2023-06-18T09:00:00")
    assert not same_day("2023-06-18", "2023-06") and not same_day("2023-06-18", None)
    assert author_names("A. Smith und B. Jones") == {"a. smith", "b. jones"}
    assert same_authors(["B. Jones", "A. Smith"], ["A. Smith; B. Jones"])
    assert not same_authors("A. Smith", [])


def test_eval_extraction_tally_sums_pages() -> None:
    tally = Tally()
    record = {
        "with": ["alpha", "beta"],
        "without": ["menu"],
        "title": "T",
        "date": "2020-01-02",
        "author": "X",
    }
    tally.add(record, Extraction("alpha menu", title="t", date="2020-01-02", authors=["Y"]))
    tally.add({"with": ["gamma"], "without": [], "title": "U"}, Extraction(None))
    figures = tally.figures("x_")
    assert (figures["x_p"], figures["x_r"]) == (0.5, 0.333333)
    assert figures["x_title"] == 0.5 and figures["x_date"] == 1.0 and figures["x_author"] == 0.0
    assert figures["x_rejected"] == 1.0


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "example.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    record = {
        "file": "example.html",
        "with": ["discussed trade, climate change", "further talks were planned"],
        "without": ["World news menu", "All rights reserved"],
        "title": "Wang Yi meets Blinken",
        "date": "2023-06-18",
        "author": "Jo Smith",
    }
    (tmp_path / "evaldata.json").write_text(json.dumps({"https://example.com/a": record}), encoding="utf-8")
    return tmp_path


def test_eval_extraction_loads_gzipped_pages(tiny_gold: Path) -> None:
    ((url, record, html),) = load_pages(tiny_gold)
    assert url == "https://example.com/a" and record["file"] == "example.html"
    assert "<article>" in html


def test_eval_extraction_evaluate_scores_both_extractors(tiny_gold: Path) -> None:
    figures = evaluate(tiny_gold)
    assert figures["pages"] == 1.0 and figures["en_pages"] == 1.0
    for prefix in ("", "traf_", "en_", "traf_en_"):
        assert figures[f"{prefix}r"] == 1.0, prefix  # both snippets of the article body found
        assert figures[f"{prefix}p"] == 1.0, prefix  # neither the menu nor the footer leaked
    assert figures["title"] == 1.0 and figures["date"] == 1.0
    assert figures["rejected"] == 0.0


@pytest.mark.slow
def test_eval_extraction_gate_on_gold() -> None:
    if not GOLD.is_dir():
        pytest.skip(f"gold data not found at {GOLD} (../shared/eval is not part of the repo)")
    floors = load_baseline().get("extraction")
    if not floors:
        pytest.skip("no floors pinned for 'extraction' in eval/baseline.json")
    metrics = evaluate(GOLD)
    assert check("extraction", metrics, floors) == []
