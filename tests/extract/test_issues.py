"""Issue taxonomy, sentence tagging and stance on real sentences, and the golden issue tables of
both founding articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.extract.issue_tagging import tag_sentences
from dyadwatch.extract.stance import find_cues
from dyadwatch.model import Analysis, Article
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.ontology.taxonomy import BadTaxonomy, load_taxonomy
from dyadwatch.pipeline import analyze

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "golden" / "issues_examples.json").read_text())
DEFAULT_KEYS = {"taiwan", "maritime", "trade", "technology", "climate", "human_rights", "russia_ukraine",
                "military", "alliances", "diplomacy", "health", "korean_peninsula", "nuclear", "cyber",
                "economy", "elections"}  # fmt: skip


def _tags(text: str) -> list[list[str]]:
    return [s.issues for s in tag_sentences(Analysis(Article(id="t", text=text)), load_nlp()(text))]


def test_taxonomy_has_the_default_keys_with_contexts() -> None:
    tax = load_taxonomy()
    assert set(tax) >= DEFAULT_KEYS
    for key in DEFAULT_KEYS:
        assert tax[key].description and tax[key].contexts, key


def test_user_taxonomy_adds_and_replaces_issues(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("fentanyl:\n  description: Fentanyl precursors\n  contexts: [illegal_drugs]\n"
                     "  phrases: [fentanyl, precursor chemicals]\n"
                     "arctic:\n  phrases: [arctic, northern sea route]\n", encoding="utf-8")  # fmt: skip
    tax = load_taxonomy(extra)
    assert {"fentanyl", "arctic", "taiwan"} <= set(tax)
    text = "Washington pressed Beijing on precursor chemicals. Russia eyes the Northern Sea Route."
    sents = tag_sentences(Analysis(Article(id="t", text=text)), load_nlp()(text), tax)
    assert [s.issues for s in sents] == [["fentanyl"], ["arctic"]]


def test_bad_taxonomy_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("Bad Key:\n  phrases: [x]\n", encoding="utf-8")
    with pytest.raises(BadTaxonomy, match="snake_case"):
        load_taxonomy(bad)


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        ("China conducted unprecedented military drills around the self-governed island.", "taiwan"),
        ("Analysts framed the vote as destabilising for cross-strait relations.", "taiwan"),
        ("The law aims to cut China out of microchip supply chains.", "technology"),
        ("Beijing wants to slow down some of the US actions in the tech space.", "technology"),
        ("Washington tightened restrictions on exports of advanced chips.", "technology"),
        ("Japan criticised coast guard vessels near the Senkaku/Diaoyu islands.", "maritime"),
        ("Allegations of Chinese support for Russia’s war against Ukraine were raised.", "russia_ukraine"),
    ],
)
def test_paraphrases_are_tagged(sentence: str, issue: str) -> None:
    assert issue in _tags(sentence)[0]


def test_figurative_climate_is_not_the_climate_issue() -> None:
    assert "climate" not in _tags("The climate in Capitol Hill is also less conducive to compromise.")[0]


def test_topic_carries_to_the_next_sentence_of_the_paragraph() -> None:
    sents = tag_sentences(
        Analysis(Article(id="t", text="Emissions rose.\nIt was bad.\n\nIt was good.")),
        load_nlp()("Emissions rose.\nIt was bad.\n\nIt was good."),
    )
    assert [(s.issues, s.carried) for s in sents] == [(["climate"], False), (["climate"], True), ([], False)]


@pytest.mark.parametrize(
    ("sentence", "cue", "polarity"),
    [
        ("A key area of contention is the South China Sea.", "key area of contention", -1),
        (
            "An area where the US and China can put on a show of consensus is climate action.",
            "show of consensus",
            1,
        ),
        ("I don’t think it will be a hostile conversation on this topic.", "hostile", 1),
        ("There should not be many expectations of any significant breakthroughs.", "breakthroughs", -1),
    ],
)
def test_stance_cues_with_negation(sentence: str, cue: str, polarity: int) -> None:
    hits = find_cues(next(load_nlp()(sentence).sents))
    assert [(h.span.text, h.polarity) for h in hits] == [(cue, polarity)]


def test_governed_cue_merges_into_its_governor() -> None:
    sent = next(load_nlp()("Each faces significant obstacles to potential breakthroughs.").sents)
    assert [(h.span.text, h.polarity) for h in find_cues(sent)] == [("significant obstacles", -1)]


def test_stance_of_a_single_sentence_with_voice() -> None:
    text = ("However, differences over Taiwan present the sharpest areas of disagreement between "
            "Washington and Beijing, said Michael Swaine, a senior fellow at the Quincy Institute.")  # fmt: skip
    analysis = analyze(text)
    stance = next(s for s in analysis.issues if s.issue == "taiwan")
    assert (stance.dyad, stance.stance) == ("CHN-USA", "contention")
    assert stance.score < -0.5


@pytest.mark.parametrize("name", sorted(k for k in GOLDEN if not k.startswith("_")))
def test_golden_issue_stances(example_analyses: dict[str, Analysis], name: str) -> None:
    gold = GOLDEN[name]
    analysis = example_analyses[name]
    got = {s.issue: s for s in analysis.issues if s.dyad == gold["dyad"]}
    for issue, stance in gold["stances"].items():
        assert issue in got, f"{issue} missing"
        assert got[issue].stance == stance, (issue, got[issue])
        assert got[issue].evidence and all(
            0 <= a < b <= len(analysis.article.text) for a, b in got[issue].evidence
        )
        assert -1 <= got[issue].score <= 1
    if "sharpest" in gold:
        named = [got[i] for i in gold["stances"]]
        assert min(named, key=lambda s: s.score).issue == gold["sharpest"]
    if "only_progress" in gold:
        generic = load_taxonomy().generic
        cooperative = [s.issue for s in got.values() if s.stance == "cooperation" and s.issue not in generic]
        assert cooperative == [gold["only_progress"]]


def test_quotes_and_events_get_issues_and_contexts(example_analyses: dict[str, Analysis]) -> None:
    analysis = example_analyses["002_01e853f86da0fe41.txt"]
    text = analysis.article.text
    swaine = next(q for q in analysis.quotes if "Taiwan by far is the most important" in q.text)
    assert "taiwan" in swaine.issues
    drills = next(e for e in analysis.events if text[e.trigger[0] : e.trigger[1]] == "drills")
    assert "taiwan" in drills.issues and drills.contexts
    assert all(e.contexts for e in analysis.events if e.issues)
