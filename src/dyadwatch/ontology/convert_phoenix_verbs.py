"""Convert the Phoenix/PETRARCH ``CAMEO.2.0.txt`` verb dictionary into dyadwatch trigger YAML.

The PETRARCH file is MIT-licensed (Open Event Data Alliance, see ``data/phoenix/LICENSE``); we
keep only what our dependency-based matcher can use: verb lemmas with a block or line code,
``verb + object noun`` patterns and ``verb + (preposition noun)`` patterns. Statements (CAMEO 01)
are dropped because PLOVER has no type for them; appeals (02) become REQUEST.

Run once when the source changes (the output is shipped as package data)::

    python -m dyadwatch.ontology.convert_phoenix_verbs > src/dyadwatch/ontology/data/event_triggers_phoenix.yaml
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

import yaml

from dyadwatch.ontology.events_data import plover_for_cameo

# Generic verbs whose Phoenix line code fires on ordinary prose ("aim", "expect", "want" -> 030).
STOP_VERBS = {
    "aim",
    "express",
    "want",
    "expect",
    "claim",
    "hope",
    "wish",
    "need",
    "decide",
    "determine",
    "fail",
    "search",
    "seek",
    "see",
    "look",
    "consider",
    "believe",
    "affirm",
    "outline",
}
PARTICLES = {"off", "up", "down", "out", "on", "in", "back", "away", "over", "for", "into", "upon"}
_CODE = re.compile(r"\[(\d{2,4})(?::\d*)?\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif current and line.startswith("+"):
            sets[current].append(line[1:].split("#")[0].strip().replace("_", " ").lower())
        elif not line.strip():
            current = None
    return sets


def _plover_type(code: str) -> str | None:
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        return "REQUEST"
    mapping = plover_for_cameo(code)
    return mapping.type if mapping else None


def _entry(lemma: str, code: str, **conditions: Any) -> dict[str, Any] | None:
    try:
        ptype = _plover_type(code)
    except KeyError:  # a code outside CAMEO (a user's own scheme): kept, typed by its root's default
        ptype = "REQUEST"
    if ptype is None or not re.fullmatch(r"[a-z][a-z-]*", lemma):
        return None
    entry: dict[str, Any] = {"lemma": lemma, "type": ptype, "cameo": code}
    entry.update({k: v for k, v in conditions.items() if v})
    return entry


def convert(text: str, block_codes: bool = False) -> Iterator[dict[str, Any]]:
    """Yield trigger entries from the text of a PETRARCH verb dictionary.

    >>> sample = "####### VERB PATTERNS\\n---  ACCUSE   [112]  ---\\nACCUSE [112]\\n- * (OF TORTURE)  [1122] # ACCUSE\\n"
    >>> [e["cameo"] for e in convert(sample)]
    ['112', '1122']
    """
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS")), 0)
    synsets = _synsets(lines[:start])
    block_verbs: list[str] = []
    block_code = ""
    for raw in lines[start + 1 :]:
        line = raw.split("#")[0].rstrip()
        header = _HEADER.match(line)
        if header:
            block_verbs = []
            block_code = header.group(2).split(":")[0].strip()
            continue
        if not line.strip():
            continue
        if line.startswith("-"):
            yield from _pattern(line, raw, block_verbs, synsets)
            continue
        word = line.split()[0].split("{")[0]
        code_m = _CODE.search(line)
        # Only lines with their own code become bare triggers: a block's code is shared by a
        # WordNet synonym set ("improve", "serve", "step" under 060) and fires on ordinary prose.
        code = code_m.group(1) if code_m else None
        if code is None and block_codes and block_code.isdigit():
            # A user's own dictionary (the PETRARCH validation suite) means its block codes.
            code = block_code
        particle = None
        if word.startswith("+"):
            parts = word[1:].lower().split("_")
            if len(parts) != 2 or parts[1] not in PARTICLES:
                continue
            lemma, particle = parts
        else:
            lemma = word.lower()
            block_verbs.append(lemma)
        if code and lemma not in STOP_VERBS:
            entry = _entry(lemma, code, particle=particle)
            if entry:
                yield entry


def _pattern(
    line: str, raw: str, block_verbs: list[str], synsets: dict[str, list[str]]
) -> Iterator[dict[str, Any]]:
    code_m = _CODE.search(line)
    body = line[1:].split("[")[0].strip()
    if not code_m or not body.startswith("*"):
        return
    code = code_m.group(1)
    rest = body[1:].strip()
    comment = raw.split("#")[1].strip().lower() if "#" in raw else ""
    verbs = [comment] if comment in block_verbs else block_verbs
    prep: str | None = None
    words: list[str]
    pp = re.fullmatch(r"\((\w+) ([^()]+)\)", rest)
    if pp:
        prep, phrase = pp.group(1).lower(), pp.group(2)
    elif re.fullmatch(r"[&\w{} -]+", rest) and "(" not in rest:
        phrase = rest
    else:
        return
    phrase = phrase.strip("{} ")
    head = phrase.split()[-1] if phrase else ""
    words = sorted({w.split()[-1] for w in synsets.get(head, [])}) if head.startswith("&") else [head.lower()]
    words = [w for w in words if re.fullmatch(r"[a-z][a-z-]*", w)]
    if not words:
        return
    for verb in verbs:
        entry = _entry(verb, code, prep=prep, objects=words)
        if entry:
            yield entry


def main() -> None:
    source = (
        resources.files("dyadwatch")
        .joinpath("ontology")
        .joinpath("data")
        .joinpath("phoenix")
        .joinpath("CAMEO.2.0.txt")
    )
    entries: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in convert(source.read_text(encoding="utf-8")):
        key = (entry["lemma"], entry.get("particle"), entry.get("prep"), tuple(entry.get("objects", ())))
        entries.setdefault(key, entry)
    header = (
        "# Generated by `python -m dyadwatch.ontology.convert_phoenix_verbs` from the Phoenix/PETRARCH\n"
        "# CAMEO.2.0.txt verb dictionary (Copyright (c) 2015 Open Event Data Alliance, MIT licence; see\n"
        "# phoenix/LICENSE and ATTRIBUTION.md). Curated entries in event_triggers.yaml take precedence.\n"
    )
    sys.stdout.write(header)
    sys.stdout.write("version: 1\ntriggers:\n")
    for entry in entries.values():
        # One flow mapping per line keeps the generated file diffable.
        line = yaml.safe_dump(entry, default_flow_style=True, width=10_000, sort_keys=False).strip()
        sys.stdout.write(f"  - {line}\n")


if __name__ == "__main__":
    main()
