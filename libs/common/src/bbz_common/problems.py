"""RFC 9457 problem details for every error, 400 (never 422) for invalid input listing every invalid field."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from bbz_common.correlation import current_correlation_id

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger("bbz.problems")


class InvalidParam(BaseModel):
    name: str = Field(description="Path of the invalid field, dot-separated (e.g. `aanvrager.burgerservicenummer`).")
    code: str = Field(description="Machine-readable reason, e.g. `missing`, `extra_forbidden`, `bsn_invalid`.")
    reason: str = Field(description="Human-readable reason.")


class Problem(BaseModel):
    """RFC 9457 problem details, with Haal Centraal's `invalidParams` for field errors."""

    model_config = ConfigDict(populate_by_name=True)

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    code: str | None = None
    invalidParams: list[InvalidParam] | None = None
    correlationId: str | None = None


class ProblemError(Exception):
    """A domain error that becomes a problem response at the boundary."""

    status: int = 400
    title: str = "Bad Request"
    code: str = "bad_request"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        title: str | None = None,
        code: str | None = None,
        invalid_params: list[InvalidParam] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title
        if code is not None:
            self.code = code
        self.invalid_params = invalid_params
        self.headers = headers


class InvalidInput(ProblemError):
    status, title, code = 400, "Invalid input", "invalid_input"


class Unauthorized(ProblemError):
    status, title, code = 401, "Unauthorized", "unauthorized"


class Forbidden(ProblemError):
    status, title, code = 403, "Forbidden", "forbidden"


class NotFound(ProblemError):
    status, title, code = 404, "Not Found", "not_found"


class Conflict(ProblemError):
    status, title, code = 409, "Conflict", "conflict"


class UnprocessableState(ProblemError):
    """A valid request that the current state of the resource does not allow (e.g. four-eyes)."""

    status, title, code = 409, "Conflict with the state of the resource", "state_conflict"


class UpstreamUnavailable(ProblemError):
    status, title, code = 503, "Upstream unavailable", "upstream_unavailable"


_STATUS_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    request: Request | None = None,
    code: str | None = None,
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    document = problem_document(
        status,
        title,
        detail,
        code=code,
        invalid_params=invalid_params,
        instance=request.url.path if request is not None else None,
    )
    return JSONResponse(document, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def problem_document(
    status: int,
    title: str,
    detail: str,
    *,
    code: str | None = None,
    invalid_params: list[InvalidParam] | None = None,
    instance: str | None = None,
) -> dict[str, Any]:
    """The problem's JSON document, with the request's correlation id."""
    problem = Problem(
        title=title,
        status=status,
        detail=detail,
        code=code,
        instance=instance,
        invalidParams=invalid_params,
        correlationId=current_correlation_id(),
    )
    return problem.model_dump(exclude_none=True)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        origin = parts[0]
        parts = parts[1:]
        if origin != "body" and parts:
            return parts[0]
    return ".".join(parts) if parts else "body"


def invalid_params_from_errors(errors: Any) -> list[InvalidParam]:
    params: list[InvalidParam] = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        # Pydantic's union/function-validator tags ("function-after[...]") are noise in a field path.
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p and "]" in p)))
        name = "body" if error.get("type") == "json_invalid" else _field_name(loc)
        params.append(InvalidParam(name=name, code=str(error.get("type", "invalid")), reason=str(error.get("msg", ""))))
    return params


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    params = invalid_params_from_errors(exc.errors())
    names = ", ".join(sorted({p.name for p in params}))
    return problem_response(
        400,
        "Invalid input",
        f"{len(params)} invalid field(s): {names}",
        request=request,
        code="invalid_input",
        invalid_params=params,
    )


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(
        exc.status,
        exc.title,
        exc.detail,
        request=request,
        code=exc.code,
        invalid_params=exc.invalid_params,
        headers=exc.headers,
    )


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "Request failed"
    if exc.status_code == 404 and detail == "Not Found":
        detail = "The requested resource does not exist."
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        # Starlette names only the first route's methods; every route on this path counts (RFC 9110 15.5.6).
        allowed = _allowed_methods(request)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
    return problem_response(
        exc.status_code,
        _STATUS_TITLES.get(exc.status_code, "Error"),
        detail,
        request=request,
        headers=headers or None,
    )


def _allowed_methods(request: Request) -> list[str]:
    """The methods some route of this app answers on this path (asked of the routes, not of their internals)."""
    routes = request.app.router.routes
    return [
        method
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


async def _unhandled_handler(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled_error", error_type=type(exc).__name__, exc_info=exc)
    return problem_response(500, "Internal Server Error", "An unexpected error occurred.", request=request)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(ProblemError, _problem_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unhandled_handler)
