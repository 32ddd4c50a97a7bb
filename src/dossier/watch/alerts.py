"""Alerts (pure): which new articles match a watched term — an entity name, or ``quote:NAME`` for quotes by
NAME — as the JSON-ready lines ``dossier watch --alert`` prints."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..model import Article

QUOTE_PREFIX = "quote:"


@dataclass(frozen=True, slots=True)
class Term:
    """One ``--alert`` term: ``kind`` entity or quote, and the name to match."""

    raw: str
    kind: Literal["entity", "quote"]
    name: str


def parse_term(raw: str) -> Term:
    """``"quote:Zelensky"`` -> quotes by Zelensky; anything else -> the entity of that name."""
    if raw.lower().startswith(QUOTE_PREFIX):
        return Term(raw, "quote", raw[len(QUOTE_PREFIX) :].strip())
    return Term(raw, "entity", raw.strip())


def fold(name: str) -> tuple[str, ...]:
    """A name's words, case- and accent-folded ("Müller" and "MULLER" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(re.findall(r"\w+", plain))


def name_matches(term: str, name: str) -> bool:
    """Whether ``term`` names ``name``: the same words, or a run of its words ("Zinchenko" names
    "Artem Zinchenko"; "Art" does not)."""
    t, n = fold(term), fold(name)
    if not t or len(t) > len(n):
        return False
    return any(n[i : i + len(t)] == t for i in range(len(n) - len(t) + 1))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (cut at . ! ? or a line break), on one line."""
    left = max((text.rfind(c, 0, start) for c in ".!?\n"), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return " ".join(text[left:right].split())


def matches(article: Article, terms: list[Term]) -> list[dict[str, str | None]]:
    """The alert lines for one new article: one per matching entity, one per matching quote."""
    url = article.source.get("url") if isinstance(article.source, dict) else None
    base = {"article": article.id, "title": article.title, "outlet": article.outlet, "url": url}
    out: list[dict[str, str | None]] = []
    for term in terms:
        if term.kind == "entity":
            for entity in article.entities:
                if any(name_matches(term.name, n) for n in (entity.name, *entity.aliases)):
                    where = entity.mentions[0] if entity.mentions else None
                    text = sentence_at(article.text, where.start, where.end) if where else entity.name
                    out.append({"alert": term.raw, "kind": "entity", **base, "text": text})
                    break  # one line per article and entity term
        else:
            for quote in article.quotes:
                if quote.speaker is not None and name_matches(term.name, quote.speaker.name):
                    out.append({"alert": term.raw, "kind": "quote", **base, "text": quote.text})
    return out
