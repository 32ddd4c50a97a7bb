"""``dossier demo``: ingest the bundled example corpus and print a short report.

The corpus is the seed article and NewsWCL50 (10 stories × 5 outlets) in the repository's
``examples/`` folder. Re-running is fast: ingest skips what is already stored.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .engine import Options
from .errors import InputError

if TYPE_CHECKING:
    from .store import Store

CORPUS = ("seed-article.txt", "newswcl50.jsonl")
"""The files of ``examples/`` the demo ingests."""

PEOPLE = ("PERSON",)
ORGANIZATIONS = ("ORG",)


def examples_dir() -> Path | None:
    """The repository's ``examples/`` folder ($DOSSIER_EXAMPLES, beside ``src/``, or under the cwd)."""
    candidates = [Path(__file__).resolve().parents[2] / "examples", Path.cwd() / "examples"]
    if os.environ.get("DOSSIER_EXAMPLES"):
        candidates.insert(0, Path(os.environ["DOSSIER_EXAMPLES"]))
    for folder in candidates:
        if all((folder / name).is_file() for name in CORPUS):
            return folder
    return None


def run_demo(db: str, workers: int = 1, *, out: TextIO | None = None) -> int:
    """Ingest the example corpus into ``db`` and print the report to ``out``; return the exit code."""
    from .api import ingest
    from .store import Store

    out = out or sys.stdout
    folder = examples_dir()
    if folder is None:
        print(
            f"dossier: the example corpus ({', '.join(CORPUS)}) was not found in an examples/ folder;"
            " run the demo from a clone of the dossier repository or set $DOSSIER_EXAMPLES",
            file=sys.stderr,
        )
        return 1
    errors: list[InputError] = []
    report = ingest(
        [str(folder / name) for name in CORPUS],
        db=db,
        options=Options(),
        workers=workers,
        progress=True,
        on_error=errors.append,
    )
    for e in errors:
        print(f"dossier: {e}", file=sys.stderr)
    with Store(db, readonly=True) as store:
        stats = store.stats()
        people = top_entities(store, PEOPLE)
        orgs = top_entities(store, ORGANIZATIONS)
    write_report(db, report.added, report.updated, report.skipped, stats, people, orgs, out)
    return 1 if report.failed else 0


def top_entities(store: Store, types: tuple[str, ...], limit: int = 8) -> list[dict[str, Any]]:
    """Most-mentioned entities of ``types``: the global ones, else (an old read-only store) per-article names."""
    return store.entities(types=types, limit=limit) or store.local_entities(types=types, limit=limit)


def write_report(
    db: str,
    added: int,
    updated: int,
    skipped: int,
    stats: dict[str, int],
    people: list[dict[str, Any]],
    orgs: list[dict[str, Any]],
    out: TextIO,
) -> None:
    """The demo's report: what was ingested, what the store holds, who is mentioned most, how to browse."""
    print(f"\ndossier demo: {added} new, {updated} updated, {skipped} already stored -> {db}\n", file=out)
    for key in ("articles", "entities", "quotes", "sources", "stories", "events"):
        print(f"  {key:<10} {stats.get(key, 0):>6}", file=out)
    for title, rows in (("Most-mentioned people", people), ("Most-mentioned organizations", orgs)):
        print(f"\n{title}:", file=out)
        for r in rows:
            print(
                f"  {r.get('name', '?'):<32.32} {_num(r, 'mentions'):>4} mentions in {_num(r, 'articles')} articles",
                file=out,
            )
        if not rows:
            print("  (none)", file=out)
    flag = "" if db == "dossier.db" else f" --db {db}"
    cmd = _command()
    print("\nBrowse it:", file=out)
    print(f"  {cmd} stories{flag}            stories across outlets, with their original", file=out)
    print(f"  {cmd} entity Zinchenko{flag}   one entity's dossier: timeline, quotes, sources", file=out)
    print(f'  {cmd} search "prisoner exchange"{flag}', file=out)
    print(f"  {cmd} serve{flag}              then open http://127.0.0.1:8000", file=out)


def _command() -> str:
    """How to call ``dossier`` from here: plain when it is on PATH, else the virtualenv's script (after make demo)."""
    if shutil.which("dossier"):
        return "dossier"
    script = Path(sys.executable).parent / "dossier"
    try:
        return os.path.relpath(script) if script.exists() else "dossier"
    except ValueError:  # another drive (Windows)
        return str(script)


def _num(row: dict[str, Any], key: str) -> int:
    value = row.get(key)
    if isinstance(value, list):  # some readers return the list of articles rather than a count
        return len(value)
    return int(value or 0)
