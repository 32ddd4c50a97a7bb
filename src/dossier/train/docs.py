"""Parsed training texts, cached as spaCy DocBins under ``~/.cache/dossier-train`` so that a re-run does not parse
again. The base model's parse is cached under a key of the texts and the model's name; the second NER's entities
(``nlp.second_ner``) are added to it and cached under a key that also covers that NER's weights, so that a new
second NER does not parse again."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..nlp import pipeline, second_ner

CACHE = Path.home() / ".cache" / "dossier-train"
"""Where the parsed splits are kept."""


def _path(name: str, texts: Sequence[str], model: str) -> Path:
    key = hashlib.sha256(("\0".join(texts) + model).encode("utf-8")).hexdigest()[:16]
    return CACHE / f"{name}-{key}.spacy"


def parsed(name: str, texts: Sequence[str]) -> list[Doc]:
    """``texts`` parsed by dossier's pipeline (from the cache when this corpus ``name`` was parsed before)."""
    from spacy.tokens import DocBin

    nlp = pipeline.load()
    second = second_ner.COMPONENT in nlp.pipe_names
    full = _path(name, texts, pipeline.model_key())
    if second and full.exists():
        return list(DocBin().from_disk(full).get_docs(nlp.vocab))
    base = _path(name, texts, pipeline.MODEL)
    if base.exists():
        docs = list(DocBin().from_disk(base).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=[second_ner.COMPONENT] if second else []):
            docs = list(pipeline.parse(nlp, texts))
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(base)
    if not second:
        return docs
    component: Any = nlp.get_pipe(second_ner.COMPONENT)
    docs = list(component.pipe(docs))
    DocBin(store_user_data=False, docs=docs).to_disk(full)
    return docs
