"""The command line: a thin shell over ``dossier.api`` — parse arguments, call, render.

Every command has help text and a README entry (tests/test_docs.py holds both).
Errors are one line on stderr naming the input; the exit code is non-zero when
any input failed, and the good inputs around a bad one are still processed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import __version__
from .errors import DossierError, InputError

DEFAULT_DB = "dossier.db"


def _default_db() -> str:
    return os.environ.get("DOSSIER_DB", DEFAULT_DB)


def _err(message: str) -> None:
    print(f"dossier: {message}", file=sys.stderr)


def _dump(obj: Any, out: TextIO, *, indent: int | None = 2) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=indent))
    out.write("\n")


# ---------------------------------------------------------------- analyze
def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse inputs without a store and print the JSON contract."""
    from .api import analyze_paths
    from .engine import Options

    options = Options(published=args.published)
    failed = 0
    collected: list[dict[str, Any]] = []
    for item in analyze_paths(args.paths, options):
        if isinstance(item, InputError):
            failed += 1
            _err(str(item))
            continue
        if args.format == "jsonl":
            _dump(item.to_dict(), sys.stdout, indent=None)
            sys.stdout.flush()
        elif args.format == "text":
            from .render import render_article

            render_article(item.to_dict(), sys.stdout)
            sys.stdout.write("\n")
        else:
            collected.append(item.to_dict())
    if args.format == "json" and collected:
        _dump(collected[0] if len(collected) == 1 else collected, sys.stdout)
    return 1 if failed else 0


