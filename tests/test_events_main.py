"""Main events the held-out NewsWCL50 stories had missed (issue 15): what each change lets through, and what it does
not. Sentences are written for these tests (no publisher's text); parsed with the real model."""

from __future__ import annotations

import pytest

from dossier.model import Event

pytestmark = pytest.mark.slow


def _events(text: str, published: str = "2018-04-30") -> list[Event]:
    import dossier

    return list(dossier.analyze(text, published=published).events)


def _kinds(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.trigger) for e in _events(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a that-clause is what was announced
        ("The White House announced on Monday it would delay the tariffs on steel.", ("announcement", "announced")),
        # "ask for asylum" is a request for asylum, as "seek asylum" is
        ("Ten migrants walked to the port of entry and asked for asylum on Sunday.", ("asylum_request", "asylum")),
        # a crowd noun among the subject's conjuncts makes the march a protest
        (
            "The organizers, immigrant rights activists and legal observers marched toward the border fence on Sunday.",
            ("protest", "marched"),
        ),
        # announcing agreements says they were reached
        (
            "Officials announced agreements with Argentina, Australia and Brazil on steel exports on Monday.",
            ("agreement", "agreements"),
        ),
    ],
)
def test_main_event_sentences(text: str, expected: tuple[str, str]) -> None:
    kind, word = expected
    assert any(t == kind and word in trigger for t, trigger in _kinds(text)), _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Voters called for an election in the spring of 2019, the paper said.",  # "call for" is not holding one
        "The stocks rallied on Monday after the results.",  # not people
        "The company announced its results.",  # an announcement, but no agreement
    ],
)
def test_not_these_events(text: str) -> None:
    kinds = {t for t, _ in _kinds(text)}
    assert not kinds & {"election", "protest", "agreement"}


def test_the_articles_own_headline_states_its_main_event() -> None:
    text = (
        "Police arrest opposition leader Maria Kolesnikova in Minsk\n\n"
        "The arrest came after weeks of rallies in the capital, her lawyer said on Tuesday. She is held in a cell "
        "near the border, and supporters gathered outside the building all day.\n"
    )
    arrests = [e for e in _events(text) if e.type == "arrest"]
    assert arrests and any(p.name == "Maria Kolesnikova" for e in arrests for p in e.participants)


def test_a_caption_with_an_apostrophe_is_still_a_caption() -> None:
    story = "Thousands of people protested in London last year against the state visit of President Trump."
    caption = (
        "A group of several dozen immigrant rights activists and legal observers march toward the border fence in "
        "San Diego on April 29. They're there to watch the arrival of the caravan."
    )
    text = f"{story}\n\n{caption}\n\nThe visit was later cancelled, officials said.\n"
    starts = [ev.start for ev in _events(text) if ev.type == "protest"]
    assert starts and all(s < len(story) for s in starts)
