"""From a raw document (text or HTML, with optional metadata) to a cleaned ``Article``.

Identity is the SHA-256 of the normalised body text, so the same article from another URL or
file gets the same id. The stored text is the body paragraphs joined by blank lines, followed
by photo captions (their spans listed in ``Article.captions``): every span indexes this text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

import py3langid

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.clean import clean_text
from dyadwatch.ingest.html import extract_html
from dyadwatch.ingest.metadata import extract_text_metadata, infer_published, parse_date
from dyadwatch.model import Article

HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|body|head|p|div|article)\b", re.I)
MIN_BODY_CHARS = 40
# The longest news article of the shared corpus is 59,000 characters. Parsing and extraction
# cost grows faster than the text (a 1 MB text took over 6 minutes and 3 GB), and spaCy
# refuses texts over ``nlp.max_length``: one huge input must not stall or crash a batch.
MAX_ARTICLE_CHARS = 200_000
# Raw text before cleaning may carry site chrome too, but cleaning and date search over 20 MB
# took minutes: anything past this cannot clean down to an article under the limit above.
MAX_INPUT_CHARS = 5 * MAX_ARTICLE_CHARS
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class RawDocument:
    """What a source yields: text or HTML plus whatever metadata came with it."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    source_path: str | None = None
    title: str | None = None
    title_given: bool = False  # a JSON ``title`` key (even empty): the text is all body
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    label: str = ""  # how to name this input in messages ("file.jsonl:12")

    @classmethod
    def from_string(cls, content: str, url: str | None = None, label: str = "<string>") -> RawDocument:
        if HTML_HINT.search(content[:2000]):
            return cls(html=content, url=url, label=label)
        return cls(text=content, url=url, label=label)


