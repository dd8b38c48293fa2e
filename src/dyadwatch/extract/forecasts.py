"""Stage ``dyadwatch.forecasts.v1``: predictive statements with speaker, subject, dyad and horizon.

For each forecast found by ``forecast_detect``:

- speaker: the named predictor ("Minihan predicted ..."), else the speaker of the quote holding
  it, else None (the article's author);
- subject: the issue the predicted clause names (specific issues before generic ones), else the
  sentence's; dyad: from the party countries of the sentence, as for issue stances;
- horizon: the latest time in the clause resolved against the publication date ("in two years"
  in January 2023 -> 2025), status open/due/past against ``as_of`` (``$DYADWATCH_AS_OF``, today);
- likelihood from modals and markers, polarity from the clause's words and events.

>>> from dyadwatch.pipeline import analyze
>>> a = analyze("WASHINGTON, Jan 31, 2023 - Admiral Mike Minihan predicted the US and China would be at war in two years.")
>>> [(f.horizon, f.polarity, f.likelihood) for f in a.forecasts]
[('2025', 'conflict', 'likely')]
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from dyadwatch.extract.forecast_detect import Candidate, find_candidates, load_forecast_cues, polarity_of
from dyadwatch.extract.issue_tagging import SentenceTags, tag_sentences
from dyadwatch.extract.parties import dyads_for, main_dyad, parties_in
from dyadwatch.model import Analysis, Forecast
from dyadwatch.nlp.horizons import horizon_of, status_of
from dyadwatch.ontology.taxonomy import Taxonomy, load_taxonomy


def _speaker(analysis: Analysis, cand: Candidate) -> str | None:
    if cand.predictor is not None:
        pred = cand.predictor
        actor = analysis.actor_at(pred.idx, pred.idx + len(pred))
        if actor is not None:
            return actor.id
    start, end = cand.clause.start_char, cand.clause.end_char
    for quote in analysis.quotes:
        if quote.speaker and quote.span[0] < end and start < quote.span[1]:
            return quote.speaker
    return None


def _subject(stags: SentenceTags, clause: Span, taxonomy: Taxonomy) -> str | None:
    hidden = taxonomy.unreported
    inside = [t for t in stags.tags if clause.start_char <= t.span[0] and t.span[1] <= clause.end_char]
    for pool in (inside, stags.tags):
        ranked = sorted(
            (t for t in pool if t.issue not in hidden),
            key=lambda t: (t.issue in taxonomy.generic, -t.weight, t.span),
        )
        if ranked:
            return ranked[0].issue
    return None


def _context_text(sent: Span, clause: Span) -> str:
    """The sentence without the time adjuncts of a main verb outside the clause: "said *on
    Monday*" dates the saying, not what is predicted."""
    root = sent.root
    drop: set[int] = set()
    if not (clause.start <= root.i < clause.end):
        for child in root.children:
            if child.dep_ in {"prep", "npadvmod", "advmod"} and not (
                child.left_edge.i <= clause.start and clause.end <= child.right_edge.i + 1
            ):
                drop.update(range(child.left_edge.i, child.right_edge.i + 1))
    return "".join(t.text_with_ws for t in sent if t.i not in drop)


def _attributed(analysis: Analysis, char: int) -> bool:
    return any(q.span[0] <= char < q.span[1] for q in analysis.quotes)


def extract_forecasts(analysis: Analysis, doc: Doc, as_of: str | date | None = None) -> Analysis:
    """Fill ``analysis.forecasts`` (see module doc)."""
    taxonomy = load_taxonomy()
    cues = load_forecast_cues()
    base = analysis.article.published
    main = main_dyad(analysis)
    forecasts: list[Forecast] = []
    for stags in tag_sentences(analysis, doc, taxonomy):
        sent = stags.sent
        for cand in find_candidates(sent, lambda c: _attributed(analysis, c), cues):
            clause = cand.clause
            start, end = clause.start_char, clause.end_char
            quads = [e.quad_class for e in analysis.events if start <= e.trigger[0] < end]
            subject = _subject(stags, clause, taxonomy)
            # Countries that are any tagged issue's topic (Taiwan, Russia) are not the parties.
            topic = {c for issue in stags.issues for c in taxonomy.cue_countries(issue)}
            dyads = dyads_for(parties_in(analysis, sent.start_char, sent.end_char, doc), main, topic)
            horizon = horizon_of(clause.text, base) or horizon_of(_context_text(sent, clause), base)
            forecasts.append(
                Forecast(
                    speaker=_speaker(analysis, cand),
                    text=clause.text,
                    span=(start, end),
                    subject=subject,
                    dyad=dyads[0] if dyads else None,
                    horizon=horizon[0] if horizon else None,
                    polarity=polarity_of(clause, cues, quads),
                    likelihood=cand.likelihood,
                    status=status_of(horizon[0] if horizon else None, as_of),
                    cue=cand.cue,
                    sentence_span=(sent.start_char, sent.end_char),
                    horizon_precision=horizon[1] if horizon else None,
                    horizon_evidence=horizon[2] if horizon else None,
                )
            )
    analysis.forecasts = forecasts
    return analysis
