"""Parsed training texts, cached as spaCy DocBins under ``~/.cache/dossier-train`` so that a re-run does not parse
again (the key covers the texts and the spaCy model's name)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from ..nlp import pipeline

CACHE = Path.home() / ".cache" / "dossier-train"
"""Where the parsed splits are kept."""


def parsed(name: str, texts: Sequence[str]) -> list[Doc]:
    """``texts`` parsed by dossier's pipeline (from the cache when this corpus ``name`` was parsed before)."""
    from spacy.tokens import DocBin

    nlp = pipeline.load()
    key = hashlib.sha256(("\0".join(texts) + pipeline.MODEL).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(pipeline.parse(nlp, texts))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs
