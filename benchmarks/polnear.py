"""PolNeAR attribution benchmark: dossier's quotes beside textacy's ``direct_quotations``.

Data: ``$DOSSIER_SHARED/data/polnear/dev`` (BRAT standoff ``.ann`` over ``.txt``;
T lines carry Source/Cue/Content spans, E lines link them into attributions).
Articles annotated by several annotators have one file per annotator
(``<name>_<annotator>.ann``): the benchmark takes the alphabetically first.

Both systems run on the same spaCy docs (``dossier.nlp.pipeline``). Scores:

* content P/R/F1 by token overlap: tokens are ``\\w+`` runs (punctuation and
  quotation marks do not count); a predicted content token is correct when it
  lies in some gold Content span, a gold token is found when it lies in some
  predicted content.
* speaker accuracy: for each gold attribution with a Source whose content a
  prediction overlaps (the prediction with most overlap), whether the
  predicted speaker mention overlaps the gold Source span, or the predicted
  speaker's entity is the dossier entity of the gold Source's syntactic head
  (``head_entity``: "Brent Bozell III, founder of the Media Research Center"
  means Bozell, "Donald Trump's campaign manager" does not mean Trump);
  ``speaker_acc`` is over those matched attributions, ``speaker_e2e`` over all
  gold attributions with a Source.

Two views: (a) ``all`` PolNeAR attributions (endorsements, documents, "according
to" ...), and (b) ``proper`` quotes: gold attributions whose content is in
quotation marks or whose cue is a speech/thought verb (``PROPER_CUES``, a fixed
list of this benchmark). In (b) recall is over proper gold attributions, and
precision over the predictions of the same class (in marks, or a cue in
``PROPER_CUES``), checked against all gold content.

Reliability tables per extractor (confidence bins, expected calibration error, precision and recall at
confidence >= 0.5 and >= 0.8): quotes (right: half their words are gold content), speakers (right: the
speaker measure above, over quotes matched to a gold attribution with a Source) and media sources (right: the
source overlaps a gold Source; recall over gold Sources naming an outlet, ``is_outlet``; only kinds with a fitted
confidence).

Run: ``.venv/bin/python -m benchmarks.polnear [--split dev] [--limit N] [--cached]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.train.polnear import (
    Gold,
    data_dir,
    head_entity,
    is_real,
    matched_gold,
    pick_files,
    read_ann,
    speaker_right,
    words,
)
from dossier.train.quotes import expected_calibration_error, reliability

REPO = Path(__file__).resolve().parents[1]
DATA = data_dir()
RESULTS = REPO / "benchmarks" / "results" / "polnear.json"

# the benchmark's own definition of a quote proper, kept apart from the extractor's cue lists on purpose:
# scoring must not be defined by the system under test
PROPER_CUES = frozenset(
    [
        "say",
        "tell",
        "explain",
        "add",
        "claim",
        "insist",
        "warn",
        "write",
        "note",
        "argue",
        "deny",
        "admit",
        "believe",
        "think",
        "state",
        "declare",
        "announce",
        "ask",
        "reply",
        "respond",
        "answer",
        "comment",
        "remark",
        "stress",
        "emphasize",
        "acknowledge",
        "confirm",
        "recall",
        "continue",
        "tweet",
        "report",
        "suggest",
        "predict",
        "promise",
        "vow",
        "complain",
        "caution",
        "concede",
        "contend",
        "assert",
        "maintain",
        "testify",
        "allege",
    ]
)
"""Speech/thought verb lemmas that make a gold attribution a quote proper (plus "according to")."""

QUOTE_CHARS = '“”"«»„'

Span = tuple[int, int]

SOTA_TEST = {"source": 0.832, "cue": 0.753, "content": 0.729}
"""Published neural state of the art, exact-match span F1 on PolNeAR *test* (for reference; we score dev)."""


@dataclass
class Pred:
    """One predicted quote (either system)."""

    content: list[Span]
    speaker: Span | None
    entity: str | None = None
    proper: bool = True


@dataclass
class Tally:
    """Counts for one system and one view."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    matched: int = 0
    speaker_ok: int = 0
    with_source: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def figures(self) -> dict[str, float | int]:
        """Precision, recall, F1 and speaker accuracy."""
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "speaker_acc": round(self.speaker_ok / self.matched, 4) if self.matched else 0.0,
            "speaker_e2e": round(self.speaker_ok / self.with_source, 4) if self.with_source else 0.0,
            "gold_attributions": self.with_source,
            "matched_attributions": self.matched,
        }


def overlaps(a: Span, bs: Sequence[Span]) -> bool:
    """Whether span ``a`` overlaps any of ``bs``."""
    return any(a[0] < e and s < a[1] for s, e in bs)


