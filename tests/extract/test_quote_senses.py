"""Cue words that report nothing: force, hearsay participles, datelines (real sentences)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyadwatch.extract.quote_cues import load_cues
from dyadwatch.extract.quote_senses import is_force, past_dateline, reduced_passive
from dyadwatch.nlp.loader import load_nlp


def _doc(text: str) -> Doc:
    return load_nlp()(text)


def _tok(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_attack_on_troops_is_force_and_on_a_rival_is_words() -> None:
    lex = load_cues()
    # Sentences of the news corpus and PolNeAR: the content is the attack's target.
    text = "Rebels stepped up their attacks on government forces."
    doc = _doc(text)
    assert is_force(_tok(doc, "attacks"), _tok(doc, "their"), _span(text, "government forces"), lex)
    text = "Trump attacked Clinton over her emails."
    doc = _doc(text)
    assert not is_force(_tok(doc, "attacked"), _tok(doc, "Trump"), _span(text, "Clinton"), lex)


def test_a_hearsay_participle_between_commas_is_no_speech_act() -> None:
    lex = load_cues()
    doc = _doc("The Syrian Kurd militia, said to number 10,000 fighters in Afrin, is not giving an inch.")
    assert reduced_passive(_tok(doc, "said"), lex)
    doc = _doc("The minister, speaking to reporters, said by then the talks would be over.")
    assert not reduced_passive(_tok(doc, "said"), lex)
    doc = _doc("Pam Bondi, the attorney general, vowed to go after anyone who attacks the community.")
    assert not reduced_passive(_tok(doc, "vowed"), lex)


def test_a_dateline_taken_for_the_subject_gives_way_to_the_speaker() -> None:
    text = "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell a story."
    doc = _doc(text)
    washington = _tok(doc, "WASHINGTON")
    assert past_dateline(washington, text).text == "Obama"
    text = "Analysts in WASHINGTON said the deal would hold."
    doc = _doc(text)
    assert past_dateline(_tok(doc, "Analysts"), text).text == "Analysts"
