"""Crash safety: a writer killed with SIGKILL at any moment leaves a complete store after a re-run.

"Complete" means: every article present once, every article with all its child rows, no
orphan rows, and the FTS index holding exactly one row per article.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.store import Store

TESTS = Path(__file__).resolve().parent

# Writes N hand-built articles in batches of 5 (skipping stored ones, as ingest does), slowly enough to be killed.
# The store with its cross-article update, as ingest writes; the CLI test below covers analysis too.
WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from conftest import _store_article
from dossier.store import Store
n, db = int(sys.argv[1]), sys.argv[2]
with Store(db) as store:
    todo = [i for i in range(n) if store.known(f"art-{{i}}") is None]
    for k in range(0, len(todo), 5):
        store.write([_store_article(i) for i in todo[k:k + 5]])
        time.sleep(0.005)
"""


def _assert_complete(db: str, expected_ids: set[str], per_article: dict[str, int]) -> None:
    with Store(db, readonly=True) as store:
        conn = store.conn
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)), "duplicate articles"
        assert set(ids) == expected_ids
        for table, count in per_article.items():
            bad = conn.execute(
                f"SELECT a.id FROM articles a LEFT JOIN {table} t ON t.article_id = a.id"
                " GROUP BY a.id HAVING count(t.id) != ?",
                (count,),
            ).fetchall()
            assert bad == [], f"articles with missing {table}"
        for table in ("entities", "mentions", "quotes", "sources", "timexes", "events", "event_participants"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, f"orphan rows in {table}"
        assert (
            conn.execute("SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)").fetchone()[0]
            == 0
        )
        for table in ("articles", "entities", "mentions", "quotes", "sources", "timexes", "events"):
            kept = conn.execute("SELECT n FROM row_counts WHERE name = ?", (table,)).fetchone()[0]
            assert kept == conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0], f"row count of {table}"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == len(ids)
    with Store(db) as store:  # the FTS index agrees with its content table
        store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def _wait_for(db: str, at_least: int, proc: subprocess.Popen[bytes], timeout: float) -> int:
    """Poll the store read-only until it holds ``at_least`` articles; return the count seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if Path(db).exists():
            try:
                with Store(db, readonly=True) as store:
                    n = store.stats()["articles"]
                if n >= at_least:
                    return n
            except Exception:
                pass  # the writer may still be creating the schema
        time.sleep(0.02)
    return -1


@pytest.mark.parametrize("kill_after", [0, 50])
def test_killed_writer_then_rerun_leaves_a_complete_store(tmp_path: Path, kill_after: int) -> None:
    db, n = str(tmp_path / "d.db"), 150  # near-identical articles: one story of reprints, the corpus layer's worst case
    script = WRITER.format(tests=str(TESTS))
    proc = subprocess.Popen([sys.executable, "-c", script, str(n), db])
    try:
        seen = _wait_for(db, kill_after, proc, timeout=60)
        assert proc.poll() is None, "the writer finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert seen < n
    subprocess.run([sys.executable, "-c", script, str(n), db], check=True, timeout=120)
    per_article = {"entities": 2, "mentions": 2, "quotes": 1, "sources": 1, "timexes": 1, "events": 1}
    _assert_complete(db, {f"art-{i}" for i in range(n)}, per_article)


@pytest.mark.slow
def test_killed_cli_ingest_then_rerun_is_complete(tmp_path: Path) -> None:
    n = 120
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": f"c{i}", "text": f"Officials in Kyiv said on Monday that talks on item {i} failed."})
            + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "d.db")
    cmd = [sys.executable, "-m", "dossier.cli", "ingest", str(corpus), "--db", db, "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        seen = _wait_for(db, 1, proc, timeout=300)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert 0 < seen < n, "the ingest should be killed mid-way"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = re.search(r"ingested (\d+) new, 0 updated, (\d+) unchanged; 0 failed", rerun.stderr)
    assert summary is not None, rerun.stderr
    assert int(summary[1]) + int(summary[2]) == n and int(summary[2]) >= seen
    _assert_complete(db, {f"c{i}" for i in range(n)}, {})
