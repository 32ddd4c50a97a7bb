"""Quote lineage: which quotes are the same statement, who had it first, and what each copy changed.

Pure functions over ``QuoteRef`` records (no SQL; ``dossier.store.lineage`` stores and reads them). Two quotes are the
same statement when their words line up (``difflib`` over normalised words, numbers normalised by
``figures.tokenize``): verbatim, a sub-span (trimmed), or words replaced, inserted or dropped (altered); or,
for an indirect rendering of a direct quote by the same speaker, when their content words are largely the same
(paraphrase). ``relation`` says how an appearance relates to the first one, with a word-level diff; ``first_of``
picks the first appearance: the article an appearance says it took the quote from (an outlet it cites), else the
earliest published, then the first ingested.

A copy is ``misattributed`` only when both speakers are resolved people and they are different people: a
speaker resolved to the same entity under another name, or a pronoun nobody resolved, is never an accusation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from . import names
from .figures import Token, is_stop, tokenize

RELATIONS = ("first", "verbatim", "trimmed", "altered", "misattributed", "paraphrase")
"""How an appearance relates to the group's first appearance."""

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "lineage.json"
"""The fitted thresholds (``python -m benchmarks.lineage --fit``; see that file's ``fit`` entry for how)."""


def _fitted(name: str) -> float:
    return float(json.loads(MODEL_FILE.read_text(encoding="utf-8"))["thresholds"][name])


MIN_TOKENS = 4
"""Words a quote needs to be matched on its wording alone (a shorter one must be verbatim, same speaker)."""
MIN_COVER = _fitted("MIN_COVER")
"""Share of the shorter quote's words that must line up with the other's for an altered copy (fitted)."""
MIN_BLOCK = int(_fitted("MIN_BLOCK"))
"""Longest run of words in common an altered copy needs (fitted)."""
MISATTRIBUTED_COVER = _fitted("MISATTRIBUTED_COVER")
"""Word share from which two quotes by different people are one statement given to someone else (fitted)."""
MISATTRIBUTED_TOKENS = 6
"""Words a quote needs before giving it to another person can be called a misattribution."""
MISATTRIBUTED_CONFIDENCE = 0.8
"""Extractor confidence both quotes need before their speakers are compared (below it, a speaker taken from
context or carried over from the previous quote may be the extractor's mistake, not the outlet's)."""
PARAPHRASE_SHARE = _fitted("PARAPHRASE_SHARE")
"""Share of the shorter quote's content words an indirect rendering must share with a direct quote (fitted)."""
PARAPHRASE_WORDS = 4
"""Content words an indirect rendering must share with the direct quote."""
NEAR = 250
"""Characters around a quote in which a named person makes a misattribution uncertain (``QuoteRef.named_near``)."""

NUM_PERM, BANDS, ROWS = 32, 16, 2
"""MinHash over content-word pairs: 16 bands of 2 rows (pairs with Jaccard 0.3 meet with probability 0.78)."""
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(18)
_A = _rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64)
_DIRECT = frozenset({"direct", "mixed"})


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """One appearance of a quote: its text, kind, speaker (resolved global entity) and article."""

    key: str
    """The appearance's id (the store's quote row id)."""
    text: str
    kind: str
    article: str
    speaker_name: str | None = None
    speaker_entity: str | None = None
    """The global entity the speaker resolved to, or None."""
    speaker_type: str | None = None
    outlet: str | None = None
    published: str | None = None
    seq: int = 0
    position: int = 0
    cites: tuple[str, ...] = ()
    """Outlets the article says it took its content from (interview, report, source line ...)."""
    confidence: float = 1.0
    """The quote extractor's confidence in the quote and its speaker."""
    named_near: tuple[tuple[str, int], ...] = ()
    """(global entity, characters from the quote) of the people named within ``NEAR`` characters of the quote in
    its article (filled where relations are decided): when a copy names the first appearance's speaker nearer the
    quote than its own speaker, which name goes with the words is the extractor's reading, not the outlet's claim."""


@dataclass(frozen=True, slots=True)
class Change:
    """One word-level edit from the first appearance to a copy; ``number`` as "4,000 → 40,000" when a figure
    changed."""

    op: str
    """``replace`` | ``insert`` | ``delete``."""
    before: str
    after: str
    number: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The JSON form: ``{"op", "from", "to"}`` (and ``"number"`` when a figure changed)."""
        d = {"op": self.op, "from": self.before, "to": self.after}
        if self.number:
            d["number"] = self.number
        return d


@dataclass(frozen=True, slots=True)
class Match:
    """Two quotes found to be one statement, and how strongly."""

    score: float
    by: str
    """``words`` (their wording lines up) | ``content`` (an indirect rendering sharing the content words)."""


# ---------------------------------------------------------------- words
@lru_cache(maxsize=32768)
def _words(text: str) -> tuple[Token, ...]:
    """A quote's tokens, memoized: a stored quote is compared with every new quote that meets it in a block."""
    return tokenize(text)


@lru_cache(maxsize=32768)
def _normset(text: str) -> frozenset[str]:
    return frozenset(t.norm for t in _words(text))


