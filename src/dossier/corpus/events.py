"""One timeline across articles: reports of the same real event in several articles become one event.

Pure (no SQL): the store hands over each event report as the timeline dict it reads (type, date, anchor,
location, participants, article) with the global entity ids of its participants, and gets back one entry per
real event with all its reports.

Two reports are of the same event when
- they have the same type, and neither says it did not happen while the other says it did;
- their participants overlap: a global entity (or, for a participant no entity stands for, the same
  normalized name) takes part in both;
- their dates are compatible: one value is a prefix of the other ("2019-05" and "2019-05-13"), or two days lie
  within :data:`NEAR_DAYS` of each other (kept as a conflict); a date taken from the publication day only says
  "by then", so it is compatible with a date up to :data:`REPORT_LAG_DAYS` before it;
- their places are compatible: one is unknown, or they are the same (one name containing the other), or they
  differ but the reports share two participants or more (kept as a conflict).

Each merged event keeps its reports, its earliest report (by publication), the outlets that carry it, and the
dates and places its reports disagree on (``conflicts``), so a reader sees the disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from . import names

NEAR_DAYS = 1
"""Days two reports' dates may differ and still be one event ("Monday" in one paper, "Tuesday" in another:
time zones, late reports), shown as a conflict."""

REPORT_LAG_DAYS = 30
"""How long before a report's publication day the event it dates only by that day may have happened."""

ANCHOR_RANK = {"clause": 4, "sentence": 3, "narrative": 2, "published": 0}
"""How much a date's anchor says about the event (a clause's own date best, the publication day least)."""


@dataclass(frozen=True, slots=True)
class Report:
    """What the matching looks at in one event report."""

    type: str
    modality: str
    date: str | None
    anchor: str | None
    place: str | None
    parties: frozenset[str]
    """Global entity ids (``g:12``) or normalized names (``n:john smith``) of its participants."""


def report_of(event: Mapping[str, Any], globals_of: Callable[[str, str], str | None]) -> Report:
    """The :class:`Report` of a timeline event dict; ``globals_of(article_id, local_id)`` gives a global id."""
    article = event.get("article") or {}
    aid = str(article.get("id") or "")
    parties: set[str] = set()
    for p in event.get("participants") or ():
        if p.get("role") == "location":
            continue
        gid = globals_of(aid, p["entity"]) if p.get("entity") else None
        if gid is not None:
            parties.add(f"g:{gid}")
        elif p.get("name"):
            key = names.normalize(str(p["name"]), "PERSON")
            if key:
                parties.add(f"n:{key}")
    anchor = event.get("date_anchor") or _anchor_of_basis(event.get("date_basis"))
    return Report(
        type=str(event.get("type")),
        modality=str(event.get("modality") or "asserted"),
        date=event.get("date"),
        anchor=anchor,
        place=event.get("location"),
        parties=frozenset(parties),
    )


def _anchor_of_basis(basis: str | None) -> str | None:
    return {"clause": "clause", "governing": "sentence", "published": "published"}.get(basis or "")


@lru_cache(maxsize=8192)
def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _known(value: str | None) -> str:
    """The calendar digits of a value ("2019-05-13TNI" -> "2019-05-13"; "XXXX-SU", "PRESENT_REF" -> "")."""
    if not value or not value[:4].isdigit():
        return ""
    head = value.split("T")[0]
    out = ""
    for part in head.split("-")[:3]:
        if not part.isdigit():
            break
        out = f"{out}-{part}" if out else part
    return out


def dates_compatible(a: Report, b: Report) -> bool:
    """Whether two reports' dates can be one event's (see the module's rules)."""
    ka, kb = _known(a.date), _known(b.date)
    if not ka or not kb:
        return True
    weak_a, weak_b = a.anchor == "published", b.anchor == "published"
    if weak_a or weak_b:
        da, db = _day(ka), _day(kb)
        if da is None or db is None:
            return ka.startswith(kb) or kb.startswith(ka)
        if weak_a and weak_b:
            return abs((da - db).days) <= REPORT_LAG_DAYS
        by, then = (da, db) if weak_a else (db, da)
        return 0 <= (by - then).days <= REPORT_LAG_DAYS
    if ka.startswith(kb) or kb.startswith(ka):
        return True
    da, db = _day(ka), _day(kb)
    return da is not None and db is not None and abs((da - db).days) <= NEAR_DAYS


