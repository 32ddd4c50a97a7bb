"""``dossier watch``: follow RSS/Atom feeds and sitemaps as they publish, store each new article, alert on matches.

Pure parts: ``listing`` (feed and sitemap parsing), ``alerts`` (matching), ``schedule`` (retries, back-off,
per-host delay). I/O: ``fetch`` (HTTP), ``state`` (what was seen, in the store) and ``run`` (the loop).
"""

from __future__ import annotations

from .alerts import Term, matches, parse_term
from .fetch import USER_AGENT, Fetcher, FetchError
from .listing import Item, Listing, ListingError, parse_listing
from .run import PassReport, Watcher, item_id, watch

__all__ = [
    "USER_AGENT",
    "FetchError",
    "Fetcher",
    "Item",
    "Listing",
    "ListingError",
    "PassReport",
    "Term",
    "Watcher",
    "item_id",
    "matches",
    "parse_listing",
    "parse_term",
    "watch",
]