def is_proper_gold(g: Gold, text: str, lemmas: dict[int, str]) -> bool:
    """In quotation marks, or cued by a speech/thought verb or "according to"."""
    content = " ".join(text[s:e] for s, e in g.content)
    if any(c in content for c in QUOTE_CHARS):
        return True
    cue = " ".join(text[s:e] for s, e in g.cue).lower()
    if cue.startswith("according to"):
        return True
    return any(lemmas.get(i) in PROPER_CUES for s, e in g.cue for i in range(s, e))


def score(
    text: str, golds: Sequence[Gold], preds: Sequence[Pred], entity_at: object, tally: Tally, proper: bool
) -> None:
    """Add one article's counts to ``tally`` (``proper`` selects view (b))."""
    gold_all = words(text, (s for g in golds for s in g.content))
    gsel = [g for g in golds if g.proper or not proper]
    psel = [p for p in preds if p.proper or not proper]
    gold_sel = words(text, (s for g in gsel for s in g.content))
    pred_words = words(text, (s for p in psel for s in p.content))
    tally.n_pred += len(pred_words)
    tally.tp_pred += len(pred_words & gold_all)
    tally.n_gold += len(gold_sel)
    tally.tp_gold += len(gold_sel & words(text, (s for p in preds for s in p.content)))
    for g in gsel:
        if not g.source:
            continue
        tally.with_source += 1
        gw = words(text, g.content)
        best = max(preds, key=lambda p: len(gw & words(text, p.content)), default=None)
        if best is None or not gw & words(text, best.content):
            continue
        tally.matched += 1
        ok = best.speaker is not None and overlaps(best.speaker, g.source)
        if not ok and best.entity is not None and callable(entity_at):
            ok = any(entity_at(s, e) == best.entity for s, e in g.source)
        tally.speaker_ok += int(ok)


_TRIM = " \t\n.,;:!?“”\"‘’'«»„()—–-"


def trimmed(text: str, span: Span) -> Span:
    """``span`` without surrounding whitespace, punctuation and quotation marks (for the relaxed exact match)."""
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def gold_span(spans: Sequence[Span]) -> Span | None:
    """A (possibly discontinuous) gold span as one span from its first start to its last end."""
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


@dataclass
class Exact:
    """Exact-match counts for one role (source, cue or content), strict and after trimming punctuation."""

    tp: int = 0
    tp_trim: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, text: str, pred: Sequence[Span], gold: Sequence[Span]) -> None:
        """Count one article's predicted and gold spans."""
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.tp += len(set(pred) & set(gold))
        self.tp_trim += len({trimmed(text, p) for p in pred} & {trimmed(text, g) for g in gold})

    def f1(self, trim: bool) -> float:
        """Exact-match F1 (``trim``: after trimming punctuation and marks)."""
        tp = self.tp_trim if trim else self.tp
        p = tp / self.n_pred if self.n_pred else 0.0
        r = tp / self.n_gold if self.n_gold else 0.0
        return round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass(frozen=True)
class Item:
    """One output item of an extractor: its confidence, whether it is right, and the gold item it finds."""

    confidence: float
    right: bool
    gold: object = None
    """A key of the gold item it matches (None: none), so that recall counts each gold item once."""


OUTLET_WORDS = frozenset(
    {
        *("times", "post", "journal", "news", "press", "associated", "reuters", "ap", "afp", "cnn", "msnbc", "nbc"),
        *("abc", "cbs", "fox", "politico", "axios", "bloomberg", "guardian", "telegraph", "magazine", "herald"),
        *("tribune", "gazette", "daily", "weekly", "newsweek", "time", "atlantic", "hill", "breitbart", "bbc"),
        *("npr", "pbs", "newspaper", "network", "radio", "television", "tv", "channel", "wire", "agency", "outlet"),
        *("media",),
    }
)
"""Words that make a gold Source span a media outlet ("The Washington Post", "the Associated Press"): the
benchmark's own list, kept apart from the extractor's outlet table on purpose."""


def is_outlet(span_text: str) -> bool:
    """Whether a gold Source span names a media outlet (a capitalized name with an outlet word, or an agency)."""
    toks = [t.strip(".,'’\"“”()").lower() for t in span_text.split()]
    return any(t in OUTLET_WORDS for t in toks) and any(w[:1].isupper() for w in span_text.split())


