"""Read actor and agent dictionaries in the TABARI/PETRARCH format, and convert them to our YAML.

Event coders since TABARI ship their actor knowledge as text dictionaries::

    ABDELAZIZ_BOUTEFLIKA_  # a comment
    +BOUTEFLIKA_                        <- synonym
        [DZAELI 550101-000101]          <- dated codes: country (3) + sector (3) + more
        [DZAGOV >990427]
    POLICE {} [~COP]                    <- agents: a role noun, "~" = country comes from context

Words are joined by "_"; a trailing "_" means the last word must match whole, otherwise it is a
stem ("BULGAR" matches "Bulgarian", "Bulgarians"). This module reads both kinds into a
:class:`PhraseIndex` (longest match over a sentence's words) and converts actor files into the
organisation entries that ``$DYADWATCH_ACTORS`` takes, so that users can bring their own
dictionaries (``dyadwatch ingest --actors FILE``)::

    python -m dyadwatch.ontology.tabari PETR.Validate.actors.txt > my_actors.yaml
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dyadwatch.ontology.wordlists import safe_load

_CODE = re.compile(r"\[([~A-Za-z0-9+\-]+)(?:\s+([^\]]*))?\]")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")

# PLOVER sectors that a TABARI entry may carry without a country.
BARE_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)


# Codes of the old CAMEO country list that ISO 3166 (and the PLOVER GSR) spell otherwise.
LEGACY_COUNTRIES = {"TMP": "TLS"}  # East Timor / Timor-Leste
# Generic transnational groups: CAMEO's "INT" (International/Transnational Generic) is no
# country. An armed one ("INTREB", "INTINS") is PLOVER's non-state International Militarized
# Group (IMG); any other a Non-Governmental Movement (NGM), both non-state "country" codes.
ARMED_SECTORS = frozenset(["REB", "INS", "SEP", "UAF", "MIL"])


def normalize_code(code: str) -> str:
    """A dictionary code in today's terms: ISO country codes, no "INT" pseudo-country.

    >>> normalize_code("TMPGOV"), normalize_code("IGOUNOTMP"), normalize_code("INTREB"), normalize_code("INTLAB")
    ('TLSGOV', 'IGOUNOTLS', 'IMGREB', 'NGMLAB')
    """
    if len(code) % 3 == 0 and code.isalpha():
        code = "".join(LEGACY_COUNTRIES.get(code[i : i + 3], code[i : i + 3]) for i in range(0, len(code), 3))
    if code[:3] == "INT":
        return ("IMG" if code[3:6] in ARMED_SECTORS else "NGM") + code[3:]
    return code


@dataclass
class TabariEntry:
    """One dictionary entry: its phrases (first = main name) and codes with optional dates."""

    phrases: list[str]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction or "")

    def code(self, day: str | None = None) -> str | None:
        """The code in force on ``day`` (YYYY-MM-DD); else the undated one; else the first.

        >>> TabariEntry(["X"], [("DZAELI", "550101-000101"), ("DZAGOV", ">990427"), ("DZAELI", "")]).code("2004-01-01")
        'DZAGOV'
        """
        if day:
            for code, when in self.codes:
                if when and _in_range(when, day):
                    return code
        # A bare sector ("[ELI]": a former office holder) names no country: the dated codes do.
        undated = [c for c, w in self.codes if not w and c[:3] not in BARE_SECTORS]
        return undated[-1] if undated else (self.codes[0][0] if self.codes else None)


def _ymd(raw: str) -> str:
    raw = raw.strip()
    if len(raw) == 6:  # YYMMDD: TABARI's two-digit years, 1930-2029
        year = int(raw[:2])
        raw = f"{2000 + year if year < 30 else 1900 + year}{raw[2:]}"
    return raw


def _in_range(when: str, day: str) -> bool:
    d = day.replace("-", "")[:8]
    when = when.strip()
    if when.startswith(">"):
        return d >= _ymd(when[1:])
    if when.startswith("<"):
        return d < _ymd(when[1:])
    if "-" in when:
        a, b = when.split("-", 1)
        return _ymd(a) <= d <= _ymd(b)
    return False


def _words(phrase: str) -> str:
    return phrase.replace("_", " ").strip().lower()


def parse_actors(text: str) -> list[TabariEntry]:
    """Entries of a TABARI/PETRARCH actor dictionary.

    >>> [(e.phrases, e.code()) for e in parse_actors("DENMARK  [DNK]\\n+DANISH \\nGOLLUM\\n\\t[HOB]\\n")]
    [(['denmark', 'danish'], 'DNK'), (['gollum'], 'HOB')]
    """
    entries: list[TabariEntry] = []
    current: TabariEntry | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith(("<!--", "-->", "<")):
            continue
        codes = [
            (normalize_code(m.group(1).upper()), (m.group(2) or "").strip()) for m in _CODE.finditer(stripped)
        ]
        name = _CODE.sub("", stripped).split("{", 1)[0].strip()
        if stripped.startswith("+") and current is not None:
            current.phrases += _phrases(name[1:])
        elif not line[0].isspace() and name and not name.startswith("["):
            current = TabariEntry(_phrases(name))
            entries.append(current)
        if current is not None:
            current.codes += codes
    return [e for e in entries if e.codes]


_PAREN = re.compile(r"^(.*?)_?\(([^()]*)\)(_?)$")
# Words an acronym skips ("Liberation Tigers of Tamil Eelam" -> LTTE).
_ACRONYM_SKIP = {"of", "the", "and", "for", "in", "e", "i", "ul", "al", "el", "de", "la", "a"}


def _phrases(name: str) -> list[str]:
    """Phrases of one dictionary name; a parenthesis is not a word to match.

    An acronym in parentheses is a synonym of the name ("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_"
    -> the name and "ltte"; short ones such as "(IRA)", "(PLA)" collide with other groups and
    words and are left out); any other parenthesis is part of the name without its brackets
    ("NATIONAL_LIBERATION_ARMY_(COLOMBIA)_").

    >>> _phrases("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_"), _phrases("DIRECT_ACTION_(GREECE)_")
    (['liberation tigers of tamil eelam ', 'ltte '], ['direct action greece '])
    """
    m = _PAREN.match(name.strip())
    if m is None:
        return [_phrase(name)]
    base, inner, end = m.group(1), m.group(2).strip("_ "), m.group(3)
    words = [w for w in re.split(r"[_\-\s]+", base) if w and w.lower() not in _ACRONYM_SKIP]
    initials = "".join(w[0] for w in words).upper()
    if len(inner) >= 4 and re.fullmatch(r"[A-Z][A-Z0-9\-]+", inner) and initials == inner.replace("-", ""):
        return [_phrase(base + "_"), _phrase(inner + "_")]
    return [_phrase(f"{base}_{inner}{end}")]


def _phrase(name: str) -> str:
    """Lower-cased words; a trailing space marks a whole-word end (TABARI's trailing "_")."""
    name = name.strip()
    whole = name.endswith("_")
    return _words(name) + (" " if whole else "")


def parse_agents(text: str) -> dict[str, str]:
    """Agent phrases -> agent code ("~COP"), macros such as ``!PERSON!`` expanded.

    >>> sorted(parse_agents("!P! = MAN, MEN\\nPOLICE {} [~COP]\\nPOLICE!P! [~COP]\\n").items())
    [('police', '~COP'), ('policeman', '~COP'), ('policemen', '~COP')]
    """
    macros: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        if m := _MACRO.match(line):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code = _CODE.search(line)
        if code is None:
            continue
        name = line[: code.start()].split("{", 1)[0].strip()
        plurals = re.search(r"\{([^}]*)\}", line)
        names = [name] + (plurals.group(1).split() if plurals and plurals.group(1).strip() else [])
        for n in names:
            for expanded in _expand(n, macros):
                found.setdefault(_words(expanded), code.group(1).upper())
    return found


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", name)
    if m is None:
        return [name]
    return [
        x for sub in macros.get(m.group(0), []) for x in _expand(name.replace(m.group(0), sub, 1), macros)
    ]


class PhraseIndex:
    """Longest-match lookup of dictionary phrases over a sequence of lower-cased words."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = {}

    def add(self, phrase: str, value: Any) -> None:
        whole = phrase.endswith(" ")
        words = tuple(phrase.split())
        if words:
            self._by_first.setdefault(words[0][:4], []).append((words, whole, value))

    def match(self, words: list[str], start: int = 0) -> tuple[int, Any] | None:
        """(number of words, value) of the longest phrase starting at ``words[start]``.

        >>> ix = PhraseIndex(); ix.add("bulgar", "BGR"); ix.add("ivory coast ", "CIV")
        >>> ix.match(["bulgarians"]), ix.match(["the", "ivory", "coast"], 1), ix.match(["ivory"])
        ((1, 'BGR'), (2, 'CIV'), None)
        """
        if start >= len(words):
            return None
        best: tuple[int, Any] | None = None
        for phrase, whole, value in self._by_first.get(words[start][:4], ()):
            n = len(phrase)
            if start + n > len(words) or (best is not None and n <= best[0]):
                continue
            got = words[start : start + n]
            if got[:-1] != list(phrase[:-1]):
                continue
            last_ok = got[-1] == phrase[-1] if whole else got[-1].startswith(phrase[-1])
            if last_ok:
                best = (n, value)
        return best


def actor_entries(path: Path) -> list[dict[str, Any]]:
    """Organisation entries for ``$DYADWATCH_ACTORS`` from a TABARI/PETRARCH actor file.

    The first three letters of an entry's code are its country (or non-state code), the next
    three its sector where they are one.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("ARNOR_  [ARN]\\nAUSTRALIA [AUSGOV]\\n+AUSTRALIAN\\n")
    >>> [(e["name"], e["country"], e["sector"], e["aliases"]) for e in actor_entries(p)]
    [('Arnor', 'ARN', None, []), ('Australia', 'AUS', 'GOV', ['Australian'])]
    """
    entries: list[dict[str, Any]] = []
    for i, entry in enumerate(parse_actors(path.read_text(encoding="utf-8", errors="replace"))):
        code = entry.code() or ""
        if len(code) < 3 or not code[:3].isalpha():
            continue
        names = list(dict.fromkeys(_title(p) for p in entry.phrases if p.strip()))
        sector = code[3:6] if len(code) >= 6 and code[3:6].isalpha() else None
        entries.append(
            {
                "id": f"tabari-{i}",
                "name": names[0],
                "aliases": names[1:],
                "kind": "state" if len(code) == 3 else "organization",
                "country": code[:3],
                "sector": sector,
            }
        )
    return entries


def _title(phrase: str) -> str:
    return " ".join(w.capitalize() if w.isalpha() else w.upper() for w in phrase.split())


def is_tabari(path: Path) -> bool:
    """Whether a file looks like a TABARI/PETRARCH dictionary rather than YAML."""
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    return bool(re.search(r"^[A-Z][A-Z0-9_.'\-]*\s*(\{[^}]*\})?\s*\[[~A-Z]", head, flags=re.M))


def is_verbs(path: Path) -> bool:
    """Whether a file is a PETRARCH verb dictionary (``--- VERB [code] ---`` blocks)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return "VERB PATTERNS" in text or bool(re.search(r"^---\s+\S+\s+\[[^\]]*\]\s+---", text, flags=re.M))


def dictionary_env(paths: list[Path], workdir: Path) -> dict[str, str]:
    """Environment that makes the pipeline use a user's dictionaries; set it before it loads.

    YAML actor files and TABARI/PETRARCH actor files become one ``$DYADWATCH_ACTORS`` YAML file
    (written under ``workdir``); TABARI actor and agent files are also read by the event stage
    (``$DYADWATCH_EVENT_DICTS``: word stems, generic agents); a PETRARCH verb dictionary becomes
    ``$DYADWATCH_TRIGGERS`` with its own codes.
    """
    from dyadwatch.ontology.convert_phoenix_verbs import convert

    entries: list[dict[str, Any]] = []
    tabari: list[str] = []
    triggers: list[dict[str, Any]] = []
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"Can't find dictionary {path}")
        if is_verbs(path):
            triggers += convert(path.read_text(encoding="utf-8", errors="replace"), block_codes=True)
        elif is_tabari(path):
            tabari.append(str(path.resolve()))
            if "[~" not in path.read_text(encoding="utf-8", errors="replace"):
                entries += actor_entries(path)
        else:
            entries += safe_load(path.read_text(encoding="utf-8")) or []
    env: dict[str, str] = {}
    if entries:
        out = workdir / "user_actors.yaml"
        out.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
        env["DYADWATCH_ACTORS"] = str(out)
    if tabari:
        env["DYADWATCH_EVENT_DICTS"] = os.pathsep.join(tabari)
    if triggers:
        out = workdir / "user_triggers.yaml"
        out.write_text(
            yaml.safe_dump({"version": 1, "replace": True, "triggers": triggers}, allow_unicode=True),
            encoding="utf-8",
        )
        env["DYADWATCH_TRIGGERS"] = str(out)
    return env


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print("usage: python -m dyadwatch.ontology.tabari ACTORS.txt > actors.yaml", file=sys.stderr)
        return 2
    yaml.safe_dump(actor_entries(Path(args[0])), sys.stdout, allow_unicode=True, sort_keys=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
