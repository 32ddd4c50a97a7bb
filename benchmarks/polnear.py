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

Run: ``.venv/bin/python -m benchmarks.polnear [--split dev] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data" / "polnear"
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
_WORD = re.compile(r"\w+")

Span = tuple[int, int]


@dataclass
class Gold:
    """One gold attribution."""

    content: list[Span]
    source: list[Span]
    cue: list[Span]
    proper: bool = False


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


def pick_files(split_dir: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) per article; the alphabetically first annotator's file when there are several."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(name, ann)
    return [(split_dir / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def read_ann(path: Path) -> list[Gold]:
    """Attributions of one ``.ann`` file (malformed lines skipped)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, rest = parts[1].partition(" ")
            try:
                frags = [(int(a), int(b)) for a, b in (f.split() for f in rest.split(";"))]
            except ValueError:
                continue
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    out = []
    for r in rels:

        def get(role: str, r: dict[str, str] = r) -> list[Span]:
            key = r.get(role)
            return spans[key][1] if key in spans else []

        if get("Content"):
            out.append(Gold(get("Content"), get("Source"), get("Cue")))
    return out


def words(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the ``\\w+`` tokens inside ``spans``."""
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


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


def head_entity(doc: Any, index: Any, start: int, end: int) -> str | None:
    """The entity of a gold Source's syntactic head ("Brent Bozell III, founder of the Media Research Center" ->
    Brent Bozell III), not of whichever mention inside it is longest; ``doc`` is a spaCy Doc, ``index`` a
    ``MentionIndex``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    ent = index.at(root.idx, root.idx + len(root.text))
    return ent.id if ent is not None else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run both systems on the split and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (while iterating)")
    args = ap.parse_args(argv)
    split_dir = DATA / args.split
    if not split_dir.is_dir():
        print(f"skipped: {split_dir} not found")
        return 0

    from textacy.extract.triples import direct_quotations

    from dossier.engine import analyze_parsed
    from dossier.model import Document
    from dossier.nlp import pipeline
    from dossier.nlp.spans import MentionIndex

    files = pick_files(split_dir)
    if args.limit:
        files = files[: args.limit]
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    nlp = pipeline.load()
    tallies = {(s, v): Tally() for s in ("dossier", "textacy") for v in ("all", "proper")}
    seconds = {"dossier": 0.0, "textacy": 0.0}
    textacy_bailed = 0
    n_gold = n_proper = 0
    t0 = time.perf_counter()
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

        ours = []
        for q in article.quotes:
            cue_lemma = lemmas.get(q.cue_start) if q.cue_start is not None else None
            proper = q.kind != "indirect" or (q.cue or "").lower().startswith("according")
            proper = proper or cue_lemma in PROPER_CUES
            sp = q.speaker
            span = (sp.start, sp.end) if sp and sp.start is not None and sp.end is not None else None
            ours.append(Pred([(q.start, q.end)], span, sp.entity if sp else None, proper))

        t1 = time.perf_counter()
        theirs = []
        try:
            for tri in direct_quotations(doc):
                speaker = (tri.speaker[0].idx, tri.speaker[-1].idx + len(tri.speaker[-1].text))
                theirs.append(Pred([(tri.content.start_char, tri.content.end_char)], speaker))
        except ValueError:
            textacy_bailed += 1  # textacy gives up on an odd number of quotation marks
        seconds["textacy"] += time.perf_counter() - t1

        for view in ("all", "proper"):
            score(text, golds, ours, entity_at, tallies[("dossier", view)], view == "proper")
            score(text, golds, theirs, None, tallies[("textacy", view)], view == "proper")

    results: dict[str, object] = {
        "split": args.split,
        "articles": len(files),
        "gold_attributions": n_gold,
        "gold_proper": n_proper,
        "annotator_choice": "alphabetically first annotator file per article",
        "textacy_bailed_articles": textacy_bailed,
        "parse_seconds": round(parse_seconds, 2),
        "stage_seconds": {k: round(v, 2) for k, v in seconds.items()},
    }
    print(f"PolNeAR {args.split}: {len(files)} articles, {n_gold} attributions ({n_proper} quotes proper)")
    print(f"textacy bailed on {textacy_bailed} articles (odd number of quotation marks)")
    header = f"{'view':8} {'system':8} {'P':>6} {'R':>6} {'F1':>6} {'spk_acc':>8} {'spk_e2e':>8} {'matched':>8}"
    print(header)
    print("-" * len(header))
    for view in ("all", "proper"):
        for system in ("dossier", "textacy"):
            fig = tallies[(system, view)].figures()
            results[f"{system}_{view}"] = fig
            print(
                f"{view:8} {system:8} {fig['precision']:6.3f} {fig['recall']:6.3f} {fig['f1']:6.3f} "
                f"{fig['speaker_acc']:8.3f} {fig['speaker_e2e']:8.3f} {fig['matched_attributions']:8d}"
            )
    if not args.limit:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
