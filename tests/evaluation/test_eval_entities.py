"""Scoring of the entities evaluation on hand-made data, and the gate on CoNLL-2003 dev."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from dyadwatch.evaluation.entities import (
    DEFAULT_GOLD,
    GoldDoc,
    Sentence,
    decode_tags,
    doc_text,
    evaluate,
    prf,
    read_conll,
    score_spans,
)
from dyadwatch.evaluation.gate import SHARED_EVAL, check, load_baseline
from dyadwatch.nlp.mentions import actor_mentions, trim_span, truecase_shouted_lines

GOLD = SHARED_EVAL / DEFAULT_GOLD

CONLL = """-DOCSTART- -X- O O

LONDON NNP I-NP I-LOC
1996-08-30 CD I-NP O

Antony NNP I-NP I-PER
Blinken NNP I-NP I-PER
met VBD I-VP O
German JJ I-NP I-MISC
officials NNS I-NP O
in IN I-PP O
Berlin NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Blinken NNP I-NP I-PER
thanked VBD I-VP O
NATO NNP I-NP I-ORG
. . O O
"""


@pytest.fixture
def conll_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_eval_entities_reads_documents_and_sentences(conll_file: Path) -> None:
    docs = read_conll(conll_file)
    assert [len(d.sentences) for d in docs] == [2, 1]
    assert docs[0].sentences[1].tokens[:2] == ["Antony", "Blinken"]
    assert len(read_conll(conll_file, limit=1)) == 1


def test_eval_entities_decodes_iob1_and_iob2() -> None:
    assert decode_tags(["I-PER", "I-PER", "O", "I-ORG", "I-LOC"]) == [
        (0, 2, "PER"),
        (3, 4, "ORG"),
        (4, 5, "LOC"),
    ]
    assert decode_tags(["B-ORG", "I-ORG", "B-ORG", "O"]) == [(0, 2, "ORG"), (2, 3, "ORG")]
    assert decode_tags(["O", "O"]) == []


def test_eval_entities_misc_overlap_is_not_a_false_positive() -> None:
    gold = [(0, 2, "PER"), (3, 4, "MISC"), (6, 7, "LOC")]
    # exact PER hit, a span on MISC (ignored), a wrong boundary on LOC (fp + fn), a stray span (fp)
    assert score_spans(gold, [(0, 2), (3, 5), (5, 7), (8, 9)]) == (1, 2, 1)
    assert prf(1, 2, 1) == (0.333333, 0.5, 0.4)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_eval_entities_doc_text_maps_tokens_and_spans() -> None:
    gold = GoldDoc(
        [Sentence(["New", "York", "rose"], ["I-LOC", "I-LOC", "O"]), Sentence(["Paris"], ["I-LOC"])]
    )
    text = doc_text(gold)
    assert text.text == "New York rose\nParis"
    found = list(text.token_spans([(0, 8), (14, 19), (1, 8)]))
    assert found[:2] == [(0, (0, 2)), (1, (0, 1))]
    sentence, misaligned = found[2]  # cuts a token: kept, but matches no gold span
    assert sentence == 0 and misaligned[0] < 0


def test_eval_entities_truecasing_keeps_offsets() -> None:
    text = "LEICESTERSHIRE BEAT SOMERSET IN THE UK\nLeicestershire beat Somerset at home."
    fixed = truecase_shouted_lines(text)
    assert len(fixed) == len(text)
    # short function words are lower-cased, other short words kept as acronyms
    assert fixed.split("\n")[0] == "Leicestershire beat Somerset in the UK"
    assert fixed.split("\n")[1] == text.split("\n")[1]
    assert truecase_shouted_lines("Nothing shouted here.") == "Nothing shouted here."
    headline = "CRICKET - ESSEX AND KENT MADE TO SWEAT IN TITLE RACE ."
    assert truecase_shouted_lines(headline) == "Cricket - Essex and Kent Made to Sweat in Title Race ."
    # a shouted fixture's "v" and a saint's "ST" are no acronyms
    assert truecase_shouted_lines("CRICKET - ENGLAND V PAKISTAN SCOREBOARD") == (
        "Cricket - England v Pakistan Scoreboard"
    )
    assert truecase_shouted_lines("ST LOUIS 69 65 .515 2 1/2") == "St Louis 69 65 .515 2 1/2"


def test_eval_entities_trim_span_edges() -> None:
    text = "the United States 's bid and Durham 114\nnext"
    assert text[slice(*trim_span(text, 0, 20))] == "United States"
    assert text[slice(*trim_span(text, 29, 39))] == "Durham"
    assert text[slice(*trim_span(text, 29, 44))] == "Durham"


def test_eval_entities_propagates_names_within_a_document() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Phil Simmons took four wickets . Simmons batted , and Phil Simmons bowled at Leicestershire .")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 14, 15, label="ORG")]
    got = {doc.text[s:e] for s, e in actor_mentions(doc, {"PERSON", "ORG"})}
    assert got == {"Phil Simmons", "Simmons", "Leicestershire"}
    assert len(actor_mentions(doc, {"PERSON", "ORG"})) == 4  # both "Phil Simmons", one lone "Simmons"
    assert len(actor_mentions(doc, {"PERSON", "ORG"}, propagate=False)) == 2


def test_eval_entities_evaluate_counts_every_gold_entity(conll_file: Path) -> None:
    figures = evaluate(conll_file)
    # 5 gold PER/ORG/LOC entities (German is MISC): each is either found or missed
    assert figures["tp"] + figures["fn"] == 5
    assert figures["docs"] == 2
    assert figures["tp"] >= 3  # "Antony Blinken", "Berlin", "London" at least
    assert 0.0 <= figures["p"] <= 1.0 and 0.0 <= figures["f1"] <= 1.0


@pytest.mark.slow
def test_eval_entities_gate_on_gold() -> None:
    if not GOLD.is_file():
        pytest.skip(f"gold data not found at {GOLD} (../shared/eval is not part of the repo)")
    floors = load_baseline().get("entities")
    if not floors:
        pytest.skip("no floors pinned for 'entities' in eval/baseline.json")
    metrics = evaluate(GOLD)
    assert check("entities", metrics, floors) == []
