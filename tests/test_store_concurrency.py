"""Two writer processes and eight readers over real loopback HTTP on one store, then an integrity check and the
counts of a serial run. Bounded: a few dozen small hand-built articles, so it takes tens of seconds, not minutes."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from dossier.store import Store
from dossier.web.app import create_app

pytestmark = pytest.mark.slow  # runs a real server and real writer processes

SRC = str(Path(__file__).resolve().parents[1] / "src")
TESTS = str(Path(__file__).resolve().parent)
PER_WRITER, BATCH = 24, 4

WRITER = """
import sys
sys.path[:0] = [{src!r}, {tests!r}]
from conftest import _store_article
from dossier.store import Store
first, count, batch = (int(a) for a in sys.argv[2:5])
articles = [_store_article(n) for n in range(first, first + count)]
with Store(sys.argv[1]) as store:
    for i in range(0, count, batch):
        store.write(articles[i : i + batch])
"""
READS = ["/api/stats", "/api/articles?limit=5", "/api/search?q=Kyiv", "/api/entities?q=Zinchenko", "/api/timeline",
         "/api/stories", "/articles", "/api/articles/art-1"]  # fmt: skip
ORDER_FREE = ("articles", "mentions", "quotes", "sources", "timexes", "events")
"""Counts that cannot depend on the order articles arrive in (stories and merged entities are incremental)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_writers_and_eight_readers_leave_the_store_as_a_serial_run(tmp_path: Path) -> None:
    from conftest import _store_article

    db = str(tmp_path / "shared.db")
    Store(db).close()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started

    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(src=SRC, tests=TESTS), encoding="utf-8")
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), db, str(first), str(PER_WRITER), str(BATCH)], stderr=subprocess.PIPE
        )
        for first in (1, 1 + PER_WRITER)
    ]
    statuses: list[int] = []
    failures: list[str] = []
    done = threading.Event()

    def reader(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            i = k
            while not done.is_set():
                path = READS[i % len(READS)]
                r = client.get(path)
                statuses.append(r.status_code)
                if r.status_code != 200 and not (path.endswith("art-1") and r.status_code == 404):
                    failures.append(f"{path}: {r.status_code} {r.text[:200]}")
                i += 1

    readers = [threading.Thread(target=reader, args=(k,)) for k in range(8)]
    for t in readers:
        t.start()
    try:
        errors = [w.communicate(timeout=300)[1].decode() for w in writers]
    finally:
        done.set()
        for t in readers:
            t.join(timeout=60)
        server.should_exit = True
        serving.join(timeout=30)
    assert [w.returncode for w in writers] == [0, 0], errors
    assert failures == [] and len(statuses) > 8

    serial = str(tmp_path / "serial.db")
    with Store(serial) as store:
        articles = [_store_article(n) for n in range(1, 1 + 2 * PER_WRITER)]
        for i in range(0, len(articles), BATCH):
            store.write(articles[i : i + BATCH])
        expected = store.stats()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        got = store.stats()
        assert {k: got[k] for k in ORDER_FREE} == {k: expected[k] for k in ORDER_FREE}
        assert got["articles"] == 2 * PER_WRITER
        # the search index kept up with both writers (FTS5 raises "database disk image is malformed" if not)
        store.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert len(store.search("Kyiv", limit=100)) == 2 * PER_WRITER
