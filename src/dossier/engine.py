"""The one orchestrator: documents -> parsed docs -> per-article stages -> Article records.

The CLI, the Python API, the web app and the Spark job all call this module.
The stages themselves are declared once in ``nlp/graph.py`` (what each needs and gives); the spaCy
components run the same graph. Each stage runs guarded: a stage that fails leaves a warning on the
article and the others still run — an article is never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from . import pieces
from .ingest.clean import MAX_CHARS, cap_document, scrub_document
from .model import Article, Document, Layout
from .nlp import graph, pipeline
from .nlp.graph import article_id, content_hash
from .nlp.layout import analyze_layout

__all__ = ["Options", "analyze_documents", "analyze_parsed", "analyze_text", "article_id", "content_hash"]


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyse: one frozen object instead of many keyword arguments."""

    published: str | None = None
    """Publication date (YYYY-MM-DD) for articles that do not carry one."""
    batch_size: int = 32
    """Texts handed to ``nlp.pipe`` at once."""
    max_chars: int | None = MAX_CHARS
    """Longest article text analysed, in characters; a longer one is cut with a warning (None: no cap)."""


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
    return Metadata(
        title=document.title or layout.title,
        authors=graph.authors_of(document, layout),
        outlet=layout.outlet,  # the layout starts from the reader's metadata and cleans it ("Cleveland com")
        published=document.published or published,
        layout=layout,
    )


def analyze_parsed(document: Document, doc: Doc, options: Options = Options()) -> Article:
    """Run the stage graph (``nlp/graph.py``) over an already-parsed document (pure: no I/O)."""
    return graph.analyze(document, doc, published=options.published)


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
    for long, group in groupby(prepare(documents, options), key=lambda d: len(d.text) > pieces.PIECE_CHARS):
        if long:
            for document in group:
                yield analyze_long(document, options, nlp, on_piece=on_piece)
        else:
            yield from _analyze_batched(group, options, nlp)


def prepare(documents: Iterable[Document], options: Options = Options()) -> Iterator[Document]:
    """Each document made valid Unicode and cut to ``options.max_chars``, with warnings (for these and for runs of
    punctuation the tokenizer will take as one token: ``pipeline.run_warnings``); idempotent, so a prepared
    document may be prepared again."""
    for d in documents:
        d = scrub_document(cap_document(d, options.max_chars))
        runs = [w for w in pipeline.run_warnings(d.text) if w not in d.warnings]
        yield replace(d, warnings=(*d.warnings, *runs)) if runs else d


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
    """Analyse a very long document piece by piece (one piece's parse in memory at a time) and merge.

    ``dossier.parallel`` runs the same steps (``pieces.piece_documents``, ``analyze_piece``, ``merge_pieces``)
    with the pieces spread over its worker processes."""
    nlp = nlp or pipeline.load()
    parts = pieces.piece_documents(document)

    def analysed() -> Iterator[tuple[int, Article]]:
        for i, (offset, piece) in enumerate(parts, 1):
            yield offset, analyze_piece(piece, options, nlp)
            if on_piece is not None:
                on_piece(i, len(parts))

    return merge_pieces(document, analysed())


def analyze_piece(piece: Document, options: Options = Options(), nlp: Language | None = None) -> Article:
    """One piece of a long document (``pieces.piece_documents``), analysed on its own."""
    return next(_analyze_batched([piece], replace(options, batch_size=1), nlp or pipeline.load()))


def merge_pieces(document: Document, parts: Iterable[tuple[int, Article]]) -> Article:
    """One Article for a long ``document`` from its pieces' analyses (``(offset, Article)``, in order)."""
    whole = Article(
        id=article_id(document),
        source={"path": document.path or "-", **({"url": document.url} if document.url else {})},
        title=None,
        outlet=None,
        authors=(),
        published=None,
        language=None,
        text=document.text,
        body=(),
        content_hash=content_hash(document.text),
    )
    return pieces.merge(document, parts, whole)


def analyze_text(text: str, *, published: str | None = None, nlp: Language | None = None) -> Article:
    """Analyse one text (the Python API's ``dossier.analyze``)."""
    return next(analyze_documents([Document(text=text, published=published)], Options(published=published), nlp))
