"""``foedus keys``: create, list and revoke API keys on the server's machine."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.auth.keys import create_key, revoke_key
from app.auth.repository import all_keys
from app.core import migrations
from app.core.db import build_engine
from app.core.settings import get_settings

keys_cli = typer.Typer(help="API keys for curators: create, list, revoke.", no_args_is_help=True)


def _keys_session() -> tuple[Session, Engine]:
    settings = get_settings()
    engine = build_engine(settings.database_url)
    migrations.upgrade(engine, settings)
    return Session(engine), engine


@keys_cli.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Who or what uses the key; it names audit entries.")],
    scope: Annotated[list[str], typer.Option(help="read (always) and/or write.")] = ["write"],  # noqa: B006
) -> None:
    """Create a key and print it once; only its hash is stored."""
    session, engine = _keys_session()
    try:
        key = create_key(session, name=name, scopes=scope)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    finally:
        session.close()
        engine.dispose()
    typer.echo(key)


@keys_cli.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key: it stops working at once."""
    session, engine = _keys_session()
    try:
        done = revoke_key(session, name=name)
    finally:
        session.close()
        engine.dispose()
    if not done:
        typer.echo(f"no live key named {name!r}", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"revoked {name}")


@keys_cli.command("list")
def keys_list() -> None:
    """Names, scopes and dates of every key (never the keys themselves)."""
    session, engine = _keys_session()
    try:
        for key in all_keys(session):
            state = f"revoked {key.revoked_at}" if key.revoked_at else "live"
            typer.echo(f"{key.name}\t{key.scopes}\tcreated {key.created_at}\t{state}")
    finally:
        session.close()
        engine.dispose()
