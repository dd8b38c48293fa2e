"""The installed spaCy model is the one whose files we recorded (MODEL_PROVENANCE.md)."""

from __future__ import annotations

import hashlib
import json

from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.provenance import HASHES_FILE, installed_model_files


def test_provenance_model_files_match_recorded_hashes() -> None:
    recorded = json.loads(HASHES_FILE.read_text(encoding="utf-8"))
    meta, files = installed_model_files()
    assert meta["version"] == recorded["meta"]["version"] == "3.8.0"
    assert meta["license"] == "MIT"
    actual = {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in files.items()}
    assert actual == recorded["files"]


def test_provenance_pipeline_has_ruler_before_ner() -> None:
    names = load_nlp().pipe_names
    assert names.index("entity_ruler") < names.index("ner")
