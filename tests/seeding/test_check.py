"""The data check on the real seed: no violation in the files, none in the loaded database."""

from __future__ import annotations

from sqlmodel import Session

from app.core.db import build_engine
from app.seeding.check import database_violations
from app.seeding.loader import check_folder
from tests.conftest import SEED_DIR


def test_the_seed_files_break_no_rule() -> None:
    assert check_folder(SEED_DIR) == []


def test_the_loaded_seed_breaks_no_rule(seeded_url: str) -> None:
    engine = build_engine(seeded_url)
    try:
        with Session(engine) as session:
            assert database_violations(session) == []
    finally:
        engine.dispose()
