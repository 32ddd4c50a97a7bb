"""Look-ups over character spans shared by the stages (which entity covers this span?)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Entity

_TEXT_KEY = "dossier.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token anew on each access (O(n) each time)."""
    cached = doc.user_data.get(_TEXT_KEY)  # a Doc's text never changes, so caching it on the Doc is safe
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


class MentionIndex:
    """Find the entity whose mention overlaps a character span, in O(log n)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        rows = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._starts = [r[0] for r in rows]
        self._rows = rows
        self._by_id = {e.id: e for e in entities}

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with the longest mention overlapping ``[start, end)``, else None."""
        i = bisect.bisect_left(self._starts, end)
        best: tuple[int, Entity] | None = None
        for s, e, ent in reversed(self._rows[max(0, i - 64) : i]):
            if e > start and s < end:
                overlap = min(e, end) - max(s, start)
                if best is None or overlap > best[0]:
                    best = (overlap, ent)
        return best[1] if best else None

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id."""
        return self._by_id.get(entity_id)


def in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies (mostly) inside one of ``spans``."""
    return any(s <= start and end <= e + 1 for s, e in spans)
