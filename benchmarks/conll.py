"""CoNLL-2003 NER benchmark: dossier's entity mentions beside raw spaCy sm on ``eng.testa``.

Run ``python -m benchmarks.conll [--docs N]``. Uses ``$DOSSIER_SHARED/data/conll2003/eng.testa``
(default ``../shared``) and skips politely when it is absent. Documents are rebuilt from the
``-DOCSTART-`` boundaries (one sentence a line) so that document-level voting can work; both systems
parse exactly the same text. Scoring is conlleval-style: entity-level exact match, micro P/R/F1, with
OntoNotes labels mapped to CoNLL's. Only ``name`` mentions count (pronouns and descriptions are not
CoNLL entities). An ablation turns each of dossier's fixes off in turn and prints what it was worth.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from dossier.model import Layout
from dossier.nlp.entities import EntityOptions, extract_entities
from dossier.nlp.pipeline import load, parse
from dossier.nlp.second_ner import SPANS_KEY
from dossier.train.conll import LABEL_MAP, Span, read_conll, render, score
from dossier.train.quotes import expected_calibration_error, reliability

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data"
TESTA = DATA / "conll2003" / "eng.testa"
BBC = DATA / "bbc"
RESULTS = REPO / "benchmarks" / "results" / "conll.json"


def spacy_spans(doc: Doc) -> set[Span]:
    """Raw spaCy entities, mapped to CoNLL labels."""
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def second_spans(doc: Doc) -> set[Span]:
    """The second-opinion NER's entities alone (already CoNLL labels)."""
    return {(s.start_char, s.end_char, s.label_) for s in doc.spans.get(SPANS_KEY, [])}


def dossier_spans(options: EntityOptions) -> Callable[[Doc], set[Span]]:
    """dossier's name mentions under ``options``, mapped to CoNLL labels."""

    def run(doc: Doc) -> set[Span]:
        layout = Layout(body=((0, len(doc.text)),))
        out: set[Span] = set()
        for ent in extract_entities(doc, layout, options=options):
            if ent.type not in LABEL_MAP:
                continue
            for m in ent.mentions:
                if m.kind == "name":
                    out.add((m.start, m.end, LABEL_MAP[ent.type]))
        return out

    return run


def calibration(docs: list[Doc], gold: list[set[Span]]) -> dict[str, Any]:
    """Reliability of dossier's entity confidence per name mention (right: exact span and type, as CoNLL scores),
    its expected calibration error, precision/recall of the mentions kept at confidence >= 0.5 and >= 0.8, and the
    mentions typed a place that are not (by their gold type: a person named like a town is ``PER``)."""
    ps: list[float] = []
    ys: list[int] = []
    false_loc: Counter[str] = Counter()  # mentions typed a place that are not, by their gold type
    for doc, g in zip(docs, gold, strict=True):
        for ent in extract_entities(doc, Layout(body=((0, len(doc.text)),))):
            if ent.type not in LABEL_MAP:
                continue
            label = LABEL_MAP[ent.type]
            for m in {(m.start, m.end) for m in ent.mentions if m.kind == "name"}:
                ps.append(ent.confidence)
                ys.append(int((*m, label) in g))
                if label == "LOC" and (*m, "LOC") not in g:
                    false_loc[next((t for s, e, t in g if (s, e) == m), "no entity")] += 1
    table = reliability(ps, ys)
    n_gold = sum(len(g) for g in gold)
    at = {}
    for t in (0.5, 0.8):
        kept = [y for p, y in zip(ps, ys, strict=True) if p >= t]
        prec = sum(kept) / len(kept) if kept else 0.0
        rec = sum(kept) / n_gold if n_gold else 0.0
        at[str(t)] = {"kept": len(kept), "precision": round(prec, 4), "recall": round(rec, 4)}
    return {
        "mentions": len(ps),
        "reliability": table,
        "ece": round(expected_calibration_error(table), 4),
        "at": at,
        "false_loc": dict(sorted(false_loc.items())),
    }


ABLATIONS = tuple(f.name for f in dataclasses.fields(EntityOptions))
"""Every switch of EntityOptions; the ablation turns each off alone."""


