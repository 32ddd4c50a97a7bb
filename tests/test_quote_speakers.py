"""Quote speakers: the general rules found by error analysis on PolNeAR train, each with negative cases.

Every case runs the real spaCy pipeline (``dossier.analyze``); a few pure helpers are tested directly.
"""

from __future__ import annotations

import pytest
from quote_helpers import analyze, find, speaker_of

from dossier.nlp.quotes.indirect import _within_paragraph

_speaker = speaker_of


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # "“…,” X <any verb>": a manner-of-speaking verb frames the quote, so no carry-over from the last speaker
        (
            "“Look at all these supporters here,” Sandra Paradis said.\n\n"
            "“They are all here because he is promising them free stuff,” Jim Bennett shot back with a laugh.",
            "They are all here",
            "Jim Bennett",
        ),
        # ... also when the parser takes the name for a common noun
        (
            "“Building it? Not negotiable,” Donald Trump said.\n\n"
            "“Would it be negotiable about the 11 million people?” Hannity pressed.",
            "Would it be negotiable",
            "Hannity",
        ),
        # a sentence of its own between two quotes, a verb of saying with a named subject: its speaker takes over
        (
            "“We need a candidate who can win in the fall,” said Craig Robinson, the editor.\n\n"
            "Dianne Bystrom agreed. “Mainstream Republicans are running out of time to find an alternative.”",
            "Mainstream Republicans",
            "Dianne Bystrom",
        ),
        # ... not a sentence without a named subject, nor a name inside the previous quote's own frame
        (
            "“We will win this,” Jane Smith said. The crowd cheered loudly. “Nobody can stop us now.”",
            "Nobody",
            "Jane Smith",
        ),
        (
            "“A good plan,” Jane Smith said, adding that Tom Moore agreed. “Nobody can stop us now.”",
            "Nobody can stop",
            "Jane Smith",
        ),
        # a quote inside the writer's sentence: the subject of that sentence, not the previous quote's speaker
        (
            "“We will not give up on this city,” Jane Smith said.\n\n"
            "Tom Moore thanked the mayor for “stepping up and taking action when Congress would not.”",
            "stepping up",
            "Tom Moore",
        ),
        # the highest clause's subject: the quoted clause's own subject is part of what is reported
        (
            "Marco Rubio bemoaned the current climate in which people “literally hate each other” over politics.",
            "hate each other",
            "Marco Rubio",
        ),
        # ... but not across an adverbial clause with a named subject of its own
        (
            "Tom Moore refers to the candidate as “Mr. Smith, my old friend,” "
            "while Jane Smith refers to him as “Tommy, the old friend.”",
            "Tommy",
            "Jane Smith",
        ),
        (
            "Tom Moore refers to the candidate as “Mr. Smith, my old friend,” "
            "while Jane Smith refers to him as “Tommy, the old friend.”",
            "Mr. Smith",
            "Tom Moore",
        ),
        # "told X": X is the person spoken to, never the speaker
        (
            "“We were tremendously wrong to not have confronted him,” Jorge Ramos, 58, told AFP in an interview.",
            "tremendously wrong",
            "Jorge Ramos",
        ),
        # subjects through "are likely to say", a purpose infinitive and a perfect participle
        (
            "Democratic voters are slightly more likely to say that Clinton represents their positions.",
            "Clinton represents",
            "Democratic voters",
        ),
        (
            "So it was no surprise when Jane Smith went off script to comment on the new budget and its critics.",
            "the new budget",
            "Jane Smith",
        ),
        (
            "Having announced that he would not send me to prison, Judge Tom Berman proceeded to sentence me.",
            "would not send me",
            "Tom Berman",
        ),
        # a participle after "…, before" belongs to the clause before it, even when the parse hangs it elsewhere
        (
            '"Apparently there is a young man who is having some problems," Ted Cruz said.\n\n'
            '"Thank you, son," Cruz replied, before adding that he thinks '
            '"children should actually speak with respect."',
            "children should actually speak",
            "Ted Cruz",
        ),
        # a name the tagger calls an adverb after an inverted "said" ...
        (
            "“Having access to the RNC file is valuable,” said Skelly, explaining he worked with Chrabaszcz.",
            "Having access",
            "Skelly",
        ),
        # a passive subject is the speaker of a coordinated active cue
        (
            "By the end of the day, Tom Moore was forced into damage control and said that his words had been "
            "“misconstrued by the press.”",
            "misconstrued",
            "Tom Moore",
        ),
        # the question's "Asked" does not frame the answer
        (
            "Asked which Iowa county was his favorite, Ted Cruz demurred: “Whichever one I am in at the moment.”",
            "Whichever one",
            "Ted Cruz",
        ),
        # a name described by an appositive right before the cue, when the parse lost the subject
        (
            "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he spoke with "
            "Tom Moore on Tuesday and that the senator faced a “test of leadership” over it.",
            "he spoke with",
            "Harry Reid",
        ),
        # whoever issues a statement speaks through it ...
        (
            "His office put out a statement saying the country cannot vet every incoming refugee.",
            "cannot vet",
            "His office",
        ),
        ("Jane Smith issued a statement saying that she would not run again.", "would not run", "Jane Smith"),
        # ... a statement nobody is said to have issued speaks for itself
        ("A statement saying the strikes would continue was read out on television.", "strikes would", "A statement"),
        # a cue nested in what another reports ("history has shown") is part of the outer statement
        (
            "Jane Smith said history has shown the need for a “stable government in place” before any war.",
            "stable government",
            "Jane Smith",
        ),
        (
            "Nearly three in four say they would buy goods made in America, according to the survey.",
            "buy goods",
            "the survey",
        ),
        # ... but a named speaker's own statement inside another's stays his
        ("Tom Moore said Jane Smith told him that the plan was “dead on arrival.”", "dead on arrival", "Jane Smith"),
        # a name inside someone's quote is not what the writer's "he" means ...
        (
            "John Bolton spoke on Monday. “I do not think Barack Obama even understands what a strategic threat is,”"
            " Bolton said.\n\nHe anticipated that the biggest challenge would be "
            "“dealing with the problems that are left behind.”",
            "dealing with the problems",
            "John Bolton",
        ),
        # ... while the same name outside quotation marks still is
        (
            "Jane Smith spoke on Monday.\n\nJane Smith criticized President Obama. He anticipated that the biggest "
            "challenge would be “dealing with the problems that are left behind.”",
            "dealing with the problems",
            "Obama",
        ),
        # "it" after an organization spoke: that organization
        (
            "In Brussels, the tariffs were condemned by the European Commission, which said they were illegal. "
            "“We will respond firmly,” it said in a statement.",
            "We will respond",
            "European Commission",
        ),
        # "they" after two people named together: both of them
        (
            "Malcolm Turnbull and Steven Ciobo welcomed the decision. "
            "“This is good news for Australian workers,” they said in a statement.",
            "This is good news",
            "Malcolm Turnbull and Steven Ciobo",
        ),
    ],
)
def test_speaker_rules(text: str, fragment: str, speaker: str) -> None:
    assert _speaker(text, fragment) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        ("The judge turned to me. “Are you ready to explain yourself to this court?” I had prepared a statement.", "I"),
        ("“Is this really the end of the campaign for all of us?” The question hung in the air.", "The question"),
        # "she" is not the man named last
        (
            '"I am scared," said Torres, who is protected by the program that Donald Trump has been trying to end. '
            "She said it was the first time she had spoken out.",
            "Donald Trump",
        ),
        # "they" is a group: never the one person who spoke last
        (
            "Letitia Clark said the bill was unfair. The bill, which they claim is owed by Yukos, is huge.",
            "Letitia Clark",
        ),
    ],
)
def test_who_did_not_say_it(text: str, not_speaker: str) -> None:
    fragment = "?" if "?" in text else "owed by" if "owed by" in text else "the first time"
    assert _speaker(text, fragment) != not_speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("But there are some national security law experts who think the case against her is clear.", "experts"),
        # "those who say" names nobody: the pronoun stays as it is
        ("Naureen Jahangir, a supporter, is among those who say they have no intention of backing Clinton.", "who"),
    ],
)
def test_a_relative_pronoun_is_named_by_its_noun_phrase(text: str, name: str) -> None:
    (quote,) = [q for q in analyze(text).quotes if q.speaker is not None]
    assert quote.speaker is not None and quote.speaker.name.endswith(name)
    assert text[quote.speaker.start or 0 : quote.speaker.end or 0] in ("who", "which", "that")


