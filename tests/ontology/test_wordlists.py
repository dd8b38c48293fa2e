"""Word-list YAML: on/off/yes/no are words, true/false stay booleans."""

from __future__ import annotations

from dyadwatch.ontology.wordlists import load_word_yaml


def test_wordlists_keep_on_off_yes_no_as_words() -> None:
    data = load_word_yaml(
        "call: [for, on]\nswitch: [off, On]\nanswer: [yes, no]\nreplace: true\nkeep: False\n"
    )
    assert data == {
        "call": ["for", "on"],
        "switch": ["off", "On"],
        "answer": ["yes", "no"],
        "replace": True,
        "keep": False,
    }


def test_wordlists_shipped_cues_keep_their_prepositions() -> None:
    from dyadwatch.extract.quote_cues import load_cues

    cues = load_cues()
    assert "on" in cues.prepositional["call"] and "on" in cues.prepositional["focus"]
