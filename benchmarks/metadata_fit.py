"""Fit the precision of each page-metadata source, with cross-validation by site of the vote it drives.

For every page of ``../shared/data/html-metadata`` the HTML reader's candidates are collected once
(``dossier.ingest.html.peer_candidates`` + ``dossier.ingest.metadata.page_candidates``; trafilatura's and
htmldate's outputs are cached under ``cache_dir()``). A source's precision for a field is the share of the
pages where it proposed a value that was right (Laplace-smoothed: (right + 1) / (proposed + 2)); the
``logistic`` rule's weights come from a logistic regression of "this value is right" on which sources back it.
There is no separate dev set, so the vote is measured by 5-fold cross-validation with every site's pages in
one fold (a site's template cannot help on its own test pages): the vote is fitted on four folds and scored
on the fifth, through the same layout rules the analysis applies. Each field's vote rule (``best``, ``sum``
or ``logistic``, see ``vote``) is chosen by cross-validation too; the held-out figure is nested (each outer
fold scored with the rules chosen on its training folds only), and trafilatura + htmldate are scored on the
same folds. The table written to ``src/dossier/data/metadata_sources.json`` is then fitted on all pages.

Run: ``.venv/bin/python -m benchmarks.metadata_fit [--folds 5] [--dry-run | --check]`` (``make train`` /
``make train-check``)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import htmldate
import trafilatura

from benchmarks.common import require_data
from benchmarks.metadata import author_found, date_ok, title_ok
from benchmarks.stories import cache_dir
from dossier.engine import document_metadata
from dossier.ingest.html import _clean, _date, parse_page, peer_candidates, split_authors
from dossier.ingest.metadata import FIELDS, RULES, SOURCES_FILE, Candidate, Rule, groups, page_candidates, vote
from dossier.model import Document
from dossier.train.weights import write_or_check

Model = tuple[Mapping[str, float], Mapping[str, float]]
"""A fitted vote: each ``field:source`` precision, and the logistic weights."""


@dataclass(frozen=True)
class Page:
    """One gold page: its candidates, its extracted text and outlet, its gold metadata and trafilatura's and htmldate's
    raw outputs."""

    name: str
    candidates: tuple[Candidate, ...]
    text: str
    outlet: str | None
    gold: Mapping[str, Any]
    peers: Mapping[str, Any]


def right(field: str, value: object, gold: Mapping[str, Any]) -> bool:
    """Whether one value of ``field`` is right by the benchmark's scoring."""
    if field == "title":
        return isinstance(value, str) and title_ok(gold["title"], value)
    if field == "authors":
        return isinstance(value, tuple) and author_found(gold["author"], value)
    return isinstance(value, str) and date_ok(gold["date"], value)


def fit(pages: Sequence[Page]) -> tuple[dict[str, float], Counter[str], Counter[str]]:
    """Each ``field:source`` precision on ``pages``, with the counts it comes from."""
    proposed: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for page in pages:
        for c in {(c.field, c.source): c for c in page.candidates}.values():
            key = f"{c.field}:{c.source}"
            proposed[key] += 1
            correct[key] += right(c.field, c.value, page.gold)
    return {k: round((correct[k] + 1) / (proposed[k] + 2), 4) for k in sorted(proposed)}, proposed, correct


def fit_weights(pages: Sequence[Page]) -> dict[str, float]:
    """Per field, a logistic regression of "this value is right" on which sources back it, over every value
    group of every page; ``field:source`` weights and the ``field:`` intercept (L2, C=1, sklearn's default)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # the train extra

    weights: dict[str, float] = {}
    for field in FIELDS:
        rows = [(g.support, right(field, g.value, page.gold)) for page in pages for g in groups(page.candidates, field)]
        sources = sorted({s for support, _ in rows for s in support})
        if not rows or len({y for _, y in rows}) < 2:
            continue
        x = [[float(s in support) for s in sources] for support, _ in rows]
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, [y for _, y in rows])
        weights[f"{field}:"] = round(float(model.intercept_[0]), 4)
        weights.update({f"{field}:{s}": round(float(w), 4) for s, w in zip(sources, model.coef_[0], strict=True)})
    return weights


def fitted(pages: Sequence[Page]) -> Model:
    """The precisions and the logistic weights fitted on ``pages``."""
    return fit(pages)[0], fit_weights(pages)


def evaluate(pages: Sequence[Page], model: Model, rules: Mapping[str, Rule] | None = None) -> dict[str, float]:
    """The share of ``pages`` the vote gets right per field, after the analysis' layout rules."""
    hits: Counter[str] = Counter()
    for page in pages:
        voted = vote(page.candidates, model[0], rules or {}, model[1])
        doc = Document(
            text=page.text,
            title=voted.title,
            authors=voted.authors,
            outlet=page.outlet,
            published=voted.published,
            extracted_from_html=True,
        )
        meta = document_metadata(doc)
        hits["title"] += right("title", meta.title, page.gold)
        hits["authors"] += right("authors", meta.authors, page.gold)
        hits["published"] += right("published", meta.published, page.gold)
    return {f: round(hits[f] / len(pages), 3) for f in FIELDS}


