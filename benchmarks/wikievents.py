"""WikiEvents (Li et al., NAACL 2021) dev set: trigger and argument F1 for the event types dossier covers.

Data: ``../shared/data/wikievents/dev.jsonl`` (20 documents, KAIROS ontology). Not shipped; the
benchmark prints "skipped" and exits 0 when it is absent.

What is scored (docs/events.md has the mapping):

- Gold is **restricted to the KAIROS types that dossier's types map to** (``KAIROS``); events of
  other KAIROS types (movement, transactions, medical ...) are left out of both sides.
- Predictions are dossier's events whose type maps to KAIROS (types with no KAIROS counterpart —
  elections, agreements, sanctions, asylum, espionage ... — are not scored).
- Trigger identification: the predicted trigger overlaps a gold trigger (each gold trigger matched
  once); classification: and the KAIROS type is one dossier's type maps to.
- Argument identification: the predicted participant's span overlaps a gold argument mention of a
  matched gold event, or (``coref``) any mention coreferent with it (WikiEvents' coref clusters);
  classification: and the role maps to the gold role.

Documents are rebuilt from the gold sentences, one sentence per line, and analysed by the full
pipeline (``dossier.engine.analyze_parsed``): entities and timexes are dossier's own, not gold.
Baselines, same scorer: ``keywords`` (a token whose lemma is one of KAIROS' own keywords for the
type) and ``lexicon`` (dossier's trigger lexicon without sense checks or the factuality filter).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import data_dir, require_data, write_results

KAIROS: dict[str, frozenset[str]] = {
    "arrest": frozenset({"Justice.ArrestJailDetain.Unspecified"}),
    "release": frozenset({"Justice.ReleaseParole.Unspecified"}),
    "exchange": frozenset({"Justice.ReleaseParole.Unspecified"}),
    "attack": frozenset({"Conflict.Attack.Unspecified"}),
    "invasion": frozenset({"Conflict.Attack.Unspecified"}),
    "bombing": frozenset({"Conflict.Attack.DetonateExplode"}),
    "protest": frozenset({"Conflict.Demonstrate.Unspecified", "Conflict.Demonstrate.DemonstrateWithViolence"}),
    "death": frozenset({"Life.Die.Unspecified"}),
    "meeting": frozenset({"Contact.Contact.Meet"}),
    "charge": frozenset({"Justice.ChargeIndict.Unspecified"}),
    "trial": frozenset(
        {
            "Justice.TrialHearing.Unspecified",
            "Justice.Convict.Unspecified",
            "Justice.Sentence.Unspecified",
            "Justice.Acquit.Unspecified",
        }
    ),
    "appointment": frozenset({"Personnel.StartPosition.Unspecified"}),
    "resignation": frozenset({"Personnel.EndPosition.Unspecified"}),
    "dismissal": frozenset({"Personnel.EndPosition.Unspecified"}),
    "threat": frozenset({"Contact.ThreatenCoerce.Unspecified"}),
}
"""dossier type -> the KAIROS types it corresponds to."""

ROLES: dict[str, dict[str, str]] = {
    "Justice.ArrestJailDetain.Unspecified": {"agent": "Jailer", "patient": "Detainee", "location": "Place"},
    "Justice.ReleaseParole.Unspecified": {"agent": "JudgeCourt", "patient": "Defendant", "location": "Place"},
    "Conflict.Attack.Unspecified": {"agent": "Attacker", "target": "Target", "location": "Place"},
    "Conflict.Attack.DetonateExplode": {"agent": "Attacker", "target": "Target", "location": "Place"},
    "Conflict.Demonstrate.Unspecified": {"agent": "Demonstrator", "target": "Target", "location": "Place"},
    "Conflict.Demonstrate.DemonstrateWithViolence": {"agent": "Demonstrator", "target": "Target", "location": "Place"},
    "Life.Die.Unspecified": {"patient": "Victim", "agent": "Killer", "location": "Place"},
    "Contact.Contact.Meet": {"participant": "Participant", "host": "Participant", "location": "Place"},
    "Justice.ChargeIndict.Unspecified": {"agent": "Prosecutor", "patient": "Defendant", "location": "Place"},
    "Justice.TrialHearing.Unspecified": {"agent": "JudgeCourt", "patient": "Defendant", "location": "Place"},
    "Justice.Convict.Unspecified": {"agent": "JudgeCourt", "patient": "Defendant", "location": "Place"},
    "Justice.Sentence.Unspecified": {"agent": "JudgeCourt", "patient": "Defendant", "location": "Place"},
    "Justice.Acquit.Unspecified": {"agent": "JudgeCourt", "patient": "Defendant", "location": "Place"},
    "Personnel.StartPosition.Unspecified": {"patient": "Employee", "organization": "PlaceOfEmployment"},
    "Personnel.EndPosition.Unspecified": {"patient": "Employee", "organization": "PlaceOfEmployment"},
    "Contact.ThreatenCoerce.Unspecified": {"agent": "Communicator", "target": "Recipient"},
}
"""KAIROS type -> dossier role -> KAIROS role."""

COVERED = frozenset(t for ts in KAIROS.values() for t in ts)


@dataclass
class GoldEvent:
    """One gold event with character spans."""

    type: str
    trigger: tuple[int, int]
    args: list[tuple[str, list[tuple[int, int]], tuple[int, int]]] = field(default_factory=list)
    """(role, spans of the argument and its coreferent mentions, span of the argument itself)."""


@dataclass
class PredEvent:
    """One predicted event in KAIROS terms: dossier type, trigger span, (role, span) arguments."""

    type: str
    trigger: tuple[int, int]
    args: list[tuple[str, tuple[int, int]]] = field(default_factory=list)


def rebuild(doc: dict[str, Any], clusters: list[list[str]]) -> tuple[str, list[GoldEvent]]:
    """The document's text (one gold sentence a line) and its gold events of covered types."""
    offsets: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    for toks, sent_text in doc["sentences"]:
        base = toks[0][1]
        for _w, s, e in toks:
            offsets.append((pos + s - base, pos + e - base))
        parts.append(sent_text)
        pos += len(sent_text) + 1
    text = "\n".join(parts)

    def span(start: int, end: int) -> tuple[int, int]:
        return offsets[start][0], offsets[end - 1][1]

    mentions = {m["id"]: span(m["start"], m["end"]) for m in doc["entity_mentions"]}
    cluster_of = {m: c for c in clusters for m in c}
    gold = []
    for ev in doc["event_mentions"]:
        if ev["event_type"] not in COVERED:
            continue
        g = GoldEvent(ev["event_type"], span(ev["trigger"]["start"], ev["trigger"]["end"]))
        for a in ev["arguments"]:
            own = mentions[a["entity_id"]]
            coref = [mentions[m] for m in cluster_of.get(a["entity_id"], [a["entity_id"]]) if m in mentions]
            g.args.append((a["role"], coref or [own], own))
        gold.append(g)
    return text, gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(pairs: Iterable[tuple[list[PredEvent], list[GoldEvent]]]) -> dict[str, dict[str, Any]]:
    """Trigger and argument identification/classification P/R/F1 over documents."""
    c = dict.fromkeys(("n_pred", "n_gold", "tid", "tcl", "a_pred", "a_gold", "aid", "acl", "aid_coref", "acl_coref"), 0)
    for preds, golds in pairs:
        c["n_pred"] += len(preds)
        c["n_gold"] += len(golds)
        c["a_pred"] += sum(len(p.args) for p in preds)
        c["a_gold"] += sum(len(g.args) for g in golds)
        used_id: set[int] = set()
        used_cl: set[int] = set()
        for p in preds:
            kinds = KAIROS.get(p.type, frozenset())
            ident = next((i for i, g in enumerate(golds) if i not in used_id and _overlap(p.trigger, g.trigger)), None)
            if ident is None:
                ident = next((i for i, g in enumerate(golds) if _overlap(p.trigger, g.trigger)), None)
            else:
                used_id.add(ident)
                c["tid"] += 1
            klass = next(
                (
                    i
                    for i, g in enumerate(golds)
                    if i not in used_cl and _overlap(p.trigger, g.trigger) and g.type in kinds
                ),
                None,
            )
            if klass is not None:
                used_cl.add(klass)
                c["tcl"] += 1
            target = golds[klass] if klass is not None else (golds[ident] if ident is not None else None)
            if target is None:
                continue
            roles = ROLES.get(target.type, {})
            taken_head: set[int] = set()
            taken_coref: set[int] = set()
            for role, s in p.args:
                for j, (grole, _corefs, own) in enumerate(target.args):
                    if j not in taken_head and _overlap(s, own):
                        taken_head.add(j)
                        c["aid"] += 1
                        c["acl"] += int(klass is not None and roles.get(role) == grole)
                        break
                for j, (grole, corefs, _own) in enumerate(target.args):
                    if j not in taken_coref and any(_overlap(s, m) for m in corefs):
                        taken_coref.add(j)
                        c["aid_coref"] += 1
                        c["acl_coref"] += int(klass is not None and roles.get(role) == grole)
                        break

    def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}

    return {
        "trigger_id": prf(c["tid"], c["n_pred"], c["n_gold"]),
        "trigger_cls": prf(c["tcl"], c["n_pred"], c["n_gold"]),
        "arg_id": prf(c["aid"], c["a_pred"], c["a_gold"]),
        "arg_cls": prf(c["acl"], c["a_pred"], c["a_gold"]),
        "arg_id_coref": prf(c["aid_coref"], c["a_pred"], c["a_gold"]),
        "arg_cls_coref": prf(c["acl_coref"], c["a_pred"], c["a_gold"]),
        "counts": {"pred_events": c["n_pred"], "gold_events": c["n_gold"], "pred_args": c["a_pred"]}
        | {"gold_args": c["a_gold"]},
    }


