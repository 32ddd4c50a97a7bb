"""The watch loop: poll every feed, fetch each new item's page, read it with the HTML reader, analyse it with
the one engine and store it through ``Store.write``; print alerts for new matches. One failing feed or page
is reported (``on_error``) and retried later; it never stops the others."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import engine
from ..engine import Options
from ..errors import InputError
from ..ingest.html import extract
from ..model import Document
from ..store import Store
from . import state
from .alerts import Term, matches, parse_term
from .fetch import Fetcher, FetchError
from .listing import ListingError, parse_listing
from .schedule import MAX_PAGE_ATTEMPTS, backoff

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
"""Content types read as article pages (an empty type is sniffed by the reader)."""


@dataclass(slots=True)
class PassReport:
    """What one pass did (``watch`` sums its passes)."""

    feeds: int = 0
    not_modified: int = 0
    new_items: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    alerts: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: PassReport) -> None:
        """Add another pass's counts to these."""
        for name in ("feeds", "not_modified", "new_items", "stored", "skipped", "failed", "alerts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def item_id(url: str) -> str:
    """The stored article's id for a watched page: from its URL, so that a restart can tell it is stored
    without fetching it again (and a changed page replaces its old version)."""
    return "w" + engine.content_hash(url)[:15]


class Watcher:
    """Polls ``urls`` into ``store``. ``stop`` ends the work between articles (the one in hand is finished)."""

    def __init__(
        self,
        urls: Sequence[str],
        store: Store,
        fetcher: Fetcher,
        *,
        terms: Sequence[Term] = (),
        options: Options = Options(),
        on_alert: Callable[[dict[str, Any]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        stop: threading.Event | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.urls = list(dict.fromkeys(urls))
        self.store = store
        self.fetcher = fetcher
        self.terms = list(terms)
        self.options = options
        self.on_alert = on_alert
        self.on_error = on_error
        self.stop = stop or threading.Event()
        self.clock = clock

    def _error(self, report: PassReport, message: str) -> None:
        report.errors.append(message)
        if self.on_error is not None:
            self.on_error(message)

    def run_pass(self) -> PassReport:
        """Poll every feed once (sitemap indexes add their sitemaps), then fetch every item that is due."""
        report = PassReport()
        queue = list(self.urls)
        for url in queue:
            if self.stop.is_set():
                return report
            children = self._poll(url, report)
            queue.extend(c for c in children if c not in queue)
        for item in state.due(self.store.conn, self.clock(), MAX_PAGE_ATTEMPTS):
            if self.stop.is_set():
                break
            self._item(item, report)
        return report

    def _poll(self, url: str, report: PassReport) -> tuple[str, ...]:
        conn = self.store.conn
        st = state.feed(conn, url)
        if st.retry_at is not None and st.retry_at > self.clock():
            return ()
        report.feeds += 1
        try:
            fetched = self.fetcher.get(url, etag=st.etag, last_modified=st.last_modified)
            if fetched.status == 304:
                report.not_modified += 1
                state.feed_polled(conn, url, st.etag, st.last_modified)
                return ()
            listing = parse_listing(fetched.content, fetched.url)
        except (FetchError, ListingError) as exc:
            failures = st.failures + 1
            wait = backoff(failures)
            state.feed_failed(conn, url, str(exc), failures, self.clock() + wait)
            self._error(report, f"{url}: {exc}; retrying in {wait:.0f} s")
            return ()
        report.new_items += state.feed_polled(conn, url, fetched.etag, fetched.last_modified, listing.items)
        return listing.children

    def _item(self, item: state.Pending, report: PassReport) -> None:
        conn = self.store.conn
        article_id = item_id(item.url)
        if self.store.known(article_id) is not None:  # stored before a crash could mark it done
            state.item_done(conn, item.url, article_id)
            return
        if not self.fetcher.allowed(item.url):
            report.skipped += 1
            state.item_skipped(conn, item.url, "disallowed by robots.txt")
            self._error(report, f"{item.url}: disallowed by robots.txt; skipped")
            return
        try:
            fetched = self.fetcher.get(item.url)
        except FetchError as exc:
            report.failed += 1
            wait = backoff(item.attempts + 1)
            state.item_failed(conn, item.url, str(exc), self.clock() + wait)
            last = item.attempts + 1 >= MAX_PAGE_ATTEMPTS
            self._error(report, f"{item.url}: {exc}; " + ("giving up" if last else f"retrying in {wait:.0f} s"))
            return
        if fetched.content_type not in HTML_TYPES:
            report.skipped += 1
            reason = f"not an HTML page ({fetched.content_type})"
            state.item_skipped(conn, item.url, reason)
            self._error(report, f"{item.url}: {reason}; skipped")
            return
        try:
            page = extract(item.url, fetched.content, url=fetched.url)
        except InputError as exc:
            report.skipped += 1
            state.item_skipped(conn, item.url, exc.reason)
            self._error(report, str(exc))
            return
        document = Document(
            text=page.text,
            id=article_id,
            title=page.title or item.title,
            url=fetched.url,
            outlet=page.outlet,
            authors=page.authors,
            published=page.published or item.published,
            warnings=page.warnings,
            extracted_from_html=True,
        )
        article = next(engine.analyze_documents([document], self.options))
        written = self.store.write([article])
        state.item_done(conn, item.url, article_id)
        report.stored += 1
        if written.added and self.terms:
            for line in matches(article, self.terms):
                report.alerts += 1
                if self.on_alert is not None:
                    self.on_alert(line)


def watch(
    urls: Sequence[str],
    *,
    db: str,
    every: float = 300.0,
    once: bool = False,
    alerts: Sequence[str] = (),
    options: Options = Options(),
    on_alert: Callable[[dict[str, Any]], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
    stop: threading.Event | None = None,
    delay: float = 1.0,
    timeout: float = 10.0,
    fetcher: Fetcher | None = None,
) -> PassReport:
    """Watch ``urls`` (RSS/Atom feeds, sitemaps) into the store ``db``: one pass with ``once``, else a pass
    every ``every`` seconds until ``stop`` is set (the article in hand is finished first). ``delay`` seconds
    between requests to one host, ``timeout`` per request. Returns the counts summed over the passes."""
    stop = stop or threading.Event()
    own = fetcher is None
    fetcher = fetcher or Fetcher(delay=delay, timeout=timeout, sleep=stop.wait)
    total = PassReport()
    try:
        with Store(db) as store:
            watcher = Watcher(
                urls,
                store,
                fetcher,
                terms=[parse_term(t) for t in alerts],
                options=options,
                on_alert=on_alert,
                on_error=on_error,
                stop=stop,
            )
            while True:
                report = watcher.run_pass()
                total.add(report)
                if on_pass is not None:
                    on_pass(report)
                if once or stop.wait(every):
                    break
    finally:
        if own:
            fetcher.close()
    return total
