"""Article metadata from the text itself: title, byline, date, dateline, bio, outlet, kind.

Used when a page comes as plain text (no HTML metadata). Lines that are metadata (title,
byline, date line) are taken out of the body; the dateline and bio line stay in the body (they
are the article's own words) and are also recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import dateparser

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
FULL_DATE = re.compile(
    rf"\b(?:{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{MONTHS}\.?,?\s+(?:19|20)\d{{2}}|"
    rf"(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b"
)
MONTH_YEAR = re.compile(rf"\b{MONTHS}\.?\s+(?:19|20)\d{{2}}\b")
DATE_LINE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Date)\s*:?\s*)?(?:\w+day,?\s+)?(?:{FULL_DATE.pattern})"
    r"(?:\s*(?:,|at|-)?\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?)?$"
)
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\n]{2,200})$")
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .'\-]{2,30})?)\s*(?::|\u2014|\u2013|--| - )\s+\S"
)
BIO_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){1,3})\s+is\s+(?:a|an|the)\s+[^.]{0,200}"
    r"\b(?:commentator|columnist|professor|fellow|analyst|writer|journalist|correspondent|editor|director|"
    r"author|researcher|lecturer|student|scholar|contributor|economist|adviser|advisor|chair)\b"
)
KIND_PREFIX = re.compile(r"^(?P<kind>Commentary|Opinion|Analysis|Interview|Editorial|Op-Ed)\s*:\s*", re.I)
KIND_OF_PREFIX = {
    "commentary": "commentary",
    "opinion": "commentary",
    "editorial": "commentary",
    "op-ed": "commentary",
    "analysis": "analysis",
    "interview": "interview",
}


@dataclass
class TextMetadata:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_precision: str | None = None
    published_inferred: bool = False
    dateline: str | None = None
    kind: str = "news"
    author_bio: str | None = None
    body: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def parse_authors(names: str) -> list[str]:
    """Split a byline into names, dropping "in <place>" and trailing roles.

    >>> parse_authors("Robert Delaney in Washington and Khushboo Razdan in New York")
    ['Robert Delaney', 'Khushboo Razdan']
    """
    names = re.split(r"\s*\|\s*|\s+-\s+", names)[0]
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names)
    out = []
    for part in parts:
        part = re.sub(r"\s+(?:in|for|at|from)\s+.*$", "", part.strip())
        if part and re.match(r"^[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4}$", part):
            out.append(part)
    return out


def looks_like_title(para: str) -> bool:
    words = para.split()
    return (
        2 <= len(words) <= 30
        and not para.rstrip().endswith((".", "?\u201d", ".\u201d"))
        and para[0].isupper()
    )


YEAR = re.compile(r"(?:19|20)\d{2}")


def _latest_date(pattern: re.Pattern[str], text: str) -> date | None:
    """Latest date among the matches of ``pattern``, parsing as few as possible.

    dateparser takes milliseconds a call, and a text full of dates took minutes when every
    match was parsed: only the distinct strings of the latest written year are parsed, going
    back a year only when none of those parses.
    """
    by_year: dict[str, set[str]] = {}
    for match in pattern.finditer(text):
        written = YEAR.search(match.group(0))
        if written:
            by_year.setdefault(written.group(0), set()).add(match.group(0))
    for year in sorted(by_year, reverse=True):
        parsed = [d for d in map(parse_date, sorted(by_year[year])) if d]
        if parsed:
            return max(parsed)
    return None


def latest_explicit_date(text: str) -> tuple[str, str] | None:
    """Latest full or month-year date written in the text, as (ISO, precision).

    >>> latest_explicit_date("Talks on March 3, 2021 followed the January 5, 2022 call.")
    ('2022-01-05', 'day')
    """
    found = _latest_date(FULL_DATE, text)
    if found:
        return found.isoformat(), "day"
    found = _latest_date(MONTH_YEAR, text)
    if found:
        return found.isoformat(), "month"
    return None


def lower_precision(iso: str, precision: str) -> tuple[str, str]:
    """An inferred date is less certain than the date it came from: day -> month -> year."""
    if precision == "day":
        return iso[:7], "month"
    return iso[:4], "year"


def extract_text_metadata(paragraphs: list[str], raw_text: str, title_given: bool = False) -> TextMetadata:
    """Pull metadata lines out of cleaned paragraphs; the rest is the body.

    >>> m = extract_text_metadata(["A headline here", "By Jo Smith", "January 31, 2023", "Body."], "")
    >>> (m.title, m.authors, m.published, m.body)
    ('A headline here', ['Jo Smith'], '2023-01-31', ['Body.'])
    """
    meta = TextMetadata()
    body: list[str] = []
    head_zone = not title_given
    for i, para in enumerate(paragraphs):
        if head_zone and i < 8:
            byline = BYLINE.match(para)
            if byline and not meta.authors:
                meta.authors = parse_authors(byline.group("names"))
                continue
            if DATE_LINE.match(para) and meta.published is None:
                d = parse_date(para)
                if d:
                    meta.published, meta.published_precision = d.isoformat(), "day"
                    continue
            if not meta.title and looks_like_title(para) and len(paragraphs) > 1:
                meta.title = para
                continue
            if meta.title and _same_title(para, meta.title):
                continue  # pages often repeat the headline
        if body == [] or len(body) < 3:
            m = DATELINE.match(para)
            if m and meta.dateline is None and not BYLINE.match(para):
                meta.dateline = m.group("dateline").strip()
        bio = BIO_LINE.match(para)
        if bio and i >= len(paragraphs) - 3:
            meta.author_bio = para
            if not meta.authors:
                meta.authors = [bio.group("name")]
        body.append(para)
    meta.body = body
    meta.kind = _kind(meta, raw_text)
    if meta.title:
        prefix = KIND_PREFIX.match(meta.title)
        if prefix and meta.kind == "news":
            meta.kind = KIND_OF_PREFIX[prefix.group("kind").lower()]
    return meta


def _same_title(para: str, title: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", KIND_PREFIX.sub("", s)).strip().lower()

    return norm(para) == norm(title)


def _kind(meta: TextMetadata, raw_text: str) -> str:
    head = "\n".join(raw_text.splitlines()[:12]).lower()
    if meta.title and KIND_PREFIX.match(meta.title):
        return KIND_OF_PREFIX[KIND_PREFIX.match(meta.title).group("kind").lower()]  # type: ignore[union-attr]
    if re.search(r"^\s*(?:commentary|opinion|op-ed|editorial)\b", head, re.M):
        return "commentary"
    if meta.author_bio and not meta.published:
        return "commentary"
    return "news"


def infer_published(body_text: str, meta: TextMetadata) -> None:
    """No date line: take the latest explicit date in the text, one precision lower."""
    if meta.published:
        return
    found = latest_explicit_date(body_text)
    if found:
        meta.published, meta.published_precision = lower_precision(*found)
        meta.published_inferred = True
