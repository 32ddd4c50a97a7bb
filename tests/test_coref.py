"""Coreference: name linking (pure) and pronoun/description resolution on real parses."""

from __future__ import annotations

import pytest
import spacy

from dossier.model import Entity, Layout
from dossier.nlp.entities import extract_entities
from dossier.nlp.entities.coref import NameForm, link_names


def form(text: str, type_: str, first: int, **kw: bool) -> NameForm:
    return NameForm(words=tuple(text.split()), type=type_, first=first, **kw)


@pytest.mark.parametrize(
    ("forms", "same", "different"),
    [
        # surname joins the full name
        ([form("Artem Zinchenko", "PERSON", 0), form("Zinchenko", "PERSON", 50)], [(0, 1)], []),
        # a surname mistyped by the model still joins the person
        ([form("Alexei Navalny", "PERSON", 0), form("Navalny", "GPE", 50)], [(0, 1)], []),
        # ... but a known place never becomes a person's surname
        ([form("George Washington", "PERSON", 0), form("Washington", "GPE", 50, place=True)], [], [(0, 1)]),
        # a titled single word is a surname even when it is the first word ("Mr. Kim")
        ([form("Kim Jong-un", "PERSON", 0), form("Kim", "PERSON", 50, titled=True)], [(0, 1)], []),
        # acronyms
        ([form("North Atlantic Treaty Organization", "ORG", 0), form("NATO", "ORG", 90)], [(0, 1)], []),
        ([form("North Atlantic Treaty Organization", "ORG", 0), form("NASA", "ORG", 90)], [], [(0, 1)]),
        # an organization's shorter tail
        (
            [form("Estonian Internal Security Service", "ORG", 0), form("Internal Security Service", "ORG", 9)],
            [(0, 1)],
            [],
        ),
        # country variants
        ([form("United States", "GPE", 0), form("U.S.", "GPE", 20)], [(0, 1)], []),
        # two people with one surname: the surname goes to the one mentioned last before it
        (
            [form("George Bush", "PERSON", 0), form("Laura Bush", "PERSON", 40), form("Bush", "PERSON", 80)],
            [(1, 2)],
            [(0, 1), (0, 2)],
        ),
        # a person's name is never an organization's acronym
        ([form("Bank of England", "ORG", 0), form("BE", "PERSON", 30)], [], [(0, 1)]),
    ],
)
def test_link_names(forms: list[NameForm], same: list[tuple[int, int]], different: list[tuple[int, int]]) -> None:
    cluster = link_names(forms)
    for a, b in same:
        assert cluster[a] == cluster[b]
    for a, b in different:
        assert cluster[a] != cluster[b]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    from dossier.nlp.pipeline import load

    return load()


def resolved(nlp: spacy.language.Language, text: str) -> dict[str, str]:
    """Pronoun/description occurrence ("he@12") -> name of the entity it was resolved to."""
    doc = nlp(text)
    ents: list[Entity] = extract_entities(doc, Layout(body=((0, len(text)),)))
    out = {}
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
            if m.kind != "name":
                out[f"{m.text}@{m.start}"] = e.name
    return out


def at(text: str, word: str, nth: int = 1) -> str:
    """The key ``resolved`` uses for the nth whole-word occurrence of ``word``."""
    pos = -1
    for _ in range(nth):
        pos = text.index(word, pos + 1)
        while (pos > 0 and text[pos - 1].isalpha()) or text[pos + len(word) : pos + len(word) + 1].isalpha():
            pos = text.index(word, pos + 1)
    return f"{word}@{pos}"