@pytest.mark.slow
@pytest.mark.parametrize("text", ["“We will win this one,” said Tuesday.", "“We will win this one,” said Monday."])
def test_a_day_after_an_inverted_said_is_not_a_speaker(text: str) -> None:
    assert _speaker(text, "We will win") is None


@pytest.mark.slow
def test_a_relative_pronoun_stands_for_the_thing_that_reads() -> None:
    text = "He held up the sign, which read “Hispanics for Trump all the way,” and waved it."
    quote = find(analyze(text).quotes, "Hispanics for Trump")
    assert quote.speaker is not None and text[quote.speaker.start or 0 : quote.speaker.end or 0] == "which"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "answerer"),
    [
        (
            "When asked how he was recruited, Tom Moore says it all started at university.",
            "how he was recruited",
            "Tom Moore",
        ),
        (
            "Asked whether he would run again, Jane Smith said she had not decided.",
            "whether he would run",
            "Jane Smith",
        ),
    ],
)
def test_a_question_put_to_someone_names_who_was_asked_not_a_speaker(text: str, fragment: str, answerer: str) -> None:
    quote = find(analyze(text).quotes, fragment)
    assert quote.speaker is None  # the asker is not named; the person asked did not ask
    assert quote.note is not None and f"a question put to {answerer}" in quote.note
    answer = [q for q in analyze(text).quotes if q is not quote and q.speaker is not None]
    assert answer and answer[0].speaker is not None and answer[0].speaker.name == answerer


