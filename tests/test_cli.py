"""The foedus command: migrate, seed, and the first-start preparation that serve runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from app import cli
from app.core.db import build_engine
from app.core.settings import get_settings
from app.models import Membership
from app.seeding.loader import read_seed
from tests.conftest import DATASET_FILES, FIXTURE_SEED_DIR, SEED_DIR, SHARED_DATA, Databases

runner = CliRunner()


needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason="shared research data absent"
)


@pytest.fixture
def database(databases: Databases, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = databases.new()
    monkeypatch.setenv("FOEDUS_DATABASE_URL", url)
    monkeypatch.setenv("FOEDUS_SEED_DIR", str(SEED_DIR))
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def memberships(url: str) -> int:
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(Membership)).one()
    finally:
        engine.dispose()


def test_serve_prepares_the_database_then_serves(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[str] = []
    monkeypatch.setattr(cli.uvicorn, "run", lambda app, **_: served.append(app))
    first = runner.invoke(cli.cli, ["serve"])
    if database.startswith("postgresql"):  # never migrated on start: a step of the deployment
        assert (first.exit_code, served) == (1, [])
        assert first.output == (
            "the database is not migrated: run `python3 -m app.cli migrate` "
            "(then `python3 -m app.cli seed` for the shipped data)\n"
        )
        return
    assert (first.exit_code, served) == (0, ["app.main:app"])
    shipped = len(read_seed(SEED_DIR).organizations)
    assert first.output.startswith(f"seeded: {shipped} organizations")
    seeded = memberships(database)
    assert seeded == sum(len(f.memberships) for f in read_seed(SEED_DIR).organizations.values())
    again = runner.invoke(cli.cli, ["serve"])  # a second start keeps what is there
    assert (again.exit_code, again.output, served) == (0, "", ["app.main:app"] * 2)
    assert memberships(database) == seeded


def test_seed_command_loads_a_folder(database: str) -> None:
    result = runner.invoke(cli.cli, ["seed", "--seed-dir", str(FIXTURE_SEED_DIR)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("loaded: 2 organizations, 250 states, 9 memberships")
    assert memberships(database) == 9


def test_a_rejected_seed_exits_non_zero_and_says_why(database: str, tmp_path: Path) -> None:
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    path = broken / "organizations" / "oldpact.toml"
    path.write_text(path.read_text().replace('kind = "military_alliance"', 'kind = "club"'))
    result = runner.invoke(cli.cli, ["seed", "--seed-dir", str(broken)])
    assert result.exit_code == 1
    assert "seed rejected: oldpact.toml: organization.kind:" in result.output
    assert memberships(database) == 0


@pytest.mark.usefixtures("database")
def test_migrate_command() -> None:
    result = runner.invoke(cli.cli, ["migrate"])
    assert (result.exit_code, result.output) == (0, "database at head\n")


@pytest.mark.usefixtures("database")
def test_check_passes_on_a_clean_seed() -> None:
    result = runner.invoke(cli.cli, ["check", "--seed-dir", str(FIXTURE_SEED_DIR)])
    assert (result.exit_code, result.output) == (0, "no violations\n")


@pytest.mark.usefixtures("database")
def test_check_lists_every_violation_with_file_and_record(tmp_path: Path) -> None:
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    path = broken / "organizations" / "testpact.toml"
    text = path.read_text()
    text = text.replace('start = "2006-08-16"', 'start = "1998-01-01"')  # overlaps
    text = text.replace('end_event = "expiry"\nsources', 'end_event = "nowhere"\nsources', 1)
    text = text.replace(
        'date = "1992-05-15"\ntitle = "Test Pact signed"',
        'date = "1992"\ntitle = "Test Pact signed"',  # now less precise than the dates citing it
    )
    path.write_text(text)
    (broken / "organizations" / "oldpact.toml").write_text("not = [toml")
    result = runner.invoke(cli.cli, ["check", "--seed-dir", str(broken)])
    assert result.exit_code == 1
    more_precise = "is more precise than its event's date 1992 (event signature)"
    assert result.output.splitlines() == [
        "oldpact.toml: not valid TOML: Invalid value (at line 1, column 8)",
        f"testpact.toml: organization.founded: 1992-05-15 {more_precise}",
        f"testpact.toml: memberships[0] (state ARM, role member).start: 1992-05-15 {more_precise}",
        "testpact.toml: memberships[1] (state AZE, role member) events: unknown 'nowhere'",
        f"testpact.toml: memberships[3] (state UZB, role member).start: 1992-05-15 {more_precise}",
        f"testpact.toml: memberships[5] (state KAZ, role member).start: 1992-05-15 {more_precise}",
        "testpact.toml: memberships[4] (state UZB, role member): overlaps testpact.toml: "
        "memberships[3] (state UZB, role member) (member of testpact)",
        "7 violation(s)",
    ]


def test_check_finds_records_without_sources_in_the_database(
    fixture_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOEDUS_DATABASE_URL", fixture_url)
    get_settings.cache_clear()
    engine = build_engine(fixture_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM citation WHERE subject = 'event'"))
        connection.execute(
            text(
                "INSERT INTO citation (subject, subject_id, source_id) "
                "SELECT 'membership', 999999, id FROM source LIMIT 1"
            )
        )
    engine.dispose()
    result = runner.invoke(cli.cli, ["check", "--seed-dir", str(FIXTURE_SEED_DIR)])
    get_settings.cache_clear()
    assert result.exit_code == 1
    lines = result.output.splitlines()
    events = sum(f.read_text().count("[[events]]") for f in FIXTURE_SEED_DIR.rglob("*.toml"))
    assert sum(line.endswith("cites no source") for line in lines) == events  # every event
    assert "database: a citation points to missing membership 999999" in lines


@needs_shared_data
def test_import_then_reconcile_from_the_command_line(database: str) -> None:
    assert runner.invoke(cli.cli, ["seed"]).exit_code == 0
    atop = str(DATASET_FILES["atop-4.01"])
    first = runner.invoke(cli.cli, ["import", "atop-4.01", atop])
    again = runner.invoke(cli.cli, ["import", "atop-4.01", atop])
    assert (first.exit_code, first.output) == (
        0,
        "atop-4.01: imported, 2398 records, 0 rows skipped\n",
    )
    assert again.output == "atop-4.01: unchanged, 2398 records, 0 rows skipped\n"
    report = runner.invoke(cli.cli, ["reconcile", "csto"])
    assert report.exit_code == 0
    lines = report.output.splitlines()
    assert lines[0] == "cow-alliance-v4.1 (350): not imported"
    # Belarus's start and Uzbekistan's 2006-2012 end, and the start of each of the eight other
    # parties: ATOP dates their signatures, Foedus the treaty's entry into force (1994-04-20)
    assert lines[1] == "atop-4.01 (4220): 10 disagreement(s)"
    assert "UNEXPLAINED" not in report.output
    assert memberships(database) > 0


@needs_shared_data
@pytest.mark.usefixtures("database")
def test_import_refuses_a_bad_option_and_an_unknown_format() -> None:
    atop = str(DATASET_FILES["atop-4.01"])
    assert (
        runner.invoke(cli.cli, ["import", "atop-4.01", atop, "--on-error", "maybe"]).exit_code == 2
    )
    unknown = runner.invoke(cli.cli, ["import", "cow-wars", atop])
    assert unknown.exit_code == 1
    assert "unknown format 'cow-wars'" in unknown.output
