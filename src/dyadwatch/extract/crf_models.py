"""The quote stage's learned models (CRFsuite files): where they ship, and one open copy per thread.

Both the attribution tagger (``quote_tagger``) and the boundary chooser (``quote_bounds``) read a
model named by an environment variable (``off`` for none) or else the shipped file in ``models/``.
"""

from __future__ import annotations

import json
import os
import threading
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycrfsuite

from dyadwatch.errors import DyadwatchError


def model_dir() -> Path:
    """The folder of the shipped models and their provenance files."""
    return Path(str(files("dyadwatch.extract") / "models"))


# One tagger per thread: ``marginal`` reads the sequence the last ``tag``/``set`` call left in the
# tagger, so two threads sharing one (a Dask worker with several threads) would read each other's.
_per_thread = threading.local()


def _open(path: str, env_var: str, command: str) -> pycrfsuite.Tagger:
    taggers: dict[str, pycrfsuite.Tagger] = _per_thread.__dict__.setdefault("taggers", {})
    if path not in taggers:
        if not Path(path).is_file():
            raise DyadwatchError(
                f"Can't find the model {path}",
                hint=f"set {env_var} to a model written by '{command}', or to 'off'",
            )
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        taggers[path] = tagger
    return taggers[path]


def load_model(env_var: str, shipped: str, command: str) -> pycrfsuite.Tagger | None:
    """The model named by ``env_var`` (``off``: none), else the shipped file ``shipped``.

    Called once per article: a model already open in this thread is returned without touching
    the disk. ``command`` is the one that writes such a model, named when the file is missing.
    """
    chosen = os.environ.get(env_var, "")
    if chosen.lower() == "off":
        return None
    return _open(chosen or str(model_dir() / shipped), env_var, command)


def model_info(shipped: str) -> dict[str, Any]:
    """A shipped model's provenance (training data, settings, figures), from its ``.json``."""
    path = model_dir() / Path(shipped).with_suffix(".json").name
    return dict(json.loads(path.read_text(encoding="utf-8")))