def _keyword_baseline(docs: list[Any], ontology: dict[str, Any]) -> list[list[PredEvent]]:
    """Tokens whose lemma is one of KAIROS' keywords for a covered type (first type wins)."""
    by_lemma: dict[str, str] = {}
    for kairos, spec in ontology.items():
        if kairos in COVERED:
            for kw in spec["keywords"]:
                by_lemma.setdefault(kw.lower(), kairos)
    to_dossier = {k: d for d, ks in KAIROS.items() for k in ks}
    out = []
    for doc in docs:
        preds = []
        for t in doc:
            found = by_lemma.get(t.lemma_.lower()) or by_lemma.get(t.lower_)
            if found and t.pos_ in ("VERB", "NOUN"):
                preds.append(PredEvent(to_dossier[found], (t.idx, t.idx + len(t.text))))
        out.append(preds)
    return out


def _lexicon_baseline(docs: list[Any]) -> list[list[PredEvent]]:
    """dossier's trigger lexicon with no sense checks, support verbs or factuality filter."""
    from dossier.nlp.events.taxonomy import SENSE_INDEX

    out = []
    for doc in docs:
        preds = []
        for t in doc:
            sense = SENSE_INDEX.get((t.lemma_.lower(), "VERB" if t.pos_ == "VERB" else "NOUN"))
            if sense is not None and t.pos_ in ("VERB", "NOUN") and sense.type in KAIROS:
                preds.append(PredEvent(sense.type, (t.idx, t.idx + len(t.text))))
        out.append(preds)
    return out


