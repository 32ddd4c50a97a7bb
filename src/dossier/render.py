"""Plain-text rendering of cross-article results for the CLI (``--format text``).

Each function takes the JSON-ready dicts the store returns and writes lines a person
reads in a terminal: what, when, who, and the evidence (sentence, article) behind it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

WIDTH = 100
"""Column at which evidence sentences wrap."""


def _short(text: str | None, width: int = WIDTH) -> str:
    one = " ".join((text or "").split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _article(a: dict[str, Any] | None) -> str:
    if not a:
        return ""
    parts = [a.get("published") or "undated", a.get("outlet") or "unknown outlet", a.get("id") or ""]
    return " · ".join(p for p in parts if p)


def render_stories(stories: Sequence[dict[str, Any]], out: TextIO) -> None:
    """Stories: title, dates, outlets, original, independent sources, then one line per article."""
    if not stories:
        out.write("no stories (ingest articles first)\n")
        return
    for s in stories:
        out.write(f"story {s['id']}: {_short(s.get('title'), WIDTH - 10)}\n")
        first = s.get("first_published") or "undated"
        out.write(f"  {s.get('article_count', len(s.get('articles', [])))} articles, first published {first}\n")
        out.write(f"  outlets: {', '.join(s.get('outlets') or []) or '-'}\n")
        original = s.get("original")
        if original:
            where = f"article {original['article']}" if original.get("article") else "not stored"
            out.write(f"  original: {original.get('outlet')} ({where})\n")
        indep = s.get("independent_sources") or []
        out.write(f"  independent sources ({len(indep)}): {', '.join(indep) or '-'}\n")
        if "discrepancies" in s:
            render_discrepancies(s["discrepancies"], out)
        for a in s.get("articles", []):
            chain = a.get("chain") or []
            via = f"  [{' -> '.join(chain)}]" if len(chain) > 1 else ""
            out.write(f"    - {a.get('role', ''):<11} {_article(a)}{via}\n")
        out.write("\n")


def render_discrepancies(items: Sequence[dict[str, Any]], out: TextIO) -> None:
    """A story's figures in conflict: what, each value with the articles giving it (the first value first)."""
    if not items:
        out.write("  figures in conflict: none\n")
        return
    out.write(f"  figures in conflict ({len(items)}):\n")
    for d in items:
        out.write(f"    - {d['kind']} {d['what']}:\n")
        for v in d["values"]:
            arts = ", ".join(f"{a.get('outlet') or a['id']} {a.get('published') or ''}".strip() for a in v["articles"])
            out.write(f"        {_short(v.get('text'), 40)!r} ({v['value']}): {arts}\n")


def render_quotes(groups: Sequence[dict[str, Any]], out: TextIO) -> None:
    """Quote groups: the statement, its first appearance, then each copy with its relation and changes."""
    if not groups:
        out.write("no quote groups (no quote appears in two articles)\n")
        return
    for g in groups:
        who = (g.get("speaker") or {}).get("name") or "unknown speaker"
        out.write(f"quote {g['id']}: {who}: \u201c{_short(g.get('text'), WIDTH - 20)}\u201d\n")
        first = g.get("first") or {}
        out.write(f"  first: {first.get('outlet') or first.get('article')} {first.get('published') or 'undated'}\n")
        for a in g.get("appearances", []):
            if a.get("relation") == "first":
                continue
            by = (a.get("speaker") or {}).get("name") or "?"
            against = f" [against {a['relative_to']}]" if a.get("relative_to") else ""
            out.write(f"    - {a.get('relation', ''):<13} {a.get('outlet') or a.get('article')} ({by}){against}\n")
            for c in a.get("changes") or []:
                note = f"  [{c['number']}]" if c.get("number") else ""
                out.write(f"        {c['op']}: {c.get('from', '')!r} -> {c.get('to', '')!r}{note}\n")
        out.write("\n")


