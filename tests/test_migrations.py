"""Alembic is the schema's only source: it upgrades, downgrades, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

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


Rows = dict[str, tuple[list[str], set[tuple[object, ...]]]]


def rows_by_table(url: str) -> Rows:
    """Every table's columns and rows, to compare across schema versions."""
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            out = {}
            for name in inspect(connection).get_table_names():
                if name != "alembic_version":
                    result = connection.execute(text(f"SELECT * FROM {name}"))
                    out[name] = (list(result.keys()), {tuple(r) for r in result})
            return out
    finally:
        engine.dispose()


def project(rows: Rows, table: str, columns: list[str]) -> set[tuple[object, ...]]:
    names, values = rows[table]
    where = [names.index(c) for c in columns]
    return {tuple(v[i] for i in where) for v in values}


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config(settings_for("sqlite://")))
    return [r.revision for r in script.walk_revisions()][::-1]  # oldest first


# Rows an older schema cannot hold and its downgrade removes on purpose (see its migration).
LOSSY = {"0001": {"participation", "citation"}}


def test_every_revision_upgrades_a_populated_database_keeping_its_rows(
    databases: Databases, imported_template: str
) -> None:
    for revision in revisions()[:-1]:
        url = databases.new(template=imported_template)
        engine = build_engine(url)
        settings = settings_for(url)
        full = rows_by_table(url)
        try:
            migrations.downgrade(engine, settings, revision)
            old = rows_by_table(url)
            for table, (columns, kept) in old.items():
                assert kept <= project(full, table, columns), (revision, table)
                if table not in LOSSY.get(revision, set()):
                    assert kept == project(full, table, columns), (revision, table)
            migrations.upgrade(engine, settings)
            again = rows_by_table(url)
            assert set(again) == set(full)
            for table, (columns, kept) in old.items():  # the upgrade loses none of it
                assert project(again, table, columns) == kept, (revision, table)
        finally:
            engine.dispose()


def test_one_step_down_and_back_on_a_populated_database(
    databases: Databases, imported_template: str
) -> None:
    url = databases.new(template=imported_template)
    engine = build_engine(url)
    settings = settings_for(url)
    try:
        before = rows_by_table(url)
        migrations.downgrade(engine, settings, "-1")
        middle = rows_by_table(url)
        migrations.upgrade(engine, settings)
        after = rows_by_table(url)
    finally:
        engine.dispose()
    for table, (columns, _) in middle.items():  # every row the older schema holds comes back
        assert project(after, table, columns) == project(before, table, columns), table
        assert len(after[table][1]) == len(before[table][1]), table
