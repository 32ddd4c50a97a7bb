"""Media sources: cue + name, normalized, linked to entities; and nothing that is not a media source."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from dossier.model import Entity, Mention, Source
from dossier.nlp.entities.outlets import canonical, is_known, looks_like_outlet
from dossier.nlp.layout import analyze_layout
from dossier.nlp.sources import extract_sources

BLANK = spacy.blank("en")


def sources(text: str, entities: tuple[Entity, ...] = ()) -> list[Source]:
    return extract_sources(BLANK(text), entities, analyze_layout(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Now, as reported by Yahoo News, Zinchenko is fleeing Russia.", [("Yahoo News", "reported_by")]),
        ("The plan was reported in The Guardian last week.", [("The Guardian", "reported_by")]),
        ("The deal collapsed, according to Reuters.", [("Reuters", "according_to")]),
        ("The deal collapsed, according to a report by the Times.", [("The Times", "according_to")]),
        (
            "It failed, according to documents obtained by The Washington Post.",
            [("The Washington Post", "according_to")],
        ),
        ("It failed, according to the Metro Daily's analysis.", [("Metro Daily", "according_to")]),
        ("The deal collapsed, according to court documents.", [("court documents", "according_to")]),
        ("Source: IL Tempo", [("Il Tempo", "source_line")]),
        ("Sources: Reuters, AP", [("Reuters", "source_line"), ("Associated Press", "source_line")]),
        ("Text.\nThis article was originally published by Futurism. Read the original.", [("Futurism", "source_line")]),
        ("Text.\nSOURCE: Al Jazeera and news agencies", [("Al Jazeera", "source_line")]),
        ("WASHINGTON (AP) — The Senate passed the bill.", [("Associated Press", "wire")]),
        ("MOSCOW (Reuters) - Russia said on Monday it would respond.", [("Reuters", "wire")]),
        ("He told the Yahoo News reporter that he was afraid.", [("Yahoo News", "interview")]),
        ("During the conversation with the Yahoo News reporter, he said no.", [("Yahoo News", "interview")]),
        ("In an interview with the BBC, the minister denied it.", [("BBC", "interview")]),
        ("The minister told Reuters on Monday that talks would resume.", [("Reuters", "interview")]),
        ("He said on CNN that he would run.", [("CNN", "interview")]),
        ("She told the Riverside Gazette that the mill would close.", [("Riverside Gazette", "interview")]),
        ("The story was first reported by Politico.", [("Politico", "report")]),
        ("The plan, first reported in the Financial Times on Monday, was dropped.", [("Financial Times", "report")]),
        ("A Reuters investigation found the money was moved.", [("Reuters", "report")]),
        ("A report by Human Rights Watch found abuses.", [("Human Rights Watch", "report")]),
        ("The New York Times reported on Tuesday that the talks had stalled.", [("The New York Times", "reported_by")]),
        ("Tass reported that the meeting took place.", [("TASS", "reported_by")]),
        ("The New York Post reports that she was taken home.", [("New York Post", "reported_by")]),
        (
            "Bonuses were $500 every three months, The Wall Street Journal reports.",
            [("The Wall Street Journal", "reported_by")],
        ),
        ("The transcript, published by The Washington Post, shows it.", [("The Washington Post", "reported_by")]),
        ("Trump led, according to a New York Times/CBS News poll.", [("The New York Times", "according_to")]),
        ("He was seen, as The New Yorker put it, as an outsider.", [("The New Yorker", "reported_by")]),
        ("Yesterday Reuters reported that the plant closed.", [("Reuters", "reported_by")]),
        ("Officials said, citing Reuters, that the plant was closed.", [("Reuters", "citation")]),
        ("Prices rose, citing a report by Bloomberg News.", [("Bloomberg", "citation")]),
        ("Trump told Bill O'Reilly of Fox News this week.", [("Fox News", "interview")]),
        (
            "It was first reported by InsideSources. “No,” Shah told InsideSources.",
            [("InsideSources", "report"), ("InsideSources", "interview")],
        ),
        ("He insisted, in a Labor Day interview with ABC News, that he would.", [("ABC News", "interview")]),
        ("Ann Lee, a historian, wrote in The New York Times last month.", [("The New York Times", "report")]),
        ("The Wall Street Journal reported Monday, citing a source.", [("The Wall Street Journal", "reported_by")]),
        ("Speaking on BBC Radio 4, Mr Varley declined to comment.", [("BBC", "interview")]),
        ("The story was false, the Sun said on Monday.", [("The Sun", "reported_by")]),
        ("The plan was first revealed, Fox News reported.", [("Fox News", "reported_by")]),
        ("But Fox has said it plans to stick with the show.", [("Fox News", "reported_by")]),
        (
            "Hawley is in talks to direct it, according to reports from The Wrap and Deadline.",
            [("The Wrap", "according_to"), ("Deadline", "according_to")],
        ),
        ("Sales fell, according to a report by Procter and Gamble.", [("Procter and Gamble", "according_to")]),
        ("Most have sites, according to a report by UK think-tank Demos.", [("Demos", "according_to")]),
        ("A report by US research firm Gartner said sales fell.", [("Gartner", "report")]),
        ("A report by Reuters news agency said sales fell.", [("Reuters", "report")]),
        ("Schroeder began a visit, the Deutsche Welle radio station reported.", [("Deutsche Welle", "reported_by")]),
        ("The plant was shut, the Interfax news agency said.", [("Interfax", "reported_by")]),
        ("Interviewed by Sky News, the minister said no.", [("Sky News", "interview")]),
        ("The package will be published next week (via Bloomberg).", [("Bloomberg", "reported_by")]),
        ("The minister has resigned, the BBC understands.", [("BBC", "reported_by")]),
        ("Doctors found traces of a nerve agent, writes The Guardian.", [("The Guardian", "reported_by")]),
        ("The plant closed.\nSource: https://www.reuters.com/world/plant-closes", [("Reuters", "source_line")]),
        ("Le Monde quoted a French diplomat as saying that nothing was decided.", [("Le Monde", "reported_by")]),
        ("The News of the World reports that he will join Chelsea.", [("News of the World", "reported_by")]),
        ("BBC Wales understands the Ospreys are interested.", [("BBC Wales", "reported_by")]),
        ("A story from Reuters said the deal was off.", [("Reuters", "report")]),
        ("North Korea's KCNA said the summit was a success.", [("KCNA", "reported_by")]),
        ("As FoxNews.com reported, the deal is off.", [("Fox News", "reported_by")]),
        ("South Korea's Munhwa Ilbo reported that Kim would visit.", [("Munhwa Ilbo", "reported_by")]),
        ("Woody Johnson told LBC radio on Friday that Trump would visit.", [("LBC", "interview")]),
        (
            "By JOHN SMITH and Jane Doe, Associated Press\nThe Senate voted.",
            [("John Smith", "byline"), ("Jane Doe", "byline"), ("Associated Press", "byline")],
        ),
    ],
)
def test_sources_found(text: str, expected: list[tuple[str, str]]) -> None:
    got = sources(text)
    assert [(s.name, s.kind) for s in got] == expected
    for s in got:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text",
    [
        "The deal collapsed, according to officials.",
        "The deal collapsed, according to Smith.",
        "The deal collapsed, according to the Pentagon.",
        "In an interview with Putin, the minister denied it.",
        "He told Putin the plan would work.",
        "She told reporters the plan would work.",
        "Zinchenko reported to his handlers in Moscow.",
        "The ministry said, citing unnamed sources, that the plant was closed.",
        "He said on Tuesday that he would run.",
        "Sources said the talks had stalled.",
        "The council (which met on Tuesday) - and the mayor - agreed.",
        "Smith reported that the results were good.",
        "The Pentagon said the strike had hit its target.",
        "Mayor Ann Lee said the library would open.",
        "According to a Pentagon official, the strike hit.",
        "According to him, the war is a disaster.",
        "The report was released in March.",
        "Clinton led by 46 percent to 42 percent, according to the poll.",
        "Traders expect a cut in March, according to CME Group data.",
        "Most children live with one parent, according to federal data.",
        "“I would,” Melanie said to the TV.",
        "Breitbart London reported in 2017 on Khan's remarks.",
        "“No,” Shah told InsideSources.",
        "Speaking on Tuesday, the minister said no.",
        "Speaking on behalf of the family, Smith said no.",
        "He was interviewed by police on Monday.",
        "She was interviewed by Detective Jones.",
        "The Smith family said the house was sold.",
        "The state television said nothing.",
        "BERLIN -- The European Space Agency says putting astronauts to sleep could help.",
        "The Environment Agency said the river had burst its banks.",
        'Tory chairman Liam Fox spoke. Dr Fox said: "We have said we will spend more."',
        "The grid offers more than 5,000 processors, Sun said.",
        "President Bush said the troops would stay.",
        "Pompeo met Kim over Easter weekend, according to media reports Tuesday.",
        "And we know, at least according to one report, that Kim has a crude capability.",
        "The plant was closed, citing local news reports.",
        "The studio bought the rights to the story from Van Doren Stern's family.",
        "He told Missouri radio station KMBC that he was fine.",
    ],
)
def test_no_false_sources(text: str) -> None:
    assert sources(text) == []


def test_sources_link_to_the_overlapping_entity() -> None:
    text = "Now, as reported by Yahoo News, he left. He told the Yahoo News reporter so."
    yahoo = Entity(
        id="E7",
        name="Yahoo News",
        type="PERSON",  # a wrong NER label must not matter
        mentions=(Mention(20, 30, "Yahoo News"), Mention(53, 63, "Yahoo News")),
    )
    got = sources(text, (yahoo,))
    assert [(s.kind, s.entity, s.start) for s in got] == [("reported_by", "E7", 20), ("interview", "E7", 53)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The New York Post reported the visit. A source told the Post that it was secret.",
            [("New York Post", "reported_by"), ("New York Post", "interview")],
        ),
        (
            "It was first reported by The New York Times. Officials told the Times it was true.",
            [("The New York Times", "report"), ("The New York Times", "interview")],
        ),
        ("Officials told the Times it was true.", [("The Times", "interview")]),
        ("Officials told the Post it was true.", []),
    ],
)
def test_short_forms_follow_the_full_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.name, s.kind) for s in sources(text)] == expected


@pytest.mark.parametrize(
    ("text", "name", "start"),
    [
        ("Vicente Fox said the wall was a mistake.", "Vicente Fox", 0),
        ("He told Fox Mulder the truth.", "Fox Mulder", 8),
    ],
)
def test_no_outlet_cut_out_of_a_persons_name(text: str, name: str, start: int) -> None:
    person = Entity(id="E1", name=name, type="PERSON", mentions=(Mention(start, start + len(name), name),))
    assert sources(text, (person,)) == []
    assert sources(text) != []  # without the entity the known alias "Fox" would be taken: the entity is what stops it


def test_every_mention_is_kept_once() -> None:
    text = "According to a report by Reuters, prices rose. Reuters reported that they fell again."
    got = sources(text)
    assert [(s.name, s.kind, s.start) for s in got] == [("Reuters", "according_to", 25), ("Reuters", "reported_by", 47)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IL Tempo", "Il Tempo"),
        ("AP", "Associated Press"),
        ("the Associated Press", "Associated Press"),
        ("the New York Times", "The New York Times"),
        ("NYT", "The New York Times"),
        ("Reuters's", "Reuters"),
        ("The Nation View", "The Nation View"),
        ("IL FOGLIO", "Il Foglio"),
        ("the Riverside Gazette", "The Riverside Gazette"),
        ("LA NACION", "La Nacion"),
    ],
)
def test_canonical_outlet_names(name: str, expected: str) -> None:
    assert canonical(name) == expected


@pytest.mark.parametrize(
    ("name", "known", "outlet_like"),
    [
        ("Yahoo News", True, True),
        ("the BBC", True, True),
        ("Riverside Gazette", False, True),
        ("Pentagon", False, False),
        ("Smith", False, False),
        ("officials", False, False),
    ],
)
def test_known_and_outlet_like(name: str, known: bool, outlet_like: bool) -> None:
    assert (is_known(name), looks_like_outlet(name)) == (known, outlet_like)


@pytest.mark.slow
def test_seed_sources_end_to_end(seed_article: Any) -> None:
    got = [(s.name, s.kind) for s in seed_article.sources]
    assert ("Yahoo News", "reported_by") in got
    assert ("Yahoo News", "interview") in got
    assert ("Il Tempo", "source_line") in got
    assert ("John Cameron", "byline") in got and ("The Nation View", "byline") in got
    assert len(got) == 5, got  # no false sources
    text = seed_article.text
    for s in seed_article.sources:
        assert text[s.start : s.end] == s.text
    yahoo = [s for s in seed_article.sources if s.name == "Yahoo News"]
    assert all(s.entity is not None for s in yahoo)
    assert seed_article.authors == ("John Cameron",) and seed_article.outlet == "The Nation View"
    bio = text.index("John Cameron is a journalist")
    assert all(e <= bio for _, e in seed_article.body)


def test_long_runs_of_capitals_stay_linear() -> None:
    # regression: name-first cues once scanned every run of capitals quadratically (200 KB took minutes)
    text = "THE COUNCIL MET AGAIN AND VOTED ON THE BUDGET REPORTED " * 1000
    assert sources(text) == []
    assert analyze_layout(text).dateline is None


def test_every_cue_keyword_prefilter_matches_its_own_pattern() -> None:
    from dossier.nlp.sources import _CUES

    for cue in _CUES:
        assert cue.keys and all(k.split()[0] in cue.pattern.pattern.lower() for k in cue.keys), cue.pattern.pattern


def test_a_known_outlet_cited_as_a_source_is_an_organization() -> None:
    from dossier.model import Entity, Mention, Source
    from dossier.nlp.sources import normalize_entity_names

    ents = [
        Entity("E1", "Bloomberg", "GPE", ("Bloomberg",), (Mention(0, 9, "Bloomberg"),)),
        Entity("E2", "Michael Bloomberg", "PERSON", ("Michael Bloomberg",), (Mention(30, 47, "Michael Bloomberg"),)),
    ]
    out = normalize_entity_names(ents, [Source("Bloomberg", "reported_by", "Bloomberg", 0, 9, "E1")])
    assert [e.type for e in out] == ["ORG", "PERSON"]  # the person named elsewhere is not retyped


def test_outlet_entity_takes_the_sources_normalized_name() -> None:
    from dossier.model import Entity, Mention, Source
    from dossier.nlp.sources import normalize_entity_names

    ents = [
        Entity("E1", "IL Tempo", "ORG", ("IL Tempo",), (Mention(8, 16, "IL Tempo"),)),
        Entity("E2", "Raivo Susu", "PERSON", ("Raivo Susu",), (Mention(30, 40, "Raivo Susu"),)),
    ]
    srcs = [
        Source("Il Tempo", "source_line", "Source: IL Tempo", 0, 16, "E1"),
        Source("Susu Daily", "byline", "x", 30, 40, "E2"),
    ]
    out = normalize_entity_names(ents, srcs)
    assert out[0].name == "Il Tempo" and "IL Tempo" in out[0].aliases
    assert out[1] == ents[1]  # a different name is not a case variant: left alone


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("A girl saves her friend Wilbur the pig, in the story by Elwyn Brooks White.", "Elwyn Brooks White", []),
        # an outlet the tagger calls a person is still an outlet
        ("It was first reported by Yahoo News on Monday.", "Yahoo News", [("Yahoo News", "report")]),
        ("It was reported by The Nation View.", "The Nation View", [("The Nation View", "reported_by")]),
        (
            "Sales rose, according to a new survey from Piper Jaffray.",
            "Piper Jaffray",
            [("Piper Jaffray", "according_to")],
        ),
        ("In the story by Elwyn Brooks White, a pig is saved.", "Elwyn Brooks White", []),
    ],
)
def test_a_person_after_a_strong_cue_is_no_source(text: str, person: str, expected: list[tuple[str, str]]) -> None:
    start = text.index(person)
    entity = Entity("E1", person, "PERSON", mentions=(Mention(start, start + len(person), person),))
    assert [(s.name, s.kind) for s in sources(text, (entity,))] == expected


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        ("A third case of the plague has been reported in China this week.", "China", []),
        ("The outbreak was first reported in Wuhan.", "Wuhan", []),
        ("It was reported in The Guardian on Monday.", "The Guardian", [("The Guardian", "reported_by")]),
        (
            "Noem was paid, according to a report in the Argus Leader of Sioux Falls.",
            "Sioux Falls",
            [("Argus Leader of Sioux Falls", "according_to")],
        ),
    ],
)
def test_a_place_after_a_strong_cue_is_no_source(text: str, place: str, expected: list[tuple[str, str]]) -> None:
    start = text.index(place)
    entity = Entity("E1", place, "GPE", mentions=(Mention(start, start + len(place), place),))
    assert [(s.name, s.kind) for s in sources(text, (entity,))] == expected


def test_a_surname_of_a_person_after_a_strong_cue_is_no_source() -> None:
    text = "James Comey wrote memos. The following day, according to memos written by Comey, Trump cleared the room."
    at = text.rindex("Comey")
    later = Mention(at, at + 5, "Comey")
    comey = Entity("E1", "James Comey", "PERSON", mentions=(Mention(0, 11, "James Comey"), later))
    assert [s.name for s in sources(text, (comey,))] == []
    yahoo = Entity("E2", "Yahoo", "PERSON", mentions=(later,))  # a one-word name: not judged a person
    assert [s.name for s in sources(text, (yahoo,))] == ["Comey"]
