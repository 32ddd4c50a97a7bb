"""The Python API that every shell (CLI, web app, Spark job) calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from . import engine
from .engine import Options
from .errors import InputError
from .ingest import read as read_inputs
from .model import Article, Document
from .watch.run import watch

__all__ = ["IngestReport", "analyze", "analyze_paths", "ingest", "watch"]


def analyze(text: str, published: str | None = None) -> Article:
    """Analyse one article's text; ``published`` (YYYY-MM-DD) anchors relative dates."""
    return engine.analyze_text(text, published=published)


def analyze_paths(
    paths: Sequence[str], options: Options = Options(), workers: int = 1
) -> Iterator[Article | InputError]:
    """Analyse every article found under ``paths``; unreadable inputs come back as ``InputError``.

    ``workers > 1`` analyses on that many processes (``dossier.parallel``); articles still come
    back in input order, as they finish, with a bounded number in flight (memory stays flat).
    """
    from .parallel import analyze_parallel

    errors: list[InputError] = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    for article in analyze_parallel(documents(), options, workers):
        while errors:
            yield errors.pop(0)
        yield article
    yield from errors


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What ``ingest`` did: new, changed, unchanged and failed inputs."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0


def ingest(
    paths: Sequence[str],
    *,
    db: str,
    options: Options = Options(),
    workers: int = 1,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Analyse and store every article under ``paths``: idempotent (unchanged articles are skipped by
    content hash) and crash-safe (one transaction per batch).

    Inputs are read, checked against the store and analysed as a stream (on ``workers``
    processes when > 1); this process is the one writer and commits every
    ``options.batch_size`` analysed articles in one transaction, so a killed ingest loses at
    most the batch in flight and a re-run completes it. ``progress`` draws a bar on stderr.
    A directory written by ``dossier batch`` (Parquet) is loaded as analysed, not re-analysed.
    """
    import sys

    from tqdm import tqdm

    from .ingest import count as count_inputs
    from .parallel import analyze_parallel
    from .spark.job import is_batch_output, read_articles
    from .store import Store

    failed = skipped = added = updated = 0
    batch_dirs = [p for p in paths if is_batch_output(p)]
    paths = [p for p in paths if p not in batch_dirs]

    bar = tqdm(
        total=None if batch_dirs or not progress else count_inputs(paths),
        disable=not progress,
        unit="art",
        desc="ingest",
        file=sys.stderr,
        dynamic_ncols=True,
    )
    with Store(db) as store:

        def fail(error: InputError) -> None:
            nonlocal failed
            failed += 1
            bar.update(1)
            if on_error is not None:
                with tqdm.external_write_mode(file=sys.stderr):  # the error goes on its own line above the bar
                    on_error(error)

        def analysed() -> Iterator[Article]:
            # batch output first (already analysed), then everything that needs the engine
            for directory in batch_dirs:
                for record in read_articles(directory):
                    if isinstance(record, InputError):
                        fail(record)
                    else:
                        yield record
            if paths:
                yield from analyze_parallel(to_analyse(), options, workers)

        def to_analyse() -> Iterator[Document]:
            nonlocal skipped
            for item in read_inputs(paths):
                if isinstance(item, InputError):
                    fail(item)
                elif store.known(engine.article_id(item)) == engine.content_hash(item.text):
                    skipped += 1
                    bar.update(1)
                else:
                    yield item

        def commit(batch: list[Article]) -> None:
            nonlocal added, updated, skipped
            result = store.write(batch)
            added += result.added
            updated += result.updated
            skipped += result.skipped
            batch.clear()

        batch: list[Article] = []
        try:
            for article in analysed():
                batch.append(article)
                bar.update(1)  # per analysed article, so the rate and ETA move between commits
                if len(batch) >= max(1, options.batch_size):
                    commit(batch)
            if batch:
                commit(batch)
        finally:
            bar.close()
    return IngestReport(added=added, updated=updated, skipped=skipped, failed=failed)
