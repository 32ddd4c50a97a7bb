"""Provenance: which article relays which outlet or article, and who had a story first.

Three kinds of evidence make edges ``article -> cited outlet / earlier article``:

- the article's own ``sources``: a ``Source:`` line means the whole text is relayed from that
  outlet (``rewrite``); a wire tag ("(AP)", "Reuters") makes it a wire copy (``wire``); an outlet
  cited in the lead ("as reported by X") makes it a rewrite of X; cited elsewhere it is a ``cites``.
  Inside a relayed article (source line or wire copy), outlets cited as ``reported_by``/``interview``/``report`` are the
  relayed outlet's own source: an edge *from that outlet* (``via``), giving chains such as
  The Nation View -> Il Tempo -> Yahoo News.
- text: MinHash over word shingles (signatures and LSH buckets stored in SQLite) finds
  near-duplicates (``near_duplicate``: a reprint) and
  close rewrites (``rewrite``) of an earlier stored article.

``derive`` turns a story's members and edges into roles (original, rewrite, reprint,
independent), the original, the chains and the independent sources: the roots every
member's chain ends in. All functions here are pure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article, Source
from . import names

NUM_PERM = 64
"""MinHash permutations per article (256 bytes stored)."""
BANDS, ROWS = 16, 4
"""LSH banding: pairs with Jaccard 0.6 meet in a bucket with probability 0.89, 0.3 with 0.12."""
SHINGLE = 5
"""Words per shingle."""
NEAR_DUPLICATE = 0.7
"""Estimated Jaccard from which an article is a reprint of another."""
REWRITE = 0.3
"""Estimated Jaccard from which a later article in the same story is a rewrite of an earlier one."""
LEAD_SHARE = 0.25
"""Part of the body (at least ``LEAD_MIN`` characters) that counts as the lead."""
LEAD_MIN = 600

RELAY_KINDS = frozenset({"reported_by", "according_to", "report", "interview", "citation"})
"""Source kinds that attribute content to an outlet."""
CHAIN_KINDS = frozenset({"reported_by", "report", "interview"})
"""Inside a relayed article, these make the relayed outlet a relay of the cited one."""
DERIVING = frozenset({"rewrite", "wire", "near_duplicate"})
"""Edge kinds that make an article (or outlet) derive from its target."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One provenance edge with its evidence."""

    article_id: str
    kind: str
    """``rewrite`` | ``wire`` | ``near_duplicate`` | ``cites``."""
    target_outlet: str | None = None
    target_article: str | None = None
    via: str | None = None
    """None: the article itself relays the target; else the outlet it relays does (a chain step)."""
    source_kind: str | None = None
    """The contract's ``Source.kind`` the edge comes from (None for text similarity)."""
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    similarity: float | None = None
    confidence: float = 1.0


def _in_lead(article: Article, start: int) -> bool:
    body_start = article.body[0][0] if article.body else 0
    body_end = article.body[-1][1] if article.body else len(article.text)
    lead_len = max(LEAD_MIN, int((body_end - body_start) * LEAD_SHARE))
    return start < body_start + lead_len


def _from_source(article_id: str, s: Source, kind: str, via: str | None, confidence: float) -> Edge:
    return Edge(
        article_id,
        kind,
        target_outlet=s.name,
        via=via,
        source_kind=s.kind,
        evidence=s.text,
        start=s.start,
        end=s.end,
        confidence=confidence,
    )


