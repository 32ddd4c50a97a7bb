"""The Python API that every shell (CLI, web app, Spark job) calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import engine
from .engine import Options
from .errors import InputError
from .ingest import read as read_inputs
from .model import Article, Document


def analyze(text: str, published: str | None = None, *, min_confidence: float = 0.0) -> Article:
    """Analyse one article's text; ``published`` (YYYY-MM-DD) anchors relative dates; ``min_confidence`` drops
    quotes, entities and events less sure than that (see :func:`with_min_confidence`)."""
    article = engine.analyze_text(text, published=published)
    return with_min_confidence(article, min_confidence) if min_confidence > 0 else article


def with_min_confidence(article: Article, min_confidence: float) -> Article:
    """``article`` without the quotes, entities and events whose confidence is below ``min_confidence``.

    A quote's confidence is the fitted probability that it is a real attribution; a speaker whose entity is
    dropped keeps its name and loses the entity id.
    """
    entities = tuple(e for e in article.entities if e.confidence >= min_confidence)
    kept = {e.id for e in entities}
    quotes = tuple(
        q
        if q.speaker is None or q.speaker.entity is None or q.speaker.entity in kept
        else replace(q, speaker=replace(q.speaker, entity=None))
        for q in article.quotes
        if q.confidence >= min_confidence
    )
    events = tuple(ev for ev in article.events if ev.confidence >= min_confidence)
    return replace(article, entities=entities, quotes=quotes, events=events)


LISTED_KEYS = ("quotes", "entities", "events", "quotes_by", "quotes_about", "timeline")
"""Keys of the contract and of query results whose items carry a ``confidence``."""


def filter_confidence(d: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    """A contract object or query result (an entity's dossier) without listed items below ``min_confidence``
    (items that carry no confidence are kept)."""
    if min_confidence <= 0:
        return d
    out = dict(d)
    for key in LISTED_KEYS:
        items = d.get(key)
        if isinstance(items, list):
            out[key] = [
                x
                for x in items
                if not (isinstance(x, dict) and isinstance(x.get("confidence"), (int, float)))
                or x["confidence"] >= min_confidence
            ]
    return out


def analyze_paths(paths: Sequence[str], options: Options = Options()) -> Iterator[Article | InputError]:
    """Analyse every article found under ``paths``; unreadable inputs come back as ``InputError``."""
    errors: list[InputError] = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    for article in engine.analyze_documents(documents(), options):
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
    from pathlib import Path

    from tqdm import tqdm

    from .parallel import analyze_parallel
    from .spark.job import is_batch_output, read_articles
    from .store import Store

    failed = skipped = added = updated = 0
    batch_dirs = [p for p in paths if is_batch_output(p)]
    paths = [p for p in paths if p not in batch_dirs]

    def expected() -> int | None:
        # a cheap count for the bar's ETA: one per text file, one per JSONL line; unknown for anything else
        if batch_dirs:
            return None
        total = 0
        for p in paths:
            path = Path(p)
            if path.suffix == ".txt" and path.is_file():
                total += 1
            elif path.suffix == ".jsonl" and path.is_file():
                with path.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            else:
                return None
        return total

    bar = tqdm(
        total=expected() if progress else None,
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
