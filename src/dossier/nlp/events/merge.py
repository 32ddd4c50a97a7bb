"""One event per real-world event: repeated mentions of an event within an article are merged.

News repeats itself: the lede says "arrested in 2016 and released in 2017 as part of a prisoner
exchange", the body tells it again ("In 2016 ... was arrested by ...; the following year he was
released ... in exchange for ..."). Each mention is a correct reading of its sentence, but an
analyst's timeline wants one arrest, one release and one exchange.

Two mentions are the same event when (``compatible``):

- they have the same type, and not two different locations;
- their dates agree: equal TIMEX3 values, one inside the other (2004-12 and 2004-12-14), or one of them is
  undated or only dated by publication;
- their participants agree: no object role (patient, target, candidate, destination) names
  disjoint entities on the two sides ("the arrest of A" and "the arrest of B" are two arrests),
  and either one's participants are a subset of the other's or they share an entity in the same role
  (other than ``participant``, unless the text dates one of them: Blair's undated talks with Sharon
  and his undated meeting with leaders in Baghdad are two meetings). A mention that shares no one with
  the other, undated, joins it only when it names no participant and no place ("the talks").

The kept record is the most informative mention (clause-dated over governing over published, then
more participants, then higher confidence) with its trigger and evidence offsets, the union of the
participants (each with the offsets of the mention it came from) and the highest confidence. A
mention compatible with several different events (an undated, participant-less "the attack" in an
article about two attacks) is ambiguous and kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...model import Event, EventDate, Participant
from .. import lexicons

OBJECT_ROLES = lexicons.words("words_events", list="merge.OBJECT_ROLES")
"""Roles that tell two events apart when they name different entities (who was arrested, what was hit)."""

SYMMETRIC_ROLES = frozenset({"participant"})
"""Roles every party of a meeting or agreement shares: sharing one of them does not make two mentions one event."""

SYMMETRIC_TYPES = lexicons.words("words_events", list="merge.SYMMETRIC_TYPES")
"""Types whose parties are all ``participant``s: many of them in one article, told apart by who and where."""

_BASIS_RANK = {"clause": 3, "governing": 2, "published": 1}


def merge_events(events: Sequence[Event]) -> list[Event]:
    """``events`` with repeated mentions of one event merged into one record, in text order."""
    clusters: list[list[Event]] = []
    for ev in sorted(events, key=lambda e: (e.start, e.end)):
        fits = [c for c in clusters if all(compatible(ev, other) for other in c)]
        if len(fits) > 1:
            shared = [_shared(ev, c) for c in fits]
            best = max(shared)
            fits = [c for c, n in zip(fits, shared, strict=True) if n == best] if best > 0 else fits
        if len(fits) == 1:
            fits[0].append(ev)
        else:
            clusters.append([ev])
    return sorted((_merge(c) for c in clusters), key=lambda e: (e.start, e.end))


def compatible(a: Event, b: Event) -> bool:
    """Whether two event mentions can be the same real-world event (type, date and participants agree)."""
    if a.type != b.type or not _dates_agree(a.date, b.date):
        return False
    if _happened(a) != _happened(b) or (a.modality == "negated") != (b.modality == "negated"):
        return False  # what will happen (or did not) is not what did
    if a.location and b.location and a.location != b.location:
        return False  # protests in Moscow and in St. Petersburg
    for role in OBJECT_ROLES:
        ka, kb = _ids(a, role), _ids(b, role)
        if ka and kb and not ka & kb:
            return False  # "the arrest of A" / "the arrest of B"
    keys_a, keys_b = _keys(a), _keys(b)
    if keys_a <= keys_b or keys_b <= keys_a:
        if keys_a & keys_b:
            return True
        placed_once = (a.location is None) != (b.location is None)
        if placed_once and a.type in SYMMETRIC_TYPES and not (_bare(a) or _bare(b)):
            return False  # "a finance ministers' meeting" and "the Apec summit in Chile": nothing says one
        first, later = (a, b) if a.start < b.start else (b, a)
        if a.type not in SYMMETRIC_TYPES and not _keys(first) and _keys(later):
            return False  # "Iraq's future after this Sunday's elections ... newly elected Abbas": a bare mention
            # refers back ("X was arrested ... the arrest"), not ahead to a named one ("the talks" lead a meeting)
        if _dated_alike(a.date, b.date):
            return True
        # one side names no one: for a meeting it is the other one only when it says nothing else either
        # ("the talks"): "a Brussels summit" and "talks with Ankara", both undated, are two meetings
        return _bare(a) or _bare(b) or a.type not in SYMMETRIC_TYPES
    shared = _role_ids(a) & _role_ids(b)
    pa, pb = _parties(a), _parties(b)
    if pa - pb and pb - pa:
        return False  # envoys met Kim, Pompeo met Kim: each side has a party the other lacks
    if _dated_alike(a.date, b.date):
        return bool(shared)
    # one shared party of an undated symmetric event is not enough: Blair's talks with Sharon and his
    # meeting with leaders in Baghdad share Blair, and are two meetings
    return any(r not in SYMMETRIC_ROLES for r, _ in shared)


def _happened(ev: Event) -> bool:
    return ev.modality in ("asserted", "reported")


def _parties(ev: Event) -> frozenset[str]:
    """The parties of a symmetric event (meeting, agreement), by entity id or described text."""
    return frozenset(p.entity or p.name.lower() for p in ev.participants if p.role in SYMMETRIC_ROLES)


def _bare(ev: Event) -> bool:
    """A mention that names no participant and no place ("the talks", "the exchange")."""
    return not ev.participants and not ev.location


def _dated_alike(a: EventDate | None, b: EventDate | None) -> bool:
    """Whether the text dates one of two mentions (not publication), and the other agrees with it."""
    return any(d is not None and d.basis != "published" for d in (a, b)) and _dates_agree(a, b)


def _dates_agree(a: EventDate | None, b: EventDate | None) -> bool:
    """Equal values, or one inside the other ("the December meeting" and "the 14 December meeting")."""
    if a is None or b is None or a.basis == "published" or b.basis == "published":
        return True
    va, vb = a.value, b.value
    return va == vb or (va[:1].isdigit() and (va.startswith(vb + "-") or vb.startswith(va + "-")))


def _ids(ev: Event, role: str) -> frozenset[str]:
    return frozenset(p.entity for p in ev.participants if p.role == role and p.entity)


def _keys(ev: Event) -> frozenset[str]:
    """Who takes part, by entity id or (for descriptions) by lower-cased text; places excluded."""
    return frozenset(p.entity or p.name.lower() for p in ev.participants if p.role != "location")


def _role_ids(ev: Event) -> frozenset[tuple[str, str]]:
    return frozenset((p.role, p.entity) for p in ev.participants if p.entity and p.role != "location")


def _shared(ev: Event, cluster: list[Event]) -> int:
    """How many (role, entity) pairs a mention shares with a cluster (to choose among several fits)."""
    mine = _role_ids(ev)
    return max(len(mine & _role_ids(other)) for other in cluster)


def _rank(ev: Event) -> tuple[int, int, int, float, int]:
    basis = _BASIS_RANK.get(ev.date.basis, 0) if ev.date is not None else 0
    precise = len(ev.date.value) if ev.date is not None and ev.date.value[:1].isdigit() else 0  # a day over its month
    return basis, precise, len(ev.participants), ev.confidence, -ev.start


def _merge(cluster: list[Event]) -> Event:
    if len(cluster) == 1:
        return cluster[0]
    kept = max(cluster, key=_rank)
    participants: list[Participant] = list(kept.participants)
    seen = {(p.role, p.entity or p.name.lower()) for p in participants}
    for other in sorted(cluster, key=_rank, reverse=True):
        for p in other.participants:
            key = (p.role, p.entity or p.name.lower())
            if key not in seen:
                seen.add(key)
                participants.append(p)
    location = kept.location or next((e.location for e in cluster if e.location), None)
    confidence = max(e.confidence for e in cluster)
    return replace(kept, participants=tuple(participants), location=location, confidence=confidence)
