"""Merging repeated mentions of one event (``dossier.nlp.events.merge``), on hand-built events."""

from __future__ import annotations

import pytest

from dossier.model import Event, EventDate, Participant
from dossier.nlp.events.merge import compatible, merge_events

DATES = {
    "2016": EventDate("in 2016", "2016", "clause"),
    "2016g": EventDate("In 2016", "2016", "governing"),
    "2017": EventDate("in 2017", "2017", "clause"),
    "pub": EventDate("", "2023-03-20", "published"),
    "dec": EventDate("December", "2004-12", "clause"),
    "dec14": EventDate("the 14 December", "2004-12-14", "clause"),
    None: None,
}


def ev(
    kind: str,
    start: int,
    parts: list[tuple[str, str, str | None]],
    date: str | None = None,
    confidence: float = 0.9,
    location: str | None = None,
) -> Event:
    """An event mention: ``parts`` are (role, name, entity id) triples."""
    ps = tuple(Participant(r, n, e, start + 10, start + 15) for r, n, e in parts)
    return Event(kind, None, kind, start, start + 5, f"sentence {start}", DATES[date], ps, location, confidence)


ZIN = ("patient", "Zinchenko", "E2")
SUSU = ("patient", "Raivo Susu", "E9")
ISS = ("agent", "Internal Security Service", "E6")
EST = ("participant", "Estonia", "E4")
RUS = ("participant", "Russia", "E5")
BLAIR = ("participant", "Tony Blair", "E10")
SHARON = ("participant", "Ariel Sharon", "E11")
LEADERS = ("participant", "leaders", None)
ANKARA = ("participant", "Ankara", "E7")
KIM = ("participant", "Kim", "E12")
POMPEO = ("participant", "Pompeo", "E13")
ENVOYS = ("participant", "special envoys", None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [ZIN, ISS], "2016")),  # subset, same date
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [ZIN], None)),  # one undated
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [ZIN], "pub")),  # one dated by publication only
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [ZIN], "2016g")),  # governing date, same value
        (ev("exchange", 0, [EST, RUS], "2017"), ev("exchange", 100, [ZIN, EST, SUSU], "2017")),  # share a party
        (ev("exchange", 0, [], "2017"), ev("exchange", 100, [ZIN, EST], "2017")),  # bare mention
        (ev("exchange", 0, [EST, RUS], "2017"), ev("exchange", 100, [ZIN, EST, SUSU], None)),  # one dated by the text
        (ev("meeting", 0, [BLAIR, SHARON], "pub"), ev("meeting", 100, [BLAIR], "pub")),  # subset
        (ev("meeting", 0, [], "pub"), ev("meeting", 100, [BLAIR, SHARON], "pub")),  # "the talks"
        (ev("meeting", 0, [KIM, ENVOYS], "2017"), ev("meeting", 100, [KIM], "2017")),  # one side adds a party
        # "Debra Hill dies" and "she died ... in Los Angeles" (she unresolved): one death
        (ev("death", 0, [("patient", "Debra Hill", "E3")], "pub"), ev("death", 100, [], "pub", location="Los Angeles")),
        (ev("protest", 0, [], None, location="Moscow"), ev("protest", 100, [], "2017", location="Moscow")),
        (ev("arrest", 0, [ZIN, ("agent", "same country", None)]), ev("arrest", 100, [ZIN, ISS])),  # share patient
        (ev("meeting", 0, [], "dec"), ev("meeting", 100, [], "dec14")),  # "the December meeting", "the 14 December"
    ],
)
def test_same_event(a: Event, b: Event) -> None:
    assert compatible(a, b) and compatible(b, a)
    assert len(merge_events([a, b])) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [SUSU], "2016")),  # different people
        (ev("arrest", 0, [ZIN], "2016"), ev("arrest", 100, [ZIN], "2017")),  # different dates
        (ev("arrest", 0, [ZIN, ISS]), ev("arrest", 100, [SUSU, ISS])),  # same jailer, other detainee
        (ev("release", 0, [ZIN], "2017"), ev("exchange", 100, [ZIN], "2017")),  # two types
        (ev("attack", 0, [("target", "Kyiv", "E1")]), ev("attack", 100, [("target", "Kharkiv", "E3")])),
        (ev("protest", 0, [], location="Moscow"), ev("protest", 100, [], location="St. Petersburg")),
        (ev("meeting", 0, [("participant", "Biden", "E1")]), ev("meeting", 100, [("participant", "Xi", "E3")])),
        # undated meetings sharing one party: Blair's talks with Sharon, his meeting with leaders in Baghdad
        (ev("meeting", 0, [BLAIR, SHARON], "pub"), ev("meeting", 100, [BLAIR, LEADERS], "pub")),
        (ev("meeting", 0, [BLAIR, SHARON]), ev("meeting", 100, [BLAIR, ("participant", "Abbas", "E8")])),
        # dated alike, one shared party, and each side a party the other lacks: envoys met Kim, Pompeo met Kim
        (ev("meeting", 0, [KIM, ENVOYS], "2017"), ev("meeting", 100, [KIM, POMPEO], "2017")),
        # "a Brussels summit" and "formal talks with Ankara", both dated only by publication
        (ev("meeting", 0, [], "pub", location="Brussels"), ev("meeting", 100, [ANKARA], "pub")),
        # a dated ministers' meeting and an undated summit in Chile: nothing says they are one
        (
            ev("meeting", 0, [("participant", "finance ministers", None)], "2017"),
            ev("meeting", 100, [], location="Chile"),
        ),
    ],
)
def test_different_events(a: Event, b: Event) -> None:
    assert not compatible(a, b)
    assert len(merge_events([a, b])) == 2


