"""Relative time expressions of the example articles resolved against their publication dates."""

from __future__ import annotations

import pytest

from dyadwatch.nlp.dates import resolve, resolve_time_expressions


@pytest.mark.parametrize(
    ("expr", "base", "iso", "precision"),
    [
        ("on Monday", "2023-01-31", "2023-01-30", "day"),
        ("this weekend", "2023-01-31", "2023-02-04", "day"),
        ("last August", "2023-01-31", "2022-08", "month"),
        ("in November", "2023-01-31", "2022-11", "month"),
        ("in October", "2023-01-31", "2022-10", "month"),
        ("last year", "2023-01-31", "2022", "year"),
        ("in two years", "2023-01-31", "2025", "year"),
        ("earlier this month", "2021-03-16", "2021-03", "month"),
        ("end-January", "2021-03-16", "2021-01", "month"),
        ("Thursday (Mar 18)", "2021-03-16", "2021-03-18", "day"),
        ("Mar 18, 2021", "2021-03-16", "2021-03-18", "day"),
        ("last month", "2021-03-16", "2021-02", "month"),
    ],
)
def test_dates_resolve_news_expressions(expr: str, base: str, iso: str, precision: str) -> None:
    assert resolve(expr, base) == (iso, precision)


def test_dates_resolve_prefers_future_for_plans() -> None:
    assert resolve("in February", "2023-01-31", prefer="future") == ("2023-02", "month")
    assert resolve("in February", "2023-01-31") == ("2022-02", "month")


def test_dates_resolve_durations_are_not_dates() -> None:
    assert resolve("the last five years", "2023-01-31") is None
    assert resolve("recent years", "2023-01-31") is None


def test_dates_resolve_a_decade_is_no_year() -> None:
    # dateparser read "the 1990s" as the base year: an event "in the 1990s" was dated 2016.
    assert resolve("the 1990s", "2016-09-20") is None
    assert resolve("the late 1970s", "2016-09-20") is None
    assert resolve("in 1990", "2016-09-20") == ("1990", "year")


def test_dates_resolve_time_expressions_in_article_sentence() -> None:
    text = (
        "In the first high-level in-person exchange since Biden took office, top diplomats from the "
        "United States and China will meet in Alaska starting Thursday (Mar 18) to set the trajectory."
    )
    found = resolve_time_expressions(text, "2021-03-16")
    assert [(t.text, t.iso, t.precision) for t in found] == [("Thursday (Mar 18)", "2021-03-18", "day")]
    start, end = found[0].span
    assert text[start:end] == "Thursday (Mar 18)"
