"""Article text as HTML with its analysis marked up, built from character offsets.

Pure functions: every slice of the (hostile) article text is escaped; markup comes only
from here. Overlapping spans (a mention inside a quote, a source that is also an entity)
nest properly: a span that crosses another is closed and reopened around it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

_SAFE_CLASS = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: ``tag`` with ``attrs`` around ``text[start:end]``."""

    start: int
    end: int
    kind: str
    """Ordering key for spans with equal extent: lower nests outside."""
    attrs: tuple[tuple[str, str], ...]
    anchor: str | None = None
    """An ``id`` given to the first piece only (ids must be unique when a span is split)."""

    def open_tag(self, first: bool) -> Markup:
        """The opening ``<span ...>``, attribute values escaped."""
        attrs = list(self.attrs)
        if first and self.anchor:
            attrs.append(("id", self.anchor))
        parts = Markup("").join(Markup(' {}="{}"').format(Markup(k), v) for k, v in attrs)
        return Markup("<span{}>").format(parts)


_ORDER = {"aside": 0, "quote": 1, "source": 2, "event": 3, "timex": 4, "entity": 5, "speaker": 6, "cue": 7}


def css_class(value: str) -> str:
    """A class-name-safe form of an arbitrary label (entity type from the store)."""
    return _SAFE_CLASS.sub("_", value)[:40] or "X"


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _span(
    d: Any,
    kind: str,
    attrs: Sequence[tuple[str, str]],
    anchor: str | None = None,
    *,
    keys: tuple[str, str] = ("start", "end"),
) -> Mark | None:
    if not isinstance(d, Mapping):
        return None
    start, end = _int(d.get(keys[0])), _int(d.get(keys[1]))
    if start is None or end is None or end <= start:
        return None
    return Mark(start, end, kind, tuple(attrs), anchor)


def _records(value: Any) -> list[Mapping[str, Any]]:
    """The dict items of a list field (a malformed field or item is skipped, not fatal)."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, (list, tuple)) else []


def marks(article: Mapping[str, Any]) -> list[Mark]:
    """Every span to highlight in an article (the contract dict), malformed ones skipped."""
    out: list[Mark | None] = []
    text_len = len(article.get("text") or "")
    raw_body = article.get("body")
    body = [b for b in raw_body if isinstance(b, (list, tuple)) and len(b) == 2] if isinstance(raw_body, list) else []
    # text outside the body (bylines, bios, source lines) is shown dimmed, not hidden
    pos = 0
    for a, b in sorted((x, y) for x, y in body if isinstance(x, int) and isinstance(y, int)):
        if a > pos:
            out.append(Mark(pos, a, "aside", (("class", "aside"), ("title", "outside the article body"))))
        pos = max(pos, b)
    if body and pos < text_len:
        out.append(Mark(pos, text_len, "aside", (("class", "aside"), ("title", "outside the article body"))))
    for i, e in enumerate(_records(article.get("entities"))):
        label = f"{e.get('type', '?')}: {e.get('name', '')}"
        cls = f"ent ent-{css_class(str(e.get('type', 'X')))}"
        for m in _records(e.get("mentions")):
            out.append(_span(m, "entity", (("class", cls), ("title", label), ("data-ent", str(i)))))
    for i, q in enumerate(_records(article.get("quotes"))):
        raw = q.get("speaker")
        sp: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        speaker = str(sp.get("name") or "unattributed")
        category = str(q.get("category") or "speech")
        title = (
            f"{speaker}"
            + (f" ({q['cue']})" if q.get("cue") else "")
            + ("" if category == "speech" else f" [{category}]")
        )
        attrs = (("class", f"quote quote-{css_class(str(q.get('kind', 'direct')))}"), ("title", title))
        out.append(_span(q, "quote", (*attrs, ("data-speaker", speaker)), f"q-{i}"))
        out.append(_span(sp, "speaker", (("class", "speaker"), ("title", f"speaker of quote {i + 1}"))))
        out.append(_span(q, "cue", (("class", "cue"),), keys=("cue_start", "cue_end")))
    for i, s in enumerate(_records(article.get("sources"))):
        title = f"source: {s.get('name', '')} ({s.get('kind', '')})"
        out.append(_span(s, "source", (("class", "src"), ("title", title)), f"s-{i}"))
    for i, t in enumerate(_records(article.get("timexes"))):
        title = f"{t.get('type', '')} {t.get('value', '')}"
        out.append(_span(t, "timex", (("class", "timex"), ("title", title)), f"t-{i}"))
    for i, ev in enumerate(_records(article.get("events"))):
        title = f"event: {ev.get('type', '')}" + (f" ({ev['cameo']})" if ev.get("cameo") else "")
        out.append(_span(ev, "event", (("class", "trigger"), ("title", title)), f"ev-{i}"))
    return [m for m in out if m is not None]


def highlight(text: str, spans: Sequence[Mark]) -> Markup:
    """``text`` as escaped HTML with ``spans`` wrapped in properly nested ``<span>`` elements."""
    n = len(text)
    spans = [Mark(max(0, s.start), min(n, s.end), s.kind, s.attrs, s.anchor) for s in spans]
    spans = [s for s in spans if s.start < s.end]
    key = {id(s): (s.start, -s.end, _ORDER.get(s.kind, 9)) for s in spans}
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    by_start = sorted(spans, key=lambda s: key[id(s)])
    out: list[str] = []
    stack: list[Mark] = []
    active: list[Mark] = []
    opened: set[int] = set()
    nxt = 0
    for a, b in itertools.pairwise(bounds):
        # a sweep: spans enter at their start and leave at their end
        active = [s for s in active if s.end > a]
        while nxt < len(by_start) and by_start[nxt].start <= a:
            active.append(by_start[nxt])
            nxt += 1
        wanted_ids = {id(s) for s in active}
        # close down to the lowest open span that no longer covers this piece
        keep = 0
        while keep < len(stack) and id(stack[keep]) in wanted_ids:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append("</span>")
        on_stack = {id(s) for s in stack}
        for s in sorted((s for s in active if id(s) not in on_stack), key=lambda s: key[id(s)]):
            out.append(s.open_tag(id(s) not in opened))
            opened.add(id(s))
            stack.append(s)
        out.append(escape(text[a:b]))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def article_html(article: Mapping[str, Any]) -> Markup:
    """The article's text with entities, quotes, sources, timexes and event triggers highlighted."""
    return highlight(str(article.get("text") or ""), marks(article))


_SNIPPET_MARK = re.compile(r"\[([^\[\]<>]{1,120})\]")


def snippet_html(snippet: Any) -> Markup:
    """A search snippet (plain text, matches in ``[...]``) escaped, with the matches in ``<mark>``."""
    escaped = str(escape(str(snippet or "")))
    return Markup(_SNIPPET_MARK.sub(r"<mark>\1</mark>", escaped))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")


def headline(text: Any, most: int = 100) -> str:
    """A stand-in title for an untitled article: its first sentence, cut at a word near ``most`` characters."""
    first = _SENTENCE_END.split(str(text or "").strip(), maxsplit=1)[0].strip()
    if len(first) <= most:
        return first
    return first[:most].rsplit(" ", 1)[0] + "…"
