"""Fuzzing date resolution: any expression against any publication date gives None or an ISO
date whose length matches its precision, inside the years an ISO date can hold."""

from __future__ import annotations

import re

from fuzz_strategies import hostile_article, odd_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dyadwatch.nlp.dates import resolve, resolve_time_expressions

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LENGTH_OF = {"year": 4, "month": 7, "day": 10}

counts = st.one_of(
    st.integers(0, 10**12).map(str),
    st.sampled_from(["two", "a", "ten", "\u00b2", "\u0663", "\u17e0\u17e1", "99999", "0"]),
)
expressions = st.one_of(
    odd_text,
    st.builds(
        lambda q, n, u, t: f"{q} {n} {u} {t}".strip(),
        st.sampled_from(["", "in", "last", "next", "on", "early", "the end of"]),
        counts,
        st.sampled_from(["years", "months", "days", "weeks", "year", ""]),
        st.sampled_from(["", "ago", "from now", "later", "time"]),
    ),
    st.builds(
        lambda w, m, d: f"{w} ({m} {d})",
        st.sampled_from(["Thursday", "monday"]),
        st.sampled_from(["Mar", "feb", "Sept", "xyz"]),
        st.integers(0, 99),
    ),
    st.builds(
        lambda m, y: f"{m} {y}",
        st.sampled_from(["January", "sept.", "end-May", "late"]),
        st.integers(0, 99999),
    ),
    st.sampled_from(
        ["next year", "next month", "this weekend", "next monday", "tomorrow", "yesterday", "last week"]
        + ["next week", "late December", "next january", "last february", "today", "in two years"]
    ),
)
bases = st.one_of(
    st.dates().map(lambda d: d.isoformat()), st.sampled_from(["2023-01-31", "0001-01-01", "9999-12-31"])
)


@settings(max_examples=600, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, bases, st.sampled_from(["past", "future"]))
@example("Thursday (Feb 30)", "2021-03-16", "past")  # min() of no candidates: ValueError
@example("in \u00b2 years", "2023-01-31", "past")  # "²".isdigit() but int("²") fails
@example("\u17e2\u17e3 week later", "2023-01-31", "past")  # Khmer digits: timedelta overflow
@example("in 99999999 days", "2023-01-31", "past")  # OverflowError
@example("next week", "9999-12-31", "future")  # date arithmetic past year 9999
@example("last year", "0001-01-01", "past")  # year 0000
def test_dates_resolve_gives_none_or_iso(expr: str, base: str, prefer: str) -> None:
    found = resolve(expr, base, prefer)
    if found is None:
        return
    iso, precision = found
    assert ISO.match(iso), iso
    assert len(iso) == LENGTH_OF[precision]
    assert 1 <= int(iso[:4]) <= 9999


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(odd_text, hostile_article()), bases)
def test_dates_expressions_are_spans_of_the_text(text: str, base: str) -> None:
    previous_end = 0
    for tex in resolve_time_expressions(text, base):
        start, end = tex.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == tex.text
        assert ISO.match(tex.iso) and len(tex.iso) == LENGTH_OF[tex.precision]
        previous_end = end