def _peers(name: str, html: bytes) -> dict[str, Any]:
    """What trafilatura and htmldate make of one page: the slow part, which the code under test does not change."""
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    return {
        "text": (getattr(result, "text", None) or "").strip() or " ",
        "sitename": getattr(result, "sitename", None),
        "title": getattr(result, "title", None),
        "author": getattr(result, "author", None),
        "date": getattr(result, "date", None),
        "fast_date": _date(html, None, extensive=False),
    }


def load(limit: int = 0, *, refresh: bool = False) -> list[Page]:
    """Every gold page's candidates; trafilatura's and htmldate's outputs are cached (``cache_dir()``), keyed by
    the pages and the two libraries' versions, since dossier's code does not change them."""
    data = require_data("html-metadata")
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)[: limit or None]
    raw = {name: gzip.decompress((data / "pages" / f"{name}.html.gz").read_bytes()) for name in names}
    h = hashlib.sha256(f"{trafilatura.__version__} {htmldate.__version__}".encode())
    for name in names:
        h.update(name.encode() + raw[name])
    path = cache_dir() / f"metadata-peers-{h.hexdigest()[:16]}.json"
    cached: dict[str, dict[str, Any]] = {}
    if path.is_file() and not refresh:
        cached = json.loads(path.read_text(encoding="utf-8"))
    if set(cached) != set(names):
        cached = {name: _peers(name, raw[name]) for name in names}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cached, ensure_ascii=False), encoding="utf-8")
    pages = []
    for name in names:
        peer = cached[name]
        outlet = _clean(peer["sitename"])
        result = SimpleNamespace(title=peer["title"], author=peer["author"])
        extra = peer_candidates(result, peer["fast_date"], peer["date"], outlet)
        found = page_candidates(parse_page(raw[name]), extra=extra, site=outlet)
        pages.append(Page(name, found, peer["text"], outlet, gold[name], peer))
    return pages


def site_of(page: Page) -> str:
    """The site a gold page comes from (the archived site for a web.archive.org copy), without "www."."""
    url = str(page.gold.get("url") or page.name)
    archived = re.search(r"web\.archive\.org/web/[^/]+/(.+)", url)
    host = urlsplit(archived[1] if archived else url).netloc.casefold()
    return host.removeprefix("www.")


def site_folds(pages: Sequence[Page], k: int) -> list[list[Page]]:
    """``k`` folds of the pages, every site's pages in one fold (a site's template cannot leak into its test fold);
    a site goes to the fold its sorted position falls in, so the folds are fixed and about equal."""
    sites = sorted({site_of(p) for p in pages})
    fold_of = {s: i % k for i, s in enumerate(sites)}
    return [[p for p in pages if fold_of[site_of(p)] == j] for j in range(k)]


def _splits(folds: Sequence[Sequence[Page]]) -> list[tuple[list[Page], Sequence[Page]]]:
    """(training pages, held-out fold) for each fold."""
    return [([p for f in folds if f is not held for p in f], held) for held in folds]


