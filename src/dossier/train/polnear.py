"""PolNeAR (BRAT standoff) reading shared by the quote trainer and ``benchmarks/polnear.py``.

``<split>/attributions/*.ann`` over ``<split>/text/*.txt``; T lines carry Source/Cue/Content spans, E lines
link them into attributions. Articles annotated by several annotators have one file per annotator
(``<name>_<annotator>.ann``): the alphabetically first is taken.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Span = tuple[int, int]
"""Character offsets [start, end)."""

_WORD = re.compile(r"\w+")


def data_dir() -> Path:
    """``$DOSSIER_SHARED/data/polnear``, else ``../shared/data/polnear`` beside the repository."""
    shared = os.environ.get("DOSSIER_SHARED")
    if shared:
        return Path(shared) / "data" / "polnear"
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "polnear"


@dataclass
class Gold:
    """One gold attribution."""

    content: list[Span]
    source: list[Span]
    cue: list[Span]
    proper: bool = False


def pick_files(split_dir: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) per article; the alphabetically first annotator's file when there are several."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(name, ann)
    return [(split_dir / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def read_ann(path: Path) -> list[Gold]:
    """Attributions of one ``.ann`` file (malformed lines skipped)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, rest = parts[1].partition(" ")
            try:
                frags = [(int(a), int(b)) for a, b in (f.split() for f in rest.split(";"))]
            except ValueError:
                continue
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    out = []
    for r in rels:

        def get(role: str, r: dict[str, str] = r) -> list[Span]:
            key = r.get(role)
            return spans[key][1] if key in spans else []

        if get("Content"):
            out.append(Gold(get("Content"), get("Source"), get("Cue")))
    return out


def words(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the ``\\w+`` tokens inside ``spans``."""
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


def is_real(text: str, content: Span, golds: Sequence[Gold]) -> bool:
    """Whether a predicted content is (mostly) gold content: half its words or more lie in gold Content spans."""
    mine = words(text, [content])
    gold = words(text, (s for g in golds for s in g.content))
    return bool(mine) and len(mine & gold) >= 0.5 * len(mine)


def head_entity(doc: Any, index: Any, start: int, end: int) -> str | None:
    """The entity of a gold Source's syntactic head ("Brent Bozell III, founder of the Media Research Center" ->
    Brent Bozell III), not of whichever mention inside it is longest; ``doc`` is a spaCy Doc, ``index`` a
    ``MentionIndex``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    ent = index.at(root.idx, root.idx + len(root.text))
    return ent.id if ent is not None else None


def matched_gold(text: str, content: Span, golds: Sequence[Gold], with_source: bool = True) -> Gold | None:
    """The gold attribution (``with_source``: one that has a Source) whose content shares most words with
    ``content`` (None: none shares any) — the attribution the benchmark scores a prediction's speaker against."""
    mine = words(text, [content])
    pool = [g for g in golds if g.source or not with_source]
    best = max(pool, key=lambda g: len(mine & words(text, g.content)), default=None)
    return best if best is not None and mine & words(text, best.content) else None


def speaker_right(doc: Any, index: Any, speaker: Any, gold: Gold) -> bool:
    """Whether a predicted speaker (``model.Speaker``) is the gold Source: its mention overlaps the Source, or its
    entity is the entity of the Source's head (the benchmark's measure)."""
    if (
        speaker.start is not None
        and speaker.end is not None
        and any(speaker.start < e and s < speaker.end for s, e in gold.source)
    ):
        return True
    return speaker.entity is not None and any(head_entity(doc, index, s, e) == speaker.entity for s, e in gold.source)
