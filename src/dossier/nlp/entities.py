"""Entities: spaCy's named entities grouped into one record per referent."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity, Layout, Mention

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
)
"""OntoNotes labels that name a referent (dates, numbers and money are handled elsewhere)."""


def extract_entities(doc: Doc, layout: Layout) -> list[Entity]:
    """One entity per distinct (name, label) among spaCy's entities."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for ent in doc.ents:
        if ent.label_ in KEPT_LABELS:
            groups.setdefault((ent.text, ent.label_), []).append(Mention(ent.start_char, ent.end_char, ent.text))
    out = []
    for i, ((name, label), mentions) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start)):
        out.append(Entity(id=f"E{i + 1}", name=name, type=label, aliases=(name,), mentions=tuple(mentions)))
    return out
