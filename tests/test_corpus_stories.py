"""Incremental story assignment: same event joins, a similar but different event starts its own story."""

from __future__ import annotations

from collections import Counter

import pytest

from dossier.corpus.stories import Features, Params, Scorer, assign, counted, day_number, features, words
from dossier.model import Article, Entity, Mention, Timex

QUAKE_A = (
    "A magnitude 6.4 earthquake struck near Izmir, Turkey, on Monday, collapsing buildings and killing at least "
    "twelve people, Turkish officials said. Rescue teams searched the rubble of apartment blocks in Izmir through "
    "the night. The quake was felt across the Aegean coast."
)
QUAKE_A2 = (
    "Rescuers in Izmir pulled survivors from collapsed apartment blocks after a 6.4 magnitude earthquake hit "
    "western Turkey on Monday. Turkish officials said at least twelve people died in Izmir and the Aegean region, "
    "and rescue teams worked through the night in the rubble."
)
QUAKE_B = (
    "A magnitude 6.1 earthquake struck near Sendai, Japan, on Thursday, collapsing buildings and killing at least "
    "five people, Japanese officials said. Rescue teams searched the rubble of houses in Sendai through the "
    "night. The quake was felt across the Pacific coast."
)


def article(id_: str, text: str, published: str, ents: list[tuple[str, str]], dates: tuple[str, ...] = ()) -> Article:
    entities = []
    for i, (name, type_) in enumerate(ents):
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name))
            start = text.find(name, start + 1)
        entities.append(Entity(f"E{i + 1}", name, type_, (name,), tuple(mentions)))
    timexes = tuple(Timex(d, 0, 1, "DATE", d) for d in dates)
    return Article(
        id=id_,
        source={"path": "-"},
        title=None,
        outlet=None,
        authors=(),
        published=published,
        language="en",
        text=text,
        body=((0, len(text)),),
        entities=tuple(entities),
        timexes=timexes,
    )


A = article("a", QUAKE_A, "2024-03-04", [("Izmir", "GPE"), ("Turkey", "GPE"), ("Aegean", "LOC")], ("2024-03-04",))
A2 = article("a2", QUAKE_A2, "2024-03-05", [("Izmir", "GPE"), ("Turkey", "GPE"), ("Aegean", "LOC")], ("2024-03-04",))
B = article("b", QUAKE_B, "2024-03-07", [("Sendai", "GPE"), ("Japan", "GPE"), ("Pacific", "LOC")], ("2024-03-07",))


def run(order: list[Article], params: Params = Params()) -> dict[str, int]:
    """Feed articles one by one, as the store does; the story index each one ends in."""
    df: Counter[str] = Counter()
    story_of: dict[str, int] = {}
    stories: dict[int, list[Features]] = {}
    for n, a in enumerate(order, 1):
        f = features(a)
        df.update(counted(f))
        chosen, _, _ = assign(f, stories, Scorer(df, n, params))
        if chosen is None:
            chosen = len(stories)
            stories[chosen] = []
        stories[chosen].append(f)
        story_of[a.id] = chosen
    return story_of


@pytest.mark.parametrize("order", [[A, A2, B], [B, A, A2], [A2, B, A]])
def test_same_event_joins_and_a_similar_event_elsewhere_stays_apart(order: list[Article]) -> None:
    got = run(order)
    assert got["a"] == got["a2"]
    assert got["b"] != got["a"]


def test_far_apart_publication_dates_never_join() -> None:
    late = article("late", QUAKE_A2, "2024-06-01", [("Izmir", "GPE"), ("Turkey", "GPE")])
    got = run([A, late])
    assert got["a"] != got["late"]


def test_place_conflict_lowers_the_score() -> None:
    fa, fb = features(A), features(B)
    df = Counter(t for f in (fa, fb) for t in counted(f))
    with_gate = Scorer(df, 2).similarity(fa, fb)
    without = Scorer(df, 2, Params(place_penalty=1.0)).similarity(fa, fb)
    assert with_gate < without
    assert Scorer(df, 2).similarity(fa, fa) == pytest.approx(1.0)


def test_features_weigh_the_lead_and_keep_places_and_dates() -> None:
    f = features(A)
    assert f.places[0] == "n:izmir"
    assert f.dates == ("2024-03-04",)
    assert f.day == day_number("2024-03-04")
    assert dict(f.lead)["earthquake"] == 1
    assert "the" not in dict(f.terms) and "said" not in dict(f.terms)


@pytest.mark.parametrize(("text", "expected"), [("Putin's war", ["putin", "war"]), ("It is 2024", [])])
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_no_story_yet_starts_one() -> None:
    chosen, score, scores = assign(features(A), {}, Scorer({}, 1))
    assert (chosen, score, scores) == (None, 0.0, {})


def test_a_facility_is_not_where_a_story_happens() -> None:
    """A facility (often a metonym or a mistyped title: "the Comey Memos") opens no place conflict."""
    memo = article(
        "m",
        "Here are the redacted copies of the Comey Memos, released in Washington.",
        "2024-03-04",
        [("Comey Memos", "FAC"), ("Washington", "GPE")],
    )
    assert features(memo).places == ("n:washington",)
    only_fac = article("f", "The Comey Memos were released.", "2024-03-04", [("Comey Memos", "FAC")])
    assert features(only_fac).places == ()


def test_vectors_are_the_textbook_tf_idf_exactly() -> None:
    """The tabled hot loop gives the same floats as the plain formula (so placement cannot drift)."""
    import math
    import random

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(300)]
    df = {w: rng.randint(0, 50) for w in vocab}
    terms = tuple((w, rng.choice([1, 2, 3, 7, 300])) for w in rng.sample(vocab, 120))
    f = Features("x", terms=terms, lead=terms[:10], entities=(("g:1", 4), ("g:2", 1)), dates=("2024-03-04",))
    scorer = Scorer(df, 1000)

    def reference(items: tuple[tuple[str, int], ...]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * (math.log(1001 / (df.get(t, 0) + 1)) + 1.0) for t, c in items}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()}

    words, lead, who_when = scorer.vectors(f)
    assert words == reference(terms) and lead == reference(terms[:10])
    assert who_when == reference((("g:1", 4), ("g:2", 1), ("d:2024-03-04", 1)))