def source_edges(article: Article) -> list[Edge]:
    """Edges from the article's cited sources (outlets other than its own)."""
    own = article.outlet or ""
    # a "Source:" line or a wire tag says the whole text is that outlet's: what it cites, the outlet cites
    relayed = next((s.name for s in article.sources if s.kind == "source_line"), None) or next(
        (s.name for s in article.sources if s.kind == "wire"), None
    )
    edges: list[Edge] = []
    seen: set[tuple[str, str, str | None]] = set()

    def add(edge: Edge) -> None:
        key = (edge.kind, names.outlet_key(edge.target_outlet or ""), edge.via)
        if key not in seen:
            seen.add(key)
            edges.append(edge)

    for s in article.sources:
        if s.kind == "byline" or not s.name.strip() or (own and names.same_outlet(s.name, own)):
            continue
        if not names.is_name(s.name):
            continue  # "according to media reports", "one report": a claim's source, but no outlet to trace
        if s.kind == "source_line":
            add(_from_source(article.id, s, "rewrite", None, 0.9))
        elif s.kind == "wire":
            add(_from_source(article.id, s, "wire", None, 0.9))
        elif s.kind in RELAY_KINDS and relayed is not None:
            if not names.same_outlet(s.name, relayed):
                add(_from_source(article.id, s, "rewrite" if s.kind in CHAIN_KINDS else "cites", relayed, 0.7))
        elif s.kind in RELAY_KINDS:
            lead = _in_lead(article, s.start) and s.kind != "citation"
            add(_from_source(article.id, s, "rewrite" if lead else "cites", None, 0.6))
    return edges


# ---------------------------------------------------------------- text similarity
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word ``size``-grams of ``text`` (folded), as bytes for hashing."""
    words = _WORD.findall(names.fold_text(text))  # uncached: a whole text must not stay in a cache
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


_EMPTY = np.uint32(0xFFFFFFFF)
"""datasketch's value for a permutation that saw no shingle."""


def signature(article: Article) -> bytes:
    """The MinHash signature (datasketch, seeded) of the article body: ``NUM_PERM`` uint32 values."""
    from datasketch import MinHash  # imported here: it pulls in scipy, which only ingest needs

    body = " ".join(article.text[s:e] for s, e in article.body) if article.body else article.text
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(list(shingles(body)))
    return bytes(minhash.hashvalues.astype(np.uint32).tobytes())


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va, vb = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    if len(va) != len(vb) or not len(va) or bool(np.all(va == _EMPTY)) or bool(np.all(vb == _EMPTY)):
        return 0.0  # an empty text is like nothing, not like every other empty text
    return float(np.mean(va == vb))


def buckets(sig: bytes) -> list[tuple[int, int]]:
    """LSH ``(band, bucket)`` keys of a signature: articles sharing one are near-duplicate candidates."""
    values = np.frombuffer(sig, dtype=np.uint32)
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return out


def text_edge(article_id: str, earlier_id: str, similarity: float, *, same_story: bool) -> Edge | None:
    """The edge a text similarity to an earlier article makes, if any."""
    if similarity >= NEAR_DUPLICATE:
        return Edge(article_id, "near_duplicate", target_article=earlier_id, similarity=similarity, confidence=0.9)
    if same_story and similarity >= REWRITE:
        return Edge(article_id, "rewrite", target_article=earlier_id, similarity=similarity, confidence=0.6)
    return None


# ---------------------------------------------------------------- a story's provenance
@dataclass(frozen=True, slots=True)
class Member:
    """A story's article as provenance sees it."""

    id: str
    outlet: str | None
    published: str | None
    seq: int = 0
    """Ingest order (breaks ties between equal or missing dates)."""


@dataclass(frozen=True, slots=True)
class Derivation:
    """What a story's provenance says: roles, original, chains, independent sources."""

    roles: dict[str, str]
    original: dict[str, str | None] | None
    chains: dict[str, tuple[str, ...]]
    """Per article: the outlets its content passes through, itself first, ending in a root."""
    independent_sources: tuple[str, ...]
    edges: tuple[Edge, ...] = field(default=())


Node = tuple[str, str]
"""``("article", id)`` or ``("outlet", key)``."""


def _order(m: Member) -> tuple[int, str, int]:
    return (m.published is None, m.published or "", m.seq)


