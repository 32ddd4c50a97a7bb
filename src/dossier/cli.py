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
from typing import Any, NoReturn, TextIO

from . import __version__
from .errors import DossierError, InputError

DEFAULT_DB = "dossier.db"


def _default_db() -> str:
    return os.environ.get("DOSSIER_DB", DEFAULT_DB)


def _err(message: str) -> None:
    print(f"dossier: {message}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``dossier search: error: argument --limit: … (see --help)``, exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print the error on one line (no usage block) and exit 2."""
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


def _bounded(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high`` (so 99999999999999999999 is refused, not a crash)."""

    def parse(value: str) -> int:
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if not (digits.isascii() and digits.isdigit()):
            raise argparse.ArgumentTypeError(f"'{value[:30]}' is not a whole number from {low} to {high}")
        if len(digits) > 19 or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{text[:30]} is out of range: give a whole number from {low} to {high}")
        return int(text)

    parse.__name__ = "number"
    return parse


def _date(value: str) -> str:
    """An argparse type: a publication date (ISO or RFC 2822) as YYYY-MM-DD; ambiguous or impossible ones refused."""
    from .api import parse_published

    try:
        return str(parse_published(value))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


MAX_COUNT = 1_000_000
"""Largest ``--limit`` accepted."""
MAX_CHARS = 2 * 1024 * 1024
"""Default ``--max-chars`` (``dossier.ingest.clean.MAX_CHARS``, repeated here so that ``--help`` imports nothing)."""
MAX_CHARS_LIMIT = 1 << 30


def analysis_options(p: argparse.ArgumentParser) -> None:
    """``--published`` and ``--max-chars``, shared by the commands that analyse."""
    p.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        type=_date,
        help="publication date for articles without one (ISO or RFC 2822; ambiguous 10/05/2024 is refused)",
    )
    p.add_argument(
        "--max-chars",
        type=_bounded(0, MAX_CHARS_LIMIT),
        default=MAX_CHARS,
        metavar="N",
        help=f"longest article analysed, in characters; longer ones are cut with a warning (default: {MAX_CHARS}; "
        "0: no cap)",
    )


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and ``taskset`` narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


WATCH_NICE = 10
"""How much ``dossier watch`` lowers its CPU priority by default: a watcher runs for days in the background, and
an analyst's page should not wait behind its analysis (see the README's web load figures)."""


def lower_priority(steps: int) -> int:
    """Lower this process's CPU priority by ``steps`` (0-19, as ``nice``), so that a ``dossier serve`` on the
    same machine gets a core first while this one writes; its worker processes inherit it. The niceness now (0
    where the platform has none)."""
    if not hasattr(os, "nice"):
        return 0
    return os.nice(max(0, min(19, steps)))


def _probability(value: str) -> float:
    """A number from 0 to 1 (argparse type)."""
    try:
        p = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return p


def _dump(obj: Any, out: TextIO, *, indent: int | None = 2) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=indent))
    out.write("\n")


# ---------------------------------------------------------------- analyze
def _piece_bar() -> Callable[[int, int], None]:
    """A progress bar on stderr for a long article analysed in pieces (one bar per article)."""
    from tqdm import tqdm

    bars: list[Any] = []

    def on_piece(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, desc="long article", unit="piece", file=sys.stderr, dynamic_ncols=True))
        bars[0].update(1)
        if done == total:
            bars.pop().close()

    return on_piece


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse inputs without a store and print the JSON contract."""
    from tqdm import tqdm

    from .api import analyze_paths
    from .engine import Options
    from .ingest import count, losses

    options = Options(published=args.published, max_chars=args.max_chars or None)
    failed = 0
    collected: list[dict[str, Any]] = []
    show = sys.stderr.isatty() and not args.quiet
    bar = tqdm(
        total=count(args.paths) if show else None,
        disable=not show,
        unit="art",
        desc="analyze",
        file=sys.stderr,
        dynamic_ncols=True,
    )
    try:
        on_piece = _piece_bar() if show else None
        for item in analyze_paths(args.paths, options, workers=args.workers, on_piece=on_piece):
            bar.update(1)
            if isinstance(item, InputError):
                failed += 1
                with tqdm.external_write_mode(file=sys.stderr):
                    _err(str(item))
                continue
            if args.min_confidence > 0:
                from .api import with_min_confidence

                item = with_min_confidence(item, args.min_confidence)
            lost = losses(item.warnings)
            if lost:  # analysed, but part of the input did not survive: say so where errors go, and in the exit code
                failed += 1
                where = item.source.get("path") or item.source.get("url") or item.id
                with tqdm.external_write_mode(file=sys.stderr):
                    _err(f"{where}: {'; '.join(lost)}")
            if args.format == "jsonl":  # streamed: each article as soon as it (and those before it) finished
                _dump(item.to_dict(), sys.stdout, indent=None)
                sys.stdout.flush()
            elif args.format == "text":
                from .render import render_article

                render_article(item.to_dict(), sys.stdout)
                sys.stdout.write("\n")
            else:
                collected.append(item.to_dict())
    finally:
        bar.close()
    if args.format == "json" and collected:
        _dump(collected[0] if len(collected) == 1 else collected, sys.stdout)
    return 1 if failed else 0


# ---------------------------------------------------------------- store commands
def cmd_ingest(args: argparse.Namespace) -> int:
    """Analyse inputs and store them (idempotent, resumable)."""
    from .api import ingest
    from .engine import Options

    lower_priority(args.nice)
    report = ingest(
        args.paths,
        db=args.db,
        options=Options(published=args.published, max_chars=args.max_chars or None),
        workers=args.workers,
        progress=not args.quiet,
        on_error=lambda e: _err(str(e)),
    )
    damaged = f", {report.damaged} stored with part of the input lost" if report.damaged else ""
    print(
        f"ingested {report.added} new, {report.updated} updated, {report.skipped} unchanged; {report.failed} failed"
        + damaged,
        file=sys.stderr,
    )
    return 1 if report.failed or report.damaged else 0


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


def cmd_quotes(args: argparse.Namespace) -> int:
    """List quote groups: the same statement across articles, who said it first, and what each copy changed."""
    from .api import quotes
    from .render import render_quotes

    groups = quotes(db=args.db, speaker=args.speaker, story=args.story, altered=args.altered, limit=args.limit)
    if args.format == "json":
        _dump(groups, sys.stdout)
    else:
        render_quotes(groups, sys.stdout)
    return 0


def cmd_entity(args: argparse.Namespace) -> int:
    """Print an entity's dossier: aliases, articles, timeline, quotes, sources, co-occurring entities."""
    from .api import filter_confidence
    from .render import render_entity
    from .store import Store

    with Store(args.db, readonly=True) as store:
        dossier = store.entity(args.name)
    if dossier is None:
        _err(f"no entity matches '{args.name}' in {args.db}")
        return 1
    dossier = filter_confidence(dossier, args.min_confidence)
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
    if args.min_confidence > 0:
        events = [e for e in events if float(e.get("confidence", 1.0) or 0.0) >= args.min_confidence]
    if args.format == "json":
        _dump(events, sys.stdout)
    else:
        render_timeline(events, sys.stdout)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web UI and JSON API over a store."""
    from .web.app import serve

    serve(
        args.db,
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get("DOSSIER_TOKEN"),
        workers=max(1, args.workers),
    )
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse a corpus to Parquet, locally or on Apache Spark."""
    from .api import batch

    report = batch(
        args.inputs,
        args.out,
        engine=args.engine,
        master=args.master,
        workers=args.workers,
        near_duplicates=args.near_duplicates,
        stories=args.stories,
    )
    print(f"wrote {report.articles} articles to {args.out}; {report.failed} inputs failed", file=sys.stderr)
    if report.pairs is not None:
        print(f"wrote {report.pairs} near-duplicate pairs to {report.pairs_out}", file=sys.stderr)
    if report.placed is not None:
        print(f"placed {report.placed} articles in stories under {report.stories_out}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Poll RSS/Atom feeds and sitemaps, store each new article's page, print alerts as JSON lines."""
    import signal
    import threading

    from .api import watch

    lower_priority(args.nice)
    stop = threading.Event()

    def finish(signum: int, _frame: object) -> None:
        if not stop.is_set():
            _err(f"{signal.Signals(signum).name}: finishing the article in hand, then stopping")
        stop.set()

    previous = {s: signal.signal(s, finish) for s in (signal.SIGINT, signal.SIGTERM)}

    def alert(line: dict[str, Any]) -> None:
        _dump(line, sys.stdout, indent=None)
        sys.stdout.flush()

    def summary(r: Any) -> None:
        print(
            f"watch: {r.feeds} feeds polled ({r.not_modified} not modified), {r.new_items} new items,"
            f" {r.stored} stored, {r.skipped} skipped, {r.failed} failed",
            file=sys.stderr,
        )

    try:
        total = watch(
            args.urls,
            db=args.db,
            every=args.every,
            once=args.once,
            alerts=args.alert,
            on_alert=alert,
            on_error=_err,
            on_pass=summary,
            stop=stop,
            delay=args.delay,
            timeout=args.timeout,
        )
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 1 if args.once and total.errors else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled example corpus and print a short report."""
    from .demo import run_demo

    return run_demo(args.db, workers=args.workers)


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (tests read its help texts)."""
    parser = _Parser(
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

    def confidence(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--min-confidence",
            type=_probability,
            default=0.0,
            metavar="P",
            help="leave out quotes, entities and events less sure than P (0-1; a quote's confidence is the "
            "fitted probability that it is a real attribution)",
        )

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=_default_db(), help="SQLite store (default: $DOSSIER_DB or dossier.db)")

    workers_default = usable_cores()

    p = add("analyze", cmd_analyze, "analyse articles and print the JSON contract or a readable report (no store)")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file (.txt .html .jsonl .xml .warc[.gz] .gz), directory, or - for stdin",
    )
    analysis_options(p)
    fmt(p, ("json", "jsonl", "text"), "json")
    p.add_argument(
        "--workers",
        type=int,
        default=workers_default,
        help=f"parallel analysis processes; output keeps input order (default: the {workers_default} usable cores)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar (shown only when stderr is a terminal)")
    confidence(p)

    p = add("ingest", cmd_ingest, "analyse articles and store them in the SQLite store")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="inputs as for analyze, or a directory of batch Parquet output"
    )
    analysis_options(p)
    p.add_argument(
        "--workers",
        type=_bounded(1, 1024),
        default=workers_default,
        help=f"parallel analysis processes (default: {workers_default})",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--nice",
        type=_bounded(0, 19),
        default=0,
        help="lower this ingest's CPU priority by N (0-19) so a `dossier serve` beside it answers first (default: 0)",
    )
    db(p)

    p = add("stats", cmd_stats, "counts of articles, entities, quotes, sources, events, stories")
    fmt(p)
    db(p)

    p = add("search", cmd_search, "full-text search (SQLite FTS5 syntax) over stored articles")
    p.add_argument("query", help='FTS5 query, e.g. Zinchenko or "prisoner exchange"')
    p.add_argument("--limit", type=_bounded(1, MAX_COUNT), default=20, help="most hits to print (default: 20)")
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
    p.add_argument(
        "--limit", type=_bounded(0, MAX_COUNT), default=100, help="most stories to list (default: 100; 0: all)"
    )
    p.add_argument("--all", action="store_true", help="list every story")
    fmt(p)
    db(p)

    p = add("quotes", cmd_quotes, "quotes traced across articles: first appearance, copies and their changes")
    p.add_argument("--speaker", metavar="NAME", help="only groups with a quote by this entity (name, alias or id)")
    p.add_argument("--story", metavar="ID", help="only groups with a quote in this story")
    p.add_argument("--altered", action="store_true", help="only groups with an altered or misattributed copy")
    p.add_argument("--limit", type=int, default=100, help="most groups to list (default: 100)")
    fmt(p)
    db(p)

    p = add("entity", cmd_entity, "an entity's dossier: timeline, quotes, sources, co-occurring entities")
    p.add_argument("name", help="entity name or alias, e.g. Zinchenko")
    fmt(p)
    confidence(p)
    db(p)

    p = add("timeline", cmd_timeline, "events in date order with evidence, optionally for one entity")
    p.add_argument("entity", nargs="?", help="entity name or alias (default: all events)")
    p.add_argument("--limit", type=_bounded(1, MAX_COUNT), default=500, help="most events to print (default: 500)")
    fmt(p)
    confidence(p)
    db(p)

    p = add("serve", cmd_serve, "web UI and JSON API over a store (read-only unless given a token)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_bounded(0, 65535), default=8000, help="port (default: 8000)")
    p.add_argument("--token", help="enables write endpoints for requests bearing this token (or $DOSSIER_TOKEN)")
    p.add_argument(
        "--workers",
        type=int,
        default=workers_default,
        help=f"server processes sharing the port (default: the {workers_default} usable cores)",
    )
    db(p)

    p = add("batch", cmd_batch, "analyse a corpus to Parquet, locally or on Apache Spark")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="directories, JSONL, WARC/WARC.gz files")
    p.add_argument("--out", required=True, help="output directory for Parquet files")
    p.add_argument("--engine", choices=("local", "spark"), default="local", help="where to run (default: local)")
    p.add_argument("--master", default="local[2]", help="Spark master for --engine spark (default: local[2])")
    p.add_argument("--workers", type=_bounded(1, 1024), default=workers_default, help="processes for --engine local")
    p.add_argument(
        "--near-duplicates",
        action="store_true",
        help="also find reprints across the whole batch (MinHash LSH, sharded by bucket on Spark) "
        "and write the pairs under OUT/_near_duplicates",
    )
    p.add_argument(
        "--stories",
        action="store_true",
        help="also run the cross-article pass (entities merged and stories placed per publication-day window, "
        "on Spark with --engine spark) and write each article's story under OUT/_stories; "
        "`dossier ingest OUT` then loads those stories",
    )

    p = add("watch", cmd_watch, "poll RSS/Atom feeds and sitemaps; store new articles; alert on matches")
    p.add_argument("urls", nargs="+", metavar="URL", help="RSS/Atom feed or sitemap (news: sitemaps and indexes too)")
    p.add_argument("--every", type=float, default=300.0, help="seconds between polls (default: 300)")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron); exit code 1 if anything failed")
    p.add_argument(
        "--alert",
        action="append",
        default=[],
        metavar="TERM",
        help="print a JSON line for each new article naming TERM (an entity), or quoting NAME with quote:NAME",
    )
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default: 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before a request times out (default: 10)")
    p.add_argument(
        "--nice",
        type=_bounded(0, 19),
        default=WATCH_NICE,
        help=f"lower the watcher's CPU priority by N (0-19): it is background work, and the pages a `dossier serve`"
        f" beside it answers come first (default: {WATCH_NICE}; 0 keeps the shell's priority)",
    )
    db(p)

    p = add("demo", cmd_demo, "ingest the bundled example corpus and print a short report")
    p.add_argument("--workers", type=_bounded(1, 1024), default=workers_default, help="parallel analysis processes")
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
