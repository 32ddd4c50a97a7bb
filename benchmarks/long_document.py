"""Long documents: time and peak memory of ``dossier analyze`` on one very long one-line text.

Issue 17's target: a 5 MB one-line text analysed in under 60 s and 800 MB. Each run is a fresh process (so that
its peak RSS is its own) running the CLI's path (``analyze_paths`` on a file):

- ``baseline``: the whole text in one go, as before pieces and the cap (``PIECE_CHARS`` and ``--max-chars``
  lifted), on ``--baseline-mb`` (the full 5 MB baseline took 345 s and 2 GB in the issue);
- ``pieces``: the same text analysed in pieces, no cap;
- ``default``: the 5 MB text with the defaults (cut at the 2 MiB cap with a warning, analysed in pieces).

Two kinds of text: ``filler`` (long words, as in tests/test_bad_input.py: spaCy's share small) and ``prose``
(the bundled NewsWCL50 texts repeated, joined onto one line: spaCy's share large).

    python -m benchmarks.long_document [--mb 5] [--baseline-mb 1] [--kinds filler,prose]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import REPO, machine, write_results


def make_text(kind: str, chars: int) -> str:
    """A one-line text of ``chars`` characters."""
    if kind == "filler":
        word = "council" + "x" * 42 + " "
        return (word * (chars // len(word) + 1))[: chars - 27] + "Ann Lee then flew to Paris."
    texts = [json.loads(line)["text"] for line in (REPO / "examples" / "newswcl50.jsonl").open(encoding="utf-8")]
    blob = " ".join(" ".join(t.split()) for t in texts)
    return (blob * (chars // len(blob) + 1))[:chars]


def _run(path: str, mode: str, out: Any) -> None:
    """In a child process: analyse ``path`` as the CLI does; report seconds, peak RSS, what came out."""
    from dossier import pieces
    from dossier.api import analyze_paths
    from dossier.engine import Options
    from dossier.nlp import pipeline

    pipeline.load()
    options = Options(max_chars=None)
    if mode == "baseline":
        pieces.PIECE_CHARS = 1 << 40
    elif mode == "default":
        options = Options()
    start = time.perf_counter()
    (article,) = list(analyze_paths([path], options))
    seconds = time.perf_counter() - start
    out.send(
        {
            "seconds": round(seconds, 1),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "chars_analysed": len(article.text),  # type: ignore[union-attr]
            "entities": len(article.entities),  # type: ignore[union-attr]
            "warnings": [w[:120] for w in article.warnings if w.startswith("text:")],  # type: ignore[union-attr]
        }
    )


def measure(path: str, mode: str) -> dict[str, Any]:
    """One run in a fresh process."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_run, args=(path, mode, child))
    proc.start()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="size of the long text, in MB (default: 5)")
    ap.add_argument("--baseline-mb", type=float, default=1.0, help="size for the whole-text baseline (default: 1)")
    ap.add_argument("--kinds", default="filler,prose", help="texts to run: filler, prose (default: both)")
    args = ap.parse_args()
    figures: dict[str, Any] = {"target": "5 MB one-line text: < 60 s and < 800 MB"}
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for mode, mb in (("baseline", args.baseline_mb), ("pieces", args.baseline_mb), ("default", args.mb)):
                path = Path(tmp) / f"{kind}-{mb}.txt"
                if not path.exists():
                    path.write_text(make_text(kind, int(mb * 1024 * 1024)), encoding="utf-8")
                result = measure(str(path), mode)
                figures[f"{kind} {mode} {mb} MB"] = result
                print(
                    f"{kind:7} {mode:8} {mb:4} MB  {result['seconds']:7.1f} s  {result['peak_rss_mb']:6} MB peak  "
                    f"{result['chars_analysed']:>9,} chars analysed  {result['entities']} entities",
                    flush=True,
                )
    print(f"wrote {write_results('long_document', figures)}", file=sys.stderr)


if __name__ == "__main__":
    main()
