"""``dossier batch``: analyse a corpus to Parquet, in-process or on Apache Spark.

Both engines run the one orchestrator (``dossier.engine``) over the one set of
readers (``dossier.ingest``); Spark does it once per partition (``mapPartitions``), with the spaCy pipeline
loaded once per executor (``executor_pipeline``). Spark talks over loopback only unless given a cluster.

Input units: each line of a JSONL file (so one big file spreads over all cores),
and each other file (HTML, text, WARC, feeds) whole.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import Options
from ..errors import InputError
from ..ingest.rows import COLUMNS, article_row, error_row

ROWS_PER_FILE = 2000
"""Articles per Parquet file written by the local engine."""


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a batch run wrote."""

    articles: int
    failed: int
    out: str
    pairs: int | None = None
    """Near-duplicate pairs found (when asked for), written under ``pairs_out``."""
    pairs_out: str | None = None
    placed: int | None = None
    """Articles the cross-article pass placed in stories (when asked for), written under ``stories_out``."""
    stories_out: str | None = None
    partitions: int = 0
    """Spark partitions (tasks) the analysis ran as (0 for the local engine)."""
    pipeline_loads: int = 0
    """Distinct executor processes that loaded the spaCy pipeline (Spark: once per executor Python worker, not
    per task)."""


_executor_nlp: Any = None
"""The spaCy pipeline of this executor's Python worker, loaded by its first task and kept for the next ones
(pyspark reuses the worker process across tasks, ``spark.python.worker.reuse``)."""