def _dossier_preds(events: Iterable[Any]) -> list[PredEvent]:
    preds = []
    for ev in events:
        if ev.type not in KAIROS:
            continue
        args = [(p.role, (p.start, p.end)) for p in ev.participants if p.start is not None and p.end is not None]
        preds.append(PredEvent(ev.type, (ev.start, ev.end), args))
    return preds


GAME_PRONE = ("attack", "invasion", "meeting", "visit", "protest", "release", "trial", "resignation")
"""Types whose words match reports use for the game itself ("they meet Wales", "a series of attacks")."""


def sport_probe(nlp: Any, n: int = 100) -> dict[str, Any] | None:
    """Events dossier finds in BBC sport articles (every 5th of ../shared/data/bbc/sport), by type.

    Sport reports have few political events, so events of game-prone types there are mostly false
    positives; the lexicon baseline counts those types' trigger words without any check.
    """
    from collections import Counter

    from dossier.engine import analyze_parsed
    from dossier.model import Document
    from dossier.nlp import pipeline

    root = data_dir("bbc")
    if root is None:
        return None
    files = sorted((root / "sport").glob("*.txt"))[::5][:n]
    texts = [f.read_text(encoding="latin-1") for f in files]
    docs = list(pipeline.parse(nlp, texts))
    found: Counter[str] = Counter()
    for text, doc in zip(texts, docs, strict=True):
        found.update(e.type for e in analyze_parsed(Document(text=text, published="2005-01-01"), doc).events)
    lexicon = Counter(p.type for preds in _lexicon_baseline(docs) for p in preds)
    return {
        "articles": len(files),
        "events": sum(found.values()),
        "by_type": dict(found.most_common()),
        "game_prone_events": sum(found[t] for t in GAME_PRONE),
        "lexicon_game_prone_triggers": sum(lexicon[t] for t in GAME_PRONE),
    }


