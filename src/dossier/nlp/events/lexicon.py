"""Word lists of the event stage: the lexical evidence its sense checks and mood filters use.

Data, not logic (``events`` applies them): which verbs stand without an object, which modifiers make a
nominal trigger unreal, which words make "shot" filming or "charge" electrical, and so on. Each list
was drawn from real news; its docstring says what it is for.
"""

from __future__ import annotations

from .. import lexicons

INTRANSITIVE = lexicons.words("words_events", list="lexicon.INTRANSITIVE")  # fmt: skip
"""Verbs whose sense check applies to their subject when they have no object."""

LAW_ENFORCEMENT = lexicons.words("words_events", list="lexicon.LAW_ENFORCEMENT")  # fmt: skip
"""Raiders whose raid is a search, not an attack."""

THREAT_OBJECTS = lexicons.words("words_events", list="lexicon.THREAT_OBJECTS")  # fmt: skip
"""What a threat threatens with ("threatened sanctions"), as opposed to what is endangered ("threatened a try")."""

UNREAL_MODIFIERS = lexicons.words("words_events", list="lexicon.UNREAL_MODIFIERS")  # fmt: skip
"""Modifiers of a nominal trigger that make it not (yet) real."""

FILMING_WORDS = lexicons.words("words_events", list="lexicon.FILMING_WORDS")
"""Words that make "shot" the filming sense."""

DUTY_VERBS = lexicons.words("words_events", list="lexicon.DUTY_VERBS")  # fmt: skip
"""Tasks one is "charged with" ("charged with negotiating"), as opposed to crimes ("charged with murdering")."""

CHARGING_WORDS = lexicons.words("words_events", list="lexicon.CHARGING_WORDS")
"""Words that make "charge" the electrical sense."""

SPECIFYING_PREPS = lexicons.words("words_events", list="lexicon.SPECIFYING_PREPS")
"""Prepositions whose phrase says which event an indefinite trigger is ("a meeting with Putin", "a blast in Kabul")."""

TIME_WORDS = lexicons.words("words_events", list="lexicon.TIME_WORDS")  # fmt: skip
"""Nouns that may follow a trigger without modifying it ("the meeting today")."""

DECIDED_TYPES = lexicons.words("words_events", list="lexicon.DECIDED_TYPES")
"""Types whose decision is the event itself ("agreed to extend sanctions", "voted to impeach")."""

BLAST_CONTEXT = lexicons.words("words_events", list="lexicon.BLAST_CONTEXT")  # fmt: skip
"""Words that make an "explosion" physical ("the gadget explosion signalled growth" is a figure of speech)."""

HOLDING_VERBS = lexicons.words("words_events", list="lexicon.HOLDING_VERBS")
"""Verbs that make a planned event take place ("the TGWU is holding specially scheduled talks")."""

ASYLUM_HEADS = lexicons.words("words_events", list="lexicon.ASYLUM_HEADS")
"""Nouns that make "asylum X" a request by themselves ("an asylum request")."""

ENGLISH_WORDS = lexicons.words("words_events", list="lexicon.ENGLISH_WORDS")
"""Function words that make up about a fifth of any English text."""
