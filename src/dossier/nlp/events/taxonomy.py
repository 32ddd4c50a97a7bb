"""dossier's event taxonomy: types, CAMEO codes, trigger lexicon and role frames (docs/events.md).

The data is ``data/lexicons/event_taxonomy.json``; this module says what it means. Each ``EventType``
says which CAMEO code it carries (None where CAMEO has none: elections, appointments, deaths ...), how
syntactic positions map to roles, and which *support verbs* turn a nominal trigger into a reported event
("imposed sanctions", "took part in demonstrations"). Each ``Sense`` is one trigger lemma with the checks
that keep its wrong senses out ("cardiac arrest", "released a report", "meet the deadline").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

Check = Literal["person", "captive", "actor", "asset", "place", "target", "device", "any"]
"""What an argument must look like for a trigger sense to hold (see ``event_syntax.looks_like``)."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event and the frame its participants fill."""

    name: str
    cameo: str | None
    label: str
    subject: str = "agent"
    """Role of the active subject (and of the passive ``by`` agent)."""
    object: str = "patient"
    """Role of the direct object, the passive subject and a nominal's ``of`` complement."""
    poss: str = "patient"
    """Role of a nominal trigger's possessor ("Zinchenko's arrest", "Russia's invasion")."""
    modifier: str | None = None
    """Role of a named modifier of a nominal trigger ("Russian invasion", "US sanctions")."""
    preps: dict[str, str] = field(default_factory=dict)
    """Preposition -> role for complements of the trigger or its support verb."""
    support: dict[str, str] = field(default_factory=dict)
    """Support verb lemma -> role of its subject, for nominal triggers ("hold a protest")."""
    for_support: bool = False
    """Whether a support verb may take the trigger after "for" ("asked for asylum"; "called for an election" is not
    one)."""


@dataclass(frozen=True, slots=True)
class Sense:
    """One trigger lemma in one part of speech, with its sense checks."""

    lemma: str
    pos: Literal["VERB", "NOUN"]
    type: str
    check: Check = "any"
    """What the patient/object must be; a verb whose object fails this is another sense."""
    requires_object: bool = False
    """The sense needs its object (or passive subject) to be present and pass ``check``."""
    objects: frozenset[str] = frozenset()
    """For a verb: its direct object must have one of these lemmas ("sign" + "treaty")."""
    particle: str | None = None
    """A particle the verb needs ("step down", "swear in")."""
    cues: frozenset[str] = frozenset()
    """For a noun: a modifier or ``of`` complement must have one of these lemmas ("prisoner exchange")."""
    blocked: frozenset[str] = frozenset()
    """Modifier lemmas that signal another sense ("cardiac arrest", "clinical trial")."""
    needs_support: bool = False
    """A noun that is an event only under a support verb ("imposed sanctions", "sought asylum")."""
    plural_only: bool = False
    """Only the plural form is the event ("talks")."""
    cameo: str | None = None
    """A finer CAMEO code for this trigger than its type's."""
    confidence: float = 0.9
    subject_role: str | None = None
    """Role of the active subject when it differs from the type's ("X died": patient, not agent)."""
    complements: frozenset[str] = frozenset()
    """For a verb: a predicative complement it needs ("found him guilty")."""
    clausal: bool = False
    """For a verb that needs its object: a finite clause will do ("announced it would delay a decision")."""
    second_look: bool = True
    """Whether the fitted second look may keep this word when the rules did not (not where the event sense is the rare
    one: "tried to blame"; senses defined by an object, particle, complement, cue or support verb never are)."""


def _frozen(sense: dict[str, Any]) -> dict[str, Any]:
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in sense.items()}


@cache
def _taxonomy() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    return data


TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "data" / "lexicons" / "event_taxonomy.json"
"""The taxonomy as data: types, trigger senses and the word lists their checks use."""

TYPES: dict[str, EventType] = {t["name"]: EventType(**t) for t in _taxonomy()["types"]}
"""dossier's event types by name."""

SENSES: tuple[Sense, ...] = tuple(Sense(**_frozen(s)) for s in _taxonomy()["senses"])
"""The trigger lexicon: one entry per (lemma, part of speech) sense."""

SENSES_OF: dict[tuple[str, str], tuple[Sense, ...]] = {}
"""Every sense of a (lemma, "VERB"|"NOUN"), in taxonomy order ("strike": an air strike, or a workers' strike)."""
for _sense in SENSES:
    SENSES_OF[(_sense.lemma, _sense.pos)] = (*SENSES_OF.get((_sense.lemma, _sense.pos), ()), _sense)

SENSE_INDEX: dict[tuple[str, str], Sense] = {key: senses[0] for key, senses in SENSES_OF.items()}
"""The first sense of each (lemma, "VERB"|"NOUN") (for look-ups that need one; the stage tries them all)."""

PRISONER_CUES = frozenset(_taxonomy()["words"]["prisoner_cues"])
"""Modifiers that make "exchange"/"swap" a prisoner exchange."""

TREATY_NOUNS = frozenset(_taxonomy()["words"]["treaty_nouns"])
"""Objects that make "sign" an agreement."""

GRANT_VERBS = frozenset(_taxonomy()["words"]["grant_verbs"])
"""Support verbs that make "asylum" a grant rather than a request."""

EXCHANGE_VERBS = frozenset(_taxonomy()["words"]["exchange_verbs"])
"""Verbs that, with persons on both sides of "in exchange for", describe a prisoner exchange."""
