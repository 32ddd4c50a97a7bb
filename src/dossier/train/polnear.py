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