class _Graph:
    """A story's derivation graph: articles and cited outlets as nodes, an edge from a copy to what it copies."""

    def __init__(self, ordered: Sequence[Member], edges: Sequence[Edge]) -> None:
        self.ordered = ordered
        self.by_id = {m.id: m for m in ordered}
        self.outlet_name: dict[str, str] = {}
        self._by_outlet: dict[str, list[str]] = {}  # cited name -> the members by that outlet, earliest first
        self.parents: dict[Node, list[tuple[Node, Edge]]] = {}
        for e in edges:
            if e.kind not in DERIVING or e.article_id not in self.by_id:
                continue
            src: Node = self.outlet_node(e.via, e.article_id) if e.via else ("article", e.article_id)
            if e.target_article is not None:
                if e.target_article not in self.by_id:
                    continue
                dst: Node = ("article", e.target_article)
            elif e.target_outlet:
                dst = self.outlet_node(e.target_outlet, e.article_id)
            else:
                continue
            if dst != src:
                self.parents.setdefault(src, []).append((dst, e))
        self._ups = {n: [dst for dst, _ in reversed(ups)] for n, ups in self.parents.items()}
        self._labels: dict[Node, str] = {}
        self.rank = {("article", m.id): i for i, m in enumerate(ordered)}

    def outlet_node(self, name: str, exclude: str | None = None) -> Node:
        """A cited outlet: the story's own article by that outlet when one is stored (the earliest), else the
        outlet itself."""
        found = self._by_outlet.get(name)
        if found is None:
            found = [m.id for m in self.ordered if m.outlet and names.same_outlet(m.outlet, name)]
            self._by_outlet[name] = found
        for member_id in found:
            if member_id != exclude:
                return ("article", member_id)
        key = names.outlet_key(name)
        self.outlet_name.setdefault(key, name)
        return ("outlet", key)

    def label(self, node: Node) -> str:
        """What a node is called: an article's outlet (else its id), an outlet's name."""
        name = self._labels.get(node)
        if name is None:
            if node[0] == "article":
                name = self.by_id[node[1]].outlet or node[1]
            else:
                name = self.outlet_name.get(node[1], node[1])
            self._labels[node] = name
        return name

    def roots_and_chain(self, start: Node) -> tuple[list[Node], tuple[str, ...]]:
        """The roots ``start`` derives from, and the outlets its content passes through (itself first)."""
        roots: list[Node] = []
        chain: list[str] = []
        stack, seen = [start], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            name = self.label(node)
            if not chain or chain[-1] != name:
                chain.append(name)
            ups = self._ups.get(node)
            if not ups:
                roots.append(node)
            else:  # a parent already visited is skipped when popped: not pushing it gives the same order
                stack.extend([u for u in ups if u not in seen])
        if not roots:  # a citation cycle: the earliest article in it counts as the root
            roots = [min((n for n in seen if n[0] == "article"), key=lambda n: self.rank[n], default=start)]
        return roots, tuple(chain)


def derive(members: Sequence[Member], edges: Sequence[Edge]) -> Derivation:
    """Roles, original, chains and independent sources of a story (members in any order)."""
    ordered = sorted(members, key=_order)
    graph = _Graph(ordered, edges)
    label, roots_and_chain, parents, rank = graph.label, graph.roots_and_chain, graph.parents, graph.rank
    roles: dict[str, str] = {}
    chains: dict[str, tuple[str, ...]] = {}
    root_count: dict[Node, int] = {}
    independent: dict[str, None] = {}
    for m in ordered:
        node: Node = ("article", m.id)
        roots, chain = roots_and_chain(node)
        chains[m.id] = chain
        for r in roots:
            independent.setdefault(label(r), None)
            if r != node:
                root_count[r] = root_count.get(r, 0) + 1
        kinds = {e.kind for _, e in parents.get(node, [])}
        if "near_duplicate" in kinds or "wire" in kinds:
            roles[m.id] = "reprint"
        elif kinds:
            roles[m.id] = "rewrite"
        else:
            roles[m.id] = "independent"
    original: dict[str, str | None] | None = None
    if root_count:
        best = max(root_count, key=lambda r: (root_count[r], -rank.get(r, len(rank))))
        if best[0] == "article":
            roles[best[1]] = "original"
            original = {"article": best[1], "outlet": label(best), "basis": "derived"}
        else:
            original = {"article": None, "outlet": label(best), "basis": "cited"}
    return Derivation(
        roles=roles,
        original=original,
        chains=chains,
        independent_sources=tuple(independent),
        edges=tuple(edges),
    )