CASES = [
    # gender from a title and a first name separates two people
    (
        "Mrs. Olga Petrova met Ivan Sokolov in Moscow. She said he had agreed to the plan.",
        {("She", 1): "Olga Petrova", ("he", 1): "Ivan Sokolov"},
    ),
    # subject preference and sentence-by-sentence chains
    (
        "Artem Zinchenko fled to Estonia because of his opposition to the war. He says he admires Navalny.",
        {("his", 1): "Artem Zinchenko", ("He", 1): "Artem Zinchenko", ("he", 1): "Artem Zinchenko"},
    ),
    # organizations are "it"/"its", never "he"
    (
        "Microsoft reported higher profits. The company said its cloud business grew.",
        {("The company", 1): "Microsoft", ("its", 1): "Microsoft"},
    ),
    # a title without gender ("Chancellor") leaves the first name to tell
    (
        "Prime Minister Boris Johnson met Chancellor Angela Merkel in Berlin. She said he had agreed.",
        {("She", 1): "Angela Merkel", ("he", 1): "Boris Johnson"},
    ),
    # a name in apposition to the subject noun is the subject
    (
        "Apple cut prices. The company's chief executive, Tim Cook, said he expected demand to rise.",
        {("he", 1): "Tim Cook"},
    ),
    # appositive descriptions
    (
        "Maria Schmidt, a lawyer for the family, said she would appeal.",
        {("a lawyer", 1): "Maria Schmidt", ("she", 1): "Maria Schmidt"},
    ),
    # a title someone was introduced with, lower-case or capitalized, means that person
    (
        "Archbishop Desmond Tutu visited London on Monday. The South African archbishop said the war was illegal.",
        {("The South African archbishop", 1): "Desmond Tutu"},
    ),
    (
        "Tony Blair met Chancellor Gordon Brown on Monday. The Chancellor said the economy was strong.",
        {("The Chancellor", 1): "Gordon Brown"},
    ),
    # ... and finds it when it is so named, or a known paper for "the newspaper"
    ("Barclays Bank reported profits. The bank said costs fell.", {("The bank", 1): "Barclays Bank"}),
    (
        "The Daily Telegraph ran the story. The newspaper said it stood by it.",
        {("The newspaper", 1): "Daily Telegraph"},
    ),
    # "the company" is not where an analyst works
    (
        "Deutsche Telekom said profits rose, said Tim Smith, an analyst at Dresdner Kleinwort Wasserstein. "
        "The company also said it would resume paying a dividend.",
        {("The company", 1): "Deutsche Telekom"},
    ),
    # "the company" far from any name: the company the story is about, when one clearly leads
    (
        "Yukos shares fell. Yukos said it would appeal. The government wants back taxes. Prosecutors say the sum "
        "is owed. Analysts expect a long fight. The company said it had paid.",
        {("The company", 1): "Yukos"},
    ),
    # "according to X" names the one speaking, as a subject does
    (
        "Eddie Wong said the resorts were empty. Thailand may lose $1bn, according to tourism minister Sontaya "
        "Kunplome. In the affected provinces, he expects losses to be severe.",
        {("he", 1): "Sontaya Kunplome"},
    ),
    # "the 23-year-old" names again the one person just mentioned
    (
        "None more so than Gavin Henson, who can expect the spotlight. The confident 23-year-old is undaunted.",
        {("The confident 23-year-old", 1): "Gavin Henson"},
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pronouns_and_descriptions_resolve(
    nlp: spacy.language.Language, text: str, expected: dict[tuple[str, int], str]
) -> None:
    got = resolved(nlp, text)
    for (word, nth), name in expected.items():
        assert got.get(at(text, word, nth)) == name, (word, got)


NEGATIVE = [
    # binding: a plain object pronoun never means the subject of its own clause
    ("Peter Lang saw him at the station.", [("him", 1)]),
    # a person who is no named entity takes the pronoun: left unresolved rather than wrong
    ("Peter Lang met a police officer. The officer said he was armed.", [("he", 1)]),
    # an empty "it"
    ("Microsoft shares rose. It is likely that prices will fall.", [("It", 1)]),
    # plural pronouns go to the nearest plural noun, not to an organization
    ("The Pentagon was not informed, which angered lawmakers, who said they wanted answers.", [("they", 1)]),
    # a vague description is not the only organization nearby
    ("The IMF held talks with the government. The IMF said the government had agreed.", [("the government", 1)]),
    # extraposed "it" ("it has become clear that")
    ("The Bank said prices rose. Over recent months it has become increasingly clear that demand fell.", [("it", 1)]),
    # "it" does not take an object before it
    ("Amitai Etzioni criticises the US for overlooking the reports, suggesting it was done for help.", [("it", 1)]),
    # "they" takes no organization that is not a subject
    ("Government sources told the BBC they had reached a final settlement.", [("they", 1)]),
    # no antecedent of the right gender
    ("Ivan Sokolov arrived late. She was not pleased.", [("She", 1)]),
    # ... and no company when two lead alike
    (
        "Shell and BP reported profits. Shell said costs rose. BP said costs fell. Analysts were surprised. "
        "Markets rose sharply. The company said more.",
        [("The company", 1)],
    ),
    # a description of a kind of organization needs one of that kind nearby
    ("Apple sold the single on iTunes. The charity said sales were strong.", [("The charity", 1)]),
    # "it" after a thing that is the subject ("the directive") is not the organization beside it
    ("The directive was backed by the European Council. It must go through another round.", [("It", 1)]),
    # an age description after two people stays unresolved
    ("Gavin Henson and Stephen Jones scored. The 23-year-old was happy.", [("The 23-year-old", 1)]),
    # a capitalized title nobody was introduced with stays unresolved
    ("Tony Blair met Gordon Brown on Monday. The Chancellor said the economy was strong.", [("The Chancellor", 1)]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "unresolved"), NEGATIVE)
def test_pronouns_left_unresolved(nlp: spacy.language.Language, text: str, unresolved: list[tuple[str, int]]) -> None:
    got = resolved(nlp, text)
    for word, nth in unresolved:
        assert at(text, word, nth) not in got, got


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        # a generational suffix does not hide the surname; an East Asian name's family name comes first
        (
            "Mueller wants answers.\n\nSpecial counsel Robert S. Mueller III has told the lawyers. Mueller said more.",
            "Robert S. Mueller III",
            "Mueller",
        ),
        (
            "Kim to meet Moon.\n\nNorth Korean leader Kim Jong Un will meet President Moon Jae-in. Kim is ready.",
            "Kim Jong Un",
            "Kim",
        ),
        (
            "Kim to meet Moon.\n\nNorth Korean leader Kim Jong Un will meet President Moon Jae-in. Moon is ready.",
            "Moon Jae-in",
            "Moon",
        ),
    ],
)
def test_short_names_of_the_same_person(nlp: spacy.language.Language, text: str, full: str, short: str) -> None:
    ents = extract_entities(nlp(text), Layout(body=((0, len(text)),)))
    person = next(e for e in ents if e.name == full)
    assert sum(m.text == short for m in person.mentions) == 2


@pytest.mark.slow
def test_a_juniors_name_does_not_take_his_fathers_surname(nlp: spacy.language.Language) -> None:
    text = "Donald Trump Jr. met a lawyer. Donald Trump said nothing. Trump later tweeted."
    ents = extract_entities(nlp(text), Layout(body=((0, len(text)),)))
    junior = next(e for e in ents if e.name == "Donald Trump Jr.")
    assert not any(m.text == "Trump" for m in junior.mentions)
