"""The JSON contract: schema-valid, every offset indexes into `text`, records round-trip."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

import dossier
from dossier.model import Article


def _schema() -> dict[str, Any]:
    return json.loads(resources.files("dossier").joinpath("schema/article.schema.json").read_text("utf-8"))


def _spans(a: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    """Every (what, start, end, text) the contract claims."""
    out = []
    for e in a["entities"]:
        out += [("mention", m["start"], m["end"], m["text"]) for m in e["mentions"]]
    out += [("quote", q["start"], q["end"], q["text"]) for q in a["quotes"]]
    out += [("source", s["start"], s["end"], s["text"]) for s in a["sources"]]
    out += [("timex", t["start"], t["end"], t["text"]) for t in a["timexes"]]
    out += [("event", ev["start"], ev["end"], ev["trigger"]) for ev in a["events"]]
    return out


@pytest.mark.slow
def test_seed_contract_is_schema_valid_and_offsets_line_up(seed_article: Article, seed_text: str) -> None:
    a = seed_article.to_dict()
    jsonschema.validate(a, _schema())
    assert a["text"] == seed_text  # plain text is analysed verbatim
    spans = _spans(a)
    assert spans, "the seed must yield extracted items"
    for what, start, end, text in spans:
        assert a["text"][start:end] == text, (what, start, end, text)
    for start, end in a["body"]:
        assert 0 <= start < end <= len(a["text"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Line one by Jane Doe.\r\nAngela Merkel said in Berlin on Monday: “We will act.”\r\n",
        "Émile Zola’s heirs met François Hollande in Paris. « C’est fini », a-t-il dit.",
        "\ufeffMOSCOW (Reuters) - Russia’s President Vladimir Putin said on Friday that talks would resume.",
    ],
)
def test_offsets_line_up_on_awkward_text(text: str) -> None:
    a = dossier.analyze(text, published="2024-05-03").to_dict()
    jsonschema.validate(a, _schema())
    assert a["text"] == text
    for what, start, end, span_text in _spans(a):
        assert text[start:end] == span_text, what


@pytest.mark.slow
def test_article_round_trips_through_its_dict(seed_article: Article) -> None:
    d = seed_article.to_dict()
    again = Article.from_dict(json.loads(json.dumps(d)))
    assert again == seed_article
    assert again.to_dict() == d


def test_ids_are_stable_content_hashes() -> None:
    from dossier.engine import article_id
    from dossier.model import Document

    a = article_id(Document(text="Same text."))
    assert a == article_id(Document(text="Same text.")) and len(a) == 16
    assert a != article_id(Document(text="Other text."))
    assert article_id(Document(text="x", id="rec-7")) == "rec-7"
