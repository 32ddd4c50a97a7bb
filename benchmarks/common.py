"""Shared helpers for benchmarks: where the evaluation data is, how results are written."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def data_dir(name: str) -> Path | None:
    """``../shared/data/NAME`` (or under ``$DOSSIER_SHARED``), or None when absent."""
    shared = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared"))
    path = shared / "data" / name
    return path if path.exists() else None


def require_data(name: str) -> Path:
    """The data folder, or exit 0 after printing that the benchmark is skipped."""
    path = data_dir(name)
    if path is None:
        print(f"skipped: ../shared/data/{name} not found (set DOSSIER_SHARED to the shared folder)")
        sys.exit(0)
    return path


def machine() -> str:
    """One line describing the machine the figures were measured on."""
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_results(name: str, figures: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/NAME.json`` with the machine description."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **figures}, indent=2) + "\n", encoding="utf-8")
    return path
