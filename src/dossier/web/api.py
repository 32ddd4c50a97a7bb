"""The JSON API under ``/api/``: paginated, bounded, described by the OpenAPI document."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..api import filter_confidence
from .security import token_ok
from .stores import ReadStore, RecentCache, StatsCache, StorePool

T = TypeVar("T")
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_QUERY = 200
MAX_ID = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1–{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
SearchQuery = Annotated[
    str, Query(min_length=1, max_length=MAX_QUERY, description="SQLite FTS5 query; a malformed one is read as words")
]
ItemId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]
"""An article, entity or story id in a path; routes take it as ``{name:path}`` since ids may hold ``/`` (URLs)."""

MinConfidence = Annotated[
    float,
    Query(ge=0.0, le=1.0, description="leave out quotes, entities and events less sure than this (0–1)"),
]


class _Open(BaseModel):
    """Records from the store: documented fields, extra ones passed through."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)


class ArticleSummary(_Open):
    """An article in a list (no text)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class SearchHit(ArticleSummary):
    """A full-text search hit with its snippet."""

    snippet: str | None = None
    rank: float | None = None


class ArticleRecord(_Open):
    """One article in the analysis contract (``model.Article.to_dict()``) plus story and global entity ids."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: list[str] = []
    language: str | None = None
    source: dict[str, Any] = {}
    body: list[list[int]] = []
    entities: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    timexes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    warnings: list[str] = []


class EntitySummary(_Open):
    """A global entity (merged across articles)."""

    id: str
    name: str
    type: str | None = None
    aliases: list[str] = []
    articles: Any = Field(default=None, description="articles naming it: a count, or their ids")
    mentions: int | None = None


class EntityDossier(_Open):
    """An entity's dossier: aliases, articles, timeline, quotes by and about it, sources, co-occurring entities."""

    name: str
    id: str | None = None
    type: str | None = None
    aliases: list[str] = []


class StorySummary(_Open):
    """One event covered across outlets: original, rewrites, independent sources, provenance."""

    id: str
    title: str | None = None
    articles: list[Any] = []
    first_published: str | None = None
    original: Any = Field(default=None, description="the original article: its id, or {article, outlet, basis}")
    outlets: list[Any] = []
    independent_sources: Any = Field(default=None, description="independent sources: their names, or a count")


class QuoteGroup(_Open):
    """The same statement across articles: its first appearance and each appearance's relation to it."""

    id: str
    text: str | None = None
    speaker: dict[str, Any] = Field(default={}, description="{name, entity}: the first appearance's speaker")
    first: dict[str, Any] = Field(default={}, description="{article, outlet, published} of the first appearance")
    appearances: list[dict[str, Any]] = Field(
        default=[],
        description="{article, outlet, published, text, speaker, relation, changes}; relation is first, verbatim, "
        "trimmed, altered, misattributed or paraphrase; changes [{op, from, to, number?}]",
    )


class Page(BaseModel, Generic[T]):
    """A page of items; ``next_offset`` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null when this is the last")


class ErrorBody(BaseModel):
    """Every error the API returns: a message, never a stack trace."""

    error: str
    status: int
    details: list[dict[str, Any]] | None = None


class IngestBody(BaseModel):
    """An article to analyse and store (write endpoint, needs the token)."""

    text: str = Field(min_length=1, max_length=500_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(
        default=None, max_length=40, description="ISO date (YYYY-MM-DD) or RFC 2822 date; stored as YYYY-MM-DD"
    )
    id: str | None = Field(default=None, max_length=MAX_ID)

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        """Read the date as the CLI does: ambiguous or impossible dates are refused with the reason."""
        from ..api import parse_published

        return parse_published(value)


class IngestResult(BaseModel):
    """What storing the article did."""

    id: str
    added: int
    updated: int
    skipped: int


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "no such item"}}
router = APIRouter(prefix="/api", tags=["api"], responses={422: {"model": ErrorBody, "description": "bad parameter"}})
_bearer = HTTPBearer(auto_error=False, description="the token given to `dossier serve --token`")
_write_lock = threading.Lock()


def pool(request: Request) -> StorePool:
    """The app's store pool."""
    p: StorePool = request.app.state.pool
    return p


SEARCH_SLOTS = 2
"""Full-text searches run at once; the others wait (up to ``SEARCH_WAIT`` s) so that heavy searches cannot
take every core from the page and item reads."""
SEARCH_WAIT = 15.0


