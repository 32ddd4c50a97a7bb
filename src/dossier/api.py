"""The Python API that every shell (CLI, web app, Spark job) calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from . import engine
from .engine import Options
from .errors import InputError
from .ingest import read as read_inputs
from .model import Article, Document


def analyze(text: str | bytes, published: str | None = None, *, encoding: str | None = None) -> Article:
    """Analyse one article's text; ``published`` (an ISO or RFC 2822 date) anchors relative dates.

    ``text`` is a str, or bytes together with their ``encoding`` (e.g. ``"utf-8"``). Raises ``TypeError`` for
    anything else, ``ValueError`` for bytes that are not in that encoding and for a date it cannot read.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        if encoding is None:
            raise TypeError("dossier.analyze: pass str, or bytes with an encoding (analyze(data, encoding='utf-8'))")
        return engine.analyze_text(_decode(bytes(text), encoding), published=parse_published(published))
    if not isinstance(text, str):
        raise TypeError(f"dossier.analyze: pass str, or bytes with an encoding, not {type(text).__name__}")
    return engine.analyze_text(text, published=parse_published(published))


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise ValueError(f"dossier.analyze: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"dossier.analyze: the bytes are not {encoding} (byte {exc.start}: {exc.reason})") from None


def parse_published(value: str | None) -> str | None:
    """A caller's publication date (ISO or RFC 2822) as YYYY-MM-DD; ``ValueError`` saying why when it is not one."""
    if value is None:
        return None
    from .ingest.records import check_date

    return check_date(value)


def analyze_paths(
    paths: Sequence[str], options: Options = Options(), *, on_piece: Callable[[int, int], None] | None = None
) -> Iterator[Article | InputError]:
    """Analyse every article found under ``paths``; unreadable inputs come back as ``InputError``, each in its
    place in input order (an error between two articles comes out between their analyses). A very long article
    is analysed in pieces, ``on_piece(done, total)`` called after each (the CLI draws a progress bar with it)."""
    from collections import deque

    queue: deque[InputError | None] = deque()  # errors read so far, None where a document went to the engine

    def documents() -> Iterator[Document]:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                queue.append(item)
            else:
                queue.append(None)
                yield item

    for article in engine.analyze_documents(documents(), options, on_piece=on_piece):
        while queue:
            first = queue.popleft()
            if first is None:
                break
            yield first
        yield article
    yield from (e for e in queue if e is not None)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What ``ingest`` did: new, changed, unchanged and failed inputs."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    damaged: int = 0
    """Articles stored with part of their input lost (truncated page, replaced characters, cut at the cap)."""


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

    from .ingest import losses
    from .ingest.clean import cap_document
    from .parallel import analyze_parallel
    from .spark.job import is_batch_output, read_articles
    from .store import Store

    failed = skipped = added = updated = damaged = 0
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
                    continue
                item = cap_document(item, options.max_chars)  # so that an over-long unchanged input is skipped
                digest = engine.content_hash(item.text)
                if store.known(engine.article_id(item)) == digest or (
                    item.id is None and item.path and store.known_path(item.path) == digest  # an edited, stored file
                ):
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

        def report_losses(article: Article) -> None:
            nonlocal damaged
            lost = losses(article.warnings)
            if lost:
                damaged += 1
                where = article.source.get("path") or article.source.get("url") or article.id
                for warning in lost:
                    if on_error is not None:
                        on_error(InputError(where, f"stored, but {warning}"))

        batch: list[Article] = []
        try:
            for article in analysed():
                report_losses(article)
                batch.append(article)
                bar.update(1)  # per analysed article, so the rate and ETA move between commits
                if len(batch) >= max(1, options.batch_size):
                    commit(batch)
            if batch:
                commit(batch)
        finally:
            bar.close()
    return IngestReport(added=added, updated=updated, skipped=skipped, failed=failed, damaged=damaged)
