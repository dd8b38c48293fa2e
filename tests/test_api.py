"""The library entry point for notebooks."""

from __future__ import annotations

import dyadwatch


def test_api_analyze_text_returns_the_record() -> None:
    analysis = dyadwatch.analyze(
        "Chinese Foreign Minister Wang Yi accused the US freedom of navigation operations of disrupting "
        "regional stability in his annual press conference in Beijing."
    )
    record = analysis.to_dict()
    assert set(record) == {"article", "actors", "quotes", "events", "issues", "forecasts"}
    wang = analysis.actor("person:wang-yi")
    assert wang is not None and (wang.country, wang.role) == ("CHN", "Foreign Minister")


def test_api_analyze_html() -> None:
    html = (
        "<html><head><title>Talks in Alaska</title></head><body><article><p>Top diplomats from the United "
        "States and China will meet in Alaska starting Thursday to set the trajectory of the relationship."
        "</p></article></body></html>"
    )
    analysis = dyadwatch.analyze(html, url="https://example.org/alaska")
    assert analysis.article.title == "Talks in Alaska"
    assert analysis.article.url == "https://example.org/alaska"
    assert {"USA", "CHN"} <= {a.id for a in analysis.actors}
