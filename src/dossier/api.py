"""The Python API that every shell (CLI, web app, Spark job) calls."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import engine
from .engine import Options
from .errors import InputError
from .ingest import read as read_inputs
from .model import Article, Document, Speaker
from .watch.run import watch

__all__ = ["IngestReport", "analyze", "analyze_paths", "ingest", "watch"]

if TYPE_CHECKING:
    from .spark.job import BatchReport
    from .store import Store, WriteResult


def analyze(
    text: str | bytes, published: str | None = None, *, encoding: str | None = None, min_confidence: float = 0.0
) -> Article:
    """Analyse one article's text; ``published`` (an ISO or RFC 2822 date) anchors relative dates.

    ``text`` is a str, or bytes together with their ``encoding`` (e.g. ``"utf-8"``). Raises ``TypeError`` for
    anything else, ``ValueError`` for bytes that are not in that encoding and for a date it cannot read.
    ``min_confidence`` drops quotes, entities and events less sure than that (see :func:`with_min_confidence`).
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        if encoding is None:
            raise TypeError("dossier.analyze: pass str, or bytes with an encoding (analyze(data, encoding='utf-8'))")
        text = _decode(bytes(text), encoding)
    elif not isinstance(text, str):
        raise TypeError(f"dossier.analyze: pass str, or bytes with an encoding, not {type(text).__name__}")
    article = engine.analyze_text(text, published=parse_published(published))
    return with_min_confidence(article, min_confidence) if min_confidence > 0 else article


def with_min_confidence(article: Article, min_confidence: float) -> Article:
    """``article`` without the quotes, entities and events whose confidence is below ``min_confidence``.

    A quote's confidence is the fitted probability that it is a real attribution, an entity's the fitted
    probability that it is a name of the type given (CoNLL-2003 calibration); a speaker whose entity is dropped,
    or whose own confidence (the fitted probability that it is who said it) is below the floor, keeps its name and
    loses the entity id. Sources whose kind has a fitted confidence below the floor are left out.
    """
    entities = tuple(e for e in article.entities if e.confidence >= min_confidence)
    kept = {e.id for e in entities}

    def sure(sp: Speaker) -> bool:
        return sp.entity in kept and (sp.confidence is None or sp.confidence >= min_confidence)

    quotes = tuple(
        q
        if q.speaker is None or q.speaker.entity is None or sure(q.speaker)
        else replace(q, speaker=replace(q.speaker, entity=None))
        for q in article.quotes
        if q.confidence >= min_confidence
    )
    events = tuple(ev for ev in article.events if ev.confidence >= min_confidence)
    sources = tuple(s for s in article.sources if s.confidence is None or s.confidence >= min_confidence)
    return replace(article, entities=entities, quotes=quotes, events=events, sources=sources)


LISTED_KEYS = ("quotes", "entities", "events", "sources", "quotes_by", "quotes_about", "timeline")
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
    paths: Sequence[str],
    options: Options = Options(),
    workers: int = 1,
    *,
    on_piece: Callable[[int, int], None] | None = None,
) -> Iterator[Article | InputError]:
    """Analyse every article found under ``paths``; unreadable inputs come back as ``InputError``, each in its
    place in input order (an error between two articles comes out between their analyses).

    ``workers > 1`` analyses on that many processes (``dossier.parallel``); articles still come
    back in input order, as they finish, with a bounded number in flight (memory stays flat). A very long article
    is analysed in pieces (spread over the workers), ``on_piece(done, total)`` called after each (the CLI draws a
    progress bar with it).
    """
    from collections import deque

    from .parallel import analyze_parallel

    queue: deque[InputError | None] = deque()  # errors read so far, None where a document went to the engine

    def documents() -> Iterator[Document]:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                queue.append(item)
            else:
                queue.append(None)
                yield item

    if workers > 1:
        analysed = analyze_parallel(documents(), options, workers, on_piece=on_piece)
    else:
        analysed = engine.analyze_documents(documents(), options, on_piece=on_piece)
    for article in analysed:
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
    from .ingest.batch import is_batch_output, read_assignments, read_entity_assignments
    from .store import Store

    batch_dirs = [p for p in paths if is_batch_output(p)]
    inputs = [p for p in paths if p not in batch_dirs]
    with Store(db) as store:
        run = _Ingestion(store, options, on_error, progress=progress, total_of=None if batch_dirs else inputs)
        for directory in batch_dirs:  # stories decided by the batch's cross-article pass (dossier batch --stories)
            run.stories_of.update(read_assignments(directory))
            run.entities_of.update(read_entity_assignments(directory))
        try:
            run.store_all(run.analysed(batch_dirs, inputs, workers))
        finally:
            run.bar.close()
    return run.report


