"""Cleaning scraped text: chrome, cross-links, prompts and footers go; captions are set apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.ingest.clean import clean_text, is_caption


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Hamburger Menu Close",
        "top of page",
        "bottom of page",
        "READ: Top US, China diplomats will hold first in-person talks under Biden admin",
        "SIGN UP: For CNA’s Commentary weekly newsletter to explore issues beyond the headlines",
    ],
)
def test_clean_drops_site_chrome(line: str) -> None:
    out = clean_text(
        f"{line}\nWashington and Beijing are too far apart on most outstanding bilateral issues."
    )
    assert out.paragraphs == [
        "Washington and Beijing are too far apart on most outstanding bilateral issues."
    ]
    assert out.removed == [line]


def test_clean_source_footer_becomes_metadata() -> None:
    out = clean_text(
        "Any degree of Sino-US convergence will be of value to allies in Asia.\n\nSource: CNA/cr"
    )
    assert out.source_credit == "CNA/cr"
    assert all("Source" not in p for p in out.paragraphs)


@pytest.mark.parametrize(
    "caption",
    [
        "Top US diplomat Antony Blinken will meet with Chinese officials in Alaska. (Photo: AFP/SAUL LOEB)",
        "US Secretary of State Antony Blinken speaks in Jerusalem, Israel, on Monday. Photo: EPA-EFE",
        "A screen shows Chinese Premier Li Keqiang speaking during a virtual summit. (VNA via AP)",
    ],
)
def test_clean_recognises_captions(caption: str) -> None:
    assert is_caption(caption)
    out = clean_text(f"Body paragraph about the talks in Alaska.\n{caption}")
    assert out.captions == [caption]


def test_clean_body_paragraph_is_not_a_caption() -> None:
    para = "Blinken and other US officials have stated repeatedly that they see no evidence of weapons."
    assert not is_caption(para)


def _seed_paragraphs() -> list[str]:
    examples = Path(__file__).resolve().parents[2] / "examples" / "articles"
    text = sorted(examples.glob("*.txt"))[1].read_text(encoding="utf-8")
    return [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines() if line.strip()]


def test_hard_wrapped_paragraphs_are_joined_back() -> None:
    import textwrap

    from dyadwatch.ingest.clean import split_paragraphs

    paragraphs = _seed_paragraphs()
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    assert split_paragraphs(wrapped) == paragraphs


def test_a_wrapped_copy_is_the_same_article() -> None:
    import textwrap

    from dyadwatch.ingest.documents import RawDocument, prepare_article

    paragraphs = _seed_paragraphs()
    plain = prepare_article(RawDocument(text="\n".join(paragraphs)))
    wrapped = prepare_article(RawDocument(text="\n\n".join(textwrap.fill(p, 64) for p in paragraphs)))
    assert wrapped.id == plain.id
    assert wrapped.text == plain.text


def test_lines_that_are_paragraphs_stay_apart() -> None:
    from dyadwatch.ingest.clean import split_paragraphs

    # a scraped page's short one-sentence paragraphs end in punctuation: nothing is joined
    paragraphs = [p for p in _seed_paragraphs() if len(p) < 100][:12]
    assert split_paragraphs("\n".join(paragraphs)) == paragraphs
