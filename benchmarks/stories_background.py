"""Choose ``BACKGROUND_DOCUMENTS``: how many general news articles a store's IDF counts beside its own.

Uses ``$DOSSIER_SHARED/data`` (ECB+ topics 1-35 and NewsWCL50; skips when absent). For each value tried, the
ECB+ held-out measure of ``benchmarks.stories`` (each topic fold placed through a real store by the model fitted
without it; file order and ``--shuffles`` random orders) and the NewsWCL50 regression check (chronological, file
and shuffled orders, and without publication dates), all with the same analyses. ECB+ topics 1-35 are the
development data: the value is chosen on them (mean of the file and shuffled orders), with NewsWCL50 allowed to
fall by no more than ``--tolerance``. Writes ``benchmarks/results/stories-background.json``.

Run: ``.venv/bin/python -m benchmarks.stories_background [--values 0 300 1000] [--shuffles 3]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from benchmarks.common import write_results
from benchmarks.stories import analysed, dossier_rows, held_out_rows, load_set
from dossier.corpus import stories as st

VALUES = (0, 100, 300, 1000, 3000)


def _mean_f1(rows: Sequence[dict[str, object]]) -> float:
    """The mean F1 of a set's dossier rows (every order, and the undated run, weigh alike)."""
    f1s = [float(r["f1"]) for r in rows if str(r["method"]).startswith("dossier")]  # type: ignore[arg-type]
    return sum(f1s) / len(f1s)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sweep; print a table; write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--values", type=int, nargs="+", default=list(VALUES), help="background sizes tried")
    parser.add_argument("--shuffles", type=int, default=3, help="random orders per set (default 3)")
    parser.add_argument("--tolerance", type=float, default=0.01, help="NewsWCL50 mean F1 it may lose (default 0.01)")
    parser.add_argument("--jobs", type=int, default=1, help="processes placing the ECB+ folds")
    args = parser.parse_args(argv)
    ecb, wcl = load_set("ecbplus"), load_set("newswcl50")
    if ecb is None or wcl is None:
        print("skipped: ../shared/data/ecbplus or newswcl50 not found (set DOSSIER_SHARED to the shared folder)")
        return 0
    ecb_articles, wcl_articles = analysed("ecbplus", ecb), analysed("newswcl50", wcl)
    ecb_gold, topic = {r.id: r.story for r in ecb}, {r.id: r.topic for r in ecb}
    wcl_gold = {r.id: r.story for r in wcl}
    runs = []
    for value in args.values:
        st.BACKGROUND_DOCUMENTS = value
        t0 = time.perf_counter()
        ecb_rows = held_out_rows(ecb_articles, ecb_gold, topic, args.shuffles, args.jobs)
        wcl_rows, _ = dossier_rows(wcl_articles, wcl_gold, args.shuffles)
        run = {
            "background_documents": value,
            "ecbplus_mean_f1": round(_mean_f1(ecb_rows), 4),
            "newswcl50_mean_f1": round(_mean_f1(wcl_rows), 4),
            "ecbplus": ecb_rows,
            "newswcl50": wcl_rows,
            "seconds": round(time.perf_counter() - t0),
        }
        runs.append(run)
        cells = "  ".join(f"{r['method'].split(', ', 1)[1][:18]} {r['f1']:.3f}" for r in ecb_rows)  # type: ignore[union-attr]
        wcells = "  ".join(f"{r['method'].split(', ', 1)[1][:18]} {r['f1']:.3f}" for r in wcl_rows)  # type: ignore[union-attr]
        print(f"background {value:>5}: ECB+ held-out {run['ecbplus_mean_f1']:.3f} ({cells})", flush=True)
        print(f"{'':>17} NewsWCL50 {run['newswcl50_mean_f1']:.3f} ({wcells})", flush=True)
    base = next((r for r in runs if r["background_documents"] == 0), runs[0])
    allowed = [r for r in runs if float(r["newswcl50_mean_f1"]) >= float(base["newswcl50_mean_f1"]) - args.tolerance]  # type: ignore[arg-type]
    chosen = max(allowed, key=lambda r: (float(r["ecbplus_mean_f1"]), -int(r["background_documents"])))  # type: ignore[arg-type]
    ecb_f1, wcl_f1 = chosen["ecbplus_mean_f1"], chosen["newswcl50_mean_f1"]
    print(f"chosen: {chosen['background_documents']} (ECB+ {ecb_f1}, NewsWCL50 {wcl_f1})")
    write_results(
        "stories-background",
        {
            "words_per_document": st.BACKGROUND_WORDS,
            "shuffles": args.shuffles,
            "tolerance": args.tolerance,
            "chosen": chosen["background_documents"],
            "runs": runs,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
