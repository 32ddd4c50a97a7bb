"""What a feed or sitemap lists (pure): RSS/Atom entries, sitemap ``<url>`` entries (``news:`` included) and
the child sitemaps of a sitemap index, each as an ``Item`` with an absolute URL. No network here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type hints

from ..ingest.records import normalize_date
from ..ingest.streams import one_line

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class ListingError(ValueError):
    """The bytes are neither an RSS/Atom feed nor a sitemap (the message says why, on one line)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One article a feed or sitemap points to."""

    url: str
    title: str | None = None
    published: str | None = None
    """YYYY-MM-DD from the entry (``pubDate``, ``updated``, ``news:publication_date``, ``lastmod``)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A parsed feed or sitemap: its items (in document order, URLs unique) and, for a sitemap index, the
    sitemaps it names (polled like feeds)."""

    kind: Literal["feed", "sitemap", "sitemapindex"]
    items: tuple[Item, ...] = ()
    children: tuple[str, ...] = ()
    title: str | None = None


def parse_listing(data: bytes, base_url: str) -> Listing:
    """Parse a feed or sitemap fetched from ``base_url`` (relative links resolve against it)."""
    if not data.strip():
        raise ListingError("empty response")
    root = _xml_root(data)
    if root is not None:
        local = lxml.etree.QName(root).localname
        if local == "urlset":
            return Listing("sitemap", _unique(_sitemap_items(root, base_url)))
        if local == "sitemapindex":
            locs = [_absolute(base_url, loc) for loc in _texts(root, "sitemap", "loc")]
            return Listing("sitemapindex", children=tuple(dict.fromkeys(u for u in locs if u)))
    parsed: Any = feedparser.parse(data)  # bytes, never a string: feedparser would fetch a string that looks like a URL
    title = _clean(parsed.get("feed", {}).get("title"))
    items = []
    for entry in parsed.get("entries") or []:
        url = _absolute(base_url, entry.get("link") or _guid_link(entry))
        if url:
            items.append(Item(url=url, title=_clean(entry.get("title")), published=_entry_date(entry)))
    if not items and (parsed.get("bozo") or root is None or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        raise ListingError(f"not an RSS/Atom feed or sitemap ({one_line(why)})" if why else "not a feed or sitemap")
    return Listing("feed", _unique(items), title=title)


def _xml_root(data: bytes) -> Any:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        return lxml.etree.fromstring(data.strip(), parser)
    except lxml.etree.XMLSyntaxError:
        return None


def _texts(el: Any, child: str, leaf: str) -> list[str]:
    out = []
    for c in el:
        if isinstance(c.tag, str) and lxml.etree.QName(c).localname == child:
            for leaf_el in c:
                if isinstance(leaf_el.tag, str) and lxml.etree.QName(leaf_el).localname == leaf and leaf_el.text:
                    out.append(leaf_el.text.strip())
    return out


def _sitemap_items(root: Any, base_url: str) -> list[Item]:
    items = []
    for url_el in root:
        if not isinstance(url_el.tag, str) or lxml.etree.QName(url_el).localname != "url":
            continue
        loc = url_el.findtext(f"{{{SITEMAP_NS}}}loc") or url_el.findtext("loc")
        absolute = _absolute(base_url, loc)
        if not absolute:
            continue
        title = url_el.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}title")
        date = url_el.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}publication_date") or url_el.findtext(
            f"{{{SITEMAP_NS}}}lastmod"
        )
        items.append(Item(url=absolute, title=_clean(title), published=normalize_date(date) if date else None))
    return items


def _absolute(base_url: str, link: object) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    url, _ = urldefrag(urljoin(base_url, link.strip()))
    return url if urlsplit(url).scheme in ("http", "https") else None


def _guid_link(entry: Any) -> str | None:
    guid = entry.get("id")
    return guid if isinstance(guid, str) and guid.startswith(("http://", "https://")) else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _unique(items: list[Item]) -> tuple[Item, ...]:
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.url, item)
    return tuple(seen.values())
