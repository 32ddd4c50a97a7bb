"""Very long documents, analysed in pieces and merged: memory bounded by the piece, time linear in the length.

An article longer than ``PIECE_CHARS`` (a dump, a transcript, a book) is cut at paragraph or sentence
boundaries into pieces that each go through the ordinary per-article analysis; their records are shifted to
the whole text's offsets and merged into one Article. Entities are merged across pieces by type and name;
what cannot cross a cut (a pronoun resolved to a name in an earlier piece, a quote spanning the cut) is lost,
and the article's warnings say so. Pure: no I/O (``on_piece`` lets a shell draw progress). ``engine.analyze_long``
analyses the pieces one after the other; ``dossier.parallel`` spreads them over its workers and merges them here
in the same order, so both give the same Article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from .model import Article, Document, Entity, Event, Mention, Participant, Quote, Source, Timex

PIECE_CHARS = 100_000
"""Longest text analysed in one go; longer ones are analysed in pieces of at most this many characters."""

Progress = Callable[[int, int], None]
"""``on_piece(done, total)``: called after each piece of a long document is analysed."""


def cut_points(text: str, limit: int) -> list[int]:
    """Start offsets of the pieces of ``text`` (first is 0), cut at the best boundary below ``limit`` each."""
    from .nlp.pipeline import split_text

    starts, at = [], 0
    for piece in split_text(text, limit):
        starts.append(at)
        at += len(piece)
    return starts


def piece_documents(document: Document, limit: int | None = None) -> list[tuple[int, Document]]:
    """``(offset, Document)`` per piece of at most ``limit`` (default ``PIECE_CHARS``) characters; the first piece
    keeps the document's metadata and warnings."""
    starts = cut_points(document.text, limit or PIECE_CHARS)
    ends = [*starts[1:], len(document.text)]
    out = []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        piece = document if i == 0 else replace(document, title=None, authors=(), outlet=None, warnings=())
        out.append((start, replace(piece, text=document.text[start:end])))
    return out


_AT_OFFSET = re.compile(r"\bat offset (\d+)")


def _shifted(warning: str, offset: int) -> str:
    """A piece's warning with the offsets it names ("at offset N") made offsets into the whole text."""
    return _AT_OFFSET.sub(lambda m: f"at offset {int(m.group(1)) + offset}", warning) if offset else warning


def merge(document: Document, parts: Iterable[tuple[int, Article]], whole: Article) -> Article:
    """One Article for ``document`` from the analyses of its pieces (``(offset, Article)``, in order).

    ``whole`` carries what belongs to the whole text (id, source, content hash); everything with an offset
    is shifted by its piece's start, and entity ids are renumbered in order of first mention.
    """
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    quotes: list[Quote] = []
    sources: list[Source] = []
    timexes: list[Timex] = []
    events: list[Event] = []
    body: list[tuple[int, int]] = []
    warnings: list[str] = []
    boilerplate: list[list[Any]] = []
    first: Article | None = None
    count = 0
    for offset, a in parts:
        count += 1
        first = first or a
        ids: dict[str, str] = {}
        for e in a.entities:
            key = (e.type, e.name)
            slot = entities.setdefault(key, {"entity": e, "mentions": [], "aliases": {}, "id": f"E{len(entities) + 1}"})
            slot["mentions"].extend(_mention(m, offset) for m in e.mentions)
            slot["aliases"].update(dict.fromkeys(e.aliases))
            slot["confidence"] = max(slot.get("confidence", 0.0), e.confidence)
            ids[e.id] = slot["id"]
        quotes += [_quote(q, offset, ids) for q in a.quotes]
        sources += [
            replace(s, start=s.start + offset, end=s.end + offset, entity=_remap(s.entity, ids)) for s in a.sources
        ]
        timexes += [replace(t, start=t.start + offset, end=t.end + offset) for t in a.timexes]
        events += [_event(ev, offset, ids) for ev in a.events]
        body += [(s + offset, e + offset) for s, e in a.body]
        warnings += [w for w in (_shifted(w, offset) for w in a.warnings) if w not in warnings]
        boilerplate += [[b[0] + offset, b[1] + offset, *b[2:]] for b in a.meta.get("boilerplate") or ()]
    assert first is not None, "a document has at least one piece"
    merged = [
        Entity(
            id=slot["id"],
            name=slot["entity"].name,
            type=slot["entity"].type,
            aliases=tuple(slot["aliases"]),
            mentions=tuple(sorted(slot["mentions"], key=lambda m: (m.start, m.end))),
            confidence=slot["confidence"],
        )
        for slot in entities.values()
    ]
    warnings.append(
        f"text: {len(document.text):,} characters, analysed in {count} pieces of at most {PIECE_CHARS:,}; entities "
        "are merged across pieces by name, and pronouns and quotes are not followed across a cut"
    )
    meta = dict(first.meta)
    if boilerplate:
        meta["boilerplate"] = boilerplate
    return replace(
        whole,
        title=first.title,
        outlet=first.outlet,
        authors=first.authors,
        language=first.language,
        published=first.published,
        body=_joined(body, document.text),
        entities=tuple(merged),
        quotes=tuple(quotes),
        sources=tuple(sources),
        timexes=tuple(timexes),
        events=tuple(events),
        warnings=tuple(warnings),
        meta=meta,
    )


def _remap(entity: str | None, ids: dict[str, str]) -> str | None:
    return ids.get(entity, entity) if entity is not None else None


def _shift(value: int | None, offset: int) -> int | None:
    return None if value is None else value + offset


def _mention(m: Mention, offset: int) -> Mention:
    return replace(m, start=m.start + offset, end=m.end + offset)


def _quote(q: Quote, offset: int, ids: dict[str, str]) -> Quote:
    speaker = q.speaker
    if speaker is not None:
        speaker = replace(
            speaker,
            entity=_remap(speaker.entity, ids),
            start=_shift(speaker.start, offset),
            end=_shift(speaker.end, offset),
        )
    return replace(
        q,
        start=q.start + offset,
        end=q.end + offset,
        speaker=speaker,
        cue_start=_shift(q.cue_start, offset),
        cue_end=_shift(q.cue_end, offset),
    )


def _event(ev: Event, offset: int, ids: dict[str, str]) -> Event:
    participants = tuple(
        Participant(p.role, p.name, _remap(p.entity, ids), _shift(p.start, offset), _shift(p.end, offset))
        for p in ev.participants
    )
    return replace(
        ev,
        start=ev.start + offset,
        end=ev.end + offset,
        sentence_start=_shift(ev.sentence_start, offset),
        sentence_end=_shift(ev.sentence_end, offset),
        participants=participants,
    )


def _joined(spans: list[tuple[int, int]], text: str) -> tuple[tuple[int, int], ...]:
    """Body spans with those that meet across a cut (nothing but whitespace between) joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or not text[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)
