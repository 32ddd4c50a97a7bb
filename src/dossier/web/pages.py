"""The HTML pages: overview, search, article, entity dossier, story, lists, API docs.

Handlers fetch from the store and hand plain dicts to Jinja2 (autoescape on). The only
markup built in Python comes from ``highlight`` and ``charts``, which escape every string.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from . import charts
from .api import MAX_OFFSET, MAX_QUERY, ItemId, Since, found, pool, recent, search_rows, since_checked, stats
from .exports import CSV_TABLES, MEDIA_TYPES, stream_export
from .highlight import article_html

router = APIRouter(include_in_schema=False)
PAGE = 50
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
OptionalQuery = Annotated[str | None, Query(max_length=MAX_QUERY)]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/``, with the request-independent globals every page uses."""
    env = request.app.state.templates
    html = env.get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def _pager(rows: list[dict[str, Any]], offset: int, size: int = PAGE) -> tuple[list[dict[str, Any]], int | None]:
    return rows[:size], offset + size if len(rows) > size else None


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """Counts, latest articles, top entities, biggest stories."""

    def fetch(s: Any) -> dict[str, Any]:
        return {
            "articles": s.articles(limit=12),
            "entities": s.entities(limit=15),
            "stories": s.stories(limit=8),
        }

    data = recent(request, ("overview",), fetch)  # the same for every visitor: kept for a few seconds
    return render(request, "index.html", **data, stats=stats(request), tables=CSV_TABLES)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: OptionalQuery = None, offset: PageOffset = 0) -> HTMLResponse:
    """Full-text hits, and the entities whose names match."""
    q = (q or "").strip()
    if not q:
        return render(request, "search.html", q="", hits=[], entities=[], next_offset=None, offset=0)

    rows = search_rows(request, q, PAGE + 1, offset)
    ents = pool(request).run(lambda s: s.entities(q, limit=8)) if offset == 0 else []
    hits, nxt = _pager(rows, offset)
    return render(request, "search.html", q=q, hits=hits, entities=ents, next_offset=nxt, offset=offset)


@router.get("/articles", response_class=HTMLResponse)
def article_list(request: Request, offset: PageOffset = 0, since: Since = None) -> HTMLResponse:
    """All articles, latest first; with ``since``, those that arrived since then."""
    after = since_checked(since)
    rows, nxt = _pager(pool(request).run(lambda s: s.articles(limit=PAGE + 1, offset=offset, since=after)), offset)
    return render(request, "articles.html", articles=rows, next_offset=nxt, offset=offset, since=after)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ItemId) -> HTMLResponse:
    """The text with its analysis highlighted, and the evidence beside it."""
    article = found(pool(request).run(lambda s: s.article(article_id)), "article")
    text = str(article.get("text") or "")

    def snippet(start: Any, end: Any, pad: int = 0) -> str:
        if not isinstance(start, int) or not isinstance(end, int):
            return ""
        return text[max(0, start - pad) : max(0, end + pad)]

    return render(
        request,
        "article.html",
        a=article,
        body=article_html(article),
        snippet=snippet,
        url=safe_url((article.get("source") or {}).get("url") or article.get("url")),
    )


