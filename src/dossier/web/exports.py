"""Exports from the UI (JSONL contract, CSV tables, GraphML), streamed with bounded memory.

``dossier.store.export.export`` writes to a text file; here it runs in its own thread with
its own read-only connection, writing into a bounded queue that the response drains.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Iterator

from .stores import StoreFactory

log = logging.getLogger("dossier.web")

CSV_TABLES = ("articles", "entities", "quotes", "sources", "events", "stories")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml; charset=utf-8",
}
_CHUNK = 64 * 1024
_DONE = object()


class _Cancelled(Exception):
    """The client went away: stop exporting."""


class _QueueWriter(io.TextIOBase):
    """A text file whose writes become ~64 KiB chunks on a bounded queue (back-pressure on the exporter)."""

    def __init__(self, q: queue.Queue[object], cancelled: threading.Event) -> None:
        self._q = q
        self._cancelled = cancelled
        self._buf: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if self._cancelled.is_set():
            raise _Cancelled
        self._buf.append(s)
        self._size += len(s)
        if self._size >= _CHUNK:
            self.flush()
        return len(s)

    def flush(self) -> None:
        if self._buf:
            chunk, self._buf, self._size = "".join(self._buf), [], 0
            while not self._cancelled.is_set():
                try:
                    self._q.put(chunk.encode("utf-8"), timeout=0.5)
                    return
                except queue.Full:
                    continue
            raise _Cancelled


def stream_export(open_store: StoreFactory, fmt: str, table: str) -> Iterator[bytes]:
    """The bytes of ``dossier export --format fmt --table table``, produced lazily."""
    from ..store.export import export

    q: queue.Queue[object] = queue.Queue(maxsize=16)
    cancelled = threading.Event()

    def work() -> None:
        out = _QueueWriter(q, cancelled)
        try:
            store = open_store()
            try:
                export(store, fmt, out, table=table)  # type: ignore[arg-type]
                out.flush()
            finally:
                store.close()
        except _Cancelled:
            pass
        except Exception:  # logged here; the client only sees the download end early
            log.exception("export %s/%s failed", fmt, table)
        finally:
            while True:
                try:
                    q.put(_DONE, timeout=0.5)
                    break
                except queue.Full:
                    if cancelled.is_set():
                        break

    thread = threading.Thread(target=work, name=f"export-{fmt}-{table}", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                break
            assert isinstance(item, bytes)
            yield item
    finally:
        cancelled.set()
