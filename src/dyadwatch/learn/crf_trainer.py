"""CRFsuite's trainer with its progress reported to a callback, for the quote stage's models."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pycrfsuite


class ProgressTrainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """CRFsuite's trainer, reporting each L-BFGS iteration to a callback instead of printing.

    CRFsuite parses its log only when ``verbose``; each of its events then prints by default.
    """

    def __init__(self, on_iteration: Callable[[int, float], None]) -> None:
        super().__init__(verbose=True)
        self._on_iteration = on_iteration

    def on_iteration(self, log: str, info: dict[str, Any]) -> None:
        self._on_iteration(int(info.get("num", 0)), float(info.get("loss", 0.0)))

    def _quiet(self, *_args: Any) -> None:
        return None

    on_start = on_featgen_progress = on_featgen_end = on_prepared = _quiet
    on_prepare_error = on_optimization_end = on_end = _quiet


def fit_and_record(
    trainer: pycrfsuite.Trainer, out: Path, params: dict[str, Any], info: dict[str, Any], began: float
) -> dict[str, Any]:
    """Fit ``trainer``'s items with CRFsuite ``params`` into ``out``, and write next to it (as
    ``.json``) ``info`` with the model's name, the date and the seconds since ``began``.

    Returns the provenance written.
    """
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    record = {
        "model": out.name,
        **info,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seconds": round(time.perf_counter() - began, 1),
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record