def pooled(folds: Sequence[Sequence[Page]], rows: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """The share of all pages right, from the fold-wise shares (folds weighted by their size)."""
    total = sum(len(f) for f in folds)
    return {f: round(sum(r[f] * len(p) for r, p in zip(rows, folds, strict=True)) / total, 3) for f in FIELDS}


def choose_rules(folds: Sequence[Sequence[Page]]) -> dict[str, Rule]:
    """Each field's vote rule: the one with the better pooled cross-validated figure over ``folds`` (``best`` on
    a tie)."""
    scores = {
        rule: pooled(
            folds, [evaluate(held, fitted(train), dict.fromkeys(FIELDS, rule)) for train, held in _splits(folds)]
        )
        for rule in RULES
    }
    return {f: max(RULES, key=lambda r: (scores[r][f], r == "best")) for f in FIELDS}


def peers_scores(pages: Sequence[Page]) -> dict[str, float]:
    """trafilatura's title and author and its date (htmldate's extensive search for the original date)."""
    hits: Counter[str] = Counter()
    for page in pages:
        hits["title"] += right("title", page.peers["title"], page.gold)
        hits["authors"] += right("authors", split_authors(page.peers["author"]), page.gold)
        hits["published"] += right("published", page.peers["date"], page.gold)
    return {f: round(hits[f] / len(pages), 3) for f in FIELDS}


def _print_folds(folds: Sequence[Sequence[Page]], rows: Sequence[Mapping[str, float]]) -> None:
    print(f"{'fold':>6} {'pages':>5} {'title':>6} {'author':>7} {'date':>6}")
    for k, (held, r) in enumerate(zip(folds, rows, strict=True)):
        print(f"{k:>6} {len(held):>5} {r['title']:6.3f} {r['authors']:7.3f} {r['published']:6.3f}")
    m = pooled(folds, rows)
    print(f"{'pooled':>6} {sum(map(len, folds)):>5} {m['title']:6.3f} {m['authors']:7.3f} {m['published']:6.3f}\n")


def main() -> None:
    """Cross-validate, print fold-wise figures and each source's worth, and write the fitted table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the table")
    parser.add_argument("--check", action="store_true", help="refit and compare with the shipped table; write nothing")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    pages = load(args.limit)
    folds = site_folds(pages, args.folds)
    cv: dict[Rule, list[dict[str, float]]] = {}
    for rule in RULES:
        print(f"{args.folds}-fold cross-validation by site of the vote, rule '{rule}', on {len(pages)} pages")
        rows = cv[rule] = [evaluate(held, fitted(train), dict.fromkeys(FIELDS, rule)) for train, held in _splits(folds)]
        _print_folds(folds, rows)
    rules: dict[str, Rule] = choose_rules(folds)
    print(f"rule per field (the better pooled figure over these folds; shipped): {rules}")
    print("nested: each held-out fold scored with the rules chosen by cross-validation on its training folds only")
    nested = []
    for train, held in _splits(folds):
        inner = [f for f in folds if f is not held]
        nested.append(evaluate(held, fitted(train), choose_rules(inner)))
    _print_folds(folds, nested)
    peers = [peers_scores(held) for held in folds]
    print("trafilatura + htmldate (extensive, original date) on the same folds")
    _print_folds(folds, peers)
    chosen = nested
    chosen_mean = pooled(folds, nested)
    print(f"held-out figures (nested): {chosen_mean}; trafilatura + htmldate: {pooled(folds, peers)}")
    flat = evaluate(pages, ({}, {}))
    print(f"unfitted vote (every source 0.5), all pages: {flat}")
    precision, proposed, correct = fit(pages)
    weights = fit_weights(pages)
    print(f"\n{'field:source':30} {'proposed':>8} {'right':>6} {'precision':>9} {'right/all pages':>15}")
    for key in precision:
        print(f"{key:30} {proposed[key]:8d} {correct[key]:6d} {precision[key]:9.3f} {correct[key] / len(pages):15.3f}")
    table = {
        "about": "precision of each page-metadata source per field, fitted by benchmarks/metadata_fit.py on "
        "../shared/data/html-metadata; (right + 1) / (proposed + 2)",
        "pages": len(pages),
        "precision": precision,
        "proposed": dict(sorted(proposed.items())),
        "right": dict(sorted(correct.items())),
        "weights": weights,
        "rules": rules,
        "cross_validation": {
            "folds": args.folds,
            "by": "site",
            "by_rule": {r: {"folds": rows, "pooled": pooled(folds, rows)} for r, rows in cv.items()},
            "nested": {"folds": chosen, "pooled": chosen_mean},
            "trafilatura_htmldate": {"folds": peers, "pooled": pooled(folds, peers)},
        },
    }
    if args.check:
        same = write_or_check(SOURCES_FILE, table, check=True)
        print(f"{SOURCES_FILE}: {'reproduced' if same else 'DIFFERS from the refit'}")
        raise SystemExit(0 if same else 1)
    if not args.dry_run:
        write_or_check(SOURCES_FILE, table, check=False)
        print(f"wrote {SOURCES_FILE}")


if __name__ == "__main__":
    main()
