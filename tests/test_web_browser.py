"""End to end in a real headless Chromium (Debian's, driven by Playwright) against a real uvicorn server
over a real store: the analyst's path from the overview to a quote's speaker, and hostile pages whose
scripts never run. Screenshots go to the test's tmp dir and to artifacts/ (git-ignored)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import CHROMIUM, CHROMIUM_ARGS, PAYLOADS, REPO, live_server

from dossier.web.app import create_app
from dossier.web.security import LOOPBACK_HOSTS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not installed (make browser)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(web_db: Path) -> Iterator[str]:
    with live_server(create_app(str(web_db), allowed_hosts=LOOPBACK_HOSTS)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """A page that records dialogs (alert/confirm would be an XSS) and console/page errors."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 860})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)


@pytest.fixture()
def watch(browser: Any) -> Iterator[Watch]:
    w = Watch(browser)
    yield w
    w.context.close()


def shoot(page: Any, tmp_path: Path, name: str) -> Path:
    """A screenshot in the test's tmp dir, copied to artifacts/ for a person to look at."""
    shot = tmp_path / f"screenshot-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / shot.name)
    return shot


def test_overview_then_search(base_url: str, watch: Watch, tmp_path: Path) -> None:
    page = watch.page
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert int(page.locator(".card .num").first.inner_text().replace(",", "")) >= 8  # articles
    assert page.locator("ul.list a.title").count() >= 8
    shoot(page, tmp_path, "overview")
    page.fill("#q", "Zinchenko")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Zinchenko"))
    assert page.locator("ol.hits a.title").first.is_visible()
    assert page.locator("ol.hits mark").first.inner_text() == "Zinchenko"
    assert watch.dialogs == [] and watch.errors == []


def test_search_then_his_dossier(base_url: str, watch: Watch, tmp_path: Path) -> None:
    page = watch.page
    page.goto(base_url + "/search?q=Zinchenko")
    page.locator(".chips a.chip", has_text="Zinchenko").first.click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert "Zinchenko" in page.locator("h1").inner_text()
    assert page.locator("ul.quotes li.quote-item").count() >= 1  # what he said, with the articles
    shoot(page, tmp_path, "dossier")
    page.locator("ul.list a.title").first.click()  # on to an article that names him
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("#text .ent").count() > 0
    shoot(page, tmp_path, "dossier-article")
    assert watch.dialogs == [] and watch.errors == []


def test_seed_article_shows_a_quote_with_its_speaker(base_url: str, watch: Watch, tmp_path: Path) -> None:
    page = watch.page
    page.goto(base_url + "/search?q=Zinchenko")
    page.locator("ol.hits a.title").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    quote = page.locator('#text .quote[data-speaker*="Zinchenko"]').first
    assert quote.is_visible()
    assert "Zinchenko" in (quote.get_attribute("title") or "")
    quote.hover()
    tip = quote.evaluate("el => getComputedStyle(el, '::after').content")
    assert "Zinchenko" in tip  # the hover tooltip names the speaker
    assert page.locator(".panel .side-quotes li").count() >= 3
    shoot(page, tmp_path, "article")
    # our own script runs under the CSP: clicking a mention marks every mention of that entity
    page.locator("#text .ent.ent-PERSON").first.click()
    assert page.locator("#text .ent.active").count() >= 2
    assert watch.dialogs == [] and watch.errors == []


HOSTILE_PAGES = ["/", "/articles", "/search?q=window", "/search?q=script", "/articles/hostile-record"] + [
    f"/articles/hostile-{i}" for i in range(len(PAYLOADS))
]


def test_hostile_scripts_never_run(base_url: str, watch: Watch, tmp_path: Path) -> None:
    page = watch.page
    for path in HOSTILE_PAGES:
        page.goto(base_url + path)
        for el in page.locator("#text span, .chip, h1, .meta a").all()[:80]:
            if el.is_visible():
                el.hover(timeout=2000)
        ran = page.evaluate("() => [window.__xss, document.querySelectorAll('img, iframe, object, embed').length]")
        assert ran == [None, 0], path
        assert page.evaluate("() => getComputedStyle(document.body).display") != "none", path
    page.goto(base_url + "/articles/hostile-record")
    shoot(page, tmp_path, "hostile")
    assert PAYLOADS[0] in page.locator("h1").inner_text()  # shown as text
    assert watch.dialogs == []
    assert all("Content Security Policy" not in e for e in watch.errors)  # nothing even tried to run inline
