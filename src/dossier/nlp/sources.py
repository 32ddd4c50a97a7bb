"""Media sources: outlets, agencies and documents that claims are attributed to."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Entity, Layout, Source


def extract_sources(doc: Doc, entities: Sequence[Entity], layout: Layout) -> list[Source]:
    """Sources cited in ``doc`` ("as reported by ...", "Source: ...", "(AP)", bylines)."""
    return []
