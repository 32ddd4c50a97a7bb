"""When to try again (pure): the retry delays inside one fetch, the back-off of a failing feed or page
across polls, and the per-host politeness delay. Times are plain floats passed in (no clock reads)."""

from __future__ import annotations

from dataclasses import dataclass, field

RETRY_DELAYS = (1.0, 2.0, 4.0)
"""Seconds to wait before each retry of a transient failure (connection error, timeout, 429, 5xx) within
one fetch: three retries, then the fetch fails and is retried on a later poll (``backoff``)."""

BACKOFF_BASE = 60.0
"""A feed or page that failed is retried after this many seconds, doubling with each further failure…"""

BACKOFF_CAP = 6 * 3600.0
"""…up to this (a feed that is down for a day is still tried every few hours)."""

MAX_PAGE_ATTEMPTS = 8
"""A page that failed this many polls in a row is given up (marked failed for good, reported once)."""


def backoff(failures: int, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds to wait after ``failures`` consecutive failures (1 -> base, 2 -> 2 x base, ... up to cap)."""
    if failures <= 0:
        return 0.0
    return min(cap, base * 2.0 ** (failures - 1))


def transient(status: int) -> bool:
    """Whether an HTTP status is worth retrying soon (rate limits and server errors, not 404)."""
    return status == 429 or status >= 500


@dataclass(slots=True)
class HostDelay:
    """At most one request per ``delay`` seconds to each host (``Crawl-delay`` from robots.txt may raise it)."""

    delay: float = 1.0
    last: dict[str, float] = field(default_factory=dict)
    per_host: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str, now: float) -> float:
        """Seconds to wait before the next request to ``host`` at time ``now``."""
        if host not in self.last:
            return 0.0
        return max(0.0, self.last[host] + self.per_host.get(host, self.delay) - now)

    def record(self, host: str, now: float) -> None:
        """A request to ``host`` went out at ``now``."""
        self.last[host] = now
