"""Tag sentences with issues from the taxonomy: phrases, syntax pairs, actor cues, and the topic
carried over from the previous sentence of the same paragraph.

Phrase lists catch the names of an issue; the dependency parse catches paraphrase ("restrictions
on exports"); actor cues catch references the words alone miss (any mention resolved to Taiwan
tags ``taiwan``, whatever it is called). A sentence with no tag of its own inherits, at half
weight, the tags of the sentence before it in its paragraph ("Thursday's meeting could extend
long-sought focus ..." after a sentence about climate action).

>>> from dyadwatch.nlp.loader import load_nlp
>>> from dyadwatch.model import Analysis, Article
>>> text = "Export controls on chips hurt. It was bad. Beijing claims the self-governed island."
>>> tagged = tag_sentences(Analysis(Article(id="x", text=text)), load_nlp()(text))
>>> [(s.issues, s.carried) for s in tagged]
[(['technology'], False), (['technology'], True), (['taiwan'], False)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span

from dyadwatch.extract.lexicon import Match, PhraseIndex, doc_forms, longest_first, syntax_matches
from dyadwatch.model import Analysis
from dyadwatch.nlp.doc_cache import doc_text
from dyadwatch.ontology.taxonomy import Taxonomy, load_taxonomy

ACTOR_CUE_WEIGHT = 0.8
CARRY_WEIGHT = 0.5


@dataclass(frozen=True)
class IssueTag:
    """One reason a sentence is about an issue: ``tokens`` and ``span`` locate the words."""

    issue: str
    tokens: tuple[int, int]
    span: tuple[int, int]
    source: str  # phrase | syntax | actor | carried
    weight: float
    cue_country: str | None = None


@dataclass
class SentenceTags:
    """A sentence with its issue tags; ``carried`` when they come from the sentence before."""

    index: int
    sent: Span
    paragraph: int
    tags: list[IssueTag] = field(default_factory=list)
    carried: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.sent.start_char, self.sent.end_char

    @property
    def issues(self) -> list[str]:
        out: list[str] = []
        for tag in self.tags:
            if tag.issue not in out:
                out.append(tag.issue)
        return out

    def tags_within(self, start: int, end: int) -> list[IssueTag]:
        return [t for t in self.tags if start <= t.span[0] and t.span[1] <= end]


@dataclass(frozen=True)
class _Matchers:
    phrases: PhraseIndex[str]
    excludes: PhraseIndex[str]
    syntax: tuple[tuple[tuple[str, str], str], ...]


@cache
def _matchers(taxonomy: Taxonomy) -> _Matchers:
    issues = taxonomy.issues.values()
    return _Matchers(
        phrases=PhraseIndex((p, i.key) for i in issues for p in i.phrases),
        excludes=PhraseIndex((p, i.key) for i in issues for p in i.exclude),
        syntax=tuple((pair, i.key) for i in issues for pair in i.syntax),
    )


def _word_tags(sent: Span, taxonomy: Taxonomy) -> list[IssueTag]:
    m = _matchers(taxonomy)
    forms = doc_forms(sent)
    excluded = m.excludes.find(sent, forms)
    found: list[Match[str]] = []
    for match in m.phrases.find(sent, forms):
        if not any(x.key == match.key and x.start < match.end and match.start < x.end for x in excluded):
            found.append(match)
    # Longest match wins across issues ("war against Ukraine" is russia_ukraine, not military).
    phrase_tags = longest_first(found)
    syntax_tags = syntax_matches(sent, m.syntax)
    doc = sent.doc
    out = []
    for match, source in [(x, "phrase") for x in phrase_tags] + [(x, "syntax") for x in syntax_tags]:
        span = doc[match.start : match.end]
        out.append(
            IssueTag(match.key, (match.start, match.end), (span.start_char, span.end_char), source,
                     taxonomy[match.key].weight)
        )  # fmt: skip
    return out


def _actor_tags(analysis: Analysis, sent: Span, taxonomy: Taxonomy, taken: list[IssueTag]) -> list[IssueTag]:
    out: list[IssueTag] = []
    start, end = sent.start_char, sent.end_char
    for issue in taxonomy.values():
        if not issue.actors:
            continue
        for actor in analysis.actors:
            if actor.id not in issue.actors and actor.country not in issue.actors:
                continue
            for ms, me in actor.mentions:
                if not (start <= ms and me <= end):
                    continue
                if any(t.span[0] < me and ms < t.span[1] for t in taken + out):
                    continue
                span = sent.doc.char_span(ms, me, alignment_mode="expand")
                if span is None:
                    continue
                country = actor.country if actor.country in issue.actors else None
                out.append(
                    IssueTag(issue.key, (span.start, span.end), (ms, me), "actor",
                             ACTOR_CUE_WEIGHT * issue.weight, country)
                )  # fmt: skip
    return out


def paragraph_of(text: str, offset: int) -> int:
    """Paragraph number of a character offset (paragraphs are separated by blank lines)."""
    return text.count("\n\n", 0, offset)


# The word and syntax tags of a sentence depend on the doc and the taxonomy only, and the issue
# and forecast stages both tag the same doc one after the other: keep the last doc's.
_last_words: tuple[Doc, Taxonomy, dict[int, list[IssueTag]]] | None = None


def _word_tags_memo(doc: Doc, taxonomy: Taxonomy) -> dict[int, list[IssueTag]]:
    global _last_words
    if _last_words is None or _last_words[0] is not doc or _last_words[1] is not taxonomy:
        _last_words = (doc, taxonomy, {})
    return _last_words[2]


def tag_sentences(analysis: Analysis, doc: Doc, taxonomy: Taxonomy | None = None) -> list[SentenceTags]:
    """Every sentence of the doc with its issue tags, in order."""
    taxonomy = taxonomy or load_taxonomy()
    text = doc_text(doc)
    memo = _word_tags_memo(doc, taxonomy)
    out: list[SentenceTags] = []
    for index, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        words = memo.get(sent.start)
        if words is None:
            words = memo[sent.start] = _word_tags(sent, taxonomy)
        tags = sorted(words + _actor_tags(analysis, sent, taxonomy, words), key=lambda t: t.span)
        here = SentenceTags(index, sent, paragraph_of(text, sent.start_char), tags)
        prev = out[-1] if out else None
        if not tags and prev is not None and prev.paragraph == here.paragraph and prev.tags:
            root = sent.root
            anchor = (root.i, root.i + 1)
            here.tags = [
                IssueTag(t.issue, anchor, (root.idx, root.idx + len(root)), "carried",
                         t.weight * CARRY_WEIGHT, t.cue_country)
                for t in prev.tags
            ]  # fmt: skip
            here.carried = True
        out.append(here)
    return out


def issues_in(tagged: list[SentenceTags], start: int, end: int) -> list[str]:
    """Issues of the words in ``[start, end)``; else of the sentences that overlap it.

    Used for quotes and events: a quote is about the issues it names, and when it names none,
    about the topic of the sentences it sits in.
    """
    own: list[str] = []
    around: list[str] = []
    for s in tagged:
        s_start, s_end = s.span
        if s_end <= start or s_start >= end:
            continue
        for tag in s.tags:
            inside = tag.source != "carried" and start <= tag.span[0] and tag.span[1] <= end
            bucket = own if inside else around
            if tag.issue not in bucket:
                bucket.append(tag.issue)
    return own or around
