"""Entity resolution across articles: names, surnames, titles, acronyms, spelling variants, and refusals."""

from __future__ import annotations

import pytest

from dossier.corpus import names
from dossier.corpus.resolve import Candidate, EntityRef, decide, lookup_keys, query_keys


def ref(name: str, type_: str = "PERSON", *aliases: str, context: tuple[str, ...] = ()) -> EntityRef:
    return EntityRef("a1", "E1", name, type_, (name, *aliases), frozenset(context))


def cand(
    id_: int, name: str, type_: str = "PERSON", *aliases: str, context: tuple[str, ...] = (), ambiguous: bool = False
) -> Candidate:
    return Candidate(id_, name, type_, (name, *aliases), frozenset(context), 3, ambiguous)


@pytest.mark.parametrize(
    ("name", "type_", "expected"),
    [
        ("President Vladimir Putin's", "PERSON", "vladimir putin"),
        ("Mr. Kim", "PERSON", "kim"),
        ("U.S. Secretary of State Mike Pompeo", "PERSON", "mike pompeo"),
        ("the North Atlantic Treaty Organization", "ORG", "north atlantic treaty organization"),
        ("Kyïv", "GPE", "kyiv"),
        ("Kim Jong-un", "PERSON", "kim jong un"),
    ],
)
def test_normalize(name: str, type_: str, expected: str) -> None:
    assert names.normalize(name, type_) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("John Smith", "J. Smith", True),
        ("John Smith", "John A. Smith", True),
        ("John Smith", "Adam Smith", False),
        ("Donald Trump", "Donald Trump Jr.", False),
        ("Donald Trump Sr.", "Donald Trump Jr.", False),
        ("Robert Mueller", "Robert S. Mueller III", True),
        ("Special Counsel Robert Mueller", "Robert Mueller", True),
        ("John Smith III", "John Smith IV", False),
        ("Kim Jong-un", "Kim Jong Un", True),
        ("Kim Jong-un", "Kim Yo-jong", False),
    ],
)
def test_same_person_name(a: str, b: str, same: bool) -> None:
    assert names.same_person_name(a, b) is same


@pytest.mark.parametrize(
    ("new", "candidates", "rule", "merged_into"),
    [
        # a title is not part of the name; the only Putin in the corpus
        (ref("President Putin"), [cand(1, "Vladimir Putin")], "surname", 1),
        (ref("Putin"), [cand(1, "Vladimir Putin", "PERSON", "Putin")], "surname", 1),
        (ref("Vladimir Putin"), [cand(1, "Vladimir Putin")], "same_name", 1),
        (ref("J. Smith"), [cand(1, "John Smith")], "person_name", 1),
        # acronyms both ways, type compatible
        (ref("NATO", "ORG"), [cand(1, "North Atlantic Treaty Organization", "ORG")], "acronym", 1),
        (ref("the North Atlantic Treaty Organization", "ORG"), [cand(1, "NATO", "ORG")], "acronym", 1),
        (ref("U.S.", "GPE"), [cand(1, "United States", "GPE")], "acronym", 1),
        # a transliteration variant that shares context
        (
            ref("Kyiv", "GPE", context=("ukraine",)),
            [cand(1, "Kiev", "GPE", context=("ukraine", "russia"))],
            "transliteration",
            1,
        ),
        # other articles called only one of them by the surname alone
        (
            ref("Trump"),
            [cand(1, "Donald Trump", "PERSON", "Trump"), cand(2, "Melania Trump")],
            "surname_usage",
            1,
        ),
        # the same article names one of two same-surname people in full, as someone apart: the other one
        (
            ref("Smith", context=("john smith", "acme")),
            [cand(1, "John Smith"), cand(2, "Adam Smith")],
            "surname_context",
            2,
        ),
        # co-occurring entities single one out
        (
            ref("Smith", context=("acme", "boston", "red sox")),
            [cand(1, "John Smith", context=("acme", "boston", "red sox")), cand(2, "Adam Smith")],
            "surname_context",
            1,
        ),
        # usage outweighs co-occurrence: the article about the first lady's guests is not about her
        (
            ref("Trump", context=("emmanuel macron", "white house", "brigitte")),
            [
                cand(1, "Donald Trump", "PERSON", "Trump"),
                cand(2, "Melania Trump", context=("emmanuel macron", "white house", "brigitte")),
            ],
            "surname_usage",
            1,
        ),
    ],
)
def test_merges_with_a_reason(new: EntityRef, candidates: list[Candidate], rule: str, merged_into: int) -> None:
    decision = decide(new, candidates)
    assert (decision.global_id, decision.rule) == (merged_into, rule)
    assert decision.why


