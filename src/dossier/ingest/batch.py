"""Reading what ``dossier batch`` wrote: Parquet files of analysed articles (and recorded failures).

``dossier ingest DIR`` loads such a directory into the store as it is, without re-analysis; the rows are
``ingest.rows``' format, shared with the writers (the local engine and the Spark executors).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from .rows import row_article

STORIES_DIR = "_stories"
"""Where a batch's cross-article pass (``dossier batch --stories``) writes each article's story, inside the batch
output (a leading "_": not article rows)."""


ENTITIES_DIR = "_entities"
"""Where the same pass writes each article entity's global entity (named by its first mention)."""


def read_entity_assignments(directory: str) -> dict[tuple[str, str], str]:
    """(article id, local entity id) -> the global entity's anchor (``article id/local id`` of its first mention),
    from the cross-article pass of the batch output at ``directory`` (empty when the pass did not run)."""
    import pyarrow.parquet as pq

    out: dict[tuple[str, str], str] = {}
    for f in sorted((Path(directory) / ENTITIES_DIR).rglob("*.parquet")):
        for row in pq.read_table(f, columns=["article_id", "local_id", "entity"]).to_pylist():
            out[(row["article_id"], row["local_id"])] = row["entity"]
    return out


def read_assignments(directory: str) -> dict[str, str]:
    """Article id -> the id of its story's first article, from the cross-article pass of the batch output at
    ``directory`` (empty when the pass did not run)."""
    import pyarrow.parquet as pq

    out: dict[str, str] = {}
    for f in sorted((Path(directory) / STORIES_DIR).rglob("*.parquet")):
        for row in pq.read_table(f, columns=["article_id", "story"]).to_pylist():
            out[row["article_id"]] = row["story"]
    return out


def read_articles(directory: str) -> Iterator[Article | InputError]:
    """Articles (and recorded failures) from a batch output directory, streaming by row group."""
    for f in article_files(directory):
        for row in file_rows(str(f)):
            if row.get("error"):
                src = json.loads(row["source"]).get("path", str(f)) if row.get("source") else str(f)
                yield InputError(src, row["error"])
            else:
                yield row_article(row)


def file_rows(path: str) -> Iterator[dict[str, Any]]:
    """The rows of one batch Parquet file, in order, streaming by row group."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        yield from batch.to_pylist()


def article_files(directory: str) -> list[Path]:
    """The article Parquet files of a batch output; folders and files starting with "_" or "." are Spark's
    hidden ones (``_near_duplicates``), not articles."""
    root = Path(directory)
    return [
        f
        for f in sorted(root.rglob("*.parquet"))
        if not any(part.startswith(("_", ".")) for part in f.relative_to(root).parts)
    ]


def is_batch_output(path: str) -> bool:
    """Whether ``path`` is a directory written by ``dossier batch`` (holds Parquet files)."""
    return Path(path).is_dir() and bool(article_files(path))
