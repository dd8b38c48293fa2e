"""Hypothesis strategies for hostile input: random bytes, odd Unicode, huge lines, nested HTML.

Shared by the hardening tests (imported as a plain module: pytest puts this folder on
``sys.path``). Text strategies mix real English sentences with hostile characters so that the
input gets past the prose and language checks and reaches the extractors.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "src" / "dyadwatch" / "schemas" / "export.schema.json"

# Real news sentences: actors, quotes, events and dates for the extractors to find.
SENTENCES = [
    "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Monday.",
    '"We will not accept coercion," Blinken told reporters after the talks.',
    "China accused the United States of interfering in its internal affairs last August.",
    "Analysts said Taiwan would remain the sharpest disagreement between Washington and Beijing.",
    "The two sides agreed to cooperate on climate change and to restore military channels.",
    "Russia and Ukraine were discussed, officials said, but no agreement was reached.",
    "Jude Blanchette, Freeman Chair in China Studies at CSIS, said a war was possible in two years.",
    "Japan and South Korea will hold joint drills in the East China Sea next month.",
    "The European Union imposed sanctions on Iran on Thursday (Mar 18), according to Reuters.",
    "President Joe Biden is expected to visit New Delhi early next year.",
]

# Characters that break naive text handling.
RTL_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
COMBINING = "\u0300\u0301\u0302\u0303\u0308\u030a\u0327\u0338\u20d2\u0489"
QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a\u300c\u300d"
SPACES = " \t\n\r\u00a0\u2028\u2029\u3000\u2003\x0b\x0c\x85"
CONTROL = "\x00\x01\x07\x1b\x7f\x9f"
SURROGATES = "\ud800\udbff\udc00\udfff\ud83d\ude00"
EXOTIC = "\ufffd\U0001f600\U0001f1fa\U0001f1f8\u0130\u0131\ufb01\u2163\u00bd\u0663\u00b2\u4e2d\u0627"
ODD_CHARS = RTL_MARKS + ZERO_WIDTH + COMBINING + QUOTES + SPACES + CONTROL + SURROGATES + EXOTIC

odd_char = st.sampled_from(ODD_CHARS)
any_char = st.characters(exclude_categories=())  # every code point, lone surrogates included
odd_text = st.text(st.one_of(odd_char, any_char, st.sampled_from("ab .,<>&;\n")), max_size=400)


@st.composite
def hostile_prose(draw: st.DrawFn, max_sentences: int = 8) -> str:
    """English sentences with odd characters spliced in: reaches the extractors, mostly."""
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=max_sentences))
    pieces: list[str] = []
    for sentence in sentences:
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(sentence)))
            junk = draw(st.text(st.one_of(odd_char, any_char), max_size=6))
            sentence = sentence[:cut] + junk + sentence[cut:]
        pieces.append(sentence)
        pieces.append(draw(st.sampled_from([" ", "\n\n", "\n", " \u200f", "\u2028", "\r\n"])))
    return "".join(pieces)


@st.composite
def nested_html(draw: st.DrawFn) -> str:
    """Broken, deep or odd HTML around real sentences."""
    depth = draw(st.integers(0, 300))
    tag = draw(st.sampled_from(["div", "span", "b", "p", "table", "li", "a", "font", "x-y"]))
    close = draw(st.booleans())
    body = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6)))
    junk = draw(st.text(st.one_of(odd_char, st.sampled_from("<>/&;!-=\"' ")), max_size=40))
    head = draw(st.sampled_from(["", "<!doctype html>", "<html><head><title>T\u202e</title></head><body>"]))
    inner = f"<{tag}>" * depth + f"<p>{body}</p>{junk}" + (f"</{tag}>" * depth if close else "")
    return f"{head}<article>{inner}</article>"


@cache
def export_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def assert_valid_export(record: dict[str, Any]) -> None:
    """The record survives a JSON round trip and validates against the export contract."""
    encoded = json.dumps(record, ensure_ascii=False).encode("utf-8")  # lone surrogates fail here
    jsonschema.validate(json.loads(encoded), export_schema())


def record_spans(record: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """Every span of an export record, named by where it was found."""
    spans: list[tuple[str, list[int]]] = []
    spans += [("article.captions", list(s)) for s in record["article"].get("captions", [])]
    for actor in record["actors"]:
        spans += [(f"actor {actor['id']} mention", list(m)) for m in actor["mentions"]]
    for quote in record["quotes"]:
        spans.append(("quote.span", quote["span"]))
        spans += [("quote.parts", p) for p in quote.get("parts") or []]
        for key in ("cue_span", "speaker_span"):
            if quote.get(key):
                spans.append((f"quote.{key}", quote[key]))
    for event in record["events"]:
        spans += [("event.trigger", event["trigger"]), ("event.sentence_span", event["sentence_span"])]
    for issue in record["issues"]:
        spans += [(f"issue {issue['issue']} evidence", e) for e in issue["evidence"]]
    for forecast in record["forecasts"]:
        spans.append(("forecast.span", forecast["span"]))
    return spans


def assert_spans_in_bounds(record: dict[str, Any]) -> None:
    n = len(record["article"]["text"])
    for where, (start, end) in record_spans(record):
        assert 0 <= start < end <= n, f"{where} [{start}, {end}) outside text of {n} chars"


# Lines that exercise the cleaning and metadata rules around the body.
FURNITURE = [
    "By Jo Smith in Washington and Li Wei",
    "January 31, 2023",
    "Published: Thursday, March 18, 2021 at 10:15 AM (EST)",
    "WASHINGTON (Reuters) -",
    "BEIJING \u2014 ",
    "Commentary: ",
    "READ: Other story",
    "Source: CNA/cr",
    "Blinken arrives in Beijing. (Photo: AFP/SAUL LOEB)",
    "US AND CHINA AGREE TO RESUME TALKS",
    "\u2022 ",
    "Jo Smith is a senior fellow at the Lowy Institute.",
]


@st.composite
def hostile_article(draw: st.DrawFn) -> str:
    """An article-shaped text: furniture lines, sentences, odd characters and unclosed quotes."""
    lines: list[str] = []
    for _ in range(draw(st.integers(2, 14))):
        kind = draw(st.integers(0, 9))
        if kind <= 1:
            lines.append(draw(st.sampled_from(FURNITURE)))
        elif kind == 2:
            lines.append(draw(st.sampled_from(QUOTES)) + draw(st.sampled_from(SENTENCES)))
        elif kind == 3:
            lines.append(draw(odd_text))
        else:
            lines.append(draw(hostile_prose(4)))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\u2029", "\n \u200b\n"]))
    return sep.join(lines)