def normalise_for_identity(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id(body: str) -> str:
    """SHA-256 of the normalised body.

    >>> article_id("Hello  world") == article_id("Hello world\\n")
    True
    """
    return hashlib.sha256(normalise_for_identity(body).encode("utf-8")).hexdigest()


# The commonest English function words: a text where they are rare is not English prose,
# whatever a character-n-gram detector says about short or list-like text.
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "she",
        "they",
        "this",
        "are",
        "at",
        "from",
        "has",
        "have",
        "had",
        "but",
        "or",
        "an",
        "which",
        "were",
        "their",
        "its",
        "his",
        "her",
        "will",
        "would",
        "said",
        "been",
        "who",
        "after",
        "than",
    ]
)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; English when English function words are common.

    >>> detect_language("Washington and Beijing are too far apart on most issues, analysts said.")
    'en'
    """
    sample = text[:5000]
    # Common English function words make it English whatever the classifier says, so they are
    # counted first: most news is settled here without langid (5 ms an article in the writer).
    words = [w.lower() for w in WORD.findall(sample)]
    if words and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= 0.12:
        return "en"
    lang, _score = py3langid.classify(sample)
    return str(lang)


def check_prose(text: str) -> None:
    """Reject tables of figures (market prices, results) that carry no sentences to analyse."""
    tokens = text.split()
    if not tokens:
        raise InputRejected("no article text")
    wordy = sum(1 for t in tokens if WORD.fullmatch(t.strip(".,;:()\"'")))
    if len(tokens) >= 20 and wordy / len(tokens) < 0.45:
        raise InputRejected("text is mostly numbers or a table, not prose")


def check_length(text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        raise InputRejected(
            f"{what} is {len(text):,} characters, over the limit of {limit:,} for one article",
            hint="split the document into articles",
        )


def replace_lone_surrogates(value: str) -> str:
    """U+FFFD for each unpaired UTF-16 surrogate, as a UTF-8 decoder does with broken bytes.

    JSON escapes ("\\ud83d" cut from its pair by a scraper) and Python callers can hand us
    strings that are not valid Unicode; DuckDB then refused the whole batch ("cannot encode
    str as UTF-8") and the export JSON could not be encoded (found by fuzzing).

    >>> replace_lone_surrogates("a\\ud83d b") == "a\\ufffd b"
    True
    """
    return LONE_SURROGATE.sub("\ufffd", value)


def _valid_unicode(raw: RawDocument) -> RawDocument:
    def fix(value: str | None) -> str | None:
        return replace_lone_surrogates(value) if value else value

    return RawDocument(
        text=fix(raw.text),
        html=fix(raw.html),
        url=fix(raw.url),
        source_path=fix(raw.source_path),
        title=fix(raw.title),
        title_given=raw.title_given,
        published=fix(raw.published),
        authors=[replace_lone_surrogates(a) for a in raw.authors],
        outlet=fix(raw.outlet),
        label=raw.label,
    )


def _outlet_from(credit: str | None, url: str | None) -> str | None:
    if credit:
        return credit.split("/")[0].strip() or None
    if url:
        try:
            host = urlparse(url).hostname or ""
        except ValueError:  # "http://[abc/" (a broken IPv6 host) raised out of here: fuzzing
            return None
        return re.sub(r"^www\.", "", host) or None
    return None


def prepare_article(raw: RawDocument) -> Article:
    """Clean a raw document into an ``Article`` or raise ``InputRejected`` with the reason.

    >>> a = prepare_article(RawDocument(text="A title line\\nBy Jo Smith\\nJanuary 31, 2023\\n" + "Body text. " * 10))
    >>> (a.title, a.authors, a.published, a.text[:10])
    ('A title line', ['Jo Smith'], '2023-01-31', 'Body text.')
    """
    raw = _valid_unicode(raw)
    title, authors, published, outlet, url = raw.title, list(raw.authors), raw.published, raw.outlet, raw.url
    if raw.html is not None:
        extracted = extract_html(raw.html, url=raw.url)
        text = extracted.text
        title = title or extracted.title
        authors = authors or extracted.authors
        published = published or extracted.published
        outlet = outlet or extracted.outlet
        url = url or extracted.url
    else:
        text = raw.text or ""
    check_length(text, MAX_INPUT_CHARS, "the text")
    cleaned = clean_text(text)
    meta = extract_text_metadata(cleaned.paragraphs, text, title_given=raw.title_given or bool(title))
    body = "\n\n".join(meta.body)
    if len(body.strip()) < MIN_BODY_CHARS:
        raise InputRejected("no article text left after removing site chrome and metadata lines")
    check_length(body, MAX_ARTICLE_CHARS, "the article text")
    check_prose(body)
    language = detect_language(body)
    if language != "en":
        raise InputRejected(f"not English prose (detected language '{language}'); only English is analysed")
    in_body = set(meta.body)  # a set: list membership made many captions quadratic
    captions_text = [c for c in cleaned.captions if c not in in_body]
    full = body
    caption_spans: list[tuple[int, int]] = []
    for caption in captions_text:
        full += "\n\n"
        caption_spans.append((len(full), len(full) + len(caption)))
        full += caption
    check_length(full, MAX_ARTICLE_CHARS, "the article text with its captions")
    if published:
        parsed = parse_date(published)
        published = parsed.isoformat() if parsed else None
    precision = "day" if published else meta.published_precision
    if not published:
        infer_published(full, meta)
        published, precision = meta.published, meta.published_precision
    return Article(
        id=article_id(body),
        text=full,
        url=url,
        source_path=raw.source_path,
        outlet=outlet or _outlet_from(cleaned.source_credit, url),
        title=(title if title is not None else meta.title).strip(),
        authors=authors or meta.authors,
        published=published,
        published_precision=precision if published else None,
        published_inferred=meta.published_inferred and not raw.published,
        dateline=meta.dateline,
        language=language,
        kind=meta.kind,
        captions=caption_spans,
        body_end=len(body),
        source_credit=cleaned.source_credit,
        author_bio=meta.author_bio,
    )
