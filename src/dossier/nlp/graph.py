"""The per-article stage graph, declared once.

Each :class:`Stage` says what it needs and what it gives; :func:`run` runs the stages a caller asks for (and
the ones they need) over one parsed document, each guarded: a stage that fails leaves a warning and its
default, and the others still run. The engine (``dossier analyze``, ingest, the parallel workers, the Spark
job) and the spaCy components (``nlp.add_pipe("dossier")`` and the per-stage ``dossier_*`` factories) all run
this one graph, so they give the same answers.

Values flow by name:

======================  ===========================================================================
``text``                the article text (input; ``doc.text`` equals it)
``doc``                 the parsed spaCy ``Doc`` (input)
``meta``                the reader's :class:`~dossier.model.Document` (input: title, authors, outlet …)
``published``           the publication date anchoring relative dates (input, may be ``None``)
``language``            the detected language
``layout``              body spans, bylines, bios, dateline, boilerplate
``text_notes``          warnings about the text itself (encoding debris, truncation)
``entities_found``      entities before sources name them
``sources``             media sources behind claims
``entities``            entities named as their sources name them
``quotes``              quotes with speakers; ``quote_notes`` their warnings
``timexes``             TIMEX3 time expressions
``events``              events with participants and dates
======================  ===========================================================================
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..model import Article, Document, Layout
from .entities import extract_entities
from .events import extract_events
from .integrity import text_warnings
from .language import detect_language
from .layout import analyze_layout
from .quotes import extract_quotes
from .sources import extract_sources, normalize_entity_names
from .timexes import extract_timexes, surnames_of

INPUTS = ("text", "doc", "meta", "published")
"""Values a caller provides; every other value is given by a stage."""

Values = dict[str, Any]
"""The values computed so far for one article, by name."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One pure per-article stage: the values it needs, the values it gives, and what stands in on failure."""

    name: str
    needs: tuple[str, ...]
    gives: tuple[str, ...]
    run: Callable[[Values], tuple[Any, ...]]
    fallback: Callable[[Values], tuple[Any, ...]]
    """Stand-in values when the stage fails (the article is kept, with a warning)."""


def _language(v: Values) -> tuple[Any, ...]:
    meta: Document = v["meta"]
    return (meta.language or detect_language(v["text"]),)


def _layout(v: Values) -> tuple[Any, ...]:
    m: Document = v["meta"]
    return (analyze_layout(v["text"], title=m.title, authors=m.authors, outlet=m.outlet),)


def _plain_layout(v: Values) -> tuple[Any, ...]:
    m: Document = v["meta"]
    return (Layout(body=((0, len(v["text"])),), title=m.title, authors=m.authors, outlet=m.outlet),)


def _quotes(v: Values) -> tuple[Any, ...]:
    quotes, notes = extract_quotes(v["doc"], v["entities"], v["layout"])
    return (quotes, notes)


def _timexes(v: Values) -> tuple[Any, ...]:
    return (extract_timexes(v["text"], published=v["published"], surnames=surnames_of(v["entities"])),)


STAGES: tuple[Stage, ...] = (
    Stage("language", ("text", "meta"), ("language",), _language, lambda v: (v["meta"].language,)),
    Stage("layout", ("text", "meta"), ("layout",), _layout, _plain_layout),
    Stage("text", ("text", "layout"), ("text_notes",), lambda v: (text_warnings(v["text"], v["layout"].body),),
          lambda v: ([],)),
    Stage("entities", ("doc", "layout"), ("entities_found",), lambda v: (extract_entities(v["doc"], v["layout"]),),
          lambda v: ([],)),
    Stage("sources", ("doc", "entities_found", "layout"), ("sources",),
          lambda v: (extract_sources(v["doc"], v["entities_found"], v["layout"]),), lambda v: ([],)),
    Stage("names", ("entities_found", "sources"), ("entities",),
          lambda v: (normalize_entity_names(v["entities_found"], v["sources"]),),
          lambda v: (list(v["entities_found"]),)),
    Stage("quotes", ("doc", "entities", "layout"), ("quotes", "quote_notes"), _quotes, lambda v: ([], [])),
    Stage("timexes", ("text", "published", "entities"), ("timexes",), _timexes, lambda v: ([],)),
    Stage("events", ("doc", "entities", "timexes", "published", "layout"), ("events",),
          lambda v: (extract_events(v["doc"], v["entities"], v["timexes"], published=v["published"],
                                    layout=v["layout"]),),
          lambda v: ([],)),
)  # fmt: skip
"""Every per-article stage, in an order that respects what each needs."""