def main() -> None:
    """Run the benchmark and print the table."""
    root = require_data("wikievents")
    from dossier.engine import analyze_parsed
    from dossier.model import Document
    from dossier.nlp import pipeline
    from dossier.nlp.events import extract_events

    raw = [json.loads(line) for line in (root / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    clusters = {}
    coref_path = root / "coref-dev.jsonlines"
    if coref_path.exists():
        for line in coref_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                clusters[row["doc_key"]] = row["clusters"]
    ontology = json.loads((root / "event_role_KAIROS.json").read_text(encoding="utf-8"))
    rebuilt = [rebuild(d, clusters.get(d["doc_id"], [])) for d in raw]
    nlp = pipeline.load()
    docs = list(pipeline.parse(nlp, (t for t, _ in rebuilt)))
    golds = [g for _, g in rebuilt]
    articles = [analyze_parsed(Document(text=t), doc) for (t, _), doc in zip(rebuilt, docs, strict=True)]
    # WikiEvents annotates every mention: score dossier's mentions before merging repeats (the
    # article's events, one per real-world event, are scored too, as "dossier merged")
    mentions = [
        _dossier_preds(extract_events(doc, a.entities, a.timexes, published=a.published, merge=False))
        for a, doc in zip(articles, docs, strict=True)
    ]
    happened = frozenset({"asserted", "reported"})
    asserted = [
        _dossier_preds(
            extract_events(doc, a.entities, a.timexes, published=a.published, merge=False, modalities=happened)
        )
        for a, doc in zip(articles, docs, strict=True)
    ]
    systems = {
        "dossier": score(zip(mentions, golds, strict=True)),
        "dossier happened": score(zip(asserted, golds, strict=True)),
        "dossier merged": score(zip((_dossier_preds(a.events) for a in articles), golds, strict=True)),
        "lexicon only": score(zip(_lexicon_baseline(docs), golds, strict=True)),
        "KAIROS keywords": score(zip(_keyword_baseline(docs, ontology), golds, strict=True)),
    }
    gold_types = sorted({g.type for gs in golds for g in gs})
    print(f"WikiEvents dev: {len(raw)} documents; gold restricted to {len(gold_types)} KAIROS types dossier covers")
    print(f"({sum(len(g) for g in golds)} of {sum(len(d['event_mentions']) for d in raw)} gold events)")
    head = f"{'system':18} {'trig-id P/R/F1':>18} {'trig-cls P/R/F1':>18} {'arg-id P/R/F1':>18} {'arg-cls P/R/F1':>18}"
    print(head)
    for name, sc in systems.items():
        cells = [sc[k] for k in ("trigger_id", "trigger_cls", "arg_id", "arg_cls")]
        print(f"{name:18} " + " ".join(f"{c['p']:.2f}/{c['r']:.2f}/{c['f1']:.2f}".rjust(18) for c in cells))
    d = systems["dossier"]
    print(
        f"dossier, coreferent mentions count as the argument: arg-id {d['arg_id_coref']['f1']:.2f} F1 "
        f"(P {d['arg_id_coref']['p']:.2f}), arg-cls {d['arg_cls_coref']['f1']:.2f} F1 (P {d['arg_cls_coref']['p']:.2f})"
    )
    print("counts:", d["counts"])
    probe = sport_probe(nlp)
    if probe is None:
        print("sport probe skipped: ../shared/data/bbc not found")
    else:
        print(
            f"BBC sport probe ({probe['articles']} articles): {probe['events']} events, "
            f"{probe['game_prone_events']} of game-prone types {GAME_PRONE} "
            f"(lexicon only: {probe['lexicon_game_prone_triggers']} triggers); by type {probe['by_type']}"
        )
    path = write_results(
        "wikievents",
        {"data": "wikievents/dev.jsonl", "gold_types": gold_types, "mapping": {k: sorted(v) for k, v in KAIROS.items()}}
        | {"systems": systems, "bbc_sport_probe": probe},
    )
    print(f"written: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