def test_kept_record_is_the_most_informative_with_the_union_of_participants() -> None:
    lede = ev("arrest", 0, [ZIN], None, confidence=0.95)
    body = ev("arrest", 100, [ZIN, ISS], "2016", confidence=0.8)
    jailed = ev("arrest", 200, [ZIN, ("agent", "the police", None)], "pub", location="Tallinn")
    (merged,) = merge_events([lede, body, jailed])
    assert (merged.start, merged.sentence, merged.date) == (100, "sentence 100", DATES["2016"])
    assert [p.name for p in merged.participants] == ["Zinchenko", "Internal Security Service", "the police"]
    assert merged.participants[2].start == 210  # offsets of the mention it came from
    assert merged.confidence == 0.95 and merged.location == "Tallinn"


def test_the_more_precise_date_is_kept() -> None:
    (merged,) = merge_events([ev("meeting", 0, [], "dec"), ev("meeting", 100, [], "dec14")])
    assert merged.date is not None and merged.date.value == "2004-12-14"


def test_a_mention_that_fits_two_events_is_kept_apart() -> None:
    first = ev("arrest", 0, [ZIN], "2016")
    second = ev("arrest", 100, [SUSU], "2016")
    bare = ev("arrest", 200, [], None)
    assert len(merge_events([first, second, bare])) == 3


def test_a_mention_goes_to_the_event_it_shares_most_with() -> None:
    first = ev("exchange", 0, [EST, ("participant", "Latvia", "E7")])
    second = ev("exchange", 100, [RUS, ("participant", "Ukraine", "E8")])
    third = ev("exchange", 200, [RUS, ("participant", "Ukraine", "E8"), SUSU])
    merged = merge_events([first, second, third])
    assert [e.start for e in merged] == [0, 200]


def test_three_exchange_mentions_of_one_swap_are_one_event() -> None:
    mentions = [
        ev("exchange", 0, [EST, RUS], "2017"),
        ev("exchange", 100, [], "2017", confidence=0.65),
        ev("exchange", 120, [ZIN, EST, SUSU], "2017"),
        ev("exchange", 900, [RUS, EST], None),
    ]
    (merged,) = merge_events(mentions)
    assert {p.entity for p in merged.participants} == {"E2", "E4", "E5", "E9"}
