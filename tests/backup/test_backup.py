"""Backup and restore: a dump restored into an empty database dumps to the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.audit.recorder import audited
from app.backup.service import RestoreRefused, dump, restore
from app.core.db import build_engine
from app.core.settings import get_settings
from app.memberships.schemas import MembershipWrite, PeriodWrite
from app.memberships.writes import create
from tests.conftest import Databases


def test_a_restored_dump_is_identical(databases: Databases, imported_template: str) -> None:
    source_url = databases.new(template=imported_template)
    source = build_engine(source_url)
    with Session(source) as session:  # a curator's edit, so the audit holds more than the seed
        audited(session, actor="test", reason="backup test")
        create(
            session,
            MembershipWrite(
                organization="csto", state="SRB", period=PeriodWrite(start="2026-01"), sources=[1]
            ),
        )
        session.commit()
    first = list(dump(source))
    source.dispose()
    tables = {line.split('"table": "')[1].split('"')[0] for line in first[1:]}
    assert {"membership", "dataset_record", "audit_entry", "release", "source"} <= tables
    target = build_engine(databases.migrated())
    try:
        counts = restore(target, first)
        assert sum(counts.values()) == len(first) - 1
        assert list(dump(target)) == first
        with pytest.raises(RestoreRefused, match="not empty"):
            restore(target, first)
    finally:
        target.dispose()


def test_something_else_is_refused(empty_url: str) -> None:
    engine = build_engine(empty_url)
    try:
        with pytest.raises(RestoreRefused, match="not a Foedus dump"):
            restore(engine, ['{"hello": "world"}\n'])
        with pytest.raises(RestoreRefused, match="revision"):
            restore(engine, ['{"foedus_dump": 1, "revision": "0001"}\n'])
    finally:
        engine.dispose()


def test_dump_and_restore_from_the_command_line(
    databases: Databases, seeded_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    target = tmp_path / "foedus.ndjson"
    monkeypatch.setenv("FOEDUS_DATABASE_URL", seeded_url)
    get_settings.cache_clear()
    assert runner.invoke(cli.cli, ["dump", str(target)]).output == f"dumped to {target}\n"
    again = runner.invoke(cli.cli, ["restore", str(target)])
    assert (
        again.exit_code,
        again.output.startswith("restore refused: the database is not empty"),
    ) == (1, True)
    monkeypatch.setenv("FOEDUS_DATABASE_URL", databases.new())
    get_settings.cache_clear()
    restored = runner.invoke(cli.cli, ["restore", str(target)])
    get_settings.cache_clear()
    assert restored.exit_code == 0
    assert restored.output.startswith("restored ")
