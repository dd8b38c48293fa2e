"""A temporary store for the web tests: the example articles plus a hostile article.

The hostile article carries ``<script>`` tags, event-handler attributes and ``javascript:``
links in its title, body, outlet, authors and URL: everything must come out as inert text.
Where the pipeline has not produced issue stances or forecasts (stages still landing), the
fixture adds a few hand-made ones with real evidence spans so that the heat map, the issue page
and the ledger have something to show.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.model import Analysis, Forecast, IssueStance
from dyadwatch.pipeline import analyze_articles
from dyadwatch.storage.store import Store
from dyadwatch.web import create_app

HOSTILE_TITLE = "<script>alert('title')</script> US and China clash <img src=x onerror=alert('t2')>"
HOSTILE_BODY = (
    "Washington and Beijing traded accusations on Monday. <script>alert('body')</script> "
    "US Secretary of State Antony Blinken accused China of coercing Taiwan, and Chinese Foreign Minister "
    "Wang Yi rejected the charge. \"We will never accept interference <img src=x onerror=alert('img')> in "
    'Taiwan," Wang said. Analysts said <a href="javascript:alert(\'link\')">talks</a> could resume next '
    "year.\n\nThe two sides agreed to keep military channels open, officials said. Tensions over Taiwan "
    "are likely to rise before the elections next year, one analyst predicted."
)
HOSTILE_URL = "javascript:alert('url')"


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return (start, start + len(words))


def hostile_analysis() -> Analysis:
    raw = RawDocument(
        text=HOSTILE_BODY, title=HOSTILE_TITLE, title_given=True, url=HOSTILE_URL, published="2023-02-10",
        outlet="<b onmouseover=alert('outlet')>Evil Times</b>", authors=["<svg onload=alert('author')>"],
    )  # fmt: skip
    (analysis,) = list(analyze_articles([prepare_article(raw)]))
    return analysis


def seed_records(
    analysis: Analysis, stances: list[tuple[str, str, float, str]], forecast: str | None
) -> None:
    """Add issue stances (issue, stance, score, evidence words) and a forecast where none exist."""
    text = analysis.article.text
    if not analysis.issues:
        for issue, stance, score, words in stances:
            if words in text:
                analysis.issues.append(
                    IssueStance(
                        issue=issue,
                        dyad="CHN-USA",
                        stance=stance,
                        score=score,
                        evidence=[_span(text, words)],
                        voices=[],
                    )  # fmt: skip
                )
    if not analysis.forecasts and forecast and forecast in text:
        analysis.forecasts.append(
            Forecast(
                speaker=None,
                text=forecast,
                span=_span(text, forecast),
                subject="taiwan",
                dyad="CHN-USA",
                horizon="2024",
                polarity="conflict",
                likelihood="likely",
                status="open",
            )  # fmt: skip
        )


@pytest.fixture(scope="session")
def web_analyses(example_analyses: dict[str, Analysis]) -> dict[str, Analysis]:
    """The examples and the hostile article, with seeded stances/forecasts where needed."""
    analyses = {name: copy.deepcopy(a) for name, a in example_analyses.items()}
    analyses["hostile"] = hostile_analysis()
    for analysis in analyses.values():
        seed_records(
            analysis,
            [("taiwan", "contention", -0.8, "Taiwan"), ("climate", "cooperation", 0.7, "climate"),
             ("russia_ukraine", "mixed", 0.1, "Russia"), ("military", "cooperation", 0.5, "military channels")],
            "Tensions over Taiwan are likely to rise before the elections next year",
        )  # fmt: skip
    return analyses


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, web_analyses: dict[str, Analysis]) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.write_batch(web_analyses.values())
    return path


@pytest.fixture(scope="session")
def hostile_id(web_analyses: dict[str, Analysis]) -> str:
    return web_analyses["hostile"].article.id


@pytest.fixture(scope="session")
def app(web_db: Path) -> FastAPI:
    return create_app(web_db, release_after_s=0.5)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def html_headers() -> dict[str, str]:
    return {"Accept": "text/html,application/xhtml+xml"}
