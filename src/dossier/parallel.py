"""Analysis across cores: a process pool whose workers load the spaCy pipeline once.

``analyze_parallel`` keeps the input's order and streams: it never holds more than a few
chunks per worker in flight, so memory stays flat however long the input is. The store's
single writer stays in the calling process; workers only analyse.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult

from . import engine
from .engine import Options
from .model import Article, Document

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: enough to keep every core busy, few enough to bound memory."""

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
    documents: Iterable[Document], options: Options = Options(), workers: int = 1
) -> Iterator[Article]:
    """Analyse ``documents`` on ``workers`` processes, yielding articles in input order.

    ``workers <= 1`` analyses in this process. Workers are forked from a fork server that has
    imported the engine once (no threads or locks inherited from this process; measured
    ~2x faster to start than ``spawn``, which is used where there is no fork server); each
    loads the pipeline once and is replaced after ``RECYCLE_AFTER_CHUNKS`` chunks (memory stays flat).
    An exception in a worker is raised here, for the chunk that failed.
    """
    if workers <= 1:
        yield from engine.analyze_documents(documents, options)
        return
    size = max(1, min(options.batch_size, CHUNK))
    stream = chunks(documents, size)
    first = next(stream, None)
    second = next(stream, None)
    if second is None:  # nothing, or one chunk: starting processes would cost more than it saves
        yield from engine.analyze_documents(first or [], options)
        return
    ctx = _context()
    with ctx.Pool(
        workers, initializer=_init_worker, initargs=(options,), maxtasksperchild=max(1, RECYCLE_AFTER_CHUNKS)
    ) as pool:
        pending: deque[AsyncResult[list[Article]]] = deque()
        for chunk in chain([first or [], second], stream):
            pending.append(pool.apply_async(_analyze_chunk, (chunk,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
