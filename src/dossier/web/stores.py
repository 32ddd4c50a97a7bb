"""How the web app reaches the store: read-only connections, one per worker thread.

The app depends on the ``ReadStore`` protocol only, so tests can hand it an in-memory
stand-in and the app never sees a writable handle on its read paths.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ..errors import DossierError

log = logging.getLogger("dossier.web")
T = TypeVar("T")


class ReadStore(Protocol):
    """The read side of ``dossier.store.Store`` that the web app uses."""

    def stats(self) -> dict[str, int]:
        """Counts of what the store holds."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article in the JSON contract, or None."""
        ...

    def articles(self, *, limit: int = 50, offset: int = 0, since: str | None = None) -> list[dict[str, Any]]:
        """Latest articles first (no text); with ``since``, those stored since then, the last to arrive first."""
        ...

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search hits."""
        ...

    def entities(
        self, query: str | None = None, *, types: tuple[str, ...] = (), limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Global entities by mention count."""
        ...

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        """An entity's dossier, or None."""
        ...

    def stories(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, biggest first."""
        ...

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its provenance, or None."""
        ...

    def timeline(self, entity: str | None = None, *, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
        """Events in date order."""
        ...

    def quotes(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        altered: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quote groups seen in two or more articles."""
        ...

    def quote_group(self, group_id: str) -> dict[str, Any] | None:
        """One quote group, or None."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


StoreFactory = Callable[[], ReadStore]
"""Opens a new read-only store handle (a fresh SQLite connection for the real store)."""


def readonly_factory(db_path: str) -> StoreFactory:
    """A factory opening ``Store(db_path, readonly=True)``; the import is late so tests need no store code."""

    def open_store() -> ReadStore:
        from ..store import Store

        return Store(db_path, readonly=True)

    return open_store


class StorePool:
    """One read-only handle per worker thread, opened on first use and reused.

    SQLite connections belong to the thread that made them; in WAL mode readers see
    the last committed state and never wait for the writer.
    """

    def __init__(self, factory: StoreFactory) -> None:
        self._factory = factory
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[ReadStore] = []

    def run(self, fn: Callable[[ReadStore], T]) -> T:
        """Call ``fn`` with this thread's store; a handle whose database failed is dropped and reopened next time."""
        store: ReadStore | None = getattr(self._local, "store", None)
        if store is None:
            store = self._factory()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        try:
            return fn(store)
        except (sqlite3.Error, DossierError):
            self._local.store = None
            self._discard(store)
            raise

    def once(self, fn: Callable[[ReadStore], T]) -> T:
        """Call ``fn`` with a handle of its own, closed afterwards (for short-lived background threads)."""
        store = self._factory()
        try:
            return fn(store)
        finally:
            store.close()

    def _discard(self, store: ReadStore) -> None:
        with self._lock:
            if store in self._all:
                self._all.remove(store)
        try:
            store.close()
        except Exception:  # closing a broken handle must not hide the first error
            log.debug("closing a dropped store failed", exc_info=True)

    def close(self) -> None:
        """Close every handle (at shutdown; a handle owned by another thread may refuse, which is fine)."""
        with self._lock:
            stores, self._all = self._all, []
        for s in stores:
            try:
                s.close()
            except Exception:
                log.debug("closing a store at shutdown failed", exc_info=True)


class StatsCache:
    """The store's counts, kept for ``ttl`` seconds and then recounted in the background while the old counts
    are still served: the overview and ``/api/stats`` are the most-hit reads, and no request should wait for
    a count of a large store."""

    def __init__(self, ttl: float = 10.0) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._value: dict[str, int] | None = None
        self._at = 0.0
        self._refreshing = False

    def get(self, pool: StorePool) -> dict[str, int]:
        """The counts: counted now the first time, afterwards at most ``ttl`` seconds (plus one recount) old."""
        with self._lock:
            value, stale = self._value, time.monotonic() - self._at > self.ttl
            if value is not None and stale and not self._refreshing:
                self._refreshing = True
                threading.Thread(target=self._refresh, args=(pool,), name="stats-recount", daemon=True).start()
        if value is None:
            return dict(self._count(pool.run))
        return dict(value)

    def _count(self, run: Callable[[Callable[[ReadStore], dict[str, int]]], dict[str, int]]) -> dict[str, int]:
        value = run(lambda s: s.stats())
        with self._lock:
            self._value, self._at = value, time.monotonic()
        return value

    def _refresh(self, pool: StorePool) -> None:
        try:
            self._count(pool.once)
        except Exception:  # the old counts stay; the next request tries again
            log.exception("recounting the store failed")
        finally:
            with self._lock:
                self._refreshing = False


class RecentCache:
    """Recently computed values by key (entity dossiers, their rendered pages), served for ``ttl`` seconds, then
    recomputed in the background while the old value is still served (as ``StatsCache`` does for the counts).

    The most-mentioned entities are the most requested and the dearest to compute (their dossier reads events,
    quotes and mentions of 200 articles), so a repeat request costs a dictionary look-up instead. A value is at
    most ``ttl`` seconds plus one recomputation older than the store. Concurrent first requests for one key
    compute it once (the others wait for it). At most ``size`` keys are kept (the least recently used go).
    """

    def __init__(self, ttl: float = 10.0, size: int = 256) -> None:
        self.ttl, self.size = ttl, size
        self._lock = threading.Lock()
        self._values: dict[Any, tuple[float, Any]] = {}
        self._pending: dict[Any, threading.Event] = {}
        self._refreshing: set[Any] = set()
        self.hits = self.misses = 0

    def get(self, key: Any, compute: Callable[[], T], background: Callable[[], T] | None = None) -> T:
        """The value of ``key``: cached, or ``compute()`` now (once for concurrent callers); a stale one is served
        while ``background`` (default ``compute``, which must then be safe on another thread) recomputes it."""
        while True:
            with self._lock:
                got = self._values.get(key)
                if got is not None:
                    self._values[key] = self._values.pop(key)  # most recently used last
                    self.hits += 1
                    if time.monotonic() - got[0] > self.ttl and key not in self._refreshing:
                        self._refreshing.add(key)
                        threading.Thread(
                            target=self._refresh, args=(key, background or compute), name="cache-refresh", daemon=True
                        ).start()
                    return got[1]  # type: ignore[no-any-return]
                waiting = self._pending.get(key)
                if waiting is None:
                    self._pending[key] = threading.Event()
                    self.misses += 1
                    break
            waiting.wait()  # another request is computing it; then read it (or compute it if that one failed)
        try:
            value = compute()
            self._put(key, value)
            return value
        finally:
            with self._lock:
                self._pending.pop(key).set()

    def _put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._values.pop(key, None)
            self._values[key] = (time.monotonic(), value)
            while len(self._values) > self.size:
                self._values.pop(next(iter(self._values)))

    def _refresh(self, key: Any, compute: Callable[[], Any]) -> None:
        try:
            self._put(key, compute())
        except Exception:  # the old value stays; the next request after the ttl tries again
            log.exception("recomputing a cached value failed")
        finally:
            with self._lock:
                self._refreshing.discard(key)