@pytest.mark.slow
def test_asked_by_a_named_person_keeps_the_asker() -> None:
    text = "Asked by Tom Moore whether she would run again, Jane Smith said she had not decided."
    quote = find(analyze(text).quotes, "whether she would run")
    assert quote.speaker is not None and quote.speaker.name == "Tom Moore"


@pytest.mark.parametrize(
    ("text", "at", "span", "expected"),
    [
        ("He said the plan\n\nwould fail.", 3, (8, 28), "the plan"),
        ("Before.\nHe said the plan would fail.", 11, (0, 36), "He said the plan would fail."),
        ("He said the plan would fail.", 3, (8, 28), "the plan would fail."),
        ("He said  \n\n  ", 3, (8, 13), ""),
    ],
)
def test_within_paragraph_clips_a_clause_to_its_cue_paragraph(
    text: str, at: int, span: tuple[int, int], expected: str
) -> None:
    lo, hi = _within_paragraph(text, at, span)
    assert text[lo:hi] == expected


def test_the_hearer_is_not_the_speaker() -> None:
    from dossier import analyze

    (quote,) = analyze("The council has heard that the bridge is unsafe.").quotes
    assert quote.speaker is None and "not named" in (quote.note or "")


def test_a_phrase_is_its_owners_not_its_users() -> None:
    from dossier import analyze

    quotes = analyze("Schuh is using Musk's “production hell” to describe the plant.").quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [("production hell", "Musk")]


def test_a_person_inside_what_someone_reports_is_not_the_next_he() -> None:
    from dossier import analyze

    text = (
        "Senator Bob Corker said that Donald Trump had failed to show stability. “The president has not yet been "
        "able to demonstrate the stability that he needs,” he said."
    )
    quotes = analyze(text).quotes
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Bob Corker", "Bob Corker"]
