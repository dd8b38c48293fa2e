"""Training the content-bounds model on brat attributions, through the library and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycrfsuite
import pytest
from typer.testing import CliRunner

from dyadwatch.cli.main import app
from dyadwatch.extract.actors import extract_actors
from dyadwatch.extract.quote_bounds import refine_bounds
from dyadwatch.extract.quotes import find_quotes
from dyadwatch.learn.quote_bounds_training import BoundsSettings, train_bounds, training_items
from dyadwatch.model import Analysis, Article
from dyadwatch.nlp.loader import load_nlp

# A name given: the rules take the one named alone ("refers to the governor"), the annotator the
# name with it ("the governor as “Chris.”").
TEXTS = {
    "a": "Trump referred to the senator as “Little Marco.”",
    "b": "She refers to her rival as “the establishment candidate.”",
    "c": "Obama referred to the group as “ISIL.”",
    "d": "Clinton refers to the program as “a lifeline for families.”",
}
CONTENT = {
    "a": "the senator as “Little Marco.”",
    "b": "her rival as “the establishment candidate.”",
    "c": "the group as “ISIL.”",
    "d": "the program as “a lifeline for families.”",
}
_CUE = re.compile(r"refer\w* to")


def _split(root: Path, texts: dict[str, str], contents: dict[str, str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in texts.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        start = text.index(contents[name])
        cue = _CUE.search(text) or re.search(r"\w+", text)
        assert cue is not None
        lines = [
            f"T1\tCue {cue.start()} {cue.end()}\t{cue.group()}",
            f"T2\tContent {start} {start + len(contents[name])}\t{contents[name]}",
            "E1\tCue:T1 Content:T2",
        ]
        (root / "attributions" / f"{name}_4b22.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_items_label_the_annotators_bounds_among_the_candidates(tmp_path: Path) -> None:
    split = _split(tmp_path / "split", TEXTS, CONTENT)
    per_text = list(training_items(split))
    assert len(per_text) == 4
    for items in per_text:
        # One annotated start and one annotated end per matched content, among many candidates.
        assert sum(label == "Y" for side, _, label in items if side == "s") == 1
        assert sum(label == "Y" for side, _, label in items if side == "e") == 1
        assert len(items) > 10
        # The rules' start is the annotator's ("the senator ..."): its item says so.
        assert any(label == "Y" and "d=0" in f for side, f, label in items if side == "s")


def test_trained_model_moves_the_end_where_it_was_taught(tmp_path: Path) -> None:
    split = _split(tmp_path / "split", TEXTS, CONTENT)
    out = tmp_path / "model" / "bounds.crfsuite"
    seen: list[int] = []
    info = train_bounds(
        split, out, BoundsSettings(c1=0.0, max_iterations=60), on_iteration=lambda n, _: seen.append(n)
    )
    assert out.is_file() and seen
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8")) == info
    assert info["texts"] == 4 and info["annotated_bounds"] == 8 and info["settings"]["c1"] == 0.0
    model = pycrfsuite.Tagger()
    model.open(str(out))
    text = "The candidate refers to the governor as “Chris.”"
    doc = load_nlp()(text)
    quotes = find_quotes(extract_actors(Analysis(article=Article(id="t", text=text)), doc), doc)
    assert [q.text for q in quotes] == ["the governor"]
    (moved,) = refine_bounds(doc, quotes, model)
    assert moved.text == "the governor as “Chris.”"
    assert moved.span == (text.index("the governor"), len(text))
    assert moved.parts == [moved.span] and moved.cue == quotes[0].cue


def test_a_split_with_nothing_to_learn_is_refused(tmp_path: Path) -> None:
    texts = {"a": "The weather was fine and the game went on."}
    split = _split(tmp_path / "split", texts, {"a": "weather"})
    with pytest.raises(ValueError, match="nothing to learn"):
        train_bounds(split, tmp_path / "m.crfsuite", BoundsSettings(max_iterations=5))


def test_cli_trains_and_rejects_a_folder_that_is_no_split(tmp_path: Path) -> None:
    split = _split(tmp_path / "split", TEXTS, CONTENT)
    out = tmp_path / "cli.crfsuite"
    result = CliRunner().invoke(app, ["train", "bounds", str(split), "--out", str(out), "--iterations", "20"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (4 texts," in result.output and "8 annotated" in result.output
    assert out.is_file() and out.with_suffix(".json").is_file()
    bad = CliRunner().invoke(app, ["train", "bounds", str(tmp_path / "nowhere")])
    assert bad.exit_code == 2
    assert "is not a brat split" in bad.output
