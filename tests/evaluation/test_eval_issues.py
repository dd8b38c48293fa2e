"""Issue and stance evaluation: scoring on hand-made data, the dev set's shape, and the gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyadwatch.cli.main import app
from dyadwatch.evaluation.gate import REPO_ROOT, check, default_gold, load_baseline
from dyadwatch.evaluation.issues import DEFAULT_GOLD, STANCES, Prediction, combine, evaluate, read_gold, score
from dyadwatch.ontology.taxonomy import load_taxonomy

GOLD = REPO_ROOT / DEFAULT_GOLD

TINY: list[dict[str, Any]] = [
    {"id": "t1", "source": "test", "text": "A key area of contention between the US and China is the South China Sea.",
     "issues": ["maritime"], "dyad": "CHN-USA", "stance": "contention"},
    {"id": "t2", "source": "test", "text": "Germany's ZEW economics climate index slumped in May.",
     "issues": ["economy"], "dyad": None, "stance": "none"},
]  # fmt: skip


def test_score_counts_issue_pairs_and_stances() -> None:
    preds = [Prediction(["maritime", "military"], "contention", ["CHN-USA"]), Prediction([], "none", [])]
    figures = score(TINY, preds)
    assert (figures["issues_p"], figures["issues_r"]) == (0.5, 0.5)  # 1 tp, 1 fp, 1 fn
    assert figures["stance_acc"] == 1.0 and figures["stance_acc_polar"] == 1.0
    assert figures["per_issue"]["economy"] == (0.0, 0.0, 0.0, 1)
    assert figures["confusion"] == {("contention", "contention"): 1, ("none", "none"): 1}
    assert combine(["mixed"]) == "mixed" and combine(["cooperation", "cooperation"]) == "cooperation"


def test_read_gold_rejects_bad_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x", "issues": [], "stance": "friendly"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stance"):
        read_gold(bad)


def test_dev_set_is_in_the_repo_and_well_formed() -> None:
    assert default_gold("issues") == GOLD and GOLD.is_file()
    records = read_gold(GOLD)
    assert len(records) >= 150
    keys = set(load_taxonomy().issues)
    for rec in records:
        assert set(rec["issues"]) <= keys, rec["id"]
        assert rec["stance"] in STANCES and rec["source"]
        assert rec["dyad"] is None or (len(rec["dyad"]) == 7 and rec["dyad"][:3] < rec["dyad"][4:])
        assert rec["stance"] == "none" or rec["dyad"], rec["id"]
    assert len({r["text"] for r in records}) == len(records)
    sources = {r["source"].split("/")[0] + "/" + r["source"].split("/")[1] for r in records}
    assert {"examples/articles", "../shared"} <= sources


def test_evaluate_on_tiny_set(tmp_path: Path) -> None:
    gold = tmp_path / "tiny.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in TINY), encoding="utf-8")
    figures = evaluate(gold)
    assert figures["n"] == 2 and figures["issues_r"] == 1.0  # maritime, and economy (not climate)
    assert figures["stance_acc"] == 1.0
    result = CliRunner().invoke(app, ["eval", "issues", str(gold)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("eval issues: issues_f1=")


@pytest.mark.slow
def test_eval_issues_gate_on_dev_set() -> None:
    floors = load_baseline().get("issues")
    if not floors:
        pytest.skip("no floors pinned for 'issues' in eval/baseline.json")
    assert check("issues", evaluate(GOLD), floors) == []
