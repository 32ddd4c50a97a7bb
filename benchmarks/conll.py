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
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc

from dossier.model import Layout
from dossier.nlp.entities import EntityOptions, extract_entities
from dossier.nlp.pipeline import load, parse

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data"
TESTA = DATA / "conll2003" / "eng.testa"
BBC = DATA / "bbc"
RESULTS = REPO / "benchmarks" / "results" / "conll.json"

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
"""OntoNotes label -> CoNLL label; labels not listed (dates, numbers...) are dropped."""

Span = tuple[int, int, str]
Sentence = list[tuple[str, str]]


def read_conll(path: Path) -> list[list[Sentence]]:
    """Documents (split at ``-DOCSTART-``) of sentences of (token, IOB1 tag)."""
    docs: list[list[Sentence]] = []
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            if line.startswith("-DOCSTART-") and sents:
                docs.append(sents)
                sents = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    if sents:
        docs.append(sents)
    return docs


def render(sents: list[Sentence]) -> tuple[str, set[Span]]:
    """The document's text (tokens joined by spaces, one sentence a line) and its gold entity char spans."""
    parts: list[str] = []
    gold: set[Span] = set()
    pos = 0
    for sent in sents:
        open_: tuple[int, str] | None = None
        last_end = pos
        for i, (tok, tag) in enumerate(sent):
            if i:
                parts.append(" ")
                pos += 1
            start = pos
            parts.append(tok)
            pos += len(tok)
            kind = tag[2:] if tag != "O" else ""
            begins = tag.startswith("B-") or (kind and (open_ is None or open_[1] != kind))
            if open_ and (not kind or begins):
                gold.add((open_[0], last_end, open_[1]))
                open_ = None
            if kind and open_ is None:
                open_ = (start, kind)
            last_end = pos
        if open_:
            gold.add((open_[0], last_end, open_[1]))
        parts.append("\n")
        pos += 1
    return "".join(parts), gold


def spacy_spans(doc: Doc) -> set[Span]:
    """Raw spaCy entities, mapped to CoNLL labels."""
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


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


def score(gold: Iterable[set[Span]], pred: Iterable[set[Span]]) -> dict[str, dict[str, float]]:
    """conlleval-style micro P/R/F1, overall and per type."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g, guess in zip(gold, pred, strict=True):
        for s in g:
            ngold[s[2]] += 1
            ngold["ALL"] += 1
        for s in guess:
            npred[s[2]] += 1
            npred["ALL"] += 1
            if s in g:
                tp[s[2]] += 1
                tp["ALL"] += 1
    out: dict[str, dict[str, float]] = {}
    for k in ("ALL", "PER", "ORG", "LOC", "MISC"):
        p = tp[k] / npred[k] if npred[k] else 0.0
        r = tp[k] / ngold[k] if ngold[k] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[k] = {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}
    return out


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
    nlp = load()
    t0 = time.perf_counter()
    parsed = list(parse(nlp, texts))
    t_parse = time.perf_counter() - t0

    systems: dict[str, Callable[[Doc], set[Span]]] = {"spacy sm (raw)": spacy_spans}
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
                    "bbc_speed": speed,
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
