"""Score the events stage on public gold sentences (``../shared/eval/events``).

Two suites, both run from raw text through the full pipeline:

- ``plover_gsr_dev.json`` (OEDA PLOVER gold standard, CAMEO-manual sentences): agreement on source
  country, target country and PLOVER type per gold record, and triple (source country, target
  country, type) precision/recall/F1 per sentence. Old type names are mapped (DEMAND -> REQUEST,
  DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and CAMEO-style country codes to ISO.
- ``petrarch_unittest_records.jsonl`` (PETRARCH unit tests, fictional countries): the suite's
  own actor, agent and verb dictionaries are loaded as user dictionaries (``--actors FILE``); triples are (source country, target country, CAMEO root) with the first
  three characters of PETRARCH's codes (the country block). Exact-set accuracy, triple P/R/F1 and
  CAMEO-root F1.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dyadwatch.model import Analysis, Article
from dyadwatch.ontology.events_data import normalise_plover_type
from dyadwatch.ontology.tabari import dictionary_env

DEFAULT_GOLD = "events"
# CAMEO/GSR country codes that differ from ISO 3166 alpha-3, and our non-state codes folded to
# the GSR's single IGO code: the GSR codes every international organisation IGO, governmental or
# not (Amnesty International, the Red Cross), so our NGO is folded too.
CODE_FIXES = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "UNO": "IGO",
    "EUR": "IGO",
    "NGO": "IGO",
    "UAR": "EGY",
    "TMP": "TLS",
}
Triple = tuple[str | None, str | None, str]


def _code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    return CODE_FIXES.get(code, code)


def prf(gold: Counter[Any], pred: Counter[Any]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of two multisets.

    >>> prf(Counter({"a": 1, "b": 1}), Counter({"a": 1, "c": 1}))
    (0.5, 0.5, 0.5)
    """
    tp = sum((gold & pred).values())
    p = tp / sum(pred.values()) if pred else 0.0
    r = tp / sum(gold.values()) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _analyze(texts: list[str]) -> list[Analysis]:
    from dyadwatch.pipeline import analyze_articles

    articles = [Article(id=f"eval-{i}", text=t) for i, t in enumerate(texts)]
    return list(analyze_articles(articles))


def gsr_triples(record: dict[str, Any]) -> set[Triple]:
    """Gold triples of one PLOVER GSR record: every source x every target (or no target).

    >>> sorted(gsr_triples({"event": "DEMAND", "source": [{"code": "CHN"}], "target": [{"code": "USA"}]}))
    [('CHN', 'USA', 'REQUEST')]
    """
    etype = normalise_plover_type(record["event"])
    sources = [_code(s.get("code")) for s in record.get("source", [])] or [None]
    targets = [_code(t.get("code")) for t in record.get("target", [])] or [None]
    return {(s, t, etype) for s in sources for t in targets}


def score_gsr(records: list[dict[str, Any]], analyses: dict[str, Analysis]) -> dict[str, float]:
    """Figures for GSR records given the analysis of each record's text."""
    gold_by_text: dict[str, set[Triple]] = {}
    src_ok = tgt_ok = tgt_n = type_ok = 0
    for rec in records:
        gold = gsr_triples(rec)
        gold_by_text.setdefault(rec["text"], set()).update(gold)
        events = analyses[rec["text"]].events
        src_ok += any(_code(e.source_country) in {g[0] for g in gold} for e in events)
        if any(g[1] for g in gold):
            tgt_n += 1
            tgt_ok += any(_code(e.target_country) in {g[1] for g in gold} for e in events)
        type_ok += any(e.type == next(iter(gold))[2] for e in events)
    gold_c: Counter[Any] = Counter()
    pred_c: Counter[Any] = Counter()
    for text, gold in gold_by_text.items():
        gold_c.update((text, g) for g in gold)
        pred_c.update(
            (text, t)
            for t in {
                (_code(e.source_country), _code(e.target_country), e.type) for e in analyses[text].events
            }
        )
    p, r, f = prf(gold_c, pred_c)
    n = len(records)
    return {
        "gsr_source": src_ok / n,
        "gsr_target": tgt_ok / tgt_n if tgt_n else 0.0,
        "gsr_type": type_ok / n,
        "gsr_p": p,
        "gsr_r": r,
        "gsr_f1": f,
    }


