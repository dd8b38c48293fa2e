"""Cleaning and metadata of the founding articles against the golden values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.model import Analysis

GOLDEN = json.loads(
    (Path(__file__).parents[1] / "golden" / "examples_spine.json").read_text(encoding="utf-8")
)
NAMES = [n for n in GOLDEN if not n.startswith("_")]


@pytest.mark.parametrize("name", NAMES)
def test_metadata_examples_exact(example_analyses: dict[str, Analysis], name: str) -> None:
    article = example_analyses[name].article
    expected = dict(GOLDEN[name]["article"])
    assert len(article.captions) == expected.pop("n_captions")
    for field, value in expected.items():
        assert getattr(article, field) == value, field


@pytest.mark.parametrize("name", NAMES)
def test_clean_examples_body(example_analyses: dict[str, Analysis], name: str) -> None:
    article = example_analyses[name].article
    body = article.text[: article.body_end]
    for snippet in GOLDEN[name]["body_must_not_contain"]:
        assert snippet not in body, snippet
    for snippet in GOLDEN[name]["body_must_contain"]:
        assert snippet in body, snippet
    for start, end in article.captions:
        assert "Photo" in article.text[start:end] or "via AP" in article.text[start:end]
