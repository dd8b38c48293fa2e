"""Event extraction on real sentences of the two example articles (full pipeline)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from dyadwatch.extract.events import extract_events
from dyadwatch.model import Actor, Analysis, Article, Event
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.pipeline import analyze_articles

ARTICLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
COMMENTARY = ("000_3726996d2c31f0b6.txt", "2021-03-16")
REPORT = ("002_01e853f86da0fe41.txt", "2023-01-31")


@cache
def _analysis(name: str, published: str) -> Analysis:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    article = Article(id=name, text=text, published=published, published_precision="day")
    return next(analyze_articles([article]))


def _events(article: tuple[str, str], sentence_start: str, trigger: str) -> list[Event]:
    analysis = _analysis(*article)
    text = analysis.article.text
    # The trigger's own position: the parser may split a sentence before its first words.
    at = text.index(trigger, text.index(sentence_start))
    return [
        e
        for e in analysis.events
        if e.sentence_span[0] <= at < e.sentence_span[1] and text[e.trigger[0] : e.trigger[1]] == trigger
    ]


@pytest.mark.parametrize(
    ("article", "sentence", "trigger", "type_", "source_country", "target_country", "modality", "date"),
    [
        (REPORT, "Xi and Biden pledged in November", "pledged", "AGREE", "CHN", None, "asserted", "2022-11"),
        (REPORT, "A visit to Taiwan last August", "visit", "CONSULT", "USA", "TWN", "asserted", "2022-08"),
        (REPORT, "A visit to Taiwan last August", "drills", "MOBILIZE", "CHN", "TWN", "asserted", "2022-08"),
        (REPORT, "A visit to Taiwan last August", "suspend", "SANCTION", "CHN", "USA", "asserted", None),
        (
            REPORT,
            "Blinken and other US officials have stated",
            "furnishing",
            "AID",
            "CHN",
            "RUS",
            "negated",
            None,
        ),
        (REPORT, "Blinken is expected to press", "press", "REQUEST", "USA", None, "planned", None),
        (
            REPORT,
            "Washington and Beijing are too far apart",
            "meets",
            "CONSULT",
            "USA",
            "CHN",
            "planned",
            "2023-02-04",
        ),
        (
            COMMENTARY,
            "Chinese Foreign Minister Wang Yi accused",
            "accused",
            "ACCUSE",
            "CHN",
            "USA",
            "asserted",
            "2021-03",
        ),
        (COMMENTARY, "Australia was punished", "punished", "SANCTION", "CHN", "AUS", "asserted", None),
        (
            COMMENTARY,
            "UN Secretary-General Antonio Guterres in end-January",
            "urged",
            "REQUEST",
            "UNO",
            None,
            "asserted",
            "2021-01",
        ),
    ],
)
def test_events_article_sentences(
    article: tuple[str, str],
    sentence: str,
    trigger: str,
    type_: str,
    source_country: str,
    target_country: str | None,
    modality: str,
    date: str | None,
) -> None:
    events = _events(article, sentence, trigger)
    assert events, f"no event on {trigger!r}"
    match = [e for e in events if e.source_country == source_country]
    assert match, [(e.source, e.target) for e in events]
    event = match[0]
    assert event.type == type_
    if target_country is not None:
        assert any(e.target_country == target_country for e in match)
    assert event.modality == modality
    if date is not None:
        assert event.date == date
        assert event.date_evidence
        assert not event.date_inferred


def test_events_visit_has_mode_and_person_source() -> None:
    (visit,) = [
        e for e in _events(REPORT, "A visit to Taiwan last August", "visit") if e.target_country == "TWN"
    ]
    assert visit.source == "person:nancy-pelosi"
    assert visit.plover_mode == "visit"
    assert visit.cameo == "042"
    assert visit.quad_class == "verbal_cooperation"
    assert visit.date_precision == "month"
    assert visit.date_evidence == "last August"


def test_events_coordinated_targets_make_two_events() -> None:
    events = _events(COMMENTARY, "Blinken’s inaugural visit to South Korea and Japan", "visit")
    assert {e.target_country for e in events} == {"KOR", "JPN"}


def test_events_fallback_date_is_marked_inferred() -> None:
    (drills,) = _events(REPORT, "A visit to Taiwan last August", "drills")[:1]
    assert drills.date_inferred == (drills.date_evidence is None)
    assert drills.goldstein < 0 and drills.quad_class == "material_conflict"


def test_events_spans_index_article_text() -> None:
    analysis = _analysis(*REPORT)
    text = analysis.article.text
    assert analysis.events
    for event in analysis.events:
        start, end = event.trigger
        assert event.sentence_span[0] <= start < end <= event.sentence_span[1] <= len(text)
        assert text[start:end].strip() == text[start:end]


def test_events_reported_by_quote_speaker() -> None:
    text = "“China will invade Taiwan,” Admiral Michael Gilday said."
    doc = load_nlp()(text)
    china = Actor(id="CHN", name="China", kind="state", country="CHN", mentions=[(1, 6)])
    taiwan = Actor(id="TWN", name="Taiwan", kind="state", country="TWN", mentions=[(19, 25)])
    gilday = Actor(
        id="person:michael-gilday", name="Michael Gilday", kind="person", country="USA", mentions=[(36, 50)]
    )
    from dyadwatch.model import Quote

    quote = Quote(
        speaker=gilday.id,
        speaker_name="Michael Gilday",
        text="China will invade Taiwan,",
        span=(1, 26),
        cue="said",
        direct=True,
    )
    analysis = Analysis(
        article=Article(id="q", text=text, published="2023-01-31"),
        actors=[china, taiwan, gilday],
        quotes=[quote],
    )
    (event,) = extract_events(analysis, doc).events
    assert (event.source, event.target, event.type) == ("CHN", "TWN", "ASSAULT")
    assert event.modality == "planned"
    assert event.reported_by == gilday.id


def _coded(text: str, published: str) -> list[Event]:
    article = Article(id="t", text=text, published=published, published_precision="day")
    return next(analyze_articles([article])).events


def test_events_present_tense_dated_after_the_report_is_planned() -> None:
    # A present tense with a date after publication is a schedule; the same act dated before
    # the report happened.
    text = "Japanese Prime Minister Fumio Kishida meets Chinese President Xi Jinping in Beijing next week."
    (ahead,) = [e for e in _coded(text, "2023-01-31") if e.type == "CONSULT"]
    assert (ahead.source_country, ahead.target_country, ahead.modality) == ("JPN", "CHN", "planned")
    assert ahead.date is not None and ahead.date > "2023-01-31"
    past = "Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in Beijing last week."
    (done,) = [e for e in _coded(past, "2023-01-31") if e.type == "CONSULT"]
    assert done.modality == "asserted"


def test_events_in_a_time_phrase_with_their_own_doer_are_kept() -> None:
    # "their" takes up both subjects, so the meeting is between them, and being the setting of
    # the pledge (not its content) it is an event of its own.
    (meeting,) = _events(REPORT, "Xi and Biden pledged in November", "meeting")
    assert (meeting.source_country, meeting.target_country, meeting.type) == ("CHN", "USA", "CONSULT")
    assert meeting.date == "2022-11"


def test_events_light_verb_phrase_is_the_nouns() -> None:
    # "held naval exercises off X": the light verb's phrase carries the noun's target.
    text = "Russia held naval exercises off the coast of Japan on Tuesday."
    assert ("RUS", "JPN", "MOBILIZE") in {
        (e.source_country, e.target_country, e.type) for e in _coded(text, "2021-06-01")
    }


def test_events_caused_act_takes_the_date_of_its_cause() -> None:
    text = (
        "A visit to Taiwan last August by US House Speaker Nancy Pelosi prompted China to "
        "suspend talks with Washington on climate change."
    )
    (suspend,) = [e for e in _coded(text, "2023-01-31") if e.type == "SANCTION"]
    assert (suspend.date, suspend.date_precision) == ("2022-08", "month")


def test_events_future_act_announced_by_its_own_side_is_intent() -> None:
    # CAMEO codes an actor's announced intention as 03x; a third party's report stays the act.
    own = "Japan will provide emergency food aid to the Philippines, a Japanese foreign ministry spokesman said on Monday."
    (intent,) = _coded(own, "2020-01-01")
    assert (intent.type, intent.cameo, intent.target_country) == ("AGREE", "033", "PHL")
    other = "Japan will provide emergency food aid to the Philippines, Philippine officials said on Monday."
    (act,) = _coded(other, "2020-01-01")
    assert (act.type, act.modality) == ("AID", "planned")
