"""The Python API that every shell (CLI, web app, Spark job) calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from . import engine
from .ingest import read as read_inputs
from .engine import Options
from .errors import InputError
from .model import Article, Document


def analyze(text: str, published: str | None = None) -> Article:
    """Analyse one article's text; ``published`` (YYYY-MM-DD) anchors relative dates."""
    return engine.analyze_text(text, published=published)


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
    content hash) and crash-safe (one transaction per batch)."""
    raise NotImplementedError
