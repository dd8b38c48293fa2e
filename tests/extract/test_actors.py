"""Actor stage: golden actors of the founding articles and resolution rules on real sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.model import Actor, Analysis
from dyadwatch.pipeline import analyze

GOLDEN = json.loads(
    (Path(__file__).parents[1] / "golden" / "examples_spine.json").read_text(encoding="utf-8")
)
CASES = [
    (name, actor) for name, spec in GOLDEN.items() if not name.startswith("_") for actor in spec["actors"]
]


def _actor_of(text: str, mention: str) -> tuple[Analysis, Actor]:
    """The analysis of ``text`` and the actor its first ``mention`` resolves to."""
    analysis = analyze(text)
    start = text.index(mention)
    actor = analysis.actor_at(start, start + len(mention))
    assert actor is not None, [a.id for a in analysis.actors]
    return analysis, actor


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[f"{n[:3]}-{a['id']}" for n, a in CASES])
def test_actors_golden_examples(
    example_analyses: dict[str, Analysis], name: str, expected: dict[str, object]
) -> None:
    analysis = example_analyses[name]
    actor = analysis.actor(str(expected["id"]))
    assert actor is not None, f"{expected['id']} not found; got {[a.id for a in analysis.actors]}"
    for field in ("country", "sector", "role", "affiliation", "kind"):
        if field in expected:
            assert getattr(actor, field) == expected[field], field
    assert len(actor.mentions) >= int(str(expected["min_mentions"]))


@pytest.mark.parametrize("name", [n for n in GOLDEN if not n.startswith("_")])
def test_actors_no_title_fragments_or_credits(example_analyses: dict[str, Analysis], name: str) -> None:
    ids = {a.id for a in example_analyses[name].actors}
    assert not ids & set(GOLDEN[name]["forbidden_actor_ids"])


@pytest.mark.parametrize("name", [n for n in GOLDEN if not n.startswith("_")])
def test_actors_mentions_index_the_text(example_analyses: dict[str, Analysis], name: str) -> None:
    analysis = example_analyses[name]
    text = analysis.article.text
    for actor in analysis.actors:
        for start, end in actor.mentions:
            mention = text[start:end]
            assert mention.strip() == mention and mention, (actor.id, mention)
        if actor.kind == "person":
            surname = actor.name.split()[-1]
            assert all(surname in text[s:e] or text[s:e] in actor.name for s, e in actor.mentions), actor.id


@pytest.mark.parametrize("name", [n for n in GOLDEN if not n.startswith("_")])
def test_actors_caption_mentions_are_flagged(example_analyses: dict[str, Analysis], name: str) -> None:
    analysis = example_analyses[name]
    for actor_id in GOLDEN[name]["caption_actors"]:
        actor = analysis.actor(actor_id)
        assert actor is not None and actor.caption_mentions, actor_id
        assert all(s >= analysis.article.body_end for s, _ in actor.caption_mentions)


def test_actors_surname_only_mentions_resolve(example_analyses: dict[str, Analysis]) -> None:
    analysis = example_analyses["002_01e853f86da0fe41.txt"]
    swaine = analysis.actor("person:michael-swaine")
    assert swaine is not None
    texts = [analysis.article.text[s:e] for s, e in swaine.mentions]
    assert texts.count("Swaine") >= 4  # "Swaine said", "said Swaine", "with Swaine"


@pytest.mark.parametrize(
    ("sentence", "mention", "actor_id", "country", "sector"),
    [
        (
            "Chinese Foreign Minister Wang Yi accused the US of disrupting regional stability.",
            "Wang Yi",
            "person:wang-yi",
            "CHN",
            "GOV",
        ),
        (
            "The climate in Capitol Hill is also less conducive to compromise with Beijing.",
            "Capitol Hill",
            "USA:LEG",
            "USA",
            "LEG",
        ),
        (
            "The climate in Capitol Hill is also less conducive to compromise with Beijing.",
            "Beijing",
            "CHN:GOV",
            "CHN",
            "GOV",
        ),
        (
            "Blinken defines that position as a united front with Seoul and Tokyo against threats.",
            "Seoul",
            "KOR:GOV",
            "KOR",
            "GOV",
        ),
        (
            "Blinken defines that position as a united front with Seoul and Tokyo against threats.",
            "Tokyo",
            "JPN:GOV",
            "JPN",
            "GOV",
        ),
        (
            "They see no evidence of weapons going to the Kremlin, officials said.",
            "Kremlin",
            "RUS:GOV",
            "RUS",
            "GOV",
        ),
        (
            "Russia is likely to be the only front for possible progress, US analysts said on Monday.",
            "US analysts",
            "USA:EDU",
            "USA",
            "EDU",
        ),
        (
            "Top US diplomat Antony Blinken will meet with Chinese officials in Alaska.",
            "Chinese officials",
            "CHN:GOV",
            "CHN",
            "GOV",
        ),
        (
            "Mike Minihan, the head of US Air Mobility Command, predicted war.",
            "Mike Minihan",
            "person:mike-minihan",
            "USA",
            "MIL",
        ),
    ],
)
def test_actors_resolve_sentence(
    sentence: str, mention: str, actor_id: str, country: str, sector: str
) -> None:
    analysis = analyze(sentence)
    start = sentence.index(mention)
    actor = analysis.actor_at(start, start + len(mention))
    assert actor is not None, [a.id for a in analysis.actors]
    assert (actor.id, actor.country, actor.sector) == (actor_id, country, sector)


def test_actors_unknown_person_takes_role_from_appositive() -> None:
    text = (
        "Maria Lopez, a senior fellow at the Brookings Institution, said the talks would fail. "
        "Lopez added that Washington should wait."
    )
    analysis = analyze(text)
    person = analysis.actor("person:maria-lopez")
    assert person is not None
    assert (person.role, person.affiliation, person.country, person.sector) == (
        "senior fellow", "Brookings Institution", "USA", "EDU"
    )  # fmt: skip
    assert len(person.mentions) == 2


def test_actors_role_depends_on_article_date() -> None:
    old = analyze(
        "January 5, 2016\n\nSecretary of State John Kerry met Chinese officials in Beijing on Monday."
    )
    new = analyze(
        "January 5, 2023\n\nJohn Kerry met Chinese officials in Beijing on Monday to discuss climate."
    )
    assert old.actor("person:john-kerry").role == "Secretary of State"  # type: ignore[union-attr]
    assert new.actor("person:john-kerry").role == "Special Presidential Envoy for Climate"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # titles before a name that say what the person is stay
        ("Democratic presidential nominee Hillary Clinton spoke in Ohio on Monday.", "person:hillary-clinton",
         "Democratic presidential nominee"),
        ("The 57-year-old accountant Maria Lopez was arrested in Aleppo.", "person:maria-lopez", "accountant"),
        # a form of address, a date or an event that befell the person is no role
        ("Mr. Tom Brennan told reporters the deal was done.", "person:tom-brennan", None),
        ("Police are investigating the murder of Teazers strip club owner Lolly Jackson.", "person:lolly-jackson", None),
        ("Thursday evening Hillary Clinton told supporters in Iowa she would win.", "person:hillary-clinton", None),
    ],
)  # fmt: skip
def test_actors_role_is_what_the_person_is(sentence: str, name: str, role: str | None) -> None:
    person = analyze(sentence).actor(name)
    assert person is not None
    assert person.role == role


def test_actors_anti_prefix_names_the_state_not_a_group() -> None:
    # "anti-Syria journalist": Syria is named as a stance, not as the journalist's country.
    analysis = analyze("A prominent anti-Syria journalist has been killed in a car bomb in Beirut.")
    assert analysis.actor("SYR:JRN") is None
    assert analysis.actor("SYR") is not None


@pytest.mark.parametrize(
    ("text", "mention", "actor_id"),
    [
        # the body's own modifier names its country
        ("Peru's Congress voted on Tuesday to impeach the president.", "Congress", "PER:LEG"),
        ("The Philippine Senate rejected the treaty with the United States.", "Senate", "PHL:LEG"),
        # the setting of its sentence
        ("In Brazil, the Senate approved the pension reform on Wednesday.", "Senate", "BRA:LEG"),
        # the article's setting in other sentences
        (
            "Peruvian lawmakers met on Monday. Congress voted on Tuesday to impeach President Pedro Castillo.",
            "Congress",
            "PER:LEG",
        ),
        # a country only acted upon is no setting; US contexts keep the US Congress
        ("Congress approved new sanctions on Russia on Wednesday.", "Congress", "org:us-congress"),
        ("Republicans in Congress criticized China over its trade practices.", "Congress", "org:us-congress"),
        (
            "Chinese officials met in Beijing. US analysts said Congress would block the deal.",
            "Congress",
            "org:us-congress",
        ),
    ],
)
def test_actors_bare_legislature_takes_country_from_context(text: str, mention: str, actor_id: str) -> None:
    analysis, actor = _actor_of(text, mention)
    assert actor.id == actor_id
    assert analysis.actor("org:us-congress") is None or actor_id == "org:us-congress"


@pytest.mark.parametrize(
    "text",
    [
        "The Liberation Tigers of Tamil Eelam (LTTE) attacked a navy base, Sri Lankan officials said.",
        "The LTTE rejected the government's offer of talks on Monday.",
        "The Tigers said they would resume talks with Colombo.",
    ],
)
def test_actors_tamil_tigers_are_a_sri_lankan_rebel_group(text: str) -> None:
    analysis = analyze(text)
    countries = {a.country for a in analysis.actors} | {e.source_country for e in analysis.events}
    assert "SWZ" not in countries
    ltte = analysis.actor("org:ltte")
    if "Tigers said" not in text:
        assert ltte is not None and (ltte.country, ltte.sector) == ("LKA", "REB")
        assert analysis.events[0].source_country == "LKA"


def test_actors_east_timor_is_tls() -> None:
    analysis = analyze("East Timor's president met Indonesian officials in Dili on Monday.")
    assert "TMP" not in {a.country for a in analysis.actors}
    assert "TLS" in {a.country for a in analysis.actors}
    assert {e.source_country for e in analysis.events} <= {"TLS", "IDN"}


def test_actors_transnational_rebel_code_is_not_a_country() -> None:
    # Phoenix codes the group INTREB; "INT" is no country and must not spread to the police.
    analysis = analyze("The Islamic Salvation Front attacked a police station in the capital.")
    codes = {a.country for a in analysis.actors} | {e.source_country for e in analysis.events}
    assert "INT" not in codes
    assert analysis.events[0].source_country in {None, "IMG", "DZA"}


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # A country's groups take its adjective, not the noun for one of its people.
        (
            "New Zealand officials said defence funding would rise, Finance Minister Bill English said.",
            "New Zealand officials",
            "New Zealand government",
        ),
        (
            "Philippine officials protested to Beijing over the shoal.",
            "Philippine officials",
            "Philippine government",
        ),
    ],
)
def test_actors_group_names_use_the_countrys_adjective(text: str, mention: str, name: str) -> None:
    assert _actor_of(text, mention)[1].name == name
