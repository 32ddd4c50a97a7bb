"""Page metadata: each source on a small hand-made page, the vote between them, page chrome, the kept path."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest

from dossier.ingest import read
from dossier.ingest.html import drop_chrome, extract
from dossier.ingest.metadata import Candidate, page_candidates, parse_day, people, vote
from dossier.model import Document


def found(html: str, url: str | None = None) -> dict[tuple[str, str], object]:
    """{(field, source): value} of the candidates a page offers."""
    return {(c.field, c.source): c.value for c in page_candidates(lxml.html.fromstring(html), url=url)}


def page(head: str = "", body: str = "<p>Text.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_news_article_gives_headline_people_and_date() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Metro Daily"},
            {"@type": "Person", "@id": "#p1", "name": "Ana Lima"},
            {
                "@type": "NewsArticle",
                "headline": "Council votes on the budget",
                "author": [
                    {"@id": "#p1"},
                    {"@type": "Person", "name": "Bo Chan"},
                    {"@type": "Organization", "name": "Metro Daily"},
                ],
                "datePublished": "2023-03-09T23:30:00-05:00",
            },
        ],
    }
    got = found(page(jsonld(graph)))
    assert got[("title", "jsonld")] == "Council votes on the budget"
    assert got[("authors", "jsonld")] == ("Ana Lima", "Bo Chan")  # the organization is no author
    assert got[("published", "jsonld")] == "2023-03-09"  # the day as written, not shifted to UTC


def test_jsonld_of_another_type_is_not_the_article() -> None:
    got = found(page(jsonld({"@type": "WebPage", "name": "Home", "datePublished": "2020-01-01"})))
    assert ("title", "jsonld") not in got and ("published", "jsonld") not in got


def test_opengraph_and_meta_tags() -> None:
    head = (
        '<meta property="og:site_name" content="Metro Daily">'
        '<meta property="og:title" content="Council votes on the budget | Metro Daily">'
        '<meta property="article:published_time" content="2023-03-10T08:00:00+01:00">'
        '<meta name="author" content="By Ana Lima">'
        "<title>Council votes on the budget - Metro Daily</title>"
    )
    got = found(page(head))
    assert got[("title", "og")] == "Council votes on the budget"  # the site's name is cut off
    assert got[("title", "title.tag")] == "Council votes on the budget"
    assert got[("published", "meta")] == "2023-03-10"
    assert got[("authors", "meta")] == ("Ana Lima",)


@pytest.mark.parametrize(
    "author",
    [
        "Staff",
        "Redaktion",
        "Metro Daily",
        "Photo: Getty Images",
        "AFP",
        "https://facebook.com/metro",
        "Name (required)",
    ],
)
def test_meta_author_that_is_no_person_is_not_a_candidate(author: str) -> None:
    head = f'<meta property="og:site_name" content="Metro Daily"><meta name="author" content="{author}">'
    assert ("authors", "meta") not in found(page(head))


def test_author_elements_and_links() -> None:
    body = (
        '<article><h1>Council votes</h1><span class="byline">By <a rel="author">Ana Lima</a></span>'
        '<p>Text.</p><a href="/author/bo-chan/">Bo Chan</a></article>'
    )
    got = found(page(body=body))
    assert got[("authors", "dom")] == ("Ana Lima",)
    assert got[("authors", "link")] == ("Bo Chan",)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Ana Lima and Bo Chan", ("Ana Lima", "Bo Chan")),
        ("Von Anna Schmidt und Jörg Weber", ("Anna Schmidt", "Jörg Weber")),
        ("Posted by gnaddrig", ("gnaddrig",)),
        ("04.02.2022 | 13:10 Uhr | Uta Helkenberg", ("Uta Helkenberg",)),
    ],
)
def test_bylines_in_the_text(line: str, names: tuple[str, ...]) -> None:
    got = found(page(body=f"<h1>Headline here</h1><p>{line}</p><p>The story starts here and goes on.</p>"))
    assert got[("authors", "text")] == names


def test_a_sentence_starting_with_by_is_no_byline() -> None:
    got = found(page(body="<p>By Friday the vote was over and the council went home.</p>"))
    assert ("authors", "text") not in got


def test_date_in_the_canonical_url() -> None:
    head = '<link rel="canonical" href="https://metro.test/2023/03/10/council-votes/">'
    assert found(page(head))[("published", "url")] == "2023-03-10"
    assert found(page(), url="https://metro.test/news/20230310/council")[("published", "url")] == "2023-03-10"
    assert ("published", "url") not in found(page(), url="https://metro.test/news/12345678/council")


def test_time_element() -> None:
    got = found(page(body='<p>Text.</p><time datetime="2023-03-10T10:00">10 March</time>'))
    assert got[("published", "time")] == "2023-03-10"


def test_gallery_text_and_site_name_are_no_title() -> None:
    head = '<meta property="og:site_name" content="Metro Daily"><meta property="og:title" content="Metro Daily">'
    got = found(page(head, "<h1>Open this photo in gallery: the council chamber</h1>"))
    assert ("title", "og") not in got and ("title", "h1") not in got and ("title", "h1.alone") not in got


def test_h1_the_title_repeats_is_told_from_another_heading() -> None:
    head = "<title>Council votes on the budget | Metro</title>"
    assert found(page(head, "<h1>Council votes on the budget</h1>"))[("title", "h1")] == "Council votes on the budget"
    assert found(page(head, "<h1>Sections</h1>"))[("title", "h1.alone")] == "Sections"


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2019-12-09T23:30:00-05:00", "2019-12-09"),
        ("20200128", "2020-01-28"),
        ("19.10.2019, 05:00 Uhr", "2019-10-19"),
        ("3. März 2020", "2020-03-03"),
        ("March 3, 2020", "2020-03-03"),
        ("Tue, 10 Mar 2020 08:00:00 GMT", "2020-03-10"),
        ("yesterday", None),
        ("2020-02-30", None),
    ],
)
def test_parse_day(raw: str, day: str | None) -> None:
    assert parse_day(raw) == day


def test_people_splits_names_and_drops_what_is_no_person() -> None:
    assert people("Ana Lima, Bo Chan & Cy Dee") == ("Ana Lima", "Bo Chan", "Cy Dee")
    assert people("Lima, Ana") == ("Ana Lima",)
    assert people(["Staff", "dpa", "View all posts by Daniel Lemire"]) == ("Daniel Lemire",)
    assert people("Metro Daily", site="Metro Daily") == ()


def c(field: str, source: str, value: str | tuple[str, ...]) -> Candidate:
    return Candidate(field, source, value)  # type: ignore[arg-type]


def test_vote_best_rule_trusts_the_most_precise_source() -> None:
    found_ = [c("title", "og", "A"), c("title", "twitter", "A"), c("title", "h1", "B")]
    precision = {"title:og": 0.6, "title:twitter": 0.6, "title:h1": 0.9}
    assert vote(found_, precision, {"title": "best"}).title == "B"
    assert vote(found_, precision, {"title": "sum"}).title == "B"  # log-odds 2.2 against 0.4 + 0.4
    weak = {"title:og": 0.8, "title:twitter": 0.8, "title:h1": 0.85}
    assert vote(found_, weak, {"title": "best"}).title == "B"
    assert vote(found_, weak, {"title": "sum"}).title == "A"  # two agreeing sources outweigh one a bit better


def test_vote_groups_spellings_and_says_the_most_common_one() -> None:
    found_ = [
        c("authors", "trafilatura", ("Gabor Munier",)),
        c("authors", "dom", ("Gàbor Muniér",)),
        c("authors", "text", ("Gàbor Muniér",)),
        c("authors", "meta", ("Someone Else",)),
    ]
    voted = vote(
        found_,
        {"authors:meta": 0.9, "authors:dom": 0.7, "authors:text": 0.7, "authors:trafilatura": 0.7},
        {"authors": "sum"},
    )
    assert voted.authors == ("Gàbor Muniér",)
    assert voted.sources["authors"] == ("trafilatura", "dom", "text")


def test_vote_without_candidates_says_nothing() -> None:
    voted = vote([], {}, {})
    assert voted.title is None and voted.authors == () and voted.published is None


def test_shipped_table_weights_every_source_it_knows() -> None:
    from dossier.ingest.metadata import SOURCES_FILE, fitted_precision, fitted_rules

    table = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    assert set(fitted_precision()) == set(table["precision"])
    assert all(0 < p < 1 for p in fitted_precision().values())
    assert set(fitted_rules()) == {"title", "authors", "published"}


PAGE = page(
    '<meta property="og:site_name" content="Metro Daily">'
    '<link rel="canonical" href="https://metro.test/2023/03/10/council-votes/">'
    + jsonld(
        {
            "@type": "NewsArticle",
            "headline": "Council votes on the budget",
            "author": {"@type": "Person", "name": "Ana Lima"},
            "datePublished": "2023-03-10",
        }
    )
    + "<title>Council votes on the budget | Metro Daily</title>",
    "<article><h1>Council votes on the budget</h1>"
    "<p>The city council voted on Tuesday to approve next year's budget after a long debate about libraries.</p>"
    "<p>Story continues below advertisement</p>"
    "<p>Members agreed to keep the branch libraries open on Sundays, which the mayor had proposed cutting.</p>"
    "<p>READ MORE: Mayor proposes cuts</p>"
    "<p>The vote was seven to two, and the budget now goes to the state for review before it takes effect.</p>"
    "</article>",
)


def test_extract_votes_the_metadata_and_drops_the_chrome() -> None:
    got = extract("page.html", PAGE.encode())
    assert got.title == "Council votes on the budget"
    assert got.authors == ("Ana Lima",)
    assert got.published == "2023-03-10"
    assert "Story continues" not in got.text and "READ MORE" not in got.text
    assert "branch libraries" in got.text


def test_an_html_page_with_a_canonical_url_keeps_its_path(tmp_path: Path) -> None:
    p = tmp_path / "council.html"
    p.write_text(PAGE, encoding="utf-8")
    doc = next(iter(read([str(p)])))
    assert isinstance(doc, Document)
    assert doc.path == str(p) and doc.url == "https://metro.test/2023/03/10/council-votes/"


def test_engine_source_has_both_path_and_url() -> None:
    import spacy

    from dossier.engine import analyze_parsed

    doc = Document(
        text="Council votes.", path="pages/council.html", url="https://metro.test/a", extracted_from_html=True
    )
    article = analyze_parsed(doc, spacy.blank("en")("Council votes."))
    assert article.source == {"path": "pages/council.html", "url": "https://metro.test/a"}
    plain = analyze_parsed(Document(text="Council votes.", path="a.txt"), spacy.blank("en")("Council votes."))
    assert plain.source == {"path": "a.txt"}


@pytest.mark.parametrize(
    "line",
    [
        "Story continues below advertisement",
        "Article Continued Below",
        "Open this photo in gallery: The council chamber on Tuesday.",
        "READ MORE: Mayor proposes cuts",
        "View the mobile site",
        "Advertisement",
        "Click here to get the Metro app",
    ],
)
def test_drop_chrome_removes_page_chrome(line: str) -> None:
    assert drop_chrome(f"First paragraph.\n\n{line}\n\nSecond paragraph.") == "First paragraph.\n\nSecond paragraph."


def test_drop_chrome_keeps_body_lines() -> None:
    text = "Read more about it, the mayor said, and decide.\n\nAdvertisements were banned in 1990."
    assert drop_chrome(text) == text
    long_line = "Read more: " + "word " * 60
    assert drop_chrome(long_line) == long_line.strip()


def test_date_line_under_the_headline() -> None:
    body = "<h1>Council votes on the budget</h1><p>19.10.2019, 05:00 Uhr</p><p>The council met.</p>"
    assert found(page(body=body))[("published", "text")] == "2019-10-19"
    assert ("published", "text") not in found(page(body="<p>19.10.2019</p><h1>Council votes</h1><p>Text.</p>"))


def test_byline_followed_by_its_date() -> None:
    body = "<p>Geschrieben von Cooper am 25.08.2015 22:30 (1599 x gelesen)</p><p>The story.</p>"
    assert found(page(body=body))[("authors", "text")] == ("Cooper",)


def test_the_sites_name_or_a_commenter_is_no_author() -> None:
    assert people("Die FURCHE", site="Achtsam durch die Krise | Die FURCHE") == ()
    assert people("Stephangoeldi said") == ()
    assert people("Last.fm") == ()


def test_sum_rule_a_source_naming_the_first_author_supports_both() -> None:
    found_ = [
        c("authors", "jsonld", ("April Roach",)),
        c("authors", "link", ("April Roach",)),
        c("authors", "trafilatura", ("April Roach", "Daniel O'Mahony")),
        c("authors", "twitter", ("someone",)),
    ]
    precision = {"authors:jsonld": 0.84, "authors:link": 0.77, "authors:trafilatura": 0.82, "authors:twitter": 0.1}
    assert vote(found_, precision, {"authors": "sum"}).authors == ("April Roach", "Daniel O'Mahony")


def test_sum_rule_a_weak_source_does_not_count_against_a_value() -> None:
    found_ = [
        c("authors", "dom", ("surfguard",)),
        c("authors", "twitter", ("surfguard",)),
        c("authors", "link", ("Last",)),
    ]
    precision = {"authors:dom": 0.8, "authors:twitter": 0.1, "authors:link": 0.77}
    assert vote(found_, precision, {"authors": "sum"}).authors == ("surfguard",)


@pytest.mark.parametrize(
    ("authors", "kept"),
    [(("gnaddrig",), ("gnaddrig",)), (("LD",), ("LD",)), (("Staff",), ()), (("Metro Daily",), ())],
)
def test_html_authors_the_layout_drops_stand_only_when_they_are_people(
    authors: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    from dossier.engine import document_metadata

    doc = Document(text="The council met on Tuesday.", authors=authors, outlet="Metro Daily", extracted_from_html=True)
    assert document_metadata(doc).authors == kept


def test_plain_text_authors_keep_the_layout_rules() -> None:
    from dossier.engine import document_metadata

    assert document_metadata(Document(text="The council met on Tuesday.", authors=("gnaddrig",))).authors == ()


def test_date_line_under_a_headline_split_over_lines() -> None:
    body = (
        "<h1><span>Leak at the plant</span><br><span>Files of the maker were stolen</span></h1>"
        "<p>Stand: 28.04.2020 18:00 Uhr</p><p>The files were online for weeks.</p>"
    )
    assert found(page(body=body))[("published", "text")] == "2020-04-28"


def test_date_line_under_the_headline_nearest_occurrence_counts() -> None:
    body = (
        "<ul><li>Council votes on the budget</li><li>Quiz night</li><li>Sports</li>"
        "<li>Week 4 tips 28.01.2022 – 29.01.2022</li></ul>"
        "<h1>Council votes on the budget</h1><p>2. Februar 2022</p><p>The council met.</p>"
    )
    assert found(page(body=body))[("published", "text")] == "2022-02-02"


def test_a_list_of_dates_under_the_headline_is_no_date_line() -> None:
    teasers = "".join(f"<p>Older post</p><p>{d}. Mai 2018</p>" for d in (3, 9, 21))
    body = f"<h1>Council votes on the budget</h1>{teasers}<p>The council met.</p>"
    assert ("published", "text") not in found(page(body=body))


@pytest.mark.parametrize(
    "line",
    ["Updated: 4 March 2021", "Zuletzt aktualisiert am 04.03.2021", "— Ana Lima (@analima) March 4, 2021"],
)
def test_an_update_stamp_or_an_embedded_post_is_no_date_line(line: str) -> None:
    body = f"<h1>Council votes on the budget</h1><p>{line}</p><p>The council met.</p>"
    assert ("published", "text") not in found(page(body=body))


def test_a_date_line_says_the_written_date_not_a_hidden_timestamp() -> None:
    body = "<h1>Council votes on the budget</h1><p>Ana Lima2022-12-07T10:10:52+01:0025. Dezember 2022|</p><p>Text.</p>"
    assert found(page(body=body))[("published", "text")] == "2022-12-25"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Erschienen am: 01.11.2023", "2023-11-01"),
        ("Published on March 3, 2021", "2021-03-03"),
        ("Veröffentlicht am 5. Mai 2020", "2020-05-05"),
    ],
)
def test_a_labelled_publication_date_anywhere_on_the_page(line: str, day: str) -> None:
    body = f"<h1>Title</h1><p>A long first paragraph.</p><p>Letzte Änderung: 31.10.2023</p><p>{line}</p>"
    got = found(page(body=body))
    assert got[("published", "label")] == day
    assert ("published", "label") not in found(page(body="<p>Letzte Änderung: 31.10.2023</p>"))


def test_the_headline_is_no_byline_and_a_later_author_line_is() -> None:
    body = (
        "<h1>Von Sprachregeln, Gender-Politik und dem Alltag</h1><p>Die Debatte geht weiter.</p>"
        "<p>Autor: Fritz Weber</p>"
    )
    assert found(page(body=body))[("authors", "text")] == ("Fritz Weber",)


def test_a_long_clause_after_by_is_no_byline() -> None:
    body = "<p>By the time of the developer meetup in October 2019, nearly</p><p>all of it was ported.</p>"
    assert ("authors", "text") not in found(page(body=body))


def test_bylines_of_three_people_are_a_list_with_their_own_source() -> None:
    teasers = "".join(f"<p>By {n}</p><p>A teaser.</p>" for n in ("Ana Lima", "Bo Chan", "Cy Dorn"))
    got = found(page(body=f"<h1>Front page</h1>{teasers}"))
    assert got[("authors", "text.list")] == ("Ana Lima",)
    assert ("authors", "text") not in got
    once = found(page(body="<p>By Ana Lima</p><p>Story.</p><p>By Ana Lima</p>"))
    assert once[("authors", "text")] == ("Ana Lima",)  # the same byline twice (top and bottom) is no list


@pytest.mark.parametrize("label", ["Login E-Paper", "My Settings", "Registrieren", "Suche", "Sign in"])
def test_a_pages_controls_are_no_author(label: str) -> None:
    assert people(label) == ()
    got = found(page(body=f'<a href="/user/register">{label}</a><p>Text.</p>'))
    assert ("authors", "link") not in got


def test_a_name_said_twice_is_said_once() -> None:
    assert people("Zum Profil von jesusfreak jesusfreak") == ("jesusfreak",)
    assert people("Ana Lima") == ("Ana Lima",)


def test_logistic_rule_adds_the_fitted_weights_of_the_backing_sources() -> None:
    found_ = [
        c("published", "text", "2023-11-03"),
        c("published", "htmldate", "2023-11-06"),
        c("published", "meta", "2023-11-06"),
    ]
    precision = {"published:text": 0.93, "published:htmldate": 0.86, "published:meta": 0.88}
    weights = {"published:": -0.7, "published:text": 1.3, "published:htmldate": 1.0, "published:meta": 0.5}
    assert vote(found_, precision, {"published": "best"}).published == "2023-11-03"
    assert vote(found_, precision, {"published": "logistic"}, weights).published == "2023-11-06"
    weights["published:meta"] = -0.5  # a source that backs wrong values more often than right ones
    assert vote(found_, precision, {"published": "logistic"}, weights).published == "2023-11-03"


def test_shipped_logistic_weights_name_known_sources() -> None:
    from dossier.ingest.metadata import fitted_precision, fitted_weights

    weights = fitted_weights()
    sources = {k for k in weights if not k.endswith(":")}
    assert sources <= set(fitted_precision())
    assert {f"{f}:" for f in ("title", "authors", "published")} <= set(weights)  # each field's intercept


def test_cross_validation_folds_keep_a_site_together() -> None:
    from benchmarks.metadata_fit import Page, site_folds

    def p(name: str, url: str) -> Page:
        return Page(name, (), " ", None, {"url": url}, {})

    pages = [
        p("a", "https://www.metro.test/2020/a"),
        p("b", "https://web.archive.org/web/2014/http://metro.test/b"),
        p("c", "https://other.test/c"),
        p("d", "https://third.test/d"),
    ]
    folds = site_folds(pages, 3)
    together = next(f for f in folds if any(x.name == "a" for x in f))
    assert {x.name for x in together} == {"a", "b"}  # the archived copy is the same site
    assert sorted(x.name for f in folds for x in f) == ["a", "b", "c", "d"] and all(folds)


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Ana Lima, Reporter", ("Ana Lima",)),
        ("Ana Lima | Senior Correspondent", ("Ana Lima",)),
        ("Von Anna Schmidt, Redakteurin", ("Anna Schmidt",)),
        ("BY ANA LIMA AND BO CHAN", ("ANA LIMA", "BO CHAN")),
        ("Lima, Ana", ("Ana Lima",)),
    ],
)
def test_job_titles_and_upper_case_bylines(value: str, names: tuple[str, ...]) -> None:
    assert people(value) == names
