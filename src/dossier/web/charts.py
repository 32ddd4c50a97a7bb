"""Geometry for the inline SVG charts: an entity's timeline, its co-occurrence graph, a story's outlets.

Pure functions from store dicts to frozen layouts; the templates draw them (Jinja escapes every label).
No JavaScript library, nothing fetched: the picture is computed here, on the server.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: Any) -> date | None:
    """The calendar date a TIMEX3 value or ISO timestamp starts on (``2016`` -> 2016-01-01), else None."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Tick:
    """An axis label at ``x``."""

    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Dot:
    """A point on a chart with its label and link."""

    x: float
    y: float
    r: float
    label: str
    title: str
    href: str
    css: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """An edge between two points."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything a template needs to draw one SVG."""

    width: int
    height: int
    ticks: tuple[Tick, ...] = ()
    dots: tuple[Dot, ...] = ()
    lines: tuple[Line, ...] = ()
    lanes: tuple[Tick, ...] = ()
    """Horizontal lanes (y, label) for swimlane charts."""


def _scale(d: date, lo: date, hi: date, x0: float, x1: float) -> float:
    span = (hi - lo).days
    return (x0 + x1) / 2 if span <= 0 else x0 + (d - lo).days / span * (x1 - x0)


def _ticks(lo: date, hi: date, x0: float, x1: float) -> tuple[Tick, ...]:
    years, days = hi.year - lo.year, (hi - lo).days
    if years >= 2:
        step = max(1, math.ceil(years / 8))
        points = [date(y, 1, 1) for y in range(lo.year, hi.year + 1, step)]
        fmt = "%Y"
    elif days > 62:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month
        step = max(1, math.ceil(months / 8))
        points = []
        for k in range(0, months + 1, step):
            y, m = divmod(lo.month - 1 + k, 12)
            points.append(date(lo.year + y, m + 1, 1))
        fmt = "%b %Y"
    else:
        step = max(1, math.ceil(days / 8))
        points = [date.fromordinal(lo.toordinal() + k) for k in range(0, days + 1, step)]
        fmt = "%d %b %Y"
    return tuple(Tick(_scale(p, lo, hi, x0, x1), p.strftime(fmt)) for p in points if lo <= p <= hi or p == points[0])


def timeline_chart(events: Sequence[Mapping[str, Any]], *, width: int = 900) -> Chart | None:
    """Dated events on a horizontal time axis; events on the same spot stack upwards. None if none are dated."""
    dated = [(parse_date(e.get("date")), i, e) for i, e in enumerate(events)]
    points = [(d, i, e) for d, i, e in dated if d is not None]
    if not points:
        return None
    lo, hi = min(p[0] for p in points), max(p[0] for p in points)
    x0, x1 = 40.0, width - 40.0
    stacks: dict[int, int] = {}
    placed = []
    for d, i, e in sorted(points, key=lambda p: (p[0], p[1])):
        x = _scale(d, lo, hi, x0, x1)
        level = min(stacks.get(round(x / 12), 0), 8)
        stacks[round(x / 12)] = level + 1
        placed.append((x, level, i, e))
    base = 34.0 + 13 * max(level for _, level, _, _ in placed)  # the axis sits just below the highest stack
    dots = []
    for x, level, i, e in placed:
        label = str(e.get("type") or e.get("trigger") or "event")
        title = f"{e.get('date', '')} · {label}: {e.get('sentence') or e.get('evidence') or ''}"[:300]
        dots.append(Dot(x, base - 14 - level * 13, 5.0, label, title, f"#ev-{i}", css=_css(label)))
    return Chart(width, int(base + 30), _ticks(lo, hi, x0, x1), tuple(dots), lanes=(Tick(base, "axis"),))


def _css(label: str) -> str:
    return "kind-" + re.sub(r"[^a-z0-9]", "", label.lower())[:20]


