"""Resolve time expressions in news text against the publication date.

News dates are mostly relative ("on Monday", "last August", "earlier this month", "end-January",
"Thursday (Mar 18)"). ``resolve`` handles the forms news uses with explicit rules (dateparser
gets "last August" in a January article wrong: it returns the coming August), and falls back on
dateparser with ``RELATIVE_BASE`` for absolute dates. ``resolve_time_expressions`` finds the
expressions in a text (spaCy DATE entities plus patterns the small model misses) and resolves them.

Precision is ``day``, ``month`` or ``year``. Bare weekday and month names default to the most recent
one (news reports the past); pass ``prefer="future"`` for planned events ("will meet on Thursday").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import dateparser

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
}

_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Forms the small spaCy model misses or splits; searched in the raw text.
EXTRA_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY_RE}\s*\(\s*{_MONTH_RE}\s+\d{{1,2}}\s*\)", re.I),
    re.compile(rf"\b(?:early|mid|late|end)[- ]{_MONTH_RE}\b", re.I),
    re.compile(r"\b(?:this|last|next) (?:weekend|week|month|year)\b", re.I),
    re.compile(r"\bearlier this (?:week|month|year)\b", re.I),
    re.compile(rf"\b(?:on|last|next|this) {_WEEKDAY_RE}\b", re.I),
    re.compile(rf"\b(?:in|last|early|late) {_MONTH_RE}(?:\s+\d{{4}})?\b", re.I),
    re.compile(r"\b(?:yesterday|today|tomorrow)\b", re.I),
]


@dataclass(frozen=True)
class TimeExpression:
    """A resolved time expression: ``span`` indexes the text, ``iso`` is as precise as ``precision``."""

    span: tuple[int, int]
    text: str
    iso: str
    precision: str


def _as_date(base: date | datetime | str) -> date:
    if isinstance(base, datetime):
        return base.date()
    if isinstance(base, date):
        return base
    return date.fromisoformat(base[:10]) if len(base) >= 10 else date(int(base[:4]), int(base[5:7] or 1), 1)


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_of(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


# Offsets beyond this are not dates news can mean ("in 99999999 days"); they overflowed ``date``.
MAX_OFFSET = 1000


def _count(word: str) -> int | None:
    """A small count written as a word or ASCII digits; None for anything else.

    ``str.isdigit`` accepts "²" and Khmer digits, which ``int`` then rejects or reads as huge
    numbers: both raised out of ``resolve`` (found by fuzzing), so only ASCII digits count here.
    """
    n = NUMBERS.get(word)
    if n is None and word.isascii() and word.isdigit():
        n = int(word)
    return n if n is not None and n <= MAX_OFFSET else None


def _weekday(base: date, weekday: int, direction: str) -> date:
    if direction == "future":
        return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def resolve(expr: str, base: date | datetime | str, prefer: str = "past") -> tuple[str, str] | None:
    """Resolve one expression to ``(iso, precision)`` or None when it names no point in time.

    >>> resolve("last August", "2023-01-31")
    ('2022-08', 'month')
    >>> resolve("Thursday (Mar 18)", "2021-03-16")
    ('2021-03-18', 'day')
    >>> resolve("this weekend", "2023-01-31")
    ('2023-02-04', 'day')
    >>> resolve("in two years", "2023-01-31")
    ('2025', 'year')
    """
    # Arithmetic near the ends of the calendar (an article "published" 9999-12-31 says "next
    # week") overflowed ``date`` or gave years like 10000 and 0000 that no ISO date has: found by
    # fuzzing. Such an expression names no point in time we can store.
    try:
        found = _resolve(expr, _as_date(base), prefer)
    except OverflowError:
        return None
    if found is None or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", found[0]) or found[0].startswith("0000"):
        return None
    return found


def _resolve(expr: str, b: date, prefer: str) -> tuple[str, str] | None:
    text = re.sub(r"\s+", " ", expr.strip().lower().replace("’", "'"))
    text = re.sub(r"^(?:on|in|at|during|by|since|from|until|of|the|as of)\s+", "", text)
    direction = prefer
    if m := re.search(rf"{_WEEKDAY_RE}\s*\(\s*{_MONTH_RE}\s+(\d{{1,2}})\s*\)", text):
        month = _month_of(m.group(2)) or b.month
        day = _nearest_year_day(b, month, int(m.group(3)))
        return (day, "day") if day else None
    if text in {"today", "tonight"}:
        return b.isoformat(), "day"
    if text == "yesterday":
        return (b - timedelta(days=1)).isoformat(), "day"
    if text == "tomorrow":
        return (b + timedelta(days=1)).isoformat(), "day"
    if m := re.fullmatch(r"(this|last|next|earlier this|later this) (week|weekend|month|year)", text):
        return _relative_unit(b, m.group(1), m.group(2))
    if m := re.fullmatch(
        rf"(last|next|this|coming|past)?\s*{_WEEKDAY_RE}(?: (?:morning|afternoon|evening|night))?", text
    ):
        if m.group(1) in {"next", "coming"}:
            direction = "future"
        elif m.group(1) in {"last", "past"}:
            direction = "past"
        return _weekday(b, WEEKDAYS[m.group(2)], direction).isoformat(), "day"
    if m := re.fullmatch(rf"(last|next|this|early|mid|late|end|earlier|the end of)?[- ]?{_MONTH_RE}", text):
        month_found = _month_of(m.group(2))
        if month_found is None:
            return None
        month = month_found
        qualifier = m.group(1) or ""
        if qualifier == "next":
            direction = "future"
        elif qualifier == "last":
            direction = "past"
        year = b.year
        if direction == "past" and (month > b.month or (qualifier == "last" and month == b.month)):
            year -= 1
        if direction == "future" and month < b.month:
            year += 1
        return _month_iso(year, month), "month"
    if m := re.fullmatch(r"in (\w+) (year|month|week|day)s?(?: time)?", "in " + text):
        n = _count(m.group(1))
        if n is not None:
            return _offset(b, n, m.group(2))
    if m := re.fullmatch(r"(\w+) (year|month|week|day)s? (ago|from now|later)", text):
        n = _count(m.group(1))
        if n is not None:
            return _offset(b, -n if m.group(3) == "ago" else n, m.group(2))
    if re.fullmatch(r"(?:early|mid|late|the end of )?(\d{4})s?", text) and not text.endswith("s"):
        return re.findall(r"\d{4}", text)[0], "year"
    if re.search(
        r"\b(years?|decades?|months|weeks|recent|ahead|past|the last|over)\b", text
    ) and not re.search(r"\d{4}", text):
        return None  # durations and vague spans ("the last five years", "recent years")
    return _dateparse(text, b, direction)


def _nearest_year_day(b: date, month: int, day: int) -> str | None:
    """The date ``month``/``day`` nearest to ``b``; None when no year has it ("Feb 30", "Mar 99":
    ``min`` of no candidates raised ValueError, found by fuzzing)."""
    candidates = []
    for year in (b.year - 1, b.year, b.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - b).days)).isoformat()


def _relative_unit(b: date, which: str, unit: str) -> tuple[str, str]:
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return f"{b.year + step:04d}", "year"
    if unit == "month":
        return _month_iso(*_shift_month(b.year, b.month, step)), "month"
    if unit == "weekend":
        saturday = _weekday(b, 5, "future" if which != "last" else "past")
        if which == "this" and b.weekday() >= 5:
            saturday = b - timedelta(days=b.weekday() - 5)
        return saturday.isoformat(), "day"
    monday = b - timedelta(days=b.weekday()) + timedelta(weeks=step)
    # A week is finer than a month but not a day: give the month of its Monday.
    return _month_iso(monday.year, monday.month), "month"


def _offset(b: date, n: int, unit: str) -> tuple[str, str]:
    if unit == "year":
        return f"{b.year + n:04d}", "year"
    if unit == "month":
        return _month_iso(*_shift_month(b.year, b.month, n)), "month"
    days = n * (7 if unit == "week" else 1)
    return (b + timedelta(days=days)).isoformat(), "day"


def _dateparse(text: str, b: date, direction: str) -> tuple[str, str] | None:
    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime(b.year, b.month, b.day),
        "PREFER_DATES_FROM": "future" if direction == "future" else "past",
        "RETURN_TIME_AS_PERIOD": False,
        "REQUIRE_PARTS": [],
    }
    if not re.search(r"\d|" + _MONTH_RE + "|" + _WEEKDAY_RE, text):
        return None
    if re.search(r"\d{3}0'?s\b", text):
        return None  # "the 1990s": a decade, which dateparser reads as the article's own year
    found = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if found is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\d{4}", "", text))) or bool(
        re.search(_WEEKDAY_RE, text)
    )
    has_month = bool(re.search(_MONTH_RE, text)) or bool(re.search(r"\d{1,2}[/-]\d{1,2}", text))
    if has_day and has_month:
        return found.date().isoformat(), "day"
    if has_month:
        return _month_iso(found.year, found.month), "month"
    if re.search(r"\d{4}", text):
        return f"{found.year:04d}", "year"
    return None


def resolve_time_expressions(
    doc_or_text: Any, base: date | datetime | str, prefer: str = "past"
) -> list[TimeExpression]:
    """Find and resolve the time expressions of a spaCy ``Doc`` (DATE entities) or a plain text.

    >>> [(t.text, t.iso) for t in resolve_time_expressions("They met last August.", "2023-01-31")]
    [('last August', '2022-08')]
    """
    text: str = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
    candidates: list[tuple[int, int]] = []
    if not isinstance(doc_or_text, str):
        candidates += [(e.start_char, e.end_char) for e in doc_or_text.ents if e.label_ == "DATE"]
    for pattern in EXTRA_PATTERNS:
        candidates += [(m.start(), m.end()) for m in pattern.finditer(text)]
    # Prefer the longest expression where candidates overlap.
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(candidates), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    out = []
    for start, end in sorted(chosen):
        resolved = resolve(text[start:end], base, prefer)
        if resolved:
            out.append(TimeExpression((start, end), text[start:end], resolved[0], resolved[1]))
    return out
