"""Attribution categories (speech, belief, knowledge, finding, plan, document), what is no attribution at all,
and the store's ``quotes-category-001`` migration on a store written before categories existed."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from dossier import analyze
from dossier.model import Article
from dossier.render import render_article
from dossier.store import Store
from dossier.store.db import migrate
from dossier.store.schema import MIGRATIONS


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Smith said that the deal would fail.", "speech"),
        ("“We will win,” Jones said.", "speech"),
        ("Smith believes that the deal will fail.", "belief"),
        ("The council decided that the road would close.", "plan"),
        ("The study found that smoking kills young people.", "finding"),
        ("A new report says the economy grew 3 percent last year.", "document"),
        ("The polls show that Clinton leads in Ohio.", "finding"),
        ("The economy is growing, according to the survey.", "document"),
        ("The economy is growing, according to the minister.", "speech"),
        # a test's findings are not speech (unseen BBC tech/243: "the test revealed that images … were cheaper")
        ("The comprehensive test also revealed that images were cheaper to produce at home.", "finding"),
        # intentions: "wants to / plans to / is seeking to" with the plan as an infinitive (PolNeAR train's largest
        # missed kind that a reader wants; they were no attribution before)
        ("The company plans to cut 300 jobs next year.", "plan"),
        ("Sanders is seeking to win the Democratic nomination in July.", "plan"),
        ("The prime minister wants to hold a referendum on the treaty before the summer.", "plan"),
    ],
)
def test_each_attribution_says_what_it_is(text: str, category: str) -> None:
    quotes = analyze(text).quotes
    assert [q.category for q in quotes] == [category]


@pytest.mark.parametrize(
    "text",
    [
        "Most people know that taxes are high.",
        "The above chart suggests that prices rose sharply.",
        "A video showing that the police had fired first went viral.",
        "The four-seater boasts a top speed of 200 kilometres an hour.",
        "Pelosi shows no signs of backing down from the fight.",
        "If he says that the war is over, we will leave.",
        "Voters who want to change the system can vote in May.",
    ],
)
def test_captions_hypotheticals_and_things_are_not_quotes(text: str) -> None:
    assert analyze(text).quotes == ()


def test_the_text_report_leads_with_speech_and_labels_the_rest() -> None:
    a = analyze("The study found that smoking kills young people. Smith said that the deal would fail.")
    buf = io.StringIO()
    render_article(a.to_dict(), buf)
    out = buf.getvalue()
    said = out.index("Smith said")
    assert out.index("quotes (1)") < said < out.index("other attributions") < out.index("[finding]")


def test_a_contract_without_categories_reads_back_as_speech() -> None:
    d = analyze("Smith said that the deal would fail.").to_dict()
    for q in d["quotes"]:
        del q["category"]
    assert [q.category for q in Article.from_dict(d).quotes] == ["speech"]


def test_a_store_from_before_categories_opens_and_gains_the_column(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, [m for m in MIGRATIONS if m[0] != "quotes-category-001"])
    assert "category" not in [r[1] for r in conn.execute("PRAGMA table_info(quotes)")]
    conn.close()
    store = Store(path)
    try:
        store.write([analyze("The study found that smoking kills young people.")])
    finally:
        store.close()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT category FROM quotes").fetchall() == [("finding",)]
        names = [r[0] for r in raw.execute("SELECT name FROM _migrations")]
        assert "quotes-category-001" in names
    finally:
        raw.close()
