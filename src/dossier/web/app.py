"""The web app: ``create_app`` builds it (tests call this), ``serve`` runs it (``dossier serve``).

Read-only by default: pages and the JSON API only read, through read-only connections.
Errors reach the client as a short message (JSON under /api/, a page elsewhere); the
details are logged here, on the server.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..render import readable_date
from . import api, charts, pages
from .highlight import headline, snippet_html
from .security import LOOPBACK_HOSTS, SecurityMiddleware
from .stores import RecentCache, StatsCache, StoreFactory, StorePool, readonly_factory

log = logging.getLogger("dossier.web")
HERE = Path(__file__).resolve().parent
JSON_PREFIXES = ("/api/", "/openapi.json", "/export/")


def templates() -> Environment:
    """The Jinja2 environment: autoescape on for every template, lenient about missing optional fields."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=ChainableUndefined, trim_blocks=True
    )
    env.filters["seg"] = lambda v: quote(str(v), safe="")
    env.filters["safe_url"] = pages.safe_url
    env.filters["snippet"] = snippet_html
    env.filters["headline"] = headline
    env.filters["count"] = charts.count
    env.filters["when"] = readable_date  # "PRESENT_REF" -> "now (date unknown)"
    env.filters["original_id"] = charts.original_id
    env.filters["edge_ends"] = lambda e: charts.edge_ends(e) if isinstance(e, dict) else None
    env.globals["version"] = __version__
    return env


def create_app(
    db_path: str,
    *,
    token: str | None = None,
    allowed_hosts: Iterable[str] | None = None,
    store_factory: StoreFactory | None = None,
) -> FastAPI:
    """The ASGI app over the store at ``db_path``.

    ``token`` enables the write endpoint for requests bearing it; ``allowed_hosts`` restricts the Host
    header (``serve`` sets it to the loopback names when bound to loopback); ``store_factory`` replaces
    the real read-only store (tests pass an in-memory stand-in).
    """
    open_store = store_factory or readonly_factory(db_path)
    store_pool = StorePool(open_store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store_pool.close()

    app = FastAPI(
        title="dossier",
        version=__version__,
        summary="News turned into checkable knowledge: entities, quotes, sources, time, events, stories.",
        description="Read-only JSON API over a dossier store. Lists are paginated with `limit` (1–100) and "
        "`offset`; `next_offset` is null on the last page. Errors are `{error, status}`.",
        docs_url=None,  # the default Swagger/ReDoc pages load scripts from a CDN; /docs is served locally
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.pool = store_pool
    app.state.stats = StatsCache()
    app.state.recent = RecentCache()
    app.state.search_slots = threading.BoundedSemaphore(api.SEARCH_SLOTS)
    app.state.open_store = open_store
    app.state.db_path = db_path
    app.state.token = token or None
    app.state.templates = templates()
    app.add_middleware(SecurityMiddleware, token=token or None, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def _error(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"error": message, "status": status}
        if details is not None:
            body["details"] = details
        return JSONResponse(body, status_code=status)
    try:
        return pages.render(request, "error.html", status=status, status_code=status, message=message, details=details)
    except Exception:  # the error page itself failed: plain text, still no trace
        log.exception("error page failed")
        return Response(message, status_code=status, media_type="text/plain")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        response = _error(request, exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # where and why only: echoing the rejected input back is of no use and could be huge
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5])
        return _error(request, 422, f"invalid request: {summary}", details)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return _error(request, 500, "internal error: the server could not answer this request (details are logged)")


SERVE_ENV = "DOSSIER_SERVE_SETTINGS"
"""How ``serve`` hands its settings to the worker processes uvicorn starts (JSON: db, token, allowed hosts)."""


def app_from_env() -> FastAPI:
    """The app of one worker process of ``dossier serve --workers N`` (uvicorn's factory; settings from
    ``SERVE_ENV``)."""
    import json
    import os

    settings = json.loads(os.environ[SERVE_ENV])
    return create_app(settings["db"], token=settings.get("token"), allowed_hosts=settings.get("allowed_hosts"))


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1) -> None:
    """Run the web UI and JSON API over ``db`` until interrupted (``dossier serve``).

    ``workers > 1`` runs that many server processes on the one port (uvicorn's process manager): Python runs
    one request at a time per process (the GIL), so one process uses one core however many threads it has.
    """
    import uvicorn

    from ..store import Store

    Store(db, readonly=True).close()  # fail now, with the store's own message, if the file is not a store
    loopback = host in LOOPBACK_HOSTS or host.startswith("127.")
    allowed = (*LOOPBACK_HOSTS, host) if loopback else None
    if not loopback:
        log.warning("dossier serve: listening on %s, reachable from other machines", host)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    mode = "read-write (token set)" if token else "read-only"
    shown = f"[{host}]" if ":" in host else host
    procs = f", {workers} processes" if workers > 1 else ""
    print(f"dossier: serving {db} on http://{shown}:{port}/ ({mode}{procs}); Ctrl-C stops", file=sys.stderr)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "server_header": False,
        "proxy_headers": False,
    }
    if workers > 1:
        import json
        import os

        os.environ[SERVE_ENV] = json.dumps({"db": db, "token": token, "allowed_hosts": allowed and list(allowed)})
        _serve_processes(uvicorn.Config("dossier.web.app:app_from_env", factory=True, workers=workers, **options))
        return
    app = create_app(db, token=token, allowed_hosts=allowed)
    uvicorn.run(app, **options)


def _serve_processes(config: Any) -> None:
    """uvicorn's process manager over one listening socket, with Nagle's algorithm off on it (Linux passes
    ``TCP_NODELAY`` on to the accepted connections). uvicorn binds that socket without naming the TCP
    protocol, so asyncio does not switch Nagle off per connection as it does for one process: a response
    written in two parts then waited for the client's delayed ACK, 40 ms a request (measured: /api/stats
    6 ms with one process, 48 ms with two, before this)."""
    import socket

    from uvicorn.supervisors import Multiprocess

    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()
