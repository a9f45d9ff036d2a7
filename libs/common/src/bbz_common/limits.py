"""Request limits in front of the API: body size (413) and media type (415), as problems, before any work.

Pure ASGI. A declared ``Content-Length`` above the limit is refused before the body is read; a body that
grows past the limit while it streams in (chunked) is refused while it is read, before the endpoint runs. A
request with a body must declare an accepted media type (JSON by default)."""

from __future__ import annotations

from fnmatch import fnmatchcase

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bbz_common.problems import problem_response

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def media_type_accepted(content_type: str, accepted: list[str]) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return bool(media_type) and any(fnmatchcase(media_type, pattern.lower()) for pattern in accepted)


class RequestLimitsMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, accepted_media_types: list[str]) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.accepted_media_types = accepted_media_types

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length_header = headers.get(b"content-length", b"").decode("latin-1").strip()
        chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
        try:
            length = int(length_header) if length_header else 0
        except ValueError:
            await self._refuse(scope, receive, send, 400, "Bad Request", "Content-Length is not a number.")
            return
        if length > self.max_body_bytes:
            await self._refuse(scope, receive, send, 413, "Content Too Large", self._too_large_detail())
            return
        has_body = length > 0 or chunked
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if has_body and not media_type_accepted(content_type, self.accepted_media_types):
            detail = (
                f"Media type {content_type.split(';', 1)[0].strip() or '(none)'!r} is not accepted; "
                f"send one of: {', '.join(self.accepted_media_types)}."
            )
            await self._refuse(scope, receive, send, 415, "Unsupported Media Type", detail)
            return
        received = 0
        limit = self.max_body_bytes
        detail = self._too_large_detail()

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, detail)
            return message

        await self.app(scope, counting_receive, send)

    def _too_large_detail(self) -> str:
        return f"The request body is larger than the limit of {self.max_body_bytes} bytes."

    @staticmethod
    async def _refuse(
        scope: Scope, receive: Receive, send: Send, status: int, title: str, detail: str, code: str | None = None
    ) -> None:
        response = problem_response(status, title, detail, code=code or title.lower().replace(" ", "_"))
        await response(scope, receive, send)
