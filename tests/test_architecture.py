"""The layout holds: every module is on the architecture page, subpackages keep their privates, no dynamic imports."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dossier"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
SUBPACKAGES = ("nlp.entities", "nlp.quotes", "nlp.timexes", "nlp.events")
"""Folders with a public face: others import only what their ``__init__`` exports."""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["dossier", *parts])


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) for each ``from … import …`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path).rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.append((module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_is_named_on_the_architecture_page(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    if rel.name == "__init__.py":
        assert f"{rel.parent.name}/" in DOC or rel.parent == Path("."), f"docs/architecture.md does not name {rel}"
        return
    # named either by its path ("store/corpus.py") or, inside a folder's entry, by its file name
    named = str(rel) in DOC or re.search(rf"(?<![\w/]){re.escape(rel.name)}", DOC) is not None
    assert named, f"docs/architecture.md does not name {rel}: add it to the picture"


def test_no_module_imports_another_subpackages_private_names_or_submodules() -> None:
    problems = []
    for path in _modules():
        me = _dotted(path)
        for module, names in _imports(path):
            if not module.startswith("dossier"):
                continue
            for sub in SUBPACKAGES:
                full = f"dossier.{sub}"
                inside = me == full or me.startswith(full + ".")
                if inside:
                    continue
                if module.startswith(full + "."):
                    problems.append(f"{me} imports submodule {module} (import from {full})")
                elif module == full:
                    problems += [f"{me} imports private {full}.{n}" for n in names if n.startswith("_")]
            same_package = module.rsplit(".", 1)[0] == me.rsplit(".", 1)[0]
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            if private and not same_package:
                problems.append(f"{me} imports private names {private} from {module}")
    assert problems == []


def test_no_dynamic_imports() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in _modules()
        if re.search(r"\bimport_module\b|__import__\(", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """The import walker reads relative imports the way Python resolves them."""
    fake = PACKAGE / "nlp" / "sources.py"
    found = dict((m, n) for m, n in _imports(fake))
    assert "dossier.nlp.entities" in found and "dossier.model" in found
    inner = PACKAGE / "nlp" / "quotes" / "extract.py"
    assert any(m == "dossier.nlp.quotes.syntax" for m, _ in _imports(inner))
    assert any(m == "dossier.model" for m, _ in _imports(inner))
