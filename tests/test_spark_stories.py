"""The cross-article pass of a batch (stories by publication-day window): in-process and on a real local Spark
session it places the articles as each other, and `dossier ingest DIR` of its output builds the stories an
in-process ingest of the same articles, in the same order, builds."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.api import batch, ingest
from dossier.ingest.batch import ENTITIES_DIR, STORIES_DIR, read_assignments, read_entity_assignments
from dossier.spark import stories as story_pass
from dossier.spark.stories import Placed
from dossier.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "newswcl50.jsonl"


def _sets(assigned: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, anchor in assigned.items():
        groups.setdefault(anchor, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_windows_own_and_see_days() -> None:
    assert story_pass.windows_of(100, 10, 5) == (10, range(11, 11))  # 5 days before window 11 start at day 105
    owner, context = story_pass.windows_of(107, 10, 5)
    assert owner == 10 and list(context) == [11]
    owner, context = story_pass.windows_of(109, 2, 5)
    assert owner == 54 and list(context) == [55, 56, 57]


def test_undated_articles_go_with_the_dated_one_before_them() -> None:
    rows = [(0, {"published": None}), (1, {"published": "2018-04-17"}), (2, {"published": None})]
    rows.append((3, {"published": "2018-04-20", "error": None}))
    rows.append((4, {"published": None, "error": "unreadable"}))
    keyed = list(story_pass.keyed_rows(rows, window_days=1, context_days=0))
    day = 736801  # 2018-04-17
    assert [k for k, _ in keyed] == [(story_pass.UNDATED, 0), (day, 1), (day, 2), (day + 3, 3)]


def test_links_join_stories_split_at_a_window_edge() -> None:
    placed = [
        Placed("a", 0, 1, 7, None, True),
        Placed("b", 1, 2, 3, 0.9, True),
        Placed("a", 0, 2, 3, None, False),  # a, seen from window 2 as context, went into b's story there
        Placed("c", 2, 2, 4, None, True),
    ]
    links = list(story_pass.context_links(placed))
    assert links == [((2, 3), (1, 7))]
    got = {a.article_id: a.story for a in story_pass.assignments(placed, links)}
    assert got == {"a": "a", "b": "a", "c": "c"}
    assert {a.article_id: a.story for a in story_pass.assignments(placed, [])} == {"a": "a", "b": "b", "c": "c"}


def test_entity_links_join_shards_through_shared_articles_and_informative_names() -> None:
    placed = [
        Placed("a", 0, 1, 7, None, True, (("E1", 10, ("PERSON~PERSON|vladimir putin",)), ("E2", 11, ()))),
        Placed("b", 1, 2, 3, None, True, (("E1", 20, ("PERSON~PERSON|vladimir putin",)), ("E2", 21, ()))),
        Placed("a", 0, 2, 3, None, False, (("E1", 20, ("PERSON~PERSON|vladimir putin",)), ("E2", 22, ()))),
        Placed("c", 2, 3, 5, None, True, (("E1", 30, ()), ("E2", 31, ("ORG~ORG|kremlin",)))),
    ]
    # a's E2 ("Putin" alone: no informative name) is one entity in shards 1 and 2 because a is in both
    assert sorted(story_pass.entity_context_links(placed)) == [((2, 20), (1, 10)), ((2, 22), (1, 11))]
    assert list(story_pass.entity_name_links(placed)) == [((1, 10), (2, 20))]
    got = {(e.article_id, e.local_id): e.entity for e in story_pass.entity_pass(placed)}
    assert got == {
        ("a", "E1"): "a/E1",
        ("a", "E2"): "a/E2",
        ("b", "E1"): "a/E1",  # the same full name in another window
        ("b", "E2"): "b/E2",  # a bare name in another window, not shared through an article: stays apart
        ("c", "E1"): "c/E1",
        ("c", "E2"): "c/E2",
    }
    alone = {(e.article_id, e.local_id): e.entity for e in story_pass.entity_assignments(placed, [])}
    assert alone[("b", "E1")] == "b/E1"


def test_name_key_is_given_to_informative_names_only() -> None:
    assert story_pass.name_keys("Vladimir Putin", ["Putin", "the president"], "PERSON") == (
        "PERSON~PERSON|vladimir putin",
    )
    assert story_pass.name_keys("Putin", [], "PERSON") == ()
    assert story_pass.name_keys("Vladimir Putin", [], "PERSON", ambiguous=True) == ()
    # a FAC and an ORG of one name may be one referent (as the store's rules say): they share a key
    fac = set(story_pass.name_keys("Center for Strategic Studies", [], "FAC"))
    org = set(story_pass.name_keys("Center for Strategic Studies", [], "ORG"))
    assert fac & org == {"FAC~ORG|center for strategic studies"}
    assert not set(story_pass.name_keys("Georgia", [], "PERSON")) & set(story_pass.name_keys("Georgia", [], "GPE"))
    nodes = [(3, 9), (1, 4), (1, 2), (2, 8)]
    assert list(story_pass.chain(nodes)) == [((1, 2), (2, 8)), ((2, 8), (3, 9))]  # (1, 4) stays as its shard left it


def _entity_sets(db: str) -> set[frozenset[tuple[str, str]]]:
    """A store's global entities, each as the set of (article id, local id) it holds."""
    with Store(db, readonly=True) as store:
        groups: dict[str, set[tuple[str, str]]] = {}
        for article_id, local_id, gid in store.conn.execute("SELECT article_id, local_id, global_id FROM entities"):
            groups.setdefault(str(gid), set()).add((article_id, local_id))
    return {frozenset(g) for g in groups.values()}