BY_GIVEN: Mapping[str, Stage] = {name: s for s in STAGES for name in s.gives}
"""The stage that gives each value."""


def plan(wanted: Iterable[str]) -> list[Stage]:
    """The stages needed to give ``wanted`` (with everything they need), in graph order."""
    needed: set[str] = set()
    todo = [w for w in wanted if w not in INPUTS]
    while todo:
        value = todo.pop()
        stage = BY_GIVEN.get(value)
        if stage is None:
            raise KeyError(f"no stage gives {value!r} (stages give: {', '.join(sorted(BY_GIVEN))})")
        if stage.name not in needed:
            needed.add(stage.name)
            todo.extend(n for n in stage.needs if n not in INPUTS)
    return [s for s in STAGES if s.name in needed]


ALL: tuple[str, ...] = tuple(name for s in STAGES for name in s.gives)
"""Every value the graph gives."""


def run(values: Values, wanted: Iterable[str] = ALL, warnings: list[str] | None = None) -> Values:
    """Run the stages that give ``wanted`` over ``values`` (updated in place and returned).

    Values already present are not recomputed, so callers (the spaCy components) can run the graph in steps.
    A failing stage appends ``"<stage>: stage failed (…)"`` to ``warnings`` and gives its fallback.
    """
    missing = [n for n in INPUTS if n not in values]
    if missing:
        raise KeyError(f"graph inputs missing: {', '.join(missing)}")
    for stage in plan(wanted):
        if all(g in values for g in stage.gives):
            continue
        try:
            out = stage.run(values)
        except Exception as exc:  # a stage bug must not lose the article
            if warnings is not None:
                warnings.append(f"{stage.name}: stage failed ({type(exc).__name__}: {exc})")
            out = stage.fallback(values)
        values.update(zip(stage.gives, out, strict=True))
    return values


def content_hash(text: str) -> str:
    """Stable hash of an article's text (its identity in the store)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(document: Document) -> str:
    """The record's own id, else a stable id from the content hash."""
    return document.id or content_hash(document.text)[:16]


def analyze(document: Document, doc: Doc, *, published: str | None = None) -> Article:
    """Run the whole graph over one parsed document and assemble its :class:`Article` (pure: no I/O).

    ``published`` is the caller's fallback date (``--published``) for a document that carries none.
    """
    warnings: list[str] = list(document.warnings)
    values: Values = {"text": document.text, "doc": doc, "meta": document, "published": document.published or published}
    run(values, ALL, warnings)
    return assemble(document, values, warnings)


def authors_of(document: Document, layout: Layout) -> tuple[str, ...]:
    """The article's authors: the layout's, else (for HTML) the reader's, whose vote kept only people.

    The layout's name rules drop handles ("gnaddrig") and initials ("LD"); when the text names no one either,
    what the HTML metadata vote found stands."""
    if not layout.authors and document.extracted_from_html:
        from ..ingest.metadata import people  # the HTML reader's people filter (a record's own authors pass it too)

        return people(document.authors, document.outlet)
    return layout.authors


def assemble(document: Document, values: Values, warnings: list[str]) -> Article:
    """The :class:`Article` from the graph's values: stage warnings in graph order, then what the date was."""
    text = document.text
    language = values["language"]
    layout: Layout = values["layout"]
    published = values["published"]
    notes: list[str] = list(warnings)
    if language not in (None, "en"):
        notes.append(f"language: text looks like '{language}'; dossier's models are English-only")
    notes.extend(values["text_notes"])
    notes.extend(values["quote_notes"])
    if published is None:
        notes.append("published: no publication date known; relative dates anchored to the story's own time only")
    # where it came from (a file, "file.jsonl:3", "crawl.warc.gz#7", "-") and, when known, its address
    source = {"path": document.path or "-", **({"url": document.url} if document.url else {})}
    meta: dict[str, object] = {}
    if layout.dateline:
        meta["dateline"] = list(layout.dateline)
    if layout.boilerplate:
        meta["boilerplate"] = [list(b) for b in layout.boilerplate]
    if document.published is None and published is not None:
        meta["published_basis"] = "option"
    return Article(
        id=article_id(document),
        source=source,
        title=document.title or layout.title,
        outlet=layout.outlet,  # the layout starts from the reader's metadata and cleans it ("Cleveland com")
        authors=authors_of(document, layout),
        published=published,
        language=language,
        text=text,
        body=layout.body,
        entities=tuple(values["entities"]),
        quotes=tuple(values["quotes"]),
        sources=tuple(values["sources"]),
        timexes=tuple(values["timexes"]),
        events=tuple(values["events"]),
        warnings=tuple(notes),
        content_hash=content_hash(text),
        meta=meta,
    )
