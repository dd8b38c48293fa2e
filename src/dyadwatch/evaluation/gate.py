"""Quality gate: each evaluation's figures against floors pinned in ``eval/baseline.json``.

An evaluation is a module ``dyadwatch.evaluation.<name>`` exposing
``evaluate(gold: Path) -> dict[str, float]`` and ``DEFAULT_GOLD`` (a path relative to the repo,
normally under ``../shared/eval``). The baseline maps ``name -> {metric: floor}``; floors only
move on purpose (edit the file in a commit that says why).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
BASELINE = REPO_ROOT / "eval" / "baseline.json"
SHARED_EVAL = REPO_ROOT.parent / "shared" / "eval"


def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, float]]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def evaluation_module(name: str) -> Any:
    return importlib.import_module(f"dyadwatch.evaluation.{name}")


def default_gold(name: str) -> Path:
    rel: str = evaluation_module(name).DEFAULT_GOLD
    in_repo = REPO_ROOT / rel  # our own gold data lives in the repo (absolute paths pass through)
    return in_repo if in_repo.exists() else SHARED_EVAL / rel


def summary_line(name: str, metrics: dict[str, float]) -> str:
    """One line: ``eval entities: p=0.950 r=0.912 f1=0.930``."""
    parts = [f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items()]
    return f"eval {name}: " + " ".join(parts)


def check(name: str, metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Return one message per metric under its floor (empty when the gate passes)."""
    failures = []
    for metric, floor in floors.items():
        value = metrics.get(metric)
        if value is None:
            failures.append(f"{name}.{metric}: missing from the evaluation output")
        elif value + 1e-9 < floor:
            failures.append(f"{name}.{metric}: {value:.4f} < floor {floor:.4f}")
    return failures
