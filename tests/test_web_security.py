"""Hostile articles in a real store: every page escapes them, the API returns them as data, exports stay
well-formed, and the token-guarded ingest endpoint writes through the real analysis."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import JS_URL, PAYLOADS

from dossier.web.app import create_app

pytestmark = pytest.mark.slow  # the store is built by the real analysis (spaCy)

HOSTILE_IDS = ["hostile-record", *(f"hostile-{i}" for i in range(len(PAYLOADS)))]
OUR_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "a", "form", "input", "button",
    "main", "footer", "h1", "h2", "section", "div", "span", "ul", "ol", "li", "p", "small", "strong", "code", "time",
    "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "article", "aside", "mark",
    "svg", "line", "circle", "text", "select", "option", "label",
}  # fmt: skip


class Audit(html.parser.HTMLParser):
    """Collects what would be dangerous if an article's text had become markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in OUR_TAGS:
            self.problems.append(f"unexpected <{tag}>")
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on") or name in ("srcdoc", "style", "formaction"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and not v.startswith(("/", "#", "http://", "https://")):
                self.problems.append(f"<{tag} {name}={v[:40]}>")
        if tag == "script" and dict(attrs).get("src") != "/static/app.js":
            self.problems.append("a script that is not ours")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def audit(page: str) -> Audit:
    a = Audit()
    a.feed(page)
    a.close()
    return a


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(web_db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def pages(client: TestClient) -> dict[str, str]:
    paths = ["/", "/articles", "/search?q=Putin", "/search?q=script", "/search?q=window", "/entities", "/stories"]
    paths += [f"/articles/{i}" for i in HOSTILE_IDS]
    out = {}
    for p in paths:
        r = client.get(p)
        assert r.status_code == 200, p
        out[p] = r.text
    return out


def test_no_page_carries_live_markup_from_an_article(pages: dict[str, str]) -> None:
    for path, page in pages.items():
        assert audit(page).problems == [], path


@pytest.mark.parametrize(
    ("article_id", "payloads"),
    [("hostile-record", PAYLOADS), *((f"hostile-{i}", (p,)) for i, p in enumerate(PAYLOADS))],
)
def test_payloads_show_as_text(pages: dict[str, str], article_id: str, payloads: tuple[str, ...]) -> None:
    text = "".join(audit(pages[f"/articles/{article_id}"]).text)
    for p in payloads:
        assert p in text  # the attack is visible, as the words it is


def test_script_payload_is_escaped(pages: dict[str, str]) -> None:
    for article_id in ("hostile-record", "hostile-0"):
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in pages[f"/articles/{article_id}"]


def test_javascript_urls_are_never_links(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert 'href="javascript' not in page.lower()
    assert JS_URL in "".join(audit(pages["/articles/hostile-record"]).text)  # shown, as text


def test_entity_pages_of_hostile_names(client: TestClient) -> None:
    r = client.get("/entities/" + PAYLOADS[0].replace("/", "%2F"))
    assert r.status_code in (200, 404)
    assert audit(r.text).problems == []


def test_api_returns_payloads_as_json_data(client: TestClient) -> None:
    r = client.get("/api/articles/hostile-record")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.json()
    assert body["title"] == PAYLOADS[0] + PAYLOADS[1]
    assert body["source"]["url"] == JS_URL


def test_exports_stay_well_formed(client: TestClient) -> None:
    lines = client.get("/export/articles.jsonl").text.splitlines()
    assert {json.loads(line)["id"] for line in lines} >= set(HOSTILE_IDS)
    r = client.get("/export/articles.csv")
    assert r.headers["content-disposition"] == 'attachment; filename="dossier-articles.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert next(row for row in rows if row["id"] == "hostile-record")["title"] == PAYLOADS[0] + PAYLOADS[1]
    quotes = list(csv.DictReader(io.StringIO(client.get("/export/quotes.csv").text)))
    assert any(q["text"] == PAYLOADS[1] for q in quotes)
    graph = ET.fromstring(client.get("/export/entities.graphml").content)
    labels = [d.text for d in graph.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert PAYLOADS[0] in labels


@pytest.mark.parametrize("q", ['"unbalanced', "AND", "a*b OR", "NEAR(", "' OR 1=1 --", "\x00", "ü" * 200])
def test_hostile_search_queries(client: TestClient, q: str) -> None:
    for path in ("/api/search", "/search"):
        r = client.get(path, params={"q": q})
        assert r.status_code in (200, 422), (path, q)
        assert "Traceback" not in r.text


def test_ingest_with_the_token_writes_through_the_real_analysis(web_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    text = "Kaja Kallas said on Tuesday that Estonia would “never” return the spy. <script>window.__xss=1</script>"
    with TestClient(create_app(str(db), token="t0ken")) as c:
        refused = c.post("/api/ingest", json={"text": text})
        r = c.post(
            "/api/ingest",
            json={"text": text, "title": "<b>Kallas</b>", "published": "2023-03-07"},
            headers={"Authorization": "Bearer t0ken"},
        )
        assert refused.status_code == 401
        assert r.status_code == 201, r.text
        aid = r.json()["id"]
        assert r.json()["added"] == 1
        again = c.post("/api/ingest", json={"text": text, "title": "<b>Kallas</b>", "published": "2023-03-07"},
                       headers={"Authorization": "Bearer t0ken"})  # fmt: skip
        assert again.json()["skipped"] == 1
        stored = c.get(f"/api/articles/{aid}").json()
        page = c.get(f"/articles/{aid}").text
    assert stored["title"] == "<b>Kallas</b>" and stored["published"] == "2023-03-07"
    assert any(e["name"] == "Kaja Kallas" for e in stored["entities"])
    assert "&lt;b&gt;Kallas&lt;/b&gt;" in page and audit(page).problems == []
