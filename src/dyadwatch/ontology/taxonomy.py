"""The issue taxonomy (DESIGN §3): issue keys with phrases, syntax cues, actor cues and contexts.

The bundled taxonomy is ``ontology/data/issues.yaml``. A user file given as ``path`` (or named by
``$DYADWATCH_TAXONOMY``) adds issues and replaces bundled ones with the same key, so that
"fentanyl" or "arctic" needs no code::

    arctic:
      description: Arctic shipping routes, research stations and claims.
      contexts: [territory, natural_resource]
      phrases: [arctic, northern sea route, polar silk road]

>>> tax = load_taxonomy()
>>> tax["taiwan"].contexts
('territory', 'diplomatic', 'military')
>>> "cross-strait" in tax["taiwan"].phrases
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyadwatch.errors import DyadwatchError
from dyadwatch.ontology.wordlists import safe_load

DATA = resources.files("dyadwatch.ontology") / "data"
ENV_VAR = "DYADWATCH_TAXONOMY"
KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class BadTaxonomy(DyadwatchError):
    """A taxonomy file that cannot be read or has an issue in the wrong shape."""

    code = "E020"


@dataclass(frozen=True)
class Issue:
    """One issue: the words, syntax and actors that signal it and its PLOVER contexts."""

    key: str
    description: str = ""
    contexts: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    syntax: tuple[tuple[str, str], ...] = ()
    actors: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    weight: float = 1.0
    # A generic issue (diplomacy, the relationship as a whole) takes an evaluative cue only when
    # no specific issue in the sentence can; an issue with report false anchors cues but is
    # never reported as a stance or given to quotes and events.
    generic: bool = False
    report: bool = True


@dataclass(frozen=True)
class Taxonomy(Mapping[str, Issue]):
    """Issues by key, in file order (bundled first, then added ones)."""

    issues: dict[str, Issue] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Issue:
        return self.issues[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def __hash__(self) -> int:  # cached matchers are keyed by the taxonomy
        return hash(self.sources)

    def contexts_of(self, keys: list[str] | tuple[str, ...]) -> list[str]:
        """PLOVER contexts of several issues, without repeats, in order.

        >>> load_taxonomy().contexts_of(["trade", "technology"])
        ['economic', 'technology']
        """
        out: list[str] = []
        for key in keys:
            issue = self.issues.get(key)
            for ctx in issue.contexts if issue else ():
                if ctx not in out:
                    out.append(ctx)
        return out

    @property
    def generic(self) -> set[str]:
        """Keys of generic issues: used only when no specific issue fits."""
        return {k for k, i in self.issues.items() if i.generic}

    @property
    def unreported(self) -> set[str]:
        return {k for k, i in self.issues.items() if not i.report}

    def cue_countries(self, key: str) -> set[str]:
        """Country codes (ISO3) that are actor cues of an issue: topics, never parties."""
        issue = self.issues.get(key)
        return {a for a in issue.actors if re.fullmatch(r"[A-Z]{3}", a)} if issue else set()


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise BadTaxonomy(f"{where} must be a list of strings", hint="write it as a YAML list")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _syntax(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in _strings(value, where):
        head, sep, dep = item.partition(">")
        if not sep or not head.strip() or not dep.strip():
            raise BadTaxonomy(
                f"{where}: '{item}' is not 'head > dependent'", hint="e.g. restriction > export"
            )
        pairs.append((head.strip().lower(), dep.strip().lower()))
    return tuple(pairs)


def issue_from(key: str, entry: Any, where: str = "taxonomy") -> Issue:
    """Build one issue from its YAML mapping, checking its shape.

    >>> issue_from("arctic", {"phrases": ["arctic", "northern sea route"]}).phrases
    ('arctic', 'northern sea route')
    """
    if not KEY.match(key):
        raise BadTaxonomy(
            f"{where}: issue key '{key}' is not lower-case snake_case", hint="e.g. arctic_shipping"
        )
    if not isinstance(entry, dict):
        raise BadTaxonomy(f"{where}: issue '{key}' must be a mapping", hint="give it at least 'phrases:'")
    here = f"{where}: {key}"
    issue = Issue(
        key=key,
        description=str(entry.get("description") or ""),
        contexts=_strings(entry.get("contexts"), f"{here}.contexts"),
        phrases=tuple(p.lower() for p in _strings(entry.get("phrases"), f"{here}.phrases")),
        syntax=_syntax(entry.get("syntax"), f"{here}.syntax"),
        actors=_strings(entry.get("actors"), f"{here}.actors"),
        exclude=tuple(p.lower() for p in _strings(entry.get("exclude"), f"{here}.exclude")),
        weight=float(entry.get("weight", 1.0)),
        generic=bool(entry.get("generic", False)),
        report=bool(entry.get("report", True)),
    )
    if not (issue.phrases or issue.syntax or issue.actors):
        raise BadTaxonomy(f"{here} has no phrases, syntax or actors", hint="nothing could ever tag it")
    return issue


def _read(path: str | Path | None) -> tuple[dict[str, Any], str]:
    if path is None:
        return safe_load((DATA / "issues.yaml").read_text(encoding="utf-8")), "bundled"
    try:
        data = safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BadTaxonomy(f"can't read taxonomy {path}: {exc}", hint="a YAML mapping of issue keys") from exc
    if not isinstance(data, dict):
        raise BadTaxonomy(
            f"taxonomy {path} is not a mapping of issue keys", hint="see ontology/data/issues.yaml"
        )
    return data, str(path)


@cache
def _load(extra: str | None) -> Taxonomy:
    issues: dict[str, Issue] = {}
    sources = []
    for path in (None, extra) if extra else (None,):
        data, label = _read(path)
        sources.append(label)
        for key, entry in data.items():
            issues[str(key)] = issue_from(str(key), entry, label)
    return Taxonomy(issues=issues, sources=tuple(sources))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The bundled taxonomy plus ``path`` (or ``$DYADWATCH_TAXONOMY``), loaded once per file."""
    extra = path if path is not None else os.environ.get(ENV_VAR) or None
    return _load(str(extra) if extra else None)
