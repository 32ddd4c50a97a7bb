"""Events: who did what to whom, when and where, from the sentence that says it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Entity, Event, Timex


def extract_events(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], *, published: str | None = None
) -> list[Event]:
    """Events in ``doc`` with participants resolved to ``entities`` and dates from ``timexes``."""
    return []
