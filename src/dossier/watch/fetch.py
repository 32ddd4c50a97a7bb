"""HTTP for ``dossier watch`` (httpx): a User-Agent naming dossier, timeouts, retries with back-off for
transient failures, conditional GET (ETag / Last-Modified), robots.txt (``urllib.robotparser``) and a
per-host delay. The only network I/O of the package; the decisions it applies live in ``schedule``."""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..ingest.streams import MAX_BYTES
from .schedule import RETRY_DELAYS, HostDelay, transient

USER_AGENT = f"dossier/{__version__} (news watcher; +https://github.com/dossier-news/dossier)"
"""Sent with every request, so that a site can tell who is fetching and match ``User-agent: dossier`` rules."""

ROBOTS_TTL = 3600.0
"""Seconds a host's robots.txt is trusted before it is fetched again."""


class FetchError(Exception):
    """A fetch that failed after its retries; ``str()`` is a one-line reason."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: ``status`` 200 with ``content``, or 304 (not modified, no content)."""

    url: str
    """The final URL, after redirects."""
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


class Fetcher:
    """One HTTP client for a watch run. ``sleep`` waits (an interruptible ``Event.wait`` in the CLI);
    ``transport`` replaces the network in tests that need no server."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        delay: float = 1.0,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )
        self.hosts = HostDelay(delay)
        self.retry_delays = retry_delays
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.clock = clock
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when given validators), retrying transient failures; ``FetchError``
        when it still fails, or for a 4xx other than 429."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        last_reason = ""
        for attempt in range(len(self.retry_delays) + 1):
            if attempt:
                self.sleep(self.retry_delays[attempt - 1])
            self._polite(url)
            try:
                fetched = self._once(url, headers)
            except httpx.TimeoutException:
                last_reason = "timed out"
                continue
            except httpx.TooManyRedirects:
                raise FetchError("too many redirects") from None
            except httpx.HTTPError as exc:
                last_reason = f"connection failed ({type(exc).__name__})"
                continue
            if fetched.status in (200, 304):
                return fetched
            if transient(fetched.status):
                last_reason = f"HTTP {fetched.status}"
                continue
            raise FetchError(f"HTTP {fetched.status}", fetched.status)
        tries = len(self.retry_delays) + 1
        raise FetchError(f"{last_reason} ({tries} tries)")

    def _polite(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self.hosts.wait(host, self.clock())
        if wait > 0:
            self.sleep(wait)
        self.hosts.record(host, self.clock())

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        with self.client.stream("GET", url, headers=headers) as resp:
            body = bytearray()
            if resp.status_code == 200:
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"response larger than {self.max_bytes // (1024 * 1024)} MB")
            return Fetched(
                url=str(resp.url),
                status=resp.status_code,
                content=bytes(body),
                content_type=resp.headers.get("content-type", "").split(";")[0].strip().lower(),
                etag=resp.headers.get("etag"),
                last_modified=resp.headers.get("last-modified"),
            )

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets dossier fetch ``url``. Per RFC 9309: no robots.txt (4xx) allows all; a
        server error or an unreachable host disallows for now (retried later)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        now = self.clock()
        cached = self._robots.get(key)
        if cached is None or cached[0] <= now:
            cached = (now + ROBOTS_TTL, self._read_robots(key))
            self._robots[key] = cached
        rules = cached[1]
        if rules is None:
            self._robots[key] = (now + 60.0, None)  # unreachable: ask again in a minute, not an hour
            return False
        delay = rules.crawl_delay(USER_AGENT)
        if delay is not None:
            self.hosts.per_host[parts.netloc] = max(self.hosts.delay, float(delay))
        return rules.can_fetch(USER_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        self._polite(origin + "/robots.txt")
        try:
            fetched = self._once(origin + "/robots.txt", {})
        except (httpx.HTTPError, FetchError):
            return None
        if fetched.status >= 500:
            return None
        if fetched.status != 200:
            rules.parse([])  # no robots.txt: everything allowed
        else:
            rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules
