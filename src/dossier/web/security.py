"""Secure defaults as ASGI middleware: response headers, Host checking, and the write guard.

Articles are hostile input, so the pages are built to be safe even if escaping ever failed:
the CSP forbids inline script, and only same-origin scripts/styles load.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY = 2_000_000
"""Largest request body accepted by a write endpoint, in bytes."""


def token_ok(expected: str | None, authorization: str | None) -> bool:
    """Whether ``Authorization: Bearer <token>`` carries the expected token (constant-time compare)."""
    if not expected or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8"))


def host_of(header: str) -> str:
    """The host part of a Host header (``[::1]:8000`` -> ``::1``, ``localhost:80`` -> ``localhost``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityMiddleware:
    """Adds security headers to every response; refuses unknown Host headers (DNS rebinding)
    and any non-GET request without the write token before its body is read."""

    def __init__(self, app: ASGIApp, *, token: str | None, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        self.token = token
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", ())}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        if self.allowed is not None and host_of(headers.get("host", "")) not in self.allowed:
            await _json(send_with_headers, 400, "unknown Host header: this server answers only to its own address")
            return
        if scope["method"] not in SAFE_METHODS:
            refusal = self._refuse_write(headers)
            if refusal:
                status, message, extra = refusal
                await _json(send_with_headers, status, message, extra)
                return
        if scope["method"] == "HEAD":  # answered as GET without the body (the routes declare GET only)
            await self.app({**scope, "method": "GET"}, receive, _without_body(send_with_headers))
            return
        await self.app(scope, receive, send_with_headers)

    def _refuse_write(self, headers: dict[str, str]) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        if not self.token:
            return 403, "read-only server: start it with --token (or $DOSSIER_TOKEN) to enable writes", []
        if not token_ok(self.token, headers.get("authorization")):
            return 401, "missing or wrong bearer token", [(b"www-authenticate", b'Bearer realm="dossier"')]
        length = headers.get("content-length")
        if length is None or not length.isdigit():
            return 411, "a Content-Length header is required", []
        if int(length) > MAX_BODY:
            return 413, f"request body over {MAX_BODY} bytes", []
        return None


def _without_body(send: Send) -> Send:
    """``send`` for a HEAD request: the GET response's status and headers, its body bytes dropped."""

    async def head_send(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return head_send


async def _json(send: Any, status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