def _assigned_sets(assigned: dict[tuple[str, str], str]) -> set[frozenset[tuple[str, str]]]:
    groups: dict[str, set[tuple[str, str]]] = {}
    for key, anchor in assigned.items():
        groups.setdefault(anchor, set()).add(key)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def newswcl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 NewsWCL50 articles (three events, five outlets each, three undated), analysed once by `dossier batch`."""
    root = tmp_path_factory.mktemp("newswcl")
    src = root / "src"
    src.mkdir()
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()[:15]
    (src / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch([str(src)], str(root / "out"), engine="local", workers=1)
    ingest([str(src)], db=str(root / "local.db"), workers=1)
    return root


@pytest.mark.slow
def test_loaded_pass_builds_the_stories_of_an_in_process_ingest(
    newswcl: Path, tmp_path: Path, story_sets: Callable[[str], set[frozenset[str]]]
) -> None:
    out = newswcl / "out"
    expected = story_sets(str(newswcl / "local.db"))
    assert sum(len(s) > 1 for s in expected) >= 2  # real multi-outlet stories
    # one-day windows, each seeing the two days before: the articles fall into three shards (17, 19 and 20 April;
    # the undated ones go with the article before them), and the story of event 1 (four articles on 19 April, one
    # on 20 April) is cut by a window edge and joined again. (With one day of context the fitted story model leaves
    # the 20 April article out: a window's store weighs words by the articles it sees, the approximation the README
    # names.)
    result = story_pass.stories_local(
        str(out), str(out / STORIES_DIR), window_days=1, context_days=2, entities_out=str(out / ENTITIES_DIR)
    )
    assert len({story_pass.stories.day_number(json.loads(line)["published"]) for line in _lines()} - {None}) == 3
    assert _sets({a.article_id: a.story for a in result}) == expected
    db = tmp_path / "from-pass.db"
    ingest([str(out)], db=str(db))
    assert story_sets(str(db)) == expected
    # the entities: merged across the three shards as one in-process ingest merges them
    local_entities = _entity_sets(str(newswcl / "local.db"))
    assert any(len({a for a, _ in g}) >= 5 for g in local_entities)  # an entity named across days and outlets
    assert _assigned_sets(read_entity_assignments(str(out))) == local_entities
    assert _entity_sets(str(db)) == local_entities
    with Store(str(db), readonly=True) as store:
        rules = {r[0] for r in store.conn.execute("SELECT explanation FROM global_entities")}
    assert any("batch's cross-article pass" in r for r in rules)
    # the store follows the pass, not a resolution of its own: without context, the pass keeps one more apart
    alt = tmp_path / "alt"
    shutil.copytree(out, alt, ignore=shutil.ignore_patterns("_*"))
    story_pass.stories_local(
        str(alt), str(alt / STORIES_DIR), window_days=1, context_days=0, entities_out=str(alt / ENTITIES_DIR)
    )
    kept_apart = _assigned_sets(read_entity_assignments(str(alt)))
    assert len(kept_apart) > len(local_entities)
    ingest([str(alt)], db=str(tmp_path / "alt.db"))
    assert _entity_sets(str(tmp_path / "alt.db")) == kept_apart
    # without the day of context, the edge splits that story: the links are what join it
    split = story_pass.stories_local(str(out), str(tmp_path / "split"), window_days=1, context_days=0)
    split_sets = _sets({a.article_id: a.story for a in split})
    assert split_sets != expected
    assert all(any(s <= e for e in expected) for s in split_sets)  # pieces of the stories, never a merge
    # the 20 April article is cut from its 19 April story-mates at the window's edge
    assert not any({"newswcl50-1-R", "newswcl50-1-L"} <= s for s in split_sets)


def _lines() -> list[str]:
    return EXAMPLES.read_text(encoding="utf-8").splitlines()[:15]


@pytest.mark.slow
@pytest.mark.spark
def test_spark_pass_matches_the_in_process_pass(
    newswcl: Path, tmp_path: Path, story_sets: Callable[[str], set[frozenset[str]]]
) -> None:
    pytest.importorskip("pyspark")
    out = newswcl / "out"
    reference = story_pass.stories_local(
        str(out), str(tmp_path / "ref"), window_days=1, context_days=2, entities_out=str(tmp_path / ENTITIES_DIR)
    )
    n = story_pass.stories_spark(
        str(out),
        str(out / STORIES_DIR),
        "local[2]",
        window_days=1,
        context_days=2,
        entities_out=str(out / ENTITIES_DIR),
    )
    assert n == len(reference) == 15
    assert read_assignments(str(out)) == {a.article_id: a.story for a in reference}
    assert read_entity_assignments(str(out)) == read_entity_assignments(str(tmp_path))
    db = tmp_path / "spark.db"
    ingest([str(out)], db=str(db))
    assert story_sets(str(db)) == story_sets(str(newswcl / "local.db"))