# ---------------------------------------------------------------- store commands
def cmd_ingest(args: argparse.Namespace) -> int:
    """Analyse inputs and store them (idempotent, resumable)."""
    from .api import ingest
    from .engine import Options

    report = ingest(
        args.paths,
        db=args.db,
        options=Options(published=args.published),
        workers=args.workers,
        progress=not args.quiet,
        on_error=lambda e: _err(str(e)),
    )
    print(
        f"ingested {report.added} new, {report.updated} updated, {report.skipped} unchanged; {report.failed} failed",
        file=sys.stderr,
    )
    return 1 if report.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts of what the store holds."""
    from .store import Store

    with Store(args.db, readonly=True) as store:
        stats = store.stats()
    if args.format == "json":
        _dump(stats, sys.stdout)
    else:
        for key, value in stats.items():
            print(f"{key:>12}  {value}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Full-text search over stored articles."""
    from .store import Store

    with Store(args.db, readonly=True) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.format == "json":
        _dump(hits, sys.stdout)
    else:
        for h in hits:
            print(f"{h['id']}  {h.get('published') or '':10}  {h.get('outlet') or '':20.20}  {h.get('title') or ''}")
            if h.get("snippet"):
                print(f"    {h['snippet']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write stored analyses out in the contract (JSONL), as CSV tables, or as GraphML."""
    from .store import Store
    from .store.export import export

    with Store(args.db, readonly=True) as store:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                export(store, args.format, out, table=args.table)
        else:
            export(store, args.format, sys.stdout, table=args.table)
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    """List stories: coverage of one event across outlets, with provenance."""
    from .render import render_stories
    from .store import Store

    limit = None if args.all or args.limit <= 0 else args.limit
    with Store(args.db, readonly=True) as store:
        stories = store.stories(limit=limit)
        total = store.stats()["stories"] if limit is not None and len(stories) >= limit else len(stories)
    if len(stories) < total:
        print(f"showing {len(stories)} of {total} stories; --all for all", file=sys.stderr)
    if args.format == "json":
        _dump(stories, sys.stdout)
    else:
        render_stories(stories, sys.stdout)
    return 0


def cmd_entity(args: argparse.Namespace) -> int:
    """Print an entity's dossier: aliases, articles, timeline, quotes, sources, co-occurring entities."""
    from .render import render_entity
    from .store import Store

    with Store(args.db, readonly=True) as store:
        dossier = store.entity(args.name)
    if dossier is None:
        _err(f"no entity matches '{args.name}' in {args.db}")
        return 1
    if args.format == "json":
        _dump(dossier, sys.stdout)
    else:
        render_entity(dossier, sys.stdout)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """Print events in date order with their evidence sentence and article."""
    from .render import render_timeline
    from .store import Store

    with Store(args.db, readonly=True) as store:
        events = store.timeline(args.entity, limit=args.limit)
    if args.format == "json":
        _dump(events, sys.stdout)
    else:
        render_timeline(events, sys.stdout)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web UI and JSON API over a store."""
    from .web.app import serve

    serve(args.db, host=args.host, port=args.port, token=args.token or os.environ.get("DOSSIER_TOKEN"))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse a corpus to Parquet, locally or on Apache Spark."""
    from .spark.job import run_batch

    report = run_batch(args.inputs, args.out, engine=args.engine, master=args.master, workers=args.workers)
    print(f"wrote {report.articles} articles to {args.out}; {report.failed} inputs failed", file=sys.stderr)
    if args.near_duplicates:
        from pathlib import Path

        from .spark import dedup
        from .spark.job import read_articles

        out = str(Path(args.out) / dedup.PAIRS_DIR)
        if args.engine == "spark":
            n = dedup.pairs_spark(args.out, out, master=args.master)
        else:
            articles = (a for a in read_articles(args.out) if not isinstance(a, InputError))
            n = dedup.write_pairs(dedup.pairs_local(dedup.article_signatures(articles)), out)
        print(f"wrote {n} near-duplicate pairs to {out}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled example corpus and print a short report."""
    from .demo import run_demo

    return run_demo(args.db, workers=args.workers)


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (tests read its help texts)."""
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Turn news into checkable knowledge: who, what, when, who said it, who had it first.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=fn.__doc__)
        p.set_defaults(func=fn)
        return p

    def fmt(p: argparse.ArgumentParser, choices: Sequence[str] = ("json", "text"), default: str = "text") -> None:
        p.add_argument("--format", choices=choices, default=default, help=f"output format (default: {default})")

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=_default_db(), help="SQLite store (default: $DOSSIER_DB or dossier.db)")

    workers_default = os.cpu_count() or 1

    p = add("analyze", cmd_analyze, "analyse articles and print the JSON contract or a readable report (no store)")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file (.txt .html .jsonl .xml .warc[.gz] .gz), directory, or - for stdin",
    )
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for articles without one")
    fmt(p, ("json", "jsonl", "text"), "json")

    p = add("ingest", cmd_ingest, "analyse articles and store them in the SQLite store")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="inputs as for analyze, or a directory of batch Parquet output"
    )
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for articles without one")
    p.add_argument(
        "--workers", type=int, default=workers_default, help=f"parallel analysis processes (default: {workers_default})"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    db(p)

    p = add("stats", cmd_stats, "counts of articles, entities, quotes, sources, events, stories")
    fmt(p)
    db(p)

    p = add("search", cmd_search, "full-text search (SQLite FTS5 syntax) over stored articles")
    p.add_argument("query", help='FTS5 query, e.g. Zinchenko or "prisoner exchange"')
    p.add_argument("--limit", type=int, default=20, help="most hits to print (default: 20)")
    fmt(p)
    db(p)

    p = add("export", cmd_export, "write stored analyses out (JSONL contract, CSV tables, GraphML)")
    p.add_argument(
        "--format", choices=("jsonl", "csv", "graphml"), default="jsonl", help="export format (default: jsonl)"
    )
    p.add_argument("--table", default="articles", help="for csv: articles, entities, quotes, sources, events, stories")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    db(p)

    p = add("stories", cmd_stories, "stories: one event covered across outlets, original and independent sources")
    p.add_argument("--limit", type=int, default=100, help="most stories to list (default: 100; 0: all)")
    p.add_argument("--all", action="store_true", help="list every story")
    fmt(p)
    db(p)

    p = add("entity", cmd_entity, "an entity's dossier: timeline, quotes, sources, co-occurring entities")
    p.add_argument("name", help="entity name or alias, e.g. Zinchenko")
    fmt(p)
    db(p)

    p = add("timeline", cmd_timeline, "events in date order with evidence, optionally for one entity")
    p.add_argument("entity", nargs="?", help="entity name or alias (default: all events)")
    p.add_argument("--limit", type=int, default=500, help="most events to print (default: 500)")
    fmt(p)
    db(p)

    p = add("serve", cmd_serve, "web UI and JSON API over a store (read-only unless given a token)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", help="enables write endpoints for requests bearing this token (or $DOSSIER_TOKEN)")
    db(p)

    p = add("batch", cmd_batch, "analyse a corpus to Parquet, locally or on Apache Spark")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="directories, JSONL, WARC/WARC.gz files")
    p.add_argument("--out", required=True, help="output directory for Parquet files")
    p.add_argument("--engine", choices=("local", "spark"), default="local", help="where to run (default: local)")
    p.add_argument("--master", default="local[2]", help="Spark master for --engine spark (default: local[2])")
    p.add_argument("--workers", type=int, default=workers_default, help="processes for --engine local")
    p.add_argument(
        "--near-duplicates",
        action="store_true",
        help="also find reprints across the whole batch (MinHash LSH, sharded by bucket on Spark) "
        "and write the pairs under OUT/_near_duplicates",
    )

    p = add("demo", cmd_demo, "ingest the bundled example corpus and print a short report")
    p.add_argument("--workers", type=int, default=workers_default, help="parallel analysis processes")
    db(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dossier`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except (DossierError, OSError) as exc:
        _err(str(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
