"""`dossier watch`: the pure parts (feed/sitemap parsing, alert matching, back-off) and the loop against a real
HTTP server on 127.0.0.1 that each test starts (never an outside address)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dossier.model import Article, Entity, Mention, Quote, Speaker
from dossier.watch import Fetcher, ListingError, Watcher, item_id, parse_listing, parse_term
from dossier.watch import matches as alert_matches
from dossier.watch import state as watch_state
from dossier.watch.schedule import BACKOFF_BASE, BACKOFF_CAP, HostDelay, backoff, transient

# ------------------------------------------------------------------ pure: listings

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>One</title><link>/news/one.html</link><pubDate>Mon, 06 May 2019 10:00:00 GMT</pubDate>
<description>summary only</description></item>
<item><title>Two</title><link>https://example.org/news/two.html#comments</link></item>
<item><title>Dup</title><link>/news/one.html</link></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>A</title><link href="https://example.org/a"/><id>urn:a</id><updated>2020-01-02T00:00:00Z</updated></entry>
</feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.org/s1</loc><news:news><news:publication><news:name>Ex</news:name></news:publication>
<news:publication_date>2024-03-01T08:00:00+00:00</news:publication_date>
<news:title>Story one</news:title></news:news></url>
<url><loc>https://example.org/s2</loc><lastmod>2024-02-29</lastmod></url>
<url><loc>ftp://example.org/not-web</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemap-news.xml</loc></sitemap><sitemap><loc>/sitemap-2.xml</loc></sitemap></sitemapindex>"""


def test_rss_items_are_absolute_unique_and_dated() -> None:
    listing = parse_listing(RSS, "https://example.org/feed.xml")
    assert listing.kind == "feed" and listing.title == "Example Wire"
    assert [i.url for i in listing.items] == ["https://example.org/news/one.html", "https://example.org/news/two.html"]
    assert listing.items[0].published == "2019-05-06" and listing.items[0].title == "One"


def test_atom_entries() -> None:
    listing = parse_listing(ATOM, "https://example.org/atom")
    assert [(i.url, i.published) for i in listing.items] == [("https://example.org/a", "2020-01-02")]


def test_news_sitemap_titles_and_dates() -> None:
    listing = parse_listing(NEWS_SITEMAP, "https://example.org/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        ("https://example.org/s1", "Story one", "2024-03-01"),
        ("https://example.org/s2", None, "2024-02-29"),
    ]


def test_sitemap_index_lists_its_sitemaps() -> None:
    listing = parse_listing(INDEX, "https://example.org/sitemap.xml")
    assert listing.kind == "sitemapindex" and not listing.items
    assert listing.children == ("https://example.org/sitemap-news.xml", "https://example.org/sitemap-2.xml")


@pytest.mark.parametrize("data", [b"", b"   ", b"this is not a feed {", b"<html><body>hello</body></html>"])
def test_what_is_not_a_feed_is_an_error(data: bytes) -> None:
    with pytest.raises(ListingError):
        parse_listing(data, "https://example.org/x")


def test_an_empty_but_valid_feed_has_no_items() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_listing(empty, "https://example.org/f").items == ()


# ------------------------------------------------------------------ pure: alerts and schedule

TEXT = "“We will rebuild the bridge,” said Maria Petrova, the mayor of Odesa. Artem Müller was not there."


def _article() -> Article:
    petrova = TEXT.index("Maria Petrova")
    muller = TEXT.index("Artem Müller")
    return Article(
        id="a1",
        source={"url": "https://example.org/a1"},
        title="Bridge",
        outlet="Example Wire",
        authors=(),
        published=None,
        language="en",
        body=((0, len(TEXT)),),
        text=TEXT,
        entities=(
            Entity("E1", "Maria Petrova", "PERSON", ("Petrova",), (Mention(petrova, petrova + 13, "Maria Petrova"),)),
            Entity("E2", "Artem Müller", "PERSON", (), (Mention(muller, muller + 12, "Artem Müller"),)),
        ),
        quotes=(Quote("We will rebuild the bridge", 1, 27, "direct", Speaker("Maria Petrova", "E1"), "said", 0.9),),
    )


def test_alert_terms_match_entities_and_quotes_by_name() -> None:
    terms = [parse_term(t) for t in ("petrova", "quote:Maria Petrova", "MULLER", "quote:Muller", "Mari", "Kyiv")]
    lines = alert_matches(_article(), terms)
    assert [(x["alert"], x["kind"]) for x in lines] == [
        ("petrova", "entity"),
        ("quote:Maria Petrova", "quote"),
        ("MULLER", "entity"),
    ]
    assert lines[0]["text"] == "“We will rebuild the bridge,” said Maria Petrova, the mayor of Odesa."
    assert lines[1]["text"] == "We will rebuild the bridge"
    assert lines[2]["text"] == "Artem Müller was not there."
    assert set(lines[0]) == {"alert", "kind", "article", "title", "outlet", "text", "url"}
    assert lines[0]["url"] == "https://example.org/a1" and lines[0]["outlet"] == "Example Wire"


