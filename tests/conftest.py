"""Shared fixtures: the example articles analysed once per session, temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.ingest.documents import prepare_article
from dyadwatch.ingest.sources import Rejection, read_path
from dyadwatch.model import Analysis
from dyadwatch.pipeline import analyze_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def example_analyses() -> dict[str, Analysis]:
    """Both founding articles through the full pipeline, keyed by file name."""
    articles = {}
    for path in sorted(EXAMPLES.glob("*.txt")):
        (raw,) = list(read_path(path))
        assert not isinstance(raw, Rejection)
        articles[path.name] = prepare_article(raw)
    analyses = list(analyze_articles(articles.values()))
    return {name: analysis for name, analysis in zip(articles, analyses, strict=True)}


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
