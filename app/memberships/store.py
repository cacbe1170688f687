"""Compiled organisations for the HTTP routes: kept per release in the app's memory."""

from __future__ import annotations

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.core.releases import request_release
from app.memberships.compiled import Compiled, CompiledOrganization, compile_organization
from app.organizations.service import resolve_organization


def _compile(engine: Engine, slug: str) -> CompiledOrganization:
    with Session(engine) as session:
        org = resolve_organization(session, slug=slug)  # a 404 with suggestions if unknown
        return compile_organization(session, org, detach=True)


async def compiled_organization(request: Request, slug: str) -> CompiledOrganization:
    """The organisation compiled at the current release: from memory, or compiled now."""
    release = await request_release(request.scope)
    store: Compiled = request.app.state.compiled
    key = slug.strip().lower()
    found = store.get(key, release)
    if found is None:
        found = await run_in_threadpool(_compile, request.app.state.engine, key)
        store.put(key, release, found)
    return found
