"""Event sources and targets read off the parse: partitives, stranded prepositions, role groups.

Each sentence runs through the full pipeline; the expected triples are what a coder reads there.
"""

from __future__ import annotations

import pytest

from dyadwatch.model import Article
from dyadwatch.pipeline import analyze_articles


def _triples(text: str) -> set[tuple[str | None, str | None, str]]:
    analysis = next(analyze_articles([Article(id="t", text=text, published="2020-01-01")]))
    return {(e.source_country, e.target_country, e.type) for e in analysis.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "thousands of students": the quantity's "of" object is the actor.
        (
            "Thousands of students throughout Kenya staged demonstrations on Friday to demand lower fees.",
            ("KEN", "KEN", "PROTEST"),
        ),
        # The parser leaves "to" without an object ("officers" becomes the subject of "holed").
        (
            "Mexico has granted asylum to three Honduran army officers holed up in its embassy.",
            ("MEX", "HND", "AID"),
        ),
        # A role noun with a demonym is that country's group, so a domestic target survives.
        (
            "Jordan will allow up to 5,000 Jordanian refugees who fled to Syria to return home.",
            ("JOR", "JOR", "AGREE"),
        ),
        # A person no dictionary places belongs to the country named nearest in the sentence.
        (
            "Judge Marta Quispe opened fraud investigations against 14 Peruvian government officials.",
            ("PER", "PER", "ACCUSE"),
        ),
        # An international body by its name, and an official by the body in their title.
        (
            "The International Fisheries Office urged Iceland to cut its whaling quota.",
            ("IGO", "ISL", "REQUEST"),
        ),
        (
            "Arab League envoy Samir Haddad urged Israel to halt settlement building.",
            ("IGO", "ISR", "REQUEST"),
        ),
        # No named doer: the act is coded to the country where it happened.
        (
            "A car bomb near the town of Kandahar killed three Canadian soldiers on Monday.",
            ("AFG", "CAN", "ASSAULT"),
        ),
        (
            "Two British tourists were arrested in Cairo on Friday.",
            ("EGY", "GBR", "COERCE"),
        ),
        # A complaint is about what it complains of; the addressee only receives it.
        (
            "Syria complained to the United Nations on Monday over Turkish shelling of its border villages.",
            ("SYR", "TUR", "ACCUSE"),
        ),
        # The object moved after the "as" phrase is still the object.
        (
            "Greece on Monday condemned as a provocation Turkey's decision to send a survey ship.",
            ("GRC", "TUR", "ACCUSE"),
        ),
        # An active conjunct of a passive shares its subject, not its agent.
        (
            "Peru's interior minister has been censured by Congress and will resign.",
            ("PER", None, "RETREAT"),
        ),
        # "anti-Iran" is a stance, not the cleric's country: the place of the killing decides.
        (
            "An anti-Iran cleric was killed in a bomb blast in Baghdad on Friday.",
            ("IRQ", "IRQ", "ASSAULT"),
        ),
        # "launched ... fire against X" is an attack on X.
        (
            "Israeli forces launched rocket fire against Hezbollah positions in southern Lebanon on Sunday.",
            ("ISR", "LBN", "ASSAULT"),
        ),
        # An infinitive the parser attaches as an adverbial clause is still the vow's content.
        (
            "Kurdish rebels have sworn to fight until Turkey grants them autonomy, officials said.",
            ("TUR", "TUR", "THREATEN"),
        ),
        # A demand's addressee is the subject of the clause saying what is demanded.
        (
            "Amnesty International reiterated its demand today that Israel ease restrictions on the "
            "movement of Palestinian workers.",
            ("NGO", "ISR", "REQUEST"),
        ),
        # A statement speaks for its issuer.
        (
            "The Kurdistan Workers' Party issued a statement urging the Turkish government to end "
            "military operations in the southeast.",
            ("TUR", "TUR", "REQUEST"),
        ),
        # The parser makes "operating" the subject; coordinated demonyms make two groups.
        (
            "The World Health Organization operating in Yemen said Saudi and Emirati forces must allow "
            "medical supplies into the port.",
            ("IGO", "ARE", "REQUEST"),
        ),
        # A noun trigger modifying a light head takes the head's phrases ("mediation effort
        # between X and Y"); "the Emirates" is the UAE.
        (
            "Kuwait launched a mediation effort on Sunday between the Emirates and Qatar.",
            ("KWT", "ARE", "CONSULT"),
        ),
        # "outside of" places an act with no named doer like "outside".
        (
            "Two Canadian soldiers were killed by a roadside bomb outside of the Afghan city of Kandahar.",
            ("AFG", "CAN", "ASSAULT"),
        ),
        # Tightening a blockade is imposing one (CAMEO 191).
        ("India tightened the blockade of the Nepalese border towns.", ("IND", "NPL", "COERCE")),
        # A participle adding a deed of another kind is a second act.
        (
            "Turkish police fired tear gas to disperse protesters in Istanbul on Saturday, injuring dozens "
            "and detaining 40, witnesses said.",
            ("TUR", "TUR", "COERCE"),
        ),
        # Withdrawing monitors is CAMEO 1662 (reduce relations), not a retreat; the OSCE is an IGO.
        ("The OSCE withdrew its observers from eastern Ukraine on Friday.", ("IGO", "UKR", "SANCTION")),
        # A partnership needs a partner: the one other actor of its phrase, time phrases included.
        (
            "Vietnam pledged a comprehensive strategic partnership during Australia's state visit.",
            ("VNM", "AUS", "AGREE"),
        ),
        # A peacekeeping force is a military group placed by its "in" phrase, so the troops'
        # recipient is Mali (the split hyphenated "peace-keeping" still names the role).
        (
            "Nigeria is ready to contribute 1,500 troops to a regional peace-keeping force in Mali, "
            "officials said on Friday.",
            ("NGA", "MLI", "AGREE"),
        ),
        # "put/placed under investigation" with no named investigator: the country where it happens.
        (
            "A French diplomat was placed under investigation in Belgium on Tuesday.",
            ("BEL", "FRA", "ACCUSE"),
        ),
        # A "without" phrase is another circumstance, not the agreement's target.
        (
            "Former Kyrgyz President Kurmanbek Bakiyev agreed to resign without returning to Kyrgyzstan.",
            ("KGZ", None, "AGREE"),
        ),
        # Raised readiness: "remained on alert".
        (
            "Israeli troops remained on alert in the occupied West Bank on Monday.",
            ("ISR", "PSE", "MOBILIZE"),
        ),
    ],
)
def test_event_arguments(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(text)


def test_people_with_a_demonym_are_their_country() -> None:
    # "Iraqi youths" are Iraq's people (IRQ:CVL), so an Iraqi source can still target them.
    text = "A minefield explosion near the town of Mosul killed two Iraqi youths on Sunday."
    assert ("IRQ", "IRQ", "ASSAULT") in _triples(text)


def test_epithet_takes_up_the_state_named_before() -> None:
    # "the self-ruled island" is Taiwan, named before it; not China, the subject of its clause.
    text = "Taiwan said on Sunday that Chinese warships had staged drills near the self-ruled island."
    assert ("CHN", "TWN", "MOBILIZE") in _triples(text)


def test_driving_out_a_population_is_mass_expulsion() -> None:
    # CAMEO 201 (PLOVER ASSAULT), not the diplomatic expulsion of 166; the quantity's "of" object
    # is the object the trigger's conditions look at.
    analysis = next(
        analyze_articles(
            [
                Article(
                    id="t",
                    text="Burmese soldiers forced out hundreds of Karen villagers from their homes near the Thai border.",
                    published="2020-01-01",
                )
            ]
        )
    )
    assert [(e.source_country, e.type, e.cameo) for e in analysis.events] == [("MMR", "ASSAULT", "201")]


def test_he_stands_for_a_person_not_a_state() -> None:
    from dyadwatch.extract.event_actors import antecedent
    from dyadwatch.nlp.loader import load_nlp

    text = (
        "A senior British minister reiterated that Libya must hand over the suspects as he embarked "
        "on a trip to North Africa."
    )
    analysis = next(analyze_articles([Article(id="t", text=text, published="2020-01-01")]))
    doc = load_nlp()(text)
    (he,) = [t for t in doc if t.lower_ == "he"]
    found = antecedent(analysis, he)
    assert found is not None and found.country == "GBR"


def test_who_faces_an_act_undergoes_it() -> None:
    # "Iran could face new sanctions": Iran is not the one imposing them.
    text = "Iran could face new sanctions if it fails to cooperate, the French foreign minister said."
    assert not [t for t in _triples(text) if t[2] == "SANCTION"]


def test_the_agent_of_a_demanded_act_is_the_one_asked() -> None:
    # Not the actors of the clause saying what is to be admitted.
    text = (
        "Kenya's parliament has demanded a public admission by London that British soldiers abused "
        "Kenyan detainees in the 1950s."
    )
    assert _triples(text) == {("KEN", "GBR", "REQUEST")}


def test_a_clausal_subject_is_not_misread_as_a_participle_phrase() -> None:
    # "Wang Yi's calling on ASEAN ... is to be welcomed": the author welcomes, not Wang Yi.
    text = (
        "Chinese Foreign Minister Wang Yi's calling on the Association of Southeast Asian Nations to "
        "press ahead with negotiations is to be welcomed."
    )
    assert not [t for t in _triples(text) if t[2] == "SUPPORT"]
