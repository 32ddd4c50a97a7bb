"""The cross-article pass of a batch at scale: stories by publication-day window, on Spark or in-process.

The single-machine store places articles one at a time, in arrival order (``store/corpus.py`` over the pure
stages of ``dossier.corpus``: entity merging, near-duplicates, story placement, provenance). Here a batch is cut
into shards by publication day. Shard ``w`` owns the articles published in days ``[w·W, (w+1)·W)``
(``window_days``) and also sees, as context, those of the ``context_days`` before (by default the story candidate
window, ``stories.Params.max_days``): a story that starts before the window edge is there when an owned article
looks for it. Each shard replays the store's own update (entities merged, near-duplicates, stories, provenance)
over its articles in arrival order, in a store of its own on the executor's disk: nothing is re-implemented, and
within what a shard sees it makes the decisions an in-process ingest makes.

Then one small global step joins what the windows split: a context article placed with owned articles in one shard
links that story to the story its owner shard put it in, and a near-duplicate pair (``dedup``) across two windows
links their stories (a reprint joins its original's story, as in the store). Only these links travel to the
driver; their connected components are the final stories, each named by its first article in arrival order (its
anchor). ``DIR/_stories`` holds one row per article (``article_id``, ``story`` = the anchor's id, ``score``,
``seq``), and ``dossier ingest DIR`` puts each article into its anchor's story instead of scoring candidates.

Entities are merged the same way. Each shard's replay merges the entities of what it sees (the store's own
resolution); across windows, a context article's entity links its entity in the shard that sees it to its entity
in the shard that owns it, and two shards' entities with the same informative name (a multi-word name, or a name
that is not a person's, of the same type; never one the shard kept apart as ambiguous) are linked, as the store's
``same_name`` rule would join them. The components are the final global entities, each named by its first mention
in arrival order (``article id/local id``). ``DIR/_entities`` holds one row per article entity (``article_id``,
``local_id``, ``entity`` = that anchor, ``seq``), and ``dossier ingest DIR`` puts the entities of one anchor into one
global entity instead of resolving them again.

Undated articles take the window of the dated article before them in their input file (their neighbours in arrival
order), else a window of their own (``UNDATED``).

Where this can differ from an in-process ingest of the same articles in the same order: the IDF weights of story
scoring count the shard's articles, not every article that arrived before; an undated article only meets its
window's stories; a story that would only join another through an article more than ``context_days`` before the
window edge stays split.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import names, stories
from . import dedup

WINDOW_DAYS = 28
"""Publication days one shard owns."""
CONTEXT_DAYS = stories.Params().max_days
"""Days before its window a shard also sees (the store's story candidate window)."""
UNDATED = -1
"""The shard of undated articles with no dated article before them in their file."""
REPLAY_BATCH = 200
"""Articles per write transaction in a shard's replay (the batch size does not change any decision)."""
SEQ_STRIDE = 1_000_000_000
"""Arrival order across a batch output: file index × this + row index in the file."""

Node = tuple[int, int]
"""A story as a shard made it: (window, the shard store's story id)."""


@dataclass(frozen=True, slots=True)
class Placed:
    """One article as a shard placed it."""

    article_id: str
    seq: int
    window: int
    story: int
    score: float | None
    owned: bool
    entities: tuple[tuple[str, int, tuple[str, ...]], ...] = ()
    """The article's entities as the shard merged them: (local id, the shard store's global id, the global
    entity's name keys, ``name_keys``)."""


@dataclass(frozen=True, slots=True, order=True)
class Assignment:
    """An article's final story, named by the story's first article in arrival order (its anchor)."""

    seq: int
    article_id: str
    story: str
    score: float | None


@dataclass(frozen=True, slots=True, order=True)
class EntityAssignment:
    """An article's entity and its final global entity, named by that entity's first mention in arrival order."""

    seq: int
    article_id: str
    local_id: str
    entity: str
    """``article id/local id`` of the global entity's first mention (its anchor)."""


NAMED_TYPES = ("PERSON", "NORP", "ORG", "FAC", "GPE", "LOC")
"""The entity types whose compatibility (``names.compatible``) the name keys spell out."""


def name_key(name: str, type_: str, ambiguous: bool = False) -> str:
    """The name part of the keys under which two shards' global entities are one: the normalized name, for an
    informative name only (a multi-word name, or any name that is not a person's); "" for a bare surname or an
    entity the shard kept apart as ambiguous (those join only through the articles two shards share)."""
    norm = names.normalize(name, type_)
    if ambiguous or not norm or (type_ in names.PERSON_TYPES and len(norm.split()) < 2):
        return ""
    return norm


def name_keys(name: str, aliases: Iterable[str], type_: str, ambiguous: bool = False) -> tuple[str, ...]:
    """Every key of a shard's global entity: its name and each alias that is a name (as ``resolve.all_names``), if
    informative, under each pair of its type and a type it may share a referent with ("FAC~ORG|…" for a FAC, so
    that an ORG of that name meets it)."""
    types = sorted({type_, *(t for t in NAMED_TYPES if names.compatible(type_, t))})
    held = [name, *(a for a in aliases if names.is_name(a))]
    found = dict.fromkeys(k for a in held if (k := name_key(a, type_, ambiguous)))
    return tuple(f"{min(type_, t)}~{max(type_, t)}|{k}" for k in found for t in types)


def windows_of(day: int, window_days: int = WINDOW_DAYS, context_days: int = CONTEXT_DAYS) -> tuple[int, range]:
    """The shard that owns an article of publication ``day`` (a day ordinal), and the later shards that see it as
    context (those whose window starts less than ``context_days`` after it)."""
    owner = day // window_days
    return owner, range(owner + 1, (day + context_days) // window_days + 1)


def keyed_rows(
    rows: Iterable[tuple[int, dict[str, Any]]], window_days: int = WINDOW_DAYS, context_days: int = CONTEXT_DAYS
) -> Iterator[tuple[tuple[int, int], tuple[bool, dict[str, Any]]]]:
    """``((window, seq), (owned, row))`` for the article rows of one input file in arrival order: each row once
    for its owner shard and once for every shard that sees it as context. Failed inputs are left out."""
    last: int | None = None
    for seq, row in rows:
        if row.get("error"):
            continue
        day = stories.day_number(row.get("published"))
        if day is None:
            day = last  # an undated article goes with the dated one before it
        else:
            last = day
        if day is None:
            yield (UNDATED, seq), (True, row)
            continue
        owner, context = windows_of(day, window_days, context_days)
        yield (owner, seq), (True, row)
        for w in context:
            yield (w, seq), (False, row)


def replay(window: int, members: Iterable[tuple[int, bool, dict[str, Any]]]) -> Iterator[Placed]:
    """Run the store's incremental cross-article update over one shard's article rows, given in arrival order
    (``(seq, owned, row)``), in a store of the shard's own (a temporary file); where each article went."""
    from ..ingest.rows import row_article
    from ..store import Store

    seen: dict[str, tuple[int, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="dossier-shard-") as tmp, Store(str(Path(tmp) / "shard.db")) as store:
        batch = []
        for seq, owned, row in members:
            article = row_article(row)
            seen[article.id] = (seq, owned)  # an id given twice: its last version counts, as in the store
            batch.append(article)
            if len(batch) >= REPLAY_BATCH:
                store.write(batch)
                batch.clear()
        if batch:
            store.write(batch)
        placed = store.conn.execute("SELECT article_id, story_id, score FROM story_articles").fetchall()
        merged: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
        keys: dict[int, tuple[str, ...]] = {}
        for article_id, local_id, gid, name, type_, aliases, ambiguous in store.conn.execute(
            "SELECT e.article_id, e.local_id, g.id, g.name, g.type, g.aliases, g.ambiguous FROM entities e"
            " JOIN global_entities g ON g.id = CAST(e.global_id AS INTEGER) ORDER BY e.article_id, e.id"
        ):
            if gid not in keys:
                keys[gid] = name_keys(name, json.loads(aliases), type_, bool(ambiguous))
            merged.setdefault(article_id, []).append((local_id, int(gid), keys[gid]))
    for article_id, story_id, score in placed:
        seq, owned = seen[article_id]
        yield Placed(article_id, seq, window, int(story_id), score, owned, tuple(merged.get(article_id, ())))


def replay_sorted(rows: Iterable[tuple[tuple[int, int], tuple[bool, dict[str, Any]]]]) -> Iterator[Placed]:
    """Replay every shard of a stream sorted by ``(window, seq)`` (one Spark partition after the shuffle)."""
    for window, group in itertools.groupby(rows, key=lambda r: r[0][0]):
        yield from replay(window, ((seq, owned, row) for (_, seq), (owned, row) in group))


def assignments(placed: Sequence[Placed], links: Iterable[tuple[Node, Node]]) -> list[Assignment]:
    """The final stories of the owned placements once ``links`` are joined, each article named by its anchor."""
    root = dedup.components(links)
    owned = [p for p in placed if p.owned]
    anchor: dict[Node, tuple[int, str]] = {}
    for p in owned:
        node = root.get((p.window, p.story), (p.window, p.story))
        anchor[node] = min(anchor.get(node, (p.seq, p.article_id)), (p.seq, p.article_id))
    return sorted(
        Assignment(p.seq, p.article_id, anchor[root.get((p.window, p.story), (p.window, p.story))][1], p.score)
        for p in owned
    )


def context_links(placed: Iterable[Placed]) -> Iterator[tuple[Node, Node]]:
    """A context article's story in a shard, linked to its story in the shard that owns it."""
    owner: dict[str, Node] = {}
    seen: list[Placed] = []
    for p in placed:
        if p.owned:
            owner[p.article_id] = (p.window, p.story)
        else:
            seen.append(p)
    for p in seen:
        if p.article_id in owner:
            yield (p.window, p.story), owner[p.article_id]


def pair_links(placed: Iterable[Placed], pairs: Iterable[dedup.Pair]) -> Iterator[tuple[Node, Node]]:
    """Near-duplicates owned by two different windows: their stories are one (a reprint joins its original's)."""
    owner = {p.article_id: (p.window, p.story) for p in placed if p.owned}
    for pair in pairs:
        a, b = owner.get(pair.a), owner.get(pair.b)
        if a is not None and b is not None and a[0] != b[0]:
            yield a, b


def entity_context_links(placed: Iterable[Placed]) -> Iterator[tuple[Node, Node]]:
    """A context article's entity in a shard, linked to the same entity in the shard that owns the article."""
    owner: dict[tuple[str, str], Node] = {}
    seen: list[Placed] = []
    for p in placed:
        if p.owned:
            owner.update(((p.article_id, lid), (p.window, gid)) for lid, gid, _ in p.entities)
        else:
            seen.append(p)
    for p in seen:
        for lid, gid, _ in p.entities:
            if (p.article_id, lid) in owner:
                yield (p.window, gid), owner[(p.article_id, lid)]


def keyed_entities(p: Placed) -> Iterator[tuple[str, Node]]:
    """``(name key, (window, shard global id))`` of a placement's entities that have an informative name."""
    for _, gid, keys in p.entities:
        for key in keys:
            yield key, (p.window, gid)


def chain(nodes: Iterable[Node]) -> Iterator[tuple[Node, Node]]:
    """Links joining shard entities of one name key that lie in different windows: the least of each window, in a
    chain (entities of one window that its shard kept apart are not joined here)."""
    first: dict[int, Node] = {}
    for node in sorted(set(nodes)):
        first.setdefault(node[0], node)
    heads = sorted(first.values())
    yield from itertools.pairwise(heads)


def entity_name_links(placed: Iterable[Placed]) -> Iterator[tuple[Node, Node]]:
    """Shard entities with the same informative name in different windows (the store's ``same_name`` rule)."""
    by_key: dict[str, list[Node]] = {}
    for p in placed:
        for key, node in keyed_entities(p):
            by_key.setdefault(key, []).append(node)
    for nodes in by_key.values():
        yield from chain(nodes)


def entity_assignments(placed: Sequence[Placed], links: Iterable[tuple[Node, Node]]) -> list[EntityAssignment]:
    """Every owned article entity and its final global entity once ``links`` are joined, named by its anchor."""
    root = dedup.components(links)
    anchor: dict[Node, tuple[int, str, int, str]] = {}
    rows: list[tuple[Placed, int, str, Node]] = []
    for p in placed:
        if not p.owned:
            continue
        for order, (lid, gid, _) in enumerate(p.entities):
            node = root.get((p.window, gid), (p.window, gid))
            rows.append((p, order, lid, node))
            first = (p.seq, p.article_id, order, lid)
            anchor[node] = min(anchor.get(node, first), first)
    return sorted(
        EntityAssignment(p.seq, p.article_id, lid, f"{anchor[node][1]}/{anchor[node][3]}") for p, _, lid, node in rows
    )


# ---------------------------------------------------------------- reading and writing a batch output
def numbered_rows(files: Sequence[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(seq, row)`` of every row of the batch files, in arrival order."""
    from ..ingest.batch import file_rows

    for i, f in enumerate(files):
        for j, row in enumerate(file_rows(f)):
            yield i * SEQ_STRIDE + j, row


def _write_parquet(columns: dict[str, tuple[str, list[Any]]], out: str) -> int:
    """Write one Parquet file under ``out`` from ``name -> (arrow type name, values)``; the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    Path(out).mkdir(parents=True, exist_ok=True)
    table = pa.table({name: pa.array(values, getattr(pa, kind)()) for name, (kind, values) in columns.items()})
    pq.write_table(table, str(Path(out) / "part-00000.parquet"))
    return int(table.num_rows)


def write_assignments(items: Sequence[Assignment], out: str) -> int:
    """Write assignments as Parquet under ``out`` (``article_id``, ``story``, ``score``, ``seq``)."""
    return _write_parquet(
        {
            "article_id": ("string", [a.article_id for a in items]),
            "story": ("string", [a.story for a in items]),
            "score": ("float64", [a.score for a in items]),
            "seq": ("int64", [a.seq for a in items]),
        },
        out,
    )


def write_entity_assignments(items: Sequence[EntityAssignment], out: str) -> int:
    """Write entity assignments as Parquet under ``out`` (``article_id``, ``local_id``, ``entity``, ``seq``)."""
    return _write_parquet(
        {
            "article_id": ("string", [a.article_id for a in items]),
            "local_id": ("string", [a.local_id for a in items]),
            "entity": ("string", [a.entity for a in items]),
            "seq": ("int64", [a.seq for a in items]),
        },
        out,
    )


def stories_local(
    batch_dir: str,
    out: str,
    *,
    window_days: int = WINDOW_DAYS,
    context_days: int = CONTEXT_DAYS,
    entities_out: str | None = None,
) -> list[Assignment]:
    """The pass in-process (the reference the Spark job must match); writes and returns the story assignments,
    and with ``entities_out`` writes the entity assignments there."""
    from ..ingest.batch import article_files, file_rows

    files = [str(f) for f in article_files(batch_dir)]
    shards: dict[int, list[tuple[int, bool, dict[str, Any]]]] = {}
    signatures: list[tuple[str, bytes]] = []
    for i, f in enumerate(files):
        rows = [(i * SEQ_STRIDE + j, row) for j, row in enumerate(file_rows(f))]
        signatures.extend(dedup.signature_rows(row for _, row in rows))
        for (window, seq), (owned, row) in keyed_rows(rows, window_days, context_days):
            shards.setdefault(window, []).append((seq, owned, row))
    placed = [p for w in sorted(shards) for p in replay(w, sorted(shards[w], key=lambda m: m[0]))]
    pairs = dedup.pairs_local(signatures)
    result = assignments(placed, [*context_links(placed), *pair_links(placed, pairs)])
    write_assignments(result, out)
    if entities_out is not None:
        write_entity_assignments(entity_pass(placed), entities_out)
    return result


def entity_pass(placed: Sequence[Placed]) -> list[EntityAssignment]:
    """The entity half of the pass over every shard's placements (in-process)."""
    return entity_assignments(placed, [*entity_context_links(placed), *entity_name_links(placed)])


def stories_spark(
    batch_dir: str,
    out: str,
    master: str = "local[2]",
    *,
    window_days: int = WINDOW_DAYS,
    context_days: int = CONTEXT_DAYS,
    entities_out: str | None = None,
) -> int:
    """The pass on Spark: rows keyed by window and shuffled (sorted by arrival within a window), one replay per
    window on the executors, the links joined on the driver; writes the story assignments under ``out`` (and
    with ``entities_out`` the entity assignments there), returns the count of story assignments. The batch files
    must be readable from every executor (as ``dossier batch``'s inputs are)."""
    from ..ingest.batch import article_files, file_rows
    from .job import spark_session

    files = [str(f) for f in article_files(batch_dir)]
    spark = spark_session(master)
    sc = spark.sparkContext
    try:
        if not files:
            return 0
        parallelism = max(2, sc.defaultParallelism * 2)

        def numbered(item: tuple[int, str]) -> Iterator[tuple[int, dict[str, Any]]]:
            i, f = item
            return ((i * SEQ_STRIDE + j, row) for j, row in enumerate(file_rows(f)))

        numbered_files = sc.parallelize(list(enumerate(files)), min(len(files), parallelism))
        keyed = numbered_files.flatMap(lambda item: keyed_rows(numbered(item), window_days, context_days))
        # one window per key; within a partition rows arrive sorted by (window, seq): each shard is replayed
        # streaming, in arrival order, and never held in memory
        shuffled = keyed.repartitionAndSortWithinPartitions(
            numPartitions=parallelism, partitionFunc=lambda key: key[0], keyfunc=lambda key: key
        )
        placed = shuffled.mapPartitions(replay_sorted).cache()
        owner = placed.filter(lambda p: p.owned).map(lambda p: (p.article_id, (p.window, p.story)))
        context = placed.filter(lambda p: not p.owned).map(lambda p: (p.article_id, (p.window, p.story)))
        links = context.join(owner).values().collect()
        pairs = (
            numbered_files.flatMap(lambda item: dedup.signature_rows(row for _, row in numbered(item)))
            .flatMap(lambda item: dedup.keyed(*item))
            .groupByKey()
            .flatMap(lambda kv: dedup.bucket_pairs(kv[1]))
            .map(lambda p: (p.a, p.b))
            .distinct()
        )
        across = pairs.join(owner).map(lambda kv: (kv[1][0], kv[1][1])).join(owner).values()
        links += across.filter(lambda ab: ab[0][0] != ab[1][0]).collect()
        root = sc.broadcast(dedup.components(links))

        def node(p: Placed) -> Node:
            joined: dict[Node, Node] = root.value
            return joined.get((p.window, p.story), (p.window, p.story))

        owned = placed.filter(lambda p: p.owned).map(lambda p: (node(p), p))
        anchors = owned.mapValues(lambda p: (p.seq, p.article_id)).reduceByKey(min)
        result = owned.join(anchors).values().map(lambda pa: (pa[0].article_id, pa[1][1], pa[0].score, pa[0].seq))
        df = spark.createDataFrame(result, "article_id string, story string, score double, seq long").cache()
        df.write.mode("overwrite").parquet(out)
        n = int(df.count())
        df.unpersist()
        if entities_out is not None:
            _entities_spark(spark, placed, entities_out)
        placed.unpersist()
        return n
    finally:
        spark.stop()


def _entities_spark(spark: Any, placed: Any, out: str) -> None:
    """The entity half of the pass on Spark: context and name links computed on the executors, their components
    on the driver (one small dict of shard entities), the anchors by a reduce."""
    owner = placed.filter(lambda p: p.owned).flatMap(
        lambda p: [((p.article_id, lid), (p.window, gid)) for lid, gid, _ in p.entities]
    )
    context = placed.filter(lambda p: not p.owned).flatMap(
        lambda p: [((p.article_id, lid), (p.window, gid)) for lid, gid, _ in p.entities]
    )
    links = context.join(owner).values().collect()
    links += placed.flatMap(keyed_entities).groupByKey().flatMap(lambda kv: chain(kv[1])).collect()
    root = spark.sparkContext.broadcast(dedup.components(links))

    def rows(p: Placed) -> list[tuple[Node, tuple[tuple[int, str, int], str]]]:
        joined: dict[Node, Node] = root.value
        return [
            (joined.get((p.window, gid), (p.window, gid)), ((p.seq, p.article_id, order), lid))
            for order, (lid, gid, _) in enumerate(p.entities)
        ]

    owned = placed.filter(lambda p: p.owned).flatMap(rows)
    anchors = owned.map(lambda kv: (kv[0], (kv[1][0], kv[1][1]))).reduceByKey(min)
    result = owned.join(anchors).values().map(lambda m: (m[0][0][1], m[0][1], f"{m[1][0][1]}/{m[1][1]}", m[0][0][0]))
    df = spark.createDataFrame(result, "article_id string, local_id string, entity string, seq long")
    df.write.mode("overwrite").parquet(out)


def describe(items: Sequence[Assignment]) -> str:
    """A one-line JSON summary (articles, stories, the largest story)."""
    sizes: dict[str, int] = {}
    for a in items:
        sizes[a.story] = sizes.get(a.story, 0) + 1
    return json.dumps({"articles": len(items), "stories": len(sizes), "largest": max(sizes.values(), default=0)})
