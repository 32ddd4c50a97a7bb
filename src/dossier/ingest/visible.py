"""The visible text of an HTML page or fragment, one paragraph per block element (no extraction, no metadata)."""

from __future__ import annotations

import re

import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type hints
import lxml.html  # type: ignore[import-untyped]

_BLOCK = frozenset(
    {
        *("p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote", "pre"),
        *("ul", "ol", "dl", "dt", "dd", "li", "table", "tr", "figure", "figcaption", "form", "address", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\n\s*\n\s*")


def html_to_text(html: bytes | str | lxml.html.HtmlElement) -> str:
    """All visible text of an HTML page or fragment (or of a parsed element), one paragraph per block element."""
    if isinstance(html, (bytes, str)):
        try:
            root = lxml.html.fromstring(html) if not isinstance(html, str) else lxml.html.fromstring(html or " ")
        except (lxml.etree.ParserError, ValueError):
            return ""
    else:
        root = html
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n\n")
        elif tag == "br":
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()
