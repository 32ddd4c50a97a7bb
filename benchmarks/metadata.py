"""Page metadata (title, authors, publication date): dossier beside trafilatura + htmldate, same pages, same run.

Data: ``../shared/data/html-metadata`` (248 pages of trafilatura's evaluation set, ``pages/NAME.html.gz``,
``gold.json`` {name: {url, title, author, date}}). Scoring, as the data's README says:

- title: exact match, case- and space-insensitive;
- author: every gold author found (the gold string split on ";"; a gold author is found when each of its
  words, ignoring "und/and/von/by/&", is among the words of the predicted authors). This rewards extra names,
  so ``author exact`` is printed too: the predicted words are exactly the gold words;
- date: the same day.

dossier reads the file as a user gives it (no URL but what the page itself says) and its figures are those of
the analysed article (reader metadata, then the layout rules). The peers get the same file: trafilatura's
``extract_metadata`` for title and author, htmldate's ``find_date(extensive_search=True, original_date=True)``
for the date. ``--with-url`` hands the gold URL to every system instead.

Run: ``.venv/bin/python -m benchmarks.metadata [--limit N] [--with-url] [--data DIR] [--show field]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import data_dir, require_data, write_results

_CONNECTORS = frozenset({"und", "and", "von", "by", "&", "et", "y", "e"})
Prediction = tuple[str | None, tuple[str, ...], str | None]
"""(title, authors, date YYYY-MM-DD) one system finds on one page."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", _norm(text)) if w not in _CONNECTORS]


def title_ok(gold: str, predicted: str | None) -> bool:
    """The same title, case- and space-insensitive."""
    return predicted is not None and _norm(gold) == _norm(predicted)


def _gold_authors(gold: str | list[str]) -> str:
    return "; ".join(gold) if isinstance(gold, list) else gold


def author_found(gold: str | list[str], predicted: tuple[str, ...]) -> bool:
    """Every gold author (split on ';') has all its words among the predicted authors' words."""
    have = set(_words(" ".join(predicted)))
    names = [n for n in _gold_authors(gold).split(";") if _words(n)]
    return bool(names) and all(set(_words(n)) <= have for n in names)


def author_exact(gold: str | list[str], predicted: tuple[str, ...]) -> bool:
    """The predicted authors' words are exactly the gold's (no name missing, none extra)."""
    return sorted(_words(_gold_authors(gold).replace(";", " "))) == sorted(_words(" ".join(predicted)))


def date_ok(gold: str, predicted: str | None) -> bool:
    """The same day."""
    return predicted is not None and predicted[:10] == gold[:10]


def dossier_system(path: Path, url: str | None) -> Prediction:
    """dossier's reader and layout rules: the metadata of the analysed article, without the spaCy parse."""
    from dossier.engine import document_metadata
    from dossier.ingest import read
    from dossier.ingest.records import document_from_record
    from dossier.model import Document

    if url:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        doc = document_from_record(str(path), {"html": html, "url": url}, str(path))
    else:
        items = list(read([str(path)]))
        found = next((i for i in items if isinstance(i, Document)), None)
        if found is None:
            return None, (), None
        doc = found
    meta = document_metadata(doc)
    return meta.title, meta.authors, meta.published


def peers_system(path: Path, url: str | None) -> Prediction:
    """trafilatura's metadata (title, author) and htmldate (extensive search, original date)."""
    import htmldate
    import trafilatura

    from dossier.ingest.html import split_authors

    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    try:
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception:  # a peer's failure is a miss on that page
        meta = None
    try:
        date = htmldate.find_date(html, extensive_search=True, original_date=True, url=url)
    except Exception:
        date = None
    title = getattr(meta, "title", None)
    return title, split_authors(getattr(meta, "author", None)), str(date) if date else None


def main() -> None:
    """Score dossier and its peers on every page and print a table (and the misses asked for)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages (0: all)")
    parser.add_argument("--with-url", action="store_true", help="give every system the page's gold URL")
    parser.add_argument("--data", help="a folder with gold.json and pages/ (default ../shared/data/html-metadata)")
    parser.add_argument("--show", choices=("title", "author", "date"), help="print dossier's misses on this field")
    args = parser.parse_args()
    if args.data:
        data = Path(args.data)
        if not (data / "gold.json").exists():
            print(f"skipped: {data}/gold.json not found")
            return
    else:
        data = data_dir("html-metadata") or require_data("html-metadata")
    gold: dict[str, dict[str, Any]] = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)[: args.limit or None]
    import logging

    logging.disable(logging.WARNING)  # the peers log every miss
    systems: dict[str, Callable[[Path, str | None], Prediction]] = {
        "dossier": dossier_system,
        "trafilatura + htmldate": peers_system,
    }
    results: dict[str, dict[str, float]] = {}
    misses: list[str] = []
    for label, system in systems.items():
        counts = {"title": 0, "author": 0, "author exact": 0, "date": 0}
        scored = dict.fromkeys(counts, 0)  # a gold file may lack a field (MediaCloud's has dates only)
        started = time.perf_counter()
        for name in names:
            g = gold[name]
            url = g.get("url") if args.with_url else None
            title, authors, date = system(data / "pages" / f"{name}.html.gz", url)
            ok = {
                "title": title_ok(g["title"], title) if "title" in g else None,
                "author": author_found(g["author"], authors) if "author" in g else None,
                "author exact": author_exact(g["author"], authors) if "author" in g else None,
                "date": date_ok(g["date"], date) if "date" in g else None,
            }
            for k, v in ok.items():
                if v is not None:
                    counts[k] += v
                    scored[k] += 1
            if label == "dossier" and args.show and ok[args.show] is False:
                got = {"title": title, "author": "; ".join(authors), "date": date}[args.show]
                misses.append(f"{name}: gold {g[args.show]!r} got {got!r}")
        seconds = time.perf_counter() - started
        results[label] = {k: round(v / scored[k], 3) if scored[k] else float("nan") for k, v in counts.items()}
        results[label]["seconds"] = round(seconds, 1)
    for line in misses:
        print(line)
    print(f"Page metadata, {data.name}: {len(names)} pages{' (gold URL given)' if args.with_url else ''}")
    print(f"{'system':26} {'title':>6} {'author':>7} {'exact':>6} {'date':>6} {'seconds':>8}")
    for label, r in results.items():
        print(
            f"{label:26} {r['title']:6.3f} {r['author']:7.3f} {r['author exact']:6.3f} {r['date']:6.3f}"
            f" {r['seconds']:8.1f}"
        )
    if not args.limit and not args.data:
        out = write_results("metadata" + ("_with_url" if args.with_url else ""), {"pages": len(names), **results})
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
