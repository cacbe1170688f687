"""Addresses the API writes into headers (``Link``, ``Location``), made one way.

Never from the request's ``Host`` header: relative references (RFC 8288 and RFC 9110 resolve
them against the address the client asked), so an answer is the same whatever host, scheme or
port it was asked at, behind a proxy or from a cache; or, when ``FOEDUS_PUBLIC_URL`` is set,
absolute under that configured address.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.types import Scope

from app.core.runtime import runtime_of


def public_base(scope: Scope) -> str:
    """The configured public address without its trailing slash, or "" (relative links)."""
    runtime = runtime_of(scope.get("app"))
    url = runtime.settings.public_url if runtime is not None else None
    return url.rstrip("/") if url else ""


def location(request: Request, name: str, **params: Any) -> str:
    """The address of the record a route named ``name`` reads (for ``Location``)."""
    path = request.app.url_path_for(name, **params)
    root: str = request.scope.get("root_path", "")
    return f"{public_base(request.scope)}{root}{path}"