def test_backoff_doubles_up_to_a_cap() -> None:
    assert backoff(0) == 0
    assert [backoff(n) for n in (1, 2, 3)] == [BACKOFF_BASE, 2 * BACKOFF_BASE, 4 * BACKOFF_BASE]
    assert backoff(40) == BACKOFF_CAP
    assert transient(500) and transient(503) and transient(429)
    assert not transient(404) and not transient(403)


def test_host_delay_spaces_requests_per_host() -> None:
    hosts = HostDelay(2.0)
    assert hosts.wait("a", 10.0) == 0
    hosts.record("a", 10.0)
    assert hosts.wait("a", 11.5) == pytest.approx(0.5)
    assert hosts.wait("b", 11.5) == 0
    hosts.per_host["a"] = 5.0  # a robots.txt Crawl-delay
    assert hosts.wait("a", 11.0) == pytest.approx(4.0)


# ------------------------------------------------------------------ a real server on 127.0.0.1


def _page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='Example Wire'></head>"
        f"<body><article><h1>{title}</h1><p>{body}</p><p>The council will meet again on Friday to discuss the"
        " budget, officials said.</p></article></body></html>"
    ).encode()


@dataclass
class Site:
    """What the test server serves, and every request it saw."""

    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    slow: float = 3.0
    url: str = ""

    def feed(self, *paths: str) -> bytes:
        items = "".join(
            f"<item><title>{p}</title><link>{p}</link><description>teaser</description></item>" for p in paths
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()

    def hits(self, path: str) -> int:
        return self.requests.count(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            site.agents.add(self.headers.get("User-Agent", ""))
            if self.path == "/slow.html":
                time.sleep(site.slow)
            if self.path == "/moved.html":
                self.send_response(302)
                self.send_header("Location", "/landed.html")
                self.end_headers()
                return
            status, ctype, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            etag = site.etags.get(self.path)
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    s.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = {
        "/petrova.html": _page(
            "Bridge to be rebuilt",
            "“We will rebuild the bridge,” said Maria Petrova, the mayor of Odesa, on Monday.",
        ),
        "/lyon.html": _page("Arrests in Lyon", "Police arrested two men in Lyon on Friday, prosecutors said."),
        "/landed.html": _page("Talks resume", "Diplomats from Russia and Ukraine met in Istanbul on Tuesday."),
        "/later.html": _page("Quake", "A strong earthquake struck central Chile on Tuesday, officials said."),
    }
    for path, body in pages.items():
        s.routes[path] = (200, "text/html; charset=utf-8", body)
    s.routes["/report.pdf"] = (200, "application/pdf", b"%PDF-1.4 ...")
    s.routes["/broken.html"] = (500, "text/plain", b"oops")
    s.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
    s.routes["/private/secret.html"] = (200, "text/html", _page("Secret", "Nothing to see."))
    s.routes["/feed.xml"] = (
        200,
        "application/rss+xml",
        s.feed(
            "/petrova.html",
            "/lyon.html",
            "/moved.html",
            "/report.pdf",
            "/broken.html",
            "/slow.html",
            "/private/secret.html",
        ),
    )
    s.etags["/feed.xml"] = '"v1"'
    s.routes["/malformed.xml"] = (200, "application/rss+xml", b"<rss><channel><item><title>cut off")
    s.routes["/down.xml"] = (500, "text/plain", b"down")
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


ALERT = ("--alert", "quote:Maria Petrova", "--delay", "0")
NODELAY = ("--delay", "0")


def _fetcher() -> Fetcher:
    return Fetcher(timeout=0.5, delay=0.0, retry_delays=(0.01,))


@pytest.mark.slow
def test_watch_against_a_local_server(site: Site, tmp_path: Path) -> None:
    from dossier.store import Store

    db = str(tmp_path / "w.db")
    feeds = [f"{site.url}/feed.xml", f"{site.url}/malformed.xml", f"{site.url}/down.xml"]
    alerts: list[dict[str, object]] = []
    errors: list[str] = []
    terms = [parse_term("Petrova"), parse_term("quote:Petrova")]
    with Store(db) as store:
        watcher = Watcher(feeds, store, _fetcher(), terms=terms, on_alert=alerts.append, on_error=errors.append)
        first = watcher.run_pass()

        # new items: the two pages and the redirected one are stored, read from the page, not the feed's teaser
        assert first.new_items == 7 and first.stored == 3
        stored = {a["url"]: a for a in store.articles(limit=10)}
        assert set(stored) == {f"{site.url}/petrova.html", f"{site.url}/lyon.html", f"{site.url}/landed.html"}
        petrova = store.article(item_id(f"{site.url}/petrova.html"))
        assert petrova is not None and "rebuild the bridge" in petrova["text"] and "teaser" not in petrova["text"]
        assert petrova["title"] == "Bridge to be rebuilt"
        # a page that is not HTML and one robots.txt disallows are skipped for good; a 500 and a timeout fail
        assert first.skipped == 2 and first.failed == 2
        assert watch_state.counts(store.conn) == {"done": 3, "skipped": 2, "failed": 2}
        text = "\n".join(errors)
        for what in ("report.pdf: not an HTML page (application/pdf)", "secret.html: disallowed by robots.txt"):
            assert what in text
        assert "broken.html: HTTP 500 (2 tries)" in text and "slow.html: timed out (2 tries)" in text
        assert "malformed.xml: not an RSS/Atom feed or sitemap" in text and "down.xml: HTTP 500" in text
        assert site.hits("/slow.html") == 2 and site.hits("/broken.html") == 2  # one retry each
        # alerts: one line per new match
        assert [(a["alert"], a["kind"], a["url"]) for a in alerts] == [
            ("Petrova", "entity", f"{site.url}/petrova.html"),
            ("quote:Petrova", "quote", f"{site.url}/petrova.html"),
        ]
        assert all(agent.startswith("dossier/") for agent in site.agents)

        # a repeated poll: the feed answers 304, nothing new, no page fetched again, failing feeds wait
        before = list(site.requests)
        second = watcher.run_pass()
        assert second.not_modified == 1 and second.new_items == 0 and second.stored == 0
        assert site.requests[len(before) :] == ["/feed.xml"]

        # the feed changes: exactly the one new item is fetched
        site.routes["/feed.xml"] = (200, "application/rss+xml", site.feed("/later.html", "/petrova.html"))
        site.etags["/feed.xml"] = '"v2"'
        third = watcher.run_pass()
        assert third.new_items == 1 and third.stored == 1 and not third.alerts
        assert site.hits("/later.html") == 1 and site.hits("/petrova.html") == 1

    # a restart loses nothing and fetches nothing twice
    site.etags.pop("/feed.xml")  # even without a 304 the pages already seen are not fetched
    with Store(db) as store:
        again = Watcher(feeds, store, _fetcher()).run_pass()
        assert again.stored == 0 and again.new_items == 0
        assert store.stats()["articles"] == 4
    assert site.hits("/later.html") == 1 and site.hits("/petrova.html") == 1


@pytest.mark.slow
def test_a_crash_between_storing_and_marking_does_not_fetch_again(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import Store

    site.routes["/feed.xml"] = (200, "application/rss+xml", site.feed("/lyon.html"))
    db = str(tmp_path / "w.db")

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # as if killed right after the article's transaction committed

    with Store(db) as store:
        monkeypatch.setattr(watch_state, "item_done", crash)
        with pytest.raises(KeyboardInterrupt):
            Watcher([f"{site.url}/feed.xml"], store, _fetcher()).run_pass()
        monkeypatch.undo()
    assert site.hits("/lyon.html") == 1
    with Store(db) as store:
        assert watch_state.counts(store.conn) == {"new": 1}
        Watcher([f"{site.url}/feed.xml"], store, _fetcher()).run_pass()
        assert watch_state.counts(store.conn) == {"done": 1}
        assert store.stats()["articles"] == 1
    assert site.hits("/lyon.html") == 1


@pytest.mark.slow
def test_cli_watch_once_prints_alerts_and_news_sitemaps(site: Site, tmp_path: Path) -> None:
    site.routes["/sitemap.xml"] = (
        200,
        "application/xml",
        (
            b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<sitemap><loc>/news-sitemap.xml</loc></sitemap></sitemapindex>"
        ),
    )
    site.routes["/news-sitemap.xml"] = (
        200,
        "application/xml",
        (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/petrova.html</loc><news:news>'
            b"<news:publication_date>2024-03-04</news:publication_date><news:title>Bridge</news:title></news:news>"
            b"</url></urlset>"
        ),
    )
    db = str(tmp_path / "w.db")
    out = subprocess.run(
        [sys.executable, "-m", "dossier.cli", "watch", f"{site.url}/sitemap.xml", "--once", "--db", db, *ALERT],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [(x["kind"], x["url"], x["text"]) for x in lines] == [
        ("quote", f"{site.url}/petrova.html", "We will rebuild the bridge")
    ]
    assert "1 stored" in out.stderr
    from dossier.store import Store

    with Store(db, readonly=True) as store:
        article = store.article(item_id(f"{site.url}/petrova.html"))
        assert article is not None and article["published"] == "2024-03-04"  # the sitemap's date: the page has none


@pytest.mark.slow
def test_sigterm_stops_the_loop_cleanly(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", site.feed("/lyon.html"))
    db = str(tmp_path / "w.db")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier.cli", "watch", f"{site.url}/feed.xml", "--every", "3600", "--db", db, *NODELAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    try:
        assert proc.stderr is not None
        line = ""
        while not line.startswith("watch:"):  # the first pass's summary: now it waits for the next one
            line = proc.stderr.readline()
            assert line, "the watcher exited before its first summary"
        assert "1 stored" in line
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "SIGTERM: finishing the article in hand" in err
