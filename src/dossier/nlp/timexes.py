"""Time expressions normalized to TIMEX3 values, anchored to publication and story time."""

from __future__ import annotations

from ..model import Timex


def extract_timexes(text: str, *, published: str | None = None) -> list[Timex]:
    """TIMEX3 expressions in ``text``; relative ones resolved against ``published`` or the story's time."""
    return []
