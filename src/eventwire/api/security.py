"""Request guards: bearer-token checks, same-origin writes, body size limits, security headers."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.settings import ServerSettings

# The dashboard needs nothing but its own origin: no inline script, no third-party asset.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


async def check_read(request: Request) -> None:  # async: a check needs no worker thread
    settings: ServerSettings = request.app.state.settings
    if settings.reads_need_token and not token_matches(settings.token or "", bearer(request)):
        raise HTTPException(401, "this server needs a bearer token for reads", {"WWW-Authenticate": "Bearer"})


async def check_write(request: Request) -> None:
    settings: ServerSettings = request.app.state.settings
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-origin writes are refused")
    if settings.token:
        if not token_matches(settings.token, bearer(request)):
            raise HTTPException(401, "writes need the bearer token (EVENTWIRE_TOKEN)", {"WWW-Authenticate": "Bearer"})
        return
    if not settings.anonymous_writes:
        raise HTTPException(
            403,
            "writes are disabled: start the server with EVENTWIRE_TOKEN set, or on loopback with "
            "--allow-anonymous-writes",
        )


class BodyTooLarge(StarletteHTTPException):
    """Raised while reading the body; an HTTP exception so request parsing passes it on as a 413."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body over the limit of {limit} bytes")


class GuardMiddleware:
    """Adds the security headers to every response and caps request bodies at ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(send_with_headers)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._too_large(send_with_headers)

    async def _too_large(self, send: Send) -> None:
        body = f'{{"detail":"request body over the limit of {self.max_body_bytes} bytes"}}'.encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
