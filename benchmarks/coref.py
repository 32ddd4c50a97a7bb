"""Name-linking benchmark on NewsWCL50 (50 news articles with gold coreference chains).

Run ``python -m benchmarks.coref``. Uses ``$DOSSIER_SHARED/data/newswcl50/cdcr_NewsWCL50.conll`` and
skips politely when absent. Articles are rebuilt from the tokens (one sentence a line). Scored: pairs
of name mentions written differently ("Trump" / "Donald Trump", "Kim" / "Kim Jong - un") that are gold
mentions (up to a title or "the" before them); a pair is linked when dossier puts both in one
entity, and right when the gold puts both in one chain. Beside it, in the same script: dossier
without name linking (which links no differently written pair). NewsWCL50 does not annotate
pronouns, so pronoun resolution is not scored here; its precision is pinned by tests/test_coref.py.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dossier.model import Entity, Layout
from dossier.nlp.entities import EntityOptions, extract_entities
from dossier.nlp.pipeline import load, parse

REPO = Path(__file__).resolve().parents[1]
CONLL = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data" / "newswcl50" / "cdcr_NewsWCL50.conll"
RESULTS = REPO / "benchmarks" / "results" / "coref.json"

Span = tuple[int, int]
Gold = tuple[str, dict[Span, str], dict[str, list[Span]]]


def load_docs(path: Path = CONLL) -> list[Gold]:
    """(text, gold mention span -> chain, chain -> mention spans) per article."""
    docs: list[Gold] = []
    parts: list[str] = []
    chain_of: dict[Span, str] = {}
    members: dict[str, list[Span]] = {}
    open_: dict[str, list[int]] = {}
    pos = 0
    last_sent = None

    def close() -> None:
        if parts:
            docs.append(("".join(parts), dict(chain_of), {k: list(v) for k, v in members.items()}))
        parts.clear()
        chain_of.clear()
        members.clear()
        open_.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#begin"):
            close()
            pos, last_sent = 0, None
            continue
        cols = line.split("\t")
        if len(cols) < 5:
            continue
        sent, token, label = cols[1], cols[3], cols[4].strip()
        if token == "\\n":
            continue  # the corpus marks paragraph ends with a literal backslash-n token
        if last_sent is not None:
            sep = " " if sent == last_sent else "\n"
            parts.append(sep)
            pos += 1
        last_sent = sent
        start, end = pos, pos + len(token)
        parts.append(token)
        pos = end
        for item in (x.strip() for x in label.split("|")):
            if not item or item == "-":
                continue
            name = item.strip("()")
            if item.startswith("("):
                open_.setdefault(name, []).append(start)
            if item.endswith(")") and open_.get(name):
                span = (open_[name].pop(), end)
                chain_of[span] = name
                members.setdefault(name, []).append(span)
    close()
    return docs


def linking(entities: Sequence[Entity], chain_of: dict[Span, str]) -> tuple[int, int, int]:
    """Pairs of differently written name mentions: (same entity and same chain, same entity, same chain)."""
    golds = sorted(chain_of.items(), key=lambda kv: kv[0][1] - kv[0][0])
    found: list[tuple[str, str, str]] = []  # (text, entity id, gold chain)
    for e in entities:
        for m in e.mentions:
            if m.kind != "name":
                continue
            # the gold mention is this name, perhaps after a title or "the" ("Mr. Trump"), not a phrase
            # around it ("U.S. steel producers" is a chain of its own)
            chain = next((c for (a, b), c in golds if m.start - 16 <= a <= m.start and b == m.end), None)
            if chain is not None:
                found.append((m.text, e.id, chain))
    both = ours = gold = 0
    for i, (t1, e1, c1) in enumerate(found):
        for t2, e2, c2 in found[i + 1 :]:
            if t1 == t2:
                continue  # identical strings are trivially linked by any grouping
            ours += e1 == e2
            gold += c1 == c2
            both += e1 == e2 and c1 == c2
    return both, ours, gold


def main() -> int:
    """Score name linking with and without dossier's linking; print a table, write JSON."""
    if not CONLL.exists():
        print(f"skipped: {CONLL} not found")
        return 0
    docs = load_docs()
    nlp = load()
    systems = {"dossier": EntityOptions(), "dossier without name linking": EntityOptions(link=False, coref=False)}
    totals = {name: [0, 0, 0] for name in systems}
    for (text, chain_of, _), doc in zip(docs, parse(nlp, [t for t, _, _ in docs]), strict=True):
        layout = Layout(body=((0, len(text)),))
        for name, options in systems.items():
            for k, v in enumerate(linking(extract_entities(doc, layout, options=options), chain_of)):
                totals[name][k] += v
    print(f"NewsWCL50: {len(docs)} articles; pairs of differently written name mentions that are gold mentions")
    print(f"{'system':30} {'linked':>7} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}")
    results = {}
    for name, (both, ours, gold) in totals.items():
        p = both / ours if ours else 0.0
        r = both / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        results[name] = {"linked": ours, "right": both, "gold": gold, "p": round(p, 3), "r": round(r, 3)}
        print(f"{name:30} {ours:7d} {both:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
    print("(gold chains are concept-level, e.g. 'the White House' joins 'United States': recall is a floor)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"data": "newswcl50", "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
