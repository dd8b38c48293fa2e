"""Forecast horizons: the date a forecast points at, and whether it is open, due or past.

Horizons reuse ``dyadwatch.nlp.dates`` (relative time against the publication date, preferring the
future: "in two years" in a January 2023 article is 2025, "this weekend" its Saturday). A forecast
naming several times points at the latest one ("a 2022 window or potentially a 2023 window" is
2023). Status compares the horizon's period with an as-of date: ``past`` once the period is over,
``due`` while it runs, else ``open``; a forecast without a horizon stays ``open``.

>>> horizon_of("would be at war in two years", "2023-01-31")
('2025', 'year', 'in two years')
>>> status_of("2025", "2025-06-01"), status_of("2025", "2026-01-01"), status_of(None, "2030-01-01")
('due', 'past', 'open')
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date
from typing import Any

from dyadwatch.nlp.dates import resolve, resolve_time_expressions

AS_OF_ENV = "DYADWATCH_AS_OF"
# "in two years", "within five years", "by 2027": spans the date finder does not always give whole.
OFFSET = re.compile(
    r"\b(?:in|within|over) (?:the next )?(\w+) (years?|months?|weeks?|days?)(?: time)?\b|\bby (\d{4})\b", re.I
)
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "a few"}


def period(iso: str) -> tuple[date, date]:
    """First and last day of an ISO date, month or year.

    >>> period("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    """
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def default_as_of(as_of: str | date | None = None) -> date:
    """The as-of date: the argument, else ``$DYADWATCH_AS_OF``, else today."""
    value: Any = as_of or os.environ.get(AS_OF_ENV)
    if isinstance(value, date):
        return value
    if value:
        return period(str(value)[:10])[0]
    return date.today()


def status_of(horizon: str | None, as_of: str | date | None = None) -> str:
    """``open`` | ``due`` | ``past`` of a horizon relative to the as-of date."""
    if not horizon:
        return "open"
    try:
        first, last = period(horizon)
    except ValueError:
        return "open"
    today = default_as_of(as_of)
    if today > last:
        return "past"
    if today >= first:
        return "due"
    return "open"


def _later(a: str, b: str) -> bool:
    return period(a)[1] > period(b)[1]


YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def horizon_of(text: str, base: str | None) -> tuple[str, str, str] | None:
    """``(iso, precision, words)`` of the latest time in ``text`` not before ``base``, else None."""
    if not base:
        return None
    found: list[tuple[str, str, str]] = []
    for m in OFFSET.finditer(text):
        number, unit, year = m.group(1), m.group(2), m.group(3)
        if year:
            found.append((year, "year", m.group(0)))
        elif number and (number.lower() in NUMBER_WORDS or number.isdigit()):
            got = resolve(f"in {number} {unit}", base, prefer="future")
            if got:
                found.append((got[0], got[1], m.group(0)))
    for expr in resolve_time_expressions(text, base, prefer="future"):
        found.append((expr.iso, expr.precision, expr.text))
    for m in YEAR.finditer(text):
        found.append((m.group(0), "year", m.group(0)))
    start = period(base[:10])[0]
    # A forecast points ahead: times before the publication date are context, not horizon.
    found = [f for f in found if period(f[0])[1] >= start]
    if not found:
        return None
    best = found[0]
    for item in found[1:]:
        if _later(item[0], best[0]):
            best = item
    return best
