"""kill -9 during ``dyadwatch ingest`` loses nothing: a re-run stores every article exactly
once and no article is ever half-written (the short form of ``bench/crash_safety.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "crash_safety.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_safety", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_crash_safety_kill_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    bench = _bench()
    if not bench.CORPUS.is_dir():
        pytest.skip(f"no corpus at {bench.CORPUS}")
    report = bench.crash_trials(texts=8, trials=2, seed=3, workdir=tmp_path, log=False)
    assert report.expected >= 5
    assert report.problems == []
    assert all(t["final"] == report.expected for t in report.trials)
