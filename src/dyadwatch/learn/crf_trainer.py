"""CRFsuite's trainer with its progress reported to a callback, for the quote stage's models."""

from __future__ import annotations

from collections.abc import Callable
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
