"""Unknown query parameters are refused, not ignored: ``members?att=1995`` is a 422 naming
``att`` and the nearest known name (``at``), never today's members with a 200.

The names a route knows are read once from its dependency tree (the parameters FastAPI itself
documents in the OpenAPI), so the rule holds for every route without a list kept by hand.
"""

from __future__ import annotations

import difflib

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.core.errors import InvalidItem, InvalidParameter

_KNOWN: dict[str, frozenset[str]] = {}  # by the route's unique id (name, path, method)


def _names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _names(sub)
    return names


def known_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` reads, its dependencies' included."""
    known = _KNOWN.get(route.unique_id)
    if known is None:
        known = _KNOWN[route.unique_id] = frozenset(_names(route.dependant))
    return known


def _nearest(name: str, known: frozenset[str]) -> str | None:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.5)
    return close[0] if close else None


def unknown_parameter(name: str, nearest: str | None, known: frozenset[str]) -> InvalidItem:
    hint = f"; did you mean {nearest!r}?" if nearest else ""
    listed = ", ".join(sorted(known)) or "none"
    return InvalidItem(
        parameter=f"query.{name}",
        message=f"unknown parameter {name!r}{hint} (this endpoint takes: {listed})",
    )


async def reject_unknown_parameters(request: Request) -> None:
    """A dependency of every API route: 422 naming each query parameter the route does not take."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = known_parameters(route)
    unknown = sorted({name for name in request.query_params if name not in known})
    if not unknown:
        return
    nearest = {name: _nearest(name, known) for name in unknown}
    items = [unknown_parameter(name, nearest[name], known) for name in unknown]
    raise InvalidParameter(
        "; ".join(item.message for item in items),
        parameter=unknown[0],
        errors=[item.model_dump() for item in items],
        suggestions=[hit for hit in nearest.values() if hit],
    )
