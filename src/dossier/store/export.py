"""Writing stored analyses out: the JSON contract (JSONL), one table as CSV, the entity graph as GraphML.

Every format streams from the store a page at a time, so an export of a large store runs in
flat memory (GraphML keeps only the node and edge counts).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import TYPE_CHECKING, Any, TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ..errors import StoreError
from .db import has_table
from .queries import GLOBAL_ENTITIES, iter_contracts

if TYPE_CHECKING:
    from . import Store

FORMATS = ("jsonl", "csv", "graphml")
"""Export formats ``export`` writes."""

CSV_TABLES: dict[str, str] = {
    "articles": "SELECT id, title, outlet, authors, published, language, url, path, content_hash, story_id,"
    " ingested_at, warnings FROM articles ORDER BY seq",
    "entities": "SELECT article_id, local_id, name, type, aliases, mention_count, confidence, global_id"
    " FROM entities ORDER BY id",
    "quotes": "SELECT article_id, position, text, kind, category, speaker_name, speaker_entity, cue, confidence,"
    " start, end, note FROM quotes ORDER BY id",
    "sources": "SELECT article_id, position, name, kind, text, entity, start, end FROM sources ORDER BY id",
    "events": "SELECT article_id, position, type, cameo, trigger, date_value, date_text, date_basis, location,"
    " participants, confidence, sentence, start, end, modality, date_anchor FROM events ORDER BY id",
}
"""The query behind each CSV table (``stories`` comes from the cross-article layer)."""

_PAGE = 1000
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text escaped for XML, without the control characters XML 1.0 cannot carry (hostile input)."""
    return xml_escape(_XML_INVALID.sub("", text))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: text starting with ``= + - @``, tab or CR gets a leading ``'``
    (OWASP's advice against CSV formula injection); numbers and NULLs pass as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``csv_cell``."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def export(store: Store, fmt: str, out: TextIO, table: str = "articles") -> int:
    """Write the store to ``out`` as ``jsonl``, ``csv`` (one ``table``) or ``graphml``; return rows written."""
    if fmt == "jsonl":
        return export_jsonl(store, out)
    if fmt == "csv":
        return export_csv(store, out, table)
    if fmt == "graphml":
        return export_graphml(store, out)
    raise StoreError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")


def export_jsonl(store: Store, out: TextIO) -> int:
    """Every stored article in the JSON contract, one per line, as ``dossier analyze --format jsonl`` prints it."""
    n = 0
    for d in iter_contracts(store.conn):
        out.write(json.dumps(d, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def export_csv(store: Store, out: TextIO, table: str) -> int:
    """One table with a header row; JSON-valued columns stay JSON text; text cells that a spreadsheet would run
    as a formula are prefixed with ``'`` (``csv_cell``)."""
    writer = _SafeWriter(out)
    if table == "stories":
        return _stories_csv(store, writer)
    if table not in CSV_TABLES:
        raise StoreError(f"unknown table '{table}' (choose from {', '.join([*CSV_TABLES, 'stories'])})")
    cur = store.conn.execute(CSV_TABLES[table])
    writer.writerow([c[0] for c in cur.description])
    n = 0
    while rows := cur.fetchmany(_PAGE):
        writer.writerows(tuple(r) for r in rows)
        n += len(rows)
    return n


def _stories_csv(store: Store, writer: Any) -> int:
    header = ["id", "title", "articles", "first_published", "original", "outlets", "independent_sources"]
    writer.writerow(header)
    n = 0
    while True:
        page = store.stories(limit=_PAGE, offset=n)
        for s in page:
            original = s.get("original")
            if isinstance(original, dict):
                original = original.get("id")
            writer.writerow(
                [
                    s.get("id"),
                    s.get("title"),
                    json.dumps([a.get("id") if isinstance(a, dict) else a for a in s.get("articles") or ()]),
                    s.get("first_published"),
                    original,
                    json.dumps(s.get("outlets") or [], ensure_ascii=False),
                    json.dumps(s.get("independent_sources"), ensure_ascii=False),
                ]
            )
        n += len(page)
        if len(page) < _PAGE:
            return n


def entity_nodes(store: Store) -> Iterator[tuple[str, str, str, str]]:
    """(article id, node key, name, type) for every per-article entity, grouped by article.

    The node is the global entity when the cross-article layer linked it, else the entity's
    exact name and type (so "Trump" in two articles is one node even before resolution).
    """
    cur = store.conn.execute(
        "SELECT article_id, coalesce('g:' || global_id, 'n:' || type || ':' || name), name, type"
        " FROM entities ORDER BY article_id"
    )
    while rows := cur.fetchmany(_PAGE):
        for r in rows:
            yield r[0], r[1], r[2], r[3]


def cooccurrence(store: Store) -> tuple[dict[str, tuple[str, str, int]], Counter[tuple[str, str]]]:
    """Nodes (key -> label, type, articles) and edges ((key, key) -> shared articles)."""
    names: dict[str, Counter[str]] = {}
    types: dict[str, str] = {}
    article_counts: Counter[str] = Counter()
    edges: Counter[tuple[str, str]] = Counter()
    current: str | None = None
    keys: set[str] = set()

    def flush() -> None:
        article_counts.update(keys)
        edges.update(combinations(sorted(keys), 2))

    for article_id, key, name, type_ in entity_nodes(store):
        if article_id != current:
            flush()
            current, keys = article_id, set()
        keys.add(key)
        names.setdefault(key, Counter())[name] += 1
        types.setdefault(key, type_)
    flush()
    canonical = _global_names(store, [k[2:] for k in names if k.startswith("g:")])
    nodes = {k: (*canonical.get(k[2:], (names[k].most_common(1)[0][0], types[k])), article_counts[k]) for k in names}
    return nodes, edges


def _global_names(store: Store, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The cross-article layer's name and type for global entity ids (empty without that layer)."""
    if not ids or not has_table(store.conn, GLOBAL_ENTITIES):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for i in range(0, len(ids), _PAGE):
        # the layer's ids are integers held as text in entities.global_id: compare as stored there
        part = [int(x) if x.isdigit() else x for x in ids[i : i + _PAGE]]
        rows = store.conn.execute(
            f"SELECT id, name, type FROM {GLOBAL_ENTITIES} WHERE id IN ({', '.join('?' * len(part))})", part
        )
        found.update((str(r[0]), (r[1], r[2])) for r in rows)
    return found


def export_graphml(store: Store, out: TextIO) -> int:
    """The entity co-occurrence graph (edge weight = articles shared) as GraphML for Gephi; returns edges."""
    nodes, edges = cooccurrence(store)
    ids = {key: f"n{i}" for i, key in enumerate(sorted(nodes))}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    out.write('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
    out.write('  <key id="type" for="node" attr.name="type" attr.type="string"/>\n')
    out.write('  <key id="articles" for="node" attr.name="articles" attr.type="int"/>\n')
    out.write('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n')
    out.write('  <graph id="cooccurrence" edgedefault="undirected">\n')
    for key in sorted(nodes):
        label, type_, count = nodes[key]
        out.write(
            f'    <node id={quoteattr(ids[key])}><data key="label">{_xml_text(label)}</data>'
            f'<data key="type">{_xml_text(type_)}</data><data key="articles">{count}</data></node>\n'
        )
    for i, ((a, b), weight) in enumerate(sorted(edges.items())):
        out.write(
            f'    <edge id="e{i}" source={quoteattr(ids[a])} target={quoteattr(ids[b])}>'
            f'<data key="weight">{weight}</data></edge>\n'
        )
    out.write("  </graph>\n</graphml>\n")
    return len(edges)