class _Ingestion:
    """One ``ingest`` run: the counts, the progress bar, and the steps (skip known, analyse, commit in batches)."""

    def __init__(
        self,
        store: Store,
        options: Options,
        on_error: Callable[[InputError], None] | None,
        *,
        progress: bool,
        total_of: Sequence[str] | None,
    ) -> None:
        import sys

        from tqdm import tqdm

        from .ingest import count as count_inputs

        self.store, self.options, self.on_error = store, options, on_error
        self.stories_of: dict[str, str] = {}
        """Article id -> its story's first article, for articles whose story a batch's cross-article pass decided."""
        self.entities_of: dict[tuple[str, str], str] = {}
        """(article id, local id) -> its global entity's first mention, where the same pass merged the entities."""
        self.report = IngestReport()
        self.bar = tqdm(
            total=count_inputs(total_of) if progress and total_of is not None else None,
            disable=not progress,
            unit="art",
            desc="ingest",
            file=sys.stderr,
            dynamic_ncols=True,
        )

    def _count(self, **more: int) -> None:
        self.report = dataclasses.replace(self.report, **{k: getattr(self.report, k) + v for k, v in more.items()})

    def fail(self, error: InputError) -> None:
        """Count an input that could not be read, and say so above the bar."""
        import sys

        from tqdm import tqdm

        self._count(failed=1)
        self.bar.update(1)
        if self.on_error is not None:
            with tqdm.external_write_mode(file=sys.stderr):  # the error goes on its own line above the bar
                self.on_error(error)

    def analysed(self, batch_dirs: Sequence[str], inputs: Sequence[str], workers: int) -> Iterator[Article]:
        """Batch output first (already analysed), then everything that needs the engine."""
        from .ingest.batch import read_articles
        from .parallel import analyze_parallel

        for directory in batch_dirs:
            for record in read_articles(directory):
                if isinstance(record, InputError):
                    self.fail(record)
                else:
                    yield record
        if inputs:
            yield from analyze_parallel(self.to_analyse(inputs), self.options, workers)

    def to_analyse(self, inputs: Sequence[str]) -> Iterator[Document]:
        """The documents not stored yet, or changed (an unchanged one is skipped before analysis)."""
        from .ingest.clean import cap_document

        for item in read_inputs(inputs):
            if isinstance(item, InputError):
                self.fail(item)
                continue
            item = cap_document(item, self.options.max_chars)  # so that an over-long unchanged input is skipped
            digest = engine.content_hash(item.text)
            if self.store.known(engine.article_id(item)) == digest or (
                item.id is None and item.path and self.store.known_path(item.path) == digest  # an edited, stored file
            ):
                self._count(skipped=1)
                self.bar.update(1)
            else:
                yield item

    def report_losses(self, article: Article) -> None:
        """An article stored with part of its input lost (cut, replaced characters) is counted and named."""
        from .ingest import losses

        lost = losses(article.warnings)
        if lost:
            self._count(damaged=1)
            where = article.source.get("path") or article.source.get("url") or article.id
            for warning in lost:
                if self.on_error is not None:
                    self.on_error(InputError(where, f"stored, but {warning}"))

    def commit(self, batch: list[Article]) -> None:
        """Write one batch in one transaction (with its cross-article update)."""
        result = self.store.write(batch, stories_of=self.stories_of or None, entities_of=self.entities_of or None)
        self._count(added=result.added, updated=result.updated, skipped=result.skipped)
        batch.clear()

    def store_all(self, articles: Iterable[Article]) -> None:
        """Commit every ``options.batch_size`` articles, and the rest at the end."""
        batch: list[Article] = []
        for article in articles:
            self.report_losses(article)
            batch.append(article)
            self.bar.update(1)  # per analysed article, so the rate and ETA move between commits
            if len(batch) >= max(1, self.options.batch_size):
                self.commit(batch)
        if batch:
            self.commit(batch)


