"""Writing shipped weights: one JSON file per model, or (``--check``) comparing a refit with the shipped file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_or_check(path: Path, weights: dict[str, Any], *, check: bool) -> bool:
    """Write ``weights`` to ``path`` as sorted, indented JSON; with ``check``, write nothing and say whether the
    shipped file is byte for byte the same (so that ``make train-check`` shows a refit reproduces it)."""
    text = json.dumps(weights, indent=1, sort_keys=True) + "\n"
    if check:
        return path.is_file() and path.read_text(encoding="utf-8") == text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def finish(name: str, path: Path, weights: dict[str, Any], *, check: bool) -> int:
    """Write (or ``check``) the weights of trainer ``name`` and say so; the exit status (1: ``check`` differs)."""
    same = write_or_check(path, weights, check=check)
    if check:
        print(f"{name}: {'identical to' if same else 'DIFFERS from'} {path.name}")
        return 0 if same else 1
    print(f"{name}: wrote {path}")
    return 0