def _places_compatible(a: Report, b: Report) -> bool:
    if not a.place or not b.place:
        return True
    pa, pb = a.place.lower(), b.place.lower()
    return pa in pb or pb in pa or len(a.parties & b.parties) >= 2


def same_event(a: Report, b: Report) -> bool:
    """Whether two reports tell the same real event."""
    if a.type != b.type or not (a.parties & b.parties):
        return False
    if (a.modality == "negated") != (b.modality == "negated"):
        return False  # "was not arrested" and "was arrested" are not one event
    return dates_compatible(a, b) and _places_compatible(a, b)


def cluster(reports: Sequence[Report]) -> list[list[int]]:
    """Groups of report indices that tell one event, each in the order given (single link within a type)."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(reports):
        for party in r.parties:
            by_key.setdefault((r.type, party), []).append(i)
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if find(i) != find(j) and same_event(reports[i], reports[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _published(ev: Mapping[str, Any]) -> str:
    return str((ev.get("article") or {}).get("published") or "~")


def _best(ev: Mapping[str, Any]) -> tuple[int, int, int]:
    anchor = ev.get("date_anchor") or _anchor_of_basis(ev.get("date_basis"))
    return (ANCHOR_RANK.get(anchor or "", -1), len(_known(ev.get("date"))), len(ev.get("participants") or ()))


def merge_reports(
    events: Sequence[Mapping[str, Any]], globals_of: Callable[[str, str], str | None]
) -> list[dict[str, Any]]:
    """One entry per real event, in date order: the best-dated report's fields, plus ``reports`` (how many),
    ``evidence`` (the other reports), ``outlets`` / ``outlet_count``, ``first_report`` (the earliest
    article) and ``conflicts`` (dates or places the reports disagree on)."""
    reports = [report_of(ev, globals_of) for ev in events]
    out: list[dict[str, Any]] = []
    for group in cluster(reports):
        members = [events[i] for i in group]
        best = max(members, key=_best)
        by_time = sorted(members, key=_published)
        first = dict(by_time[0].get("article") or {})
        outlets = list(dict.fromkeys(o for m in by_time if (o := (m.get("article") or {}).get("outlet"))))
        entry = dict(best)
        entry["evidence"] = [
            {
                "sentence": m.get("sentence"),
                "trigger": m.get("trigger"),
                "article": m.get("article"),
                "start": m.get("start"),
            }
            for m in by_time
            if m is not best
        ]
        entry["reports"] = len(members)
        entry["outlets"] = outlets
        entry["outlet_count"] = len(outlets) or len({(m.get("article") or {}).get("id") for m in members})
        entry["first_report"] = first
        entry["conflicts"] = _conflicts(by_time)
        out.append(entry)
    return sorted(out, key=_date_order)


def _conflicts(members: Iterable[Mapping[str, Any]]) -> list[str]:
    """What the reports disagree on: own dates that differ (not one a prefix of the other), places that differ."""
    dates: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for m in members:
        who = str((m.get("article") or {}).get("outlet") or (m.get("article") or {}).get("id") or "?")
        anchor = m.get("date_anchor") or _anchor_of_basis(m.get("date_basis"))
        known = _known(m.get("date"))
        if known and anchor != "published":
            dates.setdefault(known, []).append(who)
        if m.get("location"):
            places.setdefault(str(m["location"]), []).append(who)
    out: list[str] = []
    values = sorted(dates)
    distinct = [v for v in values if not any(w != v and w.startswith(v) for w in values)]
    if len(distinct) > 1:
        out.append("dates differ: " + ", ".join(f"{v} ({', '.join(dict.fromkeys(dates[v]))})" for v in distinct))
    names_ = sorted(places)
    distinct_places = [p for p in names_ if not any(q != p and p.lower() in q.lower() for q in names_)]
    if len(distinct_places) > 1:
        out.append(
            "places differ: " + ", ".join(f"{p} ({', '.join(dict.fromkeys(places[p]))})" for p in distinct_places)
        )
    return out


def _date_order(ev: Mapping[str, Any]) -> tuple[bool, str, str]:
    return (ev.get("date") is None, str(ev.get("date") or ""), _published(ev))


__all__ = ["Report", "cluster", "dates_compatible", "merge_reports", "report_of", "same_event"]
