"""A fuzz run of the JSON API and the pages, driven by the app's own ``/openapi.json`` (Hypothesis over the routes).

Invariants: no request gets a 500; every error under ``/api/`` is JSON ``{error, status}`` with a message; a page
error is a page. The store is real (SQLite, the cross-article layer) with hand-built articles, so no spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.store import Store
from dossier.web.app import create_app

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

NASTY_STRINGS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["%", "_", "\\", "'", '"', "' OR 1=1 --", "../../etc/passwd", "%2F", "/", "a/b", "\x00", "\ud800",
                     "NEAR(", "*", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "", " ", "ü" * 300]),
)  # fmt: skip
NASTY_NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "1", "100", "101", "1000001", "-1", "1.5", "1e3", "0x10", "", " 1", "١٢", "²"]),
)
TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from conftest import _store_article

    db = str(tmp_path_factory.mktemp("fuzz") / "d.db")
    with Store(db) as store:
        store.write([_store_article(n) for n in range(4)])
        store.write([_store_article(9, id="https://x.test/a/b")])
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def get_routes(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    spec = client.get("/openapi.json").json()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec["paths"].items() if "get" in ops]


PAGES = ["/", "/search", "/articles", "/articles/{id}", "/entities", "/entities/{id}", "/stories", "/stories/{id}",
         "/export/{table}.csv", "/export/articles.jsonl", "/docs"]  # fmt: skip


def enc(value: str) -> str:
    """``value`` percent-encoded as a client sends it (a lone surrogate becomes the invalid UTF-8 it would be)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def check(r: Any, path: str) -> None:
    assert r.status_code < 500, (path, r.status_code, r.text[:300])
    if r.status_code >= 400 and path.startswith("/api/") and r.request.method != "HEAD":
        body = r.json()
        assert isinstance(body.get("error"), str) and body["error"] and body["status"] == r.status_code, body


@FUZZ
@given(data=st.data())
def test_api_routes_never_answer_500_and_errors_are_json(client: TestClient, data: st.DataObject) -> None:
    routes = get_routes(client)
    path, params = data.draw(st.sampled_from(routes), label="route")
    query: list[str] = []
    url = path
    for p in params:
        schema_text = str(p.get("schema"))
        value = data.draw(NASTY_NUMBERS if "integer" in schema_text else NASTY_STRINGS, label=p["name"])
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", enc(value) or "x")
        elif data.draw(st.booleans(), label=f"send {p['name']}"):
            query.append(f"{p['name']}={enc(value)}")
    method = data.draw(st.sampled_from(["GET", "HEAD"]), label="method")
    r = client.request(method, url + ("?" + "&".join(query) if query else ""))
    check(r, path)


@FUZZ
@given(path=st.sampled_from(PAGES), value=NASTY_STRINGS, q=NASTY_STRINGS, offset=NASTY_NUMBERS)
def test_pages_never_answer_500(client: TestClient, path: str, value: str, q: str, offset: str) -> None:
    url = path.replace("{id}", enc(value) or "x").replace("{table}", enc(value) or "x")
    r = client.get(f"{url}?q={enc(q)}&offset={enc(offset)}")
    check(r, path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | NASTY_STRINGS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    body=st.one_of(
        JSON_VALUES,
        st.fixed_dictionaries(
            {},
            optional={
                "text": JSON_VALUES,
                "published": NASTY_STRINGS,
                "id": JSON_VALUES,
                "title": JSON_VALUES,
                "url": NASTY_STRINGS,
            },
        ),
    )
)
def test_ingest_with_invalid_bodies_is_422_json(client: TestClient, body: object) -> None:
    # only bodies that fail validation (a valid one would run the analysis, which has its own slow tests)
    valid_text = isinstance(body, dict) and isinstance(body.get("text"), str) and body["text"]
    if valid_text:
        body = {**body, "text": 7}  # type: ignore[dict-item]
    r = client.post("/api/ingest", content=json.dumps(body), headers={"Authorization": f"Bearer {TOKEN}",
                                                                     "Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == 422, (r.status_code, r.text[:300])
    check(r, "/api/ingest")


def test_bodies_that_are_not_json_are_refused_with_a_message(client: TestClient) -> None:
    for raw in (b"{", b"\xff\xfe", b'{"text": "\\ud800"', b"[" * 10_000):
        r = client.post("/api/ingest", content=raw, headers={"Authorization": f"Bearer {TOKEN}",
                                                               "Content-Type": "application/json"})  # fmt: skip
        check(r, "/api/ingest")
        assert r.status_code in (400, 422)


def test_fuzz_covers_every_get_route(client: TestClient) -> None:
    assert {p for p, _ in get_routes(client)} >= {"/api/articles", "/api/timeline", "/api/entities/{entity_id}"}