def render_entity(dossier: dict[str, Any], out: TextIO) -> None:
    """An entity's dossier: names, why merged, timeline, quotes, sources, co-occurring entities."""
    out.write(f"{dossier['name']} ({dossier['type']}), id {dossier['id']}\n")
    out.write(f"  in {dossier.get('article_count', 0)} articles, {dossier.get('mention_count', 0)} mentions\n")
    aliases = [a for a in dossier.get("aliases", []) if a != dossier["name"]]
    if aliases:
        out.write(f"  also: {'; '.join(aliases)}\n")
    merged = [m for m in dossier.get("merged_because", []) if m.get("rule") not in ("new", "same_name")]
    if merged:
        out.write("\nwhy these names are one entity:\n")
        for m in merged:
            out.write(f"  - {m['name']}: {m['rule']} — {m['why']} (x{m.get('count', 1)})\n")
    events = dossier.get("timeline") or []
    if events:
        out.write("\ntimeline:\n")
        render_timeline(events, out, indent="  ")
    for key, label in (("quotes_by", "said"), ("quotes_about", "quotes about it")):
        quotes = dossier.get(key) or []
        if quotes:
            out.write(f"\n{label}:\n")
            for q in quotes:
                text = _short(q["text"], WIDTH - 6)
                # only verbatim quotes get quotation marks: a paraphrase is the reporter's words
                shown = f"“{text}”" if q.get("kind") in (None, "direct") else f"{text}  [{q['kind']}]"
                out.write(f"  {shown}\n")
                who = f"{q['speaker']}, " if key == "quotes_about" and q.get("speaker") else ""
                out.write(f"      — {who}{_article(q.get('article'))}\n")
    sources = dossier.get("sources") or []
    if sources:
        out.write("\nsources cited in its articles:\n")
        for s in sources:
            out.write(f"  - {s['name']} ({', '.join(s['kinds'])}) in {s['articles']} article(s)\n")
    outlets = dossier.get("outlets") or []
    if outlets:
        listed = ", ".join(f"{o['name']} ({o['articles']})" for o in outlets)
        out.write(f"\noutlets: {listed}\n")
    co = dossier.get("co_occurring") or []
    if co:
        listed = ", ".join(f"{c['name']} ({c['articles']})" for c in co)
        out.write(f"\nappears with: {listed}\n")
    arts = dossier.get("articles") or []
    if arts:
        out.write("\narticles:\n")
        for a in arts:
            out.write(f"  - {_article(a)}  {_short(a.get('title'), 60)}\n")


def render_timeline(events: Sequence[dict[str, Any]], out: TextIO, *, indent: str = "") -> None:
    """Events in date order: date, type, who, then the evidence sentence and its article."""
    if not events:
        out.write(f"{indent}no events\n")
        return
    for ev in events:
        date = readable_date(ev.get("date"))
        published = (ev.get("date_anchor") or ev.get("date_basis")) == "published"
        basis = " (publication date)" if published else ""
        mood = ev.get("modality") or "asserted"
        basis += "" if mood == "asserted" else f" [{mood}]"
        who = ", ".join(f"{p['role']}: {p['name']}" for p in ev.get("participants") or [])
        out.write(f"{indent}{date}{basis}  {ev['type']} ({ev.get('trigger', '')})" + (f"  {who}" if who else "") + "\n")
        sentence = textwrap.fill(
            " ".join((ev.get("sentence") or "").split()),
            width=WIDTH,
            initial_indent=indent + "    “",
            subsequent_indent=indent + "     ",
        )
        out.write(f"{sentence}”\n")
        out.write(f"{indent}    — {_article(ev.get('article'))}\n")
        if ev.get("outlet_count"):
            n = int(ev["outlet_count"])
            first = ev.get("first_report") or {}
            by = first.get("outlet") or first.get("id") or "?"
            when = f" ({readable_date(first.get('published'))})" if first.get("published") else ""
            out.write(f"{indent}    reported by {n} outlet{'s' if n != 1 else ''}, first by {by}{when}\n")
        for conflict in ev.get("conflicts") or ():
            out.write(f"{indent}    ! {conflict}\n")
        more = ev.get("evidence") or []
        if more:
            where = list(dict.fromkeys(_article(e.get("article")) for e in more))
            listed = ", ".join(where[:5]) + ("…" if len(where) > 5 else "")
            out.write(f"{indent}    also stated in {len(more)} more sentence(s): {listed}\n")


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=indent, subsequent_indent=indent + " ")


