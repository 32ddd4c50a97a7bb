"""Analysis across cores: a process pool whose workers load the spaCy pipeline once.

``analyze_parallel`` keeps the input's order and streams: it never holds more than a few
tasks per worker in flight, so memory stays flat however long the input is. A task is a chunk of
ordinary documents, or one piece of a very long document (its pieces are spread over the workers and
merged here, as ``engine.analyze_long`` merges them in one process). The store's single writer stays in
the calling process; workers only analyse.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import Any

from . import engine, pieces
from .engine import Options
from .model import Article, Document

IN_FLIGHT_PER_WORKER = 2
"""Tasks (chunks or pieces) queued per worker: enough to keep every core busy, few enough to bound memory."""

CHUNK = 8
"""Most documents handed to a worker at once (fewer when ``Options.batch_size`` is smaller)."""

RECYCLE_AFTER_CHUNKS = 250
"""Chunks a worker analyses before a fresh one replaces it (about 2,000 documents). spaCy's vocabulary
(its StringStore and lexemes) only grows: over the first 400 BBC articles it gained ~9 strings and ~30
lexemes per article (fewer as it fills), so over a long ingest of new text a worker keeps growing; a new
worker starts from the loaded model again.
Reloading costs a few seconds per 2,000 documents; the analyses do not depend on it."""

_options: Options = Options()


def _init_worker(options: Options) -> None:
    """Pool initializer: load the pipeline once per worker process and keep the options."""
    global _options
    _options = options
    from .nlp import pipeline

    pipeline.load()


def _analyze_chunk(documents: list[Document]) -> list[Article]:
    """Analyse one chunk in a worker (batched through ``nlp.pipe``)."""
    return list(engine.analyze_documents(documents, _options))


def _analyze_piece(piece: Document) -> Article:
    """Analyse one piece of a long document in a worker."""
    return engine.analyze_piece(piece, _options)


@dataclass(frozen=True, slots=True)
class _Piece:
    """Task: piece ``index`` (from 1) of ``total`` of ``document``, starting at ``offset`` in its text."""

    document: Document
    offset: int
    piece: Document
    index: int
    total: int


def tasks(documents: Iterable[Document], size: int) -> Iterator[list[Document] | _Piece]:
    """Chunks of at most ``size`` ordinary documents, and each long document (over ``pieces.PIECE_CHARS``) as
    its pieces, in input order; pulled lazily from ``documents`` (which ``engine.prepare`` has capped)."""
    chunk: list[Document] = []
    for d in documents:
        if len(d.text) <= pieces.PIECE_CHARS:
            chunk.append(d)
            if len(chunk) >= size:
                yield chunk
                chunk = []
            continue
        if chunk:
            yield chunk
            chunk = []
        parts = pieces.piece_documents(d)
        for i, (offset, piece) in enumerate(parts, 1):
            yield _Piece(d, offset, piece, i, len(parts))
    if chunk:
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["dossier.engine"])  # spaCy and the stages imported once, not per worker
        return ctx
    return multiprocessing.get_context("spawn")


def chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` items, pulled lazily from ``items``."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_parallel(
    documents: Iterable[Document],
    options: Options = Options(),
    workers: int = 1,
    *,
    on_piece: Callable[[int, int], None] | None = None,
) -> Iterator[Article]:
    """Analyse ``documents`` on ``workers`` processes, yielding articles in input order.

    ``workers <= 1`` analyses in this process. Workers are forked from a fork server that has
    imported the engine once (no threads or locks inherited from this process; measured
    ~2x faster to start than ``spawn``, which is used where there is no fork server); each
    loads the pipeline once and is replaced after ``RECYCLE_AFTER_CHUNKS`` tasks (memory stays flat).
    The pieces of a long document go to the workers like chunks and are merged here, in order
    (``on_piece(done, total)`` called as each comes back). An exception in a worker is raised here,
    for the task that failed.
    """
    if workers <= 1:
        yield from engine.analyze_documents(documents, options, on_piece=on_piece)
        return
    size = max(1, min(options.batch_size, CHUNK))
    stream = tasks(engine.prepare(documents, options), size)
    first = next(stream, None)
    second = next(stream, None)
    if second is None:  # nothing, or one chunk: starting processes would cost more than it saves
        assert not isinstance(first, _Piece), "a long document has two pieces or more"
        yield from engine.analyze_documents(first or [], options)
        return
    ctx = _context()
    with ctx.Pool(
        workers, initializer=_init_worker, initargs=(options,), maxtasksperchild=max(1, RECYCLE_AFTER_CHUNKS)
    ) as pool:
        pending: deque[tuple[list[Document] | _Piece, AsyncResult[Any]]] = deque()
        parts: list[tuple[int, Article]] = []  # the pieces of the long document being merged

        def collect() -> Iterator[Article]:
            task, result = pending.popleft()
            if not isinstance(task, _Piece):
                yield from result.get()
                return
            parts.append((task.offset, result.get()))
            if on_piece is not None:
                on_piece(task.index, task.total)
            if task.index == task.total:
                yield engine.merge_pieces(task.document, parts)
                parts.clear()

        for task in chain([first or [], second], stream):
            if isinstance(task, _Piece):
                pending.append((task, pool.apply_async(_analyze_piece, (task.piece,))))
            else:
                pending.append((task, pool.apply_async(_analyze_chunk, (task,))))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from collect()
        while pending:
            yield from collect()
