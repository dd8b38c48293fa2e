"""Event ontology tables shipped as package data: CAMEO codes, PLOVER types/modes/contexts, crosswalk.

The tables live in ``dyadwatch/ontology/data`` (see ``ATTRIBUTION.md`` there) and are read once
per process through ``importlib.resources`` so that they work from a wheel as well as a checkout.
Lookups degrade from a fine code to its parents ("1123" -> "112" -> "11") because triggers and
users often give finer codes than the tables list.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_CLASSES = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}

# Older PLOVER/CAMEO names still used by gold data and by users' dictionaries.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    description: str
    goldstein: float
    quad_class: str


@dataclass(frozen=True)
class PloverMapping:
    """The PLOVER coding of a CAMEO code according to the 2021 crosswalk."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]


def _read_tsv(name: str) -> list[dict[str, str]]:
    ref = resources.files("dyadwatch").joinpath("ontology").joinpath("data").joinpath(name)
    with ref.open("r", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO event codes with Goldstein value and quad class.

    >>> cameo_codes()["042"].quad_class
    'verbal_cooperation'
    """
    table: dict[str, CameoCode] = {}
    for row in _read_tsv("cameo_event_codes_goldstein.tsv"):
        code = row["cameo_code"].strip()
        table[code] = CameoCode(
            code=code,
            root=row["root_code"].strip(),
            description=row["description"].strip(),
            goldstein=float(row["goldstein"]),
            quad_class=QUAD_CLASSES[int(row["quad_class"])],
        )
    return table


def cameo_lookup(code: str) -> CameoCode:
    """The entry of ``code`` or of its nearest listed parent (a root always exists).

    >>> cameo_lookup("1123").goldstein
    -2.0
    """
    table = cameo_codes()
    for length in range(len(code), 1, -1):
        entry = table.get(code[:length])
        if entry is not None:
            return entry
    raise KeyError(f"unknown CAMEO code {code!r}")


@cache
def cameo_to_plover() -> dict[str, PloverMapping]:
    """CAMEO code -> PLOVER type, mode and contexts (openeventdata CAMEO2PLOVER-2021).

    >>> cameo_to_plover()["042"].mode
    'visit'
    """
    table: dict[str, PloverMapping] = {}
    for row in _read_tsv("cameo_to_plover_2021.tsv"):
        code = row["cameo_code"].strip()
        contexts = tuple(c.strip() for c in (row["plover_context"] or "").split(",") if c.strip())
        mapping = PloverMapping(
            row["plover_event"].strip(), (row["plover_mode"] or "").strip() or None, contexts
        )
        # "08" is listed twice (CONCEDE and RETREAT): the first listing is the root's default.
        table.setdefault(code, mapping)
    return table


def plover_for_cameo(code: str) -> PloverMapping | None:
    """PLOVER coding of a CAMEO code, walking up to parents; None for roots 01 and 02.

    >>> plover_for_cameo("0871").type
    'RETREAT'
    >>> plover_for_cameo("020") is None
    True
    """
    table = cameo_to_plover()
    for length in range(len(code), 1, -1):
        entry = table.get(code[:length])
        if entry is not None:
            return entry
    return None


@cache
def plover_types() -> dict[str, dict[str, str]]:
    """PLOVER event types keyed by name (AGREE ... ASSAULT) with definition and quad category.

    >>> len(plover_types())
    16
    """
    return {row["plover_event"]: row for row in _read_tsv("plover_event_types.tsv")}


@cache
def plover_modes() -> dict[str, set[str]]:
    """PLOVER type -> its modes (the auxiliary modes are left out: we code them as ``modality``).

    >>> "visit" in plover_modes()["CONSULT"]
    True
    """
    modes: dict[str, set[str]] = {}
    for row in _read_tsv("plover_modes.tsv"):
        if row["plover_event"].startswith("("):
            continue
        modes.setdefault(row["plover_event"], set()).add(row["mode"])
    return modes


@cache
def plover_contexts() -> dict[str, str]:
    """PLOVER general contexts -> description.

    >>> "economic" in plover_contexts()
    True
    """
    return {row["context"]: row["description"] for row in _read_tsv("plover_contexts.tsv")}


def normalise_plover_type(name: str) -> str:
    """Map old PLOVER names (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) to the current ones.

    >>> normalise_plover_type("disapprove")
    'ACCUSE'
    """
    upper = name.strip().upper()
    return PLOVER_ALIASES.get(upper, upper)


@cache
def gdelt_event_columns() -> list[str]:
    """GDELT 2.0 event table column names, in order.

    >>> gdelt_event_columns()[:2]
    ['GLOBALEVENTID', 'SQLDATE']
    """
    rows = [r for r in _read_tsv("gdelt2_schemas.tsv") if r["table"] == "events_2.0"]
    return [r["field"] for r in sorted(rows, key=lambda r: int(r["col_index"]))]


# The CAMEO root that stands for a PLOVER type when a code is outside CAMEO (a user's own scheme).
TYPE_ROOT = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "19",
}
