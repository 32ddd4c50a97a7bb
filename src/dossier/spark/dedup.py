"""Near-duplicates across a whole batch: MinHash LSH sharded by band and bucket (the first cross-article step at scale).

The single-machine store finds reprints article by article against its on-disk LSH tables
(``store/corpus.py``). At corpus scale the same signatures and the same banding run as a
shuffle instead: every article's signature is exploded into its ``(band, bucket)`` keys,
articles are grouped by key, and the pairs inside a bucket are verified by estimated Jaccard.
No global state: a bucket only ever sees its own members. Buckets larger than ``MAX_BUCKET``
(boilerplate that thousands of pages share) are cut to their first members by id, and the cut
is counted, not hidden.

The pure functions here are shared by both engines: ``pairs_local`` runs them in-process (the
reference), ``pairs_spark`` on Spark; the tests check that the two agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..corpus import provenance
from ..model import Article

K = TypeVar("K", str, tuple[int, int])
"""What ``components`` links: article ids, or stories as (window, story id)."""

MAX_BUCKET = 200
"""Most members of one LSH bucket compared pairwise (a bucket is compared in O(n²))."""


@dataclass(frozen=True, slots=True, order=True)
class Pair:
    """Two articles whose texts are near-duplicates (``a`` < ``b``), with the estimated Jaccard."""

    a: str
    b: str
    jaccard: float


def keyed(article_id: str, signature: bytes) -> list[tuple[tuple[int, int], tuple[str, bytes]]]:
    """The article's ``((band, bucket), (id, signature))`` rows: one per LSH band."""
    return [(key, (article_id, signature)) for key in provenance.buckets(signature)]


def bucket_pairs(members: Iterable[tuple[str, bytes]], threshold: float = provenance.NEAR_DUPLICATE) -> Iterator[Pair]:
    """Verified near-duplicate pairs among one bucket's members (the first ``MAX_BUCKET`` by id)."""
    ordered = sorted(dict(members).items())[:MAX_BUCKET]
    for i, (a, sa) in enumerate(ordered):
        for b, sb in ordered[i + 1 :]:
            j = provenance.jaccard(sa, sb)
            if j >= threshold:
                yield Pair(a, b, round(j, 4))


def article_signatures(articles: Iterable[Article]) -> Iterator[tuple[str, bytes]]:
    """``(id, MinHash signature)`` of each article's body, as the store computes it."""
    for article in articles:
        yield article.id, provenance.signature(article)


def pairs_local(signatures: Iterable[tuple[str, bytes]]) -> list[Pair]:
    """Every near-duplicate pair, in-process: the reference the Spark job must match."""
    groups: dict[tuple[int, int], list[tuple[str, bytes]]] = defaultdict(list)
    for article_id, sig in signatures:
        for key, member in keyed(article_id, sig):
            groups[key].append(member)
    found = {(p.a, p.b): p for members in groups.values() for p in bucket_pairs(members)}
    return sorted(found.values())


def signature_rows(rows: Iterable[Any]) -> Iterator[tuple[str, bytes]]:
    """Signatures of a partition of batch Parquet rows (rows that recorded a failure are skipped)."""
    from ..ingest.rows import row_article

    for row in rows:
        d = row.asDict() if hasattr(row, "asDict") else dict(row)
        if not d.get("error"):
            yield from article_signatures([row_article(d)])


def pairs_spark(batch_dir: str, out: str, master: str = "local[2]") -> int:
    """Find the near-duplicate pairs of a ``dossier batch`` output on Spark; write them as Parquet under
    ``out`` (columns ``a``, ``b``, ``jaccard``) and return how many there are."""
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    from .job import spark_session

    spark = spark_session(master)
    try:
        rows = spark.read.parquet(batch_dir).rdd
        pairs = (
            rows.mapPartitions(signature_rows)
            .flatMap(lambda item: keyed(*item))
            .groupByKey()
            .flatMap(lambda kv: bucket_pairs(kv[1]))
            .map(lambda p: ((p.a, p.b), p.jaccard))
            .reduceByKey(max)
            .map(lambda kv: (kv[0][0], kv[0][1], kv[1]))
        )
        schema = StructType(
            [
                StructField("a", StringType(), False),
                StructField("b", StringType(), False),
                StructField("jaccard", DoubleType(), False),
            ]
        )
        df = spark.createDataFrame(pairs, schema).cache()
        df.write.mode("overwrite").parquet(out)
        n = int(df.count())
        df.unpersist()
        return n
    finally:
        spark.stop()


PAIRS_DIR = "_near_duplicates"
"""Where ``dossier batch --near-duplicates`` writes the pairs, inside the batch output (a leading "_" keeps
Spark's and the loader's readers of the article rows from taking it for articles)."""


def write_pairs(pairs: Sequence[Pair], out: str) -> int:
    """Write pairs as one Parquet file under ``out`` (the local engine's counterpart of ``pairs_spark``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    Path(out).mkdir(parents=True, exist_ok=True)
    table = pa.table({"a": [p.a for p in pairs], "b": [p.b for p in pairs], "jaccard": [p.jaccard for p in pairs]})
    pq.write_table(table, str(Path(out) / "part-00000.parquet"))
    return len(pairs)


def read_pairs(directory: str) -> list[Pair]:
    """The pairs a ``pairs_spark`` run wrote, sorted."""
    import pyarrow.parquet as pq

    out = []
    for f in sorted(Path(directory).rglob("*.parquet")):
        for row in pq.read_table(f).to_pylist():
            out.append(Pair(row["a"], row["b"], row["jaccard"]))
    return sorted(out)


def components(links: Iterable[tuple[K, K]]) -> dict[K, K]:
    """Connected components of ``links`` (union-find): every linked item -> its component's least member."""
    parent: dict[K, K] = {}

    def find(x: K) -> K:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def groups(pairs: Sequence[Pair]) -> list[list[str]]:
    """Connected components of the pairs (each a set of copies of one text), largest first."""
    comps: dict[str, list[str]] = defaultdict(list)
    for x, root in components((p.a, p.b) for p in pairs).items():
        comps[root].append(x)
    return sorted((sorted(c) for c in comps.values()), key=lambda c: (-len(c), c[0]))
