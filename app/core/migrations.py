"""Running Alembic from code: the CLI, the server's first start and the tests use this."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from app.core.settings import Settings


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(settings.migrations_dir))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, settings: Settings, revision: str = "head") -> None:
    _run(engine, settings, command.upgrade, revision)


def downgrade(engine: Engine, settings: Settings, revision: str) -> None:
    _run(engine, settings, command.downgrade, revision)


def upgrade_on(connection: Connection, settings: Settings, revision: str = "head") -> None:
    """Upgrade inside the transaction ``connection`` is in (its foreign keys off on SQLite,
    see ``without_cascades``); committing is the caller's."""
    config = alembic_config(settings)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _run(
    engine: Engine, settings: Settings, step: Callable[[Config, str], None], revision: str
) -> None:
    config = alembic_config(settings)
    with engine.connect() as connection:
        without_cascades(connection)
        with connection.begin():
            config.attributes["connection"] = connection
            step(config, revision)


def without_cascades(connection: Connection) -> None:
    """SQLite's batch mode rebuilds a table by dropping it: with foreign keys on, the drop
    would cascade and empty every table that refers to it. Off for the migration's connection."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end the autobegun transaction before the migration's own


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision(settings: Settings) -> str:
    return _revisions(str(settings.migrations_dir))[0]


def known_revisions(settings: Settings) -> frozenset[str]:
    """Every revision this code's migrations know."""
    return _revisions(str(settings.migrations_dir))[1]


@lru_cache(maxsize=8)
def _revisions(location: str) -> tuple[str, frozenset[str]]:
    """The head and every revision of the migrations at ``location``, read from disk once (the
    code's migrations do not change while it runs; ``/healthz`` asks on every call)."""
    config = Config()
    config.set_main_option("script_location", location)
    scripts = ScriptDirectory.from_config(config)
    head = scripts.get_current_head()
    assert head is not None
    return head, frozenset(script.revision for script in scripts.walk_revisions())