def calibration(name: str, rows: Sequence[Item], n_gold: int, split: str) -> dict[str, Any]:
    """Print and return one extractor's reliability table, ECE and P/R at confidence >= 0.5 and >= 0.8
    (P: right items among those kept; R: gold items some kept right item finds, over all gold items)."""
    table = reliability([r.confidence for r in rows], [int(r.right) for r in rows])
    out: dict[str, Any] = {"items": len(rows), "gold": n_gold, "reliability": table}
    out["ece"] = round(expected_calibration_error(table), 4)
    print(f"\n{name} on {split}: {len(rows)} items, {n_gold} gold; reliability:")
    print(f"  {'bin':9} {'n':>6} {'conf':>6} {'right':>6}")
    for r in table:
        print(f"  {r['bin']:9} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    line = [f"ECE {out['ece']:.3f}"]
    for floor in (0.0, 0.5, 0.8):
        kept = [r for r in rows if r.confidence >= floor]
        p = sum(r.right for r in kept) / len(kept) if kept else 0.0
        rec = len({r.gold for r in kept if r.right and r.gold is not None}) / n_gold if n_gold else 0.0
        out[f"at_{floor}"] = {"kept": len(kept), "precision": round(p, 4), "recall": round(rec, 4)}
        line.append(f">= {floor}: P {p:.3f} R {rec:.3f} ({len(kept)})")
    print("  " + "; ".join(line))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run dossier (and textacy when installed) on the split and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split (test is sealed)")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (while iterating)")
    ap.add_argument(
        "--cached", action="store_true", help="reuse the trainer's parsed split (~/.cache/dossier-train) when present"
    )
    args = ap.parse_args(argv)
    split_dir = DATA / args.split
    if not split_dir.is_dir():
        print(f"skipped: {split_dir} not found")
        return 0
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:  # the 'bench' extra
        direct_quotations = None

    from dossier.engine import analyze_parsed
    from dossier.model import Document
    from dossier.nlp import pipeline
    from dossier.nlp.spans import MentionIndex

    files = pick_files(split_dir)
    if args.limit:
        files = files[: args.limit]
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    nlp = pipeline.load()
    systems = ("dossier", "dossier>=0.5", "dossier>=0.8") + (("textacy",) if direct_quotations else ())
    tallies = {(s, v): Tally() for s in systems for v in ("all", "proper")}
    exact = {role: Exact() for role in ("source", "cue", "content")}
    confidence_right: list[tuple[float, int]] = []
    items: dict[str, list[Item]] = {"quotes": [], "speakers": [], "sources": []}
    gold_counts = {"quotes": 0, "speakers": 0, "sources": 0}
    categories: dict[str, int] = {}
    source_kinds: dict[str, list[int]] = {}
    docs_seen: list[str] = []
    seconds = {"dossier": 0.0, "textacy": 0.0}
    textacy_bailed = 0
    n_gold = n_proper = 0
    t0 = time.perf_counter()
    if args.cached and not args.limit:
        from dossier.train.quotes import parsed

        docs = parsed(args.split, texts)
    else:
        docs = list(pipeline.parse(nlp, texts))
    parse_seconds = time.perf_counter() - t0
    for (_, ann), text, doc in zip(files, texts, docs, strict=True):
        lemmas = {i: t.lemma_.lower() for t in doc for i in range(t.idx, t.idx + len(t.text))}
        golds = read_ann(ann)
        for g in golds:
            g.proper = is_proper_gold(g, text, lemmas)
        n_gold += len(golds)
        n_proper += sum(g.proper for g in golds)

        t1 = time.perf_counter()
        article = analyze_parsed(Document(text=text), doc)
        seconds["dossier"] += time.perf_counter() - t1
        index = MentionIndex(article.entities)

        def entity_at(s: int, e: int, index: MentionIndex = index, doc: object = doc) -> str | None:
            return head_entity(doc, index, s, e)

        ours: list[tuple[float, Pred]] = []
        for q in article.quotes:
            cue_lemma = lemmas.get(q.cue_start) if q.cue_start is not None else None
            proper = q.kind != "indirect" or (q.cue or "").lower().startswith("according")
            proper = proper or cue_lemma in PROPER_CUES
            sp = q.speaker
            span = (sp.start, sp.end) if sp and sp.start is not None and sp.end is not None else None
            ours.append((q.confidence, Pred([(q.start, q.end)], span, sp.entity if sp else None, proper)))
            real = is_real(text, (q.start, q.end), golds)
            confidence_right.append((q.confidence, int(real)))
            categories[q.category] = categories.get(q.category, 0) + 1
            found = matched_gold(text, (q.start, q.end), golds, with_source=False) if real else None
            items["quotes"].append(Item(q.confidence, real, (len(docs_seen), id(found)) if found else None))
            gold = matched_gold(text, (q.start, q.end), golds)
            if sp is not None and sp.confidence is not None and gold is not None:
                ok = speaker_right(doc, index, sp, gold)
                items["speakers"].append(Item(sp.confidence, ok, (len(docs_seen), id(gold)) if ok else None))
        gold_counts["quotes"] += len(golds)
        gold_counts["speakers"] += sum(1 for g in golds if g.source)
        media = [s for g in golds for s in g.source if is_outlet(text[s[0] : s[1]])]
        gold_counts["sources"] += len(media)
        for src in article.sources:
            hit = next((m for m in media if m[0] < src.end and src.start < m[1]), None)
            ok = hit is not None or overlaps((src.start, src.end), [s for g in golds for s in g.source])
            if src.confidence is not None:  # kinds PolNeAR has no labels for carry none (see dossier.train.sources)
                items["sources"].append(Item(src.confidence, ok, (len(docs_seen), hit) if hit else None))
            source_kinds.setdefault(src.kind, [0, 0])[0] += 1
            source_kinds[src.kind][1] += int(ok)
        docs_seen.append(text)
        exact["content"].add(
            text, [(q.start, q.end) for q in article.quotes], [s for g in golds for s in [gold_span(g.content)] if s]
        )
        exact["cue"].add(
            text,
            [(q.cue_start, q.cue_end) for q in article.quotes if q.cue_start is not None and q.cue_end is not None],
            [s for g in golds for s in [gold_span(g.cue)] if s],
        )
        exact["source"].add(
            text,
            [
                (q.speaker.start, q.speaker.end)
                for q in article.quotes
                if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None
            ],
            [s for g in golds for s in [gold_span(g.source)] if s],
        )

        theirs = []
        if direct_quotations is not None:
            t1 = time.perf_counter()
            try:
                for tri in direct_quotations(doc):
                    speaker = (tri.speaker[0].idx, tri.speaker[-1].idx + len(tri.speaker[-1].text))
                    theirs.append(Pred([(tri.content.start_char, tri.content.end_char)], speaker))
            except ValueError:
                textacy_bailed += 1  # textacy gives up on an odd number of quotation marks
            seconds["textacy"] += time.perf_counter() - t1

        for view in ("all", "proper"):
            proper_view = view == "proper"
            score(text, golds, [p for _, p in ours], entity_at, tallies[("dossier", view)], proper_view)
            for floor in (0.5, 0.8):
                kept = [p for c, p in ours if c >= floor]
                score(text, golds, kept, entity_at, tallies[(f"dossier>={floor}", view)], proper_view)
            if direct_quotations is not None:
                score(text, golds, theirs, None, tallies[("textacy", view)], proper_view)

    results: dict[str, object] = {
        "split": args.split,
        "articles": len(files),
        "gold_attributions": n_gold,
        "gold_proper": n_proper,
        "annotator_choice": "alphabetically first annotator file per article",
        "parse_seconds": round(parse_seconds, 2) if not args.cached else None,
        "stage_seconds": {k: round(v, 2) for k, v in seconds.items()},
        "categories": dict(sorted(categories.items())),
    }
    if direct_quotations is not None:
        results["textacy_bailed_articles"] = textacy_bailed
    print(f"PolNeAR {args.split} split: {len(files)} articles, {n_gold} attributions ({n_proper} quotes proper)")
    header = f"{'view':8} {'system':13} {'P':>6} {'R':>6} {'F1':>6} {'spk_acc':>8} {'spk_e2e':>8} {'matched':>8}"
    print(header)
    print("-" * len(header))
    for view in ("all", "proper"):
        for system in systems:
            fig = tallies[(system, view)].figures()
            results[f"{system}_{view}"] = fig
            print(
                f"{view:8} {system:13} {fig['precision']:6.3f} {fig['recall']:6.3f} {fig['f1']:6.3f} "
                f"{fig['speaker_acc']:8.3f} {fig['speaker_e2e']:8.3f} {fig['matched_attributions']:8d}"
            )
    print(f"\nexact-match span F1 on {args.split} (strict / punctuation-trimmed; published SOTA is on test):")
    for role, counts in exact.items():
        strict, trim = counts.f1(False), counts.f1(True)
        results[f"exact_{role}"] = {"f1": strict, "f1_trimmed": trim, "pred": counts.n_pred, "gold": counts.n_gold}
        print(f"  {role:8} {strict:6.3f} / {trim:6.3f}   (SOTA test {SOTA_TEST[role]:.3f})")
    table = reliability([c for c, _ in confidence_right], [y for _, y in confidence_right])
    ece = expected_calibration_error(table)
    results["reliability"] = table
    results["ece"] = round(ece, 4)
    print(f"\nreliability on {args.split} (a quote is right when half its words or more are gold content):")
    print(f"  {'bin':9} {'n':>6} {'conf':>6} {'right':>6}")
    for r in table:
        print(f"  {r['bin']:9} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    print(f"  ECE {ece:.3f}; categories {results['categories']}")
    for name, rows in items.items():
        results[f"calibration_{name}"] = calibration(name, rows, gold_counts[name], args.split)
    results["source_kinds"] = {k: {"found": n, "right": r} for k, (n, r) in sorted(source_kinds.items())}
    print(f"  sources by kind (found, right): {results['source_kinds']}")
    if not args.limit:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
