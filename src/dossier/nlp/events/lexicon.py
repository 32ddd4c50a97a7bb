"""Word lists of the event stage: the lexical evidence its sense checks and mood filters use.

Data, not logic (``events`` applies them): which verbs stand without an object, which modifiers make a
nominal trigger unreal, which words make "shot" filming or "charge" electrical, and so on. Each list
was drawn from real news; its docstring says what it is for.
"""

from __future__ import annotations

INTRANSITIVE = frozenset(
    {"die", "perish", "resign", "step", "defect", "explode", "meet", "vote", "protest", "demonstrate", "negotiate",
     "fight", "clash", "go"}
)  # fmt: skip
"""Verbs whose sense check applies to their subject when they have no object."""

LAW_ENFORCEMENT = frozenset(
    {"police", "agent", "officer", "investigator", "authority", "detective", "official", "inspector", "regulator",
     "prosecutor", "fbi", "policeman", "policewoman"}
)  # fmt: skip
"""Raiders whose raid is a search, not an attack."""

THREAT_OBJECTS = frozenset(
    {"sanction", "retaliation", "reprisal", "war", "force", "strike", "attack", "invasion", "boycott", "tariff",
     "consequence", "action", "violence", "arrest", "prosecution", "expulsion", "embargo"}
)  # fmt: skip
"""What a threat threatens with ("threatened sanctions"), as opposed to what is endangered ("threatened a try")."""

UNREAL_MODIFIERS = frozenset(
    {"potential", "possible", "proposed", "planned", "future", "upcoming", "prospective", "hypothetical",
     "would-be", "rumored", "rumoured", "forthcoming", "any", "eventual", "imminent", "looming", "expected",
     "scheduled", "anticipated", "mooted", "next"}
)  # fmt: skip
"""Modifiers of a nominal trigger that make it not (yet) real."""

FILMING_WORDS = frozenset({"film", "movie", "scene", "footage", "episode", "documentary", "video", "camera", "studio"})
"""Words that make "shot" the filming sense."""

DUTY_VERBS = frozenset(
    {"negotiate", "oversee", "investigate", "protect", "implement", "ensure", "review", "coordinate", "supervise",
     "monitor", "reform", "deliver", "enforce", "examine", "advise", "represent", "design", "develop", "draft",
     "manage", "safeguard", "restore", "improve", "regulate"}
)  # fmt: skip
"""Tasks one is "charged with" ("charged with negotiating"), as opposed to crimes ("charged with murdering")."""

CHARGING_WORDS = frozenset({"battery", "wireless", "charger", "usb", "cable", "plug", "watt", "mah", "pad", "port"})
"""Words that make "charge" the electrical sense."""

SPECIFYING_PREPS = frozenset({"of", "between", "with", "in", "at", "on", "among", "against", "by", "outside", "near"})
"""Prepositions whose phrase says which event an indefinite trigger is ("a meeting with Putin", "a blast in Kabul")."""

TIME_WORDS = frozenset({"today", "yesterday", "tonight", "tomorrow", "morning", "afternoon", "evening", "night",
                        "week", "month", "year", "day", "weekend", "time"})  # fmt: skip
"""Nouns that may follow a trigger without modifying it ("the meeting today")."""

DECIDED_TYPES = frozenset({"sanctions", "agreement", "appointment", "election", "charge", "dismissal"})
"""Types whose decision is the event itself ("agreed to extend sanctions", "voted to impeach")."""

BLAST_CONTEXT = frozenset(
    {"kill", "injure", "wound", "dead", "bomb", "device", "police", "fire", "damage", "destroy", "gas", "building",
     "car", "vehicle", "blast", "explosive", "victim", "casualty", "debris", "rubble", "evacuate", "mine", "plant",
     "factory", "pipeline", "attack", "suicide", "hospital", "injury", "shatter", "flame"}
)  # fmt: skip
"""Words that make an "explosion" physical ("the gadget explosion signalled growth" is a figure of speech)."""

HOLDING_VERBS = frozenset({"hold", "attend", "conduct", "stage", "host", "chair", "open", "begin", "start", "join"})
"""Verbs that make a planned event take place ("the TGWU is holding specially scheduled talks")."""

ASYLUM_HEADS = frozenset({"request", "application", "bid", "claim", "petition", "plea"})
"""Nouns that make "asylum X" a request by themselves ("an asylum request")."""

ENGLISH_WORDS = frozenset({"the", "of", "and", "to", "a", "in", "is", "was", "that", "for", "with", "on", "as", "by"})
"""Function words that make up about a fifth of any English text."""