@router.get("/entities", response_class=HTMLResponse)
def entity_list(
    request: Request,
    q: OptionalQuery = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    offset: PageOffset = 0,
) -> HTMLResponse:
    """Entities by mentions, filterable by name and type."""
    types = (type,) if type else ()
    rows = pool(request).run(lambda s: s.entities(q or None, types=types, limit=PAGE + 1, offset=offset))
    rows, nxt = _pager(rows, offset)
    return render(request, "entities.html", entities=rows, q=q or "", type=type or "", next_offset=nxt, offset=offset)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: ItemId) -> HTMLResponse:
    """The dossier: aliases, timeline, quotes, sources, co-occurring entities (the page is kept for a few
    seconds: ``RecentCache``)."""
    env, path = request.app.state.templates, request.url.path

    def build(s: Any) -> str | None:
        e = s.entity(entity_id)
        if e is None:
            return None
        shared = s.quotes(speaker=str(e.get("id") or entity_id), limit=21)
        timeline = [t for t in e.get("timeline") or () if isinstance(t, dict)]
        co = [c for c in e.get("co_occurring") or e.get("cooccurring") or e.get("related") or () if isinstance(c, dict)]
        return str(
            env.get_template("entity.html").render(
                request_path=path,
                e=e,
                timeline=timeline,
                shared_quotes=len(shared),
                cooccurring=co,
                timeline_chart=charts.timeline_chart(timeline),
                graph=charts.graph_chart(str(e.get("name") or entity_id), co) if co else None,
            )
        )

    html = recent(request, ("page", entity_id), build)
    if html is None:
        raise HTTPException(status_code=404, detail="no such entity")
    return HTMLResponse(html)


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, offset: PageOffset = 0) -> HTMLResponse:
    """Stories, biggest first."""
    rows, nxt = _pager(pool(request).run(lambda s: s.stories(limit=PAGE + 1, offset=offset)), offset)
    return render(request, "stories.html", stories=rows, next_offset=nxt, offset=offset)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: ItemId) -> HTMLResponse:
    """Articles by outlet and time, the original and its rewrites, independent sources."""
    story = found(pool(request).run(lambda s: s.story(story_id)), "story")
    arts = sorted(
        (a for a in story.get("articles") or () if isinstance(a, dict)),
        key=lambda a: (str(a.get("published") or "9999"), str(a.get("outlet") or "")),
    )
    edges = [e for e in story.get("provenance") or story.get("edges") or () if isinstance(e, dict)]
    return render(
        request,
        "story.html",
        s=story,
        articles=arts,
        by_id={str(a.get("id")): a for a in arts},
        edges=edges,
        chart=charts.story_chart(story),
        url=safe_url,
    )


@router.get("/quotes", response_class=HTMLResponse)
def quote_list(
    request: Request,
    speaker: OptionalQuery = None,
    story: Annotated[str | None, Query(max_length=200)] = None,
    altered: bool = False,
    offset: PageOffset = 0,
) -> HTMLResponse:
    """Quote groups, altered ones first; filterable by speaker, story, altered copies."""
    rows = pool(request).run(
        lambda s: s.quotes(speaker=speaker or None, story=story or None, altered=altered, limit=PAGE + 1, offset=offset)
    )
    rows, nxt = _pager(rows, offset)
    return render(
        request,
        "quotes.html",
        groups=rows,
        speaker=speaker or "",
        story=story or "",
        altered=altered,
        next_offset=nxt,
        offset=offset,
    )


@router.get("/quotes/{group_id}", response_class=HTMLResponse)
def quote_page(request: Request, group_id: ItemId) -> HTMLResponse:
    """A quote's first appearance, then each copy with its relation and its changes highlighted."""
    g = found(pool(request).run(lambda s: s.quote_group(group_id)), "quote group")
    return render(request, "quote.html", g=g)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The JSON API, listed from its own OpenAPI document (no external Swagger assets)."""
    spec = request.app.openapi()
    return render(request, "docs.html", spec=spec, tables=CSV_TABLES)


@router.get("/export/articles.jsonl")
def export_jsonl(request: Request) -> Response:
    """Every article in the analysis contract, one JSON object per line."""
    return _download(request, "jsonl", "articles", "articles.jsonl")


@router.get("/export/entities.graphml")
def export_graphml(request: Request) -> Response:
    """The entity co-occurrence graph for Gephi."""
    return _download(request, "graphml", "entities", "entities.graphml")


@router.get("/export/{table}.csv")
def export_csv(request: Request, table: ItemId) -> Response:
    """One table as CSV: articles, entities, quotes, sources, events or stories."""
    if table not in CSV_TABLES:
        raise HTTPException(status_code=404, detail=f"no such table; choose one of {', '.join(CSV_TABLES)}")
    return _download(request, "csv", table, f"{table}.csv")


def _download(request: Request, fmt: str, table: str, filename: str) -> Response:
    body = stream_export(request.app.state.open_store, fmt, table)
    headers = {"Content-Disposition": f'attachment; filename="dossier-{filename}"', "Cache-Control": "no-store"}
    return StreamingResponse(body, media_type=MEDIA_TYPES[fmt], headers=headers)


def safe_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL (rendered as a link), else None (rendered as text or not at all)."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    scheme = v.split(":", 1)[0].lower() if ":" in v else ""
    ok = scheme in ("http", "https") and v[len(scheme) : len(scheme) + 3] == "://" and len(v) < 4000
    return v if ok and not any(c in v for c in "\x00\r\n\t<>\"'` ") else None
