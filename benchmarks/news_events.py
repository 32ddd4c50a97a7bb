"""Events on real news, read by hand: the 50 NewsWCL50 articles of ``examples/newswcl50.jsonl``.

Gold: ``tests/gold/events_newswcl50.jsonl`` (written by ``tests/gold/write_events_gold.py`` from the annotations in
``tests/gold/newswcl50_events/``): every mention of every event of dossier's types that a reader finds in the article,
with its trigger offsets, modality, participants and date, written before dossier's output was looked at. The
articles ship with dossier (CC BY-SA 4.0), so this benchmark needs nothing from ../shared.

Scoring, per article:

- a reported event is **right** when its trigger overlaps a gold mention of the same type (attack and bombing count
  as one type, as do release and exchange); precision = right / reported;
- a gold event is **found** when some reported event is right on one of its mentions; recall = found / gold events;
  the **main event** (marked ``main``) is scored alone as well;
- a right event's **date** is right when its value and the gold date agree as far as the coarser goes ("2018-04"
  and "2018-04-17"), scored where the gold gives a date; ``published`` dates are counted apart.

Splits (by story, so the five reports of one event stay together): **train** stories 0-3, **dev** 4-5 (where the
keep threshold and the participant rule are chosen: ``choose``), **test** 6-9 (held out: reported, never chosen on).

``python -m benchmarks.news_events [--split test] [--table]`` prints precision, recall and main-event recall for
dossier as shipped, and the threshold/participant grid; results go to ``benchmarks/results/news_events.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, write_results

GOLD = REPO / "tests" / "gold" / "events_newswcl50.jsonl"
CORPUS = REPO / "examples" / "newswcl50.jsonl"
SPLITS: Mapping[str, frozenset[int]] = {
    "train": frozenset({0, 1, 2, 3}),
    "dev": frozenset({4, 5}),
    "test": frozenset({6, 7, 8, 9}),
}
"""NewsWCL50 stories in each split."""
SAME_TYPE: Mapping[str, str] = {"bombing": "attack", "exchange": "release", "invasion": "attack"}
"""Types scored as one (the gold says what a reader calls it; dossier may be finer)."""
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 20))
"""Keep thresholds tried."""
TARGET_PRECISION = 0.85
"""The precision the keep threshold must reach on train (the issue asks 0.80 on unseen news)."""


@dataclass(frozen=True, slots=True)
class Mention:
    event: str
    type: str
    start: int
    end: int
    main: bool
    date: str | None
    added: bool = False


@dataclass(frozen=True, slots=True)
class Predicted:
    type: str
    start: int
    end: int
    trigger: str
    date: str | None
    anchor: str | None
    confidence: float
    modality: str
    named: bool


def story(article_id: str) -> int:
    """The NewsWCL50 story of an article id ("newswcl50-3-LL" -> 3)."""
    return int(article_id.split("-")[1])


def load_gold(path: Path = GOLD, *, adjudicated: bool = False) -> dict[str, list[Mention]]:
    """Gold mentions by article id: the first reading, or (``adjudicated``) with the mentions added after comparing
    with dossier's output (real mentions the first reading missed; train and dev only)."""
    out: dict[str, list[Mention]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out[d["id"]] = [
            Mention(m["event"], m["type"], m["start"], m["end"], m["main"], m["date"], m.get("added", False))
            for m in d["mentions"]
            if adjudicated or not m.get("added", False)
        ]
    return out


def _kind(t: str) -> str:
    return SAME_TYPE.get(t, t)


def _dates_agree(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    pred = pred.split("T")[0]
    return pred.startswith(gold) or gold.startswith(pred)


def score(
    preds: Mapping[str, Sequence[Predicted]],
    gold: Mapping[str, Sequence[Mention]],
    undated: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Precision, recall, main-event recall and date accuracy over the articles of ``preds`` (dates not scored in
    the ``undated`` articles, which have no publication date to anchor relative dates)."""
    right = reported = found = events = mains = mains_found = 0
    dated = dated_right = published = 0
    rows = []
    for art, ps in preds.items():
        ms = gold.get(art, [])
        hit_events: set[str] = set()
        art_right = 0
        for p in ps:
            match = [m for m in ms if _kind(m.type) == _kind(p.type) and p.start < m.end and m.start < p.end]
            reported += 1
            if match:
                right += 1
                art_right += 1
                hit_events.update(m.event for m in match)
                gdate = next((m.date for m in match if m.date), None)
                if gdate is not None and art not in undated:
                    dated += 1
                    dated_right += _dates_agree(p.date, gdate)
                    published += p.anchor == "published"
        gold_events = {m.event for m in ms}
        main_events = {m.event for m in ms if m.main}
        events += len(gold_events)
        found += len(gold_events & hit_events)
        mains += len(main_events)
        mains_found += len(main_events & hit_events)
        rows.append(
            {"article": art, "reported": len(ps), "right": art_right, "gold": len(gold_events),
             "missed": len(gold_events - hit_events), "main": f"{len(main_events & hit_events)}/{len(main_events)}"}
        )  # fmt: skip
    p = right / reported if reported else 0.0
    r = found / events if events else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "right": right,
        "reported": reported,
        "found": found,
        "events": events,
        "main_recall": round(mains_found / mains, 3) if mains else None,
        "main": f"{mains_found}/{mains}",
        "date_accuracy": round(dated_right / dated, 3) if dated else None,
        "dated": dated,
        "dated_published": published,
        "articles": rows,
    }


def predicted(events: Iterable[Any]) -> list[Predicted]:
    """dossier's events as what the scorer reads."""
    return [
        Predicted(
            ev.type, ev.start, ev.end, ev.trigger, ev.date.value if ev.date else None,
            ev.date.anchor if ev.date else None, ev.confidence, ev.modality, any(p.entity for p in ev.participants),
        )
        for ev in events
    ]  # fmt: skip


@dataclass
class Analysed:
    """What the events stage needs of one article, computed once."""

    id: str
    values: dict[str, Any]


def analyse(ids: Sequence[str] | None = None) -> list[Analysed]:
    """Parse the NewsWCL50 articles and run the stages the events stage needs (layout, entities, timexes)."""
    from dossier.model import Document
    from dossier.nlp import graph, pipeline

    nlp = pipeline.load()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    if ids is not None:
        records = [r for r in records if r["id"] in ids]
    out = []
    for r in records:
        doc = nlp(r["text"])
        document = Document(text=r["text"], id=r["id"], url=r.get("url"), outlet=r.get("outlet"),
                            published=r.get("published"))  # fmt: skip
        values: dict[str, Any] = {"text": r["text"], "doc": doc, "meta": document, "published": r.get("published")}
        graph.run(values, ("layout", "entities", "timexes"))
        out.append(Analysed(r["id"], values))
    return out


def events_of(a: Analysed, **options: Any) -> list[Predicted]:
    """dossier's events for one analysed article (``options`` go to ``extract_events``)."""
    from dossier.nlp.events import extract_events

    v = a.values
    return predicted(
        extract_events(v["doc"], v["entities"], v["timexes"], published=v["published"], layout=v["layout"], **options)
    )


def grid(articles: Sequence[Analysed], gold: Mapping[str, Sequence[Mention]]) -> list[dict[str, Any]]:
    """Scores by split for every keep threshold, with and without the participant rule."""
    rows = []
    for required in (False, True):
        for t in THRESHOLDS:
            preds = {a.id: events_of(a, threshold=t, require_participant=required) for a in articles}
            row: dict[str, Any] = {"threshold": t, "require_participant": required}
            for name, stories in SPLITS.items():
                s = score({k: v for k, v in preds.items() if story(k) in stories}, gold)
                row[name] = {k: s[k] for k in ("precision", "recall", "f1", "main_recall", "reported")}
            rows.append(row)
    return rows


def choose(rows: Sequence[dict[str, Any]], target: float = TARGET_PRECISION) -> dict[str, Any]:
    """The setting kept: among those reaching ``target`` precision on train, the best recall on dev that still reaches
    the target there (else the best dev precision); ties go to the lower threshold, then no participant rule."""
    ok = [r for r in rows if r["train"]["precision"] >= target] or list(rows)
    on_dev = [r for r in ok if r["dev"]["precision"] >= target]
    if on_dev:
        return max(on_dev, key=lambda r: (r["dev"]["recall"], r["dev"]["precision"], -r["threshold"]))
    return max(ok, key=lambda r: (r["dev"]["precision"], r["dev"]["recall"], -r["threshold"]))


def undated_articles() -> frozenset[str]:
    """Articles with no publication date (the HuffPost ones): their dates are not scored."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return frozenset(r["id"] for r in rows if not r.get("published"))


def report(name: str, s: Mapping[str, Any]) -> str:
    """One line of figures."""
    return (
        f"{name:5}  P {s['precision']:.3f} ({s['right']}/{s['reported']})  R {s['recall']:.3f} "
        f"({s['found']}/{s['events']})  F1 {s['f1']:.3f}  main {s['main']}  dates {s['date_accuracy']} "
        f"of {s['dated']} ({s['dated_published']} from the publication date)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.news_events", description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=[*SPLITS, "all"], default="test", help="the split whose table is printed")
    ap.add_argument("--table", action="store_true", help="print the per-article table (article, found, right, missed)")
    args = ap.parse_args(argv)
    undated = undated_articles()
    articles = analyse()
    shipped = {a.id: events_of(a) for a in articles}
    figures: dict[str, Any] = {}
    for label, adjudicated in (("first reading", False), ("adjudicated", True)):
        gold = load_gold(adjudicated=adjudicated)
        figures[label] = {}
        print(f"dossier as shipped, gold of the {label}:")
        for name, stories in [*SPLITS.items(), ("all", frozenset(range(10)))]:
            s = score({k: v for k, v in shipped.items() if story(k) in stories}, gold, undated)
            figures[label][name] = {k: v for k, v in s.items() if k != "articles"}
            print(report(name, s))
            if args.table and name == args.split and not adjudicated:
                for row in s["articles"]:
                    print(f"   {row['article']:18} reported {row['reported']:3}  right {row['right']:3}  "
                          f"gold {row['gold']:3}  missed {row['missed']:3}  main {row['main']}")  # fmt: skip
    rows = grid(articles, load_gold(adjudicated=True))
    best = choose(rows)
    figures["grid"] = rows
    figures["chosen_on_train_dev"] = best
    print(
        f"chosen on train (P >= {TARGET_PRECISION}) and dev: threshold {best['threshold']}, participant rule "
        f"{'on' if best['require_participant'] else 'off'}; "
        f"test P {best['test']['precision']} R {best['test']['recall']}"
    )
    path = write_results("news_events", figures)
    print(f"written {path.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
