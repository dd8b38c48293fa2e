"""A stage failing on one article rejects that article with its reason; the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

import dyadwatch.pipeline as pipeline
from dyadwatch.model import Analysis
from dyadwatch.runners.local import ingest
from dyadwatch.storage.store import Store


def explode_on_marker(analysis: Analysis, doc: Doc) -> Analysis:
    if "EXPLODE" in analysis.article.text:
        raise RuntimeError("boom")
    return analysis


def test_stage_failure_rejects_only_that_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pipeline.STAGE_FACTORIES, "test.explode.v1", f"{__name__}:explode_on_marker")
    monkeypatch.setattr(pipeline, "DEFAULT_STAGES", [*pipeline.DEFAULT_STAGES, "test.explode.v1"])
    good = "Chinese Foreign Minister Wang Yi accused the United States of disrupting regional stability."
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(good + " EXPLODE here, said officials in Beijing.", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")], store)
        stored = store.con.execute("SELECT source_path FROM articles").fetchall()
        skipped = store.con.execute("SELECT input, reason FROM skipped").fetchall()
    assert report.summary == "1 new, 0 already stored, 1 rejected"
    assert [Path(r[0]).name for r in stored] == ["good.txt"]
    assert [(Path(i).name, r) for i, r in skipped] == [
        ("bad.txt", "internal error in analysis: RuntimeError: boom")
    ]


def test_model_failure_rejects_only_that_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an error inside nlp.pipe (not in a stage) ends the whole stream: the batch is analysed
    # again article by article and only the one at fault is rejected
    from dyadwatch.nlp.loader import load_nlp

    nlp = load_nlp()

    @nlp.component("test_explode_in_model")  # type: ignore[misc]
    def explode(doc: Doc) -> Doc:
        if "EXPLODE" in doc.text:
            raise RuntimeError("model boom")
        return doc

    nlp.add_pipe("test_explode_in_model")
    try:
        good = "Chinese Foreign Minister Wang Yi accused the United States of disrupting regional stability."
        (tmp_path / "good.txt").write_text(good, encoding="utf-8")
        (tmp_path / "bad.txt").write_text(
            good + " EXPLODE here, said officials in Beijing.", encoding="utf-8"
        )
        with Store(tmp_path / "s.duckdb") as store:
            report = ingest([str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")], store)
            stored = store.con.execute("SELECT source_path FROM articles").fetchall()
            skipped = store.con.execute("SELECT input, reason FROM skipped").fetchall()
    finally:
        nlp.remove_pipe("test_explode_in_model")
    assert report.summary == "1 new, 0 already stored, 1 rejected"
    assert [Path(r[0]).name for r in stored] == ["good.txt"]
    assert [(Path(i).name, r) for i, r in skipped] == [
        ("bad.txt", "internal error in analysis: RuntimeError: model boom")
    ]
