"""Reading what ``dossier batch`` wrote: Parquet files of analysed articles (and recorded failures).

``dossier ingest DIR`` loads such a directory into the store as it is, without re-analysis; the rows are
``ingest.rows``' format, shared with the writers (the local engine and the Spark executors).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .rows import row_article


def read_articles(directory: str) -> Iterator[Article | InputError]:
    """Articles (and recorded failures) from a batch output directory, streaming by row group."""
    import pyarrow.parquet as pq

    for f in _article_files(directory):
        pf = pq.ParquetFile(f)
        for batch in pf.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                if row.get("error"):
                    src = json.loads(row["source"]).get("path", str(f)) if row.get("source") else str(f)
                    yield InputError(src, row["error"])
                else:
                    yield row_article(row)


def _article_files(directory: str) -> list[Path]:
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
    return Path(path).is_dir() and bool(_article_files(path))
