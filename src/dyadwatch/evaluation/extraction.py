"""Main text and metadata from HTML, scored on trafilatura's evaluation pages.

The gold folder holds ``html/*.html.gz`` and ``evaldata.json``: per page URL, the ``file``
name, ``with`` snippets the main text must contain, ``without`` snippets it must not (menus,
footers, comments), and where known the ``title``, ``date`` and ``author``.

Ours is the stored ``Article`` that ``prepare_article(RawDocument(html=..., url=...))`` makes:
the text every span indexes (body, then captions) and its metadata. A page we reject (no text
left, not English) finds none of its ``with`` snippets and none of its ``without`` snippets.
The floor is plain ``trafilatura.extract`` (its defaults) for the text and
``trafilatura.extract_metadata`` for title, date and author, on the same decoded HTML.

Snippets are matched after whitespace is collapsed on both sides (our cleaning joins
paragraphs with blank lines). Title and author are exact after whitespace/case normalisation
(authors as a set of names, so "A and B" equals "A; B"); a date is right when it is the same day.

Example::

    >>> snippet_counts("Main text here. Comments: nice!", ["Main text"], ["nice!"])
    (1, 1, 0)
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_GOLD = "extraction/trafilatura_en"
METADATA_FIELDS = ("title", "date", "author")
AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bby\b)\s*", re.I)


@dataclass
class Extraction:
    """What one extractor made of one page (``text`` None: the page was rejected)."""

    text: str | None
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Collapse whitespace runs to one space.

    >>> squash(" a\\n\\n b\\tc ")
    'a b c'
    """
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(text: str | None, with_: Iterable[str], without: Iterable[str]) -> tuple[int, int, int]:
    """``(tp, fp, fn)``: ``with`` snippets found, ``without`` snippets found, ``with`` missing."""
    flat = squash(text or "")
    found = [squash(s) in flat for s in with_]
    leaked = sum(1 for s in without if flat and squash(s) in flat)
    return sum(found), leaked, len(found) - sum(found)


def same_title(gold: str, ours: str | None) -> bool:
    """Exact after whitespace and case normalisation.

    >>> same_title("Hello  World", "hello world")
    True
    """
    return ours is not None and squash(gold).casefold() == squash(ours).casefold()


def same_day(gold: str, ours: str | None) -> bool:
    """Both name the same calendar day (``ours`` may carry a time or be less precise).

    >>> same_day("2019-07-28", "2019-07-28T10:00:00"), same_day("2019-07-28", "2019-07")
    (True, False)
    """
    return ours is not None and len(ours) >= 10 and ours[:10] == gold[:10]


def author_names(value: str | Iterable[str]) -> set[str]:
    """Normalised set of names in an author string or list.

    >>> sorted(author_names("Benjamin Fischer und Marcus Theurer"))
    ['benjamin fischer', 'marcus theurer']
    """
    parts = [value] if isinstance(value, str) else list(value)
    names = {squash(n).casefold() for p in parts for n in AUTHOR_SEPARATORS.split(p)}
    return {n for n in names if n}


def same_authors(gold: str | list[str], ours: list[str]) -> bool:
    return bool(ours) and author_names(gold) == author_names(ours)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 6), round(r, 6), round(f, 6)


def ours(html: str, url: str) -> Extraction:
    """dyadwatch's ingest: trafilatura with fallbacks, then our cleaning and metadata rules."""
    from dyadwatch.errors import InputRejected
    from dyadwatch.ingest.documents import RawDocument, prepare_article

    try:
        article = prepare_article(RawDocument(html=html, url=url, label=url))
    except InputRejected:
        return Extraction(text=None)
    return Extraction(article.text, article.title or None, article.published, list(article.authors))


def plain_trafilatura(html: str, url: str) -> Extraction:
    """The floor: ``trafilatura.extract`` with its defaults, and its metadata extractor."""
    import trafilatura

    text = trafilatura.extract(html, url=url)
    meta = trafilatura.extract_metadata(html, default_url=url)
    author = getattr(meta, "author", None) if meta is not None else None
    return Extraction(
        text=text or None,
        title=getattr(meta, "title", None) if meta is not None else None,
        date=getattr(meta, "date", None) if meta is not None else None,
        authors=[author] if author else [],
    )


def load_pages(gold: Path, limit: int | None = None) -> list[tuple[str, dict[str, Any], str]]:
    """``(url, gold record, decoded html)`` for each page, in ``evaldata.json`` order."""
    from dyadwatch.ingest.decode import decode_bytes

    records: dict[str, dict[str, Any]] = json.loads((gold / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, record in list(records.items())[:limit]:
        path = gold / "html" / f"{record['file']}.gz"
        if not path.is_file():
            path = gold / "html" / record["file"]
        data = path.read_bytes()
        html = decode_bytes(gzip.decompress(data) if path.suffix == ".gz" else data)
        pages.append((url, record, html))
    return pages


class Tally:
    """Running counts for one extractor: snippets and metadata agreement."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.rejected = 0
        self.right = dict.fromkeys(METADATA_FIELDS, 0)
        self.total = dict.fromkeys(METADATA_FIELDS, 0)

    def add(self, record: dict[str, Any], got: Extraction) -> None:
        tp, fp, fn = snippet_counts(got.text, record.get("with", []), record.get("without", []))
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        self.rejected += got.text is None
        checks: dict[str, Callable[[Any], bool]] = {
            "title": lambda g: same_title(g, got.title),
            "date": lambda g: same_day(str(g), got.date),
            "author": lambda g: same_authors(g, got.authors),
        }
        for name, check in checks.items():
            value = record.get(name)
            if value:
                self.total[name] += 1
                self.right[name] += check(value)

    def figures(self, prefix: str = "") -> dict[str, float]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        out = {f"{prefix}p": p, f"{prefix}r": r, f"{prefix}f1": f}
        for name in METADATA_FIELDS:
            total = self.total[name]
            out[f"{prefix}{name}"] = round(self.right[name] / total, 6) if total else 0.0
        out[f"{prefix}rejected"] = float(self.rejected)
        return out


def gold_language(record: dict[str, Any]) -> str:
    """Language of a page judged from its gold alone (``with`` snippets and title)."""
    import py3langid

    lang, _score = py3langid.classify(" ".join([*record.get("with", []), record.get("title") or ""]))
    return str(lang)


def evaluate(gold: Path, limit: int | None = None) -> dict[str, float]:
    """Figures over all pages (``p r f1 title date author rejected``) and over the English pages
    (``en_*``), for ours and for plain trafilatura (``traf_*``, ``traf_en_*``).

    Only English articles are analysed, so every non-English page is a rejection that counts as
    missing text: the ``en_*`` figures compare the two extractors where ours is meant to work.
    Also ``pages``, ``en_pages`` and ``n_<field>``: pages with gold for each metadata field.
    """
    tallies = {key: Tally() for key in ("", "traf_", "en_", "traf_en_")}
    pages = load_pages(gold, limit)
    english = 0
    for url, record, html in pages:
        is_en = gold_language(record) == "en"
        english += is_en
        for prefix, got in (("", ours(html, url)), ("traf_", plain_trafilatura(html, url))):
            tallies[prefix].add(record, got)
            if is_en:
                tallies[prefix + "en_"].add(record, got)
    figures: dict[str, float] = {}
    for prefix, tally in tallies.items():
        figures.update(tally.figures(prefix))
    figures["pages"], figures["en_pages"] = float(len(pages)), float(english)
    for name in METADATA_FIELDS:
        figures[f"n_{name}"] = float(tallies[""].total[name])
    return figures
