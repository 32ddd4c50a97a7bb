"""The web app over an in-memory stand-in store: JSON API, bounds, errors, OpenAPI, pages, pure renderers."""

from __future__ import annotations

import html.parser
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.web import charts
from dossier.web.app import create_app
from dossier.web.highlight import Mark, article_html, highlight, snippet_html
from dossier.web.pages import safe_url
from dossier.web.security import host_of, token_ok

TEXT = 'Artem Zinchenko said "I chose Estonia" in 2023, Yahoo News reported. <b>bold</b> & more.'


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def article_dict(n: int = 0) -> dict[str, Any]:
    """A contract dict with one record of every kind, offsets into TEXT."""
    z, q, y, t = _span("Artem Zinchenko"), _span('"I chose Estonia"'), _span("Yahoo News"), _span("2023")
    return {
        "id": f"a{n}",
        "source": {"url": f"https://example.org/{n}"},
        "title": f"Spy {n} seeks asylum",
        "outlet": "Il Tempo",
        "authors": ["Ann Lee"],
        "published": f"2023-03-{n + 1:02d}",
        "language": "en",
        "text": TEXT,
        "body": [[0, len(TEXT)]],
        "entities": [
            {
                "id": "E1",
                "name": "Artem Zinchenko",
                "type": "PERSON",
                "global_id": "7",
                "mentions": [dict(zip(("start", "end"), z, strict=True), text="Artem Zinchenko")],
            },
            {
                "id": "E2",
                "name": "Estonia",
                "type": "GPE",
                "mentions": [{"start": q[0] + 9, "end": q[0] + 16, "text": "Estonia"}],
            },
        ],
        "quotes": [
            {
                "text": "I chose Estonia",
                "start": q[0],
                "end": q[1],
                "kind": "direct",
                "speaker": {"name": "Artem Zinchenko", "entity": "E1", "start": z[0], "end": z[1]},
                "cue": "said",
                "confidence": 0.9,
                "cue_start": z[1] + 1,
                "cue_end": z[1] + 5,
            }
        ],
        "sources": [
            {"name": "Yahoo News", "kind": "reported_by", "text": "Yahoo News reported", "start": y[0], "end": y[1] + 9}
        ],
        "timexes": [{"text": "2023", "start": t[0], "end": t[1], "type": "DATE", "value": "2023"}],
        "events": [
            {
                "type": "asylum",
                "cameo": "0233",
                "trigger": "chose",
                "start": q[0] + 3,
                "end": q[0] + 8,
                "sentence": TEXT[:60],
                "date": {"text": "2023", "value": "2023", "basis": "clause"},
                "participants": [{"role": "agent", "name": "Artem Zinchenko"}],
                "location": "Estonia",
                "confidence": 0.5,
            }
        ],
        "warnings": [],
        "story": "s1",
    }


