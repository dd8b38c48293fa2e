"""Issue tagging and stance scored on our own labelled dev set (``eval/issues_dev.jsonl``).

Each line is one sentence, labelled by reading it: ``issues`` (taxonomy keys it is about),
``dyad`` (the pair of countries whose relation it speaks of, "CHN-USA", or null) and ``stance``
of that dyad in the sentence (cooperation | contention | mixed | none), with ``source`` naming the
file it came from (the example articles, ``../shared/corpus/news`` wire and Guardian texts, PolNeAR
texts under ``../shared/eval/quotes/polnear``). Guidelines the labels follow:

- an issue is tagged when the sentence is about it, not when a word merely occurs ("the climate
  in Capitol Hill", "ZEW economics climate index" are not ``climate``; "alliance with Renault" is
  not ``alliances``); Taiwan's status counts as ``taiwan`` whoever speaks;
- the dyad is the pair the sentence relates (a China-Taiwan conflict is CHN-TWN even though the
  taxonomy treats Taiwan as a topic); null when it names fewer than two states (the EU, ISIS,
  companies and "both sides" do not count);
- stance is what the sentence says about that pair: cooperation (agreement, engagement,
  openings), contention (dispute, criticism, threat, force), mixed (both), none (neither, or no
  dyad).

Every sentence is analysed on its own, without its article (no context from earlier sentences),
by the full pipeline. Predicted issues are the sentence's issue tags (``issue_tagging``; the
unreported anchor issue dropped); the predicted stance is that of the ``issues[]`` records for the
gold dyad (any dyad when the gold has none): none without records, their stance when they agree,
mixed otherwise. Figures: issue-tag micro P/R/F1 over (sentence, issue) pairs, stance accuracy
over all sentences and over those with a gold stance other than none.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# In the repository (our own annotations); the gate also accepts paths under ../shared/eval.
DEFAULT_GOLD = "eval/issues_dev.jsonl"
STANCES = ("cooperation", "contention", "mixed", "none")


@dataclass
class Prediction:
    issues: list[str]
    stance: str
    dyads: list[str]


def read_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The labelled sentences, checked: known stance, list of issues, dyad or null."""
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("stance") not in STANCES or not isinstance(rec.get("issues"), list) or not rec.get("text"):
            raise ValueError(f"{path}:{n}: needs text, issues [..] and stance in {STANCES}")
        records.append(rec)
        if limit is not None and len(records) >= limit:
            break
    return records


def combine(stances: list[str]) -> str:
    """One label for the stances of a dyad's records in a sentence.

    >>> combine([]), combine(["contention", "contention"]), combine(["cooperation", "contention"])
    ('none', 'contention', 'mixed')
    """
    distinct = set(stances)
    if not distinct:
        return "none"
    return distinct.pop() if len(distinct) == 1 else "mixed"


def predict(records: list[dict[str, Any]]) -> list[Prediction]:
    """Run the pipeline on each sentence alone; its issue tags and its stance for the gold dyad."""
    from dyadwatch.extract.issue_tagging import tag_sentences
    from dyadwatch.model import Analysis, Article
    from dyadwatch.nlp.loader import load_nlp
    from dyadwatch.ontology.taxonomy import load_taxonomy
    from dyadwatch.pipeline import run_stages

    taxonomy = load_taxonomy()
    hidden = set(taxonomy.unreported)
    nlp = load_nlp()
    pairs = ((rec["text"], Article(id=f"eval-{i}", text=rec["text"])) for i, rec in enumerate(records))
    out = []
    for (doc, article), rec in zip(nlp.pipe(pairs, as_tuples=True, batch_size=32), records, strict=True):
        analysis = run_stages(Analysis(article=article), doc)
        issues: list[str] = []
        for stags in tag_sentences(analysis, doc, taxonomy):
            issues += [i for i in stags.issues if i not in hidden and i not in issues]
        gold_dyad = rec.get("dyad")
        stances = [s.stance for s in analysis.issues if gold_dyad is None or s.dyad == gold_dyad]
        out.append(Prediction(sorted(issues), combine(stances), sorted({s.dyad for s in analysis.issues})))
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score(records: list[dict[str, Any]], preds: list[Prediction]) -> dict[str, Any]:
    """Metrics (flat floats) plus ``per_issue`` {issue: (p, r, f1, support)} and ``confusion``."""
    tp, fp, fn = Counter[str](), Counter[str](), Counter[str]()
    confusion: Counter[tuple[str, str]] = Counter()
    for rec, pred in zip(records, preds, strict=True):
        gold, got = set(rec["issues"]), set(pred.issues)
        for issue in gold & got:
            tp[issue] += 1
        for issue in got - gold:
            fp[issue] += 1
        for issue in gold - got:
            fn[issue] += 1
        confusion[(rec["stance"], pred.stance)] += 1
    p, r, f = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    n = len(records)
    polar = [(g, s) for (g, s), k in confusion.items() for _ in range(k) if g != "none"]
    per_issue = {
        issue: (*_prf(tp[issue], fp[issue], fn[issue]), tp[issue] + fn[issue])
        for issue in sorted(set(tp) | set(fp) | set(fn))
    }
    return {
        "issues_p": p,
        "issues_r": r,
        "issues_f1": f,
        "stance_acc": round(sum(k for (g, s), k in confusion.items() if g == s) / n, 4) if n else 0.0,
        "stance_acc_polar": round(sum(g == s for g, s in polar) / len(polar), 4) if polar else 0.0,
        "n": n,
        "per_issue": per_issue,
        "confusion": dict(confusion),
    }


def evaluate(gold: Path, limit: int | None = None) -> dict[str, float]:
    """Issue-tag micro P/R/F1 and stance accuracy on the labelled sentences in ``gold``."""
    records = read_gold(gold, limit)
    figures = score(records, predict(records))
    return {k: v for k, v in figures.items() if isinstance(v, int | float)}
