"""One timeline across articles (corpus/events.py): which reports are one real event, and what is kept."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.corpus.events import Report, dates_compatible, merge_reports, same_event


def report(
    type_: str = "arrest",
    date: str | None = "2019-05-13",
    anchor: str | None = "clause",
    place: str | None = None,
    parties: tuple[str, ...] = ("g:1",),
    modality: str = "asserted",
) -> Report:
    return Report(type_, modality, date, anchor, place, frozenset(parties))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (report(), report(), True),
        (report(date="2019-05"), report(date="2019-05-13"), True),  # one is a prefix of the other
        (report(date="2019-05-13"), report(date="2019-05-14"), True),  # a day apart: one event, a conflict shown
        (report(date="2019-05-13"), report(date="2019-05-20"), False),  # a week apart: two arrests
        (report(date="2019-05-13", anchor="published"), report(date="2019-05-10"), True),  # reported three days on
        (report(date="2019-05-10", anchor="published"), report(date="2019-05-13"), False),  # after the report
        (report(date="2016"), report(date="2019-05-13", anchor="published"), False),  # 2016 is not "by then"
        (report(), report(type_="release"), False),
        (report(), report(parties=("g:2",)), False),  # nobody in common
        (report(parties=("n:john smith",)), report(parties=("n:john smith", "g:4")), True),
        (report(), report(modality="negated"), False),  # "was not arrested" is no report of the arrest
        (report(modality="future"), report(), True),  # announced, then done
        (report(place="Leeds"), report(place="Leeds, England"), True),
        (report(place="Leeds"), report(place="Kabul"), False),
        (report(place="Leeds", parties=("g:1", "g:2")), report(place="Bradford", parties=("g:1", "g:2")), True),
        (report(date="XXXX-SU"), report(), True),  # no calendar value: no disagreement
    ],
)
def test_same_event(a: Report, b: Report, same: bool) -> None:
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_unknown_dates_are_compatible() -> None:
    assert dates_compatible(report(date=None), report(date="2019-05-13"))


def event(aid: str, outlet: str, published: str, **kw: Any) -> dict[str, Any]:
    base = {
        "type": "arrest",
        "date": "2019-05-13",
        "date_anchor": "clause",
        "location": None,
        "participants": [{"role": "patient", "name": "John Smith", "entity": "E1"}],
        "sentence": f"{outlet}: police arrested John Smith.",
        "trigger": "arrested",
        "start": 0,
        "modality": "asserted",
        "article": {"id": aid, "outlet": outlet, "published": published, "title": aid},
    }
    base.update(kw)
    return base


def test_merged_event_keeps_every_report_its_first_and_its_outlets() -> None:
    events = [
        event("b", "BBC", "2019-05-14"),
        event("a", "Reuters", "2019-05-13"),
        event("c", "AP", "2019-05-15", date="2019-05-14"),
        event("d", "AP", "2019-05-15", type="release", date="2019-05-15"),
    ]
    merged = merge_reports(events, lambda aid, local: "7")
    arrest = next(m for m in merged if m["type"] == "arrest")
    assert arrest["reports"] == 3 and arrest["outlet_count"] == 3
    assert arrest["outlets"] == ["Reuters", "BBC", "AP"]
    assert arrest["first_report"]["outlet"] == "Reuters"
    assert len(arrest["evidence"]) == 2
    assert arrest["conflicts"] == ["dates differ: 2019-05-13 (Reuters, BBC), 2019-05-14 (AP)"]
    assert [m["type"] for m in merged] == ["arrest", "release"]


def test_participants_match_through_global_entities_not_local_ids() -> None:
    a = event("a", "Reuters", "2019-05-13", participants=[{"role": "patient", "name": "J. Smith", "entity": "E3"}])
    b = event("b", "BBC", "2019-05-13", participants=[{"role": "patient", "name": "John Smith", "entity": "E1"}])
    glob = {("a", "E3"): "9", ("b", "E1"): "9"}
    assert len(merge_reports([a, b], lambda aid, local: glob.get((aid, local)))) == 1
    apart = {("a", "E3"): "9", ("b", "E1"): "10"}
    assert len(merge_reports([a, b], lambda aid, local: apart.get((aid, local)))) == 2


def test_a_date_only_from_the_publication_day_is_not_a_conflict() -> None:
    events = [
        event("a", "Reuters", "2019-05-13"),
        event("b", "BBC", "2019-05-14", date="2019-05-14", date_anchor="published"),
    ]
    (merged,) = merge_reports(events, lambda aid, local: "1")
    assert merged["conflicts"] == [] and merged["date"] == "2019-05-13"
