"""One error hierarchy and one handler: every 4xx/5xx is RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.faults import Faults, reason_of
from app.core.methods import allowed

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5  # a database fault: when a client may ask again

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://foedus.dev/problems/"


class InvalidItem(BaseModel):
    parameter: str = Field(description="The offending parameter or body field, e.g. `query.at`.")
    message: str


class Candidate(BaseModel):
    code: str = Field(examples=["COG"])
    name: str = Field(examples=["Congo"])
    kind: str = Field(examples=["state"])


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=[f"{PROBLEM_BASE}invalid-parameter"])
    title: str = Field(examples=["Invalid parameter"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["at: '1995-02-30' is not a valid date: 1995-02 has no day 30"])
    instance: str | None = Field(default=None, examples=["/v1/organizations/csto/members"])
    parameter: str | None = Field(default=None, description="The parameter that was wrong.")
    errors: list[InvalidItem] | None = None
    suggestions: list[str] | None = Field(default=None, description="Close matches to try.")
    conflicting: str | None = Field(
        default=None, description="The existing record the change conflicts with."
    )
    candidates: list[Candidate] | None = Field(
        default=None, description="With 300: every record the name could mean; ask by its code."
    )


class FoedusError(Exception):
    """Base of every error the API answers on purpose."""

    status: int = 500
    slug: str = "internal-error"
    title: str = "Internal error"

    def __init__(self, detail: str, *, parameter: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.parameter = parameter
        self.extra = extra


class NotFound(FoedusError):
    status, slug, title = 404, "not-found", "Not found"

    def __init__(
        self, detail: str, *, parameter: str | None = None, suggestions: Sequence[str] = ()
    ) -> None:
        super().__init__(detail, parameter=parameter, suggestions=list(suggestions))


class Ambiguous(FoedusError):
    """A name that means more than one record: 300 Multiple Choices, never a guess."""

    status, slug, title = 300, "ambiguous", "More than one match"

    def __init__(
        self, detail: str, *, parameter: str | None = None, candidates: Sequence[Candidate] = ()
    ) -> None:
        super().__init__(
            detail,
            parameter=parameter,
            suggestions=[c.code for c in candidates],
            candidates=[c.model_dump() for c in candidates],
        )


class InvalidParameter(FoedusError):
    status, slug, title = 422, "invalid-parameter", "Invalid parameter"


class Unauthorized(FoedusError):
    status, slug, title = 401, "unauthorized", "Unauthorized"


class Forbidden(FoedusError):
    status, slug, title = 403, "forbidden", "Forbidden"


class PreconditionFailed(FoedusError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class PreconditionRequired(FoedusError):
    status, slug, title = 428, "precondition-required", "Precondition required"


class Conflict(FoedusError):
    """A write that breaks a rule of the data (overlap, lifetime): names the conflicting record."""

    status, slug, title = 422, "rule-violated", "The change breaks a rule of the data"


class ServiceUnavailable(FoedusError):
    status, slug, title = 503, "unavailable", "Service unavailable"


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting problem+json for these status codes."""
    return {code: {"model": Problem, "content": {PROBLEM_JSON: {}}} for code in codes}


def problem_response(
    request: Request, status: int, slug: str, title: str, detail: str, **fields: Any
) -> JSONResponse:
    body = Problem(
        type=PROBLEM_BASE + slug,
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        **fields,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON
    )


def _location(loc: Sequence[int | str]) -> str:
    return ".".join(str(part) for part in loc)


async def _foedus_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FoedusError)
    extra = {k: v for k, v in exc.extra.items() if v is not None}
    response = problem_response(
        request, exc.status, exc.slug, exc.title, exc.detail, parameter=exc.parameter, **extra
    )
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="foedus"'
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    items = [
        InvalidItem(parameter=_location(e["loc"]), message=str(e["msg"])) for e in exc.errors()
    ]
    first = items[0] if items else InvalidItem(parameter="request", message="invalid request")
    return problem_response(
        request,
        422,
        "invalid-parameter",
        "Invalid parameter",
        f"{first.parameter}: {first.message}",
        parameter=first.parameter,
        errors=items,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    response = problem_response(
        request, exc.status_code, phrase.lower().replace(" ", "-"), phrase, detail
    )
    if exc.headers:
        response.headers.update(exc.headers)
    if exc.status_code == 405:  # every method of the path, not those of one route
        response.headers["Allow"] = ", ".join(allowed(request.scope))
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem_response(
        request,
        500,
        "internal-error",
        "Internal error",
        "The server failed to answer; the error has been logged.",
    )


class DatabaseFaults:
    """The outermost of the app's layers: a database fault met anywhere inside (a route, the
    HTTP cache reading the release) is a 503 problem with its one-line reason, logged once
    (``app.core.faults``), never a 500 with a traceback."""

    def __init__(self, app: ASGIApp, *, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            reason = reason_of(exc)
            if reason is None or started:
                raise
            self.faults.met(reason)
            unavailable = ServiceUnavailable(reason)
            response = problem_response(
                Request(scope), 503, unavailable.slug, unavailable.title, reason
            )
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            await response(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FoedusError, _foedus_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