def graph_chart(center: str, neighbours: Sequence[Mapping[str, Any]], *, size: int = 420, most: int = 12) -> Chart:
    """The entity in the middle, co-occurring entities around it; edge width and node size by shared articles."""
    items = [n for n in neighbours if isinstance(n, Mapping)][:most]
    weights = [_weight(n) for n in items]
    top = max(weights, default=1) or 1
    width = size + 220  # room for labels left and right of the circle
    cx, cy = width / 2, size / 2
    radius = size / 2 - 40
    dots = [Dot(cx, cy, 14.0, center, center, "", css="center")]
    lines = []
    for k, (n, w) in enumerate(zip(items, weights, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * k / max(1, len(items))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        name = str(n.get("name") or n.get("id") or "?")
        href = f"/entities/{n['id']}" if n.get("id") else ""
        lines.append(Line(cx, cy, x, y, 1 + 5 * w / top, f"{name}: {w} shared"))
        dots.append(
            Dot(
                x,
                y,
                5 + 7 * w / top,
                name,
                f"{name} ({n.get('type', '')}) · {w} shared",
                href,
                css="left" if x < cx - 1 else "right",
            )
        )
    return Chart(int(width), size, dots=tuple(dots), lines=tuple(lines))


def _weight(n: Mapping[str, Any]) -> int:
    for key in ("count", "articles", "weight", "shared"):
        v = n.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(v)
        if isinstance(v, list):
            return len(v)
    return 1


def edge_ends(edge: Mapping[str, Any]) -> tuple[str, str] | None:
    """(earlier, later) article ids of a provenance edge, whatever the store names its keys."""
    if edge.get("from_article") is not None and edge.get("to_article") is not None:
        return str(edge["to_article"]), str(edge["from_article"])  # the later article points at its source
    for a, b in (("from", "to"), ("source", "target"), ("parent", "child"), ("original", "rewrite")):
        if edge.get(a) is not None and edge.get(b) is not None:
            return str(edge[a]), str(edge[b])
    return None


def original_id(story: Mapping[str, Any]) -> str:
    """The id of a story's original article, whether the store gives an id or ``{article, outlet, basis}``."""
    o = story.get("original")
    if isinstance(o, Mapping):
        o = o.get("article") or o.get("id")
    return str(o or story.get("original_article") or "")


def count(value: Any) -> int | None:
    """How many: a list's length, a number as is, else None (stores give either for counts)."""
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return None


def story_chart(story: Mapping[str, Any], *, width: int = 900) -> Chart | None:
    """Swimlanes: one lane per outlet, articles placed by publication time, provenance edges as lines."""
    arts = [a for a in story.get("articles") or () if isinstance(a, Mapping)]
    dated = [(parse_date(a.get("published")), a) for a in arts]
    if not arts or all(d is None for d, _ in dated):
        return None
    outlets = sorted({str(a.get("outlet") or "unknown outlet") for a in arts})
    lane_y = {o: 30.0 + 28 * k for k, o in enumerate(outlets)}
    days = [d for d, _ in dated if d is not None]
    lo, hi = min(days), max(days)
    x0, x1 = 200.0, width - 30.0
    original = original_id(story)
    pos: dict[str, tuple[float, float]] = {}
    dots = []
    for d, a in dated:
        outlet = str(a.get("outlet") or "unknown outlet")
        x = _scale(d, lo, hi, x0, x1) if d else x0 - 20
        y = lane_y[outlet]
        aid = str(a.get("id", ""))
        pos[aid] = (x, y)
        is_original = aid == original
        title = f"{a.get('published') or 'undated'} · {outlet} · {a.get('title') or aid}"
        dots.append(
            Dot(x, y, 7.0 if is_original else 5.0, "", title, f"/articles/{aid}", "original" if is_original else "")
        )
    lines = []
    for e in story.get("provenance") or story.get("edges") or ():
        ends = edge_ends(e) if isinstance(e, Mapping) else None
        if ends and ends[0] in pos and ends[1] in pos:
            (ax, ay), (bx, by) = pos[ends[0]], pos[ends[1]]
            lines.append(Line(ax, ay, bx, by, 1.5, str(e.get("kind") or e.get("type") or "")))
    height = int(30 + 28 * len(outlets) + 20)
    lanes = tuple(Tick(y, o) for o, y in lane_y.items())
    return Chart(width, height, _ticks(lo, hi, x0, x1), tuple(dots), tuple(lines), lanes)
