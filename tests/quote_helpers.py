"""Helpers shared by the quote tests: analyse a text, find the quote holding a fragment."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.model import Article, Quote


def analyze(text: str) -> Article:
    """The real pipeline over ``text`` (imported late: spaCy loads only for the tests that need it)."""
    import dossier

    return dossier.analyze(text)


def find(quotes: Sequence[Quote], fragment: str) -> Quote:
    """The first quote whose text contains ``fragment`` (a readable failure when none does)."""
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return hits[0]


def speaker_of(text: str, fragment: str) -> str | None:
    """The speaker's name of the quote of ``text`` holding ``fragment`` (None when it has none)."""
    quote = find(analyze(text).quotes, fragment)
    return quote.speaker.name if quote.speaker is not None else None
