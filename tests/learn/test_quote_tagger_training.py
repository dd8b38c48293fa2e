"""Training the attribution tagger on brat attributions, through the library and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite
from typer.testing import CliRunner

from dyadwatch.cli.main import app
from dyadwatch.evaluation.quotes import GoldAttribution
from dyadwatch.extract.quote_cues import load_cues
from dyadwatch.extract.quote_tagger import tag_sentence, token_features
from dyadwatch.learn.quote_tagger_training import TrainingSettings, gold_tags, train_tagger
from dyadwatch.nlp.loader import load_nlp

# Sentences in PolNeAR's manner: a source, a cue outside any reporting-verb list, a content.
TEXTS = {
    "a": "Sanders released a statement in opposition to the Puerto Rico deal.",
    "b": "Clinton seemed confident about her chances in Iowa.",
    "c": "Germans have been outraged by reports of assaults in Cologne.",
}
SPANS = {  # (source, cue, content) as substrings of each text
    "a": ("Sanders", "released a statement in opposition to", "the Puerto Rico deal"),
    "b": ("Clinton", "seemed confident about", "her chances in Iowa"),
    "c": ("Germans", "have been outraged", "by reports of assaults in Cologne"),
}


def _split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in TEXTS.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, (kind, piece) in enumerate(zip(("Source", "Cue", "Content"), SPANS[name], strict=True), 1):
            start = text.index(piece)
            lines.append(f"T{k}\t{kind} {start} {start + len(piece)}\t{piece}")
        lines.append("E1\tSource:T1 Cue:T2 Content:T3")
        (root / "attributions" / f"{name}_4b22.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_gold_tags_give_each_token_one_role() -> None:
    doc = load_nlp()(TEXTS["b"])
    text = TEXTS["b"]
    src, cue, con = (text.index(p) for p in SPANS["b"])
    att = GoldAttribution([(con, con + 19)], [(src, src + 7)], [(cue, cue + 22)])
    # A second attribution over the same tokens cannot claim them again.
    tags = gold_tags(doc, [att, GoldAttribution([(0, 14)])])
    assert tags == ["B-SRC", "B-CUE", "I-CUE", "I-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "O"]


def test_trained_model_tags_what_it_was_taught(tmp_path: Path) -> None:
    split = _split(tmp_path / "split")
    out = tmp_path / "model" / "tagger.crfsuite"
    seen: list[int] = []
    info = train_tagger(
        split,
        out,
        TrainingSettings(c1=0.0, c2=0.01, max_iterations=50),
        on_iteration=lambda n, _: seen.append(n),
    )
    assert out.is_file() and seen
    written = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert written == info
    assert info["texts"] == 3 and info["sentences"] == 3 and info["settings"]["max_iterations"] == 50
    assert {"B-SRC", "B-CUE", "B-CON", "I-CON"} <= set(info["labels"])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    doc = load_nlp()(TEXTS["a"])
    (hit,) = tag_sentence(tagger, token_features(doc, [], load_cues())[0], 0)
    assert doc[hit.content[0] : hit.content[1]].text == "the Puerto Rico deal"
    assert hit.source is not None and doc[hit.source[0] : hit.source[1]].text == "Sanders"


def test_cli_trains_and_rejects_a_folder_that_is_no_split(tmp_path: Path) -> None:
    split = _split(tmp_path / "split")
    out = tmp_path / "cli.crfsuite"
    result = CliRunner().invoke(app, ["train", "quotes", str(split), "--out", str(out), "--iterations", "20"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (3 texts, 3 sentences" in result.output
    assert out.is_file() and out.with_suffix(".json").is_file()
    bad = CliRunner().invoke(app, ["train", "quotes", str(tmp_path / "nowhere")])
    assert bad.exit_code == 2
    assert "is not a brat split" in bad.output