class FakeStore:
    """The read side of ``Store`` in memory (the web app's stand-in, as httpx's MockTransport is)."""

    def __init__(self, n: int = 5, *, fail: Exception | None = None) -> None:
        self.docs = {f"a{i}": article_dict(i) for i in range(n)}
        self.fail = fail
        self.calls: list[tuple[str, Any]] = []
        self.closed = False

    def _check(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))
        if self.fail is not None:
            raise self.fail

    def stats(self) -> dict[str, int]:
        self._check("stats")
        return {"articles": len(self.docs), "entities": 2, "quotes": len(self.docs), "stories": 1}

    def article(self, article_id: str) -> dict[str, Any] | None:
        self._check("article", article_id)
        return self.docs.get(article_id)

    def articles(self, *, limit: int = 50, offset: int = 0, since: str | None = None) -> list[dict[str, Any]]:
        self._check("articles", limit, offset)
        self.since = since
        rows = [{k: d[k] for k in ("id", "title", "outlet", "published")} for d in reversed(self.docs.values())]
        return rows[offset : offset + limit] if since is None else rows[:1]

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        self._check("search", query, limit, offset)
        hits = [d for d in self.docs.values() if query.lower() in d["text"].lower()]
        return [{"id": d["id"], "title": d["title"], "snippet": f"[{query}] said", "rank": -1.0} for d in hits][
            offset : offset + limit
        ]

    def entities(
        self, query: str | None = None, *, types: tuple[str, ...] = (), limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        self._check("entities", query, types, limit, offset)
        rows = [
            {
                "id": "7",
                "name": "Artem Zinchenko",
                "type": "PERSON",
                "aliases": ["Zinchenko"],
                "articles": 5,
                "mentions": 9,
            },
            {"id": "8", "name": "Estonia", "type": "GPE", "aliases": [], "articles": 5, "mentions": 5},
        ]
        rows = [
            r for r in rows if (not query or query.lower() in r["name"].lower()) and (not types or r["type"] in types)
        ]
        return rows[offset : offset + limit]

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        self._check("entity", name_or_id)
        if name_or_id not in ("7", "Zinchenko"):
            return None
        return {
            "id": "7",
            "name": "Artem Zinchenko",
            "type": "PERSON",
            "aliases": ["Zinchenko", "Artem Zinchenko"],
            "why_merged": ["same surname, compatible first names"],
            "articles": [{"id": "a0", "title": "Spy 0", "outlet": "Il Tempo", "published": "2023-03-01"}],
            "timeline": [
                {
                    "date": "2016",
                    "type": "arrest",
                    "trigger": "arrested",
                    "sentence": "He was arrested in 2016.",
                    "article_id": "a0",
                },
                {"date": "2017-05", "type": "release", "sentence": "Released in 2017.", "article_id": "a1"},
                {"date": None, "type": "flee", "sentence": "Undated."},
            ],
            "quotes_by": [{"text": "I chose Estonia", "speaker": {"name": "Artem Zinchenko"}, "article_id": "a0"}],
            "quotes_about": [],
            "sources": [{"name": "Yahoo News", "kind": "reported_by", "count": 2}],
            "co_occurring": [
                {"id": "8", "name": "Estonia", "type": "GPE", "count": 5},
                {"id": "9", "name": "Russia", "type": "GPE", "count": 2},
            ],
        }

    def stories(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        self._check("stories", limit, offset)
        story = self.story("s1")
        return ([story] if story else [])[offset : offset + limit]

    def story(self, story_id: str) -> dict[str, Any] | None:
        self._check("story", story_id)
        if story_id != "s1":
            return None
        arts = [
            {
                "id": d["id"],
                "title": d["title"],
                "outlet": f"Outlet {i % 2}",
                "published": d["published"],
                "url": "javascript:alert(1)",
            }
            for i, d in enumerate(self.docs.values())
        ]
        return {
            "id": "s1",
            "title": "Spy swap",
            "articles": arts,
            "first_published": "2023-03-01",
            "original": {"article": "a0", "outlet": "Outlet 0", "basis": "derived"},
            "outlets": ["Outlet 0", "Outlet 1"],
            "independent_sources": ["Outlet 0"],
            "provenance": [
                {"from_article": "a1", "to_article": "a0", "kind": "rewrite", "similarity": 0.9},
                {"from_article": "a2", "to_article": None, "to_outlet": "Yahoo News", "kind": "cites"},
            ],
        }

    def timeline(self, entity: str | None = None, *, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
        self._check("timeline", entity, limit)
        return [{"date": "2016", "type": "arrest", "sentence": "He was arrested."}][offset : offset + limit]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        altered: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        self._check("quotes", speaker, story, altered, limit, offset)
        group = self.quote_group("q1")
        return ([group] if group and speaker in (None, "7") else [])[offset : offset + limit]

    def quote_group(self, group_id: str) -> dict[str, Any] | None:
        self._check("quote_group", group_id)
        if group_id != "q1":
            return None
        speaker = {"name": "Artem Zinchenko", "entity": "7"}
        first = {"article": "a0", "outlet": "Yahoo News", "published": "2023-03-01"}
        return {
            "id": "q1",
            "text": "I chose Estonia <script>window.__xss=1</script>",
            "speaker": speaker,
            "first": first,
            "appearances": [
                {**first, "text": "I chose Estonia", "speaker": speaker, "relation": "first", "changes": []},
                {
                    "article": "a1",
                    "outlet": "Il Tempo",
                    "published": "2023-03-02",
                    "text": "I chose <b>Estonia</b> 40,000",
                    "speaker": {"name": "Vladimir Putin", "entity": "9"},
                    "relation": "misattributed",
                    "changes": [
                        {"op": "replace", "from": "4,000", "to": "<i>40,000</i>", "number": "4,000 → 40,000"},
                    ],
                },
            ],
        }

    def close(self) -> None:
        self.closed = True


@pytest.fixture()
def fake() -> FakeStore:
    return FakeStore()


@pytest.fixture()
def client(fake: FakeStore) -> Iterator[TestClient]:
    with TestClient(create_app(":fake:", store_factory=lambda: fake)) as c:
        yield c


# ---------------------------------------------------------------- JSON API
def test_stats_are_counted_once_per_ttl(client: TestClient, fake: FakeStore) -> None:
    for path in ("/api/stats", "/", "/api/stats"):
        assert client.get(path).status_code == 200
    assert client.get("/api/stats").json()["articles"] == 5
    assert [c for c in fake.calls if c[0] == "stats"] == [("stats", ())]


def test_stale_stats_are_served_while_recounting(fake: FakeStore) -> None:
    import time

    from dossier.web.stores import StatsCache, StorePool

    cache, pool = StatsCache(ttl=0.0), StorePool(lambda: fake)
    first = cache.get(pool)
    fake.docs.pop("a0")
    assert cache.get(pool) == first  # stale answer at once, recount started behind it
    deadline = time.monotonic() + 5
    while cache.get(pool)["articles"] != 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get(pool)["articles"] == 4


def test_recent_cache_serves_repeats_refreshes_stale_values_and_computes_once() -> None:
    import threading
    import time

    from dossier.web.stores import RecentCache

    calls: list[str] = []
    value = {"v": 1}

    def compute() -> int:
        calls.append("now")
        time.sleep(0.05)
        return value["v"]

    cache = RecentCache(ttl=60.0, size=2)
    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", compute))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [1, 1, 1, 1] and calls == ["now"]  # four concurrent first requests, one computation
    value["v"] = 2
    assert cache.get("k", compute) == 1 and calls == ["now"]  # fresh enough: a repeat costs no computation
    cache.ttl = 0.0
    assert cache.get("k", compute, lambda: value["v"]) == 1  # stale: served at once, recomputed behind it
    deadline = time.monotonic() + 5
    while cache.get("k", compute, lambda: value["v"]) != 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("k", compute, lambda: value["v"]) == 2 and calls == ["now"]
    cache.ttl = 60.0
    cache.get("a", lambda: 10)
    cache.get("b", lambda: 20)  # a third key: the least recently used ("k") goes
    assert cache.get("k", lambda: 30) == 30


def test_entity_page_and_dossier_are_kept_for_repeat_requests(client: TestClient, fake: FakeStore) -> None:
    first = client.get("/api/entities/7")
    page = client.get("/entities/7")
    assert first.status_code == page.status_code == 200
    before = len([c for c in fake.calls if c[0] == "entity"])
    assert client.get("/api/entities/7").json() == first.json()
    assert client.get("/entities/7").text == page.text
    assert len([c for c in fake.calls if c[0] == "entity"]) == before
    assert client.get("/entities/nope").status_code == 404  # an unknown entity is kept as unknown, still a 404
    assert client.get("/entities/nope").status_code == 404


@pytest.mark.parametrize(
    ("query", "ids", "next_offset"),
    [
        ("limit=2", ["a4", "a3"], 2),
        ("limit=2&offset=2", ["a2", "a1"], 4),
        ("limit=2&offset=4", ["a0"], None),
        ("offset=9", [], None),
        ("", ["a4", "a3", "a2", "a1", "a0"], None),
    ],
)
def test_articles_paginate(client: TestClient, query: str, ids: list[str], next_offset: int | None) -> None:
    body = client.get(f"/api/articles?{query}").json()
    assert [a["id"] for a in body["items"]] == ids
    assert body["next_offset"] == next_offset


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("/api/articles?limit=0", "query.limit"),
        ("/api/articles?limit=101", "query.limit"),
        ("/api/articles?limit=x", "query.limit"),
        ("/api/articles?offset=-1", "query.offset"),
        ("/api/articles?offset=1000001", "query.offset"),
        ("/api/search", "query.q"),
        ("/api/search?q=", "query.q"),
        ("/api/search?q=" + "a" * 201, "query.q"),
        ("/api/entities?q=" + "a" * 201, "query.q"),
        ("/api/articles/" + "x" * 201, "path.article_id"),
        ("/api/timeline?limit=101", "query.limit"),
        ("/api/timeline?offset=-1", "query.offset"),
    ],
)
def test_bounds_are_422_with_a_clear_message(client: TestClient, fake: FakeStore, path: str, where: str) -> None:
    r = client.get(path)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422
    assert body["error"].startswith(f"invalid request: {where}:")
    assert [d["where"] for d in body["details"]] == [where]
    assert "a" * 201 not in r.text  # the rejected input is not echoed back
    assert fake.calls == []  # the store was never asked


def test_limit_asks_the_store_for_one_more(client: TestClient, fake: FakeStore) -> None:
    client.get("/api/articles?limit=100&offset=3")
    assert fake.calls == [("articles", (101, 3))]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/a1", 200),
        ("/api/articles/nope", 404),
        ("/api/entities/7", 200),
        ("/api/entities/nope", 404),
        ("/api/stories/s1", 200),
        ("/api/stories/nope", 404),
        ("/api/nope", 404),
        ("/api/articles/a%2F..%2F", 404),
    ],
)
def test_items_and_404s(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    if status == 404:
        assert r.json()["status"] == 404 and r.json()["error"]


def test_article_is_the_contract(client: TestClient, fake: FakeStore) -> None:
    assert client.get("/api/articles/a2").json() == fake.docs["a2"]


def test_article_tolerates_missing_optional_fields(fake: FakeStore) -> None:
    fake.docs["bare"] = {"id": "bare", "text": "Just text."}
    with TestClient(create_app(":fake:", store_factory=lambda: fake)) as c:
        assert c.get("/api/articles/bare").json()["text"] == "Just text."
        page = c.get("/articles/bare")
    assert page.status_code == 200
    assert "Just text." in page.text and "(untitled: its first sentence)" in page.text


def test_entities_filter_by_query_and_type(client: TestClient, fake: FakeStore) -> None:
    body = client.get("/api/entities?q=zinch&type=PERSON&type=ORG").json()
    assert [e["id"] for e in body["items"]] == ["7"]
    assert fake.calls[-1] == ("entities", ("zinch", ("PERSON", "ORG"), 51, 0))
    assert client.get("/api/entities?type=ORG").json()["items"] == []


def test_search_and_timeline(client: TestClient) -> None:
    assert [h["id"] for h in client.get("/api/search?q=Zinchenko&limit=2").json()["items"]] == ["a0", "a1"]
    assert client.get("/api/search?q=nothing-like-it").json() == {
        "items": [],
        "limit": 20,
        "offset": 0,
        "next_offset": None,
    }
    assert client.get("/api/timeline?entity=Zinchenko").json()["items"][0]["type"] == "arrest"


def test_store_failure_is_a_generic_500_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    store = FakeStore(fail=RuntimeError("secret detail at /home/me/db.sqlite"))
    with (
        TestClient(create_app(":fake:", store_factory=lambda: store), raise_server_exceptions=False) as c,
        caplog.at_level(logging.ERROR, "dossier.web"),
    ):
        api, page = c.get("/api/stats"), c.get("/")
    assert api.status_code == page.status_code == 500
    for r in (api, page):
        assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    assert api.json()["error"].startswith("internal error")
    assert "secret detail" in caplog.text  # the details stay in the server's log


# ---------------------------------------------------------------- OpenAPI
def test_openapi_document_is_valid_and_complete(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)
    paths = set(spec["paths"])
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/stats",
        "/api/ingest",
        "/api/quotes",
        "/api/quotes/{group_id}",
    ):
        assert p in paths
    assert not any(p.startswith(("/export", "/articles", "/static")) for p in paths)  # pages are not the API
    limit = next(p for p in spec["paths"]["/api/articles"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 100 and limit["schema"]["minimum"] == 1
    assert spec["paths"]["/api/ingest"]["post"]["security"] == [{"HTTPBearer": []}]


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles",
        "/api/articles/a0",
        "/api/search?q=said",
        "/api/entities",
        "/api/entities/7",
        "/api/stories",
        "/api/stories/s1",
        "/api/stats",
        "/api/quotes",
        "/api/quotes/q1",
    ],
)
def test_responses_match_their_openapi_schema(client: TestClient, path: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    spec = client.get("/openapi.json").json()
    route = path.split("?")[0]
    template = next(t for t in spec["paths"] if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", t), route))
    schema = spec["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(client.get(path).json(), {**schema, "components": spec["components"]})


def test_no_cdn_docs(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/articles/{article_id}" in docs.text
    assert "cdn" not in docs.text.lower() and '<script src="http' not in docs.text


# ---------------------------------------------------------------- write guard, hosts, headers
@pytest.mark.parametrize(
    ("token", "headers", "status"),
    [
        (None, {}, 403),
        (None, {"Authorization": "Bearer anything"}, 403),
        ("s3cret", {}, 401),
        ("s3cret", {"Authorization": "Bearer wrong"}, 401),
        ("s3cret", {"Authorization": "Basic s3cret"}, 401),
        ("s3cret", {"Authorization": "Bearer s3cret", "Content-Length": "99999999"}, 413),
    ],
)
def test_writes_need_the_token(fake: FakeStore, token: str | None, headers: dict[str, str], status: int) -> None:
    with TestClient(create_app(":fake:", token=token, store_factory=lambda: fake)) as c:
        r = c.post("/api/ingest", content=b'{"text": "x"}', headers={"Content-Type": "application/json", **headers})
    assert r.status_code == status
    assert r.json()["status"] == status
    if status == 401:
        assert r.headers["www-authenticate"].startswith("Bearer")


def test_a_valid_token_reaches_validation(fake: FakeStore) -> None:
    with TestClient(create_app(":fake:", token="s3cret", store_factory=lambda: fake)) as c:
        r = c.post("/api/ingest", json={"text": ""}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 422  # past the guard; the empty text is refused by the body model


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("evil.example:8000", 400),
        ("127.0.0.1.evil.example", 400),
    ],
)
def test_unknown_host_headers_are_refused(fake: FakeStore, host: str, status: int) -> None:
    app = create_app(":fake:", allowed_hosts=("127.0.0.1", "localhost", "::1"), store_factory=lambda: fake)
    with TestClient(app) as c:
        assert c.get("/api/stats", headers={"Host": host}).status_code == status


@pytest.mark.parametrize(
    "path", ["/", "/api/stats", "/static/style.css", "/nope", "/api/nope", "/api/articles?limit=0"]
)
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    assert "script-src 'self'" in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert "'unsafe-inline'" not in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


# ---------------------------------------------------------------- pages
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Spy 4 seeks asylum"),
        ("/search?q=Zinchenko", '<a class="chip ent-PERSON" href="/entities/7">'),
        ("/search?q=Zinchenko", "<mark>Zinchenko</mark>"),
        ("/search", "Type words"),
        ("/articles", "Spy 0 seeks asylum"),
        ("/articles/a0", 'data-speaker="Artem Zinchenko"'),
        ("/articles/a0", 'href="/entities/7"'),
        ("/entities", "Artem Zinchenko"),
        ("/entities/7", '<svg class="timeline"'),
        ("/entities/7", '<svg class="graph"'),
        ("/entities/7", "same surname, compatible first names"),
        ("/stories", "Spy swap"),
        ("/stories/s1", '<svg class="lanes"'),
        ("/stories/s1", "role-original"),
        ("/stories/s1", '<a href="/articles/a2">Outlet 0</a>'),
        ("/stories/s1", "<strong>Yahoo News</strong>"),
        ("/stories/s1", "Original: <strong>Outlet 0</strong>"),
    ],
)
def test_pages_render(client: TestClient, path: str, expected: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert expected in r.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/articles/nope", 404),
        ("/entities/nope", 404),
        ("/stories/nope", 404),
        ("/search?q=" + "z" * 201, 422),
        ("/articles?offset=-5", 422),
    ],
)
def test_page_errors_are_pages(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert f"<h1>{status}</h1>" in r.text


def test_story_page_never_links_a_javascript_url(client: TestClient) -> None:
    assert "javascript:" not in client.get("/stories/s1").text


# ---------------------------------------------------------------- pure renderers
class _Balance(html.parser.HTMLParser):
    """Checks spans nest properly and collects the text back."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.ids = 0, "", []  # type: ignore[var-annotated]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "span"
        self.depth += 1
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag: str) -> None:
        assert tag == "span"
        self.depth -= 1
        assert self.depth >= 0

    def handle_data(self, data: str) -> None:
        self.text += data


SPANS = [
    [],
    [(0, 5)],
    [(0, 10), (2, 4)],  # nested
    [(0, 6), (3, 9)],  # crossing
    [(0, 6), (3, 9), (5, 12), (1, 2)],  # chains of crossings
    [(2, 2), (5, 3), (-4, 3), (8, 99)],  # empty, reversed, out of range
]


@pytest.mark.parametrize("spans", SPANS)
def test_highlight_nests_and_keeps_the_text(spans: list[tuple[int, int]]) -> None:
    text = "<a>&b\"c'd</a> é"
    marks = [Mark(a, b, "entity", (("class", "x"),), f"m{i}") for i, (a, b) in enumerate(spans)]
    out = highlight(text, marks)
    p = _Balance()
    p.feed(str(out))
    p.close()
    assert p.depth == 0
    assert p.text == text
    assert len(p.ids) == len(set(p.ids))  # a split span keeps its id on the first piece only
    assert "<a>" not in out


def test_article_html_marks_everything(fake: FakeStore) -> None:
    out = str(article_html(fake.docs["a0"]))
    assert 'class="quote quote-direct" title="Artem Zinchenko (said)" data-speaker="Artem Zinchenko" id="q-0"' in out
    for cls in ("ent ent-PERSON", "speaker", "cue", "src", "timex", "trigger"):
        assert f'class="{cls}"' in out
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more." in out


def test_article_html_skips_malformed_records() -> None:
    doc = {
        "text": "abc",
        "entities": [{"mentions": [{"start": "0", "end": 2}, None, {"start": 1}]}],
        "quotes": [None, {"start": 0, "end": 2, "speaker": "not a dict"}],
    }
    assert "abc" in str(article_html(doc)).replace("</span>", "").split(">")[-1] or "a" in str(article_html(doc))


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("…Artem [Zinchenko], a…", "…Artem <mark>Zinchenko</mark>, a…"),
        ("[<script>]", "<mark>&lt;script&gt;</mark>"),
        (None, ""),
    ],
)
def test_snippet_html(snippet: str | None, expected: str) -> None:
    assert str(snippet_html(snippet)) == expected


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://x.y", True),
        ("HTTPS://X.Y", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https:evil", False),
        ("//evil.example", False),
        ('https://x.y/"onmouseover=1', False),
        (None, False),
        (42, False),
    ],
)
def test_safe_url(url: Any, ok: bool) -> None:
    assert (safe_url(url) is not None) == ok


@pytest.mark.parametrize(
    ("expected", "header", "ok"),
    [
        ("t", "Bearer t", True),
        ("t", "bearer t", True),
        ("t", "Bearer u", False),
        ("t", None, False),
        (None, "Bearer t", False),
        ("t", "t", False),
        ("t", "Bearer ", False),
    ],
)
def test_token_ok(expected: str | None, header: str | None, ok: bool) -> None:
    assert token_ok(expected, header) is ok


@pytest.mark.parametrize(
    ("header", "host"), [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:80", "::1"), ("LocalHost", "localhost"), ("", "")]
)
def test_host_of(header: str, host: str) -> None:
    assert host_of(header) == host


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016", "2016-01-01"),
        ("2017-05", "2017-05-01"),
        ("2022-02-24", "2022-02-24"),
        ("2022-02-24T10:00", "2022-02-24"),
        ("2022-02-30", None),
        ("PRESENT_REF", None),
        ("P2Y", None),
        (None, None),
        ("", None),
    ],
)
def test_parse_date(value: Any, expected: str | None) -> None:
    d = charts.parse_date(value)
    assert (d.isoformat() if d else None) == expected


def test_timeline_chart_places_dated_events_in_order() -> None:
    events = [
        {"date": "2020", "type": "b"},
        {"date": "2016-06", "type": "a"},
        {"date": None},
        {"date": "2020", "type": "c"},
    ]
    chart = charts.timeline_chart(events)
    assert chart is not None
    xs = {d.href: d.x for d in chart.dots}
    assert set(xs) == {"#ev-0", "#ev-1", "#ev-3"}  # the undated one is only in the list
    assert xs["#ev-1"] < xs["#ev-0"] == xs["#ev-3"]
    assert len({d.y for d in chart.dots if d.x == xs["#ev-0"]}) == 2  # same day: stacked, not overlapping
    assert [t.label for t in chart.ticks][:2] == ["2016", "2017"]
    assert charts.timeline_chart([{"date": "someday"}]) is None


def test_graph_chart_scales_by_weight() -> None:
    g = charts.graph_chart("Z", [{"id": "1", "name": "A", "count": 10}, {"id": "2", "name": "B", "count": 1}])
    assert [d.label for d in g.dots] == ["Z", "A", "B"]
    assert g.lines[0].width > g.lines[1].width and g.dots[1].r > g.dots[2].r
    assert g.dots[1].href == "/entities/1"


def test_story_chart_lanes_and_edges(fake: FakeStore) -> None:
    story = fake.story("s1")
    assert story is not None
    chart = charts.story_chart(story)
    assert chart is not None
    assert [lane.label for lane in chart.lanes] == ["Outlet 0", "Outlet 1"]
    assert len(chart.lines) == 1 and len(chart.dots) == 5
    assert [d.css for d in chart.dots].count("original") == 1
    assert charts.story_chart({"articles": []}) is None


def test_json_is_json(client: TestClient) -> None:
    json.loads(client.get("/openapi.json").text)


# ---------------------------------------------------------------- connections and serve
def test_a_failed_connection_is_replaced(fake: FakeStore) -> None:
    import sqlite3

    opened: list[FakeStore] = []
    broken = {"yes": True}

    def factory() -> FakeStore:
        s = FakeStore()
        if broken.pop("yes", False):
            s.fail = sqlite3.OperationalError("disk I/O error")
        opened.append(s)
        return s

    with TestClient(create_app(":fake:", store_factory=factory), raise_server_exceptions=False) as c:
        assert c.get("/api/stats").status_code == 500
        assert c.get("/api/stats").status_code == 200
        assert opened[0].closed and not opened[1].closed  # the broken handle was dropped, a new one opened


def test_serve_refuses_a_missing_store(tmp_path: Any) -> None:
    from dossier.cli import main
    from dossier.errors import StoreError
    from dossier.web.app import serve

    with pytest.raises(StoreError, match="no store at"):
        serve(str(tmp_path / "missing.db"))
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Another blow. Then more.", "Another blow."),
        ("One line\nsecond line", "One line"),
        ("word " * 40, ("word " * 20).strip() + "…"),
        (None, ""),
    ],
)
def test_headline(text: str | None, expected: str) -> None:
    from dossier.web.highlight import headline

    assert headline(text) == expected


def test_searches_beyond_the_slots_are_503(fake: FakeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from dossier.web import api

    monkeypatch.setattr(api, "SEARCH_WAIT", 0.05)
    app = create_app(":fake:", store_factory=lambda: fake)
    app.state.search_slots = threading.BoundedSemaphore(1)
    app.state.search_slots.acquire()  # a search is running
    with TestClient(app) as c:
        r = c.get("/api/search?q=Zinchenko")
        assert r.status_code == 503 and r.json()["error"].startswith("busy")
        assert c.get("/search?q=Zinchenko").status_code == 503
        app.state.search_slots.release()
        assert c.get("/api/search?q=Zinchenko").status_code == 200


def test_articles_since_reaches_the_store_and_a_bad_time_is_422(client: TestClient, fake: FakeStore) -> None:
    got = client.get("/api/articles", params={"since": "2024-03-01T08:00:00Z"})
    assert got.status_code == 200 and fake.since == "2024-03-01T08:00:00Z" and len(got.json()["items"]) == 1
    page = client.get("/articles", params={"since": "2024-03-01"})
    assert page.status_code == 200 and "Articles since 2024-03-01" in page.text
    bad = client.get("/api/articles", params={"since": "yesterday"})
    assert bad.status_code == 422 and "yesterday" in bad.text


# ---------------------------------------------------------------- quote lineage
def test_quotes_api_pages_and_filters(client: TestClient, fake: FakeStore) -> None:
    body = client.get("/api/quotes?speaker=7&altered=true&limit=1").json()
    assert [g["id"] for g in body["items"]] == ["q1"] and body["next_offset"] is None
    assert ("quotes", ("7", None, True, 2, 0)) in fake.calls
    assert client.get("/api/quotes/q1").json()["appearances"][1]["relation"] == "misattributed"
    assert client.get("/api/quotes/nope").status_code == 404
    assert client.get("/api/quotes?speaker=" + "a" * 201).status_code == 422


def test_quote_page_highlights_changes_escaped(client: TestClient) -> None:
    page = client.get("/quotes/q1")
    assert page.status_code == 200
    assert "<script>window.__xss" not in page.text and "&lt;script&gt;" in page.text
    assert "<i>40,000</i>" not in page.text and "<ins>&lt;i&gt;40,000&lt;/i&gt;</ins>" in page.text
    assert "<del>4,000</del>" in page.text and "misattributed" in page.text and "4,000 → 40,000" in page.text
    assert client.get("/quotes/nope").status_code == 404
    assert "/quotes?altered=true" in client.get("/quotes").text or "q1" in client.get("/quotes").text


def test_entity_page_links_quotes_attributed_elsewhere(client: TestClient) -> None:
    page = client.get("/entities/7").text
    assert 'href="/quotes?speaker=7"' in page and "attributed to Artem Zinchenko elsewhere" in page


def test_min_confidence_filters_listed_items(client: TestClient) -> None:
    assert len(client.get("/api/articles/a1?min_confidence=0.5").json()["quotes"]) == 1
    assert client.get("/api/articles/a1?min_confidence=0.95").json()["quotes"] == []
    assert client.get("/api/articles/a1?min_confidence=1.5").status_code == 422
