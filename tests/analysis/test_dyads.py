"""Dyad spellings users type, turned into alphabetical ISO3 keys."""

from __future__ import annotations

import pytest

from dyadwatch.analysis.dyads import country_code, dyad_key, is_country, parse_dyad
from dyadwatch.errors import BadDyad


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("US-China", "CHN-USA"),
        ("china/usa", "CHN-USA"),
        ("CHN-USA", "CHN-USA"),
        ("US-CN", "CHN-USA"),
        ("Beijing and Washington", "CHN-USA"),
        ("Japan and South Korea", "JPN-KOR"),
        ("Russia vs Ukraine", "RUS-UKR"),
        ("Guinea-Bissau/Senegal", "GNB-SEN"),
        ("  taiwan , china ", "CHN-TWN"),
    ],
)
def test_parse_dyad(text: str, key: str) -> None:
    assert parse_dyad(text) == key


@pytest.mark.parametrize("text", ["", "China", "US-US", "Narnia-Mordor", "x" * 500])
def test_bad_dyads_raise_a_clear_error(text: str) -> None:
    with pytest.raises(BadDyad, match="pair of two different countries"):
        parse_dyad(text)


def test_codes() -> None:
    assert dyad_key("USA", "CHN") == "CHN-USA"
    assert country_code("Chinese") == "CHN"
    assert is_country("TWN") and not is_country("IGO") and not is_country("usa")
