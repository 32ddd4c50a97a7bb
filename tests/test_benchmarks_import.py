"""Every benchmark module imports: a module moved by a refactor must not leave a benchmark pointing at its old
name (the benchmarks run only where ../shared is present, so nothing else would notice)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import benchmarks

MODULES = sorted(m.name for m in pkgutil.iter_modules([str(Path(benchmarks.__file__).parent)]))


def test_there_are_benchmarks() -> None:
    assert "lineage" in MODULES and "run_all" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")
