"""The seed loader: idempotent, all-or-nothing, and precise about what is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.core.db import build_engine
from app.models import metadata
from app.seeding import writer
from app.seeding.loader import SeedError, load_seed, read_seed
from tests.conftest import FIXTURE_SEED_DIR, SEED_DIR


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(
                    tuple(row) for row in connection.execute(text(f"SELECT * FROM {table.name}"))
                )
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def load(url: str, seed_dir: Path) -> None:
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            load_seed(session, seed_dir)
    finally:
        engine.dispose()


def test_loading_twice_changes_nothing(seeded_url: str) -> None:
    before = snapshot(seeded_url)
    load(seeded_url, SEED_DIR)
    assert snapshot(seeded_url) == before
    seed = read_seed(SEED_DIR)
    assert len(before["membership"]) == sum(len(f.memberships) for f in seed.organizations.values())


def test_a_bad_record_aborts_the_whole_load(fixture_url: str, tmp_path: Path) -> None:
    before = snapshot(fixture_url)
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    path = broken / "organizations" / "testpact.toml"
    path.write_text(
        path.read_text().replace('title = "Test Pact signed"', 'title = "Renamed"')
        + "\n[[memberships]]\n"
        'state = "ARM"\nrole = "member"\nstart = "2030-02-30"\n'
        'end_status = "open"\nsources = ["fixture-source"]\n'
    )
    with pytest.raises(SeedError) as error:
        load(fixture_url, broken)
    assert str(error.value) == (
        "testpact.toml: memberships[8] (state ARM, role member).start: "
        "Value error, 2030-02 has no day 30"
    )
    assert snapshot(fixture_url) == before


def test_a_failure_while_writing_rolls_everything_back(
    fixture_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(fixture_url)
    changed = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, changed)
    path = changed / "organizations" / "testpact.toml"
    path.write_text(path.read_text().replace('title = "Test Pact signed"', 'title = "Renamed"'))

    def fail(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "write_links", fail)  # runs after every organization is written
    with pytest.raises(RuntimeError, match="disk full"):
        load(fixture_url, changed)
    assert snapshot(fixture_url) == before


CASES = [
    (
        'founded = "1992-05-15"',
        'founded = "1992-5-15"',
        "testpact.toml: organization.founded: Value error, '1992-5-15' is not a date of the form "
        "YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        'sources = ["fixture-source"]\n[organization.identifiers]',
        'sources = ["nowhere"]\n[organization.identifiers]',
        "testpact.toml: organization.sources: unknown 'nowhere'",
    ),
    (
        'end = "1999-04-20"\nend_status = "closed"\nend_event = "expiry"\n'
        'sources = ["fixture-source"]\nnotes = "Joined some day in 1993."',
        'end = "1992"\nend_status = "closed"\nsources = ["fixture-source"]',
        "testpact.toml: memberships[1] (state AZE, role member): Value error, the end (1992) "
        "is not after the start (1993)",
    ),
    (
        'start = "2006-08-16"',
        'start = "1998-01-01"',
        "testpact.toml: memberships[4] (state UZB, role member): overlaps testpact.toml: "
        "memberships[3] (state UZB, role member) (member of testpact)",
    ),
    (
        'state = "GEO"',
        'state = "XYZ"',
        "testpact.toml: memberships[2] (state XYZ, role member).state: unknown 'XYZ'",
    ),
    (
        'start = "2013-04"',
        'start = "1990"',
        "testpact.toml: memberships[7] (state SRB, role observer): the period lies outside the "
        "existence of organization testpact",
    ),
    (
        'role = "observer"\nstart = "2013-04"',
        'role = "emperor"\nstart = "2013-04"',
        "testpact.toml: memberships[7] (state SRB, role emperor).role: Input should be 'member', "
        "'associate_member', 'observer', 'partner' or 'dialogue_partner'",
    ),
    (
        'start = "2024-02"',
        'start = "1980"',
        "testpact.toml: memberships[0] (state ARM, role member).participation: frozen from 1980 "
        "lies outside the membership period",
    ),
    # the founding rule (app.temporal): an organisation exists from an event that can found it
    (
        'founded_event = "signature"  # in force on signature\n',
        "",
        "testpact.toml: organization.founded_event: name the event the organisation exists from",
    ),
    (
        'key = "signature"\ntype = "founding"',
        'key = "signature"\ntype = "signature"',
        "testpact.toml: organization.founded_event: signature is a signature; an organisation "
        "exists from one of entry_into_force, founding, summit",
    ),
    (
        'founded_event = "signature"  # in force on signature',
        'founded_event = "freeze"',
        "testpact.toml: organization.founded_event: freeze is a freeze; an organisation exists "
        "from one of entry_into_force, founding, summit",
    ),
    (
        'founded = "1992-05-15"\n',
        'founded = "1992-05-15"\nsigned = "1992-05-15"\n',
        "testpact.toml: organization.signed: 1992-05-15 is not before founded 1992-05-15",
    ),
    (
        'start = "1992-05-15"\nstart_event = "signature"',
        'start = "1992-05-15"\nstart_event = "signature"\nsigned = "1992-06"',
        "testpact.toml: memberships[0] (state ARM, role member).signed: 1992-06 is not before the "
        "start 1992-05-15",
    ),
    (
        'founded = "1992-05-15"\n',
        'founded = "1992-05-15"\nsigned = "1992-01-10"\n',
        "",  # a signature before the entry into force is no violation by itself
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), CASES)
def test_the_error_names_file_record_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    path = broken / "organizations" / "testpact.toml"
    original = path.read_text()
    assert old in original
    path.write_text(original.replace(old, new, 1))
    if not message:
        read_seed(broken)
        return
    with pytest.raises(SeedError) as error:
        read_seed(broken)
    assert str(error.value) == message


def test_a_membership_before_the_state_existed_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    path = broken / "organizations" / "oldpact.toml"
    path.write_text(path.read_text().replace('state = "SUN"', 'state = "ARM"'))
    with pytest.raises(SeedError, match=r"outside the existence of state ARM"):
        read_seed(broken)


def test_invalid_toml_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "seed"
    shutil.copytree(FIXTURE_SEED_DIR, broken)
    (broken / "states.toml").write_text("[[states]\n")
    with pytest.raises(SeedError, match=r"^states.toml: not valid TOML"):
        read_seed(broken)


def test_the_audit_trail_records_every_row_the_seed_inserts(seeded_url: str) -> None:
    """One release; per row of every curated table, one insert whose image is the row as
    stored (as a flush of model objects would record it), and no other entry."""
    from sqlmodel import select

    from app.audit.recorder import AUDITED, row_image
    from app.models import AuditEntry, Release

    engine = build_engine(seeded_url)
    try:
        with Session(engine) as session:
            (release,) = session.exec(select(Release)).all()
            entries = session.exec(select(AuditEntry)).all()
            assert {e.release_id for e in entries} == {release.id}
            assert release.changes == len(entries)
            assert {e.action for e in entries} == {"insert"}
            recorded = sorted((e.table_name, e.after or "") for e in entries)
            stored = sorted(
                (str(model.__tablename__), json.dumps(row_image(row), sort_keys=True))
                for model in AUDITED
                for row in session.exec(select(model)).all()
            )
    finally:
        engine.dispose()
    assert recorded == stored
    assert len(stored) > 5000


def test_a_missing_seed_folder_is_refused_not_loaded_empty(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match=r"^organizations/: no organisation file"):
        read_seed(tmp_path / "nowhere")
