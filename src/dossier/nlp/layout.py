"""Layout: which parts of the text are the article body, and which are bylines, datelines, bios.

First version: the body is the whole text minus leading/trailing whitespace.
"""

from __future__ import annotations

from ..model import Layout


def analyze_layout(
    text: str,
    *,
    title: str | None = None,
    authors: tuple[str, ...] = (),
    outlet: str | None = None,
) -> Layout:
    """Split ``text`` into body spans and the rest; find bylines, outlet, dateline."""
    stripped = text.strip()
    if not stripped:
        return Layout(body=(), title=title, authors=authors, outlet=outlet)
    start = text.index(stripped[0])
    return Layout(body=((start, start + len(stripped)),), title=title, authors=authors, outlet=outlet)
