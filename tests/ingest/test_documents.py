"""Raw documents to articles: identity, metadata from text and HTML, language, rejections."""

from __future__ import annotations

import pytest

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.documents import RawDocument, article_id, prepare_article

BODY = (
    "Washington and Beijing are too far apart on most outstanding bilateral issues for their relations "
    "to improve appreciably when US Secretary of State Antony Blinken meets his Chinese counterparts."
)


def test_documents_identity_ignores_chrome_and_whitespace() -> None:
    a = prepare_article(RawDocument(text=f"Skip to main content\n{BODY}\n\nbottom of page"))
    b = prepare_article(RawDocument(text=f"  {BODY.replace(' ', '  ')}  "))
    assert a.id == b.id == article_id(BODY)


def test_documents_text_metadata_lines() -> None:
    text = f"US-China talks stall\n\nBy Robert Delaney in Washington and Khushboo Razdan in New York\n\nJanuary 31, 2023\n\n{BODY}"
    article = prepare_article(RawDocument(text=text))
    assert article.title == "US-China talks stall"
    assert article.authors == ["Robert Delaney", "Khushboo Razdan"]
    assert (article.published, article.published_precision, article.published_inferred) == (
        "2023-01-31",
        "day",
        False,
    )
    assert article.text == BODY


def test_documents_inferred_date_has_lower_precision() -> None:
    text = f"{BODY} The foreign ministers met in Seoul on Mar 18, 2021, and again on Nov. 12, 2020."
    article = prepare_article(RawDocument(text=text))
    assert (article.published, article.published_precision, article.published_inferred) == (
        "2021-03",
        "month",
        True,
    )


def test_documents_json_title_key_means_all_body() -> None:
    article = prepare_article(RawDocument(text=f"Short first line\n{BODY}", title="", title_given=True))
    assert article.title == ""
    assert article.text.startswith("Short first line")


def test_documents_html_uses_trafilatura_metadata() -> None:
    html = (
        "<html><head><title>Blinken heads to Beijing</title><meta name='author' content='Jo Smith'>"
        "<meta property='article:published_time' content='2023-01-31'></head><body><nav>Home | World</nav>"
        f"<article><h1>Blinken heads to Beijing</h1><p>{BODY}</p><p>{BODY}</p></article><footer>Contact us</footer></body></html>"
    )
    article = prepare_article(RawDocument(html=html, url="https://www.example.org/world/1"))
    assert article.title == "Blinken heads to Beijing"
    assert article.published == "2023-01-31"
    assert "Contact us" not in article.text and "Home | World" not in article.text
    assert article.url == "https://www.example.org/world/1"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawDocument(text="Skip to main content\nMenu"), "no article text"),
        (RawDocument(html="<html><body><script>var x = 1;</script></body></html>"), "no"),
        (
            RawDocument(
                text="Le ministre chinois des Affaires étrangères a rencontré son homologue américain à Pékin "
                "pour discuter des tensions commerciales et de la question de Taïwan, selon les analystes."
            ),
            "detected language 'fr'",
        ),
    ],
)
def test_documents_rejections_say_why(raw: RawDocument, reason: str) -> None:
    with pytest.raises(InputRejected) as info:
        prepare_article(raw)
    assert reason in info.value.message


def test_documents_broken_html_still_yields_text() -> None:
    html = f"<html><body><div><p>{BODY}<p>{BODY}</div></span></b></body>"
    article = prepare_article(RawDocument(html=html))
    assert "Antony Blinken" in article.text
