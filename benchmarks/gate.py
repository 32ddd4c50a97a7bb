"""Quality gate on dossier's own hand-annotated gold set (``tests/gold/news_gold.jsonl``, shippable).

Thirteen news-style articles written and annotated for this project: entities, quotes with speakers and
categories (speech, belief, knowledge, finding, plan, document), TIMEX3 values, media sources, events.
``python -m benchmarks.gate`` prints the scores;
``tests/test_quality_gate.py`` fails when a score drops below its floor in ``tests/gold/baseline.json``
(the gold file's digest is pinned there too, so a changed gold set cannot pass silently).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from benchmarks.common import REPO

GOLD = REPO / "tests" / "gold" / "news_gold.jsonl"
BASELINE = REPO / "tests" / "gold" / "baseline.json"


def digest(path: Path = GOLD) -> str:
    """sha256 of the gold file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _norm(name: str) -> str:
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.I)
    return re.sub(r"['’]s$", "", name).casefold()


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.casefold()))


def _prf(tp: float, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(articles: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Scores of analysed articles (contract dicts, same order) against the gold annotations."""
    ent = [0, 0, 0, 0]  # tp_pred, n_pred, tp_gold, n_gold
    quo = [0, 0, 0, 0]
    spk = [0, 0]
    cat = [0, 0]
    tx = [0, 0, 0, 0]
    val = [0, 0]
    src = [0, 0, 0]
    evt = [0, 0]
    for a, g in zip(articles, gold, strict=True):
        kept = [e for e in a["entities"] if e["type"] in {"PERSON", "ORG", "GPE", "LOC", "FAC"}]
        gold_names = {_norm(n): t for n, t in g["entities"]}
        pred_forms = [({_norm(x) for x in [e["name"], *e["aliases"]]}, e["type"]) for e in kept]
        ent[1] += len(kept)
        ent[0] += sum(1 for forms, _t in pred_forms if forms & set(gold_names))
        ent[3] += len(gold_names)
        ent[2] += sum(
            1
            for n, t in gold_names.items()
            if any(n in forms and (t == pt or {t, pt} <= {"GPE", "LOC", "FAC"}) for forms, pt in pred_forms)
        )
        # quotes: content overlap (token Jaccard-ish: half the gold words)
        quo[1] += len(a["quotes"])
        quo[3] += len(g["quotes"])
        for q in a["quotes"]:
            if any(len(_words(q["text"]) & _words(gq[0])) >= 0.5 * len(_words(gq[0])) for gq in g["quotes"]):
                quo[0] += 1
        for gq, speaker, _kind, *rest in g["quotes"]:
            gw = _words(gq)
            match = next((q for q in a["quotes"] if len(_words(q["text"]) & gw) >= 0.5 * len(gw)), None)
            if match is None:
                continue
            quo[2] += 1
            # the attribution's category: a gold quote without one is speech
            cat[1] += 1
            cat[0] += int((match.get("category") or "speech") == (rest[0] if rest else "speech"))
            if speaker[:1].isupper() and not speaker.lower().startswith(("a ", "the ")):
                spk[1] += 1
                name = (match.get("speaker") or {}).get("name") or ""
                if _words(speaker.split()[-1]) <= _words(name):
                    spk[0] += 1
        # timexes: relaxed (overlap) match, value on matches
        tx[1] += len(a["timexes"])
        tx[3] += len(g["timexes"])
        text = a["text"]
        for gt, gv in g["timexes"]:
            gs = text.find(gt)
            hit = next((t for t in a["timexes"] if t["start"] < gs + len(gt) and gs < t["end"]), None)
            if hit:
                tx[2] += 1
                val[1] += 1
                val[0] += int(hit["value"] == gv)
        for t in a["timexes"]:
            if any(t["start"] < text.find(gt) + len(gt) and text.find(gt) < t["end"] for gt, _ in g["timexes"]):
                tx[0] += 1
        # sources: names
        pred_src = {_norm(s["name"]) for s in a["sources"] if s["kind"] != "byline"}
        gold_src = {_norm(s) for s in g["sources"]}
        src[0] += len(pred_src & gold_src)
        src[1] += len(pred_src)
        src[2] += len(gold_src)
        # events: type and one named participant
        for etype, parts in g["events"]:
            evt[1] += 1
            names = {_norm(p) for p in parts}
            for e in a["events"]:
                got = {_norm(p["name"]) for p in e["participants"]} | {_norm(e.get("location") or "")}
                if e["type"] == etype and got & names:
                    evt[0] += 1
                    break
    qp = quo[0] / quo[1] if quo[1] else 0.0
    qr = quo[2] / quo[3] if quo[3] else 0.0
    ep = ent[0] / ent[1] if ent[1] else 0.0
    er = ent[2] / ent[3] if ent[3] else 0.0
    tp_ = tx[0] / tx[1] if tx[1] else 0.0
    tr = tx[2] / tx[3] if tx[3] else 0.0
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return {
        "entities": {"p": ep, "r": er, "f1": f1(ep, er)},
        "quotes": {"p": qp, "r": qr, "f1": f1(qp, qr)},
        "speakers": {"accuracy": spk[0] / spk[1] if spk[1] else 0.0},
        "categories": {"accuracy": cat[0] / cat[1] if cat[1] else 0.0},
        "timexes": {"p": tp_, "r": tr, "f1": f1(tp_, tr)},
        "timex_values": {"accuracy": val[0] / val[1] if val[1] else 0.0},
        "sources": _prf(src[0], src[1], src[2]),
        "events": {"recall": evt[0] / evt[1] if evt[1] else 0.0},
    }


def run() -> dict[str, dict[str, float]]:
    """Analyse the gold articles with the real pipeline and score them."""
    from dossier.engine import analyze_documents
    from dossier.model import Document

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(text=g["text"], id=g["id"], published=g["published"]) for g in gold]
    return score([a.to_dict() for a in analyze_documents(docs)], gold)


def main() -> None:
    scores = run()
    for k, v in scores.items():
        print(f"{k:14}" + "  ".join(f"{m}={x:.3f}" for m, x in v.items()))
    print(f"gold digest {digest()[:12]}")


if __name__ == "__main__":
    main()