def ingest_document(
    document: Document,
    *,
    db: str,
    options: Options = Options(),
    write_lock: AbstractContextManager[object] | None = None,
) -> tuple[str, WriteResult]:
    """Analyse and store one document (the web app's ``POST /api/ingest``): its id and what the write did.

    ``write_lock`` is held around the write only (the analysis runs outside it), so that one process with
    several threads stays one writer."""
    from .store import Store

    article = next(engine.analyze_documents([document], options))
    with write_lock or nullcontext(), Store(db) as store:
        return article.id, store.write([article])


def batch(
    inputs: Sequence[str],
    out: str,
    *,
    engine: str = "local",
    master: str = "local[2]",
    workers: int = 1,
    near_duplicates: bool = False,
    stories: bool = False,
    options: Options = Options(),
) -> BatchReport:
    """Analyse a corpus to Parquet under ``out`` (``dossier batch``), locally or on Apache Spark; with
    ``near_duplicates`` also the reprint pairs under ``out/_near_duplicates`` (their count in the report); with
    ``stories`` also the cross-article pass (stories by publication-day window) under ``out/_stories``, which
    ``dossier ingest OUT`` then loads instead of scoring the stories again."""
    from .ingest.batch import ENTITIES_DIR, STORIES_DIR, read_articles
    from .spark import dedup
    from .spark import stories as story_pass
    from .spark.job import run_batch

    report = run_batch(inputs, out, engine=engine, master=master, workers=workers, options=options)
    if stories:
        stories_dir = str(Path(out) / STORIES_DIR)
        entities_dir = str(Path(out) / ENTITIES_DIR)
        if engine == "spark":
            placed = story_pass.stories_spark(out, stories_dir, master=master, entities_out=entities_dir)
        else:
            placed = len(story_pass.stories_local(out, stories_dir, entities_out=entities_dir))
        report = dataclasses.replace(report, placed=placed, stories_out=stories_dir)
    if not near_duplicates:
        return report
    pairs_dir = str(Path(out) / dedup.PAIRS_DIR)
    if engine == "spark":
        pairs = dedup.pairs_spark(out, pairs_dir, master=master)
    else:
        articles = (a for a in read_articles(out) if not isinstance(a, InputError))
        pairs = dedup.write_pairs(dedup.pairs_local(dedup.article_signatures(articles)), pairs_dir)
    return dataclasses.replace(report, pairs=pairs, pairs_out=pairs_dir)


def quotes(
    *,
    db: str,
    speaker: str | None = None,
    story: str | None = None,
    altered: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quote groups in the store at ``db``: the same statement across articles, its first appearance and how
    each copy relates to it (``verbatim``, ``trimmed``, ``altered`` with its word-level changes,
    ``misattributed``, ``paraphrase``). ``speaker`` (name, alias or entity id) and ``story`` (id) filter;
    ``altered`` keeps only groups with an altered or misattributed copy."""
    from .store import Store

    with Store(db, readonly=True) as store:
        return store.quotes(speaker=speaker, story=story, altered=altered, limit=limit, offset=offset)
