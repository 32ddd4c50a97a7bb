"""Article body extraction from HTML: dossier's HTML reader on the Scrapinghub article-extraction benchmark.

Data: ``../shared/data/scrapinghub`` (181 pages ``html/*.html.gz``, ``ground-truth.json``, and the
outputs of 14 systems in ``baseline_outputs/``). Scoring as the benchmark's README describes:
4-word shingles of ``\\w+`` tokens, precision and recall per document, averaged over documents,
F1 of the averages. The peers' stored outputs are scored with the same code in the same run, so
the scorer is checked against the published figures too (trafilatura 2.0: F1 0.958).

Run: ``.venv/bin/python -m benchmarks.html_extraction [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter

from benchmarks.common import require_data, write_results
from dossier.ingest import read
from dossier.model import Document

PUBLISHED = {"trafilatura": 0.958, "newspaper": 0.949, "readability": 0.922, "goose3": 0.896}
"""F1 figures the benchmark's authors and trafilatura's docs published for these systems."""

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    """Multiset of n-word shingles (a text shorter than n words is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def doc_scores(truth: str, pred: str) -> tuple[float, float]:
    """Precision and recall of one prediction's shingles against the truth's."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    precision = tp / (tp + fp) if tp + fp else (1.0 if not t else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def score(truth: dict[str, str], predictions: dict[str, str]) -> dict[str, float]:
    """Averaged precision, recall and their F1 over the documents in ``truth`` (missing = empty)."""
    pairs = [doc_scores(truth[k], predictions.get(k, "")) for k in truth]
    precision = statistics.fmean(p for p, _ in pairs)
    recall = statistics.fmean(r for _, r in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main() -> None:
    """Score dossier's HTML reader beside the stored peers and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages (0: all)")
    args = parser.parse_args()
    data = require_data("scrapinghub")
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[: args.limit or None]
    truth = {k: gold[k]["articleBody"] for k in keys}

    predictions: dict[str, str] = {}
    failures: list[str] = []
    started = time.perf_counter()
    for k in keys:
        items = list(read([str(data / "html" / f"{k}.html.gz")]))
        doc = next((i for i in items if isinstance(i, Document)), None)
        if doc is None:
            failures.append(f"{k}: {items[0] if items else 'nothing read'}")
        predictions[k] = doc.text if doc else ""
    seconds = time.perf_counter() - started

    rows: dict[str, dict[str, float]] = {"dossier (trafilatura 2.3.1 via dossier.ingest)": score(truth, predictions)}
    for path in sorted((data / "baseline_outputs").glob("*.json")):
        output = json.loads(path.read_text(encoding="utf-8"))
        output = output.get("output", output)
        rows[path.stem] = score(truth, {k: (v or {}).get("articleBody") or "" for k, v in output.items()})

    print(f"HTML body extraction, Scrapinghub benchmark: {len(keys)} pages ({seconds:.1f} s for dossier)")
    print(f"{'system':52} {'P':>7} {'R':>7} {'F1':>7}  published F1")
    for name, s in rows.items():
        published = PUBLISHED.get(name)
        print(f"{name:52} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f}  {published or ''}")
    if failures:
        print(f"{len(failures)} pages gave no document: " + "; ".join(failures[:5]))
    out = write_results(
        "html_extraction",
        {
            "pages": len(keys),
            "seconds": round(seconds, 2),
            "failures": failures,
            "scores": rows,
            "published_f1": PUBLISHED,
        },
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
