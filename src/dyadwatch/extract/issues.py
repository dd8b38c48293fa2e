"""Stage ``dyadwatch.issues.v1``: issues of sentences, quotes and events, and the stance of each
dyad on each issue.

It runs after the actors, quotes and events stages and reads only their records:

- sentences are tagged with taxonomy issues (``issue_tagging``);
- each quote gets the issues it names (or those of its sentences), each event the issues its
  trigger is about in the parse, plus the issues' PLOVER contexts when the events stage gave none;
- ``analysis.issues`` gets one ``IssueStance`` per (dyad, issue) from evaluative cues and events
  (``stance``), with the speakers whose words carry it as voices.

>>> from dyadwatch.pipeline import analyze
>>> a = analyze("A key area of contention between the US and China is the South China Sea.")
>>> [(s.dyad, s.issue, s.stance) for s in a.issues]
[('CHN-USA', 'maritime', 'contention')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyadwatch.extract.issue_tagging import SentenceTags, issues_in, tag_sentences
from dyadwatch.extract.parties import dyads_for, event_dyad, main_dyad, parties_in
from dyadwatch.extract.stance import Evidence, aggregate, attach, cue_evidence, event_value, find_cues
from dyadwatch.extract.syntax import clause_head
from dyadwatch.model import Analysis, Event, Quote
from dyadwatch.ontology.taxonomy import Taxonomy, load_taxonomy


def _speaker_at(quotes: list[Quote], start: int, end: int) -> str | None:
    """The speaker of the quote that holds ``[start, end)``, if attributed."""
    for q in quotes:
        if q.speaker and q.span[0] <= start and end <= q.span[1]:
            return q.speaker
    return None


def _sentence_of(tagged: list[SentenceTags], start: int) -> SentenceTags | None:
    return next((s for s in tagged if s.span[0] <= start < s.span[1]), None)


def _dyads_by_issue(
    analysis: Analysis, doc: Doc, stags: SentenceTags, taxonomy: Taxonomy, main: tuple[str, str] | None
) -> dict[str, list[str]]:
    parties = parties_in(analysis, *stags.span, doc=doc)
    return {issue: dyads_for(parties, main, taxonomy.cue_countries(issue)) for issue in stags.issues}


def _event_issues(event: Event, doc: Doc, tagged: list[SentenceTags], generic: set[str]) -> list[str]:
    stags = _sentence_of(tagged, event.trigger[0])
    trigger = doc.char_span(*event.trigger, alignment_mode="expand")
    if stags is None or trigger is None or not stags.tags:
        return issues_in(tagged, *event.sentence_span)
    # The event's own clause (its verb and arguments, not clauses coordinated with it) names
    # what it is about: "conduct drills around the self-governed island" is taiwan.
    head = clause_head(trigger.root)
    skip = {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}
    clause = {t.i for t in head.subtree} - skip
    own = [t for t in stags.tags if t.issue not in generic and any(i in clause for i in range(*t.tokens))]
    out: list[str] = []
    for tag in attach(trigger, stags, generic) + own:
        if tag.issue not in out:
            out.append(tag.issue)
    return out


def _event_evidence(
    analysis: Analysis, tagged: list[SentenceTags], main: tuple[str, str] | None
) -> list[Evidence]:
    out = []
    for event in analysis.events:
        value = event_value(event.quad_class, event.modality, event.goldstein)
        dyad = event_dyad(event.source_country, event.target_country, main)
        if not value or not dyad or not event.issues:
            continue
        # An event with one known country says less about the pair than one with both.
        if not (event.source_country and event.target_country):
            value *= 0.5
        voice = event.reported_by or _speaker_at(analysis.quotes, *event.trigger)
        for issue in event.issues:
            out.append(Evidence(issue, dyad, value, event.sentence_span, voice))
    return out


def tag_issues(analysis: Analysis, doc: Doc) -> Analysis:
    """Fill quote and event issues, event contexts and ``analysis.issues`` (see module doc)."""
    taxonomy = load_taxonomy()
    tagged = tag_sentences(analysis, doc, taxonomy)
    hidden = taxonomy.unreported
    for quote in analysis.quotes:
        for issue in issues_in(tagged, *quote.span):
            if issue not in quote.issues and issue not in hidden:
                quote.issues.append(issue)
    for event in analysis.events:
        for issue in _event_issues(event, doc, tagged, taxonomy.generic):
            if issue not in event.issues and issue not in hidden:
                event.issues.append(issue)
        if not event.contexts:
            event.contexts = taxonomy.contexts_of(event.issues)

    main = main_dyad(analysis)
    evidence = _event_evidence(analysis, tagged, main)
    for stags in tagged:
        if not stags.tags:
            continue
        # Words naming a third party's conflict ("sanctions against the Russians", "Russia's war in
        # Ukraine, a conflict ...") describe the topic, not the dyad's relation on it.
        topics = [doc[t.tokens[0] : t.tokens[1]] for t in stags.tags if taxonomy.cue_countries(t.issue)]
        hits = find_cues(stags.sent, topics=topics)
        if not hits:
            continue
        dyads_of = _dyads_by_issue(analysis, doc, stags, taxonomy, main)
        for hit in hits:
            voice = _speaker_at(analysis.quotes, hit.span.start_char, hit.span.end_char)
            evidence += cue_evidence(hit, stags, dyads_of, voice, taxonomy.generic)
    analysis.issues = aggregate([e for e in evidence if e.issue not in hidden])
    return analysis