def search_rows(request: Request, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """``Store.search`` through the search slots; 503 when none frees up in time."""
    slots: threading.BoundedSemaphore = request.app.state.search_slots
    if not slots.acquire(timeout=SEARCH_WAIT):
        raise HTTPException(status_code=503, detail="busy: too many searches at once, try again")
    try:
        return pool(request).run(lambda s: s.search(q, limit=limit, offset=offset))
    finally:
        slots.release()


def paged(rows: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """A page from ``limit + 1`` fetched rows (the extra row tells whether there is a next page)."""
    more = len(rows) > limit
    return {"items": rows[:limit], "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


def recent(request: Request, key: Any, read: Callable[[ReadStore], T]) -> T:
    """``read`` on the store, or its result from the last few seconds (``RecentCache``: a stale one is served
    while it is read again on a handle of its own)."""
    p: StorePool = pool(request)
    cache: RecentCache = request.app.state.recent
    return cache.get(key, lambda: p.run(read), lambda: p.once(read))


def found(item: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """``item`` or a 404."""
    if item is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return item


def stats(request: Request) -> dict[str, int]:
    """The store's counts (cached for a few seconds)."""
    cache: StatsCache = request.app.state.stats
    return cache.get(pool(request))


@router.get("/stats", response_model=dict[str, int], summary="Counts of what the store holds")
def api_stats(request: Request) -> dict[str, int]:
    """Articles, entities, mentions, quotes, sources, timexes, events, stories (at most 10 s old)."""
    return stats(request)


Since = Annotated[
    str | None,
    Query(max_length=40, description="only articles stored since this ISO 8601 date or time (UTC unless zoned)"),
]


def since_checked(since: str | None) -> str | None:
    """``since`` as given when it is a valid time (422 naming it otherwise)."""
    from ..store.queries import since_timestamp

    if since is None or not since.strip():
        return None
    try:
        since_timestamp(since)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return since


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles, latest first")
def api_articles(request: Request, limit: Limit = 50, offset: Offset = 0, since: Since = None) -> dict[str, Any]:
    """A page of articles (id, title, outlet, published, url, counts; no text); with ``since``, what arrived
    since then (by ``dossier watch``, an ingest or the API), the last to arrive first."""
    after = since_checked(since)
    return paged(pool(request).run(lambda s: s.articles(limit=limit + 1, offset=offset, since=after)), limit, offset)


@router.get(
    "/articles/{article_id:path}", response_model=ArticleRecord, responses=NOT_FOUND, summary="One article's analysis"
)
def api_article(request: Request, article_id: ItemId, min_confidence: MinConfidence = 0.0) -> dict[str, Any]:
    """The article in the analysis contract: text, entities with mentions, quotes, sources, timexes, events."""
    return filter_confidence(found(pool(request).run(lambda s: s.article(article_id)), "article"), min_confidence)


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search")
def api_search(request: Request, q: SearchQuery, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """FTS5 search over titles and texts, best first."""
    return paged(search_rows(request, q, limit + 1, offset), limit, offset)


@router.get("/entities", response_model=Page[EntitySummary], summary="Entities, most mentioned first")
def api_entities(
    request: Request,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="match names and aliases")] = None,
    type: Annotated[list[str] | None, Query(max_length=20, description="entity types, e.g. PERSON")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Global entities (merged across articles), optionally filtered by name/alias and type."""
    types = tuple(t[:40] for t in type or ())
    rows = pool(request).run(lambda s: s.entities(q or None, types=types, limit=limit + 1, offset=offset))
    return paged(rows, limit, offset)


@router.get(
    "/entities/{entity_id:path}", response_model=EntityDossier, responses=NOT_FOUND, summary="An entity's dossier"
)
def api_entity(request: Request, entity_id: ItemId, min_confidence: MinConfidence = 0.0) -> dict[str, Any]:
    """The dossier of the entity with this id (or best-matching name); kept for a few seconds."""
    got = recent(request, ("entity", entity_id), lambda s: s.entity(entity_id))
    return filter_confidence(found(got, "entity"), min_confidence)


@router.get("/stories", response_model=Page[StorySummary], summary="Stories, biggest first")
def api_stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories: one event covered by several articles, with original, outlets and independent sources (a page is
    kept for a few seconds)."""
    return paged(
        recent(request, ("stories", limit, offset), lambda s: s.stories(limit=limit + 1, offset=offset)), limit, offset
    )


@router.get("/stories/{story_id:path}", response_model=StorySummary, responses=NOT_FOUND, summary="One story")
def api_story(request: Request, story_id: ItemId) -> dict[str, Any]:
    """A story with its articles and provenance graph."""
    return found(pool(request).run(lambda s: s.story(story_id)), "story")


@router.get("/quotes", response_model=Page[QuoteGroup], summary="Quotes traced across articles")
def api_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=MAX_QUERY, description="entity name, alias or id")] = None,
    story: Annotated[str | None, Query(max_length=MAX_ID, description="story id")] = None,
    altered: Annotated[bool, Query(description="only groups with an altered or misattributed copy")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quote groups seen in two or more articles: first appearance, copies, their relation and changes."""
    rows = pool(request).run(
        lambda s: s.quotes(
            speaker=speaker or None, story=story or None, altered=altered, limit=limit + 1, offset=offset
        )
    )
    return paged(rows, limit, offset)


@router.get("/quotes/{group_id}", response_model=QuoteGroup, responses=NOT_FOUND, summary="One quote group")
def api_quote(request: Request, group_id: ItemId) -> dict[str, Any]:
    """A quote group with every appearance."""
    return found(pool(request).run(lambda s: s.quote_group(group_id)), "quote group")


@router.get("/timeline", response_model=Page[dict[str, Any]], summary="Events in date order")
def api_timeline(
    request: Request,
    entity: Annotated[str | None, Query(max_length=MAX_QUERY, description="entity name, alias or id")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """A page of dated events with their evidence sentence and article, optionally for one entity."""
    return paged(pool(request).run(lambda s: s.timeline(entity or None, limit=limit + 1, offset=offset)), limit, offset)


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writes need ``Authorization: Bearer <token>`` (the middleware checks it first; this documents it)."""
    expected: str | None = request.app.state.token
    given = f"Bearer {credentials.credentials}" if credentials else None
    if not token_ok(expected, given):
        raise HTTPException(status_code=401, detail="missing or wrong bearer token")


@router.post(
    "/ingest",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(require_token)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody}},
    summary="Analyse and store one article (needs the token)",
)
def api_ingest(request: Request, body: IngestBody) -> dict[str, Any]:
    """Runs the full analysis on the text and stores it; idempotent by content hash."""
    from ..api import ingest_document
    from ..model import Document

    doc = Document(
        text=body.text, id=body.id, title=body.title, url=body.url, outlet=body.outlet, published=body.published
    )
    # one writer at a time from this process (the analysis runs outside the lock); readers go on (WAL)
    article_id, result = ingest_document(doc, db=request.app.state.db_path, write_lock=_write_lock)
    return {"id": article_id, "added": result.added, "updated": result.updated, "skipped": result.skipped}
