"""Loading stories decided by the cross-article pass (``dossier batch --stories``) against scoring them in the writer.

    python -m benchmarks.story_load [--articles 400]

The same synthetic articles (``benchmarks.web_load``'s generator: stories of four rewrites) are written through
``Store.write`` twice, into two new stores: once scoring story candidates as an in-process ingest does, once with
each article's story given (``stories_of``: the first article of the story the first run built, as the pass
names them). Reports CPU and wall time per article and whether both stores hold the same stories. Needs no
shared data.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import write_results
from benchmarks.web_load import synthetic_articles


def _write(db: Path, articles: list[Any], stories_of: dict[str, str] | None) -> tuple[float, float, list[list[str]]]:
    from dossier.store import Store

    with Store(str(db)) as store:
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(0, len(articles), 50):
            store.write(articles[i : i + 50], stories_of=stories_of)
        cpu_ms = (time.process_time() - cpu) * 1000 / len(articles)
        wall_ms = (time.perf_counter() - wall) * 1000 / len(articles)
        groups: dict[int, list[str]] = {}
        for article_id, story in store.conn.execute("SELECT article_id, story_id FROM story_articles ORDER BY rowid"):
            groups.setdefault(int(story), []).append(article_id)
    return cpu_ms, wall_ms, list(groups.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args(argv)
    articles = list(synthetic_articles(0, args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        scored_cpu, scored_wall, groups = _write(Path(tmp) / "scored.db", articles, None)
        anchors = {a: members[0] for members in groups for a in members}  # members in arrival order
        given_cpu, given_wall, given = _write(Path(tmp) / "given.db", articles, anchors)
    same = {frozenset(g) for g in groups} == {frozenset(g) for g in given}
    print(
        f"{args.articles} articles, {len(groups)} stories: scoring in the writer {scored_cpu:.1f} ms CPU/article"
        f" ({scored_wall:.0f} ms wall); stories given by the pass {given_cpu:.1f} ms CPU ({given_wall:.0f} ms wall);"
        f" same stories: {same}"
    )
    path = write_results(
        "story_load",
        {
            "articles": args.articles,
            "stories": len(groups),
            "scored_cpu_ms_per_article": round(scored_cpu, 2),
            "scored_wall_ms_per_article": round(scored_wall, 1),
            "given_cpu_ms_per_article": round(given_cpu, 2),
            "given_wall_ms_per_article": round(given_wall, 1),
            "same_stories": same,
        },
    )
    print(f"wrote {path}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
