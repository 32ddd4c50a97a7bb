"""Fit the media-source confidences (``dossier/data/models/sources.json``) on PolNeAR ``train``; check on ``dev``.

A source dossier finds ("according to Reuters", "told the Post", "a report by the GAO") is right when its span
overlaps a gold PolNeAR Source span. Its confidence is how often sources of its kind are right on ``train``
(add-one smoothed: (right + 1) / (found + 2)), for the kinds with at least ``MIN_FOUND`` sources there. PolNeAR
has no labels for the other kinds: its texts have no bylines, wire credits or "Source:" lines, and the outlet of
an ``interview`` ("X told Reuters") is the hearer, which PolNeAR does not annotate as a Source (it marks X). Those
keep no confidence (None) rather than an invented one. Dev shows how well the rates carry over.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Document
from ..nlp import graph
from ..nlp.sources import SOURCES_MODEL_PATH
from .polnear import data_dir, pick_files, read_ann
from .quotes import parsed
from .weights import ship

MIN_FOUND = 20
"""A kind gets a fitted confidence when dossier finds at least this many sources of it in PolNeAR train."""

UNLABELLED = frozenset({"interview", "byline", "wire", "source_line"})
"""Kinds PolNeAR's Source spans say nothing about (see the module docstring)."""


def tally(split: str) -> tuple[Counter[str], Counter[str]]:
    """Sources found and sources right, by kind, in a PolNeAR split."""
    files = pick_files(data_dir() / split)
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    docs = parsed(split, texts)
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for (_, ann), text, doc in zip(files, texts, docs, strict=True):
        gold = [s for g in read_ann(ann) for s in g.source]
        values: dict[str, Any] = {"text": text, "doc": doc, "meta": Document(text=text), "published": None}
        graph.run(values, ("sources",))
        for src in values["sources"]:
            found[src.kind] += 1
            right[src.kind] += int(any(s < src.end and src.start < e for s, e in gold))
    return found, right


def main(check: bool = False) -> int:
    """Fit and write (or ``check``) the shipped source confidences; print train and dev rates by kind."""
    root = data_dir()
    if not (root / "train").is_dir() or not (root / "dev").is_dir():
        print(f"sources: skipped, PolNeAR not found at {root}")
        return 0
    found, right = tally("train")
    dev_found, dev_right = tally("dev")
    fitted = [k for k, n in sorted(found.items()) if n >= MIN_FOUND and k not in UNLABELLED]
    kinds = {k: round((right[k] + 1) / (found[k] + 2), 3) for k in fitted}
    print(f"  {'kind':14} {'train':>12} {'confidence':>10} {'dev':>12}")
    for k in sorted(set(found) | set(dev_found)):
        conf = f"{kinds[k]:10.3f}" if k in kinds else f"{'none':>10}"
        print(f"  {k:14} {right[k]:5d}/{found[k]:<6d} {conf} {dev_right[k]:5d}/{dev_found[k]:<6d}")
    obj = {
        "about": "P(right) of a media source by kind: add-one smoothed share of the sources of that kind that "
        "overlap a gold Source in PolNeAR train (dossier.train.sources); kinds not listed have no labelled data",
        "kinds": kinds,
    }
    return ship("sources", SOURCES_MODEL_PATH, obj, check=check)
