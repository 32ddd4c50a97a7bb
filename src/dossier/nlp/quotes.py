"""Quotes: direct, indirect and mixed, with speakers resolved to entities."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Entity, Layout, Quote


def extract_quotes(doc: Doc, entities: Sequence[Entity], layout: Layout) -> tuple[list[Quote], list[str]]:
    """Quotes in ``doc`` and warnings about what could not be attributed."""
    return [], []
