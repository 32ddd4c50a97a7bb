"""Exports parse back: JSONL equals the contract (and ``dossier analyze``), CSV via csv, GraphML via ElementTree."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from dossier.cli import main
from dossier.errors import StoreError
from dossier.model import Article
from dossier.store import Store
from dossier.store.export import CSV_TABLES, export

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture()
def store(tmp_path: Path, store_article: Any) -> Any:
    with Store(str(tmp_path / "d.db")) as s:
        s.write([store_article(1), store_article(2), store_article(3, title='Hostile <script>"&\x01 title')])
        yield s


def _export(store: Store, fmt: str, table: str = "articles") -> str:
    out = io.StringIO()
    export(store, fmt, out, table=table)
    return out.getvalue()


def test_jsonl_is_the_contract_line_by_line(store: Store, store_article: Any) -> None:
    lines = _export(store, "jsonl").splitlines()
    expected = [
        store_article(n, title='Hostile <script>"&\x01 title') if n == 3 else store_article(n) for n in (1, 2, 3)
    ]
    assert lines == [json.dumps(a.to_dict(), ensure_ascii=False) for a in expected]
    assert [Article.from_dict(json.loads(line)) for line in lines] == expected


@pytest.mark.parametrize(
    ("table", "rows", "column", "value"),
    [
        ("articles", 3, "outlet", "Il Tempo"),
        ("entities", 6, "type", "PERSON"),
        ("quotes", 3, "speaker_name", "Artem Zinchenko1"),
        ("sources", 3, "name", "Yahoo News"),
        ("events", 3, "date_value", "2016"),
    ],
)
def test_csv_tables_parse_back_with_a_header(store: Store, table: str, rows: int, column: str, value: str) -> None:
    assert table in CSV_TABLES
    parsed = list(csv.DictReader(io.StringIO(_export(store, "csv", table))))
    assert len(parsed) == rows
    assert parsed[0][column] == value
    assert all(r["article_id" if table != "articles" else "id"].startswith("art-") for r in parsed)


def test_csv_values_survive_commas_quotes_and_newlines(tmp_path: Path, store_article: Any) -> None:
    title = 'He said, "no"\nthen left'
    with Store(str(tmp_path / "d.db")) as s:
        s.write([store_article(1, title=title)])
        parsed = list(csv.DictReader(io.StringIO(_export(s, "csv", "articles"))))
    assert parsed[0]["title"] == title
    assert json.loads(parsed[0]["authors"]) == ["Ann Lee"]


@pytest.mark.parametrize("table", ["nope", "articles_fts", "_migrations"])
def test_csv_unknown_table_is_a_clear_error(store: Store, table: str) -> None:
    with pytest.raises(StoreError, match=f"unknown table '{table}'"):
        _export(store, "csv", table)


def test_unknown_format_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        _export(store, "xlsx")


def test_graphml_is_the_cooccurrence_graph(store: Store) -> None:
    root = ET.fromstring(_export(store, "graphml"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    labels = {
        n.get("id"): n.find("g:data[@key='label']", NS).text  # type: ignore[union-attr]
        for n in graph.findall("g:node", NS)
    }
    # global entities: the person the three articles name (the resolver merged "Artem Zinchenko1/2/3") and Kyiv
    assert sorted(labels.values()) == ["Artem Zinchenko1", "Kyiv"]
    edges = graph.findall("g:edge", NS)
    assert len(edges) == 1
    assert {e.find("g:data[@key='weight']", NS).text for e in edges} == {"3"}  # type: ignore[union-attr]
    counts = [n.find("g:data[@key='articles']", NS).text for n in graph.findall("g:node", NS)]  # type: ignore[union-attr]
    assert sorted(counts) == ["3", "3"]


def test_graphml_carries_hostile_names_as_text(tmp_path: Path, store_article: Any) -> None:
    base = store_article(1)
    hostile = dataclasses.replace(base.entities[1], name='<script>alert("x")</script> & \x01Kyiv')
    with Store(str(tmp_path / "d.db")) as s:
        s.write([dataclasses.replace(base, entities=(base.entities[0], hostile))])
        root = ET.fromstring(_export(s, "graphml"))
    labels = {d.text for d in root.iter(f"{{{NS['g']}}}data") if d.get("key") == "label"}
    assert '<script>alert("x")</script> & Kyiv' in labels


def test_graphml_edge_weight_counts_shared_articles(tmp_path: Path, store_article: Any) -> None:
    with Store(str(tmp_path / "d.db")) as s:
        s.write([store_article(0), store_article(0, id="other", text=store_article(0).text + " Again.")])
        root = ET.fromstring(_export(s, "graphml"))
    weights = [e.find("g:data[@key='weight']", NS).text for e in root.iter(f"{{{NS['g']}}}edge")]  # type: ignore[union-attr]
    assert weights == ["2"]  # Artem Zinchenko and Kyiv appear together in two articles


def test_graphml_of_an_empty_store_is_valid(tmp_path: Path) -> None:
    with Store(str(tmp_path / "d.db")) as s:
        root = ET.fromstring(_export(s, "graphml"))
    assert root.find("g:graph", NS) is not None


@pytest.mark.slow
def test_export_jsonl_equals_analyze_output(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "news.jsonl"
    records.write_text(
        json.dumps({"id": "a", "text": "Maria Petrova said in Odesa on Monday: “We stay.”", "published": "2023-03-10"})
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "d.db")
    assert main(["analyze", str(seed_path), str(records), "--format", "jsonl"]) == 0
    analyzed = capsys.readouterr().out
    assert main(["ingest", str(seed_path), str(records), "--db", db, "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    out = tmp_path / "export.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == analyzed


def test_graphml_uses_global_entities_when_linked(store: Store) -> None:
    store.conn.execute("UPDATE global_entities SET name = 'Artem Zinchenko' WHERE name LIKE 'Artem Zinchenko%'")
    root = ET.fromstring(_export(store, "graphml"))
    labels = sorted(d.text or "" for d in root.iter(f"{{{NS['g']}}}data") if d.get("key") == "label")
    assert labels == ["Artem Zinchenko", "Kyiv"]  # the three per-article people are one global node
    weights = [d.text for d in root.iter(f"{{{NS['g']}}}data") if d.get("key") == "weight"]
    assert weights == ["3"]