@lru_cache(maxsize=32768)
def _contentset(text: str) -> frozenset[str]:
    return frozenset(n for n in _normset(text) if not is_stop(n))


def _stem(norm: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            return norm[: -len(suffix)]
    return norm


def content_words(text: str) -> frozenset[str]:
    """The quote's content words (no stop words, crude stems): what an indirect rendering keeps."""
    return frozenset(_stem(t.norm) for t in _words(text) if not is_stop(t.norm) and len(t.norm) > 1)


def shingles(text: str) -> set[bytes]:
    """Pairs of consecutive content words (single words for a one-word quote), for MinHash."""
    ws = [t.norm for t in _words(text) if not is_stop(t.norm)]
    if len(ws) < 2:
        return {w.encode() for w in ws}
    return {f"{a} {b}".encode() for a, b in pairwise(ws)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a quote's content-word pairs (``NUM_PERM`` values; all max when empty)."""
    sh = shingles(text)
    if not sh:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    hs = np.array([int.from_bytes(hashlib.blake2b(s, digest_size=4).digest(), "big") for s in sh], dtype=np.uint64)
    values = (np.outer(_A, hs) + _B[:, None]) % np.uint64(_PRIME)  # a, b < 2**31, h < 2**32: no overflow
    return np.asarray(values.min(axis=1), dtype=np.uint64)


def buckets(text: str) -> list[tuple[int, int]]:
    """LSH ``(band, bucket)`` keys of a quote: quotes sharing one are candidates to be the same statement."""
    sig = signature(text)
    if bool(np.all(sig == np.iinfo(np.uint64).max)):
        return []
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return out


# ---------------------------------------------------------------- speakers
def _named_nearer(q: QuoteRef, other: str | None) -> bool:
    """Whether ``other`` (a global entity) is named nearer ``q`` in its article than ``q``'s own speaker."""
    near = dict(q.named_near)
    return other is not None and other in near and near[other] < near.get(q.speaker_entity or "", NEAR + 1)


def same_speaker(a: QuoteRef, b: QuoteRef) -> bool | None:
    """True: one person (same entity, or compatible names); False: two different resolved people, both quotes
    extracted with confidence; None: unknown (a speaker missing, unresolved, not a person, or not sure)."""
    if a.speaker_entity is not None and a.speaker_entity == b.speaker_entity:
        return True
    na, nb = a.speaker_name or "", b.speaker_name or ""
    if na and nb and names.is_name(na) and names.is_name(nb):
        fa, fb = names.normalize(na, "PERSON"), names.normalize(nb, "PERSON")
        if fa == fb or names.same_person_name(na, nb):
            return True
        sa, sb = names.surname(na) or fa, names.surname(nb) or fb
        if sa == sb or fa.endswith(" " + fb) or fb.endswith(" " + fa):
            return True  # "Zinchenko" ~ "Artem Zinchenko"
    if _named_nearer(b, a.speaker_entity) or _named_nearer(a, b.speaker_entity):
        return None  # the other speaker is named nearer the quote ("X tweeted: ... Netanyahu said. ... '…'")
    if (
        min(a.confidence, b.confidence) >= MISATTRIBUTED_CONFIDENCE
        and a.speaker_entity is not None
        and b.speaker_entity is not None
        and a.speaker_type in names.PERSON_TYPES
        and b.speaker_type in names.PERSON_TYPES
        and names.is_name(na)
        and names.is_name(nb)
    ):
        return False
    return None


# ---------------------------------------------------------------- matching
def _norms(tokens: Sequence[Token]) -> list[str]:
    return [t.norm for t in tokens]


def _matcher(a: Sequence[Token], b: Sequence[Token]) -> SequenceMatcher[str]:
    return SequenceMatcher(None, _norms(a), _norms(b), autojunk=False)


def match(a: QuoteRef, b: QuoteRef) -> Match | None:
    """Whether ``a`` and ``b`` are the same statement (by wording, or as an indirect rendering by the same
    speaker), with a score in [0, 1]; None when they are not (or when it cannot be told safely)."""
    na, nb = _normset(a.text), _normset(b.text)
    common = len(na & nb)
    if not common or common < min(MIN_COVER * min(len(na), len(nb)), PARAPHRASE_WORDS):
        return None  # too few words in common for any kind of match (a cheap test before the alignment)
    ca, cb = _contentset(a.text), _contentset(b.text)
    if len(ca & cb) < min(2, len(ca), len(cb)):
        return None
    # the words that line up must include most of the content words, not only "of the" around them
    content_cover = len(ca & cb) / min(len(ca), len(cb)) if ca and cb else 1.0
    ta, tb = _words(a.text), _words(b.text)
    speaker = same_speaker(a, b)
    short = min(len(ta), len(tb))
    sm = _matcher(ta, tb)
    blocks = sm.get_matching_blocks()
    matched = sum(bl.size for bl in blocks)
    longest = max(bl.size for bl in blocks)
    cover = matched / short
    if short < MIN_TOKENS:
        ok = _norms(ta) == _norms(tb) and speaker is True
        return Match(1.0, "words") if ok else None
    if speaker is False:
        # the same words given to someone else; an indirect rendering under another name may be that person
        # reporting the claim, so only quotes in marks on both sides count
        same_kind = a.kind in _DIRECT and b.kind in _DIRECT
        strong = (
            same_kind
            and min(cover, content_cover) >= MISATTRIBUTED_COVER
            and short >= MISATTRIBUTED_TOKENS
            and longest >= MIN_BLOCK
        )
        return Match(cover, "words") if strong else None
    if cover >= MIN_COVER and longest >= MIN_BLOCK and content_cover >= MIN_COVER:
        return Match(cover, "words")
    if speaker is True and (a.kind in _DIRECT) != (b.kind in _DIRECT):
        ca, cb = content_words(a.text), content_words(b.text)
        shared = len(ca & cb)
        if ca and cb and shared >= PARAPHRASE_WORDS and shared / min(len(ca), len(cb)) >= PARAPHRASE_SHARE:
            return Match(0.9 * shared / min(len(ca), len(cb)), "content")
    return None


def _surface(text: str, tokens: Sequence[Token], i: int, j: int) -> str:
    return text[tokens[i].start : tokens[j - 1].end] if j > i else ""


def changes(first: QuoteRef, copy: QuoteRef) -> list[Change]:
    """The word-level edits that turn the first appearance's words into the copy's (case and punctuation
    ignored, numbers compared by value); a replaced number is called out."""
    ta, tb = _words(first.text), _words(copy.text)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in _matcher(ta, tb).get_opcodes():
        if op == "equal":
            continue
        before, after = _surface(first.text, ta, i1, i2), _surface(copy.text, tb, j1, j2)
        number = None
        na = [t for t in ta[i1:i2] if t.value is not None]
        nb = [t for t in tb[j1:j2] if t.value is not None]
        if op == "replace" and na and nb and [t.norm for t in na] != [t.norm for t in nb]:
            number = (
                " ".join(first.text[t.start : t.end] for t in na)
                + " → "
                + " ".join(copy.text[t.start : t.end] for t in nb)
            )
        out.append(Change(op, before, after, number))
    return out


def _contained(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    return any(list(long[i : i + n]) == list(short) for i in range(len(long) - n + 1))


def relation(first: QuoteRef, copy: QuoteRef) -> tuple[str, list[Change]]:
    """How ``copy`` relates to the group's ``first`` appearance, and its word-level changes."""
    if copy.key == first.key:
        return "first", []
    edits = changes(first, copy)
    if same_speaker(first, copy) is False:
        return "misattributed", edits
    if (first.kind in _DIRECT) != (copy.kind in _DIRECT):
        return "paraphrase", edits
    if not edits:
        return "verbatim", []
    na, nb = _norms(_words(first.text)), _norms(_words(copy.text))
    shorter, longer = (nb, na) if len(nb) <= len(na) else (na, nb)
    if _contained(shorter, longer):
        return "trimmed", []
    return "altered", edits


# ---------------------------------------------------------------- the first appearance
def _order(q: QuoteRef) -> tuple[bool, str, int, int]:
    return (q.published is None, q.published or "", q.seq, q.position)


def first_of(members: Sequence[QuoteRef]) -> QuoteRef:
    """The group's first appearance: the earliest (publication date, then ingest order), unless it says where it
    got the quote and that outlet's appearance is in the group; followed as a chain (Nation View cites Il Tempo,
    which cites Yahoo News: Yahoo News)."""
    ordered = sorted(members, key=_order)
    by_outlet: dict[str, QuoteRef] = {}
    for q in ordered:
        if q.outlet:
            by_outlet.setdefault(names.outlet_key(q.outlet), q)
    node = ordered[0]
    seen = {names.outlet_key(node.outlet)} if node.outlet else set()
    while True:
        nxt = None
        for cited in node.cites:
            key = names.outlet_key(cited)
            if key in by_outlet and key not in seen:
                nxt = by_outlet[key]
                seen.add(key)
                break
        if nxt is None:
            return node
        node = nxt


@dataclass(frozen=True, slots=True)
class Appearance:
    """How one appearance relates to its group: ``relation`` and ``changes`` against ``basis`` (the first
    appearance's key, or, for an appearance whose words do not match the first's — another piece of a longer
    statement the first only quotes part of — the key of the appearance it does match)."""

    relation: str
    changes: tuple[Change, ...]
    basis: str


def lineage(members: Sequence[QuoteRef]) -> tuple[QuoteRef, dict[str, Appearance]]:
    """A group's first appearance and, per appearance key, how it relates to it."""
    first = first_of(members)
    out: dict[str, Appearance] = {}
    for q in members:
        basis = first
        if q.key != first.key and match(first, q) is None:
            scored = [(m.score, o) for o in members if o.key != q.key and (m := match(o, q)) is not None]
            if scored:
                basis = max(scored, key=lambda so: so[0])[1]
        rel, ch = relation(basis, q)
        out[q.key] = Appearance(rel, tuple(ch), basis.key)
    return first, out
