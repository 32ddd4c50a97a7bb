"""The one orchestrator: documents -> parsed docs -> per-article stages -> Article records.

The CLI, the Python API, the web app and the Spark job all call this module.
Each stage runs guarded: a stage that fails leaves a warning on the article
and the others still run — an article is never dropped silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from . import pieces
from .ingest.clean import MAX_CHARS, cap_document, scrub_document
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
    max_chars: int | None = MAX_CHARS
    """Longest article text analysed, in characters; a longer one is cut with a warning (None: no cap)."""


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
    source = {"url": document.url} if document.url else {"path": document.path or "-"}
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
        authors=layout.authors,
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
    documents: Iterable[Document],
    options: Options = Options(),
    nlp: Language | None = None,
    *,
    on_piece: Callable[[int, int], None] | None = None,
) -> Iterator[Article]:
    """Analyse a stream of documents in order, batching the spaCy work.

    Every document is first made valid Unicode and cut to ``options.max_chars``; one longer than
    ``pieces.PIECE_CHARS`` is analysed in pieces (memory bounded by the piece), with ``on_piece(done, total)``
    called after each.
    """
    nlp = nlp or pipeline.load()
    prepared = (scrub_document(cap_document(d, options.max_chars)) for d in documents)
    for long, group in groupby(prepared, key=lambda d: len(d.text) > pieces.PIECE_CHARS):
        if long:
            for document in group:
                yield analyze_long(document, options, nlp, on_piece=on_piece)
        else:
            yield from _analyze_batched(group, options, nlp)


def _analyze_batched(documents: Iterable[Document], options: Options, nlp: Language) -> Iterator[Article]:
    pending: list[Document] = []

    def texts() -> Iterator[str]:
        for d in documents:
            pending.append(d)
            yield d.text

    for doc in pipeline.parse(nlp, texts(), batch_size=options.batch_size):
        yield analyze_parsed(pending.pop(0), doc, options)


def analyze_long(
    document: Document,
    options: Options = Options(),
    nlp: Language | None = None,
    *,
    on_piece: Callable[[int, int], None] | None = None,
) -> Article:
    """Analyse a very long document piece by piece (one piece's parse in memory at a time) and merge."""
    nlp = nlp or pipeline.load()
    parts = pieces.piece_documents(document)
    one_at_a_time = replace(options, batch_size=1)

    def analysed() -> Iterator[tuple[int, Article]]:
        for i, (offset, piece) in enumerate(parts, 1):
            yield offset, next(_analyze_batched([piece], one_at_a_time, nlp))
            if on_piece is not None:
                on_piece(i, len(parts))

    whole = Article(
        id=article_id(document),
        source={"url": document.url} if document.url else {"path": document.path or "-"},
        title=None,
        outlet=None,
        authors=(),
        published=None,
        language=None,
        text=document.text,
        body=(),
        content_hash=content_hash(document.text),
    )
    return pieces.merge(document, analysed(), whole)


def analyze_text(text: str, *, published: str | None = None, nlp: Language | None = None) -> Article:
    """Analyse one text (the Python API's ``dossier.analyze``)."""
    return next(analyze_documents([Document(text=text, published=published)], Options(published=published), nlp))
