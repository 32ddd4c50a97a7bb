"""Entities, issue 14 (unseen-news reading): competitions, time zones, parties before another name, government
bodies, stations, formal names cut before their region, a first name sharing a surname.

Every sentence here is made up for the test (none is from the articles read)."""

from __future__ import annotations

import pytest
import spacy

from dossier.model import Entity, Layout
from dossier.nlp.entities import extract_entities
from dossier.nlp.entities.fitted import subtype

# ---- pure helpers (no model) ----


def test_a_tie_of_subtypes_goes_to_the_base_model_then_to_a_rule_but_never_to_norp() -> None:
    assert subtype("MISC", [[("WORK_OF_ART", "spacy"), ("EVENT", "event_suffix")]]) == "WORK_OF_ART"
    assert subtype("MISC", [[("NORP", "spacy"), ("EVENT", "event_suffix")]]) == "EVENT"
    assert subtype("MISC", [[("NORP", "spacy")]]) == "NORP"


# ---- with the model ----


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    from dossier.nlp.pipeline import load

    return load()


def run(nlp: spacy.language.Language, text: str) -> list[Entity]:
    ents = extract_entities(nlp(text), Layout(body=((0, len(text)),)))
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return ents


def named(ents: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in ents}


@pytest.mark.slow
def test_a_time_zone_is_no_name(nlp: spacy.language.Language) -> None:
    ents = run(nlp, "The count began at 0700 GMT in Tallinn and ended at 2100 GMT, officials said.")
    assert "GMT" not in named(ents)
    assert named(ents)["Tallinn"].type == "GPE"


@pytest.mark.slow
def test_a_competition_is_an_event(nlp: spacy.language.Language) -> None:
    text = (
        "Petrova, who has won two Grand Slams, withdrew from the Kremlin Cup on Monday. "
        "She won the Madrid Open, Eastbourne and the Canadian Open last year."
    )
    ents = named(run(nlp, text))
    assert ents["Grand Slams"].type == "EVENT"
    assert ents["Kremlin Cup"].type == "EVENT"
    assert ents["Madrid Open"].type == "EVENT"


@pytest.mark.slow
def test_a_party_before_another_name_is_split_from_it(nlp: spacy.language.Language) -> None:
    text = "The Labour Party said little. Labour Stormont spokesman Owen Price attacked the plan."
    ents = run(nlp, text)
    assert "Labour Stormont" not in named(ents)
    party = [e for e in ents if "Labour" in e.aliases or e.name == "Labour Party"]
    assert party and party[0].type == "ORG"


@pytest.mark.slow
def test_a_nationality_and_a_government_body_are_one_organisation(nlp: spacy.language.Language) -> None:
    text = "A spokesman for the Scottish Executive said the money for the new hospital in Dundee was there."
    ents = named(run(nlp, text))
    assert ents["Scottish Executive"].type == "ORG"
    assert "Scottish" not in ents


@pytest.mark.slow
def test_a_station_keeps_its_number_and_its_place(nlp: spacy.language.Language) -> None:
    text = "She told BBC Radio 5 that the club would appeal. Her coach told BBC Radio Wales the same on Sunday."
    ents = named(run(nlp, text))
    assert ents["BBC Radio 5"].type == "ORG"
    assert ents["BBC Radio Wales"].type == "ORG"
    assert "BBC Radio" not in ents


@pytest.mark.slow
def test_a_formal_name_cut_before_its_region_is_one_name(nlp: spacy.language.Language) -> None:
    text = (
        "Monitors from the Council for Trade and Development in Asia watched the count. "
        "The CTDA said the vote was fair."
    )
    ents = named(run(nlp, text))
    full = ents["Council for Trade and Development in Asia"]
    assert full.type == "ORG" and "CTDA" in full.aliases
    assert "Asia" not in ents


@pytest.mark.slow
def test_a_first_name_joined_to_a_full_name_shares_its_surname(nlp: spacy.language.Language) -> None:
    text = "The study was written by the sociologists Tom and Helen Baxter, who teach in Leeds."
    ents = named(run(nlp, text))
    assert "Tom" not in ents
    assert ents["Tom Baxter"].type == "PERSON"
    assert ents["Helen Baxter"].type == "PERSON"


def test_a_personal_title_makes_a_person_of_a_name_places_share(nlp: spacy.language.Language) -> None:
    """ "Mr Kennedy" is a person although towns are called Kennedy; he is then the full name's referent."""
    text = "Charles Kennedy toured Somerset on Monday. Mr Kennedy said the race was open."
    ents = run(nlp, text)
    kennedy = [e for e in ents if "Kennedy" in e.name]
    assert [(e.name, e.type) for e in kennedy] == [("Charles Kennedy", "PERSON")]
    assert sorted(m.text for m in kennedy[0].mentions) == ["Charles Kennedy", "Kennedy"]
    alone = [(e.name, e.type) for e in run(nlp, "Mr Kennedy said the plan was flawed.")]
    assert alone == [("Kennedy", "PERSON")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tory MP John Redwood said the tax was unfair.", "John Redwood"),
        ("Labour MEP Richard Corbett said the vote was close.", "Richard Corbett"),
    ],
)
def test_a_parliamentary_title_is_outside_the_name(nlp: spacy.language.Language, text: str, name: str) -> None:
    names = [e.name for e in run(nlp, text)]
    assert name in names and not any(n.startswith(("MP ", "MEP ")) or n in ("MP", "MEP") for n in names), names
