"""Main text and metadata from HTML with trafilatura, falling back to its recall mode and
then to its plain-text conversion, so that a page yields text whenever it has any."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura

from dyadwatch.errors import InputRejected


@dataclass
class HtmlExtraction:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    method: str = "trafilatura"


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in value.replace(" and ", ";").split(";") if a.strip()]


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract main text and metadata; raise ``InputRejected`` when the page has no text.

    >>> page = "<html><head><title>T</title></head><body><article><p>" + "Words here. " * 30 + "</p></article></body></html>"
    >>> extract_html(page).text.startswith("Words here.")
    True
    """
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        doc = None
        error: Exception | None = exc
    else:
        error = None
    text = getattr(doc, "text", None) if doc is not None else None
    method = "trafilatura"
    if not text:
        text = trafilatura.extract(html, url=url, favor_recall=True, include_comments=False)
        method = "trafilatura-recall"
    if not text:
        text = trafilatura.html2txt(html)
        method = "html2txt"
    if not text or not text.strip():
        reason = f"no main text found in the HTML ({error})" if error else "no main text found in the HTML"
        raise InputRejected(reason)
    return HtmlExtraction(
        text=text,
        title=getattr(doc, "title", None) if doc is not None else None,
        authors=_authors(getattr(doc, "author", None) if doc is not None else None),
        published=getattr(doc, "date", None) if doc is not None else None,
        outlet=getattr(doc, "sitename", None) if doc is not None else None,
        url=(getattr(doc, "url", None) if doc is not None else None) or url,
        method=method,
    )