def render_article(a: dict[str, Any], out: TextIO) -> None:
    """One analysed article as an analyst reads it: who, who said what, on whose report, when, what happened,
    and what could not be done. Every item keeps its character offsets in ``[start-end]``."""
    byline = f" · by {', '.join(a['authors'])}" if a.get("authors") else ""
    out.write(
        f"article {a['id']} · {a.get('outlet') or 'unknown outlet'}{byline} · {a.get('published') or 'undated'}\n"
    )
    if a.get("title"):
        out.write(f"  {_short(a['title'])}\n")
    ents = sorted(a.get("entities") or [], key=lambda e: -len(e.get("mentions") or []))
    out.write(f"\nentities ({len(ents)}):\n")
    for e in ents:
        others = [x for x in e.get("aliases") or [] if x != e["name"]]
        also = f" — also: {'; '.join(others)}" if others else ""
        out.write(_wrap(f"{e['name']} ({e['type']}) ×{len(e.get('mentions') or [])}{also}", "  ") + "\n")
    quotes = a.get("quotes") or []
    speech = [q for q in quotes if (q.get("category") or "speech") == "speech"]
    others = [q for q in quotes if (q.get("category") or "speech") != "speech"]
    out.write(f"\nquotes ({len(speech)}):\n")
    for q in speech:
        out.write(_wrap(_quote_line(q), "  ") + "\n")
    if others:
        out.write(f"\nother attributions: beliefs, knowledge, findings, plans, documents ({len(others)}):\n")
        for q in others:
            out.write(_wrap(f"[{q['category']}] {_quote_line(q)}", "  ") + "\n")
    sources = a.get("sources") or []
    if sources:
        out.write(f"\nsources ({len(sources)}):\n")
        for s in sources:
            written = f" (written “{s['text']}”)" if s.get("text") and s["text"] != s["name"] else ""
            out.write(f"  {s['name']} — {s['kind'].replace('_', ' ')}{written} [{s['start']}-{s['end']}]\n")
    timexes = a.get("timexes") or []
    if timexes:
        out.write(f"\ntime expressions ({len(timexes)}):\n")
        for t in timexes:
            anchor = {"publication": ", from the publication date", "narrative": ", from the story's own time"}.get(
                t.get("anchor") or "", ""
            )
            out.write(f"  “{t['text']}” → {t['value']} ({t['type']}{anchor}) [{t['start']}-{t['end']}]\n")
    events = a.get("events") or []
    if events:
        out.write(f"\nevents ({len(events)}):\n")
        for ev in events:
            when = ev.get("date") or {}
            date = readable_date(when.get("value"))
            date += f" [{when['anchor']}]" if when.get("anchor") and when["anchor"] != "clause" else ""
            mood = "" if (ev.get("modality") or "asserted") == "asserted" else f" [{ev['modality']}]"
            who = ", ".join(f"{p['role']}: {p['name']}" for p in ev.get("participants") or [])
            out.write(_wrap(f"{date}  {ev['type']} ({ev.get('trigger', '')}){mood}  {who}", "  ") + "\n")
            out.write(_wrap(f"“{ev.get('sentence', '')}”", "      ") + "\n")
    warnings = a.get("warnings") or []
    out.write(f"\nwhat could not be done ({len(warnings)}):\n")
    for w in warnings:
        out.write(_wrap(f"- {w}", "  ") + "\n")
    if not warnings:
        out.write("  nothing\n")


_REFS = {"PRESENT_REF": "now (date unknown)", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}


def readable_date(value: str | None) -> str:
    """A TIMEX3 value as a reader would say it where it is no date ("PRESENT_REF" -> "now (date unknown)")."""
    if not value:
        return "undated"
    return _REFS.get(value, value)


def _quote_line(q: Mapping[str, Any]) -> str:
    """ "Speaker cue: “text”  [kind, start-end]" for one quote of the contract."""
    who = (q.get("speaker") or {}).get("name") or "(speaker not named)"
    cue = f" {str(q['cue']).rstrip(':')}" if q.get("cue") else ""  # "said:" is printed "said:", not "said::"
    text = f"“{q['text']}”" if q.get("kind") == "direct" else q["text"]
    return f"{who}{cue}: {text}  [{q.get('kind')}, {q['start']}-{q['end']}]"
