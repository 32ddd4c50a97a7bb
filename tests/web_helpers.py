"""Helpers for the web tests: hostile inputs, a store built through the real API, a live server, a browser."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed-article.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Each payload would set window.__xss or open a dialog if it ever ran.
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=alert(1)>",
    '</span></div><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:window.__xss=1">click</a>',
    "{{ 7*7 }}${7*7}<style>body{display:none}</style>",
)
JS_URL = "javascript:window.__xss=1"


def hostile_jsonl(path: Path) -> Path:
    """Articles whose title, outlet, url and body are attacks, as a JSONL input file for ``ingest``."""
    rows = [
        {
            "id": f"hostile-{i}",
            "title": f"Headline {p}",
            "outlet": f"Outlet {p}",
            "url": JS_URL if i % 2 == 0 else f"https://example.org/{i}?q={p}",
            "published": "2023-03-02",
            "text": f"Vladimir Putin said on Monday that “{p} is nothing” in Moscow. {p}\n"
            f"The statement {p} was reported by Reuters. Artem Zinchenko said: “{p}”",
        }
        for i, p in enumerate(PAYLOADS)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def hostile_record() -> Any:
    """A hand-built Article with a payload in every field the pages show (names, quotes, speakers,
    sources, timexes, events, warnings), with offsets that cut through the payloads."""
    import dossier.model as m
    from dossier.engine import content_hash

    p = PAYLOADS
    text = f"{p[0]} said “{p[1]}” to {p[2]} on {p[3]} in {p[4]}. {p[5]}"

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    a, b, c, d, e = (span(x) for x in p[:5])
    ent = m.Entity("E1", p[0], "PERSON<x>", aliases=(p[1],), mentions=(m.Mention(*a, p[0]),))
    ent2 = m.Entity("E2", p[2], 'ORG" onmouseover="window.__xss=1', mentions=(m.Mention(c[0] + 3, c[1] - 2, p[2]),))
    quote = m.Quote(p[1], b[0] - 1, b[1] + 1, "direct", m.Speaker(p[2], "E2", *a), p[3], 0.9, a[1] + 1, a[1] + 5, p[4])
    source = m.Source(p[4], "reported_by", p[4], *e)
    timex = m.Timex(p[3], *d, "DATE", p[5])
    event = m.Event(
        p[0], p[1], p[2], *c, text, m.EventDate(p[3], "2023-03-02"), (m.Participant(p[4], p[5], "E1"),), p[2], 0.5
    )
    return m.Article(
        id="hostile-record",
        source={"url": JS_URL},
        title=p[0] + p[1],
        outlet=p[2],
        authors=(p[3],),
        published="2023-03-03",
        language="en",
        text=text,
        body=((0, len(text) - 10),),
        entities=(ent, ent2),
        quotes=(quote,),
        sources=(source,),
        timexes=(timex,),
        events=(event,),
        warnings=(p[4],),
        content_hash=content_hash(text),
    )


def build_store(db: Path, work: Path) -> Path:
    """A real store: the seed and the hostile JSONL ingested through ``dossier.api.ingest`` (the real
    readers and analysis), plus the hand-built hostile record written through ``Store.write``."""
    from dossier.api import ingest
    from dossier.store import Store

    report = ingest([str(SEED), str(hostile_jsonl(work / "hostile.jsonl"))], db=str(db), workers=1)
    assert report.failed == 0, report
    with Store(str(db)) as store:
        store.write([hostile_record()])
    return db


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run ``app`` under a real uvicorn on 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