class ProcessSet:
    """A Spark accumulator of process ids (``AccumulatorParam``): which executor processes loaded the pipeline.
    A set, not a count, so that a partition recomputed by a later action is not counted twice."""

    def zero(self, value: frozenset[int]) -> frozenset[int]:
        """The empty set."""
        return frozenset()

    def addInPlace(self, a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
        """The union."""
        return a | b


def executor_pipeline(loads: Any = None) -> Any:
    """The pipeline for a Spark task: loaded once per executor Python worker; ``loads`` (an accumulator)
    counts the loads so that the driver can check it."""
    global _executor_nlp
    if _executor_nlp is None:
        from ..nlp import pipeline

        _executor_nlp = pipeline.load()
        if loads is not None:
            loads.add(frozenset({os.getpid()}))
    return _executor_nlp


def _units(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(every file in input order, directories walked as ``dossier analyze`` walks them; missing paths)."""
    from ..ingest.streams import walk

    found: list[str] = []
    missing: list[str] = []
    for inp in inputs:
        p = Path(inp)
        paths = list(walk(inp)) if p.is_dir() else [inp] if p.exists() else []
        if not paths and not p.is_dir():
            missing.append(inp)
        found.extend(f for f in paths if f not in found)
    return found, missing


def _is_jsonl(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def _analyze_units(
    units: Iterable[tuple[str, int, bytes | None]], options: Options, workers: int = 1, nlp: Any = None
) -> Iterator[dict[str, str | None]]:
    """Rows for a partition's units: (path, line number, raw JSONL line) or (path, 0, b"") for a whole file.

    ``workers > 1`` (local engine only) analyses on that many processes; a Spark partition uses one, with
    the executor's ``nlp``.
    """
    from .. import engine
    from ..ingest import read
    from ..ingest.records import parse_line
    from ..model import Document
    from ..parallel import analyze_parallel

    failures: list[dict[str, str | None]] = []

    def documents() -> Iterator[Document]:
        for path, lineno, raw in units:
            items = read([path]) if lineno == 0 else [parse_line(path, lineno, raw)]
            for item in items:
                if isinstance(item, InputError):
                    failures.append(error_row(item.source, item.reason))
                elif item is not None:
                    yield item

    analysed = (
        engine.analyze_documents(documents(), options, nlp)
        if nlp is not None
        else analyze_parallel(documents(), options, workers)
    )
    for article in analysed:
        while failures:
            yield failures.pop(0)
        yield article_row(article)
    yield from failures


def _file_units(path: str) -> Iterator[tuple[str, int, bytes | None]]:
    """The units of one file (run on an executor): its JSONL lines, or the whole file."""
    return _local_units([path])


def _local_units(files: list[str]) -> Iterator[tuple[str, int, bytes | None]]:
    from ..ingest.streams import lines, open_binary

    for path in files:
        if _is_jsonl(path):
            with open_binary(path, path, container=True) as stream:
                for n, raw in lines(path, stream):
                    yield (path, n, raw)
        else:
            yield (path, 0, b"")


def _write_parquet(rows: Iterable[dict[str, str | None]], out: Path) -> tuple[int, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    out.mkdir(parents=True, exist_ok=True)
    articles = failed = part = 0
    buffer: list[dict[str, str | None]] = []

    def flush() -> None:
        nonlocal part
        if buffer:
            table = pa.Table.from_pylist(buffer, schema=schema)
            pq.write_table(table, out / f"part-{part:05d}.parquet")
            part += 1
            buffer.clear()

    for row in rows:
        if row["error"] is None:
            articles += 1
        else:
            failed += 1
        buffer.append(row)
        if len(buffer) >= ROWS_PER_FILE:
            flush()
    flush()
    return articles, failed


def spark_session(master: str = "local[2]") -> Any:
    """A Spark session bound to loopback only (left alone, Spark picks the external interface)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName("dossier-batch")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


def _spark_partition(
    part: Iterable[tuple[str, int, bytes | None]], options: Options, loads: Any
) -> Iterator[dict[str, str | None]]:
    """One Spark task: the partition's rows, with the executor's cached pipeline."""
    return _analyze_units(part, options, nlp=executor_pipeline(loads))


def _spark(files: list[str], out: Path, master: str, options: Options) -> tuple[int, int, int, int]:
    from pyspark.sql.types import StringType, StructField, StructType

    spark = spark_session(master)
    sc = spark.sparkContext
    parallelism = max(2, sc.defaultParallelism * 2)
    try:
        if not files:
            return 0, 0, 0, 0
        # One Python stage reads every file (a JSONL file line by line) and a range partitioner spreads the units
        # over the tasks in input order: the output files, read in name order, give the articles in the order
        # an in-process run reads them (the store's incremental story placement depends on arrival order, so
        # `dossier ingest OUT` then builds the same stories). No union of Python RDDs before the shuffle: pyspark
        # evaluates one by a second, nested Python worker, and every worker an executor keeps loads the pipeline.
        rank = {f: i for i, f in enumerate(files)}
        units = sc.parallelize(files, min(len(files), parallelism)).flatMap(_file_units)
        units = units.sortBy(lambda u: (rank[u[0]], u[1]), numPartitions=parallelism)
        loads = sc.accumulator(frozenset(), ProcessSet())
        rows = units.mapPartitions(lambda part: _spark_partition(part, options, loads))
        schema = StructType([StructField(c, StringType(), True) for c in COLUMNS])
        df = spark.createDataFrame(rows.map(lambda r: tuple(r[c] for c in COLUMNS)), schema).cache()
        df.write.mode("overwrite").parquet(str(out))
        failed = df.filter(df.error.isNotNull()).count()
        total = df.count()
        df.unpersist()
        return total - failed, failed, units.getNumPartitions(), len(loads.value)
    finally:
        spark.stop()


def run_batch(
    inputs: Sequence[str],
    out: str,
    *,
    engine: str = "local",
    master: str = "local[2]",
    workers: int = 1,
    options: Options = Options(),
) -> BatchReport:
    """Analyse every article under ``inputs`` and write Parquet under ``out`` (one row per article;
    inputs that failed become rows with ``error`` set, and are also reported on stderr)."""
    files, missing = _units(inputs)
    for m in missing:
        print(f"dossier: {m}: no such file or directory", file=sys.stderr)
    out_path = Path(out)
    partitions = loads = 0
    if engine == "spark":
        articles, failed, partitions, loads = _spark(files, out_path, master, options)
    else:
        articles, failed = _write_parquet(_analyze_units(_local_units(files), options, workers), out_path)
    return BatchReport(
        articles=articles, failed=failed + len(missing), out=str(out_path), partitions=partitions, pipeline_loads=loads
    )