@pytest.mark.parametrize(
    ("new", "candidates", "rule"),
    [
        # two different people share the surname: no evidence, no merge
        (ref("Smith"), [cand(1, "John Smith"), cand(2, "Adam Smith")], "ambiguous"),
        (
            ref("Smith"),
            [cand(1, "John Smith", "PERSON", "Smith"), cand(2, "Adam Smith", "PERSON", "Smith")],
            "ambiguous",
        ),
        (ref("Adam Smith"), [cand(1, "John Smith", "PERSON", "Smith")], "new"),
        (ref("Donald Trump Jr."), [cand(1, "Donald Trump")], "new"),
        # incompatible types never merge
        (ref("Jordan", "GPE"), [cand(1, "Jordan", "PERSON")], "new"),
        (ref("Washington", "PERSON"), [cand(1, "Washington", "GPE")], "new"),
        # initials alone do not make an acronym of a person, and two long names with equal initials are not one
        (ref("Alan Brown", "PERSON"), [cand(1, "AB", "ORG")], "new"),
        (ref("National Audit Office", "ORG"), [cand(1, "North Atlantic Organization", "ORG")], "new"),
        # a look-alike spelling with nothing in common around it
        (ref("Rome", "GPE", context=("italy",)), [cand(1, "Rama", "GPE", context=("india",))], "new"),
        # a bare surname several people share is never merged into by surname alone
        (ref("Smith Jones"), [cand(1, "Smith", ambiguous=True)], "new"),
    ],
)
def test_refuses_without_evidence(new: EntityRef, candidates: list[Candidate], rule: str) -> None:
    decision = decide(new, candidates)
    assert decision.rule == rule
    assert decision.global_id is None or rule == "ambiguous"


def test_ambiguous_surname_joins_the_kept_apart_entity_not_a_person() -> None:
    kept_apart = cand(3, "Smith", ambiguous=True)
    decision = decide(ref("Smith"), [cand(1, "John Smith"), cand(2, "Adam Smith"), kept_apart])
    assert (decision.global_id, decision.rule) == (3, "ambiguous")
    assert "John Smith" in decision.why and "Adam Smith" in decision.why


def test_lookup_keys_meet_for_every_rule() -> None:
    assert lookup_keys("NATO", "ORG") & lookup_keys("North Atlantic Treaty Organization", "ORG")
    assert lookup_keys("President Putin", "PERSON") & lookup_keys("Vladimir Putin", "PERSON")
    assert lookup_keys("Kiev", "GPE") & lookup_keys("Kyiv", "GPE")
    assert set(query_keys(ref("Mr. Kim"))) & lookup_keys("Kim Jong Un", "PERSON")
    assert not [k for k in query_keys(ref("John Smith")) if k.startswith("g:")]
    assert query_keys(ref("John Smith"))[0] == "n:john smith"
    assert not lookup_keys("", "ORG")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("IL Tempo", "Il Tempo", True),
        ("The New York Times", "New York Times", True),
        ("NYT", "The New York Times", True),
        ("Yahoo News", "Il Tempo", False),
        ("", "Il Tempo", False),
    ],
)
def test_same_outlet(a: str, b: str, same: bool) -> None:
    assert names.same_outlet(a, b) is same


@pytest.mark.parametrize(
    ("alias", "is_name"),
    [
        ("Artem Zinchenko", True),
        ("the United States", True),
        ("Bank of America", True),
        ("NATO", True),
        ("a former Russian spy", False),
        ("The former Russian spy", False),
        ("he", False),
        ("", False),
    ],
)
def test_only_names_are_aliases_for_matching(alias: str, is_name: bool) -> None:
    assert names.is_name(alias) is is_name


def test_a_shared_description_is_no_reason_to_merge() -> None:
    spy = EntityRef("a2", "E1", "Ivan Petrov", "PERSON", ("Ivan Petrov", "the former Russian spy"))
    known = cand(1, "Artem Zinchenko", "PERSON", "Zinchenko", "the former Russian spy")
    assert decide(spy, [known]).rule == "new"


def _lazy(id_: int, name: str, context: tuple[str, ...], calls: list[int]) -> Candidate:
    def load() -> frozenset[str]:
        calls.append(id_)
        return frozenset(context)

    return Candidate(id_, name, "PERSON", (name,), frozenset(), 3, False, load)


@pytest.mark.parametrize(
    ("candidates", "expected_loads", "merged_into"),
    [
        # one same-name candidate: nothing to weigh, the store is not asked for its context
        ([("Vladimir Putin", ())], set(), 1),
        # two same-name candidates: the context decides, so both are read
        ([("Vladimir Putin", ()), ("Vladimir Putin", ("kremlin",))], {1, 2}, 2),
    ],
)
def test_candidate_context_loads_only_when_a_rule_needs_it(
    candidates: list[tuple[str, tuple[str, ...]]], expected_loads: set[int], merged_into: int
) -> None:
    calls: list[int] = []
    pool = [_lazy(i, name, ctx, calls) for i, (name, ctx) in enumerate(candidates, 1)]
    decision = decide(ref("Vladimir Putin", context=("kremlin",)), pool)
    assert decision.global_id == merged_into
    assert set(calls) == expected_loads