def bbc_speed(n: int) -> dict[str, float] | None:
    """Seconds for spaCy's parse and for the entity stage on ``n`` BBC articles (None without the data)."""
    if not BBC.exists() or n <= 0:
        return None
    every = sorted(BBC.glob("*/*.txt"))
    paths = every[:: max(1, len(every) // n)][:n]  # spread over the five topics
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
    nlp = load()
    t0 = time.perf_counter()
    docs = list(parse(nlp, texts))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = 0
    for doc in docs:
        ents = extract_entities(doc, Layout(body=((0, len(doc.text)),)))
        mentions += sum(len(e.mentions) for e in ents)
    t_stage = time.perf_counter() - t0
    return {
        "articles": len(texts),
        "parse_seconds": round(t_parse, 2),
        "entity_stage_seconds": round(t_stage, 2),
        "stage_vs_parse": round(t_stage / t_parse, 3),
        "mentions": mentions,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse eng.testa once, score raw spaCy, dossier and each ablation; print a table, write JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=0, help="only the first N documents (0 = all)")
    ap.add_argument("--no-ablation", action="store_true", help="skip the per-fix ablation")
    ap.add_argument("--bbc", type=int, default=300, help="BBC articles for the speed check (0 = skip)")
    args = ap.parse_args(argv)
    if not TESTA.exists():
        print(f"skipped: {TESTA} not found")
        return 0
    docs = read_conll(TESTA)
    if args.docs:
        docs = docs[: args.docs]
    rendered = [render(d) for d in docs]
    texts = [t for t, _ in rendered]
    gold = [g for _, g in rendered]
    nlp = load(second=True)  # for the second NER's own row; dossier's entities do not use it by default
    t0 = time.perf_counter()
    parsed = list(parse(nlp, texts))
    t_parse = time.perf_counter() - t0

    systems: dict[str, Callable[[Doc], set[Span]]] = {"spacy sm (raw)": spacy_spans, "second NER (raw)": second_spans}
    full = EntityOptions()
    systems["dossier"] = dossier_spans(full)
    if not args.no_ablation:
        for name in ABLATIONS:
            systems[f"dossier - {name}"] = dossier_spans(dataclasses.replace(full, **{name: False}))
    results: dict[str, dict[str, dict[str, float]]] = {}
    timing: dict[str, float] = {}
    for name, fn in systems.items():
        t0 = time.perf_counter()
        preds = [fn(d) for d in parsed]
        timing[name] = round(time.perf_counter() - t0, 2)
        results[name] = score(gold, preds)

    base = results["dossier"]["ALL"]["f1"]
    print(f"CoNLL-2003 eng.testa: {len(docs)} documents, {sum(len(g) for g in gold)} gold entities")
    print(f"spaCy parse: {t_parse:.1f}s")
    head = ["P", "R", "F1", "PER", "ORG", "LOC", "MISC", "dF1"]
    print(f"{'system':38} " + " ".join(f"{h:>6}" for h in head) + f" {'sec':>5}")
    for name, r in results.items():
        a = r["ALL"]
        delta = a["f1"] - base
        print(
            f"{name:38} {a['p']:6.2f} {a['r']:6.2f} {a['f1']:6.2f} "
            + " ".join(f"{r[k]['f1']:6.2f}" for k in ("PER", "ORG", "LOC", "MISC"))
            + f" {delta:+6.2f} {timing[name]:5.1f}"
        )
    gain = base - results["spacy sm (raw)"]["ALL"]["f1"]
    print(f"dossier - raw spaCy: {gain:+.2f} F1 (target >= +5.00)")
    print("ablation: 'dossier - X' is dossier with fix X off; its dF1 is what X is worth (negative = X helps)")
    cal = calibration(parsed, gold)
    print(f"calibration on eng.testa ({cal['mentions']} name mentions; right = exact span and type):")
    print(f"  {'confidence':10} {'n':>6} {'mean':>6} {'right':>6}")
    for r in cal["reliability"]:
        print(f"  {r['bin']:10} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    print(f"  ECE {cal['ece']:.3f}")
    for t, v in cal["at"].items():
        print(f"  confidence >= {t}: {v['kept']} mentions, precision {v['precision']:.3f}, recall {v['recall']:.3f}")
    print(f"mentions typed a place that are not (by gold type): {cal['false_loc']}")
    speed = bbc_speed(args.bbc)
    if speed:
        print(
            f"speed on {speed['articles']} BBC articles: spaCy parse {speed['parse_seconds']:.1f}s, "
            f"entity stage {speed['entity_stage_seconds']:.1f}s ({100 * speed['stage_vs_parse']:.0f}% of the parse)"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    if not args.docs:
        RESULTS.write_text(
            json.dumps(
                {
                    "data": "conll2003/eng.testa",
                    "documents": len(docs),
                    "parse_seconds": round(t_parse, 2),
                    "stage_seconds": timing,
                    "results": results,
                    "gain_f1": round(gain, 2),
                    "calibration": cal,
                    "bbc_speed": speed,
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
