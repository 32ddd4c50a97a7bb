"""Opening the SQLite file: WAL for one writer and many readers, and the named-migration runner.

Connections run in autocommit mode (``isolation_level=None``): every transaction is opened
explicitly (``BEGIN IMMEDIATE`` for writes), so a batch and the cross-article update that
follows it commit together or not at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from .corpus_schema import MIGRATIONS as CORPUS_MIGRATIONS
from .schema import MIGRATIONS, Migration

BUSY_TIMEOUT_MS = 30_000
"""How long a connection waits for another writer's lock before failing."""


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open ``path``: read-write (created, WAL, migrated) or read-only (must exist)."""
    if readonly:
        if path != ":memory:" and not Path(path).is_file():
            raise StoreError(f"no store at {path} (run dossier ingest first)")
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store at {path}: {exc}") from exc
    else:
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            with creation_lock(path):
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                _setup(conn, path, readonly=False)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store at {path}: {exc}") from exc
        return conn
    _setup(conn, path, readonly=True)
    return conn


def _setup(conn: sqlite3.Connection, path: str, *, readonly: bool) -> None:
    """Pragmas, then (read-write) WAL and migrations; the connection is closed when this fails."""
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            refuse_foreign(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against a killed process in WAL mode; only power loss can drop the last commit
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, all_migrations())
        elif not has_table(conn, "articles"):
            raise StoreError(f"{path} is not a dossier store (no articles table)")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot open store at {path}: {exc}") from exc
    except StoreError:
        conn.close()
        raise


def refuse_foreign(conn: sqlite3.Connection, path: str) -> None:
    """``StoreError`` for a database that holds tables but is not a dossier store: dossier never adds its tables
    to someone else's data. An empty database (a new file) is made into a store."""
    tables = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    if tables and "_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        raise StoreError(
            f"{path} is not a dossier store (an SQLite database with {len(tables)} other table(s): {shown}); "
            "refusing to add dossier's tables to it — give --db a new file or an existing store"
        )


@contextmanager
def creation_lock(path: str) -> Iterator[None]:
    """Serialise opening (creating, switching to WAL, migrating) a store across processes.

    Two processes creating the same new store at once would otherwise race on the switch to WAL mode, which
    SQLite answers with "database is locked" at once rather than waiting. The lock is ``flock`` on the store's
    directory (no lock file is left behind), held only while the store is opened; where there is no ``flock``
    (Windows) or the directory cannot be opened, the busy timeout alone applies.
    """
    if path == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        fd = os.open(Path(path).resolve().parent, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def all_migrations() -> list[Migration]:
    """The store's migrations followed by the cross-article tables'."""
    return [*MIGRATIONS, *CORPUS_MIGRATIONS]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to this database, in the order they were applied."""
    if not has_table(conn, "_migrations"):
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names.

    Idempotent, and safe against a second process migrating at the same time: the check
    for "already applied" happens inside the write lock.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = set(applied(conn))
    ran: list[str] = []
    for name, sql in migrations:
        if name in done:
            continue
        with transaction(conn):
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                continue
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)", (name, now()))
        ran.append(name)
    return ran


def split_statements(sql: str) -> Iterator[str]:
    """The complete statements of a script (trigger bodies with inner ``;`` stay whole)."""
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                yield buf.strip()
            buf = ""
    if buf.strip(" \n\t;"):
        raise StoreError(f"incomplete SQL statement in migration: {buf.strip()[:80]}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    """The current UTC time, ISO 8601 to the second (the only clock read of the store)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether a table (or view) exists: the reads use it to tell if the cross-article layer is there."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)).fetchone()
    return row is not None
