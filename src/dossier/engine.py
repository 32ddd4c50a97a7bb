"""The one orchestrator: documents -> parsed docs -> per-article stages -> Article records.

The CLI, the Python API, the web app and the Spark job all call this module.
Each stage runs guarded: a stage that fails leaves a warning on the article
and the others still run — an article is never dropped silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .ingest.metadata import people
from .model import Article, Document, Entity, Event, Layout, Quote, Source, Timex
from .nlp import pipeline
from .nlp.entities import extract_entities
from .nlp.events import extract_events
from .nlp.integrity import text_warnings
from .nlp.language import detect_language
from .nlp.layout import analyze_layout
from .nlp.quotes import extract_quotes
from .nlp.sources import extract_sources, normalize_entity_names
from .nlp.timexes import extract_timexes, surnames_of

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyse: one frozen object instead of many keyword arguments."""

    published: str | None = None
    """Publication date (YYYY-MM-DD) for articles that do not carry one."""
    batch_size: int = 32
    """Texts handed to ``nlp.pipe`` at once."""


def content_hash(text: str) -> str:
    """Stable hash of an article's text (its identity in the store)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(document: Document) -> str:
    """The record's own id, else a stable id from the content hash."""
    return document.id or content_hash(document.text)[:16]


def _guard(name: str, warnings: list[str], fn: Callable[[], T], default: T) -> T:
    """Run one stage; on failure record why and return ``default``."""
    try:
        return fn()
    except Exception as exc:  # a stage bug must not lose the article
        warnings.append(f"{name}: stage failed ({type(exc).__name__}: {exc})")
        return default


@dataclass(frozen=True, slots=True)
class Metadata:
    """An article's title, authors, outlet and date as the analysis reports them, and the layout they came from."""

    title: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published: str | None
    layout: Layout


def document_metadata(document: Document, published: str | None = None) -> Metadata:
    """The reader's metadata cleaned by the layout rules (pure, no parse).

    ``published`` stands in for a missing date.
    """
    layout = analyze_layout(document.text, title=document.title, authors=document.authors, outlet=document.outlet)
    return _metadata(document, layout, published)


def _metadata(document: Document, layout: Layout, published: str | None = None) -> Metadata:
    authors = layout.authors
    if not authors and document.extracted_from_html:
        # the layout's name rules drop handles ("gnaddrig", "c1ph4") and initials ("LD"); the HTML reader's people
        # filter (which a record's own "authors" pass too) keeps them, so they stand when the text names no one
        authors = people(document.authors, document.outlet)
    return Metadata(
        title=document.title or layout.title,
        authors=authors,
        outlet=layout.outlet,  # the layout starts from the reader's metadata and cleans it ("Cleveland com")
        published=document.published or published,
        layout=layout,
    )


def analyze_parsed(document: Document, doc: Doc, options: Options = Options()) -> Article:
    """Run every per-article stage over an already-parsed document (pure: no I/O)."""
    text = document.text
    warnings: list[str] = list(document.warnings)
    published = document.published or options.published
    language = document.language or detect_language(text)
    if language not in (None, "en"):
        warnings.append(f"language: text looks like '{language}'; dossier's models are English-only")
    layout = _guard(
        "layout",
        warnings,
        lambda: analyze_layout(text, title=document.title, authors=document.authors, outlet=document.outlet),
        Layout(body=((0, len(text)),), title=document.title, authors=document.authors, outlet=document.outlet),
    )
    warnings.extend(_guard("text", warnings, lambda: text_warnings(text, layout.body), []))
    entities: list[Entity] = _guard("entities", warnings, lambda: extract_entities(doc, layout), [])
    sources: list[Source] = _guard("sources", warnings, lambda: extract_sources(doc, entities, layout), [])
    entities = normalize_entity_names(entities, sources)
    no_quotes: tuple[list[Quote], list[str]] = ([], [])
    quotes_and_notes = _guard("quotes", warnings, lambda: extract_quotes(doc, entities, layout), no_quotes)
    quotes, quote_notes = quotes_and_notes
    warnings.extend(quote_notes)
    surnames = surnames_of(entities)
    timexes: list[Timex] = _guard(
        "timexes", warnings, lambda: extract_timexes(text, published=published, surnames=surnames), []
    )
    events: list[Event] = _guard(
        "events", warnings, lambda: extract_events(doc, entities, timexes, published=published), []
    )
    if published is None:
        warnings.append("published: no publication date known; relative dates anchored to the story's own time only")
    meta_ = _metadata(document, layout, options.published)
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
        title=meta_.title,
        outlet=meta_.outlet,
        authors=meta_.authors,
        published=published,
        language=language,
        text=text,
        body=layout.body,
        entities=tuple(entities),
        quotes=tuple(quotes),
        sources=tuple(sources),
        timexes=tuple(timexes),
        events=tuple(events),
        warnings=tuple(warnings),
        content_hash=content_hash(text),
        meta=meta,
    )


def analyze_documents(
    documents: Iterable[Document], options: Options = Options(), nlp: Language | None = None
) -> Iterator[Article]:
    """Analyse a stream of documents in order, batching the spaCy work."""
    nlp = nlp or pipeline.load()
    pending: list[Document] = []

    def texts() -> Iterator[str]:
        for d in documents:
            pending.append(d)
            yield d.text

    for doc in pipeline.parse(nlp, texts(), batch_size=options.batch_size):
        yield analyze_parsed(pending.pop(0), doc, options)


def analyze_text(text: str, *, published: str | None = None, nlp: Language | None = None) -> Article:
    """Analyse one text (the Python API's ``dossier.analyze``)."""
    return next(analyze_documents([Document(text=text, published=published)], Options(published=published), nlp))
