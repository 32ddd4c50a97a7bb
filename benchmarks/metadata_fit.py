"""Fit the precision of each page-metadata source, with fold-wise cross-validation of the vote it drives.

For every page of ``../shared/data/html-metadata`` the HTML reader's candidates are collected once
(``dossier.ingest.html.metadata_candidates``); a source's precision for a field is the share of the pages
where it proposed a value that was right (Laplace-smoothed: (right + 1) / (proposed + 2)). There is no
separate dev set, so the vote is measured by 5-fold cross-validation: the precisions are fitted on four
folds and the vote scored on the fifth, through the same layout rules the analysis applies. Each field's
vote rule (``best`` or ``sum``, see ``vote``) is the one with the better CV mean, so the CV figure of the
chosen rule is slightly optimistic; both rules' fold-wise figures are printed and stored. The table
written to ``src/dossier/data/metadata_sources.json`` is then fitted on all pages.

Run: ``.venv/bin/python -m benchmarks.metadata_fit [--folds 5] [--dry-run]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import trafilatura

from benchmarks.common import require_data
from benchmarks.metadata import author_found, date_ok, title_ok
from dossier.engine import document_metadata
from dossier.ingest.html import _clean, metadata_candidates
from dossier.ingest.metadata import FIELDS, RULES, SOURCES_FILE, Candidate, Rule, vote
from dossier.model import Document


@dataclass(frozen=True)
class Page:
    """One gold page: its candidates, its extracted text and outlet, and its gold metadata."""

    name: str
    candidates: tuple[Candidate, ...]
    text: str
    outlet: str | None
    gold: Mapping[str, Any]


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


def evaluate(
    pages: Sequence[Page], precision: Mapping[str, float], rules: Mapping[str, Rule] | None = None
) -> dict[str, float]:
    """The share of ``pages`` the vote gets right per field, after the analysis' layout rules."""
    hits: Counter[str] = Counter()
    for page in pages:
        voted = vote(page.candidates, precision, rules or {})
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


def load(limit: int = 0) -> list[Page]:
    """Every gold page's candidates (the slow part: trafilatura and htmldate once per page)."""
    data = require_data("html-metadata")
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(gold)[: limit or None]:
        html = gzip.decompress((data / "pages" / f"{name}.html.gz").read_bytes())
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        outlet = _clean(getattr(result, "sitename", None))
        text = (getattr(result, "text", None) or "").strip() or " "
        pages.append(Page(name, metadata_candidates(html, result, None, outlet), text, outlet, gold[name]))
    return pages


def main() -> None:
    """Cross-validate, print fold-wise figures and each source's worth, and write the fitted table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the table")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    pages = load(args.limit)
    folds = [[p for i, p in enumerate(pages) if i % args.folds == k] for k in range(args.folds)]
    cv: dict[Rule, list[dict[str, float]]] = {}
    for rule in RULES:
        print(f"{args.folds}-fold cross-validation of the vote, rule '{rule}', on {len(pages)} pages")
        print(f"{'fold':>4} {'pages':>5} {'title':>6} {'author':>7} {'date':>6}")
        rows = cv[rule] = []
        for k, held in enumerate(folds):
            train = [p for j, f in enumerate(folds) if j != k for p in f]
            scores = evaluate(held, fit(train)[0], dict.fromkeys(FIELDS, rule))
            rows.append(scores)
            print(f"{k:>4} {len(held):>5} {scores['title']:6.3f} {scores['authors']:7.3f} {scores['published']:6.3f}")
        mean = {f: round(statistics.fmean(r[f] for r in rows), 3) for f in FIELDS}
        spread = {f: round(statistics.pstdev(r[f] for r in rows), 3) for f in FIELDS}
        print(f"mean {len(pages):>5} {mean['title']:6.3f} {mean['authors']:7.3f} {mean['published']:6.3f}")
        print(f"sd         {spread['title']:6.3f} {spread['authors']:7.3f} {spread['published']:6.3f}\n")
    means = {r: {f: statistics.fmean(s[f] for s in rows) for f in FIELDS} for r, rows in cv.items()}
    rules: dict[str, Rule] = {f: max(RULES, key=lambda r: (means[r][f], r == "best")) for f in FIELDS}
    chosen = [{f: cv[rules[f]][k][f] for f in FIELDS} for k in range(args.folds)]
    chosen_mean = {f: round(means[rules[f]][f], 3) for f in FIELDS}
    print(f"rule per field (the better CV mean; the choice itself is made on these folds): {rules}")
    print(f"cross-validated figures with those rules: {chosen_mean}")
    flat = evaluate(pages, {})
    print(f"unfitted vote (every source 0.5), all pages: {flat}")
    precision, proposed, correct = fit(pages)
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
        "rules": rules,
        "cross_validation": {
            "folds": args.folds,
            "by_rule": {r: rows for r, rows in cv.items()},
            "chosen": {"folds": chosen, "mean": chosen_mean},
        },
    }
    if not args.dry_run:
        SOURCES_FILE.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {SOURCES_FILE}")


if __name__ == "__main__":
    main()
