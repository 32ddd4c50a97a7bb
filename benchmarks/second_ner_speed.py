"""CPU cost of the second-opinion NER (``nlp/second_ner.py``) per article, against the pipeline without it.

Run ``python -m benchmarks.second_ner_speed [--articles 200]``. Takes BBC articles spread over the five topics
(``$DOSSIER_SHARED/data/bbc``) and, in one process, times in process CPU seconds (not wall time: the machine is
shared): the base spaCy parse; every stage on it without the second NER's entities (as the code was before it);
the second NER itself; every stage again on the doc that carries its entities (they change the entity stage only
with ``EntityOptions(second=True)``; the shipped figures were measured while that was the default). The extra CPU
per article is (second NER + stages with it − stages without) over (parse + stages without).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from dossier.model import Document

REPO = Path(__file__).resolve().parents[1]
BBC = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data" / "bbc"
RESULTS = REPO / "benchmarks" / "results" / "second_ner_speed.json"


def articles(n: int) -> list[Document]:
    """``n`` BBC articles spread over the topics (every k-th file in path order)."""
    every = sorted(BBC.glob("*/*.txt"))
    paths = every[:: max(1, len(every) // n)][:n]
    return [Document(text=p.read_bytes().decode("utf-8", "replace"), id=str(p.relative_to(BBC))) for p in paths]


def main(argv: list[str] | None = None) -> int:
    """Time each part once; print and write the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args(argv)
    if not BBC.exists():
        print(f"skipped: {BBC} not found")
        return 0
    from dossier import engine
    from dossier.nlp import pipeline, second_ner

    nlp = pipeline.load(second=True)
    if second_ner.COMPONENT not in nlp.pipe_names:
        print("skipped: the second NER's weights are not shipped")
        return 0
    docs = list(engine.prepare(articles(args.articles)))
    warm = list(pipeline.parse(nlp, [d.text for d in docs[:5]]))  # lexemes, lazily loaded tables
    for d, doc in zip(docs, warm, strict=False):
        engine.analyze_parsed(d, doc)
    cpu: dict[str, float] = {}
    t0 = time.process_time()
    with nlp.select_pipes(disable=[second_ner.COMPONENT]):
        parsed = list(pipeline.parse(nlp, [d.text for d in docs]))
    cpu["parse"] = time.process_time() - t0
    t0 = time.process_time()
    before = [engine.analyze_parsed(d, doc) for d, doc in zip(docs, parsed, strict=True)]
    cpu["stages_without"] = time.process_time() - t0
    t0 = time.process_time()
    parsed = list(nlp.get_pipe(second_ner.COMPONENT).pipe(parsed))
    cpu["second_ner"] = time.process_time() - t0
    t0 = time.process_time()
    after = [engine.analyze_parsed(d, doc) for d, doc in zip(docs, parsed, strict=True)]
    cpu["stages_with"] = time.process_time() - t0
    base = cpu["parse"] + cpu["stages_without"]
    extra = cpu["second_ner"] + cpu["stages_with"] - cpu["stages_without"]
    n = len(docs)
    out: dict[str, Any] = {
        "data": f"BBC ({n} articles, every topic)",
        "measure": "process CPU seconds, one process, each part timed once",
        "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "cpu_ms_per_article": {"without": round(1000 * base / n, 1), "with": round(1000 * (base + extra) / n, 1)},
        "extra_percent": round(100 * extra / base, 1),
        "entities": {"without": sum(len(a.entities) for a in before), "with": sum(len(a.entities) for a in after)},
    }
    print(json.dumps(out, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
