"""The app factory. ``app.main:app`` is what uvicorn serves; nothing connects at import."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import anyio
from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from app.ask.router import router as ask_router
from app.audit.router import router as audit_router
from app.audit.snapshot import Snapshots
from app.core.admission import Admission, Lanes
from app.core.db import build_engine
from app.core.errors import DatabaseFaults, install_error_handlers
from app.core.faults import Faults
from app.core.httpcache import Answers, HTTPCache
from app.core.limits import LimitsMiddleware
from app.core.methods import HeadAsGet
from app.core.observe import observe
from app.core.openapi import complete
from app.core.releases import ReleaseClock
from app.core.runtime import Runtime
from app.core.security import SecurityHeadersMiddleware
from app.core.settings import Settings, get_settings
from app.core.startup import StartupError, prepare_database, starts_anywhere
from app.core.strictparams import reject_unknown_parameters
from app.events.router import router as events_router
from app.explain.router import router as explain_router
from app.explorer.router import router as explorer_router
from app.exports.router import router as exports_router
from app.health.router import router as health_router
from app.memberships.router import router as memberships_router
from app.memberships.store import Index
from app.organizations.router import router as organizations_router
from app.sources.router import router as sources_router
from app.states.router import router as states_router

DESCRIPTION = """
Time-aware, sourced facts about alliances and international organisations.

Dates are reduced ISO 8601 (`1993`, `1993-12`, `1993-12-31`); a reduced date means *some day*
in that year or month. Membership periods are half-open: a state that left on D is not a member
on D. Answers are three-valued: **certain**, **possible** (only because a bound is imprecise, with
the reason), or absent. Every membership and event carries its sources.

Try: `GET /v1/organizations/csto/members?at=1995-06-01`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API for ``settings`` (default: the environment's ``FOEDUS_*``)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = build_engine(
            settings.database_url,
            echo=settings.echo_sql,
            read_only=settings.read_only,
            pool_size=settings.max_in_flight + settings.max_past_in_flight + 8,
        )
        index: Index | None = None
        try:
            # migrated and seeded (SQLite), or a StartupError naming the command to run
            await anyio.to_thread.run_sync(prepare_database, engine, settings)
            clock = ReleaseClock(engine, ttl=settings.release_ttl_seconds)
            index = Index(
                engine,
                clock,
                single_memberships=settings.compiled_memberships,
                kept=settings.kept_entries,
            )
            try:  # warm before the first request
                await anyio.to_thread.run_sync(partial(index.build, raising=True))
            except Exception as exc:  # data that cannot be compiled cannot be answered from
                raise StartupError.of("compiling the organisations failed", exc) from exc
            # the compiled organisations live as long as the process: out of the collector's
            # reach, a full collection no longer walks them (measured with `python3 -m bench
            # --sizes shipped --scenarios random,state`: p99 206 -> 93 ms, req/s unchanged)
            gc.freeze()
            app.state.runtime = Runtime(
                settings=settings,
                engine=engine,
                clock=clock,
                index=index,
                answers=Answers(settings.cache_bytes),
                snapshots=Snapshots(),
                admission=Lanes.of(settings),
            )
            yield
        finally:
            # what this run kept in memory goes with it, even if something outlives the app
            app.state.runtime = None
            if index is not None:
                index.stop()
            engine.dispose()

    # Swagger UI and ReDoc from assets shipped in a package: the docs work with no network.
    app = FastAPIOffline(
        title="Foedus",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        swagger_ui_parameters={"tryItOutEnabled": True},
        telemetry={
            "tracing": settings.telemetry,
            "metrics": settings.telemetry,
            "logs": settings.telemetry,
        },
    )
    install_error_handlers(app)
    # what requests met of the database, and when /healthz checks it (``app.core.faults``)
    app.state.faults = faults = Faults(settings.health_check_seconds)
    app.add_middleware(Admission)
    app.add_middleware(
        LimitsMiddleware,
        max_query=settings.max_query_chars,
        max_body=settings.max_body_bytes,
        max_headers=settings.max_headers,
        max_header_bytes=settings.max_header_bytes,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    # Outside the limits and headers: a kept answer passed them when it was made and is
    # replayed as it was sent, headers included. ETag, 304 and Cache-Control are set here too.
    app.add_middleware(
        HTTPCache,
        max_age=settings.http_max_age,
        stale_while_revalidate=settings.http_stale_while_revalidate,
    )
    if settings.cors_origins:  # off unless origins are named
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["If-None-Match"],
            expose_headers=["ETag", "Link"],
        )
    app.add_middleware(HeadAsGet)  # a HEAD is the GET, every layer included
    app.add_middleware(DatabaseFaults, faults=faults)  # a database fault anywhere is a 503
    # Outermost: the access log and the metrics see what was sent (a HEAD as a HEAD, with no
    # body), cache hits and 304s included, a database fault's 503, and the 500 of an error
    # escaping every layer.
    observe(app, settings)
    # every API route refuses a query parameter it does not take (422 naming it)
    v1 = APIRouter(prefix="/v1", dependencies=[Depends(reject_unknown_parameters)])
    for router in (
        memberships_router,  # the questions asked most are matched first
        organizations_router,
        states_router,
        events_router,
        sources_router,
        audit_router,
        exports_router,
        ask_router,
        explain_router,
    ):
        v1.include_router(router)
    app.include_router(v1)
    app.include_router(health_router)
    app.include_router(explorer_router)
    generate = app.openapi
    app.openapi = lambda: complete(generate())  # type: ignore[method-assign]
    starts_anywhere(app)  # the lifespan runs under a server, or else before the first request
    return app


app = create_app()
