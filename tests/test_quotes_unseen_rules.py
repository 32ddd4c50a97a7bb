"""Quote rules from the unseen readings of issue 14: descriptions of a named person, a continuing quote
paragraph, a document's findings, a quote that is one word of the clause, a clause the parser hung on the wrong
side of a cue. Synthetic sentences; each rule has a case where it must not fire."""

from __future__ import annotations

import pytest
from quote_helpers import analyze, find, speaker_of

from dossier.model import Quote


def _quote(text: str, fragment: str) -> Quote:
    return find(analyze(text).quotes, fragment)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a definite description of a person is the person the article has just named
        (
            "Martina Kovac has delayed her move to coaching.\n\n"
            "The 31-year-old world number two had said that she would stop playing in the spring.",
            "she would stop playing",
            "Martina Kovac",
        ),
        (
            "Paul Fenwick was appointed to run the museum last month.\n\n"
            "The director said that the new wing would open in June.",
            "the new wing would open",
            "Paul Fenwick",
        ),
        # ... not someone the article introduced without a name
        (
            "Paul Fenwick was appointed to run the museum last month. A spokesman for the museum was pleased.\n\n"
            "The spokesman said that the new wing would open in June.",
            "the new wing would open",
            "The spokesman",
        ),
        # ... nor when two people named just before fit it
        (
            "Paul Fenwick and Maria Lind both applied to run the museum.\n\n"
            "The director said that the new wing would open in June.",
            "the new wing would open",
            "The director",
        ),
        # a paragraph that opens with a quote after a quote paragraph keeps that paragraph's speaker; an attributive
        # participle in the next sentence ("asking prices") is no cue
        (
            "The agency said traders were cautious.\n\n"
            "“Buyers are waiting to see what happens next,” Mr Okafor said.\n\n"
            "“The evidence is that well-priced homes are still selling, even now.” Overall, asking prices fell by "
            "3% over the summer.",
            "The evidence is that",
            "Okafor",
        ),
        # "he added" after a quote: the speaker goes on, whoever coreference takes "he" for (here the prince,
        # whom a quoted headline later names)
        (
            "Prince Edmund should personally make clear how sorry he is, says Green leader Tom Webb.\n\n"
            "But Labour leader Alan Fisk said Edmund was in a privileged position and said he should apologise in "
            "person. “There is a reservoir of goodwill for Prince Edmund, and Prince Arthur with him, in this "
            "country, but I think he needs to remember that it can't last forever.” He added that the academy would "
            "probably be good for Edmund as it would teach him some self discipline.\n\n"
            "A photograph of Prince Edmund wearing the costume appears in Thursday's Herald newspaper under the "
            "headline: “Edmund the Pirate.” Mr Webb acknowledged the apology.",
            "the academy would probably be good",
            "Alan Fisk",
        ),
        # ... but not when someone else was named as a subject in between
        (
            "“We will not sell the club,” Tom Webb said. Gary Lineham disagreed strongly at the meeting. "
            "He added that the club would be sold by the summer.",
            "the club would be sold",
            "Gary Lineham",
        ),
        # a pronoun is not the person named only inside the quote it frames
        (
            "Host Esther Dunmore said he was a delight to work with. “The thing about Cyril was that he was, to use "
            "an old phrase, a gentleman,” she said.",
            "The thing about Cyril",
            "Esther Dunmore",
        ),
        # a document's findings speak for the body that published them
        (
            "The cost of the scheme was too low, according to findings published by the Harcourt Policy Institute.",
            "The cost of the scheme",
            "Harcourt Policy Institute",
        ),
    ],
)
def test_speaker(text: str, fragment: str, speaker: str) -> None:
    assert speaker in (speaker_of(text, fragment) or "")


@pytest.mark.slow
def test_findings_are_a_document_not_speech() -> None:
    text = "The cost of the scheme was too low, according to findings published by the Harcourt Policy Institute."
    assert _quote(text, "The cost of the scheme").category == "document"


@pytest.mark.slow
def test_a_quoted_word_inside_the_clause_keeps_the_whole_clause() -> None:
    text = "“Reckless” lending could push the bill up by another £40m by 2030, the study warned."
    quote = _quote(text, "Reckless")
    assert "push the bill up" in quote.text
    assert quote.kind == "mixed"


@pytest.mark.slow
def test_a_quote_ending_at_a_comma_before_its_speaker_stays_direct() -> None:
    text = "“We will not raise prices this year,” Tom Baxter, the chief executive, said."
    quote = _quote(text, "We will not raise prices")
    assert quote.kind == "direct"
    assert quote.text.startswith("We will not raise prices")


@pytest.mark.slow
def test_the_clause_after_said_that_is_what_was_said() -> None:
    text = (
        "Elsewhere, the Lenders Guild added savings rose by £4m in May, compared to April's £4.29m. The Federation "
        "said that loans for new cars fell 12% year-on-year to 40,000 - the lowest total since 2003."
    )
    quotes = analyze(text).quotes
    fell = _quote(text, "loans for new cars fell")
    assert fell.speaker is not None and "Federation" in fell.speaker.name
    # the sentence before (split off wrongly at "£4.29m.") is not the Federation's
    assert not any("savings rose" in q.text and q.speaker and "Federation" in q.speaker.name for q in quotes)


@pytest.mark.slow
def test_an_object_misparsed_before_the_clause_is_its_subject() -> None:
    text = (
        "Elsewhere, the Lenders Guild added underlying mortgage lending rose by £4m in May, compared to April's £4.29m."
    )
    quote = _quote(text, "rose by")
    assert quote.text.startswith("underlying mortgage lending rose")


@pytest.mark.slow
def test_a_hearer_object_stays_out_of_the_clause() -> None:
    text = "The minister told reporters the plan would be published on Monday."
    quote = _quote(text, "published on Monday")
    assert "reporters" not in quote.text


@pytest.mark.slow
def test_a_progressive_in_two_halves_is_one_clause() -> None:
    text = "Mayor Ann Cole says the council is wasting money and showing contempt for the voters of the town."
    quote = _quote(text, "wasting money")
    assert quote.text.endswith("voters of the town")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The new stadium is expected to open before the end of next season.", "to open before the end"),
        ("Shoppers seem to be holding back their spending until the sales begin.", "to be holding back"),
        ("It appears that the ferry service will resume in the spring.", "the ferry service will resume"),
    ],
)
def test_an_impression_or_expectation_is_a_belief_held_by_no_one_named(text: str, fragment: str) -> None:
    quote = _quote(text, fragment)
    assert quote.category == "belief"
    assert quote.speaker is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The singer appeared in court on Monday to answer the charges against her.",
        "The stadium is not expected by the club to open before the end of next season.",
        "“The stadium is expected to open in May,” the mayor said.",
    ],
)
def test_no_impression_without_a_raising_infinitive(text: str) -> None:
    assert not [q for q in analyze(text).quotes if q.category == "belief" and q.speaker is None]


@pytest.mark.slow
def test_a_quoted_phrase_inside_an_impression_is_no_speech() -> None:
    text = "After the defeat the players seemed to be “in a state of complete shock” for a week."
    quote = _quote(text, "complete shock")
    assert quote.category == "belief"
