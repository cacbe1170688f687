"""The write guard: ``Authorization: Bearer <key>`` with the ``write`` scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from app.auth.keys import verify
from app.core.db import WriteSessionDep
from app.core.errors import Forbidden, Unauthorized
from app.core.runtime import RuntimeDep
from app.models import ApiKey


def writer(
    runtime: RuntimeDep,
    session: WriteSessionDep,
    authorization: Annotated[
        str | None,
        Header(
            description="`Bearer <key>`; keys are made with `foedus keys create`.",
            examples=["Bearer fds_0a1b2c3d4e5f_..."],
        ),
    ] = None,
) -> ApiKey:
    settings = runtime.settings
    if settings.read_only or not settings.writes_enabled:
        raise Forbidden("writes are disabled on this server", parameter="Authorization")
    if not authorization:
        raise Unauthorized(
            "writes need an API key: Authorization: Bearer <key>", parameter="Authorization"
        )
    scheme, _, token = authorization.partition(" ")
    key = verify(session, token.strip()) if scheme.lower() == "bearer" else None
    if key is None:
        raise Unauthorized(
            "the API key is not valid (unknown, malformed or revoked)", parameter="Authorization"
        )
    if "write" not in key.scopes.split():
        raise Forbidden(f"the key {key.name!r} may not write", parameter="Authorization")
    return key


WriterDep = Annotated[ApiKey, Depends(writer)]