def score_petrarch(records: list[dict[str, Any]], analyses: dict[str, Analysis]) -> dict[str, float]:
    exact = 0
    gold_c: Counter[Any] = Counter()
    pred_c: Counter[Any] = Counter()
    gold_root: Counter[Any] = Counter()
    pred_root: Counter[Any] = Counter()
    for rec in records:
        gold = {
            (_code(e["sourcecode"]), _code(e["targetcode"]), e["eventcode"][:2])
            for e in rec["expected"]
            if "eventcode" in e
        }
        pred = {
            (_code(e.source_country), _code(e.target_country), e.cameo[:2])
            for e in analyses[rec["text"]].events
        }
        exact += gold == pred
        gold_c.update((rec["id"], g) for g in gold)
        pred_c.update((rec["id"], t) for t in pred)
        gold_root.update((rec["id"], g[2]) for g in gold)
        pred_root.update((rec["id"], t[2]) for t in pred)
    p, r, f = prf(gold_c, pred_c)
    return {
        "petrarch_exact": exact / len(records) if records else 0.0,
        "petrarch_p": p,
        "petrarch_r": r,
        "petrarch_f1": f,
        "petrarch_root_f1": prf(gold_root, pred_root)[2],
    }


def _fresh_model() -> None:
    """Forget the cached gazetteer and model so that ``$DYADWATCH_ACTORS`` is (re)read."""
    from dyadwatch.nlp.loader import load_nlp
    from dyadwatch.ontology.gazetteer import load_gazetteer

    load_gazetteer.cache_clear()
    load_nlp.cache_clear()


@contextmanager
def user_dictionaries(paths: list[Path], workdir: Path) -> Iterator[None]:
    """Run the pipeline with a user's dictionaries (see ``tabari.dictionary_env``), then restore."""
    env = dictionary_env(paths, workdir)
    if not env:
        yield
        return
    previous = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    _fresh_model()
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _fresh_model()


def _analyses(texts: Iterable[str]) -> dict[str, Analysis]:
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, _analyze(unique), strict=True))


def evaluate(gold: Path, extra_dictionaries: list[Path] | None = None) -> dict[str, float]:
    """Run both suites under ``gold`` (the ``events`` directory) and return their figures.

    >>> # evaluate(Path("../shared/eval/events"))["gsr_f1"]  -> see eval/baseline.json
    """
    metrics: dict[str, float] = {}
    gsr_path = gold / "plover_gsr_dev.json"
    if gsr_path.is_file():
        records = [
            r
            for r in json.loads(gsr_path.read_text(encoding="utf-8"))
            if r.get("event") != "DOCUMENT" and r.get("text")
        ]
        with tempfile.TemporaryDirectory() as tmp, user_dictionaries(extra_dictionaries or [], Path(tmp)):
            metrics.update(score_gsr(records, _analyses(r["text"] for r in records)))
    petr_path = gold / "petrarch_unittest_records.jsonl"
    dicts = gold / "petrarch_validate_dictionaries"
    if petr_path.is_file() and (dicts / "PETR.Validate.actors.txt").is_file():
        lines = petr_path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        records = [r for r in records if not any("error" in e for e in r["expected"])]
        # The suite's own actors, agents and verbs, loaded the way a user brings dictionaries.
        files = [dicts / f"PETR.Validate.{n}.txt" for n in ("actors", "agents", "verbs.2.0")]
        with (
            tempfile.TemporaryDirectory() as tmp,
            user_dictionaries([f for f in files if f.is_file()], Path(tmp)),
        ):
            metrics.update(score_petrarch(records, _analyses(r["text"] for r in records)))
    return metrics
