"""Writes events_newswcl50.jsonl from the hand annotations in newswcl50_events/story*.txt.

The annotations were written by reading each NewsWCL50 article (examples/newswcl50.jsonl, CC BY-SA 4.0) before
looking at what dossier finds in it. A line names one mention of one event:

    e3 meeting future main | a summit [meeting] between Mr. Kim | Kim Jong-un; Donald Trump | 2018-04

the event id (mentions of one real event share it), the type (dossier's taxonomy, docs/events.md), the modality
(asserted / reported / negated / future), ``main`` for the article's main event, the text around the mention with
its trigger in brackets (it must occur in the article; every occurrence counts), the participants and the date a
reader gives it from the text (ISO prefix; ``-`` when the text does not date it). A line that starts with ``+`` was
added after dossier's output was compared with the gold (a real mention the first reading missed); it is marked
``"added": true`` so that scores can be given with and without those additions. This script turns the text into
character offsets and fails on any snippet it cannot find. Run: python tests/gold/write_events_gold.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "examples" / "newswcl50.jsonl"
OUT = HERE / "events_newswcl50.jsonl"


def parse(path: Path, texts: dict[str, str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    art = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):
            art = line[1:].strip()
            if art not in texts:
                sys.exit(f"{path}:{n}: unknown article {art}")
            out.setdefault(art, [])
            continue
        added = line.startswith("+")
        head, snippet, parts, when = (x.strip() for x in line.lstrip("+ ").split("|"))
        words = head.split()
        eid, etype, modality = words[:3]
        if modality not in ("asserted", "reported", "negated", "future"):
            sys.exit(f"{path}:{n}: modality {modality!r}")
        if "[" not in snippet or "]" not in snippet:
            sys.exit(f"{path}:{n}: no [trigger] in {snippet!r}")
        plain = snippet.replace("[", "").replace("]", "")
        before = snippet.index("[")
        trigger = snippet[before + 1 : snippet.index("]")]
        text = texts[art].replace("\xa0", " ")  # same length: offsets hold
        plain = plain.replace("\xa0", " ")
        hits = [i for i in range(len(text)) if text.startswith(plain, i)]
        if not hits:
            sys.exit(f"{path}:{n}: {art}: not found: {plain!r}")
        for i in hits:
            out[art].append(
                {
                    "event": eid,
                    "type": etype,
                    "modality": modality,
                    "main": "main" in words[3:],
                    "trigger": trigger,
                    "start": i + before,
                    "end": i + before + len(trigger),
                    "participants": [p.strip() for p in parts.split(";") if p.strip() not in ("", "-")],
                    "date": None if when == "-" else when,
                    "added": added,
                }
            )
    return out


def main() -> None:
    texts = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    gold: dict[str, list[dict]] = {}
    for path in sorted(HERE.glob("newswcl50_events/story*.txt")):
        gold.update(parse(path, texts))
    with OUT.open("w", encoding="utf-8") as f:
        for art in sorted(gold, key=lambda a: (int(a.split("-")[1]), a)):
            f.write(json.dumps({"id": art, "mentions": gold[art]}, ensure_ascii=False) + "\n")
    events: Counter[str] = Counter()
    for ms in gold.values():
        for key in {(m["event"], m["type"]) for m in ms}:
            events[key[1]] += 1
    n_mentions = sum(len(ms) for ms in gold.values())
    n_added = sum(m["added"] for ms in gold.values() for m in ms)
    print(f"{len(gold)} articles, {sum(events.values())} events, {n_mentions} mentions ({n_added} added after)")
    print(", ".join(f"{t} {c}" for t, c in events.most_common()))


if __name__ == "__main__":
    main()
