"""GDELT and PLOVER exports of a real analysed sentence."""

from __future__ import annotations

import io
import json

from dyadwatch.export.gdelt import EXTRA_COLUMNS, write_gdelt
from dyadwatch.export.plover import write_plover
from dyadwatch.model import Article
from dyadwatch.ontology.events_data import gdelt_event_columns
from dyadwatch.pipeline import analyze_articles

SENTENCE = (
    "Chinese Foreign Minister Wang Yi accused the US freedom of navigation operations of disrupting "
    "regional stability in his wide-ranging annual press conference in early March."
)


def _record() -> dict:
    article = Article(id="wang", text=SENTENCE, published="2021-03-16", url="https://example.org/a")
    return next(analyze_articles([article])).to_dict()


def test_gdelt_one_row_per_event_with_gdelt_columns_first() -> None:
    record = _record()
    buf = io.StringIO()
    count = write_gdelt([record], buf)
    lines = buf.getvalue().splitlines()
    header = lines[0].split("\t")
    assert header == gdelt_event_columns() + EXTRA_COLUMNS
    assert len(header) == 61 + len(EXTRA_COLUMNS)
    assert count == len(record["events"]) == len(lines) - 1
    row = dict(zip(header, lines[1].split("\t"), strict=True))
    assert row["Actor1CountryCode"] == "CHN"
    assert row["Actor2CountryCode"] == "USA"
    assert row["EventRootCode"] == "11"
    assert row["QuadClass"] == "3"
    assert row["SQLDATE"] == "20210301"
    assert row["DateEvidence"] == "early March"
    assert row["SOURCEURL"] == "https://example.org/a"


def test_gdelt_plover_jsonl_carries_event_text() -> None:
    buf = io.StringIO()
    assert write_plover([_record()], buf) >= 1
    first = json.loads(buf.getvalue().splitlines()[0])
    assert first["event"] == "ACCUSE"
    assert first["eventText"] == "accused"
    assert first["source"][0]["code"] == "CHN"
    assert first["target"][0]["code"] == "USA"
