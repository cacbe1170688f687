"""Alembic is the schema's only source: it upgrades, downgrades, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.core import migrations
from app.core.db import build_engine
from app.models import metadata
from tests.conftest import Databases, settings_for


def test_upgrade_head_then_downgrade_base_then_upgrade_again(databases: Databases) -> None:
    url = databases.new()
    engine = build_engine(url)
    settings = settings_for(url)
    try:
        migrations.upgrade(engine, settings)
        assert migrations.current_revision(engine) == migrations.head_revision(settings)
        assert set(metadata.tables) <= set(inspect(engine).get_table_names())
        migrations.downgrade(engine, settings, "base")
        assert migrations.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrations.upgrade(engine, settings)
        assert migrations.current_revision(engine) == migrations.head_revision(settings)
    finally:
        engine.dispose()


def test_the_models_match_the_migrations(empty_url: str) -> None:
    engine = build_engine(empty_url)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert diff == []
