"""Word lists and tables shipped as data: every file is well formed, and the loader says what is wrong when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.nlp import lexicons

FILES = sorted(lexicons.LEXICON_DIR.glob("*.tsv"))


def test_the_package_ships_its_lexicons() -> None:
    assert {"cue_verbs", "quote_words", "names", "outlets", "outlet_words"} <= {p.stem for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_table_says_what_a_row_means_then_has_a_header_and_clean_rows(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 20, "first line must say what a row means"
    rows = lexicons.table(path.stem)
    assert rows, "no rows"
    header = list(rows[0])
    first = header[0]
    keys = [tuple(r.values()) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate rows"
    for r in rows:
        assert r[first] == r[first].strip() and r[first], f"empty or padded {first!r} cell: {r}"


def test_cue_categories_are_the_documented_ones() -> None:
    cats = {r["category"] for r in lexicons.table("cue_verbs")}
    assert cats == {"speech", "belief", "knowledge", "finding", "plan"}
    assert lexicons.mapping("cue_verbs", "lemma", "category")["say"] == "speech"
    assert "believe" in lexicons.words("cue_verbs", kind="thought")


def test_the_loader_reads_comments_header_rows_and_short_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.tsv").write_text("# what a row means\nword\tlist\tgender\nmr\thonorific\tm\ndr\thonorific\n\n")
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    lexicons.table.cache_clear()
    try:
        assert lexicons.table("t") == ({"word": "mr", "list": "honorific", "gender": "m"},
                                       {"word": "dr", "list": "honorific", "gender": ""})  # fmt: skip
        assert lexicons.words("t", list="honorific") == {"mr", "dr"}
        assert lexicons.words("t", column="gender", word="mr") == {"m"}
    finally:
        lexicons.table.cache_clear()


@pytest.mark.parametrize(
    ("content", "message"),
    [("# only a comment\n", "no header row"), ("# c\na\tb\n1\t2\t3\n", "row 2 has 3 cells for 2 columns")],
)
def test_a_malformed_table_is_named_with_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    (tmp_path / "bad.tsv").write_text(content)
    monkeypatch.setattr(lexicons, "LEXICON_DIR", tmp_path)
    lexicons.table.cache_clear()
    try:
        with pytest.raises(lexicons.LexiconError, match=message):
            lexicons.table("bad")
        with pytest.raises(lexicons.LexiconError, match="cannot read"):
            lexicons.table("missing")
    finally:
        lexicons.table.cache_clear()


def test_the_event_taxonomy_data_is_consistent() -> None:
    from dossier.nlp.events import taxonomy

    data = taxonomy._taxonomy()
    assert data["_about"].startswith("dossier's event taxonomy")
    assert {s.type for s in taxonomy.SENSES} <= set(taxonomy.TYPES)
    assert sum(len(v) for v in taxonomy.SENSES_OF.values()) == len(taxonomy.SENSES)
    assert [s.type for s in taxonomy.SENSES_OF[("strike", "NOUN")]] == ["attack", "protest"]  # both reachable
    assert taxonomy.SENSE_INDEX[("arrest", "NOUN")].blocked >= {"cardiac"}  # list cells come back as sets
    assert all(s.pos in ("VERB", "NOUN") for s in taxonomy.SENSES)
